"""The tracking-cases page: who sees it, what each role can do there, and the audit of views."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from areasend.accounts.models import AuditAction, AuditEvent
from areasend.datareturns import services
from areasend.datareturns.models import CaseListEntry, TrackingCase
from areasend.inspections.models import Inspection

from .conftest import PDF, ROWS, csv_upload, upload

pytestmark = pytest.mark.django_db


def page_url(inspection: Any) -> str:
    return reverse("cases:list", args=[inspection.pk])


@pytest.mark.parametrize("who", ["planner", "admin", "outsider", "conflicted", "lap_b"])
def test_need_to_know_keeps_the_case_list_from_everyone_else(inspection: Any, cases: Any, client_for: Any,
                                                             who: str) -> None:
    """Planners staff and move an inspection without children's details; an administrator needs
    break-glass; an inspector on no team or with a conflict sees nothing."""
    assert client_for(who).get(page_url(inspection)).status_code == 404
    assert not AuditEvent.objects.filter(action=AuditAction.VIEW).exists()


@pytest.mark.parametrize("who", ["lap_a", "inspector"])
def test_the_area_and_the_team_see_the_page_and_each_view_is_audited(
    inspection: Any, cases: Any, client_for: Any, cast: dict[str, Any], who: str
) -> None:
    response = client_for(who).get(page_url(inspection))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Tracking cases" in page and "BED-007" in page
    event = AuditEvent.objects.get(action=AuditAction.VIEW)
    assert (event.user, event.object_type, event.object_id, event.area_code) == (
        cast[who], "inspections.Inspection", str(inspection.pk), "E06000055")
    assert event.data == {"page": "tracking-cases", "entries_page": 1, "entries": 12, "cases": 6}  # no references


def _all_urls(inspection: Any, case: Any, document: Any) -> list[tuple[str, str]]:
    pk = inspection.pk
    return [
        ("get", reverse("cases:list", args=[pk])),
        ("post", reverse("cases:add-entry", args=[pk])),
        ("post", reverse("cases:upload", args=[pk])),
        ("post", reverse("cases:select", args=[pk])),
        ("post", reverse("cases:swap", args=[pk, case.pk])),
        ("post", reverse("cases:consent", args=[pk, case.pk])),
        ("post", reverse("cases:upload-document", args=[pk, case.pk])),
        ("get", reverse("cases:download", args=[pk, case.pk, document.pk])),
    ]


@pytest.mark.parametrize("who", ["lap_b", "public", "anonymous"])
@pytest.mark.parametrize("published", [False, True])
def test_everyone_else_gets_404_on_every_cases_url(
    inspection: Any, agreed_case: Any, client_for: Any, cast: dict[str, Any], who: str, published: bool
) -> None:
    document = services.upload_document(agreed_case, upload("plan.pdf", PDF), by=cast["lap_a"])
    if published:  # the public may see a published inspection, never its person-level data
        Inspection.objects.filter(pk=inspection.pk).update(state="published", published_on=date(2026, 11, 2))
    client = client_for(who)
    for method, url in _all_urls(inspection, agreed_case, document):
        data = {"case_list": csv_upload(ROWS)} if url.endswith("/upload/") else {}
        response = getattr(client, method)(url, data)
        assert response.status_code == 404, (method, url)
    assert CaseListEntry.objects.count() == 12
    assert not AuditEvent.objects.filter(action__in=[AuditAction.VIEW, AuditAction.EXPORT]).exists()


def test_wrong_methods_are_refused(inspection: Any, agreed_case: Any, client_for: Any, cast: dict[str, Any]) -> None:
    document = services.upload_document(agreed_case, upload("plan.pdf", PDF), by=cast["lap_a"])
    client = client_for("lap_a")
    for method, url in _all_urls(inspection, agreed_case, document):
        wrong = client.post if method == "get" else client.get
        assert wrong(url).status_code == 405, url


def test_a_case_of_another_inspection_is_a_404(inspection: Any, cases: Any, client_for: Any,
                                                cast: dict[str, Any]) -> None:
    from areasend.areas.models import LocalAreaPartnership
    from areasend.inspections import workflow

    from .conftest import NOTIFIED

    other = workflow.notify(area=LocalAreaPartnership.objects.get(gss_code="E08000002"), notified_on=NOTIFIED,
                            officer_name="O", officer_email="o@bury.example", by=cast["planner"], confirmed=True)
    url = reverse("cases:consent", args=[other.pk, cases[0].pk])
    assert client_for("inspector").post(url, {}).status_code == 404


def test_lap_user_sees_the_upload_and_consent_forms_but_not_selection(
    inspection: Any, cases: Any, client_for: Any
) -> None:
    page = client_for("lap_a").get(page_url(inspection)).content.decode()
    assert 'enctype="multipart/form-data"' in page and 'class="govuk-file-upload' in page
    assert reverse("cases:consent", args=[inspection.pk, cases[0].pk]) in page
    assert reverse("cases:swap", args=[inspection.pk, cases[0].pk]) not in page
    assert reverse("cases:select", args=[inspection.pk]) not in page


def test_inspector_sees_the_select_form_before_selection(inspection: Any, case_list: Any, client_for: Any) -> None:
    page = client_for("inspector").get(page_url(inspection)).content.decode()
    assert reverse("cases:select", args=[inspection.pk]) in page
    assert reverse("cases:upload", args=[inspection.pk]) not in page


def test_inspector_sees_swap_forms_after_selection(inspection: Any, cases: Any, client_for: Any) -> None:
    page = client_for("inspector").get(page_url(inspection)).content.decode()
    assert reverse("cases:swap", args=[inspection.pk, cases[0].pk]) in page
    assert reverse("cases:consent", args=[inspection.pk, cases[0].pk]) not in page


def test_planner_not_on_the_team_sees_no_forms_and_no_download_links(
    inspection: Any, agreed_case: Any, client_for: Any, cast: dict[str, Any]
) -> None:
    document = services.upload_document(agreed_case, upload("plan.pdf", PDF), by=cast["lap_a"])
    page = client_for("planner").get(page_url(inspection)).content.decode()
    assert "<form method=\"post\" action=\"/inspections" not in page
    assert reverse("cases:download", args=[inspection.pk, agreed_case.pk, document.pk]) not in page


def test_consent_tags_and_due_dates_are_shown(inspection: Any, agreed_case: Any, client_for: Any) -> None:
    page = client_for("lap_a").get(page_url(inspection)).content.decode()
    assert "govuk-tag--green\">Consent agreed" in page
    assert "due Monday 14 September 2026" in page  # agreed Thursday 10 September
    assert page.count("govuk-tag--grey\">Proposed") == 5


def test_working_days_left_are_counted(inspection: Any, agreed_case: Any, client_for: Any) -> None:
    with time_machine.travel(date(2026, 9, 11), tick=False):  # Friday; due Monday 14
        page = client_for("lap_a").get(page_url(inspection)).content.decode()
    assert "due Monday 14 September 2026\n        (1 working day left)" in page


def test_late_documents_are_flagged(inspection: Any, agreed_case: Any, client_for: Any) -> None:
    with time_machine.travel(date(2026, 9, 15), tick=False):
        page = client_for("lap_a").get(page_url(inspection)).content.decode()
    assert "govuk-tag--red\">Late" in page


def test_documents_in_on_time_are_not_late(inspection: Any, agreed_case: Any, client_for: Any,
                                            cast: dict[str, Any]) -> None:
    services.upload_document(agreed_case, upload("plan.pdf", PDF), by=cast["lap_a"])
    with time_machine.travel(date(2026, 9, 15), tick=False):
        page = client_for("lap_a").get(page_url(inspection)).content.decode()
    assert ">Late<" not in page and "plan.pdf" in page


def test_no_inline_script_or_style(inspection: Any, cases: Any, client_for: Any) -> None:
    page = client_for("lap_a").get(page_url(inspection)).content.decode()
    assert " style=" not in page
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", page)


def _queries(client: Any, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_query_count_does_not_grow_with_cases_or_documents(
    inspection: Any, agreed_case: Any, client_for: Any, cast: dict[str, Any]
) -> None:
    client = client_for("inspector")
    before = _queries(client, page_url(inspection))
    for name in ("a.pdf", "b.pdf", "c.pdf"):
        services.upload_document(agreed_case, upload(name, PDF), by=cast["lap_a"])
    services.record_consent(TrackingCase.objects.current().exclude(pk=agreed_case.pk).first(), "declined",
                            by=cast["lap_a"], on=date(2026, 9, 10))
    assert _queries(client, page_url(inspection)) == before
