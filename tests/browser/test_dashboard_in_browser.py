"""The privacy officer opens the dashboard in a real browser; a screenshot is kept in var/artefacts/."""

from pathlib import Path

import pytest

from tests.browser.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ARTEFACTS = Path(__file__).resolve().parents[2] / "var" / "artefacts"


def test_the_officer_follows_the_index_to_the_dashboard_and_its_data_map(page, privacy_officer):
    from ropa.demo import load_demo

    load_demo()
    log_in(page, "officer")
    summary = page.locator("#ropa-attention")
    assert summary.is_visible()
    summary.locator("h2 a").click()
    page.wait_for_load_state()
    maps = page.locator("#ropa-data-map figure")
    assert maps.count() == 5
    assert page.locator("#ropa-data-map svg rect").first.is_visible()
    # A count leads to its list: the first link in the table opens a changelist with that many rows.
    first = page.locator("#ropa-attention td a").first
    count = int(first.inner_text())
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": 1400, "height": 900})
    page.screenshot(path=str(ARTEFACTS / "dashboard.png"), full_page=True)
    first.click()
    page.wait_for_load_state()
    assert page.locator("#result_list tbody tr").count() == count or count == 0
