"""Refusals raised at the webhook edge, before any money service runs."""

from operator_site.exceptions import ApplicationError


class InvalidSignatureError(ApplicationError):
    code = "invalid_signature"
    default_message = "Missing or invalid signature."


class ExpiredRequestError(ApplicationError):
    code = "expired_request"
    default_message = "The request timestamp is outside the accepted window."


class MalformedRequestError(ApplicationError):
    code = "bad_request"
    default_message = "Malformed request."


class PayloadTooLargeError(ApplicationError):
    code = "payload_too_large"
    default_message = "The request body is too large."


class MethodNotAllowedError(ApplicationError):
    code = "method_not_allowed"
    default_message = "Method not allowed."


class InvalidSessionError(ApplicationError):
    code = "invalid_session"
    default_message = "Unknown, expired or foreign session token."


class IdempotencyConflictError(ApplicationError):
    code = "idempotency_conflict"
    default_message = "This transaction id was already used with another payload."


class UnknownActionError(ApplicationError):
    code = "unknown_action"
    default_message = "Unknown action."


class OperatorMismatchError(ApplicationError):
    code = "operator_mismatch"
    default_message = "Unknown operator."


class IpNotAllowedError(ApplicationError):
    code = "ip_not_allowed"
    default_message = "This address may not call this endpoint."


class LengthRequiredError(ApplicationError):
    code = "length_required"
    default_message = "The body length is unknown: send a Content-Length."
