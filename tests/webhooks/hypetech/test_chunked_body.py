"""A body sent with Transfer-Encoding: chunked, which Django reads as empty.

Read from a server that decoded the chunks and ends the input there
(gunicorn's wsgi.input_terminated); refused with 411 by any other server.
Never an empty body, never the query-string fallback, never half a body.
"""

import http.client
import io
import json
import os
import socket

import pytest
from django.db import connection

from tests.conftest import HYPETECH_KEY
from tests.reliability.cluster import Gunicorn
from tests.webhooks.hypetech.conftest import payload
from tests.webhooks.state import state_of
from webhooks.hypetech.signature import hype_hash

CHUNKED = {"CONTENT_LENGTH": "", "HTTP_TRANSFER_ENCODING": "chunked"}
# The bet again, as query parameters: what the old code applied instead.
QUERY = "user_id=26&currency=USD&amount=1&provider_tx_id=q1&round_id=1&game=g"
QUERY += "&session_token=s"


class Trickle(io.RawIOBase):
    """A terminated input that hands out a few bytes per read."""

    def __init__(self, data: bytes):
        self.data = io.BytesIO(data)

    def readable(self):
        return True

    def readinto(self, buffer):
        chunk = self.data.read(min(len(buffer), 7))
        buffer[: len(chunk)] = chunk
        return len(chunk)


def _body(**fields) -> bytes:
    return json.dumps(payload("bet", **fields)).encode()


@pytest.mark.django_db
@pytest.mark.parametrize("stream", [io.BytesIO, Trickle], ids=["whole", "trickle"])
def test_chunked_body_from_a_terminated_input_is_applied_once(hypetech, wallet, stream):
    body = _body()

    response = hypetech.send(
        "bet",
        body=body,
        query=QUERY,
        **CHUNKED,
        **{"wsgi.input_terminated": True, "wsgi.input": stream(body)},
    )

    assert response.status_code == 200
    assert response.json()["provider_tx_id"] == "559"
    after = state_of(wallet)
    assert (after["balance"], after["bets"]) == (800, 1)


@pytest.mark.django_db
def test_chunked_body_without_a_terminated_input_is_411(hypetech, wallet):
    body = _body()
    before = state_of(wallet)

    response = hypetech.send("bet", body=body, query=QUERY, **CHUNKED)

    assert response.status_code == 411
    assert response.json() == {
        "title": "Length required",
        "statusCode": 411,
        "detail": "a body without Content-Length cannot be read here",
        "code": "LENGTH_REQUIRED",
    }
    assert state_of(wallet) == before


@pytest.mark.django_db
def test_chunked_body_over_the_limit_is_413(hypetech, wallet, settings):
    settings.WEBHOOK_MAX_BODY_BYTES = 100
    body = _body(extra_data="x" * 200)
    before = state_of(wallet)

    response = hypetech.send(
        "bet",
        body=body,
        **CHUNKED,
        **{"wsgi.input_terminated": True, "wsgi.input": io.BytesIO(body)},
    )

    assert response.status_code == 413
    assert response.json()["code"] == "PAYLOAD_TOO_LARGE"
    assert state_of(wallet) == before


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def server(transactional_db, tmp_path):
    """gunicorn on the test database, the way production runs the app."""
    port, db = _free_port(), connection.settings_dict
    env = {
        name: value
        for name, value in os.environ.items()
        if name != "DJANGO_ALLOW_ASYNC_UNSAFE"
    } | {
        "DATABASE_URL": (
            f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}"
            f"/{db['NAME']}"
        ),
        "CONN_MAX_AGE": "0",
        "DEBUG": "false",
        "ALLOWED_HOSTS": "127.0.0.1",
        "HYPETECH_API_KEY": HYPETECH_KEY,
        "HYPETECH_WEBHOOK_BASE_URL": f"http://127.0.0.1:{port}",
        "LOG_LEVEL": "WARNING",
    }
    app = Gunicorn(env, port, workers=1, log=tmp_path / "gunicorn.log")
    yield port
    app.stop()


@pytest.mark.django_db(transaction=True)
def test_chunked_bet_through_gunicorn_is_applied_once(server, make_wallet):
    wallet = make_wallet(user_id="26", currency="USD", balance="1000.00")
    path = "/webhooks/hypetech/bet"
    body = _body()
    signature = hype_hash(
        key=HYPETECH_KEY, url=f"http://127.0.0.1:{server}{path}", body=body
    )
    client = http.client.HTTPConnection("127.0.0.1", server, timeout=10)

    client.request(
        "POST",
        path,
        body=iter([body[:50], body[50:]]),
        headers={"Content-Type": "application/json", "Hype-Hash": signature},
        encode_chunked=True,
    )
    response = client.getresponse()

    assert response.status == 200, response.read()
    assert json.loads(response.read())["new_balance"] == "800.00"
    after = state_of(wallet)
    assert (after["balance"], after["bets"]) == (800, 1)
