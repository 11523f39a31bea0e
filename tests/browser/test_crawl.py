"""Every kind of page a user can reach by following links from the home page passes the checks
(axe, console), not only the pages the other tests name."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from .support import CheckedPage

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("username", [None, "hmi", "admin", "lap-bedford"])
def test_every_linked_page_passes_checks(open_page: Callable[..., CheckedPage], username: str | None) -> None:
    browser = open_page(username)

    visited = browser.crawl("/")

    print(f"{browser.who}: {len(visited)} pages: {' '.join(visited)}")
    assert "/accessibility/" in visited
