"""Provider game sessions and free-bet grants (the journal of inbound calls is
wallet.models.ProviderCall)."""

from django.conf import settings
from django.db import models

from wallet.models import Player


class HypetechSession(models.Model):
    """A Hypetech ``session_token`` and the player it belongs to.

    Recorded at launch, or bound to the player the first time a webhook shows
    it; a token seen with another player is refused
    (docs/providers/hypetech.md#d17-session-tokens).
    """

    class Source(models.TextChoices):
        LAUNCH = "launch", "Game launch"
        WEBHOOK = "webhook", "First seen in a webhook"

    token = models.CharField(max_length=128, unique=True)
    player = models.ForeignKey(
        Player, on_delete=models.PROTECT, related_name="hypetech_sessions"
    )
    currency = models.CharField(max_length=3, blank=True)
    game = models.CharField(max_length=64, blank=True)
    game_url = models.URLField(max_length=500, blank=True)
    source = models.CharField(max_length=16, choices=Source.choices)
    launched_by = models.CharField(max_length=150, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"session {self.token[:8]}… of {self.player_id}"


class FreeBetGrant(models.Model):
    """Free bets we asked Hypetech to grant a player, and what it answered."""

    class Status(models.TextChoices):
        GRANTED = "granted", "Granted"
        FAILED = "failed", "Failed"

    player = models.ForeignKey(
        Player, on_delete=models.PROTECT, related_name="free_bet_grants"
    )
    game_slug = models.CharField(max_length=64)
    quantity = models.PositiveIntegerField()
    value = models.DecimalField(max_digits=19, decimal_places=4)
    currency = models.CharField(max_length=3)
    expires_at = models.DateTimeField()
    bonus_code = models.CharField(max_length=64, blank=True)
    max_multiplier = models.DecimalField(
        max_digits=9, decimal_places=2, null=True, blank=True
    )
    status = models.CharField(max_length=16, choices=Status.choices)
    provider_message = models.TextField(blank=True)
    staff_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        permissions = [("grant_free_bets", "Can grant Hypetech free bets")]

    def __str__(self):
        return f"{self.quantity} x {self.value} {self.currency} for {self.player_id}"
