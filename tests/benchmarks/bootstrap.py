"""Point Django at the benchmark database (created and migrated if needed)."""

import contextlib
import os
import sys

BENCH_DATABASE_URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/operator_bench"
)


def database_create(url: str) -> None:
    import psycopg
    from psycopg import errors, sql

    base, name = url.rsplit("/", 1)
    with (
        psycopg.connect(f"{base}/postgres", autocommit=True) as connection,
        contextlib.suppress(errors.DuplicateDatabase),
    ):
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def django_setup() -> None:
    database_create(BENCH_DATABASE_URL)
    os.environ["DATABASE_URL"] = BENCH_DATABASE_URL
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "operator_site.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0, stdout=sys.stderr)
