"""Signature vectors V1-V4 and the PAM transport rules
(docs/providers/betstack.md#2-signature)."""

import json
import time

import pytest

from tests.ledger import balance_of
from tests.webhooks.betstack.conftest import create_payload
from wallet.models import ProviderCall, Ticket
from webhooks.betstack.signature import (
    betstack_signature,
    betstack_signature_verify,
    json_whitespace_strip,
)
from webhooks.exceptions import InvalidSignatureError

KEY = "12345ABCDE"
V1 = (
    b'{"action":"ticket_create","data":{"operator":"acme","ticket_id":'
    b'"668ef666333180bba97f0c93","ticket_code":"CD4BDD","player_id":"sometokenvalue",'
    b'"price":500,"stake":444,"wht_amount":240,"wht":10,"ext_amount":56,"ext":12.5,'
    b'"ext_type":"inclusive","gross_payout":2842,"net_payout":2602,"currency":"USD",'
    b'"atag":"atag_value","rtag":null,"ticket_type":"quickbet"}}'
)
V2 = V1.replace(b'"wht":10,', b'"wht":10.0,').replace(b'"rtag":null,', b"")
V3 = b'{"type":"otp","data":{"code":"1234","msisdn":"+260977223120"}}'
V4 = (
    b'{"operator":"site","token":"UnIqUe-ToKeN","price":5000,"currency":"KES",'
    b'"atag":"affiliate-1","source":"mobile","type":"superbet","event":100001,'
    b'"bets":[101,102,103,104,105,106]}'
)
VECTORS = [
    (
        "1706191612",
        V1,
        "3fe37f41ba6dc960fd2a7098bd4643f971ff1408a31bcea9f3ef8d03b3ba2d0a",
    ),
    (
        "1706191612",
        V2,
        "87ec9666ad9446d5ff41febf540acde588a2a3bb648af100bf871d2f0d80783b",
    ),
    (
        "1706191612",
        V3,
        "46b1ec8d2a05129bb57c8256f2cdd3029b2cf72dbed57f0d3eedd6b156573433",
    ),
    (
        "1706090303",
        V4,
        "f99aee9f77eef1ee8b64c78e7f8612e3234f03cce5fecdebd7ea27f2b9081423",
    ),
]


@pytest.mark.parametrize(
    ("timestamp", "body", "expected"), VECTORS, ids=["V1", "V2", "V3", "V4"]
)
def test_spec_vectors(timestamp, body, expected):
    assert betstack_signature(key=KEY, timestamp=timestamp, body=body) == expected


def test_pretty_printed_v1_verifies_as_its_compact_form():
    pretty = json.dumps(json.loads(V1), indent=4).encode()

    betstack_signature_verify(
        signature=VECTORS[0][2], timestamp="1706191612", body=pretty, key=KEY
    )


def test_whitespace_inside_strings_is_kept():
    body = b'{ "reason" : "a b\\" c" ,\n"x": [1, 2] }'

    assert json_whitespace_strip(body) == b'{"reason":"a b\\" c","x":[1,2]}'


def test_body_signed_with_every_space_removed_is_refused():
    """Spaces inside strings are data: no fallback that removes them too."""
    body = b'{"action":"ticket_refund","data":{"reason":"odds changed"}}'
    signed = betstack_signature(key=KEY, timestamp="1", body=body.replace(b" ", b""))

    with pytest.raises(InvalidSignatureError, match="invalid signature"):
        betstack_signature_verify(signature=signed, timestamp="1", body=body, key=KEY)


@pytest.mark.parametrize(
    ("signature", "timestamp", "key"),
    [
        (None, "1706191612", KEY),
        (VECTORS[0][2], None, KEY),
        (VECTORS[0][2], "1706191613", KEY),
        (VECTORS[0][2], "1706191612", "other"),
        (VECTORS[0][2], "1706191612", ""),
        ("ž" * 64, "1706191612", KEY),
    ],
    ids=[
        "no-signature",
        "no-timestamp",
        "other-timestamp",
        "other-key",
        "no-key",
        "non-ascii",
    ],
)
def test_verify_refuses(signature, timestamp, key):
    with pytest.raises(InvalidSignatureError):
        betstack_signature_verify(
            signature=signature, timestamp=timestamp, body=V1, key=key
        )


pytestmark_db = pytest.mark.django_db


def _nothing_happened(wallet):
    assert balance_of(wallet) == "100.00"
    assert not Ticket.objects.exists()
    assert not ProviderCall.objects.exists()


@pytestmark_db
@pytest.mark.parametrize(
    "headers",
    [
        {"signature": ""},
        {"signature": "0" * 64},
        {"timestamp": ""},
        {"key": "wrong-key"},
    ],
    ids=["no-signature", "wrong-signature", "no-timestamp", "wrong-key"],
)
def test_bad_signature_is_403_and_changes_nothing(betstack, wallet, headers):
    response = betstack.send(create_payload(), **headers)

    assert response.status_code == 403
    assert response.json() == {"code": 110, "message": response.json()["message"]}
    _nothing_happened(wallet)


@pytestmark_db
def test_another_operator_is_403(betstack, wallet):
    response = betstack.send(create_payload(operator="someone-else"))

    assert response.status_code == 403
    assert response.json()["code"] == 111
    _nothing_happened(wallet)


@pytestmark_db
def test_timestamp_outside_configured_tolerance_is_403(betstack, wallet, settings):
    settings.BETSTACK_TIMESTAMP_TOLERANCE = 300

    response = betstack.send(create_payload(), timestamp=str(int(time.time()) - 301))

    assert response.status_code == 403
    assert response.json()["code"] == 112
    assert balance_of(wallet) == "100.00"
    assert not Ticket.objects.exists()
    refusal = ProviderCall.objects.get()
    assert (refusal.error_code, refusal.definitive) == ("112", True)


@pytestmark_db
def test_old_timestamp_is_accepted_when_tolerance_is_off(betstack, wallet):
    """Default: Betstack re-sends discards after 30 minutes
    (docs/providers/betstack.md#2-signature)."""
    response = betstack.send(create_payload(), timestamp="1706191612")

    assert response.status_code == 200
    assert balance_of(wallet) == "95.00"


@pytestmark_db
def test_ping_needs_no_signature_and_stores_nothing(betstack, wallet):
    response = betstack.send({"action": "ping"}, signature="", timestamp="")

    assert (response.status_code, response.json()) == (200, {})
    assert not ProviderCall.objects.exists()


@pytestmark_db
def test_unknown_action_is_400(betstack, wallet):
    response = betstack.send({"action": "ticket_explode", "data": {"operator": "acme"}})

    assert response.status_code == 400
    assert response.json()["code"] == 121
    _nothing_happened(wallet)


@pytestmark_db
def test_get_is_405(betstack, wallet):
    response = betstack.send(create_payload(), method="GET")

    assert response.status_code == 405
    _nothing_happened(wallet)


@pytestmark_db
def test_previous_secret_accepted_only_while_configured(betstack, wallet, settings):
    settings.BETSTACK_SECRET_KEY = "new-secret"
    settings.BETSTACK_SECRET_KEY_PREVIOUS = KEY

    accepted = betstack.send(create_payload(), key=KEY)
    settings.BETSTACK_SECRET_KEY_PREVIOUS = ""
    refused = betstack.send(create_payload(ticket_id="t2"), key=KEY)

    assert (accepted.status_code, refused.status_code) == (200, 403)
    assert balance_of(wallet) == "95.00"
