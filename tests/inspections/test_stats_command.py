import csv
import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from tests.conftest import SHARED, needs_shared

pytestmark = pytest.mark.django_db

OFFICIAL = SHARED / "inspections" / "ofsted_area_send_official_aggregate_counts.csv"


def stats(*args: str) -> dict:
    out = StringIO()
    call_command("stats", "--json", *args, stdout=out)
    return json.loads(out.getvalue())


def official_rows() -> list[dict[str, str]]:
    with OFFICIAL.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@needs_shared
@pytest.mark.parametrize("period", ["2023", "2024", "2023-2024"])
def test_2023_framework_counts_agree_with_ofsted_official_statistics(period):
    official = next(r for r in official_rows() if r["period"] == period)
    first, last = (period.split("-") * 2)[:2] if "-" in period else (period, period)
    result = stats("--framework", "2023", "--from", f"{first}-01-01", "--to", f"{last}-12-31")
    assert result == {
        "inspections": int(official["full_inspections"]),
        "outcomes": {
            "1": int(official["positive_1"]),
            "2": int(official["inconsistent_2"]),
            "3": int(official["systemic_3"]),
        },
    }


@needs_shared
def test_2016_framework_totals_agree_with_the_official_release():
    # The release's own totals (research-data README): 149 areas, 82 WSoA, 46 revisits 20/24/2.
    with (SHARED / "inspections" / "ofsted_area_send_2016_2022_official.csv").open(encoding="utf-8") as h:
        rows = list(csv.DictReader(h))
    expected_progress = {
        "all": sum(r["revisit_sufficient_progress"] == "Yes" for r in rows),
        "some": sum(r["revisit_sufficient_progress"] == "Some" for r in rows),
        "none": sum(r["revisit_sufficient_progress"] == "No" for r in rows),
    }
    assert stats("--framework", "2016") == {
        "inspections": len(rows),
        "wsoa": sum(r["wsoa_required"] == "Yes" for r in rows),
        "revisits": sum(bool(r["revisit_start_date"]) for r in rows),
        "revisit_progress": expected_progress,
    }


@needs_shared
def test_2016_revisits_count_by_revisit_start_date():
    in_2019 = stats("--framework", "2016", "--from", "2019-01-01", "--to", "2019-12-31")
    with (SHARED / "inspections" / "ofsted_area_send_2016_2022_official.csv").open(encoding="utf-8") as h:
        rows = list(csv.DictReader(h))
    assert in_2019["revisits"] == sum(r["revisit_start_date"].startswith("2019") for r in rows)
    assert in_2019["inspections"] == sum(r["inspection_start_date"].startswith("2019") for r in rows)


def test_without_framework_both_are_given():
    result = stats()
    assert set(result) == {"2016", "2023"}
    assert set(result["2023"]) == {"inspections", "outcomes"}


@pytest.mark.parametrize(("args", "message"), [
    (["--from", "2024-13-01"], "--from '2024-13-01' is not a date in the form YYYY-MM-DD"),
    (["--to", "yesterday"], "--to 'yesterday' is not a date"),
    (["--from", "2024-06-01", "--to", "2024-01-01"], "--from 2024-06-01 is after --to 2024-01-01"),
])
def test_bad_parameters_get_a_clear_message(args, message):
    with pytest.raises(CommandError, match=message):
        call_command("stats", "--json", *args, stdout=StringIO())


def test_unknown_framework_is_refused(capsys):
    with pytest.raises(CommandError, match="invalid choice: '1999'"):
        call_command("stats", "--framework", "1999")


def _synthetic_full_inspection(code: str = "E06000055") -> None:
    from datetime import date

    from areasend.areas.models import LocalAreaPartnership
    from areasend.inspections.models import Activity

    area = LocalAreaPartnership.objects.get(gss_code=code)
    activity = Activity.objects.create(
        kind="full inspection", framework="2023", inspected_code=code, inspected_name=area.name,
        start_date=date(2024, 3, 4), end_date=date(2024, 3, 8), publication_date=date(2024, 5, 1),
        outcome=3, source_key=f"test-demo:{code}", synthetic=True)
    activity.areas.add(area)


def test_demo_records_are_not_counted_unless_asked_for():
    before = stats("--framework", "2023", "--from", "2024-01-01", "--to", "2024-12-31")
    _synthetic_full_inspection()
    assert stats("--framework", "2023", "--from", "2024-01-01", "--to", "2024-12-31") == before
    with_demo = stats("--framework", "2023", "--from", "2024-01-01", "--to", "2024-12-31", "--include-demo")
    assert with_demo["inspections"] == before["inspections"] + 1
    assert with_demo["outcomes"]["3"] == before["outcomes"]["3"] + 1
