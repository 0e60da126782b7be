"""Small helpers every sheet's rows share: names by id, lists a line each, yes and no in the export language."""

from ropa.exports.layouts import SHEETS
from ropa.models import YesNoUnknown

LINE = "\n"


def name_of(objects: dict, pk: int | None) -> str:
    found = objects.get(pk) if pk is not None else None
    return found.name if found is not None else ""


def labels(items) -> str:
    """Entries (vocabulary, organisations, systems) as one sorted name a line, in the active language."""
    return LINE.join(sorted((str(item) for item in items), key=str.casefold))


def yes_no(value: bool) -> str:
    return str(YesNoUnknown.YES.label if value else YesNoUnknown.NO.label)


def row(sheet: str, values: dict) -> list:
    """`values` in the column order of `sheet`; a missing key is a bug, so it raises."""
    return [values[column.key] for column in SHEETS[sheet]]
