"""Closed days are summed once and kept; the chart agrees with the ledger."""

from datetime import timedelta
from decimal import Decimal
from unittest import mock

import pytest
from django.utils import timezone

from operator_site.dashboard import dashboard_get
from tests.webhooks.hypetech.conftest import HypetechSender
from wallet.models import LedgerDayClosed, LedgerDayTotal

pytestmark = pytest.mark.django_db


def _bet_at(client, moment, **fields):
    with mock.patch("django.utils.timezone.now", return_value=moment):
        HypetechSender(client).bet(**fields)


def test_closed_days_are_kept_and_agree_with_the_ledger(
    client, make_wallet, django_assert_max_num_queries
):
    make_wallet(user_id="26", balance="1000.00")
    three_days_ago = timezone.now() - timedelta(days=3)
    _bet_at(client, three_days_ago, amount=200, provider_tx_id="old")
    _bet_at(client, timezone.now(), amount=50, provider_tx_id="new")

    first = dashboard_get()

    bars = {bar["label"].split(":")[0]: bar for bar in first["charts"][0]["bars"]}
    old_day = f"{timezone.localdate(three_days_ago):%Y-%m-%d}"
    assert bars[old_day]["label"] == f"{old_day}: 200.00"
    assert first["charts"][0]["total"] == "250.00"
    assert LedgerDayClosed.objects.count() == 29
    kept = LedgerDayTotal.objects.get()
    assert (kept.provider, kept.currency, kept.stakes) == (
        "hypetech",
        "USD",
        Decimal("-200.0000"),
    )
    with django_assert_max_num_queries(8):
        again = dashboard_get()
    assert again["charts"] == first["charts"]
    assert again["today"] == [
        {
            "provider": "hypetech",
            "currency": "USD",
            "bets": "50.00",
            "wins": "0.00",
            "ggr": "50.00",
        }
    ]
