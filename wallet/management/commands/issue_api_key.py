import secrets

from django.core.management.base import BaseCommand, CommandError

from wallet.models import ApiKey, PlayerToken


class Command(BaseCommand):
    help = (
        "Create a key for the operator API and print it once; only its hash is "
        "kept. Callers send it as 'Authorization: Api-Key <key>'."
    )

    def add_arguments(self, parser):
        parser.add_argument("--name", required=True, help="who uses the key")

    def handle(self, *args, name, **options):
        if ApiKey.objects.filter(name=name).exists():
            raise CommandError(f"a key named {name!r} exists; revoke it in the admin")
        key = secrets.token_urlsafe(32)
        ApiKey.objects.create(name=name, key_hash=PlayerToken.digest(key))
        self.stdout.write(key)
