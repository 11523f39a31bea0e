"""Real headless Chromium against a real gunicorn server on a fresh, fully loaded database
(areasend.testing.running_site): one server and one browser per test session, a fresh browser
context per test, signed-in sessions made once per user through the sign-in form."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext

from areasend.testing import Site, running_site

from .support import AXE_SOURCE, CheckedPage

TIMEOUT_MS = float(os.environ.get("BROWSER_TIMEOUT_MS", "15000"))
CALL_PASSED = pytest.StashKey[bool]()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    # Lets open_page's teardown skip its own checks when the test has already failed.
    report = yield
    if report.when == "call":
        item.stash[CALL_PASSED] = report.passed
    return report


@pytest.fixture(scope="session")
def site() -> Iterator[Site]:
    with running_site(workers=2) as running:
        yield running


@pytest.fixture(scope="session")
def axe_source() -> str:
    return AXE_SOURCE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def signed_in_states() -> dict[str, Any]:
    """Cookies of each demo user's first sign-in, reused by later tests to save the round trip."""
    return {}


@pytest.fixture
def open_page(
    request: pytest.FixtureRequest,
    site: Site,
    browser: Browser,
    axe_source: str,
    signed_in_states: dict[str, Any],
) -> Iterator[Callable[..., CheckedPage]]:
    """open_page() is an anonymous visitor's tab; open_page("planner") a signed-in demo user's.
    Tests start with `goto`: where the tab starts is not defined.

    Each call gets its own browser context (its own cookies). A user's first sign-in goes
    through the form (so the sign-in page is checked as well); later ones reuse its cookies."""
    opened: list[tuple[BrowserContext, CheckedPage]] = []

    def open_(username: str | None = None, *, width: int = 1280, height: int = 800) -> CheckedPage:
        state = signed_in_states.get(username) if username else None
        context = browser.new_context(
            accept_downloads=True,
            locale="en-GB",
            storage_state=state,
            viewport={"width": width, "height": height},
        )
        context.set_default_timeout(TIMEOUT_MS)
        # Injected by the browser before each page's own scripts, outside the page's CSP, so the
        # policy under test stays exactly as served (no bypass_csp); also saves re-parsing axe
        # on every check.
        context.add_init_script(axe_source)
        checked = CheckedPage(
            page=context.new_page(),
            base_url=site.url,
            who=username or "anonymous",
            axe_source=axe_source,
        )
        opened.append((context, checked))
        if username and username not in signed_in_states:
            checked.sign_in(username)
            assert f"Signed in as {username}" in checked.page.inner_text(".govuk-phase-banner")
            signed_in_states[username] = context.storage_state()
        return checked

    yield open_
    for context, checked in opened:
        try:
            if request.node.stash.get(CALL_PASSED, False):
                checked.finish()  # errors logged after the last check, pages never checked
        finally:
            context.close()
