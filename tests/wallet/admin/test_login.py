"""Logins and failed logins are audited; brute force is locked out."""

import zoneinfo

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from wallet.models import AuditRecord, StaffProfile
from wallet.roles import SUPPORT

pytestmark = pytest.mark.django_db
LOGIN = "admin:login"


def _login(client, password):
    return client.post(
        reverse(LOGIN),
        {"username": "support", "password": password, "next": "/admin/"},
        REMOTE_ADDR="10.1.2.3",
    )


def test_login_and_failed_login_are_audited(client, staff_member):
    staff_member(SUPPORT)

    _login(client, "wrong")
    _login(client, "pw-12345")

    records = list(
        AuditRecord.objects.order_by("pk").values_list("action", "target", "ip_address")
    )
    assert records == [
        ("login_failed", "user:support", "10.1.2.3"),
        ("login", "user:support", "10.1.2.3"),
    ]


def test_repeated_failures_lock_the_account_out(client, staff_member, settings):
    staff_member(SUPPORT)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "wrong")

    response = _login(client, "pw-12345")

    assert response.status_code == 429
    assert not AuditRecord.objects.filter(action="login").exists()


def test_times_show_in_the_staff_members_time_zone(client, staff_member, make_wallet):
    wallet = make_wallet(user_id="26", balance="10.00")
    entry = wallet.transactions.get()
    user = staff_member(SUPPORT)
    StaffProfile.objects.create(user=user, time_zone="America/Sao_Paulo")
    client.force_login(user)

    page = client.get(reverse("admin:wallet_transaction_change", args=[entry.pk]))

    local = entry.created_at.astimezone(zoneinfo.ZoneInfo("America/Sao_Paulo"))
    utc = entry.created_at.astimezone(zoneinfo.ZoneInfo("UTC"))
    assert date_format(local, "DATETIME_FORMAT") in page.content.decode()
    assert date_format(utc, "DATETIME_FORMAT") not in page.content.decode()
    assert timezone.get_current_timezone_name() == "UTC"
