"""A planner reads the demo's national programme, makes a mistake in the solve form and opens an
activity to confirm: every page passes axe (WCAG 2.2 AA)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from .support import CheckedPage

pytestmark = pytest.mark.browser


def test_planner_reads_the_programme_and_opens_a_confirmation(open_page: Callable[..., CheckedPage]) -> None:
    browser = open_page("planner")
    browser.goto("/programme/")
    page = browser.page
    assert page.get_by_role("heading", name="What the pool can and cannot do").is_visible()
    assert page.get_by_role("heading", name="Calendar by week and region").is_visible()
    page.get_by_label("First Monday of the plan").fill("2027-01-12")
    page.get_by_role("button", name="Solve the plan").click()
    browser.settled()
    assert "is a Tuesday; enter a Monday" in page.locator(".govuk-error-summary").inner_text()
    page.get_by_role("link", name="Confirm").first.click()
    browser.settled()
    assert page.get_by_label("Nominated officer's name").is_visible()
