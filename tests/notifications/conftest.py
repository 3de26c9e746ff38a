import json
import time
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client

from notifications.backends import locmem
from tests.conftest import BETSTACK_KEY
from webhooks.betstack.signature import betstack_signature


@pytest.fixture(autouse=True)
def _sms_settings(settings):
    settings.SMS_BACKEND = "notifications.backends.locmem.LocmemSmsBackend"
    settings.SMS_MAX_ATTEMPTS = 3
    settings.SMS_RETRY_BACKOFF = 0
    settings.SMS_OTP_TTL = 300
    settings.SMS_DEFAULT_REGION = ""
    settings.SMS_DEFAULT_LANGUAGE = "en"
    settings.SMS_HTTP_TIMEOUT = 0.5
    locmem.outbox.clear()


def notify(
    kind,
    data,
    *,
    operator="acme",
    key=BETSTACK_KEY,
    body=None,
    timestamp=None,
    signature=None,
):
    """POST a notification signed the way Betstack signs it
    (docs/providers/betstack.md#8-sms-notifications)."""
    if body is None:
        body = json.dumps({"type": kind, "data": data}).encode()
    timestamp = timestamp or str(int(time.time()))
    if signature is None:
        signature = betstack_signature(key=key, timestamp=timestamp, body=body)
    return Client().post(
        "/webhooks/betstack/notifications",
        body,
        content_type="application/json",
        HTTP_TIMESTAMP=timestamp,
        HTTP_SIGNATURE=signature,
        HTTP_OPERATOR_NAME=operator,
    )


def run_worker() -> str:
    out = StringIO()
    call_command("send_sms", "--once", stdout=out)
    return out.getvalue()


OTP = {"code": "4821", "msisdn": "+260977223120"}
TICKET_STATUS = {
    "ticket_code": "AB1234",
    "ticket_id": "66a62424b1770731244c1f3f",
    "msisdn": "+254712345678",
    "status": "resulted",
    "result": "won",
}
BET_RESULT = {"ticket_id": "65491a", "result": "won", "event_id": 7, "bet_id": 9}
