"""What providers sent us and what we answered, and provider game sessions."""

from django.conf import settings
from django.db import models

from wallet.models import Bet, Player, Provider, Transaction


class InboundCallback(models.Model):
    """One provider operation, keyed for idempotency, with its first answer.

    A resend with the same key gets ``response_body`` back byte for byte; the
    unique constraint, not a lookup, guarantees one row per key.
    """

    class Outcome(models.TextChoices):
        ACCEPTED = "accepted", "Accepted"
        REFUSED = "refused", "Refused"

    provider = models.CharField(max_length=16, choices=Provider.choices)
    operation = models.CharField(max_length=32)
    external_id = models.CharField(max_length=128)
    fingerprint = models.CharField(max_length=64)
    session_token = models.CharField(max_length=128, blank=True, db_index=True)
    amount = models.DecimalField(max_digits=19, decimal_places=4, null=True, blank=True)
    operator_tx_id = models.CharField(max_length=32, unique=True)
    player = models.ForeignKey(
        Player, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    bet = models.ForeignKey(
        Bet, on_delete=models.PROTECT, null=True, blank=True, related_name="callbacks"
    )
    transaction = models.ForeignKey(
        Transaction,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="callbacks",
    )
    outcome = models.CharField(max_length=16, choices=Outcome.choices)
    error_code = models.CharField(max_length=32, blank=True)
    request_body = models.TextField()
    response_status = models.PositiveSmallIntegerField()
    response_body = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "operation", "external_id"],
                name="callback_idempotency_key",
            ),
        ]

    def __str__(self):
        return f"{self.provider} {self.operation} {self.external_id}"


class HypetechSession(models.Model):
    """A Hypetech ``session_token`` and the player it belongs to.

    Recorded at launch, or bound to the player the first time a webhook shows
    it (spec §5.6 fallback); a token seen with another player is refused.
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


class BetstackCall(models.Model):
    """One signed PAM call and our answer, kept for staff and reconciliation.

    Betstack's idempotency is per ticket state (spec §6.1), so calls are not
    keyed: every delivery is recorded, in the transaction that acted on it.
    """

    action = models.CharField(max_length=32)
    ticket_reference = models.CharField(max_length=64, blank=True, db_index=True)
    ticket = models.ForeignKey(
        "wallet.Ticket",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="calls",
    )
    request_body = models.TextField()
    response_status = models.PositiveSmallIntegerField()
    response_body = models.TextField()
    error_code = models.PositiveSmallIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    def __str__(self):
        return f"betstack {self.action} {self.ticket_reference}"


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
