"""Optional per-provider IP allow-lists, with trusted proxies."""

import pytest

from tests.ledger import balance_of
from tests.webhooks.betstack.conftest import BetstackSender, create_payload
from tests.webhooks.hypetech.conftest import payload

pytestmark = pytest.mark.django_db


def test_hypetech_caller_outside_the_list_is_refused(hypetech, wallet, settings):
    settings.HYPETECH_ALLOWED_IPS = ["203.0.113.0/24"]

    refused = hypetech.send("bet", payload("bet"), REMOTE_ADDR="198.51.100.7")
    allowed = hypetech.send("bet", payload("bet"), REMOTE_ADDR="203.0.113.9")

    assert (refused.status_code, refused.json()["code"]) == (403, "IP_NOT_ALLOWED")
    assert allowed.status_code == 200
    assert balance_of(wallet) == "800.00"


def test_forwarded_for_counts_only_behind_a_trusted_proxy(hypetech, wallet, settings):
    settings.HYPETECH_ALLOWED_IPS = ["203.0.113.0/24"]

    untrusted = hypetech.send(
        "bet",
        payload("bet"),
        REMOTE_ADDR="10.0.0.5",
        HTTP_X_FORWARDED_FOR="203.0.113.9",
    )
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    spoofed = hypetech.send(
        "bet",
        payload("bet"),
        REMOTE_ADDR="10.0.0.5",
        HTTP_X_FORWARDED_FOR="203.0.113.9, 198.51.100.7",
    )
    proxied = hypetech.send(
        "bet",
        payload("bet"),
        REMOTE_ADDR="10.0.0.5",
        HTTP_X_FORWARDED_FOR="198.51.100.7, 203.0.113.9",
    )

    assert (untrusted.status_code, spoofed.status_code, proxied.status_code) == (
        403,
        403,
        200,
    )


def test_betstack_caller_outside_the_list_is_refused(client, make_wallet, settings):
    make_wallet(user_id="p1", balance="100.00")
    settings.BETSTACK_ALLOWED_IPS = ["192.0.2.1/32"]

    response = BetstackSender(client).send(create_payload(), REMOTE_ADDR="192.0.2.2")

    assert (response.status_code, response.json()["code"]) == (403, 113)
