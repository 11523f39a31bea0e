"""What the pool can and cannot do, in words: inspection-weeks needed against those available,
and for each activity a plan leaves unplaced or late, the binding reason."""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any

from .optimiser import CAPACITY_GROUPS, group_members, person_week_free
from .programme import (
    BUSY_WEEKS,
    SLOT_LABELS,
    TEAM,
    Instance,
    Job,
    Placement,
    PlanningError,
    candidate_weeks,
    fits,
    late,
    pinned_week,
    week_problem,
)


def pin_problems(instance: Instance) -> list[str]:
    """Pins that cannot all hold: two weeks for one activity, an unknown activity or inspector."""
    problems = []
    weeks: dict[str, set[date]] = {}
    for pin in instance.pins:
        if pin.job not in instance.job_by_key:
            problems.append(f"{pin.job} is pinned but is not an activity due in this horizon")
        if pin.inspector is not None and pin.inspector not in instance.person_by_id:
            problems.append(f"inspector {pin.inspector} is pinned to {pin.job} but is not in the active pool")
        if pin.week is not None:
            weeks.setdefault(pin.job, set()).add(pin.week)
    for key, days in weeks.items():
        if len(days) > 1:
            listed = " and ".join(sorted(d.isoformat() for d in days))
            problems.append(f"{key} is pinned to two weeks ({listed})")
    return list(dict.fromkeys(problems))


def check_pins(instance: Instance) -> None:
    problems = pin_problems(instance)
    if problems:
        raise PlanningError("The pins contradict each other: " + "; ".join(problems))


def inspection_weeks(instance: Instance) -> list[dict[str, Any]]:
    """For each group of roles: the person-weeks the due activities need and those free."""
    rows = []
    for name, (needs, roles, remit) in CAPACITY_GROUPS.items():
        members = group_members(instance, roles, remit)
        needed = sum(needs.get(j.kind, 0) * BUSY_WEEKS for j in instance.jobs)
        free = sum(person_week_free(instance, p.id, t) for p in members for t in range(instance.weeks))
        rows.append({"group": name, "people": len(members), "needed": needed, "available": free})
    return rows


# Deadlines sooner than this after the start say only that overdue work cannot all be done at once.
TIGHTEST_FROM_WEEKS = 13


def tightest_deadline(instance: Instance) -> dict[str, Any] | None:
    """The due date and role group where the work due by then most exceeds (or comes nearest
    to) the free inspection-weeks before it: the first-cycle question in one sentence."""
    free_by_week = {}
    for name, (_, roles, remit) in CAPACITY_GROUPS.items():
        members = group_members(instance, roles, remit)
        running, total = [], 0
        for t in range(instance.weeks):
            total += sum(person_week_free(instance, p.id, t) for p in members)
            running.append(total)
        free_by_week[name] = running
    worst: dict[str, Any] | None = None
    for deadline in sorted({j.due_by for j in instance.jobs}):
        last = min(instance.weeks, instance.week_of(deadline) + 1)
        if last < TIGHTEST_FROM_WEEKS:
            continue
        due = [j for j in instance.jobs if j.due_by <= deadline]
        for name, (needs, _, _) in CAPACITY_GROUPS.items():
            needed = sum(needs.get(j.kind, 0) * BUSY_WEEKS for j in due)
            free = free_by_week[name][last - 1]
            ratio = needed / max(1, free)
            if needed and (worst is None or ratio > worst["ratio"]):
                worst = {"due_by": deadline.isoformat(), "activities": len(due), "group": name,
                         "needed": needed, "available": free, "ratio": round(ratio, 2)}
    return worst


def _no_week(instance: Instance, job: Job) -> str:
    pinned = pinned_week(instance, job)
    if pinned is not None:
        monday = instance.monday(pinned)
        problem = week_problem(job.kind, monday) or "its pinned inspector is not free then"
        return f"it is pinned to the week of {monday:%-d %B %Y}, which cannot be used: {problem}"
    return "no week in the horizon has a valid notification Monday and on-site week for it"


def _missing_place(instance: Instance, job: Job, weeks: list[int]) -> str | None:
    for slot in TEAM[job.kind]:
        if not any(fits(p, job, slot, instance.monday(w)) for p in instance.people for w in weeks):
            return (f"no {SLOT_LABELS[slot]} in the pool is free, trained and without a conflict of interest "
                    f"with {job.area_name} in any week it could take")
    return None


def _busiest_group(instance: Instance, plan: list[Placement], weeks: list[int]) -> str:
    used: Counter[tuple[str, int]] = Counter()
    for placement in plan:
        kind = instance.job_by_key[placement.job].kind
        first = instance.week_of(placement.week)
        for name, (needs, _, _) in CAPACITY_GROUPS.items():
            for t in range(first, first + BUSY_WEEKS):
                used[(name, t)] += needs.get(kind, 0)
    span = sorted({t for w in weeks for t in range(w, w + BUSY_WEEKS)})
    best, best_full = "", -1
    for name, (_, roles, remit) in CAPACITY_GROUPS.items():
        members = group_members(instance, roles, remit)
        full = sum(used[(name, t)] >= sum(person_week_free(instance, p.id, t) for p in members) for t in span)
        if full > best_full:
            best, best_full = name, full
    return (f"the pool's {best} are all busy with other activities in {best_full} of the {len(span)} weeks "
            "it could take")


def reason(instance: Instance, plan: list[Placement], job: Job) -> str:
    """Why the job is unplaced or late, in words."""
    weeks = candidate_weeks(instance, job)
    if not weeks:
        return _no_week(instance, job)
    missing = _missing_place(instance, job, weeks)
    if missing:
        return missing
    if instance.overdue_at_start(job):
        return f"it was already overdue at the start ({job.due_by:%-d %B %Y}); it is placed as early as the rules allow"
    in_time = [w for w in weeks if not late(instance, job, w)]
    if not in_time:
        first = instance.monday(weeks[0])
        return (f"the first week it can be notified is {first:%-d %B %Y}, and its on-site week then falls after "
                f"its due date ({job.due_by:%-d %B %Y})")
    return _missing_place(instance, job, in_time) or _busiest_group(instance, plan, in_time)


def feasibility(instance: Instance, plan: list[Placement], unavoidable: int | None = None) -> dict[str, Any]:
    """`unavoidable`: the fewest missed due dates any plan can have, when known (the optimiser's)."""
    placed = {p.job: instance.week_of(p.week) for p in plan}
    problems = []
    for job in instance.jobs:
        week = placed.get(job.key)
        if week is not None and not late(instance, job, week):
            continue
        problems.append({
            "area_code": job.area_code, "area_name": job.area_name, "activity": job.kind,
            "due_by": job.due_by.isoformat(), "placed": week is not None,
            "overdue_at_start": instance.overdue_at_start(job), "reason": reason(instance, plan, job),
        })
    return {"inspection_weeks": inspection_weeks(instance), "tightest_deadline": tightest_deadline(instance),
            "not_placed_by_due_date": problems,
            "unavoidable_misses": unavoidable,
            "summary": summary_sentences(instance, problems, unavoidable)}


def summary_sentences(instance: Instance, problems: list[dict[str, Any]], unavoidable: int | None = None) -> list[str]:
    sentences = []
    for row in inspection_weeks(instance):
        verdict = "enough" if row["available"] >= row["needed"] else "not enough"
        group = row["group"][0].upper() + row["group"][1:]
        sentences.append(f"{group}: the due activities need {row['needed']} inspection-weeks; "
                         f"the pool's {row['people']} have {row['available']} free — {verdict}.")
    tight = tightest_deadline(instance)
    if tight:
        when = date.fromisoformat(tight["due_by"])
        sentences.append(
            f"The tightest date is {when:%-d %B %Y}: the {tight['activities']} activities due by then need "
            f"{tight['needed']} inspection-weeks of {tight['group']}, and {tight['available']} are free before it "
            "(school holidays, leave and the three-week shape of each activity mean not every free week can be used).")
    late_ones = [p for p in problems if not p["overdue_at_start"]]
    if late_ones:
        sentences.append(f"{len(late_ones)} activities cannot be placed by their due date.")
    else:
        sentences.append("Every activity not already overdue can be placed by its due date.")
    if unavoidable is not None:
        sentences.append(unavoidable_sentence(len(late_ones), unavoidable))
    return sentences


def unavoidable_sentence(missed: int, unavoidable: int) -> str:
    """Whether the plan's missed due dates could be avoided, in words."""
    if not missed:
        return "No due date is missed."
    if missed <= unavoidable:
        return (f"No plan can miss fewer than {unavoidable} due dates with this pool, so none of this plan's "
                "missed due dates could be avoided.")
    proven = f"no plan can miss fewer than {unavoidable}" if unavoidable else "no miss is proven unavoidable"
    return (f"This plan misses {missed} due dates; {proven}, so up to {missed - unavoidable} of them might "
            "be avoidable by a better plan.")
