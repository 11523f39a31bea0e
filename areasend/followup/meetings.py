"""Engagement meetings (spec §8): the next one scheduled by the interval for the area's latest
outcome, counted from the last meeting recorded; the record of what was said, never published."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from areasend import policy
from areasend.accounts import audit
from areasend.accounts.models import AuditAction
from areasend.areas.models import LocalAreaPartnership
from areasend.framework.activities import ActivityType
from areasend.framework.calendar import is_working_day
from areasend.framework.criteria import Theme
from areasend.inspections import workflow
from areasend.inspections.due import due_for_area
from areasend.inspections.models import Inspection, State, WorkflowError

from .models import MeetingAction, MeetingAttendee, MeetingRecord


def next_meeting_date(area: LocalAreaPartnership, today: date) -> date | None:
    """When the next meeting falls due (the last one recorded + the interval for the latest
    outcome), moved to the next working day; never before today."""
    due = due_for_area(area, today, include_demo=True).due.engagement.due_by
    if due is None:
        return None
    day = max(due, today)
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def schedule_next(area: LocalAreaPartnership, *, by: Any, officer_name: str, officer_email: str,
                  today: date | None = None, synthetic: bool = False, request: Any = None) -> Inspection:
    """A planner schedules the next engagement meeting on the date the rules give."""
    today = today or timezone.localdate()
    day = next_meeting_date(area, today)
    if day is None:
        raise WorkflowError(f"{area.name} has no report or meeting to count the next meeting from")
    return workflow.notify(area=area, notified_on=day, officer_name=officer_name, officer_email=officer_email,
                           by=by, request=request, kind=ActivityType.ENGAGEMENT_MEETING, synthetic=synthetic)


@dataclass(frozen=True)
class MeetingInput:
    attendees: Sequence[tuple[int, str]]  # partner id, who attended for it
    topics: Sequence[str]
    actions: Sequence[tuple[str, int]]  # what was agreed, the owning partner's id
    inspector_ids: Sequence[int]
    notes: str = ""


def _check(meeting: Inspection, data: MeetingInput) -> None:
    partners = set(meeting.area.partners.values_list("pk", flat=True))
    if not data.attendees:
        raise WorkflowError("Say who attended for at least one partner")
    if any(pk not in partners for pk, _ in data.attendees) or any(pk not in partners for _, pk in data.actions):
        raise WorkflowError(f"Attendees and action owners must be partners of {meeting.area.name}")
    unknown = [t for t in data.topics if t not in {x.value for x in Theme}]
    if not data.topics or unknown:
        raise WorkflowError("Choose the topics discussed from the eight themes")
    team = set(meeting.team.values_list("inspector_id", flat=True))
    if not data.inspector_ids or not set(data.inspector_ids) <= team:
        raise WorkflowError("Choose the inspectors present from the meeting's team")


@transaction.atomic
def record_meeting(meeting: Inspection, *, data: MeetingInput, by: Any, request: Any = None) -> MeetingRecord:
    """Record what was said and mark the meeting held (it joins the history, unpublished)."""
    if not policy.may_record_meeting(by, meeting):
        raise PermissionDenied("Only the inspectors at the meeting can record it")
    if meeting.kind != ActivityType.ENGAGEMENT_MEETING:
        raise WorkflowError("Only an engagement meeting has a meeting record")
    if meeting.state != State.SCHEDULED or hasattr(meeting, "meeting_record"):
        raise WorkflowError("This meeting has already been recorded")
    _check(meeting, data)
    workflow.hold_meeting(meeting, by=by, request=request)
    record = MeetingRecord.objects.create(meeting=meeting, held_on=meeting.notified_on, topics=list(data.topics),
                                          notes=data.notes.strip(), recorded_by=by)
    record.inspectors.set(data.inspector_ids)
    MeetingAttendee.objects.bulk_create(MeetingAttendee(record=record, partner_id=p, names=n[:300])
                                        for p, n in data.attendees)
    MeetingAction.objects.bulk_create(MeetingAction(record=record, text=t[:500], owner_id=p) for t, p in data.actions)
    audit.record(by, AuditAction.CREATE, record, request=request, area_code=meeting.area.gss_code,
                 meeting=meeting.pk, topics=len(data.topics), actions=len(data.actions))
    return record
