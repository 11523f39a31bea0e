"""GET /api/v1/due/: for planners, inspectors and administrators only, by session or token."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from django.test import Client

from areasend.accounts import tokens
from areasend.inspections.due import due_list

DUE = "/api/v1/due/"
CONTRACT_KEYS = {"area_code", "area_name", "last_activity", "last_outcome", "next_activity",
                 "due_by", "overdue", "next_engagement_meeting"}


def get(client: Client, **params: Any) -> Any:
    return client.get(DUE, params, HTTP_ACCEPT="application/json")


def test_anonymous_gets_401_asking_for_a_token(client_for: Callable[[str], Client]) -> None:
    response = get(client_for("anonymous"))

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert "detail" in response.json()


def test_authentication_comes_before_parameter_checks(
    client_for: Callable[[str], Client],
) -> None:
    assert get(client_for("anonymous"), colour="blue").status_code == 401


@pytest.mark.parametrize("who", ["public", "lap_a"])
def test_non_staff_get_403(client_for: Callable[[str], Client], who: str) -> None:
    response = get(client_for(who))

    assert response.status_code == 403
    assert "detail" in response.json()


@pytest.mark.parametrize("who", ["inspector", "planner", "admin"])
def test_staff_get_a_row_for_each_of_153_areas(client_for: Callable[[str], Client], who: str) -> None:
    response = get(client_for(who))

    assert response.status_code == 200
    rows = response.json()
    assert len(rows) == 153
    assert set(rows[0]) >= CONTRACT_KEYS
    assert {r["next_activity"] for r in rows} <= {"full inspection", "monitoring inspection"}


def test_rows_are_those_of_the_due_list(client_for: Callable[[str], Client]) -> None:
    rows = get(client_for("planner"), as_at="2025-06-30").json()

    assert rows == [row.as_dict() for row in due_list(date(2025, 6, 30))]


def test_token_authentication_works(make_user: Any) -> None:
    _, key = tokens.issue(make_user("tok-planner", "planner"), "test", 30)

    response = Client().get(DUE, HTTP_AUTHORIZATION=f"Token {key}")

    assert response.status_code == 200
    assert len(response.json()) == 153


def test_token_of_a_public_user_gets_403(make_user: Any) -> None:
    _, key = tokens.issue(make_user("tok-public", "public"), "test", 30)

    assert Client().get(DUE, HTTP_AUTHORIZATION=f"Token {key}").status_code == 403


def test_invalid_token_gets_401(db: Any) -> None:
    response = Client().get(DUE, HTTP_AUTHORIZATION="Token 0123456789abcdef")

    assert response.status_code == 401
    assert response.json() == {"detail": "Invalid token."}


@pytest.mark.parametrize(("params", "named"), [
    ({"as_at": "2023-13-40"}, "as_at"),
    ({"as_at": "1999-12-31"}, "as_at"),
    ({"as_at": "9999-12-31"}, "as_at"),
    ({"from": "2023-01-01"}, "from"),
])
def test_bad_parameter_is_400_naming_it(
    client_for: Callable[[str], Client], params: dict[str, str], named: str
) -> None:
    response = get(client_for("inspector"), **params)

    assert response.status_code == 400
    assert list(response.json()) == [named]


def test_due_is_read_only(client_for: Callable[[str], Client]) -> None:
    assert client_for("admin").post(DUE).status_code == 405


def test_rows_carry_every_pending_activity_and_provisional_labels(client_for: Callable[[str], Client]) -> None:
    rows = get(client_for("planner"), as_at="2026-01-01").json()
    for row in rows:
        assert row["pending"] and row["pending"][0]["due_by"] == row["due_by"]
        assert set(row["pending"][0]) == {"activity", "due_by", "rule"}
        expected = {"engagement_meeting_interval_months"} if row["next_engagement_meeting"] else set()
        if row["plan_due"] is not None:
            expected.add("pap_deadline_working_days" if row["plan_due"]["plan"] == "priority action plan"
                         else "strategic_plan_deadline_working_days")
        assert {p["parameter"] for p in row["provisional"]} == expected
        assert {p["label"] for p in row["provisional"]} <= {"usually"}
