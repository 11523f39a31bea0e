"""GET /api/v1/statistics/: the figures of `areasend stats`, open to everyone."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from django.test import Client

from areasend.insights.stats import counts
from tests.conftest import needs_shared

STATISTICS = "/api/v1/statistics/"


def get(client: Client, **params: Any) -> Any:
    return client.get(STATISTICS, params, HTTP_ACCEPT="application/json")


def year(y: int) -> dict[str, str]:
    return {"from": f"{y}-01-01", "to": f"{y}-12-31"}


@pytest.mark.parametrize("y", [2023, 2024])
def test_2023_framework_figures_are_those_of_stats(
    client_for: Callable[[str], Client], y: int
) -> None:
    response = get(client_for("anonymous"), framework="2023", **year(y))

    assert response.status_code == 200
    assert response.json() == counts("2023", date(y, 1, 1), date(y, 12, 31))


@needs_shared
@pytest.mark.parametrize(("y", "inspections"), [(2023, 26), (2024, 28)])
def test_full_inspections_started_each_year(
    client_for: Callable[[str], Client], y: int, inspections: int
) -> None:
    body = get(client_for("anonymous"), framework="2023", **year(y)).json()

    assert body["inspections"] == inspections
    assert sum(body["outcomes"].values()) == inspections


def test_2016_framework_shape(client_for: Callable[[str], Client]) -> None:
    body = get(client_for("anonymous"), framework="2016").json()

    assert body == counts("2016", None, None)
    assert set(body) == {"inspections", "wsoa", "revisits", "revisit_progress"}
    assert set(body["revisit_progress"]) == {"all", "some", "none"}


def test_without_framework_both_are_given(client_for: Callable[[str], Client]) -> None:
    body = get(client_for("public"), **year(2022)).json()

    assert set(body) == {"2016", "2023"}
    assert body == counts(None, date(2022, 1, 1), date(2022, 12, 31))


@pytest.mark.parametrize(("params", "named"), [
    ({"framework": "1999"}, "framework"),
    ({"from": "2023-13-40"}, "from"),
    ({"to": "2023-02-30"}, "to"),
    ({"from": "2024-01-01", "to": "2023-01-01"}, "from"),
    ({"year": "2023"}, "year"),
])
def test_bad_parameter_is_400_naming_it(
    client_for: Callable[[str], Client], params: dict[str, str], named: str
) -> None:
    response = get(client_for("anonymous"), **params)

    assert response.status_code == 400
    assert list(response.json()) == [named]
    assert isinstance(response.json()[named][0], str)


def test_statistics_are_read_only(client_for: Callable[[str], Client]) -> None:
    assert client_for("admin").post(STATISTICS).status_code == 405


def test_demo_records_are_not_in_the_api_figures(client_for: Callable[[str], Client]) -> None:
    from tests.inspections.test_stats_command import _synthetic_full_inspection

    url = "/api/v1/statistics/?framework=2023"
    before = client_for("anonymous").get(url, HTTP_ACCEPT="application/json").json()
    _synthetic_full_inspection()
    assert client_for("anonymous").get(url, HTTP_ACCEPT="application/json").json() == before
