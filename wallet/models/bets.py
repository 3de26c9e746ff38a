"""Provider bets (Hypetech rounds) from placement to their one resolution."""

from django.db import models
from django.db.models import Q

from wallet.models.players import Provider, Wallet


class Bet(models.Model):
    """A provider's stake in one round, from placement to its one resolution."""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        WON = "won", "Won"
        LOST = "lost", "Lost"
        ROLLED_BACK = "rolled_back", "Rolled back"
        TOMBSTONE = "tombstone", "Rolled back before it arrived"
        CANCELLED = "cancelled", "Cancelled by staff (stake returned)"

    provider = models.CharField(max_length=16, choices=Provider.choices)
    reference = models.CharField(max_length=64)
    # Indexed by bet_wallet_round, whose leading column it is.
    wallet = models.ForeignKey(
        Wallet, on_delete=models.PROTECT, related_name="bets", db_index=False
    )
    round_id = models.CharField(max_length=64, blank=True)
    game = models.CharField(max_length=64, blank=True)
    amount = models.DecimalField(max_digits=19, decimal_places=4)
    is_free = models.BooleanField(default=False)
    bonus_code = models.CharField(max_length=64, blank=True)
    status = models.CharField(max_length=16, choices=Status.choices)
    payout = models.DecimalField(max_digits=19, decimal_places=4, default=0)
    resolved_by = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "reference"], name="bet_unique_reference"
            ),
            models.CheckConstraint(
                condition=Q(amount__gte=0) & Q(payout__gte=0),
                name="bet_amounts_not_negative",
            ),
        ]
        indexes = [
            models.Index(fields=["wallet", "round_id"], name="bet_wallet_round"),
            models.Index(fields=["reference"], name="bet_reference"),
            models.Index(fields=["round_id"], name="bet_round"),
            models.Index(
                fields=["created_at"],
                condition=Q(status="open"),
                name="bet_open_created",
            ),
        ]

    def __str__(self):
        return f"{self.provider} bet {self.reference}"
