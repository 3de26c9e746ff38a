"""POST /webhooks/betstack/notifications: authenticate, store once, queue, answer."""

import pytest
from django.test import Client

from notifications.backends import locmem
from notifications.models import Notification
from notifications.rendering import message_render
from tests.notifications.conftest import (
    BET_RESULT,
    OTP,
    TICKET_STATUS,
    notify,
    run_worker,
)
from tests.webhooks.betstack.conftest import BetstackSender
from wallet.models import Player, Ticket

pytestmark = pytest.mark.django_db(transaction=True)
RECEIVED = {"message": "Notification received"}


def test_otp_is_accepted_stored_masked_and_sent():
    response = notify("otp", OTP)

    assert (response.status_code, response.json()) == (200, RECEIVED)
    notification = Notification.objects.get()
    assert (notification.status, notification.phone_e164) == ("queued", "+260977223120")
    assert notification.data == {"code": "****", "msisdn": "+260977223120"}
    assert locmem.outbox == []

    run_worker()

    assert locmem.outbox == [
        {
            "to": "+260977223120",
            "text": "Your login code is 4821. It expires in 5 minutes. Never share it.",
        }
    ]
    notification.refresh_from_db()
    assert notification.status == "sent"
    assert notification.delivery_attempts.get().outcome == "sent"


def test_ticket_status_is_rendered():
    notify("ticket_status", TICKET_STATUS)

    run_worker()

    assert locmem.outbox == [
        {"to": "+254712345678", "text": "Ticket AB1234: congratulations, it won!"}
    ]


def test_ticket_status_open_is_rendered():
    notify("ticket_status", TICKET_STATUS | {"status": "open", "result": "pending"})

    run_worker()

    assert (
        locmem.outbox[0]["text"]
        == "Ticket AB1234: paid, your ticket is open. Good luck!"
    )


def test_bet_result_is_accepted_rendered_and_not_sent_without_a_recipient():
    response = notify("bet_result", BET_RESULT)

    assert (response.status_code, response.json()) == (200, RECEIVED)
    notification = Notification.objects.get()
    assert notification.status == "skipped"
    assert message_render(notification) == "Ticket 65491a: bet 9 on event 7 is won."
    run_worker()
    assert locmem.outbox == []


def test_identical_resend_is_acknowledged_and_not_stored_or_sent_twice():
    first = notify("otp", OTP)
    again = notify("otp", OTP)

    run_worker()

    assert first.json() == again.json() == RECEIVED
    assert Notification.objects.count() == 1
    assert len(locmem.outbox) == 1


def test_spec_vector_v3_is_accepted_as_sent():
    body = b'{"type":"otp","data":{"code":"1234","msisdn":"+260977223120"}}'
    signature = "46b1ec8d2a05129bb57c8256f2cdd3029b2cf72dbed57f0d3eedd6b156573433"

    response = notify(
        "otp", None, body=body, timestamp="1706191612", signature=signature
    )

    assert response.status_code == 200
    assert Notification.objects.get().secret == "1234"


@pytest.mark.parametrize(
    ("options", "code"),
    [
        ({"signature": "0" * 64}, 110),
        ({"key": "other"}, 110),
        ({"operator": "intruder"}, 111),
        ({"operator": ""}, 111),
    ],
    ids=["wrong-signature", "wrong-key", "wrong-operator", "no-operator"],
)
def test_bad_signature_or_operator_is_403_and_stores_nothing(options, code):
    response = notify("otp", OTP, **options)

    assert response.status_code == 403
    assert response.json()["code"] == code
    assert not Notification.objects.exists()


def test_unknown_type_is_400():
    response = notify("push", {"msisdn": "+260977223120"})

    assert response.status_code == 400
    assert response.json()["code"] == 121
    assert not Notification.objects.exists()


@pytest.mark.parametrize(
    ("kind", "data"),
    [
        ("otp", {"msisdn": "+260977223120"}),
        ("otp", {"code": 1234, "msisdn": "+1"}),
        ("ticket_status", {"msisdn": "+254712345678"}),
        ("bet_result", BET_RESULT | {"bet_id": "nine"}),
    ],
    ids=["otp-no-code", "otp-code-number", "status-no-ticket", "bet-id-string"],
)
def test_malformed_notification_is_400(kind, data):
    response = notify(kind, data)

    assert response.status_code == 400
    assert not Notification.objects.exists()


def test_ticket_status_of_a_ticket_we_hold_goes_into_its_history(make_wallet):
    make_wallet(user_id="p1", balance="100.00")
    sender = BetstackSender(Client())
    sender.create(ticket_id=TICKET_STATUS["ticket_id"])
    Player.objects.filter(user_id="p1").update(lang="pt")

    notify("ticket_status", TICKET_STATUS)
    run_worker()

    ticket = Ticket.objects.get()
    notification = Notification.objects.get()
    assert notification.ticket == ticket
    assert ticket.events.last().action == "sms_ticket_status"
    assert ticket.events.last().reason == "Betstack: resulted / won"
    assert locmem.outbox[0]["text"] == "Bilhete AB1234: parabéns, ganhou!"
