"""Register Win, the legacy loss hook and resolution rules 1-10
(docs/providers/hypetech.md#d16-the-legacy-loss-hook)."""

import pytest

from tests.ledger import balance_of, ledger_entries
from tests.webhooks.hypetech.conftest import payload
from wallet.models import Bet, Player

pytestmark = pytest.mark.django_db


def test_win_credits_the_gross_payout_and_closes_the_bet(hypetech, wallet):
    hypetech.bet(amount=200)

    response = hypetech.win(amount=500)

    body = response.json()
    assert response.status_code == 200
    assert (body["old_balance"], body["new_balance"]) == ("800.00", "1300.00")
    assert body["provider_tx_id"] == "560"
    assert ledger_entries(wallet)[1:] == [("bet", "-200.00"), ("win", "500.00")]
    bet = Bet.objects.get(reference="559")
    assert (bet.status, bet.payout, bet.resolved_by) == (Bet.Status.WON, 500, "560")


def test_win_of_zero_closes_the_bet_as_lost_without_money(hypetech, wallet):
    hypetech.bet(amount=200)

    response = hypetech.win(amount=0)

    assert response.status_code == 200
    assert response.json()["new_balance"] == "800.00"
    assert ledger_entries(wallet)[1:] == [("bet", "-200.00")]
    assert Bet.objects.get(reference="559").status == Bet.Status.LOST


def test_win_route_alias_rewards(hypetech, wallet):
    hypetech.bet(amount=200)

    response = hypetech.send("rewards", payload("win", amount=300))

    assert response.status_code == 200
    assert balance_of(wallet) == "1100.00"


def test_win_without_bet_is_404_bet_not_found(hypetech, wallet):
    response = hypetech.win(amount=500)

    assert response.status_code == 404
    assert response.json()["code"] == "BET_NOT_FOUND"
    assert balance_of(wallet) == "1000.00"


def test_second_win_for_a_resolved_bet_is_409(hypetech, wallet):
    """Rules 5-7: one resolution per bet; the first fixes the final state."""
    hypetech.bet(amount=200)
    hypetech.win(amount=500)

    response = hypetech.win(amount=500, provider_tx_id=562)

    assert response.status_code == 409
    assert response.json()["code"] == "BET_ALREADY_RESOLVED"
    assert balance_of(wallet) == "1300.00"


def test_win_after_rollback_is_409(hypetech, wallet):
    hypetech.bet(amount=200)
    hypetech.rollback(amount=200)

    response = hypetech.win(amount=500)

    assert response.status_code == 409
    assert response.json()["code"] == "BET_ALREADY_RESOLVED"
    assert balance_of(wallet) == "1000.00"
    assert Bet.objects.get(reference="559").status == Bet.Status.ROLLED_BACK


def test_win_for_a_blocked_player_is_still_paid(hypetech, wallet):
    hypetech.bet(amount=200)
    Player.objects.filter(pk=wallet.player_id).update(status=Player.Status.BLOCKED)

    response = hypetech.win(amount=500)

    assert response.status_code == 200
    assert balance_of(wallet) == "1300.00"


def test_legacy_win_reuses_the_bet_provider_tx_id(hypetech, wallet):
    """[A] sent the win with the bet's own provider_tx_id and no linked_tx_id."""
    hypetech.bet(amount=200)

    response = hypetech.win(amount=400, provider_tx_id="559", linked_tx_id=None)

    assert response.status_code == 200
    assert balance_of(wallet) == "1200.00"
    assert Bet.objects.get(reference="559").status == Bet.Status.WON


def test_win_finds_the_single_open_bet_of_the_round(hypetech, wallet):
    hypetech.bet(amount=200, round_id="R7")

    response = hypetech.win(
        amount=100, provider_tx_id="w1", linked_tx_id=0, round_id="R7"
    )

    assert response.status_code == 200
    assert Bet.objects.get(reference="559").status == Bet.Status.WON


def test_win_with_two_open_bets_in_the_round_and_no_link_is_404(hypetech, wallet):
    hypetech.bet(amount=200, round_id="R7", provider_tx_id="a")
    hypetech.bet(amount=200, round_id="R7", provider_tx_id="b")

    response = hypetech.win(
        amount=100, provider_tx_id="w1", linked_tx_id="", round_id="R7"
    )

    assert response.status_code == 404
    assert balance_of(wallet) == "600.00"


def test_win_for_another_players_bet_is_404(hypetech, wallet, make_wallet):
    make_wallet(user_id="27", balance="10.00")
    hypetech.bet(amount=200)

    response = hypetech.win(amount=500, user_id="27", session_token="other-session")

    assert response.status_code == 404
    assert response.json()["code"] == "BET_NOT_FOUND"
    assert Bet.objects.get(reference="559").status == Bet.Status.OPEN


def test_win_in_another_currency_of_the_same_player_is_400(hypetech, wallet):
    from wallet.models import Wallet

    Wallet.objects.create(player=wallet.player, currency="BRL")
    hypetech.bet(amount=200)

    response = hypetech.win(amount=500, currency="BRL")

    assert response.status_code == 400
    assert response.json()["code"] == "CURRENCY_MISMATCH"
    assert balance_of(wallet) == "800.00"


def test_negative_win_is_400(hypetech, wallet):
    hypetech.bet(amount=200)

    response = hypetech.win(amount=-5)

    assert response.status_code == 400
    assert response.json()["code"] == "BAD_REQUEST"
    assert Bet.objects.get(reference="559").status == Bet.Status.OPEN


def test_loss_hook_closes_the_bet_as_lost_without_money(hypetech, wallet):
    hypetech.bet(amount=200)

    response = hypetech.send("loss", payload("bet", action="lose", amount=200))

    assert response.status_code == 200
    assert response.json()["new_balance"] == "800.00"
    assert Bet.objects.get(reference="559").status == Bet.Status.LOST
    assert ledger_entries(wallet)[1:] == [("bet", "-200.00")]


def test_loss_hook_after_a_loss_by_win_zero_is_accepted(hypetech, wallet):
    hypetech.bet(amount=200)
    hypetech.win(amount=0)

    response = hypetech.send("loss", payload("bet", action="lose"))

    assert response.status_code == 200
    assert balance_of(wallet) == "800.00"


def test_loss_hook_after_a_win_is_409(hypetech, wallet):
    hypetech.bet(amount=200)
    hypetech.win(amount=500)

    response = hypetech.send("loss", payload("bet", action="lose"))

    assert response.status_code == 409
    assert Bet.objects.get(reference="559").status == Bet.Status.WON
    assert balance_of(wallet) == "1300.00"
