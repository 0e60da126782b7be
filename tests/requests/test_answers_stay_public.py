"""Internal notes never reach the data subject: every outgoing e-mail is written from public fields only.

requests/answers/public.py names the fields written for the data subject's eyes and those for the officer.
Every internal field is filled with a marker; no e-mail of any kind, for any right, outcome or language,
may contain one.
"""

import pytest

from requests import answers, emails, services
from requests.answers.letters import ANSWERS
from requests.answers.public import INTERNAL_ACTIVITY_FIELDS
from requests.models import OutboxEmail, RefusalGround
from ropa.demo import load_demo
from ropa.models import LegalBasis, ProcessingActivity, Processor, ProcessorUse, Purpose

MARKER = "INTERNAL-ONLY"
RIGHTS = ["15", *ANSWERS]


def every_draft(request):
    for right in RIGHTS:
        for key, _label in answers.outcomes(right) or [("", "")]:
            yield right, key, answers.build(request, right, key)


@pytest.fixture
def marked_activity(order_activity, organisation):
    for name in INTERNAL_ACTIVITY_FIELDS:
        value = f"https://example.net/{MARKER}-{name}" if name == "dpia_link" else f"{MARKER}-{name}"
        setattr(order_activity, name, value)
    order_activity.profiling = True
    order_activity.save()
    Purpose.objects.create(
        activity=order_activity, description="Fraud prevention", article6=LegalBasis.Article6.LEGITIMATE_INTERESTS,
        balancing_test=f"{MARKER}-balancing_test",
    )
    Purpose.objects.create(
        activity=order_activity, description="Newsletter", article6=LegalBasis.Article6.CONSENT,
        consent_record=f"{MARKER}-consent_record",
    )
    processor = Processor.objects.create(
        name="Klarna", organisation=organisation, service=f"{MARKER}-service", notes=f"{MARKER}-notes",
    )
    ProcessorUse.objects.create(activity=order_activity, processor=processor)
    return order_activity


@pytest.mark.parametrize("language", ["nb", "en", "sv"])
def test_no_internal_field_reaches_any_outgoing_email(make_request, marked_activity, language):
    request = make_request(rights=RIGHTS, language=language)
    request.searched_activities.add(marked_activity)
    request.found_activities.add(marked_activity)
    emails.queue_confirmation(request, "https://example.net/confirm/x/")
    services.acknowledge(request)
    services.extend(request, "Many systems to search")
    for right, _key, draft in every_draft(request):
        assert MARKER not in draft.text, f"{right} {draft.outcome}"
        emails.queue_answer(request, right, draft.text)
    request.search_outcome = "Searched the shop"
    services.refuse(request, RefusalGround.EXCESSIVE, "Third request this month", complaint_right_told=True)
    sent = list(OutboxEmail.objects.filter(request=request))
    assert len(sent) == 4 + sum(len(answers.outcomes(right)) or 1 for right in RIGHTS)
    for email in sent:
        assert MARKER not in email.subject and MARKER not in email.body, email.kind


def test_the_demo_shops_internal_remark_stays_internal(make_request):
    """Verdifull's officer noted (in Norwegian) that the policy contradicts the Klarna flow: for the officer only."""
    load_demo()
    remark = "noe Klarna-flyten motsier"
    activities = ProcessingActivity.objects.filter(internal_notes__contains=remark)
    assert activities.exists()
    activity = activities.first()
    request = make_request(rights=RIGHTS, language="en", organisation=activity.organisation)
    request.searched_activities.set(activities)
    request.found_activities.set(activities)
    for right, key, draft in every_draft(request):
        assert remark not in draft.text, f"{right} {key}"
