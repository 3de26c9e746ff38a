"""Reading and decoding provider request bodies, shared by every adapter."""

import json
import re
from decimal import Decimal

from django.conf import settings

from webhooks.exceptions import (
    LengthRequiredError,
    MalformedRequestError,
    PayloadTooLargeError,
)

# PostgreSQL text and jsonb hold neither NUL nor a lone UTF-16 surrogate.
_UNSTORABLE = re.compile(r"[\x00\ud800-\udfff]")


class ExponentDecimal(Decimal):
    """A JSON number written with an exponent (``1e2``), refused as an amount."""


def _stream_read(request, limit: int) -> bytes:
    """A body sent without Content-Length (chunked), read to its end.

    Django sees such a body as empty. Only a server that decoded the chunks
    and ends the input there (gunicorn sets wsgi.input_terminated) can give
    the whole body; elsewhere the request is refused, never read in part.
    """
    if not request.environ.get("wsgi.input_terminated"):
        raise LengthRequiredError("a body without Content-Length cannot be read here")
    stream, body = request.environ["wsgi.input"], b""
    while len(body) <= limit:
        chunk = stream.read(limit + 1 - len(body))
        if not chunk:
            break
        body += chunk
    return body


def _declared_read(request, limit: int) -> bytes:
    try:
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        raise MalformedRequestError("invalid Content-Length") from None
    if declared > limit:
        raise PayloadTooLargeError(f"body of {declared} bytes exceeds {limit}")
    return request.body


def body_read(request) -> bytes:
    """The raw body, refused above WEBHOOK_MAX_BODY_BYTES: a declared length
    before the body is read, a chunked body after one byte more."""
    limit = settings.WEBHOOK_MAX_BODY_BYTES
    if request.META.get("HTTP_TRANSFER_ENCODING"):
        body = _stream_read(request, limit)
    else:
        body = _declared_read(request, limit)
    if len(body) > limit:
        raise PayloadTooLargeError(f"body of {len(body)} bytes exceeds {limit}")
    return body


def text_verify(text: str) -> str:
    """``text``, unless it holds a NUL or a lone surrogate."""
    if _UNSTORABLE.search(text):
        raise MalformedRequestError("text must not contain NUL or lone surrogates")
    return text


def _strings_verify(data) -> None:
    """Every key and string in ``data``, at any depth, is storable text."""
    pending = [data]
    while pending:
        value = pending.pop()
        if isinstance(value, dict):
            pending.extend(value)
            pending.extend(value.values())
        elif isinstance(value, list):
            pending.extend(value)
        elif isinstance(value, str):
            text_verify(value)


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
    """Parse a JSON object exactly: decimals never floats, no NaN, no duplicate
    keys, no text PostgreSQL cannot store. Numbers are ASCII digits only (the
    json scanner accepts no other)."""
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
    _strings_verify(data)
    return data
