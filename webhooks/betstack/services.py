"""Betstack PAM actions: the adapter between Betstack's calls and the wallet's
provider-call pipeline (docs/providers/betstack.md).
"""

import hashlib

from django.conf import settings
from django.db import transaction as db_transaction

from notifications.services import notification_receive
from operator_site.exceptions import ApplicationError
from wallet import selectors as wallet_selectors
from wallet import services as wallet_services
from wallet.exceptions import (
    TicketConflictError,
    TicketNotFoundError,
    TokenInvalidError,
)
from wallet.lock_objects import LockedCall, wallet_lock_for_call, wallet_lock_for_ticket
from wallet.models import Provider, ProviderCall
from wallet.services import InboundCall, Plan, provider_call_handle
from webhooks.betstack import protocol
from webhooks.betstack.serializers import PamCall
from webhooks.betstack.signature import json_whitespace_strip

PROVIDER = Provider.BETSTACK


def identify_handle(*, call: PamCall) -> protocol.Reply:
    """Resolve a token we issued into the player Betstack will bet for."""
    wallet = wallet_selectors.player_token_resolve(token=call.token)
    if wallet is None:
        return protocol.error_reply(TokenInvalidError())
    return protocol.identify_reply(wallet, settings.BETSTACK_FEATURE_FLAGS)


def _opening(plan: Plan, call: PamCall, ticket):
    if call.action == "ticket_create":
        return wallet_services.ticket_create(
            plan, opening=call.opening, existing=ticket
        )
    return wallet_services.ticket_reserve(plan, opening=call.opening, existing=ticket)


def _known(call: PamCall, ticket):
    """The ticket, or a refusal the resend re-evaluates: it may not have arrived."""
    if ticket is None:
        raise TicketNotFoundError(f"Ticket {call.ticket_id} not found")
    return ticket


def _settle(plan: Plan, call: PamCall, ticket):
    return wallet_services.ticket_settle(
        plan,
        ticket=_known(call, ticket),
        action=call.action,
        figures=call.figures,
        reason=call.reason,
    )


def _update(plan: Plan, call: PamCall, ticket):
    return wallet_services.ticket_update(
        plan, ticket=_known(call, ticket), figures=call.figures, psp=call.psp
    )


def _rollback(plan: Plan, call: PamCall, ticket):
    return wallet_services.ticket_rollback(
        plan, ticket=_known(call, ticket), reason=call.reason
    )


def _discard(plan: Plan, call: PamCall, ticket):
    """T4: a discard of a ticket never seen is answered 200 and leaves a tombstone."""
    return wallet_services.ticket_discard(
        plan, ticket=ticket, ticket_id=call.ticket_id, reason=call.reason
    )


def _close(plan: Plan, call: PamCall, ticket):
    return wallet_services.ticket_close(plan, ticket=_known(call, ticket))


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
OPENINGS = ("ticket_create", "ticket_reserve")


class BetstackAdapter:
    """One signed PAM ticket action, as the wallet's pipeline needs it.

    Its key is the request's (timestamp, signature): an exact resend is
    answered from the journal and never evaluated again, even where the
    ticket's state would allow it (a ticket can be settled more than once).
    """

    def __init__(self, call: PamCall, key: str, expired=None):
        self.call, self.key, self.expired = call, key, expired

    def lock(self) -> LockedCall:
        call = self.call
        where = {"provider": PROVIDER, "operation": call.action, "key": self.key}
        if call.action in OPENINGS:
            return wallet_lock_for_call(
                user_id=call.player_id, currency=call.currency, **where
            )
        return wallet_lock_for_ticket(ticket_id=call.ticket_id, **where)

    def decide(self, locked: LockedCall) -> Plan:
        """Outside the replay window only an exact resend is answered."""
        if self.expired is not None:
            raise self.expired
        call, ticket = self.call, locked.ticket
        if call.action in OPENINGS:
            if locked.wallet is None:
                raise wallet_services.wallet_missing_error(
                    user_id=call.player_id, currency=call.currency
                )
            ticket = wallet_selectors.ticket_get(ticket_id=call.ticket_id)
        plan = Plan(locked.wallet)
        ACTIONS[call.action](plan, call, ticket)
        return plan

    def success(self, plan: Plan, operator_tx_id: str) -> protocol.Reply:
        return protocol.ok_reply()

    def refusal(self, error: ApplicationError) -> protocol.Reply:
        return protocol.error_reply(error)

    def conflict(self, stored: ProviderCall) -> protocol.Reply:
        return protocol.error_reply(
            TicketConflictError("this signed request was already answered")
        )


def action_handle(
    *, call: PamCall, request_body: str, timestamp: str, signature: str, expired=None
) -> protocol.Reply:
    """Apply one ticket action and journal it with our answer."""
    compact = json_whitespace_strip(request_body.encode())
    inbound = InboundCall(
        provider=PROVIDER,
        operation=call.action,
        key=f"{timestamp}:{signature.strip().lower()}",
        fingerprint=hashlib.sha256(compact).hexdigest(),
        request_body=request_body,
        reference=call.ticket_id,
    )
    adapter = BetstackAdapter(call, inbound.key, expired)
    return provider_call_handle(call=inbound, adapter=adapter)


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
