import sys
import time

from django.core.management.base import BaseCommand, CommandError

from wallet.models import Wallet
from wallet.selectors import ledger_violations

BATCH = 2_000


class Command(BaseCommand):
    help = (
        "Check the ledger invariants (wallet.models) for every wallet: balance = "
        "sum of entries, balance_after chained by sequence, append-only trigger "
        "present, no unflagged debit below zero. Works in batches of wallets (short "
        "read-only queries, constant memory), safe while traffic flows. Prints "
        "each broken wallet and exits 1 if there is any."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--batch",
            type=int,
            default=BATCH,
            help="wallets per query (default %(default)s)",
        )

    def handle(self, *args, batch, **options):
        ids = Wallet.objects.order_by("pk").values_list("pk", flat=True)
        total, broken, checked, started = ids.count(), set(), 0, time.monotonic()
        first = 0
        while True:
            chunk = list(ids.filter(pk__gte=first)[:batch])
            violations = ledger_violations(
                first_wallet=first, last_wallet=chunk[-1] if chunk else 2**62
            )
            for violation in violations:
                broken.add(violation.wallet_id)
                self.stdout.write(
                    f"wallet {violation.wallet_id}: invariant "
                    f"{violation.invariant}: {violation.detail}"
                )
            if not chunk:
                break
            checked += len(chunk)
            first = chunk[-1] + 1
            self._progress(checked, total)
        elapsed = time.monotonic() - started
        self.stderr.write(
            f"\nchecked {checked} wallets in {elapsed:.1f}s: {len(broken)} broken"
        )
        if broken:
            raise CommandError(
                f"{len(broken)} wallet(s) break the ledger invariants", returncode=1
            )

    def _progress(self, done: int, total: int) -> None:
        if sys.stderr.isatty():
            filled = int(30 * done / max(total, 1))
            self.stderr.write(
                f"\r[{'#' * filled}{'.' * (30 - filled)}] {done}/{total} wallets",
                ending="",
            )
            self.stderr.flush()
        else:
            self.stderr.write(f"checked {done}/{total} wallets")
