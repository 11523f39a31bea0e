"""The data-return page: the partnership uploads, every version is kept, the team sees errors and
indicators, downloads the error report, and turns the return into the case list."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from areasend.accounts.models import AuditAction, AuditEvent
from areasend.datareturns import returns, synthetic
from areasend.datareturns.models import CaseListEntry, DataReturn
from areasend.inspections.models import WorkflowError

from .conftest import upload

pytestmark = pytest.mark.django_db


def return_file(n: int = 40, errors: int = 0, name: str = "return.csv") -> Any:
    return upload(name, synthetic.csv_bytes(n, as_at=timezone.localdate(), seed=5, errors=errors), "text/csv")


def test_partnership_uploads_a_return_and_versions_are_kept(inspection: Any, cast: dict[str, Any]) -> None:
    first = returns.upload_return(inspection, return_file(errors=3), by=cast["lap_a"])
    second = returns.upload_return(inspection, return_file(), by=cast["lap_a"])
    assert (first.number, first.rows, first.error_count) == (1, 40, 3)
    assert (second.number, second.error_count) == (2, 0)
    assert DataReturn.objects.for_inspection(inspection).count() == 2
    assert "final_plan_within_20_weeks" in second.indicators
    event = AuditEvent.objects.filter(action=AuditAction.IMPORT).last()
    assert event is not None and event.data["rows"] == 40 and "SYN-" not in str(event.data)


def test_an_unreadable_file_is_refused_and_the_earlier_return_stays(inspection: Any, cast: dict[str, Any]) -> None:
    returns.upload_return(inspection, return_file(), by=cast["lap_a"])
    with pytest.raises(WorkflowError, match="not UTF-8"):
        returns.upload_return(inspection, upload("r.csv", "case_ref\n\xe9".encode("latin-1")), by=cast["lap_a"])
    assert DataReturn.objects.for_inspection(inspection).count() == 1


def test_only_the_partnership_uploads(inspection: Any, cast: dict[str, Any]) -> None:
    with pytest.raises(PermissionDenied):
        returns.upload_return(inspection, return_file(), by=cast["inspector"])


def test_page_shows_errors_and_indicators_and_audits_the_view(inspection: Any, cast: dict[str, Any],
                                                              client_for: Callable[[str], Any]) -> None:
    returns.upload_return(inspection, return_file(errors=2), by=cast["lap_a"])
    response = client_for("inspector").get(reverse("cases:return", args=[inspection.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "EHC plans issued within 20 weeks" in html and "is not a sex code" in html
    assert html.index('id="errors"') < html.index("is not a sex code") < html.index('id="warnings"')
    assert "There is a problem" not in html  # row errors are not an error in the form
    assert AuditEvent.objects.filter(action=AuditAction.VIEW, data__page="data-return").exists()


@pytest.mark.parametrize("who", ["lap_b", "outsider", "planner", "public", "conflicted"])
def test_others_get_404(inspection: Any, who: str, client_for: Callable[[str], Any]) -> None:
    assert client_for(who).get(reverse("cases:return", args=[inspection.pk])).status_code == 404


def test_upload_through_the_page_and_bad_file_is_a_400(inspection: Any, client_for: Callable[[str], Any]) -> None:
    client = client_for("lap_a")
    url = reverse("cases:upload-return", args=[inspection.pk])
    ok = client.post(url, {"data_return": return_file()})
    assert ok.status_code == 302
    bad = client.post(url, {"data_return": upload("r.csv", b"name,dob\nx,1\n")})
    assert bad.status_code == 400 and "not those of a return" in bad.content.decode()
    assert DataReturn.objects.for_inspection(inspection).count() == 1


def test_error_report_is_csv_safe_and_audited(inspection: Any, cast: dict[str, Any],
                                              client_for: Callable[[str], Any]) -> None:
    stored = returns.upload_return(inspection, return_file(errors=2), by=cast["lap_a"])
    response = client_for("inspector").get(reverse("cases:return-errors", args=[inspection.pk, stored.pk]))
    assert response.status_code == 200
    lines = response.content.decode().splitlines()
    assert lines[0] == "sheet,row,field,severity,message" and len(lines) == 1 + len(stored.issues)
    assert AuditEvent.objects.filter(action=AuditAction.EXPORT, object_id=str(stored.pk)).exists()


def test_the_return_becomes_the_case_list_and_cases_are_drawn_from_it(inspection: Any, cast: dict[str, Any],
                                                                     client_for: Callable[[str], Any]) -> None:
    stored = returns.upload_return(inspection, return_file(n=60, errors=3), by=cast["lap_a"])
    response = client_for("inspector").post(reverse("cases:return-case-list", args=[inspection.pk, stored.pk]))
    assert response.status_code == 302
    entries = CaseListEntry.objects.for_inspection(inspection)
    assert entries.count() == 57  # the rows without errors
    assert returns.make_case_list(stored, by=cast["inspector"]) == 0  # a second run adds nothing
    from areasend.datareturns import services

    cases = services.select_cases(inspection, by=cast["inspector"], seed=7)
    assert len(cases) == inspection.version.tracking_cases
    if entries.filter(in_alternative_provision=True).exists():
        assert any(c.entry.in_ap for c in cases)


def test_topic_samples_are_reproducible(inspection: Any, cast: dict[str, Any]) -> None:
    stored = returns.upload_return(inspection, return_file(n=300), by=cast["lap_a"])
    again = returns.topic_samples(returns.checked_again(stored), stored.as_at, stored.sample_seed)
    assert stored.samples == again
    assert 0 < len(again["final_plan_late"]) <= 10 and len(again["review_overdue"]) <= 5
    late = set(again["final_plan_late"])
    frame = returns.checked_again(stored).valid["v1"].filter(returns._topic_filter("final_plan_late", stored.as_at))
    assert late <= set(frame["case_ref"].to_list())


def test_official_list_rows_map_to_the_case_list() -> None:
    row = {"unique_id": "P-1", "age:t": 12, "primary_need:t": "SPLD", "main_phase:t": "PRU/AP",
           "sub_phase:t": None, "ehe:t": "No"}
    entry = returns._list_entry(row, "ehc_plan")
    assert (entry["age_band"], entry["need"], entry["setting"], entry["in_alternative_provision"]) == (
        "11-15", "SpLD", "alternative_provision", True)
