"""Betstack ``signature``: hex HMAC-SHA256 of ``timestamp`` + the compact body.

The same scheme signs PAM calls, SMS notifications and our Bet Engine requests
(docs/providers/betstack.md#2-signature). The body is never parsed and
re-serialised: only the whitespace outside JSON strings is removed from the
bytes as received.
"""

import hashlib
import hmac
import re

from webhooks.exceptions import ExpiredRequestError, InvalidSignatureError

_INSIGNIFICANT = frozenset(b" \t\r\n")
_QUOTE, _BACKSLASH = ord('"'), ord("\\")
_UNIX_TIME = re.compile("[0-9]{1,12}")


def json_whitespace_strip(body: bytes) -> bytes:
    """``body`` without the spaces, tabs and newlines outside string literals."""
    out = bytearray()
    in_string = escaped = False
    for byte in body:
        if in_string:
            if escaped:
                escaped = False
            elif byte == _BACKSLASH:
                escaped = True
            elif byte == _QUOTE:
                in_string = False
        elif byte == _QUOTE:
            in_string = True
        elif byte in _INSIGNIFICANT:
            continue
        out.append(byte)
    return bytes(out)


def betstack_signature(*, key: str, timestamp: str, body: bytes) -> str:
    message = timestamp.encode() + json_whitespace_strip(body)
    return hmac.new(key.encode(), message, hashlib.sha256).hexdigest()


def betstack_signature_verify(
    *,
    signature: str | None,
    timestamp: str | None,
    body: bytes,
    key: str,
    previous_key: str = "",
) -> None:
    """Raise unless ``signature`` signs ``timestamp`` + body, compared in constant time.

    Only whitespace outside JSON strings is insignificant: a space added inside
    a string (an id, a phone number) changes the signed bytes, so a captured
    request cannot be altered that way. The previous key is tried during a
    rotation; every candidate is always computed.
    """
    if not signature or not timestamp or not key:
        raise InvalidSignatureError("missing signature or timestamp")
    given = signature.strip().lower().encode("ascii", "replace")
    matched = False
    for secret in (key, previous_key):
        if secret:
            expected = betstack_signature(key=secret, timestamp=timestamp, body=body)
            matched |= hmac.compare_digest(given, expected.encode())
    if not matched:
        raise InvalidSignatureError("invalid signature")


def betstack_timestamp_verify(*, timestamp: str, tolerance: int, now: float) -> None:
    """With a tolerance (seconds), refuse a timestamp further than it from now."""
    if tolerance <= 0:
        return
    if not _UNIX_TIME.fullmatch(timestamp):
        raise InvalidSignatureError("timestamp is not a Unix time")
    sent = int(timestamp)
    if abs(now - sent) > tolerance:
        raise ExpiredRequestError(f"timestamp {timestamp} is outside {tolerance}s")
