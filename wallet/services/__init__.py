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
from wallet.services.players import player_create, player_token_issue
from wallet.services.tickets import (
    TicketFigures,
    TicketOpening,
    ticket_close,
    ticket_create,
    ticket_discard,
    ticket_lock,
    ticket_note,
    ticket_reserve,
    ticket_rollback,
    ticket_settle,
    ticket_update,
)

__all__ = [
    "Movement",
    "TicketFigures",
    "TicketOpening",
    "bet_place",
    "bet_rollback",
    "bet_tombstone",
    "bet_win",
    "ledger_append",
    "player_create",
    "player_token_issue",
    "ticket_close",
    "ticket_create",
    "ticket_discard",
    "ticket_lock",
    "ticket_note",
    "ticket_reserve",
    "ticket_rollback",
    "ticket_settle",
    "ticket_update",
    "wallet_adjust",
    "wallet_credit",
    "wallet_debit",
    "wallet_lock",
]
