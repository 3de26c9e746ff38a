"""The ticket state machine T1-T17 and its money, per transition
(docs/providers/betstack.md#7-ticket-state-machine-and-money)."""

from decimal import Decimal

import pytest

from tests.ledger import balance_of, ledger_entries
from tests.webhooks.betstack.conftest import TICKET, create_payload
from wallet.models import ProviderCall, Ticket

pytestmark = pytest.mark.django_db


def _ticket():
    return Ticket.objects.get(ticket_id=TICKET)


def _ok(response):
    assert (response.status_code, response.json()) == (200, {}), response.content


def _moves(wallet):
    """The ledger after the test funding."""
    return ledger_entries(wallet)[1:]


def test_t1_create_debits_the_price_and_keeps_every_figure(betstack, wallet):
    _ok(betstack.create())

    ticket = _ticket()
    assert balance_of(wallet) == "95.00"
    assert _moves(wallet) == [("bet", "-5.00")]
    assert wallet.transactions.get(kind="bet").ticket == ticket
    assert (ticket.status, ticket.code, ticket.ticket_type) == (
        "open",
        "CD4BDD",
        "quickbet",
    )
    assert (ticket.price, ticket.stake, ticket.debited) == (
        Decimal("5.00"),
        Decimal("4.44"),
        Decimal("5.00"),
    )
    assert (ticket.wht_amount, ticket.wht, ticket.ext_amount, ticket.ext) == (
        Decimal("2.40"),
        Decimal("10"),
        Decimal("0.56"),
        Decimal("12.5"),
    )
    assert (ticket.gross_payout, ticket.net_payout) == (
        Decimal("28.42"),
        Decimal("26.02"),
    )
    assert (ticket.ext_type, ticket.atag, ticket.rtag) == (
        "inclusive",
        "atag_value",
        "",
    )
    assert [e.action for e in ticket.events.all()] == ["ticket_create"]


def test_t1_legacy_create_debits_stake_and_win_pays_payout(betstack, wallet):
    legacy = "1330556611374148608"
    _ok(betstack.send(create_payload(legacy=True)))
    _ok(betstack.act("ticket_win", legacy))

    ticket = Ticket.objects.get(ticket_id=legacy)
    assert (ticket.debited, ticket.tax, ticket.payout) == (
        Decimal("5.00"),
        Decimal("1.00"),
        Decimal("15.00"),
    )
    assert _moves(wallet) == [("bet", "-5.00"), ("win", "15.00")]
    assert balance_of(wallet) == "110.00"


def test_t2_reserve_records_without_money(betstack, wallet):
    _ok(betstack.send(create_payload(psp="mobile") | {"action": "ticket_reserve"}))

    assert (_ticket().status, _ticket().psp, _ticket().debited) == (
        "reserved",
        "mobile",
        0,
    )
    assert balance_of(wallet) == "100.00"


def test_t3_reserved_ticket_paid_by_psp_then_won_credits_the_payout(betstack, wallet):
    betstack.send(create_payload() | {"action": "ticket_reserve"})

    _ok(betstack.act("ticket_win"))

    assert _ticket().status == "won"
    assert _moves(wallet) == [("win", "26.02")]


def test_t4_discard_of_unknown_ticket_is_200_and_leaves_a_tombstone(betstack, wallet):
    _ok(betstack.act("ticket_discard", reason="timeout"))

    ticket = _ticket()
    assert (ticket.status, ticket.player) == ("discarded", None)
    assert ticket.events.get().reason == "timeout"
    assert balance_of(wallet) == "100.00"


def test_t5_discard_after_create_credits_back_the_debit(betstack, wallet):
    betstack.create()

    _ok(betstack.act("ticket_discard", reason="lost connection"))

    assert _ticket().status == "discarded"
    assert _moves(wallet) == [("bet", "-5.00"), ("refund", "5.00")]
    assert balance_of(wallet) == "100.00"


def test_t6_discard_of_reserved_ticket_moves_nothing(betstack, wallet):
    betstack.send(create_payload() | {"action": "ticket_reserve"})

    _ok(betstack.act("ticket_discard"))

    assert _ticket().status == "discarded"
    assert _moves(wallet) == []


def test_t7_update_stores_new_figures_without_money(betstack, wallet):
    """A raised net payout is stored (the win pays it) and flagged for review."""
    betstack.create(ticket_type="jackpot")

    _ok(betstack.act("ticket_update", net_payout=5000, gross_payout=5500, price=500))

    ticket = _ticket()
    assert (ticket.net_payout, ticket.needs_review) == (Decimal("50.00"), True)
    assert "raised the net payout 26.0200 -> 50.00" in ticket.review_note
    assert balance_of(wallet) == "95.00"
    _ok(betstack.act("ticket_win"))
    assert balance_of(wallet) == "145.00"


def test_t7_update_with_another_price_is_flagged_not_charged(betstack, wallet):
    betstack.create(ticket_type="jackpot")

    _ok(betstack.act("ticket_update", price=800))

    ticket = _ticket()
    assert ticket.needs_review is True
    assert "price to 8.00" in ticket.review_note
    assert balance_of(wallet) == "95.00"


def test_t8_win_credits_the_net_payout(betstack, wallet):
    betstack.create()

    _ok(betstack.act("ticket_win"))

    assert _ticket().status == "won"
    assert _moves(wallet) == [("bet", "-5.00"), ("win", "26.02")]


def test_t8_win_with_payout_in_the_payload_prefers_it(betstack, wallet):
    """Cash-out: amounts on the win payload override the stored ones
    (docs/providers/betstack.md#d8-what-a-win-credits)."""
    betstack.create()

    _ok(betstack.act("ticket_win", net_payout=700))

    assert _moves(wallet)[-1] == ("win", "7.00")


def test_t9_lost_moves_nothing(betstack, wallet):
    betstack.create()

    _ok(betstack.act("ticket_lost"))

    assert _ticket().status == "lost"
    assert _moves(wallet) == [("bet", "-5.00")]


@pytest.mark.parametrize(
    ("figures", "credit"),
    [
        ({"net_payout": 400, "price": 500}, "4.00"),
        ({"tax": 50, "payout": 1000}, "10.00"),
        ({}, "5.00"),
    ],
    ids=["net_payout", "legacy-payout", "no-figures"],
)
def test_t10_void_credits_the_void_payout(betstack, wallet, figures, credit):
    betstack.create()

    _ok(betstack.act("ticket_void", **figures))

    assert _ticket().status == "void"
    assert _moves(wallet) == [("bet", "-5.00"), ("void", credit)]


def test_t11_refund_credits_back_the_debit(betstack, wallet):
    betstack.create()

    _ok(betstack.act("ticket_refund", reason="declined"))

    assert _ticket().status == "refunded"
    assert _moves(wallet) == [("bet", "-5.00"), ("refund", "5.00")]


def test_t11_refund_of_a_reserved_ticket_credits_nothing(betstack, wallet):
    betstack.send(create_payload() | {"action": "ticket_reserve"})

    _ok(betstack.act("ticket_refund"))

    assert _ticket().status == "refunded"
    assert _moves(wallet) == []


def test_t12_rollback_of_a_win_debits_the_win_back(betstack, wallet):
    betstack.create()
    betstack.act("ticket_win")

    _ok(betstack.act("ticket_rollback", reason="result changed"))

    assert _ticket().status == "open"
    assert _moves(wallet) == [
        ("bet", "-5.00"),
        ("win", "26.02"),
        ("settlement_rollback", "-26.02"),
    ]
    assert balance_of(wallet) == "95.00"


def test_t13_rollback_of_a_loss_moves_nothing(betstack, wallet):
    betstack.create()
    betstack.act("ticket_lost")

    _ok(betstack.act("ticket_rollback"))

    assert _ticket().status == "open"
    assert _moves(wallet) == [("bet", "-5.00")]


def test_t14_rollback_of_a_void_debits_the_void_credit(betstack, wallet):
    betstack.create()
    betstack.act("ticket_void", net_payout=400)

    _ok(betstack.act("ticket_rollback"))

    assert _ticket().status == "open"
    assert _moves(wallet)[-1] == ("settlement_rollback", "-4.00")
    assert balance_of(wallet) == "95.00"


@pytest.mark.parametrize(
    "settlement", ["ticket_win", "ticket_lost", "ticket_void", "ticket_refund"]
)
def test_t15_close_after_a_settlement_moves_nothing(betstack, wallet, settlement):
    betstack.create()
    betstack.act(settlement)
    before = balance_of(wallet)

    _ok(betstack.act("ticket_closed"))

    ticket = _ticket()
    assert (ticket.status, ticket.settled_as) == (
        "closed",
        settlement[7:].replace("win", "won").replace("refund", "refunded"),
    )
    assert balance_of(wallet) == before


def test_t16_rollback_of_a_refund_reopens_and_is_flagged(betstack, wallet):
    betstack.create()
    betstack.act("ticket_refund")

    _ok(betstack.act("ticket_rollback"))

    ticket = _ticket()
    assert (ticket.status, ticket.needs_review) == ("open", True)
    assert balance_of(wallet) == "95.00"


def test_t17_rollback_after_close_reopens_reverses_and_is_flagged(betstack, wallet):
    betstack.create()
    betstack.act("ticket_win")
    betstack.act("ticket_closed")

    _ok(betstack.act("ticket_rollback"))

    ticket = _ticket()
    assert (ticket.status, ticket.needs_review, ticket.settled_as) == ("open", True, "")
    assert "Rollback of a closed ticket (won)" in ticket.review_note
    assert balance_of(wallet) == "95.00"


def test_win_rollback_win_again_is_a_new_movement(betstack, wallet):
    betstack.create()
    betstack.act("ticket_win")
    betstack.act("ticket_rollback")

    _ok(betstack.act("ticket_win"))

    assert _moves(wallet) == [
        ("bet", "-5.00"),
        ("win", "26.02"),
        ("settlement_rollback", "-26.02"),
        ("win", "26.02"),
    ]
    assert _ticket().settlement_count == 2


def test_rollback_beyond_the_balance_goes_negative_and_is_flagged(betstack, wallet):
    """Betstack already changed the ticket; refusing would desynchronise
    (docs/providers/betstack.md#d11-rollback)."""
    from wallet.services import wallet_adjust

    betstack.create()
    betstack.act("ticket_win")
    wallet_adjust(wallet=wallet, amount=Decimal("-110.00"), reason="withdrawal")

    _ok(betstack.act("ticket_rollback"))

    clawback = wallet.transactions.get(kind="settlement_rollback")
    assert (clawback.flagged, clawback.balance_after) == (True, Decimal("-15.00"))
    assert balance_of(wallet) == "-15.00"


def test_aliases_ticket_close_and_ticket_lose(betstack, wallet):
    betstack.create()

    _ok(betstack.act("ticket_lose"))
    _ok(betstack.act("ticket_close"))

    assert (_ticket().status, _ticket().settled_as) == ("closed", "lost")


def test_every_call_is_recorded_with_the_answer(betstack, wallet):
    betstack.create()
    betstack.act("ticket_lost")
    betstack.act("ticket_win")

    calls = list(
        ProviderCall.objects.order_by("pk").values_list(
            "operation", "response_status", "error_code", "ticket__ticket_id"
        )
    )
    assert calls == [
        ("ticket_create", 200, "", TICKET),
        ("ticket_lost", 200, "", TICKET),
        ("ticket_win", 409, "143", TICKET),
    ]
