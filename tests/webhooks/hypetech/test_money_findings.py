"""Findings of the money-safety review (Hypetech side), each at the HTTP level.

The ledger and domain invariants are checked after every test by
tests/conftest.py.
"""

import pytest
from django.contrib.auth import get_user_model

from tests.ledger import balance_of
from wallet.models import Bet, ProviderCall
from wallet.services.backoffice import transaction_reverse

pytestmark = pytest.mark.django_db


def test_staff_reversal_of_a_stake_then_provider_rollback_refunds_once(
    hypetech, wallet
):
    """Reversing an open bet's stake cancels the bet: the rollback is answered
    as applied and moves nothing, a win is refused."""
    hypetech.bet()
    staff = get_user_model().objects.create_user("finance")
    stake = wallet.transactions.get(kind="bet")
    transaction_reverse(transaction_id=stake.pk, staff_user=staff, reason="stuck")

    rollback = hypetech.rollback()
    win = hypetech.win(provider_tx_id="562")

    assert rollback.status_code == 200
    assert rollback.json()["new_balance"] == rollback.json()["old_balance"]
    assert (win.status_code, win.json()["code"]) == (409, "BET_ALREADY_RESOLVED")
    assert balance_of(wallet) == "1000.00"
    assert Bet.objects.get().status == "cancelled"


def test_staff_cannot_reverse_a_provider_refund(hypetech, wallet):
    from wallet.exceptions import ReversalNotAllowedError

    hypetech.bet()
    hypetech.rollback()
    staff = get_user_model().objects.create_user("finance")
    refund = wallet.transactions.get(kind="rollback")

    with pytest.raises(ReversalNotAllowedError, match="use an adjustment"):
        transaction_reverse(transaction_id=refund.pk, staff_user=staff, reason="x")

    assert balance_of(wallet) == "1000.00"


def test_a_win_before_its_bet_is_paid_when_resent(hypetech, wallet):
    early = hypetech.win()
    hypetech.bet()
    late = hypetech.win()
    again = hypetech.win()

    assert (early.status_code, late.status_code) == (404, 200)
    assert again.content == late.content
    assert balance_of(wallet) == "1300.00"
    assert ProviderCall.objects.filter(operation="win", definitive=True).count() == 1


def test_a_rollback_before_its_bet_is_stored_and_refuses_the_bet(hypetech, wallet):
    first = hypetech.rollback()
    bet = hypetech.bet()
    again = hypetech.rollback()

    assert (first.status_code, bet.status_code) == (404, 409)
    assert again.content == first.content
    assert balance_of(wallet) == "1000.00"
