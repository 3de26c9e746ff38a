"""The append-only ledger: one row per balance change."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from wallet.models.bets import Bet
from wallet.models.players import Provider, Wallet


class Transaction(models.Model):
    """One append-only ledger entry: a signed amount and the balance after it."""

    class Kind(models.TextChoices):
        BET = "bet", "Bet"
        WIN = "win", "Win"
        ROLLBACK = "rollback", "Rollback"
        VOID = "void", "Void"
        REFUND = "refund", "Refund"
        SETTLEMENT_ROLLBACK = "settlement_rollback", "Settlement rollback"
        ADJUSTMENT = "adjustment", "Adjustment"
        REVERSAL = "reversal", "Reversal"

    # Indexed by transaction_wallet_sequence, whose leading column it is.
    wallet = models.ForeignKey(
        Wallet, on_delete=models.PROTECT, related_name="transactions", db_index=False
    )
    sequence = models.PositiveBigIntegerField()
    kind = models.CharField(max_length=24, choices=Kind.choices)
    # The wallet's currency, copied so that filters and reports need no join.
    currency = models.CharField(max_length=3)
    amount = models.DecimalField(max_digits=19, decimal_places=4)
    balance_after = models.DecimalField(max_digits=19, decimal_places=4)
    provider = models.CharField(max_length=16, choices=Provider.choices)
    # NULL, not "", for staff entries: NULLs never collide in the unique key.
    external_reference = models.CharField(  # noqa: DJ001
        max_length=128, null=True, blank=True
    )
    bet = models.ForeignKey(
        Bet,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="transactions",
    )
    ticket = models.ForeignKey(
        "wallet.Ticket",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="transactions",
    )
    reverses = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reversed_by",
    )
    staff_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True
    )
    reason = models.TextField(blank=True)
    flagged = models.BooleanField(
        default=False, help_text="Needs staff attention (e.g. a claw-back)."
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        permissions = [("reverse_transaction", "Can reverse a transaction")]
        constraints = [
            models.UniqueConstraint(
                fields=["wallet", "sequence"], name="transaction_wallet_sequence"
            ),
            models.UniqueConstraint(
                fields=["provider", "kind", "external_reference"],
                name="transaction_unique_reference",
            ),
            models.CheckConstraint(
                condition=~Q(amount=0), name="transaction_amount_not_zero"
            ),
            models.CheckConstraint(
                condition=Q(balance_after__gte=0) | Q(amount__gt=0) | Q(flagged=True),
                name="transaction_debit_not_negative_unless_flagged",
            ),
            models.CheckConstraint(
                condition=Q(sequence__gte=1), name="transaction_sequence_positive"
            ),
        ]
        indexes = [
            models.Index(
                fields=["created_at"],
                condition=Q(flagged=True),
                name="transaction_flagged",
            ),
            models.Index(fields=["external_reference"], name="transaction_reference"),
        ]

    def __str__(self):
        return f"{self.kind} {self.amount} on {self.wallet_id} #{self.sequence}"

    @property
    def balance_before(self):
        return self.balance_after - self.amount
