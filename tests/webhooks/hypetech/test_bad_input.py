"""Bad input gets a clear 4xx in Hypetech's format and changes nothing."""

import json

import pytest

from tests.ledger import balance_of
from tests.webhooks.hypetech.conftest import payload
from wallet.models import Bet, ProviderCall
from webhooks.models import HypetechSession

pytestmark = pytest.mark.django_db


def _assert_refused(response, status=400, code="BAD_REQUEST"):
    body = response.json()
    assert response.status_code == status
    assert body["code"] == code
    assert body["statusCode"] == status
    assert body["title"]
    assert body["detail"]


def _nothing_changed(wallet):
    assert balance_of(wallet) == "1000.00"
    assert not Bet.objects.exists()
    assert not ProviderCall.objects.exists()
    assert not HypetechSession.objects.exists()


RAW_BODIES = {
    "malformed-json": b'{"user_id": "26",',
    "array": b"[1, 2, 3]",
    "string": b'"bet"',
    "null": b"null",
    "not-utf8": b'{"user_id": "\xff\xfe"}',
    "nan": b'{"user_id":"26","currency":"USD","amount":NaN}',
    "infinity": b'{"user_id":"26","currency":"USD","amount":Infinity}',
    "duplicate-keys": b'{"user_id":"26","user_id":"27","currency":"USD"}',
    "deep-nesting": b"[" * 100_000 + b"]" * 100_000,
}


@pytest.mark.parametrize("body", RAW_BODIES.values(), ids=RAW_BODIES.keys())
def test_unparseable_body_is_400(hypetech, wallet, body, settings):
    settings.WEBHOOK_MAX_BODY_BYTES = 1024 * 1024

    response = hypetech.send("bet", body=body)

    _assert_refused(response)
    _nothing_changed(wallet)


FIELD_CASES = {
    "missing-user": {"user_id": None},
    "missing-amount": {"amount": None},
    "missing-tx-id": {"provider_tx_id": None},
    "missing-currency": {"currency": None},
    "missing-round": {"round_id": None},
    "missing-session": {"session_token": None},
    "user-id-object": {"user_id": {"id": 26}},
    "user-id-bool": {"user_id": True},
    "user-id-float": {"user_id": 26.5},
    "tx-id-too-long": {"provider_tx_id": "x" * 65},
    "amount-bool": {"amount": True},
    "amount-list": {"amount": [200]},
    "amount-negative": {"amount": -200},
    "amount-negative-string": {"amount": "-200"},
    "amount-zero": {"amount": 0},
    "amount-nan-string": {"amount": "NaN"},
    "amount-infinity-string": {"amount": "Infinity"},
    "amount-exponent-string": {"amount": "2e2"},
    "amount-words": {"amount": "two hundred"},
    "amount-over-precise": {"amount": "200.001"},
    "amount-over-precise-number": {"amount": 0.001},
    "amount-huge": {"amount": 10**30},
    "currency-unknown": {"currency": "XYZ"},
    "currency-lowercase": {"currency": "usd"},
    "currency-number": {"currency": 840},
    "mode-unknown": {"mode": "turbo"},
}


@pytest.mark.parametrize("fields", FIELD_CASES.values(), ids=FIELD_CASES.keys())
def test_invalid_field_is_400(hypetech, wallet, fields):
    data = payload("bet")
    for name, value in fields.items():
        if value is None:
            del data[name]
        else:
            data[name] = value

    response = hypetech.send("bet", data)

    _assert_refused(response)
    _nothing_changed(wallet)


def test_amount_in_exponent_notation_is_400(hypetech, wallet):
    body = json.dumps(payload("bet")).replace('"amount": 200', '"amount": 2e2')

    response = hypetech.send("bet", body=body.encode())

    _assert_refused(response)
    _nothing_changed(wallet)


def test_body_above_the_limit_is_413(hypetech, wallet, settings):
    settings.WEBHOOK_MAX_BODY_BYTES = 1000
    data = payload("bet", extra_data="x" * 2000)

    response = hypetech.send("bet", data)

    _assert_refused(response, status=413, code="PAYLOAD_TOO_LARGE")
    _nothing_changed(wallet)


def test_other_methods_are_405(hypetech, wallet):
    response = hypetech.send("bet", payload("bet"), method="PUT")

    _assert_refused(response, status=405, code="METHOD_NOT_ALLOWED")
    _nothing_changed(wallet)


def test_amount_with_trailing_zeros_is_exact_not_over_precise(hypetech, wallet):
    response = hypetech.bet(amount="200.000")

    assert response.status_code == 200
    assert balance_of(wallet) == "800.00"


def test_get_bet_with_fields_in_the_query_string(hypetech, wallet):
    """[B] sent webhooks as GET with the fields repeated in the query string."""
    response = hypetech.send(
        "bet",
        body=b"",
        method="GET",
        query="user_id=26&currency=USD&amount=200&provider_tx_id=559&game=aviador"
        "&round_id=255&session_token=abc",
    )

    assert response.status_code == 200
    assert balance_of(wallet) == "800.00"
