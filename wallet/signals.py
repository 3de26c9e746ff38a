"""Logins, logouts and failed logins go into the audit trail."""

from django.contrib.auth.signals import (
    user_logged_in,
    user_logged_out,
    user_login_failed,
)
from django.dispatch import receiver

from wallet.services.backoffice import audit_record


def _ip(request):
    return request.META.get("REMOTE_ADDR") if request is not None else None


@receiver(user_logged_in)
def login_audit(sender, request, user, **kwargs):
    audit_record(
        actor=user,
        action="login",
        target=f"user:{user.username}",
        ip_address=_ip(request),
    )


@receiver(user_logged_out)
def logout_audit(sender, request, user, **kwargs):
    if user is not None:
        audit_record(
            actor=user,
            action="logout",
            target=f"user:{user.username}",
            ip_address=_ip(request),
        )


@receiver(user_login_failed)
def login_failed_audit(sender, credentials, request=None, **kwargs):
    username = str(credentials.get("username", ""))[:150]
    audit_record(
        actor=None,
        action="login_failed",
        target=f"user:{username}",
        ip_address=_ip(request),
    )
