"""Issue 8 §4: one formula defence for every CSV export, and the overview's shared cached table
never carries one user's unknown query parameters into another's links."""

import csv
import io

import pytest
from django.core.cache import cache

from areasend.areas.models import LocalAreaPartnership
from areasend.exports import csv_safe

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("value", [
    "=1+1", "+1", "-1", "@SUM(A1)", " =1+1", "\n=1+1", "\r=1+1", "\t=1+1", ";=1+1", "|cmd", "%0A",
    "＝1+1", "＋1", "－1", "＠SUM(A1)", "\u00a0=1+1", "\u3000=1+1",
])
def test_every_formula_start_is_neutralised(value):
    assert csv_safe(value) == "'" + value


@pytest.mark.parametrize("value", ["Bedford", "2026-12-08", "E06000055", "St Helens", "", None])
def test_ordinary_cells_are_unchanged(value):
    assert csv_safe(value) == ("" if value is None else value)


def test_both_exports_use_the_one_defence():
    from areasend.insights import views as insights_views
    from areasend.planning import overview

    assert overview.csv_safe is csv_safe and insights_views.csv_safe is csv_safe


def test_the_overview_csv_neutralises_an_area_name(client_for):
    LocalAreaPartnership.objects.filter(gss_code="E06000055").update(name=";=HYPERLINK(\"http://x\")")
    cache.clear()
    rows = list(csv.reader(io.StringIO(client_for("planner").get("/overview.csv").content.decode())))
    names = [row[1] for row in rows if row[0] == "E06000055"]
    assert names == ["';=HYPERLINK(\"http://x\")"]


def test_unknown_parameters_never_reach_anyone_elses_links(client_for):
    cache.clear()
    marker = "leak-marker-7f3a"
    mine = client_for("planner").get(f"/overview/?region=E12000001&{marker}=1&x={marker}")
    assert mine.status_code == 200
    assert marker.encode() not in mine.content
    theirs = client_for("inspector").get("/overview/?region=E12000001")
    assert theirs.status_code == 200
    assert marker.encode() not in theirs.content
    assert b"region=E12000001" in theirs.content  # the shared table's links carry the real filter
