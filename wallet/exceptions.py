"""Refusals raised by wallet services; each code is mapped at the edge."""

from operator_site.exceptions import ApplicationError


class UnknownCurrencyError(ApplicationError):
    code = "unknown_currency"
    default_message = "Unknown currency."


class InvalidAmountError(ApplicationError):
    code = "invalid_amount"
    default_message = "Invalid amount."


class PlayerNotFoundError(ApplicationError):
    code = "player_not_found"
    default_message = "Player not found."


class CurrencyMismatchError(ApplicationError):
    code = "currency_mismatch"
    default_message = "The player has no wallet in this currency."


class PlayerBlockedError(ApplicationError):
    code = "player_blocked"
    default_message = "The player may not bet."


class InsufficientFundsError(ApplicationError):
    code = "insufficient_funds"
    default_message = "Insufficient funds."


class BetNotFoundError(ApplicationError):
    code = "bet_not_found"
    default_message = "Bet not found."
    definitive = False


class BetAlreadyResolvedError(ApplicationError):
    code = "bet_already_resolved"
    default_message = "The bet is already resolved."


class DuplicateReferenceError(ApplicationError):
    code = "duplicate_reference"
    default_message = "This reference was already used."


class AmountMismatchError(ApplicationError):
    code = "amount_mismatch"
    default_message = "The amount does not match the bet."


class TicketNotFoundError(ApplicationError):
    code = "ticket_not_found"
    default_message = "Ticket not found."
    definitive = False


class TicketConflictError(ApplicationError):
    code = "ticket_conflict"
    default_message = "The ticket exists with another payload."


class TicketDiscardedError(ApplicationError):
    code = "ticket_discarded"
    default_message = "The ticket was discarded."


class TicketAlreadySettledError(ApplicationError):
    code = "ticket_already_settled"
    default_message = "The ticket is already settled differently."


class TicketStateError(ApplicationError):
    code = "ticket_state"
    default_message = "The action is not allowed in the ticket's state."


class TokenInvalidError(ApplicationError):
    code = "token_invalid"
    default_message = "Unknown or expired token."


class AlreadyReversedError(ApplicationError):
    code = "already_reversed"
    default_message = "This transaction was already reversed."


class ReversalNotAllowedError(ApplicationError):
    code = "reversal_not_allowed"
    default_message = "This transaction cannot be reversed."


class RequestDecisionError(ApplicationError):
    code = "request_decision"
    default_message = "This request cannot be decided by you now."


class ReasonRequiredError(ApplicationError):
    code = "reason_required"
    default_message = "A reason is required."
