"""Published reports in a real browser: the demo's published reports pass axe (WCAG 2.2 AA) as
pages, reflow at 320 px, print the card on one page, and are found from the area page and the list."""

from __future__ import annotations

import io
from collections.abc import Callable

import pypdf
import pytest

from .support import CheckedPage

pytestmark = pytest.mark.browser

COVENTRY = "E08000026"  # the demo's published outcome-3 inspection


def _report_path(browser: CheckedPage) -> str:
    browser.goto(f"/areas/{COVENTRY}/")
    link = browser.page.get_by_role("link", name="Read the report").first
    href = link.get_attribute("href")
    assert href and href.startswith("/reports/")
    return href


def test_a_published_report_found_from_the_area_page_passes_axe(open_page: Callable[..., CheckedPage]) -> None:
    browser = open_page()
    path = _report_path(browser)
    browser.goto(path)
    page = browser.page
    assert page.get_by_role("heading", level=1).inner_text().startswith("Area SEND inspection of Coventry")
    for heading in ["Inspection outcome", "Areas for priority action", "Information about this inspection"]:
        assert page.get_by_role("heading", name=heading, level=2).is_visible()
    assert page.locator(".govuk-tag--purple").first.is_visible()  # the demo's report is tagged
    page.get_by_role("link", name="Report card: a one-page summary").click()
    browser.settled()
    assert page.get_by_role("heading", name="Coventry: area SEND inspection").is_visible()


def test_the_report_and_card_reflow_at_320_pixels(open_page: Callable[..., CheckedPage]) -> None:
    browser = open_page(width=320, height=640)
    path = _report_path(browser)
    for target in [path, f"{path}card/", f"/reports/?area={COVENTRY}"]:
        browser.goto(target)
        width = browser.page.evaluate("() => document.documentElement.scrollWidth")
        assert width <= 320, f"{target} is {width}px wide"


def test_the_list_filters_and_shows_errors_accessibly(open_page: Callable[..., CheckedPage]) -> None:
    browser = open_page()
    browser.goto("/reports/")
    page = browser.page
    page.get_by_label("Area").select_option(COVENTRY)
    page.get_by_role("button", name="Show reports").click()
    browser.settled()
    assert page.get_by_role("link", name="Read the report").count() >= 1
    browser.goto("/reports/?year=nineteen", status=400)
    assert page.get_by_role("alert").inner_text().count("Enter the year as a number") == 1


def test_the_report_card_prints_on_one_page(open_page: Callable[..., CheckedPage]) -> None:
    browser = open_page()
    path = _report_path(browser)
    response = browser.page.request.get(browser.base_url + f"{path}card.pdf")
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
    assert len(pypdf.PdfReader(io.BytesIO(response.body())).pages) == 1


def test_the_card_page_prints_from_the_browser_on_one_a4_page(open_page: Callable[..., CheckedPage]) -> None:
    browser = open_page()
    path = _report_path(browser)
    browser.goto(f"{path}card/")
    browser.page.emulate_media(media="print")
    printed = browser.page.pdf(format="A4", prefer_css_page_size=True)
    pages = pypdf.PdfReader(io.BytesIO(printed)).pages
    assert len(pages) == 1
    text = pages[0].extract_text()
    assert "What happens next" in text and "This is a new service" not in text  # the card, no site chrome
