from django.core.management.base import BaseCommand, CommandError

from operator_site.days import day_bounds, day_parse
from operator_site.report_files import report_write, table_format
from webhooks.betstack.client import BetstackClient
from webhooks.betstack.reconciliation import day_reconcile


class Command(BaseCommand):
    help = (
        "Reconcile our Betstack tickets with Betstack's Bet Engine for --date "
        "(operator time zone): every ticket created or changed that day is fetched "
        "and its state and price/payout compared; tickets Betstack created that day "
        "that we never saw are listed. Writes CSV and JSON to --output; exits 1 on "
        "any difference. Read-only: safe to run again and while traffic flows."
    )

    def add_arguments(self, parser):
        parser.add_argument("--date", required=True, help="YYYY-MM-DD")
        parser.add_argument("--output", default=".", help="report directory")

    def handle(self, *args, date, output, **options):
        start, end = day_bounds(day_parse(date))
        rows, summary = day_reconcile(BetstackClient(), start, end)
        paths = report_write(output, f"reconcile_betstack_{date}", rows, summary)
        self.stdout.write(table_format([summary], list(summary)))
        if rows:
            self.stdout.write(
                table_format(
                    rows, ["difference", "ticket_id", "ours", "theirs", "detail"]
                )
            )
        self.stdout.write(f"report: {paths[0]} {paths[1]}")
        if rows:
            raise CommandError(f"{len(rows)} difference(s) with Betstack", returncode=1)
