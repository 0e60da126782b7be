"""The activity list at laptop width: what a privacy officer reads first stays on screen, the title stays clear."""

import pytest

from tests.browser.conftest import log_in
from tests.conftest import member_of_every_workspace

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LAPTOP = {"width": 1280, "height": 800}


def _box(page, selector: str) -> dict:
    box = page.locator(selector).first.bounding_box()
    assert box is not None, f"{selector} is not displayed"
    return box


def _overlap(a: dict, b: dict) -> bool:
    return not (
        a["x"] + a["width"] <= b["x"] or b["x"] + b["width"] <= a["x"]
        or a["y"] + a["height"] <= b["y"] or b["y"] + b["height"] <= a["y"]
    )


def test_the_completeness_column_fits_a_1280_pixel_screen_in_norwegian(page, privacy_officer):
    from ropa.demo import load_demo

    load_demo()
    # A consultant with the role in every demo company: the list shows each company's activities and its column.
    member_of_every_workspace(privacy_officer)
    page.set_viewport_size(LAPTOP)
    log_in(page, "officer")
    page.goto("/admin/ropa/processingactivity/")
    assert page.locator("html").get_attribute("lang") == "nb"
    # The table scrolls inside .results: a column is readable only if it ends inside that box and the screen.
    results = _box(page, "#changelist .results")
    right_edge = min(results["x"] + results["width"], LAPTOP["width"])
    for selector in ("#result_list th.column-name", "#result_list th.column-organisation",
                     "#result_list th.column-completeness", "#result_list td.field-completeness",
                     "#result_list th.column-review"):
        box = _box(page, selector)
        assert results["x"] <= box["x"] and box["x"] + box["width"] <= right_edge + 1, f"{selector} is cut off"
    scroll = page.eval_on_selector("#changelist .results", "element => element.scrollWidth - element.clientWidth")
    assert scroll <= 1, f"the table is {scroll} px wider than its box"
    title = _box(page, "#content h1")
    for link in page.locator(".object-tools li").all():
        assert not _overlap(title, link.bounding_box()), "the page title runs under the buttons"
