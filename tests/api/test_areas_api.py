"""GET /api/v1/areas/ and /api/v1/areas/<gss_code>/: open to all, a partnership user sees only
their own area, strict query parameters, page numbers."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from areasend.areas.models import LocalAreaPartnership
from tests.conftest import AREA_A, AREA_B

AREAS = "/api/v1/areas/"


def get(client: Client, url: str, **params: Any) -> Any:
    return client.get(url, params, HTTP_ACCEPT="application/json")


@pytest.mark.parametrize("who", ["anonymous", "public", "inspector"])
def test_everyone_but_a_partnership_user_lists_all_153_areas(
    client_for: Callable[[str], Client], who: str
) -> None:
    response = get(client_for(who), AREAS)

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 153
    assert len(body["results"]) == 50
    assert body["next"].endswith("/api/v1/areas/?page=2")
    assert body["previous"] is None


def test_last_page_holds_the_rest(client_for: Callable[[str], Client]) -> None:
    body = get(client_for("anonymous"), AREAS, page=4).json()

    assert len(body["results"]) == 153 - 3 * 50
    assert body["next"] is None
    assert body["previous"].endswith("/api/v1/areas/?page=3")


def test_pages_together_hold_every_area_once(client_for: Callable[[str], Client]) -> None:
    client = client_for("anonymous")
    codes = [a["gss_code"] for page in (1, 2, 3, 4)
             for a in get(client, AREAS, page=page).json()["results"]]

    assert sorted(codes) == sorted(LocalAreaPartnership.objects.values_list("gss_code", flat=True))


def test_area_carries_its_partners(client_for: Callable[[str], Client]) -> None:
    response = get(client_for("anonymous"), f"{AREAS}{AREA_A}/")

    assert response.status_code == 200
    area = response.json()
    assert area["gss_code"] == AREA_A
    assert area["name"] == "Bedford"
    assert {"kind", "name", "code"} <= set(area["partners"][0])


def test_lap_user_lists_exactly_their_own_area(client_for: Callable[[str], Client]) -> None:
    body = get(client_for("lap_a"), AREAS).json()

    assert body["count"] == 1
    assert [a["gss_code"] for a in body["results"]] == [AREA_A]


def test_lap_user_gets_their_own_area(client_for: Callable[[str], Client]) -> None:
    assert get(client_for("lap_a"), f"{AREAS}{AREA_A}/").status_code == 200


def test_lap_user_gets_404_for_other_area(client_for: Callable[[str], Client]) -> None:
    response = get(client_for("lap_a"), f"{AREAS}{AREA_B}/")

    assert response.status_code == 404
    assert "detail" in response.json()


def test_unknown_area_is_a_json_404(client_for: Callable[[str], Client]) -> None:
    response = get(client_for("anonymous"), f"{AREAS}E99999999/")

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"


def test_filters_by_region_type_and_name(client_for: Callable[[str], Client]) -> None:
    client = client_for("anonymous")
    east = LocalAreaPartnership.objects.filter(region_code="E12000006").count()

    assert get(client, AREAS, region_code="E12000006").json()["count"] == east
    london = get(client, AREAS, area_type="london").json()
    assert london["count"] == LocalAreaPartnership.objects.filter(area_type="london").count()
    assert [a["gss_code"] for a in get(client, AREAS, name="bedford").json()["results"]] == [
        "E06000055", "E06000056",  # Bedford, Central Bedfordshire
    ]


def test_empty_filter_value_means_no_filter(client_for: Callable[[str], Client]) -> None:
    # What an HTML filter form (the browsable API's) sends for fields left blank.
    response = get(client_for("anonymous"), AREAS, region_code="", area_type="", name="")

    assert response.status_code == 200
    assert response.json()["count"] == 153


@pytest.mark.parametrize(("params", "named"), [
    ({"area_type": "hamlet"}, "area_type"),
    ({"framework": "2023"}, "framework"),  # a filter of another endpoint
    ({"colour": "blue"}, "colour"),
    ({"page": "abc"}, "page"),
    ({"page": "0"}, "page"),
    ({"page": "-1"}, "page"),
])
def test_bad_parameter_is_400_naming_it(
    client_for: Callable[[str], Client], params: dict[str, str], named: str
) -> None:
    response = get(client_for("anonymous"), AREAS, **params)

    assert response.status_code == 400
    assert list(response.json()) == [named]


def test_repeated_parameter_is_400(client_for: Callable[[str], Client]) -> None:
    response = client_for("anonymous").get(f"{AREAS}?name=bed&name=bury")

    assert response.status_code == 400
    assert response.json() == {"name": ["given more than once"]}


def test_page_past_the_last_is_404_naming_page(client_for: Callable[[str], Client]) -> None:
    response = get(client_for("anonymous"), AREAS, page=999)

    assert response.status_code == 404
    assert response.json() == {
        "detail": "There is no page 999; the last page is 4.", "parameter": "page",
    }


def test_area_takes_no_query_parameters(client_for: Callable[[str], Client]) -> None:
    response = get(client_for("anonymous"), f"{AREAS}{AREA_A}/", page=1)

    assert response.status_code == 400
    assert list(response.json()) == ["page"]


def test_invalid_token_is_401(client_for: Callable[[str], Client]) -> None:
    response = client_for("anonymous").get(AREAS, HTTP_AUTHORIZATION="Token not-a-real-token")

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_areas_are_read_only(client_for: Callable[[str], Client], method: str) -> None:
    client = client_for("admin")

    assert getattr(client, method)(AREAS).status_code == 405
    assert getattr(client, method)(f"{AREAS}{AREA_A}/").status_code == 405


def test_area_list_takes_three_queries(
    client_for: Callable[[str], Client], django_assert_num_queries: Any
) -> None:
    client = client_for("anonymous")
    with django_assert_num_queries(3):  # count, the page, its partners
        get(client, AREAS)


def test_unknown_address_under_the_api_is_a_json_404(client_for: Callable[[str], Client]) -> None:
    response = client_for("anonymous").get("/api/v1/no/such/thing/")

    assert response.status_code == 404
    assert response.json() == {"detail": "No such API endpoint."}
