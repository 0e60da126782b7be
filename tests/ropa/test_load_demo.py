"""The demo record: five companies from their privacy policies, loaded idempotently and with history."""

import dataclasses
import datetime
import io

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.utils import translation

import ropa.demo
from ropa.demo import CHANGE_REASON, COMPANIES, load_demo, selby, seleverkstedet, swedish_shop, verdifull
from ropa.demo import dpia as demo_dpia
from ropa.demo.spec import ActivitySpec, CompanySpec, OrganisationSpec, PurposeSpec
from ropa.models import (
    Art30Item,
    LegalBasis,
    Organisation,
    ProcessingActivity,
    Purpose,
    RetentionRule,
)
from ropa.models.organisations import clean_organisation_number

pytestmark = pytest.mark.django_db


def _row_counts() -> dict[str, int]:
    """Rows in every table of the record, history tables included."""
    return {model.__name__: model._default_manager.count() for model in apps.get_app_config("ropa").get_models()}


class TestTheLoadedDemo:
    """Tests that read the demo as one load wrote it (loaded once for them all)."""

    def test_it_creates_the_five_controllers_with_their_activities(self, demo_for_the_class):
        names = {company.organisation.name for company in COMPANIES}
        controllers = Organisation.objects.filter(role=Organisation.Role.CONTROLLER)
        assert set(controllers.values_list("name", flat=True)) == names
        for company in COMPANIES:
            organisation = controllers.get(name=company.organisation.name)
            # ropa/demo/dpia.py adds the camera surveillance to Seleverkstedet.
            extra = {demo_dpia.CAMERA.name} if company is seleverkstedet.COMPANY else set()
            names = set(organisation.activities.values_list("name", flat=True))
            assert names == {a.name for a in company.activities} | extra
            assert organisation.activities.count() >= 5
        assert controllers.get(name=swedish_shop.NAME).country == "SE"

    def test_the_organisation_numbers_are_valid_norwegian_numbers(self, demo_for_the_class):
        """920437958 is the number Verdifull's policy gives; python-stdnum checks the mod-11 check digit."""
        verdifull_org = Organisation.objects.get(name=verdifull.NAME)
        assert verdifull_org.organisation_number == "920437958"
        assert clean_organisation_number(verdifull_org.organisation_number, "NO") == "920437958"
        for organisation in Organisation.objects.all():
            organisation.full_clean()
        assert Organisation.objects.get(name=selby.NAME).organisation_number == "983950418"

    def test_running_it_twice_writes_no_rows_and_no_history(self, demo_for_the_class):
        first = demo_for_the_class
        counts = _row_counts()
        second = load_demo()
        assert second == first
        assert _row_counts() == counts
        assert counts["ProcessingActivity"] == first.activities == sum(len(c.activities) for c in COMPANIES) + 1

    def test_it_records_history_as_demo_data_by_no_user(self, demo_for_the_class):
        activity = ProcessingActivity.objects.get(organisation__name=verdifull.NAME, name="Kjøp og betaling")
        versions = activity.history.all()
        assert versions.filter(history_type="+").count() == 1
        assert {v.history_user_id for v in versions} == {None}
        assert {v.history_change_reason for v in versions} == {CHANGE_REASON}
        # The latest version holds the many-to-many links too, so the record can be rebuilt as of a date.
        assert versions.latest().personal_data_categories.count() == activity.personal_data_categories.count() > 0
        for model in (Organisation, Purpose, RetentionRule):
            assert model.history.filter(history_change_reason=CHANGE_REASON).exists()

    def test_the_record_has_complete_and_incomplete_activities(self, demo_for_the_class):
        summary = demo_for_the_class
        activities = list(ProcessingActivity.objects.with_completeness())
        complete = [a for a in activities if not a.missing_items()]
        assert complete
        assert 0 < summary.incomplete < summary.activities
        assert summary.incomplete == len(activities) - len(complete)

    def test_a_vague_retention_period_is_recorded_as_missing(self, demo_for_the_class):
        """Art. 30(1)(f): Verdifull's policy keeps order data 'XXX år', so no retention rule is invented."""
        bookkeeping = ProcessingActivity.objects.get(organisation__name=verdifull.NAME, name="Regnskap og skatt")
        assert Art30Item.RETENTION in bookkeeping.missing_items()
        assert not bookkeeping.retention_rules.exists()
        assert "XXX" in bookkeeping.description

    def test_a_blank_contact_address_leaves_the_controller_item_missing(self, demo_for_the_class):
        """Art. 30(1)(a): Seleverkstedet's policy leaves its e-mail blank, so every activity lacks contact details."""
        for activity in ProcessingActivity.objects.filter(organisation__name=seleverkstedet.NAME):
            assert Art30Item.CONTROLLER in activity.missing_items()

    def test_bookkeeping_keeps_the_statutory_periods(self, demo_for_the_class):
        """bokføringsloven § 13: 5 years from the end of the financial year; bokföringslagen 7 kap. 2 §: 7 years."""
        norway = RetentionRule.objects.get(
            activity__organisation__name=selby.NAME, activity__name="Regnskap og bokføring",
        )
        assert (norway.duration, norway.unit, norway.runs_from) == (5, "years", "end_of_financial_year")
        assert norway.legal_reference == "bokføringsloven § 13"
        sweden = RetentionRule.objects.get(
            activity__organisation__name=swedish_shop.NAME, activity__name="Bokföring",
        )
        assert (sweden.duration, sweden.runs_from, sweden.legal_reference) == (
            7, "end_of_calendar_year", "bokföringslagen 7 kap. 2 §",
        )
        purpose = sweden.activity.purposes.get()
        assert purpose.article6 == LegalBasis.Article6.LEGAL_OBLIGATION

    def test_every_purpose_and_activity_passes_the_legal_rules(self, demo_for_the_class):
        """Art. 6(1)(f) balancing test, Art. 7(1) consent record, Art. 6(3) legal reference, Art. 9 and 10 bases."""
        purposes = Purpose.objects.all()
        assert purposes.count() >= 40
        for purpose in purposes:
            purpose.full_clean()
        assert purposes.filter(article6=LegalBasis.Article6.CONSENT).exclude(consent_record="").exists()
        assert purposes.filter(article6=LegalBasis.Article6.LEGITIMATE_INTERESTS).exclude(balancing_test="").exists()
        for activity in ProcessingActivity.objects.all():
            activity.check_legal_bases()
            activity.full_clean()
            assert activity.purposes.exists()
        for rule in RetentionRule.objects.all():
            rule.full_clean()

    def test_some_reviews_are_overdue(self, demo_for_the_class):
        overdue = ProcessingActivity.objects.review_overdue(today=datetime.date(2026, 11, 24))
        assert set(overdue.values_list("name", flat=True)) == {
            "Analyse av nettstedet (Google Analytics)",
            "Annonspixlar och webbanalys (Facebook-pixel, Google Analytics)",
        }


def test_it_updates_a_changed_activity_in_place(monkeypatch):
    load_demo()
    activity = ProcessingActivity.objects.get(organisation__name=selby.NAME, name="Sikkerhetsovervåking")
    versions = activity.history.count()
    spec = next(a for a in selby.COMPANY.activities if a.name == "Sikkerhetsovervåking")
    changed = dataclasses.replace(
        spec, description="Reworded.", purposes=(PurposeSpec("Only this purpose now", LegalBasis.Article6.CONTRACT),),
    )
    company = dataclasses.replace(selby.COMPANY, activities=(changed,))
    monkeypatch.setattr(ropa.demo, "COMPANIES", (company,))
    load_demo()
    activity.refresh_from_db()
    assert activity.description == "Reworded."
    assert list(activity.purposes.values_list("description", flat=True)) == ["Only this purpose now"]
    assert activity.history.count() == versions + 1
    assert Purpose.history.filter(history_type="-", activity_id=activity.pk).count() == 1


def test_a_company_that_breaks_a_rule_is_not_loaded_at_all(monkeypatch):
    """Art. 9(2): health data without an Art. 9 condition fails, and the transaction leaves nothing behind."""
    broken = CompanySpec(
        organisation=OrganisationSpec("Broken AS", email="post@broken.example"),
        activities=(
            ActivitySpec(
                name="Health survey", description="", department="", owner="",
                purposes=(PurposeSpec("Ask about health", LegalBasis.Article6.CONTRACT),),
                personal_data=("Health data",),
            ),
        ),
    )
    monkeypatch.setattr(ropa.demo, "COMPANIES", (*COMPANIES, broken))
    with pytest.raises(ValidationError, match=r"Art\. 9\(2\)"):
        load_demo()
    assert not Organisation.objects.exists()
    assert not ProcessingActivity.history.exists()


def test_extra_loaders_run_after_the_companies_in_the_same_transaction():
    seen = []

    def processors_loader():
        seen.append(Organisation.objects.filter(role=Organisation.Role.CONTROLLER).count())
        raise RuntimeError("processor data is broken")

    with pytest.raises(RuntimeError):
        load_demo(extra_loaders=[processors_loader])
    assert seen == [5]
    assert not ProcessingActivity.objects.exists()


def test_the_command_prints_a_summary(settings):
    settings.DEBUG = True
    out = io.StringIO()
    with translation.override("en"):
        call_command("load_demo", stdout=out)
    activities = ProcessingActivity.objects.count()
    incomplete = ProcessingActivity.objects.incomplete().count()
    assert f"5 companies, {activities} activities, {incomplete} incomplete." in out.getvalue()


def test_the_command_refuses_to_run_without_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"), translation.override("en"):
        call_command("load_demo")
    assert not ProcessingActivity.objects.exists()


def test_the_newsletters_and_offers_are_marked_as_direct_marketing():
    """Art. 21(2)-(3): an objection to direct marketing stops these purposes at once, on consent or on legitimate
    interests alike (markedsføringsloven § 15); the staff notice reads them from this mark."""
    load_demo()
    marked = set(Purpose.objects.filter(direct_marketing=True).values_list("description", flat=True))
    assert "Sende nyhetsbrev om lignende tjenester til eksisterende kunder" in marked  # legitimate interests
    assert "Skicka den marknadsföring kunden har prenumererat på" in marked  # the Swedish shop, on consent
    assert not Purpose.objects.filter(direct_marketing=True, article6=LegalBasis.Article6.CONTRACT).exists()
