"""Staff see notifications with OTP codes masked; only some may resend."""

import pytest
from django.contrib.auth.models import Permission, User
from django.urls import reverse

from notifications.models import Notification
from tests.notifications.conftest import OTP, TICKET_STATUS, notify, run_worker

pytestmark = pytest.mark.django_db(transaction=True)
CHANGELIST = "admin:notifications_notification_changelist"


def _staff(*perms):
    user = User.objects.create_user("staff", password="pw", is_staff=True)
    for codename in ("view_notification", *perms):
        user.user_permissions.add(Permission.objects.get(codename=codename))
    return user


def _failed_notification(settings):
    settings.SMS_BACKEND = "notifications.backends.http.HttpSmsBackend"
    settings.SMS_HTTP_URL = "http://127.0.0.1:9/messages"
    settings.SMS_MAX_ATTEMPTS = 1
    notify("ticket_status", TICKET_STATUS)
    run_worker()
    return Notification.objects.get(status="failed")


def test_otp_code_is_masked_in_list_and_detail(admin_client):
    notify("otp", OTP)
    notification = Notification.objects.get()

    listing = admin_client.get(reverse(CHANGELIST))
    detail = admin_client.get(
        reverse("admin:notifications_notification_change", args=[notification.pk])
    )

    assert listing.status_code == detail.status_code == 200
    for page in (listing.content.decode(), detail.content.decode()):
        assert "4821" not in page
    assert "Your login code is ****." in detail.content.decode()


def test_search_by_phone_and_ticket_id_and_filter_by_type(admin_client):
    notify("otp", OTP)
    notify("ticket_status", TICKET_STATUS)

    by_phone = admin_client.get(reverse(CHANGELIST), {"q": "+260977223120"})
    by_ticket = admin_client.get(reverse(CHANGELIST), {"q": TICKET_STATUS["ticket_id"]})
    by_type = admin_client.get(reverse(CHANGELIST), {"type__exact": "otp"})

    assert [n.type for n in by_phone.context["cl"].result_list] == ["otp"]
    assert [n.type for n in by_ticket.context["cl"].result_list] == ["ticket_status"]
    assert [n.type for n in by_type.context["cl"].result_list] == ["otp"]


def test_resend_requeues_a_failed_notification(client, settings):
    notification = _failed_notification(settings)
    client.force_login(_staff("resend_notification"))

    response = client.post(
        reverse(CHANGELIST),
        {"action": "resend_failed", "_selected_action": [notification.pk]},
    )

    notification.refresh_from_db()
    assert response.status_code == 302
    assert (notification.status, notification.attempts) == ("queued", 0)


def test_staff_without_the_permission_neither_see_nor_can_post_resend(client, settings):
    notification = _failed_notification(settings)
    client.force_login(_staff())

    page = client.get(reverse(CHANGELIST))
    response = client.post(
        reverse(CHANGELIST),
        {"action": "resend_failed", "_selected_action": [notification.pk]},
    )

    assert "resend_failed" not in page.content.decode()
    assert response.status_code == 200
    notification.refresh_from_db()
    assert notification.status == "failed"
