"""Every page, as each kind of visitor sees it: the expected status, no WCAG 2.2 A/AA violation
found by axe-core, and no JavaScript error or CSP violation in the console."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from .support import CheckedPage

pytestmark = pytest.mark.browser

BEDFORD = "E06000055"
BURY = "E08000002"
LONDON = "E12000007"


def known_problem(reason: str) -> pytest.MarkDecorator:
    # strict: the day the page is fixed this XPASSes and fails, so the mark gets removed.
    return pytest.mark.xfail(strict=True, raises=AssertionError, reason=reason)


API_DOCS = "/api/v1/docs/"
# Swagger UI renders its operations from the schema after the load event.
API_DOCS_READY = ".opblock"
API_DOCS_SWAGGER = known_problem(
    "Swagger UI's own markup (api.ApiDocs): color-contrast (version stamp, schema URL, buttons), "
    "nested-interactive (operation summaries), target-size (operation links)"
)


def case(path: str, status: int = 200, *marks: pytest.MarkDecorator) -> Any:
    return pytest.param(path, status, marks=marks, id=path)


ANONYMOUS = [
    case("/"),
    case("/areas/"),
    case(f"/areas/{BEDFORD}/"),
    case(f"/areas/{BURY}/"),
    case("/statistics/"),
    case("/accounts/login/"),
    case("/overview/"),  # redirected to sign in
    case("/accessibility/"),
    case("/privacy/"),
    case(API_DOCS, 200, API_DOCS_SWAGGER),
    case("/areas/E99999999/", 404),
]
PLANNER = [
    case("/"),
    case("/areas/"),
    case(f"/areas/{BEDFORD}/"),
    case("/overview/"),
    case(f"/overview/?region={LONDON}&result=3&due=&sort=due&order=desc"),
    case("/overview/?due=fortnight", 400),  # the GOV.UK error summary over the filters
    case("/statistics/"),
    case("/inspections/"),
    case("/inspections/new/"),
    case("/accessibility/"),
    case("/privacy/"),
    case(API_DOCS, 200, API_DOCS_SWAGGER),
    case("/accounts/audit/", 404),
]
OTHER_USERS = [
    pytest.param("admin", "/accounts/audit/", 200, id="admin-audit"),
    pytest.param("admin", "/overview/", 200, id="admin-overview"),
    pytest.param("hmi", "/overview/?due=overdue", 200, id="hmi-overdue"),
    pytest.param("hmi", f"/areas/{BURY}/", 200, id="hmi-bury"),
    pytest.param("hmi", "/inspections/", 200, id="hmi-inspections"),
    pytest.param("lap-bedford", "/", 200, id="lap-home"),
    pytest.param("lap-bedford", f"/areas/{BEDFORD}/", 200, id="lap-own-area"),
    pytest.param("lap-bury", f"/areas/{BURY}/", 200, id="lap-bury-own-area"),
    pytest.param("public", f"/areas/{BEDFORD}/", 200, id="public-area"),
    pytest.param("public", "/overview/", 403, id="public-overview"),
]


def visit(browser: CheckedPage, path: str, status: int) -> None:
    browser.goto(path, status=status, ready=API_DOCS_READY if path == API_DOCS else None)


@pytest.mark.parametrize(("path", "status"), ANONYMOUS)
def test_page_passes_checks_for_anonymous_visitor(
    open_page: Callable[..., CheckedPage], path: str, status: int
) -> None:
    visit(open_page(), path, status)


@pytest.mark.parametrize(("path", "status"), PLANNER)
def test_page_passes_checks_for_signed_in_planner(
    open_page: Callable[..., CheckedPage], path: str, status: int
) -> None:
    browser = open_page("planner")
    visit(browser, path, status)
    if status == 200 and path != API_DOCS:  # the API docs are Swagger UI's page, not ours
        assert "Signed in as planner" in browser.page.inner_text(".govuk-phase-banner")


@pytest.mark.parametrize(("username", "path", "status"), OTHER_USERS)
def test_page_passes_checks_for_other_roles(
    open_page: Callable[..., CheckedPage], username: str, path: str, status: int
) -> None:
    visit(open_page(username), path, status)
