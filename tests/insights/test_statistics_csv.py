"""The by-year CSV download (/statistics/inspections-by-year.csv)."""

from __future__ import annotations

import csv
import io

import pytest

from areasend.insights.stats import by_year_2016, by_year_2023
from areasend.insights.views import CSV_HEADER, csv_rows
from tests.conftest import needs_shared

pytestmark = pytest.mark.django_db
URL = "/statistics/inspections-by-year.csv"


def read(content: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(content.decode())))


@pytest.mark.parametrize("name", ["anonymous", "public", "lap_a"])
def test_anyone_can_download_the_csv(client_for, name):
    response = client_for(name).get(URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="area-send-inspections-by-year.csv"' in response["Content-Disposition"]


def test_the_header_names_every_column(client):
    first_line = client.get(URL).content.decode().splitlines()[0]
    assert first_line == (
        "framework,year,start_dates_estimated,inspections,outcome_1,outcome_2,outcome_3,"
        "wsoa_required,revisits,revisit_progress_all,revisit_progress_some,revisit_progress_none"
    )
    assert first_line.split(",") == CSV_HEADER


def test_rows_are_the_by_year_figures(client):
    rows = read(client.get(URL).content)
    expected_2023 = {str(r["year"]): str(r["inspections"]) for r in by_year_2023()}
    expected_2016 = {str(r["year"]): str(r["wsoa"]) for r in by_year_2016()}
    assert {r["year"]: r["inspections"] for r in rows if r["framework"] == "2023"} == expected_2023
    assert {r["year"]: r["wsoa_required"] for r in rows if r["framework"] == "2016"} == expected_2016


@needs_shared
def test_2023_and_2024_rows_hold_26_and_28_inspections(client):
    rows = {r["year"]: r for r in read(client.get(URL).content) if r["framework"] == "2023"}
    assert rows["2023"]["inspections"] == "26"
    assert rows["2024"]["inspections"] == "28"
    assert rows["2024"]["start_dates_estimated"] == "2"
    assert rows["2024"]["wsoa_required"] == ""  # a 2016-framework column


@pytest.mark.parametrize("framework", ["2016", "2023"])
def test_the_framework_filter_applies_to_the_csv(client, framework):
    rows = read(client.get(URL, {"framework": framework}).content)
    assert {r["framework"] for r in rows} <= {framework}


def test_an_unknown_framework_gets_400_not_a_file(client):
    response = client.get(URL, {"framework": "=cmd|' /C calc'!A0"})
    assert response.status_code == 400
    assert b"govuk-error-summary" in response.content
    assert "Content-Disposition" not in response


def test_every_cell_is_neutralised_against_formula_injection():
    hostile = {"year": "=HYPERLINK(\"http://x\")", "estimated": "+1", "inspections": "-2+3",
               "outcome_1": "@SUM(A1)", "outcome_2": "\t=1", "outcome_3": 3}
    rows = csv_rows([hostile], [])
    assert rows[0][:7] == ["2023", "'=HYPERLINK(\"http://x\")", "'+1", "'-2+3", "'@SUM(A1)", "'\t=1", "3"]


def test_post_is_not_allowed(client):
    assert client.post(URL).status_code == 405
