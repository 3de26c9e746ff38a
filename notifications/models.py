"""Notifications a provider asked us to deliver by SMS, and each delivery attempt."""

from django.db import models


class Notification(models.Model):
    class Type(models.TextChoices):
        OTP = "otp", "One-time password"
        TICKET_STATUS = "ticket_status", "Ticket status"
        BET_RESULT = "bet_result", "Bet result"

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        SENDING = "sending", "Sending"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"
        INVALID = "invalid", "Invalid phone number"
        EXPIRED = "expired", "Expired before sending"
        SKIPPED = "skipped", "Not sent (no recipient)"

    type = models.CharField(max_length=16, choices=Type.choices)
    status = models.CharField(max_length=16, choices=Status.choices)
    # HMAC of the type, the data and (for an OTP) its lifetime window: an
    # identical resend collides here instead of being stored and sent twice.
    dedup_key = models.CharField(max_length=64, unique=True)
    msisdn = models.CharField("phone as received", max_length=32, blank=True)
    phone_e164 = models.CharField(
        "phone (E.164)", max_length=16, blank=True, db_index=True
    )
    ticket_reference = models.CharField(max_length=64, blank=True, db_index=True)
    ticket = models.ForeignKey(
        "wallet.Ticket",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="notifications",
    )
    lang = models.CharField(max_length=2, default="en")
    data = models.JSONField(help_text="The payload, with any OTP code masked.")
    secret = models.CharField(
        max_length=32, blank=True, help_text="The OTP code; never displayed or logged."
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    lease_until = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    received_at = models.DateTimeField(auto_now_add=True, db_index=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        permissions = [("resend_notification", "Can resend a failed notification")]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="notification_due"),
        ]

    def __str__(self):
        return f"{self.get_type_display()} #{self.pk}"


class DeliveryAttempt(models.Model):
    class Outcome(models.TextChoices):
        STARTED = "started", "Started"
        SENT = "sent", "Sent"
        TRANSIENT = "transient", "Transient failure"
        PERMANENT = "permanent", "Permanent failure"

    notification = models.ForeignKey(
        Notification, on_delete=models.CASCADE, related_name="delivery_attempts"
    )
    number = models.PositiveSmallIntegerField()
    backend = models.CharField(max_length=100)
    outcome = models.CharField(max_length=16, choices=Outcome.choices)
    detail = models.TextField(blank=True)
    gateway_id = models.CharField(max_length=100, blank=True)
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["number"]

    def __str__(self):
        return f"attempt {self.number}: {self.outcome}"
