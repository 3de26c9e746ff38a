"""identify (docs/providers/betstack.md#d17-identify) and the issue_token command."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from wallet.models import PlayerToken

pytestmark = pytest.mark.django_db


def _issue(*args) -> str:
    out = StringIO()
    call_command("issue_token", *args, stdout=out)
    return out.getvalue().strip()


def _identify(betstack, token):
    return betstack.send(
        {"action": "identify", "data": {"operator": "acme", "token": token}}
    )


def test_identify_resolves_an_issued_token(betstack, wallet, settings):
    settings.BETSTACK_FEATURE_FLAGS = {"cashout": True}
    token = _issue("--user-id", "p1")

    response = _identify(betstack, token)

    assert response.status_code == 200
    assert response.json() == {
        "player_id": "p1",
        "lang": "en",
        "balance": 10000,
        "currency": "USD",
        "feature_flags": {"cashout": True},
    }


def test_token_is_stored_hashed_with_an_expiry(wallet):
    token = _issue("--user-id", "p1", "--ttl", "60")

    stored = PlayerToken.objects.get()
    assert stored.token_hash == PlayerToken.digest(token)
    assert token not in stored.token_hash
    assert timezone.now() < stored.expires_at <= timezone.now() + timedelta(seconds=60)


def test_each_token_is_fresh(wallet):
    assert _issue("--user-id", "p1") != _issue("--user-id", "p1")


def test_token_picks_the_wallet_of_the_currency(betstack, wallet, make_wallet):
    from wallet.models import Wallet

    Wallet.objects.create(player=wallet.player, currency="BRL")
    token = _issue("--user-id", "p1", "--currency", "brl")

    response = _identify(betstack, token)

    assert (response.json()["currency"], response.json()["balance"]) == ("BRL", 0)


@pytest.mark.parametrize("token", ["unknown-token", "x" * 200])
def test_unknown_token_is_403_user_not_found(betstack, wallet, token):
    response = _identify(betstack, token)

    assert response.status_code == 403
    assert response.json() == {"code": 101, "message": "User not found"}


def test_expired_token_is_403_user_not_found(betstack, wallet):
    token = _issue("--user-id", "p1")
    PlayerToken.objects.update(expires_at=timezone.now() - timedelta(seconds=1))

    response = _identify(betstack, token)

    assert response.status_code == 403
    assert response.json() == {"code": 101, "message": "User not found"}


def test_identify_without_token_is_400(betstack, wallet):
    response = betstack.send({"action": "identify", "data": {"operator": "acme"}})

    assert response.status_code == 400
    assert response.json()["code"] == 120


def test_issue_token_for_unknown_player_fails(db):
    with pytest.raises(CommandError, match="player nobody not found"):
        _issue("--user-id", "nobody")
