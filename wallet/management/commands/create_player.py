import json
from decimal import Decimal, InvalidOperation

from django.core.management.base import BaseCommand, CommandError

from operator_site.exceptions import ApplicationError
from wallet.selectors import player_summary
from wallet.services import player_create


class Command(BaseCommand):
    help = (
        "Create a player with a wallet in CURRENCY opened with AMOUNT, and print "
        "the player as one JSON object. Idempotent: an existing player or wallet "
        "is left as it is and printed."
    )

    def add_arguments(self, parser):
        parser.add_argument("--user-id", required=True, help="provider-facing id")
        parser.add_argument("--currency", required=True, help="ISO 4217 code")
        parser.add_argument(
            "--balance", default="0", help="opening balance, e.g. 100.00"
        )
        parser.add_argument("--name", default="", help="display name")

    def handle(self, *args, user_id, currency, balance, name, **options):
        try:
            amount = Decimal(balance)
        except InvalidOperation:
            raise CommandError(f"--balance {balance!r} is not a decimal") from None
        try:
            player = player_create(
                user_id=user_id,
                currency=currency.upper(),
                balance=amount,
                display_name=name,
            )
        except ApplicationError as error:
            raise CommandError(error.message) from None
        self.stdout.write(json.dumps(player_summary(player=player)))
