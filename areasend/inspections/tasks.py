"""What is due when, for each role, in working days (the task list on the inspection page)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from areasend.accounts.models import Role
from areasend.framework.calendar import working_days_between

from .models import Inspection, State

ORDER: list[str] = [State.NOTIFIED, State.FIELDWORK, State.EVALUATING, State.DRAFT_REPORT,
         State.FACTUAL_ACCURACY, State.PUBLISHED]


@dataclass(frozen=True)
class Task:
    title: str
    due: date | None
    done: bool
    today: date

    @property
    def working_days_late(self) -> int:
        if self.done or self.due is None or self.due >= self.today:
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
    current = inspection.paused_from if inspection.state == State.PAUSED else inspection.state
    if current not in ORDER:
        return False
    return ORDER.index(current) >= ORDER.index(state)


def tasks_for(inspection: Inspection, user: Any, today: date) -> list[Task]:
    steps = {s.step: s for s in inspection.timeline}
    role = getattr(user, "role", None)
    if role == Role.LAP:
        has_cases = hasattr(inspection, "case_list") and inspection.case_list.exists()
        tasks = [
            Task("Upload the list of children and young people for tracking", steps["data request due"].start,
                 bool(has_cases), today),
            Task("Share the survey links with families and practitioners", steps["survey window"].last_day,
                 _reached(inspection, State.FIELDWORK), today),
        ]
        if inspection.state == State.FACTUAL_ACCURACY or inspection.draft_sent_on:
            tasks.append(Task("Check the draft report for factual accuracy", inspection.accuracy_deadline,
                              _reached(inspection, State.PUBLISHED), today))
        return tasks
    return [
        Task("Hold the set-up discussion", steps["set-up discussion"].start, _reached(inspection, State.FIELDWORK),
             today),
        Task("Select the tracking cases", steps["tracking case selection"].start,
             hasattr(inspection, "tracking_cases") and inspection.tracking_cases.exists(), today),
        Task("Start fieldwork", steps["off-site fieldwork"].start, _reached(inspection, State.FIELDWORK), today),
        Task("Give final feedback and start evaluating", steps["final feedback"].start,
             _reached(inspection, State.EVALUATING), today),
        Task("Record the outcome and recommendations, then draft the report", None,
             _reached(inspection, State.DRAFT_REPORT), today),
        Task("Send the draft for the factual accuracy check", None,
             _reached(inspection, State.FACTUAL_ACCURACY), today),
        Task("Answer comments and publish", inspection.accuracy_deadline,
             _reached(inspection, State.PUBLISHED), today),
    ]
