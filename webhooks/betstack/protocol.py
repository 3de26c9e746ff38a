"""The one place where domain outcomes become Betstack PAM answers
(docs/providers/betstack.md#6-error-table).

Errors are ``{"code": <int>, "message": <str>}``; each refusal has its own code
so that Betstack (which discards on any non-200) and staff can tell them apart.
"""

import json

from operator_site.exceptions import ApplicationError
from wallet.services.calls import Reply

# domain code -> (HTTP status, Betstack error code)
ERRORS = {
    "token_invalid": (403, 101),
    "player_not_found": (403, 101),
    "invalid_signature": (403, 110),
    "operator_mismatch": (403, 111),
    "expired_request": (403, 112),
    "ip_not_allowed": (403, 113),
    "bad_request": (400, 120),
    "invalid_amount": (400, 120),
    "unknown_currency": (400, 120),
    "unknown_action": (400, 121),
    "payload_too_large": (413, 122),
    "method_not_allowed": (405, 123),
    "length_required": (411, 124),
    "insufficient_funds": (402, 130),
    "player_blocked": (403, 131),
    "currency_mismatch": (400, 132),
    "ticket_not_found": (404, 140),
    "ticket_conflict": (409, 141),
    "ticket_discarded": (409, 142),
    "ticket_already_settled": (409, 143),
    "ticket_state": (409, 144),
    "internal_error": (500, 150),
}


def _encode(payload: dict) -> bytes:
    return json.dumps(payload, separators=(",", ":")).encode()


def error_reply(error: ApplicationError) -> Reply:
    status, code = ERRORS.get(error.code, ERRORS["bad_request"])
    message = "User not found" if code == 101 else error.message
    return Reply(status, _encode({"code": code, "message": message}), str(code))


def internal_error_reply() -> Reply:
    status, code = ERRORS["internal_error"]
    message = "Internal error; nothing was applied, please retry."
    return Reply(status, _encode({"code": code, "message": message}), str(code))


def notification_reply() -> Reply:
    return Reply(200, _encode({"message": "Notification received"}))


def ok_reply() -> Reply:
    return Reply(200, b"{}")


def identify_reply(wallet, feature_flags: dict) -> Reply:
    """Identify's player object; the balance in integer cents, never negative."""
    cents = int((max(wallet.balance, 0) * 100).to_integral_value())
    return Reply(
        200,
        _encode(
            {
                "player_id": wallet.player.user_id,
                "lang": wallet.player.lang,
                "balance": cents,
                "currency": wallet.currency,
                "feature_flags": feature_flags,
            }
        ),
    )
