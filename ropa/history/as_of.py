"""The record as it stood at the end of a given day, rebuilt from history (Art. 30(4): on request).

Later exports and inquiries use `record_as_of()`; it runs a fixed number of queries whatever the
size of the record: one per tracked model and one per many-to-many link.
"""

import datetime
import gc
import inspect
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.apps import apps
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.db.models.base import ModelState
from django.db.models.fields.related_descriptors import ForeignKeyDeferredAttribute
from django.db.models.signals import post_init, pre_init
from django.utils import timezone

from ropa.models import (
    DataSubjectCategory,
    Organisation,
    PersonalDataCategory,
    ProcessingActivity,
    Purpose,
    RecipientCategory,
    RetentionRule,
    SecurityMeasure,
    System,
)

ACTIVITY_LINKS = {
    "joint_controllers": Organisation,
    "data_subject_categories": DataSubjectCategory,
    "personal_data_categories": PersonalDataCategory,
    "recipient_categories": RecipientCategory,
    "security_measures": SecurityMeasure,
    "systems": System,
}


@dataclass
class ActivitySnapshot:
    """One activity as it was: its own fields, its purposes and retention rules, and its links.

    `links` holds each link's entries sorted by label, `labels` their labels (in the active language) in
    the same order, so that an export of many activities translates each entry once.
    """

    activity: ProcessingActivity
    purposes: list[Purpose] = field(default_factory=list)
    retention_rules: list[RetentionRule] = field(default_factory=list)
    links: dict[str, list] = field(default_factory=dict)
    labels: dict[str, list[str]] = field(default_factory=dict)


@dataclass
class RecordSnapshot:
    moment: datetime.datetime
    organisations: dict[int, Organisation]
    activities: list[ActivitySnapshot]


def end_of_day(day: datetime.date) -> datetime.datetime:
    """The first instant after `day` in the configured time zone."""
    return timezone.make_aware(datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time.min))


def latest_versions(model: type[models.Model], moment: datetime.datetime):
    """Each object's last historical row before `moment`, leaving out objects deleted by then.

    "Last" is the highest history_id, not the latest history_date: several rows written in one save
    (a change and its many-to-many links) can share a timestamp, and ids never tie.
    """
    before = model.history.filter(history_date__lt=moment)
    later = before.filter(id=OuterRef("id"), history_id__gt=OuterRef("history_id"))
    return before.filter(~Exists(later)).exclude(history_type="-")


def rebuild(model: type[models.Model], versions) -> list[tuple[int, models.Model]]:
    """(history_id, instance) for each historical row, the instance built straight from the row's values.

    simple-history's `row.instance` runs the keyword constructor per row, and one more query per row
    for a model with fields left out of history; reading values and building instances as Django does
    for live rows keeps the export close to the cost of the query.
    """
    fields = model._meta.concrete_fields
    stored = {field.attname for field in versions.model._meta.concrete_fields}
    names = [field.attname for field in fields if field.attname in stored]
    # Fields not kept in history (derived data) get their defaults.
    defaults = {field.attname: field.get_default() for field in fields if field.attname not in stored}
    build = _builder(model, names, defaults, versions.db)
    return [(history_id, build(values)) for history_id, *values in versions.values_list("history_id", *names)]


def _builder(
    model: type[models.Model], names: list[str], defaults: dict, database: str,
) -> Callable[[list], models.Model]:
    """A function from a row's values (of the fields in `names`) to the instance `Model.from_db()` would build.

    Django's constructor assigns each field through its descriptor; for a row just read, that does
    nothing but store the value (a foreign key's id descriptor would only forget a related object that
    a new instance has not cached), so the values go straight into the instance's `__dict__`, and only
    fields whose descriptor does work on assignment (a country code cleaned, a file name wrapped) are
    assigned. A model that builds its instances its own way, or whose building signals a receiver,
    goes through `from_db()`.
    """
    if (
        model.__init__ is not models.Model.__init__
        or model.from_db.__func__ is not models.Model.from_db.__func__
        or pre_init.has_listeners(model)
        or post_init.has_listeners(model)
    ):
        attnames = [field.attname for field in model._meta.concrete_fields]

        def construct(values: list) -> models.Model:
            given = {**defaults, **dict(zip(names, values, strict=True))}
            return model.from_db(database, attnames, [given[name] for name in attnames])

        return construct

    assigned = [(index, name) for index, name in enumerate(names) if _assigns(model, name)]
    assigned_defaults = [(name, value) for name, value in defaults.items() if _assigns(model, name)]

    def build(values: list) -> models.Model:
        instance = object.__new__(model)
        state = ModelState()
        state.adding = False
        state.db = database
        attributes = instance.__dict__
        attributes["_state"] = state
        attributes.update(defaults)
        attributes.update(zip(names, values, strict=True))
        for index, name in assigned:
            setattr(instance, name, values[index])
        for name, value in assigned_defaults:
            setattr(instance, name, value)
        return instance

    return build


def _assigns(model: type[models.Model], attname: str) -> bool:
    """Does assigning this field do more than store the value in a new instance's `__dict__`?"""
    descriptor = inspect.getattr_static(model, attname, None)
    return hasattr(descriptor, "__set__") and not isinstance(descriptor, ForeignKeyDeferredAttribute)


@contextmanager
def no_cycle_collection() -> Iterator[None]:
    """Pause Python's cycle collector while a large snapshot or export is built.

    Rebuilding a record allocates a few objects per value that all live until it is used, and each of
    the collector's full passes walks every one of them again: at 10,000 activities, seven passes cost a
    third of building the export and found next to nothing, as records and rows hold no cycles.
    Reference counting still frees everything; the collector runs again when the block ends. It is one
    per process: an export in another thread may end the pause early, and none leaves it paused.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def instances_as_of(
    model: type[models.Model], moment: datetime.datetime, only: Q | None = None,
) -> dict[int, models.Model]:
    """Each object of `model` as it stood at `moment`; with `only`, those whose last version meets that condition."""
    versions = latest_versions(model, moment)
    if only is not None:
        versions = versions.filter(only)
    return {instance.pk: instance for _history_id, instance in rebuild(model, versions)}


def in_workspaces(organisations: set[int]) -> Q:
    """The versions of a workspace-owned entry (an organisation, a processor, a system, a vocabulary entry) that may
    belong to the workspaces of these organisations: theirs, or none (shared vocabulary, and versions recorded
    before workspaces existed, issue 23). A superset, for narrowing a read to a few workspaces of a large install;
    the caller keeps only what its activities link."""
    workspaces = Organisation.objects.filter(pk__in=organisations).values("workspace_id")
    return Q(workspace_id__in=workspaces) | Q(workspace_id__isnull=True)


def activities_of(organisations: set[int]):
    """The ids of every activity ever recorded under these organisations (a subquery): the activities a narrowed
    read may need the parts of. A superset, as an activity may have moved; the caller keeps its own."""
    return ProcessingActivity.history.filter(organisation_id__in=organisations).values("id")


def narrowed_to(organisation: Organisation | None, within: set[int] | None) -> set[int] | None:
    """The organisations a narrowed record is read for, None for the whole install."""
    if organisation is not None:
        return {organisation.pk}
    return None if within is None else set(within)


def record_as_of(
    day: datetime.date, organisation: Organisation | None = None, within: set[int] | None = None,
) -> RecordSnapshot:
    """The controller's record exactly as it stood at the end of `day` (in TIME_ZONE).

    `within`, when given, keeps only the organisations with those ids and their activities: the controllers of the
    workspaces a person may see, so that "every controller" never reaches past them.

    Activities deleted later are included, ones created later are not, and every link (categories,
    recipients, systems) is the set that was recorded on the activity's last version before then.
    """
    with no_cycle_collection():
        return _record_as_of(day, organisation, within)


def _record_as_of(day: datetime.date, organisation: Organisation | None, within: set[int] | None) -> RecordSnapshot:
    moment = end_of_day(day)
    # A narrowed record (one controller, or the controllers of a person's workspaces) reads only what may belong
    # to them, so that one client's export in an install of many costs what it costs alone (issue 23).
    narrowed = narrowed_to(organisation, within)
    if narrowed is None:
        organisations = instances_as_of(Organisation, moment)
        vocabularies = {name: instances_as_of(model, moment) for name, model in ACTIVITY_LINKS.items()}
    else:
        # The workspace's other controllers too (read from history, so one deleted since is still named): an
        # activity's joint controllers are named as they stood then.
        organisations = instances_as_of(Organisation, moment, in_workspaces(narrowed))
        vocabularies = {
            name: instances_as_of(model, moment, in_workspaces(narrowed))
            for name, model in ACTIVITY_LINKS.items() if model is not Organisation
        }
    if within is not None:
        organisations = {pk: org for pk, org in organisations.items() if pk in within}
    vocabularies["joint_controllers"] = organisations

    versions = latest_versions(ProcessingActivity, moment)
    if organisation is not None:
        versions = versions.filter(organisation_id=organisation.pk)
    if within is not None:
        versions = versions.filter(organisation_id__in=within)
    # The links are read by a subquery rather than a list of ids: a list would pass one parameter per
    # activity, past SQLite's limit on a large record.
    history_ids = versions.values("history_id")
    versions = rebuild(ProcessingActivity, versions.order_by("name", "id"))

    links: dict[str, dict[int, list]] = {}
    labels: dict[str, dict[int, list[str]]] = {}
    for name, model in ACTIVITY_LINKS.items():
        m2m_history = apps.get_model("ropa", f"HistoricalProcessingActivity_{name}")
        target = f"{model._meta.model_name}_id"
        rows = list(m2m_history.objects.filter(history_id__in=history_ids).values_list("history_id", target))
        known = vocabularies[name]
        # An entry with no history before `moment` (seeded before history began) is shown as it is now.
        unknown = {target_id for _history_id, target_id in rows if target_id not in known}
        if unknown:
            known.update(model.objects.in_bulk(unknown))
        links[name], labels[name] = _by_version(rows, known)

    activity_ids = {activity.pk for _history_id, activity in versions}
    parts = {"purposes": latest_versions(Purpose, moment), "retention": latest_versions(RetentionRule, moment)}
    if narrowed is not None:
        parts = {key: part.filter(activity_id__in=activities_of(narrowed)) for key, part in parts.items()}
    purposes = defaultdict(list)
    for _history_id, purpose in rebuild(Purpose, parts["purposes"].order_by("id")):
        if purpose.activity_id in activity_ids:
            purposes[purpose.activity_id].append(purpose)
    retention = defaultdict(list)
    for _history_id, rule in rebuild(RetentionRule, parts["retention"].order_by("id")):
        if rule.activity_id in activity_ids:
            retention[rule.activity_id].append(rule)

    snapshots = []
    for history_id, activity in versions:
        if activity.organisation_id in organisations:
            activity.organisation = organisations[activity.organisation_id]
        snapshots.append(
            ActivitySnapshot(
                activity=activity,
                purposes=purposes[activity.pk],
                retention_rules=retention[activity.pk],
                links={name: by_version.get(history_id, []) for name, by_version in links.items()},
                labels={name: by_version.get(history_id, []) for name, by_version in labels.items()},
            )
        )
    return RecordSnapshot(moment=moment, organisations=organisations, activities=snapshots)


def _by_version(
    rows: list[tuple[int, int]], known: dict[int, models.Model],
) -> tuple[dict[int, list[models.Model]], dict[int, list[str]]]:
    """history_id -> the linked entries sorted by label, and history_id -> their labels.

    Each entry's label is worked out once (str() of a vocabulary entry looks up the active language), and
    one stable sort of all the links by it leaves every version's list in order, ties as they were stored.
    """
    names = {target_id: str(known[target_id]) for target_id in {target_id for _history_id, target_id in rows}
             if target_id in known}
    entries: dict[int, list[models.Model]] = defaultdict(list)
    labels: dict[int, list[str]] = defaultdict(list)
    for history_id, target_id in sorted((row for row in rows if row[1] in names), key=lambda row: names[row[1]]):
        entries[history_id].append(known[target_id])
        labels[history_id].append(names[target_id])
    return entries, labels
