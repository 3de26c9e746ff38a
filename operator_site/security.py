"""Content-Security-Policy on every response (Django 5.2 has no built-in CSP).

The admin needs inline styles (its own and the dashboard's); Swagger UI at
/api/docs/ also runs an inline script. Nothing is loaded from other origins.
"""

from django.conf import settings

POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
    "script-src 'self'; frame-ancestors 'none'; base-uri 'self'; "
    "form-action 'self'"
)
DOCS_POLICY = POLICY.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if settings.CONTENT_SECURITY_POLICY:
            policy = DOCS_POLICY if request.path.startswith("/api/docs/") else POLICY
            response.setdefault("Content-Security-Policy", policy)
        return response
