"""make bench: the Hypetech webhook path under load, against PostgreSQL's own limit.

    python -m tests.benchmarks.webhook_load [--seconds 15] [--workers 4]
        [--connections 16] [--profile] [--soak SECONDS]

Starts gunicorn (production settings: DEBUG off) on a fresh database
(operator_bench_load), seeds 10,000 funded players, replays pre-signed bets,
wins, resends and insufficient-funds bets with wrk, then runs pgbench with the
SQL of one bet on the same database with the same number of connections.
Two scenarios: spread (10,000 players) and hot (one player). Results are
printed and written under tests/benchmarks/results/.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import psycopg
from psycopg import sql

from tests.benchmarks.load import requests as gen
from tests.benchmarks.load import runners

PORT, KEY = 8001, "bench-hypetech-key"
BASE = f"http://127.0.0.1:{PORT}"
SERVER = "postgres://postgres@127.0.0.1:5432"
DATABASE = "operator_bench_load"
RESULTS = Path(__file__).parent / "results"
SEED_SQL = """
INSERT INTO wallet_player (user_id, display_name, status, lang, created_at, updated_at)
SELECT 'load-' || g, '', 'active', 'en', now(), now() FROM generate_series(1, %(n)s) g
UNION ALL SELECT 'load-hot', '', 'active', 'en', now(), now();
INSERT INTO wallet_wallet (player_id, currency, balance, last_sequence, created_at,
                           updated_at)
SELECT id, 'USD', 0, 0, now(), now() FROM wallet_player;
INSERT INTO wallet_transaction (wallet_id, sequence, kind, currency, amount,
    balance_after, provider, reason, flagged, created_at)
SELECT w.id, 1, 'adjustment', 'USD', f.amount, f.amount, 'staff', 'benchmark', false,
       now()
FROM wallet_wallet w JOIN wallet_player p ON p.id = w.player_id
CROSS JOIN LATERAL (SELECT CASE
    WHEN p.user_id = 'load-hot' THEN 1000000000.00
    WHEN split_part(p.user_id, '-', 2)::int %% 20 = 0 THEN 0.50
    ELSE 1000000.00 END AS amount) f;
UPDATE wallet_wallet w SET balance = t.balance_after, last_sequence = 1
FROM wallet_transaction t WHERE t.wallet_id = w.id;
"""


def database_fresh(env: dict, players: int) -> None:
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as admin:
        admin.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
                sql.Identifier(DATABASE)
            )
        )
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(DATABASE)))
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "-v0"],
        env=env,
        cwd=runners.REPO,
        check=True,
    )
    with psycopg.connect(f"{SERVER}/{DATABASE}", autocommit=True) as connection:
        for statement in filter(str.strip, SEED_SQL.split(";\n")):
            connection.execute(statement, {"n": players})
        connection.execute("ANALYZE")


def app_env() -> dict:
    return {
        **os.environ,
        "DATABASE_URL": f"{SERVER}/{DATABASE}",
        "DEBUG": "false",
        "SECRET_KEY": "benchmark-only-secret",
        "ALLOWED_HOSTS": "127.0.0.1",
        "HYPETECH_API_KEY": KEY,
        "HYPETECH_WEBHOOK_BASE_URL": BASE,
        "LOG_LEVEL": "WARNING",
        "CONN_MAX_AGE": "600",
    }


def _query(text: str) -> int:
    with psycopg.connect(f"{SERVER}/{DATABASE}") as connection:
        return connection.execute(text).fetchone()[0]


def ledger_verify(env: dict) -> dict:
    """check_ledger passes; every accepted bet has exactly its one ledger row."""
    check = subprocess.run(
        [sys.executable, "manage.py", "check_ledger"],
        env=env,
        cwd=runners.REPO,
        capture_output=True,
        text=True,
    )
    ledger_bets = _query(
        "SELECT count(*) FROM wallet_transaction WHERE kind = 'bet' "
        "AND external_reference NOT LIKE 'pgb-%'"
    )
    accepted = _query(
        "SELECT count(*) FROM wallet_providercall WHERE "
        "operation = 'bet' AND outcome = 'accepted' AND "
        "idempotency_key NOT LIKE 'pgb-%'"
    )
    return {
        "check_ledger_exit": check.returncode,
        "ledger_bet_rows": ledger_bets,
        "accepted_bets": accepted,
        "equal": ledger_bets == accepted,
    }


def scenario_run(name, args, workdir, master, players) -> dict:
    warm = gen.warmup_bets(name, players, 2000, seed=1)
    files = {tag: workdir / f"{name}-{tag}.txt" for tag in ("warm", "max", "70")}
    gen.warmup_write(files["warm"], warm, base=BASE, key=KEY)
    for n, tag in enumerate(("max", "70")):
        wins = warm[n * 1000 : (n + 1) * 1000]
        stream = gen.stream(name, players, wins, 60_000, f"{name}{tag}", seed=n + 2)
        gen.requests_write(files[tag], stream, base=BASE, key=KEY)
    runners.requests_send_all(BASE, files["warm"])
    rss_before = [runners.rss_mib(pid) for pid in runners.worker_pids(master)]
    profile = None
    if args.profile and name == "spread":
        raw = workdir / "profile.txt"
        profile = (
            raw,
            runners.profile_start(runners.worker_pids(master)[0], raw, args.seconds),
        )
    top = runners.wrk_run(
        BASE, files["max"], seconds=args.seconds, connections=args.connections
    )
    at70 = runners.wrk_run(
        BASE,
        files["70"],
        seconds=args.seconds,
        connections=args.connections,
        rate=0.7 * top["rps"],
    )
    rss_after = [runners.rss_mib(pid) for pid in runners.worker_pids(master)]
    hot_id = _query(
        "SELECT w.id FROM wallet_wallet w JOIN wallet_player p ON "
        "p.id = w.player_id WHERE p.user_id = 'load-hot'"
    )
    script = (runners.LOAD / "bet.sql").read_text()
    if name == "spread":
        # wallet n belongs to player load-n; skip the poor ones (every 20th)
        script = (
            f"\\set n random(1, {len(players)})\n"
            "\\set wid :n + (case when :n % 20 = 0 then 1 else 0 end)\n" + script
        )
    pgbench = runners.pgbench_run(
        DATABASE,
        script,
        workdir,
        seconds=args.seconds,
        connections=args.connections,
        variables={} if name == "spread" else {"wid": hot_id},
    )
    result = {
        "app_max": top,
        "app_70": at70,
        "pgbench": pgbench,
        "ratio": top["rps"] / pgbench["tps"],
        "worker_rss_mib": {"before": rss_before, "after": rss_after},
    }
    if profile:
        profile[1].wait()
        result["profile_top"] = runners.profile_top(profile[0])
    return result


def soak_run(args, workdir, master, players, max_rps) -> list[dict]:
    """Half the spread maximum for ``args.soak`` seconds, in one-minute chunks,
    with every worker's RSS sampled after each chunk."""
    rate, samples, chunk = 0.5 * max_rps, [], 60
    for n in range(max(1, args.soak // chunk)):
        path = workdir / f"soak-{n}.txt"
        stream = gen.stream(
            "spread", players, [], int(rate * chunk * 1.2), f"soak{n}", seed=100 + n
        )
        gen.requests_write(path, stream, base=BASE, key=KEY)
        result = runners.wrk_run(
            BASE, path, seconds=chunk, connections=args.connections, rate=rate
        )
        samples.append(
            {
                "minute": n + 1,
                "rps": round(result["rps"]),
                "p50_ms": result["p50_us"] / 1000,
                "p99_ms": result["p99_us"] / 1000,
                "statuses": result["statuses"],
                "worker_rss_mib": [
                    round(runners.rss_mib(pid), 1)
                    for pid in runners.worker_pids(master)
                ],
            }
        )
        path.unlink()
    return samples


def _ms(us):
    return f"{us / 1000:.1f}"


def report(results: dict) -> str:
    lines = [
        f"{'scenario':8} {'run':10} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} "
        f"{'max ms':>8}  statuses"
    ]
    for name, r in results["scenarios"].items():
        for run in ("app_max", "app_70"):
            x = r[run]
            lines.append(
                f"{name:8} {run:10} {x['rps']:8.0f} {_ms(x['p50_us']):>8} "
                f"{_ms(x['p99_us']):>8} {_ms(x['max_us']):>8}  "
                f"{x['statuses']} errors={x['socket_errors']}+{x['timeouts']}"
            )
        p = r["pgbench"]
        lines.append(
            f"{name:8} {'pgbench':10} {p['tps']:8.0f} {_ms(p['p50_us']):>8} "
            f"{_ms(p['p99_us']):>8} {_ms(p['max_us']):>8}  "
            f"failed={p['failed']}"
        )
        lines.append(
            f"{name:8} ratio app/pgbench = {r['ratio']:.2f}; worker RSS MiB "
            f"{r['worker_rss_mib']['before']} -> {r['worker_rss_mib']['after']}"
        )
    lines.append(f"ledger: {results['ledger']}")
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--seconds", type=int, default=15)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument(
        "--threads",
        type=int,
        default=1,
        help="threads per worker (gthread, keep-alive) when > 1",
    )
    parser.add_argument("--players", type=int, default=10_000)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument(
        "--soak",
        type=int,
        default=0,
        help="then hold 50%% of the spread maximum this many seconds",
    )
    args = parser.parse_args()
    env = app_env()
    database_fresh(env, args.players)
    players = gen.player_ids(args.players)
    RESULTS.mkdir(exist_ok=True)
    master = runners.gunicorn_start(
        env,
        port=PORT,
        workers=args.workers,
        threads=args.threads,
        log=RESULTS / "gunicorn.log",
    )
    try:
        with tempfile.TemporaryDirectory() as workdir:
            scenarios = {
                name: scenario_run(name, args, Path(workdir), master, players)
                for name in ("spread", "hot")
            }
            soak = (
                soak_run(
                    args,
                    Path(workdir),
                    master,
                    players,
                    scenarios["spread"]["app_max"]["rps"],
                )
                if args.soak
                else []
            )
    finally:
        master.terminate()
        master.wait()
    results = {
        "at": datetime.now(UTC).isoformat(),
        "settings": vars(args),
        "scenarios": scenarios,
        "soak": soak,
        "ledger": ledger_verify(env),
    }
    RESULTS.mkdir(exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    (RESULTS / f"webhook-load-{stamp}.json").write_text(json.dumps(results, indent=2))
    print(report(results))
    for sample in soak:
        print(
            f"soak minute {sample['minute']:2}: {sample['rps']} req/s, p50 "
            f"{sample['p50_ms']:.1f} ms, p99 "
            f"{sample['p99_ms']:.1f} ms, {sample['statuses']}, worker RSS MiB "
            f"{sample['worker_rss_mib']}"
        )
    for name, r in scenarios.items():
        for frame, share in r.get("profile_top", []):
            print(f"profile {name}: {share:5.1f}%  {frame}")


if __name__ == "__main__":
    main()
