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

KEYS = {"area_code", "area_name", "last_activity", "last_outcome", "next_activity", "due_by",
        "overdue", "next_engagement_meeting"}


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
        date.fromisoformat(row["next_engagement_meeting"])
        assert isinstance(row["overdue"], bool)


@needs_shared
def test_real_rules_cornwall_reinspected_and_warrington_three_years_after_2023():
    rows = {r["area_code"]: r for r in due("2026-11-22")}
    warrington = rows["E06000007"]
    assert warrington["last_outcome"] == "2"
    assert warrington["due_by"] == "2026-02-06"  # Ofsted's own "next inspection by" date
    assert warrington["overdue"] is True


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
    (1, "full inspection", "2035-01-08"),
    (2, "full inspection", "2033-01-08"),
    (3, "monitoring inspection", "2031-09-01"),
])
def test_each_outcome_sets_what_is_due(outcome, activity, due_by):
    add_full_inspection("E06000055", date(2030, 1, 8), outcome, date(2030, 3, 1))
    row = next(r for r in due("2030-06-01") if r["area_code"] == "E06000055")
    assert (row["last_outcome"], row["next_activity"], row["due_by"]) == (str(outcome), activity, due_by)


def test_bad_as_at_is_refused():
    with pytest.raises(CommandError, match="--as-at '2026-02-30' is not a date"):
        call_command("due", "--json", "--as-at", "2026-02-30", stdout=StringIO())
