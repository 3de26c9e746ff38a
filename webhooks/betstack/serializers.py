"""Betstack PAM envelopes and their ``data``, validated into typed calls
(docs/providers/betstack.md#4-envelope-and-fields)."""

import hashlib
import json
from dataclasses import dataclass, field
from decimal import Decimal

from wallet.currencies import EXPONENTS
from wallet.services import TicketFigures, TicketOpening
from webhooks.body import ExponentDecimal, json_object_parse
from webhooks.exceptions import MalformedRequestError, UnknownActionError

ALIASES = {"ticket_close": "ticket_closed", "ticket_lose": "ticket_lost"}
TICKET_ACTIONS = (
    "ticket_create",
    "ticket_reserve",
    "ticket_update",
    "ticket_win",
    "ticket_lost",
    "ticket_void",
    "ticket_refund",
    "ticket_rollback",
    "ticket_discard",
    "ticket_closed",
)
ACTIONS = ("ping", "identify", *TICKET_ACTIONS)
MAX_CENTS = 10**14
CENT_FIELDS = (
    "price",
    "stake",
    "wht_amount",
    "ext_amount",
    "gross_payout",
    "net_payout",
    "tax",
    "payout",
)
PERCENT_FIELDS = ("wht", "ext")


@dataclass(frozen=True)
class PamCall:
    action: str
    operator: str
    ticket_id: str = ""
    token: str = ""
    player_id: str = ""
    currency: str = ""
    reason: str = ""
    psp: str = ""
    figures: TicketFigures = field(default_factory=TicketFigures)
    opening: TicketOpening | None = None


def envelope_parse(body: bytes) -> tuple[str, dict]:
    """The action (aliases resolved) and its data; ``ping`` may come without data."""
    envelope = json_object_parse(body)
    action = envelope.get("action")
    if not isinstance(action, str) or not action:
        raise MalformedRequestError("missing field 'action'")
    action = ALIASES.get(action, action)
    data = envelope.get("data", {} if action == "ping" else None)
    if not isinstance(data, dict):
        raise MalformedRequestError("'data' must be a JSON object")
    return action, data


def _text(data: dict, name: str, *, required: bool, max_length: int = 64) -> str:
    value = data.get(name)
    if value is None or value == "":
        if required:
            raise MalformedRequestError(f"missing field {name!r}")
        return ""
    if not isinstance(value, str):
        raise MalformedRequestError(f"{name!r} must be a string")
    if len(value) > max_length:
        raise MalformedRequestError(f"{name!r} is longer than {max_length} characters")
    return value


def _cents(data: dict, name: str) -> Decimal | None:
    """An amount in integer cents, as currency units; None when absent or null."""
    value = data.get(name)
    if value is None:
        return None
    integral = isinstance(value, int) or (
        isinstance(value, Decimal)
        and not isinstance(value, ExponentDecimal)
        and value == value.to_integral_value()
    )
    if isinstance(value, bool) or not integral:
        raise MalformedRequestError(f"{name!r} must be an integer number of cents")
    if not 0 <= value < MAX_CENTS:
        raise MalformedRequestError(f"{name!r} must be between 0 and {MAX_CENTS}")
    return Decimal(int(value)).scaleb(-2)


def _percent(data: dict, name: str) -> Decimal | None:
    value = data.get(name)
    if value is None:
        return None
    if isinstance(value, (bool, ExponentDecimal)) or not isinstance(
        value, (int, Decimal)
    ):
        raise MalformedRequestError(f"{name!r} must be a percentage number")
    if not 0 <= value <= 100:
        raise MalformedRequestError(f"{name!r} must be between 0 and 100")
    return Decimal(value)


def figures_parse(data: dict) -> TicketFigures:
    amounts = {name: _cents(data, name) for name in CENT_FIELDS}
    percents = {name: _percent(data, name) for name in PERCENT_FIELDS}
    ext_type = _text(data, "ext_type", required=False, max_length=16) or None
    return TicketFigures(**amounts, **percents, ext_type=ext_type)


def _fingerprint(action: str, player_id: str, currency: str, opening: dict) -> str:
    """Identity of an opening payload, numbers normalised (10 and 10.0 agree)."""
    canonical = {
        name: str(value.normalize()) if isinstance(value, Decimal) else value
        for name, value in opening.items()
    }
    text = json.dumps([action, player_id, currency, canonical], sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()


def _opening_parse(action: str, data: dict, call: dict) -> None:
    figures = figures_parse(data)
    charged = figures.price if figures.price is not None else figures.stake
    if charged is None:
        raise MalformedRequestError("missing field 'price' (legacy: 'stake')")
    if charged == 0:
        raise MalformedRequestError("a ticket's price must be greater than zero")
    currency = _text(data, "currency", required=True, max_length=3)
    if currency not in EXPONENTS:
        raise MalformedRequestError(f"unknown currency {currency!r}")
    player_id = _text(data, "player_id", required=True)
    fields_ = {
        "code": _text(data, "ticket_code", required=False, max_length=32),
        "ticket_type": _text(data, "ticket_type", required=False, max_length=16),
        "atag": _text(data, "atag", required=False, max_length=128),
        "rtag": _text(data, "rtag", required=False, max_length=128),
        "psp": _text(data, "psp", required=False),
    }
    fingerprint = _fingerprint(action, player_id, currency, fields_ | figures.present())
    call.update(
        player_id=player_id,
        currency=currency,
        figures=figures,
        opening=TicketOpening(
            ticket_id=call["ticket_id"],
            figures=figures,
            fingerprint=fingerprint,
            **fields_,
        ),
    )


def call_parse(action: str, data: dict) -> PamCall:
    if action not in ACTIONS:
        raise UnknownActionError(f"unknown action {action!r}")
    call = {"action": action, "operator": _text(data, "operator", required=False)}
    if action == "identify":
        return PamCall(
            **call, token=_text(data, "token", required=True, max_length=256)
        )
    if action == "ping":
        return PamCall(**call)
    call["ticket_id"] = _text(data, "ticket_id", required=True)
    call["reason"] = _text(data, "reason", required=False, max_length=500)
    if action in ("ticket_create", "ticket_reserve"):
        _opening_parse(action, data, call)
    elif action in ("ticket_update", "ticket_win", "ticket_void"):
        call["figures"] = figures_parse(data)
        call["psp"] = _text(data, "psp", required=False)
    return PamCall(**call)


NOTIFICATION_TYPES = ("otp", "ticket_status", "bet_result")


def _integer(data: dict, name: str) -> None:
    value = data.get(name)
    if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
        raise MalformedRequestError(f"{name!r} must be an integer")


def notification_parse(body: bytes) -> tuple[str, dict]:
    """The notification type and its checked data
    (docs/providers/betstack.md#8-sms-notifications)."""
    envelope = json_object_parse(body)
    kind = envelope.get("type")
    if not isinstance(kind, str) or not kind:
        raise MalformedRequestError("missing field 'type'")
    if kind not in NOTIFICATION_TYPES:
        raise UnknownActionError(f"unknown notification type {kind!r}")
    data = envelope.get("data")
    if not isinstance(data, dict):
        raise MalformedRequestError("'data' must be a JSON object")
    if kind == "otp":
        _text(data, "code", required=True, max_length=32)
        _text(data, "msisdn", required=True, max_length=32)
    else:
        _text(data, "ticket_id", required=True)
        _text(data, "msisdn", required=False, max_length=32)
        for name in ("ticket_code", "status", "result"):
            _text(data, name, required=False, max_length=32)
        for name in ("event_id", "bet_id"):
            _integer(data, name)
    return kind, data
