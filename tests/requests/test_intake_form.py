"""The public form: what a customer sees, what a valid submission saves, and how errors are shown."""

import datetime
import re

import pytest
import time_machine
from django.core.validators import MaxLengthValidator
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from requests.intake.forms import EXPLANATIONS
from requests.models import OutboxEmail, Right, RightsRequest, Status
from ropa.models import Organisation
from tests.requests.intake_helpers import confirmation_link, form_data, submit

pytestmark = pytest.mark.django_db


def test_it_needs_no_login_and_explains_every_right_in_one_sentence(client, organisation):
    with translation.override("en"):
        response = client.get(reverse("requests:intake"), HTTP_ACCEPT_LANGUAGE="en")
        explanations = {code: str(text) for code, text in EXPLANATIONS.items()}
    assert response.status_code == 200
    html = response.content.decode()
    for right in Right.objects.all():
        box = re.search(rf'<input type="checkbox" name="rights" value="{right.pk}" id="(\w+)"[^>]*>', html)
        assert box, right.code
        assert f'aria-describedby="{box[1]}_explanation"' in box[0]
        assert f'<p class="intake-explanation" id="{box[1]}_explanation">{explanations[right.code]}</p>' in html
        assert explanations[right.code].count(".") == 1, "one plain sentence"


def test_every_field_has_a_label_and_the_optional_ones_say_so(client, organisation):
    with translation.override("en"):
        html = client.get(reverse("requests:intake"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    for field in ["name", "email", "phone", "customer_number", "message"]:
        assert f'<label for="id_{field}">' in html
    assert '<label for="id_phone">Phone (optional)</label>' in html
    assert "<legend>Language for our replies</legend>" in html
    assert 'autocomplete="email"' in html and 'autocomplete="name"' in html


def test_the_page_takes_the_browsers_language_and_offers_a_switch(client, organisation):
    html = client.get(reverse("requests:intake"), HTTP_ACCEPT_LANGUAGE="sv-SE,sv;q=0.9").content.decode()
    assert '<html lang="sv">' in html
    assert 'value="sv" id="id_language_2" required checked' in html, "replies default to the page's language"
    assert f'action="{reverse("set_language")}"' in html
    assert {"nb", "en", "sv"} <= set(re.findall(r'<option value="(\w+)"', html))


def test_it_has_no_inline_script_or_style_for_the_content_security_policy(client, organisation):
    html = client.get(reverse("requests:intake")).content.decode()
    assert "<script" not in html and "<style" not in html and " style=" not in html
    assert '<link rel="stylesheet" href="/static/requests/intake.css">' in html


def test_it_says_how_the_request_itself_is_processed_with_a_link_to_more(client, organisation, settings):
    settings.RIGHTS_REQUEST_RETENTION_YEARS = 4
    with translation.override("en"):
        html = client.get(reverse("requests:intake"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
        privacy = client.get(reverse("requests:privacy"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Otherwise we delete it 4 years after it is closed." in html
    assert f'href="{reverse("requests:privacy_for", args=[organisation.pk])}"' in html
    assert "4 years after they are closed" in privacy
    assert "Datatilsynet" in privacy and "https://www.datatilsynet.no" in privacy
    assert "personvern@verdifull.example" in privacy


def test_a_valid_submission_is_saved_at_once_awaiting_confirmation_and_received_today(
    client, organisation, django_capture_on_commit_callbacks, mailoutbox,
):
    """Art. 12(3): the month runs from the day the form was sent, whenever the address is confirmed."""
    with time_machine.travel(datetime.datetime(2026, 3, 5, 14, 0, tzinfo=datetime.UTC), tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            response = submit(client)
    assert response.status_code == 302
    assert response["Location"] == reverse("requests:sent", args=[organisation.pk])
    request = RightsRequest.objects.get()
    assert request.status == Status.AWAITING_CONFIRMATION
    assert request.channel == RightsRequest.Channel.WEB_FORM
    assert request.received == datetime.date(2026, 3, 5)
    assert request.deadline == datetime.date(2026, 4, 7)  # the reference's worked example: Easter
    assert (request.requester_name, request.requester_email) == ("Kari Nordmann", "kari.nordmann@example.net")
    assert (request.requester_phone, request.customer_number) == ("+47 912 34 567", "C-7731")
    assert request.right_codes() == {"15", "17"}
    assert request.status_changes.get().to_status == Status.AWAITING_CONFIRMATION
    assert request.history.count() >= 1

    email = OutboxEmail.objects.get()
    assert (email.kind, email.recipient) == (OutboxEmail.Kind.CONFIRMATION, request.requester_email)
    assert email.request == request
    assert email.is_sent and len(mailoutbox) == 1
    assert mailoutbox[0].subject == "Confirm your request to Verdifull AS"
    assert confirmation_link(email).startswith("/request/confirm/")
    assert "The link works once, for 48 hours." in email.body


def test_the_e_mail_is_in_the_language_chosen_for_replies(client, organisation):
    submit(client, language="sv")
    request = RightsRequest.objects.get()
    assert request.language == "sv"
    with translation.override("sv"):
        expected = translation.gettext("Confirm your request to %(organisation)s") % {"organisation": "Verdifull AS"}
    assert OutboxEmail.objects.get().subject == expected


def test_the_sent_page_says_to_check_the_e_mail(client, organisation):
    with translation.override("en"):
        response = client.get(reverse("requests:sent", args=[organisation.pk]), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert "<h1>Check your e-mail</h1>" in response.content.decode()


def test_an_invalid_submission_shows_each_error_tied_to_its_field_and_saves_nothing(client, organisation):
    with translation.override("en"):
        response = client.post(
            reverse("requests:intake"),
            form_data(rights=[], name="", email="not-an-address", message=""),
            HTTP_ACCEPT_LANGUAGE="en",
        )
    html = response.content.decode()
    assert response.status_code == 200
    assert RightsRequest.objects.count() == 0 and OutboxEmail.objects.count() == 0
    assert "<title>Error: " in html
    assert re.search(r'<div class="intake-error-summary" role="alert"', html)
    for field, message in [
        ("name", "Enter your name."),
        ("email", "Enter an e-mail address like name@example.com."),
        ("message", "Tell us what you want us to do."),
    ]:
        assert f'<ul class="errorlist" id="id_{field}_error"><li>{message}</li></ul>' in html
        tag = re.search(rf'<(?:input|textarea)[^>]* id="id_{field}"', html)[0]
        assert 'aria-invalid="true"' in tag
        assert f"id_{field}_error" in re.search(r'aria-describedby="([^"]+)"', tag)[1]
        assert f'<a href="#id_{field}">' in html
    assert '<fieldset class="intake-rights intake-invalid" aria-describedby="id_rights_error">' in html
    assert '<ul class="errorlist" id="id_rights_error"><li>Choose at least one right.</li></ul>' in html
    assert 'value="not-an-address"' in html, "what the customer typed is kept"


def test_validation_messages_follow_the_page_language(client, organisation):
    """Django's own messages come translated; ours go through gettext the same way."""
    for language in ["nb", "sv", "en"]:
        html = client.post(
            reverse("requests:intake"), form_data(name="x" * 201), HTTP_ACCEPT_LANGUAGE=language,
        ).content.decode()
        with translation.override(language):
            expected = escape(MaxLengthValidator.message % {"limit_value": 200, "show_value": 201})
        assert f'<ul class="errorlist" id="id_name_error"><li>{expected}</li></ul>' in html, language


@pytest.mark.parametrize(("field", "length"), [
    ("name", 201), ("email", 255), ("phone", 41), ("customer_number", 61), ("message", 5001), ("website", 201),
])
def test_every_field_has_a_length_limit(client, organisation, field, length):
    value = "a" * (length - len("@example.net")) + "@example.net" if field == "email" else "a" * length
    response = client.post(reverse("requests:intake"), form_data(**{field: value}))
    if field == "website":
        assert response.status_code == 302, "the trap answers like success whatever it holds"
    else:
        assert f'id="id_{field}_error"' in response.content.decode()
    assert RightsRequest.objects.count() == 0


def test_a_language_or_right_outside_the_choices_is_refused(client, organisation):
    response = client.post(reverse("requests:intake"), form_data(language="de", rights=["999"]))
    html = response.content.decode()
    assert 'id="id_language_error"' in html and 'id="id_rights_error"' in html
    assert RightsRequest.objects.count() == 0


def test_the_history_of_a_web_form_request_starts_with_one_row_holding_its_rights(client, organisation):
    assert submit(client).status_code == 302
    request = RightsRequest.objects.get()
    created = request.history.get()
    assert created.history_type == "+"
    assert (created.requester_name, created.status) == ("Kari Nordmann", Status.AWAITING_CONFIRMATION)
    assert {row.right.code for row in created.rights.all()} == {"15", "17"}


def test_the_creation_row_written_directly_matches_what_simple_history_writes(client, organisation):
    """The form writes its history row by hand for speed; a plain save of the same request must copy the same."""
    assert submit(client).status_code == 302
    request = RightsRequest.objects.get()
    request.save()  # simple-history's own row, with its own copy of the m2m links
    ours, theirs = request.history.order_by("history_id")
    # All but the time stamp a save sets anew (auto_now).
    fields = RightsRequest.history.model.tracked_fields
    tracked = [field.attname for field in fields if not getattr(field, "auto_now", False)]
    assert [getattr(ours, name) for name in tracked] == [getattr(theirs, name) for name in tracked]
    for name in ("rights", "searched_activities", "searched_systems", "found_activities"):
        copied = {(row.id, row.rightsrequest_id) for row in getattr(ours, name).all()}
        assert copied == {(row.id, row.rightsrequest_id) for row in getattr(theirs, name).all()}
    assert {row.right_id for row in ours.rights.all()} == set(request.rights.values_list("pk", flat=True))


def test_the_cached_fields_follow_the_language_and_a_change_to_the_rights(client, organisation):
    """form.html keeps the unbound fields rendered; a language or the rights changing must show anew."""
    url = reverse("requests:intake")
    swedish = client.get(url, HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    norwegian = client.get(url, HTTP_ACCEPT_LANGUAGE="nb").content.decode()
    with translation.override("sv"):
        assert str(EXPLANATIONS[Right.Article.ACCESS]) in swedish
    with translation.override("nb"):
        assert str(EXPLANATIONS[Right.Article.ACCESS]) in norwegian
    first, last = Right.objects.order_by("position")[0], Right.objects.order_by("position").last()
    assert norwegian.index(f'value="{first.pk}"') < norwegian.index(f'value="{last.pk}"')
    Right.objects.filter(pk=first.pk).update(position=last.position + 1)
    moved = client.get(url, HTTP_ACCEPT_LANGUAGE="nb").content.decode()
    assert moved.index(f'value="{first.pk}"') > moved.index(f'value="{last.pk}"')


def test_the_form_page_and_a_submission_use_few_queries(
    client, organisation, django_assert_max_num_queries,
):
    # The controller, the rights (the fields' cache key) and, the first time, the rights for the fields.
    with django_assert_max_num_queries(3):
        client.get(reverse("requests:intake"))
    with django_assert_max_num_queries(2):
        client.get(reverse("requests:intake"))
    # Both rate limits in one statement; saving with history, the rights, the timeline and the e-mail (whose
    # template names no rights, so they are not read back); the outbox worker sends it later. The year's first
    # submission also starts the reference counter above any reference saved (two more). The workspace's webhook
    # subscriptions to request.received (one, issue 24).
    # (One less in production: here the test's own transaction turns BEGIN/COMMIT into SAVEPOINT/RELEASE.)
    with django_assert_max_num_queries(20):
        submit(client)
    with django_assert_max_num_queries(18):
        submit(client)


def test_with_several_controllers_each_has_its_own_url(client, organisation):
    other = Organisation.objects.create(name="Annen Butikk AS", country="SE")
    Organisation.objects.create(name="A processor", role=Organisation.Role.PROCESSOR)
    chooser = client.get(reverse("requests:intake")).content.decode()
    assert f'href="{reverse("requests:intake_for", args=[organisation.pk])}"' in chooser
    assert f'href="{reverse("requests:intake_for", args=[other.pk])}"' in chooser
    assert "A processor" not in chooser

    submit(client, other)
    assert RightsRequest.objects.get().organisation == other
    processor = Organisation.objects.get(name="A processor")
    assert client.get(reverse("requests:intake_for", args=[processor.pk])).status_code == 404


def test_intake_organisation_setting_chooses_the_default(client, organisation, settings):
    other = Organisation.objects.create(name="Annen Butikk AS", country="SE")
    settings.INTAKE_ORGANISATION = other.pk
    submit(client)
    assert RightsRequest.objects.get().organisation == other


def test_without_any_controller_there_is_no_form(client, db):
    assert client.get(reverse("requests:intake")).status_code == 404
