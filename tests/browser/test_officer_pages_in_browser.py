"""The privacy officer's daily pages at laptop width in Norwegian: readable by everyone (axe), one screen wide.

Issue 26: axe-core finds no serious or critical violation, colour contrast included, on the pages an officer
opens every day, and an activity goes from empty to active on one page that never scrolls sideways.
"""

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.conftest import log_in
from tests.conftest import member_of_every_workspace

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LAPTOP = {"width": 1280, "height": 800}


def serious_violations(page) -> list[str]:
    """axe-core's serious and critical violations on the page, each with the elements it names."""
    results = Axe().run(page)
    assert results.response["passes"], "axe-core ran its rules"
    return [
        f"{violation['id']} ({violation['impact']}): {[node['target'] for node in violation['nodes']][:5]}"
        for violation in results.response["violations"]
        if violation["impact"] in ("serious", "critical")
    ]


def sideways_scroll(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")


@pytest.fixture
def axe_page(browser, live_server):
    """A page for axe: its checks add inline styles the content security policy would report, so the policy
    is bypassed here; tests/browser/test_csp_in_browser.py walks the same pages under it."""
    context = browser.new_context(locale="nb-NO", base_url=live_server.url, bypass_csp=True, viewport=LAPTOP)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def pick(page, select_id: str, text: str) -> None:
    """Choose in one of the admin's autocomplete fields the first match for `text`, as a user does."""
    page.locator(f"#{select_id} + .select2").click()
    page.locator(".select2-container--open .select2-search__field").fill(text)
    page.locator(".select2-results__option--highlighted").first.wait_for()
    page.keyboard.press("Enter")
    page.locator(f"#{select_id} option:checked").first.wait_for(state="attached")


@pytest.fixture
def demo_record(privacy_officer):
    from requests.models import Right, RightsRequest
    from ropa.demo import load_demo
    from ropa.models import Organisation

    load_demo()
    # A consultant with the role in every demo company, as the one workspace's officer saw them all before.
    member_of_every_workspace(privacy_officer)
    request = RightsRequest.objects.create(
        organisation=Organisation.objects.filter(role=Organisation.Role.CONTROLLER).first(),
        requester_name="Kari Nordmann", requester_email="kari.nordmann@example.net",
    )
    request.rights.set(Right.objects.filter(code="15"))
    return request


def test_the_officers_daily_pages_have_no_serious_axe_violation(axe_page, demo_record):
    from ropa.models import ProcessingActivity

    page = axe_page
    log_in(page, "officer")
    activity = ProcessingActivity.objects.order_by("pk").first()
    pages = [
        "/admin/", "/record/dashboard/", "/admin/ropa/processingactivity/", "/admin/ropa/processor/",
        f"/admin/ropa/processingactivity/{activity.pk}/change/", "/admin/ropa/processingactivity/add/",
        f"/admin/requests/rightsrequest/{demo_record.pk}/change/",
        f"/admin/requests/rightsrequest/{demo_record.pk}/access-answer/",
    ]
    found = {}
    for url in pages:
        page.goto(url)
        assert page.locator("html").get_attribute("lang") == "nb", url
        found[url] = serious_violations(page)
    assert found == {url: [] for url in pages}


def test_the_answer_page_keeps_the_admins_font(page, demo_record):
    """Issue 26: the answer's monospace leaked from its textarea onto the whole page."""
    log_in(page, "officer")
    page.goto(f"/admin/requests/rightsrequest/{demo_record.pk}/access-answer/")
    body = page.evaluate("getComputedStyle(document.body).fontFamily")
    answer = page.evaluate("getComputedStyle(document.querySelector('textarea.rr-answer')).fontFamily")
    assert "monospace" not in body and "monospace" in answer


def test_the_site_title_is_whole_on_the_login_page(page, privacy_officer):
    """Issue 26: the title ran past both sides of the narrow login box's header, which cut it off."""
    page.set_viewport_size(LAPTOP)
    page.goto("/admin/login/")
    header = page.locator("#header").bounding_box()
    for selector in ("#site-name", ".ropa-language-switch"):
        box = page.locator(selector).bounding_box()
        assert header["x"] <= box["x"] and box["x"] + box["width"] <= header["x"] + header["width"] + 1, selector
        assert header["y"] <= box["y"] and box["y"] + box["height"] <= header["y"] + header["height"] + 1, selector
    assert sideways_scroll(page) <= 0


def test_an_activity_goes_from_empty_to_active_on_one_page_that_never_scrolls_sideways(page, organisation,
                                                                                     privacy_officer):
    """Art. 30(1)(a)–(g) on one page at 1280 px: nothing is saved until the officer presses save once."""
    from ropa.models import ProcessingActivity

    page.set_viewport_size(LAPTOP)
    log_in(page, "officer")
    page.goto("/admin/ropa/processingactivity/add/")
    assert sideways_scroll(page) <= 0, "the empty form scrolls sideways"
    page.fill("#id_name", "Nyhetsbrev")
    pick(page, "id_organisation", "Verdifull")
    page.select_option("#id_status", "active")
    page.locator("#purposes-group .add-row a").click()
    page.fill("#id_purposes-0-description", "Sende nyhetsbrevet abonnenten har bedt om")
    page.select_option("#id_purposes-0-article6", "6.1.a")
    page.fill("#id_purposes-0-consent_record", "Dobbel bekreftelse i nyhetsbrevtjenesten")
    page.check("#id_purposes-0-consent_demonstrable")  # Art. 7(1): the record shows who consented, when, to what
    pick(page, "id_data_subject_categories", "Newsletter subscribers")
    pick(page, "id_personal_data_categories", "Contact details")
    pick(page, "id_recipient_categories", "Transport")
    page.select_option("#id_transfers_outside_eea", "no")
    page.locator("#retention_rules-group .add-row a").click()
    page.fill("#id_retention_rules-0-duration", "2")
    page.select_option("#id_retention_rules-0-runs_from", "consent_withdrawn")
    pick(page, "id_security_measures", "Encryption in transit")
    assert sideways_scroll(page) <= 0, "the filled form scrolls sideways"
    page.click("input[name=_save]")
    page.wait_for_url("**/admin/ropa/processingactivity/")
    activity = ProcessingActivity.objects.get(name="Nyhetsbrev")
    assert activity.status == ProcessingActivity.Status.ACTIVE
    assert activity.missing_items() == []
