from django.core.management.base import BaseCommand, CommandError

from operator_site.days import day_bounds, day_parse
from operator_site.report_files import report_write, table_format
from webhooks.hypetech.client import HypetechClient
from webhooks.hypetech.reconciliation import sessions_of, sessions_reconcile


class Command(BaseCommand):
    help = (
        "Reconcile our Hypetech callbacks with Hypetech's Session Transactions, for "
        "every session seen on --date (operator time zone) or for one --session. "
        "Reports transactions missing on our side, missing on theirs, and status or "
        "amount mismatches; writes CSV and JSON to --output; exits 1 on any "
        "difference. Read-only: safe to run again and while traffic flows."
    )

    def add_arguments(self, parser):
        which = parser.add_mutually_exclusive_group(required=True)
        which.add_argument("--date", help="YYYY-MM-DD")
        which.add_argument("--session", help="one Hypetech session id")
        parser.add_argument("--output", default=".", help="report directory")

    def handle(self, *args, date, session, output, **options):
        if session:
            sessions, stem = [session], f"reconcile_hypetech_session_{session}"
        else:
            sessions = sessions_of(*day_bounds(day_parse(date)))
            stem = f"reconcile_hypetech_{date}"
        rows, summary = sessions_reconcile(sessions, HypetechClient())
        paths = report_write(output, stem, rows, summary)
        self.stdout.write(table_format([summary], list(summary)))
        if rows:
            self.stdout.write(
                table_format(
                    rows,
                    [
                        "difference",
                        "session",
                        "transaction_id",
                        "operation",
                        "ours_outcome",
                        "ours_amount",
                        "theirs_status",
                        "theirs_amount",
                    ],
                )
            )
        self.stdout.write(f"report: {paths[0]} {paths[1]}")
        if rows:
            raise CommandError(f"{len(rows)} difference(s) with Hypetech", returncode=1)
