"""Processing activities through the API: the same rules as the admin (clean(): Art. 9(2), 30(1)(e), 35), errors per
field citing the article, nothing half-written; history names the token's person and "API: NAME"; a page costs the
same queries whatever its size."""


from ropa.completeness.signals import deferred
from ropa.models import (
    DataSubjectCategory,
    LegalBasis,
    PersonalDataCategory,
    ProcessingActivity,
    ProcessorUse,
    Purpose,
    RetentionRule,
    Role,
    Transfer,
    YesNoUnknown,
)
from tests.api.conftest import api, make_token, member


def post(client, path, body):
    return client.post(path, body, content_type="application/json")


def patch(client, path, body):
    return client.patch(path, body, content_type="application/json")


def test_it_creates_an_activity_and_history_names_the_person_and_the_token(alpha, alpha_officer, alpha_api):
    response = post(alpha_api, "/api/v1/activities/", {
        "organisation": alpha.organisation.pk, "name": "Newsletter", "description": "Monthly offers.",
    })
    assert response.status_code == 201, response.content
    activity = ProcessingActivity.objects.get(pk=response.json()["id"])
    assert (activity.name, activity.organisation, activity.status) == ("Newsletter", alpha.organisation, "draft")
    created = activity.history.get()
    assert created.history_type == "+"
    assert created.history_user == alpha_officer
    assert created.history_change_reason == "API: Web shop"

    response = patch(alpha_api, f"/api/v1/activities/{activity.pk}/", {"name": "Newsletter (monthly)"})
    assert response.status_code == 200, response.content
    changed = activity.history.latest()
    assert (changed.history_type, changed.name) == ("~", "Newsletter (monthly)")
    assert (changed.history_user, changed.history_change_reason) == (alpha_officer, "API: Web shop")


def test_a_read_shows_the_activitys_parts(alpha, alpha_api):
    body = alpha_api.get(f"/api/v1/activities/{alpha.activity.pk}/").json()
    assert body["name"] == "Alpha customer register"
    assert [p["description"] for p in body["purposes"]] == ["Alpha purpose"]
    assert body["purposes"][0]["article6"] == LegalBasis.Article6.CONTRACT
    assert [t["destination_country"] for t in body["transfers"]] == ["US"]


def test_art_30_1_e_an_activity_saying_it_transfers_cannot_go_active_without_a_transfer(alpha, alpha_api):
    activity = ProcessingActivity.objects.create(
        organisation=alpha.organisation, name="Support desk", transfers_outside_eea=YesNoUnknown.YES,
    )
    response = patch(alpha_api, f"/api/v1/activities/{activity.pk}/", {"status": "active", "name": "Helpdesk"})
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert list(errors) == ["status"]
    assert errors["status"][0].startswith("Art. 30(1)(e): the activity says it transfers personal data outside")
    activity.refresh_from_db()
    assert (activity.status, activity.name) == ("draft", "Support desk")  # nothing half-written
    assert activity.history.count() == 1


def test_art_35_a_required_dpia_cannot_be_not_needed_on_create(alpha, alpha_api):
    response = post(alpha_api, "/api/v1/activities/", {
        "organisation": alpha.organisation.pk, "name": "Camera surveillance", "dpia_required": "yes",
        "dpia_status": "not_needed",
    })
    assert response.status_code == 400
    assert response.json()["errors"] == {
        "dpia_status": ["Art. 35: a DPIA marked as required cannot be 'not needed'."]}
    assert not ProcessingActivity.objects.filter(name="Camera surveillance").exists()


def test_art_9_2_special_category_data_on_an_active_activity_needs_its_condition(alpha, alpha_api):
    health = PersonalDataCategory.objects.create(
        workspace=alpha.workspace, name="Health", kind=PersonalDataCategory.Kind.SPECIAL,
    )
    ProcessingActivity.objects.filter(pk=alpha.activity.pk).update(status="active")
    response = patch(alpha_api, f"/api/v1/activities/{alpha.activity.pk}/",
                     {"personal_data_categories": [health.pk]})
    assert response.status_code == 400
    messages = [message for field in response.json()["errors"].values() for message in field]
    assert any(message.startswith("Art. 9(2): special category data needs a condition") for message in messages)
    assert not alpha.activity.personal_data_categories.exists()

    Purpose.objects.filter(activity=alpha.activity).update(
        article9=LegalBasis.Article9.EXPLICIT_CONSENT, consent_record="Consent log", consent_demonstrable=True)
    response = patch(alpha_api, f"/api/v1/activities/{alpha.activity.pk}/",
                     {"personal_data_categories": [health.pk]})
    assert response.status_code == 200, response.content
    assert list(alpha.activity.personal_data_categories.all()) == [health]


def test_it_refuses_another_workspaces_category_as_not_existing(alpha, bravo, alpha_api):
    theirs = DataSubjectCategory.objects.create(workspace=bravo.workspace, name="Bravo patients")
    response = patch(alpha_api, f"/api/v1/activities/{alpha.activity.pk}/",
                     {"data_subject_categories": [theirs.pk]})
    assert response.status_code == 400
    assert "data_subject_categories" in response.json()["errors"]
    assert not alpha.activity.data_subject_categories.exists()


def test_a_reader_cannot_write(alpha):
    reader = member("alpha-auditor", alpha.workspace, role=Role.AUDITOR)
    _token, secret = make_token(reader, name="Dashboard screen")
    client = api(secret)
    assert client.get(f"/api/v1/activities/{alpha.activity.pk}/").status_code == 200
    assert patch(client, f"/api/v1/activities/{alpha.activity.pk}/", {"name": "x"}).status_code == 403
    alpha.activity.refresh_from_db()
    assert alpha.activity.name == "Alpha customer register"


def many_activities(alpha, count: int) -> None:
    """Activities with every part a list shows, so a query per row or per part would show in the count (their
    completeness worked out once at the end, as an import does)."""
    with deferred():
        _many_activities(alpha, count)


def _many_activities(alpha, count: int) -> None:
    subjects = DataSubjectCategory.objects.create(workspace=alpha.workspace, name="Customers")
    data = PersonalDataCategory.objects.create(workspace=alpha.workspace, name="Contact details")
    activities = ProcessingActivity.objects.bulk_create(
        ProcessingActivity(organisation=alpha.organisation, name=f"Activity {n:03}") for n in range(count)
    )
    Purpose.objects.bulk_create(
        Purpose(activity=a, description="Sales", article6=LegalBasis.Article6.CONTRACT) for a in activities
    )
    RetentionRule.objects.bulk_create(
        RetentionRule(activity=a, personal_data_category=data, duration=3, unit="years") for a in activities)
    Transfer.objects.bulk_create(
        Transfer(activity=a, processor=alpha.processor, destination_country="US") for a in activities)
    ProcessorUse.objects.bulk_create(ProcessorUse(activity=a, processor=alpha.processor) for a in activities)
    for activity in activities:
        activity.data_subject_categories.add(subjects)
        activity.personal_data_categories.add(data)


def test_a_page_costs_the_same_queries_whatever_its_size(alpha, alpha_api, django_assert_max_num_queries):
    many_activities(alpha, 120)
    alpha_api.get("/api/v1/activities/?page_size=1")  # the token's last use is written once a minute
    counts = {}
    for page_size in (5, 50):
        with django_assert_max_num_queries(18) as captured:
            response = alpha_api.get(f"/api/v1/activities/?page_size={page_size}&page=2")
        assert response.status_code == 200
        body = response.json()
        assert len(body["results"]) == page_size and body["count"] == 121
        assert all(row["purposes"] and row["retention_rules"] and row["transfers"] and row["processors"]
                   for row in body["results"])
        counts[page_size] = len(captured)
    assert counts[5] == counts[50]
