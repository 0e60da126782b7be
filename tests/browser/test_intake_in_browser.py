"""A customer uses the public request form in a real browser: in Norwegian, with errors, by keyboard alone."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from requests.models import OutboxEmail, Right, RightsRequest, Status
from requests.models.outbox import send_outbox
from tests.requests.intake_helpers import confirmation_link

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

def axe_violations(page) -> list[str]:
    """Every axe-core violation on the page, whatever its impact (minor and moderate ones included): "axe-core
    clean", as issue 13 asks of the public pages."""
    results = Axe().run(page)
    assert results.response["passes"], "axe-core ran its rules"
    return [
        f"{violation['id']} ({violation['impact']}): {[node['target'] for node in violation['nodes']]}"
        for violation in results.response["violations"]
    ]


def right_box(code: str) -> str:
    return f"input[name=rights][value='{Right.objects.get(code=code).pk}']"


def test_a_customer_files_a_request_in_norwegian_and_confirms_it(page, organisation):
    page.goto("/request/")
    assert page.locator("html").get_attribute("lang") == "nb"
    assert page.locator("#id_language_0").is_checked(), "replies default to the page's language, nb"
    page.check(right_box("15"))
    page.check(right_box("17"))
    page.fill("#id_name", "Kari Nordmann")
    page.fill("#id_email", "kari.nordmann@example.net")
    page.fill("#id_message", "Hva har dere lagret om meg? Slett kontoen min etterpå.")
    page.click(".intake-button")
    page.wait_for_url("**/request/*/sent/")

    request = RightsRequest.objects.get()
    assert (request.status, request.language) == (Status.AWAITING_CONFIRMATION, "nb")
    email = OutboxEmail.objects.get(kind=OutboxEmail.Kind.CONFIRMATION)
    # The web request only queued it (no SMTP inside a request); the outbox worker sends it.
    assert not email.is_sent and email.recipient == "kari.nordmann@example.net"
    assert send_outbox() == (1, 0)

    page.goto(confirmation_link(email))
    request.refresh_from_db()
    assert request.status == Status.AWAITING_CONFIRMATION, "opening the link (as a mail scanner does) confirms nothing"
    page.click("#intake-confirm button")
    assert page.locator("#intake-reference").inner_text() == request.reference
    assert page.locator("#intake-deadline").inner_text()
    request.refresh_from_db()
    assert request.status == Status.RECEIVED
    receipt = OutboxEmail.objects.get(kind=OutboxEmail.Kind.RECEIPT)
    assert not receipt.is_sent and send_outbox() == (1, 0)


def test_an_invalid_submission_shows_its_errors_and_links_to_each_field(page, organisation):
    page.goto("/request/")
    page.fill("#id_email", "not-an-address")
    page.click(".intake-button")
    page.wait_for_selector(".intake-error-summary")
    for field in ["name", "email", "message"]:
        box = page.locator(f"#id_{field}")
        assert box.get_attribute("aria-invalid") == "true"
        assert f"id_{field}_error" in box.get_attribute("aria-describedby")
        assert page.locator(f"#id_{field}_error").is_visible()
    assert page.locator("#id_email").input_value() == "not-an-address"
    assert page.locator("#id_rights_error").is_visible()
    page.click(".intake-error-summary a[href='#id_email']")
    assert page.evaluate("document.activeElement.id") == "id_email"
    assert RightsRequest.objects.count() == 0


def test_the_form_passes_axe_and_the_style_sheet_loads_under_the_content_security_policy(page, organisation):
    blocked = []
    page.on("console", lambda message: blocked.append(message.text) if "Content Security" in message.text else None)
    page.goto("/request/")
    assert not page.locator("#id_website").is_visible(), "the external style sheet hides the trap"
    assert axe_violations(page) == []
    page.click(".intake-button")
    page.wait_for_selector(".intake-error-summary")
    assert axe_violations(page) == []
    page.goto(f"/request/{organisation.pk}/privacy/")
    assert axe_violations(page) == []
    assert blocked == []


def test_a_customer_can_file_a_request_with_the_keyboard_alone(page, organisation):
    page.goto("/request/")

    def tab_to(selector: str) -> None:
        for _ in range(40):
            page.keyboard.press("Tab")
            if page.evaluate("(s) => document.activeElement.matches(s)", selector):
                return
        raise AssertionError(f"Tab never reached {selector}")

    tab_to(right_box("15"))
    page.keyboard.press("Space")
    tab_to("#id_name")
    page.keyboard.type("Kari Nordmann")
    tab_to("#id_email")
    page.keyboard.type("kari.nordmann@example.net")
    tab_to("#id_message")
    page.keyboard.type("Please send me a copy of my data.")
    tab_to(".intake-button")
    page.keyboard.press("Enter")
    page.wait_for_url("**/request/*/sent/")
    request = RightsRequest.objects.get()
    assert request.right_codes() == {"15"}
    assert request.requester_name == "Kari Nordmann"


def test_the_language_switch_changes_the_form_to_swedish(page, organisation):
    page.goto("/request/")
    page.select_option("#ropa-language", "sv")
    page.click(".ropa-language-switch button")
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "sv"
    assert page.url.endswith("/request/")
    assert page.locator("#id_language_2").is_checked()
