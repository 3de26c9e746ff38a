from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from operator_site.report_files import table_format
from wallet.reports import stuck_work


class Command(BaseCommand):
    help = (
        "List work a provider never finished: Hypetech bets open for longer than "
        "STUCK_BET_MINUTES and Betstack tickets unsettled for longer than "
        "STUCK_TICKET_HOURS (or the options below), oldest first, for follow-up "
        "with the provider. Exits 1 when it finds any. Read-only."
    )

    def add_arguments(self, parser):
        parser.add_argument("--bet-minutes", type=int, default=None)
        parser.add_argument("--ticket-hours", type=int, default=None)

    def handle(self, *args, bet_minutes, ticket_hours, **options):
        now = timezone.now()
        minutes = bet_minutes if bet_minutes is not None else settings.STUCK_BET_MINUTES
        hours = (
            ticket_hours if ticket_hours is not None else settings.STUCK_TICKET_HOURS
        )
        found = stuck_work(
            bets_before=now - timedelta(minutes=minutes),
            tickets_before=now - timedelta(hours=hours),
        )
        if not found:
            self.stdout.write(
                f"nothing stuck (bets > {minutes} min, tickets > {hours} h)"
            )
            return
        self.stdout.write(
            table_format(
                found, ["kind", "id", "player", "status", "since", "amount", "currency"]
            )
        )
        raise CommandError(f"{len(found)} stuck bet(s)/ticket(s)", returncode=1)
