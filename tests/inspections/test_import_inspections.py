import csv
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from areasend.framework.activities import ActivityType
from areasend.inspections.models import Activity
from tests.conftest import HISTORY_2016, HISTORY_2023, needs_shared

pytestmark = pytest.mark.django_db

HEADER_2023 = [
    "new_la_code", "old_la_code", "la_name", "ofsted_urn", "inspection_start_date",
    "inspection_end_date", "publication_date", "outcome_code", "outcome_label", "report_url",
    "outcome_text_as_scraped",
]
HEADER_2016 = [
    "new_la_code", "successor_la_codes_2023", "area_name", "ofsted_region", "inspection_start_date",
    "inspection_publication_date", "wsoa_required", "wsoa_significant_weaknesses",
    "revisit_start_date", "revisit_publication_date", "revisit_sufficient_progress",
    "revisit_weaknesses_progress_made", "revisit_weaknesses_progress_not_made",
    "revisit_status_text", "ofsted_la_webpage",
]


def write_csv(path: Path, header: list[str], rows: list[dict[str, str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=header)
        writer.writeheader()
        for row in rows:
            writer.writerow({k: row.get(k, "") for k in header})
    return path


def run_import(source: str, path: Path) -> tuple[str, str, int]:
    out, err = StringIO(), StringIO()
    try:
        call_command("import_inspections", "--source", source, str(path), stdout=out, stderr=err)
        code = 0
    except SystemExit as exc:
        code = int(exc.code or 0)
    return out.getvalue(), err.getvalue(), code


def row_2023(**overrides: str) -> dict[str, str]:
    row = {
        "new_la_code": "E06000055", "la_name": "Bedford", "inspection_start_date": "2030-01-07",
        "inspection_end_date": "2030-01-11", "publication_date": "2030-03-01", "outcome_code": "1",
        "report_url": "https://example.org/report/bedford-2030",
    }
    row.update(overrides)
    return row


@needs_shared
def test_second_run_of_both_real_files_changes_nothing():
    before = list(Activity.objects.values().order_by("pk"))
    links = sorted(Activity.areas.through.objects.values_list("activity_id", "localareapartnership_id"))
    out16, _, code16 = run_import("ofsted-2016-2022", HISTORY_2016)
    out23, _, code23 = run_import("area-send-2023", HISTORY_2023)
    assert (code16, code23) == (0, 0)
    assert "0 created, 0 updated, 195 unchanged, 0 rows rejected" in out16
    assert "0 created, 0 updated, 97 unchanged, 0 rows rejected" in out23
    assert list(Activity.objects.values().order_by("pk")) == before
    assert sorted(Activity.areas.through.objects.values_list("activity_id", "localareapartnership_id")) == links


@needs_shared
def test_real_history_is_complete():
    assert Activity.objects.of_kind(ActivityType.LEGACY_INSPECTION).count() == 149
    assert Activity.objects.of_kind(ActivityType.REVISIT).count() == 46
    assert Activity.objects.of_kind(ActivityType.FULL_INSPECTION).count() == 97


@needs_shared
def test_cumbria_2016_history_belongs_to_both_successors():
    cumbria = Activity.objects.get(inspected_code="E10000006", kind=ActivityType.LEGACY_INSPECTION)
    assert {a.name for a in cumbria.areas.all()} == {"Cumberland", "Westmorland and Furness"}


@needs_shared
def test_missing_start_dates_are_estimated_and_marked():
    estimated = Activity.objects.filter(start_date_estimated=True)
    assert {a.inspected_name for a in estimated} == {
        "North Yorkshire", "Derbyshire", "Buckinghamshire", "Thurrock"
    }
    for activity in estimated:
        assert activity.start_date is not None
        assert activity.start_date.weekday() == 0
        assert activity.start_date < activity.publication_date
        assert "estimated" in activity.note


def test_bad_rows_are_reported_and_good_rows_still_load(tmp_path):
    path = write_csv(tmp_path / "mixed.csv", HEADER_2023, [
        row_2023(),
        row_2023(new_la_code="E99999999", report_url="u2"),
        row_2023(inspection_start_date="2030-02-30", report_url="u3"),
        row_2023(outcome_code="4", report_url="u4"),
        row_2023(outcome_code="", report_url="u5"),
        row_2023(publication_date="2029-01-01", report_url="u6"),
    ])
    out, err, code = run_import("area-send-2023", path)
    assert code == 1
    lines = err.strip().splitlines()
    assert lines == [
        "row 3: unknown area code 'E99999999'",
        "row 4: inspection_start_date '2030-02-30' is not a valid date (YYYY-MM-DD)",
        "row 5: outcome_code '4' is not 1, 2 or 3",
        "row 6: outcome_code is empty and no outcome statement was recognised",
        "row 7: publication_date 2029-01-01 is before inspection_start_date 2030-01-07",
    ]
    assert "1 created" in out
    assert Activity.objects.filter(report_url="https://example.org/report/bedford-2030").exists()
    assert not Activity.objects.filter(report_url__in=["u2", "u3", "u4", "u5", "u6"]).exists()


def test_outcome_is_read_from_the_statement_when_the_code_is_missing(tmp_path):
    statement = ("There are widespread and/or systemic failings leading to significant concerns "
                 "about the experiences and outcomes of children and young people with SEND")
    path = write_csv(tmp_path / "text.csv", HEADER_2023, [
        row_2023(outcome_code="", outcome_text_as_scraped=statement),
    ])
    _, err, code = run_import("area-send-2023", path)
    assert code == 0, err
    assert Activity.objects.get(report_url="https://example.org/report/bedford-2030").outcome == 3


def test_a_changed_row_updates_the_stored_activity(tmp_path):
    path = write_csv(tmp_path / "one.csv", HEADER_2023, [row_2023()])
    run_import("area-send-2023", path)
    write_csv(path, HEADER_2023, [row_2023(outcome_code="2")])
    out, _, _ = run_import("area-send-2023", path)
    assert "0 created, 1 updated" in out
    assert Activity.objects.get(report_url="https://example.org/report/bedford-2030").outcome == 2


def test_2016_rows_create_inspection_and_revisit_with_progress(tmp_path):
    path = write_csv(tmp_path / "legacy.csv", HEADER_2016, [{
        "new_la_code": "E06000055", "successor_la_codes_2023": "E06000055", "area_name": "Bedford",
        "inspection_start_date": "2017-01-09", "inspection_publication_date": "2017-03-01",
        "wsoa_required": "Yes", "wsoa_significant_weaknesses": "4",
        "revisit_start_date": "2019-05-13", "revisit_publication_date": "2019-07-01",
        "revisit_sufficient_progress": "Some", "revisit_weaknesses_progress_made": "2",
        "revisit_weaknesses_progress_not_made": "2",
    }])
    Activity.objects.filter(source_key="ofsted-2016-2022:E06000055:revisit").delete()
    Activity.objects.filter(source_key="ofsted-2016-2022:E06000055:inspection").delete()
    _, err, code = run_import("ofsted-2016-2022", path)
    assert code == 0, err
    revisit = Activity.objects.get(source_key="ofsted-2016-2022:E06000055:revisit")
    assert revisit.revisit_progress == "some"
    assert revisit.follows is not None and revisit.follows.wsoa_required is True
    assert revisit.follows.significant_weaknesses == 4


def test_2016_bad_values_name_the_field(tmp_path):
    path = write_csv(tmp_path / "legacy.csv", HEADER_2016, [{
        "new_la_code": "E06000055", "area_name": "Bedford", "inspection_start_date": "2017-01-09",
        "wsoa_required": "Maybe",
    }, {
        "new_la_code": "E06000055", "area_name": "Bedford", "inspection_start_date": "2017-01-09",
        "wsoa_required": "Yes", "revisit_start_date": "2019-05-13",
        "revisit_sufficient_progress": "Partly",
    }])
    _, err, code = run_import("ofsted-2016-2022", path)
    assert code == 1
    assert "row 2: wsoa_required 'Maybe' is not Yes or No" in err
    assert "row 3: revisit_sufficient_progress 'Partly' is not Yes, Some or No" in err


def test_unknown_source_is_refused(tmp_path):
    path = write_csv(tmp_path / "x.csv", HEADER_2023, [])
    with pytest.raises(CommandError, match="unknown source 'ofsted-1999'"):
        call_command("import_inspections", "--source", "ofsted-1999", str(path))


def test_missing_file_is_refused(tmp_path):
    with pytest.raises(CommandError, match="no such file"):
        call_command("import_inspections", "--source", "area-send-2023", str(tmp_path / "nope.csv"))


def test_file_of_the_wrong_shape_imports_nothing(tmp_path):
    before = Activity.objects.count()
    path = write_csv(tmp_path / "wrong.csv", ["new_la_code", "la_name"], [{"new_la_code": "E06000055"}])
    with pytest.raises(CommandError, match="missing column"):
        call_command("import_inspections", "--source", "area-send-2023", str(path))
    assert Activity.objects.count() == before


def test_the_2016_file_given_as_2023_is_refused_whole(tmp_path):
    path = write_csv(tmp_path / "legacy.csv", HEADER_2016, [{"new_la_code": "E06000055"}])
    with pytest.raises(CommandError, match=r"missing column.*outcome_code"):
        call_command("import_inspections", "--source", "area-send-2023", str(path))


def test_an_estimated_start_skips_the_christmas_holidays(tmp_path):
    # 51 working days before 12 March 2026 is the week of 29 December 2025: no inspection is on
    # site then, so the estimate moves back to the last term-time week, 15 December.
    path = write_csv(tmp_path / "xmas.csv", HEADER_2023, [row_2023(
        inspection_start_date="", inspection_end_date="", publication_date="2026-03-12",
        report_url="https://example.org/report/bedford-2026")])
    run_import("area-send-2023", path)
    activity = Activity.objects.get(report_url="https://example.org/report/bedford-2026")
    assert activity.start_date_estimated
    assert str(activity.start_date) == "2025-12-15"
