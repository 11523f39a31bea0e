"""Time only runs forward: nothing is recorded before the day the rules allow it, and a live
activity planned for a later Monday stays scheduled, silent and invisible until then."""

from datetime import date, timedelta
from typing import Any

import pytest
import time_machine

from areasend.areas.models import LocalAreaPartnership
from areasend.datareturns import services
from areasend.inspections import evidence, workflow
from areasend.inspections.models import Inspection, State, WorkflowError
from areasend.notifications.models import Notification
from areasend.policy import inspections_visible_to
from tests.datareturns.conftest import ROWS, csv_upload
from tests.inspections.conftest import advance_to_evaluating, complete_outcome

pytestmark = pytest.mark.django_db

BEDFORD = "E06000055"
NOTIFIED = date(2026, 9, 7)  # working day 8 (off-site fieldwork) is Thursday 17 September


def _notify(cast: dict[str, Any], on: date) -> Inspection:
    return workflow.notify(confirmed=True, area=LocalAreaPartnership.objects.get(gss_code=BEDFORD), notified_on=on,
                           officer_name="Nora", officer_email="nora@bedford.example", by=cast["planner"])


@time_machine.travel("2026-12-01 09:00 +0000", tick=False)
def test_a_later_monday_stays_scheduled_silent_and_invisible_to_the_partnership(cast):
    inspection = _notify(cast, date(2027, 1, 11))
    assert inspection.state == State.SCHEDULED
    assert not Notification.objects.exists()
    assert not inspections_visible_to(cast["lap_a"]).filter(pk=inspection.pk).exists()
    assert workflow.open_scheduled(date(2027, 1, 8)) == []  # the Friday before: nothing yet


@time_machine.travel("2027-01-13 09:00 +0000", tick=False)
def test_the_job_opens_it_on_or_after_its_date_once_and_sends_the_message(cast):
    with time_machine.travel("2026-12-01 09:00 +0000", tick=False):
        inspection = _notify(cast, date(2027, 1, 11))
    opened = workflow.open_scheduled()  # run on the Wednesday: a missed Monday catches up
    assert [i.pk for i in opened] == [inspection.pk]
    assert Inspection.objects.get(pk=inspection.pk).state == State.NOTIFIED
    assert Notification.objects.filter(inspection=inspection).count() == 1
    assert workflow.open_scheduled() == []  # idempotent
    assert Notification.objects.filter(inspection=inspection).count() == 1
    assert inspections_visible_to(cast["lap_a"]).filter(pk=inspection.pk).exists()
    assert inspection.events.get().username == "system"


def test_fieldwork_cannot_start_before_the_off_site_day(cast, inspection):
    with time_machine.travel("2026-09-16 12:00 +0000", tick=False), pytest.raises(
            WorkflowError, match="Thursday 17 September 2026"):
        workflow.start_fieldwork(inspection, by=cast["inspector"])
    with time_machine.travel("2026-09-17 09:00 +0100", tick=False):
        workflow.start_fieldwork(inspection, by=cast["inspector"])
    assert inspection.state == State.FIELDWORK


def test_evaluating_cannot_start_before_the_last_day_on_site(cast, inspection):
    with time_machine.travel("2026-09-21 12:00 +0000", tick=False):
        workflow.start_fieldwork(inspection, by=cast["inspector"])
        with pytest.raises(WorkflowError, match="last day on site"):
            workflow.start_evaluating(inspection, by=cast["inspector"])


def test_consent_and_evidence_cannot_be_dated_in_the_future(cast, inspection, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    services.upload_case_list(inspection, csv_upload(ROWS), by=cast["lap_a"])
    case = services.select_cases(inspection, by=cast["inspector"], seed=1)[0]
    tomorrow = date.today() + timedelta(days=1)
    with pytest.raises(WorkflowError, match="cannot be in the future"):
        services.record_consent(case, "agreed", by=cast["lap_a"], on=tomorrow)
    with pytest.raises(WorkflowError, match="cannot be in the future"):
        evidence.add_note(inspection, by=cast["inspector"], source="meeting", observed_on=tomorrow,
                          criterion_code="A1", themes=[], strength="positive", text="Seen tomorrow")


def _at_factual_accuracy(inspection: Inspection, lead: Any) -> None:
    advance_to_evaluating(inspection, lead)
    complete_outcome(inspection, lead)
    workflow.draft_report(inspection, by=lead)
    workflow.send_for_factual_accuracy(inspection, by=lead)


def test_publication_waits_for_the_check_unless_the_partnership_confirms(cast, inspection):
    lead = cast["inspector"]
    _at_factual_accuracy(inspection, lead)
    with pytest.raises(WorkflowError, match="to comment on factual accuracy"):
        workflow.publish(inspection, by=lead)
    assert inspection.state == State.FACTUAL_ACCURACY
    workflow.confirm_no_further_comments(inspection, by=cast["lap_a"])
    workflow.confirm_no_further_comments(inspection, by=cast["lap_a"])  # a second click: no change
    workflow.publish(inspection, by=lead)
    assert inspection.state == State.PUBLISHED


def test_publication_cannot_be_dated_in_the_future(cast, inspection):
    lead = cast["inspector"]
    _at_factual_accuracy(inspection, lead)
    with pytest.raises(WorkflowError, match="publication date"):
        workflow.publish(inspection, by=lead, published_on=date.today() + timedelta(days=60))


def test_an_accepted_comment_is_applied_to_the_paragraph_and_recorded(cast, inspection):
    lead = cast["inspector"]
    _at_factual_accuracy(inspection, lead)
    comment = workflow.add_accuracy_comment(inspection, paragraph="experience-2", comment="Most do well.",
                                            by=cast["lap_a"])
    with pytest.raises(WorkflowError, match="Only an accepted comment"):
        workflow.apply_accuracy_comment(comment, text="Most do well.", by=lead)
    workflow.answer_accuracy_comment(comment, response="Agreed.", accepted=True, by=lead)
    workflow.apply_accuracy_comment(comment, text="Most children do well.", by=lead)
    inspection.refresh_from_db()
    comment.refresh_from_db()
    assert inspection.paragraphs_of("experience") == ["Children wait too long.", "Most children do well."]
    assert comment.replaced_text == "Some do well." and comment.applied_at is not None
    with pytest.raises(WorkflowError, match="already been applied"):
        workflow.apply_accuracy_comment(comment, text="Again.", by=lead)


def test_nothing_is_late_once_an_activity_is_withdrawn(cast, inspection):
    from areasend.inspections.tasks import tasks_for

    workflow.withdraw(inspection, reason="Merged", by=cast["planner"])
    tasks = tasks_for(Inspection.objects.get(pk=inspection.pk), cast["inspector"], date(2027, 6, 1))
    assert tasks and not any(t.working_days_late for t in tasks)


@pytest.mark.skipif(not __import__("tests.conftest", fromlist=["HAVE_SHARED"]).HAVE_SHARED,
                    reason="needs the real history")
def test_notifying_an_area_not_due_needs_confirmation(cast):
    """Bath and North East Somerset: outcome 1, so not due again for about five years."""
    area = LocalAreaPartnership.objects.get(gss_code="E06000022")
    due = workflow.notification_warnings(area, date(2026, 11, 2), "full inspection")
    if not due:
        pytest.skip("Bath is due on the real history as it now stands")
    with pytest.raises(workflow.NeedsConfirmation, match="is not due a full inspection until"):
        workflow.notify(area=area, notified_on=date(2026, 11, 2), officer_name="N",
                        officer_email="n@example.org", by=cast["planner"])
    assert not Inspection.objects.filter(area=area).exists()
    workflow.notify(area=area, notified_on=date(2026, 11, 2), officer_name="N", officer_email="n@example.org",
                    by=cast["planner"], confirmed=True)


def test_a_lead_on_two_overlapping_inspections_needs_confirmation(cast, inspection):
    other = workflow.notify(area=LocalAreaPartnership.objects.get(gss_code="E08000002"),
                            notified_on=date(2026, 9, 14), officer_name="B", officer_email="b@example.org",
                            by=cast["planner"], confirmed=True)
    with pytest.raises(workflow.NeedsConfirmation, match="already leads the inspection of Bedford"):
        workflow.add_team_member(other, inspector=cast["inspector"], role="ofsted_lead", remit="education",
                                 by=cast["planner"])
    assert not other.team.exists()
    workflow.add_team_member(other, inspector=cast["inspector"], role="ofsted_lead", remit="education",
                             by=cast["planner"], confirmed=True)
