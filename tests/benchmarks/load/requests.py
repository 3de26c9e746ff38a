"""Signed Hypetech requests for the load benchmark, pre-generated to files."""

import json
import random
from pathlib import Path

from webhooks.hypetech.signature import hype_hash

HOT = "load-hot"


def player_ids(players: int) -> list[str]:
    return [f"load-{n}" for n in range(1, players + 1)]


def is_poor(user_id: str) -> bool:
    """One player in twenty holds 0.50: their 1.00 bets are refused (403)."""
    return user_id != HOT and int(user_id.rsplit("-", 1)[1]) % 20 == 0


def _bet(user_id, tx_id):
    return (
        "/webhooks/hypetech/bet",
        {
            "user_id": user_id,
            "currency": "USD",
            "amount": "1.00",
            "provider": "hypetech",
            "provider_tx_id": tx_id,
            "game": "aviador",
            "action": "bet",
            "round_id": f"r-{tx_id}",
            "mode": "default",
            "count_register": 1,
            "session_token": f"s-{user_id}",
        },
    )


def _win(user_id, tx_id, bet_id, amount):
    return (
        "/webhooks/hypetech/win",
        {
            "user_id": user_id,
            "currency": "USD",
            "amount": amount,
            "provider": "hypetech",
            "provider_tx_id": tx_id,
            "linked_tx_id": bet_id,
            "game": "aviador",
            "action": "win",
            "round_id": f"r-{bet_id}",
            "session_token": f"s-{user_id}",
        },
    )


def _line(base: str, key: str, request) -> str:
    path, payload = request
    body = json.dumps(payload, separators=(",", ":"))
    return (
        f"{path}\t{hype_hash(key=key, url=base + path, body=body.encode())}\t{body}\n"
    )


def _funded(players, rng):
    while True:
        user_id = rng.choice(players)
        if not is_poor(user_id):
            return user_id


def warmup_bets(scenario: str, players: list[str], count: int, seed: int):
    """Bets placed before the measured runs, for their wins to settle."""
    rng = random.Random(seed)
    return [
        (HOT if scenario == "hot" else _funded(players, rng), f"w-{scenario}-{n}")
        for n in range(count)
    ]


def stream(scenario, players, warm, count, tag, seed):
    """80% new bets (5% of them refused for funds), 12% wins of warm-up bets,
    8% resends of bets sent earlier in the same stream."""
    rng, sent, wins = random.Random(seed), [], iter(warm)
    for n in range(count):
        roll = rng.random()
        if roll < 0.12:
            won = next(wins, None)
            if won is not None:
                amount = rng.choice(["0", "1.50", "2.00"])
                yield _win(won[0], f"win-{tag}-{n}", won[1], amount)
                continue
        if roll < 0.20 and sent:
            yield rng.choice(sent)
            continue
        user_id = HOT if scenario == "hot" else rng.choice(players)
        request = _bet(user_id, f"b-{tag}-{n}")
        sent.append(request)
        yield request


def requests_write(path: Path, requests, *, base: str, key: str) -> int:
    lines = 0
    with path.open("w") as handle:
        for request in requests:
            handle.write(_line(base, key, request))
            lines += 1
    return lines


def warmup_write(path: Path, bets, *, base: str, key: str) -> int:
    return requests_write(
        path, (_bet(user_id, tx_id) for user_id, tx_id in bets), base=base, key=key
    )
