from decimal import Decimal

import pytest
from django.urls import reverse

from tests.webhooks.hypetech.conftest import HypetechSender, payload
from wallet.roles import SUPPORT
from wallet.services import wallet_adjust

pytestmark = pytest.mark.django_db


def test_dashboard_shows_todays_money_and_what_needs_attention(
    client, staff_member, make_wallet
):
    wallet = make_wallet(user_id="26", balance="1000.00")
    make_wallet(user_id="27", balance="0")
    sender = HypetechSender(client)
    sender.bet(amount=200)
    sender.win(amount=50)
    sender.bet(amount=100, provider_tx_id="b2", round_id="r2")
    sender.send(
        "rollback",
        payload("rollback", amount=100, linked_tx_id="b2", provider_tx_id="rb2"),
    )
    wallet_adjust(wallet=wallet, amount=Decimal("-1"), reason="x")
    client.force_login(staff_member(SUPPORT))

    response = client.get(reverse("admin:index"))

    dashboard = response.context["dashboard"]
    assert dashboard["today"] == [
        {
            "provider": "hypetech",
            "currency": "USD",
            "bets": "200.00",
            "wins": "50.00",
            "ggr": "150.00",
        }
    ]
    assert dashboard["charts"][0]["total"] == "150.00"
    assert (
        dashboard["flagged"],
        dashboard["failed_sms"],
        dashboard["negative_wallets"],
    ) == (0, 0, 0)
    assert 'id="count-flagged">0<' in response.content.decode()
