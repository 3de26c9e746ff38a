"""Betstack Bet Engine, which we call: get ticket(s), mark a reserved ticket paid.

See docs/providers/betstack.md#9-calls-we-make-to-betstack Every request carries
``timestamp``, ``operator-name`` and ``signature`` (HMAC-SHA256 of the timestamp
and the compact body; an empty body for GET, as no other is documented).
"""

import time
from collections.abc import Iterator

from django.conf import settings

from webhooks.betstack.signature import betstack_signature
from webhooks.http_client import (
    ProviderApiError,
    ProviderResponseError,
    ProviderUnavailableError,
    http_send,
    json_dumps_exact,
)

MAX_PAGES = 10_000


class BetstackApiError(ProviderApiError):
    pass


class BetstackNotFoundError(BetstackApiError):
    pass


def _error(status: int, body) -> ProviderApiError:
    details = body if isinstance(body, dict) else {}
    code, message = details.get("code"), details.get("message") or details.get("detail")
    text = (
        f"Betstack answered {status}"
        + (f" (code {code})" if code else "")
        + (f": {message}" if message else "")
    )
    if status >= 500:
        return ProviderUnavailableError(text, status=status, body=body)
    if status == 404 or code == 102:
        return BetstackNotFoundError(text, status=status, body=body)
    return BetstackApiError(text, status=status, body=body)


class BetstackClient:
    def __init__(
        self,
        *,
        base_url=None,
        operator=None,
        secret=None,
        timeout=None,
        transport=None,
        clock=time.time,
    ):
        self.base_url = (base_url or settings.BETSTACK_BASE_URL).rstrip("/")
        self.operator = operator or settings.BETSTACK_OPERATOR
        self.secret = secret or settings.BETSTACK_SECRET_KEY
        self.timeout = timeout or settings.BETSTACK_TIMEOUT
        self.transport = transport
        self.clock = clock

    def signed_headers(self, body: bytes) -> dict:
        timestamp = str(int(self.clock()))
        return {
            "timestamp": timestamp,
            "operator-name": self.operator,
            "signature": betstack_signature(
                key=self.secret, timestamp=timestamp, body=body
            ),
            "Content-Type": "application/json",
        }

    def _call(self, method: str, path: str, *, payload=None, params=None):
        content = json_dumps_exact(payload) if payload is not None else b""
        status, body = http_send(
            method,
            self.base_url + path,
            timeout=self.timeout,
            headers=self.signed_headers(content),
            content=content or None,
            params=params,
            transport=self.transport,
        )
        if status >= 400:
            raise _error(status, body)
        return body

    def ticket_get(self, identifier: str) -> dict:
        """GET /be/tickets/{id or code}."""
        body = self._call("GET", f"/be/tickets/{identifier}")
        if not isinstance(body, dict) or "id" not in body:
            raise ProviderResponseError("get ticket: not a ticket", body=body)
        return body

    def tickets_list(
        self, *, user_id: str = "", skip_types=(), limit: int = 100
    ) -> Iterator[dict]:
        """GET /be/tickets, page after page (``skip`` advances; an empty or short
        page ends the list)."""
        for page in range(MAX_PAGES):
            params = [("limit", limit), ("skip", page * limit)]
            params += [("user_id", user_id)] if user_id else []
            params += [("skip_types", kind) for kind in skip_types]
            body = self._call("GET", "/be/tickets", params=params)
            tickets = (
                body.get("tickets", body.get("results"))
                if isinstance(body, dict)
                else body
            )
            if not isinstance(tickets, list):
                raise ProviderResponseError("ticket list: not a list", body=body)
            yield from tickets
            if len(tickets) < limit:
                return

    def ticket_paid(self, identifier: str) -> dict:
        """POST /be/tickets/{id or code}/paid: a reserved ticket becomes open."""
        return self._call(
            "POST",
            f"/be/tickets/{identifier}/paid",
            payload={"operator": self.operator},
        )
