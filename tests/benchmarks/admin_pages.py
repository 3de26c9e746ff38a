"""Time the back-office pages over a 1,000,000-entry ledger.

    python -m tests.benchmarks.admin_pages [--rows N]

Uses BENCH_DATABASE_URL (default: database operator_bench on the local
server), seeds it once, then prints the median of 5 loads of each page.
"""

import argparse
import statistics
import time
import tracemalloc

from tests.benchmarks.bootstrap import django_setup


def _time(client, url, params=None, runs=5):
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        response = client.get(url, params or {})
        if hasattr(response, "streaming_content"):
            for _chunk in response.streaming_content:
                pass
        assert response.status_code == 200, (url, response.status_code)
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def _export_memory(client, url):
    tracemalloc.start()
    response = client.get(url)
    rows = sum(chunk.count(b"\n") for chunk in response.streaming_content)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return rows, peak / 2**20


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=1_000_000)
    rows = parser.parse_args().rows
    django_setup()
    from django.contrib.auth.models import User
    from django.test import Client
    from django.urls import reverse

    from tests.benchmarks.seed import ledger_seed
    from wallet.models import Transaction

    print(f"ledger rows: {ledger_seed(rows=rows):,}")
    admin, _ = User.objects.get_or_create(
        username="bench-admin", defaults={"is_staff": True, "is_superuser": True}
    )
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(admin)
    reference = (
        Transaction.objects.filter(kind="bet")
        .values_list("external_reference", flat=True)
        .last()
    )
    pages = [
        ("dashboard", reverse("admin:index"), None),
        (
            "transactions, first page",
            reverse("admin:wallet_transaction_changelist"),
            None,
        ),
        (
            "transactions, currency=BRL",
            reverse("admin:wallet_transaction_changelist"),
            {"currency": "BRL"},
        ),
        (
            "transactions, search by reference",
            reverse("admin:wallet_transaction_changelist"),
            {"q": reference},
        ),
        (
            "players, negative balance",
            reverse("admin:wallet_player_changelist"),
            {"negative": "yes"},
        ),
        (
            "players, search by user id",
            reverse("admin:wallet_player_changelist"),
            {"q": "bench-777"},
        ),
    ]
    from wallet.models import LedgerDayClosed, LedgerDayTotal

    LedgerDayClosed.objects.all().delete()
    LedgerDayTotal.objects.all().delete()
    print(
        f"{'dashboard, cold (closed days summed once)':40} "
        f"{_time(client, reverse('admin:index'), runs=1):10.1f}"
    )
    print(f"{'page':40} {'median ms':>10}")
    for name, url, params in pages:
        print(f"{name:40} {_time(client, url, params):10.1f}")
    exported, peak = _export_memory(client, reverse("admin:wallet_transaction_export"))
    print(f"CSV export: {exported:,} lines, peak Python memory {peak:.1f} MiB")


if __name__ == "__main__":
    main()
