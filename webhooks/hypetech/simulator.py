"""A Hypetech stand-in that plays realistic rounds against a running server.

Bets, then wins, losses (win of 0) or rollbacks of the bets that were
accepted; resends of earlier requests; refusals on purpose (stakes above the
balance, unknown players). Every request is signed like Hypetech signs.
"""

import json
import random
import threading
import time
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal

import httpx

from webhooks.hypetech.signature import hype_hash


class TrafficSimulator:
    def __init__(
        self,
        *,
        url: str,
        key: str,
        players: list[tuple[str, str]],
        seed: int | None = None,
    ):
        self.url, self.key, self.players = url.rstrip("/"), key, players
        self.rng = random.Random(seed)  # noqa: S311 - traffic shapes, not secrets
        self.open_bets, self.sent = [], []
        self.outcomes, self.latencies = Counter(), []
        self.lock = threading.Lock()
        self.client = httpx.Client(timeout=10)

    def _payload(self, operation, user_id, currency, amount, **extra):
        return {
            "user_id": user_id,
            "currency": currency,
            "amount": amount,
            "provider": "hypetech",
            "game": "aviador",
            "action": operation,
            "session_token": f"sim-{user_id}",
            "mode": "default",
            **extra,
        }

    def next_request(self) -> tuple[str, str, dict]:
        """(label, path, payload) of the next thing a provider would send."""
        roll = self.rng.random()
        with self.lock:
            if self.open_bets and roll < 0.45:
                bet = self.open_bets.pop(self.rng.randrange(len(self.open_bets)))
                return self._settlement(bet)
            if self.sent and roll < 0.55:
                return ("resend", *self.rng.choice(self.sent)[1:])
        user_id, currency = self.rng.choice(self.players)
        tx_id = f"sim-{uuid.uuid4().hex[:16]}"
        if roll < 0.60:
            return (
                "bet (too big)",
                "bet",
                self._payload(
                    "bet",
                    user_id,
                    currency,
                    "999999999.00",
                    provider_tx_id=tx_id,
                    round_id=tx_id,
                ),
            )
        if roll < 0.62:
            return (
                "bet (unknown player)",
                "bet",
                self._payload(
                    "bet",
                    f"ghost-{tx_id}",
                    currency,
                    "1.00",
                    provider_tx_id=tx_id,
                    round_id=tx_id,
                ),
            )
        amount = str(Decimal(self.rng.choice(["0.50", "1.00", "2.00", "5.00"])))
        return (
            "bet",
            "bet",
            self._payload(
                "bet", user_id, currency, amount, provider_tx_id=tx_id, round_id=tx_id
            ),
        )

    def _settlement(self, bet):
        user_id, currency, tx_id, amount = bet
        kind = self.rng.choices(["win", "loss", "rollback"], [0.35, 0.55, 0.10])[0]
        settle = {
            "provider_tx_id": f"{tx_id}-{kind}",
            "linked_tx_id": tx_id,
            "round_id": tx_id,
        }
        if kind == "rollback":
            return (
                "rollback",
                "rollback",
                self._payload("rollback", user_id, currency, amount, **settle),
            )
        payout = "0" if kind == "loss" else str(Decimal(amount) * 2)
        return (kind, "win", self._payload("win", user_id, currency, payout, **settle))

    def send(self, label: str, path: str, payload: dict) -> int:
        body = json.dumps(payload, separators=(",", ":")).encode()
        url = f"{self.url}/webhooks/hypetech/{path}"
        signature = hype_hash(key=self.key, url=url, body=body)
        started = time.perf_counter()
        try:
            status = self.client.post(
                url,
                content=body,
                headers={"Content-Type": "application/json", "Hype-Hash": signature},
            ).status_code
        except httpx.HTTPError:
            status = 0
        with self.lock:
            self.latencies.append(time.perf_counter() - started)
            self.outcomes[(label, status)] += 1
            if label == "bet" and status == 200:
                self.open_bets.append(
                    (
                        payload["user_id"],
                        payload["currency"],
                        payload["provider_tx_id"],
                        payload["amount"],
                    )
                )
            if label != "resend":
                self.sent.append((label, path, payload))
                del self.sent[:-1000]
        return status

    def run(self, *, rate: float, duration: float) -> None:
        """Send ``rate`` requests per second for ``duration`` seconds."""
        start, total = time.monotonic(), int(rate * duration)
        with ThreadPoolExecutor(max_workers=min(32, max(2, int(rate)))) as pool:
            for n in range(total):
                delay = start + n / rate - time.monotonic()
                if delay > 0:
                    time.sleep(delay)
                pool.submit(self.send, *self.next_request())

    def percentile(self, p: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(len(ordered) * p / 100))] * 1000
