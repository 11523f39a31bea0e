"""The optimiser's bound and its count of unavoidable missed due dates are honest: never above a
checked plan's objective or misses, on generated instances and against brute force."""

from __future__ import annotations

from datetime import timedelta
from itertools import permutations, product

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from areasend.planning.checker import check_plan
from areasend.planning.explain import unavoidable_sentence
from areasend.planning.optimiser import counted_misses, fewest_misses, optimise
from areasend.planning.programme import (
    SLOT_ROLES,
    TEAM,
    Instance,
    Placement,
    candidate_weeks,
    missed_due_dates,
    objective,
)

from .pool_factories import FULL, MONITORING, START, instance, job, person, pool
from .test_programme_properties import _jobs, _people, jobs_st, people_st


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(people_st, jobs_st)
def test_bound_and_unavoidable_misses_never_exceed_a_checked_plan(people_rows: list[tuple],
                                                                  job_rows: list[tuple]) -> None:
    problem = instance(_jobs(job_rows), people=_people(people_rows), weeks=20, regional_limit=1)
    solved = optimise(problem, seconds=2)
    for plan in (solved.plan, solved.baseline):
        assert check_plan(problem, plan) == []
        assert solved.relaxation_bound <= objective(problem, plan)
        assert solved.unavoidable_misses <= len(missed_due_dates(problem, plan))
    assert counted_misses(problem) <= solved.unavoidable_misses


def _teams(problem: Instance, kind: str) -> list[tuple[tuple[int, str], ...]]:
    slots = [slot for slot, n in TEAM[kind].items() for _ in range(n)]
    teams = []
    for people in permutations(problem.people, len(slots)):
        if all(p.role in SLOT_ROLES[s] for p, s in zip(people, slots, strict=True)):
            teams.append(tuple((p.id, s) for p, s in zip(people, slots, strict=True)))
    return teams


def _every_valid_plan(problem: Instance) -> list[list[Placement]]:
    options: list[list[Placement | None]] = []
    for j in problem.jobs:
        teams = _teams(problem, j.kind)
        options.append([None] + [Placement(j.key, problem.monday(w), t)
                                 for w in candidate_weeks(problem, j) for t in teams])
    plans = ([p for p in choice if p is not None] for choice in product(*options))
    return [plan for plan in plans if check_plan(problem, plan) == []]


def _tiny(leave_week: int, due: int) -> Instance:
    monday = START + timedelta(weeks=leave_week)
    people = [person(1, "hmi", "education"), person(2, "hmi", "social_care", region="R2"),
              person(3, "ofsted_inspector", "social_care", leave=((monday, monday + timedelta(days=4)),)),
              person(4, "cqc_lead", "health"), person(5, "cqc_lead", "health", region="R2"),
              person(6, "cqc_inspector", "health", send_ap=False)]
    jobs = [job("E1", FULL, weeks_to_due=due), job("E2", MONITORING, weeks_to_due=due + 1, region="R2")]
    return instance(jobs, people=people, weeks=7)


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, 6), st.integers(1, 5))
def test_bound_is_at_most_the_brute_force_optimum(leave_week: int, due: int) -> None:
    problem = _tiny(leave_week, due)
    plans = _every_valid_plan(problem)
    best = min(objective(problem, plan) for plan in plans)
    fewest = min(len(missed_due_dates(problem, plan)) for plan in plans)
    solved = optimise(problem, seconds=2)
    assert solved.relaxation_bound <= best <= solved.objective
    assert counted_misses(problem) <= fewest
    assert fewest_misses(problem, seconds=2)[0] <= fewest
    assert solved.unavoidable_misses <= fewest


def test_counting_proves_misses_when_one_team_cannot_do_three_inspections_in_time() -> None:
    problem = instance([job("E1", weeks_to_due=3), job("E2", weeks_to_due=3), job("E3", weeks_to_due=3)],
                       people=pool(1), weeks=20)
    solved = optimise(problem, seconds=2)
    assert counted_misses(problem) == 2
    assert solved.unavoidable_misses == 2
    assert len(missed_due_dates(problem, solved.plan)) == 2
    assert "none of this plan's missed due dates could be avoided" in unavoidable_sentence(2, 2)


def test_a_plan_missing_more_than_the_proof_says_so_in_words() -> None:
    assert "up to 3 of them might be avoidable" in unavoidable_sentence(5, 2)
    assert unavoidable_sentence(0, 0) == "No due date is missed."


def test_no_miss_is_counted_when_the_pool_has_time() -> None:
    problem = instance([job("E1", weeks_to_due=12), job("E2", weeks_to_due=12)], people=pool(1), weeks=20)
    assert counted_misses(problem) == 0
    assert optimise(problem, seconds=2).unavoidable_misses == 0


