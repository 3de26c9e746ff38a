"""Bad PAM input gets a clear {"code", "message"} and changes nothing."""

import json

import pytest

from tests.ledger import balance_of
from tests.webhooks.betstack.conftest import create_payload
from wallet.models import ProviderCall, Ticket

pytestmark = pytest.mark.django_db


def _refused(response, status=400, code=120):
    body = response.json()
    assert response.status_code == status, response.content
    assert body["code"] == code
    assert body["message"]


def _nothing_changed(wallet):
    assert balance_of(wallet) == "100.00"
    assert not Ticket.objects.exists()
    assert not ProviderCall.objects.exists()


RAW = {
    "malformed-json": b'{"action": "ticket_create", "data": {',
    "array": b"[]",
    "not-utf8": b'{"action": "\xff"}',
    "nan": b'{"action":"ticket_create","data":{"price":NaN}}',
    "duplicate-keys": b'{"action":"ticket_win","action":"ticket_lost","data":{}}',
    "deep-nesting": b'{"action":"x","data":' + b"[" * 50_000 + b"]" * 50_000 + b"}",
    "missing-action": b'{"data": {"operator": "acme"}}',
    "action-number": b'{"action": 7, "data": {}}',
    "missing-data": b'{"action": "ticket_win"}',
    "data-list": b'{"action": "ticket_win", "data": []}',
}


@pytest.mark.parametrize("body", RAW.values(), ids=RAW.keys())
def test_unparseable_envelope_is_400(betstack, wallet, body, settings):
    settings.WEBHOOK_MAX_BODY_BYTES = 1024 * 1024

    _refused(betstack.send(body=body))

    _nothing_changed(wallet)


FIELDS = {
    "price-string": {"price": "500"},
    "price-fraction": {"price": 500.5},
    "price-negative": {"price": -500},
    "price-bool": {"price": True},
    "price-exponent": {"price": "__EXP__"},
    "price-huge": {"price": 10**20},
    "price-zero": {"price": 0},
    "no-price-no-stake": {"price": None, "stake": None},
    "wht-string": {"wht": "10"},
    "wht-above-100": {"wht": 150},
    "currency-unknown": {"currency": "XYZ"},
    "currency-missing": {"currency": None},
    "player-missing": {"player_id": None},
    "player-number": {"player_id": 123},
    "ticket-id-missing": {"ticket_id": None},
    "ticket-id-object": {"ticket_id": {"id": 1}},
    "ticket-id-too-long": {"ticket_id": "x" * 65},
}


@pytest.mark.parametrize("fields", FIELDS.values(), ids=FIELDS.keys())
def test_invalid_create_field_is_400(betstack, wallet, fields):
    envelope = create_payload()
    for name, value in fields.items():
        if value is None:
            del envelope["data"][name]
        else:
            envelope["data"][name] = value
    body = json.dumps(envelope).replace('"__EXP__"', "5e2").encode()

    _refused(betstack.send(body=body))

    _nothing_changed(wallet)


def test_win_with_non_integer_payout_is_400(betstack, wallet):
    betstack.create()

    _refused(betstack.act("ticket_win", net_payout=10.5))

    assert Ticket.objects.get().status == "open"
    assert balance_of(wallet) == "95.00"


def test_body_above_the_limit_is_413(betstack, wallet, settings):
    settings.WEBHOOK_MAX_BODY_BYTES = 500

    _refused(betstack.create(atag="x" * 600), status=413, code=122)

    _nothing_changed(wallet)


def test_integral_decimal_cents_are_accepted(betstack, wallet):
    """500.0 is 500 cents: JSON does not tell integers from integral reals."""
    response = betstack.create(price=500.0)

    assert response.status_code == 200
    assert balance_of(wallet) == "95.00"
