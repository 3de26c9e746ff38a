"""Provider bets: placement, one resolution, tombstones, staff cancellation.

Each function adds to a ``Plan`` for the wallet its caller locked, and only
reads: nothing is written until the whole decision stands. A stake is debited
once and returned at most once (provider rollback or staff cancellation); a win
is paid at most once.
"""

from decimal import Decimal

from django.utils import timezone

from wallet.exceptions import (
    AmountMismatchError,
    BetAlreadyResolvedError,
    DuplicateReferenceError,
    InvalidAmountError,
)
from wallet.models import Bet, Provider, Transaction
from wallet.services.ledger import player_may_bet_check
from wallet.services.plan import Plan, amount_check, insufficient_funds

LOOKUP = object()


def bet_place(
    plan: Plan,
    *,
    provider: str,
    reference: str,
    amount: Decimal,
    round_id: str = "",
    game: str = "",
    is_free: bool = False,
    bonus_code: str = "",
    existing_status=LOOKUP,
) -> Bet:
    """Open a bet and debit its stake (nothing for a free bet).

    Refuses a blocked or self-excluded player, a stake above the balance and a
    reference already used (a tombstone included). ``existing_status`` is the
    status of a bet already holding ``reference`` (None: there is none), when
    the caller read it with its lock; by default it is looked up here.
    """
    wallet = plan.wallet
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
    if not is_free and plan.balance < amount:
        raise insufficient_funds(wallet.currency, plan.balance, amount)
    bet = plan.create(
        Bet(
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
    )
    if not is_free:
        plan.debit(
            amount,
            kind=Transaction.Kind.BET,
            provider=provider,
            external_reference=reference,
            bet=bet,
        )
    plan.bet = bet
    return bet


def _bet_check_open(bet: Bet) -> None:
    if bet.status != Bet.Status.OPEN:
        raise BetAlreadyResolvedError(
            f"bet {bet.reference} is already {bet.get_status_display().lower()}"
            + (f" by {bet.resolved_by}" if bet.resolved_by else "")
        )


def _bet_resolve(plan: Plan, bet: Bet, *, status: str, by: str, payout=None):
    bet.status, bet.resolved_by, bet.resolved_at = status, by, timezone.now()
    fields = ["status", "resolved_by", "resolved_at"]
    if payout is not None:
        bet.payout = payout
        fields.append("payout")
    plan.update(bet, *fields)
    plan.bet = bet


def bet_win(plan: Plan, *, bet: Bet, payout: Decimal, reference: str) -> Bet:
    """Close an open bet: credit ``payout`` (won) or nothing when it is zero (lost).

    Paid whatever the player's status: a provider must be able to close rounds.
    """
    amount_check(payout, plan.wallet.currency)
    _bet_check_open(bet)
    if payout > 0:
        plan.credit(
            payout,
            kind=Transaction.Kind.WIN,
            provider=bet.provider,
            external_reference=reference,
            bet=bet,
        )
        _bet_resolve(plan, bet, status=Bet.Status.WON, by=reference, payout=payout)
    else:
        _bet_resolve(plan, bet, status=Bet.Status.LOST, by=reference)
    return bet


def bet_rollback(plan: Plan, *, bet: Bet, amount: Decimal, reference: str) -> Bet:
    """Refund the stake of an open bet (none for a free bet); ``amount`` must match.

    A bet staff already cancelled had its stake returned: the rollback is
    answered as applied and moves nothing.
    """
    amount_check(amount, plan.wallet.currency)
    if bet.status != Bet.Status.CANCELLED:
        _bet_check_open(bet)
    if amount != bet.amount:
        raise AmountMismatchError(
            f"rollback amount {amount} differs from the stake {bet.amount}"
        )
    plan.bet = bet
    if bet.status == Bet.Status.CANCELLED:
        return bet
    if not bet.is_free:
        plan.credit(
            bet.amount,
            kind=Transaction.Kind.ROLLBACK,
            provider=bet.provider,
            external_reference=reference,
            bet=bet,
        )
    _bet_resolve(plan, bet, status=Bet.Status.ROLLED_BACK, by=reference)
    return bet


def bet_tombstone(
    plan: Plan, *, provider: str, reference: str, amount: Decimal, round_id: str = ""
) -> Bet:
    """Record that bet ``reference`` was rolled back before it arrived.

    The unique (provider, reference) constraint then refuses the late bet.
    """
    plan.bet = plan.create(
        Bet(
            provider=provider,
            reference=reference,
            wallet=plan.wallet,
            round_id=round_id,
            amount=amount,
            status=Bet.Status.TOMBSTONE,
            resolved_at=timezone.now(),
        )
    )
    return plan.bet


def bet_cancel(plan: Plan, *, stake: Transaction, staff_user, reason: str) -> Bet:
    """Staff return the stake of an open bet: the bet is cancelled with it.

    The provider's later rollback then moves nothing and its win is refused.
    """
    bet = stake.bet
    _bet_check_open(bet)
    plan.credit(
        bet.amount,
        kind=Transaction.Kind.REVERSAL,
        provider=Provider.STAFF,
        reverses=stake,
        bet=bet,
        staff_user=staff_user,
        reason=reason,
    )
    _bet_resolve(plan, bet, status=Bet.Status.CANCELLED, by=f"staff:{staff_user}")
    return bet
