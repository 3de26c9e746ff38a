import re
from decimal import Decimal

import pytest
from django.db import transaction as db_transaction

from tests.ledger import balance_of, ledger_entries
from wallet.exceptions import InsufficientFundsError, InvalidAmountError
from wallet.lock_objects import wallet_qs_select_for_update
from wallet.models import Provider, Transaction
from wallet.services import Plan, decide_only, plan_write

pytestmark = pytest.mark.django_db


def _debit(wallet, amount, **options):
    with db_transaction.atomic():
        locked = wallet_qs_select_for_update().get(pk=wallet.pk)
        with decide_only():
            plan = Plan(locked)
            entry = plan.debit(
                amount,
                kind=Transaction.Kind.ADJUSTMENT,
                provider=Provider.STAFF,
                **options,
            )
        plan_write(plan)
        return entry


def test_debit_moves_balance_and_appends_one_entry(make_wallet):
    wallet = make_wallet(balance="10.00")

    entry = _debit(wallet, Decimal("2.50"))

    assert (entry.amount, entry.balance_after, entry.sequence) == (
        Decimal("-2.50"),
        Decimal("7.50"),
        2,
    )
    assert balance_of(wallet) == "7.50"
    assert ledger_entries(wallet) == [("adjustment", "10.00"), ("adjustment", "-2.50")]


def test_debit_above_balance_is_refused(make_wallet):
    wallet = make_wallet(balance="10.00")

    message = re.escape("balance 10.00 < amount 10.01")
    with pytest.raises(InsufficientFundsError, match=message):
        _debit(wallet, Decimal("10.01"))

    assert balance_of(wallet) == "10.00"


def test_claw_back_may_go_negative_and_is_flagged(make_wallet):
    wallet = make_wallet(balance="10.00")

    entry = _debit(wallet, Decimal("25.00"), allow_negative=True)

    assert entry.flagged is True
    assert balance_of(wallet) == "-15.00"


def test_debit_within_balance_is_not_flagged_even_when_allowed(make_wallet):
    wallet = make_wallet(balance="10.00")

    entry = _debit(wallet, Decimal("5.00"), allow_negative=True)

    assert entry.flagged is False


@pytest.mark.parametrize("amount", [5.0, 5, "5"])
def test_non_decimal_amount_is_a_type_error(make_wallet, amount):
    wallet = make_wallet(balance="10.00")

    with pytest.raises(TypeError, match="amount must be a Decimal"):
        _debit(wallet, amount)


@pytest.mark.parametrize(
    ("amount", "message"),
    [
        (Decimal("0.001"), "more than 2 decimals for USD"),
        (Decimal("-1"), "not a non-negative number"),
        (Decimal("NaN"), "not a non-negative number"),
        (Decimal("0"), "must be positive"),
    ],
)
def test_invalid_amount_is_refused_never_rounded(make_wallet, amount, message):
    wallet = make_wallet(balance="10.00")

    with pytest.raises(InvalidAmountError, match=message):
        _debit(wallet, amount)

    assert balance_of(wallet) == "10.00"


def test_a_refusal_while_deciding_leaves_nothing_written(make_wallet):
    """Whatever was planned before the refusal is never written."""
    wallet = make_wallet(balance="10.00")

    with db_transaction.atomic():
        locked = wallet_qs_select_for_update().get(pk=wallet.pk)
        plan = Plan(locked)
        plan.debit(Decimal("4.00"), kind="adjustment", provider=Provider.STAFF)
        with pytest.raises(
            InsufficientFundsError, match=re.escape("balance 6.00 < amount 7.00")
        ):
            plan.debit(Decimal("7.00"), kind="adjustment", provider=Provider.STAFF)

    assert balance_of(wallet) == "10.00"
    assert ledger_entries(wallet) == [("adjustment", "10.00")]


def test_a_write_while_deciding_is_a_programming_error(make_wallet):
    wallet = make_wallet(balance="10.00")

    with (
        db_transaction.atomic(),
        decide_only(),
        pytest.raises(RuntimeError, match="a write while deciding"),
    ):
        Transaction.objects.filter(wallet=wallet).update(reason="x")


def test_ugx_keeps_hundredths_exactly(make_wallet):
    """Ledger precision is max(ISO exponent, 2): 1.50 UGX is kept, not refused."""
    wallet = make_wallet(currency="UGX", balance="10")

    entry = _debit(wallet, Decimal("1.50"))

    assert entry.balance_after == Decimal("8.50")
    with pytest.raises(InvalidAmountError, match="more than 2 decimals for UGX"):
        _debit(wallet, Decimal("0.001"))
