from notifications.backends.base import BaseSmsBackend

outbox: list[dict] = []


class LocmemSmsBackend(BaseSmsBackend):
    """Tests: keep messages in ``notifications.backends.locmem.outbox``."""

    def send(self, *, to: str, text: str) -> str:
        outbox.append({"to": to, "text": text})
        return f"locmem-{len(outbox)}"
