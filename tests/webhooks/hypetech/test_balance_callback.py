"""Balance
(docs/providers/hypetech.md#d19-balance): read-only, [C] contract, GET or POST."""

import pytest

from tests.webhooks.hypetech.conftest import payload
from webhooks.models import HypetechSession

pytestmark = pytest.mark.django_db


def test_balance_answers_the_balance_as_a_string(hypetech, wallet):
    response = hypetech.send("balance", payload("balance"))

    assert response.status_code == 200
    assert response.json() == {
        "user_id": "26",
        "currency": "USD",
        "balance": "1000.00",
        "hypetech_session_token": "b72afc947ed1809d9a993d378733cfea",
    }


def test_balance_by_get_with_query_string_and_no_body(hypetech, wallet):
    response = hypetech.send(
        "balance",
        body=b"",
        method="GET",
        query="user_id=26&currency=USD&session_token=abc",
    )

    assert response.status_code == 200
    assert response.json()["balance"] == "1000.00"


def test_balance_writes_nothing(hypetech, wallet):
    hypetech.send("balance", payload("balance"))

    assert not HypetechSession.objects.exists()


def test_balance_of_unknown_player_is_404(hypetech, wallet):
    response = hypetech.send("balance", payload("balance", user_id="x"))

    assert response.status_code == 404
    assert response.json()["code"] == "USER_NOT_FOUND"


def test_balance_in_another_currency_is_400(hypetech, wallet):
    response = hypetech.send("balance", payload("balance", currency="BRL"))

    assert response.status_code == 400
    assert response.json()["code"] == "CURRENCY_MISMATCH"


def test_balance_with_another_players_session_is_401(hypetech, wallet, make_wallet):
    other = make_wallet(user_id="27")
    HypetechSession.objects.create(
        token="b72afc947ed1809d9a993d378733cfea",
        player=other.player,
        source=HypetechSession.Source.WEBHOOK,
    )

    response = hypetech.send("balance", payload("balance"))

    assert response.status_code == 401
    assert response.json()["code"] == "INVALID_SESSION"
