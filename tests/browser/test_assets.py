"""Every stylesheet, script, font and image a page asks for is there."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from .support import CheckedPage

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("path", ["/", "/accounts/login/"])
def test_page_assets_all_load(open_page: Callable[..., CheckedPage], path: str) -> None:
    browser = open_page()
    browser.goto(path)
    browser.page.wait_for_load_state("networkidle")

    assert not browser.failed_assets, "\n".join(browser.failed_assets)
