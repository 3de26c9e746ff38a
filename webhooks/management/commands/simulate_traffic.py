from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from webhooks.hypetech.simulator import TrafficSimulator

DEMO_PLAYERS = "1001:USD,1002:USD,26:BRL,27:BRL"


class Command(BaseCommand):
    help = (
        "Play Hypetech against a running server: signed bets, then wins, losses "
        "and rollbacks of the accepted ones, resends, and refusals on purpose "
        "(stakes above the balance, unknown players), at --rate requests per "
        "second for --duration seconds. For demos and soak tests; prints what "
        "the server answered and the latency."
    )

    def add_arguments(self, parser):
        parser.add_argument("--url", default="http://127.0.0.1:8000")
        parser.add_argument("--rate", type=float, default=10)
        parser.add_argument("--duration", type=float, default=30)
        parser.add_argument(
            "--key", default=None, help="Hype-Hash key (default HYPETECH_API_KEY)"
        )
        parser.add_argument(
            "--players",
            default=DEMO_PLAYERS,
            help="user_id:CURRENCY,... (default: the demo players)",
        )
        parser.add_argument("--seed", type=int, default=None)

    def handle(self, *args, url, rate, duration, key, players, seed, **options):
        key = key or settings.HYPETECH_API_KEY
        if not key:
            raise CommandError("no Hype-Hash key: pass --key or set HYPETECH_API_KEY")
        pairs = [tuple(item.split(":", 1)) for item in players.split(",") if item]
        simulator = TrafficSimulator(url=url, key=key, players=pairs, seed=seed)
        simulator.run(rate=rate, duration=duration)
        for (label, status), count in sorted(simulator.outcomes.items()):
            self.stdout.write(f"{label:22} {status or 'no answer':>9} {count:7}")
        self.stdout.write(
            f"latency p50 {simulator.percentile(50):.1f} ms, p99 "
            f"{simulator.percentile(99):.1f} ms, "
            f"{len(simulator.latencies)} requests"
        )
        if any(status == 0 or status >= 500 for _, status in simulator.outcomes):
            raise CommandError("some requests got no answer or a 5xx", returncode=1)
