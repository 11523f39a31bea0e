"""The national programme's pure parts: calendar, greedy baseline, checker, optimiser, pins."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from areasend.planning.checker import check_plan
from areasend.planning.optimiser import optimise
from areasend.planning.programme import (
    MONITORING,
    Pin,
    Placement,
    PlanningError,
    candidate_weeks,
    greedy,
    missed_due_dates,
    objective,
    week_problem,
)

from .pool_factories import START, instance, job, person, pool


def test_week_problem_refuses_a_summer_holiday_on_site_week() -> None:
    assert week_problem("full inspection", date(2027, 7, 12)) is not None  # on site 26 July
    assert week_problem("full inspection", START) is None


def test_week_problem_refuses_a_bank_holiday_monday() -> None:
    assert "bank holiday" in (week_problem("full inspection", date(2027, 5, 3)) or "")


def test_greedy_places_every_job_in_a_valid_plan() -> None:
    problem = instance([job("E1"), job("E2"), job("E3", weeks_to_due=8)])
    plan = greedy(problem)
    assert {p.job for p in plan} == {j.key for j in problem.jobs}
    assert check_plan(problem, plan) == []


def test_optimiser_is_valid_and_no_worse_than_greedy() -> None:
    problem = instance([job(f"E{n}", weeks_to_due=4 + 3 * n, priority=1 + n % 3) for n in range(5)])
    solved = optimise(problem, seconds=5)
    assert check_plan(problem, solved.plan) == []
    assert solved.objective == objective(problem, solved.plan)
    assert solved.objective <= solved.baseline_objective
    assert solved.bound <= solved.objective
    assert missed_due_dates(problem, solved.plan) == []


def test_short_horizon_and_non_monday_start_are_refused_in_words() -> None:
    with pytest.raises(PlanningError, match="shorter than one inspection"):
        instance([job()], weeks=2)
    with pytest.raises(PlanningError, match="Monday"):
        type(instance([job()]))(START + timedelta(days=1), 10, pool(), [job()])


def test_pin_to_a_week_is_kept() -> None:
    pinned = START + timedelta(weeks=6)
    problem = instance([job("E1"), job("E2")], pins=[Pin("E1:full inspection", week=pinned)])
    solved = optimise(problem, seconds=5)
    assert {p.job: p.week for p in solved.plan}["E1:full inspection"] == pinned
    assert check_plan(problem, solved.plan) == []


def test_pin_to_an_inspector_is_kept() -> None:
    problem = instance([job("E1"), job("E2")], pins=[Pin("E1:full inspection", inspector=11)])
    solved = optimise(problem, seconds=5)
    team = {p.job: {i for i, _ in p.team} for p in solved.plan}
    assert 11 in team["E1:full inspection"]


def test_pin_to_a_holiday_week_leaves_no_candidate_week() -> None:
    problem = instance([job()], pins=[Pin("E1:full inspection", week=date(2027, 7, 12))], weeks=40)
    assert candidate_weeks(problem, problem.jobs[0]) == []


def _one_placement(problem_people: list, **job_kw: object) -> tuple:
    problem = instance([job(**job_kw)], people=problem_people)  # type: ignore[arg-type]
    team = tuple((p.id, slot) for p, slot in zip(problem_people, ("ofsted_lead", "ofsted_member", "cqc_lead",
                                                                      "cqc_member"), strict=False))
    return problem, [Placement("E1:full inspection", START, team)]


def test_checker_accepts_a_good_team() -> None:
    problem, plan = _one_placement(pool(1))
    assert check_plan(problem, plan) == []


@pytest.mark.parametrize(("change", "expected"), [
    ({"leave": ((START + timedelta(days=8), START + timedelta(days=9)),)}, "on leave"),
    ({"trained": ((date(2026, 1, 1), START + timedelta(days=3)),)}, "training is not current"),
    ({"conflicts": frozenset({"E1"})}, "conflict of interest"),
    ({"role": "ofsted_inspector"}, "cannot take the place"),
    ({"remit": "social_care"}, "education remit"),
])
def test_checker_finds_each_problem_with_the_lead(change: dict, expected: str) -> None:
    people = pool(1)
    lead = people[0]
    people[0] = person(lead.id, **{"role": lead.role, "remit": lead.remit, **change})
    problem, plan = _one_placement(people)
    assert any(expected in p for p in check_plan(problem, plan))


def test_checker_needs_send_or_ap_experience() -> None:
    people = [person(p.id, p.role, p.remit, send_ap=False) for p in pool(1)]
    problem, plan = _one_placement(people)
    assert any("SEND" in p for p in check_plan(problem, plan))


def test_checker_finds_holiday_weeks_and_double_booking() -> None:
    problem = instance([job("E1"), job("E2")], weeks=40)
    team = ((1, "ofsted_lead"), (2, "ofsted_member"), (3, "cqc_lead"), (4, "cqc_member"))
    summer = [Placement("E1:full inspection", date(2027, 7, 12), team)]
    assert any("school holidays" in p for p in check_plan(problem, summer))
    twice = [Placement("E1:full inspection", START, team),
             Placement("E2:full inspection", START + timedelta(weeks=1), team)]
    assert any("two activities" in p for p in check_plan(problem, twice))


def test_checker_finds_the_regional_limit() -> None:
    problem = instance([job("E1"), job("E2")], regional_limit=1)
    plan = greedy(problem)
    assert check_plan(problem, plan) == []
    together = [Placement(p.job, START, p.team) for p in plan]
    assert any("over the limit" in p for p in check_plan(problem, together))


def test_monitoring_cap_keeps_a_fourth_visit_out_of_twelve_months() -> None:
    history = (START - timedelta(weeks=30), START - timedelta(weeks=20), START - timedelta(weeks=10))
    problem = instance([job("E1", kind=MONITORING, monitoring_history=history)])
    weeks = candidate_weeks(problem, problem.jobs[0])
    assert weeks and problem.monday(weeks[0]) >= date(2027, 6, 1)


def test_a_re_solve_keeps_the_earlier_weeks_unless_they_must_move() -> None:
    later = START + timedelta(weeks=6)
    jobs = [job("E1"), job("E2")]
    kept = optimise(instance(jobs, previous={"E1:full inspection": later}), seconds=5)
    assert {p.job: p.week for p in kept.plan}["E1:full inspection"] == later
    people = pool()
    people = [person(p.id, p.role, p.remit, leave=((later, later + timedelta(days=4)),)) for p in people]
    moved = optimise(instance(jobs, people=people, previous={"E1:full inspection": later}), seconds=5)
    problem = instance(jobs, people=people)
    assert {p.job: p.week for p in moved.plan}["E1:full inspection"] != later
    assert check_plan(problem, moved.plan) == []


def test_leave_over_every_week_is_explained() -> None:
    from areasend.planning.explain import feasibility

    away = ((START, START + timedelta(weeks=60)),)
    people = [person(p.id, p.role, p.remit, leave=away) for p in pool()]
    problem = instance([job("E1")], people=people)
    solved = optimise(problem, seconds=2)
    assert solved.plan == []
    (row,) = feasibility(problem, solved.plan)["not_placed_by_due_date"]
    assert "no lead HMI in the pool is free" in row["reason"]


def test_a_pool_with_no_cqc_lead_is_explained() -> None:
    from areasend.planning.explain import feasibility

    people = [p for p in pool() if p.role != "cqc_lead"]
    problem = instance([job("E1")], people=people)
    report = feasibility(problem, optimise(problem, seconds=2).plan)
    assert "no CQC lead in the pool" in report["not_placed_by_due_date"][0]["reason"]
    assert any("CQC leads" in s and "not enough" in s for s in report["summary"])


def test_a_pin_to_a_holiday_week_is_explained() -> None:
    from areasend.planning.explain import feasibility

    problem = instance([job("E1")], pins=[Pin("E1:full inspection", week=date(2027, 7, 12))], weeks=40)
    report = feasibility(problem, optimise(problem, seconds=2).plan)
    assert "pinned to the week of 12 July 2027" in report["not_placed_by_due_date"][0]["reason"]
    assert "summer school holidays" in report["not_placed_by_due_date"][0]["reason"]
