"""The demo record: five Nordic companies, built from what their published privacy policies say.

The four Norwegian companies' record is written in Bokmål and the Swedish shop's in Swedish, as their own
officers would write it; vocabulary entries are named by their English key and shown in the reader's language.

Each company is a workspace of its own (issue 23), named after it, as a host would keep five clients: its
systems, the vendors and other organisations it names, its processors with their agreements and transfers, its
cookies, breaches and DPIAs. A vendor two companies use (Klarna, Meta, Microsoft) is one row in each of their
workspaces, and so is its processor with its agreement: Art. 28(3) binds an agreement to one controller. Each
workspace gets only the systems and organisations its own record names.

`load_demo()` is idempotent: rows are found by natural key (workspace by its controller or its name,
organisation, system and processor name within their workspace, activity name within its organisation,
purpose and retention description within their activity) and saved only when something differs, so a second
run writes no rows and no history. Every write goes through `save()`, `.set()` or `delete()`, so
history rows record it with the change reason "Demodata" (the word in Bokmål and Swedish alike) and no user.
Where a policy is vague the record says so and leaves the item missing, for the completeness check to show.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
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
    Membership,
    Organisation,
    PersonalDataCategory,
    ProcessingActivity,
    Purpose,
    RecipientCategory,
    RetentionRule,
    Role,
    SecurityMeasure,
    System,
    Workspace,
)
from ropa.notice.publishing import NotPublishable, publish

CHANGE_REASON = "Demodata"

COMPANIES: tuple[CompanySpec, ...] = (
    seleverkstedet.COMPANY, verdifull.COMPANY, consultancy.COMPANY, selby.COMPANY, swedish_shop.COMPANY,
)

# One privacy officer per company, member of its workspace only: what a client's own officer sees (issue 23).
# Made without a password; `manage.py demo_login --all` sets one and prints it.
OFFICERS: dict[str, str] = {
    seleverkstedet.NAME: "ombud-seleverkstedet",
    verdifull.NAME: "ombud-verdifull",
    consultancy.NAME: "ombud-radgivning",
    selby.NAME: "ombud-selby",
    swedish_shop.NAME: "ombud-webbutik",
}

# Loaders run after the companies, in the same transaction; each finds organisations, systems and
# activities by the names in this package.
EXTRA_LOADERS: tuple[Callable[[], object], ...] = (processors.load, dpia.load, breach_demo.load, cookies.load)


@dataclass(frozen=True)
class DemoSummary:
    companies: int  # one workspace each
    activities: int
    incomplete: int
    # Controllers whose notice is published, and each other one with what stops its publication (Art. 13 and 14).
    published: tuple[str, ...] = ()
    unpublished: tuple[tuple[str, tuple[str, ...]], ...] = ()


def load_demo(extra_loaders: Iterable[Callable[[], object]] = EXTRA_LOADERS) -> DemoSummary:
    """Create or update the demo record in one transaction and return what it now holds."""
    with transaction.atomic(), completeness.deferred():
        rename_earlier_rows(CHANGE_REASON)
        controllers = [_load_company(company) for company in COMPANIES]
        for loader in extra_loaders:
            loader()
        for organisation in controllers:
            _load_officer(OFFICERS[organisation.name], organisation.workspace)
        published, unpublished = _publish_notices(controllers)
    activities = ProcessingActivity.objects.filter(organisation__in=controllers)
    return DemoSummary(
        len(controllers), activities.count(), activities.incomplete().count(), tuple(published), tuple(unpublished),
    )


def _load_officer(username: str, workspace: Workspace) -> None:
    """The company's privacy officer: a staff login without a password until demo_login sets one."""
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        user = get_user_model()(username=username, email=f"{username}@example.com", is_staff=True)
        user.set_unusable_password()
        user.save()
    # The role's permission group follows the membership (ropa/workspaces/signals.py).
    _upsert(Membership, {"user": user, "workspace": workspace}, {"role": Role.OFFICER})


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


def demo_workspace(company_name: str) -> Workspace:
    """The workspace of the demo company of that name: its controller's, or a new one named after it."""
    controller = (
        Organisation.objects.filter(name=company_name, role=Organisation.Role.CONTROLLER)
        .select_related("workspace").first()
    )
    if controller is not None:
        return controller.workspace
    return _upsert(Workspace, {"name": company_name}, {})


class _Lookup:
    """One workspace's vocabulary entries, systems and organisations by name; an unknown name fails loudly.

    Vocabulary entries are the shared ones and the workspace's own (its own first). A system or an organisation
    the demo describes (ropa/demo/systems.py, ropa/demo/processors.py) is made in the workspace the first time
    its record names it, so a workspace holds only what its company uses.
    """

    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace
        self._cache: dict[type[models.Model], dict[str, models.Model]] = {}

    def get(self, model: type[models.Model], names: Iterable[str]) -> list[models.Model]:
        names = list(names)
        if model is Organisation:
            return [self.organisation(name) for name in names]
        if model is System:
            return [self.system(name) for name in names]
        if model not in self._cache:
            rows = model.objects.filter(models.Q(workspace=None) | models.Q(workspace=self.workspace))
            # The workspace's own entry wins over a shared one of the same name.
            rows = rows.order_by(models.F("workspace").asc(nulls_first=True))
            self._cache[model] = {item.name: item for item in rows}
        known = self._cache[model]
        unknown = [name for name in names if name not in known]
        if unknown:
            raise LookupError(f"{model._meta.object_name} has no entry named {', '.join(map(repr, unknown))}")
        return [known[name] for name in names]

    def organisation(self, name: str) -> Organisation:
        """The workspace's organisation of that name, made or updated from its spec the first time it is asked."""
        known = self._cache.setdefault(Organisation, {})
        if name not in known:
            spec = _organisation_specs().get(name)
            if spec is None:
                found = Organisation.objects.filter(workspace=self.workspace, name=name).first()
                if found is None:
                    raise LookupError(f"Organisation has no entry named {name!r} in {self.workspace}")
                known[name] = found
            else:
                known[name] = _upsert_organisation(spec, self.workspace)
        return known[name]

    def system(self, name: str) -> System:
        """The workspace's system of that name, with its vendor, made or updated the first time it is asked."""
        known = self._cache.setdefault(System, {})
        if name not in known:
            spec = next((system for system in systems.SYSTEMS if system.name == name), None)
            if spec is None:
                raise LookupError(f"System has no entry named {name!r}")
            known[name] = _upsert(System, {"workspace": self.workspace, "name": name}, {
                "description": spec.description, "location": spec.location,
                "vendor": self.organisation(spec.vendor) if spec.vendor else None,
            })
        return known[name]


def company_lookup(company_name: str) -> _Lookup:
    """The lookup of a demo company's workspace, for the loaders that run after the companies."""
    return _Lookup(demo_workspace(company_name))


def _organisation_specs() -> dict[str, OrganisationSpec]:
    return {spec.name: spec for spec in (*systems.VENDORS, *processors.EXTRA_ORGANISATIONS)}


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


def _upsert_organisation(spec: OrganisationSpec, workspace: Workspace) -> Organisation:
    values = {name: getattr(spec, name) for name in spec.__dataclass_fields__ if name != "name"}
    return _upsert(Organisation, {"workspace": workspace, "name": spec.name}, values)


def _load_company(company: CompanySpec) -> Organisation:
    """The company's workspace and controller, then its activities with what they name."""
    workspace = demo_workspace(company.organisation.name)
    lookup = _Lookup(workspace)
    organisation = _upsert_organisation(company.organisation, workspace)
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
