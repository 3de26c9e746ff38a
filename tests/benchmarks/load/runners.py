"""Processes the load benchmark drives: gunicorn, wrk, pgbench, py-spy."""

import json
import os
import re
import subprocess
import time
import urllib.error
import urllib.request
from collections import Counter
from pathlib import Path

LOAD = Path(__file__).parent
REPO = LOAD.parent.parent.parent


def gunicorn_start(
    env: dict, *, port: int, workers: int, threads: int = 1, log: Path
) -> subprocess.Popen:
    """gunicorn in the background; its output goes to ``log`` (a pipe nobody
    reads would fill up and block every worker)."""
    process = subprocess.Popen(
        [
            str(REPO / ".venv/bin/gunicorn"),
            "operator_site.wsgi:application",
            "--workers",
            str(workers),
            "--worker-class",
            "gthread" if threads > 1 else "sync",
            "--threads",
            str(threads),
            "--bind",
            f"127.0.0.1:{port}",
            "--backlog",
            "2048",
            "--log-level",
            "warning",
        ],
        cwd=REPO,
        env=env,
        stdout=log.open("ab"),
        stderr=subprocess.STDOUT,
    )
    for _ in range(100):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz") as answer:
                if answer.status == 200:
                    return process
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError(
        "gunicorn did not become ready: " + process.stderr.read().decode()
    )


def worker_pids(master: subprocess.Popen) -> list[int]:
    children = Path(f"/proc/{master.pid}/task/{master.pid}/children").read_text()
    return [int(pid) for pid in children.split()]


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def wrk_run(
    url: str,
    requests: Path,
    *,
    seconds: int,
    connections: int,
    threads: int = 2,
    rate: float = 0,
) -> dict:
    env = {
        **os.environ,
        "WRK_THREADS": str(threads),
        "WRK_CONNECTIONS": str(connections),
    }
    done = subprocess.run(
        [
            "wrk",
            f"-t{threads}",
            f"-c{connections}",
            f"-d{seconds}s",
            "--timeout",
            "10s",
            "-s",
            str(LOAD / "replay.lua"),
            url,
            "--",
            str(requests),
            str(int(rate)),
        ],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    line = next(x for x in done.stdout.splitlines() if x.startswith("WRK_RESULT "))
    result = json.loads(line.removeprefix("WRK_RESULT "))
    result["rps"] = result["requests"] / (result["duration_us"] / 1e6)
    return result


def pgbench_run(
    database: str,
    script: str,
    workdir: Path,
    *,
    seconds: int,
    connections: int,
    variables: dict,
) -> dict:
    script_path = workdir / "bet.sql"
    script_path.write_text(script)
    for old in workdir.glob("pgb*"):
        old.unlink()
    defines = [
        arg for name, value in variables.items() for arg in ("-D", f"{name}={value}")
    ]
    done = subprocess.run(
        [
            "pgbench",
            "-h",
            "127.0.0.1",
            "-U",
            "postgres",
            "-n",
            "-M",
            "simple",
            "-c",
            str(connections),
            "-j",
            "2",
            "-T",
            str(seconds),
            "-f",
            str(script_path),
            "--log",
            f"--log-prefix={workdir / 'pgb'}",
            *defines,
            database,
        ],
        capture_output=True,
        text=True,
        check=True,
        cwd=workdir,
    )
    tps = float(re.search(r"tps = ([\d.]+) \(without initial", done.stdout).group(1))
    latencies = sorted(
        int(line.split()[2])
        for log in workdir.glob("pgb*")
        for line in log.read_text().splitlines()
    )
    failed = re.search(r"number of failed transactions: (\d+)", done.stdout)

    def percentile(p):
        return latencies[min(len(latencies) - 1, int(len(latencies) * p / 100))]

    return {
        "tps": tps,
        "p50_us": percentile(50),
        "p99_us": percentile(99),
        "max_us": latencies[-1],
        "transactions": len(latencies),
        "failed": int(failed.group(1)) if failed else 0,
    }


def profile_start(pid: int, output: Path, seconds: int) -> subprocess.Popen:
    return subprocess.Popen(
        [
            str(REPO / ".venv/bin/py-spy"),
            "record",
            "--pid",
            str(pid),
            "--duration",
            str(seconds),
            "--rate",
            "250",
            "--format",
            "raw",
            "--output",
            str(output),
            "--nonblocking",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


OWN_CODE = ("operator_site/", "wallet/", "webhooks/", "notifications/")


def profile_top(raw: Path, limit: int = 12) -> list[tuple[str, float]]:
    """Where a worker spends its samples: our own functions (inclusive share),
    then the leaf functions (self share), from py-spy's collapsed stacks."""
    inclusive, leaves, total = Counter(), Counter(), 0
    for line in raw.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        frames, n = stack.split(";"), int(count)
        total += n
        leaves[frames[-1]] += n
        for frame in set(frames):
            if any(part in frame for part in OWN_CODE):
                inclusive[frame] += n
    own = [
        (f"own  {frame}", 100 * n / total) for frame, n in inclusive.most_common(limit)
    ]
    self_time = [
        (f"self {frame}", 100 * n / total)
        for frame, n in leaves.most_common(limit // 2)
    ]
    return own + self_time


def requests_send_all(base: str, path: Path, *, workers: int = 16) -> Counter:
    """Send every line of a request file once, concurrently; count the statuses."""
    from concurrent.futures import ThreadPoolExecutor

    def send(line: str) -> int:
        target, signature, body = line.rstrip("\n").split("\t", 2)
        request = urllib.request.Request(  # noqa: S310
            base + target,
            data=body.encode(),
            method="POST",
            headers={"Content-Type": "application/json", "Hype-Hash": signature},
        )
        try:
            with urllib.request.urlopen(request, timeout=30) as answer:  # noqa: S310
                return answer.status
        except urllib.error.HTTPError as error:
            return error.code

    with ThreadPoolExecutor(workers) as pool:
        return Counter(pool.map(send, path.read_text().splitlines()))
