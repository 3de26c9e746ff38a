"""Calendar days of commands, in the operator's TIME_ZONE."""

from datetime import date, datetime, time, timedelta

from django.core.management.base import CommandError
from django.utils import timezone


def day_parse(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"--date {text!r} is not YYYY-MM-DD") from None


def day_bounds(day: date) -> tuple[datetime, datetime]:
    """[start, end) of ``day`` in the default time zone."""
    zone = timezone.get_default_timezone()
    start = datetime.combine(day, time.min, zone)
    return start, datetime.combine(day + timedelta(days=1), time.min, zone)
