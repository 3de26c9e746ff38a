"""Refusals and state-based idempotency of ticket actions
(docs/providers/betstack.md#d14-conflicting-resends)."""

import json
from decimal import Decimal

import pytest

from tests.ledger import balance_of, ledger_entries
from tests.webhooks.betstack.conftest import TICKET, create_payload
from wallet.models import Player, Ticket, Wallet
from wallet.services import wallet_adjust

pytestmark = pytest.mark.django_db


def _refused(response, status, code):
    body = response.json()
    assert response.status_code == status, response.content
    assert body["code"] == code
    assert isinstance(body["message"], str) and body["message"]


def _moves(wallet):
    return ledger_entries(wallet)[1:]


def test_insufficient_funds_on_create(betstack, make_wallet):
    wallet = make_wallet(user_id="p1", balance="4.99")

    _refused(betstack.create(), 402, 130)

    assert balance_of(wallet) == "4.99"
    assert not Ticket.objects.exists()


def test_unknown_player_on_create(betstack, wallet):
    _refused(betstack.create(player_id="sometokenvalue"), 403, 101)

    assert not Ticket.objects.exists()


@pytest.mark.parametrize("status", [Player.Status.BLOCKED, Player.Status.SELF_EXCLUDED])
def test_blocked_player_on_create_and_reserve(betstack, make_wallet, status):
    wallet = make_wallet(user_id="p1", balance="100.00", status=status)

    _refused(betstack.create(), 403, 131)
    _refused(betstack.send(create_payload() | {"action": "ticket_reserve"}), 403, 131)

    assert balance_of(wallet) == "100.00"
    assert not Ticket.objects.exists()


def test_currency_mismatch_on_create(betstack, wallet):
    _refused(betstack.create(currency="KES"), 400, 132)

    assert not Ticket.objects.exists()


def test_the_four_create_refusals_have_distinct_codes(betstack, make_wallet):
    make_wallet(user_id="p1", balance="1.00")
    make_wallet(user_id="blocked", balance="100", status=Player.Status.BLOCKED)

    codes = {
        betstack.create().json()["code"],
        betstack.create(player_id="ghost").json()["code"],
        betstack.create(player_id="blocked").json()["code"],
        betstack.create(currency="KES").json()["code"],
    }

    assert len(codes) == 4


def test_resent_create_is_200_and_debits_once(betstack, wallet):
    betstack.create()

    response = betstack.create()

    assert response.status_code == 200
    assert _moves(wallet) == [("bet", "-5.00")]


def test_resent_create_with_other_number_spelling_is_the_same(betstack, wallet):
    """V2's "wht":10.0 is the same payload as V1's "wht":10."""
    betstack.create(wht=10)

    body = json.dumps(create_payload()).replace('"wht": 10,', '"wht": 10.0,')
    response = betstack.send(body=body.encode())

    assert response.status_code == 200
    assert _moves(wallet) == [("bet", "-5.00")]


def test_create_with_another_payload_for_an_existing_ticket_is_409(betstack, wallet):
    betstack.create()

    _refused(betstack.create(price=900), 409, 141)

    assert _moves(wallet) == [("bet", "-5.00")]


def test_reserve_of_a_created_ticket_is_409(betstack, wallet):
    betstack.create()

    _refused(betstack.send(create_payload() | {"action": "ticket_reserve"}), 409, 141)

    assert Ticket.objects.get().status == "open"


@pytest.mark.parametrize("action", ["ticket_create", "ticket_reserve"])
def test_late_create_after_discard_is_refused_and_never_debits(
    betstack, wallet, action
):
    betstack.act("ticket_discard")

    _refused(betstack.send(create_payload() | {"action": action}), 409, 142)

    assert balance_of(wallet) == "100.00"
    assert Ticket.objects.get().status == "discarded"


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("ticket_win", "ticket_lost"),
        ("ticket_lost", "ticket_win"),
        ("ticket_win", "ticket_void"),
        ("ticket_void", "ticket_refund"),
    ],
)
def test_second_different_settlement_is_409(betstack, wallet, first, second):
    betstack.create()
    betstack.act(first)
    before = balance_of(wallet)

    _refused(betstack.act(second), 409, 143)

    assert balance_of(wallet) == before


@pytest.mark.parametrize(
    "action",
    [
        "ticket_win",
        "ticket_lost",
        "ticket_void",
        "ticket_refund",
        "ticket_closed",
        "ticket_discard",
    ],
)
def test_resent_action_is_200_and_moves_nothing(betstack, wallet, action):
    betstack.create()
    if action == "ticket_closed":
        betstack.act("ticket_win")
    betstack.act(action)
    before = ledger_entries(wallet)

    response = betstack.act(action)

    assert (response.status_code, response.json()) == (200, {})
    assert ledger_entries(wallet) == before


def test_rollback_of_an_open_ticket_is_200_and_moves_nothing(betstack, wallet):
    betstack.create()
    betstack.act("ticket_win")
    betstack.act("ticket_rollback")

    response = betstack.act("ticket_rollback")

    assert response.status_code == 200
    assert balance_of(wallet) == "95.00"


def test_win_after_close_is_409(betstack, wallet):
    betstack.create()
    betstack.act("ticket_lost")
    betstack.act("ticket_closed")

    _refused(betstack.act("ticket_win"), 409, 143)

    assert balance_of(wallet) == "95.00"


@pytest.mark.parametrize(
    "action",
    [
        "ticket_win",
        "ticket_lost",
        "ticket_void",
        "ticket_refund",
        "ticket_rollback",
        "ticket_closed",
        "ticket_update",
    ],
)
def test_action_on_unknown_ticket_is_404(betstack, wallet, action):
    _refused(betstack.act(action), 404, 140)

    assert not Ticket.objects.exists()
    assert balance_of(wallet) == "100.00"


def test_close_of_an_unsettled_ticket_is_409(betstack, wallet):
    betstack.create()

    _refused(betstack.act("ticket_closed"), 409, 144)

    assert Ticket.objects.get().status == "open"


def test_discard_of_a_settled_ticket_is_409(betstack, wallet):
    betstack.create()
    betstack.act("ticket_win")

    _refused(betstack.act("ticket_discard"), 409, 143)

    assert balance_of(wallet) == "121.02"


def test_settlement_of_a_discarded_ticket_is_409(betstack, wallet):
    betstack.act("ticket_discard")

    _refused(betstack.act("ticket_win"), 409, 142)

    assert balance_of(wallet) == "100.00"


def test_create_in_a_second_currency_wallet_uses_that_wallet(betstack, wallet):
    brl = Wallet.objects.create(player=wallet.player, currency="BRL")
    wallet_adjust(wallet=brl, amount=Decimal("10"), reason="funding")

    response = betstack.create(currency="BRL", ticket_id="brl-ticket")

    assert response.status_code == 200
    assert balance_of(brl) == "5.00"
    assert balance_of(wallet) == "100.00"
    assert Ticket.objects.get(ticket_id="brl-ticket").currency == "BRL"


def test_tombstone_keeps_refusing_other_actions(betstack, wallet):
    betstack.act("ticket_discard", ticket_id=TICKET)

    _refused(betstack.act("ticket_rollback"), 409, 142)
