"""Load the demo record (five Nordic companies from their privacy policies): for `make run` only."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ropa.demo import load_demo


class Command(BaseCommand):
    help = "Create or update the demo record of five companies (DEBUG only); running it again changes nothing."

    def handle(self, *args, **options) -> None:
        # Demo companies in a real record would be mistaken for real processing, so production is refused.
        if not settings.DEBUG:
            raise CommandError(_("load_demo only runs with DEBUG on; it would mix demo companies into a real record."))
        summary = load_demo()
        self.stdout.write(self.style.SUCCESS(
            _("Demo record: %(companies)d companies, %(activities)d activities, %(incomplete)d incomplete.") % {
                "companies": summary.companies, "activities": summary.activities, "incomplete": summary.incomplete,
            }
        ))
        for name in summary.published:
            self.stdout.write(_("Privacy notice published: %(name)s") % {"name": name})
        for name, reasons in summary.unpublished:
            self.stdout.write(ngettext(
                "Privacy notice not published, %(count)d thing to fill first: %(name)s",
                "Privacy notice not published, %(count)d things to fill first: %(name)s", len(reasons),
            ) % {"name": name, "count": len(reasons)})
