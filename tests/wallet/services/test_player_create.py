from decimal import Decimal

import pytest

from tests.ledger import ledger_entries
from wallet.models import Player
from wallet.services import player_create

pytestmark = pytest.mark.django_db


def test_player_create_opens_the_wallet_with_an_adjustment():
    player = player_create(user_id="9", currency="BRL", balance=Decimal("50.00"))

    wallet = player.wallets.get()
    assert (wallet.currency, wallet.balance) == ("BRL", Decimal("50.00"))
    assert ledger_entries(wallet) == [("adjustment", "50.00")]


def test_player_create_is_idempotent():
    player_create(user_id="9", currency="BRL", balance=Decimal("50.00"))

    player = player_create(user_id="9", currency="BRL", balance=Decimal("70.00"))

    wallet = player.wallets.get()
    assert wallet.balance == Decimal("50.00")
    assert Player.objects.count() == 1
    assert len(ledger_entries(wallet)) == 1


def test_player_create_adds_a_second_currency():
    player_create(user_id="9", currency="BRL", balance=Decimal("50.00"))

    player = player_create(user_id="9", currency="USD", balance=Decimal("0"))

    assert sorted(w.currency for w in player.wallets.all()) == ["BRL", "USD"]
