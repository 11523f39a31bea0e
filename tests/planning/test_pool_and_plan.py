"""The pool in the database, its commands, and `areasend plan` (the DESIGN.md contract)."""

from __future__ import annotations

import json
from datetime import date
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from areasend.accounts.models import User
from areasend.inspections.models import Inspection, State, WorkflowError
from areasend.planning.checker import check_plan
from areasend.planning.models import ConflictOfInterest, Inspector, Plan, PlannedActivity
from areasend.planning.plans import confirm, save_plan, solve
from tests.conftest import needs_shared

pytestmark = pytest.mark.django_db
START = "2026-12-07"


def plan_json(*args: str) -> dict:
    out = StringIO()
    call_command("plan", "--start", START, *args, "--json", stdout=out)
    return json.loads(out.getvalue())


def test_demo_pool_creates_a_realistic_pool() -> None:
    out = StringIO()
    call_command("demo_pool", "--size", "60", "--seed", "3", stdout=out)
    assert Inspector.objects.count() == 60
    roles = set(Inspector.objects.values_list("role", flat=True))
    assert roles == {"hmi", "ofsted_inspector", "cqc_lead", "cqc_inspector"}
    assert all(i.training.exists() for i in Inspector.objects.all()[:10])
    call_command("demo_pool", "--size", "10", "--seed", "3", stdout=out)
    assert Inspector.objects.active().count() == 10  # the previous synthetic pool is replaced


def test_demo_pool_refuses_a_silly_size() -> None:
    with pytest.raises(CommandError, match="--size 0"):
        call_command("demo_pool", "--size", "0")


def test_import_pool_reports_bad_rows_and_loads_good_ones(tmp_path: Path) -> None:
    path = tmp_path / "pool.csv"
    path.write_text(
        "email,first_name,last_name,role,remit,home_region,national_pool,send_experience,ap_experience,"
        "max_activities_per_year,training_completed\n"
        "a@example.org,Ann,Lee,hmi,education,E12000007,N,Y,N,8,2026-09-01\n"
        "b@example.org,Bob,Ray,wizard,education,E12000007,N,Y,N,8,\n"
        "c@example.org,Cat,Fox,cqc_lead,health,E99999999,N,Y,N,8,\n")
    err = StringIO()
    call_command("import_pool", str(path), stdout=StringIO(), stderr=err)
    assert "row 3: role 'wizard'" in err.getvalue()
    assert "row 4: home_region 'E99999999'" in err.getvalue()
    ann = Inspector.objects.get(user__email="a@example.org")
    assert ann.training.get().expires_on == date(2027, 9, 1)
    call_command("import_pool", str(path), stdout=StringIO(), stderr=StringIO())
    assert Inspector.objects.count() == 1  # idempotent


def test_import_pool_refuses_a_file_without_the_columns(tmp_path: Path) -> None:
    path = tmp_path / "pool.csv"
    path.write_text("name\nAnn\n")
    with pytest.raises(CommandError, match="no column email"):
        call_command("import_pool", str(path))


@needs_shared
def test_plan_json_follows_the_contract_and_is_valid() -> None:
    call_command("demo_pool", "--size", "60", "--seed", "1", stdout=StringIO())
    data = plan_json("--weeks", "12", "--seconds", "4")
    summary = data["summary"]
    for key in ("scheduled", "missed_due_dates", "overdue_at_start", "objective", "bound", "solver_status",
                "baseline_objective", "baseline_missed_due_dates"):
        assert key in summary
    assert summary["overdue_at_start"] > 0
    assert summary["objective"] <= summary["baseline_objective"]
    assert summary["bound"] <= summary["objective"]
    first = data["activities"][0]
    assert set(first) >= {"area_code", "activity", "notification_date", "onsite_start", "team"}
    assert date.fromisoformat(first["notification_date"]).weekday() == 0
    roles = [t["role"] for t in first["team"]]
    assert roles.count("ofsted_lead") == 1 and roles.count("cqc_lead") == 1
    programme = solve(date.fromisoformat(START), 12, 3)
    assert check_plan(programme.instance, programme.solved.plan) == []


@needs_shared
def test_an_empty_pool_is_explained_not_a_stack_trace() -> None:
    data = plan_json("--weeks", "8", "--seconds", "2")
    assert data["summary"]["scheduled"] == 0
    reasons = [row["reason"] for row in data["feasibility"]["not_placed_by_due_date"]]
    assert reasons and all("no lead HMI in the pool" in r for r in reasons)
    assert any("not enough" in s for s in data["feasibility"]["summary"])


def test_a_horizon_shorter_than_one_inspection_is_refused() -> None:
    with pytest.raises(CommandError, match="shorter than one inspection"):
        plan_json("--weeks", "2")


def test_a_start_that_is_not_a_monday_is_refused() -> None:
    out = StringIO()
    with pytest.raises(CommandError, match="plans start on a Monday"):
        call_command("plan", "--start", "2026-12-08", "--weeks", "10", stdout=out)


@needs_shared
def test_contradictory_pins_are_refused_and_nothing_saved() -> None:
    code = "E06000055"
    with pytest.raises(CommandError, match="pinned to two weeks"):
        plan_json("--weeks", "12", "--pin", f"{code}=2027-01-11", "--pin", f"{code}=2027-01-18")
    assert not Plan.objects.exists()


@needs_shared
def test_confirming_a_planned_activity_schedules_it_with_its_team(make_user) -> None:
    planner = make_user("pia", "planner")
    call_command("demo_pool", "--size", "60", "--seed", "1", stdout=StringIO())
    plan = save_plan(solve(date.fromisoformat(START), 12, 3), by=planner)
    assert not Inspection.objects.exists()  # nothing notified by committing a plan
    planned = PlannedActivity.objects.filter(plan=plan, notification_date__gt=date.today()).first()
    assert planned is not None
    inspection = confirm(planned, by=planner, officer_name="Nominated Officer", officer_email="no@example.org")
    assert inspection.state == State.SCHEDULED
    assert inspection.notified_on == planned.notification_date
    assert inspection.team.count() == len(planned.team)
    assert confirm(planned, by=planner, officer_name="x", officer_email="x@example.org") == inspection


def test_a_conflict_declared_after_the_solve_refuses_the_confirmation_and_keeps_nothing(make_user) -> None:
    planner = make_user("pia", "planner")
    call_command("demo_pool", "--size", "60", "--seed", "1", stdout=StringIO())
    plan = save_plan(solve(date.fromisoformat(START), 12, 3), by=planner)
    planned = PlannedActivity.objects.filter(plan=plan, notification_date__gt=date.today()).first()
    assert planned is not None
    member = User.objects.get(pk=planned.team[-1]["inspector"])
    ConflictOfInterest.objects.create(inspector=member, area=planned.area, reason="Former employee")
    with pytest.raises(WorkflowError, match=r"conflict of interest.*solve the programme again"):
        confirm(planned, by=planner, officer_name="Nominated Officer", officer_email="no@example.org")
    assert not Inspection.objects.exists()
    planned.refresh_from_db()
    assert planned.inspection is None
