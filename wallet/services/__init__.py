"""The only code that moves money; one module per sub-domain."""

from wallet.services.bets import bet_place, bet_rollback, bet_tombstone, bet_win
from wallet.services.ledger import (
    Movement,
    ledger_append,
    wallet_adjust,
    wallet_credit,
    wallet_debit,
    wallet_lock,
)
from wallet.services.players import player_create

__all__ = [
    "Movement",
    "bet_place",
    "bet_rollback",
    "bet_tombstone",
    "bet_win",
    "ledger_append",
    "player_create",
    "wallet_adjust",
    "wallet_credit",
    "wallet_debit",
    "wallet_lock",
]
