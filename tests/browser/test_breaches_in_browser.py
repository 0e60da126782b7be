"""A privacy officer works the breach register in a real browser: the list's colours and the form's rules."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _breach(organisation, title: str, hours_ago: float):
    from ropa.breaches.models import Breach

    aware = timezone.now() - datetime.timedelta(hours=hours_ago)
    return Breach.objects.create(organisation=organisation, title=title, description="What happened.", aware_at=aware)


def test_the_list_shows_a_run_out_clock_in_red_and_a_last_day_in_amber(page, privacy_officer, organisation):
    """Art. 33(1): 75 hours since awareness is past the deadline, 60 hours is within its last 24."""
    _breach(organisation, "Past", 75)
    _breach(organisation, "Soon", 60)
    _breach(organisation, "Calm", 1)
    log_in(page, "officer")
    page.goto("/admin/breaches/breach/?clock=running")
    rows = page.locator("#result_list tbody tr")
    assert rows.count() == 3
    assert rows.nth(0).locator("th").inner_text() == "Past"  # the clock that ran out first is on top
    red = page.locator("#result_list tr:has-text('Past') .field-hours_left .br-overdue")
    amber = page.locator("#result_list tr:has-text('Soon') .field-hours_left .br-due-soon")
    assert red.inner_text().startswith("3 ")  # "3 h overdue", whatever the language
    assert red.evaluate("e => getComputedStyle(e).color") == "rgb(186, 33, 33)"
    assert amber.evaluate("e => getComputedStyle(e).color") == "rgb(163, 95, 0)"
    assert page.locator("#result_list tr:has-text('Calm') .br-on-track").count() == 2


def test_the_officer_records_a_breach_and_a_late_notification_needs_reasons(page, privacy_officer, organisation):
    from ropa.breaches.models import Breach

    log_in(page, "officer")
    page.goto("/admin/breaches/breach/add/")
    page.select_option("#id_organisation", str(organisation.pk))
    page.fill("#id_title", "Lost laptop")
    page.fill("#id_description", "A laptop with the customer list was left on the train.")
    page.fill("#id_aware_at_0", "2026-03-02")
    page.fill("#id_aware_at_1", "09:00")
    page.click("input[name=_continue]")
    expect(page.locator(".field-clock_summary")).to_contain_text("2026-03-05 09:00")
    breach = Breach.objects.get(title="Lost laptop")

    page.select_option("#id_status", "notified")
    page.select_option("#id_risk", "risk")
    page.fill("#id_notified_at_0", "2026-03-06")
    page.fill("#id_notified_at_1", "10:00")
    page.click("input[name=_continue]")
    # Art. 33(1) and (5), cited as Norwegian law cites them: the reasons for the delay and for the risk level.
    expect(page.locator(".field-delay_reasons .errorlist")).to_contain_text("Art. 33 nr. 1")
    expect(page.locator(".field-risk_assessment .errorlist")).to_contain_text("Art. 33 nr. 5")
    breach.refresh_from_db()
    assert breach.status == "assessing"

    page.fill("#id_risk_assessment", "Names and e-mail addresses of customers; phishing is the likely harm.")
    page.fill("#id_delay_reasons", "The extent was unclear until the backup had been restored.")
    page.click("input[name=_continue]")
    expect(page.locator(".field-clock_summary")).to_contain_text("97")  # hours from awareness to notification
    expect(page.locator(".errorlist")).to_have_count(0)
    breach.refresh_from_db()
    assert breach.status == "notified" and breach.was_notified_late


HOSTILE = '</textarea><meta id="x" http-equiv="refresh" content="1;url=/admin/?injected=1"><b id="x">bold</b>'


@pytest.mark.parametrize("kind", ["notification", "communication"])
def test_a_hostile_description_stays_text_on_the_draft_pages(page, privacy_officer, organisation, kind):
    """A description pasted from elsewhere never closes the draft's textarea nor sends the officer away (16.1)."""
    breach = _breach(organisation, "Pasted", 5)
    breach.description = HOSTILE
    breach.save()
    log_in(page, "officer")
    path = f"/admin/breaches/breach/{breach.pk}/{kind}-draft/"
    page.goto(path)
    page.wait_for_timeout(1500)  # the time a one-second meta refresh needs to fire
    assert page.url.endswith(path) and "injected" not in page.url
    assert page.locator("#x").count() == 0 and page.locator("meta[http-equiv=refresh]").count() == 0
    assert HOSTILE in page.locator("textarea.br-draft-text").input_value(), "the description is shown, as text"
