"""A planner works through the national overview: filters it, sorts it, opens an area from it and
downloads what it shows as CSV."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from datetime import date, datetime

import pytest
from playwright.sync_api import Page

from areasend.planning.overview import CSV_HEADER

from .support import CheckedPage

pytestmark = pytest.mark.browser

PARTNERSHIPS = 153
COLUMNS = ["Partnership", "Region", "Latest activity", "Result", "Next activity", "Due by"]


# A header's visible text: each is a sort link with a visually hidden ": sort ascending" hint.
VISIBLE_TEXT = """ths => ths.map(th => {
    const copy = th.cloneNode(true);
    copy.querySelectorAll('.govuk-visually-hidden').forEach(hidden => hidden.remove());
    return copy.textContent.trim();
})"""


def table_rows(page: Page) -> list[dict[str, str]]:
    headers = page.locator("#overview-table thead th").evaluate_all(VISIBLE_TEXT)
    assert headers == COLUMNS
    cells = page.locator("#overview-table tbody tr").evaluate_all(
        "rows => rows.map(r => Array.from(r.cells, c => c.innerText.trim()))"
    )
    return [dict(zip(COLUMNS, row, strict=True)) for row in cells if len(row) == len(COLUMNS)]


def due_date(cell: str) -> date:
    # "23 Aug 2025" optionally followed by an "Overdue" tag.
    return datetime.strptime(" ".join(cell.split()[:3]), "%d %b %Y").date()


def apply_filters(browser: CheckedPage, **choices: str) -> None:
    for label, option in choices.items():
        browser.page.get_by_label(label.replace("_", " ").capitalize(), exact=True).select_option(label=option)
    browser.page.get_by_role("button", name="Apply filters").click()
    browser.settled()


@pytest.fixture
def planner(open_page: Callable[..., CheckedPage]) -> CheckedPage:
    browser = open_page("planner")
    browser.goto("/")
    browser.page.get_by_role("link", name="National overview", exact=True).click()
    browser.settled()
    assert browser.page.url.endswith("/overview/")
    return browser


def test_unfiltered_overview_lists_every_partnership(planner: CheckedPage) -> None:
    rows = table_rows(planner.page)
    assert len(rows) == PARTNERSHIPS
    assert planner.page.locator("#overview-table caption").inner_text() == (f"{PARTNERSHIPS} partnerships shown")


def test_filtering_by_region_and_result_shows_only_matching_rows(planner: CheckedPage) -> None:
    apply_filters(planner, region="London", latest_result="Outcome 3: widespread or systemic failings")

    rows = table_rows(planner.page)
    assert 0 < len(rows) < PARTNERSHIPS
    assert all(row["Region"] == "London" for row in rows)
    assert all(row["Result"].startswith("Outcome 3") for row in rows)
    assert "region=E12000007" in planner.page.url and "result=3" in planner.page.url
    caption = planner.page.locator("#overview-table caption").inner_text()
    assert caption.startswith(f"{len(rows)} partnership")


def test_sorting_by_due_date_orders_rows_and_announces_it(planner: CheckedPage) -> None:
    apply_filters(planner, region="London")
    by_name = table_rows(planner.page)
    header = planner.page.get_by_role("columnheader", name="Due by")

    apply_filters(planner, sort_by="Due by", order="Descending")

    by_due = table_rows(planner.page)
    dates = [due_date(row["Due by"]) for row in by_due]
    assert dates == sorted(dates, reverse=True)
    assert sorted(r["Partnership"] for r in by_due) == sorted(r["Partnership"] for r in by_name)
    assert [r["Partnership"] for r in by_due] != [r["Partnership"] for r in by_name]
    assert header.get_attribute("aria-sort") == "descending"


def test_column_header_link_sorts_and_flips_order(planner: CheckedPage) -> None:
    apply_filters(planner, region="London")
    link = planner.page.locator("#overview-table thead").get_by_role("link", name=re.compile("^Due by"))
    header = planner.page.get_by_role("columnheader", name="Due by")

    link.click()
    planner.settled()
    ascending = table_rows(planner.page)
    link.click()
    planner.settled()
    descending = table_rows(planner.page)

    assert [due_date(r["Due by"]) for r in ascending] == sorted(due_date(r["Due by"]) for r in ascending)
    assert header.get_attribute("aria-sort") == "descending"
    assert {r["Region"] for r in descending} == {"London"}  # the filters survive the re-sort
    assert [due_date(r["Due by"]) for r in descending] == [due_date(r["Due by"]) for r in ascending][::-1]


def test_area_opens_from_the_table(planner: CheckedPage) -> None:
    apply_filters(planner, region="London", sort_by="Due by")
    first = table_rows(planner.page)[0]

    planner.page.locator("#overview-table tbody").get_by_role("link", name=first["Partnership"], exact=True).click()
    planner.settled()

    heading = planner.page.get_by_role("heading", level=1).inner_text()
    assert heading == f"{first['Partnership']} local area partnership"
    assert "/areas/E" in planner.page.url


def test_csv_download_holds_exactly_the_rows_shown(planner: CheckedPage) -> None:
    apply_filters(planner, region="London", sort_by="Due by", order="Descending")
    shown = table_rows(planner.page)

    with planner.page.expect_download() as download_info:
        planner.page.get_by_role("link", name=f"Download these {len(shown)} rows as CSV").click()
    download = download_info.value
    text = io.StringIO(download.path().read_text(encoding="utf-8"))

    assert download.suggested_filename == "area-send-overview.csv"
    header, *records = list(csv.reader(text))
    assert header == CSV_HEADER
    assert len(records) == len(shown)
    assert [r[header.index("area_name")] for r in records] == [r["Partnership"] for r in shown]
    assert {r[header.index("region")] for r in records} == {"London"}
