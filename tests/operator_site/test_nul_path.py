"""A NUL in a URL path (``%00``) is a clean 400, never a database error."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client

from tests.webhooks.state import state_of
from webhooks.models import HypetechSession

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("user_id", ["%00", "2%006", "26%00"])
def test_nul_in_the_player_of_the_operator_api_is_400(make_wallet, user_id):
    wallet = make_wallet(user_id="26", balance="10.00")
    out = StringIO()
    call_command("issue_api_key", "--name", "frontend", stdout=out)
    before = state_of(wallet)

    response = Client().post(
        f"/api/players/{user_id}/hypetech/sessions",
        {"game": "aviador"},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Api-Key {out.getvalue().strip()}",
    )

    assert response.status_code == 400
    assert response.json() == {
        "message": "The path contains a NUL.",
        "code": "bad_request",
        "extra": {},
    }
    assert state_of(wallet) == before
    assert not HypetechSession.objects.exists()
