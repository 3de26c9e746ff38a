"""The Hypetech API client against a real local HTTP server playing Hypetech."""

import time
from decimal import Decimal

import pytest
from werkzeug import Response

from webhooks.http_client import ProviderResponseError, ProviderUnavailableError
from webhooks.hypetech.client import (
    HypetechApiError,
    HypetechClient,
    HypetechNotFoundError,
    HypetechUnauthorizedError,
)


@pytest.fixture
def hypetech_api(httpserver):
    return httpserver


@pytest.fixture
def client(hypetech_api):
    return HypetechClient(base_url=hypetech_api.url_for(""), token="tok-1", timeout=0.5)


def test_session_create_sends_bearer_and_exact_amounts(hypetech_api, client):
    hypetech_api.expect_request(
        "/games/request-access",
        method="POST",
        headers={"Authorization": "Bearer tok-1"},
        data=b'{"game":"aviador","user_id":"26","username":"Ana","lang":"pt",'
        b'"currency":"BRL","balance":20.50,"expires_in_minutes":60}',
    ).respond_with_json({"game_url": "https://server.hypetech.games/aviator/abc123"})

    url = client.session_create(
        game="aviador",
        user_id="26",
        username="Ana",
        lang="pt",
        currency="BRL",
        balance=Decimal("20.50"),
        expires_in_minutes=60,
    )

    assert url == "https://server.hypetech.games/aviator/abc123"
    hypetech_api.check_assertions()


@pytest.mark.parametrize(
    ("status", "body", "error", "message"),
    [
        (
            401,
            {
                "title": "Unauthorized",
                "statusCode": 401,
                "detail": "You don't have access to this game.",
            },
            HypetechUnauthorizedError,
            "401 Unauthorized: You don't have access",
        ),
        (
            404,
            {"title": "Not found", "statusCode": 404},
            HypetechNotFoundError,
            "404 Not found",
        ),
        (400, {"title": "Bad Request", "statusCode": 400}, HypetechApiError, "400"),
        (
            500,
            {"title": "Internal Server Error", "statusCode": 500},
            ProviderUnavailableError,
            "500 Internal Server Error",
        ),
    ],
)
def test_problem_details_become_clear_errors(
    hypetech_api, client, status, body, error, message
):
    hypetech_api.expect_request("/games/request-access").respond_with_json(
        body, status=status
    )

    with pytest.raises(error, match=message) as raised:
        client.session_create(game="aviador", user_id="26", username="Ana")

    assert raised.value.status == status


def test_timeout_is_unavailable(hypetech_api, client):
    def slow(request):
        time.sleep(1.0)
        return Response("{}")

    hypetech_api.expect_request("/games/request-access").respond_with_handler(slow)

    with pytest.raises(ProviderUnavailableError, match="timed out"):
        client.session_create(game="aviador", user_id="26", username="Ana")


def test_refused_connection_is_unavailable():
    client = HypetechClient(base_url="http://127.0.0.1:9", token="t", timeout=0.5)

    with pytest.raises(ProviderUnavailableError):
        client.session_create(game="aviador", user_id="26", username="Ana")


@pytest.mark.parametrize(
    "answer",
    [
        Response("<html>oops</html>", status=200),
        Response('{"url": "x"}', status=200),
        Response("[1, 2]", status=200),
    ],
)
def test_malformed_answers_are_response_errors(hypetech_api, client, answer):
    hypetech_api.expect_request("/games/request-access").respond_with_response(answer)

    with pytest.raises(ProviderResponseError):
        client.session_create(game="aviador", user_id="26", username="Ana")


def test_free_bets_grant_sends_the_documented_fields(hypetech_api, client):
    hypetech_api.expect_request(
        "/games/free-bets",
        method="POST",
        data=b'{"game_slug":"aviator","user_id":"26","quantity":"5","value":10.00,'
        b'"currency":"USD","expires_at":"2026-12-31T23:59:59Z",'
        b'"bonus_code":"FREEBET2024","max_multiplier":5.0}',
    ).respond_with_json({"free_bet": "New free bet created successfully."}, status=201)

    message = client.free_bets_grant(
        game_slug="aviator",
        user_id="26",
        quantity=5,
        value=Decimal("10.00"),
        currency="USD",
        expires_at="2026-12-31T23:59:59Z",
        bonus_code="FREEBET2024",
        max_multiplier=Decimal("5.0"),
    )

    assert message == "New free bet created successfully."


def test_session_transactions_walks_every_page(hypetech_api, client):
    for page, ids in ((1, ["1", "2"]), (2, ["3", "4"]), (3, ["5"])):
        hypetech_api.expect_request(
            "/sessions/S1/transactions",
            query_string={"pageSize": "2", "pageNumber": str(page)},
        ).respond_with_json(
            {
                "transactions": [{"transactionId": i, "amount": 50} for i in ids],
                "pagination": {
                    "pageSize": 2,
                    "pageNumber": page,
                    "totalPages": 3,
                    "totalItems": 5,
                },
            }
        )

    found = [t["transactionId"] for t in client.session_transactions("S1", page_size=2)]

    assert found == ["1", "2", "3", "4", "5"]


def test_session_transactions_without_a_list_is_a_response_error(hypetech_api, client):
    hypetech_api.expect_request("/sessions/S1/transactions").respond_with_json(
        {"data": []}
    )

    with pytest.raises(ProviderResponseError, match="no list"):
        list(client.session_transactions("S1"))


def test_missing_token_is_a_clear_error_and_nothing_is_sent(hypetech_api):
    client = HypetechClient(base_url=hypetech_api.url_for(""), token="")

    with pytest.raises(HypetechApiError, match="HYPETECH_API_TOKEN is not configured"):
        client.session_create(game="aviador", user_id="26", username="Ana")

    assert hypetech_api.log == []
