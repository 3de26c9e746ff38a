"""Reversals, adjustments, player status and four-eyes requests, with their audit."""

from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.db import IntegrityError, transaction

from tests.ledger import balance_of, ledger_entries
from wallet.exceptions import (
    AlreadyReversedError,
    InsufficientFundsError,
    ReasonRequiredError,
    RequestDecisionError,
    ReversalNotAllowedError,
)
from wallet.models import AuditRecord, MoneyRequest, Player, Transaction
from wallet.services import wallet_adjust
from wallet.services.backoffice import (
    money_request_create,
    money_request_decide,
    player_status_change,
    staff_wallet_adjust,
    transaction_reverse,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def finance():
    return User.objects.create_user("fin1")


@pytest.fixture
def funded(make_wallet):
    wallet = make_wallet(user_id="26", balance="100.00")
    wallet_adjust(wallet=wallet, amount=Decimal("-30.00"), reason="a debit")
    return wallet


def _last(wallet, kind):
    return wallet.transactions.filter(kind=kind).latest("sequence")


def test_reverse_a_debit_credits_it_back_and_is_audited(funded, finance):
    debit = _last(funded, "adjustment")

    reversal = transaction_reverse(
        transaction_id=debit.pk,
        staff_user=finance,
        reason="duplicate charge",
        ip_address="10.0.0.7",
    )

    assert (reversal.kind, reversal.amount, reversal.reverses) == (
        "reversal",
        Decimal("30.00"),
        debit,
    )
    assert (reversal.staff_user, reversal.reason) == (finance, "duplicate charge")
    assert balance_of(funded) == "100.00"
    record = AuditRecord.objects.get(action="transaction_reverse")
    assert (record.actor, record.target, record.ip_address) == (
        finance,
        f"transaction:{debit.pk}",
        "10.0.0.7",
    )
    assert record.before["amount"] == "-30.00"
    assert record.after["balance_after"] == "100.00"


def test_reverse_a_credit_debits_it(funded, finance):
    credit = funded.transactions.get(sequence=1)
    wallet_adjust(wallet=funded, amount=Decimal("50"), reason="top up")

    transaction_reverse(transaction_id=credit.pk, staff_user=finance, reason="wrong")

    assert balance_of(funded) == "20.00"


def test_reverse_that_would_go_negative_is_refused(funded, finance):
    credit = funded.transactions.get(sequence=1)

    with pytest.raises(InsufficientFundsError):
        transaction_reverse(transaction_id=credit.pk, staff_user=finance, reason="x")

    assert balance_of(funded) == "70.00"
    assert not AuditRecord.objects.filter(action="transaction_reverse").exists()


def test_a_transaction_is_reversed_at_most_once(funded, finance):
    debit = _last(funded, "adjustment")
    transaction_reverse(transaction_id=debit.pk, staff_user=finance, reason="x")

    with pytest.raises(AlreadyReversedError):
        transaction_reverse(transaction_id=debit.pk, staff_user=finance, reason="x")

    assert balance_of(funded) == "100.00"
    assert [k for k, _ in ledger_entries(funded)].count("reversal") == 1


def test_reversing_a_reversal_is_refused(funded, finance):
    debit = _last(funded, "adjustment")
    reversal = transaction_reverse(
        transaction_id=debit.pk, staff_user=finance, reason="x"
    )

    with pytest.raises(ReversalNotAllowedError, match="cannot itself be reversed"):
        transaction_reverse(transaction_id=reversal.pk, staff_user=finance, reason="y")

    assert balance_of(funded) == "100.00"


def test_reverse_needs_a_reason(funded, finance):
    with pytest.raises(ReasonRequiredError):
        transaction_reverse(
            transaction_id=_last(funded, "adjustment").pk,
            staff_user=finance,
            reason="  ",
        )

    assert balance_of(funded) == "70.00"


def test_the_database_allows_one_reversal_per_transaction(funded, finance):
    debit = _last(funded, "adjustment")
    transaction_reverse(transaction_id=debit.pk, staff_user=finance, reason="x")

    with pytest.raises(IntegrityError), transaction.atomic():
        Transaction.objects.create(
            wallet=funded,
            sequence=99,
            kind="reversal",
            currency="USD",
            amount=Decimal("1"),
            balance_after=Decimal("1"),
            provider="staff",
            reverses=debit,
        )


def test_staff_adjust_credit_and_debit_are_audited(funded, finance):
    staff_wallet_adjust(
        wallet_id=funded.pk,
        amount=Decimal("5.00"),
        staff_user=finance,
        reason="goodwill",
    )
    staff_wallet_adjust(
        wallet_id=funded.pk,
        amount=Decimal("-15.00"),
        staff_user=finance,
        reason="correction",
    )

    assert balance_of(funded) == "60.00"
    records = list(
        AuditRecord.objects.filter(action="wallet_adjust")
        .order_by("pk")
        .values_list("before", "reason")
    )
    assert records == [
        ({"balance": "70.00"}, "goodwill"),
        ({"balance": "75.00"}, "correction"),
    ]


def test_player_status_change_is_audited(funded, finance):
    player_status_change(
        player_id=funded.player_id,
        status=Player.Status.BLOCKED,
        staff_user=finance,
        reason="chargeback",
    )

    record = AuditRecord.objects.get(action="player_status_change")
    assert (record.before, record.after, record.reason) == (
        {"status": "active"},
        {"status": "blocked"},
        "chargeback",
    )
    assert Player.objects.get(pk=funded.player_id).status == "blocked"


def test_four_eyes_request_is_approved_by_a_second_person(funded, finance):
    checker = User.objects.create_user("fin2")
    debit = _last(funded, "adjustment")
    request = money_request_create(
        kind="reversal", transaction_id=debit.pk, staff_user=finance, reason="refund"
    )
    assert balance_of(funded) == "70.00"

    with pytest.raises(RequestDecisionError, match="second person"):
        money_request_decide(request_id=request.pk, staff_user=finance, approve=True)
    decided = money_request_decide(
        request_id=request.pk, staff_user=checker, approve=True
    )

    assert decided.status == "approved"
    assert decided.result.reverses == debit
    assert balance_of(funded) == "100.00"
    with pytest.raises(RequestDecisionError, match="approved"):
        money_request_decide(request_id=request.pk, staff_user=checker, approve=True)


def test_four_eyes_adjustment_rejected_moves_nothing(funded, finance):
    checker = User.objects.create_user("fin2")
    request = money_request_create(
        kind="adjustment",
        wallet_id=funded.pk,
        amount=Decimal("500"),
        staff_user=finance,
        reason="bonus",
    )

    money_request_decide(request_id=request.pk, staff_user=checker, approve=False)

    assert MoneyRequest.objects.get().status == "rejected"
    assert balance_of(funded) == "70.00"


def test_a_double_submitted_reversal_request_is_pending_once(funded, finance):
    debit = _last(funded, "adjustment")
    money_request_create(
        kind="reversal", transaction_id=debit.pk, staff_user=finance, reason="x"
    )

    with pytest.raises(AlreadyReversedError, match="already pending"):
        money_request_create(
            kind="reversal", transaction_id=debit.pk, staff_user=finance, reason="x"
        )

    assert MoneyRequest.objects.count() == 1


def test_audit_records_cannot_be_changed_or_deleted(finance):
    from wallet.services.backoffice import audit_record

    audit_record(actor=finance, action="login")

    with pytest.raises(IntegrityError, match="append-only"), transaction.atomic():
        AuditRecord.objects.update(reason="rewritten")
    with pytest.raises(IntegrityError, match="append-only"), transaction.atomic():
        AuditRecord.objects.all().delete()
