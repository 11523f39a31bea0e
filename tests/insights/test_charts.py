"""The charts: valid SVG with a title and a description in words, served from
/statistics/charts/<name>.svg under a narrow CSP of their own, drawn once per set of figures."""

from __future__ import annotations

import gzip
import xml.etree.ElementTree as ET
from dataclasses import replace

import pytest
from django.utils import timezone

from areasend.insights import charts
from tests.conftest import needs_shared

SVG = "{http://www.w3.org/2000/svg}"
YEAR_2023 = {"year": 2023, "inspections": 26, "outcome_1": 7, "outcome_2": 11, "outcome_3": 8, "estimated": 0}
YEAR_2024 = {"year": 2024, "inspections": 28, "outcome_1": 7, "outcome_2": 15, "outcome_3": 6, "estimated": 2}


def small_spec(**changes: object) -> charts.ChartSpec:
    spec = charts.panel_2023_by_year([YEAR_2023, YEAR_2024], current_year=2026).chart
    return replace(spec, **changes)  # type: ignore[arg-type]


def parse(svg: str | bytes) -> ET.Element:
    # our own output, parsed only to check it is well formed
    return ET.fromstring(svg.encode() if isinstance(svg, str) else svg)  # noqa: S314


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(charts.CHARTS))
def test_every_chart_is_valid_svg_with_a_title_and_description(client, name):
    response = client.get(f"/statistics/charts/{name}.svg")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("image/svg+xml")
    root = parse(response.content)
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    title, desc = root[0], root[1]
    spec = charts.CHARTS[name](timezone.localdate().year)
    assert (title.tag, title.text) == (f"{SVG}title", spec.title)
    assert (desc.tag, desc.text) == (f"{SVG}desc", spec.description)
    assert root.find(f".//{SVG}script") is None


@pytest.mark.django_db
def test_the_svg_has_its_own_narrow_content_security_policy(client):
    policy = client.get("/statistics/charts/2023-by-year.svg")["Content-Security-Policy"]
    assert "default-src 'none'" in policy
    assert "style-src 'unsafe-inline'" in policy  # matplotlib's own <style> and style attributes
    assert "script-src" not in policy  # so scripts fall back to 'none'


@pytest.mark.django_db
def test_an_unknown_chart_is_404(client):
    assert client.get("/statistics/charts/2099-by-moon.svg").status_code == 404


@pytest.mark.django_db
def test_a_repeat_request_with_the_etag_gets_304(client):
    first = client.get("/statistics/charts/2016-by-region.svg")
    again = client.get("/statistics/charts/2016-by-region.svg", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert "max-age=300" in first["Cache-Control"]


@pytest.mark.django_db
def test_the_svg_is_gzipped_for_browsers_that_accept_it(client):
    response = client.get("/statistics/charts/2023-by-region.svg", HTTP_ACCEPT_ENCODING="gzip")
    assert response["Content-Encoding"] == "gzip"
    assert parse(gzip.decompress(response.content)).tag == f"{SVG}svg"


@pytest.mark.django_db
def test_post_to_a_chart_is_not_allowed(client):
    assert client.post("/statistics/charts/2023-by-year.svg").status_code == 405


def test_rendering_is_cached_per_set_of_figures():
    spec = small_spec()
    assert charts.render_svg(spec) is charts.render_svg(small_spec())
    changed = replace(spec, series=(replace(spec.series[0], values=(8, 7)), *spec.series[1:]))
    assert changed.fingerprint != spec.fingerprint
    assert charts.render_svg(changed) != charts.render_svg(spec)


def test_the_same_figures_draw_byte_identical_svg():
    # stable ids (svg.hashsalt) and no date in the metadata, so an ETag can stand for the bytes
    assert charts._draw(small_spec()) == charts._draw(small_spec())


def test_a_chart_with_no_data_still_draws():
    spec = charts.panel_2023_by_year([], current_year=2026).chart
    root = parse(charts.render_svg(spec))
    assert root.find(f"{SVG}desc").text == "No full inspections under the 2023 framework have been recorded yet."


def test_colour_is_never_the_only_cue():
    specs = [
        charts.panel_2023_by_year([YEAR_2023], 2026).chart,
        charts.panel_2016_by_year([], 2026).chart,
        charts.panel_2023_by_region([]).chart,
        charts.panel_2016_by_region([]).chart,
    ]
    for spec in specs:
        hatches = [s.hatch for s in spec.series]
        assert len(set(hatches)) == len(hatches), spec.name  # each series has its own pattern
        assert len({s.colour for s in spec.series}) == len(spec.series)


def test_years_are_marked_when_estimated_or_not_yet_over():
    assert charts.year_label(2023, estimated=0, current_year=2026) == "2023"
    assert charts.year_label(2024, estimated=2, current_year=2026) == "2024*"
    assert charts.year_label(2026, estimated=0, current_year=2026) == "2026 (to date)"
    spec = small_spec()
    assert spec.categories == ("2023", "2024*")
    assert spec.note.startswith("* Includes inspections whose start date was estimated")


def test_the_table_beside_a_chart_has_the_same_figures():
    panel = charts.panel_2023_by_year([YEAR_2023, YEAR_2024], current_year=2026)
    assert panel.rows == (("2023", (26, 7, 11, 8, 0)), ("2024", (28, 7, 15, 6, 2)))
    assert [s.values for s in panel.chart.series] == [(7, 7), (11, 15), (8, 6)]
    assert panel.columns[-1] == "Start date estimated"


def test_the_by_year_description_says_the_trend_in_words():
    text = charts.describe_2023_by_year([YEAR_2023, YEAR_2024], ["2023", "2024*"])
    assert "26 in 2023 and 28 in 2024." in text
    assert "In every year the most common result was outcome 2 (inconsistent)." in text
    tied = {**YEAR_2023, "outcome_1": 11}
    text = charts.describe_2023_by_year([tied, YEAR_2024], ["2023", "2024"])
    assert "outcome 1 (positive) and outcome 2 (inconsistent) (equal) in 2023" in text


def test_the_region_descriptions_name_the_extremes():
    rows = [{"region": "London", "inspections": 33, "wsoa": 11},
            {"region": "North East", "inspections": 12, "wsoa": 10},
            {"region": "East Midlands", "inspections": 8, "wsoa": 3}]
    text = charts.describe_2016_by_region(rows)
    assert "London had the most inspections (33) and East Midlands the fewest (8)" in text
    assert "ranged from 33% in London to 83% in North East" in text
    tied = [{"region": r, "inspections": 7, "outcome_1": 1, "outcome_2": 2, "outcome_3": 4}
            for r in ("East Midlands", "North East")]
    assert "the fewest (7 each)" in charts.describe_2023_by_region(tied)


@needs_shared
@pytest.mark.django_db
def test_the_real_2023_chart_describes_the_real_years():
    spec = charts.CHARTS["2023-by-year"](2026)
    assert "26 in 2023, 28 in 2024" in spec.description
    assert "2024*" in spec.categories
