"""At 320 CSS pixels wide (WCAG 1.4.10 Reflow) every kind of page still passes axe, and only
tables scroll sideways, inside their own wrapper, never the whole page."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from .support import CheckedPage

pytestmark = pytest.mark.browser

WIDTH = 320
HEIGHT = 640
PAGE_WIDTH = "() => document.documentElement.scrollWidth"
# Known problems outside the files the browser tests may fix, each tracked by a strict xfail
# below (and left out of the crawl so that it checks everything else).
KNOWN = {
    "/statistics/": "insights templates: each table's .app-table-wrapper scrolls but cannot "
    "take keyboard focus (axe scrollable-region-focusable); needs tabindex=0, role=region and "
    "an aria-label",
    "/overview/": "areasend.css: .app-filter form groups are inline-block with no max-width (the "
    "'Latest result' select is 367px), and .app-table-wrapper is not position: relative, so the "
    "visually hidden sort hints in the headers escape its scrolling and widen the page",
}


def page_width_ok(browser: CheckedPage) -> Callable[[str], None]:
    def check(path: str) -> None:
        width = browser.page.evaluate(PAGE_WIDTH)
        assert width <= WIDTH, f"{path} is {width}px wide in a {WIDTH}px viewport"

    return check


@pytest.mark.parametrize("username", [None, "planner", "hmi", "admin"])
def test_every_linked_page_reflows_at_320_pixels(open_page: Callable[..., CheckedPage], username: str | None) -> None:
    browser = open_page(username, width=WIDTH, height=HEIGHT)

    visited = browser.crawl("/", per_kind=1, skip=KNOWN, each=page_width_ok(browser))

    assert browser.page.get_by_role("button", name="Menu").is_visible()
    print(f"{browser.who}: {' '.join(visited)}")


@pytest.mark.parametrize(
    "path",
    [
        pytest.param(path, marks=pytest.mark.xfail(strict=True, raises=AssertionError, reason=reason))
        for path, reason in KNOWN.items()
    ],
)
def test_known_page_reflows_at_320_pixels(open_page: Callable[..., CheckedPage], path: str) -> None:
    browser = open_page("planner", width=WIDTH, height=HEIGHT)

    browser.goto(path)

    page_width_ok(browser)(path)
