"""Keeps each activity's stored completeness facts (ProcessingActivity.STORED_FACTS) current on every save.

Each part an Art. 30 item looks at (purposes, retention rules, transfers, the category links, a
category's kind) refreshes the activities it belongs to when it is saved, deleted, linked or
unlinked: one UPDATE per change, inside the same transaction, so a read straight after sees it.
The admin, the import and history all persist through save() and the related managers, so the
signals see every change; the facts that depend on the date are never stored.
"""

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save

from ropa.models import PersonalDataCategory, ProcessingActivity, Purpose, RetentionRule, Transfer

PARTS = (Purpose, RetentionRule, Transfer)
LINKS = ("data_subject_categories", "personal_data_categories", "recipient_categories", "security_measures")


_deferred = threading.local()


def refresh(ids) -> None:
    ids = {pk for pk in ids if pk is not None}
    pending = getattr(_deferred, "ids", None)
    if pending is not None:
        pending |= ids
    elif ids:
        ProcessingActivity.objects.filter(pk__in=ids).refresh_completeness()


@contextmanager
def deferred() -> Iterator[None]:
    """Collect the activities changed inside the block and refresh each once when it ends (bulk writes).

    For code that writes many parts of many activities (the demo, an import) and reads no stored fact
    before the end: one UPDATE for all instead of one per part. Nested blocks join the outer one; if the
    block raises, nothing is refreshed (the transaction around it is rolled back anyway).
    """
    if getattr(_deferred, "ids", None) is not None:
        yield
        return
    _deferred.ids = set()
    try:
        yield
        ids = _deferred.ids
    finally:
        _deferred.ids = None
    refresh(ids)


def _remember_previous_activity(sender, instance, raw=False, **kwargs) -> None:
    # A part moved to another activity leaves its old one changed too.
    instance._completeness_previous = None
    if instance.pk and not raw:
        instance._completeness_previous = (
            sender.objects.filter(pk=instance.pk).values_list("activity_id", flat=True).first()
        )


def _part_changed(sender, instance, raw=False, **kwargs) -> None:
    if not raw:
        refresh({instance.activity_id, getattr(instance, "_completeness_previous", None)})


def _activity_saved(sender, instance, raw=False, **kwargs) -> None:
    # save() writes every column, the stored facts too, from what this instance last read.
    if not raw:
        refresh({instance.pk})


def _links_changed(sender, instance, action, reverse, pk_set, **kwargs) -> None:
    if not reverse:
        if action.startswith("post_"):
            refresh({instance.pk})
        return
    # From the other side (category.processingactivity_set.add(...)): the activities are in pk_set,
    # or, for clear(), the ones linked just before.
    if action == "pre_clear":
        instance._completeness_cleared = set(
            sender.objects.filter(**{f"{type(instance)._meta.model_name}": instance})
            .values_list("processingactivity_id", flat=True)
        )
    elif action == "post_clear":
        refresh(getattr(instance, "_completeness_cleared", set()))
    elif action.startswith("post_"):
        refresh(pk_set or set())


def _category_saved(sender, instance, raw=False, **kwargs) -> None:
    # Art. 9 and Art. 10: a category that becomes special or criminal changes every activity holding it.
    if not raw and instance.pk:
        through = ProcessingActivity.personal_data_categories.through
        refresh(through.objects.filter(personaldatacategory=instance).values_list("processingactivity_id", flat=True))


def connect() -> None:
    for model in PARTS:
        uid = f"ropa.completeness.{model._meta.model_name}"
        pre_save.connect(_remember_previous_activity, sender=model, dispatch_uid=f"{uid}.pre_save")
        post_save.connect(_part_changed, sender=model, dispatch_uid=f"{uid}.post_save")
        post_delete.connect(_part_changed, sender=model, dispatch_uid=f"{uid}.post_delete")
    post_save.connect(_activity_saved, sender=ProcessingActivity, dispatch_uid="ropa.completeness.activity")
    for name in LINKS:
        through = getattr(ProcessingActivity, name).through
        m2m_changed.connect(_links_changed, sender=through, dispatch_uid=f"ropa.completeness.{name}")
    post_save.connect(_category_saved, sender=PersonalDataCategory, dispatch_uid="ropa.completeness.category")
