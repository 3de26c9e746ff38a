"""SMS backends, chosen by settings.SMS_BACKEND as Django chooses e-mail ones."""

from django.conf import settings
from django.utils.module_loading import import_string


def sms_backend_get():
    return import_string(settings.SMS_BACKEND)()
