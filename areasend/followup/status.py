"""Where each area stands with its plan, in words, and the follow-up tasks of a user: what the
partnership home, the follow-up page and a government adviser's task list show."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import QuerySet

from areasend import policy
from areasend.areas.models import LocalAreaPartnership
from areasend.caching import Watched
from areasend.framework.activities import ActivityType, Framework
from areasend.framework.outcomes import Outcome
from areasend.framework.timeline import pap_deadline, strategic_plan_deadline
from areasend.framework.versions import Provisional, version_in_force
from areasend.inspections.models import Activity

from .models import LegacyFollowUp, PlanVersion, PriorityActionPlan, ReviewOutcome, StrategicPlan
from .plans import government_review, latest_report


@dataclass(frozen=True)
class PlanStatus:
    plan: str
    report: Activity
    due_by: date
    provisional: Provisional | None
    state: str
    late: bool
    review_overdue: bool
    latest: PlanVersion | None = None
    strategic: StrategicPlan | None = None

    @property
    def is_pap(self) -> bool:
        return self.plan == "priority action plan"


def _pap_state(plan: PriorityActionPlan | None, due_by: date, today: date) -> tuple[str, bool, bool]:
    latest = plan.latest if plan else None
    if latest is None:
        late = due_by < today
        return ("Late: not submitted" if late else "Not submitted yet"), late, False
    if latest.awaiting_review:
        overdue = latest.review_due_by < today
        return (f"Version {latest.number} awaiting review" + (" (review overdue)" if overdue else "")), False, overdue
    if latest.review == ReviewOutcome.REVISE:
        return f"Version {latest.number}: revise and resubmit", False, False
    return f"Accepted (version {latest.number})", False, False


def _status(report: Activity, plan: PriorityActionPlan | None, strategic: StrategicPlan | None,
            today: date) -> PlanStatus:
    assert report.publication_date is not None
    version = version_in_force(report.publication_date)
    if report.outcome == Outcome.SYSTEMIC_FAILINGS:
        due = plan.due_by if plan else pap_deadline(report.publication_date, version)
        state, late, overdue = _pap_state(plan, due, today)
        return PlanStatus("priority action plan", report, due, version.provisional("pap_deadline_working_days"),
                          state, late, overdue, latest=plan.latest if plan else None)
    due = strategic_plan_deadline(report.publication_date, version)
    late = strategic is None and due < today
    state = (f"Published on {strategic.published_on:%-d %B %Y}" if strategic
             else "Late: not recorded" if late else "Not recorded yet")
    return PlanStatus("updated strategic plan", report, due,
                      version.provisional("strategic_plan_deadline_working_days"), state, late, False,
                      strategic=strategic)


def plan_status(area: LocalAreaPartnership, today: date) -> PlanStatus | None:
    report = latest_report(area)
    if report is None or report.publication_date is None:
        return None
    plan = PriorityActionPlan.objects.filter(report=report).prefetch_related("versions").first()
    return _status(report, plan, StrategicPlan.objects.filter(report=report).first(), today)


def plan_statuses(areas: QuerySet[LocalAreaPartnership], today: date) -> list[tuple[LocalAreaPartnership, PlanStatus]]:
    """Every area's plan status in a handful of queries, whatever the number of areas; those
    needing attention (late, review overdue) first."""
    latest: dict[int, Activity] = {}
    reports = (Activity.objects.of_kind(ActivityType.FULL_INSPECTION).of_framework(Framework.F2023)
               .filter(publication_date__isnull=False, outcome__isnull=False)
               .order_by("publication_date", "id").prefetch_related("areas"))
    for report in reports:
        for area in report.areas.all():
            latest[area.pk] = report  # the later report wins
    plans = {p.report_id: p for p in PriorityActionPlan.objects.filter(report__in=latest.values())
             .prefetch_related("versions")}
    strategic = {s.report_id: s for s in StrategicPlan.objects.filter(report__in=latest.values())}
    rows = [(area, _status(latest[area.pk], plans.get(latest[area.pk].pk), strategic.get(latest[area.pk].pk), today))
            for area in areas.order_by("name") if area.pk in latest]
    return sorted(rows, key=lambda row: not (row[1].late or row[1].review_overdue))


@dataclass(frozen=True)
class FollowUpTask:
    area: LocalAreaPartnership
    text: str
    due_by: date
    overdue: bool


def _partnership_tasks(area: LocalAreaPartnership, today: date) -> list[FollowUpTask]:
    status = plan_status(area, today)
    if status is None:
        return []
    if status.is_pap and (status.latest is None or status.latest.review == ReviewOutcome.REVISE):
        verb = "Resubmit" if status.latest else "Submit"
        return [FollowUpTask(area, f"{verb} your priority action plan", status.due_by, status.late)]
    if not status.is_pap and status.strategic is None:
        return [FollowUpTask(area, "Record the publication of your updated strategic plan", status.due_by, status.late)]
    return []


def _review_tasks(user: Any, today: date) -> list[FollowUpTask]:
    waiting = PlanVersion.objects.filter(review="").select_related("plan__area").order_by("review_due_by")
    tasks = []
    for version in waiting:
        area = version.plan.area
        if policy.may_review_pap(user, area, government_review(version)):
            tasks.append(FollowUpTask(area, f"Review version {version.number} of {area.name}'s priority action plan",
                                      version.review_due_by, version.review_due_by < today))
    return tasks


def tasks_for_user(user: Any, today: date) -> list[FollowUpTask]:
    """A partnership user's plan task; a reviewer's plans awaiting review (late ones flagged)."""
    if policy.role_of(user) is None:
        return []
    if policy.is_area_user(user, getattr(user, "area_id", None)):
        return _partnership_tasks(user.area, today)
    return _review_tasks(user, today)


# What the area page shows of follow-up changes only when one of these does (a plan version
# submitted or reviewed, a strategic plan or legacy record added): part of the cached area page's
# key, beside the history's tables. Read for the whole country: such changes are rare.
FOLLOWUP_TABLES = (Watched(PlanVersion, counted="reviewed_on"), Watched(StrategicPlan), Watched(LegacyFollowUp))
