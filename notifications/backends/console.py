import sys

from notifications.backends.base import BaseSmsBackend


class ConsoleSmsBackend(BaseSmsBackend):
    """Development: print each message to stdout (never use in production)."""

    def send(self, *, to: str, text: str) -> str:
        sys.stdout.write(f"SMS to {to}: {text}\n")
        sys.stdout.flush()
        return ""
