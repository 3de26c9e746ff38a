"""Wallet locks, the bet gate and the staff adjustment entry point.

Money moves only through a ``Plan`` (wallet.services.plan): decided under the
wallet lock, then written by ``plan_write``.
"""

from decimal import Decimal

from django.db import transaction as db_transaction

from wallet.exceptions import (
    CurrencyMismatchError,
    InvalidAmountError,
    PlayerBlockedError,
    PlayerNotFoundError,
)
from wallet.lock_objects import wallet_qs_select_for_update
from wallet.models import Player, Provider, Transaction, Wallet
from wallet.services.plan import Plan, decide_only, plan_write


def player_may_bet_check(player: Player) -> None:
    """Refuse a blocked or self-excluded player a new stake."""
    if not player.may_bet:
        raise PlayerBlockedError(f"player {player.user_id} is {player.status}")


def wallet_missing_error(*, user_id: str, currency: str):
    """Why (user_id, currency) has no wallet: no such player, or no such wallet."""
    if Player.objects.filter(user_id=user_id).exists():
        return CurrencyMismatchError(f"player {user_id} has no {currency} wallet")
    return PlayerNotFoundError(f"player {user_id} not found")


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
        raise wallet_missing_error(user_id=user_id, currency=currency) from None


def adjustment_plan(
    wallet: Wallet, amount: Decimal, *, reason: str, staff_user=None
) -> Plan:
    """Credit (positive) or debit (negative); a debit never goes below zero."""
    plan = Plan(wallet)
    entry = {
        "kind": Transaction.Kind.ADJUSTMENT,
        "provider": Provider.STAFF,
        "staff_user": staff_user,
        "reason": reason,
    }
    if amount < 0:
        plan.debit(-amount, **entry)
    else:
        plan.credit(amount, **entry)
    return plan


def wallet_adjust(
    *, wallet: Wallet, amount: Decimal, reason: str, staff_user=None
) -> Transaction:
    """Credit (positive) or debit (negative) a wallet on staff's word.

    Entry point: its own durable transaction, which locks the wallet first.
    """
    if not reason.strip():
        raise InvalidAmountError("an adjustment needs a reason")
    with db_transaction.atomic(durable=True):
        locked = wallet_qs_select_for_update().get(pk=wallet.pk)
        with decide_only():
            plan = adjustment_plan(locked, amount, reason=reason, staff_user=staff_user)
        return plan_write(plan).transaction
