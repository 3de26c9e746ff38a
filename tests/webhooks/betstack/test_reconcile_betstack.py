"""reconcile_betstack against a local server playing the Bet Engine."""

import json
from datetime import UTC, datetime, timedelta

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from tests.webhooks.betstack.conftest import TICKET, BetstackSender

pytestmark = pytest.mark.django_db
NOW = datetime.now(UTC)


def _their(ticket_id, status, result, price=500, net_payout=2602, created=NOW):
    return {
        "id": ticket_id,
        "code": "X",
        "status": status,
        "result": result,
        "price": price,
        "net_payout": net_payout,
        "created": created.strftime("%Y-%m-%dT%H:%M:%S.%f"),
    }


@pytest.fixture
def bet_engine(httpserver, settings, client, make_wallet):
    settings.BETSTACK_BASE_URL = httpserver.url_for("")
    settings.BETSTACK_TIMEOUT = 0.5
    make_wallet(user_id="p1", balance="100.00")
    sender = BetstackSender(client)
    sender.create()
    sender.act("ticket_win")
    sender.create(ticket_id="open-1")
    return httpserver


def _list(api, tickets):
    api.expect_request(
        "/be/tickets", query_string="limit=100&skip=0"
    ).respond_with_json(tickets)


def _reconcile(tmp_path):
    call_command(
        "reconcile_betstack",
        "--date",
        timezone.localdate().isoformat(),
        "--output",
        str(tmp_path),
    )
    return json.loads(next(tmp_path.glob("*.json")).read_text())


def test_a_clean_day_passes(bet_engine, tmp_path):
    won, opened = _their(TICKET, "resulted", "won"), _their("open-1", "open", "pending")
    bet_engine.expect_request(f"/be/tickets/{TICKET}").respond_with_json(won)
    bet_engine.expect_request("/be/tickets/open-1").respond_with_json(opened)
    _list(
        bet_engine,
        [won, opened, _their("old", "closed", "lost", created=NOW - timedelta(days=3))],
    )

    report = _reconcile(tmp_path)

    assert report["rows"] == []
    assert report["summary"] == {"tickets": 2, "matched": 2}


def test_seeded_mismatches_are_found(bet_engine, tmp_path):
    bet_engine.expect_request(f"/be/tickets/{TICKET}").respond_with_json(
        _their(TICKET, "resulted", "lost", net_payout=9999)
    )
    bet_engine.expect_request("/be/tickets/open-1").respond_with_json(
        {"detail": "Not found"}, status=404
    )
    _list(bet_engine, [_their("never-seen", "open", "pending")])

    with pytest.raises(CommandError, match="4 difference") as raised:
        _reconcile(tmp_path)

    assert raised.value.returncode == 1
    report = json.loads(next(tmp_path.glob("*.json")).read_text())
    assert sorted((r["difference"], r["ticket_id"]) for r in report["rows"]) == [
        ("amount_mismatch", TICKET),
        ("missing_ours", "never-seen"),
        ("missing_theirs", "open-1"),
        ("state_mismatch", TICKET),
    ]
