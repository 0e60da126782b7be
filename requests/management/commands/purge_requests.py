"""Erase closed rights requests past their retention period, history included: run it daily from cron.

It also erases web-form requests whose e-mail address was never confirmed, and spent rate-limit counters.
"""

from django.conf import settings
from django.core.management.base import BaseCommand

from requests.intake.purge import expired_unconfirmed_requests, purge_unconfirmed_requests, unconfirmed_cutoff
from requests.purge import expired_requests, purge_expired_requests, retention_cutoff
from requests.ratelimit import purge_expired_buckets


class Command(BaseCommand):
    help = (
        "Delete rights requests closed more than RIGHTS_REQUEST_RETENTION_YEARS ago with their history, "
        "attachments and e-mails, keeping anonymous statistics; and web-form requests left unconfirmed for "
        "INTAKE_UNCONFIRMED_DAYS."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="Only say how many requests would be erased.")

    def handle(self, *args, dry_run: bool, **options) -> None:
        cutoff, unconfirmed_since = retention_cutoff(), unconfirmed_cutoff()
        days = settings.INTAKE_UNCONFIRMED_DAYS
        if dry_run:
            count = expired_requests().count()
            self.stdout.write(f"{count} request(s) closed on or before {cutoff} would be erased")
            count = expired_unconfirmed_requests().count()
            self.stdout.write(f"{count} unconfirmed request(s) older than {days} day(s) would be erased")
            return
        erased = purge_expired_requests()
        years = settings.RIGHTS_REQUEST_RETENTION_YEARS
        self.stdout.write(f"{erased} request(s) closed on or before {cutoff} erased ({years}-year retention)")
        erased = purge_unconfirmed_requests()
        self.stdout.write(
            f"{erased} unconfirmed request(s) sent before {unconfirmed_since:%Y-%m-%d %H:%M} erased ({days}-day limit)"
        )
        purge_expired_buckets()
