"""E-mail assignees about rights requests due soon or overdue, and officers about breaches: run it daily.

It also works out the record's completeness for the new day (agreements and adequacy decisions that ran out
overnight), so that the first admin page of the morning does not wait for it.
"""

from django.core.management.base import BaseCommand, CommandError

from requests.reminders import send_deadline_reminders
from ropa.breaches.reminders import send_breach_reminders
from ropa.models import ProcessingActivity
from ropa.webhooks.scan import scan


class Command(BaseCommand):
    help = (
        "E-mail each assignee their open rights requests due within --days days or overdue (Art. 12(3)), and "
        "privacy officers the breaches whose 72 hours to notify (Art. 33(1)) run out within --breach-hours."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--days", type=int, default=7, help="Remind about requests due within this many days.")
        parser.add_argument(
            # 48: run daily, every running clock is warned of at least a day before it ends.
            "--breach-hours", type=int, default=48,
            help="Warn privacy officers of breaches whose 72 hours (Art. 33(1)) end within this many hours.",
        )

    def handle(self, *args, days: int, breach_hours: int, **options) -> None:
        if days < 0 or breach_hours < 0:
            raise CommandError("--days and --breach-hours cannot be negative.")
        queued = send_deadline_reminders(days) + send_breach_reminders(breach_hours)
        self.stdout.write(f"{queued} reminder(s) queued")
        self.stdout.write(f"{scan()} webhook event(s) queued")  # the worker scans too; each event goes out once
        refreshed = ProcessingActivity.objects.bring_completeness_up_to_date()
        self.stdout.write(f"completeness worked out for today: {refreshed} activities")
