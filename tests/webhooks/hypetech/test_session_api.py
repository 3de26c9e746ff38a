"""POST /api/players/{user_id}/hypetech/sessions, against a local Hypetech."""

from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import Client

from tests.webhooks.hypetech.conftest import HypetechSender
from wallet.models import Player
from webhooks.models import HypetechSession

pytestmark = pytest.mark.django_db
URL = "/api/players/26/hypetech/sessions"
GAME_URL = "https://server.hypetech.games/aviador/tok-abc123"


@pytest.fixture
def api_key():
    out = StringIO()
    call_command("issue_api_key", "--name", "casino-frontend", stdout=out)
    return out.getvalue().strip()


@pytest.fixture
def hypetech_api(httpserver, settings):
    settings.HYPETECH_BASE_URL = httpserver.url_for("")
    settings.HYPETECH_API_TOKEN = "bearer-1"
    settings.HYPETECH_TIMEOUT = 0.5
    return httpserver


def _post(api_key, body, client=None):
    client = client or Client()
    headers = {"HTTP_AUTHORIZATION": f"Api-Key {api_key}"} if api_key else {}
    return client.post(URL, body, content_type="application/json", **headers)


def test_launch_returns_the_game_url_and_records_the_session(
    hypetech_api, api_key, make_wallet
):
    make_wallet(user_id="26", currency="BRL", balance="20.50")
    hypetech_api.expect_request(
        "/games/request-access",
        method="POST",
        headers={"Authorization": "Bearer bearer-1"},
        json={
            "game": "aviador",
            "user_id": "26",
            "username": Player.objects.get().display_name,
            "lang": "pt",
            "currency": "BRL",
            "balance": 20.5,
            "expires_in_minutes": 60,
        },
    ).respond_with_json({"game_url": GAME_URL})

    response = _post(api_key, {"game": "aviador", "lang": "pt"})

    assert (response.status_code, response.json()) == (201, {"game_url": GAME_URL})
    session = HypetechSession.objects.get()
    assert (session.token, session.source, session.launched_by, session.game) == (
        "tok-abc123",
        "launch",
        "api-key:casino-frontend",
        "aviador",
    )
    assert session.expires_at is not None


def test_webhooks_of_the_launched_session_belong_to_the_player(
    hypetech_api, api_key, make_wallet, client
):
    make_wallet(user_id="26", balance="1000.00")
    make_wallet(user_id="27", balance="1000.00")
    hypetech_api.expect_request("/games/request-access").respond_with_json(
        {"game_url": GAME_URL}
    )
    _post(api_key, {"game": "aviador"})

    own = HypetechSender(client).bet(session_token="tok-abc123")
    foreign = HypetechSender(client).bet(
        session_token="tok-abc123", user_id="27", provider_tx_id="x2"
    )

    assert (own.status_code, foreign.status_code) == (200, 401)


def test_staff_session_may_launch_but_not_other_users(hypetech_api, make_wallet):
    make_wallet(user_id="26", balance="1")
    hypetech_api.expect_request("/games/request-access").respond_with_json(
        {"game_url": GAME_URL}
    )
    staff, player_user = Client(), Client()
    staff.force_login(User.objects.create_user("staff", is_staff=True))
    player_user.force_login(User.objects.create_user("someone"))

    assert _post(None, {"game": "aviador"}, staff).status_code == 201
    assert _post(None, {"game": "aviador"}, player_user).status_code == 403
    assert _post(None, {"game": "aviador"}).status_code in (401, 403)
    assert _post("wrong-key", {"game": "aviador"}).status_code == 401


@pytest.mark.parametrize(
    ("answer_status", "status", "code"),
    [
        (401, 502, "provider_error"),
        (404, 502, "provider_error"),
        (500, 503, "provider_unavailable"),
    ],
)
def test_hypetech_errors_are_reported_and_nothing_recorded(
    hypetech_api, api_key, make_wallet, answer_status, status, code
):
    make_wallet(user_id="26", balance="1")
    hypetech_api.expect_request("/games/request-access").respond_with_json(
        {"title": "No", "statusCode": answer_status}, status=answer_status
    )

    response = _post(api_key, {"game": "aviador"})

    assert (response.status_code, response.json()["code"]) == (status, code)
    assert not HypetechSession.objects.exists()


def test_unknown_player_blocked_player_and_bad_input(api_key, make_wallet):
    make_wallet(user_id="26", balance="1", status=Player.Status.BLOCKED)

    blocked = _post(api_key, {"game": "aviador"})
    missing_game = _post(api_key, {"lang": "pt"})
    unknown = Client().post(
        "/api/players/nobody/hypetech/sessions",
        {"game": "a"},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Api-Key {api_key}",
    )

    assert (blocked.status_code, blocked.json()["code"]) == (403, "player_blocked")
    assert missing_game.status_code == 400
    assert (unknown.status_code, unknown.json()["code"]) == (404, "player_not_found")


def test_openapi_schema_and_docs_page(api_key):
    schema = Client().get("/api/schema/", HTTP_AUTHORIZATION=f"Api-Key {api_key}")
    docs = Client().get("/api/docs/", HTTP_AUTHORIZATION=f"Api-Key {api_key}")

    text = schema.content.decode()
    assert schema.status_code == 200
    assert "/api/players/{user_id}/hypetech/sessions" in text
    assert "ApiKey" in text
    assert docs.status_code == 200
    assert "drf_spectacular_sidecar" in docs.content.decode()
