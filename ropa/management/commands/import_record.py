"""Import the record from a spreadsheet (our export, or a sheet like Datatilsynet's or the ICO's template).

Prints what each row will create or change and every error with sheet, row, column and reason, in the
language of --lang (else the default language). With --dry-run nothing is written; without it, a file
with any error writes nothing either.
"""

from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ropa.imports import ImportFileError, ImportPlan, parse_mappings, plan_import
from ropa.imports.plan import CREATE, UNCHANGED
from ropa.models import Organisation
from ropa.workspaces.access import has_perm_in


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
        parser.add_argument(
            "--map", action="append", default=[], metavar="HEADING=field",
            help="Read the column with this heading as this field (a field's key such as purposes, legal_bases, "
                 "retention, transfers, dpia_required, or one of its headings); remembered for the next import of "
                 "the same heading row. Repeat for more columns.",
        )
        parser.add_argument(
            "--map-entry", action="append", default=[], metavar="WORD=ENTRY",
            help="Take this word as the existing vocabulary entry ENTRY instead of creating it; remembered too.",
        )
        parser.add_argument("--user", help="User name recorded in the history of what is written.")
        parser.add_argument(
            "--lang", choices=[code for code, _name in settings.LANGUAGES],
            help="Language of the report and of the history's reason (default: the site's language).",
        )

    def handle(self, *args, **options) -> None:
        with translation.override(options["lang"] or translation.get_language()):
            self._import(options)

    def _import(self, options) -> None:
        path: Path = options["path"]
        try:
            data = path.read_bytes()
        except OSError as error:
            reason = {"path": path, "reason": error.strerror}
            raise CommandError(_("Cannot read %(path)s: %(reason)s.") % reason) from None
        user = None
        if options["user"]:
            user = get_user_model().objects.filter(username=options["user"]).first()
            if user is None:
                raise CommandError(_("No user named “%(name)s”.") % {"name": options["user"]})
        organisation = None
        if options["organisation"]:
            wanted = options["organisation"]
            organisation = (
                Organisation.objects.filter(name__iexact=wanted).first()
                or Organisation.objects.filter(organisation_number=wanted.replace(" ", "")).first()
            )
            if organisation is None:
                raise CommandError(_("No organisation named or numbered “%(name)s”.") % {"name": wanted})
            if user is not None and not has_perm_in(user, "ropa.import_processingactivity", organisation.workspace_id):
                # Said as for an unknown name: another client's controller is not confirmed to exist.
                raise CommandError(_("No organisation named or numbered “%(name)s”.") % {"name": wanted})
        try:
            plan = plan_import(
                data, path.name, create_missing=options["create_missing"], organisation=organisation,
                column_map=parse_mappings(options["map"]), entry_map=parse_mappings(options["map_entry"]),
            )
        except ImportFileError as error:
            raise CommandError(str(error)) from None
        except ValidationError as error:  # several workspaces and no --organisation to choose one
            raise CommandError(" ".join(error.messages)) from None
        self._report(plan)
        if plan.errors:
            raise CommandError(ngettext(
                "%(count)s error; nothing was written.", "%(count)s errors; nothing was written.", len(plan.errors),
            ) % {"count": len(plan.errors)})
        if options["dry_run"]:
            self.stdout.write(_("Dry run: nothing was written."))
            return
        counts = plan.apply(user, filename=path.name)
        self.stdout.write(self.style.SUCCESS(
            _("Imported: %(created)s created, %(changed)s changed, %(unchanged)s unchanged.") % {
                "created": counts["create"], "changed": counts["change"], "unchanged": counts["unchanged"],
            }
        ))

    def _report(self, plan: ImportPlan) -> None:
        for row in plan.rows:
            if row.action == UNCHANGED:
                continue
            values = {
                "sheet": row.sheet, "row": row.row, "label": row.label,
                "changes": f" ({', '.join(row.changes)})" if row.changes and not row.details else "",
            }
            if row.action == CREATE:
                self.stdout.write(_("%(sheet)s, row %(row)s: create %(label)s%(changes)s") % values)
            else:
                self.stdout.write(_("%(sheet)s, row %(row)s: change %(label)s%(changes)s") % values)
            for heading, old, new in row.details:
                self.stdout.write(f"    {heading}: {old or '–'} → {new or '–'}")
        for entry, kind, nearest in plan.new_entry_rows:
            line = _("new %(kind)s: %(name)s") % {"kind": kind, "name": entry.name}
            if nearest:
                line += " " + _("(nearest existing: %(entries)s; to use it: --map-entry \"%(name)s=…\")") % {
                    "entries": ", ".join(f"“{found}”" for found in nearest), "name": entry.name,
                }
            self.stdout.write(line)
        for problem in plan.skipped:
            self.stdout.write(_("skipped: %(problem)s") % {"problem": problem})
        for problem in plan.notes:
            self.stdout.write(_("read: %(problem)s") % {"problem": problem})
        for problem in plan.warnings:
            self.stdout.write(_("warning: %(problem)s") % {"problem": problem})
        for problem in plan.errors:
            self.stderr.write(_("error: %(problem)s") % {"problem": problem})
