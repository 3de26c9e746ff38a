"""`manage.py check --deploy` is clean with production settings."""

import os
import subprocess
import sys
from pathlib import Path

PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": "p" * 30 + "-production-like-secret-for-the-check-" + "q" * 20,
    "ALLOWED_HOSTS": "operator.example.com",
    "SECURE_SSL_REDIRECT": "true",
    "SECURE_PROXY_SSL_HEADER": "true",
    "SECURE_HSTS_SECONDS": "31536000",
    "SECURE_HSTS_PRELOAD": "true",
    "SESSION_COOKIE_SECURE": "true",
    "CSRF_COOKIE_SECURE": "true",
}


def _environment(**values):
    """This process's environment less what only tests set, plus ``values``."""
    inherited = {
        name: value
        for name, value in os.environ.items()
        if name != "DJANGO_ALLOW_ASYNC_UNSAFE"
    }
    return inherited | values


def test_check_deploy_is_clean_with_production_settings():
    done = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=Path(__file__).resolve().parents[2],
        env=_environment(**PRODUCTION),
        capture_output=True,
        text=True,
        check=False,
    )

    assert done.returncode == 0, done.stdout + done.stderr
    assert "no issues" in done.stdout


def test_check_deploy_flags_development_settings():
    done = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=Path(__file__).resolve().parents[2],
        env=_environment(DEBUG="true", SECRET_KEY="short"),
        capture_output=True,
        text=True,
        check=False,
    )

    assert done.returncode != 0
    assert "security.W004" in done.stderr + done.stdout
