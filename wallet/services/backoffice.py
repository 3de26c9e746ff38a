"""What staff do to money and players: reversals, adjustments, player status,
four-eyes requests. Each is one durable transaction, audited inside it.
"""

from decimal import Decimal

from django.conf import settings
from django.db import IntegrityError
from django.db import transaction as db_transaction
from django.utils import timezone

from wallet.currencies import amount_format
from wallet.exceptions import (
    AlreadyReversedError,
    ReasonRequiredError,
    RequestDecisionError,
    ReversalNotAllowedError,
)
from wallet.lock_objects import wallet_qs_select_for_update
from wallet.models import AuditRecord, MoneyRequest, Player, Provider, Transaction
from wallet.services.bets import bet_cancel
from wallet.services.ledger import adjustment_plan
from wallet.services.plan import Plan, decide_only, plan_write
from wallet.services.tickets import ticket_cancel, ticket_claw_back


def audit_record(
    *,
    actor,
    action: str,
    target: str = "",
    before=None,
    after=None,
    reason: str = "",
    ip_address: str | None = None,
) -> AuditRecord:
    """Append one audit record (in the caller's transaction, if any)."""
    return AuditRecord.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        actor_name=getattr(actor, "username", "") or "",
        action=action,
        target=target,
        before=before,
        after=after,
        reason=reason,
        ip_address=ip_address,
    )


def _reason_check(reason: str) -> str:
    if not reason or not reason.strip():
        raise ReasonRequiredError()
    return reason.strip()


def _entry_summary(entry: Transaction) -> dict:
    return {
        "transaction": entry.pk,
        "kind": entry.kind,
        "amount": amount_format(entry.amount, entry.currency),
        "balance_after": amount_format(entry.balance_after, entry.currency),
    }


def reversal_check(entry: Transaction) -> None:
    """Refuse reversing a reversal, or what was reversed already."""
    if entry.kind == Transaction.Kind.REVERSAL:
        raise ReversalNotAllowedError("a reversal cannot itself be reversed")
    if Transaction.objects.filter(reverses=entry).exists():
        raise AlreadyReversedError(f"transaction {entry.pk} was already reversed")


_RETURNS = (
    Transaction.Kind.ROLLBACK,
    Transaction.Kind.REFUND,
    Transaction.Kind.SETTLEMENT_ROLLBACK,
)


def reversal_plan(wallet, entry: Transaction, *, staff_user, reason: str) -> Plan:
    """The reversal as the domain sees it, so that a stake is returned at most
    once and a win paid at most once, whoever asks.

    The stake of an open bet or ticket cancels it (the provider's rollback then
    moves nothing); a win or settlement credit is clawed back (a later rollback
    takes back only what is left); a refund or rollback cannot be reversed (the
    provider considers it done): staff use an adjustment instead.
    """
    plan = Plan(wallet)
    subject = {"staff_user": staff_user, "reason": reason}
    is_stake = entry.kind == Transaction.Kind.BET
    if entry.kind in _RETURNS:
        raise ReversalNotAllowedError(
            f"a {entry.get_kind_display().lower()} returns money the provider "
            "considers returned; use an adjustment"
        )
    if entry.bet_id and is_stake:
        bet_cancel(plan, stake=entry, **subject)
    elif entry.ticket_id and is_stake:
        ticket_cancel(plan, stake=entry, **subject)
    elif entry.ticket_id:
        ticket_claw_back(plan, credit=entry, **subject)
    else:
        fields = {
            "kind": Transaction.Kind.REVERSAL,
            "provider": Provider.STAFF,
            "reverses": entry,
            "bet": entry.bet,
            **subject,
        }
        if entry.amount > 0:
            plan.debit(entry.amount, **fields)
        else:
            plan.credit(-entry.amount, **fields)
    return plan


def _reverse(*, transaction_id: int, staff_user, reason: str, ip_address=None):
    entry = Transaction.objects.get(pk=transaction_id)
    wallet = wallet_qs_select_for_update().get(pk=entry.wallet_id)
    reversal_check(entry)
    with decide_only():
        plan = reversal_plan(wallet, entry, staff_user=staff_user, reason=reason)
    reversal = plan_write(plan).transaction
    audit_record(
        actor=staff_user,
        action="transaction_reverse",
        target=f"transaction:{entry.pk}",
        before=_entry_summary(entry),
        after=_entry_summary(reversal),
        reason=reason,
        ip_address=ip_address,
    )
    return reversal


def transaction_reverse(
    *, transaction_id: int, staff_user, reason: str, ip_address: str | None = None
) -> Transaction:
    """One compensating entry for ``transaction_id``, at most once.

    A debit reversal never takes the balance below zero. A double submission
    finds the first reversal (or collides on the one-to-one key) and is refused.
    """
    reason = _reason_check(reason)
    try:
        with db_transaction.atomic(durable=True):
            return _reverse(
                transaction_id=transaction_id,
                staff_user=staff_user,
                reason=reason,
                ip_address=ip_address,
            )
    except IntegrityError:
        raise AlreadyReversedError(
            f"transaction {transaction_id} was already reversed"
        ) from None


def _adjust(
    *, wallet_id: int, amount: Decimal, staff_user, reason: str, ip_address=None
) -> Transaction:
    wallet = wallet_qs_select_for_update().get(pk=wallet_id)
    before = amount_format(wallet.balance, wallet.currency)
    with decide_only():
        plan = adjustment_plan(wallet, amount, reason=reason, staff_user=staff_user)
    entry = plan_write(plan).transaction
    audit_record(
        actor=staff_user,
        action="wallet_adjust",
        target=f"wallet:{wallet.pk}",
        before={"balance": before},
        after=_entry_summary(entry),
        reason=reason,
        ip_address=ip_address,
    )
    return entry


def staff_wallet_adjust(
    *,
    wallet_id: int,
    amount: Decimal,
    staff_user,
    reason: str,
    ip_address: str | None = None,
) -> Transaction:
    """Credit (positive) or debit (negative) a wallet, audited."""
    reason = _reason_check(reason)
    with db_transaction.atomic(durable=True):
        return _adjust(
            wallet_id=wallet_id,
            amount=amount,
            staff_user=staff_user,
            reason=reason,
            ip_address=ip_address,
        )


def player_status_change(
    *,
    player_id: int,
    status: str,
    staff_user,
    reason: str,
    ip_address: str | None = None,
) -> Player:
    """Block, unblock or self-exclude a player, with a reason, audited."""
    reason = _reason_check(reason)
    if status not in Player.Status.values:
        raise ReversalNotAllowedError(f"unknown status {status!r}")
    with db_transaction.atomic(durable=True):
        player = Player.objects.select_for_update().get(pk=player_id)
        before = player.status
        player.status = status
        player.save(update_fields=["status", "updated_at"])
        audit_record(
            actor=staff_user,
            action="player_status_change",
            target=f"player:{player.user_id}",
            before={"status": before},
            after={"status": status},
            reason=reason,
            ip_address=ip_address,
        )
    return player


def money_request_create(
    *,
    kind: str,
    staff_user,
    reason: str,
    transaction_id=None,
    wallet_id=None,
    amount=None,
    ip_address=None,
) -> MoneyRequest:
    """With four eyes on, a reversal or adjustment waits for a second user."""
    reason = _reason_check(reason)
    try:
        with db_transaction.atomic(durable=True):
            if transaction_id is not None:
                entry = Transaction.objects.get(pk=transaction_id)
                reversal_check(entry)
                with decide_only():
                    reversal_plan(
                        entry.wallet, entry, staff_user=staff_user, reason=reason
                    )
            request = MoneyRequest.objects.create(
                kind=kind,
                transaction_id=transaction_id,
                wallet_id=wallet_id,
                amount=amount,
                reason=reason,
                maker=staff_user,
            )
            audit_record(
                actor=staff_user,
                action="money_request_create",
                target=f"money_request:{request.pk}",
                after={
                    "kind": kind,
                    "transaction": transaction_id,
                    "wallet": wallet_id,
                    "amount": str(amount or ""),
                },
                reason=reason,
                ip_address=ip_address,
            )
    except IntegrityError:
        raise AlreadyReversedError(
            f"a reversal of transaction {transaction_id} is already pending"
        ) from None
    return request


def money_request_decide(
    *, request_id: int, staff_user, approve: bool, ip_address: str | None = None
) -> MoneyRequest:
    """Approve (and carry out) or reject a pending request; never one's own."""
    with db_transaction.atomic(durable=True):
        request = MoneyRequest.objects.select_for_update().get(pk=request_id)
        if request.status != MoneyRequest.Status.PENDING:
            raise RequestDecisionError(f"request {request.pk} is {request.status}")
        if request.maker_id == staff_user.pk:
            raise RequestDecisionError("a second person must decide this request")
        request.checker, request.decided_at = staff_user, timezone.now()
        request.status = MoneyRequest.Status.REJECTED
        if approve:
            request.result = _request_execute(request, staff_user, ip_address)
            request.status = MoneyRequest.Status.APPROVED
        request.save(update_fields=["checker", "decided_at", "status", "result"])
        audit_record(
            actor=staff_user,
            action="money_request_decide",
            target=f"money_request:{request.pk}",
            after={"status": request.status},
            reason=request.reason,
            ip_address=ip_address,
        )
    return request


def _request_execute(request: MoneyRequest, staff_user, ip_address):
    with db_transaction.atomic():
        if request.kind == MoneyRequest.Kind.REVERSAL:
            return _reverse(
                transaction_id=request.transaction_id,
                staff_user=staff_user,
                reason=request.reason,
                ip_address=ip_address,
            )
        return _adjust(
            wallet_id=request.wallet_id,
            amount=request.amount,
            staff_user=staff_user,
            reason=request.reason,
            ip_address=ip_address,
        )


def four_eyes_enabled() -> bool:
    return settings.BACKOFFICE_FOUR_EYES
