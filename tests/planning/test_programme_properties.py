"""On generated instances the optimiser's plan is valid and never worse than the greedy baseline."""

from __future__ import annotations

from datetime import timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from areasend.planning.checker import check_plan
from areasend.planning.optimiser import optimise
from areasend.planning.programme import FULL, MONITORING, Job, Person, objective

from .pool_factories import START, TRAINED, instance

ROLES = ("hmi", "ofsted_inspector", "cqc_lead", "cqc_inspector")
REGIONS = ("R1", "R2", "R3")

people_st = st.lists(st.tuples(st.sampled_from(ROLES), st.sampled_from(("education", "social_care")),
                               st.sampled_from(REGIONS), st.booleans(), st.integers(0, 20)),
                     min_size=4, max_size=12)
jobs_st = st.lists(st.tuples(st.sampled_from(REGIONS), st.sampled_from((FULL, FULL, MONITORING)),
                             st.integers(-4, 24), st.integers(1, 3)), min_size=1, max_size=8)


def _people(rows: list[tuple]) -> list[Person]:
    people = []
    for n, (role, remit, region, send_ap, leave_week) in enumerate(rows, 1):
        remit = "health" if role.startswith("cqc") else remit
        monday = START + timedelta(weeks=leave_week)
        leave = ((monday, monday + timedelta(days=4)),)
        people.append(Person(n, f"P{n}", role, remit, region, send_ap, TRAINED, leave))
    return people


def _jobs(rows: list[tuple]) -> list[Job]:
    return [Job(f"E{n}", f"Area {n}", region, kind, START + timedelta(weeks=due), priority=priority)
            for n, (region, kind, due, priority) in enumerate(rows)]


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(people_st, jobs_st)
def test_optimiser_is_valid_and_never_worse_than_baseline(people_rows: list[tuple], job_rows: list[tuple]) -> None:
    problem = instance(_jobs(job_rows), people=_people(people_rows), weeks=20, regional_limit=1)
    solved = optimise(problem, seconds=2)
    assert check_plan(problem, solved.plan) == []
    assert check_plan(problem, solved.baseline) == []
    assert solved.objective == objective(problem, solved.plan)
    assert solved.objective <= solved.baseline_objective
    assert solved.bound <= solved.objective
