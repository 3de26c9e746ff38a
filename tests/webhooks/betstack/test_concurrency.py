"""Real contention on tickets: threads with their own connections."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection
from django.test import Client

from tests.ledger import balance_of, ledger_entries
from tests.webhooks.betstack.conftest import (
    BetstackSender,
    action_payload,
    create_payload,
)
from wallet.models import ProviderCall, Ticket

pytestmark = pytest.mark.django_db(transaction=True)


def _at_once(envelopes):
    barrier = threading.Barrier(len(envelopes))

    def send(envelope):
        sender = BetstackSender(Client())
        barrier.wait()
        try:
            return sender.send(envelope)
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=len(envelopes)) as pool:
        return list(pool.map(send, envelopes))


def test_same_create_ten_times_at_once_debits_once(make_wallet):
    wallet = make_wallet(user_id="p1", balance="100.00")

    responses = _at_once([create_payload()] * 10)

    assert [r.status_code for r in responses] == [200] * 10
    assert balance_of(wallet) == "95.00"
    assert ledger_entries(wallet)[1:] == [("bet", "-5.00")]
    assert Ticket.objects.count() == 1
    # Ten identical deliveries in one second are exact resends of one call.
    assert ProviderCall.objects.count() == 1


def test_create_and_discard_of_a_new_ticket_racing(make_wallet):
    """Either order is legal; the ledger must agree with the one that happened."""
    wallet = make_wallet(user_id="p1", balance="100.00")

    create, discard = _at_once([create_payload(), action_payload("ticket_discard")])

    ticket = Ticket.objects.get()
    assert discard.status_code == 200
    assert ticket.status == "discarded"
    if create.status_code == 200:
        assert ledger_entries(wallet)[1:] == [("bet", "-5.00"), ("refund", "5.00")]
    else:
        assert create.json()["code"] == 142
        assert ledger_entries(wallet)[1:] == []
    assert balance_of(wallet) == "100.00"


def test_win_and_rollback_racing_end_in_a_serial_state(make_wallet):
    wallet = make_wallet(user_id="p1", balance="100.00")
    sender = BetstackSender(Client())
    sender.create()
    sender.act("ticket_win")
    sender.act("ticket_rollback")

    win, rollback = _at_once(
        [action_payload("ticket_win"), action_payload("ticket_rollback")]
    )

    assert (win.status_code, rollback.status_code) == (200, 200)
    ticket = Ticket.objects.get()
    moves = ledger_entries(wallet)[1:]
    if ticket.status == "won":
        # rollback (no-op on an open ticket) then win
        assert moves[-1] == ("win", "26.02")
        assert balance_of(wallet) == "121.02"
    else:
        # win then rollback
        assert ticket.status == "open"
        assert moves[-2:] == [("win", "26.02"), ("settlement_rollback", "-26.02")]
        assert balance_of(wallet) == "95.00"
