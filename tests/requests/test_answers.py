"""Answers to every right (Arts. 15–22): drafted from the record, sent only complete, true and with their files."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.urls import reverse

from requests import answers
from requests.answers.drafts import placeholders_in
from requests.answers.letters import ANSWERS
from requests.models import Attachment, OutboxEmail, Right
from requests.text import cite_articles
from ropa.models import LegalBasis, Processor, ProcessorUse, Purpose

LANGUAGES = ["nb", "en", "sv"]
EVERY_OUTCOME = [(right, outcome.key) for right, answer in ANSWERS.items() for outcome in answer.outcomes]
CSV = b"order,date,amount\n1001,2026-03-01,499\n"
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


@pytest.fixture
def handler_client(client, request_handler):
    client.force_login(request_handler)
    return client


@pytest.fixture(autouse=True)
def private_storage(tmp_path, monkeypatch):
    storage = FileSystemStorage(location=tmp_path)
    monkeypatch.setattr(Attachment._meta.get_field("file"), "storage", storage)
    return storage


def answer_url(request, right: str) -> str:
    return reverse("admin:requests_rightsrequest_answer", args=[request.pk, right])


def access_url(request) -> str:
    return reverse("admin:requests_rightsrequest_access_answer", args=[request.pk])


def completed(text: str) -> str:
    """The draft as a handler leaves it after writing in every placeholder."""
    for left in placeholders_in(text):
        text = text.replace(left, "Checked and written by the handler.")
    return text


def attach(request, content: bytes, name: str, description: str = "Your data") -> Attachment:
    return Attachment.objects.create(request=request, file=ContentFile(content, name=name), description=description)


@pytest.fixture
def access_request(make_request, order_activity, klarna):
    request = make_request(rights=("15",), language="nb")
    request.searched_activities.add(order_activity)
    request.found_activities.add(order_activity)
    return request


# The placeholder rule

def test_an_access_answer_with_a_placeholder_is_refused_and_nothing_is_queued(
    handler_client, make_request, organisation,
):
    """Issue 15: "Send" mailed a draft with "[må fylles ut: lagringstid]" in it three times."""
    from ropa.models import ProcessingActivity

    sparse = ProcessingActivity.objects.create(
        organisation=organisation, name="Kundeservice", status=ProcessingActivity.Status.ACTIVE,
    )
    request = make_request(rights=("15",), language="nb")
    request.searched_activities.add(sparse)
    request.found_activities.add(sparse)
    copy = attach(request, CSV, "copy.csv")
    draft = handler_client.get(access_url(request)).context["draft"]
    assert "[må fylles ut: lagringstid]" in draft.text
    response = handler_client.post(access_url(request), {"text": draft.text, "attachment": [copy.pk]})
    assert response.status_code == 200
    assert not OutboxEmail.objects.exists()
    problems = response.context["problems"]
    assert any("[må fylles ut: lagringstid]" in problem for problem in problems)
    html = response.content.decode()
    assert 'id="rr-problems"' in html and "lagringstid" in html


def test_an_access_answer_with_no_searched_activity_is_refused_and_nothing_is_queued(
    handler_client, make_request, order_activity,
):
    """Issue 15: with no searched activity the letter confirmed processing and described every active activity,
    and could be sent. It waits until the handler records the search or writes that we hold no data."""
    request = make_request(rights=("15",), language="nb")
    copy = attach(request, CSV, "copy.csv")
    draft = handler_client.get(access_url(request)).context["draft"]
    response = handler_client.post(access_url(request), {"text": draft.text, "attachment": [copy.pk]})
    assert response.status_code == 200
    assert not OutboxEmail.objects.exists()
    assert any("behandlingene vi har søkt i" in problem for problem in response.context["problems"])


def test_an_access_answer_saying_we_hold_no_data_goes_out_without_a_copy(handler_client, make_request):
    """The handler searched and found nothing: she writes so in place of the placeholder; no copy is claimed."""
    request = make_request(rights=("15",), language="nb")
    draft = handler_client.get(access_url(request)).context["draft"]
    text = draft.text.replace(placeholders_in(draft.text)[0], "Vi har søkt i alle systemene våre og har ingen "
                                                              "personopplysninger om deg.")
    assert "Vi bekrefter" not in text and "vedlagt" not in text
    response = handler_client.post(access_url(request), {"text": text})
    assert response.status_code == 302
    assert "ingen personopplysninger om deg" in OutboxEmail.objects.get().body


def test_a_letter_for_another_right_names_no_recipient_before_the_search_art_19(make_request, order_activity):
    """Without searched activities the erasure letter listed every activity's recipients, or said no one needed
    telling; now it holds a placeholder and makes neither claim."""
    request = make_request(rights=("17",), language="en")
    draft = answers.build(request, "17", "erased")
    assert "[to be completed: the processing activities searched for your data" in draft.text
    assert "We have erased the personal data we held about you in:" not in draft.text, "a colon before nothing"
    assert "Transport and delivery companies" not in draft.text
    assert "Art. 19" not in draft.text
    assert "Each recipient named in the letter has been told (Art. 19)." not in draft.confirmations


def test_a_placeholder_in_another_language_still_counts(handler_client, access_request):
    copy = attach(access_request, CSV, "copy.csv")
    text = completed(handler_client.get(access_url(access_request)).context["draft"].text)
    text += "\n[to be completed: retention period]\n[ska fyllas i: lagringstid]"
    handler_client.post(access_url(access_request), {"text": text, "attachment": [copy.pk]})
    assert not OutboxEmail.objects.exists()


@pytest.mark.parametrize("left", [
    "[må fylles ut: hvorfor opplysningene er korrekte og fullstendige",  # the closing bracket deleted
    "[må fylles ut:]",  # the text after the colon deleted
    "[må fylles ut: hvorfor\nopplysningene er korrekte]",  # a line break typed inside
    "[Må fylles ut: hvorfor]",  # another case
    "[må  fylles ut: hvorfor]",  # another spacing
    "[ska kompletteras: varför]",  # Swedish, pasted into a Norwegian letter
])
def test_a_half_edited_placeholder_still_stops_the_letter(handler_client, make_request, order_activity, left):
    """A placeholder the handler began to edit is still a gap: found by its marker, not only in its exact form."""
    request = make_request(rights=("16",), language="nb")
    request.searched_activities.add(order_activity)
    url = answer_url(request, "16") + "?outcome=refused"
    draft = handler_client.get(url).context["draft"]
    text = draft.text.replace(placeholders_in(draft.text)[0], left)
    confirmed = [str(index) for index in range(len(draft.confirmations))]
    response = handler_client.post(url, {"text": text, "outcome": "refused", "confirm": confirmed})
    assert response.status_code == 200
    assert not OutboxEmail.objects.exists()
    assert any(left.split("\n")[0] in problem for problem in response.context["problems"])


@pytest.mark.parametrize("text", ["", "   \n  "])
def test_an_empty_letter_is_not_sent(handler_client, make_request, order_activity, text):
    request = make_request(rights=("16",), language="nb")
    request.searched_activities.add(order_activity)
    url = answer_url(request, "16") + "?outcome=refused"
    response = handler_client.post(url, {"text": text, "outcome": "refused"})
    assert response.status_code == 200
    assert not OutboxEmail.objects.exists()
    assert "The letter is empty: write the answer before sending." in response.context["problems"]


def test_a_placeholder_left_in_several_places_is_listed_once(make_request):
    """The page lists what is left to complete; the same placeholder four times is one item."""
    text = "[to be completed: retention]\n" * 4
    assert placeholders_in(text) == ["[to be completed: retention]"]


def test_a_completed_access_answer_goes_out_with_the_copy_attached(
    handler_client, access_request, request_handler, mailoutbox, django_capture_on_commit_callbacks,
):
    """Art. 15(3): the letter says the copy is attached, and it is."""
    copy = attach(access_request, CSV, "export.csv", description="Orders")
    draft = handler_client.get(access_url(access_request)).context["draft"]
    assert draft.gaps == []
    with django_capture_on_commit_callbacks(execute=True):
        response = handler_client.post(
            access_url(access_request), {"text": draft.text, "attachment": [copy.pk], "confirm": "0"},
        )
    assert response.status_code == 302
    email = OutboxEmail.objects.get(kind=OutboxEmail.Kind.ACCESS_ANSWER)
    assert "vedlagt" in email.body and "(art. 15 nr. 3)" in email.body
    assert list(email.attachments.all()) == [copy]
    assert mailoutbox[-1].attachments == [("orders.csv", CSV.decode(), "text/csv")]
    assert access_request.status_changes.last().changed_by == request_handler


def test_an_access_answer_without_the_copy_is_refused(handler_client, access_request):
    """The letter says the copy is attached (Art. 15(3)): without a file it would say something untrue."""
    text = handler_client.get(access_url(access_request)).context["draft"].text
    response = handler_client.post(access_url(access_request), {"text": text})
    assert not OutboxEmail.objects.exists()
    assert any("Art. 15(3)" in problem for problem in response.context["problems"])


def test_the_handler_may_edit_the_draft_before_sending(handler_client, access_request):
    copy = attach(access_request, CSV, "copy.csv")
    edited = "Hei Kari,\nher er dataene dine."
    handler_client.post(access_url(access_request), {"text": edited, "attachment": [copy.pk], "confirm": "0"})
    assert OutboxEmail.objects.get().body.rstrip("\n") == edited


def test_a_handler_without_change_permission_cannot_send(client, auditor, access_request):
    client.force_login(auditor)
    response = client.post(access_url(access_request), {"text": "x"})
    # An auditor may not even view requests: the workspace's requests are "not found" to them (ropa/workspaces).
    assert response.status_code in (403, 302, 404)
    assert not OutboxEmail.objects.exists()


# Every right has its answer

@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(("right", "outcome"), EVERY_OUTCOME)
def test_every_right_and_outcome_has_a_letter_in_every_language(make_request, order_activity, right, outcome, language):
    request = make_request(rights=(right,), language=language)
    request.searched_activities.add(order_activity)
    draft = answers.build(request, right, outcome)
    assert draft.outcome == outcome
    assert request.reference in draft.text
    assert draft.text.startswith({"nb": "Hei", "en": "Dear", "sv": "Hej"}[language])
    assert cite_articles(f"Art. {right}", language).casefold() in draft.text.casefold()
    assert placeholders_in(draft.text) == [left for left in placeholders_in(draft.text)]
    assert len(placeholders_in(draft.text)) == len(draft.gaps)


@pytest.mark.parametrize(("right", "outcome"), EVERY_OUTCOME)
def test_every_answer_page_drafts_and_sends_once_complete_and_confirmed(
    handler_client, make_request, order_activity, right, outcome,
):
    request = make_request(rights=(right,), language="en")
    request.searched_activities.add(order_activity)
    url = answer_url(request, right) + f"?outcome={outcome}"
    page = handler_client.get(url)
    assert page.status_code == 200
    draft = page.context["draft"]
    data = {"outcome": outcome, "text": completed(draft.text)}
    if draft.file_rule is not answers.drafts.FileRule.NONE:
        data["attachment"] = [attach(request, CSV, "data.csv").pk]
    if draft.confirmations:
        handler_client.post(url, data)
        assert not OutboxEmail.objects.exists(), "sent without the handler confirming what the letter claims"
        data["confirm"] = [str(index) for index in range(len(draft.confirmations))]
    response = handler_client.post(url, data)
    assert response.status_code == 302, response.context and response.context["problems"]
    email = OutboxEmail.objects.get()
    assert email.kind == OutboxEmail.Kind.DECISION
    assert email.subject == f"Your request ({request.reference}): {Right.Article(right).label}"
    assert not placeholders_in(email.body)


def test_the_change_page_links_each_right_asked_for_to_its_answer(handler_client, make_request):
    request = make_request(rights=("15", "16", "17", "7.3"))
    html = handler_client.get(reverse("admin:requests_rightsrequest_change", args=[request.pk])).content.decode()
    assert access_url(request) in html
    assert answer_url(request, "16") in html and answer_url(request, "17") in html
    assert answer_url(request, "18") not in html


def test_a_right_not_asked_for_has_no_answer_page(handler_client, make_request):
    request = make_request(rights=("16",))
    assert handler_client.get(answer_url(request, "17")).status_code == 404


def test_rectification_names_the_recipients_told_under_article_19(make_request, order_activity, organisation):
    """Art. 19: each recipient is told of the correction; the requester may learn who they are."""
    processor = Processor.objects.create(name="Klarna", organisation=organisation, service="Payments")
    ProcessorUse.objects.create(activity=order_activity, processor=processor)
    request = make_request(rights=("16",), language="en")
    request.searched_activities.add(order_activity)
    draft = answers.build(request, "16", "rectified")
    assert "- Transport and delivery companies\n- Klarna\n" in draft.text
    assert "Each recipient named in the letter has been told (Art. 19)." in draft.confirmations


def test_without_recipients_the_letter_claims_no_one_was_told(make_request, organisation):
    from ropa.models import ProcessingActivity

    lonely = ProcessingActivity.objects.create(
        organisation=organisation, name="Newsletter", status=ProcessingActivity.Status.ACTIVE,
    )
    request = make_request(rights=("17",), language="en")
    request.searched_activities.add(lonely)
    draft = answers.build(request, "17", "erased")
    assert "we have told" not in draft.text
    assert "Our record names no one outside us who received this data" in draft.text
    assert "Each recipient named in the letter has been told (Art. 19)." not in draft.confirmations


@pytest.mark.parametrize("language", ["nb", "sv"])
def test_our_own_staff_are_not_listed_among_those_told_art_19(make_request, order_activity, language):
    """Art. 19 is about those the data was disclosed to: "Internal staff only" received nothing from outside, so
    the letter does not claim they were told; the other recipients still are listed."""
    from ropa.models import RecipientCategory

    internal = RecipientCategory.objects.get(name="Internal staff only")
    assert internal.internal, "the seeded entry is marked as our own staff"
    order_activity.recipient_categories.add(internal)
    request = make_request(rights=("16",), language=language)
    request.searched_activities.add(order_activity)
    draft = answers.build(request, "16", "rectified")
    assert {"nb": "Transport- og leveringsselskaper", "sv": "Transport- och leveransföretag"}[language] in draft.text
    assert {"nb": "Kun interne medarbeidere", "sv": "Endast intern personal"}[language] not in draft.text
    order_activity.recipient_categories.remove(*order_activity.recipient_categories.exclude(pk=internal.pk))
    draft = answers.build(request, "16", "rectified")
    assert {"nb": "Kun interne medarbeidere", "sv": "Endast intern personal"}[language] not in draft.text
    assert "Each recipient named in the letter has been told (Art. 19)." not in draft.confirmations


def test_erasure_kept_under_bookkeeping_law_names_the_law_from_the_record(make_request, order_activity):
    """Art. 17(3)(b): data a law requires us to keep is not erased; the letter names the rule."""
    request = make_request(rights=("17",), language="nb")
    request.searched_activities.add(order_activity)
    draft = answers.build(request, "17", "kept_by_law")
    assert "(art. 17 nr. 3 bokstav b)" in draft.text, "cited as Norwegian law is cited"
    assert "bokføringsloven § 13" in draft.text
    assert draft.gaps == []


def test_portability_needs_a_machine_readable_file(handler_client, make_request, order_activity):
    """Art. 20(1): structured, commonly used and machine-readable: a PDF is not enough."""
    request = make_request(rights=("20",), language="en")
    request.searched_activities.add(order_activity)
    url = answer_url(request, "20")
    draft = handler_client.get(url).context["draft"]
    assert "Order handling: Deliver what the customer ordered (Art. 6(1)(b)" in draft.text
    data = {"outcome": "file_sent", "text": completed(draft.text), "confirm": ["0"]}
    response = handler_client.post(url, {**data, "attachment": [attach(request, PDF, "data.pdf").pk]})
    assert not OutboxEmail.objects.exists()
    assert any("Art. 20(1)" in problem for problem in response.context["problems"])
    handler_client.post(url, {**data, "attachment": [attach(request, CSV, "data.csv").pk]})
    assert OutboxEmail.objects.get().attachments.get().file.name.endswith(".csv")


def test_objection_to_direct_marketing_is_upheld_without_a_balancing(make_request, order_activity):
    """Art. 21(3): an objection to direct marketing is absolute; refusing needs the handler to deny it is one."""
    request = make_request(rights=("21",), language="en")
    request.searched_activities.add(order_activity)
    assert "Art. 21(3)" in answers.build(request, "21", "marketing_stopped").text
    refused = answers.build(request, "21", "refused")
    assert any("Art. 21(3)" in statement for statement in refused.confirmations)
    assert "compelling legitimate grounds" in refused.text


def test_an_objection_lists_the_processing_on_legitimate_interests(make_request, order_activity):
    Purpose.objects.create(
        activity=order_activity, description="Fraud prevention", article6=LegalBasis.Article6.LEGITIMATE_INTERESTS,
        balancing_test="Our balancing test",
    )
    request = make_request(rights=("21",), language="en")
    request.searched_activities.add(order_activity)
    draft = answers.build(request, "21", "upheld")
    assert "- Order handling: Fraud prevention (Art. 6(1)(f) legitimate interests)" in draft.text
    assert "Deliver what the customer ordered" not in draft.text, "a contract basis cannot be objected to"


def test_automated_decision_review_describes_the_decision_from_the_record(make_request, order_activity):
    request = make_request(rights=("22",), language="en")
    request.searched_activities.add(order_activity)
    draft = answers.build(request, "22")
    assert "A fraud score decides whether invoice payment is offered." in draft.text
    assert "Art. 22(3)" in draft.text
    assert placeholders_in(draft.text) == [
        "[to be completed: who reviewed the decision, what they considered and the result]"
    ]


@pytest.mark.parametrize(("language", "cited"), [
    ("nb", "(art. 12 nr. 4, 77 og 79)"),
    ("sv", "(artiklarna 12.4, 77 och 79)"),
    ("en", "(Arts. 12(4), 77 and 79)"),
])
def test_letters_cite_the_regulation_as_the_requesters_language_does(make_request, order_activity, language, cited):
    """A Norwegian letter cites "art. 17 nr. 3 bokstav b", a Swedish one "artikel 17.3 b"; "Arts." is English."""
    request = make_request(rights=("17",), language=language)
    request.searched_activities.add(order_activity)
    draft = answers.build(request, "17", "refused")
    assert cited in draft.text
    if language != "en":
        assert "Art. " not in draft.text and "Arts." not in draft.text
