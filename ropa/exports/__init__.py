"""Export of the record for Datatilsynet (Art. 30(4)): XLSX or zipped CSV, in Norwegian, English or Swedish.

Every path (this package, the admin's changelist export, the command line) neutralises cells that
could run as formulas; see ropa.exports.cells.
"""

import datetime
from typing import BinaryIO

from django.core.exceptions import ValidationError
from django.db.models import Min
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext

from ropa.exports.breaches import breach_register_sheet
from ropa.exports.cookies import cookie_register_sheet
from ropa.exports.layouts import DEFAULT_LANGUAGE, LANGUAGES
from ropa.exports.record import Sheet, build_sheets
from ropa.exports.writers import XLSX_CONTENT_TYPE, ZIP_CONTENT_TYPE, write_csv_zip, write_xlsx
from ropa.models import Organisation, ProcessingActivity

FORMATS = ("xlsx", "csv")
CONTENT_TYPES = {"xlsx": XLSX_CONTENT_TYPE, "csv": ZIP_CONTENT_TYPE}
EXTENSIONS = {"xlsx": "xlsx", "csv": "zip"}


def validate_day(day: datetime.date) -> None:
    """The record can be shown as it stood on any past day or today, not on a day still to come, nor on a day
    before its history begins: that workbook would be empty, and look like a record with nothing in it."""
    if day > timezone.localdate():
        raise ValidationError(_("The record cannot be shown as of a future date."), code="future_date")
    first = first_recorded_day()
    if first is not None and day < first:
        raise ValidationError(
            _("The record's history begins on %(first)s: on %(day)s nothing had been recorded in ropa yet. "
              "Choose %(first)s or a later day."),
            code="before_history", params={"first": date_format(first), "day": date_format(day)},
        )


def first_recorded_day() -> datetime.date | None:
    """The local day of the earliest change to a controller or an activity, None while there is none."""
    moments = [
        model.history.model.objects.aggregate(first=Min("history_date"))["first"]
        for model in (Organisation, ProcessingActivity)
    ]
    moments = [moment for moment in moments if moment is not None]
    return timezone.localdate(min(moments)) if moments else None


def export_record(
    stream: BinaryIO,
    file_format: str = "xlsx",
    language: str = DEFAULT_LANGUAGE,
    day: datetime.date | None = None,
    organisation: Organisation | None = None,
    within: set[int] | None = None,
) -> None:
    """Write the record as it stood at the end of `day` (today by default) to `stream`; with `within`, only
    the organisations of those ids (the workspaces of the person exporting)."""
    if file_format not in FORMATS:
        raise ValueError(f"Unknown format {file_format!r}; use one of {', '.join(FORMATS)}.")
    if language not in LANGUAGES:
        raise ValueError(f"Unknown layout {language!r}; use one of {', '.join(LANGUAGES)}.")
    sheets = build_sheets(day, organisation, language, within) + [
        breach_register_sheet(day, organisation, language, within),
        cookie_register_sheet(day, organisation, language, within),
    ]
    if file_format == "xlsx":
        write_xlsx(sheets, stream)
    else:
        write_csv_zip(sheets, stream, language)


def export_filename(file_format: str, language: str, day: datetime.date | None = None) -> str:
    """The file's name in the words of its layout: a Norwegian record is a "behandlingsprotokoll"."""
    day = day or timezone.localdate()
    with translation.override(language):
        words = pgettext("file name", "record-of-processing")
    return f"{words}-{day.isoformat()}-{language}.{EXTENSIONS[file_format]}"


__all__ = [
    "CONTENT_TYPES", "DEFAULT_LANGUAGE", "FORMATS", "LANGUAGES", "Sheet", "build_sheets", "export_filename",
    "export_record", "first_recorded_day", "validate_day",
]
