"""What an import leaves in the history: nothing for an unchanged file, a reason naming the file otherwise."""

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import translation

from ropa.imports import plan_import
from ropa.models import ProcessingActivity, RetentionRule
from tests.ropa.test_import import exported, rich_record


def history_rows() -> dict[str, int]:
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models() if model._meta.label.startswith("ropa.Historical")
    }


@pytest.fixture
def record(db):
    shop = rich_record()
    orders = ProcessingActivity.objects.get(name="Ordrebehandling")
    # A rule without a duration but with an event, as the demo record has: its export leaves the event blank.
    RetentionRule.objects.create(
        activity=orders, description="Until the enquiry is closed", runs_from=RetentionRule.Event.OTHER,
        unit=RetentionRule.Unit.MONTHS,
    )
    return shop


def test_re_importing_an_unchanged_export_reports_no_change_and_writes_no_history(record, privacy_officer):
    data = exported()
    before = history_rows()
    plan = plan_import(data, "record.xlsx")
    assert plan.errors == []
    assert plan.counts()["change"] == 0 and plan.counts()["create"] == 0
    plan.apply(privacy_officer)
    assert history_rows() == before


def test_history_rows_of_an_import_carry_the_file_name_as_their_reason(record, privacy_officer):
    data = exported()
    orders = ProcessingActivity.objects.get(name="Ordrebehandling")
    orders.owner = "Someone else"
    orders.save()
    with translation.override("en"):
        plan_import(data, "protokoll 2026.xlsx").apply(privacy_officer)
    latest = orders.history.first()
    assert latest.owner == "Salgssjef"
    assert latest.history_change_reason == "Import of protokoll 2026.xlsx"
    assert latest.history_user == privacy_officer


def test_the_reason_is_written_in_the_importing_users_language(record, privacy_officer):
    data = exported()
    ProcessingActivity.objects.filter(name="Ordrebehandling").update(owner="Someone else")
    with translation.override("nb"):
        plan_import(data, "protokoll.xlsx").apply(privacy_officer)
    reason = ProcessingActivity.objects.get(name="Ordrebehandling").history.first().history_change_reason
    assert reason != "Import of protokoll.xlsx" and "protokoll.xlsx" in reason


def test_an_admin_edit_without_a_reason_shows_no_none_in_the_history_page(officer_client, complete_activity):
    complete_activity.owner = "Head of logistics"
    complete_activity.save()
    assert complete_activity.history.first().history_change_reason is None
    url = reverse("admin:ropa_processingactivity_history", args=[complete_activity.pk])
    page = officer_client.get(url).content.decode()
    reasons = page.split('id="change-history"', 1)[1].split("</table>", 1)[0]
    assert "None" not in reasons
