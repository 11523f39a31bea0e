"""The national programme's problem, read from the database: the due activities (`inspections.due`)
as jobs and the active pool as people, over a horizon of weeks from a Monday."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from areasend.framework.outcomes import Outcome
from areasend.inspections.due import AreaDue, due_list
from areasend.inspections.models import Activity, Inspection, TeamRole

from .models import ConflictOfInterest, Inspector
from .programme import MONITORING, PLANNED_KINDS, Instance, Job, Person, Pin

# An area whose last inspection began more than this long before the start has worse signals.
LONG_SINCE_YEARS = 5


def load_people(as_at: date) -> list[Person]:
    inspectors = Inspector.objects.active().select_related("user").prefetch_related("training", "leave")
    conflicts: dict[int, set[str]] = defaultdict(set)
    current = ConflictOfInterest.objects.current(as_at)
    for user_id, code in current.values_list("inspector_id", "area__gss_code"):
        conflicts[user_id].add(code)
    return [Person(
        id=i.user_id, name=i.name, role=i.role, remit=i.remit, region=i.home_region_code,
        send_ap=i.send_experience or i.ap_experience,
        trained=tuple((t.completed_on, t.expires_on) for t in i.training.all()),
        leave=tuple((leave.first_day, leave.last_day) for leave in i.leave.all()),
        conflicts=frozenset(conflicts[i.user_id]), max_activities_per_year=i.max_activities_per_year,
    ) for i in inspectors]


def _priority(row: AreaDue, outcome: Outcome | None, start: date) -> int:
    if outcome == Outcome.SYSTEMIC_FAILINGS or row.due.requires_priority_action_plan:
        return 3
    last = row.last_activity
    if last is None or last.start_date is None or (start - last.start_date).days > 365 * LONG_SINCE_YEARS:
        return 2
    return 1


def _previous_leads() -> dict[str, int]:
    """The lead HMI of each area's latest live full inspection (continuity for its monitoring)."""
    leads = {}
    rows = Inspection.objects.filter(kind=PLANNED_KINDS[0], synthetic=False, team__role=TeamRole.OFSTED_LEAD)
    for code, user_id in rows.order_by("notified_on").values_list("area__gss_code", "team__inspector_id"):
        leads[code] = user_id
    return leads


def _monitoring_history() -> dict[str, list[date]]:
    history: dict[str, list[date]] = defaultdict(list)
    done = Activity.objects.counted().filter(kind=MONITORING, start_date__isnull=False)
    for code, day in done.values_list("areas__gss_code", "start_date"):
        if day is not None:
            history[code].append(day)
    return history


def _in_progress() -> set[tuple[str, str]]:
    return set(Inspection.objects.open().filter(synthetic=False).values_list("area__gss_code", "kind"))


def load_jobs(start: date, weeks: int) -> list[Job]:
    """Every full and monitoring inspection the rules make due by the end of the horizon, except
    those already in progress."""
    end = start + timedelta(weeks=weeks)
    leads, monitoring, busy = _previous_leads(), _monitoring_history(), _in_progress()
    jobs = []
    for row in due_list(start):
        area = row.area
        for pending in row.due.pending:
            kind = pending.activity.value
            if kind not in PLANNED_KINDS or pending.due_by > end or (area.gss_code, kind) in busy:
                continue
            jobs.append(Job(
                area.gss_code, area.name, area.region_code, kind, pending.due_by, pending.rule,
                _priority(row, pending.outcome, start),
                leads.get(area.gss_code) if kind == MONITORING else None,
                tuple(sorted(monitoring.get(area.gss_code, []))),
            ))
    return jobs


def load_instance(start: date, weeks: int, pins: list[Pin] | None = None,
                  previous: dict[str, date] | None = None) -> Instance:
    return Instance(start, weeks, load_people(start), load_jobs(start, weeks), pins or [], previous=previous or {})
