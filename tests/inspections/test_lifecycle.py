"""The one transition function, for every kind: events, audit, repeats and concurrency."""

import threading
from datetime import date
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection

from areasend.accounts.models import AuditAction, AuditEvent
from areasend.areas.models import LocalAreaPartnership
from areasend.framework.activities import ActivityType
from areasend.inspections import workflow
from areasend.inspections.lifecycle import transition
from areasend.inspections.models import Activity, Inspection, InspectionEvent, State, WorkflowError
from tests.inspections.conftest import advance_to_evaluating, complete_outcome

BEDFORD = "E06000055"


def _notify(cast: dict[str, Any], kind: str, on: date) -> Inspection:
    return workflow.notify(confirmed=True, area=LocalAreaPartnership.objects.get(gss_code=BEDFORD), notified_on=on,
                           officer_name="Nora", officer_email="nora@bedford.example", by=cast["planner"],
                           kind=kind)


def _staff(inspection: Inspection, cast: dict[str, Any], cqc_lead: Any) -> None:
    workflow.add_team_member(inspection, inspector=cast["inspector"], role="ofsted_lead", remit="education",
                             by=cast["planner"])
    workflow.add_team_member(inspection, inspector=cqc_lead, role="cqc_lead", remit="health", by=cast["planner"])


@pytest.mark.django_db
def test_a_monitoring_inspection_walks_its_lifecycle_with_the_same_function(cast, cqc_lead):
    # A monitoring inspection follows outcome 3 (Bury, May 2024) and needs its findings (issue 9).
    from areasend.followup.monitoring import FindingInput, record_findings

    monitoring = workflow.notify(area=LocalAreaPartnership.objects.get(gss_code="E08000002"),
                                 notified_on=date(2025, 9, 29), officer_name="Nora", officer_email="n@bury.example",
                                 by=cast["planner"], kind=ActivityType.MONITORING_INSPECTION)
    _staff(monitoring, cast, cqc_lead)
    lead = cast["inspector"]
    for action in ["start-fieldwork", "start-evaluating"]:
        transition(monitoring, action, by=lead)
    record_findings(monitoring, rows=[FindingInput("Use of data", "effective action")], by=lead)
    for action in ["draft-report", "send-for-accuracy"]:
        transition(monitoring, action, by=lead)
    assert monitoring.state == State.FACTUAL_ACCURACY
    workflow.publish(monitoring, by=lead, published_on=date(2025, 11, 10))
    activity = Activity.objects.get(inspection=monitoring)
    assert activity.kind == ActivityType.MONITORING_INSPECTION and activity.outcome is None
    assert activity.finding == "effective action"
    assert activity.start_date == date(2025, 10, 13)  # the on-site days of week 3
    assert [e.action for e in monitoring.events.all()] == [
        "start-fieldwork", "start-evaluating", "draft-report", "send-for-accuracy", "publish"]


@pytest.mark.django_db
def test_an_engagement_meeting_is_scheduled_then_held_and_never_published(cast, cqc_lead):
    meeting = _notify(cast, ActivityType.ENGAGEMENT_MEETING, date(2026, 10, 14))
    assert meeting.state == State.SCHEDULED
    _staff(meeting, cast, cqc_lead)
    with pytest.raises(PermissionDenied):
        workflow.hold_meeting(meeting, by=cast["planner"])  # the team holds it, not the planner
    workflow.hold_meeting(meeting, by=cqc_lead)
    assert meeting.state == State.HELD
    activity = Activity.objects.get(inspection=meeting)
    assert activity.kind == ActivityType.ENGAGEMENT_MEETING and activity.publication_date is None
    assert not Activity.objects.published().filter(pk=activity.pk).exists()


@pytest.mark.django_db
def test_a_meeting_cannot_be_recorded_before_its_date(cast, cqc_lead):
    meeting = _notify(cast, ActivityType.ENGAGEMENT_MEETING, date(2099, 1, 7))
    _staff(meeting, cast, cqc_lead)
    with pytest.raises(WorkflowError, match="record it on or after that day"):
        workflow.hold_meeting(meeting, by=cqc_lead)
    assert meeting.state == State.SCHEDULED and not meeting.events.exists()


@pytest.mark.django_db
def test_each_transition_writes_an_event_and_an_audit_row_without_the_reason(cast, inspection):
    workflow.pause(inspection, reason="Lead inspector is ill (call 07700 900123)", by=cast["planner"])
    event = InspectionEvent.objects.get(inspection=inspection)
    assert (event.from_state, event.to_state, event.by) == (State.NOTIFIED, State.PAUSED, cast["planner"])
    assert "07700" in event.reason
    row = AuditEvent.objects.filter(action=AuditAction.TRANSITION).get()
    assert row.data["transition"] == "pause" and "07700" not in str(row.data)
    workflow.withdraw(inspection, reason="Area reorganised", by=cast["planner"])
    assert inspection.event_date(State.WITHDRAWN) == event.at.date() or inspection.event_date(State.WITHDRAWN)


@pytest.mark.django_db
def test_resume_returns_to_the_state_it_was_paused_from(cast, inspection):
    workflow.start_fieldwork(inspection, by=cast["inspector"])
    workflow.pause(inspection, reason="Snow", by=cast["planner"])
    workflow.resume(inspection, by=cast["planner"])
    assert inspection.state == State.FIELDWORK and inspection.paused_from == ""


@pytest.mark.django_db
def test_an_overlong_reason_is_refused_with_a_message(cast, inspection):
    with pytest.raises(WorkflowError, match="500 characters or fewer"):
        workflow.pause(inspection, reason="x" * 5000, by=cast["planner"])
    assert Inspection.objects.get(pk=inspection.pk).state == State.NOTIFIED


@pytest.mark.django_db
def test_a_repeated_request_gets_the_current_state_not_an_error(cast, inspection):
    workflow.start_fieldwork(inspection, by=cast["inspector"])
    stale = Inspection.objects.get(pk=inspection.pk)
    stale.state = State.NOTIFIED  # what a second click's page still showed
    again = workflow.start_fieldwork(stale, by=cast["inspector"])
    assert again.state == State.FIELDWORK
    assert InspectionEvent.objects.filter(action="start-fieldwork").count() == 1


@pytest.mark.django_db
def test_who_may_make_a_transition_comes_from_the_framework_table(cast, inspection, make_user):
    with pytest.raises(PermissionDenied):
        workflow.start_fieldwork(inspection, by=make_user("nat-not-on-team", "inspector", inspectorate="ofsted"))
    with pytest.raises(PermissionDenied):
        workflow.pause(inspection, reason="x", by=cast["inspector"])


def _at_factual_accuracy(inspection: Inspection, lead: Any) -> None:
    advance_to_evaluating(inspection, lead)
    complete_outcome(inspection, lead)
    workflow.draft_report(inspection, by=lead)
    workflow.send_for_factual_accuracy(inspection, by=lead)
    workflow.confirm_no_further_comments(inspection, by=inspection.area.users.get())


def _race(*calls: Any) -> list[str]:
    """Run the calls at the same moment in threads, each on its own database connection."""
    barrier, results = threading.Barrier(len(calls)), []

    def run(call: Any) -> None:
        barrier.wait()
        try:
            call()
            results.append("ok")
        except WorkflowError as exc:
            results.append(f"refused: {exc}")
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(c,)) for c in calls]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    return results


def test_two_concurrent_publishes_make_exactly_one_publication(committed_db, cast, inspection):
    lead = cast["inspector"]
    _at_factual_accuracy(inspection, lead)
    pk = inspection.pk
    results = _race(*[lambda: workflow.publish(Inspection.objects.get(pk=pk), by=lead)] * 2)
    assert results == ["ok", "ok"]  # the second is answered with the current state
    assert Activity.objects.filter(source_key=f"areasend:inspection:{pk}").count() == 1
    assert InspectionEvent.objects.filter(inspection_id=pk, action="publish").count() == 1
    assert Inspection.objects.get(pk=pk).state == State.PUBLISHED


def test_a_pause_and_a_withdrawal_at_once_lose_neither(committed_db, cast, inspection):
    pk, planner = inspection.pk, cast["planner"]
    results = _race(
        lambda: workflow.pause(Inspection.objects.get(pk=pk), reason="Snow", by=planner),
        lambda: workflow.withdraw(Inspection.objects.get(pk=pk), reason="Merged", by=planner),
    )
    events = list(InspectionEvent.objects.filter(inspection_id=pk).order_by("id"))
    final = Inspection.objects.get(pk=pk).state
    # Either both happened in turn (pause, then withdraw from paused) or the withdrawal came first
    # and the pause was refused with a reason; the state is always the last event's.
    assert events[-1].to_state == final == State.WITHDRAWN
    assert results.count("ok") == len(events)
    assert all(r == "ok" or "can only be done when" in r for r in results)


def test_double_clicked_publish_over_http_never_gives_a_500(committed_db, cast, inspection, client_for):
    lead = cast["inspector"]
    _at_factual_accuracy(inspection, lead)
    clients = [client_for("inspector"), client_for("inspector")]
    statuses: list[int] = []
    barrier = threading.Barrier(2)

    def post(client: Any) -> None:
        barrier.wait()
        statuses.append(client.post(f"/inspections/{inspection.pk}/actions/publish/").status_code)
        connection.close()

    threads = [threading.Thread(target=post, args=(c,)) for c in clients]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert statuses == [302, 302]
    assert Activity.objects.filter(source_key=f"areasend:inspection:{inspection.pk}").count() == 1
