"""Time and peak memory of check_ledger and report_daily, at two ledger sizes.

    python -m tests.benchmarks.commands [--sizes 100000 1000000]

Each size gets its own database (operator_bench_<size>, seeded once); each
command runs in a fresh process, which reports its wall time and peak RSS.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
from datetime import date, timedelta

from tests.benchmarks.bootstrap import BENCH_DATABASE_URL


def _run(url: str, *command: str) -> dict:
    env = {**os.environ, "BENCH_DATABASE_URL": url}
    done = subprocess.run(
        [sys.executable, "-m", "tests.benchmarks.run_command", *command],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def _seed(url: str, rows: int) -> None:
    env = {**os.environ, "BENCH_DATABASE_URL": url}
    code = (
        "from tests.benchmarks.bootstrap import django_setup; django_setup(); "
        "from tests.benchmarks.seed import ledger_seed; "
        f"print(ledger_seed(rows={rows}, wallets={max(rows // 100, 1)}))"
    )
    subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        check=True,
        capture_output=True,
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    sizes = parser.parse_args().sizes
    base = BENCH_DATABASE_URL.rsplit("/", 1)[0]
    yesterday = (date.today() - timedelta(days=1)).isoformat()
    print(f"{'rows':>10} {'command':14} {'seconds':>8} {'peak RSS MiB':>13}")
    for rows in sizes:
        url = f"{base}/operator_bench_{rows}"
        os.environ["BENCH_DATABASE_URL"] = url
        _seed(url, rows)
        for command in (
            ["check_ledger"],
            ["report_daily", "--date", yesterday, "--output", tempfile.gettempdir()],
        ):
            result = _run(url, *command)
            print(
                f"{rows:>10,} {command[0]:14} {result['seconds']:8.2f} "
                f"{result['peak_rss_mib']:13.1f}"
            )


if __name__ == "__main__":
    main()
