"""Small helpers every sheet's rows share: names by id, lists a line each, labels in the export language.

Labels are worked out once per export and then looked up: a 10,000-activity record repeats the same
few hundred vocabulary entries and choice labels hundreds of thousands of times, and translating each
occurrence again would cost more than reading the record from history.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from operator import itemgetter

from django.db import models
from django_countries import countries

from ropa.exports.layouts import SHEETS
from ropa.models import LegalBasis, YesNoUnknown

LINE = "\n"

_labels: ContextVar[dict | None] = ContextVar("ropa_export_labels", default=None)


@contextmanager
def remembered_labels() -> Iterator[None]:
    """Within the block (and the active language), each label is translated once."""
    token = _labels.set({})
    try:
        yield
    finally:
        _labels.reset(token)


def _remember(key, make):
    cache = _labels.get()
    if cache is None:
        return make()
    found = cache.get(key)
    if found is None:
        found = cache[key] = make()
    return found


def name_of(objects: dict, pk: int | None) -> str:
    found = objects.get(pk) if pk is not None else None
    return found.name if found is not None else ""


def label(item: models.Model) -> str:
    """An entry's name in the active language (Vocabulary.label), or an organisation's or system's name."""
    return _remember((type(item), item.pk), lambda: str(item))


def labels(items) -> str:
    """Entries (or plain names) as one sorted name a line."""
    return lines([label(item) if isinstance(item, models.Model) else str(item) for item in items])


def lines(names: list[str]) -> str:
    """Labels already worked out, as one sorted name a line."""
    if len(names) < 2:
        return names[0] if names else ""
    return LINE.join(sorted(names, key=str.casefold))


def display(instance: models.Model, field_name: str) -> str:
    """The label of a choice field's value, like get_FOO_display() but translated once per export."""
    value = getattr(instance, field_name)
    if value is None or value == "":
        return ""
    # Read for every choice cell of the record, so the cache is read here without _remember()'s closure.
    cache = _labels.get()
    key = (instance.__class__, field_name)
    choices = cache.get(key) if cache is not None else None
    if choices is None:
        choices = _choice_labels(instance, field_name)
        if cache is not None:
            cache[key] = choices
    found = choices.get(value)
    return found if found is not None else str(value)


def _choice_labels(instance: models.Model, field_name: str) -> dict:
    return {value: str(text) for value, text in instance._meta.get_field(field_name).flatchoices}


def basis(value: str) -> str:
    return _remember(("basis", value), lambda: LegalBasis.label(value)) if value else ""


def remembered(key: tuple, make) -> str:
    """Any other label built from a few values (a retention rule's summary, a transfer tool)."""
    return _remember(key, make)


def country_name(code) -> str:
    return _remember(("country", str(code)), lambda: str(countries.name(code))) if code else ""


def yes_no(value: bool) -> str:
    return _remember(("yes_no", value), lambda: str(YesNoUnknown.YES.label if value else YesNoUnknown.NO.label))


_IN_ORDER = {sheet: itemgetter(*(column.key for column in columns)) for sheet, columns in SHEETS.items()}


def row(sheet: str, values: dict) -> list:
    """`values` in the column order of `sheet`; a missing key is a bug, so it raises."""
    return list(_IN_ORDER[sheet](values))
