"""The Betstack Bet Engine client against a real local HTTP server."""

import json
import time

import pytest
from werkzeug import Response

from webhooks.betstack.client import (
    BetstackApiError,
    BetstackClient,
    BetstackNotFoundError,
)
from webhooks.betstack.signature import betstack_signature
from webhooks.http_client import (
    ProviderResponseError,
    ProviderUnavailableError,
    json_dumps_exact,
)

V4 = {
    "operator": "site",
    "token": "UnIqUe-ToKeN",
    "price": 5000,
    "currency": "KES",
    "atag": "affiliate-1",
    "source": "mobile",
    "type": "superbet",
    "event": 100001,
    "bets": [101, 102, 103, 104, 105, 106],
}
TICKET = {
    "id": "668ef666333180bba97f0c93",
    "code": "CD4BDD",
    "status": "resulted",
    "result": "won",
    "price": 500,
    "net_payout": 2602,
}


@pytest.fixture
def client(httpserver):
    return BetstackClient(
        base_url=httpserver.url_for(""),
        operator="acme",
        secret="12345ABCDE",
        timeout=0.5,
        clock=lambda: 1706191612,
    )


def test_signed_headers_reproduce_spec_vector_v4():
    client = BetstackClient(
        base_url="http://x",
        operator="site",
        secret="12345ABCDE",
        clock=lambda: 1706090303,
    )

    headers = client.signed_headers(json_dumps_exact(V4))

    assert headers["signature"] == (
        "f99aee9f77eef1ee8b64c78e7f8612e3234f03cce5fecdebd7ea27f2b9081423"
    )
    assert (headers["timestamp"], headers["operator-name"]) == ("1706090303", "site")


def test_ticket_get_is_signed_over_an_empty_body(httpserver, client):
    signature = betstack_signature(key="12345ABCDE", timestamp="1706191612", body=b"")
    httpserver.expect_request(
        "/be/tickets/CD4BDD",
        method="GET",
        headers={
            "timestamp": "1706191612",
            "operator-name": "acme",
            "signature": signature,
        },
    ).respond_with_json(TICKET)

    assert client.ticket_get("CD4BDD") == TICKET


@pytest.mark.parametrize(
    ("status", "body", "error"),
    [
        (404, {"detail": "Not found"}, BetstackNotFoundError),
        (
            400,
            {"code": 102, "message": "Ticket with `x` identifier is not found"},
            BetstackNotFoundError,
        ),
        (
            403,
            {"code": 106, "message": "Operator wrong-name was not found"},
            BetstackApiError,
        ),
        (502, None, ProviderUnavailableError),
    ],
)
def test_errors_become_clear_exceptions(httpserver, client, status, body, error):
    response = json.dumps(body) if body is not None else ""
    httpserver.expect_request("/be/tickets/x").respond_with_data(
        response, status=status, content_type="application/json"
    )

    with pytest.raises(error) as raised:
        client.ticket_get("x")

    assert raised.value.status == status


def test_malformed_ticket_is_a_response_error(httpserver, client):
    httpserver.expect_request("/be/tickets/x").respond_with_json({"ok": True})

    with pytest.raises(ProviderResponseError, match="not a ticket"):
        client.ticket_get("x")


def test_tickets_list_walks_every_page(httpserver, client):
    pages = {
        0: [{"id": "a"}, {"id": "b"}],
        2: [{"id": "c"}, {"id": "d"}],
        4: [{"id": "e"}],
    }
    for skip, tickets in pages.items():
        httpserver.expect_request(
            "/be/tickets",
            query_string=f"limit=2&skip={skip}&user_id=u1"
            "&skip_types=superbet&skip_types=jackpot",
        ).respond_with_json(tickets)

    found = [
        t["id"]
        for t in client.tickets_list(
            user_id="u1", skip_types=("superbet", "jackpot"), limit=2
        )
    ]

    assert found == ["a", "b", "c", "d", "e"]


def test_ticket_paid_posts_a_signed_body(httpserver, client):
    body = b'{"operator":"acme"}'
    httpserver.expect_request(
        "/be/tickets/CD4BDD/paid",
        method="POST",
        data=body,
        headers={
            "signature": betstack_signature(
                key="12345ABCDE", timestamp="1706191612", body=body
            )
        },
    ).respond_with_json(TICKET | {"status": "open"})

    assert client.ticket_paid("CD4BDD")["status"] == "open"


def test_timeout_is_unavailable(httpserver, client):
    def slow(request):
        time.sleep(1.0)
        return Response("{}")

    httpserver.expect_request("/be/tickets/x").respond_with_handler(slow)

    with pytest.raises(ProviderUnavailableError, match="timed out"):
        client.ticket_get("x")
