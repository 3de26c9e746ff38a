"""The ledger's building blocks and the staff adjustment entry point.

Building blocks (``wallet_credit``, ``wallet_debit``) expect the caller to hold
the wallet lock (``wallet_lock``) inside an atomic block; entry points open
``atomic(durable=True)`` themselves.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction as db_transaction

from wallet.currencies import amount_fits_currency, amount_format, currency_exponent
from wallet.exceptions import (
    CurrencyMismatchError,
    InsufficientFundsError,
    InvalidAmountError,
    PlayerBlockedError,
    PlayerNotFoundError,
)
from wallet.lock_objects import wallet_qs_select_for_update
from wallet.models import Bet, Player, Provider, Ticket, Transaction, Wallet


@dataclass(frozen=True)
class Movement:
    """What one operation did to a wallet (``transaction`` None: no money moved)."""

    wallet: Wallet
    old_balance: Decimal
    new_balance: Decimal
    transaction: Transaction | None = None
    bet: Bet | None = None


def amount_check(amount: Decimal, currency: str) -> None:
    if not isinstance(amount, Decimal):
        raise TypeError(f"amount must be a Decimal, not {type(amount).__name__}")
    if not amount.is_finite() or amount < 0:
        raise InvalidAmountError(f"amount {amount} is not a non-negative number")
    if not amount_fits_currency(amount, currency):
        raise InvalidAmountError(
            f"amount {amount} has more than {currency_exponent(currency)} "
            f"decimals for {currency}"
        )


def insufficient_funds(wallet: Wallet, amount: Decimal) -> InsufficientFundsError:
    balance = amount_format(wallet.balance, wallet.currency)
    wanted = amount_format(amount, wallet.currency)
    return InsufficientFundsError(
        f"balance {balance} < amount {wanted}",
        extra={"balance": balance, "amount": wanted},
    )


def player_may_bet_check(player: Player) -> None:
    """Refuse a blocked or self-excluded player a new stake."""
    if not player.may_bet:
        raise PlayerBlockedError(f"player {player.user_id} is {player.status}")


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
    ticket: Ticket | None = None,
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
        currency=wallet.currency,
        amount=amount,
        balance_after=wallet.balance,
        provider=provider,
        external_reference=external_reference,
        bet=bet,
        ticket=ticket,
        reverses=reverses,
        staff_user=staff_user,
        reason=reason,
        flagged=flagged,
    )
    wallet.save(update_fields=["balance", "last_sequence", "updated_at"])
    return entry


def wallet_credit(*, wallet: Wallet, amount: Decimal, **entry) -> Transaction:
    amount_check(amount, wallet.currency)
    if amount == 0:
        raise InvalidAmountError("a credit must be positive")
    return ledger_append(wallet=wallet, amount=amount, **entry)


def wallet_debit(
    *, wallet: Wallet, amount: Decimal, allow_negative: bool = False, **entry
) -> Transaction:
    """Take ``amount`` out; below zero only when ``allow_negative`` (flagged)."""
    amount_check(amount, wallet.currency)
    if amount == 0:
        raise InvalidAmountError("a debit must be positive")
    goes_negative = wallet.balance < amount
    if goes_negative and not allow_negative:
        raise insufficient_funds(wallet, amount)
    if goes_negative:
        entry["flagged"] = True
    return ledger_append(wallet=wallet, amount=-amount, **entry)


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
