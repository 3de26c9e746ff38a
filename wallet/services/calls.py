"""The one pipeline every provider call goes through, whoever the provider.

In one durable transaction: lock (the adapter's lock, which also reads the
stored answer to the call's key) -> replay a stored definitive answer, or
decide (reads only) -> write the plan -> store the answer. The adapters only
authenticate, parse, translate and encode; nothing here knows a wire format.
"""

import logging
import uuid
from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol

from django.db import IntegrityError
from django.db import transaction as db_transaction

from operator_site.exceptions import ApplicationError
from wallet.lock_objects import LockedCall
from wallet.models import ProviderCall
from wallet.services.plan import Plan, decide_only, plan_write

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Reply:
    status: int
    body: bytes
    code: str = ""


@dataclass(frozen=True)
class InboundCall:
    """One provider call as the journal keeps it."""

    provider: str
    operation: str
    key: str
    fingerprint: str
    request_body: str
    reference: str = ""
    session_token: str = ""
    amount: Decimal | None = None


class Adapter(Protocol):
    """What a provider adapter gives the pipeline for one call."""

    def lock(self) -> LockedCall: ...

    def decide(self, locked: LockedCall) -> Plan: ...

    def success(self, plan: Plan, operator_tx_id: str) -> Reply: ...

    def refusal(self, error: ApplicationError) -> Reply: ...

    def conflict(self, stored: ProviderCall) -> Reply: ...


def atomic_retry_once(apply, *args, label: str):
    """``apply(*args)`` in one durable transaction, evaluated once more after a
    unique-key race.

    Two first deliveries that do not share a lock (another wallet, a new
    ticket, the same key) can collide on a unique key; the loser's transaction
    is rolled back whole and evaluated again, and then sees the winner's row.
    """
    try:
        with db_transaction.atomic(durable=True):
            return apply(*args)
    except IntegrityError:
        logger.info("%s: unique-key race, evaluating again", label)
    with db_transaction.atomic(durable=True):
        return apply(*args)


def provider_call_handle(*, call: InboundCall, adapter: Adapter) -> Reply:
    """Answer ``call`` once, and every resend of it the same way.

    A definitive answer (a success, or a refusal no later call can change) is
    stored under the call's key; a resend gets it byte for byte, or a conflict
    when its payload differs. A refusal a later call can change is recorded
    for staff but not stored as the answer: the resend is evaluated again.
    """
    return atomic_retry_once(
        _handle, call, adapter, label=f"{call.provider} {call.operation} {call.key}"
    )


def _handle(call: InboundCall, adapter: Adapter) -> Reply:
    locked = adapter.lock()
    if locked.stored_id is not None:
        stored = ProviderCall.objects.get(pk=locked.stored_id)
        if stored.fingerprint != call.fingerprint:
            return adapter.conflict(stored)
        return Reply(
            stored.response_status, stored.response_body.encode(), stored.error_code
        )
    operator_tx_id = uuid.uuid4().hex
    try:
        with decide_only():
            plan = adapter.decide(locked)
    except ApplicationError as error:
        reply = adapter.refusal(error)
        _record(call, reply, operator_tx_id, Plan(locked.wallet), locked, error)
        return reply
    plan_write(plan)
    if plan.refusal is not None:
        reply = adapter.refusal(plan.refusal)
    else:
        reply = adapter.success(plan, operator_tx_id)
    _record(call, reply, operator_tx_id, plan, locked, plan.refusal)
    return reply


def _record(call, reply, operator_tx_id, plan, locked, error) -> ProviderCall:
    ticket = plan.ticket or locked.ticket
    wallet = plan.wallet or (ticket.wallet if ticket else None)
    return ProviderCall.objects.create(
        provider=call.provider,
        operation=call.operation,
        idempotency_key=call.key,
        fingerprint=call.fingerprint,
        definitive=error is None or error.definitive,
        reference=call.reference,
        session_token=call.session_token,
        amount=call.amount,
        operator_tx_id=operator_tx_id,
        player=wallet.player if wallet else None,
        bet=plan.bet if plan.bet is not None and plan.bet.pk else None,
        ticket=ticket if ticket is not None and ticket.pk else None,
        transaction=plan.transaction,
        outcome=ProviderCall.Outcome.REFUSED
        if reply.code
        else ProviderCall.Outcome.ACCEPTED,
        error_code=reply.code,
        request_body=call.request_body,
        response_status=reply.status,
        response_body=reply.body.decode(),
    )
