"""Hypetech webhook endpoints: authenticate raw bytes, parse, delegate, answer."""

import logging
import time

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.csrf import csrf_exempt

from operator_site.exceptions import ApplicationError
from webhooks.body import body_read
from webhooks.client_ip import ip_allow
from webhooks.exceptions import MethodNotAllowedError
from webhooks.hypetech import protocol
from webhooks.hypetech.serializers import call_parse
from webhooks.hypetech.services import balance_handle, callback_handle
from webhooks.hypetech.signature import hype_hash_verify, timestamp_verify

logger = logging.getLogger(__name__)


def signed_url(request) -> str:
    """The absolute URL Hypetech signed: the configured public base + the path."""
    base = settings.HYPETECH_WEBHOOK_BASE_URL
    if base:
        return base.rstrip("/") + request.get_full_path()
    return request.build_absolute_uri()


def request_authenticate(request, body: bytes) -> None:
    hype_hash_verify(
        signature=request.headers.get("Hype-Hash"),
        url=signed_url(request),
        body=body,
        keys=(settings.HYPETECH_API_KEY, settings.HYPETECH_API_KEY_PREVIOUS),
    )
    header = settings.HYPETECH_TIMESTAMP_HEADER
    if header:
        timestamp_verify(
            value=request.headers.get(header),
            tolerance=settings.HYPETECH_TIMESTAMP_TOLERANCE,
            now=timezone.now(),
        )


def _respond(reply: protocol.Reply) -> HttpResponse:
    return HttpResponse(
        reply.body, status=reply.status, content_type="application/json"
    )


@method_decorator(csrf_exempt, name="dispatch")
class HypetechCallbackApi(View):
    """One webhook; GET is accepted as well as POST ([B] used GET,
    docs/providers/hypetech.md#10-decisions-where-hypetech-is-silent)."""

    operation = ""

    def dispatch(self, request, *args, **kwargs):
        started, tx_id = time.monotonic(), ""
        try:
            if request.method not in ("GET", "POST"):
                raise MethodNotAllowedError(f"{request.method} is not allowed")
            ip_allow(request, settings.HYPETECH_ALLOWED_IPS)
            body = body_read(request)
            request_authenticate(request, body)
            call = call_parse(self.operation, body, request.GET)
            tx_id = call.provider_tx_id
            if self.operation == "balance":
                reply = balance_handle(call=call)
            else:
                reply = callback_handle(call=call, request_body=body.decode())
        except ApplicationError as error:
            reply = protocol.error_reply(error)
        except Exception:
            logger.exception("hypetech %s failed; nothing was applied", self.operation)
            reply = protocol.internal_error_reply()
        logger.info(
            "hypetech %s %s -> %s",
            self.operation,
            tx_id,
            reply.status,
            extra={
                "provider": "hypetech",
                "operation": self.operation,
                "tx_id": tx_id,
                "outcome": "refused" if reply.code else "accepted",
                "status": reply.status,
                "code": reply.code,
                "duration_ms": round((time.monotonic() - started) * 1000, 1),
            },
        )
        return _respond(reply)
