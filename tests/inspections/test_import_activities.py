"""`areasend import_activities --source activities PATH` (DESIGN.md): activities that happened
outside areasend, so the real monitoring inspections and meetings move the due list; and the
ADCS legacy rows for the two areas Ofsted's release leaves out."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from areasend.framework.activities import ActivityType
from areasend.inspections.importers import REQUIRED_ACTIVITIES
from areasend.inspections.models import Activity, Source
from tests.conftest import SHARED, needs_shared
from tests.inspections.test_import_inspections import write_csv

pytestmark = pytest.mark.django_db

HEADER = list(REQUIRED_ACTIVITIES)
NOTTS = "E10000024"
NOTTS_MONITORING = {
    "area_code": NOTTS, "kind": "monitoring inspection", "start_date": "2025-07-07",
    "end_date": "2025-07-09", "publication_date": "2025-08-20", "result": "effective action",
    "url": "https://reports.ofsted.gov.uk/provider/44/80534",
}
ADCS = SHARED / "inspections" / "adcs_send_outcomes_summary_2016_2022_raw.csv"


def run(path: Path, source: str = "activities") -> tuple[str, str, int]:
    out, err = StringIO(), StringIO()
    try:
        call_command("import_activities", "--source", source, str(path), stdout=out, stderr=err)
        code = 0
    except SystemExit as exc:
        code = int(exc.code or 0)
    return out.getvalue(), err.getvalue(), code


def due_row(code: str, as_at: str) -> dict:
    out = StringIO()
    call_command("due", "--json", "--as-at", as_at, stdout=out)
    return next(r for r in json.loads(out.getvalue()) if r["area_code"] == code)


def test_header_is_exactly_the_documented_one():
    assert HEADER == ["area_code", "kind", "start_date", "end_date", "publication_date", "result", "url"]


@needs_shared
def test_nottinghamshire_monitoring_inspection_of_july_2025_moves_the_due_list(tmp_path):
    before = due_row(NOTTS, "2026-01-01")
    assert [p["activity"] for p in before["pending"]] == ["monitoring inspection", "full inspection"]
    assert before["overdue"] is True
    out, err, code = run(write_csv(tmp_path / "a.csv", HEADER, [NOTTS_MONITORING]))
    assert (code, err) == (0, "")
    assert "1 created, 0 updated, 0 unchanged, 0 rows rejected" in out
    after = due_row(NOTTS, "2026-01-01")
    assert after["pending"] == [{"activity": "full inspection", "due_by": "2026-05-16", "rule": "outcome-3-full-3y"}]
    assert after["overdue"] is False
    assert (after["last_activity"], after["last_outcome"]) == ("monitoring inspection", "effective action")
    # Before its report (20 August 2025) the monitoring inspection was not known.
    assert due_row(NOTTS, "2025-08-01")["next_activity"] == "monitoring inspection"
    stored = Activity.objects.get(kind=ActivityType.MONITORING_INSPECTION, areas__gss_code=NOTTS)
    assert (stored.source, stored.finding, stored.framework) == (Source.ACTIVITIES, "effective action", "2023")


def test_second_run_changes_nothing_and_a_changed_row_updates(tmp_path):
    rows = [NOTTS_MONITORING, {"area_code": "E06000055", "kind": "engagement meeting", "start_date": "2025-03-03"}]
    path = write_csv(tmp_path / "a.csv", HEADER, rows)
    assert "2 created" in run(path)[0]
    before = list(Activity.objects.values().order_by("pk"))
    assert "0 created, 0 updated, 2 unchanged, 0 rows rejected" in run(path)[0]
    assert list(Activity.objects.values().order_by("pk")) == before
    changed = write_csv(tmp_path / "b.csv", HEADER, [{**NOTTS_MONITORING, "result": "ineffective action"}])
    assert "0 created, 1 updated" in run(changed)[0]


def test_recorded_engagement_meeting_is_the_anchor_for_the_next(tmp_path):
    path = write_csv(tmp_path / "m.csv", HEADER, [
        {"area_code": "E06000055", "kind": "engagement meeting", "start_date": "2030-03-04"},
    ])
    run(path)
    row = due_row("E06000055", "2030-06-01")
    assert row["next_engagement_meeting"] == "2031-03-04"
    assert row["next_engagement_meeting_basis"].endswith("after the last meeting recorded (Monday 4 March 2030)")


@pytest.mark.parametrize(("row", "message"), [
    ({"area_code": "E99999999"}, "unknown area code 'E99999999'"),
    ({"end_date": "2025-07-01"}, "end_date 2025-07-01 is before start_date 2025-07-07"),
    ({"publication_date": "2025-07-08"}, "publication_date 2025-07-08 is before end_date 2025-07-09"),
    ({"result": "2"}, "result '2' is not valid for a monitoring inspection"),
    ({"kind": "full inspection", "result": "effective action"},
     "result 'effective action' is not valid for a full inspection"),
    ({"kind": "engagement meeting", "result": "3"}, "result '3' is not valid for kind 'engagement meeting'"),
    ({"kind": "site visit"}, "kind 'site visit' is not one of"),
    ({"start_date": "2025-13-01"}, "start_date '2025-13-01' is not a valid date"),
    ({"start_date": ""}, "start_date is empty"),
    ({"url": "javascript:alert(1)"}, "url 'javascript:alert(1)' is not a web address"),
])
def test_bad_rows_name_the_row_and_problem_and_good_rows_still_load(tmp_path, row, message):
    good = {"area_code": "E06000055", "kind": "engagement meeting", "start_date": "2025-03-03"}
    path = write_csv(tmp_path / "bad.csv", HEADER, [good, {**NOTTS_MONITORING, **row}])
    out, err, code = run(path)
    assert code == 1
    assert f"row 3: {message}" in err
    assert "1 created, 0 updated, 0 unchanged, 1 rows rejected" in out
    assert Activity.objects.filter(source=Source.ACTIVITIES).count() == 1


def test_a_file_of_the_wrong_shape_or_unknown_source_imports_nothing(tmp_path):
    wrong = write_csv(tmp_path / "w.csv", ["area_code", "kind", "start_date"], [{"area_code": "E06000055"}])
    with pytest.raises(CommandError, match="missing column"):
        run(wrong)
    with pytest.raises(CommandError, match="unknown source 'ofsted-2016-2022'"):
        run(wrong, "ofsted-2016-2022")
    assert not Activity.objects.filter(source=Source.ACTIVITIES).exists()


def test_a_predecessor_code_records_the_activity_for_its_successors(tmp_path):
    path = write_csv(tmp_path / "c.csv", HEADER, [
        {"area_code": "E10000006", "kind": "interim visit", "start_date": "2020-11-02"},  # Cumbria
    ])
    run(path)
    visit = Activity.objects.get(kind=ActivityType.INTERIM_VISIT, source=Source.ACTIVITIES)
    assert visit.inspected_name == "Cumbria" and visit.framework == "2016"
    assert {a.name for a in visit.areas.all()} == {"Cumberland", "Westmorland and Furness"}


# --- ADCS legacy rows: Dorset and Northamptonshire, outside the official counts

@needs_shared
def test_adcs_adds_dorset_and_northamptonshire_only_and_leaves_official_counts_alone():
    out = StringIO()
    call_command("stats", "--json", "--framework", "2016", stdout=out)
    official = json.loads(out.getvalue())
    call_command("import_inspections", "--source", "adcs-2016-2022", str(ADCS), stdout=StringIO())
    added = Activity.objects.filter(source=Source.ADCS_2016_2022)
    assert sorted((a.inspected_name, a.kind, str(a.start_date), a.wsoa_required) for a in added) == [
        ("Dorset", "local area SEND inspection", "2017-01-23", True),
        ("Dorset", "revisit", "2019-02-04", None),
        ("Northamptonshire", "local area SEND inspection", "2017-05-15", False),
    ]
    revisit = added.get(kind=ActivityType.REVISIT)
    assert revisit.follows == added.get(inspected_name="Dorset", kind=ActivityType.LEGACY_INSPECTION)
    assert {a.gss_code for a in added.get(inspected_name="Northamptonshire").areas.all()} == {
        "E06000061", "E06000062"}
    out = StringIO()
    call_command("stats", "--json", "--framework", "2016", stdout=out)
    assert json.loads(out.getvalue()) == official
    again = StringIO()
    call_command("import_inspections", "--source", "adcs-2016-2022", str(ADCS), stdout=again)
    assert "0 created, 0 updated, 3 unchanged, 214 skipped, 0 rows rejected" in again.getvalue()


@needs_shared
def test_imported_monitoring_inspection_changes_the_area_page_and_overview(tmp_path, client_for):
    def due_section(text: str) -> str:
        return text[text.index('id="due"'):text.index("Partners</h2>")]

    def overview_row(text: str) -> str:
        start = text.index('href="/areas/E10000024/"')
        return text[start:text.index("</tr>", start)]

    page = due_section(client_for("anonymous").get(f"/areas/{NOTTS}/").content.decode())
    assert "Monitoring inspection</strong> due by" in page and "Overdue" in page
    assert "Monitoring inspection" in overview_row(client_for("planner").get("/overview/").content.decode())
    run(write_csv(tmp_path / "a.csv", HEADER, [NOTTS_MONITORING]))
    page = due_section(client_for("anonymous").get(f"/areas/{NOTTS}/").content.decode())
    assert "Monitoring inspection</strong> due by" not in page
    assert "Full inspection</strong> due by <strong>16 May 2026" in page
    row = overview_row(client_for("planner").get("/overview/").content.decode())
    assert "Monitoring inspection<br>" not in row and "Full inspection<br>" in row
    assert "The partnership is taking effective action" in row
