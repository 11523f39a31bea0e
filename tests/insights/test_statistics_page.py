"""The public statistics page (/statistics/): open to all, the same figures as `areasend stats`,
charts with tables beside them, and a 400 for a framework it does not know."""

from __future__ import annotations

import json
import re
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from areasend.insights import charts
from areasend.insights.stats import by_region, by_year_2016, by_year_2023, counts
from tests.conftest import needs_shared

pytestmark = pytest.mark.django_db
URL = "/statistics/"


def flatten(value: Any, prefix: str = "") -> dict[str, int]:
    """{"2023": {"outcomes": {"1": 19}}} -> {"2023.outcomes.1": 19}"""
    if isinstance(value, dict):
        out: dict[str, int] = {}
        for key, inner in value.items():
            out.update(flatten(inner, f"{prefix}.{key}" if prefix else str(key)))
        return out
    return {prefix: value}


def page_figures(content: bytes) -> dict[str, int]:
    found = re.findall(r'data-figure="([^"]+)">(\d+)<', content.decode())
    return {key: int(value) for key, value in found}


def table(content: bytes, table_id: str) -> dict[str, list[int]]:
    """Row header -> numeric cells of the table with this id."""
    html = content.decode().split(f'id="{table_id}"', 1)[1].split("</table>", 1)[0]
    rows = re.findall(r'<th scope="row" class="govuk-table__header">(.*?)</th>(.*?)</tr>', html, re.S)
    return {label: [int(c) for c in re.findall(r"<td[^>]*>(\d+)</td>", cells)] for label, cells in rows}


def cli_stats(*args: str) -> dict[str, Any]:
    out = StringIO()
    call_command("stats", "--json", *args, stdout=out)
    return json.loads(out.getvalue())


@pytest.mark.parametrize("name", ["anonymous", "public", "lap_a", "lap_b", "inspector", "planner", "admin"])
def test_everyone_can_see_the_statistics_page(client_for, name):
    page = client_for(name).get(URL)
    assert page.status_code == 200
    assert b"<title>Area SEND inspection statistics" in page.content
    assert b'<h1 class="govuk-heading-xl">Area SEND inspection statistics</h1>' in page.content


def test_headline_figures_are_exactly_what_counts_and_the_cli_give(client):
    shown = page_figures(client.get(URL).content)
    assert shown == flatten(counts(None, None, None))
    assert shown == flatten(cli_stats())


@pytest.mark.parametrize(("framework", "other"), [("2023", "2016"), ("2016", "2023")])
def test_framework_filter_shows_that_framework_only(client, framework, other):
    page = client.get(URL, {"framework": framework})
    assert page.status_code == 200
    assert page_figures(page.content) == flatten({framework: counts(framework, None, None)})
    assert page_figures(page.content) == flatten({framework: cli_stats("--framework", framework)})
    assert f'id="{framework}-by-year-table"'.encode() in page.content
    assert f'id="{other}-by-year-table"'.encode() not in page.content


def test_an_empty_framework_filter_shows_both(client):
    page = client.get(URL, {"framework": ""})
    assert page.status_code == 200
    assert page_figures(page.content) == flatten(counts(None, None, None))


@needs_shared
def test_by_year_table_has_26_inspections_in_2023_and_28_in_2024(client):
    rows = table(client.get(URL).content, "2023-by-year-table")
    assert rows["2023"][0] == 26
    assert rows["2024"][0] == 28
    assert sum(cells[0] for cells in rows.values()) == counts("2023", None, None)["inspections"]


@needs_shared
def test_years_with_estimated_start_dates_are_marked(client):
    content = client.get(URL).content
    rows = table(content, "2023-by-year-table")
    assert rows["2024"][-1] == 2  # two reports gave no start date; the column counts them
    assert rows["2023"][-1] == 0
    assert b"Start date estimated" in content
    assert b"estimated the start date from the date the report was published" in content


def test_by_year_tables_show_the_by_year_figures(client):
    content = client.get(URL).content
    rows_2023 = table(content, "2023-by-year-table")
    for r in by_year_2023():
        label = next(k for k in rows_2023 if k.startswith(str(r["year"])))
        assert rows_2023[label][:4] == [r["inspections"], r["outcome_1"], r["outcome_2"], r["outcome_3"]]
    rows_2016 = table(content, "2016-by-year-table")
    for r in by_year_2016():
        assert rows_2016[str(r["year"])][:6] == [r["inspections"], r["wsoa"], r["revisits"],
                                                 r["revisit_all"], r["revisit_some"], r["revisit_none"]]


def test_region_tables_show_the_by_region_figures(client):
    content = client.get(URL).content
    for framework in ("2023", "2016"):
        rows = table(content, f"{framework}-by-region-table")
        assert rows == {r["region"]: [v for k, v in r.items() if k != "region"] for r in by_region(framework)}


def test_tables_use_govuk_markup(client):
    content = client.get(URL).content.decode()
    assert content.count('<table class="govuk-table') == 4
    assert content.count('<caption class="govuk-table__caption') == 4
    assert 'scope="col"' in content and 'scope="row"' in content


def test_each_chart_is_an_image_with_its_trend_in_words_beside_its_table(client):
    page = client.get(URL)
    content = page.content.decode()
    assert "<svg" not in content  # charts come as images: the page's CSP would block their styles
    assert " style=" not in content
    for panel in (p for s in page.context["sections"] for p in s["panels"]):
        img = re.search(rf'<img src="/statistics/charts/{panel.chart.name}\.svg" alt="([^"]+)"', content)
        assert img, panel.chart.name
        assert img.group(1) == panel.chart.description.replace("'", "&#x27;")
        assert "Bar chart" in img.group(1)
        # the table comes straight after the figure, in the same section
        section = content.split(f'id="{panel.id}"', 1)[1].split("</section>", 1)[0]
        assert "<figure" in section and f'id="{panel.id}-table"' in section


@pytest.mark.parametrize("value", ["2019", "all", "2016x", "<script>alert(1)</script>", "9" * 500])
def test_unknown_framework_gets_400_with_an_error_summary(client, value):
    page = client.get(URL, {"framework": value})
    assert page.status_code == 400
    content = page.content.decode()
    assert "<title>Error: Area SEND inspection statistics" in content
    assert 'class="govuk-error-summary"' in content
    assert '<a href="#id_framework">Framework must be 2016 or 2023' in content
    assert 'id="id_framework-error"' in content  # the message also sits by the field
    assert "<script>alert" not in content


def test_post_is_not_allowed(client):
    assert client.post(URL).status_code == 405


def test_the_page_runs_in_a_fixed_number_of_queries(client):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(URL).status_code == 200
    # fingerprint of the history: 1; counts: 3; by year: 3; by region: 2 (on a cold cache).
    # Independent of how many inspections there are.
    assert len(queries) <= 10, [q["sql"] for q in queries]
    with CaptureQueriesContext(connection) as queries:
        assert client.get(URL).status_code == 200
    assert len(queries) == 1, [q["sql"] for q in queries]  # warm: only the fingerprint


def test_chart_descriptions_on_the_page_match_the_chart_urls(client):
    page = client.get(URL)
    year = page.context["current_year"]
    for panel in (p for s in page.context["sections"] for p in s["panels"]):
        assert charts.CHARTS[panel.chart.name](year) == panel.chart


def test_demo_records_are_not_on_the_statistics_page(client):
    from tests.inspections.test_stats_command import _synthetic_full_inspection

    before = counts(None, None, None)
    by_year, by_reg = by_year_2023(), by_region("2023")
    _synthetic_full_inspection()
    assert counts(None, None, None) == before
    assert (by_year_2023(), by_region("2023")) == (by_year, by_reg)
    assert counts(None, None, None, include_demo=True)["2023"]["inspections"] == before["2023"]["inspections"] + 1
