"""Per-day ledger totals of closed days, derived once and kept.

The ledger is append-only and each entry is stamped when it is written, so a
day that has ended (plus a grace period for commits in flight) never changes:
its totals are computed once instead of on every dashboard load.
"""

from django.db import models


class LedgerDayTotal(models.Model):
    day = models.DateField()
    time_zone = models.CharField(max_length=64)
    provider = models.CharField(max_length=16)
    currency = models.CharField(max_length=3)
    stakes = models.DecimalField(max_digits=19, decimal_places=4)
    refunds = models.DecimalField(max_digits=19, decimal_places=4)
    wins = models.DecimalField(max_digits=19, decimal_places=4)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["day", "time_zone", "provider", "currency"],
                name="ledger_day_total_unique",
            ),
        ]

    def __str__(self):
        return f"{self.day} {self.provider} {self.currency}"


class LedgerDayClosed(models.Model):
    """Marks a (day, time zone) whose totals are stored, including empty days."""

    day = models.DateField()
    time_zone = models.CharField(max_length=64)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["day", "time_zone"], name="ledger_day_closed_unique"
            ),
        ]

    def __str__(self):
        return f"{self.day} ({self.time_zone})"
