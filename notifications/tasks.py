"""Task wrappers: they only call notifications.services."""

from django_tasks import task


@task(queue_name="sms")
def notification_deliver(notification_id: int) -> str:
    from notifications.services import notification_deliver as deliver

    return deliver(notification_id=notification_id)
