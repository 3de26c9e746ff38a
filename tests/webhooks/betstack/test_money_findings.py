"""Findings of the money-safety review (Betstack side), each at the HTTP level.

Each test failed before the provider-call pipeline; the ledger and domain
invariants are checked after every test by tests/conftest.py.
"""

import json
import time
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model

from tests.ledger import balance_of, ledger_entries
from tests.webhooks.betstack.conftest import TICKET, action_payload, create_payload
from wallet.models import ProviderCall, Ticket
from wallet.services.backoffice import transaction_reverse
from webhooks.betstack.signature import betstack_signature

pytestmark = pytest.mark.django_db


def _captured(envelope, timestamp):
    """A signed request as an eavesdropper would keep it."""
    body = json.dumps(envelope).encode()
    signature = betstack_signature(key="12345ABCDE", timestamp=timestamp, body=body)
    return {"body": body, "timestamp": timestamp, "signature": signature}


def test_a_captured_win_replayed_after_re_settlement_pays_nothing(betstack, wallet):
    """Win -> rollback -> win: the first win's exact resend is answered from
    the journal, never evaluated against the re-opened ticket."""
    betstack.create()
    first_win = _captured(action_payload("ticket_win"), str(int(time.time()) - 5))
    assert betstack.send(**first_win).status_code == 200
    betstack.act("ticket_rollback")
    betstack.act("ticket_win")
    paid_once = balance_of(wallet)

    replay = betstack.send(**first_win)

    assert (replay.status_code, replay.content) == (200, b"{}")
    assert balance_of(wallet) == paid_once == "121.02"
    assert [kind for kind, _ in ledger_entries(wallet)].count("win") == 2


def test_an_old_signed_settlement_is_refused_outside_the_window(
    betstack, wallet, settings
):
    settings.BETSTACK_TIMESTAMP_TOLERANCE = 900
    betstack.create()
    old = str(int(time.time()) - 901)

    response = betstack.send(action_payload("ticket_win"), timestamp=old)

    assert (response.status_code, response.json()["code"]) == (403, 112)
    assert balance_of(wallet) == "95.00"


def test_an_old_discard_is_still_applied_and_an_old_exact_resend_replayed(
    betstack, wallet, settings
):
    """Betstack re-sends discards for 30 minutes; a late exact resend of an
    answered call gets its stored answer, not a refusal."""
    settings.BETSTACK_TIMESTAMP_TOLERANCE = 900
    create = _captured(create_payload(), str(int(time.time())))
    assert betstack.send(**create).status_code == 200
    old = str(int(time.time()) - 1800)

    discard = betstack.send(action_payload("ticket_discard"), timestamp=old)
    settings.BETSTACK_TIMESTAMP_TOLERANCE = 1
    time.sleep(1.1)
    resend = betstack.send(**create)

    assert discard.status_code == 200
    assert (resend.status_code, resend.content) == (200, b"{}")
    assert balance_of(wallet) == "100.00"
    assert Ticket.objects.get().status == "discarded"


def test_a_refused_ticket_is_never_committed(betstack, make_wallet):
    """Insufficient funds: no ticket row, the resend is refused again and the
    win that follows finds no ticket to pay."""
    wallet = make_wallet(user_id="p1", balance="1.00")

    first = betstack.create()
    again = betstack.create()
    win = betstack.act("ticket_win")

    assert (first.status_code, again.status_code, win.status_code) == (402, 402, 404)
    assert not Ticket.objects.exists()
    assert balance_of(wallet) == "1.00"


def test_ugx_hundredths_are_debited_and_paid_exactly(betstack, make_wallet):
    """150 cents of UGX is 1.50 UGX: debited, and a fractional payout paid."""
    wallet = make_wallet(user_id="p1", currency="UGX", balance="100")

    created = betstack.create(currency="UGX", price=150, net_payout=12345)
    won = betstack.act("ticket_win")

    assert (created.status_code, won.status_code) == (200, 200)
    assert ledger_entries(wallet)[1:] == [("bet", "-1.50"), ("win", "123.45")]
    assert balance_of(wallet) == "221.95"


def test_staff_reversal_of_a_stake_then_discard_refunds_once(betstack, wallet):
    """Reversing an open ticket's stake cancels it: Betstack's discard or
    refund moves nothing more, its win is refused."""
    betstack.create()
    staff = get_user_model().objects.create_user("finance")
    stake = wallet.transactions.get(kind="bet")
    transaction_reverse(transaction_id=stake.pk, staff_user=staff, reason="goodwill")

    discard = betstack.act("ticket_discard")
    refund = betstack.act("ticket_refund")
    win = betstack.act("ticket_win")

    assert (discard.status_code, refund.status_code) == (200, 200)
    assert (win.status_code, win.json()["code"]) == (409, 144)
    assert balance_of(wallet) == "100.00"
    assert Ticket.objects.get().status == "cancelled"


def test_staff_claw_back_of_a_win_then_rollback_takes_nothing_more(betstack, wallet):
    betstack.create()
    betstack.act("ticket_win")
    staff = get_user_model().objects.create_user("finance")
    win = wallet.transactions.get(kind="win")
    transaction_reverse(transaction_id=win.pk, staff_user=staff, reason="fraud")

    rollback = betstack.act("ticket_rollback")
    again = betstack.act("ticket_win")

    assert (rollback.status_code, again.status_code) == (200, 200)
    assert balance_of(wallet) == "121.02"


def test_a_win_before_its_ticket_is_paid_when_resent(betstack, wallet):
    """The 404 is not stored: the exact resend after the create is evaluated."""
    win = _captured(action_payload("ticket_win"), str(int(time.time())))

    early = betstack.send(**win)
    betstack.create()
    late = betstack.send(**win)

    assert (early.status_code, late.status_code) == (404, 200)
    assert balance_of(wallet) == "121.02"
    assert ProviderCall.objects.filter(definitive=False, error_code="140").count() == 1


@pytest.mark.parametrize(
    ("action", "figures"),
    [("ticket_win", {"net_payout": 9999}), ("ticket_void", {"net_payout": 100})],
)
def test_a_settlement_resent_with_other_figures_is_a_conflict(
    betstack, wallet, action, figures
):
    betstack.create()
    betstack.act(action, net_payout=500)
    settled = balance_of(wallet)

    response = betstack.act(action, **figures)

    assert (response.status_code, response.json()["code"]) == (409, 141)
    assert balance_of(wallet) == settled
    assert Ticket.objects.get(ticket_id=TICKET).last_credit == Decimal("5.00")
