"""The worker beside the web: `worker --watch` sends the outbox and the webhooks and runs background jobs (imports,
ropa/jobs/).

The outbox's watch loop (requests/management/commands/send_outbox.py) with the due webhook deliveries
(ropa/webhooks/delivery.py) and one background job run after each batch of e-mails, and the webhooks' scan of
approaching deadlines every few minutes: one process, one systemd unit, one lease mechanism. Several workers may
run at once.
"""

import datetime
import time

from requests.management.commands import send_outbox
from ropa.jobs.worker import run_jobs
from ropa.webhooks.delivery import deliver_due
from ropa.webhooks.scan import scan

SCAN_EVERY = 300.0  # seconds between two scans for time-based webhook events (breach clocks move by the hour)


class Command(send_outbox.Command):
    worker_label = "Worker"
    help = (
        "Send the outbox and the webhooks and run background jobs (imports). With --watch, keep running until "
        "stopped; several workers may run at once. E-mail and webhook failures are retried with back-off; a job "
        "has a time limit."
    )

    def work(self, batch: int, lease: datetime.timedelta) -> tuple[int, int]:
        sent, failed = super().work(batch, lease)
        if not self.stopping and time.monotonic() >= self.next_scan:
            self.next_scan = time.monotonic() + SCAN_EVERY
            scan()
        if not self.stopping:
            delivered, undelivered = deliver_due(stop=lambda: self.stopping)
            if delivered or undelivered:
                self.stdout.write(f"{delivered} webhook(s) delivered, {undelivered} to retry")
        if not self.stopping:
            ran = run_jobs(limit=1, stop=lambda: self.stopping)
            if ran:
                self.stdout.write(f"{ran} job(s) run")
        return sent, failed

    def handle(self, *args, watch: bool, **options) -> None:
        self.stopping = False
        self.next_scan = 0.0
        if not watch:
            # One pass (cron): what is due now in the outbox and the webhooks, then every job waiting.
            super().handle(*args, watch=False, **options)
            scan()
            deliver_due()
            while run_jobs(limit=1):
                pass
            return
        super().handle(*args, watch=True, **options)
