"""The full inspection's state machine: who may do what, when, and what it leaves behind."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied

from areasend.accounts.models import AuditAction, AuditEvent
from areasend.areas.models import LocalAreaPartnership
from areasend.framework.timeline import InvalidNotificationDate
from areasend.insights.stats import counts_2023
from areasend.inspections import evidence, workflow
from areasend.inspections.models import Activity, Inspection, State, WorkflowError
from areasend.planning.models import ConflictOfInterest
from tests.inspections.conftest import NOTIFIED, advance_to_evaluating, complete_outcome

pytestmark = pytest.mark.django_db

BEDFORD = "E06000055"


def area(code: str = BEDFORD) -> LocalAreaPartnership:
    return LocalAreaPartnership.objects.get(gss_code=code)


@pytest.mark.parametrize(("day", "message"), [
    (date(2026, 9, 8), "is a Tuesday; notification must be on a Monday"),
    (date(2026, 8, 31), "is a bank holiday \\(Late Summer Bank Holiday\\)"),
])
def test_notification_must_be_a_working_monday(cast, day, message):
    with pytest.raises(InvalidNotificationDate, match=message):
        workflow.notify(confirmed=True, area=area(), notified_on=day, officer_name="N", officer_email="n@example.org",
                        by=cast["planner"])
    assert not Inspection.objects.exists()


def test_notification_derives_the_timeline_and_is_audited(cast):
    inspection = workflow.notify(confirmed=True, area=area(), notified_on=date(2025, 9, 8), officer_name="Nora",
                                 officer_email="nora@example.org", by=cast["planner"])
    assert inspection.framework_version == "2025-07"
    assert (inspection.onsite.start, inspection.onsite.last_day) == (date(2025, 9, 22), date(2025, 9, 26))
    assert AuditEvent.objects.filter(action=AuditAction.CREATE, object_id=str(inspection.pk)).exists()


@pytest.mark.parametrize("name", ["inspector", "lap_a", "public"])
def test_only_planners_notify(cast, name):
    with pytest.raises(PermissionDenied):
        workflow.notify(area=area(), notified_on=NOTIFIED, officer_name="N", officer_email="n@example.org",
                        by=cast[name], confirmed=True)


def test_one_open_inspection_per_area(inspection, cast):
    with pytest.raises(WorkflowError, match="already has an inspection in progress"):
        workflow.notify(confirmed=True, area=area(), notified_on=date(2026, 9, 14), officer_name="N",
                        officer_email="n@example.org", by=cast["planner"])


def test_fieldwork_needs_exactly_one_lead_from_each_inspectorate(cast, make_user):
    inspection = workflow.notify(confirmed=True, area=area(), notified_on=NOTIFIED, officer_name="N",
                                 officer_email="n@example.org", by=cast["planner"])
    workflow.add_team_member(inspection, inspector=cast["inspector"], role="ofsted_lead", remit="education",
                             by=cast["planner"])
    with pytest.raises(WorkflowError, match="exactly one CQC lead"):
        workflow.start_fieldwork(inspection, by=cast["inspector"])
    assert Inspection.objects.get(pk=inspection.pk).state == State.NOTIFIED


def test_an_ofsted_inspector_cannot_be_the_cqc_lead(cast):
    inspection = workflow.notify(confirmed=True, area=area(), notified_on=NOTIFIED, officer_name="N",
                                 officer_email="n@example.org", by=cast["planner"])
    with pytest.raises(WorkflowError, match="cannot take the role"):
        workflow.add_team_member(inspection, inspector=cast["inspector"], role="cqc_lead", remit="health",
                                 by=cast["planner"])


def test_a_second_ofsted_lead_is_refused(inspection, make_user, cast):
    other = make_user("olly-hmi", "inspector", inspectorate="ofsted")
    with pytest.raises(WorkflowError, match="already has a lead inspector"):
        workflow.add_team_member(inspection, inspector=other, role="ofsted_lead", remit="education",
                                 by=cast["planner"])


def test_declared_conflict_of_interest_blocks_joining(cast, make_user, inspection):
    conflicted = make_user("con-hmi", "inspector", inspectorate="ofsted")
    ConflictOfInterest.objects.create(inspector=conflicted, area=inspection.area,
                                      reason="worked for Bedford Borough Council until 2025")
    with pytest.raises(WorkflowError, match="declared a conflict of interest"):
        workflow.add_team_member(inspection, inspector=conflicted, role="ofsted_hmi", remit="education",
                                 by=cast["planner"])
    assert not inspection.team.filter(inspector=conflicted).exists()


def test_transitions_out_of_order_are_refused(inspection, cast):
    lead = cast["inspector"]
    with pytest.raises(WorkflowError, match="can only be done when the inspection is fieldwork"):
        workflow.start_evaluating(inspection, by=lead)
    with pytest.raises(WorkflowError):
        workflow.publish(inspection, by=lead)
    assert Inspection.objects.get(pk=inspection.pk).state == State.NOTIFIED


def test_only_the_lead_evaluates(inspection, cqc_lead, cast):
    workflow.start_fieldwork(inspection, by=cqc_lead)
    with pytest.raises(PermissionDenied):
        workflow.start_evaluating(inspection, by=cqc_lead)


def test_draft_needs_an_outcome_findings_and_recommendations(inspection, cast):
    lead = cast["inspector"]
    advance_to_evaluating(inspection, lead)
    with pytest.raises(WorkflowError, match="Record an outcome"):
        workflow.draft_report(inspection, by=lead)


def test_priority_actions_only_with_outcome_3(inspection, cast):
    lead = cast["inspector"]
    advance_to_evaluating(inspection, lead)
    workflow.record_outcome(inspection, outcome=2, experience="a", effective="b", improve="c", by=lead)
    with pytest.raises(WorkflowError, match="only be given with outcome 3"):
        evidence.add_recommendation(inspection, by=lead, kind="priority_action", text="x", partner_ids=[],
                                    whole_partnership=True, themes=[])


def test_outcome_3_needs_a_priority_action(inspection, cast):
    lead = cast["inspector"]
    advance_to_evaluating(inspection, lead)
    workflow.record_outcome(inspection, outcome=3, experience="a", effective="b", improve="c", by=lead)
    la = inspection.area.partners.get(kind="la")
    evidence.add_recommendation(inspection, by=lead, kind="improvement", text="x", partner_ids=[la.pk],
                                whole_partnership=False, themes=[])
    with pytest.raises(WorkflowError, match="needs at least one area for priority action"):
        workflow.draft_report(inspection, by=lead)


def test_lowering_the_outcome_with_priority_actions_is_refused(inspection, cast):
    lead = cast["inspector"]
    advance_to_evaluating(inspection, lead)
    complete_outcome(inspection, lead, outcome=3)
    with pytest.raises(WorkflowError, match="only for outcome 3"):
        workflow.record_outcome(inspection, outcome=1, experience="a", effective="b", improve="c", by=lead)
    assert Inspection.objects.get(pk=inspection.pk).outcome == 3


def test_a_partner_of_another_area_cannot_be_named(inspection, cast):
    lead = cast["inspector"]
    advance_to_evaluating(inspection, lead)
    workflow.record_outcome(inspection, outcome=2, experience="a", effective="b", improve="c", by=lead)
    bury_la = LocalAreaPartnership.objects.get(gss_code="E08000002").partners.get(kind="la")
    with pytest.raises(PermissionDenied):
        evidence.add_recommendation(inspection, by=lead, kind="improvement", text="x",
                                    partner_ids=[bury_la.pk], whole_partnership=False, themes=[])


def test_full_lifecycle_publishes_into_history_and_statistics(inspection, cast):
    lead, lap = cast["inspector"], cast["lap_a"]
    before = counts_2023(date(2026, 1, 1), date(2026, 12, 31))
    advance_to_evaluating(inspection, lead)
    complete_outcome(inspection, lead, outcome=3)
    workflow.draft_report(inspection, by=lead)
    workflow.send_for_factual_accuracy(inspection, by=lead, sent_on=date(2026, 10, 5))
    assert inspection.accuracy_deadline == date(2026, 10, 12)  # 5 working days
    comment = workflow.add_accuracy_comment(inspection, paragraph="experience-1",
                                            comment="The waits fell in July.", by=lap)
    with pytest.raises(WorkflowError, match="Answer the 1 factual-accuracy comment"):
        workflow.publish(inspection, by=lead)
    assert not Activity.objects.filter(source_key=f"areasend:inspection:{inspection.pk}").exists()
    workflow.answer_accuracy_comment(comment, response="Corrected.", accepted=True, by=lead)
    workflow.publish(inspection, by=lead, published_on=date(2026, 11, 20))
    inspection.refresh_from_db()
    assert inspection.state == State.PUBLISHED
    assert inspection.activity is not None and inspection.activity.outcome == 3
    after = counts_2023(date(2026, 1, 1), date(2026, 12, 31))
    assert after["inspections"] == before["inspections"] + 1
    assert after["outcomes"]["3"] == before["outcomes"]["3"] + 1
    follow_up = inspection.follow_up
    assert follow_up.monitoring_inspection_by == date(2028, 5, 20)
    assert follow_up.priority_action_plan_due is not None


def test_lap_user_of_another_area_cannot_comment(inspection, cast):
    lead = cast["inspector"]
    advance_to_evaluating(inspection, lead)
    complete_outcome(inspection, lead)
    workflow.draft_report(inspection, by=lead)
    workflow.send_for_factual_accuracy(inspection, by=lead)
    with pytest.raises(PermissionDenied):
        workflow.add_accuracy_comment(inspection, paragraph="experience-1", comment="x", by=cast["lap_b"])
    with pytest.raises(WorkflowError, match="not in the draft report"):
        workflow.add_accuracy_comment(inspection, paragraph="nonsense-9", comment="x", by=cast["lap_a"])


def test_pause_resume_and_withdraw_need_a_reason(inspection, cast):
    planner = cast["planner"]
    with pytest.raises(WorkflowError, match="Give a reason"):
        workflow.pause(inspection, reason=" ", by=planner)
    workflow.pause(inspection, reason="Local election period", by=planner)
    assert inspection.state == State.PAUSED
    workflow.resume(inspection, by=planner)
    assert inspection.state == State.NOTIFIED
    workflow.withdraw(inspection, reason="Duplicate", by=planner)
    assert inspection.state == State.WITHDRAWN
    transitions = AuditEvent.objects.filter(action=AuditAction.TRANSITION, object_id=str(inspection.pk))
    assert [e.data["new"] for e in transitions.order_by("id")] == ["paused", "notified", "withdrawn"]


def test_evidence_edits_keep_history_and_deletes_are_soft(inspection, cast):
    lead = cast["inspector"]
    note = evidence.add_note(inspection, by=lead, source="meeting", observed_on=NOTIFIED, criterion_code="A1",
                             themes=["early-help"], strength="concern", text="First version")
    assert evidence.edit_note(note, by=lead, text="Second version") is True
    assert evidence.edit_note(note, by=lead, text="Second version") is False  # unchanged autosave
    note.refresh_from_db()
    assert note.text == "Second version"
    assert [r.text for r in note.revisions.all()] == ["First version"]
    with pytest.raises(WorkflowError, match="Give a reason"):
        evidence.delete_note(note, by=lead, reason="")
    evidence.delete_note(note, by=lead, reason="Duplicate of note 4")
    assert inspection.evidence.current().count() == 0
    assert inspection.evidence.count() == 1


def test_evidence_is_refused_for_unknown_criteria_and_non_team(inspection, cast):
    with pytest.raises(WorkflowError, match="'Z9' is not an evaluation criterion"):
        evidence.add_note(inspection, by=cast["inspector"], source="meeting", observed_on=NOTIFIED,
                          criterion_code="Z9", themes=[], strength="positive", text="x")
    with pytest.raises(PermissionDenied):
        evidence.add_note(inspection, by=cast["planner"], source="meeting", observed_on=NOTIFIED,
                          criterion_code="A1", themes=[], strength="positive", text="x")
