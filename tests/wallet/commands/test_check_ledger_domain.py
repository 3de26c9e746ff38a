"""check_ledger catches each money-safety finding if it came back.

Every test writes the rows a reintroduced bug would leave, keeping the ledger
arithmetic consistent (invariants 1-4 hold), and expects invariant 5 to fail.
"""

import json
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction as db_transaction
from django.test import Client

from tests.webhooks.betstack.conftest import BetstackSender, create_payload
from tests.webhooks.hypetech.conftest import HypetechSender, payload
from wallet.lock_objects import wallet_qs_select_for_update
from wallet.models import Bet, Provider, ProviderCall, Ticket, Transaction
from wallet.services import Plan, plan_write

pytestmark = [pytest.mark.django_db, pytest.mark.ledger_tampered]


def _entry(wallet, amount, **fields):
    """A ledger row written past the rules, as a buggy service would."""
    with db_transaction.atomic():
        plan = Plan(wallet_qs_select_for_update().get(pk=wallet.pk))
        plan._entry(Decimal(amount), **fields)
        plan_write(plan)


def _check_ledger_fails_with(text):
    out = StringIO()
    with pytest.raises(CommandError) as failed:
        call_command("check_ledger", stdout=out, stderr=StringIO())
    assert failed.value.returncode == 1
    assert "invariant 5" in out.getvalue()
    assert text in out.getvalue(), out.getvalue()


@pytest.fixture
def hypetech_bet(make_wallet):
    wallet = make_wallet(user_id="26", balance="1000.00")
    HypetechSender(Client()).send("bet", payload("bet"))
    return wallet, Bet.objects.get()


@pytest.fixture
def ticket(make_wallet):
    wallet = make_wallet(user_id="p1", balance="100.00")
    BetstackSender(Client()).send(create_payload())
    return wallet, Ticket.objects.get()


def test_an_open_ticket_without_its_debit(make_wallet):
    """Finding 3: the ticket row committed although the debit was refused."""
    wallet = make_wallet(user_id="p1", balance="1.00")
    Ticket.objects.create(
        ticket_id="t1", player=wallet.player, wallet=wallet, status="open",
        debited=Decimal("1.50"),
    )  # fmt: skip

    _check_ledger_fails_with("ticket t1: stake taken 0 times")


def test_a_cancelled_bet_refunded_again(hypetech_bet):
    """Finding 5: staff returned the stake and the provider's rollback paid it."""
    wallet, bet = hypetech_bet
    stake = wallet.transactions.get(kind="bet")
    _entry(wallet, "200", kind="reversal", provider="staff", reverses=stake, bet=bet)
    Bet.objects.filter(pk=bet.pk).update(status="cancelled")
    _entry(wallet, "200", kind="rollback", provider="staff", bet=bet)

    _check_ledger_fails_with("bet 559: cancelled bet refunded 1 times")


def test_a_win_paid_for_a_bet_still_open(hypetech_bet):
    """Finding 6 the other way round: money for a bet whose state says unpaid."""
    wallet, bet = hypetech_bet
    _entry(wallet, "500", kind="win", provider=Provider.STAFF, bet=bet)

    _check_ledger_fails_with("bet 559: open bet paid 1 times")


def test_a_ticket_paid_twice_for_one_settlement(ticket):
    """Findings 2 and 7: a replayed or re-figured win paid again."""
    wallet, found = ticket
    for _ in range(2):
        _entry(wallet, "26.02", kind="win", provider=Provider.STAFF, ticket=found)
    Ticket.objects.filter(pk=found.pk).update(status="won", last_credit="26.02")

    _check_ledger_fails_with("entries sum to 47.0400, the won ticket says 21.0200")


def test_a_hypetech_entry_without_an_answer(hypetech_bet):
    wallet, bet = hypetech_bet
    _entry(wallet, "500", kind="win", provider=Provider.HYPETECH, bet=bet)
    Bet.objects.filter(pk=bet.pk).update(status="won", payout="500")

    _check_ledger_fails_with("has 0 answers")


def test_a_stored_answer_that_disagrees_with_the_ledger(hypetech_bet):
    call = ProviderCall.objects.get(operation="bet")
    reply = json.loads(call.response_body) | {"new_balance": "1000.00"}
    ProviderCall.objects.filter(pk=call.pk).update(response_body=json.dumps(reply))

    _check_ledger_fails_with("answered 1000.00 -> 1000.00, the ledger moved")


def test_a_consistent_history_passes(hypetech_bet, ticket):
    out = StringIO()
    call_command("check_ledger", stdout=out, stderr=StringIO())
    assert out.getvalue() == ""
    assert Transaction.objects.count() == 4
