"""The national programme as a pure problem (no Django): the due activities as jobs, the pool as
people, the weeks of a horizon; the cost of a plan; an earliest-due-date greedy baseline; and an
independent checker of every hard constraint. The CP-SAT optimiser is in `optimiser.py`.

A job is placed in a week: its notification Monday. The team is busy from that Monday to the end
of the on-site week (three weeks for a full or a monitoring inspection), so a person is on at most
one job in any week.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

from areasend.framework.activities import ActivityType
from areasend.framework.followup import monitoring_visits_allowed
from areasend.framework.lifecycle import timeline_for
from areasend.framework.timeline import ONSITE_FIELDWORK, InvalidNotificationDate, check_notification_date
from areasend.framework.versions import version_in_force

FULL = ActivityType.FULL_INSPECTION.value
MONITORING = ActivityType.MONITORING_INSPECTION.value
PLANNED_KINDS = (FULL, MONITORING)
BUSY_WEEKS = 3  # notification week, off-site week, on-site week

# Team places. A full inspection: a lead HMI, a CQC lead, one more Ofsted inspector and one more
# CQC inspector [U] (framework team size: "usually" 4-5; next-capabilities §2.3). A monitoring
# inspection: the two leads.
LEAD_HMI, CQC_LEAD, OFSTED_MEMBER, CQC_MEMBER = "ofsted_lead", "cqc_lead", "ofsted_member", "cqc_member"
SLOTS = (LEAD_HMI, CQC_LEAD, OFSTED_MEMBER, CQC_MEMBER)
TEAM: dict[str, dict[str, int]] = {
    FULL: {LEAD_HMI: 1, CQC_LEAD: 1, OFSTED_MEMBER: 1, CQC_MEMBER: 1},
    MONITORING: {LEAD_HMI: 1, CQC_LEAD: 1},
}
SLOT_ROLES: dict[str, frozenset[str]] = {
    LEAD_HMI: frozenset({"hmi"}),
    CQC_LEAD: frozenset({"cqc_lead"}),
    OFSTED_MEMBER: frozenset({"hmi", "ofsted_inspector"}),
    CQC_MEMBER: frozenset({"cqc_lead", "cqc_inspector"}),
}
SLOT_LABELS = {LEAD_HMI: "lead HMI", CQC_LEAD: "CQC lead", OFSTED_MEMBER: "Ofsted team inspector",
               CQC_MEMBER: "CQC team inspector"}
# The remits a full inspection's Ofsted places must cover between them (CQC brings health).
FULL_OFSTED_REMITS = ("education", "social_care")
# [U] At most this many activities in one region in any week (a planning assumption, not a rule).
REGIONAL_LIMIT = 2

# [U] PROVISIONAL: how long area SEND training stays current. The 2025 review made training more
# frequent without naming an interval; twelve months is our assumption. Correct it here.
TRAINING_VALID_MONTHS = 12
TRAINING_SOURCE = "Ofsted/CQC area SEND review, 2025 (training 'more frequent'; interval not published)"

# The objective, in points (lower is better). A missed due date outweighs everything else.
UNPLACED = 20_000
MISSED = 1_000
LATE_PER_WEEK = 20
TRAVEL = 3
CONTINUITY = 5
BALANCE = 4
MOVED = 200  # moving an activity away from the week an earlier plan gave it


class PlanningError(ValueError):
    """The problem as given cannot be solved at all; the message says why, in words."""


@dataclass(frozen=True)
class Person:
    id: int
    name: str
    role: str  # hmi, ofsted_inspector, cqc_lead, cqc_inspector
    remit: str
    region: str
    send_ap: bool = False
    trained: tuple[tuple[date, date], ...] = ()  # (from, until) inclusive
    leave: tuple[tuple[date, date], ...] = ()
    conflicts: frozenset[str] = frozenset()  # area codes
    max_activities_per_year: int = 8

    def trained_on(self, day: date) -> bool:
        return any(first <= day <= last for first, last in self.trained)


@dataclass(frozen=True)
class Job:
    area_code: str
    area_name: str
    region: str
    kind: str
    due_by: date
    rule: str = ""
    priority: int = 1  # 1 usual, 2 long since inspected, 3 outcome 3
    previous_lead: int | None = None
    monitoring_history: tuple[date, ...] = ()

    @property
    def key(self) -> str:
        return f"{self.area_code}:{self.kind}"


@dataclass(frozen=True)
class Pin:
    job: str  # Job.key
    week: date | None = None
    inspector: int | None = None


@dataclass(frozen=True)
class Placement:
    job: str
    week: date  # notification Monday
    team: tuple[tuple[int, str], ...]  # (person id, slot)


@dataclass
class Instance:
    start: date
    weeks: int
    people: list[Person]
    jobs: list[Job]
    pins: list[Pin] = field(default_factory=list)
    regional_limit: int = REGIONAL_LIMIT
    # The weeks of an earlier plan: a re-solve moves an activity from its week only if it must.
    previous: dict[str, date] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.start.weekday() != 0:
            raise PlanningError(
                f"The start date {self.start.isoformat()} is a {self.start:%A}; plans start on a Monday")
        if self.weeks < BUSY_WEEKS:
            raise PlanningError(f"A horizon of {self.weeks} weeks is shorter than one inspection ({BUSY_WEEKS} weeks)")
        self.job_by_key = {j.key: j for j in self.jobs}
        self.person_by_id = {p.id: p for p in self.people}

    def monday(self, week: int) -> date:
        return self.start + timedelta(weeks=week)

    def week_of(self, day: date) -> int:
        return (day - self.start).days // 7

    @property
    def last_start(self) -> int:
        return self.weeks - BUSY_WEEKS

    def overdue_at_start(self, job: Job) -> bool:
        return job.due_by < self.start


# --- Calendar -------------------------------------------------------------------------------


@lru_cache(maxsize=4096)
def week_problem(kind: str, monday: date) -> str | None:
    """Why `monday` cannot be the notification date of an activity of this kind, or None."""
    try:
        check_notification_date(monday)
        timeline_for(kind, monday)
    except InvalidNotificationDate as error:
        return str(error).split(". The nearest")[0]
    return None


@lru_cache(maxsize=4096)
def onsite_start(kind: str, monday: date) -> date:
    step = next(s for s in timeline_for(kind, monday) if s.step == ONSITE_FIELDWORK)
    return step.start


def busy_days(monday: date) -> tuple[date, date]:
    return monday, monday + timedelta(weeks=BUSY_WEEKS, days=-3)


def _overlaps(span: tuple[date, date], other: tuple[date, date]) -> bool:
    return span[0] <= other[1] and other[0] <= span[1]


def person_free(person: Person, monday: date) -> bool:
    """Free for a job notified on this Monday: no leave in its weeks and trained to its end."""
    span = busy_days(monday)
    return person.trained_on(span[1]) and not any(_overlaps(span, leave) for leave in person.leave)


def fits(person: Person, job: Job, slot: str, monday: date) -> bool:
    return person.role in SLOT_ROLES[slot] and job.area_code not in person.conflicts and person_free(person, monday)


def activity_cap(instance: Instance, person: Person) -> int:
    """The most activities the person's working pattern allows over the horizon."""
    return -(-person.max_activities_per_year * instance.weeks // 52)


def monitoring_cap_ok(job: Job, monday: date) -> bool:
    if job.kind != MONITORING:
        return True
    return monitoring_visits_allowed(list(job.monitoring_history), monday, version_in_force(monday))


def pinned_week(instance: Instance, job: Job) -> int | None:
    weeks = {instance.week_of(p.week) for p in instance.pins if p.job == job.key and p.week}
    return weeks.pop() if len(weeks) == 1 else None


def pinned_people(instance: Instance, job: Job) -> list[int]:
    return [p.inspector for p in instance.pins if p.job == job.key and p.inspector is not None]


def candidate_weeks(instance: Instance, job: Job) -> list[int]:
    """The weeks the job could start in: valid calendar, monitoring cap, pins."""
    pinned = pinned_week(instance, job)
    weeks = [pinned] if pinned is not None else range(instance.last_start + 1)
    people = [instance.person_by_id[i] for i in pinned_people(instance, job) if i in instance.person_by_id]
    return [w for w in weeks if 0 <= w <= instance.last_start
            and week_problem(job.kind, instance.monday(w)) is None
            and monitoring_cap_ok(job, instance.monday(w))
            and all(person_free(p, instance.monday(w)) for p in people)]


# --- Cost ------------------------------------------------------------------------------------


def late(instance: Instance, job: Job, week: int) -> bool:
    return onsite_start(job.kind, instance.monday(week)) > job.due_by


def week_cost(instance: Instance, job: Job, week: int) -> int:
    """Lateness (a missed due date weighs most), then earlier for areas with worse signals."""
    onsite = onsite_start(job.kind, instance.monday(week))
    weeks_late = max(0, (onsite - job.due_by).days + 6) // 7
    missed = MISSED if weeks_late and not instance.overdue_at_start(job) else 0
    moved = MOVED if job.key in instance.previous and instance.previous[job.key] != instance.monday(week) else 0
    return missed + LATE_PER_WEEK * weeks_late + job.priority * week + moved


def team_cost(instance: Instance, job: Job, team: Iterable[tuple[int, str]]) -> int:
    cost = 0
    for person_id, slot in team:
        person = instance.person_by_id[person_id]
        cost += TRAVEL * (person.region != job.region)
        if slot == LEAD_HMI and job.previous_lead is not None and person_id != job.previous_lead:
            cost += CONTINUITY
    return cost


def objective(instance: Instance, plan: list[Placement]) -> int:
    placed = {p.job for p in plan}
    total = UNPLACED * sum(j.key not in placed for j in instance.jobs)
    loads: Counter[int] = Counter()
    for placement in plan:
        job = instance.job_by_key[placement.job]
        total += week_cost(instance, job, instance.week_of(placement.week))
        total += team_cost(instance, job, placement.team)
        loads.update(person for person, _ in placement.team)
    return total + BALANCE * max(loads.values(), default=0)


def missed_due_dates(instance: Instance, plan: list[Placement]) -> list[Job]:
    """Jobs not overdue at the start that the plan leaves unplaced or places after their due date."""
    weeks = {p.job: instance.week_of(p.week) for p in plan}
    return [j for j in instance.jobs if not instance.overdue_at_start(j)
            and (j.key not in weeks or late(instance, j, weeks[j.key]))]


# --- The earliest-due-date greedy baseline ----------------------------------------------------


@dataclass
class _Ledger:
    """What a partial plan has used: person-weeks, area-weeks, region-weeks, loads."""

    people: dict[int, set[int]] = field(default_factory=dict)
    areas: dict[str, set[int]] = field(default_factory=dict)
    regions: Counter[tuple[str, int]] = field(default_factory=Counter)
    loads: Counter[int] = field(default_factory=Counter)

    def person_free(self, person_id: int, week: int) -> bool:
        return not self.people.get(person_id, set()) & set(range(week, week + BUSY_WEEKS))

    def take(self, job: Job, week: int, team: tuple[tuple[int, str], ...]) -> None:
        span = set(range(week, week + BUSY_WEEKS))
        for person_id, _ in team:
            self.people.setdefault(person_id, set()).update(span)
            self.loads[person_id] += 1
        self.areas.setdefault(job.area_code, set()).update(span)
        for w in span:
            self.regions[(job.region, w)] += 1


def _room(instance: Instance, ledger: _Ledger, job: Job, week: int) -> bool:
    span = range(week, week + BUSY_WEEKS)
    if ledger.areas.get(job.area_code, set()) & set(span):
        return False
    return all(ledger.regions[(job.region, w)] < instance.regional_limit for w in span)


def _greedy_team(instance: Instance, ledger: _Ledger, job: Job, week: int) -> tuple[tuple[int, str], ...] | None:
    monday = instance.monday(week)
    pinned = set(pinned_people(instance, job))
    team: list[tuple[int, str]] = []
    for slot, count in TEAM[job.kind].items():
        for _ in range(count):
            chosen = _pick(instance, ledger, job, slot, monday, week, team, pinned)
            if chosen is None:
                return None
            team.append((chosen.id, slot))
    result = tuple(team)
    return result if not team_problems(instance, job, result) else None


def _pick(instance: Instance, ledger: _Ledger, job: Job, slot: str, monday: date, week: int,
          team: list[tuple[int, str]], pinned: set[int]) -> Person | None:
    used = {p for p, _ in team}
    covered = {instance.person_by_id[p].remit for p in used}
    has_send = any(instance.person_by_id[p].send_ap for p in used)
    options = [p for p in instance.people if p.id not in used and fits(p, job, slot, monday)
               and ledger.person_free(p.id, week) and ledger.loads[p.id] < activity_cap(instance, p)]

    def rank(p: Person) -> tuple[int, int, int, int, int]:
        return (p.id not in pinned, p.remit in covered, not (p.send_ap or has_send),
                ledger.loads[p.id], p.region != job.region)
    return min(options, key=rank, default=None)


def team_problems(instance: Instance, job: Job, team: tuple[tuple[int, str], ...]) -> list[str]:
    """What the team lacks: its places, the remits, SEND or alternative-provision experience."""
    problems = []
    counts = Counter(slot for _, slot in team)
    for slot, need in TEAM[job.kind].items():
        if counts[slot] != need:
            problems.append(f"needs {need} {SLOT_LABELS[slot]} (has {counts[slot]})")
    people = [instance.person_by_id[p] for p, _ in team if p in instance.person_by_id]
    if job.kind == FULL:
        remits = {p.remit for p in people}
        problems += [f"no one with the {r.replace('_', ' ')} remit" for r in FULL_OFSTED_REMITS if r not in remits]
    if not any(p.send_ap for p in people):
        problems.append("no one with SEND or alternative-provision experience")
    missing = set(pinned_people(instance, job)) - {p for p, _ in team}
    problems += [f"pinned inspector {i} is not on the team" for i in sorted(missing)]
    return problems


def greedy(instance: Instance) -> list[Placement]:
    """Earliest due date first; each job in its earliest week with room and a team."""
    ledger = _Ledger()
    plan = []
    for job in sorted(instance.jobs, key=lambda j: (j.due_by, -j.priority, j.area_code, j.kind)):
        for week in candidate_weeks(instance, job):
            if not _room(instance, ledger, job, week):
                continue
            team = _greedy_team(instance, ledger, job, week)
            if team is not None:
                ledger.take(job, week, team)
                plan.append(Placement(job.key, instance.monday(week), team))
                break
    return plan
