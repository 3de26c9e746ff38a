"""A chunked PAM call: read from a terminated input, else 411 (code 124)."""

import io
import json

import pytest

from tests.webhooks.betstack.conftest import create_payload
from tests.webhooks.state import state_of

pytestmark = pytest.mark.django_db
CHUNKED = {"CONTENT_LENGTH": "", "HTTP_TRANSFER_ENCODING": "chunked"}


def test_chunked_ticket_create_from_a_terminated_input_is_applied(betstack, wallet):
    body = json.dumps(create_payload()).encode()

    response = betstack.send(
        body=body,
        **CHUNKED,
        **{"wsgi.input_terminated": True, "wsgi.input": io.BytesIO(body)},
    )

    assert response.status_code == 200
    after = state_of(wallet)
    assert (after["balance"], after["tickets"]) == (95, 1)


def test_chunked_ticket_create_without_a_terminated_input_is_411(betstack, wallet):
    before = state_of(wallet)

    response = betstack.send(create_payload(), **CHUNKED)

    assert response.status_code == 411
    assert response.json() == {
        "code": 124,
        "message": "a body without Content-Length cannot be read here",
    }
    assert state_of(wallet) == before
