"""Delivery through the HTTP gateway backend, against a real local HTTP server."""

import json
import logging
import time
from datetime import timedelta

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from werkzeug import Response

from notifications.backends import locmem
from notifications.models import Notification
from notifications.phones import e164_normalise
from tests.notifications.conftest import OTP, TICKET_STATUS, notify, run_worker

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def gateway(httpserver, settings):
    settings.SMS_BACKEND = "notifications.backends.http.HttpSmsBackend"
    settings.SMS_HTTP_URL = httpserver.url_for("/messages")
    settings.SMS_HTTP_TOKEN = "gateway-token"
    settings.SMS_SENDER = "Acme"
    return httpserver


def _slow(request):
    time.sleep(1.0)
    return Response("{}", status=200)


def test_gateway_receives_json_with_bearer_token(gateway):
    gateway.expect_ordered_request(
        "/messages",
        method="POST",
        headers={"Authorization": "Bearer gateway-token"},
        json={
            "to": "+254712345678",
            "from": "Acme",
            "body": "Ticket AB1234: congratulations, it won!",
        },
    ).respond_with_json({"id": "SM123"}, status=201)
    notify("ticket_status", TICKET_STATUS)

    run_worker()

    gateway.check_assertions()
    notification = Notification.objects.get()
    assert notification.status == "sent"
    assert notification.delivery_attempts.get().gateway_id == "SM123"


def test_gateway_timeout_then_success_on_retry(gateway):
    gateway.expect_ordered_request("/messages").respond_with_handler(_slow)
    gateway.expect_ordered_request("/messages").respond_with_json({"sid": "SM2"})
    notify("ticket_status", TICKET_STATUS)

    run_worker()

    notification = Notification.objects.get()
    attempts = list(notification.delivery_attempts.values_list("outcome", "detail"))
    assert attempts == [("transient", "gateway timed out"), ("sent", "")]
    assert (notification.status, notification.attempts) == ("sent", 2)


def test_gateway_5xx_is_retried(gateway):
    gateway.expect_ordered_request("/messages").respond_with_data("down", status=503)
    gateway.expect_ordered_request("/messages").respond_with_json({"id": "x"})
    notify("ticket_status", TICKET_STATUS)

    run_worker()

    assert Notification.objects.get().status == "sent"


def test_permanent_failure_after_max_attempts(gateway, settings):
    settings.SMS_MAX_ATTEMPTS = 3
    gateway.expect_request("/messages").respond_with_data("busy", status=500)
    notify("ticket_status", TICKET_STATUS)

    run_worker()

    notification = Notification.objects.get()
    assert (notification.status, notification.attempts) == ("failed", 3)
    assert notification.last_error == "gateway answered 500"
    assert notification.delivery_attempts.count() == 3
    assert len(gateway.log) == 3


def test_gateway_refusal_is_permanent_at_once(gateway):
    gateway.expect_request("/messages").respond_with_json(
        {"error": "bad number"}, status=400
    )
    notify("ticket_status", TICKET_STATUS)

    run_worker()

    notification = Notification.objects.get()
    assert (notification.status, notification.attempts) == ("failed", 1)
    assert "refused with 400" in notification.last_error


def test_unreachable_gateway_is_transient(settings):
    settings.SMS_BACKEND = "notifications.backends.http.HttpSmsBackend"
    settings.SMS_HTTP_URL = "http://127.0.0.1:9/messages"
    settings.SMS_MAX_ATTEMPTS = 2
    notify("ticket_status", TICKET_STATUS)

    run_worker()

    notification = Notification.objects.get()
    assert notification.status == "failed"
    assert [a.outcome for a in notification.delivery_attempts.all()] == [
        "transient",
        "transient",
    ]


def test_retry_waits_for_its_backoff(settings):
    """With a backoff, a transient failure is not retried in the same pass."""
    settings.SMS_BACKEND = "notifications.backends.http.HttpSmsBackend"
    settings.SMS_HTTP_URL = "http://127.0.0.1:9/messages"
    settings.SMS_RETRY_BACKOFF = 60
    notify("ticket_status", TICKET_STATUS)

    run_worker()

    notification = Notification.objects.get()
    assert (notification.status, notification.attempts) == ("queued", 1)
    wait = notification.next_attempt_at - timezone.now()
    assert timedelta(seconds=50) < wait <= timedelta(seconds=60)


def test_otp_older_than_its_lifetime_is_not_sent():
    notify("otp", OTP)
    Notification.objects.update(received_at=timezone.now() - timedelta(seconds=301))

    run_worker()

    assert Notification.objects.get().status == "expired"
    assert locmem.outbox == []


@pytest.mark.parametrize(
    ("msisdn", "region", "expected"),
    [
        ("+260977223120", "", "+260977223120"),
        ("260977223120", "", "+260977223120"),
        ("0977 223 120", "ZM", "+260977223120"),
        ("+55 (11) 91234-5678", "", "+5511912345678"),
        ("213456451", "", None),
        ("+1 555", "", None),
        ("not a number", "", None),
    ],
)
def test_e164_normalisation(msisdn, region, expected):
    assert e164_normalise(msisdn, region) == expected


def test_invalid_number_is_stored_not_sent_and_marked_invalid():
    response = notify("ticket_status", TICKET_STATUS | {"msisdn": "213456451"})

    run_worker()

    assert response.status_code == 200
    notification = Notification.objects.get()
    assert (notification.status, notification.msisdn) == ("invalid", "213456451")
    assert locmem.outbox == []


def test_otp_code_never_reaches_the_logs(caplog):
    caplog.set_level(logging.DEBUG)

    notify("otp", OTP)
    run_worker()

    assert locmem.outbox[0]["text"].count("4821") == 1
    assert "4821" not in caplog.text
    assert "+2609*****120" in caplog.text


def test_stale_queued_notification_is_queued_again(settings):
    notify("ticket_status", TICKET_STATUS)
    DBTaskResult.objects.all().delete()
    Notification.objects.update(next_attempt_at=timezone.now() - timedelta(hours=1))

    output = run_worker()

    assert "queued again 1 stale notification" in output
    assert Notification.objects.get().status == "sent"
    assert json.dumps(locmem.outbox).count("+254712345678") == 1
