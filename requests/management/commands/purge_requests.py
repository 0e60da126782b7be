"""Erase closed rights requests past their retention period, history included: run it daily from cron."""

from django.conf import settings
from django.core.management.base import BaseCommand

from requests.purge import expired_requests, purge_expired_requests, retention_cutoff


class Command(BaseCommand):
    help = (
        "Delete rights requests closed more than RIGHTS_REQUEST_RETENTION_YEARS ago with their history, "
        "attachments and e-mails, keeping anonymous statistics."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="Only say how many requests would be erased.")

    def handle(self, *args, dry_run: bool, **options) -> None:
        cutoff = retention_cutoff()
        if dry_run:
            count = expired_requests().count()
            self.stdout.write(f"{count} request(s) closed on or before {cutoff} would be erased")
            return
        erased = purge_expired_requests()
        years = settings.RIGHTS_REQUEST_RETENTION_YEARS
        self.stdout.write(f"{erased} request(s) closed on or before {cutoff} erased ({years}-year retention)")
