"""Real contention: threads with their own connections hit one player at once."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection
from django.test import Client

from tests.ledger import balance_of, ledger_entries
from tests.webhooks.hypetech.conftest import HypetechSender, payload
from wallet.models import Bet, ProviderCall

pytestmark = pytest.mark.django_db(transaction=True)


def _at_once(requests):
    """Send every (path, data) from its own thread, released together."""
    barrier = threading.Barrier(len(requests))

    def send(request):
        path, data = request
        sender = HypetechSender(Client())
        barrier.wait()
        try:
            return sender.send(path, data)
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=len(requests)) as pool:
        return list(pool.map(send, requests))


def test_fifty_bets_on_twenty_dollars_accept_exactly_twenty(make_wallet):
    wallet = make_wallet(user_id="26", balance="20.00")
    requests = [
        ("bet", payload("bet", amount="1.00", provider_tx_id=f"b{i}"))
        for i in range(50)
    ]

    responses = _at_once(requests)

    statuses = sorted(response.status_code for response in responses)
    assert statuses == [200] * 20 + [403] * 30
    assert balance_of(wallet) == "0.00"
    assert [kind for kind, _ in ledger_entries(wallet)].count("bet") == 20
    assert Bet.objects.count() == 20
    new_balances = sorted(
        response.json()["new_balance"]
        for response in responses
        if response.status_code == 200
    )
    assert new_balances == sorted(f"{n}.00" for n in range(20))


def test_same_bet_ten_times_at_once_debits_once(make_wallet):
    wallet = make_wallet(user_id="26", balance="1000.00")

    responses = _at_once([("bet", payload("bet", amount=200))] * 10)

    assert {response.status_code for response in responses} == {200}
    assert len({response.content for response in responses}) == 1
    assert balance_of(wallet) == "800.00"
    assert ledger_entries(wallet)[1:] == [("bet", "-200.00")]
    assert ProviderCall.objects.count() == 1


def test_win_and_rollback_racing_apply_exactly_one(make_wallet):
    wallet = make_wallet(user_id="26", balance="1000.00")
    HypetechSender(Client()).bet(amount=200)

    win, rollback = _at_once(
        [("win", payload("win", amount=500)), ("rollback", payload("rollback"))]
    )

    assert sorted([win.status_code, rollback.status_code]) == [200, 409]
    bet = Bet.objects.get(reference="559")
    if win.status_code == 200:
        assert bet.status == Bet.Status.WON
        assert balance_of(wallet) == "1300.00"
    else:
        assert bet.status == Bet.Status.ROLLED_BACK
        assert balance_of(wallet) == "1000.00"
    assert len(ledger_entries(wallet)) == 3


def test_one_id_for_two_players_at_once_is_applied_for_one(make_wallet):
    """Different wallets do not serialise: the unique key decides, the loser replays."""
    first = make_wallet(user_id="26", balance="1000.00")
    second = make_wallet(user_id="27", balance="1000.00")

    responses = _at_once(
        [
            ("bet", payload("bet", amount=200, session_token="s26")),
            ("bet", payload("bet", amount=200, user_id="27", session_token="s27")),
        ]
    )

    assert sorted(response.status_code for response in responses) == [200, 409]
    balances = sorted([balance_of(first), balance_of(second)])
    assert balances == ["1000.00", "800.00"]
    assert Bet.objects.count() == 1
