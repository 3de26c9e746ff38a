"""SMS text from templates/notifications/sms/<type>.<lang>.txt (English fallback)."""

from django.conf import settings
from django.template.loader import select_template

OTP_MASK = "****"


def message_render(notification, *, reveal: bool = True) -> str:
    """The SMS text; with ``reveal=False`` an OTP code shows as ``****``."""
    context = dict(notification.data)
    if notification.type == "otp":
        context["code"] = notification.secret if reveal else OTP_MASK
        context["minutes"] = max(1, settings.SMS_OTP_TTL // 60)
    template = select_template(
        [
            f"notifications/sms/{notification.type}.{notification.lang}.txt",
            f"notifications/sms/{notification.type}.en.txt",
        ]
    )
    return template.render(context).strip()
