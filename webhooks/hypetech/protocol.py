"""The one place where domain outcomes become Hypetech responses
(docs/providers/hypetech.md#6-error-table)."""

import json

from django.conf import settings

from operator_site.exceptions import ApplicationError
from wallet.currencies import amount_format
from wallet.services.calls import Reply

# domain code -> (HTTP status, Hypetech code, title)
ERRORS = {
    "invalid_signature": (401, "INVALID_SIGNATURE", "Unauthorized"),
    "expired_request": (401, "EXPIRED_REQUEST", "Unauthorized"),
    "invalid_session": (401, "INVALID_SESSION", "Unauthorized"),
    "player_not_found": (404, "USER_NOT_FOUND", "Not found"),
    "bad_request": (400, "BAD_REQUEST", "Bad request"),
    "invalid_amount": (400, "BAD_REQUEST", "Bad request"),
    "unknown_currency": (400, "BAD_REQUEST", "Bad request"),
    "currency_mismatch": (400, "CURRENCY_MISMATCH", "Bad request"),
    "insufficient_funds": (403, "INSUFFICIENT_FUNDS", "Insufficient funds"),
    "player_blocked": (403, "FORBIDDEN", "Forbidden"),
    "ip_not_allowed": (403, "IP_NOT_ALLOWED", "Forbidden"),
    "bet_not_found": (404, "BET_NOT_FOUND", "Not found"),
    "bet_already_resolved": (409, "BET_ALREADY_RESOLVED", "Conflict"),
    "duplicate_reference": (409, "IDEMPOTENCY_CONFLICT", "Conflict"),
    "idempotency_conflict": (409, "IDEMPOTENCY_CONFLICT", "Conflict"),
    "amount_mismatch": (400, "AMOUNT_MISMATCH", "Bad request"),
    "payload_too_large": (413, "PAYLOAD_TOO_LARGE", "Payload too large"),
    "length_required": (411, "LENGTH_REQUIRED", "Length required"),
    "method_not_allowed": (405, "METHOD_NOT_ALLOWED", "Method not allowed"),
    "internal_error": (500, "INTERNAL_ERROR", "Internal server error"),
}


def _encode(payload: dict) -> bytes:
    return json.dumps(payload, separators=(",", ":")).encode()


def error_reply(error: ApplicationError) -> Reply:
    status, code, title = ERRORS.get(error.code, ERRORS["bad_request"])
    status = settings.HYPETECH_STATUS_OVERRIDES.get(code, status)
    body = {"title": title, "statusCode": status, "detail": error.message, "code": code}
    return Reply(status, _encode(body), code)


def internal_error_reply() -> Reply:
    status, code, title = ERRORS["internal_error"]
    detail = "The operation was not applied; please retry."
    return Reply(
        status,
        _encode({"title": title, "statusCode": status, "detail": detail, "code": code}),
        code,
    )


def success_reply(call, plan, operator_tx_id: str) -> Reply:
    """All seven fields of [A]/[B], balances as strings with the currency's decimals."""
    return Reply(
        200,
        _encode(
            {
                "operator_tx_id": operator_tx_id,
                "new_balance": amount_format(plan.balance, call.currency),
                "old_balance": amount_format(plan.old_balance, call.currency),
                "user_id": call.user_id,
                "currency": call.currency,
                "provider": call.provider or "hypetech",
                "provider_tx_id": call.provider_tx_id,
            }
        ),
    )


def balance_reply(call, wallet) -> Reply:
    return Reply(
        200,
        _encode(
            {
                "user_id": call.user_id,
                "currency": call.currency,
                "balance": amount_format(wallet.balance, call.currency),
                "hypetech_session_token": call.session_token,
            }
        ),
    )
