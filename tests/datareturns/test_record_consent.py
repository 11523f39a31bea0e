"""The partnership records each family's answer; agreed starts the document clock, declined
brings in a replacement."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from areasend.accounts.models import AuditAction, AuditEvent
from areasend.datareturns import services
from areasend.datareturns.models import TrackingCase
from areasend.inspections.models import WorkflowError
from areasend.notifications.models import Kind, Notification

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("agreed_on", "due"), [
    (date(2026, 9, 8), date(2026, 9, 10)),  # Tuesday: Thursday
    (date(2026, 9, 11), date(2026, 9, 15)),  # Friday: over the weekend to Tuesday
    # Thursday 24 December 2026: Christmas Day (Fri), the weekend and the Boxing Day substitute
    # bank holiday (Mon 28) do not count, so Tuesday 29 and Wednesday 30 are the two working days.
    (date(2026, 12, 24), date(2026, 12, 30)),
])
def test_agreed_documents_are_due_two_working_days_later(
    cases: Any, cast: dict[str, Any], agreed_on: date, due: date
) -> None:
    with time_machine.travel(f"{agreed_on.isoformat()} 12:00 +0000", tick=False):  # recorded on the day
        case = services.record_consent(cases[0], "agreed", by=cast["lap_a"], on=agreed_on)
    case.refresh_from_db()
    assert (case.consent, case.consent_recorded_on, case.documents_due) == ("agreed", agreed_on, due)


def test_agreed_notifies_the_areas_users(cases: Any, cast: dict[str, Any]) -> None:
    services.record_consent(cases[0], "agreed", by=cast["lap_a"], on=date(2026, 9, 8))
    note = Notification.objects.get(kind=Kind.TRACKING_DOCUMENTS_REQUESTED)
    assert note.to == cast["lap_a"].email
    assert "Thursday 10 September 2026" in note.subject


def test_declined_proposes_a_replacement(inspection: Any, cases: Any, cast: dict[str, Any]) -> None:
    case = services.record_consent(cases[0], "declined", by=cast["lap_a"], on=date(2026, 9, 8))
    case.refresh_from_db()
    assert case.consent == "declined" and case.replaced_by is not None
    replacement = case.replaced_by
    assert replacement.consent == "proposed" and replacement.seed == case.seed
    assert replacement.entry not in {c.entry for c in cases}
    assert TrackingCase.objects.for_inspection(inspection).current().count() == 6
    event = AuditEvent.objects.get(action=AuditAction.UPDATE, object_type="datareturns.TrackingCase",
                                   object_id=str(case.pk))
    assert event.data["replaced_by"] == replacement.pk and event.data["consent"] == "declined"


def test_the_replacement_for_a_declined_ap_case_is_in_ap(cases: Any, cast: dict[str, Any]) -> None:
    # Seed 42 tracks one child in AP (BED-007); the list's only other one is BED-005.
    [ap_case] = [c for c in cases if c.entry.in_ap]
    services.record_consent(ap_case, "declined", by=cast["lap_a"], on=date(2026, 9, 8))
    ap_case.refresh_from_db()
    assert ap_case.entry.reference == "BED-007"
    assert ap_case.replaced_by.entry.reference == "BED-005"


def test_withdrawn_after_agreement_proposes_a_replacement(agreed_case: Any, cast: dict[str, Any]) -> None:
    services.record_consent(agreed_case, "withdrawn", by=cast["lap_a"], on=date(2026, 9, 11))
    agreed_case.refresh_from_db()
    assert agreed_case.consent == "withdrawn" and agreed_case.replaced_by is not None


def test_no_replacement_when_nobody_is_left(inspection: Any, cast: dict[str, Any]) -> None:
    services.add_entry(inspection, by=cast["lap_a"], reference="ONLY-1", age_band="0-4", need="HI",
                       provision="ehc_plan", setting="early_years", in_alternative_provision="no")
    [case] = services.select_cases(inspection, by=cast["inspector"], seed=1)
    services.record_consent(case, "declined", by=cast["lap_a"], on=date(2026, 9, 8))
    case.refresh_from_db()
    assert case.consent == "declined" and case.replaced_by is None


@pytest.mark.parametrize(("first", "then", "message"), [
    ("proposed", "withdrawn", "only be withdrawn once it has been agreed"),
    ("agreed", "declined", "record that consent was withdrawn instead"),
    ("agreed", "agreed", "already been agreed"),
    ("proposed", "proposed", "not a consent status you can record"),
])
def test_consent_changes_that_make_no_sense_are_refused(
    cases: Any, cast: dict[str, Any], first: str, then: str, message: str
) -> None:
    case = cases[0]
    if first != "proposed":
        services.record_consent(case, first, by=cast["lap_a"], on=date(2026, 9, 8))
    with pytest.raises(WorkflowError, match=message):
        services.record_consent(case, then, by=cast["lap_a"], on=date(2026, 9, 9))


def test_a_date_before_notification_is_refused(cases: Any, cast: dict[str, Any]) -> None:
    with pytest.raises(WorkflowError, match="before the inspection was notified"):
        services.record_consent(cases[0], "agreed", by=cast["lap_a"], on=date(2026, 9, 4))


@pytest.mark.parametrize("who", ["inspector", "lap_b", "admin"])
def test_only_the_areas_users_record_consent(cases: Any, cast: dict[str, Any], who: str) -> None:
    with pytest.raises(PermissionDenied):
        services.record_consent(cases[0], "agreed", by=cast[who], on=date(2026, 9, 8))


def post(client: Any, inspection: Any, case: Any, **fields: str) -> Any:
    data = {f"consent-{case.pk}-{k}": v for k, v in fields.items()}
    return client.post(reverse("cases:consent", args=[inspection.pk, case.pk]), data)


def test_consent_page_records_agreement(inspection: Any, cases: Any, client_for: Any) -> None:
    response = post(client_for("lap_a"), inspection, cases[0], status="agreed", day="11", month="9", year="2026")
    assert response.status_code == 302
    cases[0].refresh_from_db()
    assert cases[0].documents_due == date(2026, 9, 15)
    page = client_for("lap_a").get(reverse("cases:list", args=[inspection.pk])).content.decode()
    assert "due Tuesday 15 September 2026" in page


@pytest.mark.parametrize(("fields", "anchor", "message"), [
    ({"status": ""}, "status", "Select what the family said"),
    ({"status": "agreed", "day": "31", "month": "2", "year": "2026"}, "day", "The date must be a real date"),
    ({"status": "agreed", "day": "3", "month": "", "year": "2026"}, "day", "must include a day, month and year"),
    ({"status": "withdrawn"}, "status", "only be withdrawn once it has been agreed"),
])
def test_consent_page_names_the_problem(
    inspection: Any, cases: Any, client_for: Any, fields: dict[str, str], anchor: str, message: str
) -> None:
    case = cases[0]
    response = post(client_for("lap_a"), inspection, case, **fields)
    assert response.status_code == 400
    page = response.content.decode()
    assert f'href="#consent-{case.pk}-{anchor}"' in page and message in page
    case.refresh_from_db()
    assert case.consent == "proposed"


def test_inspector_may_not_record_consent(inspection: Any, cases: Any, client_for: Any) -> None:
    assert post(client_for("inspector"), inspection, cases[0], status="agreed").status_code == 403
