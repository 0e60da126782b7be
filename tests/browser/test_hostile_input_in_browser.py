"""What the public form receives is text in every admin page that shows it (issue 16.1).

A requester's name such as `</textarea><meta http-equiv="refresh" …>` once broke out of the Art. 15 answer's
textarea and sent the logged-in officer's browser elsewhere. Hostile names and messages go in through the real
form; every admin page that shows them is opened, and none may hold an injected element or navigate away.
"""

from urllib.parse import urlparse

import pytest

from requests.answers import outcomes
from requests.models import OutboxEmail, Right, RightsRequest
from tests.browser.conftest import log_in
from tests.requests.intake_helpers import confirmation_link

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

RIGHTS = ["15", "16", "17", "18", "20", "21", "22"]
HOSTILE = [
    ('</textarea><b id="x">bold</b><script>document.title="owned"</script>', '</textarea><img id="x" src=x>'),
    ('</textarea><meta id="x" http-equiv="refresh" content="1;url=/request/?injected=1">',
     '"><svg id="x" onload="alert(1)"></svg></textarea>'),
]


def file_request(page, name: str, message: str) -> RightsRequest:
    page.goto("/request/")
    for code in RIGHTS:
        page.check(f"input[name=rights][value='{Right.objects.get(code=code).pk}']")
    page.fill("#id_name", name)
    page.fill("#id_email", "kari.nordmann@example.net")
    page.fill("#id_message", message)
    page.click(".intake-button")
    page.wait_for_url("**/request/*/sent/")
    request = RightsRequest.objects.latest("pk")
    page.goto(confirmation_link(request.emails.get(kind=OutboxEmail.Kind.CONFIRMATION)))
    page.click("#intake-confirm button")
    page.wait_for_selector("#intake-reference")
    return request


def admin_pages(request: RightsRequest) -> list[str]:
    base = f"/admin/requests/rightsrequest/{request.pk}"
    pages = [
        "/admin/requests/rightsrequest/", f"{base}/change/", f"{base}/history/", f"{base}/access-answer/",
        "/admin/requests/outboxemail/", *[f"/admin/requests/outboxemail/{e.pk}/change/" for e in request.emails.all()],
        *[f"{base}/step/{name}/" for name in ("request_identity", "confirm_identity", "extend", "refuse")],
    ]
    for right in RIGHTS[1:]:
        pages += [f"{base}/answer/{right}/?outcome={key}" for key, _label in outcomes(right)]
    return pages


def assert_nothing_injected(page, url: str, *, wait_ms: int = 0) -> None:
    page.goto(url)
    page.wait_for_timeout(wait_ms)
    assert urlparse(page.url).path == url.split("?")[0] and "injected" not in page.url, f"{url}: went to {page.url}"
    assert page.locator("#x").count() == 0, f"{url}: an injected element is in the page"
    assert page.locator("meta[http-equiv=refresh]").count() == 0, url
    assert page.title() != "owned", url


@pytest.mark.parametrize(("name", "message"), HOSTILE)
def test_hostile_names_and_messages_stay_text_on_every_admin_page(page, privacy_officer, organisation, name, message):
    request = file_request(page, name, message)
    log_in(page, "officer")
    for url in admin_pages(request):
        # No meta element, no refresh: the count below is what rules it out on every page. On the page the
        # attack once worked on, the browser is also given the time a one-second refresh needs to fire.
        assert_nothing_injected(page, url, wait_ms=1500 if url.endswith("/access-answer/") else 0)
    page.goto(f"/admin/requests/rightsrequest/{request.pk}/access-answer/")
    assert name in page.locator("textarea.rr-answer").input_value(), "the name is shown, as text"
