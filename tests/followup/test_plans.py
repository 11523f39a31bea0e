"""Priority action plans and strategic plans: submitted by the partnership, reviewed by the body
the framework version names, every version kept; bad input refused with a reason."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied

from areasend.followup import plans
from areasend.followup.models import PlanVersion, PriorityActionPlan, StrategicPlan
from areasend.followup.status import plan_status, tasks_for_user
from areasend.inspections.models import WorkflowError
from tests.conftest import needs_shared

pytestmark = [pytest.mark.django_db, needs_shared]


def _actions(area, n=2):
    partners = list(area.partners.values_list("pk", flat=True))
    return [plans.ActionInput(priority_action_text=f"Priority {i}", action="Cut waits for EHC plans",
                              partner_ids=partners[:1], impact_measures="Plans issued within 20 weeks",
                              milestones=[(date(2026, 3, 31), "Half on time")]) for i in range(1, n + 1)]


def test_bury_submits_and_the_plan_is_due_35_working_days_after_its_report(bury, cast):
    version = plans.submit_pap(bury, by=cast["lap_b"], actions=_actions(bury), submitted_on=date(2024, 6, 20))
    plan = version.plan
    assert plan.due_by == date(2024, 6, 26)  # 35 working days after 7 May 2024 (27 May a bank holiday)
    assert plan.publish_by > plan.due_by
    assert version.number == 1 and version.review_body == "Ofsted and CQC"
    assert version.actions.count() == 2 and version.actions.first().milestones.count() == 1


def test_before_july_2025_planners_review_and_advisers_cannot(bury, cast, adviser):
    version = plans.submit_pap(bury, by=cast["lap_b"], actions=_actions(bury), submitted_on=date(2024, 6, 20))
    with pytest.raises(PermissionDenied):
        plans.review_pap(version, by=adviser, outcome="accepted", comments="")
    plans.review_pap(version, by=cast["planner"], outcome="accepted", comments="")
    assert PlanVersion.objects.get(pk=version.pk).review == "accepted"


def test_after_july_2025_only_an_adviser_supporting_the_area_reviews(bury, cast, adviser, other_adviser):
    version = plans.submit_pap(bury, by=cast["lap_b"], actions=_actions(bury), submitted_on=date(2025, 9, 1))
    assert version.review_body == "DfE and regional NHS England"
    for user in (cast["planner"], other_adviser, cast["lap_b"]):
        with pytest.raises(PermissionDenied):
            plans.review_pap(version, by=user, outcome="accepted", comments="")
    plans.review_pap(version, by=adviser, outcome="revise", comments="Add dates to action 2")
    assert PlanVersion.objects.get(pk=version.pk).reviewed_by == adviser


def test_resubmission_keeps_every_version(bury, cast, adviser):
    first = plans.submit_pap(bury, by=cast["lap_b"], actions=_actions(bury), submitted_on=date(2025, 9, 1))
    with pytest.raises(WorkflowError, match="awaiting review"):
        plans.submit_pap(bury, by=cast["lap_b"], actions=_actions(bury), submitted_on=date(2025, 9, 2))
    with pytest.raises(WorkflowError, match="Say what the partnership needs to revise"):
        plans.review_pap(first, by=adviser, outcome="revise", comments="  ")
    plans.review_pap(first, by=adviser, outcome="revise", comments="Name the responsible ICB")
    second = plans.submit_pap(bury, by=cast["lap_b"], actions=_actions(bury, 3))
    plans.review_pap(second, by=adviser, outcome="accepted", comments="")
    plan = PriorityActionPlan.objects.get(area=bury)
    assert [v.number for v in plan.versions.all()] == [1, 2]
    assert plan.versions.get(number=1).actions.count() == 2 and plan.accepted
    with pytest.raises(WorkflowError, match="accepted"):
        plans.submit_pap(bury, by=cast["lap_b"], actions=_actions(bury))


def test_a_repeated_review_is_harmless_but_a_different_one_is_refused(bury, cast, adviser):
    version = plans.submit_pap(bury, by=cast["lap_b"], actions=_actions(bury), submitted_on=date(2025, 9, 1))
    plans.review_pap(version, by=adviser, outcome="accepted", comments="")
    plans.review_pap(version, by=adviser, outcome="accepted", comments="")
    with pytest.raises(WorkflowError, match="already been reviewed"):
        plans.review_pap(version, by=adviser, outcome="revise", comments="Change")


def test_bad_plans_are_refused_with_the_reason_and_nothing_saved(bury, bedford, cast):
    with pytest.raises(WorkflowError, match="asks for an updated strategic plan"):
        plans.submit_pap(bedford, by=cast["lap_a"], actions=_actions(bedford))
    with pytest.raises(PermissionDenied):
        plans.submit_pap(bury, by=cast["lap_a"], actions=_actions(bury))
    with pytest.raises(WorkflowError, match="at least one action"):
        plans.submit_pap(bury, by=cast["lap_b"], actions=[])
    bad = [plans.ActionInput("Priority 1", "Act", [bedford.partners.first().pk], "Measure")]
    with pytest.raises(WorkflowError, match="Action 1: choose the responsible partner"):
        plans.submit_pap(bury, by=cast["lap_b"], actions=bad)
    blank = [plans.ActionInput("Priority 1", " ", [bury.partners.first().pk], "")]
    with pytest.raises(WorkflowError, match="Action 1: enter the action and the impact measures"):
        plans.submit_pap(bury, by=cast["lap_b"], actions=blank)
    assert not PlanVersion.objects.exists()


def test_late_and_review_overdue_show_in_status_and_tasks(bury, cast, adviser):
    today = date(2026, 12, 7)
    assert plan_status(bury, today).state == "Late: not submitted"
    [task] = tasks_for_user(cast["lap_b"], today)
    assert task.overdue and task.text == "Submit your priority action plan"
    plans.submit_pap(bury, by=cast["lap_b"], actions=_actions(bury), submitted_on=date(2025, 9, 1))
    status = plan_status(bury, today)
    assert status.review_overdue and "review overdue" in status.state
    assert tasks_for_user(cast["lap_b"], today) == []
    [review] = tasks_for_user(adviser, today)
    assert review.overdue and "Bury" in review.text
    assert tasks_for_user(cast["planner"], today) == []


def test_strategic_plan_recorded_once_after_the_report(bedford, bury, cast):
    with pytest.raises(WorkflowError, match="after the report"):
        plans.record_strategic_plan(bedford, by=cast["lap_a"], url="https://b.example/plan",
                                    published_on=date(2025, 1, 1))
    with pytest.raises(WorkflowError, match="priority action plan"):
        plans.record_strategic_plan(bury, by=cast["lap_b"], url="https://b.example/plan",
                                    published_on=date(2025, 1, 1))
    plan = plans.record_strategic_plan(bedford, by=cast["lap_a"], url="https://b.example/plan",
                                       published_on=date(2025, 9, 1))
    assert plan.late  # 70 working days after 4 February 2025 is in May
    with pytest.raises(WorkflowError, match="already recorded"):
        plans.record_strategic_plan(bedford, by=cast["lap_a"], url="https://b.example/2",
                                    published_on=date(2025, 9, 2))
    assert StrategicPlan.objects.count() == 1
    assert plan_status(bedford, date(2026, 1, 1)).state == "Published on 1 September 2025"
