"""A local area partnership user sees their own area and nothing of anyone else's."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from .support import CheckedPage

pytestmark = pytest.mark.browser

BEDFORD = "E06000055"
BURY = "E08000002"


@pytest.fixture
def bedford_user(open_page: Callable[..., CheckedPage]) -> CheckedPage:
    return open_page("lap-bedford")


def test_lap_user_reaches_own_area_from_navigation(bedford_user: CheckedPage) -> None:
    bedford_user.goto("/")
    bedford_user.page.get_by_role("link", name="Your area", exact=True).click()
    bedford_user.settled()

    assert bedford_user.page.url.endswith(f"/areas/{BEDFORD}/")
    heading = bedford_user.page.get_by_role("heading", level=1).inner_text()
    assert heading == "Bedford local area partnership"
    assert bedford_user.page.get_by_role("heading", name="What is due next").is_visible()


def test_lap_user_gets_404_for_other_area(bedford_user: CheckedPage) -> None:
    bedford_user.goto(f"/areas/{BURY}/", status=404)

    assert "Bury" not in bedford_user.page.content()


def test_lap_user_is_refused_the_national_overview(bedford_user: CheckedPage) -> None:
    bedford_user.goto("/overview/", status=403)
    bedford_user.goto("/overview.csv?region=E12000007", status=403)


def test_lap_user_has_no_national_overview_link(bedford_user: CheckedPage) -> None:
    bedford_user.goto("/")

    links = bedford_user.page.get_by_role("navigation", name="Menu").get_by_role("link")
    assert "National overview" not in links.all_inner_texts()
