"""Structured logs: one JSON object per line, each tagged with the request id.

Only whitelisted fields are written: never request bodies, signatures, tokens
or OTP codes.
"""

import contextvars
import json
import logging
import re
import uuid
from datetime import UTC, datetime

request_id_var = contextvars.ContextVar("request_id", default="-")
_SAFE_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")
FIELDS = ("provider", "operation", "tx_id", "outcome", "status", "code", "duration_ms")


class RequestIdMiddleware:
    """Take the caller's X-Request-ID when it looks like an id, else make one;
    every log line of the request carries it and the response echoes it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        given = request.headers.get("X-Request-ID", "")
        token = request_id_var.set(
            given if _SAFE_ID.fullmatch(given) else uuid.uuid4().hex
        )
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = request_id_var.get()
            return response
        finally:
            request_id_var.reset(token)


class RequestIdFilter(logging.Filter):
    def filter(self, record):
        record.request_id = request_id_var.get()
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record):
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", "-"),
        }
        entry |= {
            name: getattr(record, name) for name in FIELDS if hasattr(record, name)
        }
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str)
