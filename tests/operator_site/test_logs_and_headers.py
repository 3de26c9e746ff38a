"""Structured logs with a request id, and the security headers."""

import json
import logging

import pytest

from operator_site.logs import JsonFormatter
from tests.webhooks.hypetech.conftest import HypetechSender, payload

pytestmark = pytest.mark.django_db


@pytest.fixture
def hypetech(client, make_wallet):
    make_wallet(user_id="26", currency="USD", balance="1000.00")
    return HypetechSender(client)


def _webhook_records(caplog):
    return [r for r in caplog.records if getattr(r, "provider", None)]


def test_every_webhook_call_logs_one_structured_line(hypetech, caplog):
    caplog.set_level(logging.INFO)

    response = hypetech.send("bet", payload("bet"), HTTP_X_REQUEST_ID="req-42")

    (record,) = _webhook_records(caplog)
    line = json.loads(JsonFormatter().format(record))
    assert response["X-Request-ID"] == "req-42"
    assert {
        k: line[k]
        for k in ("request_id", "provider", "operation", "tx_id", "outcome", "status")
    } == {
        "request_id": "req-42",
        "provider": "hypetech",
        "operation": "bet",
        "tx_id": "559",
        "outcome": "accepted",
        "status": 200,
    }
    assert isinstance(line["duration_ms"], float)


def test_logs_never_carry_signatures_bodies_or_tokens(hypetech, caplog):
    caplog.set_level(logging.DEBUG)

    hypetech.send("bet", payload("bet"), signature="f" * 64)
    hypetech.bet()

    text = "\n".join(JsonFormatter().format(r) for r in caplog.records)
    assert "f" * 64 not in text
    assert "b72afc947ed1809d9a993d378733cfea" not in text
    assert "Extra Data" not in text


def test_a_made_up_request_id_is_replaced(hypetech):
    response = hypetech.send("bet", payload("bet"), HTTP_X_REQUEST_ID="<script>")

    assert response["X-Request-ID"] != "<script>"
    assert len(response["X-Request-ID"]) == 32


def test_security_headers(client, admin_client):
    page = admin_client.get("/admin/")
    docs = admin_client.get("/api/docs/")

    assert page["X-Frame-Options"] == "DENY"
    assert page["X-Content-Type-Options"] == "nosniff"
    assert "script-src 'self';" in page["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in page["Content-Security-Policy"]
    assert "script-src 'self' 'unsafe-inline'" in docs["Content-Security-Policy"]
