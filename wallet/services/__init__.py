"""The only code that moves money; one module per sub-domain."""

from wallet.services.bets import (
    bet_cancel,
    bet_place,
    bet_rollback,
    bet_tombstone,
    bet_win,
)
from wallet.services.calls import InboundCall, Reply, provider_call_handle
from wallet.services.ledger import (
    player_may_bet_check,
    wallet_adjust,
    wallet_lock,
    wallet_missing_error,
)
from wallet.services.plan import Plan, decide_only, plan_write
from wallet.services.players import player_create, player_token_issue
from wallet.services.tickets import (
    TicketFigures,
    TicketOpening,
    ticket_cancel,
    ticket_claw_back,
    ticket_close,
    ticket_create,
    ticket_discard,
    ticket_note,
    ticket_reserve,
    ticket_rollback,
    ticket_settle,
    ticket_update,
)

__all__ = [
    "InboundCall",
    "Plan",
    "Reply",
    "TicketFigures",
    "TicketOpening",
    "bet_cancel",
    "bet_place",
    "bet_rollback",
    "bet_tombstone",
    "bet_win",
    "decide_only",
    "plan_write",
    "player_create",
    "player_may_bet_check",
    "player_token_issue",
    "provider_call_handle",
    "ticket_cancel",
    "ticket_claw_back",
    "ticket_close",
    "ticket_create",
    "ticket_discard",
    "ticket_note",
    "ticket_reserve",
    "ticket_rollback",
    "ticket_settle",
    "ticket_update",
    "wallet_adjust",
    "wallet_lock",
    "wallet_missing_error",
]
