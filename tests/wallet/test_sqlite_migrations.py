"""`make run` uses SQLite: its migrations must run from nothing and leave the
ledger append-only (SQLite drops triggers when Django rebuilds a table)."""

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SIGNED_BET = """
import json
from django.test import Client
from webhooks.hypetech.signature import hype_hash
body = json.dumps({"user_id": "1001", "currency": "USD", "amount": "10.00",
    "provider_tx_id": "sq-1", "game": "aviador", "round_id": "r",
    "session_token": "s"}).encode()
url = "/webhooks/hypetech/bet"
signature = hype_hash(key="k", url="http://testserver" + url, body=body)
for _ in range(2):
    response = Client().post(url, body, content_type="application/json",
                             HTTP_HYPE_HASH=signature)
    assert response.status_code == 200, response.content
    assert response.json()["new_balance"] == "990.00", response.content
"""


def test_sqlite_migrates_from_scratch_and_keeps_the_ledger_append_only(tmp_path):
    database = tmp_path / "db.sqlite3"
    env = {
        name: value
        for name, value in os.environ.items()
        if name not in ("DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")
    }
    env["SQLITE_PATH"] = str(database)

    env |= {
        "HYPETECH_API_KEY": "k",
        "HYPETECH_WEBHOOK_BASE_URL": "",
        "ALLOWED_HOSTS": "testserver",
    }
    for command in (
        ["migrate", "-v0"],
        ["seed_demo"],
        ["shell", "-c", SIGNED_BET],
        ["check_ledger"],
    ):
        done = subprocess.run(
            [sys.executable, "manage.py", *command],
            cwd=REPO,
            env=env,
            capture_output=True,
            text=True,
        )
        assert done.returncode == 0, done.stdout + done.stderr

    connection = sqlite3.connect(database)
    connection.execute(
        "INSERT INTO wallet_auditrecord (actor_name, action, target, reason, "
        "created_at) VALUES ('t', 'login', '', '', '2026-01-01')"
    )
    for statement in (
        "UPDATE wallet_transaction SET reason = 'x'",
        "DELETE FROM wallet_transaction",
        "UPDATE wallet_auditrecord SET reason = 'x'",
    ):
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            connection.execute(statement)
