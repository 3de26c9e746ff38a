"""Players: creation with an opening balance, identification tokens."""

import secrets
from datetime import timedelta
from decimal import Decimal

from django.db import transaction as db_transaction
from django.utils import timezone

from wallet.exceptions import CurrencyMismatchError, PlayerNotFoundError
from wallet.models import Player, PlayerToken, Wallet
from wallet.services.ledger import wallet_adjust
from wallet.services.plan import amount_check


def player_create(
    *, user_id: str, currency: str, balance: Decimal, display_name: str = ""
) -> Player:
    """Create the player and its wallet, opening it with ``balance``.

    Idempotent: an existing player or wallet is left as it is.
    """
    amount_check(balance, currency)
    with db_transaction.atomic():
        player, _ = Player.objects.get_or_create(
            user_id=user_id, defaults={"display_name": display_name}
        )
        wallet, created = Wallet.objects.get_or_create(player=player, currency=currency)
    if created and balance > 0:
        wallet_adjust(wallet=wallet, amount=balance, reason="Opening balance")
    return player


def player_token_issue(*, user_id: str, currency: str = "", ttl_seconds: int) -> str:
    """A fresh opaque token for Betstack ``identify``; only its hash is stored.

    ``currency`` picks the wallet identify reports; by default the player's
    only (or first) wallet.
    """
    player = Player.objects.filter(user_id=user_id).first()
    if player is None:
        raise PlayerNotFoundError(f"player {user_id} not found")
    wallets = player.wallets.order_by("currency")
    wallet = wallets.filter(currency=currency).first() if currency else wallets.first()
    if wallet is None:
        raise CurrencyMismatchError(f"player {user_id} has no {currency or ''} wallet")
    token = secrets.token_urlsafe(32)
    PlayerToken.objects.create(
        token_hash=PlayerToken.digest(token),
        player=player,
        currency=wallet.currency,
        expires_at=timezone.now() + timedelta(seconds=ttl_seconds),
    )
    return token
