from decimal import Decimal

import pytest

from wallet.models import Provider, Transaction, Wallet
from wallet.selectors import ledger_violations

pytestmark = pytest.mark.django_db


def test_a_consistent_ledger_has_no_violation(make_wallet):
    make_wallet(balance="10.00")
    make_wallet(balance="0")

    assert list(ledger_violations()) == []


@pytest.mark.ledger_tampered
def test_a_cached_balance_that_drifted_is_reported(make_wallet):
    wallet = make_wallet(balance="10.00")
    Wallet.objects.filter(pk=wallet.pk).update(balance=Decimal("11.00"))

    violations = list(ledger_violations())

    assert [(v.invariant, v.wallet_id) for v in violations] == [(1, wallet.pk)]
    assert "balance 11.0000 != sum of entries 10.0000" in violations[0].detail


@pytest.mark.ledger_tampered
def test_a_broken_balance_chain_is_reported(make_wallet):
    wallet = make_wallet(balance="10.00")
    Transaction.objects.create(
        wallet=wallet,
        sequence=2,
        kind="adjustment",
        amount=Decimal("5"),
        balance_after=Decimal("-1"),
        provider=Provider.STAFF,
    )
    Wallet.objects.filter(pk=wallet.pk).update(balance=Decimal("15"), last_sequence=2)

    invariants = sorted(v.invariant for v in ledger_violations())

    assert invariants == [2]
