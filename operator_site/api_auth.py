"""Operator API authentication: staff sessions, or an API key header."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions, permissions

from wallet.models import ApiKey, PlayerToken

KEYWORD = "Api-Key"


class ApiKeyUser:
    """The caller behind an API key, for permissions and the audit trail."""

    is_authenticated = True
    is_staff = False
    pk = None

    def __init__(self, key: ApiKey):
        self.username = f"api-key:{key.name}"


class ApiKeyAuthentication(authentication.BaseAuthentication):
    def authenticate(self, request):
        header = request.headers.get("Authorization", "")
        if not header.startswith(f"{KEYWORD} "):
            return None
        found = ApiKey.objects.filter(
            key_hash=PlayerToken.digest(header[len(KEYWORD) + 1 :].strip()), active=True
        ).first()
        if found is None:
            raise exceptions.AuthenticationFailed("Unknown or revoked API key.")
        return ApiKeyUser(found), found

    def authenticate_header(self, request):
        return KEYWORD


class IsStaffOrApiKey(permissions.BasePermission):
    def has_permission(self, request, view):
        if isinstance(request.auth, ApiKey):
            return True
        user = request.user
        return bool(user and user.is_authenticated and user.is_staff)


class ApiKeyScheme(OpenApiAuthenticationExtension):
    target_class = ApiKeyAuthentication
    name = "ApiKey"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": f"`{KEYWORD} <key>` (see `manage.py issue_api_key`).",
        }
