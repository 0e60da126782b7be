"""Writing an import plan's activities and transfers: every row with its history, in a fixed number of queries.

Saved one by one, a new activity cost about 110 queries: a "+" history row on save, then a "~" row for each
of its four link fields, each copying all six many-to-many tables back (and reading the activity again for
its excluded columns); a completeness refresh for each part; a save and a history row for each purpose. Here
each activity is still saved through save() (one INSERT), and the rest is written per chunk of activities:
its links in one INSERT per field, one history row per activity holding its links (as ropa/history/rows.py
writes one for the demo: "+" for a new activity, "~" for a changed one), its purposes, retention rules,
processor uses and transfers with their "+" rows in one INSERT per model each, and the stored completeness
facts once (completeness.deferred()). Every value was validated in the dry run (full_clean and the model's
rules), and the database's constraints still hold each insert.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import connection, models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from ropa.completeness import signals as completeness
from ropa.models import ProcessingActivity, ProcessorUse, Purpose, RetentionRule, Transfer

# Activities per completeness refresh: its UPDATE ... WHERE id IN (...) stays far below SQLite's 32,766
# parameters, and a chunk's links fit in a few bulk INSERTs.
CHUNK = 2000


@dataclass
class Author:
    """Who writes and why, set on every instance before it is saved so its history row carries both."""

    user: object
    reason: str

    def mark(self, instance: models.Model) -> None:
        if self.user is not None:
            instance._history_user = self.user
        instance._change_reason = self.reason

    def history_user(self):
        """The user simple-history would record: the one given, else the signed-in user of the request."""
        request = getattr(HistoricalRecords.context, "request", None)
        user = self.user or getattr(request, "user", None)
        return user if user is not None and user.is_authenticated else None


def save(instance: models.Model, author: Author) -> None:
    author.mark(instance)
    instance.save()


def delete(instance: models.Model, author: Author) -> None:
    author.mark(instance)
    instance.delete()


def write_activities(drafts: list, author: Author) -> None:
    """Save the new and changed activities of the plan, with their links, details and history."""
    pending = [draft for draft in drafts if draft.is_new or draft.changed]
    for start in range(0, len(pending), CHUNK):
        chunk = pending[start:start + CHUNK]
        with completeness.deferred():
            through_rows = _save_activities(chunk, author)
            _write_history_rows(chunk, through_rows, author)
            _write_details(chunk, author)


def write_transfers(drafts: list, author: Author) -> None:
    """New transfers in one INSERT per chunk with their "+" rows; a changed one through save()."""
    pending = [draft for draft in drafts if draft.is_new or draft.changed]
    for start in range(0, len(pending), CHUNK):
        chunk = pending[start:start + CHUNK]
        with completeness.deferred():
            for draft in chunk:
                if not draft.is_new:
                    save(draft.instance, author)
            new = [draft.instance for draft in chunk if draft.is_new]
            created_with_history(Transfer, new, author)
            completeness.refresh({transfer.activity_id for transfer in new})


def created_with_history(model: type[models.Model], objects: list[models.Model], author: Author) -> None:
    """Insert new objects of a model without custom save() and write the "+" row simple-history would write.

    Only for models whose save() signals are completeness's alone: the caller refreshes their activities.
    """
    if not objects:
        return
    _insert(model, objects)
    history_model = model.history.model
    _insert(history_model, [_history_row(history_model, instance, "+", author) for instance in objects])


def _save_activities(chunk: list, author: Author) -> dict[str, list[models.Model]]:
    """Save each activity without simple-history's rows; set the links of a changed one, and return the
    through rows of the new ones' links, inserted one field at a time."""
    through_rows: dict[str, list[models.Model]] = defaultdict(list)
    for draft in chunk:
        instance = draft.instance
        author.mark(instance)
        instance.skip_history_when_saving = True
        try:
            instance.save()
            if not draft.is_new:
                for name, items in draft.links.items():
                    if name in draft.changed:
                        getattr(instance, name).set(items)
        finally:
            del instance.skip_history_when_saving
        if draft.is_new:
            for name, items in draft.links.items():
                through, source, target = _through(name)
                through_rows[name].extend(through(**{source: instance.pk, target: item.pk}) for item in items)
    for name, rows in through_rows.items():
        _insert(_through(name)[0], rows)
    return through_rows


def _write_history_rows(chunk: list, through_rows: dict[str, list[models.Model]], author: Author) -> None:
    """One history row per activity holding its links: the new ones' from the rows just inserted, the
    changed ones' read back once per field."""
    history_model = ProcessingActivity.history.model
    rows = [_history_row(history_model, d.instance, "+" if d.is_new else "~", author) for d in chunk]
    _insert(history_model, rows)
    changed = [draft.instance.pk for draft in chunk if not draft.is_new]
    for field in history_model._history_m2m_fields:
        through, source, _target = _through(field.name)
        links = list(through_rows.get(field.name, []))
        if changed:
            links += through.objects.filter(**{f"{source}__in": changed})
        by_activity = defaultdict(list)
        for link in links:
            by_activity[getattr(link, source)].append(link)
        copy = HistoricalRecords.m2m_models[field]
        names = [through_field.attname for through_field in through._meta.concrete_fields]
        _insert(copy, [
            copy(history=row, **{name: getattr(link, name) for name in names})
            for row in rows for link in by_activity[row.id]
        ])


def _write_details(chunk: list, author: Author) -> None:
    """Purposes and retention rules the file gives are replaced in its order; processor uses added or ended."""
    new: dict[type[models.Model], list[models.Model]] = {Purpose: [], RetentionRule: [], ProcessorUse: []}
    for draft in chunk:
        activity = draft.instance
        for related, items, model in (("purposes", draft.purposes, Purpose),
                                      ("retention_rules", draft.retention_rules, RetentionRule)):
            if items is None or (not draft.is_new and related not in draft.changed):
                continue
            if not draft.is_new:
                for old in getattr(activity, related).all():
                    delete(old, author)
            for item in items:
                item.activity = activity
                new[model].append(item)
        if draft.processors is not None and (draft.is_new or "processors" in draft.changed):
            wanted = list(dict.fromkeys(processor.pk for processor in draft.processors))
            if not draft.is_new:
                for use in ProcessorUse.objects.filter(activity=activity):
                    if use.processor_id in wanted:
                        wanted.remove(use.processor_id)
                    else:
                        delete(use, author)
            new[ProcessorUse].extend(ProcessorUse(activity=activity, processor_id=pk) for pk in wanted)
    for model, objects in new.items():
        created_with_history(model, objects, author)


def _history_row(history_model: type[models.Model], instance: models.Model, history_type: str, author: Author):
    return history_model(
        history_date=timezone.now(),
        history_type=history_type,
        history_user=author.history_user(),
        history_change_reason=author.reason,
        **{field.attname: getattr(instance, field.attname) for field in history_model.tracked_fields},
    )


def _through(name: str) -> tuple[type[models.Model], str, str]:
    """A link field's through model and the attnames of its activity and its entry."""
    field = ProcessingActivity._meta.get_field(name)
    return field.remote_field.through, f"{field.m2m_field_name()}_id", f"{field.m2m_reverse_field_name()}_id"


def _insert(model: type[models.Model], objects: Iterable[models.Model]) -> None:
    """bulk_create, which gives each object its id on SQLite ≥ 3.35 and PostgreSQL; elsewhere one save() each,
    without simple-history's row (the caller writes it)."""
    objects = list(objects)
    if connection.features.can_return_rows_from_bulk_insert:
        model.objects.bulk_create(objects)
        return
    for instance in objects:
        instance.skip_history_when_saving = True
        try:
            instance.save()
        finally:
            del instance.skip_history_when_saving
