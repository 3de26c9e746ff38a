import json
import time
from pathlib import Path

import pytest
from django.test import Client

from tests.conftest import BETSTACK_KEY
from webhooks.betstack.signature import betstack_signature

FIXTURES = Path(__file__).parent.parent / "fixtures" / "betstack"
TICKET = "668ef666333180bba97f0c93"


def create_payload(legacy=False, **data) -> dict:
    name = "ticket_create_legacy" if legacy else "ticket_create"
    envelope = json.loads((FIXTURES / f"{name}.json").read_text())
    envelope["data"].update(data)
    return envelope


def action_payload(action, ticket_id=TICKET, **data) -> dict:
    return {
        "action": action,
        "data": {"operator": "acme", "ticket_id": ticket_id, **data},
    }


class BetstackSender:
    """Posts PAM envelopes signed the way Betstack signs them
    (docs/providers/betstack.md#2-signature)."""

    def __init__(self, client: Client):
        self.client = client
        self.last_timestamp = 0

    def _timestamp(self) -> str:
        """Now, but never the same second twice: each send is a new delivery
        (the same timestamp and body would be an exact resend)."""
        self.last_timestamp = max(int(time.time()), self.last_timestamp + 1)
        return str(self.last_timestamp)

    def send(
        self,
        envelope=None,
        *,
        body=None,
        key=BETSTACK_KEY,
        timestamp=None,
        signature=None,
        path="/webhooks/betstack/pam",
        method="POST",
        **headers,
    ):
        if body is None:
            body = json.dumps(envelope, indent=4).encode()
        timestamp = self._timestamp() if timestamp is None else timestamp
        if signature is None:
            signature = betstack_signature(key=key, timestamp=timestamp, body=body)
        if timestamp:
            headers["HTTP_TIMESTAMP"] = timestamp
        if signature:
            headers["HTTP_SIGNATURE"] = signature
        return self.client.generic(
            method, path, body, content_type="application/json", **headers
        )

    def create(self, **data):
        return self.send(create_payload(**data))

    def act(self, action, ticket_id=TICKET, **data):
        return self.send(action_payload(action, ticket_id, **data))


@pytest.fixture
def betstack(client):
    return BetstackSender(client)


@pytest.fixture
def wallet(make_wallet):
    """Player p1 with 100.00 USD (10000 cents)."""
    return make_wallet(user_id="p1", currency="USD", balance="100.00")
