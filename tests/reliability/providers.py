"""Clients that behave like a provider: every request without a definitive
answer (no answer, a timeout, a 5xx) is sent again, same id, until it gets one."""

import json
import time
from collections import Counter
from decimal import Decimal

import httpx

from webhooks.hypetech.signature import hype_hash

GIVE_UP_SECONDS = 180


class RetryingProvider:
    def __init__(self, *, base: str, key: str, user_id: str, rng, stats: Counter):
        self.base, self.key, self.user_id = base, key, user_id
        self.rng, self.stats = rng, stats
        self.answers: list[dict] = []
        self.client = httpx.Client(timeout=3)

    def _payload(self, action, tx_id, amount, **extra):
        return {
            "user_id": self.user_id,
            "currency": "USD",
            "amount": amount,
            "provider": "hypetech",
            "provider_tx_id": tx_id,
            "game": "aviador",
            "action": action,
            "session_token": f"s-{self.user_id}",
            **extra,
        }

    def send(self, path: str, payload: dict) -> tuple[int, str]:
        body = json.dumps(payload, separators=(",", ":")).encode()
        url = f"{self.base}/webhooks/hypetech/{path}"
        signature = hype_hash(key=self.key, url=url, body=body)
        deadline = time.monotonic() + GIVE_UP_SECONDS
        while time.monotonic() < deadline:
            try:
                response = self.client.post(
                    url,
                    content=body,
                    headers={
                        "Content-Type": "application/json",
                        "Hype-Hash": signature,
                    },
                )
                if response.status_code < 500:
                    self.stats["requests"] += 1
                    return response.status_code, response.text
                self.stats["answered 5xx"] += 1
            except httpx.HTTPError:
                self.stats["no answer"] += 1
            self.stats["resends"] += 1
            time.sleep(self.rng.uniform(0.05, 0.3))
        raise AssertionError(f"{path} {payload['provider_tx_id']}: never answered")

    def _record(self, operation, payload, status, body):
        self.answers.append(
            {
                "operation": operation,
                "tx_id": payload["provider_tx_id"],
                "amount": Decimal(payload["amount"]),
                "status": status,
                "body": body,
            }
        )

    def play(self, name: str, until) -> None:
        """Play rounds until ``until`` (an Event) is set, finishing the last one."""
        n = 0
        while not until.is_set():
            n += 1
            amount = "5000.00" if self.rng.random() < 0.1 else "1.00"
            bet_id = f"{name}-b{n}"
            bet = self._payload("bet", bet_id, amount, round_id=bet_id)
            status, body = self.send("bet", bet)
            self._record("bet", bet, status, body)
            if status != 200:
                continue
            settle = {"linked_tx_id": bet_id, "round_id": bet_id}
            if self.rng.random() < 0.3:
                request = self._payload("rollback", f"{bet_id}-rb", amount, **settle)
                path, operation = "rollback", "rollback"
            else:
                payout = self.rng.choice(["0", "2.00"])
                request = self._payload("win", f"{bet_id}-w", payout, **settle)
                path, operation = "win", "win"
            status, body = self.send(path, request)
            self._record(operation, request, status, body)
