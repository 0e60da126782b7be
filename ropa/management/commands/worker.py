"""The worker beside the web: `worker --watch` sends the outbox and runs background jobs (imports, ropa/jobs/).

The outbox's watch loop (requests/management/commands/send_outbox.py) with one background job run after each
batch of e-mails: one process, one systemd unit, one lease mechanism. Several workers may run at once.
"""

import datetime

from requests.management.commands import send_outbox
from ropa.jobs.worker import run_jobs


class Command(send_outbox.Command):
    worker_label = "Worker"
    help = (
        "Send the outbox and run background jobs (imports). With --watch, keep running until stopped; several "
        "workers may run at once. E-mail failures are retried with back-off; a job has a time limit."
    )

    def work(self, batch: int, lease: datetime.timedelta) -> tuple[int, int]:
        sent, failed = super().work(batch, lease)
        if not self.stopping:
            ran = run_jobs(limit=1, stop=lambda: self.stopping)
            if ran:
                self.stdout.write(f"{ran} job(s) run")
        return sent, failed

    def handle(self, *args, watch: bool, **options) -> None:
        self.stopping = False
        if not watch:
            # One pass (cron): what is due now in the outbox, then every job waiting.
            super().handle(*args, watch=False, **options)
            while run_jobs(limit=1):
                pass
            return
        super().handle(*args, watch=True, **options)
