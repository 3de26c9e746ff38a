"""Crash and restart under retried traffic: nothing lost, nothing doubled.

The app runs under gunicorn on a PostgreSQL cluster this test creates. Four
provider-like clients play rounds and resend whatever gets no definitive
answer, while workers are SIGKILLed, PostgreSQL is restarted with
`pg_ctl restart -m immediate` and stopped for a few seconds. Then every answer
the clients received is checked against the ledger.
"""

import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from decimal import Decimal
from pathlib import Path

import psycopg
import pytest

from tests.reliability.cluster import REPO, Cluster, Gunicorn
from tests.reliability.providers import RetryingProvider

KEY = "crash-test-key"
PLAYERS = 4
OPENING = Decimal("1000.00")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _manage(env, *args):
    subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=REPO,
        env=env,
        check=True,
        capture_output=True,
    )


def _faults(cluster, app, done: threading.Event, rng, counts: Counter):
    """Inject the plan's faults a second or two apart, then let traffic settle."""
    plan = ["kill", "kill", "restart", "kill", "refuse", "kill", "restart", "kill"]
    for fault in plan:
        time.sleep(rng.uniform(1.0, 2.5))
        if fault == "kill" and app.kill_a_worker(rng):
            counts["worker SIGKILL"] += 1
        elif fault == "restart":
            cluster.restart_immediate()
            counts["postgres restart -m immediate"] += 1
        elif fault == "refuse":
            cluster.stop("fast")
            time.sleep(3)
            cluster.start()
            counts["postgres down 3 s"] += 1
    time.sleep(2)
    done.set()


@pytest.fixture
def stack(tmp_path):
    # pytest's tmp_path sits under a root-only directory: the cluster's owner
    # (postgres) needs a path it can walk.
    root = Path(tempfile.mkdtemp(prefix="crash-cluster-"))
    cluster = Cluster(root, _free_port())
    cluster.create()
    port = _free_port()
    env = {
        name: value
        for name, value in os.environ.items()
        if name != "DJANGO_ALLOW_ASYNC_UNSAFE"
    } | {
        "DATABASE_URL": cluster.url,
        "DEBUG": "false",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECRET_KEY": "crash-test-secret",
        "HYPETECH_API_KEY": KEY,
        "HYPETECH_WEBHOOK_BASE_URL": f"http://127.0.0.1:{port}",
        "CONN_MAX_AGE": "600",
        "LOG_LEVEL": "WARNING",
    }
    _manage(env, "migrate", "-v0")
    for n in range(PLAYERS):
        _manage(
            env,
            "create_player",
            "--user-id",
            f"crash-{n}",
            "--currency",
            "USD",
            "--balance",
            str(OPENING),
        )
    app = Gunicorn(env, port, workers=3, log=tmp_path / "gunicorn.log")
    yield cluster, app, env
    app.stop()
    cluster.stop("immediate")
    shutil.rmtree(root, ignore_errors=True)


def _ledger(cluster):
    with psycopg.connect(cluster.url) as connection:
        entries = connection.execute(
            "SELECT kind, external_reference, amount FROM wallet_transaction "
            "WHERE provider = 'hypetech'"
        ).fetchall()
        stored = {
            (op, ref): (status, body)
            for op, ref, status, body in connection.execute(
                "SELECT operation, idempotency_key, response_status,"
                " response_body FROM wallet_providercall WHERE definitive"
            )
        }
        balances = dict(
            connection.execute(
                "SELECT p.user_id, w.balance FROM wallet_wallet w JOIN wallet_player p "
                "ON p.id = w.player_id"
            ).fetchall()
        )
    return entries, stored, balances


def test_nothing_is_lost_or_doubled_through_crashes_and_restarts(stack):
    cluster, app, env = stack
    rng, stats, faults = random.Random(8), Counter(), Counter()
    providers = [
        RetryingProvider(
            base=f"http://127.0.0.1:{app.port}",
            key=KEY,
            user_id=f"crash-{n}",
            rng=random.Random(n),
            stats=stats,
        )
        for n in range(PLAYERS)
    ]
    done = threading.Event()
    injector = threading.Thread(target=_faults, args=(cluster, app, done, rng, faults))
    players = [
        threading.Thread(target=p.play, args=(f"c{n}", done))
        for n, p in enumerate(providers)
    ]
    injector.start()
    for thread in players:
        thread.start()
    injector.join()
    for thread in players:
        thread.join()

    entries, stored, balances = _ledger(cluster)
    by_reference = Counter((kind, ref) for kind, ref, _ in entries)
    kinds = {"bet": "bet", "win": "win", "rollback": "rollback"}
    expected = {}
    for provider in providers:
        expected[provider.user_id] = OPENING
        for answer in provider.answers:
            key = (answer["operation"], answer["tx_id"])
            assert stored[key] == (answer["status"], answer["body"]), key
            moved = by_reference[(kinds[answer["operation"]], answer["tx_id"])]
            if answer["status"] != 200:
                assert moved == 0, key
                continue
            signed = {"bet": -1, "win": 1, "rollback": 1}[answer["operation"]]
            expected[provider.user_id] += signed * answer["amount"]
            assert moved == (0 if answer["amount"] == 0 else 1), key
    answered = {(a["operation"], a["tx_id"]) for p in providers for a in p.answers}
    assert set(by_reference) <= {(kinds[op], ref) for op, ref in answered}
    assert balances == expected
    check = subprocess.run(
        [sys.executable, "manage.py", "check_ledger"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
    )
    assert check.returncode == 0, check.stdout + check.stderr
    print(
        f"\ncrash test: {sum(len(p.answers) for p in providers)} operations, "
        f"faults {dict(faults)}, client side {dict(stats)}"
    )
    assert faults["worker SIGKILL"] >= 4
    assert faults["postgres restart -m immediate"] == 2
    assert faults["postgres down 3 s"] == 1
