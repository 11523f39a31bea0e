"""Solving the national programme from the database, its JSON (the `areasend plan` contract in
DESIGN.md), saving a plan, and confirming one planned activity into a scheduled live activity."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction

from areasend.areas.models import LocalAreaPartnership
from areasend.inspections import workflow
from areasend.inspections.models import Inspection, Remit, TeamRole

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


def solve(start: date, weeks: int, seconds: float = 30.0, pins: list[Pin] | None = None) -> Programme:
    instance = load_instance(start, weeks, pins)
    check_pins(instance)
    solved = optimise(instance, seconds=seconds)
    return Programme(instance, solved, feasibility(instance, solved.plan))


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
        "overdue_at_start": sum(instance.overdue_at_start(j) for j in instance.jobs),
        "objective": solved.objective, "bound": solved.bound, "gap": round(solved.gap, 4),
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


REMIT_FOR_ROLE = {"ofsted_lead": Remit.EDUCATION, "ofsted_hmi": Remit.EDUCATION, "ofsted_oi": Remit.EDUCATION,
                  "cqc_lead": Remit.HEALTH, "cqc_inspector": Remit.HEALTH}


@transaction.atomic
def confirm(planned: PlannedActivity, *, by: Any, officer_name: str, officer_email: str,
            request: Any = None) -> Inspection:
    """A planner confirms one planned activity: it becomes a scheduled live activity with its team
    (notified on its Monday by `open_scheduled`, never before)."""
    from areasend.accounts.models import User

    locked = PlannedActivity.objects.select_for_update().get(pk=planned.pk)
    if locked.inspection_id is not None:
        return locked.inspection  # type: ignore[return-value]
    inspection = workflow.notify(area=locked.area, notified_on=locked.notification_date, officer_name=officer_name,
                                 officer_email=officer_email, by=by, request=request, kind=locked.kind,
                                 synthetic=locked.plan.synthetic, confirmed=True)
    people = User.objects.in_bulk([t["inspector"] for t in locked.team])
    for place in locked.team:
        remit = _remit(people[place["inspector"]])
        workflow.add_team_member(inspection, inspector=people[place["inspector"]], role=place["role"],
                                 remit=remit, by=by, request=request, confirmed=True)
    locked.inspection = inspection
    locked.save(update_fields=["inspection"])
    return inspection


def _remit(user: Any) -> str:
    profile = getattr(user, "pool_profile", None)
    return profile.remit if profile is not None else Remit.EDUCATION
