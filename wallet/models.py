"""The money core: players, their wallets, the ledger and provider bets.

Ledger invariants (DESIGN.md §3), checked by `wallet.selectors.ledger_violations`
after every test scenario and by `check_ledger`:

1. ``wallet.balance == sum(transaction.amount)`` for every wallet;
2. each transaction's ``balance_after`` equals the previous one's (by ``sequence``
   within its wallet) plus its own ``amount``; sequences run 1, 2, 3, ...;
3. a transaction is never updated or deleted: a database trigger refuses it;
4. a debit takes a balance below zero only as a flagged claw-back (a check
   constraint refuses any other).

Only ``wallet.services`` writes these rows.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q


class Provider(models.TextChoices):
    HYPETECH = "hypetech", "Hypetech"
    BETSTACK = "betstack", "Betstack"
    STAFF = "staff", "Staff"


class Player(models.Model):
    class Status(models.TextChoices):
        ACTIVE = "active", "Active"
        BLOCKED = "blocked", "Blocked"
        SELF_EXCLUDED = "self_excluded", "Self-excluded"

    user_id = models.CharField("user id", max_length=64, unique=True)
    display_name = models.CharField(max_length=150, blank=True)
    status = models.CharField(
        max_length=16, choices=Status.choices, default=Status.ACTIVE
    )
    lang = models.CharField("language", max_length=2, default="en")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return self.user_id

    @property
    def may_bet(self) -> bool:
        return self.status == self.Status.ACTIVE


class Wallet(models.Model):
    player = models.ForeignKey(Player, on_delete=models.PROTECT, related_name="wallets")
    currency = models.CharField(max_length=3)
    balance = models.DecimalField(max_digits=19, decimal_places=4, default=0)
    last_sequence = models.PositiveBigIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["player", "currency"], name="wallet_one_per_currency"
            ),
        ]

    def __str__(self):
        return f"{self.player_id}/{self.currency}"


class Bet(models.Model):
    """A provider's stake in one round, from placement to its one resolution."""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        WON = "won", "Won"
        LOST = "lost", "Lost"
        ROLLED_BACK = "rolled_back", "Rolled back"
        TOMBSTONE = "tombstone", "Rolled back before it arrived"

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
            models.Index(
                fields=["created_at"],
                condition=Q(status="open"),
                name="bet_open_created",
            ),
        ]

    def __str__(self):
        return f"{self.provider} bet {self.reference}"


class Transaction(models.Model):
    """One append-only ledger entry: a signed amount and the balance after it."""

    class Kind(models.TextChoices):
        BET = "bet", "Bet"
        WIN = "win", "Win"
        ROLLBACK = "rollback", "Rollback"
        ADJUSTMENT = "adjustment", "Adjustment"
        REVERSAL = "reversal", "Reversal"

    # Indexed by transaction_wallet_sequence, whose leading column it is.
    wallet = models.ForeignKey(
        Wallet, on_delete=models.PROTECT, related_name="transactions", db_index=False
    )
    sequence = models.PositiveBigIntegerField()
    kind = models.CharField(max_length=16, choices=Kind.choices)
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
        ]

    def __str__(self):
        return f"{self.kind} {self.amount} on {self.wallet_id} #{self.sequence}"

    @property
    def balance_before(self):
        return self.balance_after - self.amount
