import zoneinfo

from django.utils import timezone


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
