"""Every e-mail to a requester, subject and body, is written in nb and sv, never in English (issue 15).

The companion of tests/test_translations.py, here for the request fixtures.
"""

import pytest

LANGUAGES = ["nb", "sv"]


def _without_reference(email, request) -> tuple[str, str]:
    """Subject and body with the request's reference replaced: requests in different languages have different
    references, so a subject that names one would differ from any other even if left in English."""
    return email.subject.replace(request.reference, "RR-X"), email.body.replace(request.reference, "RR-X")


def _every_email(make_request, language: str) -> dict[str, tuple[str, str]]:
    """(subject, body) of each e-mail a requester can get, written for a request in `language`."""
    from requests import answers, emails, services
    from requests.answers.letters import ANSWERS
    from requests.models import OutboxEmail, RefusalGround

    rights = ["15", *ANSWERS]
    request = make_request(rights=rights, language=language)
    emails.queue_confirmation(request, "https://example.net/confirm/x/")
    services.acknowledge(request)
    services.extend(request, "x")
    for right in rights:
        for key, _label in answers.outcomes(right) or [("", "")]:
            emails.queue_answer(request, right, answers.build(request, right, key).text)
    request.move_to(request.Status.IN_PROGRESS)
    services.complete(request, "x")
    request.refresh_from_db()
    found = {}
    for email in OutboxEmail.objects.filter(request=request).order_by("pk"):
        found[f"{email.kind} {len(found)}"] = _without_reference(email, request)
    refused = make_request(rights=["17"], language=language)
    services.refuse(refused, RefusalGround.LEGAL_OBLIGATION, "x", complaint_right_told=True)
    email = OutboxEmail.objects.filter(request=refused).get()
    found["refused"] = _without_reference(email, refused)
    return found


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_email_subject_and_body_follows_the_requesters_language(make_request, language):
    """Issue 15: subjects were English under Norwegian and Swedish bodies."""
    english = _every_email(make_request, "en")
    translated = _every_email(make_request, language)
    assert translated.keys() == english.keys()
    for key, (subject, body) in translated.items():
        assert subject != english[key][0], f"{key}: the subject is not translated: {subject}"
        english_lines = {line for line in english[key][1].splitlines() if len(line) > 30}
        untranslated = english_lines & set(body.splitlines())
        assert not untranslated, f"{key}: {untranslated}"
