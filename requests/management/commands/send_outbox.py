"""Retry the e-mails still in the outbox: run it from cron every few minutes."""

from django.core.management.base import BaseCommand

from requests.models import send_outbox


class Command(BaseCommand):
    help = "Send every e-mail still waiting in the rights-request outbox; failures stay queued for the next run."

    def handle(self, *args, **options) -> None:
        sent, failed = send_outbox()
        self.stdout.write(f"{sent} sent, {failed} failed")
        if failed:
            self.stderr.write(self.style.WARNING(f"{failed} e-mail(s) could not be sent; see the outbox in the admin."))
