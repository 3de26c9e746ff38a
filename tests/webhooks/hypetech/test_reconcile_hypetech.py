"""reconcile_hypetech against a local server playing Hypetech's Session Transactions."""

import json

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from tests.webhooks.hypetech.conftest import HypetechSender

pytestmark = pytest.mark.django_db
SESSION = "sess-1"


@pytest.fixture
def hypetech_api(httpserver, settings, make_wallet, client):
    settings.HYPETECH_BASE_URL = httpserver.url_for("")
    settings.HYPETECH_API_TOKEN = "t"
    settings.HYPETECH_TIMEOUT = 0.5
    make_wallet(user_id="26", balance="1000.00")
    sender = HypetechSender(client)
    sender.bet(amount=200, session_token=SESSION)
    sender.win(amount=500, session_token=SESSION)
    make_wallet(user_id="poor", balance="1.00")
    sender.bet(amount=200, user_id="poor", provider_tx_id="refused", session_token="s2")
    return httpserver


def _transactions(*rows):
    return {
        "transactions": [
            {
                "transactionId": tx_id,
                "roundId": "255",
                "transactionType": kind,
                "requestedAt": "2026-05-04T14:30:00Z",
                "transactionStatus": status,
                "amount": amount,
                "roundStatus": "FINISHED",
            }
            for tx_id, kind, status, amount in rows
        ],
        "pagination": {
            "pageSize": 100,
            "pageNumber": 1,
            "totalPages": 1,
            "totalItems": len(rows),
        },
    }


def _serve(api, session, body):
    api.expect_request(f"/sessions/{session}/transactions").respond_with_json(body)


def _reconcile(tmp_path, *args):
    return call_command("reconcile_hypetech", *args, "--output", str(tmp_path))


def test_a_clean_day_passes(hypetech_api, tmp_path):
    _serve(
        hypetech_api,
        SESSION,
        _transactions(("559", "BET", "SUCCESS", 200), ("560", "WIN", "SUCCESS", 500)),
    )
    _serve(hypetech_api, "s2", _transactions(("refused", "BET", "FAILED", 200)))

    _reconcile(tmp_path, "--date", timezone.localdate().isoformat())

    report = json.loads(next(tmp_path.glob("*.json")).read_text())
    assert report["summary"] == {"sessions": 2, "matched": 3, "fetch_failed": 0}
    assert report["rows"] == []


def test_seeded_mismatches_are_found(hypetech_api, tmp_path):
    _serve(
        hypetech_api,
        SESSION,
        _transactions(
            ("559", "BET", "SUCCESS", 250),  # amount differs
            ("999", "WIN", "SUCCESS", 80),  # we never saw it
        ),
    )  # their list lacks our win 560
    _serve(hypetech_api, "s2", _transactions(("refused", "BET", "SUCCESS", 200)))

    with pytest.raises(CommandError, match="4 difference") as raised:
        _reconcile(tmp_path, "--date", timezone.localdate().isoformat())

    assert raised.value.returncode == 1
    report = json.loads(next(tmp_path.glob("*.json")).read_text())
    found = sorted((r["difference"], r["transaction_id"]) for r in report["rows"])
    assert found == [
        ("amount_mismatch", "559"),
        ("missing_ours", "999"),
        ("missing_theirs", "560"),
        ("status_mismatch", "refused"),
    ]
    assert (tmp_path / f"reconcile_hypetech_{timezone.localdate()}.csv").exists()


def test_one_session_and_an_unreachable_provider(hypetech_api, tmp_path):
    hypetech_api.expect_request(f"/sessions/{SESSION}/transactions").respond_with_json(
        {"title": "Down"}, status=503
    )

    with pytest.raises(CommandError, match="1 difference"):
        _reconcile(tmp_path, "--session", SESSION)

    report = json.loads(
        (tmp_path / f"reconcile_hypetech_session_{SESSION}.json").read_text()
    )
    assert report["rows"][0]["difference"] == "fetch_failed"
