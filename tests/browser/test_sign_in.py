"""Signing in: a wrong password gets the GOV.UK error summary, which takes focus and links to the
field; a right one signs the user in."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from .support import CheckedPage

pytestmark = pytest.mark.browser


def test_wrong_password_shows_error_summary(open_page: Callable[..., CheckedPage]) -> None:
    browser = open_page()
    browser.sign_in("planner", password="not-the-password")

    page = browser.page
    assert page.url.endswith("/accounts/login/")
    assert page.title().startswith("Error: Sign in")
    summary = page.locator(".govuk-error-summary")
    assert summary.get_by_role("heading", name="There is a problem").is_visible()
    assert "Enter a correct username and password" in summary.inner_text()
    # GOV.UK Frontend's ErrorSummary moves focus to the summary so screen readers announce it.
    assert page.evaluate("document.activeElement.classList.contains('govuk-error-summary')")

    summary.get_by_role("link").first.click()
    assert page.evaluate("document.activeElement.id") == "id_username"
    assert "Signed in as" not in page.inner_text(".govuk-phase-banner")


def test_right_password_signs_in_and_sign_out_signs_out(
    open_page: Callable[..., CheckedPage],
) -> None:
    browser = open_page()
    browser.sign_in("hmi")
    assert "Signed in as hmi" in browser.page.inner_text(".govuk-phase-banner")

    browser.page.get_by_role("button", name="Sign out").click()
    browser.settled()
    assert "Signed in as" not in browser.page.inner_text(".govuk-phase-banner")
    assert browser.page.get_by_role("link", name="Sign in", exact=True).is_visible()
