"""A customer reads a shop's privacy notice in a real browser: accessible, switchable, printable, no script."""

import pytest

from ropa.models import Organisation
from tests.browser.test_intake_in_browser import axe_violations
from tests.notice.conftest import build_shop, publish_now, translate_everything

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def shop(organisation):
    """The shop, its notice published in its record's English and, with translations, in Norwegian and Swedish."""
    shop = build_shop(organisation)
    for language in ("en", "nb", "sv"):
        if language != organisation.record_language:
            translate_everything(organisation, language)
        assert publish_now(organisation, language)
    return shop


def test_the_notice_passes_axe_in_each_language_and_runs_no_script(page, organisation, shop):
    page.goto(f"/privacy/{organisation.pk}/")
    assert page.locator("html").get_attribute("lang") == "nb"
    assert page.locator("script").count() == 0
    assert page.locator("h1").count() == 1
    assert axe_violations(page) == []
    page.select_option("#ropa-language", "sv")
    page.click(".ropa-language-switch button")
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "sv"
    assert page.url.endswith(f"/privacy/{organisation.pk}/")
    assert axe_violations(page) == []


def test_a_past_day_is_chosen_with_the_date_field_and_passes_axe(page, organisation, shop):
    page.goto(f"/privacy/{organisation.pk}/")
    page.fill("#notice-as-of", "2026-01-15")
    page.click(".notice-as-of button")
    page.wait_for_url("**as_of=2026-01-15")
    assert page.locator(".notice-activity").count() == 0, "nothing was recorded by then"
    assert axe_violations(page) == []


def test_the_printed_notice_leaves_out_the_switch_and_the_tools(page, organisation, shop):
    page.goto(f"/privacy/{organisation.pk}/")
    assert page.locator(".ropa-language-switch").is_visible()
    page.emulate_media(media="print")
    assert not page.locator(".ropa-language-switch").is_visible()
    assert not page.locator(".notice-footer").is_visible()
    assert page.locator(".notice-activity").first.is_visible()
    assert page.pdf()[:4] == b"%PDF"


def test_the_axe_check_counts_violations_of_every_impact(page, organisation, shop):
    """The check itself: a moderate violation (a heading that skips levels) fails it, as a serious one would."""
    page.goto(f"/privacy/{organisation.pk}/")
    page.evaluate("document.querySelector('main').insertAdjacentHTML('beforeend', '<h6>Skipped levels</h6>')")
    assert [violation for violation in axe_violations(page) if violation.startswith("heading-order (moderate)")]


def test_the_list_of_notices_passes_axe_and_leads_to_a_notice(page, organisation, shop):
    Organisation.objects.create(name="Annen Butikk AB", country="SE")
    page.goto("/privacy/")
    assert page.locator("script").count() == 0
    assert axe_violations(page) == []
    page.click(f"text={organisation.name}")
    page.wait_for_load_state()
    assert page.url.endswith(f"/privacy/{organisation.pk}/")
