"""The privacy officer opens the dashboard in a real browser; a screenshot is kept in var/artefacts/ (README)."""

from pathlib import Path

import pytest

from tests.browser.conftest import log_in
from tests.conftest import member_of_every_workspace

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ARTEFACTS = Path(__file__).resolve().parents[2] / "var" / "artefacts"


def test_the_officer_follows_the_index_to_the_dashboard_and_its_data_map(page, privacy_officer):
    from ropa.demo import load_demo

    load_demo()
    # A consultant with the role in every demo company: one overview of the five, a data map each.
    member_of_every_workspace(privacy_officer)
    log_in(page, "officer")
    summary = page.locator("#ropa-attention")
    assert summary.is_visible()
    summary.locator("h2 a").click()
    page.wait_for_load_state()
    maps = page.locator("#ropa-data-map figure")
    assert maps.count() == 5
    assert page.locator("#ropa-data-map svg rect").first.is_visible()
    # A count leads to its list: the demo's activities without retention rules (Art. 30(1)(f)), a count that is
    # never zero there, open a changelist with exactly that many rows.
    link = page.locator("#ropa-attention td a[href$='?missing=f']")
    count = int(link.inner_text())
    assert count > 0, "the demo record leaves retention open for some activities"
    # At laptop width every map fits the page: its countries column is not cut off on the right.
    page.set_viewport_size({"width": 1280, "height": 800})
    for index in range(maps.count()):
        figure, svg = maps.nth(index).bounding_box(), maps.nth(index).locator("svg").bounding_box()
        assert svg["x"] + svg["width"] <= figure["x"] + figure["width"] + 1
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": 1400, "height": 900})
    page.screenshot(path=str(ARTEFACTS / "dashboard.png"), full_page=True)
    link.click()
    page.wait_for_load_state()
    assert "missing=f" in page.url
    assert page.locator("#result_list tbody tr").count() == count
