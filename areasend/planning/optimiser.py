"""The national programme optimiser: OR-Tools CP-SAT in two stages (next-capabilities §2.3).

Stage 1 places every job in a week (Boolean per job and candidate week) under the calendar,
area, regional and capacity constraints: every person's own calendar as three-week blocks (leave,
training, working pattern), and in each week no more places of a kind than the people who alone
can fill them start blocks; it minimises lateness, priority and a floor of the team costs.
Stage 2 staffs the fixed weeks (Boolean per person, job and place; at most one job per person in
any week): first teams for every job, then the cheapest (travel, continuity, heaviest load). A job
stage 2 cannot staff in its week is banned from that week and both stages run again.

The greedy plan is the solver's hint; the better of the two plans is returned, so the optimiser
is never worse than the baseline. The bound is round 1's stage 1 bound: that model bans nothing
and relaxes only the teams, so it holds for every plan. `counted_misses` and `fewest_misses`
prove how many due dates no plan can meet.
"""

from __future__ import annotations

import math
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta

from ortools.sat.python import cp_model

from .programme import (
    BALANCE,
    BUSY_WEEKS,
    CQC_LEAD,
    CQC_MEMBER,
    FULL,
    FULL_OFSTED_REMITS,
    MONITORING,
    OFSTED_MEMBER,
    SLOT_ROLES,
    SLOTS,
    TEAM,
    TRAVEL,
    UNPLACED,
    Instance,
    Job,
    Person,
    Placement,
    _greedy_team,
    _Ledger,
    _room,
    activity_cap,
    candidate_weeks,
    fits,
    greedy,
    late,
    missed_due_dates,
    objective,
    person_free,
    pinned_people,
    team_cost,
    week_cost,
)

# Aggregate capacity, a relaxation of the teams: for each group of people, the places of each kind
# of job only they can fill. In any week no more can be busy than are free, and over the horizon
# no more places than their working patterns allow.
CAPACITY_GROUPS: dict[str, tuple[dict[str, int], frozenset[str], str | None]] = {
    "lead HMIs": ({FULL: 1, MONITORING: 1}, frozenset({"hmi"}), None),
    "Ofsted inspectors (HMIs and OIs)": ({FULL: 2, MONITORING: 1}, frozenset({"hmi", "ofsted_inspector"}), None),
    "Ofsted inspectors with the education remit": ({FULL: 1}, frozenset({"hmi", "ofsted_inspector"}), "education"),
    "Ofsted inspectors with the social care remit": ({FULL: 1}, frozenset({"hmi", "ofsted_inspector"}), "social_care"),
    "CQC leads": ({FULL: 1, MONITORING: 1}, frozenset({"cqc_lead"}), None),
    "CQC inspectors (leads and inspectors)": ({FULL: 2, MONITORING: 1}, frozenset({"cqc_lead", "cqc_inspector"}), None),
}


MAX_ROUNDS = 4
# Stage 1 may plan each role group to at most this share of its free people in any week (a margin,
# as in next-capabilities §2.3). With every person's own calendar in stage 1 (`_block_constraints`)
# no margin is needed, and at 1.0 round 1's stage 1 is a relaxation of every plan: the bound.
CAPACITY_SHARE = 1.0
LEAD_HMI_ROLE = "hmi"


@dataclass
class Solved:
    plan: list[Placement]
    status: str
    objective: int
    bound: int
    baseline: list[Placement]
    baseline_objective: int
    seconds: float
    rounds: int = 1
    notes: list[str] = field(default_factory=list)
    model_bound: int = 0  # the bound of the model solved; with CAPACITY_SHARE at 1.0 the same as `bound`
    relaxation_bound: int = 0  # the bound as proven, before capping at the objective (tests compare it)
    unavoidable_misses: int = 0  # no plan misses fewer due dates than this (counted_misses, fewest_misses)

    @property
    def model_gap(self) -> float:
        return 0.0 if self.objective <= 0 else max(0.0, (self.objective - self.model_bound) / self.objective)

    @property
    def gap(self) -> float:
        return 0.0 if self.objective <= 0 else max(0.0, (self.objective - self.bound) / self.objective)


def _solver(seconds: float, workers: int) -> cp_model.CpSolver:
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.5, seconds)
    solver.parameters.num_workers = workers
    solver.parameters.random_seed = 7
    return solver


def person_week_free(instance: Instance, person_id: int, week: int) -> bool:
    person = instance.person_by_id[person_id]
    monday = instance.monday(week)
    friday = monday + timedelta(days=4)
    return person.trained_on(friday) and not any(f <= friday and monday <= last for f, last in person.leave)


def group_members(instance: Instance, roles: frozenset[str], remit: str | None) -> list[Person]:
    return [p for p in instance.people if p.role in roles and (remit is None or p.remit == remit)]


def _free_counts(instance: Instance, members: list[Person]) -> list[int]:
    """In each week, the members who could be busy then: free for the whole of some job that
    covers the week (a job starting that week or one of the two before)."""
    starts = [[person_free(p, instance.monday(s)) for s in range(instance.last_start + 1)] for p in members]
    return [sum(any(free[s] for s in range(max(0, t - BUSY_WEEKS + 1), min(t, instance.last_start) + 1))
                for free in starts) for t in range(instance.weeks)]


@dataclass
class _WeekStage:
    model: cp_model.CpModel
    x: dict[tuple[str, int], cp_model.IntVar]
    unplaced: dict[str, cp_model.IntVar]


def _week_model(instance: Instance, banned: set[tuple[str, int]], hint: dict[str, int],
                share: float = CAPACITY_SHARE, blocks: bool = True,
                starts: frozenset[tuple[int, int]] = frozenset()) -> _WeekStage:
    """`starts`: the (person, week) blocks of the hinted plan's teams, to complete the hint."""
    model = cp_model.CpModel()
    x: dict[tuple[str, int], cp_model.IntVar] = {}
    unplaced = {}
    terms: list[cp_model.LinearExprT] = []
    active: dict[int, dict[str, list[cp_model.IntVar]]] = defaultdict(lambda: defaultdict(list))
    for job in instance.jobs:
        weeks = [w for w in candidate_weeks(instance, job) if (job.key, w) not in banned]
        for w in weeks:
            var = x[(job.key, w)] = model.new_bool_var(f"x_{job.key}_{w}")
            terms.append(week_cost(instance, job, w) * var)
            for t in range(w, w + BUSY_WEEKS):
                active[t][job.key].append(var)
            model.add_hint(var, hint.get(job.key) == w)
        unplaced[job.key] = model.new_bool_var(f"u_{job.key}")
        model.add_hint(unplaced[job.key], job.key not in hint)
        model.add_exactly_one([x[(job.key, w)] for w in weeks] + [unplaced[job.key]])
        terms.append(UNPLACED * unplaced[job.key])
    _week_constraints(instance, model, active, share)
    if blocks:
        _block_constraints(instance, model, x, starts)
    terms += _team_floor(instance, model, x, set(hint))
    model.minimize(sum(terms))
    return _WeekStage(model, x, unplaced)


def _week_constraints(instance: Instance, model: cp_model.CpModel,
                      active: dict[int, dict[str, list[cp_model.IntVar]]], share: float) -> None:
    jobs = instance.job_by_key
    shared_pins = _jobs_sharing_pinned_people(instance)
    for needs, roles, remit in CAPACITY_GROUPS.values():
        members = group_members(instance, roles, remit)
        free = _free_counts(instance, members)
        for t, by_job in active.items():
            need = [needs.get(jobs[k].kind, 0) * v for k, vs in by_job.items() for v in vs]
            if need:
                model.add(sum(need) <= int(free[t] * share))
        total = [needs.get(jobs[k].kind, 0) * v for k, vs in _starts(active).items() for v in vs]
        if total:
            model.add(sum(total) <= sum(activity_cap(instance, p) for p in members))
    for by_job in active.values():
        by_area: dict[str, list[cp_model.IntVar]] = defaultdict(list)
        by_region: dict[str, list[cp_model.IntVar]] = defaultdict(list)
        for key, vs in by_job.items():
            by_area[jobs[key].area_code] += vs
            by_region[jobs[key].region] += vs
        for vs in by_area.values():
            if len(vs) > 1:
                model.add_at_most_one(vs)
        for vs in by_region.values():
            if len(vs) > instance.regional_limit:
                model.add(sum(vs) <= instance.regional_limit)
        for group in shared_pins:
            vs = [v for key in group for v in by_job.get(key, [])]
            if len(vs) > 1:
                model.add_at_most_one(vs)


# The places of each kind of job that only a set of people can fill (a necessary condition of any
# staffing: for each set, the places starting in a week are at most the people of the set who
# start a three-week block that week).
PLACE_SETS: tuple[tuple[dict[str, int], Callable[[Person], bool]], ...] = (
    ({FULL: 1, MONITORING: 1}, lambda p: p.role == LEAD_HMI_ROLE),
    ({FULL: 2, MONITORING: 1}, lambda p: p.role in SLOT_ROLES[OFSTED_MEMBER]),
    ({FULL: 1}, lambda p: p.remit == "education"),
    ({FULL: 1}, lambda p: p.remit == "social_care"),
    ({FULL: 1, MONITORING: 1}, lambda p: p.role in SLOT_ROLES[CQC_LEAD]),
    ({FULL: 2, MONITORING: 1}, lambda p: p.role in SLOT_ROLES[CQC_MEMBER]),
    ({FULL: 1, MONITORING: 1}, lambda p: p.send_ap),
)


def _block_constraints(instance: Instance, model: cp_model.CpModel, x: dict[tuple[str, int], cp_model.IntVar],
                       starts: frozenset[tuple[int, int]] = frozenset()) -> None:
    """Each person's own calendar, exactly: a Boolean per person and week they could start a
    three-week block (free and trained throughout), blocks never overlapping, no more blocks than
    their working pattern allows. A relaxation of the teams (it ignores conflicts of interest and
    which block serves which job) that sees what the weekly counts cannot: leave or a training
    lapse in the middle of a block, and a person busy from a block begun the week before."""
    z = {(p.id, w): model.new_bool_var(f"z_{p.id}_{w}") for p in instance.people
         for w in range(instance.last_start + 1) if person_free(p, instance.monday(w))}
    if starts:
        for index, var in z.items():
            model.add_hint(var, index in starts)
    for p in instance.people:
        mine = [z[(p.id, w)] for w in range(instance.last_start + 1) if (p.id, w) in z]
        model.add(sum(mine) <= activity_cap(instance, p))
        for t in range(instance.weeks):
            window = [z[(p.id, w)] for w in range(t - BUSY_WEEKS + 1, t + 1) if (p.id, w) in z]
            if len(window) > 1:
                model.add_at_most_one(window)
    starting: dict[int, list[tuple[str, cp_model.IntVar]]] = defaultdict(list)
    for (key, w), var in x.items():
        starting[w].append((instance.job_by_key[key].kind, var))
    for needs, member in PLACE_SETS:
        people = [p.id for p in instance.people if member(p)]
        for w, jobs in starting.items():
            need = [needs.get(kind, 0) * var for kind, var in jobs if needs.get(kind, 0)]
            if need:
                model.add(sum(need) <= sum(z[(p, w)] for p in people if (p, w) in z))


def _starts(active: dict[int, dict[str, list[cp_model.IntVar]]]) -> dict[str, list[cp_model.IntVar]]:
    """Each job's week variables once (a variable is active in several weeks)."""
    seen: dict[str, dict[int, cp_model.IntVar]] = defaultdict(dict)
    for by_job in active.values():
        for key, vs in by_job.items():
            for v in vs:
                seen[key][v.index] = v
    return {key: list(vs.values()) for key, vs in seen.items()}


def _jobs_sharing_pinned_people(instance: Instance) -> list[list[str]]:
    by_person: dict[int, list[str]] = defaultdict(list)
    for pin in instance.pins:
        if pin.inspector is not None:
            by_person[pin.inspector].append(pin.job)
    return [sorted(set(keys)) for keys in by_person.values() if len(set(keys)) > 1]


def _solve_weeks(instance: Instance, banned: set[tuple[str, int]], hint: dict[str, int],
                 seconds: float, workers: int, share: float = CAPACITY_SHARE,
                 starts: frozenset[tuple[int, int]] = frozenset()) -> tuple[dict[str, int], int, str]:
    stage = _week_model(instance, banned, hint, share, starts=starts)
    solver = _solver(seconds, workers)
    status = solver.solve(stage.model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return {}, 0, solver.status_name(status)
    weeks = {key: w for (key, w), var in stage.x.items() if solver.boolean_value(var)}
    return weeks, int(solver.best_objective_bound), solver.status_name(status)


@dataclass
class _TeamStage:
    model: cp_model.CpModel
    y: dict[tuple[int, str, str], cp_model.IntVar]
    unstaffed: dict[str, cp_model.IntVar]
    cost: cp_model.LinearExprT = 0


def _team_model(instance: Instance, weeks: dict[str, int], hint: dict[str, Placement]) -> _TeamStage:
    model = cp_model.CpModel()
    y: dict[tuple[int, str, str], cp_model.IntVar] = {}
    unstaffed = {}
    terms = []
    for key, week in weeks.items():
        job = instance.job_by_key[key]
        unstaffed[key] = model.new_bool_var(f"n_{key}")
        terms.append(UNPLACED * unstaffed[key])
        for slot in SLOTS:
            for person in instance.people:
                if TEAM[job.kind].get(slot) and fits(person, job, slot, instance.monday(week)):
                    var = y[(person.id, key, slot)] = model.new_bool_var(f"y_{person.id}_{key}_{slot}")
                    terms.append(team_cost(instance, job, [(person.id, slot)]) * var)
        _team_rules(instance, model, y, job, unstaffed[key])
    loads = _person_rules(instance, model, y, weeks)
    heaviest = model.new_int_var(0, len(weeks), "heaviest")
    for load in loads:
        model.add(heaviest >= load)
    terms.append(BALANCE * heaviest)
    _team_hint(model, y, unstaffed, hint)
    model.minimize(sum(terms))
    return _TeamStage(model, y, unstaffed, sum(terms))


def _team_rules(instance: Instance, model: cp_model.CpModel, y: dict[tuple[int, str, str], cp_model.IntVar],
                job: Job, unstaffed: cp_model.IntVar) -> None:
    mine = {(p, s): v for (p, k, s), v in y.items() if k == job.key}
    staffed = 1 - unstaffed
    for slot, need in TEAM[job.kind].items():
        model.add(sum(v for (_, s), v in mine.items() if s == slot) == need * staffed)
    by_person: dict[int, list[cp_model.IntVar]] = defaultdict(list)
    for (p, _), v in mine.items():
        by_person[p].append(v)
    for vs in by_person.values():
        if len(vs) > 1:
            model.add_at_most_one(vs)
    person = instance.person_by_id
    if job.kind == FULL:
        for remit in FULL_OFSTED_REMITS:
            model.add(sum(v for (p, _), v in mine.items() if person[p].remit == remit) >= staffed)
    model.add(sum(v for (p, _), v in mine.items() if person[p].send_ap) >= staffed)
    for pinned in pinned_people(instance, job):
        model.add(sum(by_person.get(pinned, [])) == staffed)


def _person_rules(instance: Instance, model: cp_model.CpModel, y: dict[tuple[int, str, str], cp_model.IntVar],
                  weeks: dict[str, int]) -> list[cp_model.LinearExprT]:
    per_week: dict[tuple[int, int], list[cp_model.IntVar]] = defaultdict(list)
    per_person: dict[int, list[cp_model.IntVar]] = defaultdict(list)
    for (p, key, _), v in y.items():
        per_person[p].append(v)
        for t in range(weeks[key], weeks[key] + BUSY_WEEKS):
            per_week[(p, t)].append(v)
    for vs in per_week.values():
        if len(vs) > 1:
            model.add_at_most_one(vs)
    loads: list[cp_model.LinearExprT] = []
    for p, vs in per_person.items():
        model.add(sum(vs) <= activity_cap(instance, instance.person_by_id[p]))
        loads.append(sum(vs))
    return loads


def _team_hint(model: cp_model.CpModel, y: dict[tuple[int, str, str], cp_model.IntVar],
               unstaffed: dict[str, cp_model.IntVar], hint: dict[str, Placement]) -> None:
    chosen = {(p, key, s) for key, placement in hint.items() for p, s in placement.team}
    for index, var in y.items():
        model.add_hint(var, index in chosen)
    for key, var in unstaffed.items():
        model.add_hint(var, key not in hint)


# Stage 2 first looks only for teams for every job (fast), then, from those teams, for the cheapest
# (travel, continuity, loads) with no more jobs unstaffed: the costs alone can hide a staffing.
STAFF_FIRST_SHARE = 0.3


def _staff_first(stage: _TeamStage, seconds: float, workers: int) -> None:
    """Solve for the fewest unstaffed jobs; keep that number as a limit and the teams as the hint."""
    stage.model.minimize(sum(stage.unstaffed.values()))
    solver = _solver(seconds, workers)
    status = solver.solve(stage.model)
    stage.model.minimize(stage.cost)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return
    stage.model.add(sum(stage.unstaffed.values()) <= int(solver.objective_value))
    stage.model.clear_hints()
    for var in [*stage.y.values(), *stage.unstaffed.values()]:
        stage.model.add_hint(var, solver.boolean_value(var))


def _solve_teams(instance: Instance, weeks: dict[str, int], hint: dict[str, Placement],
                 seconds: float, workers: int) -> tuple[list[Placement], set[str], int, str]:
    stage = _team_model(instance, weeks, hint)
    began = time.monotonic()
    _staff_first(stage, seconds * STAFF_FIRST_SHARE, workers)
    solver = _solver(seconds - (time.monotonic() - began), workers)
    status = solver.solve(stage.model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return [], set(weeks), 0, solver.status_name(status)
    failed = {key for key, var in stage.unstaffed.items() if solver.boolean_value(var)}
    teams: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for (p, key, slot), var in stage.y.items():
        if solver.boolean_value(var):
            teams[key].append((p, slot))
    plan = [Placement(key, instance.monday(w), tuple(sorted(teams[key], key=lambda t: (SLOTS.index(t[1]), t[0]))))
            for key, w in sorted(weeks.items(), key=lambda kv: (kv[1], kv[0])) if key not in failed]
    return plan, failed, int(solver.best_objective_bound), solver.status_name(status)


def _hint_for_weeks(instance: Instance, baseline: list[Placement], weeks: dict[str, int]) -> dict[str, Placement]:
    """A staffing of the fixed weeks to start stage 2 from: the baseline's team where it chose the
    same week, then the greedy team choice for the rest, in week order."""
    hint = {p.job: p for p in baseline if weeks.get(p.job) == instance.week_of(p.week)}
    ledger = _Ledger()
    for placement in hint.values():
        ledger.take(instance.job_by_key[placement.job], instance.week_of(placement.week), placement.team)
    for key, week in sorted(weeks.items(), key=lambda kv: (kv[1], kv[0])):
        if key in hint:
            continue
        job = instance.job_by_key[key]
        team = _greedy_team(instance, ledger, job, week)
        if team is not None:
            ledger.take(job, week, team)
            hint[key] = Placement(key, instance.monday(week), team)
    return hint


def repair(instance: Instance, plan: list[Placement], failed: set[str]) -> list[Placement]:
    """Place the jobs stage 2 could not staff in their week greedily, in the earliest week with room
    and a team around the rest of the plan."""
    ledger = _Ledger()
    for placement in plan:
        ledger.take(instance.job_by_key[placement.job], instance.week_of(placement.week), placement.team)
    repaired = list(plan)
    for key in sorted(failed, key=lambda k: (instance.job_by_key[k].due_by, k)):
        job = instance.job_by_key[key]
        for week in candidate_weeks(instance, job):
            team = _greedy_team(instance, ledger, job, week) if _room(instance, ledger, job, week) else None
            if team is not None:
                ledger.take(job, week, team)
                repaired.append(Placement(key, instance.monday(week), team))
                break
    return repaired


def _team_floor(instance: Instance, model: cp_model.CpModel, x: dict[tuple[str, int], cp_model.IntVar],
                hinted: set[str]) -> list[cp_model.LinearExprT]:
    """What the teams of the placed jobs cost at least, whatever their weeks, as stage 1 terms: in
    each region, the Ofsted and the CQC places beyond what its own inspectors' working patterns
    allow are filled from elsewhere (travel); the heaviest load is at least the average."""
    placed: dict[str, list[tuple[Job, cp_model.IntVar]]] = defaultdict(list)
    for (key, _), var in x.items():
        job = instance.job_by_key[key]
        placed[job.region].append((job, var))
    terms: list[cp_model.LinearExprT] = []
    for organisation in ({LEAD_HMI_ROLE, "ofsted_inspector"}, {"cqc_lead", "cqc_inspector"}):
        slots = [s for s in SLOTS if SLOT_ROLES[s] <= organisation]
        for region, jobs in placed.items():
            own = sum(activity_cap(instance, p) for p in instance.people
                      if p.region == region and p.role in organisation)
            needed = sum(sum(TEAM[j.kind].get(s, 0) for s in slots) * var for j, var in jobs)
            extra = model.new_int_var(0, 4 * len(instance.jobs), f"travel_{region}_{len(terms)}")
            model.add(extra >= needed - own)
            hinted_need = sum(TEAM[j.kind].get(s, 0) for j, _ in dict(jobs).items() if j.key in hinted for s in slots)
            model.add_hint(extra, max(0, hinted_need - own))
            terms.append(TRAVEL * extra)
    heaviest = model.new_int_var(0, len(instance.jobs), "heaviest_floor")
    places = sum(sum(TEAM[instance.job_by_key[key].kind].values()) * var for (key, _), var in x.items())
    model.add(heaviest * max(1, len(instance.people)) >= places)
    hinted_places = sum(sum(TEAM[instance.job_by_key[key].kind].values()) for key in hinted)
    model.add_hint(heaviest, -(-hinted_places // max(1, len(instance.people))))
    return [*terms, BALANCE * heaviest]


def _left(began: float, seconds: float) -> float:
    return seconds - (time.monotonic() - began)


def _round(instance: Instance, banned: set[tuple[str, int]], hint: list[Placement], began: float,
           seconds: float, workers: int) -> tuple[list[Placement], set[tuple[str, int]], int, int, str]:
    """One round: weeks (hinted by the last plan), teams, and the greedy repair of any failures."""
    week_hint = {p.job: instance.week_of(p.week) for p in hint}
    starts = frozenset((person, week_hint[p.job]) for p in hint if instance.week_of(p.week) == week_hint[p.job]
                       for person, _ in p.team)
    weeks, week_bound, status = _solve_weeks(instance, banned, week_hint, _left(began, seconds) * 0.4, workers,
                                             starts=starts)
    if not weeks:
        return [], set(), 0, 0, status
    plan, failed, team_bound, team_status = _solve_teams(
        instance, weeks, _hint_for_weeks(instance, [p for p in hint if p.team], weeks), _left(began, seconds) * 0.5,
        workers)
    if failed:
        plan = repair(instance, plan, failed)
    return plan, {(k, weeks[k]) for k in failed}, week_bound, team_bound, team_status


def _polish(instance: Instance, plan: list[Placement], found: int, began: float, seconds: float,
            workers: int) -> tuple[list[Placement], int]:
    """With the time left, staff the best plan's weeks again from its own teams (less travel,
    lighter loads); keep the result only if it is better."""
    if _left(began, seconds) < 2 or not plan:
        return plan, found
    weeks = {p.job: instance.week_of(p.week) for p in plan}
    polished, failed, _, _ = _solve_teams(instance, weeks, {p.job: p for p in plan}, _left(began, seconds) - 1,
                                          workers)
    if failed or not polished:
        return plan, found
    value = objective(instance, polished)
    return (polished, value) if value < found else (plan, found)


def optimise(instance: Instance, seconds: float = 30.0, workers: int = 2) -> Solved:
    """The best plan found within the time limit, with its bound and the greedy baseline."""
    began = time.monotonic()
    baseline = greedy(instance)
    baseline_objective = objective(instance, baseline)
    best, best_objective = baseline, baseline_objective
    banned: set[tuple[str, int]] = set()
    status, notes, rounds, bound = "FEASIBLE", [], 0, 0
    hint = list(baseline) + _previous_hint(instance, baseline)
    while rounds < MAX_ROUNDS and _left(began, seconds) > seconds * 0.25:
        rounds += 1
        plan, failed, week_bound, _, status = _round(instance, banned, hint if rounds == 1 else best, began,
                                                     seconds, workers)
        if rounds == 1:
            # Round 1's stage 1 bans nothing and keeps every person's own calendar at full capacity:
            # a relaxation of every plan, its teams counted at their floor (_team_floor).
            bound = week_bound
        found = objective(instance, plan) if plan else best_objective + 1
        if found <= best_objective:
            best, best_objective = plan, found
        if not failed:
            break
        notes.append(f"round {rounds}: {len(failed)} activities could not be staffed in the week stage 1 chose; "
                     "each was moved to the earliest week with room and a team")
        banned |= failed
    fewest = _unavoidable(instance, best, _left(began, seconds) * FEWEST_SHARE, workers)
    best, best_objective = _polish(instance, best, best_objective, began, seconds, workers)
    if best is baseline:
        notes.append("no plan better than the greedy baseline was found in time, so it is kept")
        status = "FEASIBLE"
    capped = min(bound, best_objective)
    return Solved(best, status, best_objective, capped, baseline, baseline_objective,
                  time.monotonic() - began, rounds, notes, capped, bound, fewest)


def _unavoidable(instance: Instance, plan: list[Placement], seconds: float, workers: int) -> int:
    """The fewest missed due dates of any plan: the counting proof, and the relaxation only if the
    count falls short of the plan's own misses and there is time."""
    counted = counted_misses(instance)
    if counted >= len(missed_due_dates(instance, plan)) or seconds < 2:
        return counted
    return max(counted, fewest_misses(instance, seconds, workers, plan)[0])


def _previous_hint(instance: Instance, baseline: list[Placement]) -> list[Placement]:
    """An earlier plan's weeks as the hint where there is one (a re-solve moves what must move)."""
    teams = {p.job: p.team for p in baseline}
    return [Placement(key, day, teams.get(key, ())) for key, day in instance.previous.items()
            if key in instance.job_by_key]


# The share of the time left after the rounds for proving the fewest missed due dates.
FEWEST_SHARE = 0.5


def fewest_misses(instance: Instance, seconds: float, workers: int = 2,
                  hint: list[Placement] | None = None) -> tuple[int, bool]:
    """The fewest missed due dates any plan can have (a lower bound, and whether the relaxation
    reaches it): round 1's relaxation keeping only the weeks that meet each due date, with the
    jobs left out as the only cost. The activities already overdue, and late weeks, are dropped:
    they only take capacity, so any plan's on-time activities are a solution of this model."""
    jobs = instance.job_by_key
    weeks = {p.job: instance.week_of(p.week) for p in hint or []}
    dropped = {(j.key, w) for j in instance.jobs for w in candidate_weeks(instance, j)
               if instance.overdue_at_start(j) or late(instance, j, w)}
    stage = _week_model(instance, dropped, {k: w for k, w in weeks.items() if (k, w) not in dropped}, share=1.0)
    stage.model.minimize(sum(v for key, v in stage.unplaced.items() if not instance.overdue_at_start(jobs[key])))
    solver = _solver(seconds, workers)
    status = solver.solve(stage.model)
    if status == cp_model.OPTIMAL:
        return int(solver.objective_value), True
    if status == cp_model.FEASIBLE:
        return math.ceil(solver.best_objective_bound - 1e-6), False
    return 0, False


def counted_misses(instance: Instance) -> int:
    """A counting proof of missed due dates: the activities that have no week meeting their due
    date, plus, at the worst due date D and set of people, the activities due by D that cannot all
    have their places filled from the three-week blocks those people can start before D."""
    on_time = {j.key: [w for w in candidate_weeks(instance, j) if not late(instance, j, w)]
               for j in instance.jobs if not instance.overdue_at_start(j)}
    certain = sum(not weeks for weeks in on_time.values())
    jobs = sorted((instance.job_by_key[k] for k, weeks in on_time.items() if weeks), key=lambda j: j.due_by)
    free = {p.id: [w for w in range(instance.last_start + 1) if person_free(p, instance.monday(w))]
            for p in instance.people}
    worst = 0
    for needs, member in PLACE_SETS:
        people = [p for p in instance.people if member(p)]
        for n in range(len(jobs)):
            due = [j for j in jobs[:n + 1] if needs.get(j.kind, 0)]
            last = max((on_time[j.key][-1] for j in due), default=-1)
            supply = sum(min(_most_blocks(free[p.id], last), activity_cap(instance, p)) for p in people)
            worst = max(worst, len(due) - _fitting(sorted(needs[j.kind] for j in due), supply))
    return certain + worst


def _most_blocks(free_starts: list[int], last: int) -> int:
    """The most non-overlapping three-week blocks a person free to start in these weeks can start
    by week `last` (the earliest start first is optimal for blocks of one length)."""
    count, free_from = 0, 0
    for w in free_starts:
        if w > last:
            break
        if w >= free_from:
            count, free_from = count + 1, w + BUSY_WEEKS
    return count


def _fitting(needs: list[int], supply: int) -> int:
    """How many of the jobs (their needs smallest first) the supply can serve."""
    served = 0
    for need in needs:
        if need > supply:
            break
        supply -= need
        served += 1
    return served
