"""The outbox worker: `send_outbox --watch` keeps sending; without `--watch` one pass (for cron)."""

import datetime
import logging
import signal
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, close_old_connections

from requests.models.outbox import BATCH, LEASE, send_outbox

logger = logging.getLogger("requests.models.outbox")


class Command(BaseCommand):
    worker_label = "Outbox worker"
    help = (
        "Send the e-mails waiting in the rights-request outbox. With --watch, keep running and send new ones "
        "within --interval seconds; several workers may run at once. Failures are retried with back-off."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--watch", action="store_true", help="keep running until stopped (SIGTERM or Ctrl-C)")
        parser.add_argument("--interval", type=float, default=1.0, help="seconds between polls when idle (--watch)")
        parser.add_argument("--batch", type=int, default=BATCH, help="messages claimed and sent per SMTP connection")
        parser.add_argument(
            "--lease", type=float, default=LEASE.total_seconds(),
            help="seconds a claim lasts before another worker may retry the message; renewed when half is gone, so "
            "half of it must outlast a send (several EMAIL_TIMEOUTs)",
        )

    def handle(self, *args, watch: bool, interval: float, batch: int, lease: float, **options) -> None:
        if batch < 1 or lease < 1 or interval <= 0:
            raise CommandError("--batch and --lease must be at least 1, --interval above 0.")
        self.stopping = False
        lease_delta = datetime.timedelta(seconds=lease)
        if not watch:
            self.report(*send_outbox(batch=batch, lease=lease_delta))
            return
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, self.stop)
        self.stdout.write(f"{self.worker_label} started (poll every {interval:g} s); stop with Ctrl-C or SIGTERM.")
        pause = interval
        while not self.stopping:
            close_old_connections()  # a restarted database is reconnected on the next poll
            try:
                sent, failed = self.work(batch, lease_delta)
            except DatabaseError as error:
                # One line per try, waiting longer each time (up to a minute): the database may be restarting.
                pause = min(60.0, max(interval, pause * 2))
                logger.warning("Outbox worker: database error, next try in %.0f s: %s", pause, error)
                sent = failed = 0
            else:
                pause = interval
            if sent or failed:
                self.report(sent, failed)
            self.sleep(pause)
        self.stdout.write(f"{self.worker_label} stopped.")

    def work(self, batch: int, lease: datetime.timedelta) -> tuple[int, int]:
        """One round of the watch loop; `manage.py worker` runs the background jobs in it as well."""
        return send_outbox(batch=batch, lease=lease, stop=lambda: self.stopping)

    def stop(self, signum, frame) -> None:
        self.stopping = True

    def sleep(self, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while not self.stopping and time.monotonic() < deadline:
            time.sleep(min(0.1, seconds))

    def report(self, sent: int, failed: int) -> None:
        self.stdout.write(f"{sent} sent, {failed} failed")
        if failed:
            self.stderr.write(self.style.WARNING(f"{failed} e-mail(s) could not be sent; they are retried later."))
