"""GET /api/v1/activities/ and /api/v1/areas/<gss_code>/activities/: the public see published
activities, a partnership user their own area's, staff everything; filters are checked."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from django.test import Client

from areasend.areas.models import LocalAreaPartnership
from areasend.inspections.models import Activity
from tests.conftest import AREA_A, AREA_B

ACTIVITIES = "/api/v1/activities/"


def area_activities(code: str) -> str:
    return f"/api/v1/areas/{code}/activities/"


def get(client: Client, url: str, **params: Any) -> Any:
    return client.get(url, params, HTTP_ACCEPT="application/json")


@pytest.fixture
def unpublished(db: Any) -> Activity:
    """A full inspection of area A under way: no publication date yet."""
    activity = Activity.objects.create(
        kind="full inspection", framework="2023", inspected_code=AREA_A,
        inspected_name="Bedford", start_date=date(2026, 11, 16), source_key="test-unpublished",
    )
    activity.areas.add(LocalAreaPartnership.objects.get(gss_code=AREA_A))
    return activity


def ids(client: Client, url: str, **params: Any) -> set[int]:
    found: set[int] = set()
    page = 1
    while True:
        body = get(client, url, page=page, **params).json()
        found |= {a["id"] for a in body["results"]}
        if body["next"] is None:
            return found
        page += 1


@pytest.mark.parametrize("who", ["anonymous", "public"])
def test_public_see_published_activities_only(
    client_for: Callable[[str], Client], unpublished: Activity, who: str
) -> None:
    client = client_for(who)
    body = get(client, ACTIVITIES).json()

    assert body["count"] == Activity.objects.published().count()
    assert unpublished.pk not in ids(client, ACTIVITIES, framework="2023")
    assert unpublished.pk not in ids(client, area_activities(AREA_A), framework="2023")


@pytest.mark.parametrize("who", ["inspector", "planner", "admin"])
def test_staff_see_unpublished_activities(
    client_for: Callable[[str], Client], unpublished: Activity, who: str
) -> None:
    client = client_for(who)

    assert get(client, ACTIVITIES).json()["count"] == Activity.objects.count()
    assert unpublished.pk in ids(client, area_activities(AREA_A), framework="2023")


def test_lap_user_sees_their_own_area_only(
    client_for: Callable[[str], Client], unpublished: Activity
) -> None:
    client = client_for("lap_a")
    own = set(Activity.objects.filter(areas__gss_code=AREA_A).values_list("id", flat=True))

    assert ids(client, ACTIVITIES) == own
    assert ids(client, area_activities(AREA_A)) == own
    assert unpublished.pk in own


def test_lap_user_gets_404_for_other_area_activities(client_for: Callable[[str], Client]) -> None:
    response = get(client_for("lap_a"), area_activities(AREA_B))

    assert response.status_code == 404
    assert "detail" in response.json()


def test_area_activities_are_that_area_history(client_for: Callable[[str], Client]) -> None:
    expected = set(
        Activity.objects.published().filter(areas__gss_code=AREA_B).values_list("id", flat=True)
    )
    found = ids(client_for("anonymous"), area_activities(AREA_B))

    assert found == expected


def test_activity_fields(client_for: Callable[[str], Client]) -> None:
    activity = get(client_for("anonymous"), ACTIVITIES).json()["results"][0]

    assert set(activity) == {
        "id", "kind", "framework", "area_codes", "inspected_code", "inspected_name",
        "start_date", "start_date_estimated", "end_date", "publication_date", "outcome",
        "wsoa_required", "significant_weaknesses", "revisit_progress", "report_url", "source", "synthetic",
    }


def test_blank_values_go_out_as_null(
    client_for: Callable[[str], Client], unpublished: Activity
) -> None:
    [activity] = [a for a in get(client_for("admin"), area_activities(AREA_A), framework="2023",
                                 started_from="2026-11-16").json()["results"]
                  if a["id"] == unpublished.pk]

    assert activity["revisit_progress"] is None
    assert activity["report_url"] is None
    assert activity["outcome"] is None


def test_filters_narrow_the_list(client_for: Callable[[str], Client]) -> None:
    params = {"framework": "2023", "kind": "full inspection", "outcome": "3",
              "started_from": "2023-01-01", "started_to": "2024-12-31"}
    body = get(client_for("anonymous"), ACTIVITIES, **params).json()

    expected = Activity.objects.published().filter(
        framework="2023", kind="full inspection", outcome=3,
        start_date__gte=date(2023, 1, 1), start_date__lte=date(2024, 12, 31),
    )
    assert body["count"] == expected.count()
    for activity in body["results"]:
        assert (activity["framework"], activity["kind"], activity["outcome"]) == (
            "2023", "full inspection", 3)
        assert "2023-01-01" <= activity["start_date"] <= "2024-12-31"


@pytest.mark.parametrize(("params", "named"), [
    ({"framework": "1999"}, "framework"),
    ({"kind": "picnic"}, "kind"),
    ({"outcome": "4"}, "outcome"),
    ({"started_from": "2023-13-40"}, "started_from"),
    ({"started_to": "20230105"}, "started_to"),
    ({"started_from": "2024-01-01", "started_to": "2023-01-01"}, "started_from"),
    ({"from": "2023-01-01"}, "from"),  # statistics' name, not this endpoint's
])
def test_bad_parameter_is_400_naming_it(
    client_for: Callable[[str], Client], params: dict[str, str], named: str
) -> None:
    for url in (ACTIVITIES, area_activities(AREA_A)):
        response = get(client_for("anonymous"), url, **params)

        assert response.status_code == 400
        assert list(response.json()) == [named]


def test_page_past_the_last_is_404_naming_page(client_for: Callable[[str], Client]) -> None:
    response = get(client_for("anonymous"), ACTIVITIES, page=999)

    assert response.status_code == 404
    assert response.json()["parameter"] == "page"


def test_pagination_links(client_for: Callable[[str], Client]) -> None:
    client = client_for("anonymous")
    first = get(client, ACTIVITIES, framework="2016").json()
    second = get(client, ACTIVITIES, framework="2016", page=2).json()

    assert first["next"].endswith("?framework=2016&page=2")
    assert second["previous"].endswith("?framework=2016")
    assert {a["id"] for a in first["results"]}.isdisjoint(a["id"] for a in second["results"])


def test_activity_list_takes_three_queries(
    client_for: Callable[[str], Client], django_assert_num_queries: Any
) -> None:
    client = client_for("anonymous")
    with django_assert_num_queries(3):  # count, the page, its areas
        get(client, ACTIVITIES)


def test_activities_are_read_only(client_for: Callable[[str], Client]) -> None:
    assert client_for("admin").post(ACTIVITIES).status_code == 405
