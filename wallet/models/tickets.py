"""Betstack tickets and their history
(docs/providers/betstack.md#7-ticket-state-machine-and-money, T1-T17).

Amounts are stored in currency units (Betstack's integer cents / 100), exactly.
"""

from django.db import models
from django.db.models import Q

from wallet.models.players import Player, Wallet

MONEY = {"max_digits": 19, "decimal_places": 4, "null": True, "blank": True}


class Ticket(models.Model):
    class Status(models.TextChoices):
        RESERVED = "reserved", "Reserved"
        OPEN = "open", "Open"
        WON = "won", "Won"
        LOST = "lost", "Lost"
        VOID = "void", "Void"
        REFUNDED = "refunded", "Refunded"
        DISCARDED = "discarded", "Discarded"
        CLOSED = "closed", "Closed"
        CANCELLED = "cancelled", "Cancelled by staff (stake returned)"

    ticket_id = models.CharField(max_length=64, unique=True)
    code = models.CharField(max_length=32, blank=True, db_index=True)
    # Empty for a tombstone: a discard of a ticket never seen.
    player = models.ForeignKey(
        Player, on_delete=models.PROTECT, null=True, blank=True, related_name="tickets"
    )
    wallet = models.ForeignKey(
        Wallet, on_delete=models.PROTECT, null=True, blank=True, related_name="tickets"
    )
    ticket_type = models.CharField(max_length=16, blank=True)
    status = models.CharField(max_length=16, choices=Status.choices)
    settled_as = models.CharField(
        max_length=16,
        choices=Status.choices,
        blank=True,
        help_text="The settlement a closed ticket had.",
    )
    currency = models.CharField(max_length=3, blank=True)
    price = models.DecimalField(**MONEY)
    stake = models.DecimalField(**MONEY)
    wht_amount = models.DecimalField("withholding tax", **MONEY)
    wht = models.DecimalField(
        "withholding tax %", max_digits=7, decimal_places=4, null=True, blank=True
    )
    ext_amount = models.DecimalField("excise tax", **MONEY)
    ext = models.DecimalField(
        "excise tax %", max_digits=7, decimal_places=4, null=True, blank=True
    )
    ext_type = models.CharField(max_length=16, blank=True)
    gross_payout = models.DecimalField(**MONEY)
    net_payout = models.DecimalField(**MONEY)
    tax = models.DecimalField("legacy tax", **MONEY)
    payout = models.DecimalField("legacy payout", **MONEY)
    atag = models.CharField(max_length=128, blank=True)
    rtag = models.CharField(max_length=128, blank=True)
    psp = models.CharField(max_length=64, blank=True)
    reserved = models.BooleanField(
        default=False, help_text="Opened by ticket_reserve: paid outside the wallet."
    )
    debited = models.DecimalField(
        max_digits=19, decimal_places=4, default=0, help_text="What the create took."
    )
    last_credit = models.DecimalField(
        max_digits=19,
        decimal_places=4,
        default=0,
        help_text="What the current settlement credited; a rollback takes it back.",
    )
    clawed_back = models.DecimalField(
        max_digits=19,
        decimal_places=4,
        default=0,
        help_text="What staff took back of the current settlement's credit.",
    )
    settlement_count = models.PositiveIntegerField(default=0)
    fingerprint = models.CharField(max_length=64, blank=True)
    needs_review = models.BooleanField(default=False)
    review_note = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(debited__gte=0)
                & Q(last_credit__gte=0)
                & Q(clawed_back__gte=0)
                & Q(clawed_back__lte=models.F("last_credit")),
                name="ticket_amounts_not_negative",
            ),
        ]
        indexes = [
            models.Index(fields=["player", "-created_at"], name="ticket_player_recent"),
            models.Index(
                fields=["updated_at"],
                condition=Q(status__in=["open", "reserved"]),
                name="ticket_unsettled",
            ),
        ]

    def __str__(self):
        return f"ticket {self.ticket_id}"

    @property
    def win_amount(self):
        """What a win credits: the latest net payout (legacy: payout)."""
        return self.net_payout if self.net_payout is not None else self.payout


class TicketEvent(models.Model):
    """One step of a ticket's history: the action, the transition, the money."""

    ticket = models.ForeignKey(Ticket, on_delete=models.PROTECT, related_name="events")
    action = models.CharField(max_length=32)
    from_status = models.CharField(max_length=16, blank=True)
    to_status = models.CharField(max_length=16)
    amount = models.DecimalField(max_digits=19, decimal_places=4, default=0)
    transaction = models.ForeignKey(
        "wallet.Transaction",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="ticket_events",
    )
    reason = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.action}: {self.from_status or '-'} -> {self.to_status}"
