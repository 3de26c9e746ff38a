"""The back office: one module per area, each registering its admins."""

from wallet.admin import backoffice, bets, players, transactions, wallets

__all__ = ["backoffice", "bets", "players", "transactions", "wallets"]
