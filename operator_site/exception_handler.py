"""The one DRF exception handler for the staff API."""

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.serializers import as_serializer_error
from rest_framework.views import exception_handler

from operator_site.exceptions import ApplicationError
from webhooks.http_client import ProviderApiError, ProviderUnavailableError

APPLICATION_ERROR_STATUS = {
    "player_not_found": 404,
    "player_blocked": 403,
    "insufficient_funds": 409,
}


def api_exception_handler(exc, context):
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(as_serializer_error(exc))
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    if isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    if isinstance(exc, ProviderApiError):
        unavailable = isinstance(exc, ProviderUnavailableError)
        return Response(
            {
                "message": str(exc),
                "code": "provider_unavailable" if unavailable else "provider_error",
                "extra": {"provider_status": exc.status},
            },
            status=503 if unavailable else 502,
        )
    if isinstance(exc, ApplicationError):
        response = exception_handler(exceptions.APIException(exc.message), context)
        response.status_code = APPLICATION_ERROR_STATUS.get(exc.code, 400)
        response.data = {"message": exc.message, "code": exc.code, "extra": exc.extra}
        return response
    response = exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        response.data = {
            "message": "Validation error",
            "code": "invalid",
            "extra": {"fields": response.data},
        }
    else:
        response.data = {
            "message": response.data.get("detail", str(exc)),
            "code": getattr(exc, "default_code", "error"),
            "extra": {},
        }
    return response
