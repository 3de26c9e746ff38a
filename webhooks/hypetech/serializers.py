"""Hypetech webhook payloads, validated into typed calls
(docs/providers/hypetech.md#3-request-fields)."""

import hashlib
import re
from dataclasses import dataclass
from decimal import Decimal

from wallet.currencies import EXPONENTS, amount_fits_currency, amount_format
from webhooks.body import ExponentDecimal, json_object_parse, text_verify
from webhooks.exceptions import MalformedRequestError

MAX_AMOUNT = Decimal(10) ** 12
MAX_ID_LENGTH = 64
# ASCII digits only: \d and Decimal() also read Arabic-Indic or fullwidth
# digits.
_PLAIN_DECIMAL = re.compile(r"-?[0-9]+(\.[0-9]+)?", re.ASCII)
_BLANKS = " \t\r\n"
_ABSENT_LINK = ("", "0")

MONEY_OPERATIONS = ("bet", "win", "loss", "rollback")


@dataclass(frozen=True)
class HypetechCall:
    operation: str
    user_id: str
    currency: str
    session_token: str
    amount: Decimal = Decimal(0)
    provider_tx_id: str = ""
    linked_tx_id: str = ""
    round_id: str = ""
    game: str = ""
    provider: str = ""
    is_free: bool = False
    bonus_code: str = ""

    @property
    def fingerprint(self) -> str:
        """What must be equal for a resend to count as the same operation."""
        parts = (
            self.operation,
            self.user_id,
            self.currency,
            amount_format(self.amount, self.currency),
            self.linked_tx_id,
            self.round_id,
            str(self.is_free),
        )
        return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def _text(data: dict, name: str, *, required: bool, max_length: int = MAX_ID_LENGTH):
    """A string field; ids may arrive as JSON integers
    (docs/providers/hypetech.md#10-decisions-where-hypetech-is-silent)."""
    value = data.get(name)
    if value is None or value == "":
        if required:
            raise MalformedRequestError(f"missing field {name!r}")
        return ""
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        raise MalformedRequestError(f"{name!r} must be a string or an integer")
    if len(value) > max_length:
        raise MalformedRequestError(f"{name!r} is longer than {max_length} characters")
    return value


def _currency(data: dict) -> str:
    currency = _text(data, "currency", required=True, max_length=3)
    if currency not in EXPONENTS:
        raise MalformedRequestError(f"unknown currency {currency!r}")
    return currency


def _amount(data: dict, currency: str, *, positive: bool) -> Decimal:
    """A decimal amount from a JSON number or string: never a float, never rounded."""
    value = data.get("amount")
    if value is None or value == "":
        raise MalformedRequestError("missing field 'amount'")
    if isinstance(value, (bool, ExponentDecimal)):
        raise MalformedRequestError("'amount' must be a plain decimal number")
    if isinstance(value, str):
        value = value.strip(_BLANKS)
        if not _PLAIN_DECIMAL.fullmatch(value):
            raise MalformedRequestError("'amount' must be a plain decimal number")
        value = Decimal(value)
    if isinstance(value, int):
        value = Decimal(value)
    if not isinstance(value, Decimal):
        raise MalformedRequestError("'amount' must be a number or a numeric string")
    if value < 0:
        raise MalformedRequestError("'amount' must not be negative")
    if positive and value == 0:
        raise MalformedRequestError("'amount' must be greater than zero")
    if value >= MAX_AMOUNT:
        raise MalformedRequestError("'amount' is too large")
    if not amount_fits_currency(value, currency):
        raise MalformedRequestError(
            f"'amount' has more than {EXPONENTS[currency]} decimals for {currency}"
        )
    return value


def _mode(data: dict) -> bool:
    mode = _text(data, "mode", required=False) or "default"
    if mode not in ("default", "free"):
        raise MalformedRequestError(f"unknown mode {mode!r}")
    return mode == "free"


def _payload(body: bytes, query) -> dict:
    """JSON body first; fields it lacks fall back to the query string
    (docs/providers/hypetech.md#d1-paths-methods-and-the-query-string)."""
    data = json_object_parse(body) if body.strip() else {}
    for name, value in query.items():
        data.setdefault(text_verify(name), text_verify(value))
    return data


def call_parse(operation: str, body: bytes, query) -> HypetechCall:
    data = _payload(body, query)
    currency = _currency(data)
    common = {
        "operation": operation,
        "user_id": _text(data, "user_id", required=True),
        "currency": currency,
        "session_token": _text(data, "session_token", required=True, max_length=128),
    }
    if operation == "balance":
        return HypetechCall(**common)
    linked = _text(data, "linked_tx_id", required=False)
    return HypetechCall(
        **common,
        amount=_amount(data, currency, positive=operation == "bet"),
        provider_tx_id=_text(data, "provider_tx_id", required=True),
        linked_tx_id="" if linked in _ABSENT_LINK else linked,
        round_id=_text(data, "round_id", required=operation == "bet"),
        game=_text(data, "game", required=operation == "bet"),
        provider=_text(data, "provider", required=False),
        is_free=_mode(data),
        bonus_code=_text(data, "bonus_code", required=False),
    )
