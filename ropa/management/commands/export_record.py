"""Write the record for Datatilsynet to a file: XLSX or zipped CSV, nb/en/sv, as of any past day (Art. 30(4))."""

import datetime
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db.models import Q

from ropa.exports import DEFAULT_LANGUAGE, FORMATS, LANGUAGES, export_record, validate_day
from ropa.models import Organisation


def _day(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"--as-of must be a date as YYYY-MM-DD, not {value!r}.") from None


class Command(BaseCommand):
    help = "Export the record of processing activities as Datatilsynet reads it, today or as of a past day."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--format", choices=FORMATS, default="xlsx", help="xlsx (one workbook) or csv (a zip).")
        parser.add_argument("--lang", choices=LANGUAGES, default=DEFAULT_LANGUAGE, help="Layout language.")
        parser.add_argument("--as-of", type=_day, metavar="YYYY-MM-DD", help="The record as it stood that day.")
        parser.add_argument("--organisation", help="Only this controller (name or organisation number).")
        parser.add_argument("--output", required=True, type=Path, help="File to write; '-' is not supported.")

    def handle(self, *args, **options) -> None:
        day = options["as_of"]
        if day is not None:
            try:
                validate_day(day)
            except ValidationError as error:
                raise CommandError(" ".join(error.messages)) from None
        organisation = self._organisation(options["organisation"])
        output: Path = options["output"]
        if output.is_dir():
            raise CommandError(f"--output {output} is a directory; name the file to write.")
        if not output.parent.exists():
            raise CommandError(f"The directory {output.parent} does not exist.")
        try:
            with output.open("wb") as stream:
                export_record(stream, options["format"], options["lang"], day, organisation)
        except OSError as error:
            raise CommandError(f"Cannot write {output}: {error.strerror}.") from None
        when = day.isoformat() if day else "today"
        self.stdout.write(self.style.SUCCESS(f"Wrote the record as of {when} to {output}."))

    def _organisation(self, value: str | None) -> Organisation | None:
        if not value:
            return None
        matches = list(Organisation.objects.filter(Q(name__iexact=value) | Q(organisation_number=value))[:2])
        if len(matches) != 1:
            problem = "No organisation" if not matches else "More than one organisation"
            raise CommandError(f"{problem} matches --organisation {value!r}.")
        return matches[0]
