from django.core.management.base import BaseCommand

from operator_site.days import day_bounds, day_parse
from operator_site.report_files import report_write, table_format
from wallet.reports import daily_activity, liability_at

ACTIVITY = ["provider", "currency", "bets", "refunds", "wins", "ggr", "players"]
LIABILITY = [
    "currency",
    "balances",
    "open_bets",
    "open_bet_stakes",
    "open_tickets",
    "open_ticket_stakes",
]


class Command(BaseCommand):
    help = (
        "Daily report for --date (operator time zone): per provider and currency "
        "the bets (stakes), refunds, wins, GGR (bets - refunds - "
        "wins) and number of players; and the player liability at the end of the "
        "day (sum of balances, open bets and tickets). A table on stdout, CSV files "
        "in --output. Read-only aggregates: safe while traffic flows."
    )

    def add_arguments(self, parser):
        parser.add_argument("--date", required=True, help="YYYY-MM-DD")
        parser.add_argument("--output", default=".", help="CSV directory")

    def handle(self, *args, date, output, **options):
        start, end = day_bounds(day_parse(date))
        activity, liability = daily_activity(start, end), liability_at(end)
        report_write(output, f"report_daily_{date}", activity, {"date": date})
        report_write(output, f"liability_{date}", liability, {"at": end.isoformat()})
        self.stdout.write(f"Activity on {date}")
        self.stdout.write(table_format(activity, ACTIVITY))
        self.stdout.write(f"\nPlayer liability at {end.isoformat()}")
        self.stdout.write(table_format(liability, LIABILITY))
