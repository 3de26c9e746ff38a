"""Support finds a ticket by id or code and sees its history."""

import pytest
from django.urls import reverse

from tests.webhooks.betstack.conftest import TICKET, BetstackSender
from wallet.models import Ticket

pytestmark = pytest.mark.django_db


@pytest.fixture
def settled_ticket(client, make_wallet):
    make_wallet(user_id="p1", balance="100.00")
    sender = BetstackSender(client)
    sender.create()
    sender.act("ticket_win")
    sender.act("ticket_rollback", reason="result corrected")
    return Ticket.objects.get(ticket_id=TICKET)


@pytest.mark.parametrize("query", [TICKET, "CD4BDD"])
def test_ticket_is_found_by_id_or_code(admin_client, settled_ticket, query):
    response = admin_client.get(reverse("admin:wallet_ticket_changelist"), {"q": query})

    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == [settled_ticket]


def test_ticket_page_shows_every_transition_and_movement(admin_client, settled_ticket):
    response = admin_client.get(
        reverse("admin:wallet_ticket_change", args=[settled_ticket.pk])
    )

    page = response.content.decode()
    for action in ("ticket_create", "ticket_win", "ticket_rollback"):
        assert action in page
    assert "result corrected" in page
    assert "-26.0200" in page
