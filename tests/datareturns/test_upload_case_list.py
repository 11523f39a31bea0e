"""Uploading the case list: every row checked first, nothing stored if any row is bad."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from areasend.accounts.models import AuditAction, AuditEvent
from areasend.datareturns import services
from areasend.datareturns.caselist import CaseListInvalid
from areasend.datareturns.models import CaseListEntry
from areasend.inspections import workflow
from areasend.inspections.models import WorkflowError

from .conftest import ROWS, csv_upload, upload

pytestmark = pytest.mark.django_db


def stored(inspection: Any) -> int:
    return CaseListEntry.objects.for_inspection(inspection).count()


def test_lap_user_uploads_a_case_list(inspection: Any, cast: dict[str, Any]) -> None:
    added = services.upload_case_list(inspection, csv_upload(ROWS), by=cast["lap_a"])
    assert added == stored(inspection) == 12
    entry = CaseListEntry.objects.get(inspection=inspection, reference="BED-007")
    assert (entry.age_band, entry.need, entry.provision, entry.setting) == (
        "11-15", "SEMH", "ehc_plan", "alternative_provision")
    assert entry.in_alternative_provision is True
    assert entry.uploaded_by == cast["lap_a"]
    event = AuditEvent.objects.get(action=AuditAction.IMPORT)
    assert event.data == {"case_list_rows": 12}
    assert "BED" not in str(event.data)  # counts only, never references


def test_labels_any_case_and_a_byte_order_mark_are_accepted(inspection: Any, cast: dict[str, Any]) -> None:
    text = "\ufeffReference, Age_Band,NEED,provision,setting,in_alternative_provision\r\n" \
           "X-1,5-10,spld,EHC plan,Mainstream school,Yes\r\n\r\n"
    services.upload_case_list(inspection, upload("cases.csv", text.encode()), by=cast["lap_a"])
    entry = CaseListEntry.objects.get(reference="X-1")
    assert (entry.need, entry.provision, entry.setting, entry.in_alternative_provision) == (
        "SpLD", "ehc_plan", "mainstream_school", True)


@pytest.mark.parametrize(("bad_row", "message"), [
    ("BED-099,12-15,ASD,ehc_plan,special_school,no",
     "row 4, age_band: '12-15' is not one of 0-4, 5-10, 11-15, 16-19, 20-25"),
    ("BED-099,5-10,DYS,ehc_plan,special_school,no",
     "row 4, need: 'DYS' is not one of ASD, SLCN, SEMH, MLD, SLD, PMLD, SpLD, HI, VI, MSI, PD, OTH"),
    ("BED-099,5-10,ASD,statement,special_school,no", "row 4, provision: 'statement' is not one of ehc_plan"),
    ("BED-099,5-10,ASD,ehc_plan,home,no", "row 4, setting: 'home' is not one of early_years"),
    ("BED-099,5-10,ASD,ehc_plan,special_school,maybe", "row 4, in_alternative_provision: 'maybe' is not yes or no"),
    ("BED-099,5-10,ASD,ehc_plan,special_school,", "row 4, in_alternative_provision: is blank"),
    ("Jane Smith,5-10,ASD,ehc_plan,special_school,no",
     "row 4, reference: 'Jane Smith' must be up to 20 letters, digits or hyphens"),
    ("ABCDEFGHIJKLMNOPQRSTU,5-10,ASD,ehc_plan,special_school,no", "row 4, reference: 'ABCDEFGHIJKLMNOPQRSTU'"),
    (",5-10,ASD,ehc_plan,special_school,no", "row 4, reference: enter a reference"),
    ("BED-001,5-10,ASD,ehc_plan,special_school,no", "row 4, reference: 'BED-001' is also on row 2"),
    ("BED-099,5-10,ASD,ehc_plan,special_school,no,extra", "row 4: has 7 cells but the header has 6"),
])
def test_a_bad_row_is_named_and_nothing_is_stored(
    inspection: Any, cast: dict[str, Any], bad_row: str, message: str
) -> None:
    rows = [ROWS[0], ROWS[1], bad_row, ROWS[2]]
    with pytest.raises(CaseListInvalid) as raised:
        services.upload_case_list(inspection, csv_upload(rows), by=cast["lap_a"])
    assert any(str(e).startswith(message) for e in raised.value.errors), raised.value.errors
    assert stored(inspection) == 0
    assert not AuditEvent.objects.filter(action=AuditAction.IMPORT).exists()


def test_every_bad_row_is_reported_at_once(inspection: Any, cast: dict[str, Any]) -> None:
    rows = ["A-1,12-15,ASD,ehc_plan,special_school,no", "A-2,5-10,XXX,ehc_plan,special_school,no"]
    with pytest.raises(CaseListInvalid) as raised:
        services.upload_case_list(inspection, csv_upload(rows), by=cast["lap_a"])
    assert [(e.row, e.column) for e in raised.value.errors] == [(2, "age_band"), (3, "need")]


def test_a_reference_already_on_the_list_is_refused(inspection: Any, cast: dict[str, Any]) -> None:
    services.upload_case_list(inspection, csv_upload(ROWS[:2]), by=cast["lap_a"])
    with pytest.raises(CaseListInvalid, match="row 3, reference: 'BED-002' is already on the case list"):
        services.upload_case_list(inspection, csv_upload([ROWS[5], ROWS[1]]), by=cast["lap_a"])
    assert stored(inspection) == 2


@pytest.mark.parametrize(("header", "message"), [
    ("reference,age_band,need,provision,setting", "row 1: the header is missing in_alternative_provision"),
    ("reference,age_band,need,provision,setting,in_alternative_provision,name",
     "row 1: the header has unknown columns name"),
])
def test_a_wrong_header_is_refused(inspection: Any, cast: dict[str, Any], header: str, message: str) -> None:
    with pytest.raises(CaseListInvalid, match=message):
        services.upload_case_list(inspection, csv_upload(ROWS, header=header), by=cast["lap_a"])
    assert stored(inspection) == 0


@pytest.mark.parametrize(("name", "content", "message"), [
    ("cases.xlsx", b"PK\x03\x04rest-of-a-zip", "save the spreadsheet as CSV"),
    ("cases.csv", b"PK\x03\x04rest-of-a-zip", "save the spreadsheet as CSV"),
    ("cases.txt", b"reference\n", "must be a CSV file"),
    ("cases.csv", "reference,\u00e9\n".encode("latin-1"), "saved as UTF-8"),
    ("cases.csv", b"reference,age_band,need,provision,setting,in_alternative_provision\n", "has no rows"),
    ("cases.csv", b"x" * (2 * 1024 * 1024 + 1), "smaller than 2 MB"),
])
def test_a_file_of_the_wrong_type_or_size_is_refused(
    inspection: Any, cast: dict[str, Any], name: str, content: bytes, message: str
) -> None:
    with pytest.raises(CaseListInvalid, match=message):
        services.upload_case_list(inspection, upload(name, content), by=cast["lap_a"])
    assert stored(inspection) == 0


@pytest.mark.parametrize("who", ["inspector", "planner", "admin", "lap_b", "public"])
def test_only_the_areas_users_may_upload(inspection: Any, cast: dict[str, Any], who: str) -> None:
    with pytest.raises(PermissionDenied):
        services.upload_case_list(inspection, csv_upload(ROWS), by=cast[who])


def test_no_upload_once_fieldwork_is_over(inspection: Any, cast: dict[str, Any]) -> None:
    workflow.withdraw(inspection, reason="Postponed", by=cast["planner"])
    with pytest.raises(WorkflowError, match="notified or fieldwork"):
        services.upload_case_list(inspection, csv_upload(ROWS), by=cast["lap_a"])


# --- the view ---------------------------------------------------------------------------------


def url(inspection: Any) -> str:
    return reverse("cases:upload", args=[inspection.pk])


def test_upload_page_redirects_to_the_list_with_a_banner(inspection: Any, client_for: Any) -> None:
    response = client_for("lap_a").post(url(inspection), {"case_list": csv_upload(ROWS)}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("cases:list", args=[inspection.pk])
    assert "12 children and young people added to the case list" in response.content.decode()
    assert stored(inspection) == 12


def test_bad_upload_re_renders_with_an_error_summary_naming_the_row(inspection: Any, client_for: Any) -> None:
    rows = [ROWS[0], ROWS[1], "BED-099,12-15,ASD,ehc_plan,special_school,no"]
    response = client_for("lap_a").post(url(inspection), {"case_list": csv_upload(rows)})
    assert response.status_code == 400
    page = response.content.decode()
    assert "govuk-error-summary" in page
    assert 'href="#id_case_list"' in page
    assert "row 4, age_band: &#x27;12-15&#x27; is not one of 0-4, 5-10, 11-15, 16-19, 20-25" in page
    assert stored(inspection) == 0


def test_upload_without_a_file_is_a_400(inspection: Any, client_for: Any) -> None:
    response = client_for("lap_a").post(url(inspection), {})
    assert response.status_code == 400
    assert "Select a CSV file" in response.content.decode()


def test_inspector_may_not_upload(inspection: Any, client_for: Any) -> None:
    assert client_for("inspector").post(url(inspection), {"case_list": csv_upload(ROWS)}).status_code == 403
    assert stored(inspection) == 0
