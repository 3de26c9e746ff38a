"""Launching a Hypetech game for a player: ask Hypetech, record the session."""

from datetime import timedelta
from urllib.parse import urlsplit

from django.db import transaction as db_transaction
from django.utils import timezone

from wallet import selectors as wallet_selectors
from wallet.exceptions import CurrencyMismatchError, PlayerNotFoundError
from wallet.services.ledger import player_may_bet_check
from webhooks.hypetech.client import HypetechClient
from webhooks.models import HypetechSession

SESSION_MINUTES = 60


def session_launch(
    *,
    user_id: str,
    game: str,
    lang: str = "",
    currency: str = "",
    requested_by: str = "",
    client: HypetechClient | None = None,
) -> str:
    """A fresh single-use game URL; the launch is recorded as a session.

    The Hypetech call happens outside any transaction; its session token (the
    URL's last path segment) is bound to the player for the webhooks
    (docs/providers/hypetech.md#d17-session-tokens).
    """
    player = wallet_selectors.player_get(user_id=user_id)
    if player is None:
        raise PlayerNotFoundError(f"player {user_id} not found")
    player_may_bet_check(player)
    wallets = player.wallets.order_by("currency")
    wallet = wallets.filter(currency=currency).first() if currency else wallets.first()
    if wallet is None:
        raise CurrencyMismatchError(f"player {user_id} has no {currency} wallet")
    game_url = (client or HypetechClient()).session_create(
        game=game,
        user_id=user_id,
        username=player.display_name or user_id,
        lang=lang or player.lang,
        currency=wallet.currency,
        balance=wallet.balance,
        expires_in_minutes=SESSION_MINUTES,
    )
    token = urlsplit(game_url).path.rstrip("/").rsplit("/", 1)[-1] or game_url
    with db_transaction.atomic():
        HypetechSession.objects.update_or_create(
            token=token[:128],
            player=player,
            defaults={
                "currency": wallet.currency,
                "game": game,
                "game_url": game_url,
                "source": HypetechSession.Source.LAUNCH,
                "launched_by": requested_by,
                "expires_at": timezone.now() + timedelta(minutes=SESSION_MINUTES),
            },
        )
    return game_url
