from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from operator_site.exceptions import ApplicationError
from wallet.services import player_token_issue


class Command(BaseCommand):
    help = (
        "Print a fresh opaque token that identifies the player to Betstack's "
        "identify call. Only its hash is stored; it expires after "
        "BETSTACK_TOKEN_TTL seconds (or --ttl)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--user-id", required=True, help="the player's user id")
        parser.add_argument(
            "--currency", default="", help="wallet to report (default: the first)"
        )
        parser.add_argument("--ttl", type=int, help="lifetime in seconds")

    def handle(self, *args, user_id, currency, ttl, **options):
        try:
            token = player_token_issue(
                user_id=user_id,
                currency=currency.upper(),
                ttl_seconds=ttl or settings.BETSTACK_TOKEN_TTL,
            )
        except ApplicationError as error:
            raise CommandError(error.message) from None
        self.stdout.write(token)
