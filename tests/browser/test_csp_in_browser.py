"""In a real browser, under the content security policy: enrolment, the code step and the admin's pages work,
and the browser reports no blocked script or style (the `page` fixture fails a test on any CSP report)."""

import time
from base64 import b32decode

import pytest
from django_otp.oath import TOTP
from playwright.sync_api import Error as PlaywrightError

from ropa.security.roles import PRIVACY_OFFICER
from tests.browser.conftest import log_in
from tests.conftest import member_of_every_workspace
from tests.security.admin_urls import admin_urls, load_walk_data
from tests.test_permissions_walk import DISABLED_FOR_EVERYONE, may

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _code_from_key(key: str, steps_ahead: int = 0) -> str:
    totp = TOTP(b32decode(key.replace(" ", "") + "=" * (-len(key.replace(" ", "")) % 8)))
    totp.time = time.time() + 30 * steps_ahead
    return f"{totp.token():06d}"


def test_a_privacy_officer_enrols_and_works_in_the_admin_with_nothing_blocked(
    page, settings, privacy_officer, tmp_path
):
    settings.ROPA_REQUIRE_2FA = True
    settings.STORAGES = {**settings.STORAGES, "private": {**settings.STORAGES["private"], "OPTIONS": {
        "location": tmp_path, "base_url": None,
    }}}
    urls, _skipped = admin_urls(load_walk_data())
    member_of_every_workspace(privacy_officer)  # the walked objects are spread over the demo's companies
    log_in(page, "officer")
    page.wait_for_url("**/security/enrol/**")
    assert page.locator(".ropa-qr-code svg").is_visible()
    page.fill("#id_otp_token", _code_from_key(page.locator("#ropa-totp-key").inner_text()))
    page.click("input[type=submit]")
    page.wait_for_url("**/security/backup-codes/**")
    assert page.locator("#ropa-backup-codes li").count() == 10
    page.locator("#ropa-backup-codes ~ p a").click()
    page.wait_for_url("**/admin/")

    # Every page of the record, of rights requests, of the login log and of webhooks the officer may open.
    pages = [
        url for url in urls if url.name not in DISABLED_FOR_EVERYONE
        and url.app_label in ("ropa", "requests", "axes", "webhooks")
        and may(PRIVACY_OFFICER, url.app_label, url.kind, url.name)
    ]
    assert len(pages) > 80
    for url in pages:
        try:
            response = page.goto(url.url)
        except PlaywrightError as error:  # a private file: served as a download, not shown
            assert "Download is starting" in str(error), url
            continue
        assert response.status == 200, url


def test_the_admins_scripts_run_under_the_policy(page, settings, privacy_officer, complete_activity):
    """Autocomplete, inline formsets and the date picker are the admin's own JavaScript, loaded from 'self'."""
    log_in(page, "officer")
    page.goto(f"/admin/ropa/processingactivity/{complete_activity.pk}/change/")
    assert page.locator(".select2-container").first.is_visible()
    purposes = page.locator(".inline-related:not(.empty-form)[id^=purposes-]")
    before = purposes.count()
    page.locator("#purposes-group .add-row a").click()
    assert purposes.count() == before + 1
    page.locator("details:has(#id_next_review) > summary").click()  # the review dates are a folded section
    page.locator(".datetimeshortcuts a:has(.date-icon):visible").first.click()
    assert page.locator(".calendarbox:visible").count() == 1


def test_the_browser_reports_a_violation_when_something_inline_appears(browser, live_server):
    """The check above can fail: an inline style added to a served page is blocked and reported."""
    context = browser.new_context(base_url=live_server.url)
    reports = []
    tab = context.new_page()
    tab.on("console", lambda message: reports.append(message.text))
    tab.goto("/admin/login/")
    tab.evaluate("document.body.insertAdjacentHTML('beforeend', '<p style=\"color: red\">x</p>')")
    tab.evaluate("document.body.insertAdjacentHTML('beforeend', '<img src=x onerror=\"alert(1)\">')")
    tab.wait_for_timeout(300)
    context.close()
    assert any("Content Security Policy" in text for text in reports)
