"""A privacy officer uses the record in a real browser."""

import pytest

from tests.browser.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_privacy_officer_logs_in_and_sees_what_is_missing(page, privacy_officer, complete_activity, organisation):
    from ropa.models import ProcessingActivity

    ProcessingActivity.objects.create(organisation=organisation, name="Cookie tracking")
    log_in(page, "officer")
    page.goto("/admin/ropa/processingactivity/")
    rows = page.locator("#result_list tbody tr")
    assert rows.count() == 2
    assert page.locator("#result_list .ropa-missing").count() == 1
    assert page.locator("#result_list .ropa-ok").count() == 1


def test_the_language_switch_changes_the_admin_to_swedish(page, privacy_officer):
    log_in(page, "officer")
    page.select_option("#ropa-language", "sv")
    page.click(".ropa-language-switch button")
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "sv"
