"""Text PostgreSQL cannot store, and digits that are not ASCII: a clean 400.

A NUL (JSON ``\\u0000``) or a lone surrogate (``\\ud800``) used to reach the
database and answer 500; an amount in Arabic-Indic or fullwidth digits was
debited as if written in ASCII.
"""

import json
import time

import pytest

from tests.webhooks.hypetech.conftest import payload
from tests.webhooks.state import state_of

pytestmark = pytest.mark.django_db
TEXT_FIELDS = [
    "provider_tx_id",
    "round_id",
    "user_id",
    "session_token",
    "game",
    "linked_tx_id",
    "bonus_code",
    "currency",
]
UNSTORABLE = {"nul": "2\x006", "surrogate": "2\ud8006"}
ARABIC_INDIC_DIGITS = str.maketrans(
    "0123456789", "".join(map(chr, range(0x660, 0x66A)))
)


def _assert_bad_request(response):
    assert response.status_code == 400
    assert response.json() == {
        "title": "Bad request",
        "statusCode": 400,
        "detail": response.json()["detail"],
        "code": "BAD_REQUEST",
    }


@pytest.mark.parametrize("value", UNSTORABLE.values(), ids=UNSTORABLE.keys())
@pytest.mark.parametrize("field", TEXT_FIELDS)
def test_unstorable_text_in_a_field_is_400(hypetech, wallet, field, value):
    before = state_of(wallet)

    response = hypetech.bet(**{field: value})

    _assert_bad_request(response)
    assert state_of(wallet) == before


@pytest.mark.parametrize("value", UNSTORABLE.values(), ids=UNSTORABLE.keys())
def test_unstorable_text_in_a_key_or_a_nested_value_is_400(hypetech, wallet, value):
    before = state_of(wallet)

    as_key = hypetech.send("bet", payload("bet", **{value: "x"}))
    nested = hypetech.send("bet", payload("bet", extra_data=[{"note": value}]))

    _assert_bad_request(as_key)
    _assert_bad_request(nested)
    assert state_of(wallet) == before


@pytest.mark.parametrize("field", ["round_id", "game", "user_id", "session_token"])
def test_nul_in_a_query_string_fallback_is_400(hypetech, wallet, field):
    body = payload("bet")
    del body[field]
    before = state_of(wallet)

    response = hypetech.send("bet", body, query=f"{field}=2%006")

    _assert_bad_request(response)
    assert state_of(wallet) == before


NON_ASCII_AMOUNTS = {
    "arabic-indic": "\u0661\u0660",
    "fullwidth": "\uff11\uff10",
    "devanagari": "\u0967\u0966.\u0966\u0966",
    "mixed": "1\u0660.00",
    "no-break-space": "\xa010.00",
}


@pytest.mark.parametrize(
    "amount", NON_ASCII_AMOUNTS.values(), ids=NON_ASCII_AMOUNTS.keys()
)
def test_amount_with_non_ascii_digits_is_400(hypetech, wallet, amount):
    before = state_of(wallet)

    response = hypetech.bet(amount=amount)

    _assert_bad_request(response)
    assert state_of(wallet) == before


def test_json_number_with_non_ascii_digits_is_400(hypetech, wallet):
    """The json scanner reads ASCII digits only; this keeps it checked."""
    body = json.dumps(payload("bet", amount=777)).encode()
    before = state_of(wallet)

    response = hypetech.send("bet", body=body.replace(b"777", "\u0661\u0660".encode()))

    _assert_bad_request(response)
    assert state_of(wallet) == before


def test_timestamp_with_non_ascii_digits_is_401(hypetech, wallet, settings):
    settings.HYPETECH_TIMESTAMP_HEADER = "X-Hype-Timestamp"
    settings.HYPETECH_TIMESTAMP_TOLERANCE = 120
    before = state_of(wallet)

    response = hypetech.send(
        "bet",
        payload("bet"),
        HTTP_X_HYPE_TIMESTAMP=str(int(time.time())).translate(ARABIC_INDIC_DIGITS),
    )

    assert response.status_code == 401
    assert response.json()["code"] == "INVALID_SIGNATURE"
    assert state_of(wallet) == before
