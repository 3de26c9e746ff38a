from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model

from tests.ledger import balance_of
from wallet.exceptions import InsufficientFundsError, InvalidAmountError
from wallet.services import wallet_adjust

pytestmark = pytest.mark.django_db


def test_adjust_credit_and_debit_record_staff_and_reason(make_wallet):
    staff = get_user_model().objects.create_user("finance")
    wallet = make_wallet(balance="10.00")

    credit = wallet_adjust(
        wallet=wallet, amount=Decimal("5"), reason="goodwill", staff_user=staff
    )
    debit = wallet_adjust(
        wallet=wallet, amount=Decimal("-3"), reason="fix", staff_user=staff
    )

    assert (credit.amount, credit.provider, credit.reason) == (5, "staff", "goodwill")
    assert (debit.amount, debit.staff_user) == (-3, staff)
    assert balance_of(wallet) == "12.00"


def test_adjust_needs_a_reason(make_wallet):
    wallet = make_wallet(balance="10.00")

    with pytest.raises(InvalidAmountError, match="needs a reason"):
        wallet_adjust(wallet=wallet, amount=Decimal("5"), reason="  ")

    assert balance_of(wallet) == "10.00"


def test_adjust_debit_never_goes_negative(make_wallet):
    wallet = make_wallet(balance="10.00")

    with pytest.raises(InsufficientFundsError):
        wallet_adjust(wallet=wallet, amount=Decimal("-11"), reason="fix")

    assert balance_of(wallet) == "10.00"
