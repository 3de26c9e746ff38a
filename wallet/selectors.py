"""Reads of wallet data; nothing here writes."""

from dataclasses import dataclass

from django.db import connection
from django.utils import timezone

from wallet.currencies import amount_format
from wallet.invariants import domain_violations
from wallet.models import Bet, Player, PlayerToken, Ticket, Wallet


@dataclass(frozen=True)
class LedgerViolation:
    invariant: int
    wallet_id: int
    detail: str


_BALANCE_SQL = """
SELECT w.id, w.balance, COALESCE(SUM(t.amount), 0), w.last_sequence, COUNT(t.id)
FROM wallet_wallet w LEFT JOIN wallet_transaction t ON t.wallet_id = w.id
WHERE w.id BETWEEN %(first)s AND %(last)s
GROUP BY w.id, w.balance, w.last_sequence
HAVING w.balance <> COALESCE(SUM(t.amount), 0) OR w.last_sequence <> COUNT(t.id)
ORDER BY w.id
"""

_CHAIN_SQL = """
SELECT wallet_id, id, sequence, amount, balance_after, previous, position FROM (
    SELECT id, wallet_id, sequence, amount, balance_after,
           LAG(balance_after) OVER ordered AS previous,
           ROW_NUMBER() OVER ordered AS position
    FROM wallet_transaction
    WHERE wallet_id BETWEEN %(first)s AND %(last)s
    WINDOW ordered AS (PARTITION BY wallet_id ORDER BY sequence)
) chained
WHERE balance_after <> COALESCE(previous, 0) + amount OR sequence <> position
ORDER BY wallet_id, sequence
"""

_NEGATIVE_SQL = """
SELECT wallet_id, id, balance_after FROM wallet_transaction
WHERE wallet_id BETWEEN %(first)s AND %(last)s
  AND balance_after < 0 AND amount < 0 AND NOT flagged
ORDER BY wallet_id, sequence
"""

_TRIGGER_SQL = """
SELECT COUNT(*) FROM pg_trigger
WHERE tgname = 'wallet_transaction_append_only' AND tgenabled <> 'D'
"""


_SQLITE_TRIGGER_SQL = """
SELECT COUNT(*) FROM sqlite_master WHERE type = 'trigger'
  AND name IN ('wallet_transaction_no_update', 'wallet_transaction_no_delete')
"""


def ledger_violations(*, first_wallet: int = 0, last_wallet: int = 2**62):
    """Yield every breach of the ledger invariants of wallet.models, streamed.

    Limited to wallets ``first_wallet..last_wallet`` (ids) so that a full
    check can run in short batches beside live traffic.
    """
    span = {"first": first_wallet, "last": last_wallet}
    with connection.cursor() as cursor:
        cursor.execute(_BALANCE_SQL, span)
        for wallet_id, balance, total, last_sequence, count in cursor:
            yield LedgerViolation(
                1,
                wallet_id,
                f"balance {balance} != sum of entries {total} "
                f"(last sequence {last_sequence}, {count} entries)",
            )
        cursor.execute(_CHAIN_SQL, span)
        for wallet_id, pk, sequence, amount, after, previous, position in cursor:
            yield LedgerViolation(
                2,
                wallet_id,
                f"entry {pk} (sequence {sequence}, position {position}): "
                f"{previous} + {amount} != {after}",
            )
        if first_wallet == 0:
            cursor.execute(
                _TRIGGER_SQL
                if connection.vendor == "postgresql"
                else _SQLITE_TRIGGER_SQL
            )
            expected = 1 if connection.vendor == "postgresql" else 2
            if cursor.fetchone()[0] != expected:
                yield LedgerViolation(3, 0, "append-only trigger missing or disabled")
        cursor.execute(_NEGATIVE_SQL, span)
        for wallet_id, pk, after in cursor:
            yield LedgerViolation(
                4, wallet_id, f"entry {pk} took the balance to {after} unflagged"
            )
    for wallet_id, detail in domain_violations(span):
        yield LedgerViolation(5, wallet_id, detail)


def player_get(*, user_id: str) -> Player | None:
    return Player.objects.filter(user_id=user_id).first()


def wallet_get(*, user_id: str, currency: str) -> Wallet | None:
    return (
        Wallet.objects.select_related("player")
        .filter(player__user_id=user_id, currency=currency)
        .first()
    )


def bet_get(*, provider: str, reference: str) -> Bet | None:
    return Bet.objects.filter(provider=provider, reference=reference).first()


def bet_open_in_round(*, wallet: Wallet, provider: str, round_id: str) -> Bet | None:
    """The one open bet of the wallet in ``round_id``; None if none or several."""
    bets = list(
        Bet.objects.filter(
            wallet=wallet, provider=provider, round_id=round_id, status=Bet.Status.OPEN
        )[:2]
    )
    return bets[0] if len(bets) == 1 else None


def player_summary(*, player: Player) -> dict:
    """The player and its balances, as plain JSON-ready values."""
    return {
        "user_id": player.user_id,
        "display_name": player.display_name,
        "status": player.status,
        "wallets": [
            {
                "currency": wallet.currency,
                "balance": amount_format(wallet.balance, wallet.currency),
            }
            for wallet in player.wallets.order_by("currency")
        ],
    }


def player_token_resolve(*, token: str) -> Wallet | None:
    """The wallet an unexpired token identifies, or None."""
    found = (
        PlayerToken.objects.select_related("player")
        .filter(token_hash=PlayerToken.digest(token), expires_at__gt=timezone.now())
        .first()
    )
    if found is None:
        return None
    return wallet_get(user_id=found.player.user_id, currency=found.currency)


def ticket_get(*, ticket_id: str) -> Ticket | None:
    if not ticket_id:
        return None
    return Ticket.objects.filter(ticket_id=ticket_id).first()
