import json
from pathlib import Path

import pytest
from django.test import Client

from tests.conftest import HYPETECH_BASE, HYPETECH_KEY
from webhooks.hypetech.signature import hype_hash

FIXTURES = Path(__file__).parent.parent / "fixtures" / "hypetech"
PATHS = {
    "bet": "bet",
    "win": "win",
    "loss": "loses",
    "rollback": "rollback",
    "balance": "balance",
}


def payload(kind: str, **fields) -> dict:
    """A fixture payload of
    docs/providers/hypetech.md#3-request-fields with ``fields`` replaced."""
    data = json.loads((FIXTURES / f"{kind}.json").read_text())
    data.update(fields)
    return data


class HypetechSender:
    """Sends requests the way Hypetech does: JSON body signed with Hype-Hash."""

    def __init__(self, client: Client):
        self.client = client

    def send(
        self,
        path,
        data=None,
        *,
        body=None,
        key=HYPETECH_KEY,
        method="POST",
        query="",
        signature=None,
        **headers,
    ):
        if body is None:
            body = json.dumps(data, separators=(",", ":")).encode()
        full_path = f"/webhooks/hypetech/{PATHS.get(path, path)}"
        if query:
            full_path += f"?{query}"
        if signature is None:
            signature = hype_hash(key=key, url=HYPETECH_BASE + full_path, body=body)
        if signature:
            headers["HTTP_HYPE_HASH"] = signature
        return self.client.generic(
            method, full_path, body, content_type="application/json", **headers
        )

    def bet(self, **fields):
        return self.send("bet", payload("bet", **fields))

    def win(self, **fields):
        return self.send("win", payload("win", **fields))

    def rollback(self, **fields):
        return self.send("rollback", payload("rollback", **fields))


@pytest.fixture
def hypetech(client):
    return HypetechSender(client)


@pytest.fixture
def wallet(make_wallet):
    """Player 26 with 1000.00 USD, the player of the fixture payloads."""
    return make_wallet(user_id="26", currency="USD", balance="1000.00")
