"""A from/to date filter for admin lists (days in the staff member's time zone)."""

from datetime import date, datetime, time, timedelta

from django.contrib import admin
from django.utils import timezone


def _day(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except (TypeError, ValueError):
        return None


class DateRangeFilter(admin.ListFilter):
    """``?created_from=YYYY-MM-DD&created_to=YYYY-MM-DD``, both ends included."""

    title = "date range"
    template = "admin/date_range_filter.html"
    field = "created_at"
    parameters = ("created_from", "created_to")

    def __init__(self, request, params, model, model_admin):
        super().__init__(request, params, model, model_admin)
        for name in self.parameters:
            if name in params:
                value = params.pop(name)
                self.used_parameters[name] = (
                    value[-1] if isinstance(value, list) else value
                )

    def has_output(self):
        return True

    def expected_parameters(self):
        return list(self.parameters)

    def queryset(self, request, queryset):
        start = _day(self.used_parameters.get("created_from"))
        end = _day(self.used_parameters.get("created_to"))
        zone = timezone.get_current_timezone()
        if start:
            queryset = queryset.filter(
                **{f"{self.field}__gte": datetime.combine(start, time.min, zone)}
            )
        if end:
            queryset = queryset.filter(
                **{
                    f"{self.field}__lt": datetime.combine(
                        end + timedelta(days=1), time.min, zone
                    )
                }
            )
        return queryset

    def choices(self, changelist):
        yield {
            "created_from": self.used_parameters.get("created_from", ""),
            "created_to": self.used_parameters.get("created_to", ""),
            "keep": [
                (key, value)
                for key, value in changelist.params.items()
                if key not in self.parameters
            ],
            "clear_url": changelist.get_query_string(remove=list(self.parameters)),
        }
