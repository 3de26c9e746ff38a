"""The only code that moves money.

Building blocks (``wallet_credit``, ``wallet_debit``, ``bet_*``) expect the
caller to hold the wallet lock (``wallet_lock``) inside an atomic block and use
plain ``atomic()`` so they nest; entry points open ``atomic(durable=True)``.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction as db_transaction
from django.utils import timezone

from wallet.currencies import amount_fits_currency, amount_format, currency_exponent
from wallet.exceptions import (
    AmountMismatchError,
    BetAlreadyResolvedError,
    CurrencyMismatchError,
    DuplicateReferenceError,
    InsufficientFundsError,
    InvalidAmountError,
    PlayerBlockedError,
    PlayerNotFoundError,
)
from wallet.lock_objects import wallet_qs_select_for_update
from wallet.models import Bet, Player, Provider, Transaction, Wallet


@dataclass(frozen=True)
class Movement:
    """What one operation did to a wallet (``transaction`` None: no money moved)."""

    wallet: Wallet
    old_balance: Decimal
    new_balance: Decimal
    transaction: Transaction | None = None
    bet: Bet | None = None


def _amount_check(amount: Decimal, currency: str) -> None:
    if not isinstance(amount, Decimal):
        raise TypeError(f"amount must be a Decimal, not {type(amount).__name__}")
    if not amount.is_finite() or amount < 0:
        raise InvalidAmountError(f"amount {amount} is not a non-negative number")
    if not amount_fits_currency(amount, currency):
        raise InvalidAmountError(
            f"amount {amount} has more than {currency_exponent(currency)} "
            f"decimals for {currency}"
        )


def _insufficient_funds(wallet: Wallet, amount: Decimal) -> InsufficientFundsError:
    balance = amount_format(wallet.balance, wallet.currency)
    wanted = amount_format(amount, wallet.currency)
    return InsufficientFundsError(
        f"balance {balance} < amount {wanted}",
        extra={"balance": balance, "amount": wanted},
    )


def wallet_lock(*, user_id: str, currency: str) -> Wallet:
    """Lock and return the player's wallet in ``currency`` (with its player).

    Must run inside an atomic block; it is the first statement of every money
    operation.
    """
    try:
        return wallet_qs_select_for_update().get(
            player__user_id=user_id, currency=currency
        )
    except Wallet.DoesNotExist:
        if Player.objects.filter(user_id=user_id).exists():
            raise CurrencyMismatchError(
                f"player {user_id} has no {currency} wallet"
            ) from None
        raise PlayerNotFoundError(f"player {user_id} not found") from None


def ledger_append(
    *,
    wallet: Wallet,
    kind: str,
    amount: Decimal,
    provider: str,
    external_reference: str | None = None,
    bet: Bet | None = None,
    reverses: Transaction | None = None,
    staff_user=None,
    reason: str = "",
    flagged: bool = False,
) -> Transaction:
    """Append one signed entry and move the cached balance with it.

    The wallet must be locked by the caller; the entry's sequence follows the
    wallet's last one, so two writers that skipped the lock would collide on
    the (wallet, sequence) constraint instead of losing an update.
    """
    wallet.balance += amount
    wallet.last_sequence += 1
    entry = Transaction.objects.create(
        wallet=wallet,
        sequence=wallet.last_sequence,
        kind=kind,
        amount=amount,
        balance_after=wallet.balance,
        provider=provider,
        external_reference=external_reference,
        bet=bet,
        reverses=reverses,
        staff_user=staff_user,
        reason=reason,
        flagged=flagged,
    )
    wallet.save(update_fields=["balance", "last_sequence", "updated_at"])
    return entry


def wallet_credit(*, wallet: Wallet, amount: Decimal, **entry) -> Transaction:
    _amount_check(amount, wallet.currency)
    if amount == 0:
        raise InvalidAmountError("a credit must be positive")
    return ledger_append(wallet=wallet, amount=amount, **entry)


def wallet_debit(
    *, wallet: Wallet, amount: Decimal, allow_negative: bool = False, **entry
) -> Transaction:
    """Take ``amount`` out; below zero only when ``allow_negative`` (flagged)."""
    _amount_check(amount, wallet.currency)
    if amount == 0:
        raise InvalidAmountError("a debit must be positive")
    goes_negative = wallet.balance < amount
    if goes_negative and not allow_negative:
        raise _insufficient_funds(wallet, amount)
    if goes_negative:
        entry["flagged"] = True
    return ledger_append(wallet=wallet, amount=-amount, **entry)


@db_transaction.atomic
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
) -> Movement:
    """Open a bet and debit its stake (nothing for a free bet).

    Refuses a blocked or self-excluded player, a stake above the balance and a
    reference already used (a tombstone included). Wallet locked by the caller.
    """
    _amount_check(amount, wallet.currency)
    if amount == 0:
        raise InvalidAmountError("a bet amount must be positive")
    if not wallet.player.may_bet:
        raise PlayerBlockedError(
            f"player {wallet.player.user_id} is {wallet.player.status}"
        )
    existing = Bet.objects.filter(provider=provider, reference=reference).first()
    if existing is not None:
        if existing.status == Bet.Status.TOMBSTONE:
            raise BetAlreadyResolvedError(
                f"bet {reference} was rolled back before it arrived"
            )
        raise DuplicateReferenceError(f"bet {reference} already exists")
    if not is_free and wallet.balance < amount:
        raise _insufficient_funds(wallet, amount)
    old_balance = wallet.balance
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


@db_transaction.atomic
def bet_win(*, wallet: Wallet, bet: Bet, payout: Decimal, reference: str) -> Movement:
    """Close an open bet: credit ``payout`` (won) or nothing when it is zero (lost).

    Paid whatever the player's status: a provider must be able to close rounds.
    """
    _amount_check(payout, wallet.currency)
    _bet_check_open(bet)
    old_balance = wallet.balance
    entry = None
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


@db_transaction.atomic
def bet_rollback(
    *, wallet: Wallet, bet: Bet, amount: Decimal, reference: str
) -> Movement:
    """Refund the stake of an open bet (none for a free bet); ``amount`` must match."""
    _amount_check(amount, wallet.currency)
    _bet_check_open(bet)
    if amount != bet.amount:
        raise AmountMismatchError(
            f"rollback amount {amount} differs from the stake {bet.amount}"
        )
    old_balance = wallet.balance
    entry = None
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


def wallet_adjust(
    *, wallet: Wallet, amount: Decimal, reason: str, staff_user=None
) -> Transaction:
    """Credit (positive) or debit (negative) a wallet on staff's word.

    Entry point: its own durable transaction, which locks the wallet first. A
    debit never takes the balance below zero.
    """
    if not reason.strip():
        raise InvalidAmountError("an adjustment needs a reason")
    with db_transaction.atomic(durable=True):
        locked = wallet_qs_select_for_update().get(pk=wallet.pk)
        entry = {
            "wallet": locked,
            "kind": Transaction.Kind.ADJUSTMENT,
            "provider": Provider.STAFF,
            "staff_user": staff_user,
            "reason": reason,
        }
        if amount < 0:
            return wallet_debit(amount=-amount, **entry)
        return wallet_credit(amount=amount, **entry)


def player_create(
    *, user_id: str, currency: str, balance: Decimal, display_name: str = ""
) -> Player:
    """Create the player and its wallet, opening it with ``balance``.

    Idempotent: an existing player or wallet is left as it is.
    """
    _amount_check(balance, currency)
    with db_transaction.atomic():
        player, _ = Player.objects.get_or_create(
            user_id=user_id, defaults={"display_name": display_name}
        )
        wallet, created = Wallet.objects.get_or_create(player=player, currency=currency)
    if created and balance > 0:
        wallet_adjust(wallet=wallet, amount=balance, reason="Opening balance")
    return player
