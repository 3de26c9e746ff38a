"""Players, their wallets and their identification tokens."""

import hashlib

from django.db import models


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

    class Meta:
        permissions = [
            ("change_player_status", "Can block, unblock or self-exclude a player")
        ]

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
        permissions = [("adjust_wallet", "Can credit or debit a wallet")]
        constraints = [
            models.UniqueConstraint(
                fields=["player", "currency"], name="wallet_one_per_currency"
            ),
        ]
        indexes = [
            models.Index(
                fields=["player"],
                condition=models.Q(balance__lt=0),
                name="wallet_negative",
            ),
        ]

    def __str__(self):
        return f"{self.player_id}/{self.currency}"


class PlayerToken(models.Model):
    """An opaque token we issued for Betstack ``identify``; only its hash is kept."""

    token_hash = models.CharField(max_length=64, unique=True)
    player = models.ForeignKey(Player, on_delete=models.PROTECT, related_name="tokens")
    currency = models.CharField(max_length=3)
    expires_at = models.DateTimeField()
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"token of {self.player_id} until {self.expires_at:%Y-%m-%d %H:%M}"

    @staticmethod
    def digest(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()
