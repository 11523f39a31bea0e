"""What is due next for every partnership: the framework's rules applied to each history.

Real records only: what the demo made (`Activity.synthetic`) never moves a due date unless a
caller asks for it with include_demo (the `--include-demo` flag)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Prefetch, QuerySet

from areasend.areas.models import LocalAreaPartnership
from areasend.framework.followup import NextDue, known_on, next_due
from areasend.framework.versions import version_in_force

from .models import Activity


@dataclass(frozen=True)
class AreaDue:
    area: LocalAreaPartnership
    last_activity: Activity | None
    due: NextDue

    def as_dict(self) -> dict[str, Any]:
        last = self.last_activity
        engagement, plan = self.due.engagement, self.due.plan
        meeting = engagement.due_by
        notes = [engagement.provisional if meeting else None, plan.provisional if plan else None]
        return {
            "area_code": self.area.gss_code,
            "area_name": self.area.name,
            "last_activity": last.kind if last else None,
            "last_activity_date": last.start_date.isoformat() if last and last.start_date else None,
            "last_outcome": _last_outcome(last),
            "next_activity": self.due.activity.value,
            "due_by": self.due.due_by.isoformat(),
            "overdue": self.due.overdue,
            "pending": [p.as_dict() for p in self.due.pending],
            "next_engagement_meeting": meeting.isoformat() if meeting else None,
            "next_engagement_meeting_basis": engagement.basis,
            "plan_due": plan.as_dict() if plan else None,
            "provisional": [note.as_dict() for note in notes if note is not None],
            "rule": self.due.rule,
            "reason": self.due.reason,
        }


def _last_outcome(activity: Activity | None) -> str | None:
    if activity is None:
        return None
    if activity.outcome:
        return str(activity.outcome)
    if activity.wsoa_required is not None:
        return "WSoA" if activity.wsoa_required else "no WSoA"
    if activity.revisit_progress:
        return f"revisit: {activity.revisit_progress}"
    if activity.finding:
        return activity.finding
    return None


def latest_inspection(activities: list[Activity], as_at: date | None = None) -> Activity | None:
    """The latest inspection in the list; with as_at, the latest known on that date."""
    dated = [a for a in activities if a.start_date and a.as_record().activity.is_inspection]
    if as_at is not None:
        version = version_in_force(as_at)
        dated = [a for a in dated if known_on(a.as_record(), as_at, version)]
    return max(dated, key=lambda a: (a.start_date, a.pk)) if dated else None


def due_for_area(
    area: LocalAreaPartnership, as_at: date, activities: list[Activity] | None = None,
    include_demo: bool = False,
) -> AreaDue:
    history = activities if activities is not None else list(area.activities.all())
    counted = [a for a in history if include_demo or not a.synthetic]
    due = next_due([a.as_record() for a in counted], as_at)
    return AreaDue(area=area, last_activity=latest_inspection(counted, as_at), due=due)


def due_list(as_at: date, areas: Any = None, include_demo: bool = False) -> list[AreaDue]:
    """One row per area, in two queries whatever the number of areas."""
    qs: QuerySet[LocalAreaPartnership] = areas if areas is not None else LocalAreaPartnership.objects.all()
    history = Activity.objects.counted(include_demo).order_by("start_date", "id")
    qs = qs.prefetch_related(Prefetch("activities", queryset=history))
    return [due_for_area(area, as_at, list(area.activities.all()), include_demo) for area in qs]
