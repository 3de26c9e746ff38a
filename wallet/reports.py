"""Reads for the daily report and the stuck-work check (selectors, no writes)."""

from decimal import Decimal

from django.db import connection
from django.db.models import Count, Q, Sum

from wallet.currencies import amount_format
from wallet.models import Bet, Provider, Ticket, Transaction

K = Transaction.Kind
ZERO = Decimal(0)
PROVIDERS = [Provider.HYPETECH, Provider.BETSTACK]

_BALANCES_AT_SQL = """
SELECT w.currency, w.total - COALESCE(later.amount, 0)
FROM (SELECT currency, SUM(balance) AS total FROM wallet_wallet GROUP BY currency) w
LEFT JOIN (SELECT currency, SUM(amount) AS amount FROM wallet_transaction
           WHERE created_at >= %s GROUP BY currency) later
  ON later.currency = w.currency
ORDER BY w.currency
"""
_OPEN_TICKETS_AT_SQL = """
SELECT t.currency, COUNT(*), COALESCE(SUM(t.debited), 0)
FROM wallet_ticket t JOIN (
    SELECT ticket_id, to_status, ROW_NUMBER() OVER (
        PARTITION BY ticket_id ORDER BY created_at DESC, id DESC) AS position
    FROM wallet_ticketevent WHERE created_at < %s
) last_event ON last_event.ticket_id = t.id AND last_event.position = 1
WHERE last_event.to_status IN ('open', 'reserved')
GROUP BY t.currency
"""


def daily_activity(start, end) -> list[dict]:
    """Bets, refunds, wins, GGR and players per provider and currency."""
    rows = (
        Transaction.objects.filter(
            created_at__gte=start, created_at__lt=end, provider__in=PROVIDERS
        )
        .values("provider", "currency")
        .annotate(
            stakes=Sum("amount", filter=Q(kind=K.BET), default=ZERO),
            refunds=Sum(
                "amount", filter=Q(kind__in=[K.ROLLBACK, K.REFUND]), default=ZERO
            ),
            wins=Sum(
                "amount",
                filter=Q(kind__in=[K.WIN, K.VOID, K.SETTLEMENT_ROLLBACK]),
                default=ZERO,
            ),
            players=Count("wallet", distinct=True),
        )
        .order_by("provider", "currency")
    )
    report = []
    for row in rows:
        currency, bets = row["currency"], -row["stakes"]
        ggr = bets - row["refunds"] - row["wins"]
        report.append(
            {
                "provider": row["provider"],
                "currency": currency,
                "bets": amount_format(bets, currency),
                "refunds": amount_format(row["refunds"], currency),
                "wins": amount_format(row["wins"], currency),
                "ggr": amount_format(ggr, currency),
                "players": row["players"],
            }
        )
    return report


def liability_at(end) -> list[dict]:
    """What the operator owes players at ``end``: balances, open bets and tickets."""
    with connection.cursor() as cursor:
        cursor.execute(_BALANCES_AT_SQL, [end])
        balances = dict(cursor.fetchall())
        cursor.execute(_OPEN_TICKETS_AT_SQL, [end])
        tickets = {currency: (count, debited) for currency, count, debited in cursor}
    bets = {
        row["wallet__currency"]: row
        for row in Bet.objects.filter(created_at__lt=end)
        .exclude(status=Bet.Status.TOMBSTONE)
        .filter(Q(resolved_at__isnull=True) | Q(resolved_at__gte=end))
        .values("wallet__currency")
        .annotate(
            count=Count("pk"),
            stakes=Sum("amount", filter=Q(is_free=False), default=ZERO),
        )
    }
    report = []
    for currency in sorted(set(balances) | set(bets) | set(tickets)):
        bet = bets.get(currency, {"count": 0, "stakes": ZERO})
        ticket_count, ticket_money = tickets.get(currency, (0, ZERO))
        report.append(
            {
                "currency": currency,
                "balances": amount_format(
                    Decimal(balances.get(currency) or 0), currency
                ),
                "open_bets": bet["count"],
                "open_bet_stakes": amount_format(bet["stakes"], currency),
                "open_tickets": ticket_count,
                "open_ticket_stakes": amount_format(Decimal(ticket_money), currency),
            }
        )
    return report


def stuck_work(*, bets_before, tickets_before) -> list[dict]:
    """Bets open since ``bets_before``; tickets unsettled since ``tickets_before``."""
    found = [
        {
            "kind": "bet",
            "id": bet.reference,
            "player": bet.wallet.player.user_id,
            "status": bet.status,
            "since": bet.created_at.isoformat(),
            "amount": amount_format(bet.amount, bet.wallet.currency),
            "currency": bet.wallet.currency,
        }
        for bet in Bet.objects.filter(
            status=Bet.Status.OPEN, created_at__lt=bets_before
        )
        .select_related("wallet__player")
        .order_by("created_at")[:10_000]
    ]
    found += [
        {
            "kind": "ticket",
            "id": ticket.ticket_id,
            "player": ticket.player.user_id if ticket.player else "",
            "status": ticket.status,
            "since": ticket.created_at.isoformat(),
            "amount": amount_format(ticket.debited, ticket.currency or "USD"),
            "currency": ticket.currency,
        }
        for ticket in Ticket.objects.filter(
            status__in=[Ticket.Status.OPEN, Ticket.Status.RESERVED],
            created_at__lt=tickets_before,
        )
        .select_related("player")
        .order_by("created_at")[:10_000]
    ]
    return found
