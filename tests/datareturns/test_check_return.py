"""`areasend check_return`: the DESIGN.md contract, every version 1 rule with a failing and a passing
row, Ofsted's List 1 and List 2 with Data to Insight's rule numbers, and unreadable files."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import polars as pl
import pytest
from django.core.management import CommandError, call_command

from areasend.datareturns import spec, synthetic, validation
from areasend.datareturns.reader import ReturnUnreadable

AS_AT = date(2026, 3, 1)
GOOD = {
    "case_ref": "A-1", "age": "7", "sex": "M", "primary_need": "ASD", "sen_provision": "EHCP",
    "setting_type": "mainstream_school", "alternative_provision": "N", "out_of_area": "N",
    "request_received": "2024-01-01", "decision_date": "2024-02-12", "decision": "assess",
    "draft_plan_issued": "2024-04-01", "final_plan_issued": "2024-05-20", "exception_reason": "",
    "last_annual_review": "2025-04-01",
}


def csv_of(*rows: dict[str, str], header: list[str] | None = None) -> bytes:
    header = header or list(GOOD)
    lines = [",".join(header)] + [",".join(r.get(h, "") for h in header) for r in rows]
    return ("\n".join(lines) + "\n").encode()


def run(data: bytes, tmp_path: Path, name: str = "return.csv") -> dict[str, Any]:
    path = tmp_path / name
    path.write_bytes(data)
    out = io.StringIO()
    call_command("check_return", str(path), "--as-at", AS_AT.isoformat(), "--json", stdout=out)
    return json.loads(out.getvalue())


def errors_for(row: dict[str, str]) -> list[tuple[str, str]]:
    checked = validation.check_file(csv_of(GOOD, row), "r.csv", as_at=AS_AT)
    return [(e.field, e.message) for e in checked.errors if e.row == 3]


def test_json_has_the_contract_keys_and_row_numbers_count_the_header(tmp_path: Path) -> None:
    out = run(csv_of(GOOD, {**GOOD, "case_ref": "A-2", "sex": "X"}), tmp_path)
    assert set(out) == {"rows", "valid_rows", "errors", "warnings", "indicators"}
    assert (out["rows"], out["valid_rows"]) == (2, 1)
    assert out["errors"] == [{"row": 3, "field": "sex", "message": "'X' is not a sex code: use M, F, U"}]
    assert out["indicators"]["decision_within_6_weeks"] == {"numerator": 1, "denominator": 1}


@pytest.mark.parametrize(("change", "field"), [
    ({"case_ref": ""}, "case_ref"),
    ({"case_ref": "A-1"}, "case_ref"),  # repeated
    ({"case_ref": "X" * 41}, "case_ref"),
    ({"age": "26"}, "age"),
    ({"age": "-1"}, "age"),
    ({"age": "seven"}, "age"),
    ({"sex": "male"}, "sex"),
    ({"sex": "m"}, "sex"),  # version 1's codes are exact
    ({"setting_type": "Mainstream_school"}, "setting_type"),
    ({"primary_need": "AUT"}, "primary_need"),
    ({"sen_provision": "PLAN"}, "sen_provision"),
    ({"setting_type": "school"}, "setting_type"),
    ({"alternative_provision": "yes"}, "alternative_provision"),
    ({"out_of_area": "2"}, "out_of_area"),
    ({"decision": "maybe"}, "decision"),
    ({"request_received": "01/01/2024"}, "request_received"),
    ({"last_annual_review": "2026-03-02"}, "last_annual_review"),  # after the as-at date
    ({"decision_date": "2023-12-31"}, "decision_date"),
    ({"draft_plan_issued": "2023-12-31", "decision_date": "", "final_plan_issued": ""}, "draft_plan_issued"),
    ({"final_plan_issued": "2023-12-31", "draft_plan_issued": "", "decision_date": ""}, "final_plan_issued"),
    ({"final_plan_issued": "2024-03-01"}, "final_plan_issued"),  # before its draft
])
def test_each_version_1_rule_fails_a_bad_row(change: dict[str, str], field: str) -> None:
    row = {**GOOD, "case_ref": "A-2", **change}
    assert [f for f, _ in errors_for(row)] == [field]


def test_a_good_row_has_no_error() -> None:
    assert errors_for({**GOOD, "case_ref": "A_2.x", "sex": "F", "primary_need": "SPLD", "age": "0"}) == []
    assert errors_for({**GOOD, "case_ref": "A-2", "age": "25", "last_annual_review": "2026-03-01"}) == []


@pytest.mark.parametrize("ref", ["A123456789012", "Jane Smith"])
def test_a_reference_like_a_upn_or_a_name_is_a_query(ref: str) -> None:
    checked = validation.check_file(csv_of(GOOD, {**GOOD, "case_ref": ref}), "r.csv", as_at=AS_AT)
    assert checked.errors == []
    assert [(w.row, w.field) for w in checked.warnings] == [(3, "case_ref")]


def test_queries_are_warnings_not_errors() -> None:
    row = {**GOOD, "case_ref": "A-2", "sen_provision": "SEN_SUPPORT"}
    checked = validation.check_file(csv_of(GOOD, row), "r.csv", as_at=AS_AT)
    assert checked.errors == [] and checked.valid_rows == 2
    assert [(w.row, w.field) for w in checked.warnings] == [(3, "final_plan_issued")]


def test_indicators_hand_worked() -> None:
    rows = [
        GOOD,  # decision 42 days, final 140 days: both on time; reviewed 2025-04-01: not overdue
        {**GOOD, "case_ref": "B", "decision_date": "2024-02-13", "final_plan_issued": "2024-05-21",
         "last_annual_review": "2025-02-28"},  # 43 and 141 days: late; review more than 12 months ago
        {**GOOD, "case_ref": "C", "final_plan_issued": "2024-12-01", "exception_reason": "Family holiday",
         "last_annual_review": "2025-03-01"},  # exception: out of the 20-week denominator; exactly 12 months
        {**GOOD, "case_ref": "D", "sen_provision": "SEN_SUPPORT", "request_received": "", "decision_date": "",
         "decision": "", "draft_plan_issued": "", "final_plan_issued": "", "last_annual_review": ""},
        {**GOOD, "case_ref": "E", "age": "99"},  # an error: left out of every indicator
    ]
    got = validation.check_file(csv_of(*rows), "r.csv", as_at=AS_AT).indicators
    assert (got["decision_within_6_weeks"].numerator, got["decision_within_6_weeks"].denominator) == (2, 3)
    assert (got["final_plan_within_20_weeks"].numerator, got["final_plan_within_20_weeks"].denominator) == (1, 2)
    assert (got["annual_reviews_overdue"].numerator, got["annual_reviews_overdue"].denominator) == (1, 3)
    assert got["final_plan_within_20_weeks"].extension


def test_phase_transfer_review_late_on_or_after_15_february() -> None:
    extra = ["phase_transfer", "phase_transfer_year", "phase_transfer_review"]
    header = [*GOOD, *extra]
    rows = [
        {**GOOD, "phase_transfer": "school", "phase_transfer_year": "2026", "phase_transfer_review": "2026-02-14"},
        {**GOOD, "case_ref": "B", "phase_transfer": "school", "phase_transfer_year": "2026",
         "phase_transfer_review": "2026-02-15"},
        {**GOOD, "case_ref": "C", "phase_transfer": "secondary-to-post16", "phase_transfer_year": "2026"},
    ]
    got = validation.check_file(csv_of(*rows, header=header), "r.csv", as_at=AS_AT).indicators
    late = got["phase_transfer_reviews_late"]
    assert (late.numerator, late.denominator) == (1, 2)  # 31 March 2026 is not yet due on 1 March


LIST1_ROW = {
    "Unique ID": "P1", "UPN": "A123456789012", "ULN": "", "Date of birth": "01/09/2015", "Gender": "a) Male",
    "Ethnicity": "WBRI", "Date initial EHC plan issued": "01/02/2022", "Date updated EHC plan issued": "",
    "Date EHC plan last reviewed": "01/01/2025", "SEN primary need": "ASD",
    "Main education establishment – URN": "123456", "Main education establishment – phase": "b) Primary",
    "Subsidiary education establishment – phase (dual registration)": "", "Elective home education": "No",
    "Suspensions": "2", "Permanent exclusions": "0", "Absence": "12.5", "Pupil Premium": "Yes",
    "Known to children's social care?": "No", "Which children's social care team?": "",
    "Does the child or young person have a disability?": "Yes",
}
LIST2_ROW = {k: v for k, v in LIST1_ROW.items() if k in spec.LIST2.headings}


def workbook(sheets: dict[str, list[dict[str, str]]]) -> bytes:
    buffer = io.BytesIO()
    import xlsxwriter

    book = xlsxwriter.Workbook(buffer)
    for name, rows in sheets.items():
        sheet = book.add_worksheet(name)
        for col, heading in enumerate(rows[0]):
            sheet.write(0, col, heading)
            for r, row in enumerate(rows, start=1):
                sheet.write(r, col, row[heading])
    book.close()
    return buffer.getvalue()


def test_ofsted_workbook_names_sheets_and_d2i_rules(tmp_path: Path) -> None:
    bad1 = {**LIST1_ROW, "Unique ID": "P2", "UPN": "B123456789012", "Date of birth": "01/09/1999", "Gender": "Boy",
            "Date initial EHC plan issued": "01/02/2025", "Date EHC plan last reviewed": "01/01/2025"}
    bad2 = {**LIST2_ROW, "Unique ID": "Q2", "Absence": "5", "UPN": "", "Date of birth": "01/01/2016",
            "Main education establishment – URN": "", "Main education establishment – phase": ""}
    data = workbook({"Guidance": [{"Notes": "ignored"}], "List_1": [LIST1_ROW, bad1],
                     "List_2": [LIST2_ROW, bad2]})
    out = run(data, tmp_path, "person-level.xlsx")
    assert out["rows"] == 4 and out["valid_rows"] == 3
    messages = {(e["sheet"], e["row"], e["field"], e["message"]) for e in out["errors"]}
    assert ("List_1", 3, "Date of birth", "Aged 26: too old for this list (rule 102b)") in messages
    assert ("List_1", 3, "Date initial EHC plan issued",
            "The initial EHC plan is dated after its last review (rule 106b)") in messages
    assert any(e["field"] == "Gender" and "Boy" in e["message"] for e in out["errors"])
    queries = {(w["sheet"], w["row"], w["message"]) for w in out["warnings"]}
    assert ("List_2", 3, "Aged 6 or over with neither a UPN nor a ULN (rule 207)") in queries
    assert ("List_2", 3, "School age with neither a main nor a subsidiary education establishment (rule 208a)") \
        in queries
    assert out["indicators"]["persistent_absence"] == {"numerator": 2, "denominator": 3}
    assert out["indicators"]["school_age_without_school_place"] == {"numerator": 1, "denominator": 3}


def test_list_1_duplicate_upn_and_future_date() -> None:
    rows = [LIST1_ROW, {**LIST1_ROW, "Unique ID": "P2", "Date updated EHC plan issued": "01/01/2027"}]
    checked = validation.check_file(workbook({"List_1": rows}), "l.xlsx", as_at=AS_AT)
    codes = sorted(e.message.rsplit("rule ", 1)[-1].rstrip(")") for e in checked.errors)
    assert codes == ["105c", "109", "109"]


def test_spreadsheet_date_cells_and_numbers_are_read(tmp_path: Path) -> None:
    frame = pl.DataFrame([{**GOOD, "request_received": date(2024, 1, 1), "age": 7}])
    buffer = io.BytesIO()
    frame.write_excel(buffer)
    out = run(buffer.getvalue(), tmp_path, "r.xlsx")
    assert out["errors"] == [] and out["valid_rows"] == 1


@pytest.mark.parametrize(("data", "name", "says"), [
    (b"", "r.csv", "empty"),
    (b"case_ref,age\nA,1\n", "r.txt", "not accepted"),
    (b"name,dob\nx,1\n", "r.csv", "not those of a return"),
    (b"case_ref,age\nA,1\n", "r.csv", "required columns missing: sex"),
    ("case_ref,age\nÉ,1\n".encode("latin-1"), "r.csv", "not UTF-8"),
    (b"\xd0\xcf\x11\xe0" + b"\0" * 100, "r.csv", "old Excel"),
    (b"PK\x03\x04garbage", "r.xlsx", "damaged"),
])
def test_unreadable_files_get_one_line_and_non_zero_exit(data: bytes, name: str, says: str,
                                                         tmp_path: Path) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(CommandError, match=says):
        call_command("check_return", str(path), "--json")


def test_a_zip_bomb_named_xlsx_is_not_opened() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "")
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * 500_000_000)
    with pytest.raises(ReturnUnreadable, match="expands"):
        validation.check_file(buffer.getvalue(), "bomb.xlsx", as_at=AS_AT)


def test_deliberate_errors_are_all_found() -> None:
    data = synthetic.csv_bytes(3_000, as_at=AS_AT, seed=3, errors=60)
    checked = validation.check_file(data, "s.csv", as_at=AS_AT)
    assert len(checked.errors) == 60 and checked.valid_rows == 2_940


def test_ods_is_read_like_csv(tmp_path: Path) -> None:
    from areasend.datareturns.synthetic import ods_bytes

    header = list(GOOD)
    rows = [header, [GOOD[h] for h in header], [{**GOOD, "case_ref": "B", "sex": "Q"}[h] for h in header]]
    out = run(ods_bytes({"Return": rows}), tmp_path, "return.ods")
    assert out["rows"] == 2 and out["valid_rows"] == 1
    assert out["errors"] == [{"row": 3, "field": "sex", "message": "'Q' is not a sex code: use M, F, U"}]


def test_formula_cells_are_read_as_their_values_never_run() -> None:
    import xlsxwriter

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer)
    sheet = book.add_worksheet("Return")
    for col, heading in enumerate(GOOD):
        sheet.write_string(0, col, heading)
        if heading == "age":
            sheet.write_formula(1, col, "=3+4", None, 7)
        else:
            sheet.write_string(1, col, GOOD[heading])
    book.close()
    checked = validation.check_file(buffer.getvalue(), "f.xlsx", as_at=AS_AT)
    assert checked.errors == [] and checked.valid["v1"]["age:t"].to_list() == [7]


def test_a_workbook_with_no_return_sheet_is_refused() -> None:
    with pytest.raises(ReturnUnreadable, match="No sheet holds"):
        validation.check_file(workbook({"Notes": [{"a": "b"}]}), "n.xlsx", as_at=AS_AT)


def test_the_template_downloads_are_read_as_empty_returns(client: Any) -> None:
    from areasend.datareturns.docs_views import template_xlsx_bytes

    checked = validation.check_file(template_xlsx_bytes(), "t.xlsx", as_at=AS_AT)
    assert (checked.rows, checked.layouts) == (0, ["v1"])
    ods = client.get("/data-return/template.ods").content
    assert validation.check_file(ods, "t.ods", as_at=AS_AT).layouts == ["v1"]
    body = client.get("/data-return/template.csv").content
    assert validation.check_file(body, "t.csv", as_at=AS_AT).rows == 0
    page = client.get("/data-return/").content.decode()
    assert "Ofsted List 1: EHC plans" in page and "Does the child or young person have a disability?" in page


def test_too_many_rows_or_bytes_are_refused_with_the_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    from areasend.datareturns import reader

    data = synthetic.csv_bytes(30, as_at=AS_AT)
    monkeypatch.setattr(reader, "MAX_ROWS", 20)
    with pytest.raises(ReturnUnreadable, match="more than 20 rows"):
        validation.check_file(data, "r.csv", as_at=AS_AT)
    monkeypatch.setattr(reader, "MAX_BYTES", 1_000)
    with pytest.raises(ReturnUnreadable, match="the limit is"):
        validation.check_file(data, "r.csv", as_at=AS_AT)


def test_a_ragged_csv_names_the_problem() -> None:
    with pytest.raises(ReturnUnreadable, match="The CSV cannot be read"):
        validation.check_file(csv_of(GOOD) + b'A-9,"unclosed\n', "r.csv", as_at=AS_AT)


def list1_issues(change: dict[str, str]) -> list[str]:
    """The rule codes (or fields, for rules without a code) of a changed List 1 row, as CSV."""
    header = list(spec.LIST1.headings)
    good = {**LIST1_ROW, "UPN": "C123456789012", "Unique ID": "P0"}
    checked = validation.check_file(csv_of(good, {**LIST1_ROW, **change}, header=header), "l.csv", as_at=AS_AT)
    assert all(i.row == 3 for i in checked.errors + checked.warnings), "the good row is clean"
    return sorted(i.message.rsplit("(rule ", 1)[-1].rstrip(")") if "(rule " in i.message else i.field
                  for i in checked.errors + checked.warnings)


@pytest.mark.parametrize(("change", "expected"), [
    ({"Date of birth": ""}, ["101a"]),
    ({"Gender": ""}, ["101b"]),
    ({"Ethnicity": ""}, ["101c"]),
    ({"SEN primary need": ""}, ["101d"]),
    ({"Date of birth": "01/01/2001"}, ["102a"]),  # 25 on 1 March 2026: a query
    ({"Does the child or young person have a disability?": ""}, ["103"]),
    ({"Date of birth": "01/01/2027"}, ["105a"]),
    ({"Date initial EHC plan issued": "01/01/2027"}, ["105b", "106b"]),
    ({"Date EHC plan last reviewed": "01/01/2027"}, ["105d"]),
    ({"Date updated EHC plan issued": "01/01/2021"}, ["106a"]),
    ({"Subsidiary education establishment – phase (dual registration)": "h) PRU/AP",
      "Main education establishment – URN": "", "Main education establishment – phase": ""}, ["108b"]),
    ({"Unique ID": ""}, ["Unique ID"]),
    ({"Ethnicity": "XXXX"}, ["Ethnicity"]),
    ({"Main education establishment – phase": "z) Castle"}, ["Main education establishment – phase"]),
    ({"Main education establishment – URN": "12345"}, ["Main education establishment – URN"]),
    ({"Suspensions": "two"}, ["Suspensions"]),
    ({"Absence": "150"}, ["Absence"]),
    ({"Elective home education": "Maybe"}, ["Elective home education"]),
    ({"Date of birth": "2015-13-45"}, ["Date of birth"]),
])
def test_each_list_1_rule_fails_a_bad_row(change: dict[str, str], expected: list[str]) -> None:
    assert list1_issues(change) == expected


@pytest.mark.parametrize("change", [
    {"Gender": "Female"}, {"Gender": "b"}, {"Gender": "c) Not known"}, {"Main education establishment – phase": "g"},
    {"Absence": "12.5%"}, {"Date of birth": "2015-09-01"}, {"Ethnicity": "u) UNKNOWN"},
])
def test_list_1_spellings_that_pass(change: dict[str, str]) -> None:
    assert list1_issues(change) == []
