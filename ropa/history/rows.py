"""A new object's creation written to history in one row, with its many-to-many links, as simple-history would.

Saved the ordinary way, an object created with links gets a "+" row on save and then a "~" row for every
`.set()`/`.add()`, each copying all of the model's many-to-many tables back with joins. Where code creates an
object and its links together (the public form, the demo), `saved_with_links()` writes what that history
means in one row: the object as created, holding its links. The user and change reason are taken the way
simple-history takes them (`_history_user`, then the signed-in user; `_change_reason`).
"""

from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords


@contextmanager
def saved_with_links(instance: models.Model) -> Iterator[None]:
    """Inside the block, save() and link changes on `instance` write no history; on leaving, one "+" row does.

        with saved_with_links(request):
            request.save()
            request.rights.set(rights)
    """
    instance.skip_history_when_saving = True
    try:
        yield
    finally:
        del instance.skip_history_when_saving
    write_creation_row(instance)


def write_creation_row(instance: models.Model, links: dict[str, Iterable[models.Model]] | None = None):
    """Write the "+" history row of a saved `instance` and its copy of every tracked many-to-many link.

    `links` may give a field's through rows already in hand (a field given as empty costs no query);
    the others are read, one query per field.
    """
    links = links or {}
    history_model = type(instance).history.model
    request = getattr(HistoricalRecords.context, "request", None)
    user = getattr(instance, "_history_user", None) or getattr(request, "user", None)
    historical = history_model.objects.create(
        history_date=getattr(instance, "_history_date", None) or timezone.now(),
        history_type="+",
        history_user=user if user is not None and user.is_authenticated else None,
        # A reason the web request gives every row it writes (an API token's, ropa/api/history.py) when none is set.
        history_change_reason=(
            getattr(instance, "_change_reason", None) or getattr(request, "history_change_reason", None)
        ),
        **{field.attname: getattr(instance, field.attname) for field in history_model.tracked_fields},
    )
    for field in history_model._history_m2m_fields:
        through = field.remote_field.through
        rows = links.get(field.name)
        if rows is None:
            source = field.m2m_field_name()
            rows = through.objects.filter(**{source: instance})
        copy = HistoricalRecords.m2m_models[field]
        names = [through_field.attname for through_field in through._meta.concrete_fields]
        copy.objects.bulk_create([
            copy(history=historical, **{name: getattr(row, name) for name in names}) for row in rows
        ])
    return historical
