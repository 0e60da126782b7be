"""Put an existing install's record into workspaces, so that nothing is lost and nobody loses access (issue 23).

Before workspaces an install kept one record in which every controller shared every processor, system, organisation
and vocabulary entry. This migration divides it, using the historical models only:

- Workspaces. One per controller, named after it (a number is added to a name already taken). A controller is an
  organisation that is the `organisation` of a processing activity, breach, rights request, request statistic or
  privacy-notice introduction, or the processor (us) of an Art. 30(2) processor activity; or an organisation whose
  role is "controller" that nothing refers to as anything else (the role is the form's default, so a vendor left
  at it is not taken for a client). The controller's workspace is set.
- Processors. A processor belongs to every workspace that uses it: by a processor use or a transfer of that
  workspace's activities, by a breach of that workspace (involved or reporting), and, transitively, as the
  sub-processor of a processor of that workspace (or the sub-processor an objection of its agreement names). The
  original stays in the first of them (the lowest controller id); every other workspace gets a copy, with copies of
  its agreements (categories included), their objections, and the transfers the processor itself makes, its
  sub-processors being that workspace's copies; that workspace's processor uses, transfers and breaches move to its
  copy. Art. 28(3) binds an agreement to one controller and we cannot tell which controller signed a shared one,
  so each agreement of a shared processor, the original and the copies, gets a note saying so: the officer checks it.
- Organisations that are not controllers (a processor's legal entity, a joint controller, a representative, a
  system's vendor, the client of a processor activity): the same rule; each workspace that refers to one gets its
  own, and its references (its processors' legal entity, its activities' joint controllers, its systems' vendor,
  its organisations' representative, its processor activities' client) are moved to it. A controller named by
  another workspace (say as a joint controller) stays in its own workspace and the other gets a copy.
- Systems: the same rule, from the activities' systems, the rights requests' searched systems and the breaches'
  systems; a copy's vendor is that workspace's copy of the vendor.
- Vocabulary entries stay shared (no workspace), as they were, except an entry an install added itself (not
  seeded by migration 0002, by name or by its "Seeded by migration" history) that exactly one workspace uses: it
  moves to that workspace.
- What cannot be told (a processor, system or organisation nothing refers to): with exactly one workspace it goes
  there; otherwise to a workspace named "Unassigned at upgrade", for an operator to sort out. An install with
  data or role users but no controller gets one workspace, "My company", as Workspace.objects.sole() would make.
- Memberships: every user who is not a superuser and is in a role group gets a membership in every workspace, with
  the role they have today (privacy officer before request handler before auditor), so nobody loses access; an
  operator narrows them afterwards.
- History: ropa rebuilds even today's record from history (ropa/history/as_of.py), so every object created or
  changed here gets a history row ("+" for a copy or a new workspace or membership, "~" for a change) with the
  reason "Upgrade to workspaces" and no user, including its copy of each tracked many-to-many link.

Backwards it does nothing: the previous migration's schema still holds every row, workspaces and copies included.
"""

import importlib
from collections import defaultdict

from django.conf import settings
from django.db import migrations
from django.utils import timezone

REASON = "Upgrade to workspaces"
UNASSIGNED = "Unassigned at upgrade"
SOLE = "My company"
AGREEMENT_NOTE = (
    "Copied at the upgrade to workspaces from a processor that several controllers shared: we cannot tell which "
    "controller signed this agreement (Art. 28(3) binds it to one). Check it, and delete it if it is not yours."
)
ROLE_OF_GROUP = {"Privacy officer": "officer", "Request handler": "handler", "Auditor": "auditor"}
ROLE_ORDER = ["officer", "handler", "auditor"]
SEED_LISTS = {
    "DataSubjectCategory": "DATA_SUBJECTS",
    "PersonalDataCategory": "PERSONAL_DATA",
    "RecipientCategory": "RECIPIENTS",
    "SecurityMeasure": "SECURITY",
}
# Where a vocabulary entry is used, and the path from the using row to its workspace (after the division).
VOCABULARY_USES = {
    "DataSubjectCategory": [
        ("ropa", "ProcessingActivity", "data_subject_categories", "organisation__workspace"),
        ("ropa", "ProcessorActivity", "data_subject_categories", "processor__workspace"),
        ("ropa", "DataProcessingAgreement", "data_subject_categories", "processor__workspace"),
        ("breaches", "Breach", "data_subject_categories", "organisation__workspace"),
    ],
    "PersonalDataCategory": [
        ("ropa", "ProcessingActivity", "personal_data_categories", "organisation__workspace"),
        ("ropa", "RetentionRule", "personal_data_category", "activity__organisation__workspace"),
        ("ropa", "ProcessorActivity", "personal_data_categories", "processor__workspace"),
        ("ropa", "ProcessorUse", "personal_data_categories", "activity__organisation__workspace"),
        ("ropa", "DataProcessingAgreement", "personal_data_categories", "processor__workspace"),
        ("breaches", "Breach", "personal_data_categories", "organisation__workspace"),
    ],
    "RecipientCategory": [
        ("ropa", "ProcessingActivity", "recipient_categories", "organisation__workspace"),
    ],
    "SecurityMeasure": [
        ("ropa", "ProcessingActivity", "security_measures", "organisation__workspace"),
        ("ropa", "ProcessorActivity", "security_measures", "processor__workspace"),
    ],
}


class Upgrade:
    def __init__(self, apps, alias):
        self.apps = apps
        self.alias = alias
        self.now = timezone.now()
        self.created = defaultdict(set)  # (app, model) -> pks of rows made here
        self.changed = defaultdict(set)  # (app, model) -> pks of rows changed here

    def model(self, app, name):
        return self.apps.get_model(app, name)

    def objects(self, app, name):
        return self.model(app, name)._default_manager.using(self.alias)

    # -- workspaces ---------------------------------------------------------------------------------------------

    def run(self):
        self.make_workspaces()
        if not self.workspaces:
            return
        self.divide_processors()
        self.divide_systems()
        self.divide_organisations()
        self.move_custom_vocabulary()
        self.give_memberships()
        self.write_history()

    def make_workspaces(self):
        Organisation = self.objects("ropa", "Organisation")
        controllers = set()
        for app, name, field in [
            ("ropa", "ProcessingActivity", "organisation_id"), ("breaches", "Breach", "organisation_id"),
            ("requests", "RightsRequest", "organisation_id"), ("requests", "RequestStatistic", "organisation_id"),
            ("ropa", "NoticeIntroduction", "organisation_id"), ("ropa", "ProcessorActivity", "processor_id"),
        ]:
            controllers.update(self.objects(app, name).values_list(field, flat=True).distinct())
        named_otherwise = set(self.objects("ropa", "Processor").values_list("organisation_id", flat=True))
        named_otherwise |= set(self.objects("ropa", "System").exclude(vendor=None).values_list("vendor_id", flat=True))
        named_otherwise |= set(Organisation.exclude(representative=None).values_list("representative_id", flat=True))
        named_otherwise |= set(self.objects("ropa", "ProcessorActivity").values_list("client_id", flat=True))
        through = self.model("ropa", "ProcessingActivity").joint_controllers.through
        named_otherwise |= set(through.objects.using(self.alias).values_list("organisation_id", flat=True))
        controllers |= set(Organisation.filter(role="controller").exclude(pk__in=named_otherwise)
                           .values_list("pk", flat=True))

        self.workspaces = []  # in controller order: the first is the lowest controller id
        self.workspace_of_controller = {}
        taken = {UNASSIGNED, *self.objects("ropa", "Workspace").values_list("name", flat=True)}
        for organisation in Organisation.filter(pk__in=controllers).order_by("pk"):
            workspace = self.new_workspace(self.unique_name(organisation.name, taken))
            self.workspace_of_controller[organisation.pk] = workspace.pk
        self.unassigned = None
        if not self.workspaces and self.anything_to_place():
            self.new_workspace(SOLE)

    def anything_to_place(self):
        return any(self.objects("ropa", name).exists() for name in ("Organisation", "Processor", "System")) or bool(
            self.role_users()
        )

    @staticmethod
    def unique_name(name, taken):
        candidate, number = name[:200], 2
        while candidate in taken:
            suffix = f" ({number})"
            candidate, number = name[: 200 - len(suffix)] + suffix, number + 1
        taken.add(candidate)
        return candidate

    def new_workspace(self, name):
        workspace = self.objects("ropa", "Workspace").create(name=name)
        self.workspaces.append(workspace.pk)
        self.created["ropa", "Workspace"].add(workspace.pk)
        return workspace

    def default_workspace(self):
        """Where a row nothing refers to goes: the only workspace, or one for an operator to sort out."""
        if len(self.workspaces) == 1:
            return self.workspaces[0]
        if self.unassigned is None:
            self.unassigned = self.new_workspace(UNASSIGNED).pk
        return self.unassigned

    def activity_workspaces(self):
        return {
            pk: self.workspace_of_controller[organisation_id]
            for pk, organisation_id in self.objects("ropa", "ProcessingActivity").values_list("pk", "organisation_id")
        }

    def clone(self, app, name, row, **changes):
        """A copy of `row` with `changes`, saved; its many-to-many links are the caller's."""
        model = self.model(app, name)
        values = {field.attname: getattr(row, field.attname) for field in model._meta.concrete_fields
                  if not field.primary_key}
        values.update(changes)
        copy = model(**values)
        copy.save(using=self.alias)
        self.created[app, name].add(copy.pk)
        return copy

    # -- processors ---------------------------------------------------------------------------------------------

    def divide_processors(self):
        activities = self.activity_workspaces()
        breaches = dict(self.objects("breaches", "Breach").values_list("pk", "organisation_id"))
        breaches = {pk: self.workspace_of_controller[organisation_id] for pk, organisation_id in breaches.items()}
        Processor = self.model("ropa", "Processor")
        Breach = self.model("breaches", "Breach")
        uses = defaultdict(set)
        processor_uses = self.objects("ropa", "ProcessorUse").values_list("activity_id", "processor_id")
        for activity_id, processor_id in processor_uses:
            uses[processor_id].add(activities[activity_id])
        for activity_id, processor_id in self.objects("ropa", "Transfer").exclude(activity=None).exclude(
                processor=None).values_list("activity_id", "processor_id"):
            uses[processor_id].add(activities[activity_id])
        for breach_id, processor_id in Breach.processors.through.objects.using(self.alias).values_list(
                "breach_id", "processor_id"):
            uses[processor_id].add(breaches[breach_id])
        for breach_id, processor_id in self.objects("breaches", "Breach").exclude(
                reported_by_processor=None).values_list("pk", "reported_by_processor_id"):
            uses[processor_id].add(breaches[breach_id])
        below = defaultdict(set)  # processor -> the processors it engages (and those its agreements' objections name)
        for parent, child in Processor.sub_processors.through.objects.using(self.alias).values_list(
                "from_processor_id", "to_processor_id"):
            below[parent].add(child)
        for parent, child in self.objects("ropa", "SubProcessorObjection").exclude(sub_processor=None).values_list(
                "agreement__processor_id", "sub_processor_id"):
            below[parent].add(child)
        spread(uses, below)
        # A processor nothing refers to goes to the default workspace, and its sub-processors with it.
        for pk in self.objects("ropa", "Processor").values_list("pk", flat=True):
            if not uses[pk]:
                uses[pk].add(self.default_workspace())
        spread(uses, below)

        self.processor_in = {}  # (original pk, workspace) -> the processor of that workspace
        shared = []
        for processor in self.objects("ropa", "Processor").order_by("pk"):
            workspaces = sorted(uses[processor.pk])
            processor.workspace_id = workspaces[0]
            processor.save(using=self.alias, update_fields=["workspace"])
            self.changed["ropa", "Processor"].add(processor.pk)
            self.processor_in[processor.pk, workspaces[0]] = processor.pk
            for workspace in workspaces[1:]:
                self.processor_in[processor.pk, workspace] = self.clone(
                    "ropa", "Processor", processor, workspace_id=workspace,
                ).pk
            if len(workspaces) > 1:
                shared.append((processor.pk, workspaces))

        for pk, workspaces in shared:
            self.copy_processor_parts(pk, workspaces)
        self.link_sub_processors()
        self.move_processor_references(activities, breaches)

    def copy_processor_parts(self, pk, workspaces):
        """A shared processor's agreements (with objections) and own transfers, once for each workspace's copy."""
        agreements = list(self.objects("ropa", "DataProcessingAgreement").filter(processor_id=pk).order_by("pk"))
        for agreement in agreements:
            agreement.notes = f"{agreement.notes}\n\n{AGREEMENT_NOTE}".strip()
            agreement.save(using=self.alias, update_fields=["notes"])
            self.changed["ropa", "DataProcessingAgreement"].add(agreement.pk)
        for workspace in workspaces[1:]:
            copy_pk = self.processor_in[pk, workspace]
            for agreement in agreements:
                copy = self.clone("ropa", "DataProcessingAgreement", agreement, processor_id=copy_pk)
                for name in ("personal_data_categories", "data_subject_categories"):
                    getattr(copy, name).set(getattr(agreement, name).all())
                for objection in self.objects("ropa", "SubProcessorObjection").filter(agreement_id=agreement.pk):
                    sub = objection.sub_processor_id
                    self.clone(
                        "ropa", "SubProcessorObjection", objection, agreement_id=copy.pk,
                        sub_processor_id=None if sub is None else self.processor_in[sub, workspace],
                    )
            for transfer in self.objects("ropa", "Transfer").filter(processor_id=pk, activity=None):
                self.clone("ropa", "Transfer", transfer, processor_id=copy_pk)

    def link_sub_processors(self):
        """Each workspace's processor engages that workspace's sub-processors."""
        through = self.model("ropa", "Processor").sub_processors.through
        links = list(through.objects.using(self.alias).values_list("from_processor_id", "to_processor_id"))
        by_parent = defaultdict(list)
        for parent, child in links:
            by_parent[parent].append(child)
        wanted = []
        for (original, workspace), pk in self.processor_in.items():
            for child in by_parent[original]:
                wanted.append((pk, self.processor_in[child, workspace]))
        if set(wanted) != set(links):
            through.objects.using(self.alias).all().delete()
            through.objects.using(self.alias).bulk_create(
                [through(from_processor_id=parent, to_processor_id=child) for parent, child in sorted(set(wanted))]
            )
            for parent, _child in wanted:
                self.mark("ropa", "Processor", parent)
        # An original agreement's objections name its own workspace's sub-processor.
        for objection in self.objects("ropa", "SubProcessorObjection").exclude(sub_processor=None):
            workspace = self.workspace_of_processor(objection.agreement.processor_id)
            target = self.processor_in[objection.sub_processor_id, workspace] if (
                objection.sub_processor_id, workspace) in self.processor_in else objection.sub_processor_id
            if target != objection.sub_processor_id:
                objection.sub_processor_id = target
                objection.save(using=self.alias, update_fields=["sub_processor"])
                self.mark("ropa", "SubProcessorObjection", objection.pk)

    def workspace_of_processor(self, pk):
        return self.objects("ropa", "Processor").values_list("workspace_id", flat=True).get(pk=pk)

    def mark(self, app, name, pk):
        if pk not in self.created[app, name]:
            self.changed[app, name].add(pk)

    def move_processor_references(self, activities, breaches):
        for use in self.objects("ropa", "ProcessorUse").all():
            target = self.processor_in[use.processor_id, activities[use.activity_id]]
            if target != use.processor_id:
                use.processor_id = target
                use.save(using=self.alias, update_fields=["processor"])
                self.mark("ropa", "ProcessorUse", use.pk)
        for transfer in self.objects("ropa", "Transfer").exclude(activity=None).exclude(processor=None):
            target = self.processor_in[transfer.processor_id, activities[transfer.activity_id]]
            if target != transfer.processor_id:
                transfer.processor_id = target
                transfer.save(using=self.alias, update_fields=["processor"])
                self.mark("ropa", "Transfer", transfer.pk)
        for breach in self.objects("breaches", "Breach").all():
            workspace = breaches[breach.pk]
            changed = False
            if breach.reported_by_processor_id is not None:
                target = self.processor_in[breach.reported_by_processor_id, workspace]
                if target != breach.reported_by_processor_id:
                    breach.reported_by_processor_id = target
                    breach.save(using=self.alias, update_fields=["reported_by_processor"])
                    changed = True
            current = list(breach.processors.values_list("pk", flat=True))
            wanted = [self.processor_in[pk, workspace] for pk in current]
            if set(wanted) != set(current):
                breach.processors.set(wanted)
                changed = True
            if changed:
                self.mark("breaches", "Breach", breach.pk)

    # -- systems ------------------------------------------------------------------------------------------------

    def divide_systems(self):
        activities = self.activity_workspaces()
        Activity = self.model("ropa", "ProcessingActivity")
        Breach = self.model("breaches", "Breach")
        RightsRequest = self.model("requests", "RightsRequest")
        requests = {pk: self.workspace_of_controller[organisation_id] for pk, organisation_id in
                    self.objects("requests", "RightsRequest").values_list("pk", "organisation_id")}
        breaches = {pk: self.workspace_of_controller[organisation_id] for pk, organisation_id in
                    self.objects("breaches", "Breach").values_list("pk", "organisation_id")}
        # (owner model, its m2m field to System, owner pk -> workspace)
        self.system_links = [
            ("ropa", "ProcessingActivity", Activity, "processingactivity_id", activities),
            ("requests", "RightsRequest", RightsRequest, "rightsrequest_id", requests),
            ("breaches", "Breach", Breach, "breach_id", breaches),
        ]
        uses = defaultdict(set)
        for _app, _name, model, source, workspace_of in self.system_links:
            through = self.m2m_to_system(model).remote_field.through
            for owner, system in through.objects.using(self.alias).values_list(source, "system_id"):
                uses[system].add(workspace_of[owner])
        self.system_in = {}
        for system in self.objects("ropa", "System").order_by("pk"):
            workspaces = sorted(uses[system.pk]) or [self.default_workspace()]
            system.workspace_id = workspaces[0]
            system.save(using=self.alias, update_fields=["workspace"])
            self.changed["ropa", "System"].add(system.pk)
            self.system_in[system.pk, workspaces[0]] = system.pk
            for workspace in workspaces[1:]:
                self.system_in[system.pk, workspace] = self.clone("ropa", "System", system, workspace_id=workspace).pk
        for app, name, model, source, workspace_of in self.system_links:
            through = self.m2m_to_system(model).remote_field.through
            for row in through.objects.using(self.alias).all():
                target = self.system_in[row.system_id, workspace_of[getattr(row, source)]]
                if target != row.system_id:
                    row.system_id = target
                    row.save(using=self.alias)
                    self.mark(app, name, getattr(row, source))

    @staticmethod
    def m2m_to_system(model):
        return next(field for field in model._meta.many_to_many if field.related_model._meta.model_name == "system")

    # -- organisations ------------------------------------------------------------------------------------------

    def divide_organisations(self):
        Organisation = self.objects("ropa", "Organisation")
        activities = self.activity_workspaces()
        Activity = self.model("ropa", "ProcessingActivity")
        joint = Activity.joint_controllers.through
        uses = defaultdict(set)
        for processor in self.objects("ropa", "Processor").all():
            uses[processor.organisation_id].add(processor.workspace_id)
        for system in self.objects("ropa", "System").exclude(vendor=None):
            uses[system.vendor_id].add(system.workspace_id)
        for activity_id, organisation_id in joint.objects.using(self.alias).values_list(
                "processingactivity_id", "organisation_id"):
            uses[organisation_id].add(activities[activity_id])
        for us, client in self.objects("ropa", "ProcessorActivity").values_list("processor_id", "client_id"):
            uses[client].add(self.workspace_of_controller[us])
        for pk, workspace in self.workspace_of_controller.items():
            uses[pk].add(workspace)
        representative = defaultdict(set)
        for pk, target in Organisation.exclude(representative=None).values_list("pk", "representative_id"):
            representative[pk].add(target)
        spread(uses, representative)
        for pk in Organisation.values_list("pk", flat=True):
            if not uses[pk]:
                uses[pk].add(self.default_workspace())
        spread(uses, representative)

        self.organisation_in = {}
        for organisation in Organisation.order_by("pk"):
            workspaces = sorted(uses[organisation.pk])
            own = self.workspace_of_controller.get(organisation.pk, workspaces[0])
            organisation.workspace_id = own
            organisation.save(using=self.alias, update_fields=["workspace"])
            self.changed["ropa", "Organisation"].add(organisation.pk)
            self.organisation_in[organisation.pk, own] = organisation.pk
            for workspace in workspaces:
                if workspace != own:
                    self.organisation_in[organisation.pk, workspace] = self.clone(
                        "ropa", "Organisation", organisation, workspace_id=workspace,
                    ).pk

        def remap(app, name, rows, field, workspace_of):
            for row in rows:
                value = getattr(row, field)
                target = self.organisation_in[value, workspace_of(row)]
                if target != value:
                    setattr(row, field, target)
                    row.save(using=self.alias, update_fields=[field.removesuffix("_id")])
                    self.mark(app, name, row.pk)

        remap("ropa", "Organisation", Organisation.exclude(representative=None), "representative_id",
              lambda row: row.workspace_id)
        remap("ropa", "Processor", self.objects("ropa", "Processor").all(), "organisation_id",
              lambda row: row.workspace_id)
        remap("ropa", "System", self.objects("ropa", "System").exclude(vendor=None), "vendor_id",
              lambda row: row.workspace_id)
        remap("ropa", "ProcessorActivity", self.objects("ropa", "ProcessorActivity").all(), "client_id",
              lambda row: self.workspace_of_controller[row.processor_id])
        for row in joint.objects.using(self.alias).all():
            target = self.organisation_in[row.organisation_id, activities[row.processingactivity_id]]
            if target != row.organisation_id:
                row.organisation_id = target
                row.save(using=self.alias)
                self.mark("ropa", "ProcessingActivity", row.processingactivity_id)

    # -- vocabulary ---------------------------------------------------------------------------------------------

    def move_custom_vocabulary(self):
        seeds = importlib.import_module("ropa.migrations.0002_seed_vocabularies")
        for name, uses in VOCABULARY_USES.items():
            seeded = {row[0] for row in getattr(seeds, SEED_LISTS[name])}
            seeded |= set(self.objects("ropa", f"Historical{name}").filter(
                history_change_reason="Seeded by migration").values_list("name", flat=True))
            used_by = defaultdict(set)
            for app, model, field, path in uses:
                for entry, workspace in self.objects(app, model).exclude(**{field: None}).values_list(field, path):
                    used_by[entry].add(workspace)
            for entry in self.objects("ropa", name).filter(workspace=None).exclude(name__in=seeded):
                if len(used_by[entry.pk]) == 1:
                    (entry.workspace_id,) = used_by[entry.pk]
                    entry.save(using=self.alias, update_fields=["workspace"])
                    self.mark("ropa", name, entry.pk)

    # -- memberships --------------------------------------------------------------------------------------------

    def role_users(self):
        """user pk -> the role they have today (the strongest of their role groups)."""
        User = self.apps.get_model(settings.AUTH_USER_MODEL)
        roles = defaultdict(set)
        for pk, group in User._default_manager.using(self.alias).filter(
                is_superuser=False, groups__name__in=list(ROLE_OF_GROUP)).values_list("pk", "groups__name"):
            roles[pk].add(ROLE_OF_GROUP[group])
        return {pk: min(held, key=ROLE_ORDER.index) for pk, held in roles.items()}

    def give_memberships(self):
        Membership = self.objects("ropa", "Membership")
        for user, role in sorted(self.role_users().items()):
            for workspace in self.workspaces:
                membership, made = Membership.get_or_create(user_id=user, workspace_id=workspace,
                                                            defaults={"role": role})
                if made:
                    self.created["ropa", "Membership"].add(membership.pk)

    # -- history ------------------------------------------------------------------------------------------------

    def write_history(self):
        for history_type, rows in (("+", self.created), ("~", self.changed)):
            for (app, name), pks in sorted(rows.items()):
                if history_type == "~":
                    pks = pks - self.created[app, name]
                self.write_rows(app, name, sorted(pks), history_type)

    def write_rows(self, app, name, pks, history_type):
        """The history row of each object as it now is, with its copy of each tracked many-to-many link."""
        if not pks:
            return
        model = self.model(app, name)
        history = self.model(app, f"Historical{name}")
        own = {"history_id", "history_date", "history_change_reason", "history_type", "history_user"}
        fields = [field.attname for field in history._meta.concrete_fields if field.name not in own]
        link_models = [
            candidate for candidate in self.apps.get_models()
            if candidate._meta.app_label == app and candidate._meta.object_name.startswith(f"Historical{name}_")
        ]
        rows = model._default_manager.using(self.alias).in_bulk(pks)
        made = {}
        for pk in pks:
            row = rows[pk]
            made[pk] = history._default_manager.using(self.alias).create(
                history_date=self.now, history_type=history_type, history_change_reason=REASON, history_user=None,
                **{attname: getattr(row, attname) for attname in fields},
            ).pk
        for link_model in link_models:
            field = model._meta.get_field(link_model._meta.object_name[len(f"Historical{name}_"):])
            through = field.remote_field.through
            source = field.m2m_field_name()
            names = [through_field.attname for through_field in through._meta.concrete_fields]
            link_model._default_manager.using(self.alias).bulk_create([
                link_model(history_id=made[getattr(link, f"{source}_id")], **{n: getattr(link, n) for n in names})
                for link in through.objects.using(self.alias).filter(**{f"{source}_id__in": pks})
            ])


def spread(uses, below):
    """Give every row in `below[pk]` the workspaces of `pk`, transitively (sub-processors, representatives)."""
    pending = list(below)
    while pending:
        parent = pending.pop()
        for child in below.get(parent, ()):
            if not uses[parent] <= uses[child]:
                uses[child] |= uses[parent]
                pending.append(child)


def forwards(apps, schema_editor):
    Upgrade(apps, schema_editor.connection.alias).run()


class Migration(migrations.Migration):
    dependencies = [
        ("ropa", "0015_workspaces"),
        ("breaches", "0002_breach_decision_has_its_risk_assessment"),
        ("requests", "0006_reference_counter"),
        ("auth", "0012_alter_user_first_name_max_length"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
