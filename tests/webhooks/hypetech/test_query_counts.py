"""Guard on the hot path: the SQL statements one webhook call executes.

Inside a test the durable transaction is a savepoint, so each count includes
SAVEPOINT and RELEASE where production sends BEGIN and COMMIT. A bet is: read
the session binding (before the lock), lock the wallet (reading the stored
answer and any existing bet in the same statement), insert the bet, insert the
ledger row, update the balance, store the answer. A win or rollback also reads
and updates the bet.
"""

import pytest

pytestmark = pytest.mark.django_db

BET_QUERIES = 8
WIN_QUERIES = 9
ROLLBACK_QUERIES = 9


def test_bet_query_count(hypetech, wallet, django_assert_max_num_queries):
    hypetech.bet(provider_tx_id="warm-up", session_token="s")

    with django_assert_max_num_queries(BET_QUERIES):
        response = hypetech.bet(session_token="s")

    assert response.status_code == 200


def test_win_query_count(hypetech, wallet, django_assert_max_num_queries):
    hypetech.bet(session_token="s")

    with django_assert_max_num_queries(WIN_QUERIES):
        response = hypetech.win(session_token="s")

    assert response.status_code == 200


def test_rollback_query_count(hypetech, wallet, django_assert_max_num_queries):
    hypetech.bet(session_token="s")

    with django_assert_max_num_queries(ROLLBACK_QUERIES):
        response = hypetech.rollback(session_token="s")

    assert response.status_code == 200
