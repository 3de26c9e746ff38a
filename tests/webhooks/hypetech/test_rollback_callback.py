"""Rollback, tombstones and rules 3-4
(docs/providers/hypetech.md#d13-rollback-of-an-unknown-bet)."""

import pytest

from tests.ledger import balance_of, ledger_entries
from wallet.models import Bet, Player

pytestmark = pytest.mark.django_db


def test_rollback_refunds_the_stake(hypetech, wallet):
    hypetech.bet(amount=200)

    response = hypetech.rollback(amount=200)

    body = response.json()
    assert response.status_code == 200
    assert (body["old_balance"], body["new_balance"]) == ("800.00", "1000.00")
    assert ledger_entries(wallet)[1:] == [("bet", "-200.00"), ("rollback", "200.00")]
    assert Bet.objects.get(reference="559").status == Bet.Status.ROLLED_BACK


def test_rollback_amount_other_than_stake_is_400_amount_mismatch(hypetech, wallet):
    hypetech.bet(amount=200)

    response = hypetech.rollback(amount=300)

    assert response.status_code == 400
    assert response.json()["code"] == "AMOUNT_MISMATCH"
    assert balance_of(wallet) == "800.00"
    assert Bet.objects.get(reference="559").status == Bet.Status.OPEN


def test_rollback_after_win_is_409(hypetech, wallet):
    hypetech.bet(amount=200)
    hypetech.win(amount=500)

    response = hypetech.rollback(amount=200)

    assert response.status_code == 409
    assert response.json()["code"] == "BET_ALREADY_RESOLVED"
    assert balance_of(wallet) == "1300.00"


def test_rollback_of_unknown_bet_is_404_and_leaves_a_tombstone(hypetech, wallet):
    response = hypetech.rollback(amount=200)

    assert response.status_code == 404
    assert response.json()["code"] == "BET_NOT_FOUND"
    tombstone = Bet.objects.get(reference="559")
    assert tombstone.status == Bet.Status.TOMBSTONE
    assert balance_of(wallet) == "1000.00"


def test_bet_arriving_after_its_rollback_is_refused_and_never_debits(hypetech, wallet):
    hypetech.rollback(amount=200)

    response = hypetech.bet(amount=200)

    assert response.status_code == 409
    assert response.json()["code"] == "BET_ALREADY_RESOLVED"
    assert balance_of(wallet) == "1000.00"
    assert ledger_entries(wallet) == [("adjustment", "1000.00")]
    assert Bet.objects.get(reference="559").status == Bet.Status.TOMBSTONE


def test_rollback_of_a_free_bet_refunds_nothing(hypetech, wallet):
    hypetech.bet(amount=200, mode="free")

    response = hypetech.rollback(amount=200)

    assert response.status_code == 200
    assert balance_of(wallet) == "1000.00"
    assert ledger_entries(wallet) == [("adjustment", "1000.00")]
    assert Bet.objects.get(reference="559").status == Bet.Status.ROLLED_BACK


def test_rollback_for_a_self_excluded_player_is_still_paid(hypetech, wallet):
    hypetech.bet(amount=200)
    Player.objects.filter(pk=wallet.player_id).update(
        status=Player.Status.SELF_EXCLUDED
    )

    response = hypetech.rollback(amount=200)

    assert response.status_code == 200
    assert balance_of(wallet) == "1000.00"


def test_second_rollback_with_another_id_is_409(hypetech, wallet):
    hypetech.bet(amount=200)
    hypetech.rollback(amount=200)

    response = hypetech.rollback(amount=200, provider_tx_id=999)

    assert response.status_code == 409
    assert balance_of(wallet) == "1000.00"
