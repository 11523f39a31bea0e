"""The full inspection's state changes. Each takes the acting user, checks who may do it and
whether the rules allow it now, and writes the audit row in the same transaction as the change.
Spans Inspection, Activity, AuditEvent and the notifications outbox, hence a module of its own."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from areasend.accounts import audit
from areasend.accounts.models import AuditAction, Role
from areasend.areas.models import LocalAreaPartnership
from areasend.framework.activities import ActivityType, Framework
from areasend.framework.outcomes import Outcome
from areasend.framework.timeline import InvalidNotificationDate, check_notification_date, factual_accuracy_deadline
from areasend.framework.versions import version_in_force
from areasend.notifications import messages
from areasend.planning.models import ConflictOfInterest

from .models import (
    OUTCOME_STATES,
    AccuracyComment,
    Activity,
    Inspection,
    RecommendationKind,
    Source,
    State,
    TeamMember,
    TeamRole,
    WorkflowError,
)

PLANNERS = {Role.PLANNER, Role.ADMIN}


def _role(user: Any) -> str | None:
    return getattr(user, "role", None) if user is not None and user.is_authenticated else None


def require_planner(user: Any) -> None:
    if _role(user) not in PLANNERS:
        raise PermissionDenied("Only programme planners and administrators can do this")


def require_team(inspection: Inspection, user: Any) -> None:
    if not inspection.is_on_team(user):
        raise PermissionDenied("Only members of the inspection team can do this")


def require_lead(inspection: Inspection, user: Any) -> None:
    if not inspection.is_lead(user):
        raise PermissionDenied("Only the lead inspector can do this")


def require_state(inspection: Inspection, *states: str) -> None:
    if inspection.state not in states:
        allowed = " or ".join(State(s).label.lower() for s in states)
        raise WorkflowError(
            f"This can only be done when the inspection is {allowed}; it is {inspection.get_state_display().lower()}"
        )


def _transition(inspection: Inspection, by: Any, new_state: str, request: Any = None, **data: Any) -> None:
    old = inspection.state
    inspection.state = new_state
    inspection.save()
    audit.record(by, AuditAction.TRANSITION, inspection, request=request,
                 area_code=inspection.area.gss_code, old=old, new=new_state, **data)


@transaction.atomic
def notify(
    *, area: LocalAreaPartnership, notified_on: date, officer_name: str, officer_email: str,
    by: Any, request: Any = None,
) -> Inspection:
    """Create a full inspection notified on a working Monday, derive its timeline from the
    framework version in force, message the nominated officer and open it to the area's users."""
    require_planner(by)
    check_notification_date(notified_on)  # raises InvalidNotificationDate with the reason
    if Inspection.objects.filter(area=area).open().exists():
        raise WorkflowError(f"{area.name} already has an inspection in progress")
    version = version_in_force(notified_on)
    inspection = Inspection.objects.create(
        area=area, notified_on=notified_on, framework_version=version.key,
        nominated_officer_name=officer_name, nominated_officer_email=officer_email, created_by=by,
    )
    audit.record(by, AuditAction.CREATE, inspection, request=request, area_code=area.gss_code,
                 notified_on=notified_on.isoformat(), version=version.key)
    messages.inspection_notified(inspection)
    return inspection


@transaction.atomic
def add_team_member(inspection: Inspection, *, inspector: Any, role: str, remit: str, by: Any,
                    request: Any = None) -> TeamMember:
    if not (_role(by) in PLANNERS or inspection.is_lead(by)):
        raise PermissionDenied("Only planners or the lead inspector can change the team")
    require_state(inspection, State.NOTIFIED, State.FIELDWORK, State.PAUSED)
    if _role(inspector) != Role.INSPECTOR:
        raise WorkflowError(f"{inspector.get_full_name() or inspector} is not an inspector")
    expected = TeamRole(role).inspectorate
    if inspector.inspectorate != expected:
        raise WorkflowError(
            f"{inspector.get_full_name() or inspector} works for {inspector.get_inspectorate_display()} "
            f"and cannot take the role '{TeamRole(role).label}'"
        )
    conflict = ConflictOfInterest.objects.current().filter(inspector=inspector, area=inspection.area).first()
    if conflict:
        raise WorkflowError(
            f"{inspector.get_full_name() or inspector} has declared a conflict of interest with "
            f"{inspection.area.name} ({conflict.reason}) and cannot join this team"
        )
    if inspection.team.filter(inspector=inspector).exists():
        raise WorkflowError(f"{inspector.get_full_name() or inspector} is already on the team")
    if role in {TeamRole.OFSTED_LEAD, TeamRole.CQC_LEAD} and inspection.team.filter(role=role).exists():
        raise WorkflowError(f"The team already has a {TeamRole(role).label.lower()}")
    member = TeamMember.objects.create(inspection=inspection, inspector=inspector, role=role, remit=remit)
    audit.record(by, AuditAction.CREATE, member, request=request, area_code=inspection.area.gss_code,
                 inspection=inspection.pk, role=role)
    return member


@transaction.atomic
def remove_team_member(member: TeamMember, *, by: Any, request: Any = None) -> None:
    inspection = member.inspection
    if not (_role(by) in PLANNERS or inspection.is_lead(by)):
        raise PermissionDenied("Only planners or the lead inspector can change the team")
    require_state(inspection, State.NOTIFIED, State.FIELDWORK, State.PAUSED)
    audit.record(by, AuditAction.DELETE, member, request=request, area_code=inspection.area.gss_code,
                 inspection=inspection.pk, role=member.role)
    member.delete()


def team_problems(inspection: Inspection) -> list[str]:
    roles = list(inspection.team.values_list("role", flat=True))
    problems = []
    if roles.count(TeamRole.OFSTED_LEAD) != 1:
        problems.append("The team needs exactly one Ofsted lead inspector")
    if roles.count(TeamRole.CQC_LEAD) != 1:
        problems.append("The team needs exactly one CQC lead inspector")
    return problems


@transaction.atomic
def start_fieldwork(inspection: Inspection, *, by: Any, request: Any = None) -> None:
    require_team(inspection, by)
    require_state(inspection, State.NOTIFIED)
    problems = team_problems(inspection)
    if problems:
        raise WorkflowError("; ".join(problems))
    _transition(inspection, by, State.FIELDWORK, request)


@transaction.atomic
def start_evaluating(inspection: Inspection, *, by: Any, request: Any = None) -> None:
    require_lead(inspection, by)
    require_state(inspection, State.FIELDWORK)
    _transition(inspection, by, State.EVALUATING, request)


@transaction.atomic
def record_outcome(inspection: Inspection, *, outcome: int, experience: str, effective: str,
                   improve: str, by: Any, request: Any = None) -> None:
    require_lead(inspection, by)
    require_state(inspection, *OUTCOME_STATES)
    chosen = Outcome(outcome)
    if chosen is not Outcome.SYSTEMIC_FAILINGS and inspection.recommendations.filter(
        kind=RecommendationKind.PRIORITY_ACTION
    ).exists():
        raise WorkflowError(
            "Areas for priority action are only for outcome 3; remove them before choosing this outcome"
        )
    inspection.outcome = chosen.value
    inspection.experience, inspection.effective, inspection.improve = experience, effective, improve
    inspection.save()
    audit.record(by, AuditAction.UPDATE, inspection, request=request, area_code=inspection.area.gss_code,
                 outcome=chosen.value)


def draft_problems(inspection: Inspection) -> list[str]:
    problems = []
    if not inspection.outcome:
        problems.append("Record an outcome before drafting the report")
    if not (inspection.experience and inspection.effective and inspection.improve):
        problems.append("Write all three findings sections before drafting the report")
    kinds = list(inspection.recommendations.values_list("kind", flat=True))
    if RecommendationKind.IMPROVEMENT not in kinds:
        problems.append("Add at least one area for improvement")
    if inspection.outcome == Outcome.SYSTEMIC_FAILINGS and RecommendationKind.PRIORITY_ACTION not in kinds:
        problems.append("Outcome 3 needs at least one area for priority action")
    if inspection.outcome and inspection.outcome != Outcome.SYSTEMIC_FAILINGS and (
        RecommendationKind.PRIORITY_ACTION in kinds
    ):
        problems.append("Areas for priority action are only for outcome 3")
    for rec in inspection.recommendations.all():
        if not rec.whole_partnership and not rec.partners.exists():
            problems.append(f"Say who the recommendation '{rec.text[:40]}…' is addressed to")
    return problems


@transaction.atomic
def draft_report(inspection: Inspection, *, by: Any, request: Any = None) -> None:
    require_lead(inspection, by)
    require_state(inspection, State.EVALUATING)
    problems = draft_problems(inspection)
    if problems:
        raise WorkflowError("; ".join(problems))
    _transition(inspection, by, State.DRAFT_REPORT, request)


@transaction.atomic
def send_for_factual_accuracy(inspection: Inspection, *, by: Any, sent_on: date | None = None,
                              request: Any = None) -> None:
    require_lead(inspection, by)
    require_state(inspection, State.DRAFT_REPORT)
    problems = draft_problems(inspection)
    if problems:
        raise WorkflowError("; ".join(problems))
    sent_on = sent_on or timezone.localdate()
    inspection.draft_sent_on = sent_on
    inspection.accuracy_deadline = factual_accuracy_deadline(sent_on, inspection.version)
    _transition(inspection, by, State.FACTUAL_ACCURACY, request, deadline=inspection.accuracy_deadline.isoformat())
    messages.factual_accuracy_requested(inspection)


@transaction.atomic
def add_accuracy_comment(inspection: Inspection, *, paragraph: str, comment: str, by: Any,
                         request: Any = None) -> AccuracyComment:
    if _role(by) != Role.LAP or by.area_id != inspection.area_id:
        raise PermissionDenied("Only the partnership can comment on factual accuracy")
    require_state(inspection, State.FACTUAL_ACCURACY)
    if paragraph not in dict(inspection.report_paragraphs()):
        raise WorkflowError(f"Paragraph '{paragraph}' is not in the draft report")
    if not comment.strip():
        raise WorkflowError("Enter your comment")
    item = AccuracyComment.objects.create(inspection=inspection, paragraph=paragraph,
                                          comment=comment.strip(), author=by)
    audit.record(by, AuditAction.CREATE, item, request=request, area_code=inspection.area.gss_code,
                 inspection=inspection.pk, paragraph=paragraph)
    return item


@transaction.atomic
def answer_accuracy_comment(item: AccuracyComment, *, response: str, accepted: bool, by: Any,
                            request: Any = None) -> None:
    require_lead(item.inspection, by)
    require_state(item.inspection, State.FACTUAL_ACCURACY)
    if not response.strip():
        raise WorkflowError("Enter your response to the comment")
    item.response, item.accepted = response.strip(), accepted
    item.responded_by, item.responded_at = by, timezone.now()
    item.save()
    audit.record(by, AuditAction.UPDATE, item, request=request, area_code=item.inspection.area.gss_code,
                 inspection=item.inspection_id, accepted=accepted)


@transaction.atomic
def publish(inspection: Inspection, *, by: Any, published_on: date | None = None, request: Any = None) -> None:
    """End the embargo: the outcome and recommendations join the area's history, the overview
    and the statistics."""
    require_lead(inspection, by)
    require_state(inspection, State.FACTUAL_ACCURACY)
    if not inspection.outcome:
        raise WorkflowError("The inspection has no outcome and cannot be published")
    unanswered = inspection.accuracy_comments.filter(responded_at__isnull=True).count()
    if unanswered:
        raise WorkflowError(f"Answer the {unanswered} factual-accuracy comment(s) before publishing")
    published_on = published_on or timezone.localdate()
    onsite = inspection.onsite
    activity = Activity.objects.create(
        kind=ActivityType.FULL_INSPECTION, framework=Framework.F2023, inspected_code=inspection.area.gss_code,
        inspected_name=inspection.area.name, start_date=onsite.start, end_date=onsite.last_day,
        publication_date=published_on, outcome=inspection.outcome, source=Source.AREASEND,
        source_key=f"areasend:inspection:{inspection.pk}",
    )
    activity.areas.add(inspection.area)
    inspection.activity, inspection.published_on = activity, published_on
    _transition(inspection, by, State.PUBLISHED, request, published_on=published_on.isoformat())
    messages.inspection_published(inspection)


@transaction.atomic
def pause(inspection: Inspection, *, reason: str, by: Any, request: Any = None) -> None:
    require_planner(by)
    from .models import OPEN_STATES

    require_state(inspection, *OPEN_STATES)
    if not reason.strip():
        raise WorkflowError("Give a reason for pausing the inspection")
    inspection.paused_from, inspection.state_reason = inspection.state, reason.strip()
    _transition(inspection, by, State.PAUSED, request, reason=reason.strip())


@transaction.atomic
def resume(inspection: Inspection, *, by: Any, request: Any = None) -> None:
    require_planner(by)
    require_state(inspection, State.PAUSED)
    target, inspection.paused_from, inspection.state_reason = inspection.paused_from, "", ""
    _transition(inspection, by, target, request)


@transaction.atomic
def withdraw(inspection: Inspection, *, reason: str, by: Any, request: Any = None) -> None:
    require_planner(by)
    from .models import OPEN_STATES

    require_state(inspection, *(OPEN_STATES | {State.PAUSED}))
    if not reason.strip():
        raise WorkflowError("Give a reason for withdrawing the inspection")
    inspection.state_reason = reason.strip()
    _transition(inspection, by, State.WITHDRAWN, request, reason=reason.strip())


__all__ = ["InvalidNotificationDate", "WorkflowError"]
