"""Keyboard users: the skip link is the first tab stop and takes focus to the main content."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from .support import CheckedPage

pytestmark = pytest.mark.browser

FOCUSED = "() => ({text: document.activeElement.innerText, id: document.activeElement.id})"


@pytest.mark.parametrize("username", [None, "planner"], ids=["anonymous", "planner"])
@pytest.mark.parametrize("path", ["/", "/areas/E06000055/", "/accounts/login/"])
def test_skip_link_is_first_tab_stop_and_focuses_main(
    open_page: Callable[..., CheckedPage], username: str | None, path: str
) -> None:
    browser = open_page(username)
    browser.goto(path)
    page = browser.page

    page.keyboard.press("Tab")
    assert page.evaluate(FOCUSED)["text"] == "Skip to main content"
    assert page.locator(".govuk-skip-link").is_visible()  # visible once focused

    page.keyboard.press("Enter")
    assert page.evaluate(FOCUSED)["id"] == "main-content"
    assert page.url.endswith("#main-content")
