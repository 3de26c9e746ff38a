"""Invariant 5: the ledger agrees with the domain (wallet.models).

Each bet and ticket's state matches its ledger entries (stake taken once,
returned at most once, a win paid at most once, staff reversals included; no
credit without its stake unless the ticket was paid outside the wallet), every
provider ledger entry has exactly one journalled answer, and every stored
Hypetech answer states the balances of the entry it moved. Aggregated in SQL,
judged here so that each breach says what is wrong.
"""

import json
from decimal import Decimal

from django.db import connection

from wallet.currencies import amount_format

_BETS_SQL = """
SELECT b.wallet_id, b.reference, b.status, b.amount, b.payout, b.is_free,
       COUNT(t.id) FILTER (WHERE t.kind = 'bet'),
       COALESCE(SUM(t.amount) FILTER (WHERE t.kind = 'bet'), 0),
       COUNT(t.id) FILTER (WHERE t.kind = 'win'),
       COALESCE(SUM(t.amount) FILTER (WHERE t.kind = 'win'), 0),
       COUNT(t.id) FILTER (WHERE t.kind = 'rollback'),
       COALESCE(SUM(t.amount) FILTER (WHERE t.kind = 'rollback'), 0),
       COUNT(t.id) FILTER (WHERE t.kind = 'reversal' AND r.kind = 'bet'),
       COUNT(t.id) FILTER (WHERE t.kind = 'reversal' AND r.kind NOT IN ('bet', 'win')
                           OR t.kind NOT IN ('bet', 'win', 'rollback', 'reversal'))
FROM wallet_bet b
LEFT JOIN wallet_transaction t ON t.bet_id = b.id
LEFT JOIN wallet_transaction r ON r.id = t.reverses_id
WHERE b.wallet_id BETWEEN %(first)s AND %(last)s
GROUP BY b.id
ORDER BY b.wallet_id, b.id
"""

_TICKETS_SQL = """
SELECT COALESCE(k.wallet_id, 0), k.ticket_id, k.status, k.debited, k.last_credit,
       k.clawed_back, k.reserved,
       COUNT(t.id) FILTER (WHERE t.kind = 'bet'),
       COALESCE(SUM(t.amount) FILTER (WHERE t.kind = 'bet'), 0),
       COUNT(t.id) FILTER (WHERE t.kind = 'reversal' AND r.kind = 'bet'),
       COUNT(t.id), COALESCE(SUM(t.amount), 0)
FROM wallet_ticket k
LEFT JOIN wallet_transaction t ON t.ticket_id = k.id
LEFT JOIN wallet_transaction r ON r.id = t.reverses_id
WHERE k.wallet_id BETWEEN %(first)s AND %(last)s
   OR (k.wallet_id IS NULL AND %(first)s = 0)
GROUP BY k.id
ORDER BY 1, k.id
"""

_UNANSWERED_SQL = """
SELECT t.wallet_id, t.id, t.kind, t.external_reference, COUNT(c.id)
FROM wallet_transaction t
LEFT JOIN wallet_providercall c ON c.transaction_id = t.id
WHERE t.wallet_id BETWEEN %(first)s AND %(last)s AND t.provider = 'hypetech'
GROUP BY t.id
HAVING COUNT(c.id) <> 1
ORDER BY t.wallet_id, t.id
"""

_REPLIES_SQL = """
SELECT t.wallet_id, c.id, c.response_body, t.amount, t.balance_after, t.currency
FROM wallet_providercall c JOIN wallet_transaction t ON t.id = c.transaction_id
WHERE t.wallet_id BETWEEN %(first)s AND %(last)s AND c.provider = 'hypetech'
ORDER BY t.wallet_id, c.id
"""

CLOSED_STAKE = ("discarded", "cancelled")
UNSETTLED = ("open", "reserved", "discarded", "cancelled")


def bet_problems(row) -> list[str]:
    (_, _, status, amount, payout, free, stakes, staked, wins, won, backs, returned,
     cancels, strays) = row  # fmt: skip
    takes_stake = not free and status != "tombstone"
    problems = []
    if stakes != int(takes_stake) or staked != (-amount if takes_stake else 0):
        problems.append(f"stake taken {stakes} times ({staked}) for {amount}")
    paid = status == "won" and payout > 0
    if wins != int(paid) or won != (payout if paid else 0):
        problems.append(f"{status} bet paid {wins} times ({won}), payout {payout}")
    refunded = status == "rolled_back" and not free
    if backs != int(refunded) or returned != (amount if refunded else 0):
        problems.append(f"{status} bet refunded {backs} times ({returned})")
    if cancels != int(status == "cancelled" and not free):
        problems.append(f"{status} bet's stake returned by staff {cancels} times")
    if strays:
        problems.append(f"{strays} entries no bet rule allows")
    return problems


def ticket_problems(row) -> list[str]:
    (wallet_id, _, status, debited, credit, clawed, reserved, stakes, staked,
     cancels, entries, total) = row  # fmt: skip
    if not wallet_id:
        return [f"tombstone with {entries} entries"] if entries else []
    problems = []
    if reserved and (debited or stakes):
        problems.append(f"reserved ticket debited {stakes} times ({staked})")
    if not reserved and (stakes != 1 or staked != -debited or debited <= 0):
        problems.append(f"stake taken {stakes} times ({staked}) for {debited}")
    if cancels != int(status == "cancelled"):
        problems.append(f"{status} ticket's stake returned by staff {cancels} times")
    if status in UNSETTLED and (credit or clawed):
        problems.append(f"{status} ticket still holds a credit of {credit}")
    returned = debited if status in CLOSED_STAKE else 0
    expected = -debited + credit - clawed + returned
    if total != expected:
        problems.append(f"entries sum to {total}, the {status} ticket says {expected}")
    return problems


def _reply_problem(body, amount, balance_after, currency) -> str | None:
    try:
        reply = json.loads(body)
        old, new = Decimal(reply["old_balance"]), Decimal(reply["new_balance"])
    except (ValueError, KeyError, TypeError, ArithmeticError):
        return "a stored answer with money moved is not a success reply"
    if (old, new) != (balance_after - amount, balance_after):
        return (
            f"answered {reply['old_balance']} -> {reply['new_balance']}, the ledger "
            f"moved {amount_format(balance_after - amount, currency)} -> "
            f"{amount_format(balance_after, currency)}"
        )
    return None


def domain_violations(span: dict):
    """Yield (wallet id, detail) for every breach of invariant 5 in ``span``."""
    with connection.cursor() as cursor:
        cursor.execute(_BETS_SQL, span)
        for row in cursor.fetchall():
            for problem in bet_problems(row):
                yield row[0], f"bet {row[1]}: {problem}"
        cursor.execute(_TICKETS_SQL, span)
        for row in cursor.fetchall():
            for problem in ticket_problems(row):
                yield row[0], f"ticket {row[1]}: {problem}"
        cursor.execute(_UNANSWERED_SQL, span)
        for wallet_id, pk, kind, reference, answers in cursor.fetchall():
            yield wallet_id, f"{kind} entry {pk} ({reference}) has {answers} answers"
        cursor.execute(_REPLIES_SQL, span)
        for wallet_id, call, *moved in cursor.fetchall():
            problem = _reply_problem(*moved)
            if problem:
                yield wallet_id, f"provider call {call}: {problem}"
