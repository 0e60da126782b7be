"""A privacy officer maintains the record in the admin; an auditor can look but not touch."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ropa.completeness.signals import deferred
from ropa.models import DataSubjectCategory, LegalBasis, PersonalDataCategory, ProcessingActivity, Purpose

ADD_URL = reverse("admin:ropa_processingactivity_add")
LIST_URL = reverse("admin:ropa_processingactivity_changelist")


def new_activity_form(organisation, **overrides) -> dict:
    data = {
        "name": "Newsletter",
        "organisation": organisation.pk,
        "status": "active",
        "transfers_outside_eea": "no",
        "is_high_risk": "no",
        "dpia_required": "no",
        "data_subject_categories": [DataSubjectCategory.objects.get(name="Newsletter subscribers").pk],
        "personal_data_categories": [PersonalDataCategory.objects.get(name="Contact details (e-mail, phone)").pk],
        "purposes-TOTAL_FORMS": "1",
        "purposes-INITIAL_FORMS": "0",
        "purposes-0-description": "Send the newsletter the subscriber asked for",
        "purposes-0-article6": LegalBasis.Article6.CONSENT,
        "purposes-0-consent_record": "Double opt-in log in the newsletter service",
        "purposes-0-consent_demonstrable": "on",
        "retention_rules-TOTAL_FORMS": "0",
        "retention_rules-INITIAL_FORMS": "0",
        "processor_uses-TOTAL_FORMS": "0",
        "processor_uses-INITIAL_FORMS": "0",
    }
    data.update(overrides)
    return data


def test_a_privacy_officer_adds_an_activity_with_its_purpose(officer_client, organisation, privacy_officer):
    response = officer_client.post(ADD_URL, new_activity_form(organisation))
    assert response.status_code == 302
    activity = ProcessingActivity.objects.get(name="Newsletter")
    assert activity.purposes.get().article6 == LegalBasis.Article6.CONSENT
    assert activity.history.first().history_user == privacy_officer


def test_the_officer_writes_where_the_data_comes_from_in_words_for_data_subjects(officer_client, organisation):
    """Art. 14(2)(f): the source told to data subjects is written on the activity's page, with its history."""
    form = new_activity_form(organisation, source_kind=ProcessingActivity.SourceKind.THIRD_PARTY,
                             public_source="Adresser fra Klarna når du betaler med Klarna.")
    assert officer_client.post(ADD_URL, form).status_code == 302
    activity = ProcessingActivity.objects.get(name="Newsletter")
    assert activity.public_source == "Adresser fra Klarna når du betaler med Klarna."
    assert activity.history.first().public_source == activity.public_source


def test_the_form_refuses_consent_without_a_consent_record_and_saves_nothing(officer_client, organisation):
    response = officer_client.post(ADD_URL, new_activity_form(organisation, **{"purposes-0-consent_record": ""}))
    assert response.status_code == 200
    assert "Art. 7(1)" in response.content.decode()
    assert not ProcessingActivity.objects.exists()


def test_the_form_refuses_a_consent_record_saying_no_log_exists_and_saves_nothing(officer_client, organisation):
    """Art. 7(1): "there is no consent log" names no place where consent can be shown; unticked, it is refused."""
    form = new_activity_form(organisation, **{"purposes-0-consent_record": "No consent log exists"})
    del form["purposes-0-consent_demonstrable"]
    response = officer_client.post(ADD_URL, form)
    assert response.status_code == 200
    assert "Art. 7(1)" in response.content.decode()
    assert not ProcessingActivity.objects.exists()


def test_the_form_refuses_health_data_without_an_article_9_condition(officer_client, organisation):
    """Art. 9(2): checked against the categories submitted in the same form, before anything is saved."""
    health = PersonalDataCategory.objects.get(name="Health data")
    response = officer_client.post(ADD_URL, new_activity_form(organisation, personal_data_categories=[health.pk]))
    assert response.status_code == 200
    assert "Art. 9(2)" in response.content.decode()
    assert not ProcessingActivity.objects.exists()
    fixed = new_activity_form(
        organisation,
        personal_data_categories=[health.pk],
        **{"purposes-0-article9": LegalBasis.Article9.EXPLICIT_CONSENT},
    )
    assert officer_client.post(ADD_URL, fixed).status_code == 302


def test_the_list_shows_what_is_missing(officer_client, complete_activity, organisation):
    ProcessingActivity.objects.create(organisation=organisation, name="Cookie tracking")
    content = officer_client.get(LIST_URL, headers={"accept-language": "en"}).content.decode()
    assert "ropa-ok" in content
    assert "Missing: purposes, categories, recipients, transfers, erasure, security" in content


@pytest.mark.parametrize(("language", "words"), [
    ("nb", "Mangler: rettslig grunnlag, databehandleravtale"),
    ("sv", "Saknas: rättslig grund, personuppgiftsbiträdesavtal"),
])
def test_the_list_names_what_is_missing_in_the_readers_words(officer_client, complete_activity, language, words):
    """Issue 26: the column said "Mangler: basis, dpa", the code words, on a Norwegian or Swedish page."""
    from ropa.models import ProcessorUse
    from tests.ropa.processor_helpers import make_processor

    complete_activity.purposes.all().delete()
    ProcessorUse.objects.create(activity=complete_activity, processor=make_processor("Wolt"))
    Purpose.objects.create(activity=complete_activity, description="Offers", article6="")
    content = officer_client.get(LIST_URL, headers={"accept-language": language}).content.decode()
    assert words in content


def test_the_list_marks_an_overdue_review(officer_client, complete_activity):
    complete_activity.next_review = datetime.date(2020, 1, 1)
    complete_activity.save()
    content = officer_client.get(LIST_URL).content.decode()
    assert '<span class="ropa-overdue">2020-01-01</span>' in content


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("status=active", {"Order handling"}),
        ("complete=no", {"Cookie tracking"}),
        ("complete=yes", {"Order handling"}),
        (f"basis={LegalBasis.Article6.CONTRACT}", {"Order handling"}),
        ("special=special", {"Cookie tracking"}),
        ("department=Web+shop", {"Order handling"}),
        ("review=overdue", {"Cookie tracking"}),
        ("q=deliver", {"Order handling"}),
    ],
)
def test_the_filters_find_the_right_activities(officer_client, complete_activity, organisation, query, expected):
    other = ProcessingActivity.objects.create(
        organisation=organisation,
        name="Cookie tracking",
        next_review=datetime.date(2020, 1, 1),
    )
    other.personal_data_categories.add(PersonalDataCategory.objects.get(name="Health data"))
    response = officer_client.get(f"{LIST_URL}?{query}")
    assert {activity.name for activity in response.context["cl"].result_list} == expected


def test_an_auditor_can_read_the_record_but_not_change_it(auditor_client, complete_activity, organisation):
    change_url = reverse("admin:ropa_processingactivity_change", args=[complete_activity.pk])
    assert auditor_client.get(LIST_URL).status_code == 200
    page = auditor_client.get(change_url)
    assert page.status_code == 200 and 'name="_save"' not in page.content.decode()
    assert auditor_client.post(change_url, {"name": "Hacked"}).status_code == 403
    assert auditor_client.get(ADD_URL).status_code == 403
    assert auditor_client.post(ADD_URL, new_activity_form(organisation)).status_code == 403
    delete_url = reverse("admin:ropa_processingactivity_delete", args=[complete_activity.pk])
    assert auditor_client.post(delete_url, {"post": "yes"}).status_code == 403
    complete_activity.refresh_from_db()
    assert complete_activity.name == "Order handling"
    purpose_change = reverse("admin:ropa_organisation_change", args=[organisation.pk])
    assert auditor_client.post(purpose_change, {"name": "Hacked"}).status_code == 403


def test_an_auditor_can_read_history(auditor_client, complete_activity):
    url = reverse("admin:ropa_processingactivity_history", args=[complete_activity.pk])
    assert auditor_client.get(url).status_code == 200


def _activities(organisation, count: int) -> None:
    customers = DataSubjectCategory.objects.get(name="Customers")
    name = PersonalDataCategory.objects.get(name="Name")
    # One completeness refresh for the batch, as the demo and the import do: the test reads, it doesn't time saves.
    with deferred():
        _create_activities(organisation, count, customers, name)


def _create_activities(organisation, count: int, customers, name) -> None:
    for number in range(count):
        activity = ProcessingActivity.objects.create(
            organisation=organisation, name=f"Activity {number:03}", department=f"Dept {number % 5}"
        )
        activity.data_subject_categories.add(customers)
        activity.personal_data_categories.add(name)
        Purpose.objects.create(activity=activity, description="Serve customers", article6=LegalBasis.Article6.CONTRACT)


def test_the_changelist_costs_the_same_queries_for_20_and_200_activities(officer_client, organisation):
    _activities(organisation, 20)
    with CaptureQueriesContext(connection) as twenty:
        assert officer_client.get(LIST_URL).status_code == 200
    _activities(organisation, 180)
    with CaptureQueriesContext(connection) as two_hundred:
        response = officer_client.get(LIST_URL)
    assert response.context["cl"].result_count == 200
    assert len(two_hundred.captured_queries) == len(twenty.captured_queries)


def test_the_changelist_stays_within_a_fixed_query_budget(officer_client, organisation, django_assert_max_num_queries):
    _activities(organisation, 50)
    # session and permissions 5, the reader's workspaces 1, filters 2, counts 2, rows 1, purposes 1, session save 3
    with django_assert_max_num_queries(15):
        officer_client.get(LIST_URL)


def test_the_admin_switches_language(officer_client):
    response = officer_client.post(reverse("set_language"), {"language": "sv", "next": LIST_URL}, follow=True)
    assert response.status_code == 200
    assert response.wsgi_request.LANGUAGE_CODE == "sv"
    assert '<html lang="sv"' in response.content.decode()


def test_the_activity_page_lists_its_transfers_with_their_safeguards(officer_client, complete_activity):
    from ropa.models import Transfer

    Transfer.objects.create(
        activity=complete_activity, recipient="Analytics Inc.", destination_country="US", recipient_dpf_certified=True,
        tool=Transfer.Tool.ADEQUACY,
    )
    url = reverse("admin:ropa_processingactivity_change", args=[complete_activity.pk])
    content = officer_client.get(url, headers={"accept-language": "en"}).content.decode()
    assert "United States" in content and 'class="ropa-ok"' in content
    assert f"/admin/ropa/transfer/add/?activity={complete_activity.pk}" in content


@pytest.mark.parametrize("language", ["en", "nb", "sv"])
def test_the_row_checkbox_written_out_is_the_one_django_renders(complete_activity, language):
    """ropa's HistoryAdmin writes the action checkbox without the widget engine; the HTML must not change."""
    from django.contrib import admin
    from django.utils import translation

    from ropa.admin.activities import ProcessingActivityAdmin

    model_admin = ProcessingActivityAdmin(ProcessingActivity, admin.site)
    with translation.override(language):
        ours = model_admin.action_checkbox(complete_activity)
        djangos = admin.ModelAdmin.action_checkbox(model_admin, complete_activity)
    assert ours == djangos
    assert 'aria-label="' in ours and f'value="{complete_activity.pk}"' in ours


@pytest.mark.parametrize("query", ["", "?department=Dept+1&status__exact=draft", "?q=Activity+00&o=2"])
def test_each_row_links_to_its_activity_keeping_the_filters_as_django_would(officer_client, organisation, query):
    """The changelist builds its row links itself (CompletenessChangeList); they must equal Django's own."""
    import re

    from django.contrib.admin.templatetags.admin_urls import add_preserved_filters
    from django.utils.http import urlencode

    _activities(organisation, 6)
    response = officer_client.get(LIST_URL + query)
    rows = response.context["cl"].result_list
    assert rows
    kept = urlencode({"_changelist_filters": query.removeprefix("?")}) if query else ""
    html = response.content.decode()
    for activity in rows:
        expected = add_preserved_filters(
            {"preserved_filters": kept, "opts": ProcessingActivity._meta},
            reverse("admin:ropa_processingactivity_change", args=[activity.pk]),
        )
        assert re.search(rf'<a href="{re.escape(expected.replace("&", "&amp;"))}">', html), expected


def listed_names(response) -> list[str]:
    return [activity.name for activity in response.context["cl"].result_list]


def test_the_search_finds_an_activity_by_its_purposes_once_and_by_every_word(officer_client, complete_activity):
    """Searching the purposes finds the activity once however many purposes match; each word must match somewhere."""
    Purpose.objects.create(activity=complete_activity, description="Deliver spare parts", article6="6.1.b")
    other = ProcessingActivity.objects.create(organisation=complete_activity.organisation, name="Newsletter",
                                              department="Marketing")
    assert listed_names(officer_client.get(LIST_URL, {"q": "deliver"})) == ["Order handling"]
    assert listed_names(officer_client.get(LIST_URL, {"q": "newsletter marketing"})) == [other.name]
    assert listed_names(officer_client.get(LIST_URL, {"q": "deliver marketing"})) == []
    response = officer_client.get(LIST_URL, {"q": "deliver", "status__exact": "active"})
    assert listed_names(response) == ["Order handling"]
    assert "1 result" in response.content.decode()
