"""Register Bet and its rows of the error table
(docs/providers/hypetech.md#3-request-fields, #6-error-table)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.ledger import balance_of, ledger_entries
from tests.webhooks.hypetech.conftest import payload
from wallet.models import Bet, Player, ProviderCall
from webhooks.models import HypetechSession

pytestmark = pytest.mark.django_db

SEVEN_FIELDS = {
    "operator_tx_id",
    "new_balance",
    "old_balance",
    "user_id",
    "currency",
    "provider",
    "provider_tx_id",
}


def test_bet_debits_and_answers_seven_fields(hypetech, wallet):
    response = hypetech.bet(amount=200)

    body = response.json()
    assert response.status_code == 200
    assert set(body) == SEVEN_FIELDS
    assert body["old_balance"] == "1000.00"
    assert body["new_balance"] == "800.00"
    assert body["user_id"] == "26"
    assert body["provider_tx_id"] == "559"
    assert balance_of(wallet) == "800.00"
    assert ledger_entries(wallet) == [("adjustment", "1000.00"), ("bet", "-200.00")]
    bet = Bet.objects.get(reference="559")
    assert bet.status == Bet.Status.OPEN
    assert (bet.round_id, bet.game, str(bet.amount)) == ("255", "aviador", "200.0000")
    callback = ProviderCall.objects.get(operation="bet", idempotency_key="559")
    assert callback.operator_tx_id == body["operator_tx_id"]
    assert callback.transaction == wallet.transactions.get(kind="bet")


def test_bet_route_alias_register(hypetech, wallet):
    response = hypetech.send("register", payload("bet", provider_tx_id="700"))

    assert response.status_code == 200
    assert balance_of(wallet) == "800.00"


def test_ids_and_amounts_as_numbers_or_strings(hypetech, wallet):
    first = hypetech.bet(provider_tx_id=9001, user_id=26, amount="10.50")
    second = hypetech.bet(provider_tx_id="9002", amount=10.5)

    assert (first.status_code, second.status_code) == (200, 200)
    assert first.json()["provider_tx_id"] == "9001"
    assert balance_of(wallet) == "979.00"


def test_second_bet_in_the_same_round_is_accepted(hypetech, wallet):
    """count_register: a player may have several bets in one round
    (docs/providers/hypetech.md#d11-one-resolution-per-bet)."""
    hypetech.bet(provider_tx_id="1", round_id="R")
    response = hypetech.bet(provider_tx_id="2", round_id="R")

    assert response.status_code == 200
    assert balance_of(wallet) == "600.00"


def test_bet_above_balance_is_403_insufficient_funds(hypetech, make_wallet):
    wallet = make_wallet(user_id="26", balance="10.00")

    response = hypetech.bet(amount=200)

    assert response.status_code == 403
    assert response.json() == {
        "title": "Insufficient funds",
        "statusCode": 403,
        "detail": "balance 10.00 < amount 200.00",
        "code": "INSUFFICIENT_FUNDS",
    }
    assert balance_of(wallet) == "10.00"
    assert not Bet.objects.exists()


def test_bet_of_unknown_player_is_404(hypetech, wallet):
    response = hypetech.bet(user_id="nobody")

    assert response.status_code == 404
    assert response.json()["code"] == "USER_NOT_FOUND"
    assert balance_of(wallet) == "1000.00"


def test_bet_in_another_currency_is_400_currency_mismatch(hypetech, wallet):
    response = hypetech.bet(currency="BRL")

    assert response.status_code == 400
    assert response.json()["code"] == "CURRENCY_MISMATCH"
    assert balance_of(wallet) == "1000.00"
    assert not Bet.objects.exists()


@pytest.mark.parametrize("status", [Player.Status.BLOCKED, Player.Status.SELF_EXCLUDED])
def test_bet_of_blocked_player_is_403_forbidden(hypetech, make_wallet, status):
    wallet = make_wallet(user_id="26", balance="1000.00", status=status)

    response = hypetech.bet()

    assert response.status_code == 403
    assert response.json()["code"] == "FORBIDDEN"
    assert balance_of(wallet) == "1000.00"
    assert not Bet.objects.exists()


def test_free_bet_debits_nothing_and_keeps_bonus_code(hypetech, wallet):
    response = hypetech.bet(mode="free", bonus_code="FREEBET2024")

    assert response.status_code == 200
    assert response.json()["new_balance"] == "1000.00"
    assert ledger_entries(wallet) == [("adjustment", "1000.00")]
    bet = Bet.objects.get(reference="559")
    assert (bet.is_free, bet.bonus_code) == (True, "FREEBET2024")


def test_free_bet_win_is_credited(hypetech, wallet):
    hypetech.bet(mode="free", bonus_code="FREEBET2024")

    response = hypetech.win(amount=50)

    assert response.status_code == 200
    assert balance_of(wallet) == "1050.00"
    assert ledger_entries(wallet)[-1] == ("win", "50.00")


def test_session_token_of_another_player_is_401(hypetech, wallet, make_wallet):
    other = make_wallet(user_id="other", balance="100.00")
    HypetechSession.objects.create(
        token="b72afc947ed1809d9a993d378733cfea",
        player=other.player,
        source=HypetechSession.Source.LAUNCH,
    )

    response = hypetech.bet()

    assert response.status_code == 401
    assert response.json()["code"] == "INVALID_SESSION"
    assert balance_of(wallet) == "1000.00"


def test_expired_session_is_401_for_a_bet(hypetech, wallet):
    HypetechSession.objects.create(
        token="b72afc947ed1809d9a993d378733cfea",
        player=wallet.player,
        source=HypetechSession.Source.LAUNCH,
        expires_at=timezone.now() - timedelta(minutes=1),
    )

    response = hypetech.bet()

    assert response.status_code == 401
    assert response.json()["code"] == "INVALID_SESSION"
    assert balance_of(wallet) == "1000.00"


def test_unknown_session_refused_when_launch_required(hypetech, wallet, settings):
    settings.HYPETECH_REQUIRE_KNOWN_SESSION = True

    response = hypetech.bet()

    assert response.status_code == 401
    assert response.json()["code"] == "INVALID_SESSION"
    assert balance_of(wallet) == "1000.00"


def test_first_seen_session_is_bound_to_the_player(hypetech, wallet, make_wallet):
    make_wallet(user_id="27", balance="100.00")
    hypetech.bet()

    response = hypetech.bet(user_id="27", provider_tx_id="99")

    session = HypetechSession.objects.get()
    assert session.player == wallet.player
    assert response.status_code == 401


def test_status_of_an_error_code_is_configurable(hypetech, make_wallet, settings):
    settings.HYPETECH_STATUS_OVERRIDES = {"INSUFFICIENT_FUNDS": 400}
    make_wallet(user_id="26", balance="1.00")

    response = hypetech.bet()

    assert response.status_code == 400
    assert response.json()["statusCode"] == 400
