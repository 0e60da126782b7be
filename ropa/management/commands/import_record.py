"""Import the record from a spreadsheet (our export, or a sheet like Datatilsynet's or the ICO's template).

Prints what each row will create or change and every error with sheet, row, column and reason. With
--dry-run nothing is written; without it, a file with any error writes nothing either.
"""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from ropa.imports import ImportFileError, ImportPlan, plan_import
from ropa.models import Organisation


class Command(BaseCommand):
    help = "Import the record of processing activities from an XLSX, CSV or zip of CSV files."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="Show what would happen; write nothing.")
        parser.add_argument(
            "--create-missing", action="store_true",
            help="Add unknown categories, systems, organisations and processors instead of reporting them as errors.",
        )
        parser.add_argument(
            "--organisation",
            help="Controller for sheets without a controller column (name or organisation number); "
                 "overrides a controller named in the title rows.",
        )
        parser.add_argument("--user", help="User name recorded in the history of what is written.")

    def handle(self, *args, **options) -> None:
        path: Path = options["path"]
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}.") from None
        user = None
        if options["user"]:
            user = get_user_model().objects.filter(username=options["user"]).first()
            if user is None:
                raise CommandError(f"No user named {options['user']!r}.")
        organisation = None
        if options["organisation"]:
            wanted = options["organisation"]
            organisation = (
                Organisation.objects.filter(name__iexact=wanted).first()
                or Organisation.objects.filter(organisation_number=wanted.replace(" ", "")).first()
            )
            if organisation is None:
                raise CommandError(f"No organisation named {options['organisation']!r}.")
        try:
            plan = plan_import(data, path.name, create_missing=options["create_missing"], organisation=organisation)
        except ImportFileError as error:
            raise CommandError(str(error)) from None
        self._report(plan)
        if plan.errors:
            raise CommandError(f"{len(plan.errors)} error(s); nothing was written.")
        if options["dry_run"]:
            self.stdout.write("Dry run: nothing was written.")
            return
        counts = plan.apply(user, filename=path.name)
        self.stdout.write(self.style.SUCCESS(
            f"Imported: {counts['create']} created, {counts['change']} changed, {counts['unchanged']} unchanged."
        ))

    def _report(self, plan: ImportPlan) -> None:
        for row in plan.rows:
            if row.action == "unchanged":
                continue
            changes = f" ({', '.join(row.changes)})" if row.changes and not row.details else ""
            self.stdout.write(f"{row.sheet}, row {row.row}: {row.action} {row.label}{changes}")
            for heading, old, new in row.details:
                self.stdout.write(f"    {heading}: {old or '–'} → {new or '–'}")
        for entry in plan.new_entries:
            self.stdout.write(f"new {entry._meta.verbose_name}: {entry.name}")
        for problem in plan.notes:
            self.stdout.write(f"read: {problem}")
        for problem in plan.warnings:
            self.stdout.write(f"warning: {problem}")
        for problem in plan.errors:
            self.stderr.write(f"error: {problem}")
