"""Keeps each activity's stored completeness facts (ropa.models.activities.FACTS) current on every save.

Each part an Art. 30 item looks at (purposes, retention rules, transfers, DPIAs and screenings, uses of
processors, the category links and joint controllers, a category's kind) and each record a fact reads (a
processor's agreements, role and countries, the adequacy decisions, the contact details and country of the
controller and the joint controllers) refreshes the activities it concerns when it is saved, deleted, linked
or unlinked: one UPDATE per change, inside the same transaction, so a read straight after sees it. The admin,
the import and history all persist through save() and the related managers, so the signals see every change.
What the date alone changes (an agreement running out) is worked out again by the first read of each day
(`bring_completeness_up_to_date()`).
"""

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from django.db.models import Q
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save

from ropa.models import (
    AdequacyDecision,
    DataProcessingAgreement,
    Dpia,
    DpiaScreening,
    Organisation,
    PersonalDataCategory,
    ProcessingActivity,
    Processor,
    ProcessorUse,
    Purpose,
    RetentionRule,
    Transfer,
)

# Rows with an `activity` of their own.
PARTS = (Purpose, RetentionRule, Transfer, Dpia, DpiaScreening, ProcessorUse)
LINKS = (
    "data_subject_categories", "personal_data_categories", "recipient_categories", "security_measures",
    "joint_controllers",
)


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


def _previous(sender, instance, raw: bool, field: str):
    """The value `field` has in the database before this save: a part moved to another activity (or an
    agreement to another processor) leaves the old one changed too."""
    if instance.pk and not raw:
        return sender.objects.filter(pk=instance.pk).values_list(field, flat=True).first()
    return None


def _remember_previous_activity(sender, instance, raw=False, **kwargs) -> None:
    instance._completeness_previous = _previous(sender, instance, raw, "activity_id")


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


def _transfer_changed(sender, instance, raw=False, **kwargs) -> None:
    # Art. 30(1)(e): a transfer recorded on a processor (no activity) covers every activity using it.
    moved_from_processor = kwargs.get("created") is False and getattr(instance, "_completeness_previous", 0) is None
    if not raw and instance.processor_id and (instance.activity_id is None or moved_from_processor):
        _refresh_users_of({instance.processor_id})


def _category_saved(sender, instance, raw=False, **kwargs) -> None:
    # Art. 9 and Art. 10: a category that becomes special or criminal changes every activity holding it.
    if not raw and instance.pk:
        through = ProcessingActivity.personal_data_categories.through
        refresh(through.objects.filter(personaldatacategory=instance).values_list("processingactivity_id", flat=True))


def _agreement_changed(sender, instance, raw=False, **kwargs) -> None:
    # Art. 28(3): an agreement signed, changed, ended or deleted changes every activity using its processor.
    if not raw:
        _refresh_users_of({instance.processor_id, getattr(instance, "_completeness_previous_processor", None)})


def _remember_previous_processor(sender, instance, raw=False, **kwargs) -> None:
    instance._completeness_previous_processor = _previous(sender, instance, raw, "processor_id")


def _processor_saved(sender, instance, raw=False, **kwargs) -> None:
    # A processor's role decides whether it needs an agreement (joint and independent controllers do not).
    if not raw and instance.pk:
        _refresh_users_of({instance.pk})


def _refresh_users_of(processor_ids) -> None:
    refresh(ProcessorUse.objects.filter(processor__in=processor_ids - {None}).values_list("activity_id", flat=True))


def _decision_changed(sender, instance, raw=False, **kwargs) -> None:
    # Art. 45: a decision added, amended or repealed can change any transfer.
    if not raw:
        refresh(Transfer.objects.exclude(activity=None).values_list("activity_id", flat=True))


def _organisation_saved(sender, instance, raw=False, **kwargs) -> None:
    # Its contact details are item (a), as controller or joint controller, and its country decides whether a
    # decision awaiting EEA incorporation already covers its transfers.
    if not raw and instance.pk:
        refresh(
            ProcessingActivity.objects.filter(Q(organisation=instance) | Q(joint_controllers=instance))
            .values_list("pk", flat=True)
        )


def connect() -> None:
    for model in PARTS:
        uid = f"ropa.completeness.{model._meta.model_name}"
        pre_save.connect(_remember_previous_activity, sender=model, dispatch_uid=f"{uid}.pre_save")
        post_save.connect(_part_changed, sender=model, dispatch_uid=f"{uid}.post_save")
        post_delete.connect(_part_changed, sender=model, dispatch_uid=f"{uid}.post_delete")
    post_save.connect(_transfer_changed, sender=Transfer, dispatch_uid="ropa.completeness.transfer.processor.save")
    post_delete.connect(_transfer_changed, sender=Transfer, dispatch_uid="ropa.completeness.transfer.processor.delete")
    post_save.connect(_activity_saved, sender=ProcessingActivity, dispatch_uid="ropa.completeness.activity")
    for name in LINKS:
        through = getattr(ProcessingActivity, name).through
        m2m_changed.connect(_links_changed, sender=through, dispatch_uid=f"ropa.completeness.{name}")
    post_save.connect(_category_saved, sender=PersonalDataCategory, dispatch_uid="ropa.completeness.category")
    uid = "ropa.completeness.agreement"
    pre_save.connect(_remember_previous_processor, sender=DataProcessingAgreement, dispatch_uid=f"{uid}.pre_save")
    post_save.connect(_agreement_changed, sender=DataProcessingAgreement, dispatch_uid=f"{uid}.post_save")
    post_delete.connect(_agreement_changed, sender=DataProcessingAgreement, dispatch_uid=f"{uid}.post_delete")
    post_save.connect(_processor_saved, sender=Processor, dispatch_uid="ropa.completeness.processor")
    post_save.connect(_decision_changed, sender=AdequacyDecision, dispatch_uid="ropa.completeness.decision.save")
    post_delete.connect(_decision_changed, sender=AdequacyDecision, dispatch_uid="ropa.completeness.decision.delete")
    post_save.connect(_organisation_saved, sender=Organisation, dispatch_uid="ropa.completeness.organisation")
