"""Open data (/statistics/open-data/): the embargo, the columns, the dictionary and the counts."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest

from areasend.areas.models import LocalAreaPartnership
from areasend.framework.activities import ActivityType
from areasend.insights import opendata
from areasend.insights.stats import counts_2016, counts_2023
from areasend.inspections.models import Activity, Source
from tests.conftest import AREA_A, needs_shared

pytestmark = pytest.mark.django_db
BASE = "/statistics/open-data/"


def read_csv(client, slug):
    response = client.get(f"{BASE}{slug}.csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    return list(csv.DictReader(io.StringIO(response.content.decode())))


def read_json(client, slug):
    response = client.get(f"{BASE}{slug}.json")
    assert response.status_code == 200
    return json.loads(response.content)


def hidden_records():
    """One unpublished record and one the demo made, both of area A."""
    area = LocalAreaPartnership.objects.get(gss_code=AREA_A)
    made = []
    for key, published, synthetic in (("test:unpublished", None, False),
                                      ("test:synthetic", date(2025, 3, 1), True)):
        activity = Activity.objects.create(
            kind=ActivityType.FULL_INSPECTION, framework="2023", inspected_code=AREA_A,
            inspected_name=area.name, start_date=date(2025, 1, 13), end_date=date(2025, 1, 17),
            publication_date=published, outcome=3, source=Source.AREASEND, source_key=key,
            synthetic=synthetic, report_url="https://example.org/secret")
        activity.areas.add(area)
        made.append(activity)
    return made


def test_the_page_lists_every_dataset_with_its_licence(client):
    response = client.get(BASE)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Open Government Licence v3.0" in html
    for slug in opendata.DATASETS:
        assert f"{BASE}{slug}.csv" in html and f"{BASE}{slug}.json" in html


@pytest.mark.parametrize("slug", list(opendata.DATASETS))
def test_the_dictionary_covers_every_column_of_both_formats(client, slug):
    dataset = opendata.DATASETS[slug]
    html = client.get(BASE).content.decode()
    for column in dataset.columns:
        assert f"<code>{column.name}</code>" in html
        assert column.type and column.meaning
    header = client.get(f"{BASE}{slug}.csv").content.decode().splitlines()[0]
    assert header.split(",") == dataset.names
    body = read_json(client, slug)
    assert [c["name"] for c in body["columns"]] == dataset.names
    assert body["rows"] and all(list(row) == dataset.names for row in body["rows"])
    assert "Open Government Licence" in body["licence"]


@pytest.mark.parametrize("slug", ["inspection-history", "due-list"])
def test_unpublished_and_synthetic_records_never_appear(client, slug):
    before = client.get(f"{BASE}{slug}.csv").content
    hidden_records()
    for fmt in ("csv", "json"):
        text = client.get(f"{BASE}{slug}.{fmt}").content.decode()
        assert "test:unpublished" not in text and "test:synthetic" not in text
        assert "example.org/secret" not in text
    # Neither record moves area A's due date (an outcome 3 would bring a monitoring inspection).
    assert client.get(f"{BASE}{slug}.csv").content == before


@needs_shared
def test_history_counts_match_the_national_statistics(client):
    rows = [r for r in read_csv(client, "inspection-history") if r["in_official_statistics"] == "true"]
    full = [r for r in rows if r["framework"] == "2023" and r["kind"] == ActivityType.FULL_INSPECTION]
    assert len(full) == counts_2023()["inspections"]
    for outcome, n in counts_2023()["outcomes"].items():
        assert sum(r["outcome"] == outcome for r in full) == n
    legacy = [r for r in rows if r["framework"] == "2016" and r["kind"] == ActivityType.LEGACY_INSPECTION]
    assert len(legacy) == counts_2016()["inspections"]
    assert sum(r["wsoa_required"] == "true" for r in legacy) == counts_2016()["wsoa"]
    revisits = [r for r in rows if r["kind"] == ActivityType.REVISIT]
    assert len(revisits) == counts_2016()["revisits"]


@needs_shared
def test_statistics_dataset_is_the_statistics_figures(client):
    figures = {r["measure"]: int(r["value"]) for r in read_csv(client, "national-statistics")}
    assert figures["2023.inspections"] == counts_2023()["inspections"]
    assert figures["2016.wsoa"] == counts_2016()["wsoa"]
    assert figures["2016.revisits"] == counts_2016()["revisits"]


def test_due_list_has_one_row_per_area(client):
    rows = read_json(client, "due-list")["rows"]
    assert len(rows) == LocalAreaPartnership.objects.count()
    assert {r["area_code"] for r in rows} == set(LocalAreaPartnership.objects.values_list("gss_code", flat=True))


def test_csv_cells_go_through_the_formula_defence(client):
    area = LocalAreaPartnership.objects.get(gss_code=AREA_A)
    activity = Activity.objects.create(
        kind=ActivityType.LEGACY_INSPECTION, framework="2016", inspected_code=AREA_A,
        inspected_name="=HYPERLINK(\"x\")", start_date=date(2017, 1, 9), publication_date=date(2017, 3, 1),
        wsoa_required=False, source=Source.ACTIVITIES, source_key="test:formula")
    activity.areas.add(area)
    rows = read_csv(client, "inspection-history")
    assert [r["inspected_name"] for r in rows if r["record_key"] == "test:formula"] == ["'=HYPERLINK(\"x\")"]


def test_an_unknown_dataset_is_a_404(client):
    assert client.get(f"{BASE}nothing.csv").status_code == 404
    assert client.get(f"{BASE}nothing.json").status_code == 404
