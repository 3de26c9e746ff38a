"""A throwaway PostgreSQL cluster of the test's own, and a gunicorn in front.

initdb refuses to run as root, so the cluster belongs to the postgres user
when the tests run as root.
"""

import os
import shutil
import signal
import subprocess
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def _bin(name: str) -> str:
    found = sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"))
    if not found:
        raise RuntimeError(f"{name} not found: install postgresql")
    return str(found[-1])


def _as_owner(args: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *args] if os.geteuid() == 0 else args


class Cluster:
    def __init__(self, root: Path, port: int):
        self.data, self.port = root / "data", port
        self.log, self.sockets = root / "postgres.log", root
        root.chmod(0o755)
        if os.geteuid() == 0:
            shutil.chown(root, "postgres")

    def _ctl(self, *args: str, check: bool = True) -> None:
        """pg_ctl with the log file always given: without it the server writes
        to pg_ctl's output, and a pipe there would never close."""
        subprocess.run(
            _as_owner(
                [_bin("pg_ctl"), "-D", str(self.data), "-l", str(self.log), *args]
            ),
            check=check,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    def create(self) -> None:
        subprocess.run(
            _as_owner(
                [
                    _bin("initdb"),
                    "-D",
                    str(self.data),
                    "-U",
                    "postgres",
                    "--auth=trust",
                    "-E",
                    "UTF8",
                ]
            ),
            check=True,
            capture_output=True,
        )
        self.start()
        subprocess.run(
            [
                _bin("createdb"),
                "-h",
                "127.0.0.1",
                "-p",
                str(self.port),
                "-U",
                "postgres",
                "operator",
            ],
            check=True,
        )

    def start(self) -> None:
        options = f"-p {self.port} -k {self.sockets} -c listen_addresses=127.0.0.1"
        self._ctl("-o", options, "-w", "start")

    def restart_immediate(self) -> None:
        self._ctl("-m", "immediate", "-w", "restart")

    def stop(self, mode: str = "fast") -> None:
        self._ctl("-m", mode, "-w", "stop", check=False)

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/operator"


class Gunicorn:
    def __init__(self, env: dict, port: int, workers: int, log: Path):
        self.port = port
        self.process = subprocess.Popen(
            [
                str(REPO / ".venv/bin/gunicorn"),
                "operator_site.wsgi:application",
                "--workers",
                str(workers),
                "--bind",
                f"127.0.0.1:{port}",
                "--timeout",
                "20",
                "--graceful-timeout",
                "2",
            ],
            cwd=REPO,
            env=env,
            stdout=log.open("ab"),
            stderr=subprocess.STDOUT,
        )
        for _ in range(150):
            try:
                with urllib.request.urlopen(
                    f"http://127.0.0.1:{port}/healthz", timeout=1
                ):
                    return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("gunicorn did not start: " + log.read_text()[-2000:])

    def workers(self) -> list[int]:
        path = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in path.read_text().split()]

    def kill_a_worker(self, rng) -> bool:
        workers = self.workers()
        if not workers:
            return False
        os.kill(rng.choice(workers), signal.SIGKILL)
        return True

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
