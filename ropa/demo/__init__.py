"""The demo record: five Nordic companies, built from what their published privacy policies say.

The four Norwegian companies' record is written in Bokmål and the Swedish shop's in Swedish, as their own
officers would write it; vocabulary entries are named by their English key and shown in the reader's language.

`load_demo()` is idempotent: rows are found by natural key (organisation name, activity name within its
organisation, purpose and retention description within their activity, system name) and saved only when
something differs, so a second run writes no rows and no history. Every write goes through `save()`,
`.set()` or `delete()`, so history rows record it with the change reason "Demodata" (the word in Bokmål
and Swedish alike) and no user.
Where a policy is vague the record says so and leaves the item missing, for the completeness check to show.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db import models, transaction
from django.urls import reverse

from ropa.breaches import demo as breach_demo
from ropa.completeness import signals as completeness
from ropa.demo import consultancy, cookies, dpia, processors, selby, seleverkstedet, swedish_shop, systems, verdifull
from ropa.demo.renames import rename_earlier_rows
from ropa.demo.spec import ActivitySpec, CompanySpec, OrganisationSpec
from ropa.history.rows import saved_with_links
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
from ropa.notice.publishing import NotPublishable, publish

CHANGE_REASON = "Demodata"

COMPANIES: tuple[CompanySpec, ...] = (
    seleverkstedet.COMPANY, verdifull.COMPANY, consultancy.COMPANY, selby.COMPANY, swedish_shop.COMPANY,
)

# Loaders run after the companies, in the same transaction; each finds organisations, systems and
# activities by the names in this package.
EXTRA_LOADERS: tuple[Callable[[], object], ...] = (processors.load, dpia.load, breach_demo.load, cookies.load)


@dataclass(frozen=True)
class DemoSummary:
    companies: int
    activities: int
    incomplete: int
    # Controllers whose notice is published, and each other one with what stops its publication (Art. 13 and 14).
    published: tuple[str, ...] = ()
    unpublished: tuple[tuple[str, tuple[str, ...]], ...] = ()


def load_demo(extra_loaders: Iterable[Callable[[], object]] = EXTRA_LOADERS) -> DemoSummary:
    """Create or update the demo record in one transaction and return what it now holds."""
    with transaction.atomic(), completeness.deferred():
        rename_earlier_rows(CHANGE_REASON)
        lookup = _Lookup()
        for vendor in systems.VENDORS:
            _upsert_organisation(vendor)
        for system in systems.SYSTEMS:
            vendor = Organisation.objects.get(name=system.vendor) if system.vendor else None
            _upsert(System, {"name": system.name}, {
                "description": system.description, "vendor": vendor, "location": system.location,
            })
        controllers = [_load_company(company, lookup) for company in COMPANIES]
        for loader in extra_loaders:
            loader()
        published, unpublished = _publish_notices(controllers)
    activities = ProcessingActivity.objects.filter(organisation__in=controllers)
    return DemoSummary(
        len(controllers), activities.count(), activities.incomplete().count(), tuple(published), tuple(unpublished),
    )


def _publish_notices(controllers: list[Organisation]) -> tuple[list[str], list[tuple[str, tuple[str, ...]]]]:
    """Publish each controller's notice in the language its record is written in, where the record allows it.

    A controller with an activity in use that the notice cannot tell stays unpublished, as it would for an officer:
    its public page says so and the preview lists what to fill. A second run finds nothing changed and writes nothing.
    """
    published, unpublished = [], []
    for organisation in controllers:
        form = settings.INTAKE_BASE_URL + reverse("requests:intake_for", args=[organisation.pk])
        try:
            publish(organisation, organisation.record_language, None, form)
        except NotPublishable as refused:
            if not refused.unchanged:
                unpublished.append((organisation.name, tuple(refused.reasons)))
                continue
        published.append(organisation.name)
    return published, unpublished


class _Lookup:
    """Vocabulary entries, systems and organisations by name; an unknown name fails loudly, naming it."""

    def __init__(self) -> None:
        self._cache: dict[type[models.Model], dict[str, models.Model]] = {}

    def get(self, model: type[models.Model], names: Iterable[str]) -> list[models.Model]:
        if model not in self._cache:
            self._cache[model] = {item.name: item for item in model.objects.all()}
        known = self._cache[model]
        unknown = [name for name in names if name not in known]
        if unknown:
            raise LookupError(f"{model._meta.object_name} has no entry named {', '.join(map(repr, unknown))}")
        return [known[name] for name in names]


def _field_values(instance: models.Model) -> dict:
    return {field.attname: getattr(instance, field.attname) for field in instance._meta.concrete_fields}


def _upsert(model: type[models.Model], key: dict, values: dict, instance: models.Model | None = None) -> models.Model:
    """Find the row by its natural key (or take the new `instance`), apply `values`, validate, save if changed."""
    instance = instance or model.objects.filter(**key).first() or model(**key)
    before = _field_values(instance) if instance.pk else None
    for name, value in values.items():
        setattr(instance, name, value)
    instance.full_clean()
    if before != _field_values(instance):
        instance._change_reason = CHANGE_REASON
        instance.save()
    return instance


def _upsert_organisation(spec: OrganisationSpec) -> Organisation:
    values = {name: getattr(spec, name) for name in spec.__dataclass_fields__ if name != "name"}
    return _upsert(Organisation, {"name": spec.name}, values)


def _load_company(company: CompanySpec, lookup: _Lookup) -> Organisation:
    organisation = _upsert_organisation(company.organisation)
    for spec in company.activities:
        _load_activity(organisation, spec, lookup)
    return organisation


def _load_activity(organisation: Organisation, spec: ActivitySpec, lookup: _Lookup) -> ProcessingActivity:
    key = {"organisation": organisation, "name": spec.name}
    links = {
        "data_subject_categories": lookup.get(DataSubjectCategory, spec.data_subjects),
        "personal_data_categories": lookup.get(PersonalDataCategory, spec.personal_data),
        "recipient_categories": lookup.get(RecipientCategory, spec.recipients),
        "security_measures": lookup.get(SecurityMeasure, spec.security_measures),
        "systems": lookup.get(System, spec.systems),
        "joint_controllers": lookup.get(Organisation, spec.joint_controllers),
    }
    if not ProcessingActivity.objects.filter(**key).exists():
        # A new activity: one history row holding it with its links, not one per .set() (ropa/history/rows.py).
        activity = ProcessingActivity(**key)
        with saved_with_links(activity):
            activity = _upsert(ProcessingActivity, key, spec.field_values(), instance=activity)
            for field, items in links.items():
                getattr(activity, field).set(items)
    else:
        activity = _upsert(ProcessingActivity, key, spec.field_values())
        # Many-to-many changes write their own history rows from this instance; give them the same reason.
        activity._change_reason = CHANGE_REASON
        for field, items in links.items():
            getattr(activity, field).set(items)

    _sync_children(activity.purposes.all(), {purpose.description for purpose in spec.purposes})
    for purpose in spec.purposes:
        values = {name: getattr(purpose, name) for name in purpose.__dataclass_fields__ if name != "description"}
        _upsert(Purpose, {"activity": activity, "description": purpose.description}, values)

    _sync_children(activity.retention_rules.all(), {rule.description for rule in spec.retention})
    for rule in spec.retention:
        category = lookup.get(PersonalDataCategory, [rule.data_category])[0] if rule.data_category else None
        _upsert(RetentionRule, {"activity": activity, "description": rule.description}, {
            "duration": rule.duration, "unit": rule.unit, "runs_from": rule.runs_from,
            "legal_reference": rule.legal_reference, "personal_data_category": category,
        })

    # Art. 9(2) and Art. 10: the demo must itself pass the rules it demonstrates.
    activity.check_legal_bases()
    return activity


def _sync_children(rows: models.QuerySet, wanted: set[str]) -> None:
    """Delete, one by one so history records it, the rows the demo no longer describes."""
    for row in rows:
        if row.description not in wanted:
            row._change_reason = CHANGE_REASON
            row.delete()
