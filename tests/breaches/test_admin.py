"""The breach register in the admin: the list by its clock, the form's decisions, who sees what."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from ropa.breaches.models import Breach, Notice, Risk, Status
from ropa.models import DataSubjectCategory, Organisation, PersonalDataCategory, ProcessingActivity
from tests.breaches.conftest import oslo

CHANGELIST = reverse("admin:breaches_breach_changelist")
NOW = oslo(2026, 3, 4, 12, 0)


def row_of(content: str, title: str) -> str:
    start = content.index(f">{title}<")
    return content[content.rindex("<tr", 0, start): content.index("</tr>", start)]


@pytest.fixture
def three_clocks(make_breach):
    with time_machine.travel(NOW, tick=False):
        return {
            "past": make_breach(title="Past", aware_at=oslo(2026, 3, 1, 9, 0)),  # ended 4 March 09:00
            "soon": make_breach(title="Soon", aware_at=oslo(2026, 3, 2, 9, 0)),  # ends 5 March 09:00: 21 h left
            "calm": make_breach(title="Calm", aware_at=oslo(2026, 3, 4, 8, 0)),  # ends 7 March 08:00: 68 h left
        }


def test_the_list_shows_hours_left_red_when_past_and_amber_within_24_hours(officer_client, three_clocks):
    """Art. 33(1): the officer sees at a glance which breaches must be notified now."""
    with time_machine.travel(NOW, tick=False):
        content = officer_client.get(CHANGELIST, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'class="br-overdue">3 h overdue' in row_of(content, "Past")
    assert 'class="br-due-soon">21 h left' in row_of(content, "Soon")
    assert 'class="br-on-track">68 h left' in row_of(content, "Calm")
    # Running clocks first, the one ending soonest on top.
    assert content.index(">Past<") < content.index(">Soon<") < content.index(">Calm<")


def test_the_list_shows_the_deadline_in_norwegian_time(officer_client, make_breach):
    make_breach(title="Spring", aware_at=oslo(2026, 3, 29, 1, 30))
    with time_machine.travel(oslo(2026, 3, 30, 12, 0), tick=False):
        content = officer_client.get(CHANGELIST).content.decode()
    assert "2026-04-01 02:30" in row_of(content, "Spring")


def test_clock_running_is_a_filter_the_dashboard_can_link_to(officer_client, three_clocks, make_breach):
    make_breach(title="Decided", status=Status.NOT_NOTIFIED, risk=Risk.UNLIKELY, not_notified_reason="Encrypted.")
    with time_machine.travel(NOW, tick=False):
        response = officer_client.get(CHANGELIST, {"clock": "running"})
    shown = {breach.title for breach in response.context["cl"].result_list}
    assert shown == {"Past", "Soon", "Calm"}


def test_the_list_runs_the_same_queries_for_3_and_30_breaches(officer_client, make_breach,
                                                              django_assert_max_num_queries):
    for index in range(3):
        make_breach(title=f"Breach {index}")
    # 13, and the reader's workspaces and their roles' permissions (2), whatever the number of breaches
    with django_assert_max_num_queries(15):
        officer_client.get(CHANGELIST)
    for index in range(3, 30):
        make_breach(title=f"Breach {index}")
    # 13, and the reader's workspaces and their roles' permissions (2), whatever the number of breaches
    with django_assert_max_num_queries(15):
        officer_client.get(CHANGELIST)


def _form_data(breach_values: dict) -> dict:
    data = {
        "notices-TOTAL_FORMS": "0", "notices-INITIAL_FORMS": "0", "notices-MIN_NUM_FORMS": "0",
        "notices-MAX_NUM_FORMS": "1000", "status": Status.ASSESSING, "processor_without_undue_delay": "unknown",
    }
    data.update(breach_values)
    return data


def test_a_late_notification_without_reasons_is_refused_on_the_form(officer_client, make_breach):
    """Art. 33(1), in the officer's language: nothing is saved, the field says why."""
    breach = make_breach()
    url = reverse("admin:breaches_breach_change", args=[breach.pk])
    response = officer_client.post(url, _form_data({
        "organisation": breach.organisation_id, "title": breach.title, "description": breach.description,
        "aware_at_0": "2026-03-02", "aware_at_1": "09:00", "status": Status.NOTIFIED, "risk": Risk.RISK,
        "risk_assessment": "Names and e-mail addresses; phishing.", "notified_at_0": "2026-03-06",
        "notified_at_1": "10:00",
    }), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert "give the reasons for the delay" in response.content.decode()
    assert Breach.objects.get(pk=breach.pk).status == Status.ASSESSING


def _notified_form_data(breach: Breach, notice: Notice, notified: str, sent: str) -> dict:
    return _form_data({
        "organisation": breach.organisation_id, "title": breach.title, "description": breach.description,
        "aware_at_0": "2026-03-02", "aware_at_1": "09:00", "status": Status.NOTIFIED, "risk": Risk.RISK,
        "risk_assessment": breach.risk_assessment, "notified_at_0": "2026-03-03", "notified_at_1": notified,
        "notices-TOTAL_FORMS": "1", "notices-INITIAL_FORMS": "1", "notices-0-id": notice.pk,
        "notices-0-breach": breach.pk, "notices-0-kind": Notice.Kind.INITIAL, "notices-0-sent_at_0": "2026-03-03",
        "notices-0-sent_at_1": sent, "notices-0-content": notice.content,
    })


def test_the_breach_and_its_initial_notice_say_the_same_notification_time(officer_client, make_breach):
    """Art. 33(1) and (4): moving the breach's notified time away from the initial notice is refused on the form;
    correcting both in one save is accepted."""
    breach = make_breach(status=Status.NOTIFIED, risk=Risk.RISK, notified_at=oslo(2026, 3, 3, 9, 0))
    notice = Notice.objects.create(breach=breach, sent_at=oslo(2026, 3, 3, 9, 0), content="Initial notification.")
    url = reverse("admin:breaches_breach_change", args=[breach.pk])
    refused = officer_client.post(url, _notified_form_data(breach, notice, "10:00", "09:00"), HTTP_ACCEPT_LANGUAGE="en")
    assert refused.status_code == 200
    assert "the breach says 2026-03-03 10:00" in refused.content.decode()
    assert Breach.objects.get(pk=breach.pk).notified_at == oslo(2026, 3, 3, 9, 0)
    accepted = officer_client.post(url, _notified_form_data(breach, notice, "10:00", "10:00"))
    assert accepted.status_code == 302
    assert Breach.objects.get(pk=breach.pk).notified_at == Notice.objects.get(pk=notice.pk).sent_at


def test_the_form_offers_only_the_legal_moves(officer_client, make_breach):
    breach = make_breach(status=Status.NOTIFIED, risk=Risk.RISK, notified_at=oslo(2026, 3, 3, 9, 0))
    form = officer_client.get(reverse("admin:breaches_breach_change", args=[breach.pk])).context["adminform"].form
    assert {value for value, _label in form.fields["status"].choices} == {Status.NOTIFIED, Status.CLOSED}


def test_categories_are_filled_from_the_activities_involved(officer_client, controller, complete_activity):
    """Art. 33(3)(a): the record already knows whose data and which data the activity holds."""
    response = officer_client.post(reverse("admin:breaches_breach_add"), _form_data({
        "organisation": controller.pk, "title": "Order list e-mailed to the wrong customer",
        "description": "An export of orders was attached to a reply.", "aware_at_0": "2026-03-02",
        "aware_at_1": "09:00", "activities": [complete_activity.pk],
    }))
    assert response.status_code == 302, response.context["adminform"].form.errors
    breach = Breach.objects.get()
    assert set(breach.data_subject_categories.all()) == {DataSubjectCategory.objects.get(name="Customers")}
    assert set(breach.personal_data_categories.all()) == set(
        PersonalDataCategory.objects.filter(name__in=["Name", "Order and purchase history"])
    )
    assert breach.history.first().history_user.username == "officer"


def test_the_form_shows_the_dpo_as_contact_point(officer_client, make_breach):
    """Art. 33(3)(b): the contact point comes from the organisation's data protection officer."""
    breach = make_breach()
    content = officer_client.get(reverse("admin:breaches_breach_change", args=[breach.pk])).content.decode()
    assert "Dina Personvern, dpo@verdifull.example" in content


def test_the_auditor_reads_breaches_but_cannot_change_them(auditor_client, make_breach):
    breach = make_breach()
    assert auditor_client.get(CHANGELIST).status_code == 200
    change = reverse("admin:breaches_breach_change", args=[breach.pk])
    assert auditor_client.post(change, {"title": "Changed"}).status_code == 403
    assert auditor_client.get(reverse("admin:breaches_breach_add")).status_code == 403


def test_the_request_handler_does_not_see_breaches(client, request_handler, make_breach):
    breach = make_breach()
    client.force_login(request_handler)
    assert client.get(CHANGELIST).status_code == 403
    draft = reverse("admin:breaches_breach_notification_draft", args=[breach.pk])
    assert client.get(draft).status_code in (403, 404)
    assert reverse("admin:app_list", args=["breaches"]) not in client.get(reverse("admin:index")).content.decode()


def test_a_breach_aware_now_starts_with_its_clock_on_the_add_form(officer_client, controller):
    with time_machine.travel(datetime.datetime(2026, 3, 4, 11, 0, tzinfo=datetime.UTC), tick=False):
        form = officer_client.get(reverse("admin:breaches_breach_add")).context["adminform"].form
    assert form.initial["organisation"] == controller.pk
    assert form.initial["aware_at"] == oslo(2026, 3, 4, 12, 0)


def test_the_form_shows_when_to_notify_by_and_the_hours_left(officer_client, make_breach):
    breach = make_breach(aware_at=oslo(2026, 3, 2, 9, 0))
    with time_machine.travel(NOW, tick=False):
        content = officer_client.get(
            reverse("admin:breaches_breach_change", args=[breach.pk]), HTTP_ACCEPT_LANGUAGE="en",
        ).content.decode()
    assert '<span class="br-due-soon">Notify by 2026-03-05 09:00 CET: 21 h left.</span>' in content


@pytest.mark.parametrize("mistake", [
    {"title": ""},  # a required field left empty
    {"occurred_at_0": "2026-03-03", "occurred_at_1": "09:00"},  # happened after we became aware
])
def test_a_new_breach_with_a_mistake_comes_back_with_its_errors_and_its_clock(officer_client, controller, mistake):
    """The add form starts the clock at awareness; a form sent back with an error still shows it (it was a 500)."""
    response = officer_client.post(reverse("admin:breaches_breach_add"), _form_data({
        "organisation": controller.pk, "title": "Lost laptop", "description": "Left on the train.",
        "aware_at_0": "2026-03-02", "aware_at_1": "09:00", **mistake,
    }), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert response.context["adminform"].form.errors
    assert "Notify by 2026-03-05 09:00 CET" in response.content.decode()
    assert not Breach.objects.exists()


def test_a_breach_links_only_its_own_controllers_activities(officer_client, controller, complete_activity):
    """The activities involved prefill the categories for the notification (Art. 33(3)(a)): another company's
    activity would put its data in this controller's notification."""
    other = Organisation.objects.create(name="Rådgivningsselskapet AS", country="NO")
    foreign = ProcessingActivity.objects.create(organisation=other, name="Payroll")
    response = officer_client.post(reverse("admin:breaches_breach_add"), _form_data({
        "organisation": controller.pk, "title": "Lost laptop", "description": "Left on the train.",
        "aware_at_0": "2026-03-02", "aware_at_1": "09:00", "activities": [complete_activity.pk, foreign.pk],
    }), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert "These activities belong to another controller than Verdifull AS: Payroll." in (
        response.context["adminform"].form.errors["activities"]
    )
    assert not Breach.objects.exists()


def test_only_controllers_are_offered_as_the_breachs_controller(officer_client, controller):
    """Art. 33(1) binds the controller; a processor tells the controller (Art. 33(2))."""
    Organisation.objects.create(name="Klarna Bank AB", role=Organisation.Role.PROCESSOR, country="SE")
    form = officer_client.get(reverse("admin:breaches_breach_add")).context["adminform"].form
    offered = {str(label) for _value, label in form.fields["organisation"].choices if _value}
    assert offered == {"Verdifull AS"}
