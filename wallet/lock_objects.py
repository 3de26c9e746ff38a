"""Row locks taken first in every money transaction.

``wallet_lock_for_call`` is the first statement of a provider call on the hot
path, in hand-written SQL: it locks the wallet (FOR NO KEY UPDATE, as
``wallet_qs_select_for_update``) and reads in the same round trip the stored
definitive answer to the call's key and the status of a bet already holding a
reference. Building the same query with the ORM took a quarter of a worker's
CPU under load (py-spy, make bench); the statement never changes shape.
"""

from dataclasses import dataclass
from datetime import UTC, datetime

from django.db import connection
from django.utils import timezone

from wallet.models import Player, Ticket, Wallet


def wallet_qs_select_for_update():
    """Wallets locked FOR NO KEY UPDATE, in primary-key order.

    NO KEY: the balance changes but the key does not, so inserts of ledger rows
    that reference the wallet (FOR KEY SHARE) are not blocked by the lock.
    """
    return (
        Wallet.objects.select_related("player")
        .select_for_update(of=("self",), no_key=True)
        .order_by("pk")
    )


@dataclass(frozen=True)
class LockedCall:
    """What a provider call reads with its lock: the wallet (None when the
    player has none in the currency), the id of a stored definitive answer to
    the same key, and the status of a bet already holding the reference."""

    wallet: Wallet | None
    stored_id: int | None
    bet_status: str | None = None
    ticket: Ticket | None = None


WALLET_FIELDS = [
    "id",
    "player_id",
    "currency",
    "balance",
    "last_sequence",
    "created_at",
    "updated_at",
]
PLAYER_FIELDS = [
    "id",
    "user_id",
    "display_name",
    "status",
    "lang",
    "created_at",
    "updated_at",
]
_STORED_SQL = """SELECT c.id FROM wallet_providercall c
WHERE c.provider = %s AND c.operation = %s AND c.idempotency_key = %s
  AND c.definitive"""
_SQL = """
SELECT w.id, w.player_id, w.currency, w.balance, w.last_sequence, w.created_at,
       w.updated_at,
       p.id, p.user_id, p.display_name, p.status, p.lang, p.created_at, p.updated_at,
       (SELECT c.id FROM wallet_providercall c
        WHERE c.provider = %s AND c.operation = %s AND c.idempotency_key = %s
          AND c.definitive),
       (SELECT b.status FROM wallet_bet b WHERE b.provider = %s AND b.reference = %s)
FROM wallet_wallet w JOIN wallet_player p ON p.id = w.player_id
WHERE p.user_id = %s AND w.currency = %s
"""
# SQLite has no row locks: its IMMEDIATE transactions serialise writers.
_LOCK = " FOR NO KEY UPDATE OF w"


def _python(field, value):
    """What the ORM's converters would have made of a raw column (SQLite
    returns numbers and text; psycopg already returns these types)."""
    if value is None:
        return None
    value = field.to_python(value)
    if isinstance(value, datetime) and timezone.is_naive(value):
        value = timezone.make_aware(value, UTC)
    return value


def _instance(model, names, values):
    fields = {field.attname: field for field in model._meta.concrete_fields}
    converted = [
        value if fields[name].is_relation else _python(fields[name], value)
        for name, value in zip(names, values, strict=True)
    ]
    return model.from_db("default", names, converted)


def stored_call_id(*, provider: str, operation: str, key: str) -> int | None:
    with connection.cursor() as cursor:
        cursor.execute(_STORED_SQL, [provider, operation, key])
        row = cursor.fetchone()
    return row[0] if row else None


def wallet_lock_for_call(
    *,
    user_id: str,
    currency: str,
    provider: str,
    operation: str,
    key: str,
    bet_reference: str | None = None,
) -> LockedCall:
    """Lock the player's wallet in ``currency`` and read what the call needs."""
    with connection.cursor() as cursor:
        cursor.execute(
            _SQL + _LOCK if connection.features.has_select_for_update else _SQL,
            [provider, operation, key, provider, bet_reference, user_id, currency],
        )
        row = cursor.fetchone()
    if row is None:
        stored = stored_call_id(provider=provider, operation=operation, key=key)
        return LockedCall(None, stored)
    split = len(WALLET_FIELDS)
    wallet = _instance(Wallet, WALLET_FIELDS, row[:split])
    end = split + len(PLAYER_FIELDS)
    wallet.player = _instance(Player, PLAYER_FIELDS, row[split:end])
    stored, bet_status = row[end:]
    return LockedCall(wallet, stored, bet_status)


def wallet_lock_for_ticket(
    *, ticket_id: str, provider: str, operation: str, key: str
) -> LockedCall:
    """Lock the wallet of ticket ``ticket_id`` and read the ticket again.

    The wallet is locked first, as in every money operation, so that ticket
    actions and bets of one player serialise in one order. An unknown ticket,
    or a tombstone, has no wallet to lock.
    """
    found = Ticket.objects.filter(ticket_id=ticket_id).values_list("wallet_id").first()
    wallet = None
    if found and found[0]:
        wallet = wallet_qs_select_for_update().get(pk=found[0])
    ticket = Ticket.objects.filter(ticket_id=ticket_id).first() if found else None
    if ticket is not None:
        ticket.wallet = wallet
    stored = stored_call_id(provider=provider, operation=operation, key=key)
    return LockedCall(wallet, stored, ticket=ticket)
