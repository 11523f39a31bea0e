"""What is due next for every partnership: the framework's rules applied to each history."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Prefetch, QuerySet

from areasend.areas.models import LocalAreaPartnership
from areasend.framework.followup import NextDue, next_due

from .models import Activity


@dataclass(frozen=True)
class AreaDue:
    area: LocalAreaPartnership
    last_activity: Activity | None
    due: NextDue

    def as_dict(self) -> dict[str, Any]:
        last = self.last_activity
        return {
            "area_code": self.area.gss_code,
            "area_name": self.area.name,
            "last_activity": last.kind if last else None,
            "last_activity_date": last.start_date.isoformat() if last and last.start_date else None,
            "last_outcome": _last_outcome(last),
            "next_activity": self.due.activity.value,
            "due_by": self.due.due_by.isoformat(),
            "overdue": self.due.overdue,
            "next_engagement_meeting": self.due.next_engagement_meeting.isoformat(),
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
    return None


def latest_inspection(activities: list[Activity]) -> Activity | None:
    dated = [a for a in activities if a.start_date and a.as_record().activity.is_inspection]
    return max(dated, key=lambda a: (a.start_date, a.pk)) if dated else None


def due_for_area(area: LocalAreaPartnership, as_at: date, activities: list[Activity] | None = None) -> AreaDue:
    history = activities if activities is not None else list(area.activities.all())
    due = next_due([a.as_record() for a in history], as_at)
    return AreaDue(area=area, last_activity=latest_inspection(history), due=due)


def due_list(as_at: date, areas: Any = None) -> list[AreaDue]:
    """One row per area, in two queries whatever the number of areas."""
    qs: QuerySet[LocalAreaPartnership] = areas if areas is not None else LocalAreaPartnership.objects.all()
    qs = qs.prefetch_related(Prefetch("activities", queryset=Activity.objects.order_by("start_date", "id")))
    return [due_for_area(area, as_at, list(area.activities.all())) for area in qs]
