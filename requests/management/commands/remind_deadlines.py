"""E-mail assignees about rights requests due soon or overdue: run it daily from cron."""

from django.core.management.base import BaseCommand, CommandError

from requests.reminders import send_deadline_reminders


class Command(BaseCommand):
    help = "E-mail each assignee their open rights requests due within --days days or overdue (Art. 12(3))."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--days", type=int, default=7, help="Remind about requests due within this many days.")

    def handle(self, *args, days: int, **options) -> None:
        if days < 0:
            raise CommandError("--days cannot be negative.")
        queued = send_deadline_reminders(days)
        self.stdout.write(f"{queued} reminder(s) queued")
