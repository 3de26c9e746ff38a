import zoneinfo

from django.utils import timezone


class StaffTimezoneMiddleware:
    """Show times in the staff member's own time zone (their staff profile)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        profile = (
            getattr(request.user, "staff_profile", None)
            if getattr(request, "user", None) and request.user.is_authenticated
            else None
        )
        if profile is not None:
            try:
                timezone.activate(zoneinfo.ZoneInfo(profile.time_zone))
            except (zoneinfo.ZoneInfoNotFoundError, ValueError):
                timezone.deactivate()
        else:
            timezone.deactivate()
        return self.get_response(request)
