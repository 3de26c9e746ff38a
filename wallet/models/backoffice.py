"""Staff side: the audit trail, four-eyes requests and staff preferences."""

from django.conf import settings
from django.db import models


class AuditRecord(models.Model):
    """One staff action: who, when, what, before and after, why, from where.

    Append-only like the ledger: a database trigger refuses UPDATE and DELETE.
    """

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    actor_name = models.CharField(max_length=150, blank=True)
    action = models.CharField(max_length=64, db_index=True)
    target = models.CharField(max_length=200, blank=True, db_index=True)
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)
    reason = models.TextField(blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.actor_name or 'anonymous'} {self.action} {self.target}"


class MoneyRequest(models.Model):
    """A reversal or adjustment waiting for a second Finance user (four eyes)."""

    class Kind(models.TextChoices):
        REVERSAL = "reversal", "Reverse a transaction"
        ADJUSTMENT = "adjustment", "Adjust a wallet"

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        APPROVED = "approved", "Approved"
        REJECTED = "rejected", "Rejected"

    kind = models.CharField(max_length=16, choices=Kind.choices)
    status = models.CharField(
        max_length=16, choices=Status.choices, default=Status.PENDING
    )
    transaction = models.ForeignKey(
        "wallet.Transaction",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="money_requests",
    )
    wallet = models.ForeignKey(
        "wallet.Wallet",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="money_requests",
    )
    amount = models.DecimalField(max_digits=19, decimal_places=4, null=True, blank=True)
    reason = models.TextField()
    maker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    checker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    result = models.ForeignKey(
        "wallet.Transaction",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        permissions = [("approve_moneyrequest", "Can approve or reject a request")]
        constraints = [
            # One pending reversal per transaction: a double-submitted form
            # cannot queue two.
            models.UniqueConstraint(
                fields=["transaction"],
                condition=models.Q(status="pending"),
                name="money_request_one_pending_reversal",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} #{self.pk} ({self.status})"


class StaffProfile(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="staff_profile"
    )
    time_zone = models.CharField(max_length=64, default="UTC")

    def __str__(self):
        return f"{self.user} ({self.time_zone})"


class ApiKey(models.Model):
    """A key for the operator API (``Authorization: Api-Key <key>``), stored hashed."""

    name = models.CharField(max_length=100, unique=True)
    key_hash = models.CharField(max_length=64, unique=True)
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return self.name
