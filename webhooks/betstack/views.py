"""Betstack PAM endpoint: one POST, dispatched on ``action``
(docs/providers/betstack.md#4-envelope-and-fields)."""

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
from webhooks.exceptions import (
    ExpiredRequestError,
    MethodNotAllowedError,
    OperatorMismatchError,
)

logger = logging.getLogger(__name__)


def request_authenticate(request, body: bytes) -> ExpiredRequestError | None:
    """Raise unless the signature covers timestamp + body; return the replay
    window's refusal, if any, for the caller to apply (an exact resend of an
    answered call is still answered from the journal)."""
    timestamp = request.headers.get("timestamp")
    betstack_signature_verify(
        signature=request.headers.get("signature"),
        timestamp=timestamp,
        body=body,
        key=settings.BETSTACK_SECRET_KEY,
        previous_key=settings.BETSTACK_SECRET_KEY_PREVIOUS,
    )
    try:
        betstack_timestamp_verify(
            timestamp=timestamp,
            tolerance=settings.BETSTACK_TIMESTAMP_TOLERANCE,
            now=time.time(),
        )
    except ExpiredRequestError as error:
        return error
    return None


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
    expired = request_authenticate(request, body)
    call = call_parse(action, data)
    request.betstack_call = (call.action, call.ticket_id)
    operator_verify(call.operator)
    if action == "identify":
        if expired:
            raise expired
        return identify_handle(call=call)
    return action_handle(
        call=call,
        request_body=body.decode(),
        timestamp=request.headers["timestamp"],
        signature=request.headers["signature"],
        expired=None if action == "ticket_discard" else expired,
    )


def _notification_reply(request) -> protocol.Reply:
    """SMS notifications carry operator-name as a header, not in the body
    (docs/providers/betstack.md#8-sms-notifications)."""
    if request.method != "POST":
        raise MethodNotAllowedError(f"{request.method} is not allowed")
    body = body_read(request)
    expired = request_authenticate(request, body)
    if expired:
        raise expired
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
