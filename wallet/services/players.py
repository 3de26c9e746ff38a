"""Players: creation with an opening balance."""

from decimal import Decimal

from django.db import transaction as db_transaction

from wallet.models import Player, Wallet
from wallet.services.ledger import amount_check, wallet_adjust


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
