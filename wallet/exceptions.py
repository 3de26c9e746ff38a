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


class BetAlreadyResolvedError(ApplicationError):
    code = "bet_already_resolved"
    default_message = "The bet is already resolved."


class DuplicateReferenceError(ApplicationError):
    code = "duplicate_reference"
    default_message = "This reference was already used."


class AmountMismatchError(ApplicationError):
    code = "amount_mismatch"
    default_message = "The amount does not match the bet."
