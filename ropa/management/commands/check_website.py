"""Check a controller's website against the record: `manage.py check_website URL --controller ORGNR`.

Prints each finding on a line of its own, in the officer's language. `--queued` runs the checks the admin's
button queued instead (the worker runs each as a job, ropa/website/jobs.py; this is for cron, where no worker runs).
"""

import dataclasses

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q
from django.utils import translation

from ropa.models import Organisation
from ropa.website.browse import Limits, Options
from ropa.website.checks import run_check
from ropa.website.models import Website, WebsiteCheck


def _pair(value: str) -> tuple[str, str]:
    host, separator, address = value.partition("=")
    if not separator or not host or not address:
        raise CommandError(f"--resolve {value!r}: write it as HOST=ADDRESS, e.g. shop.example=127.0.0.1.")
    return host.strip().lower(), address.strip()


class Command(BaseCommand):
    help = "Visit a website before consent, after “reject all” and after “accept all”, and compare with the record."

    def add_arguments(self, parser):
        parser.add_argument("url", nargs="?", help="The start page.")
        parser.add_argument("--controller", help="The controller's organisation number (or its name).")
        parser.add_argument("--pages", type=int, default=10, help="Pages to visit below the start page (10).")
        parser.add_argument("--allow-private", action="store_true", help="Allow private and loopback addresses.")
        parser.add_argument("--resolve", action="append", default=[], metavar="HOST=ADDRESS",
                            help="Send HOST to ADDRESS, as curl's --resolve does (repeatable).")
        parser.add_argument("--page-seconds", type=float, default=15.0, help="Time limit per page (15).")
        parser.add_argument("--total-seconds", type=float, default=300.0, help="Time limit for the whole check (300).")
        parser.add_argument("--queued", action="store_true", help="Run the checks queued from the admin.")
        parser.add_argument("--language", default=None, help="nb, en or sv (default: the site's language).")

    def handle(self, *args, **options):
        with translation.override(options["language"] or settings.LANGUAGE_CODE):
            run = Options(
                resolve=dict(_pair(value) for value in options["resolve"]),
                allow_private=options["allow_private"],
                chromium=getattr(settings, "CHROMIUM", "/usr/bin/chromium"),
                limits=Limits(options["pages"], options["page_seconds"], options["total_seconds"]),
            )
            if options["queued"]:
                checks = list(WebsiteCheck.objects.filter(status=WebsiteCheck.Status.QUEUED).select_related("website"))
            else:
                checks = [WebsiteCheck.objects.create(website=self._website(options["url"], options["controller"]))]
            for check in checks:
                self._run(check, run)

    def _website(self, url: str | None, controller: str | None) -> Website:
        if not url or not controller:
            raise CommandError("Give the start page and --controller ORGNR (or --queued).")
        organisation = Organisation.objects.filter(
            Q(organisation_number=controller.replace(" ", "")) | Q(name=controller)
        ).first()
        if organisation is None:
            raise CommandError(f"No organisation with the number or name {controller!r}.")
        website = Website.objects.filter(organisation=organisation, address=url).first()
        if website is None:
            website = Website(organisation=organisation, address=url)
            website.full_clean()
            website.save()
        return website

    def _run(self, check: WebsiteCheck, options: Options) -> None:
        def progress(done: int, planned: int) -> None:
            self.stderr.write(f"\r{done}/{planned}", ending="")

        findings = run_check(check, dataclasses.replace(options), progress)
        self.stderr.write("")
        if check.status == WebsiteCheck.Status.FAILED:
            raise CommandError(check.error)
        for finding in findings:
            marker = "+ " if finding.is_new else "  "
            self.stdout.write(f"{marker}{finding.get_kind_display()}: {finding.message()}")
        self.stdout.write(f"{check.website}: {check.pages_checked} pages, {len(findings)} findings.")
