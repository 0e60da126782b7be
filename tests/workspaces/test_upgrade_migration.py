"""The upgrade of an install kept before workspaces (migration 0016): every controller gets its own workspace, a
processor two controllers shared becomes one per controller with its agreement (Art. 28(3): an agreement binds
the processor to one controller), nothing of the record or its history is lost, and nobody loses access.

Runs on SQLite and PostgreSQL alike (`.ci/with-postgres .venv/bin/python -m pytest tests/workspaces/...`).
"""

import datetime

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from ropa.exports.processors import processors_as_of
from ropa.history.as_of import end_of_day, instances_as_of, record_as_of
from ropa.models import (
    DataProcessingAgreement,
    DataSubjectCategory,
    Membership,
    Organisation,
    ProcessingActivity,
    Processor,
    ProcessorUse,
    Role,
    System,
    Workspace,
)
from tests.seeding import seed_as_migrations_do

BEFORE = [
    ("ropa", "0014_dpia_reasoning_help"),
    ("breaches", "0002_breach_decision_has_its_risk_assessment"),
    ("requests", "0006_reference_counter"),
]
WRITTEN = timezone.now() - datetime.timedelta(days=30)
HISTORY_MODELS = [
    ("ropa", "HistoricalOrganisation"), ("ropa", "HistoricalProcessingActivity"), ("ropa", "HistoricalProcessor"),
    ("ropa", "HistoricalProcessorUse"), ("ropa", "HistoricalDataProcessingAgreement"), ("ropa", "HistoricalSystem"),
    ("ropa", "HistoricalDataSubjectCategory"), ("ropa", "HistoricalProcessingActivity_systems"),
    ("ropa", "HistoricalProcessingActivity_data_subject_categories"),
]


def saved(apps, model_name, links=None, **values):
    """A row made as ropa made it before workspaces: saved, linked, and its "+" history row with its links."""
    model = apps.get_model("ropa", model_name)
    history = apps.get_model("ropa", f"Historical{model_name}")
    row = model.objects.create(**values)
    for name, targets in (links or {}).items():
        getattr(row, name).set(targets)
    own = {"history_id", "history_date", "history_change_reason", "history_type", "history_user"}
    version = history.objects.create(
        history_date=WRITTEN, history_type="+",
        **{field.attname: getattr(row, field.attname) for field in history._meta.concrete_fields
           if field.name not in own},
    )
    for name in links or {}:
        field = model._meta.get_field(name)
        through = field.remote_field.through
        copy = apps.get_model("ropa", f"Historical{model_name}_{name}")
        names = [through_field.attname for through_field in through._meta.concrete_fields]
        for link in through.objects.filter(**{field.m2m_field_name(): row}):
            copy.objects.create(history=version, **{name: getattr(link, name) for name in names})
    return row


def history_ids(apps) -> set[tuple[str, int]]:
    return {
        (name, pk) for app, name in HISTORY_MODELS
        for pk in apps.get_model(app, name).objects.values_list("pk", flat=True)
    }


def schema() -> dict[str, tuple]:
    """The database's tables as the introspection reads them: each table's columns (name, type, null) and its
    constraints and indexes by what they hold, not by name (a migration and a model name an index differently)."""
    ignored = {"name", "definition", "options", "orders"}
    with connection.cursor() as cursor:
        tables = sorted(set(connection.introspection.table_names(cursor)) - {"django_migrations"})
        return {
            table: (
                sorted((column.name, str(column.type_code), column.null_ok)
                       for column in connection.introspection.get_table_description(cursor, table)),
                sorted(repr(sorted((key, value) for key, value in constraint.items() if key not in ignored))
                       for constraint in connection.introspection.get_constraints(cursor, table).values()),
            )
            for table in tables
        }


def drop_every_table() -> None:
    cascade = " CASCADE" if connection.vendor == "postgresql" else ""
    with connection.constraint_checks_disabled(), connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"DROP TABLE IF EXISTS {connection.ops.quote_name(table)}{cascade}")


def schema_from_the_models() -> None:
    """What the test database is built from (pytest runs with --no-migrations), with what the migrations seed."""
    from django.core.management import call_command

    drop_every_table()
    call_command("migrate", run_syncdb=True, verbosity=0)
    seed_as_migrations_do()


@pytest.fixture
def upgraded(transactional_db):
    """An old install's record, migrated from an empty database through 0014 to the latest schema.

    The suite's databases are built from the models (`--no-migrations` in pyproject.toml: a worker's database in
    3 s instead of 40); this is where every migration runs, on SQLite and PostgreSQL, and where the schema they
    build is held to the models' own. Afterwards the models' schema is back for the tests that follow.
    """
    from django.contrib.contenttypes.models import ContentType
    from django.test import override_settings

    built_from_the_models = schema()
    finished = False
    try:
        with override_settings(MIGRATION_MODULES={}):
            drop_every_table()
            executor = MigrationExecutor(connection)
            latest = executor.loader.graph.leaf_nodes()
            executor.migrate(BEFORE)
            old = MigrationExecutor(connection).loader.project_state(BEFORE).apps
            record, history = make_old_record(old), history_ids(old)
            MigrationExecutor(connection).migrate(latest)
            finished = not MigrationExecutor(connection).migration_plan(latest)
        ContentType.objects.clear_cache()  # the migrations made the content types again, under new ids
        yield record, history, (built_from_the_models, schema())
    finally:
        ContentType.objects.clear_cache()
        if not finished:
            schema_from_the_models()


def test_the_models_have_no_change_without_its_migration(db):
    """The other half of the promise the upgrade test checks: no model changed without a migration saying so."""
    from django.core.management import call_command
    from django.test import override_settings

    try:
        with override_settings(MIGRATION_MODULES={}):
            call_command("makemigrations", "--check", "--dry-run", verbosity=0)
    except SystemExit:  # what --check does when a migration is missing
        pytest.fail("a model changed without its migration: run `manage.py makemigrations`")


def make_old_record(apps) -> dict:
    group = apps.get_model("auth", "Group").objects.get_or_create(name="Privacy officer")[0]
    officer = apps.get_model("auth", "User").objects.create(username="officer", is_staff=True)
    officer.groups.add(group)

    shop = saved(apps, "Organisation", name="Verdifull AS", role="controller", country="NO")
    school = saved(apps, "Organisation", name="Lærelyst AS", role="controller", country="NO")
    klarna_ab = saved(apps, "Organisation", name="Klarna Bank AB", role="processor", country="SE")
    vendor = saved(apps, "Organisation", name="Shopify Inc.", role="processor", country="US")
    customers = apps.get_model("ropa", "DataSubjectCategory").objects.get(name="Customers")
    members = saved(apps, "DataSubjectCategory", name="Loyalty club members")
    platform = saved(apps, "System", name="Web shop platform", vendor=vendor)
    sales = saved(apps, "ProcessingActivity", name="Online sales", organisation=shop,
                  links={"systems": [platform], "data_subject_categories": [customers, members]})
    fees = saved(apps, "ProcessingActivity", name="School fees", organisation=school,
                 links={"systems": [platform], "data_subject_categories": [customers]})
    aws = saved(apps, "Processor", name="AWS", organisation=saved(apps, "Organisation", name="Amazon Web Services EMEA",
                role="processor", country="LU"), role="sub_processor", service="Hosting")
    klarna = saved(apps, "Processor", name="Klarna", organisation=klarna_ab, role="processor",
                   service="Invoices and instalments", links={"sub_processors": [aws]})
    courier = saved(apps, "Organisation", name="Posten Norge AS", role="processor", country="NO")
    saved(apps, "Processor", name="Posten", organisation=courier, role="processor", service="Parcels")  # unused
    saved(apps, "DataProcessingAgreement", processor=klarna, signed_on=datetime.date(2024, 3, 1),
          links={"data_subject_categories": [customers]})
    for activity in (sales, fees):
        saved(apps, "ProcessorUse", activity=activity, processor=klarna)
    return {"officer": officer.pk, "shop": shop.pk, "school": school.pk, "sales": sales.pk, "fees": fees.pk}


def test_each_controller_gets_its_own_workspace_processor_and_agreement(upgraded):
    old, old_history, (from_the_models, from_the_migrations) = upgraded
    shop, school = Organisation.objects.get(pk=old["shop"]), Organisation.objects.get(pk=old["school"])
    assert shop.workspace.name == "Verdifull AS"
    assert school.workspace.name == "Lærelyst AS"
    workspaces = {shop.workspace, school.workspace}
    # A processor no controller uses: which client's it is cannot be told, so an operator sorts it out.
    unassigned = Workspace.objects.get(name="Unassigned at upgrade")
    assert set(Workspace.objects.all()) == workspaces | {unassigned}
    posten = Processor.objects.get(name="Posten")
    assert (posten.workspace, posten.organisation.workspace) == (unassigned, unassigned)

    # Nothing of the record or its history is lost.
    assert set(ProcessingActivity.objects.values_list("pk", flat=True)) == {old["sales"], old["fees"]}
    from django.apps import apps

    assert old_history <= history_ids(apps)

    # Klarna is one per controller, each with the agreement, marked for the officer to check.
    klarnas = Processor.objects.filter(name="Klarna")
    assert {klarna.workspace for klarna in klarnas} == workspaces
    for klarna in klarnas:
        agreement = DataProcessingAgreement.objects.get(processor=klarna)
        assert agreement.signed_on == datetime.date(2024, 3, 1)
        assert list(agreement.data_subject_categories.values_list("name", flat=True)) == ["Customers"]
        assert "cannot tell which controller signed" in agreement.notes
        assert klarna.organisation.name == "Klarna Bank AB"
        assert klarna.organisation.workspace == klarna.workspace
        (aws,) = klarna.sub_processors.all()  # Art. 28(2), (4): each Klarna engages its own workspace's AWS
        assert (aws.name, aws.workspace) == ("AWS", klarna.workspace)
    for use in ProcessorUse.objects.select_related("activity__organisation", "processor"):
        assert use.processor.workspace == use.activity.organisation.workspace
    for system in System.objects.all():
        assert system.vendor.workspace == system.workspace
    assert System.objects.filter(name="Web shop platform").count() == 2

    # The custom entry only the shop used is the shop's now; the seeded one stays shared.
    assert DataSubjectCategory.objects.get(name="Loyalty club members").workspace == shop.workspace
    assert DataSubjectCategory.objects.get(name="Customers").workspace is None

    # Every row's last history row is the row as it now is: the exports read nothing else.
    moment = end_of_day(timezone.localdate())
    for model in (Organisation, Processor, System, ProcessorUse, DataProcessingAgreement, DataSubjectCategory):
        stored = [field.attname for field in model.history.model._meta.concrete_fields
                  if not field.attname.startswith("history_")]
        rebuilt = instances_as_of(model, moment)
        for row in model.objects.all():
            assert {name: getattr(rebuilt[row.pk], name) for name in stored} == {
                name: getattr(row, name) for name in stored
            }, row

    # Today's record, rebuilt from history, shows each controller its own Klarna and its own system.
    today = timezone.localdate()
    for controller in (shop, school):
        snapshot = record_as_of(today, controller)
        (activity,) = snapshot.activities
        assert [system.workspace_id for system in activity.links["systems"]] == [controller.workspace_id]
        processors = processors_as_of(end_of_day(today), {activity.activity.pk}, only_used=True)
        assert {(p.name, p.workspace_id) for p in processors.processors.values()} == {
            ("Klarna", controller.workspace_id), ("AWS", controller.workspace_id),
        }
        (klarna,) = (p for p in processors.processors.values() if p.name == "Klarna")
        assert [processors.processors[pk].name for pk in processors.sub_processors[klarna.pk]] == ["AWS"]
        assert len(processors.agreements[klarna.pk]) == 1

    # The officer keeps their access, in every workspace.
    officer = User.objects.get(pk=old["officer"])
    assert {(m.workspace, m.role) for m in Membership.objects.filter(user=officer)} == {
        (shop.workspace, Role.OFFICER), (school.workspace, Role.OFFICER), (unassigned, Role.OFFICER),
    }

    # The tests ran on a database built from the models; an install runs on the one the migrations build. They are
    # the same tables, columns, keys, constraints and indexes.
    assert from_the_migrations.keys() == from_the_models.keys()
    differences = {
        table: (from_the_migrations[table], shape) for table, shape in from_the_models.items()
        if any_integer(table, from_the_migrations[table]) != any_integer(table, shape)
    }
    assert differences == {}


# Django's own difference, not ropa's: on PostgreSQL auth's migrations give the id of its three many-to-many tables
# the project's DEFAULT_AUTO_FIELD (bigint), auth's models their app's AutoField (integer).
EITHER_INTEGER = {("auth_group_permissions", "id"), ("auth_user_groups", "id"), ("auth_user_user_permissions", "id")}


def any_integer(table: str, shape: tuple) -> tuple:
    columns, constraints = shape
    return [
        (name, "integer or bigint", null) if (table, name) in EITHER_INTEGER else (name, type_code, null)
        for name, type_code, null in columns
    ], constraints
