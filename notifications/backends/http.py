"""A JSON-over-HTTPS SMS gateway: POST {to, from, body} with a bearer token.

The shape of common SMS REST APIs; the answer's ``id`` (or ``sid``) is kept.
"""

import httpx
from django.conf import settings

from notifications.backends.base import (
    BaseSmsBackend,
    SmsPermanentError,
    SmsTransientError,
)


class HttpSmsBackend(BaseSmsBackend):
    def send(self, *, to: str, text: str) -> str:
        try:
            response = httpx.post(
                settings.SMS_HTTP_URL,
                json={"to": to, "from": settings.SMS_SENDER, "body": text},
                headers={"Authorization": f"Bearer {settings.SMS_HTTP_TOKEN}"},
                timeout=settings.SMS_HTTP_TIMEOUT,
            )
        except httpx.TimeoutException:
            raise SmsTransientError("gateway timed out") from None
        except httpx.HTTPError as error:
            raise SmsTransientError(
                f"gateway unreachable: {type(error).__name__}"
            ) from None
        if response.status_code >= 500 or response.status_code == 429:
            raise SmsTransientError(f"gateway answered {response.status_code}")
        if response.status_code >= 400:
            raise SmsPermanentError(
                f"gateway refused with {response.status_code}: {response.text[:200]}"
            )
        try:
            answer = response.json()
        except ValueError:
            return ""
        return (
            str(answer.get("id") or answer.get("sid") or "")
            if isinstance(answer, dict)
            else ""
        )
