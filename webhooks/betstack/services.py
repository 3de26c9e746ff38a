"""Betstack PAM actions: one durable transaction each, the wallet locked first.

Spec: ../shared/specs/betstack.md §1.3 (T1-T17), §3 (actions), §6.
"""

from django.conf import settings
from django.db import transaction as db_transaction

from notifications.services import notification_receive
from operator_site.exceptions import ApplicationError
from wallet import selectors as wallet_selectors
from wallet import services as wallet_services
from wallet.exceptions import TicketNotFoundError, TokenInvalidError
from webhooks.betstack import protocol
from webhooks.betstack.serializers import PamCall
from webhooks.models import BetstackCall
from webhooks.transactions import atomic_retry_once


def identify_handle(*, call: PamCall) -> protocol.Reply:
    """Resolve a token we issued into the player Betstack will bet for."""
    wallet = wallet_selectors.player_token_resolve(token=call.token)
    if wallet is None:
        return protocol.error_reply(TokenInvalidError())
    return protocol.identify_reply(wallet, settings.BETSTACK_FEATURE_FLAGS)


def _opening(call: PamCall):
    wallet = wallet_services.wallet_lock(user_id=call.player_id, currency=call.currency)
    if call.action == "ticket_create":
        return wallet_services.ticket_create(wallet=wallet, opening=call.opening)
    return wallet_services.ticket_reserve(wallet=wallet, opening=call.opening)


def _locked_ticket(call: PamCall):
    ticket = wallet_services.ticket_lock(ticket_id=call.ticket_id)
    if ticket is None:
        raise TicketNotFoundError(f"Ticket {call.ticket_id} not found")
    return ticket


def _settle(call: PamCall):
    return wallet_services.ticket_settle(
        ticket=_locked_ticket(call),
        action=call.action,
        figures=call.figures,
        reason=call.reason,
    )


def _update(call: PamCall):
    return wallet_services.ticket_update(
        ticket=_locked_ticket(call), figures=call.figures, psp=call.psp
    )


def _rollback(call: PamCall):
    return wallet_services.ticket_rollback(
        ticket=_locked_ticket(call), reason=call.reason
    )


def _discard(call: PamCall):
    """T4: a discard of a ticket never seen is answered 200 and leaves a tombstone."""
    return wallet_services.ticket_discard(
        ticket=wallet_services.ticket_lock(ticket_id=call.ticket_id),
        ticket_id=call.ticket_id,
        reason=call.reason,
    )


def _close(call: PamCall):
    return wallet_services.ticket_close(ticket=_locked_ticket(call))


ACTIONS = {
    "ticket_create": _opening,
    "ticket_reserve": _opening,
    "ticket_update": _update,
    "ticket_win": _settle,
    "ticket_lost": _settle,
    "ticket_void": _settle,
    "ticket_refund": _settle,
    "ticket_rollback": _rollback,
    "ticket_discard": _discard,
    "ticket_closed": _close,
}


def _action_apply(call: PamCall, request_body: str) -> protocol.Reply:
    ticket = None
    try:
        ticket = ACTIONS[call.action](call)
        reply = protocol.ok_reply()
    except ApplicationError as error:
        reply = protocol.error_reply(error)
        ticket = wallet_selectors.ticket_get(ticket_id=call.ticket_id)
    BetstackCall.objects.create(
        action=call.action,
        ticket_reference=call.ticket_id,
        ticket=ticket,
        request_body=request_body,
        response_status=reply.status,
        response_body=reply.body.decode(),
        error_code=reply.code,
    )
    return reply


def action_handle(*, call: PamCall, request_body: str) -> protocol.Reply:
    """Apply one ticket action and record the call with our answer.

    Refusals are raised before anything is written, so the record is the only
    row they leave. Two first deliveries racing on a new ticket id collide on
    its unique key; the loser is evaluated again and sees the winner's ticket.
    """
    return atomic_retry_once(
        _action_apply,
        call,
        request_body,
        label=f"betstack {call.action} {call.ticket_id}",
    )


def notification_handle(*, kind: str, data: dict) -> protocol.Reply:
    """Store the notification once and queue its SMS, in one transaction.

    A ``ticket_status`` for a ticket we hold also goes into its history; the
    player's language, when the ticket tells who it is, picks the template.
    """
    with db_transaction.atomic(durable=True):
        ticket = wallet_selectors.ticket_get(ticket_id=str(data.get("ticket_id") or ""))
        lang = ticket.player.lang if ticket and ticket.player else ""
        _, created = notification_receive(
            kind=kind, data=data, ticket=ticket, lang=lang
        )
        if created and ticket and kind == "ticket_status":
            wallet_services.ticket_note(
                ticket=ticket,
                action="sms_ticket_status",
                note=f"Betstack: {data.get('status')} / {data.get('result')}",
            )
    return protocol.notification_reply()
