"""The journal of inbound provider calls: what each provider sent, what we
answered, and whether that answer is the one every resend gets.

A *definitive* answer (a success, or a refusal no later call can change) is
kept under the call's idempotency key, unique among definitive rows, and is
replayed byte for byte. A refusal that a later call can change (the bet or
ticket is not known yet) is kept for staff only: the resend is evaluated again.
See docs/providers/README.md.
"""

from django.db import models
from django.db.models import Q
from django.utils import timezone

from wallet.models.bets import Bet
from wallet.models.ledger import Transaction
from wallet.models.players import Player, Provider
from wallet.models.tickets import Ticket


class ProviderCall(models.Model):
    class Outcome(models.TextChoices):
        ACCEPTED = "accepted", "Accepted"
        REFUSED = "refused", "Refused"

    provider = models.CharField(max_length=16, choices=Provider.choices)
    operation = models.CharField(max_length=32)
    # Hypetech: provider_tx_id; Betstack: "<timestamp>:<signature>".
    idempotency_key = models.CharField(max_length=128)
    fingerprint = models.CharField(max_length=64)
    definitive = models.BooleanField(
        default=True, help_text="Replayed to every resend of the same key."
    )
    # The bet or ticket id the call is about, for staff searches.
    reference = models.CharField(max_length=128, blank=True, db_index=True)
    session_token = models.CharField(max_length=128, blank=True, db_index=True)
    amount = models.DecimalField(max_digits=19, decimal_places=4, null=True, blank=True)
    operator_tx_id = models.CharField(max_length=32, unique=True)
    player = models.ForeignKey(
        Player, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    bet = models.ForeignKey(
        Bet, on_delete=models.PROTECT, null=True, blank=True, related_name="calls"
    )
    ticket = models.ForeignKey(
        Ticket, on_delete=models.PROTECT, null=True, blank=True, related_name="calls"
    )
    transaction = models.ForeignKey(
        Transaction,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="calls",
    )
    outcome = models.CharField(max_length=16, choices=Outcome.choices)
    error_code = models.CharField(max_length=32, blank=True)
    request_body = models.TextField()
    response_status = models.PositiveSmallIntegerField()
    response_body = models.TextField()
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "operation", "idempotency_key"],
                condition=Q(definitive=True),
                name="providercall_idempotency_key",
            ),
        ]

    def __str__(self):
        return f"{self.provider} {self.operation} {self.reference}"
