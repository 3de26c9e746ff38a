"""Invariants 3 and 4 and the sequence key, enforced by the database itself."""

from decimal import Decimal

import pytest
from django.db import IntegrityError, connection, transaction

from wallet.models import Provider, Transaction

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "statement",
    ["UPDATE wallet_transaction SET amount = 1", "DELETE FROM wallet_transaction"],
)
def test_database_refuses_update_and_delete_of_ledger_rows(make_wallet, statement):
    make_wallet(balance="10.00")

    with (
        pytest.raises(IntegrityError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(statement)

    assert Transaction.objects.get().amount == Decimal("10.00")


def test_orm_update_is_refused_too(make_wallet):
    make_wallet(balance="10.00")

    with pytest.raises(IntegrityError), transaction.atomic():
        Transaction.objects.update(reason="rewritten")


def _raw_entry(wallet, **fields):
    values = {
        "wallet": wallet,
        "sequence": 2,
        "kind": Transaction.Kind.BET,
        "amount": Decimal("-20"),
        "balance_after": Decimal("-10"),
        "provider": Provider.HYPETECH,
    } | fields
    with transaction.atomic():
        Transaction.objects.create(**values)


def test_unflagged_debit_below_zero_is_refused(make_wallet):
    wallet = make_wallet(balance="10.00")

    with pytest.raises(IntegrityError, match="debit_not_negative"):
        _raw_entry(wallet)


def test_two_entries_cannot_share_a_sequence(make_wallet):
    wallet = make_wallet(balance="10.00")

    with pytest.raises(IntegrityError, match="transaction_wallet_sequence"):
        _raw_entry(wallet, sequence=1, amount=Decimal("5"), balance_after=Decimal("15"))


def test_zero_amount_is_refused(make_wallet):
    wallet = make_wallet(balance="10.00")

    with pytest.raises(IntegrityError, match="amount_not_zero"):
        _raw_entry(wallet, amount=Decimal("0"), balance_after=Decimal("10"))
