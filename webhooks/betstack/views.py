"""Betstack PAM endpoint: one POST, dispatched on ``action`` (betstack.md §3)."""

import logging
import time

from django.conf import settings
from django.http import HttpResponse
from django.views.decorators.csrf import csrf_exempt

from operator_site.exceptions import ApplicationError
from webhooks.betstack import protocol
from webhooks.betstack.serializers import (
    call_parse,
    envelope_parse,
    notification_parse,
)
from webhooks.betstack.services import (
    action_handle,
    identify_handle,
    notification_handle,
)
from webhooks.betstack.signature import (
    betstack_signature_verify,
    betstack_timestamp_verify,
)
from webhooks.body import body_read
from webhooks.client_ip import ip_allow
from webhooks.exceptions import MethodNotAllowedError, OperatorMismatchError

logger = logging.getLogger(__name__)


def request_authenticate(request, body: bytes, *, late_ok: bool = False) -> None:
    """Signature over timestamp + body, then the replay window (unless
    ``late_ok``: a ticket_discard is safe to evaluate late)."""
    timestamp = request.headers.get("timestamp")
    betstack_signature_verify(
        signature=request.headers.get("signature"),
        timestamp=timestamp,
        body=body,
        key=settings.BETSTACK_SECRET_KEY,
        previous_key=settings.BETSTACK_SECRET_KEY_PREVIOUS,
    )
    if late_ok:
        return
    betstack_timestamp_verify(
        timestamp=timestamp,
        tolerance=settings.BETSTACK_TIMESTAMP_TOLERANCE,
        now=time.time(),
    )


def operator_verify(operator: str) -> None:
    if operator != settings.BETSTACK_OPERATOR:
        raise OperatorMismatchError(f"operator {operator!r} is not ours")


def _pam_reply(request) -> protocol.Reply:
    if request.method != "POST":
        raise MethodNotAllowedError(f"{request.method} is not allowed")
    body = body_read(request)
    action, data = envelope_parse(body)
    if action == "ping":
        return protocol.ok_reply()
    request_authenticate(request, body, late_ok=action == "ticket_discard")
    call = call_parse(action, data)
    request.betstack_call = (call.action, call.ticket_id)
    operator_verify(call.operator)
    if action == "identify":
        return identify_handle(call=call)
    return action_handle(
        call=call,
        request_body=body.decode(),
        timestamp=request.headers["timestamp"],
        signature=request.headers["signature"],
    )


def _notification_reply(request) -> protocol.Reply:
    """SMS notifications carry operator-name as a header, not in the body (§2.2)."""
    if request.method != "POST":
        raise MethodNotAllowedError(f"{request.method} is not allowed")
    body = body_read(request)
    request_authenticate(request, body)
    operator_verify(request.headers.get("operator-name", ""))
    kind, data = notification_parse(body)
    request.betstack_call = (kind, str(data.get("ticket_id") or ""))
    return notification_handle(kind=kind, data=data)


def _answer(endpoint: str, build, request) -> HttpResponse:
    started = time.monotonic()
    try:
        ip_allow(request, settings.BETSTACK_ALLOWED_IPS)
        reply = build(request)
    except ApplicationError as error:
        reply = protocol.error_reply(error)
    except Exception:
        logger.exception("betstack %s call failed; nothing was applied", endpoint)
        reply = protocol.internal_error_reply()
    operation, tx_id = getattr(request, "betstack_call", ("", ""))
    logger.info(
        "betstack %s %s %s -> %s",
        endpoint,
        operation,
        tx_id,
        reply.status,
        extra={
            "provider": "betstack",
            "operation": operation or endpoint,
            "tx_id": tx_id,
            "outcome": "refused" if reply.code else "accepted",
            "status": reply.status,
            "code": reply.code,
            "duration_ms": round((time.monotonic() - started) * 1000, 1),
        },
    )
    return HttpResponse(
        reply.body, status=reply.status, content_type="application/json"
    )


@csrf_exempt
def pam_view(request):
    return _answer("pam", _pam_reply, request)


@csrf_exempt
def notifications_view(request):
    return _answer("notifications", _notification_reply, request)
