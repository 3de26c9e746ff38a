"""Support views everything and moves no money; Finance also corrects."""

from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from tests.ledger import balance_of
from wallet.models import AuditRecord, MoneyRequest, Player
from wallet.roles import FINANCE, SUPPORT
from wallet.services import wallet_adjust

pytestmark = pytest.mark.django_db


@pytest.fixture
def debit(make_wallet):
    wallet = make_wallet(user_id="26", balance="100.00")
    return wallet_adjust(wallet=wallet, amount=Decimal("-30"), reason="charge")


def _as(client, user):
    client.force_login(user)
    return client


def test_groups_are_created_by_a_migration_with_their_permissions():
    support = set(
        Group.objects.get(name=SUPPORT).permissions.values_list("codename", flat=True)
    )
    finance = set(
        Group.objects.get(name=FINANCE).permissions.values_list("codename", flat=True)
    )

    assert {
        "view_transaction",
        "view_player",
        "view_ticket",
        "view_notification",
        "view_auditrecord",
    } <= support
    assert (
        not {
            "reverse_transaction",
            "adjust_wallet",
            "change_player_status",
            "approve_moneyrequest",
        }
        & support
    )
    assert {
        "reverse_transaction",
        "adjust_wallet",
        "change_player_status",
        "approve_moneyrequest",
    } <= finance
    assert support < finance


@pytest.mark.parametrize(
    "page",
    [
        "wallet_player",
        "wallet_transaction",
        "wallet_bet",
        "wallet_ticket",
        "wallet_auditrecord",
        "notifications_notification",
        "wallet_providercall",
    ],
)
def test_support_can_view_every_list(client, staff_member, debit, page):
    response = _as(client, staff_member(SUPPORT)).get(
        reverse(f"admin:{page}_changelist")
    )

    assert response.status_code == 200


def test_support_does_not_see_money_actions(client, staff_member, debit):
    client = _as(client, staff_member(SUPPORT))

    transaction_page = client.get(
        reverse("admin:wallet_transaction_change", args=[debit.pk])
    ).content.decode()
    player_page = client.get(
        reverse("admin:wallet_player_change", args=[debit.wallet.player_id])
    ).content.decode()

    assert "Reverse…" not in transaction_page
    assert "self-exclude…" not in player_page
    assert "Adjust…" in player_page  # the link shows; the page refuses (below)


@pytest.mark.parametrize(
    ("url", "data"),
    [
        ("admin:wallet_transaction_reverse", {"reason": "x"}),
        (
            "admin:wallet_wallet_adjust",
            {"direction": "credit", "amount": "5", "reason": "x"},
        ),
        ("admin:wallet_player_status", {"status": "blocked", "reason": "x"}),
    ],
)
def test_support_is_refused_when_posting_money_actions(
    client, staff_member, debit, url, data
):
    target = {
        "admin:wallet_transaction_reverse": debit.pk,
        "admin:wallet_wallet_adjust": debit.wallet_id,
        "admin:wallet_player_status": debit.wallet.player_id,
    }[url]
    client = _as(client, staff_member(SUPPORT))

    get = client.get(reverse(url, args=[target]))
    post = client.post(reverse(url, args=[target]), data)

    assert (get.status_code, post.status_code) == (403, 403)
    assert balance_of(debit.wallet) == "70.00"
    assert Player.objects.get().status == "active"


def test_finance_reverses_through_the_confirmation_page(client, staff_member, debit):
    client = _as(client, staff_member(FINANCE))
    url = reverse("admin:wallet_transaction_reverse", args=[debit.pk])

    page = client.get(url).content.decode()
    no_reason = client.post(url, {"reason": ""})
    done = client.post(url, {"reason": "customer complaint"})
    again = client.post(url, {"reason": "customer complaint"}, follow=True)

    assert 'id="balance-now"><span class="money">70.00 USD' in page
    assert 'id="balance-after"><span class="money">100.00 USD' in page
    assert no_reason.status_code == 200
    assert done.status_code == 302
    assert "already reversed" in again.content.decode()
    assert balance_of(debit.wallet) == "100.00"
    assert AuditRecord.objects.filter(action="transaction_reverse").count() == 1


def test_finance_adjusts_and_changes_status(client, staff_member, debit):
    client = _as(client, staff_member(FINANCE))

    client.post(
        reverse("admin:wallet_wallet_adjust", args=[debit.wallet_id]),
        {"direction": "debit", "amount": "10.00", "reason": "fee"},
    )
    client.post(
        reverse("admin:wallet_player_status", args=[debit.wallet.player_id]),
        {"status": "self_excluded", "reason": "asked by the player"},
    )

    assert balance_of(debit.wallet) == "60.00"
    assert Player.objects.get().status == "self_excluded"


def test_adjust_refuses_more_decimals_than_the_currency(client, staff_member, debit):
    client = _as(client, staff_member(FINANCE))

    response = client.post(
        reverse("admin:wallet_wallet_adjust", args=[debit.wallet_id]),
        {"direction": "credit", "amount": "1.001", "reason": "x"},
    )

    assert "Too many decimals for USD" in response.content.decode()
    assert balance_of(debit.wallet) == "70.00"


def test_four_eyes_reversal_waits_for_a_second_finance_user(
    client, staff_member, debit, settings
):
    settings.BACKOFFICE_FOUR_EYES = True
    maker, checker = staff_member(FINANCE, "maker"), staff_member(FINANCE, "checker")
    _as(client, maker).post(
        reverse("admin:wallet_transaction_reverse", args=[debit.pk]),
        {"reason": "refund"},
    )
    request = MoneyRequest.objects.get()
    assert balance_of(debit.wallet) == "70.00"
    changelist = reverse("admin:wallet_moneyrequest_changelist")

    client.post(changelist, {"action": "approve", "_selected_action": [request.pk]})
    assert MoneyRequest.objects.get().status == "pending"
    _as(client, checker).post(
        changelist, {"action": "approve", "_selected_action": [request.pk]}
    )

    assert MoneyRequest.objects.get().status == "approved"
    assert balance_of(debit.wallet) == "100.00"


def test_support_cannot_approve_requests(client, staff_member, debit, settings):
    request = MoneyRequest.objects.create(
        kind="reversal",
        transaction=debit,
        reason="x",
        maker=staff_member(FINANCE, "maker"),
    )
    client = _as(client, staff_member(SUPPORT))

    client.post(
        reverse("admin:wallet_moneyrequest_changelist"),
        {"action": "approve", "_selected_action": [request.pk]},
    )

    assert MoneyRequest.objects.get().status == "pending"
    assert balance_of(debit.wallet) == "70.00"
