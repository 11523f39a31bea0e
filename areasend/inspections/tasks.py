"""What is due when, for each role, in working days (the task list on the inspection page)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from areasend.framework import timeline as t
from areasend.framework.activities import ActivityType
from areasend.framework.calendar import working_days_between

from .models import Inspection, State


@dataclass(frozen=True)
class Task:
    title: str
    due: date | None
    done: bool
    today: date
    closed: bool = False  # nothing is late on a published, paused or withdrawn activity

    @property
    def working_days_late(self) -> int:
        if self.done or self.closed or self.due is None or self.due >= self.today:
            return 0
        return working_days_between(self.due, self.today)

    @property
    def status(self) -> str:
        if self.done:
            return "Done"
        if self.working_days_late:
            days = self.working_days_late
            return f"{days} working day{'s' if days != 1 else ''} late"
        return "To do"


def _reached(inspection: Inspection, state: str) -> bool:
    """Done only when the activity's event rows show it entered `state`."""
    return state in inspection.states_entered


def tasks_for(inspection: Inspection, user: Any, today: date) -> list[Task]:
    if inspection.kind != ActivityType.FULL_INSPECTION:
        return []
    closed = not inspection.is_open
    return [replace(task, closed=closed) for task in _full_inspection_tasks(inspection, user, today)]


def _full_inspection_tasks(inspection: Inspection, user: Any, today: date) -> list[Task]:
    steps = {s.step: s for s in inspection.timeline}
    if user.is_lap_user:
        has_cases = hasattr(inspection, "case_list") and inspection.case_list.exists()
        tasks = [
            Task("Upload the list of children and young people for tracking", steps[t.DATA_REQUEST_DUE].start,
                 bool(has_cases), today),
            Task("Share the survey links with families and practitioners", steps[t.SURVEY_WINDOW].last_day,
                 _reached(inspection, State.FIELDWORK), today),
        ]
        if inspection.state == State.FACTUAL_ACCURACY or inspection.draft_sent_on:
            tasks.append(Task("Check the draft report for factual accuracy", inspection.accuracy_deadline,
                              _reached(inspection, State.PUBLISHED), today))
        return tasks
    return [
        Task("Hold the set-up discussion", steps[t.SETUP_DISCUSSION].start, _reached(inspection, State.FIELDWORK),
             today),
        Task("Select the tracking cases", steps[t.TRACKING_SELECTION].start,
             hasattr(inspection, "tracking_cases") and inspection.tracking_cases.exists(), today),
        Task("Start fieldwork", steps[t.OFFSITE_FIELDWORK].start, _reached(inspection, State.FIELDWORK), today),
        Task("Give final feedback and start evaluating", steps[t.FINAL_FEEDBACK].start,
             _reached(inspection, State.EVALUATING), today),
        Task("Record the outcome and recommendations, then draft the report", None,
             _reached(inspection, State.DRAFT_REPORT), today),
        Task("Send the draft for the factual accuracy check", None,
             _reached(inspection, State.FACTUAL_ACCURACY), today),
        Task("Answer comments and publish", inspection.accuracy_deadline,
             _reached(inspection, State.PUBLISHED), today),
    ]
