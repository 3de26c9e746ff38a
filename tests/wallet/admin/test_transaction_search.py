"""Support finds a transaction by any id a provider or a player quotes."""

import pytest
from django.urls import reverse

from tests.webhooks.betstack.conftest import BetstackSender
from tests.webhooks.hypetech.conftest import HypetechSender
from wallet.models import ProviderCall, Transaction
from wallet.roles import SUPPORT

pytestmark = pytest.mark.django_db


@pytest.fixture
def traffic(client, make_wallet):
    make_wallet(user_id="26", balance="1000.00")
    make_wallet(user_id="p1", balance="100.00")
    HypetechSender(client).bet(amount=200, provider_tx_id="HT-BET-1", round_id="R-77")
    BetstackSender(client).create()


def _search(client, staff_member, term):
    client.force_login(staff_member(SUPPORT))
    response = client.get(reverse("admin:wallet_transaction_changelist"), {"q": term})
    return sorted(entry.kind for entry in response.context["cl"].result_list)


@pytest.mark.parametrize(
    ("term", "kinds"),
    [
        ("HT-BET-1", ["bet"]),
        ("R-77", ["bet"]),
        ("668ef666333180bba97f0c93", ["bet"]),
        ("CD4BDD", ["bet"]),
        ("nothing-like-it", []),
    ],
    ids=["provider-tx-id", "round-id", "ticket-id", "ticket-code", "unknown"],
)
def test_search_by_id(client, staff_member, traffic, term, kinds):
    assert _search(client, staff_member, term) == kinds


def test_search_by_operator_tx_id(client, staff_member, traffic):
    operator_tx_id = ProviderCall.objects.get(provider="hypetech").operator_tx_id

    found = _search(client, staff_member, operator_tx_id)

    assert found == ["bet"]
    assert Transaction.objects.filter(kind="bet").count() == 2
