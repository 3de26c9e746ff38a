"""simulate_traffic against a live server: realistic rounds, nothing breaks."""

from io import StringIO

import pytest
from django.core.management import call_command

from wallet.models import Bet, ProviderCall
from webhooks.hypetech.simulator import TrafficSimulator

pytestmark = pytest.mark.django_db(transaction=True)


def test_simulated_rounds_are_answered_and_settled(live_server, make_wallet, settings):
    settings.HYPETECH_WEBHOOK_BASE_URL = ""
    make_wallet(user_id="1001", balance="1000.00")
    make_wallet(user_id="26", currency="BRL", balance="500.00")
    out = StringIO()

    call_command(
        "simulate_traffic",
        "--url",
        live_server.url,
        "--rate",
        "40",
        "--duration",
        "3",
        "--key",
        "test-api-key-123",
        "--players",
        "1001:USD,26:BRL",
        "--seed",
        "7",
        stdout=out,
    )

    report = out.getvalue()
    assert "latency p50" in report
    assert "bet (too big)" in report and " 403 " in report
    statuses = set(ProviderCall.objects.values_list("response_status", flat=True))
    assert statuses <= {200, 403, 404}
    assert Bet.objects.exclude(status=Bet.Status.OPEN).exists()


def test_simulator_sends_a_resend_of_an_earlier_request():
    simulator = TrafficSimulator(
        url="http://x", key="k", players=[("1", "USD")], seed=1
    )
    simulator.sent.append(("bet", "bet", {"provider_tx_id": "a"}))

    labels = {simulator.next_request()[0] for _ in range(300)}

    assert {"bet", "resend", "bet (too big)"} <= labels
