"""Text PostgreSQL cannot store, and timestamps that are not ASCII digits.

A NUL (JSON ``\\u0000``) or a lone surrogate (``\\ud800``) in any string used
to reach the database and answer 500; now it is a 400, code 120.
"""

import time

import pytest

from tests.webhooks.betstack.conftest import TICKET, action_payload, create_payload
from tests.webhooks.state import state_of

pytestmark = pytest.mark.django_db
NOTIFICATIONS = "/webhooks/betstack/notifications"
UNSTORABLE = {"nul": "p\x001", "surrogate": "p\ud8001"}
CREATE_FIELDS = [
    "ticket_id",
    "operator",
    "player_id",
    "ticket_code",
    "psp",
    "atag",
    "rtag",
    "currency",
    "ticket_type",
    "ext_type",
]
ARABIC_INDIC_DIGITS = str.maketrans(
    "0123456789", "".join(map(chr, range(0x660, 0x66A)))
)


def _assert_bad_request(response):
    assert response.status_code == 400
    assert response.json() == {"code": 120, "message": response.json()["message"]}


@pytest.mark.parametrize("value", UNSTORABLE.values(), ids=UNSTORABLE.keys())
@pytest.mark.parametrize("field", CREATE_FIELDS)
def test_unstorable_text_in_ticket_create_is_400(betstack, wallet, field, value):
    before = state_of(wallet)

    response = betstack.create(**{field: value})

    _assert_bad_request(response)
    assert state_of(wallet) == before


@pytest.mark.parametrize("value", UNSTORABLE.values(), ids=UNSTORABLE.keys())
@pytest.mark.parametrize(
    ("action", "field"),
    [("ticket_refund", "reason"), ("ticket_win", "psp"), ("ticket_void", "reason")],
)
def test_unstorable_text_on_a_ticket_is_400(betstack, wallet, action, field, value):
    assert betstack.create().status_code == 200
    before = state_of(wallet)

    response = betstack.act(action, **{field: value})

    _assert_bad_request(response)
    assert state_of(wallet) == before


@pytest.mark.parametrize("value", UNSTORABLE.values(), ids=UNSTORABLE.keys())
def test_unstorable_token_in_identify_is_400(betstack, wallet, value):
    before = state_of(wallet)

    response = betstack.send(
        {"action": "identify", "data": {"operator": "acme", "token": value}}
    )

    _assert_bad_request(response)
    assert state_of(wallet) == before


@pytest.mark.parametrize("value", UNSTORABLE.values(), ids=UNSTORABLE.keys())
@pytest.mark.parametrize(
    ("kind", "field"),
    [
        ("otp", "code"),
        ("otp", "msisdn"),
        ("ticket_status", "status"),
        ("ticket_status", "ticket_id"),
        ("bet_result", "result"),
    ],
)
def test_unstorable_text_in_a_notification_is_400(
    betstack, wallet, settings, kind, field, value
):
    settings.SMS_BACKEND = "notifications.backends.locmem.LocmemSmsBackend"
    data = {"code": "1234", "msisdn": "+260977223120", "ticket_id": TICKET}
    before = state_of(wallet)

    response = betstack.send(
        {"type": kind, "data": data | {field: value}},
        path=NOTIFICATIONS,
        HTTP_OPERATOR_NAME="acme",
    )

    _assert_bad_request(response)
    assert state_of(wallet) == before


@pytest.mark.parametrize("value", UNSTORABLE.values(), ids=UNSTORABLE.keys())
def test_unstorable_text_in_a_key_or_a_nested_value_is_400(betstack, wallet, value):
    before = state_of(wallet)

    as_key = betstack.send(create_payload(**{value: "x"}))
    nested = betstack.send(action_payload("ticket_refund", extra=[[{"n": value}]]))

    _assert_bad_request(as_key)
    _assert_bad_request(nested)
    assert state_of(wallet) == before


@pytest.mark.parametrize(
    "shape",
    [
        lambda now: now.translate(ARABIC_INDIC_DIGITS),
        lambda now: f" {now} ",
        lambda now: f"+{now}",
        lambda now: f"{now[:5]}_{now[5:]}",
    ],
    ids=["arabic-indic", "spaces", "plus-sign", "underscore"],
)
def test_timestamp_not_in_ascii_digits_is_403(betstack, wallet, settings, shape):
    """Signed as sent, but int() would have read it; only [0-9] is a Unix time."""
    settings.BETSTACK_TIMESTAMP_TOLERANCE = 300
    before = state_of(wallet)

    response = betstack.send(create_payload(), timestamp=shape(str(int(time.time()))))

    assert response.status_code == 403
    assert response.json() == {"code": 110, "message": "timestamp is not a Unix time"}
    assert state_of(wallet) == before
