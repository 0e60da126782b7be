"""The notification draft for Datatilsynet (Art. 33(3)) and the communication to data subjects (Art. 34(2))."""

import pytest
from django.urls import reverse

from ropa.breaches.drafts import write_draft
from ropa.breaches.models import Communication, Risk, Status
from ropa.models import DataSubjectCategory, PersonalDataCategory
from tests.breaches.conftest import oslo


@pytest.fixture
def late_breach(make_breach, complete_activity):
    breach = make_breach(
        title="Newsletter list exposed", description="The subscriber list could be downloaded from the web.",
        occurred_at=oslo(2026, 3, 1, 22, 0), contained_at=oslo(2026, 3, 2, 11, 0),
        approximate_data_subjects=1800, approximate_records=1800, confidentiality=True,
        consequences="Phishing e-mails that look like ours.", measures_taken="The link was removed.",
        risk=Risk.HIGH, status=Status.NOTIFIED, notified_at=oslo(2026, 3, 6, 10, 0),
        delay_reasons="We needed the hosting provider's logs to know who had downloaded the list.",
        communication=Communication.COMMUNICATED, communicated_at=oslo(2026, 3, 6, 15, 0),
        communication_means="E-mail to every subscriber.",
    )
    breach.activities.add(complete_activity)
    breach.data_subject_categories.add(DataSubjectCategory.objects.get(name="Customers"))
    breach.personal_data_categories.add(PersonalDataCategory.objects.get(name="Name"))
    return breach


def test_the_notification_draft_answers_art_33_3_a_to_d(late_breach):
    text = write_draft(late_breach, "notification", "en").text
    assert "Notification of a personal data breach to Datatilsynet" in text
    assert "Verdifull AS" in text and "920437958" in text
    assert "Dina Personvern, dpo@verdifull.example" in text  # (b) contact point
    assert "Customers" in text and "about 1800" in text and "Name" in text  # (a)
    assert "Order handling" in text  # the activity from the record
    assert "Phishing e-mails that look like ours." in text  # (c)
    assert "The link was removed." in text  # (d)
    assert "2026-03-02 09:00 CET" in text  # awareness, in Norwegian time


def test_a_late_notification_draft_gives_the_reasons_for_the_delay(late_breach):
    """Art. 33(1): where not made within 72 hours, the notification is accompanied by the reasons."""
    text = write_draft(late_breach, "notification", "en").text
    assert "more than 72 hours" in text and "2026-03-05 09:00 CET" in text
    assert "We needed the hosting provider's logs" in text


def test_the_drafts_are_written_in_norwegian_and_swedish(late_breach):
    norwegian = write_draft(late_breach, "notification", "nb").text
    assert norwegian.startswith("Melding om brudd på personopplysningssikkerheten til Datatilsynet")
    assert "Kategorier av registrerte: Kunder" in norwegian  # the vocabulary's Norwegian name
    # Articles cited as Norwegian and Swedish law texts cite them, not in the English "Art. 33(3)(b)" form.
    assert "Årsaker til forsinkelsen (art. 33 nr. 1)" in norwegian
    assert "Kontaktpunkt for mer informasjon (art. 33 nr. 3 bokstav b)" in norwegian
    assert "Art. 33(" not in norwegian
    swedish_notice = write_draft(late_breach, "notification", "sv").text
    assert "Skäl till förseningen (artikel 33.1)" in swedish_notice
    assert "Kontaktpunkt för mer information (artikel 33.3 b)" in swedish_notice
    assert "Art. 33(" not in swedish_notice
    swedish = write_draft(late_breach, "communication", "sv").text
    assert swedish.startswith("Viktig information från Verdifull AS om dina personuppgifter")
    assert "Kontakta Dina Personvern, dpo@verdifull.example." in swedish


def test_the_communication_draft_tells_people_what_happened_and_whom_to_ask(late_breach):
    """Art. 34(2): clear and plain language, the DPO's contact details, consequences and measures."""
    text = write_draft(late_breach, "communication", "en").text
    assert "The subscriber list could be downloaded from the web." in text
    assert "Phishing e-mails that look like ours." in text and "The link was removed." in text
    assert "Contact Dina Personvern, dpo@verdifull.example." in text
    assert "Datatilsynet (https://www.datatilsynet.no)" in text


def test_what_the_register_lacks_is_marked_and_listed(make_breach):
    draft = write_draft(make_breach(), "notification", "en")
    assert "[to be completed]" in draft.text
    assert "likely consequences" in draft.gaps and "categories of data subjects" in draft.gaps


@pytest.mark.parametrize("kind", ["notification", "communication"])
def test_a_contact_point_without_contact_details_is_marked_art_33_3_b(make_breach, controller, kind):
    """A company name alone is no contact point: Art. 33(3)(b) asks for its contact details, and the letter to
    data subjects tells them whom to contact (Art. 34(2))."""
    for name in ("dpo_name", "dpo_email", "dpo_phone", "email", "phone"):
        setattr(controller, name, "")
    controller.save()
    draft = write_draft(make_breach(), kind, "en")
    assert "Verdifull AS [to be completed]" in draft.text
    assert "contact details of the contact point (e-mail or phone)" in draft.gaps
    controller.email = "personvern@verdifull.example"
    controller.save()
    draft = write_draft(make_breach(), kind, "en")
    assert "personvern@verdifull.example" in draft.text
    assert "contact details of the contact point (e-mail or phone)" not in draft.gaps


def test_the_officer_opens_and_downloads_the_draft(officer_client, late_breach):
    url = reverse("admin:breaches_breach_notification_draft", args=[late_breach.pk])
    page = officer_client.get(url, {"lang": "sv"})
    assert page.status_code == 200 and "Verdifull AS" in page.content.decode()
    download = officer_client.get(url, {"lang": "en", "download": "1"})
    assert download["Content-Type"] == "text/plain; charset=utf-8"
    assert download["Content-Disposition"] == f'attachment; filename="breach-{late_breach.pk}-notification-en.txt"'
    assert "Art. 33" in download.content.decode()
    assert officer_client.get(url, {"lang": "de"}).status_code == 404


def test_the_auditor_may_read_the_drafts(auditor_client, late_breach):
    url = reverse("admin:breaches_breach_communication_draft", args=[late_breach.pk])
    assert auditor_client.get(url).status_code == 200


HOSTILE = '</textarea><meta id="x" http-equiv="refresh" content="1;url=/x"><b id="y">bold</b>'


@pytest.mark.parametrize("kind", ["notification", "communication"])
def test_a_hostile_description_stays_text_on_both_draft_pages(officer_client, make_breach, kind):
    """What the officer typed (or pasted from a customer's e-mail) never closes the draft's textarea (issue 16.1)."""
    breach = make_breach(description=HOSTILE, consequences=HOSTILE)
    draft = write_draft(breach, kind, "nb")
    assert HOSTILE in draft.text, "the plain-text draft keeps what was written, for the authority's form"
    assert not hasattr(draft.text, "__html__"), "a SafeString would be printed unescaped into the page"
    html = officer_client.get(reverse(f"admin:breaches_breach_{kind}_draft", args=[breach.pk])).content.decode()
    assert html.count("</textarea>") == 1
    assert "<meta id=" not in html and '<b id="y">' not in html
    assert "&lt;/textarea&gt;&lt;meta id=&quot;x&quot;" in html


@pytest.mark.parametrize("language, required", [
    ("en", "as the law requires"), ("nb", "slik loven krever"), ("sv", "så som lagen kräver"),
])
def test_a_letter_after_a_breach_not_assessed_as_high_risk_does_not_say_the_law_requires_it(
    late_breach, language, required,
):
    """Art. 34(1) requires the letter only when the breach is likely to result in a high risk; after a lower risk
    it is voluntary (EDPB Guidelines 9/2022, point 2.4 and Guidelines 01/2021 on breach examples), and must not
    claim a duty the law does not lay down. A high-risk breach's letter still says so."""
    assert required in write_draft(late_breach, "communication", language).text
    late_breach.risk = Risk.RISK
    late_breach.communication = ""
    text = write_draft(late_breach, "communication", language).text
    assert required not in text
    assert "34" not in text.split("\n\n")[1]  # the opening paragraph cites no duty under Art. 34
