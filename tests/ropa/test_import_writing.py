"""Writing an import: one history row per activity holding its links, current completeness facts, and a
number of queries that grows by a fixed amount per row (ropa/imports/writing.py)."""

from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from ropa.imports import plan_import
from ropa.models import ProcessingActivity, Processor, Purpose, RetentionRule, Transfer
from tests.ropa.test_import_workbooks import workbook

HEADER = [
    "Behandlingsaktivitet", "Formål", "Behandlingsgrunnlag", "Kategorier registrerte", "Personopplysninger",
    "Mottakere", "Sikkerhetstiltak", "Overføring til tredjeland", "Lagringstid", "Databehandlere", "DPIA",
]
# What writing a row costs beyond the import's fixed queries: the activity's INSERT (it is saved through save())
# and its share of the bulk INSERTs of links, history rows, purposes, rules, processor uses and transfers
# (measured: 1.17 on SQLite, whose INSERTs hold at most 999 parameters; 1.0 on PostgreSQL).
QUERIES_PER_ROW = 1.2


def sheet(rows: int, prefix: str = "Aktivitet") -> bytes:
    return workbook([HEADER] + [
        [f"{prefix} {n}", "Levere varer\nSende kvittering", "b) avtale", "Kunder", "Navn; Post- og leveringsadresse",
         "Transport- og leveringsselskaper", "Rollebasert tilgangsstyring", "Ja – USA (Data Privacy Framework)",
         "5 år etter utgangen av regnskapsåret", f"Leverandør {n % 3}", "Nei"]
        for n in range(rows)
    ])


def names(queryset) -> set[str]:
    with translation.override("nb"):
        return {str(item) for item in queryset}


def test_a_new_activity_has_one_history_row_holding_its_links_the_user_and_the_file(organisation, privacy_officer):
    with translation.override("en"):
        plan_import(sheet(2), "protokoll.xlsx", organisation=organisation, create_missing=True).apply(privacy_officer)
    activity = ProcessingActivity.objects.get(name="Aktivitet 1")
    [row] = activity.history.all()
    assert (row.history_type, row.history_user, row.history_change_reason) == (
        "+", privacy_officer, "Import of protokoll.xlsx",
    )
    assert (row.name, row.organisation_id, row.dpia_required) == (activity.name, organisation.pk, "no")
    assert names(link.datasubjectcategory for link in row.data_subject_categories.all()) == {"Kunder"}
    assert names(link.personaldatacategory for link in row.personal_data_categories.all()) == {
        "Navn", "Post- og leveringsadresse",
    }
    assert names(link.securitymeasure for link in row.security_measures.all()) == {"Rollebasert tilgangsstyring"}
    for model in (Purpose, RetentionRule, Transfer):
        rows = model.history.filter(activity_id=activity.pk)
        assert {(r.history_type, r.history_user, r.history_change_reason) for r in rows} == {
            ("+", privacy_officer, "Import of protokoll.xlsx"),
        }
    assert [r.description for r in Purpose.history.filter(activity_id=activity.pk).order_by("id")] == [
        "Levere varer", "Sende kvittering",
    ]
    [use] = activity.processor_uses.all()
    assert (use.history.get().history_user, use.processor.name) == (privacy_officer, "Leverandør 1")


def test_a_changed_activity_has_one_more_history_row_holding_its_new_links(organisation, privacy_officer):
    plan_import(sheet(1), "v1.xlsx", organisation=organisation, create_missing=True).apply(privacy_officer)
    changed = workbook([HEADER, [
        "Aktivitet 0", "Levere varer", "b) avtale", "Kunder; Ansatte", "Navn", "", "Rollebasert tilgangsstyring",
        "Nei", "3 år", "Leverandør 0", "Ja",
    ]])
    with translation.override("en"):
        plan = plan_import(changed, "v2.xlsx", organisation=organisation, create_missing=True)
        assert plan.counts()["change"] == 1
        plan.apply(privacy_officer)
    activity = ProcessingActivity.objects.get()
    latest, first = activity.history.all()
    assert (latest.history_type, latest.history_change_reason, latest.dpia_required) == (
        "~", "Import of v2.xlsx", "yes",
    )
    assert names(link.datasubjectcategory for link in latest.data_subject_categories.all()) == {"Kunder", "Ansatte"}
    assert names(link.personaldatacategory for link in latest.personal_data_categories.all()) == {"Navn"}
    assert names(link.personaldatacategory for link in first.personal_data_categories.all()) == {
        "Navn", "Post- og leveringsadresse",
    }
    assert [p.description for p in activity.purposes.all()] == ["Levere varer"]
    assert activity.retention_rules.get().duration == 3


def test_the_stored_completeness_facts_hold_what_was_imported(organisation, privacy_officer):
    """The activity list and the dashboard read these columns; the import refreshes them once per chunk."""
    plan_import(sheet(3), "x.xlsx", organisation=organisation, create_missing=True).apply(privacy_officer)
    activity = ProcessingActivity.objects.get(name="Aktivitet 2")
    assert (activity.has_purpose, activity.has_subjects, activity.has_data, activity.has_recipients) == (
        True, True, True, True,
    )
    assert (activity.has_retention, activity.has_security_measures, activity.has_transfer) == (True, True, True)
    assert activity.has_processor_without_dpa  # Art. 28(3): the new processor has no agreement yet
    assert " 6.1.b " in activity.basis_codes
    assert ProcessingActivity.objects.with_basis("6.1.b").count() == 3
    assert Processor.objects.get(name="Leverandør 2").dpa_status == "missing"


def test_writing_costs_at_most_a_fixed_number_of_queries_per_row(organisation, privacy_officer):
    """10,000 rows must not cost 110 queries each, as saving every part through save() did."""
    def queries_to_write(rows: int) -> int:
        plan = plan_import(sheet(rows), "x.xlsx", organisation=organisation, create_missing=True)
        assert plan.errors == []
        with transaction.atomic():
            with CaptureQueriesContext(connection) as captured:
                plan.apply(privacy_officer)
            assert ProcessingActivity.objects.count() == rows
            transaction.set_rollback(True)  # the next size starts from the same record
        return len(captured)

    small, large = queries_to_write(30), queries_to_write(60)
    assert large - small <= 30 * QUERIES_PER_ROW, (small, large)


def test_a_database_that_returns_no_ids_from_a_bulk_insert_gets_the_same_rows_and_history(
    organisation, privacy_officer, monkeypatch,
):
    """SQLite before 3.35 gives bulk-inserted rows no ids: each is then inserted alone, with the same history."""
    monkeypatch.setattr(type(connection.features), "can_return_rows_from_bulk_insert", False)
    plan_import(sheet(2), "x.xlsx", organisation=organisation, create_missing=True).apply(privacy_officer)
    activity = ProcessingActivity.objects.get(name="Aktivitet 0")
    [row] = activity.history.all()
    assert names(link.datasubjectcategory for link in row.data_subject_categories.all()) == {"Kunder"}
    assert [p.description for p in activity.purposes.all()] == ["Levere varer", "Sende kvittering"]
    assert Purpose.history.filter(activity_id=activity.pk, history_user=privacy_officer).count() == 2
    assert Transfer.history.filter(activity_id=activity.pk).count() == 1
