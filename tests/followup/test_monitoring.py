"""Monitoring inspections as the monitoring kind of live activity: only after outcome 3, within
the cap, a finding per area for priority action; publication moves the due list."""

from datetime import date

import pytest
from django.utils import timezone

from areasend.areas.models import LocalAreaPartnership
from areasend.followup import monitoring
from areasend.framework.activities import ActivityType
from areasend.inspections import workflow
from areasend.inspections.due import due_for_area
from areasend.inspections.models import Activity, WorkflowError
from tests.conftest import needs_shared

from .conftest import NOTTS

pytestmark = [pytest.mark.django_db, needs_shared]


def _notify(area, on, cast):
    return workflow.notify(area=area, notified_on=on, officer_name="Nora", officer_email="nora@example.gov.uk",
                           by=cast["planner"], kind=ActivityType.MONITORING_INSPECTION)


def _staff(inspection, cast, make_user):
    workflow.add_team_member(inspection, inspector=cast["inspector"], role="ofsted_lead", remit="education",
                             by=cast["planner"])
    workflow.add_team_member(inspection, inspector=make_user("cara", "inspector", inspectorate="cqc"),
                             role="cqc_lead", remit="health", by=cast["planner"])


def _kinds(area, on):
    return [p.activity for p in due_for_area(area, on).due.pending]


def test_recording_nottinghamshires_monitoring_inspection_leaves_the_reinspection_due(cast, make_user, client):
    notts = LocalAreaPartnership.objects.get(gss_code=NOTTS)
    assert ActivityType.MONITORING_INSPECTION in _kinds(notts, date(2025, 6, 1))
    inspection = _notify(notts, date(2025, 6, 30), cast)
    _staff(inspection, cast, make_user)
    lead = cast["inspector"]
    workflow.start_fieldwork(inspection, by=lead)
    workflow.start_evaluating(inspection, by=lead)
    with pytest.raises(WorkflowError, match="Record a finding"):
        workflow.draft_report(inspection, by=lead)
    rows = [monitoring.FindingInput("Timeliness of EHC plans", "effective action"),
            monitoring.FindingInput("Waits for speech and language therapy", "effective action", "Still long")]
    monitoring.record_findings(inspection, rows=rows, by=lead)
    assert inspection.finding == "effective action"
    workflow.draft_report(inspection, by=lead)
    workflow.send_for_factual_accuracy(inspection, by=lead)
    workflow.confirm_no_further_comments(inspection, by=make_user("lap-notts", "lap", area_code=NOTTS))
    workflow.publish(inspection, by=lead)
    activity = Activity.objects.get(inspection=inspection)
    assert activity.kind == ActivityType.MONITORING_INSPECTION and activity.finding == "effective action"
    due = due_for_area(notts, timezone.localdate()).due
    assert [p.activity for p in due.pending] == [ActivityType.FULL_INSPECTION]
    assert due.due_by == date(2026, 5, 16)  # three years after the May 2023 report
    letter = client.get(f"/inspections/{inspection.pk}/report/").content.decode()
    assert "is taking <strong>effective action</strong>" in letter and "Waits for speech and language" in letter
    assert "Still long" in letter and "No outcome recorded yet" not in letter


def test_one_ineffective_area_makes_the_letter_ineffective(cast, make_user):
    notts = LocalAreaPartnership.objects.get(gss_code=NOTTS)
    inspection = _notify(notts, date(2025, 6, 30), cast)
    _staff(inspection, cast, make_user)
    workflow.start_fieldwork(inspection, by=cast["inspector"])
    workflow.start_evaluating(inspection, by=cast["inspector"])
    with pytest.raises(WorkflowError, match="Area for priority action 2: choose effective"):
        monitoring.record_findings(inspection, rows=[monitoring.FindingInput("A", "effective action"),
                                                     monitoring.FindingInput("B", "maybe")], by=cast["inspector"])
    monitoring.record_findings(inspection, rows=[monitoring.FindingInput("A", "effective action"),
                                                 monitoring.FindingInput("B", "ineffective action")],
                               by=cast["inspector"])
    assert inspection.finding == "ineffective action"
    assert inspection.priority_findings.count() == 2


def test_monitoring_only_follows_outcome_3(bedford, cast):
    with pytest.raises(WorkflowError, match="only follows outcome 3"):
        _notify(bedford, date(2026, 9, 7), cast)


def test_a_fourth_monitoring_visit_within_12_months_is_refused(bury, cast):
    for n, start in enumerate([date(2025, 8, 4), date(2025, 10, 6), date(2026, 1, 5)]):
        activity = Activity.objects.create(
            kind=ActivityType.MONITORING_INSPECTION, framework="2023", inspected_code=bury.gss_code,
            inspected_name=bury.name, start_date=start, source_key=f"test:monitoring:{n}")
        activity.areas.add(bury)
    with pytest.raises(WorkflowError, match="more than 3 monitoring visits within 12 months"):
        _notify(bury, date(2026, 3, 2), cast)
    assert _notify(bury, date(2026, 10, 5), cast).kind == ActivityType.MONITORING_INSPECTION


def test_ineffective_action_makes_a_further_monitoring_visit_due():
    from areasend.framework.followup import ActivityRecord, next_due
    from areasend.framework.outcomes import Outcome

    full = ActivityRecord(ActivityType.FULL_INSPECTION, date(2024, 2, 12), date(2024, 2, 16), date(2024, 5, 7),
                          outcome=Outcome.SYSTEMIC_FAILINGS)
    monitoring = ActivityRecord(ActivityType.MONITORING_INSPECTION, date(2025, 10, 20), date(2025, 10, 22),
                                date(2026, 1, 5), finding="ineffective action")
    due = next_due([full, monitoring], date(2026, 2, 2))
    further = [p for p in due.pending if p.activity is ActivityType.MONITORING_INSPECTION]
    assert [p.due_by for p in further] == [date(2027, 1, 5)]
    assert further[0].rule == "ineffective-action-monitoring-12m"
    effective = ActivityRecord(ActivityType.MONITORING_INSPECTION, date(2025, 10, 20), date(2025, 10, 22),
                               date(2026, 1, 5), finding="effective action")
    assert [p.activity for p in next_due([full, effective], date(2026, 2, 2)).pending] == [
        ActivityType.FULL_INSPECTION]
