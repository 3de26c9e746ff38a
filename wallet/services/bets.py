"""Provider bets: placement, one resolution, tombstones.

Each expects the wallet locked by the caller. All checks come first and raise
before anything is written; the writes then join the caller's transaction
with ``atomic(savepoint=False)``: a savepoint would cost two round trips on
the hot path and has nothing to undo.
"""

from decimal import Decimal

from django.db import transaction as db_transaction
from django.utils import timezone

from wallet.exceptions import (
    AmountMismatchError,
    BetAlreadyResolvedError,
    DuplicateReferenceError,
    InvalidAmountError,
)
from wallet.models import Bet, Transaction, Wallet
from wallet.services.ledger import (
    Movement,
    amount_check,
    insufficient_funds,
    player_may_bet_check,
    wallet_credit,
    wallet_debit,
)

LOOKUP = object()


def bet_place(
    *,
    wallet: Wallet,
    provider: str,
    reference: str,
    amount: Decimal,
    round_id: str = "",
    game: str = "",
    is_free: bool = False,
    bonus_code: str = "",
    existing_status=LOOKUP,
) -> Movement:
    """Open a bet and debit its stake (nothing for a free bet).

    Refuses a blocked or self-excluded player, a stake above the balance and a
    reference already used (a tombstone included). ``existing_status`` is the
    status of a bet already holding ``reference`` (None: there is none), when
    the caller read it with its lock; by default it is looked up here.
    """
    amount_check(amount, wallet.currency)
    if amount == 0:
        raise InvalidAmountError("a bet amount must be positive")
    player_may_bet_check(wallet.player)
    if existing_status is LOOKUP:
        existing_status = (
            Bet.objects.filter(provider=provider, reference=reference)
            .values_list("status", flat=True)
            .first()
        )
    if existing_status == Bet.Status.TOMBSTONE:
        raise BetAlreadyResolvedError(
            f"bet {reference} was rolled back before it arrived"
        )
    if existing_status is not None:
        raise DuplicateReferenceError(f"bet {reference} already exists")
    if not is_free and wallet.balance < amount:
        raise insufficient_funds(wallet, amount)
    old_balance = wallet.balance
    with db_transaction.atomic(savepoint=False):
        bet = Bet.objects.create(
            provider=provider,
            reference=reference,
            wallet=wallet,
            round_id=round_id,
            game=game,
            amount=amount,
            is_free=is_free,
            bonus_code=bonus_code,
            status=Bet.Status.OPEN,
        )
        entry = None
        if not is_free:
            entry = wallet_debit(
                wallet=wallet,
                amount=amount,
                kind=Transaction.Kind.BET,
                provider=provider,
                external_reference=reference,
                bet=bet,
            )
    return Movement(wallet, old_balance, wallet.balance, entry, bet)


def _bet_check_open(bet: Bet) -> None:
    if bet.status != Bet.Status.OPEN:
        raise BetAlreadyResolvedError(
            f"bet {bet.reference} is already {bet.get_status_display().lower()}"
            + (f" by {bet.resolved_by}" if bet.resolved_by else "")
        )


def _bet_resolve(bet: Bet, *, status: str, reference: str, payout=None) -> None:
    bet.status = status
    bet.resolved_by = reference
    bet.resolved_at = timezone.now()
    fields = ["status", "resolved_by", "resolved_at"]
    if payout is not None:
        bet.payout = payout
        fields.append("payout")
    bet.save(update_fields=fields)


def bet_win(*, wallet: Wallet, bet: Bet, payout: Decimal, reference: str) -> Movement:
    """Close an open bet: credit ``payout`` (won) or nothing when it is zero (lost).

    Paid whatever the player's status: a provider must be able to close rounds.
    """
    amount_check(payout, wallet.currency)
    _bet_check_open(bet)
    old_balance = wallet.balance
    entry = None
    with db_transaction.atomic(savepoint=False):
        if payout > 0:
            entry = wallet_credit(
                wallet=wallet,
                amount=payout,
                kind=Transaction.Kind.WIN,
                provider=bet.provider,
                external_reference=reference,
                bet=bet,
            )
            _bet_resolve(bet, status=Bet.Status.WON, reference=reference, payout=payout)
        else:
            _bet_resolve(bet, status=Bet.Status.LOST, reference=reference)
    return Movement(wallet, old_balance, wallet.balance, entry, bet)


def bet_rollback(
    *, wallet: Wallet, bet: Bet, amount: Decimal, reference: str
) -> Movement:
    """Refund the stake of an open bet (none for a free bet); ``amount`` must match."""
    amount_check(amount, wallet.currency)
    _bet_check_open(bet)
    if amount != bet.amount:
        raise AmountMismatchError(
            f"rollback amount {amount} differs from the stake {bet.amount}"
        )
    old_balance = wallet.balance
    entry = None
    with db_transaction.atomic(savepoint=False):
        if not bet.is_free:
            entry = wallet_credit(
                wallet=wallet,
                amount=bet.amount,
                kind=Transaction.Kind.ROLLBACK,
                provider=bet.provider,
                external_reference=reference,
                bet=bet,
            )
        _bet_resolve(bet, status=Bet.Status.ROLLED_BACK, reference=reference)
    return Movement(wallet, old_balance, wallet.balance, entry, bet)


def bet_tombstone(
    *,
    wallet: Wallet,
    provider: str,
    reference: str,
    amount: Decimal,
    round_id: str = "",
) -> Bet:
    """Record that bet ``reference`` was rolled back before it arrived.

    The unique (provider, reference) constraint then refuses the late bet.
    """
    return Bet.objects.create(
        provider=provider,
        reference=reference,
        wallet=wallet,
        round_id=round_id,
        amount=amount,
        status=Bet.Status.TOMBSTONE,
        resolved_at=timezone.now(),
    )
