import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from notifications.services import DATABASE_TASK_BACKEND, notifications_requeue_stale


class Command(BaseCommand):
    help = (
        "Deliver queued SMS notifications: runs the database task worker on the "
        "'sms' queue, and queues again any notification no task took care of. "
        "With --once, one pass over what is due, then exit."
    )

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="one pass, then exit")
        parser.add_argument(
            "--interval", type=float, default=1.0, help="seconds between passes"
        )

    def handle(self, *args, once, interval, **options):
        backend = settings.TASKS["default"]["BACKEND"]
        if backend != DATABASE_TASK_BACKEND:
            raise CommandError(
                f"TASKS backend {backend} is not the database backend: run that "
                "backend's own worker on the 'sms' queue instead."
            )
        while True:
            requeued = notifications_requeue_stale()
            if requeued:
                self.stdout.write(f"queued again {requeued} stale notification(s)")
            call_command(
                "db_worker",
                queue_name="sms",
                batch=True,
                reload=False,
                startup_delay=False,
                verbosity=options["verbosity"],
            )
            if once:
                return
            time.sleep(interval)
