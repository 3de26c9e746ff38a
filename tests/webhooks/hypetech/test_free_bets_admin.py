"""Finance grants Hypetech free bets from the admin; it is recorded and audited."""

import pytest
from django.urls import reverse

from wallet.models import AuditRecord
from wallet.roles import FINANCE, SUPPORT
from webhooks.models import FreeBetGrant

pytestmark = pytest.mark.django_db
FORM = {
    "player": "26",
    "game_slug": "aviator",
    "quantity": "5",
    "value": "10.00",
    "currency": "USD",
    "expires_at_0": "2026-12-31",
    "expires_at_1": "23:59:59",
    "bonus_code": "FREEBET2024",
    "max_multiplier": "5.00",
}


@pytest.fixture
def hypetech_api(httpserver, settings, make_wallet):
    make_wallet(user_id="26", balance="1")
    settings.HYPETECH_BASE_URL = httpserver.url_for("")
    settings.HYPETECH_TIMEOUT = 0.5
    settings.HYPETECH_API_TOKEN = "bearer-1"
    return httpserver


def test_finance_grants_free_bets(client, staff_member, hypetech_api):
    hypetech_api.expect_request(
        "/games/free-bets",
        method="POST",
        json={
            "game_slug": "aviator",
            "user_id": "26",
            "quantity": "5",
            "value": 10.0,
            "currency": "USD",
            "expires_at": "2026-12-31T23:59:59Z",
            "bonus_code": "FREEBET2024",
            "max_multiplier": 5.0,
        },
    ).respond_with_json({"free_bet": "New free bet created successfully."}, status=201)
    client.force_login(staff_member(FINANCE))

    response = client.post(
        reverse("admin:webhooks_freebetgrant_add"), FORM, follow=True
    )

    grant = FreeBetGrant.objects.get()
    assert (grant.status, grant.quantity, grant.provider_message) == (
        "granted",
        5,
        "New free bet created successfully.",
    )
    assert "Granted" in response.content.decode()
    assert (
        AuditRecord.objects.get(action="free_bets_grant").after["status"] == "granted"
    )


def test_a_refused_grant_is_recorded_as_failed(client, staff_member, hypetech_api):
    hypetech_api.expect_request("/games/free-bets").respond_with_json(
        {"title": "Internal Server Error", "statusCode": 500}, status=500
    )
    client.force_login(staff_member(FINANCE))

    response = client.post(
        reverse("admin:webhooks_freebetgrant_add"), FORM, follow=True
    )

    grant = FreeBetGrant.objects.get()
    assert grant.status == "failed"
    assert "500" in grant.provider_message
    assert "Hypetech refused" in response.content.decode()


def test_support_cannot_grant(client, staff_member, hypetech_api):
    client.force_login(staff_member(SUPPORT))

    page = client.get(reverse("admin:webhooks_freebetgrant_add"))
    post = client.post(reverse("admin:webhooks_freebetgrant_add"), FORM)

    assert (page.status_code, post.status_code) == (403, 403)
    assert not FreeBetGrant.objects.exists()
    assert len(hypetech_api.log) == 0
