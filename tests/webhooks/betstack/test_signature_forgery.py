"""A space added inside a JSON string breaks the signature
(docs/providers/betstack.md#2-signature).

Whitespace between tokens is insignificant; inside a string it is data. A
captured request replayed with a spaced-out id or phone number is refused.
"""

import json
import time

import pytest

from tests.conftest import BETSTACK_KEY
from tests.webhooks.betstack.conftest import TICKET, create_payload
from tests.webhooks.betstack.test_signature import KEY, V1, VECTORS
from tests.webhooks.state import state_of
from webhooks.betstack.signature import betstack_signature, betstack_signature_verify
from webhooks.exceptions import InvalidSignatureError

NOTIFICATIONS = "/webhooks/betstack/notifications"
OTP = b'{"type":"otp","data":{"code":"1234","msisdn":"+260977223120"}}'


def _compact(envelope: dict) -> bytes:
    return json.dumps(envelope, separators=(",", ":")).encode()


def _captured(body: bytes) -> dict:
    """The headers of a request Betstack signed, as an eavesdropper saw them."""
    timestamp = str(int(time.time()))
    signature = betstack_signature(key=BETSTACK_KEY, timestamp=timestamp, body=body)
    return {"timestamp": timestamp, "signature": signature}


@pytest.mark.parametrize(
    ("timestamp", "body", "signature"), VECTORS, ids=["V1", "V2", "V3", "V4"]
)
def test_spec_vectors_verify(timestamp, body, signature):
    betstack_signature_verify(
        signature=signature, timestamp=timestamp, body=body, key=KEY
    )


def test_space_inside_a_string_of_v1_is_refused():
    spaced = V1.replace(TICKET.encode(), b"668ef6 66333180bba97f0c93")

    with pytest.raises(InvalidSignatureError, match="invalid signature"):
        betstack_signature_verify(
            signature=VECTORS[0][2], timestamp="1706191612", body=spaced, key=KEY
        )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("field", "spaced"),
    [
        ("ticket_id", "668ef6 66333180bba97f0c93"),
        ("operator", "ac me"),
        ("player_id", "p 1"),
        ("ticket_code", "CD4 BDD"),
        ("atag", "atag_ value"),
    ],
)
def test_replayed_ticket_create_with_a_spaced_string_is_403(
    betstack, wallet, field, spaced
):
    # given a ticket_create Betstack sent, captured with its headers
    original = create_payload()
    body = _compact(original)
    headers = _captured(body)
    assert betstack.send(body=body, **headers).status_code == 200
    before = state_of(wallet)
    forged = create_payload(**{field: spaced})

    # when it is replayed with a space inside one string
    response = betstack.send(body=_compact(forged), **headers)

    # then the signature no longer matches and nothing changed
    assert response.status_code == 403
    assert response.json() == {"code": 110, "message": "invalid signature"}
    assert state_of(wallet) == before


@pytest.mark.django_db
def test_previous_key_still_verifies_during_rotation(betstack, wallet, settings):
    settings.BETSTACK_SECRET_KEY = "new-secret"
    settings.BETSTACK_SECRET_KEY_PREVIOUS = BETSTACK_KEY

    response = betstack.send(body=_compact(create_payload()))

    assert response.status_code == 200
    assert state_of(wallet)["tickets"] == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    "forged",
    [
        OTP.replace(b"+260977223120", b"+260 977223120"),
        OTP.replace(b'"1234"', b'"12 34"'),
    ],
    ids=["msisdn", "code"],
)
def test_replayed_otp_with_a_spaced_string_is_403(betstack, wallet, settings, forged):
    # given an OTP notification Betstack sent, captured with its headers
    settings.SMS_BACKEND = "notifications.backends.locmem.LocmemSmsBackend"
    headers = _captured(OTP)
    sent = betstack.send(
        body=OTP, path=NOTIFICATIONS, HTTP_OPERATOR_NAME="acme", **headers
    )
    assert sent.status_code == 200
    before = state_of(wallet)

    # when it is replayed with a space inside the phone number or the code
    response = betstack.send(
        body=forged, path=NOTIFICATIONS, HTTP_OPERATOR_NAME="acme", **headers
    )

    # then nothing is stored or sent
    assert response.status_code == 403
    assert response.json() == {"code": 110, "message": "invalid signature"}
    assert state_of(wallet) == before
