"""Rules 11-13: each (operation, provider_tx_id) applies once, answered the same."""

from decimal import Decimal

import pytest

from tests.ledger import balance_of, ledger_entries
from wallet.models import ProviderCall
from wallet.services import wallet_adjust

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("operation", ["bet", "win", "rollback"])
def test_resend_gets_the_first_answer_byte_for_byte(hypetech, wallet, operation):
    if operation != "bet":
        hypetech.bet(amount=200)
    first = getattr(hypetech, operation)(amount=200)

    again = getattr(hypetech, operation)(amount=200)

    assert first.status_code == again.status_code == 200
    assert again.content == first.content
    assert ProviderCall.objects.filter(operation=operation).count() == 1
    kinds = [kind for kind, _ in ledger_entries(wallet)]
    assert kinds.count(operation) == 1


def test_resend_after_the_balance_moved_still_replays_old_balances(hypetech, wallet):
    first = hypetech.bet(amount=200)
    hypetech.bet(amount=100, provider_tx_id="other")

    again = hypetech.bet(amount=200)

    assert again.content == first.content
    assert again.json()["new_balance"] == "800.00"
    assert balance_of(wallet) == "700.00"


def test_same_id_with_another_amount_is_409_and_moves_nothing(hypetech, wallet):
    hypetech.bet(amount=200)

    response = hypetech.bet(amount=300)

    assert response.status_code == 409
    assert response.json()["code"] == "IDEMPOTENCY_CONFLICT"
    assert balance_of(wallet) == "800.00"
    assert ledger_entries(wallet)[1:] == [("bet", "-200.00")]


def test_same_id_for_another_player_is_409(hypetech, wallet, make_wallet):
    other = make_wallet(user_id="27", balance="1000.00")
    hypetech.bet(amount=200)

    response = hypetech.bet(amount=200, user_id="27", session_token="s27")

    assert response.status_code == 409
    assert response.json()["code"] == "IDEMPOTENCY_CONFLICT"
    assert balance_of(other) == "1000.00"


def test_a_refusal_is_stored_and_replayed_even_after_a_deposit(hypetech, make_wallet):
    """A refused bet stays refused: the provider already closed it."""
    wallet = make_wallet(user_id="26", balance="10.00")
    first = hypetech.bet(amount=200)
    wallet_adjust(wallet=wallet, amount=Decimal(500), reason="deposit")

    again = hypetech.bet(amount=200)

    assert first.status_code == again.status_code == 403
    assert again.content == first.content
    assert balance_of(wallet) == "510.00"
    callback = ProviderCall.objects.get(operation="bet")
    assert (callback.outcome, callback.error_code) == ("refused", "INSUFFICIENT_FUNDS")


def test_refusal_for_unknown_player_is_replayed_after_the_player_exists(
    hypetech, make_wallet
):
    first = hypetech.bet(amount=200)
    wallet = make_wallet(user_id="26", balance="1000.00")

    again = hypetech.bet(amount=200)

    assert first.status_code == again.status_code == 404
    assert balance_of(wallet) == "1000.00"


def test_legacy_win_and_bet_share_an_id_without_colliding(hypetech, wallet):
    """The key is (operation, provider_tx_id), never the id alone
    (docs/providers/hypetech.md#d10-finding-the-bet)."""
    hypetech.bet(amount=200)
    win = hypetech.win(amount=300, provider_tx_id="559", linked_tx_id=None)
    bet_again = hypetech.bet(amount=200)

    assert win.status_code == 200
    assert bet_again.status_code == 200
    assert balance_of(wallet) == "1100.00"


def test_validation_failures_are_not_stored(hypetech, wallet):
    hypetech.bet(amount="-1")

    response = hypetech.bet(amount=200)

    assert response.status_code == 200
    assert balance_of(wallet) == "800.00"
