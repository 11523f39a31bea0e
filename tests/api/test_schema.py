"""The OpenAPI document at /api/v1/schema/: valid, it describes what the views accept, and what the
API answers matches it (schemathesis against the WSGI app, anonymously and as an administrator)."""

from __future__ import annotations

from typing import Any, cast

import pytest
import schemathesis
from django.core.management import call_command
from django.test import Client
from hypothesis import HealthCheck, settings

from areasend.accounts import tokens
from areasend.api import activities, areas, due, statistics
from areasend.wsgi import application

SCHEMA_URL = "/api/v1/schema/?format=json"

# Bounded so that both runs together stay well under a minute on two cores. The coverage phase
# (boundary and invalid values of every parameter) is not counted in max-examples.
CONFIG = schemathesis.Config.from_dict({
    "seed": 2023,
    "generation": {"max-examples": 8, "database": "none"},
    "checks": {
        # Some inputs that are each valid by the schema are refused together: `from` after `to`,
        # `started_from` after `started_to`, `as_at` outside 2000-2099. OpenAPI cannot say so,
        # so a 400 for "positive" data is right here, not a failure.
        "positive_data_acceptance": {"enabled": False},
    },
})


# Loaded at collection: building the document needs no database. (schemathesis.pytest.from_fixture
# would load it per test, but its lazy loader does not work with pytest 9.)
schema = schemathesis.openapi.from_wsgi(SCHEMA_URL, application, config=CONFIG)
# The token fixture is made once per test, not per example, which is what we want here.
FAST = settings(
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture(autouse=True)
def _keep_the_test_connection() -> Any:
    """Calling the WSGI app directly fires request_started/finished, whose close_old_connections
    would close the test's transaction-wrapped connection (PostgreSQL then fails every later
    query). Django's own test client disconnects it the same way."""
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def admin_token(make_user: Any) -> str:
    return tokens.issue(make_user("st-admin", "admin"), "test", 30)[1]


@pytest.mark.django_db
@schema.parametrize()
@FAST
def test_api_matches_schema_anonymously(case: Any) -> None:
    case.call_and_validate()


@pytest.mark.django_db
@schema.parametrize()
@FAST
def test_api_matches_schema_with_admin_token(case: Any, admin_token: str) -> None:
    case.call_and_validate(headers={"Authorization": f"Token {admin_token}"})


# --- the document itself ------------------------------------------------------------------


def test_schema_generates_without_warnings(tmp_path: Any) -> None:
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "s.yaml"))


@pytest.fixture(scope="module")
def document() -> dict[str, Any]:
    response = Client().get(SCHEMA_URL)
    assert response.status_code == 200
    return cast(dict[str, Any], response.json())


def query_parameters(document: dict[str, Any], path: str) -> set[str]:
    parameters = document["paths"][path]["get"].get("parameters", [])
    return {p["name"] for p in parameters if p["in"] == "query"}


@pytest.mark.parametrize(("path", "accepted"), [
    ("/api/v1/areas/", {*areas.AreaFilter.base_filters, "page"}),
    ("/api/v1/areas/{gss_code}/", set()),
    ("/api/v1/activities/", {*activities.ActivityFilter.base_filters, "page"}),
    ("/api/v1/areas/{gss_code}/activities/", {*activities.ActivityFilter.base_filters, "page"}),
    ("/api/v1/due/", set(due.DueList.query_parameters)),
    ("/api/v1/statistics/", set(statistics.Statistics.query_parameters)),
])
def test_documented_query_parameters_are_those_accepted(
    document: dict[str, Any], path: str, accepted: set[str]
) -> None:
    assert query_parameters(document, path) == accepted


@pytest.mark.parametrize(("path", "codes"), [
    ("/api/v1/areas/", {"200", "400", "401", "404"}),
    ("/api/v1/areas/{gss_code}/", {"200", "400", "401", "404"}),
    ("/api/v1/activities/", {"200", "400", "401", "404"}),
    ("/api/v1/areas/{gss_code}/activities/", {"200", "400", "401", "404"}),
    ("/api/v1/due/", {"200", "400", "401", "403"}),
    ("/api/v1/statistics/", {"200", "400", "401"}),
])
def test_error_responses_are_documented(
    document: dict[str, Any], path: str, codes: set[str]
) -> None:
    responses = document["paths"][path]["get"]["responses"]

    assert set(responses) == codes
    body = {code: r["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[1]
            for code, r in responses.items() if code != "200"}
    assert body == {code: "ParameterErrors" if code == "400" else "Error" for code in body}


def test_due_list_is_the_only_operation_needing_credentials(document: dict[str, Any]) -> None:
    open_to_all = {path for path, item in document["paths"].items()
                   if {} in item["get"]["security"]}

    assert set(document["paths"]) - open_to_all == {"/api/v1/due/"}


def test_statistics_response_is_one_of_three_shapes(document: dict[str, Any]) -> None:
    schemas = document["components"]["schemas"]

    assert [s["$ref"].rsplit("/", 1)[1] for s in schemas["Statistics"]["oneOf"]] == [
        "Statistics2016", "Statistics2023", "StatisticsBothFrameworks",
    ]
    assert set(schemas["Statistics2023"]["required"]) == {"inspections", "outcomes"}
    assert set(schemas["OutcomeCounts"]["required"]) == {"1", "2", "3"}
    assert set(schemas["Statistics2016"]["required"]) == {
        "inspections", "wsoa", "revisits", "revisit_progress"}
    assert set(schemas["RevisitProgressCounts"]["required"]) == {"all", "some", "none"}
    assert set(schemas["StatisticsBothFrameworks"]["required"]) == {"2016", "2023"}
