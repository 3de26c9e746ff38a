"""Arbitrary bodies, correctly signed, to every webhook and PAM action:
never a 500, never money moved unless the answer is a success."""

import json
import time

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import BETSTACK_KEY, HYPETECH_BASE, HYPETECH_KEY
from wallet.models import Ticket, Transaction
from webhooks.betstack.serializers import ACTIONS, ALIASES, NOTIFICATION_TYPES
from webhooks.betstack.signature import betstack_signature
from webhooks.hypetech.signature import hype_hash

pytestmark = pytest.mark.django_db
SETTINGS = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**40), max_value=10**40)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=30)
    | st.sampled_from(
        [
            "26",
            "p1",
            "USD",
            "BRL",
            "1.00",
            "-1",
            "1e3",
            "NaN",
            "668ef666333180bba97f0c93",
            "acme",
            "free",
        ]
    )
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.text(max_size=10), inner, max_size=4)
    ),
    max_leaves=12,
)
HYPETECH_FIELDS = [
    "user_id",
    "currency",
    "amount",
    "provider_tx_id",
    "linked_tx_id",
    "round_id",
    "game",
    "session_token",
    "mode",
    "bonus_code",
]
BETSTACK_FIELDS = [
    "operator",
    "ticket_id",
    "ticket_code",
    "player_id",
    "price",
    "stake",
    "currency",
    "net_payout",
    "payout",
    "token",
    "reason",
    "code",
    "msisdn",
    "status",
    "result",
]


def _objects(names):
    return st.dictionaries(
        st.sampled_from(names) | st.text(max_size=8), VALUES, max_size=len(names)
    )


RAW_BODIES = st.one_of(
    st.binary(max_size=200),
    st.just(b'{"a":1,"a":2}'),
    st.just(b"[" * 5000 + b"]" * 5000),
    st.integers(min_value=1, max_value=400).map(lambda n: b"{" * n),
)


def _money_moved():
    return Transaction.objects.count(), Ticket.objects.count()


def _encode(value) -> bytes:
    return json.dumps(value, default=str).encode()


@pytest.fixture
def funded(make_wallet):
    make_wallet(user_id="26", balance="1000.00")
    make_wallet(user_id="p1", balance="100.00")


@SETTINGS
@given(
    path=st.sampled_from(
        ["bet", "register", "win", "rewards", "loses", "rollback", "balance"]
    ),
    body=_objects(HYPETECH_FIELDS).map(_encode) | RAW_BODIES,
)
def test_hypetech_never_fails_and_moves_money_only_on_success(funded, path, body):
    before = _money_moved()
    url = f"/webhooks/hypetech/{path}"
    signature = hype_hash(key=HYPETECH_KEY, url=HYPETECH_BASE + url, body=body)

    response = Client().post(
        url, body, content_type="application/json", HTTP_HYPE_HASH=signature
    )

    assert response.status_code < 500, response.content
    assert "code" in response.json() or response.status_code == 200
    if response.status_code != 200:
        assert _money_moved() == before


@SETTINGS
@given(
    action=st.sampled_from([*ACTIONS, *ALIASES, "nonsense"]),
    data=_objects(BETSTACK_FIELDS) | VALUES,
    raw=RAW_BODIES | st.none(),
)
def test_betstack_never_fails_and_moves_money_only_on_success(
    funded, action, data, raw
):
    body = raw if raw is not None else _encode({"action": action, "data": data})
    before = _money_moved()
    timestamp = str(int(time.time()))

    response = Client().post(
        "/webhooks/betstack/pam",
        body,
        content_type="application/json",
        HTTP_TIMESTAMP=timestamp,
        HTTP_SIGNATURE=betstack_signature(
            key=BETSTACK_KEY, timestamp=timestamp, body=body
        ),
    )

    assert response.status_code < 500, response.content
    if response.status_code != 200:
        assert _money_moved() == before
        assert set(response.json()) == {"code", "message"}


@SETTINGS
@given(kind=st.sampled_from([*NOTIFICATION_TYPES, "push"]), data=VALUES)
def test_notifications_never_fail(funded, kind, data):
    body = _encode({"type": kind, "data": data})
    timestamp = str(int(time.time()))

    response = Client().post(
        "/webhooks/betstack/notifications",
        body,
        content_type="application/json",
        HTTP_TIMESTAMP=timestamp,
        HTTP_OPERATOR_NAME="acme",
        HTTP_SIGNATURE=betstack_signature(
            key=BETSTACK_KEY, timestamp=timestamp, body=body
        ),
    )

    assert response.status_code < 500, response.content
