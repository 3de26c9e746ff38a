"""check_ledger, report_daily and find_stuck."""

import csv
from datetime import timedelta
from decimal import Decimal
from io import StringIO
from unittest import mock

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from tests.webhooks.betstack.conftest import BetstackSender
from tests.webhooks.hypetech.conftest import HypetechSender, payload
from wallet.models import Wallet

pytestmark = pytest.mark.django_db


def _run(*args):
    out, err = StringIO(), StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_check_ledger_passes_on_a_consistent_ledger(make_wallet):
    for n in range(5):
        make_wallet(user_id=f"p{n}", balance=f"{n + 1}.00")

    out, err = _run("check_ledger", "--batch", "2")

    assert out == ""
    assert "checked 5/5 wallets" in err
    assert "5 wallets" in err and "0 broken" in err


@pytest.mark.ledger_tampered
def test_check_ledger_reports_each_broken_wallet_and_fails(make_wallet):
    good = make_wallet(user_id="good", balance="10.00")
    bad = make_wallet(user_id="bad", balance="10.00")
    Wallet.objects.filter(pk=bad.pk).update(balance=Decimal("12.00"))

    with pytest.raises(CommandError, match="1 wallet") as raised:
        _run("check_ledger", "--batch", "1")

    assert raised.value.returncode == 1
    out = StringIO()
    with pytest.raises(CommandError):
        call_command("check_ledger", stdout=out, stderr=StringIO())
    assert f"wallet {bad.pk}: invariant 1" in out.getvalue()
    assert f"wallet {good.pk}:" not in out.getvalue()


@pytest.fixture
def day_of_traffic(client, make_wallet):
    make_wallet(user_id="26", balance="1000.00")
    make_wallet(user_id="p1", balance="100.00")
    hypetech, betstack = HypetechSender(client), BetstackSender(client)
    hypetech.bet(amount=200)
    hypetech.win(amount=50)
    hypetech.bet(amount=100, provider_tx_id="b2", round_id="r2")
    hypetech.send(
        "rollback",
        payload("rollback", amount=100, linked_tx_id="b2", provider_tx_id="rb2"),
    )
    hypetech.bet(amount=30, provider_tx_id="open-bet", round_id="r3")
    betstack.create()
    betstack.act("ticket_win")
    betstack.create(ticket_id="open-ticket")


def test_report_daily_figures_and_liability(day_of_traffic, tmp_path):
    today = timezone.localdate().isoformat()

    out, _ = _run("report_daily", "--date", today, "--output", str(tmp_path))

    with (tmp_path / f"report_daily_{today}.csv").open() as handle:
        activity = list(csv.DictReader(handle))
    assert activity == [
        {
            "provider": "betstack",
            "currency": "USD",
            "bets": "10.00",
            "refunds": "0.00",
            "wins": "26.02",
            "ggr": "-16.02",
            "players": "1",
        },
        {
            "provider": "hypetech",
            "currency": "USD",
            "bets": "330.00",
            "refunds": "100.00",
            "wins": "50.00",
            "ggr": "180.00",
            "players": "1",
        },
    ]
    with (tmp_path / f"liability_{today}.csv").open() as handle:
        liability = list(csv.DictReader(handle))
    assert liability == [
        {
            "currency": "USD",
            "balances": "936.02",
            "open_bets": "1",
            "open_bet_stakes": "30.00",
            "open_tickets": "1",
            "open_ticket_stakes": "5.00",
        }
    ]
    assert "hypetech  USD" in out and "180.00" in out


def test_report_daily_liability_of_a_past_day_ignores_later_money(
    day_of_traffic, tmp_path
):
    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()

    _run("report_daily", "--date", yesterday, "--output", str(tmp_path))

    with (tmp_path / f"liability_{yesterday}.csv").open() as handle:
        liability = list(csv.DictReader(handle))
    assert liability == [
        {
            "currency": "USD",
            "balances": "0.00",
            "open_bets": "0",
            "open_bet_stakes": "0.00",
            "open_tickets": "0",
            "open_ticket_stakes": "0.00",
        }
    ]


def test_find_stuck_lists_old_open_bets_and_tickets(client, make_wallet):
    make_wallet(user_id="26", balance="1000.00")
    make_wallet(user_id="p1", balance="100.00")
    long_ago = timezone.now() - timedelta(days=5)
    with mock.patch("django.utils.timezone.now", return_value=long_ago):
        HypetechSender(client).bet(amount=200, provider_tx_id="old-bet")
        BetstackSender(client).create(ticket_id="old-ticket")
    HypetechSender(client).bet(amount=10, provider_tx_id="new-bet", round_id="x")

    out = StringIO()
    with pytest.raises(CommandError, match="2 stuck") as raised:
        call_command("find_stuck", stdout=out)

    assert raised.value.returncode == 1
    assert "old-bet" in out.getvalue() and "old-ticket" in out.getvalue()
    assert "new-bet" not in out.getvalue()


def test_find_stuck_passes_when_nothing_is_old(client, make_wallet):
    make_wallet(user_id="26", balance="1000.00")
    HypetechSender(client).bet(amount=200)

    out, _ = _run("find_stuck")

    assert out.startswith("nothing stuck")
