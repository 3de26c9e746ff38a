"""Hypetech API, which we call: sessions, free bets, session transactions.

See docs/providers/hypetech.md#9-calls-we-make-to-hypetech. Bearer token; errors are
problem-details bodies ``{"title", "statusCode", "detail"}``.
"""

from collections.abc import Iterator
from decimal import Decimal

from django.conf import settings

from webhooks.http_client import (
    ProviderApiError,
    ProviderResponseError,
    ProviderUnavailableError,
    http_send,
    json_dumps_exact,
)

MAX_PAGES = 10_000


class HypetechApiError(ProviderApiError):
    pass


class HypetechUnauthorizedError(HypetechApiError):
    pass


class HypetechNotFoundError(HypetechApiError):
    pass


def _problem(status: int, body) -> HypetechApiError:
    details = body if isinstance(body, dict) else {}
    title = details.get("title") or f"HTTP {status}"
    detail = details.get("detail")
    message = f"Hypetech answered {status} {title}" + (f": {detail}" if detail else "")
    if status in (401, 403):
        return HypetechUnauthorizedError(message, status=status, body=body)
    if status == 404:
        return HypetechNotFoundError(message, status=status, body=body)
    if status >= 500:
        return ProviderUnavailableError(message, status=status, body=body)
    return HypetechApiError(message, status=status, body=body)


class HypetechClient:
    def __init__(self, *, base_url=None, token=None, timeout=None, transport=None):
        self.base_url = (base_url or settings.HYPETECH_BASE_URL).rstrip("/")
        self.token = token if token is not None else settings.HYPETECH_API_TOKEN
        self.timeout = timeout or settings.HYPETECH_TIMEOUT
        self.transport = transport

    def _call(self, method: str, path: str, *, payload=None, params=None):
        if not self.token:
            raise HypetechApiError("HYPETECH_API_TOKEN is not configured")
        headers = {
            "Authorization": f"Bearer {self.token}",
            "Content-Type": "application/json",
            "Accept": "application/json",
        }
        content = json_dumps_exact(payload) if payload is not None else None
        status, body = http_send(
            method,
            self.base_url + path,
            timeout=self.timeout,
            headers=headers,
            content=content,
            params=params,
            transport=self.transport,
        )
        if status >= 400:
            raise _problem(status, body)
        if not isinstance(body, dict):
            raise ProviderResponseError(
                f"{method} {path}: expected a JSON object", status=status, body=body
            )
        return body

    def session_create(
        self,
        *,
        game: str,
        user_id: str,
        username: str,
        lang="",
        currency="",
        balance: Decimal | None = None,
        expires_in_minutes: int | None = None,
        extra_data="",
    ) -> str:
        """POST /games/request-access: a single-use game URL for the player."""
        payload = {"game": game, "user_id": user_id, "username": username}
        optional = {
            "lang": lang,
            "currency": currency,
            "balance": balance,
            "expires_in_minutes": expires_in_minutes,
            "extra_data": extra_data,
        }
        payload |= {k: v for k, v in optional.items() if v not in (None, "")}
        body = self._call("POST", "/games/request-access", payload=payload)
        game_url = body.get("game_url")
        if not isinstance(game_url, str) or not game_url.startswith("http"):
            raise ProviderResponseError(
                "create session: no game_url in the answer", body=body
            )
        return game_url

    def free_bets_grant(
        self,
        *,
        game_slug: str,
        user_id: str,
        quantity: int,
        value: Decimal,
        currency: str,
        expires_at: str,
        bonus_code: str = "",
        max_multiplier=None,
    ) -> str:
        """POST /games/free-bets (named "Redeem", it grants). Not idempotent."""
        payload = {
            "game_slug": game_slug,
            "user_id": user_id,
            "quantity": str(quantity),
            "value": value,
            "currency": currency,
            "expires_at": expires_at,
        }
        if bonus_code:
            payload["bonus_code"] = bonus_code
        if max_multiplier is not None:
            payload["max_multiplier"] = max_multiplier
        body = self._call("POST", "/games/free-bets", payload=payload)
        return str(body.get("free_bet", ""))

    def session_transactions(
        self, session_id: str, *, page_size: int = 100
    ) -> Iterator[dict]:
        """GET /sessions/{id}/transactions, every page, one transaction at a time."""
        page = 1
        while page <= MAX_PAGES:
            body = self._call(
                "GET",
                f"/sessions/{session_id}/transactions",
                params={"pageSize": page_size, "pageNumber": page},
            )
            transactions = body.get("transactions")
            pagination = body.get("pagination") or {}
            if not isinstance(transactions, list):
                raise ProviderResponseError("session transactions: no list", body=body)
            yield from transactions
            total = pagination.get("totalPages")
            if not isinstance(total, int) or page >= total or not transactions:
                return
            page += 1
