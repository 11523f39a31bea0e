"""Issue 10 in a real browser: the partnership opens its data-return page (the demo's synthetic
return with its indicators), uploads a file that cannot be read and sees why, then a corrected
return; every page passes axe-core. Also the public specification page."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from playwright.sync_api import expect

from areasend.datareturns import synthetic

from .support import CheckedPage

pytestmark = pytest.mark.browser


def submit(tab: CheckedPage, button: str) -> None:
    with tab.page.expect_navigation():
        tab.page.get_by_role("button", name=button, exact=True).click()
    tab.settled()


def test_partnership_uploads_a_return_and_sees_errors_and_indicators(open_page: Callable[..., Any],
                                                                      tmp_path: Any) -> None:
    lap = open_page("lap-bradford")
    lap.goto("/inspections/")
    with lap.page.expect_navigation():
        lap.page.get_by_role("link", name=re.compile("Bradford")).first.click()
    lap.settled()
    return_page = lap.page.url.split("#")[0].rstrip("/") + "/cases/return/"
    lap.goto(return_page.removeprefix(lap.base_url))
    expect(lap.page.get_by_text("EHC plans issued within 20 weeks (exceptions excluded)")).to_be_visible()

    bad = tmp_path / "return.csv"
    bad.write_bytes("case_ref,age\n\xe9\n".encode("latin-1"))
    lap.page.get_by_label("Upload the return").set_input_files(str(bad))
    submit(lap, "Upload and check")
    expect(lap.page.locator(".govuk-error-summary")).to_contain_text("not UTF-8")

    good = tmp_path / "corrected.csv"
    good.write_bytes(synthetic.csv_bytes(200, as_at=date.today(), seed=9, errors=2))
    lap.page.get_by_label("Upload the return").set_input_files(str(good))
    submit(lap, "Upload and check")
    expect(lap.page.locator(".govuk-notification-banner")).to_contain_text("200 rows, 2 errors")
    expect(lap.page.get_by_role("heading", name="Earlier versions")).to_be_visible()


def test_the_specification_page(open_page: Callable[..., Any]) -> None:
    page = open_page()
    page.goto("/data-return/")
    expect(page.page.get_by_role("heading", name="Ofsted List 2: SEN support")).to_be_visible()
