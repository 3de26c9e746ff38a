"""Hype-Hash: hex HMAC-SHA256 of the absolute request URL + the raw body
(docs/providers/hypetech.md#2-signature-hype-hash)."""

import hashlib
import hmac
from datetime import UTC, datetime

from webhooks.exceptions import ExpiredRequestError, InvalidSignatureError

# Node's `url + JSON.stringify(undefined)` for a body-less [B] GET
# (docs/providers/hypetech.md#2-signature-hype-hash).
_EMPTY_BODY_VARIANTS = (b"", b"undefined", b"{}")


def hype_hash(*, key: str, url: str, body: bytes) -> str:
    return hmac.new(key.encode(), url.encode() + body, hashlib.sha256).hexdigest()


def hype_hash_verify(*, signature: str | None, url: str, body: bytes, keys) -> None:
    """Raise unless ``signature`` matches one of ``keys`` (current, previous).

    Every candidate is compared, in constant time, so the answer's timing does
    not tell which key or body variant came close.
    """
    if not signature:
        raise InvalidSignatureError("missing Hype-Hash header")
    given = signature.strip().lower().encode("ascii", "replace")
    bodies = (body,) if body else _EMPTY_BODY_VARIANTS
    matched = False
    for key in (k for k in keys if k):
        for candidate in bodies:
            expected = hype_hash(key=key, url=url, body=candidate).encode()
            matched |= hmac.compare_digest(given, expected)
    if not matched:
        raise InvalidSignatureError("invalid Hype-Hash")


def _timestamp_parse(value: str) -> datetime:
    value = value.strip(" \t")
    if not value.isascii():
        raise ValueError("timestamp must be ASCII")
    if value.isdigit():
        seconds = int(value)
        if len(value) >= 13:
            seconds /= 1000
        return datetime.fromtimestamp(seconds, tz=UTC)
    parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed


def timestamp_verify(*, value: str | None, tolerance: int, now: datetime) -> None:
    """Refuse a request whose timestamp (seconds, milliseconds or ISO 8601) is
    missing, unreadable or more than ``tolerance`` seconds away from ``now``."""
    if not value:
        raise InvalidSignatureError("missing timestamp")
    try:
        sent = _timestamp_parse(value)
    except (ValueError, OverflowError, OSError):
        raise InvalidSignatureError("unreadable timestamp") from None
    if abs((now - sent).total_seconds()) > tolerance:
        raise ExpiredRequestError(f"timestamp {value} is outside {tolerance}s")
