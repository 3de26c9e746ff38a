"""Reading and decoding provider request bodies, shared by every adapter."""

import json
from decimal import Decimal

from django.conf import settings

from webhooks.exceptions import MalformedRequestError, PayloadTooLargeError


class ExponentDecimal(Decimal):
    """A JSON number written with an exponent (``1e2``), refused as an amount."""


def body_read(request) -> bytes:
    """The raw body, refused above WEBHOOK_MAX_BODY_BYTES before it is read."""
    limit = settings.WEBHOOK_MAX_BODY_BYTES
    try:
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        raise MalformedRequestError("invalid Content-Length") from None
    if declared > limit:
        raise PayloadTooLargeError(f"body of {declared} bytes exceeds {limit}")
    body = request.body
    if len(body) > limit:
        raise PayloadTooLargeError(f"body of {len(body)} bytes exceeds {limit}")
    return body


def _number(text: str) -> Decimal:
    if "e" in text or "E" in text:
        return ExponentDecimal(text)
    return Decimal(text)


def _constant(name: str):
    raise MalformedRequestError(f"{name} is not a number")


def _unique_keys(pairs):
    obj = {}
    for key, value in pairs:
        if key in obj:
            raise MalformedRequestError(f"duplicate key {key!r}")
        obj[key] = value
    return obj


def json_object_parse(body: bytes) -> dict:
    """Parse a JSON object exactly: decimals never floats, no NaN, no duplicate keys."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise MalformedRequestError("body is not valid UTF-8") from None
    try:
        data = json.loads(
            text,
            parse_float=_number,
            parse_int=int,
            parse_constant=_constant,
            object_pairs_hook=_unique_keys,
        )
    except RecursionError:
        raise MalformedRequestError("body is nested too deeply") from None
    except ValueError as error:
        raise MalformedRequestError(f"body is not valid JSON: {error}") from None
    if not isinstance(data, dict):
        raise MalformedRequestError("body must be a JSON object")
    return data
