import json
from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from areasend.areas.models import LocalAreaPartnership
from areasend.framework.activities import ActivityType, Framework
from areasend.inspections.models import Activity, Source
from tests.conftest import needs_shared

pytestmark = pytest.mark.django_db

NOTTS = "E10000024"
KEYS = {"area_code", "area_name", "last_activity", "last_outcome", "next_activity", "due_by",
        "overdue", "next_engagement_meeting", "pending", "plan_due", "provisional"}


def due(as_at: str) -> list[dict]:
    out = StringIO()
    call_command("due", "--json", "--as-at", as_at, stdout=out)
    return json.loads(out.getvalue())


def add_full_inspection(code: str, start: date, outcome: int, published: date) -> Activity:
    area = LocalAreaPartnership.objects.get(gss_code=code)
    activity = Activity.objects.create(
        kind=ActivityType.FULL_INSPECTION, framework=Framework.F2023, inspected_code=code,
        inspected_name=area.name, start_date=start, end_date=start.replace(day=start.day + 4),
        publication_date=published, outcome=outcome, source=Source.AREASEND,
        source_key=f"test:{code}:{start}",
    )
    activity.areas.add(area)
    return activity


def test_one_row_per_area_with_the_contract_keys():
    rows = due("2026-11-22")
    assert len(rows) == 153
    assert len({r["area_code"] for r in rows}) == 153
    for row in rows:
        assert set(row) >= KEYS
        assert row["next_activity"] in {"full inspection", "monitoring inspection"}
        date.fromisoformat(row["due_by"])
        if row["next_engagement_meeting"] is not None:
            date.fromisoformat(row["next_engagement_meeting"])
        assert isinstance(row["overdue"], bool)
        assert row["pending"][0] == {"activity": row["next_activity"], "due_by": row["due_by"],
                                     "rule": row["rule"]}
        assert [p["due_by"] for p in row["pending"]] == sorted(p["due_by"] for p in row["pending"])


@needs_shared
def test_real_rules_warrington_three_years_after_its_2023_report():
    rows = {r["area_code"]: r for r in due("2026-11-22")}
    warrington = rows["E06000007"]
    assert warrington["last_outcome"] == "2"
    published = Activity.objects.get(areas__gss_code="E06000007", framework="2023").publication_date
    assert warrington["due_by"] == published.replace(year=published.year + 3).isoformat()
    assert warrington["overdue"] is True


@needs_shared
def test_cornwall_2023_outcome_2_is_due_three_years_after_its_report_as_at_2026():
    row = next(r for r in due("2026-01-01") if r["area_code"] == "E06000052")
    assert row["last_outcome"] == "2" and row["last_activity_date"] == "2023-02-06"
    assert (row["next_activity"], row["due_by"], row["overdue"]) == ("full inspection", "2026-05-05", False)
    assert row["pending"] == [{"activity": "full inspection", "due_by": "2026-05-05", "rule": "outcome-2-full-3y"}]


@needs_shared
def test_nottinghamshire_outcome_3_has_both_monitoring_and_reinspection():
    row = next(r for r in due("2025-01-01") if r["area_code"] == NOTTS)
    assert row["pending"] == [
        {"activity": "monitoring inspection", "due_by": "2024-11-16", "rule": "outcome-3-monitoring-18m"},
        {"activity": "full inspection", "due_by": "2026-05-16", "rule": "outcome-3-full-3y"},
    ]
    assert (row["next_activity"], row["due_by"], row["overdue"]) == ("monitoring inspection", "2024-11-16", True)


@needs_shared
def test_as_at_uses_only_what_had_been_published_by_then():
    rows = {r["area_code"]: r for r in due("2024-01-01")}
    leeds = rows["E08000035"]  # inspected April 2026, reported June 2026
    assert leeds["last_activity"] != "full inspection"
    assert leeds["pending"][0]["rule"] == "first-cycle-end"
    assert not [r["area_name"] for r in rows.values() if (r["last_activity_date"] or "") > "2024-01-01"]
    # Started in 2023 but reported in 2024: not yet known on 1 January 2024.
    unreported = Activity.objects.filter(framework="2023", start_date__lt=date(2024, 1, 1),
                                         publication_date__gt=date(2024, 1, 1)).first()
    assert unreported is not None
    area_row = rows[unreported.areas.get().gss_code]
    assert area_row["last_activity"] != "full inspection"
    cornwall = rows["E06000052"]  # reported 5 May 2023: known
    assert cornwall["last_outcome"] == "2"
    cornwall_before = next(r for r in due("2023-05-04") if r["area_code"] == "E06000052")
    assert cornwall_before["pending"][0]["rule"] == "first-cycle-end"


def test_engagement_meeting_not_known_is_null_not_today():
    code = "E06000053"  # Isles of Scilly
    Activity.objects.filter(areas__gss_code=code, framework=Framework.F2023).delete()
    row = next(r for r in due("2026-01-01") if r["area_code"] == code)
    assert row["next_engagement_meeting"] is None
    assert row["next_engagement_meeting_basis"].startswith("not recorded")
    assert row["provisional"] == []


def test_engagement_meeting_is_labelled_provisional_with_its_source():
    add_full_inspection("E06000055", date(2030, 1, 7), 2, date(2030, 3, 1))
    row = next(r for r in due("2030-06-01") if r["area_code"] == "E06000055")
    assert row["next_engagement_meeting"] == "2031-03-01"
    note = next(p for p in row["provisional"] if p["parameter"] == "engagement_meeting_interval_months")
    assert note["label"] == "usually" and "framework-spec §8" in note["source"]


def test_demo_records_are_left_out_unless_asked_for():
    activity = add_full_inspection("E06000055", date(2030, 1, 7), 3, date(2030, 3, 1))
    activity.synthetic = True
    activity.save()
    real = next(r for r in due("2030-06-01") if r["area_code"] == "E06000055")
    assert real["last_outcome"] != "3"
    out = StringIO()
    call_command("due", "--json", "--as-at", "2030-06-01", "--include-demo", stdout=out)
    with_demo = next(r for r in json.loads(out.getvalue()) if r["area_code"] == "E06000055")
    assert with_demo["last_outcome"] == "3"


def test_area_never_inspected_under_2023_is_due_by_end_of_first_cycle():
    code = "E06000053"  # Isles of Scilly
    Activity.objects.filter(areas__gss_code=code, framework=Framework.F2023).delete()
    row = next(r for r in due("2026-01-01") if r["area_code"] == code)
    assert row["next_activity"] == "full inspection"
    assert row["due_by"] == "2027-12-31"
    assert row["overdue"] is False
    late = next(r for r in due("2028-01-02") if r["area_code"] == code)
    assert late["overdue"] is True


@pytest.mark.parametrize(("outcome", "activity", "due_by"), [
    (1, "full inspection", "2035-03-01"),
    (2, "full inspection", "2033-03-01"),
    (3, "monitoring inspection", "2031-09-01"),
])
def test_each_outcome_sets_what_is_due(outcome, activity, due_by):
    add_full_inspection("E06000055", date(2030, 1, 8), outcome, date(2030, 3, 1))
    row = next(r for r in due("2030-06-01") if r["area_code"] == "E06000055")
    assert (row["last_outcome"], row["next_activity"], row["due_by"]) == (str(outcome), activity, due_by)


def test_bad_as_at_is_refused():
    with pytest.raises(CommandError, match="--as-at '2026-02-30' is not a date"):
        call_command("due", "--json", "--as-at", "2026-02-30", stdout=StringIO())


@needs_shared
def test_plan_owed_after_the_report_is_given_as_provisional():
    row = next(r for r in due("2023-06-01") if r["area_code"] == NOTTS)
    assert row["plan_due"] == {"plan": "priority action plan", "due_by": "2023-07-05"}  # 35 working days
    assert "pap_deadline_working_days" in {p["parameter"] for p in row["provisional"]}
    cornwall = next(r for r in due("2023-06-01") if r["area_code"] == "E06000052")
    assert cornwall["plan_due"]["plan"] == "updated strategic plan"
