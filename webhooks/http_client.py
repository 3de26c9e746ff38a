"""HTTP plumbing shared by the provider API clients: exact JSON, clear errors."""

import json
import uuid
from decimal import Decimal

import httpx


class ProviderApiError(Exception):
    """A provider API call failed; ``status`` is None when no answer came."""

    def __init__(self, message: str, *, status: int | None = None, body=None):
        super().__init__(message)
        self.status = status
        self.body = body


class ProviderUnavailableError(ProviderApiError):
    """Timeout, refused connection or 5xx: worth retrying later."""


class ProviderResponseError(ProviderApiError):
    """The answer was not what the API documents (not JSON, wrong shape)."""


def json_dumps_exact(payload) -> bytes:
    """JSON with Decimals written as number literals, digit for digit, never floats."""
    literals = {}

    def mark(value):
        if isinstance(value, Decimal):
            key = f"@@{uuid.uuid4().hex}@@"
            literals[f'"{key}"'] = format(value, "f")
            return key
        raise TypeError(f"{type(value).__name__} is not JSON serializable")

    text = json.dumps(payload, default=mark, separators=(",", ":"))
    for marker, literal in literals.items():
        text = text.replace(marker, literal)
    return text.encode()


def http_send(
    method: str,
    url: str,
    *,
    timeout: float,
    headers=None,
    content=None,
    params=None,
    transport=None,
) -> tuple[int, object]:
    """Send one request; return (status, parsed JSON body or None).

    Timeouts and connection failures become ProviderUnavailableError; a body
    that is not JSON becomes ProviderResponseError (except an empty one).
    """
    try:
        with httpx.Client(timeout=timeout, transport=transport) as client:
            response = client.request(
                method, url, headers=headers, content=content, params=params
            )
    except httpx.TimeoutException:
        raise ProviderUnavailableError(f"{method} {url}: timed out") from None
    except httpx.HTTPError as error:
        raise ProviderUnavailableError(
            f"{method} {url}: {type(error).__name__}"
        ) from None
    if not response.content.strip():
        return response.status_code, None
    try:
        return response.status_code, response.json(parse_float=Decimal)
    except ValueError:
        raise ProviderResponseError(
            f"{method} {url}: answered {response.status_code} with a body that is "
            "not JSON",
            status=response.status_code,
            body=response.text[:500],
        ) from None
