"""Solving the national programme from the database, its JSON (the `areasend plan` contract in
DESIGN.md), saving a plan, and confirming one planned activity into a scheduled live activity."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from areasend.accounts.models import User
from areasend.areas.models import LocalAreaPartnership
from areasend.framework.calendar import in_words
from areasend.inspections import workflow
from areasend.inspections.models import Inspection, Remit, TeamRole, WorkflowError

from .explain import check_pins, feasibility
from .instance import load_instance
from .models import Plan, PlannedActivity
from .optimiser import Solved, optimise
from .programme import (
    CQC_LEAD,
    CQC_MEMBER,
    LEAD_HMI,
    Instance,
    Pin,
    Placement,
    missed_due_dates,
    onsite_start,
)


@dataclass
class Programme:
    instance: Instance
    solved: Solved
    feasibility: dict[str, Any]


def previous_weeks(plan: Plan) -> dict[str, date]:
    """An earlier plan's weeks, for a re-solve that moves only what must move."""
    return {f"{a.area.gss_code}:{a.kind}": a.notification_date for a in plan.activities.select_related("area")}


def solve(start: date, weeks: int, seconds: float = 30.0, pins: list[Pin] | None = None,
          previous: Plan | None = None) -> Programme:
    instance = load_instance(start, weeks, pins, previous_weeks(previous) if previous else None)
    check_pins(instance)
    solved = optimise(instance, seconds=seconds)
    return Programme(instance, solved, feasibility(instance, solved.plan, solved.unavoidable_misses))


def team_role(instance: Instance, person_id: int, slot: str) -> str:
    if slot in (LEAD_HMI, CQC_LEAD):
        return slot
    if slot == CQC_MEMBER:
        return TeamRole.CQC_INSPECTOR.value
    role = instance.person_by_id[person_id].role
    return TeamRole.OFSTED_HMI.value if role == "hmi" else TeamRole.OFSTED_OI.value


def activity_json(instance: Instance, placement: Placement) -> dict[str, Any]:
    job = instance.job_by_key[placement.job]
    return {
        "area_code": job.area_code, "area_name": job.area_name, "region": job.region, "activity": job.kind,
        "due_by": job.due_by.isoformat(), "notification_date": placement.week.isoformat(),
        "onsite_start": onsite_start(job.kind, placement.week).isoformat(),
        "team": [{"inspector": p, "name": instance.person_by_id[p].name, "role": team_role(instance, p, s)}
                 for p, s in placement.team],
    }


def summary_json(programme: Programme) -> dict[str, Any]:
    instance, solved = programme.instance, programme.solved
    return {
        "scheduled": len(solved.plan),
        "due_activities": len(instance.jobs),
        "missed_due_dates": len(missed_due_dates(instance, solved.plan)),
        "unavoidable_misses": solved.unavoidable_misses,
        "overdue_at_start": sum(instance.overdue_at_start(j) for j in instance.jobs),
        "objective": solved.objective, "bound": solved.bound, "gap": round(solved.gap, 4),
        "model_bound": solved.model_bound, "model_gap": round(solved.model_gap, 4),
        "solver_status": solved.status, "seconds": round(solved.seconds, 2),
        "baseline_objective": solved.baseline_objective,
        "baseline_missed_due_dates": len(missed_due_dates(instance, solved.baseline)),
        "notes": solved.notes,
    }


def as_json(programme: Programme) -> dict[str, Any]:
    return {
        "activities": [activity_json(programme.instance, p) for p in programme.solved.plan],
        "summary": summary_json(programme),
        "feasibility": programme.feasibility,
    }


@transaction.atomic
def save_plan(programme: Programme, by: Any, synthetic: bool = False) -> Plan:
    data = as_json(programme)
    plan = Plan.objects.create(created_by=by, start=programme.instance.start, weeks=programme.instance.weeks,
                               summary=data["summary"], feasibility=data["feasibility"], synthetic=synthetic)
    areas = dict(LocalAreaPartnership.objects.values_list("gss_code", "pk"))
    PlannedActivity.objects.bulk_create(PlannedActivity(
        plan=plan, area_id=areas[row["area_code"]], kind=row["activity"], due_by=date.fromisoformat(row["due_by"]),
        notification_date=date.fromisoformat(row["notification_date"]),
        onsite_start=date.fromisoformat(row["onsite_start"]),
        team=[{"inspector": t["inspector"], "role": t["role"]} for t in row["team"]],
    ) for row in data["activities"])
    return plan


@transaction.atomic
def confirm(planned: PlannedActivity, *, by: Any, officer_name: str, officer_email: str,
            request: Any = None) -> Inspection:
    """A planner confirms one planned activity: it becomes a scheduled live activity with its team,
    notified on its Monday by `open_scheduled` and never before. Confirming twice is harmless."""
    locked = PlannedActivity.objects.select_for_update().select_related("area", "plan").get(pk=planned.pk)
    if locked.inspection is not None:
        return locked.inspection
    if locked.notification_date < timezone.localdate():
        raise WorkflowError(f"The planned notification date, {in_words(locked.notification_date)}, has passed; "
                            "solve the programme again")
    inspection = workflow.notify(area=locked.area, notified_on=locked.notification_date, officer_name=officer_name,
                                 officer_email=officer_email, by=by, request=request, kind=locked.kind,
                                 synthetic=locked.plan.synthetic, confirmed=True)
    _add_team(inspection, locked.team, by, request)
    locked.inspection = inspection
    locked.save(update_fields=["inspection"])
    return inspection


def _add_team(inspection: Inspection, team: list[dict[str, Any]], by: Any, request: Any) -> None:
    """The planned team, through the workflow's own checks (a conflict of interest declared since
    the plan was solved refuses the confirmation, and nothing of it is kept)."""
    people = User.objects.select_related("pool_profile").in_bulk([t["inspector"] for t in team])
    for place in team:
        user = people[place["inspector"]]
        try:
            workflow.add_team_member(inspection, inspector=user, role=place["role"], remit=_remit(user), by=by,
                                     request=request, confirmed=True)
        except WorkflowError as exc:
            raise WorkflowError(f"{exc}; solve the programme again before confirming") from None


def _remit(user: Any) -> str:
    profile = getattr(user, "pool_profile", None)
    return profile.remit if profile is not None else Remit.EDUCATION
