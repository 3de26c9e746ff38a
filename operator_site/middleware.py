import zoneinfo

from django.http import JsonResponse
from django.utils import timezone


class NulPathRefuseMiddleware:
    """Answer 400 to a path holding a NUL (``%00``): PostgreSQL text cannot
    store one, so ``/api/players/%00/...`` failed in the player lookup."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path:
            return JsonResponse(
                {
                    "message": "The path contains a NUL.",
                    "code": "bad_request",
                    "extra": {},
                },
                status=400,
            )
        return self.get_response(request)


class StaffTimezoneMiddleware:
    """Show times in the staff member's own time zone (their staff profile)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        profile = (
            getattr(user, "staff_profile", None)
            if user and user.is_authenticated
            else None
        )
        try:
            if profile is not None:
                timezone.activate(zoneinfo.ZoneInfo(profile.time_zone))
            return self.get_response(request)
        except zoneinfo.ZoneInfoNotFoundError:
            return self.get_response(request)
        finally:
            timezone.deactivate()
