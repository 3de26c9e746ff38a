from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from wallet.services import player_create

DEMO_PLAYERS = [
    ("26", "Ana Souza", "BRL", Decimal("500.00")),
    ("27", "Bruno Lima", "BRL", Decimal("20.00")),
    ("1001", "Jane Doe", "USD", Decimal("1000.00")),
    ("1002", "John Roe", "USD", Decimal("50.00")),
]
DEMO_ADMIN = ("admin", "admin")


class Command(BaseCommand):
    help = (
        "Load demo data for local use: a superuser admin/admin and a few players "
        "with BRL and USD balances. Idempotent; never run it in production."
    )

    def handle(self, *args, **options):
        username, password = DEMO_ADMIN
        User = get_user_model()
        if not User.objects.filter(username=username).exists():
            User.objects.create_superuser(username, "admin@example.com", password)
        for user_id, name, currency, balance in DEMO_PLAYERS:
            player_create(
                user_id=user_id, currency=currency, balance=balance, display_name=name
            )
            self.stdout.write(f"player {user_id} ({name}): {balance} {currency}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Admin: http://127.0.0.1:8000/admin/  login {username} / {password}"
            )
        )
