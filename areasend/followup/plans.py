"""The partnership's plans after its report (spec §6.1; next-capabilities §1.4): a priority
action plan (outcome 3), submitted, reviewed by the body the framework version names, and
resubmitted until accepted, every version kept; or (outcomes 1 and 2) the publication of its
updated strategic plan. Each change checks who may make it, writes its audit row in the same
transaction and is safe to repeat."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone

from areasend import policy
from areasend.accounts import audit
from areasend.accounts.models import AuditAction
from areasend.areas.models import LocalAreaPartnership
from areasend.framework.activities import ActivityType, Framework
from areasend.framework.followup import (
    pap_publication_deadline,
    pap_review_due,
    pap_reviewed_by_government,
)
from areasend.framework.outcomes import Outcome
from areasend.framework.timeline import pap_deadline, strategic_plan_deadline
from areasend.framework.versions import version_in_force
from areasend.inspections.models import Activity, Recommendation, RecommendationKind, WorkflowError

from .models import Milestone, PlanAction, PlanVersion, PriorityActionPlan, ReviewOutcome, StrategicPlan


@dataclass(frozen=True)
class ActionInput:
    """One row of the plan as submitted: what will be done about one area for priority action."""

    priority_action_text: str
    action: str
    partner_ids: Sequence[int]
    impact_measures: str
    milestones: Sequence[tuple[date, str]] = field(default_factory=tuple)
    priority_action: Recommendation | None = None


def latest_report(area: LocalAreaPartnership) -> Activity | None:
    """The area's latest published full inspection report of the 2023 framework (demo included:
    a demo report's plans are demo too, and never counted)."""
    return (Activity.objects.for_area(area).of_kind(ActivityType.FULL_INSPECTION)
            .of_framework(Framework.F2023).filter(publication_date__isnull=False, outcome__isnull=False)
            .order_by("-publication_date", "-id").first())


def priority_actions_of(report: Activity) -> list[Recommendation]:
    """The areas for priority action recorded for the report, when it was inspected here."""
    inspection = getattr(report, "inspection", None)
    if inspection is None:
        return []
    return list(inspection.recommendations.filter(kind=RecommendationKind.PRIORITY_ACTION)
                .prefetch_related("partners"))


def _report_for_pap(area: LocalAreaPartnership) -> Activity:
    report = latest_report(area)
    if report is None:
        raise WorkflowError(f"{area.name} has no published full inspection report to plan against")
    if report.outcome != Outcome.SYSTEMIC_FAILINGS:
        raise WorkflowError(
            f"{area.name}'s latest report ({report.publication_date:%-d %B %Y}) has outcome {report.outcome}: "
            "it asks for an updated strategic plan, not a priority action plan")
    return report


def _plan_for(area: LocalAreaPartnership, report: Activity) -> PriorityActionPlan:
    assert report.publication_date is not None
    version = version_in_force(report.publication_date)
    plan, _ = PriorityActionPlan.objects.get_or_create(report=report, defaults={
        "area": area, "due_by": pap_deadline(report.publication_date, version),
        "publish_by": pap_publication_deadline(report.publication_date, version),
        "synthetic": report.synthetic,
    })
    return PriorityActionPlan.objects.select_for_update().get(pk=plan.pk)


def _check_actions(area: LocalAreaPartnership, actions: Sequence[ActionInput]) -> None:
    if not actions:
        raise WorkflowError("Add at least one action for an area for priority action")
    partner_ids = set(area.partners.values_list("pk", flat=True))
    for n, row in enumerate(actions, start=1):
        missing = [name for name, value in (("the area for priority action", row.priority_action_text),
                                            ("the action", row.action), ("the impact measures", row.impact_measures))
                   if not value.strip()]
        if missing:
            raise WorkflowError(f"Action {n}: enter {' and '.join(missing)}")
        if not row.partner_ids or not set(row.partner_ids) <= partner_ids:
            raise WorkflowError(f"Action {n}: choose the responsible partner(s) from {area.name}'s partners")


def _refuse_open_version(plan: PriorityActionPlan) -> None:
    latest = plan.latest
    if latest is not None and latest.awaiting_review:
        raise WorkflowError(f"Version {latest.number} was submitted on {latest.submitted_on:%-d %B %Y} "
                            "and is awaiting review: it cannot be submitted again until it is reviewed")
    if latest is not None and latest.review == ReviewOutcome.ACCEPTED:
        raise WorkflowError(f"The plan was accepted on {latest.reviewed_on:%-d %B %Y}; there is nothing to resubmit")


@transaction.atomic
def submit_pap(area: LocalAreaPartnership, *, by: Any, actions: Sequence[ActionInput], document: Any = None,
               local_name: str = "", submitted_on: date | None = None, request: Any = None) -> PlanVersion:
    """The partnership submits (or resubmits, after 'revise and resubmit') its plan."""
    if not policy.may_submit_plan(by, area):
        raise PermissionDenied("Only the partnership's own users can submit its priority action plan")
    on = submitted_on or timezone.localdate()
    plan = _plan_for(area, _report_for_pap(area))
    _refuse_open_version(plan)
    _check_actions(area, actions)
    framework = version_in_force(on)
    try:
        with transaction.atomic():  # two submissions at once: the second is refused, never a 500
            version = PlanVersion.objects.create(
                plan=plan, number=plan.versions.count() + 1, submitted_on=on, submitted_by=by,
                review_due_by=pap_review_due(on, framework), review_body=framework.pap_feedback_from,
                document=document or "", document_name=getattr(document, "name", "")[:200],
            )
    except IntegrityError:
        raise WorkflowError("This version of the plan has just been submitted; it is awaiting review") from None
    for position, row in enumerate(actions):
        _add_action(version, row, position)
    if local_name.strip():
        plan.local_name = local_name.strip()[:100]
        plan.save(update_fields=["local_name"])
    audit.record(by, AuditAction.CREATE, version, request=request, area_code=area.gss_code,
                 plan=plan.pk, number=version.number)
    return version


def _add_action(version: PlanVersion, row: ActionInput, position: int) -> None:
    item = PlanAction.objects.create(
        version=version, priority_action=row.priority_action, position=position,
        priority_action_text=row.priority_action_text.strip()[:500], action=row.action.strip(),
        impact_measures=row.impact_measures.strip(),
    )
    item.partners.set(row.partner_ids)
    Milestone.objects.bulk_create(Milestone(action=item, due_on=d, text=t[:300]) for d, t in row.milestones)


def government_review(version: PlanVersion) -> bool:
    return pap_reviewed_by_government(version_in_force(version.submitted_on))


@transaction.atomic
def review_pap(version: PlanVersion, *, by: Any, outcome: str, comments: str, reviewed_on: date | None = None,
               request: Any = None) -> PlanVersion:
    """Feedback on one submitted version: accepted, or revise and resubmit with comments."""
    locked = PlanVersion.objects.select_for_update().select_related("plan__area").get(pk=version.pk)
    area = locked.plan.area
    if not policy.may_review_pap(by, area, government_review(locked)):
        raise PermissionDenied(f"Only {locked.review_body} can review this plan"
                               + (" (a government adviser who supports the area)" if government_review(locked) else ""))
    chosen = ReviewOutcome(outcome)
    if not locked.awaiting_review:
        if locked.review == chosen and locked.reviewed_by_id == by.pk:
            return locked  # a repeated click
        done = locked.get_review_display().lower()
        raise WorkflowError(f"Version {locked.number} has already been reviewed ({done})")
    if chosen is ReviewOutcome.REVISE and not comments.strip():
        raise WorkflowError("Say what the partnership needs to revise before it resubmits")
    locked.review, locked.review_comments = chosen, comments.strip()
    locked.reviewed_by, locked.reviewed_on = by, reviewed_on or timezone.localdate()
    locked.save()
    audit.record(by, AuditAction.UPDATE, locked, request=request, area_code=area.gss_code,
                 plan=locked.plan_id, number=locked.number, review=chosen.value)
    return locked


def _report_for_strategic_plan(area: LocalAreaPartnership) -> Activity:
    report = latest_report(area)
    if report is None:
        raise WorkflowError(f"{area.name} has no published full inspection report")
    if report.outcome == Outcome.SYSTEMIC_FAILINGS:
        raise WorkflowError(f"{area.name}'s latest report has outcome 3: it asks for a priority action plan, "
                            "not an updated strategic plan")
    return report


@transaction.atomic
def record_strategic_plan(area: LocalAreaPartnership, *, by: Any, url: str, published_on: date,
                          request: Any = None) -> StrategicPlan:
    """The partnership records the publication of its updated strategic plan (link and date)."""
    if not policy.may_submit_plan(by, area):
        raise PermissionDenied("Only the partnership's own users can record its strategic plan")
    report = _report_for_strategic_plan(area)
    assert report.publication_date is not None
    if published_on > timezone.localdate():
        raise WorkflowError("The publication date cannot be in the future")
    if published_on < report.publication_date:
        raise WorkflowError(f"The plan must be published after the report ({report.publication_date:%-d %B %Y})")
    existing = StrategicPlan.objects.select_for_update().filter(report=report).first()
    if existing is not None:
        raise WorkflowError(
            f"The strategic plan was already recorded as published on {existing.published_on:%-d %B %Y}")
    try:
        with transaction.atomic():
            plan = StrategicPlan.objects.create(
                area=area, report=report, url=url, published_on=published_on, recorded_by=by,
                synthetic=report.synthetic,
                due_by=strategic_plan_deadline(report.publication_date, version_in_force(report.publication_date)),
            )
    except IntegrityError:
        raise WorkflowError("The strategic plan has just been recorded") from None
    audit.record(by, AuditAction.CREATE, plan, request=request, area_code=area.gss_code)
    return plan
