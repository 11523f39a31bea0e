"""Issue 8: the audit log with its filters, the API tokens page and the error pages pass axe-core
(WCAG 2.2 AA) in a real browser, with no CSP violation."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from .support import CheckedPage

pytestmark = pytest.mark.browser


def test_audit_log_filters_and_reads_as_words(open_page: Callable[..., CheckedPage]) -> None:
    browser = open_page("admin")
    browser.goto("/accounts/audit/")
    page = browser.page
    page.get_by_label("User name").fill("admin")
    page.get_by_label("Action").select_option("login")
    page.get_by_role("button", name="Apply filters").click()
    browser.settled()
    body = page.inner_text("table tbody")
    assert "Logged in" in body and "{" not in body
    browser.goto("/accounts/audit/?from_day=31&from_month=2&from_year=2026", status=400)
    assert "From date must be a real date" in page.inner_text(".govuk-error-summary")


def test_api_tokens_page_and_error_pages(open_page: Callable[..., CheckedPage]) -> None:
    browser = open_page("planner")
    browser.goto("/accounts/api-tokens/")
    assert "only after signing in with two-factor" in browser.page.inner_text("main")
    browser.goto("/no-such-page/", status=404)
    assert browser.page.get_by_role("heading", name="Page not found").is_visible()
