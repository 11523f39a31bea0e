"""An independent check of a plan against every hard constraint, written apart from the
optimiser (and not sharing its model) so that a test can trust neither blindly."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date, timedelta

from areasend.framework.calendar import bank_holiday_name, school_holiday
from areasend.framework.followup import monitoring_visits_allowed
from areasend.framework.versions import version_in_force

from .programme import (
    BUSY_WEEKS,
    SLOT_ROLES,
    Instance,
    Placement,
    activity_cap,
    onsite_start,
    team_problems,
)


def check_plan(instance: Instance, plan: list[Placement]) -> list[str]:
    """Every hard constraint the plan breaks, in words; an empty list for a valid plan."""
    problems: list[str] = []
    seen = Counter(p.job for p in plan)
    problems += [f"{key} is placed {n} times" for key, n in seen.items() if n > 1]
    for placement in plan:
        problems += [f"{placement.job}: {p}" for p in _placement_problems(instance, placement)]
    problems += _person_overlaps(instance, plan)
    problems += _area_and_region(instance, plan)
    problems += _pins(instance, plan)
    return problems


def _placement_problems(instance: Instance, placement: Placement) -> list[str]:
    job = instance.job_by_key.get(placement.job)
    if job is None:
        return ["not a due activity of this instance"]
    monday = placement.week
    problems = _calendar_problems(instance, job.kind, monday)
    if problems:
        return problems
    if job.kind == "monitoring inspection" and not monitoring_visits_allowed(
            list(job.monitoring_history), monday, version_in_force(monday)):
        problems.append("more than the allowed monitoring visits in 12 months")
    problems += team_problems(instance, job, placement.team)
    last_day = monday + timedelta(weeks=BUSY_WEEKS, days=-3)
    for person_id, slot in placement.team:
        person = instance.person_by_id.get(person_id)
        if person is None:
            problems.append(f"inspector {person_id} is not in the pool")
            continue
        if person.role not in SLOT_ROLES[slot]:
            problems.append(f"{person.name} ({person.role}) cannot take the place {slot}")
        if job.area_code in person.conflicts:
            problems.append(f"{person.name} has a conflict of interest with {job.area_name}")
        if not person.trained_on(last_day):
            problems.append(f"{person.name}'s training is not current on {last_day.isoformat()}")
        if any(first <= last_day and monday <= last for first, last in person.leave):
            problems.append(f"{person.name} is on leave in the weeks from {monday.isoformat()}")
    return problems


def _calendar_problems(instance: Instance, kind: str, monday: date) -> list[str]:
    if monday.weekday() != 0 or bank_holiday_name(monday):
        return [f"{monday.isoformat()} is not a working Monday"]
    if not instance.start <= monday <= instance.monday(instance.last_start):
        return [f"{monday.isoformat()} is outside the horizon"]
    first = onsite_start(kind, monday)
    onsite = [first + timedelta(days=n) for n in range(5) if (first + timedelta(days=n)).weekday() < 5]
    if first.weekday() != 0 or any(bank_holiday_name(d) for d in onsite):
        return [f"the on-site week from {first.isoformat()} is not Monday to Friday"]
    if any(school_holiday(d) for d in onsite):
        return [f"the on-site week from {first.isoformat()} is in the school holidays"]
    return []


def _person_overlaps(instance: Instance, plan: list[Placement]) -> list[str]:
    weeks: dict[int, list[tuple[int, str]]] = defaultdict(list)
    loads: Counter[int] = Counter()
    for placement in plan:
        first = instance.week_of(placement.week)
        for person_id, _ in placement.team:
            loads[person_id] += 1
            weeks[person_id] += [(w, placement.job) for w in range(first, first + BUSY_WEEKS)]
    problems = []
    for person_id, taken in weeks.items():
        by_week = Counter(w for w, _ in taken)
        clash = sorted(w for w, n in by_week.items() if n > 1)
        if clash:
            problems.append(f"inspector {person_id} is on two activities in the week of {instance.monday(clash[0])}")
        person = instance.person_by_id.get(person_id)
        if person and loads[person_id] > activity_cap(instance, person):
            problems.append(f"inspector {person_id} has {loads[person_id]} activities, "
                            "more than their working pattern allows")
    return problems


def _area_and_region(instance: Instance, plan: list[Placement]) -> list[str]:
    areas: Counter[tuple[str, int]] = Counter()
    regions: Counter[tuple[str, int]] = Counter()
    for placement in plan:
        job = instance.job_by_key.get(placement.job)
        if job is None:
            continue
        first = instance.week_of(placement.week)
        for w in range(first, first + BUSY_WEEKS):
            areas[(job.area_code, w)] += 1
            regions[(job.region, w)] += 1
    problems = [f"{a} has two activities in the week of {instance.monday(w)}" for (a, w), n in areas.items() if n > 1]
    problems += [f"region {r} has {n} activities in the week of {instance.monday(w)}, over the limit of "
                 f"{instance.regional_limit}" for (r, w), n in regions.items() if n > instance.regional_limit]
    return problems


def _pins(instance: Instance, plan: list[Placement]) -> list[str]:
    by_job = {p.job: p for p in plan}
    problems = []
    for pin in instance.pins:
        placement = by_job.get(pin.job)
        if placement is None:
            continue
        if pin.week and placement.week != pin.week:
            problems.append(f"{pin.job} is pinned to {pin.week.isoformat()} but placed on {placement.week.isoformat()}")
    return problems
