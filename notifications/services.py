"""Receiving notifications and delivering them as SMS.

Receiving stores a notification once and queues its delivery in the caller's
transaction. Delivering never holds a lock while the gateway is called: it
takes a lease on the row, sends, then records the attempt.
"""

import hashlib
import hmac
import json
import logging
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError
from django.db import transaction as db_transaction
from django.utils import timezone

from notifications.backends import sms_backend_get
from notifications.backends.base import SmsPermanentError, SmsTransientError
from notifications.models import DeliveryAttempt, Notification
from notifications.phones import e164_normalise, phone_mask
from notifications.rendering import OTP_MASK, message_render
from notifications.tasks import notification_deliver as notification_deliver_task

logger = logging.getLogger(__name__)
Status = Notification.Status
DATABASE_TASK_BACKEND = "django_tasks_db.DatabaseBackend"


def _dedup_key(kind: str, data: dict, window: int) -> str:
    text = json.dumps([kind, data, window], sort_keys=True, default=str)
    return hmac.new(
        settings.SECRET_KEY.encode(), text.encode(), hashlib.sha256
    ).hexdigest()


def delivery_enqueue(notification: Notification, *, run_after=None) -> None:
    """Queue a delivery task.

    The database task backend shares this database, so the task row is written
    in the same transaction as the notification: both or neither. A broker
    backend is only told after the commit, or it could run before the row exists.
    """
    task = notification_deliver_task
    if run_after is not None:
        task = task.using(run_after=run_after)
    if settings.TASKS["default"]["BACKEND"] == DATABASE_TASK_BACKEND:
        task.enqueue(notification.pk)
    else:
        pk = notification.pk
        db_transaction.on_commit(lambda: task.enqueue(pk))


def notification_receive(*, kind: str, data: dict, ticket=None, lang: str = ""):
    """Store a notification once and queue its SMS; return (notification, created).

    An identical resend (same type and data; for an OTP, within its lifetime
    window) finds the first one and queues nothing. A number that is not a
    valid phone number is stored as invalid and never sent.
    """
    secret, shown = "", dict(data)
    window = 0
    if kind == Notification.Type.OTP:
        secret, shown["code"] = str(data.get("code", "")), OTP_MASK
        window = int(timezone.now().timestamp()) // settings.SMS_OTP_TTL
    msisdn = str(data.get("msisdn") or "")
    phone = e164_normalise(msisdn, settings.SMS_DEFAULT_REGION) if msisdn else None
    status = Status.QUEUED if phone else (Status.INVALID if msisdn else Status.SKIPPED)
    key = _dedup_key(kind, data, window)
    try:
        with db_transaction.atomic():
            notification = Notification.objects.create(
                type=kind,
                status=status,
                dedup_key=key,
                msisdn=msisdn[:32],
                phone_e164=phone or "",
                ticket_reference=str(data.get("ticket_id") or ""),
                ticket=ticket,
                lang=lang or settings.SMS_DEFAULT_LANGUAGE,
                data=shown,
                secret=secret,
                next_attempt_at=timezone.now() if phone else None,
            )
    except IntegrityError:
        return Notification.objects.get(dedup_key=key), False
    if status == Status.QUEUED:
        delivery_enqueue(notification)
    logger.info(
        "notification %s #%s received for %s: %s",
        kind,
        notification.pk,
        phone_mask(phone or msisdn),
        status,
    )
    return notification, True


def _attempt_start(notification_id: int):
    """Lease the notification and open an attempt; None when nothing is due."""
    now = timezone.now()
    with db_transaction.atomic(durable=True):
        notification = (
            Notification.objects.select_for_update().filter(pk=notification_id).first()
        )
        if notification is None or notification.status not in (
            Status.QUEUED,
            Status.SENDING,
        ):
            return None
        if notification.status == Status.SENDING and notification.lease_until > now:
            return None
        ttl = timedelta(seconds=settings.SMS_OTP_TTL)
        if (
            notification.type == Notification.Type.OTP
            and notification.received_at + ttl < now
        ):
            notification.status = Status.EXPIRED
            notification.save(update_fields=["status"])
            logger.info("notification otp #%s expired unsent", notification.pk)
            return None
        notification.status = Status.SENDING
        notification.attempts += 1
        notification.lease_until = now + timedelta(seconds=settings.SMS_LEASE_SECONDS)
        notification.save(update_fields=["status", "attempts", "lease_until"])
        attempt = DeliveryAttempt.objects.create(
            notification=notification,
            number=notification.delivery_attempts.count() + 1,
            backend=settings.SMS_BACKEND.rsplit(".", 1)[-1],
            outcome=DeliveryAttempt.Outcome.STARTED,
        )
    return notification, attempt


def _retry_delay(attempts: int) -> timedelta:
    seconds = settings.SMS_RETRY_BACKOFF * 2 ** (attempts - 1)
    return timedelta(seconds=min(seconds, settings.SMS_RETRY_BACKOFF_MAX))


def _attempt_finish(notification, attempt, outcome: str, detail: str, gateway_id: str):
    now = timezone.now()
    with db_transaction.atomic(durable=True):
        notification = Notification.objects.select_for_update().get(pk=notification.pk)
        attempt.outcome, attempt.detail = outcome, detail
        attempt.gateway_id, attempt.finished_at = gateway_id, now
        attempt.save(update_fields=["outcome", "detail", "gateway_id", "finished_at"])
        if outcome == DeliveryAttempt.Outcome.SENT:
            notification.status, notification.sent_at = Status.SENT, now
        elif (
            outcome == DeliveryAttempt.Outcome.TRANSIENT
            and notification.attempts < settings.SMS_MAX_ATTEMPTS
        ):
            notification.status = Status.QUEUED
            notification.next_attempt_at = now + _retry_delay(notification.attempts)
            delivery_enqueue(notification, run_after=notification.next_attempt_at)
        else:
            notification.status = Status.FAILED
        notification.last_error = detail
        notification.lease_until = None
        notification.save(
            update_fields=[
                "status",
                "sent_at",
                "next_attempt_at",
                "last_error",
                "lease_until",
            ]
        )
    return notification.status


def notification_deliver(*, notification_id: int) -> str:
    """One delivery attempt; a transient failure is retried with backoff until
    SMS_MAX_ATTEMPTS, then the notification is failed for staff."""
    started = _attempt_start(notification_id)
    if started is None:
        return "nothing to do"
    notification, attempt = started
    text = message_render(notification)
    outcome, detail, gateway_id = DeliveryAttempt.Outcome.SENT, "", ""
    try:
        gateway_id = sms_backend_get().send(to=notification.phone_e164, text=text)
    except SmsTransientError as error:
        outcome, detail = DeliveryAttempt.Outcome.TRANSIENT, str(error)
    except SmsPermanentError as error:
        outcome, detail = DeliveryAttempt.Outcome.PERMANENT, str(error)
    status = _attempt_finish(notification, attempt, outcome, detail, gateway_id)
    logger.info(
        "notification %s #%s to %s: attempt %s %s -> %s",
        notification.type,
        notification.pk,
        phone_mask(notification.phone_e164),
        attempt.number,
        outcome,
        status,
    )
    return status


def notification_resend(*, notification_id: int) -> bool:
    """Queue a failed notification again, with a fresh set of attempts."""
    with db_transaction.atomic(durable=True):
        notification = Notification.objects.select_for_update().get(pk=notification_id)
        if notification.status != Status.FAILED:
            return False
        notification.status, notification.attempts = Status.QUEUED, 0
        notification.next_attempt_at = timezone.now()
        notification.save(update_fields=["status", "attempts", "next_attempt_at"])
        delivery_enqueue(notification)
    return True


def notifications_requeue_stale() -> int:
    """Queue again what no task took care of: due long ago, or a lapsed lease.

    A duplicate task is harmless: delivery re-checks the status under its lock.
    """
    now = timezone.now()
    stale = now - timedelta(seconds=settings.SMS_STALE_AFTER)
    count = 0
    with db_transaction.atomic(durable=True):
        for notification in (
            Notification.objects.select_for_update(skip_locked=True)
            .filter(status__in=[Status.QUEUED, Status.SENDING])
            .exclude(status=Status.QUEUED, next_attempt_at__gt=stale)
            .exclude(status=Status.SENDING, lease_until__gt=now)
        ):
            notification.next_attempt_at = now
            notification.save(update_fields=["next_attempt_at"])
            delivery_enqueue(notification)
            count += 1
    return count
