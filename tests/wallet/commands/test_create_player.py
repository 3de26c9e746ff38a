import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from wallet.models import Player

pytestmark = pytest.mark.django_db


def _run(*args):
    out = StringIO()
    call_command("create_player", *args, stdout=out)
    return json.loads(out.getvalue())


def test_create_player_prints_the_player_as_json():
    printed = _run(
        "--user-id", "42", "--currency", "brl", "--balance", "12.30", "--name", "Ana"
    )

    assert printed == {
        "user_id": "42",
        "display_name": "Ana",
        "status": "active",
        "wallets": [{"currency": "BRL", "balance": "12.30"}],
    }


def test_create_player_twice_changes_nothing():
    _run("--user-id", "42", "--currency", "USD", "--balance", "5")

    printed = _run("--user-id", "42", "--currency", "USD", "--balance", "500")

    assert printed["wallets"] == [{"currency": "USD", "balance": "5.00"}]
    assert Player.objects.count() == 1


@pytest.mark.parametrize(
    ("balance", "currency", "message"),
    [
        ("abc", "USD", "not a decimal"),
        ("1.001", "USD", "more than 2 decimals"),
        ("1", "XXX", "unknown currency"),
    ],
)
def test_create_player_refuses_bad_arguments(balance, currency, message):
    with pytest.raises(CommandError, match=message):
        call_command(
            "create_player",
            "--user-id",
            "1",
            "--currency",
            currency,
            "--balance",
            balance,
            stdout=StringIO(),
        )

    assert not Player.objects.exists()


def test_seed_demo_is_idempotent_and_prints_the_admin_login():
    out = StringIO()
    call_command("seed_demo", stdout=out)
    call_command("seed_demo", stdout=StringIO())

    assert "login admin / admin" in out.getvalue()
    assert Player.objects.count() == 4
    assert {w.currency for p in Player.objects.all() for w in p.wallets.all()} == {
        "USD",
        "BRL",
    }
