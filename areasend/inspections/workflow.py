"""The changes a user makes to a live activity. State changes are thin calls of the one
transition function (`lifecycle.transition`) with their own checks and effects; the rest
(notify, team, outcome, factual-accuracy comments) take the acting user, check who may do it and
whether the rules allow it now, and write the audit row in the same transaction."""

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
from areasend.framework.calendar import in_words
from areasend.framework.followup import monitoring_visits_allowed
from areasend.framework.lifecycle import OUTCOME_STATES, Performer, Product, kind_of
from areasend.framework.outcomes import Outcome
from areasend.framework.timeline import (
    OFFSITE_FIELDWORK,
    ONSITE_FIELDWORK,
    InvalidNotificationDate,
    factual_accuracy_deadline,
)
from areasend.framework.versions import version_in_force
from areasend.inspections import messages
from areasend.planning.models import ConflictOfInterest

from .due import due_for_area
from .lifecycle import transition
from .models import (
    SYSTEM,
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


def require_planner(user: Any) -> None:
    if not (user is not None and user.is_authenticated and user.is_planner):
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


def _team_states(inspection: Inspection) -> tuple[str, ...]:
    """The team can change from when the activity is scheduled until fieldwork is over (or while
    paused): a planner staffs a scheduled activity before its notification Monday."""
    return (State.SCHEDULED, inspection.spec.initial, State.FIELDWORK, State.PAUSED)


def _raise_problems(problems: list[str]) -> None:
    if problems:
        raise WorkflowError("; ".join(problems))


class NeedsConfirmation(WorkflowError):
    """Allowed, but unusual enough that a planner should confirm it: the warnings say why."""

    def __init__(self, warnings: list[str]) -> None:
        super().__init__("; ".join(warnings))
        self.warnings = warnings


# An area whose next full inspection is due more than this long after the proposed date is "not due".
NOT_DUE_MARGIN_DAYS = 365


def notification_warnings(area: LocalAreaPartnership, notified_on: date, kind: str) -> list[str]:
    """What a planner should confirm before notifying: an area the rules do not make due."""
    if kind != ActivityType.FULL_INSPECTION:
        return []
    due = due_for_area(area, notified_on).due
    full = [p for p in due.pending if p.activity == ActivityType.FULL_INSPECTION]
    if full and (full[0].due_by - notified_on).days > NOT_DUE_MARGIN_DAYS:
        return [f"{area.name} is not due a full inspection until {full[0].due_by:%-d %B %Y} ({full[0].rule})"]
    return []


def monitoring_problems(area: LocalAreaPartnership, notified_on: date) -> list[str]:
    """A monitoring inspection follows an outcome-3 report, and (from July 2025, ¶23) no more
    than the cap of monitoring visits falls in any 12 months (issue 9)."""
    history = list(area.activities.all())
    due = due_for_area(area, notified_on, history, include_demo=True).due
    if not due.requires_priority_action_plan:
        return [f"{area.name} has no outcome-3 report: a monitoring inspection only follows outcome 3"]
    version = version_in_force(notified_on)
    visits = [a.start_date for a in history if a.kind == ActivityType.MONITORING_INSPECTION and a.start_date]
    visits += list(area.inspections.filter(kind=ActivityType.MONITORING_INSPECTION, activity__isnull=True)
                   .exclude(state=State.WITHDRAWN).values_list("notified_on", flat=True))
    if not monitoring_visits_allowed(visits, notified_on, version):
        cap = version.max_monitoring_visits_per_12_months
        return [f"{area.name} would have more than {cap} monitoring visits within 12 months (handbook ¶23)"]
    return []


@transaction.atomic
def notify(
    *, area: LocalAreaPartnership, notified_on: date, officer_name: str, officer_email: str,
    by: Any, request: Any = None, kind: str = ActivityType.FULL_INSPECTION, synthetic: bool = False,
    confirmed: bool = False,
) -> Inspection:
    """Create a live activity of `kind` notified on `notified_on`, derive its timeline from the
    framework version in force, message the nominated officer and open it to the area's users."""
    require_planner(by)
    spec = kind_of(kind)
    spec.timeline(notified_on, None)  # raises InvalidNotificationDate with the reason
    # One open activity per area and kind: the unique constraint holds it under concurrency.
    if Inspection.objects.filter(area=area, kind=spec.kind).open().exists():
        article = "an" if spec.noun[0] in "aeiou" else "a"
        raise WorkflowError(f"{area.name} already has {article} {spec.noun} in progress")
    if spec.kind == ActivityType.MONITORING_INSPECTION:
        _raise_problems(monitoring_problems(area, notified_on))
    warnings = notification_warnings(area, notified_on, spec.kind)
    if warnings and not confirmed:
        raise NeedsConfirmation(warnings)
    version = version_in_force(notified_on)
    inspection = Inspection.objects.create(
        kind=spec.kind, area=area, notified_on=notified_on, framework_version=version.key,
        state=spec.initial_for(notified_on, timezone.localdate()), nominated_officer_name=officer_name,
        nominated_officer_email=officer_email, created_by=by, synthetic=synthetic,
    )
    audit.record(by, AuditAction.CREATE, inspection, request=request, area_code=area.gss_code,
                 notified_on=notified_on.isoformat(), version=version.key, kind=spec.kind)
    if inspection.state == State.NOTIFIED:
        messages.inspection_notified(inspection)
    # A later Monday: scheduled, silent and invisible to the partnership until open_scheduled().
    return inspection


def open_scheduled(today: date | None = None) -> list[Inspection]:
    """Open every scheduled activity whose notification date has come: the partnership sees it
    and the nominated officer's message goes out. Idempotent, and a missed day catches up (`<=`)."""
    today = today or timezone.localdate()
    due = Inspection.objects.filter(state=State.SCHEDULED, notified_on__lte=today).exclude(
        kind=ActivityType.ENGAGEMENT_MEETING)
    return [transition(i, "open", by=SYSTEM, message=messages.inspection_notified) for i in due]


def _weeks(inspection: Inspection) -> tuple[date, date]:
    return inspection.notified_on, inspection.timeline[-1].last_day


def team_warnings(inspection: Inspection, inspector: Any, role: str) -> list[str]:
    """A lead inspector on two activities whose weeks overlap: possible, but to be confirmed."""
    if role not in {TeamRole.OFSTED_LEAD, TeamRole.CQC_LEAD}:
        return []
    start, end = _weeks(inspection)
    warnings = []
    others = Inspection.objects.open().filter(team__inspector=inspector, team__role__in=[
        TeamRole.OFSTED_LEAD, TeamRole.CQC_LEAD]).exclude(pk=inspection.pk).select_related("area")
    for other in others:
        other_start, other_end = _weeks(other)
        if other_start <= end and start <= other_end:
            warnings.append(
                f"{inspector.get_full_name() or inspector} already leads the {other.spec.noun} of "
                f"{other.area.name} ({other_start:%-d %B} to {other_end:%-d %B %Y}), whose weeks overlap this one's"
            )
    return warnings


@transaction.atomic
def add_team_member(inspection: Inspection, *, inspector: Any, role: str, remit: str, by: Any,
                    request: Any = None, confirmed: bool = False) -> TeamMember:
    if not (by.is_planner or inspection.is_lead(by)):
        raise PermissionDenied("Only planners or the lead inspector can change the team")
    require_state(inspection, *_team_states(inspection))
    if inspector.role != Role.INSPECTOR:
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
    warnings = team_warnings(inspection, inspector, role)
    if warnings and not confirmed:
        raise NeedsConfirmation(warnings)
    member = TeamMember.objects.create(inspection=inspection, inspector=inspector, role=role, remit=remit)
    inspection.forget_team()
    audit.record(by, AuditAction.CREATE, member, request=request, area_code=inspection.area.gss_code,
                 inspection=inspection.pk, role=role)
    return member


@transaction.atomic
def remove_team_member(member: TeamMember, *, by: Any, request: Any = None) -> None:
    inspection = member.inspection
    if not (by.is_planner or inspection.is_lead(by)):
        raise PermissionDenied("Only planners or the lead inspector can change the team")
    require_state(inspection, *_team_states(inspection))
    audit.record(by, AuditAction.DELETE, member, request=request, area_code=inspection.area.gss_code,
                 inspection=inspection.pk, role=member.role)
    member.delete()
    inspection.forget_team()


def team_problems(inspection: Inspection) -> list[str]:
    roles = [member.role for member in inspection.members]
    problems = []
    if roles.count(TeamRole.OFSTED_LEAD) != 1:
        problems.append("The team needs exactly one Ofsted lead inspector")
    if roles.count(TeamRole.CQC_LEAD) != 1:
        problems.append("The team needs exactly one CQC lead inspector")
    return problems


def not_before(day: date, what: str, today: date | None = None) -> None:
    """Time only runs forward: nothing is recorded before the day the timeline allows it."""
    if day > (today or timezone.localdate()):
        raise WorkflowError(f"{what} is {in_words(day)}; it cannot be recorded before then")


def _fieldwork_ready(inspection: Inspection) -> None:
    _raise_problems(team_problems(inspection))
    first = next(s for s in inspection.timeline if s.step in (OFFSITE_FIELDWORK, ONSITE_FIELDWORK))
    not_before(first.start, "The first day of fieldwork")


def start_fieldwork(inspection: Inspection, *, by: Any, request: Any = None) -> Inspection:
    return transition(inspection, "start-fieldwork", by=by, request=request, check=_fieldwork_ready)


def start_evaluating(inspection: Inspection, *, by: Any, request: Any = None) -> Inspection:
    return transition(inspection, "start-evaluating", by=by, request=request,
                      check=lambda i: not_before(i.onsite.last_day, "The last day on site"))


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
    if inspection.spec.produces is Product.PROGRESS_FINDINGS:
        return monitoring_draft_problems(inspection)
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


def monitoring_draft_problems(inspection: Inspection) -> list[str]:
    """A monitoring letter needs a finding on each area for priority action (issue 9)."""
    if not inspection.finding:
        return ["Record a finding (effective or ineffective action) for each area for priority action"]
    return []


def draft_report(inspection: Inspection, *, by: Any, request: Any = None) -> Inspection:
    return transition(inspection, "draft-report", by=by, request=request,
                      check=lambda i: _raise_problems(draft_problems(i)))


def send_for_factual_accuracy(inspection: Inspection, *, by: Any, sent_on: date | None = None,
                              request: Any = None) -> Inspection:
    def apply(locked: Inspection) -> None:
        locked.draft_sent_on = sent_on or timezone.localdate()
        not_before(locked.draft_sent_on, "The date the draft is sent")
        locked.accuracy_deadline = factual_accuracy_deadline(locked.draft_sent_on, locked.version)

    return transition(inspection, "send-for-accuracy", by=by, request=request,
                      check=lambda i: _raise_problems(draft_problems(i)), apply=apply,
                      message=messages.factual_accuracy_requested)


@transaction.atomic
def add_accuracy_comment(inspection: Inspection, *, paragraph: str, comment: str, by: Any,
                         request: Any = None) -> AccuracyComment:
    if Performer.PARTNERSHIP not in inspection.performers_for(by):
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


def _publication_problems(inspection: Inspection, on: date) -> None:
    if inspection.spec.produces is Product.OUTCOME and not inspection.outcome:
        raise WorkflowError("The inspection has no outcome and cannot be published")
    if inspection.spec.produces is Product.PROGRESS_FINDINGS:
        _raise_problems(monitoring_draft_problems(inspection))
    not_before(on, "The publication date")
    deadline = inspection.accuracy_deadline
    if deadline and on <= deadline and not inspection.accuracy_confirmed_at:
        raise WorkflowError(
            f"The partnership has until the end of {in_words(deadline)} to comment on factual accuracy; "
            "publish after that, or once the partnership confirms it has no further comments"
        )
    unanswered = inspection.accuracy_comments.filter(responded_at__isnull=True).count()
    if unanswered:
        raise WorkflowError(f"Answer the {unanswered} factual-accuracy comment(s) before publishing")


def _join_history(inspection: Inspection, published_on: date | None) -> None:
    """The end of the embargo: the activity joins the area's history, so the overview, the due
    list and the statistics see it from now on, and not before."""
    steps = inspection.timeline
    visit = next((s for s in steps if s.step == ONSITE_FIELDWORK), steps[0])
    activity = Activity.objects.create(
        kind=inspection.kind, framework=Framework.F2023, inspected_code=inspection.area.gss_code,
        inspected_name=inspection.area.name, start_date=visit.start, end_date=visit.last_day,
        # A thematic visit is never published on its own: only the national report is (spec §9).
        publication_date=None if inspection.spec.produces is Product.NATIONAL_CONTRIBUTION else published_on,
        outcome=inspection.outcome, source=Source.AREASEND, finding=inspection.finding,
        synthetic=inspection.synthetic,
        source_key=f"areasend:inspection:{inspection.pk}",
    )
    activity.areas.add(inspection.area)
    inspection.activity, inspection.published_on = activity, published_on


def publish(inspection: Inspection, *, by: Any, published_on: date | None = None,
            request: Any = None) -> Inspection:
    """End the embargo: the outcome and recommendations join the area's history, the overview
    and the statistics."""
    on = published_on or timezone.localdate()
    return transition(inspection, "publish", by=by, request=request,
                      check=lambda i: _publication_problems(i, on),
                      apply=lambda i: _join_history(i, on), message=messages.inspection_published,
                      published_on=on.isoformat())


@transaction.atomic
def confirm_no_further_comments(inspection: Inspection, *, by: Any, request: Any = None) -> Inspection:
    """The partnership ends the factual-accuracy check early: it has no (more) comments."""
    if Performer.PARTNERSHIP not in inspection.performers_for(by):
        raise PermissionDenied("Only the partnership can confirm it has no further comments")
    locked = Inspection.objects.select_for_update().get(pk=inspection.pk)
    require_state(locked, State.FACTUAL_ACCURACY)
    if locked.accuracy_confirmed_at is None:  # a second click changes nothing
        locked.accuracy_confirmed_at = timezone.now()
        locked.save(update_fields=["accuracy_confirmed_at"])
        audit.record(by, AuditAction.UPDATE, locked, request=request, area_code=locked.area.gss_code,
                     accuracy_confirmed=True)
    inspection.accuracy_confirmed_at = locked.accuracy_confirmed_at
    return locked


SECTION_FIELDS = ("experience", "effective", "improve")


@transaction.atomic
def apply_accuracy_comment(item: AccuracyComment, *, text: str, by: Any, request: Any = None) -> None:
    """The lead changes the paragraph an accepted comment is about; the comment keeps the old text."""
    inspection = Inspection.objects.select_for_update().get(pk=item.inspection_id)
    require_lead(inspection, by)
    require_state(inspection, State.FACTUAL_ACCURACY)
    item.refresh_from_db()
    if not item.accepted:
        raise WorkflowError("Only an accepted comment can be applied to the report")
    if item.applied_at:
        raise WorkflowError("This comment has already been applied")
    if not text.strip():
        raise WorkflowError("Enter the corrected paragraph")
    item.replaced_text = _replace_paragraph(inspection, item.paragraph, text.strip())
    item.applied_at = timezone.now()
    item.save(update_fields=["replaced_text", "applied_at"])
    audit.record(by, AuditAction.UPDATE, item, request=request, area_code=inspection.area.gss_code,
                 inspection=inspection.pk, applied=True)


def _replace_paragraph(inspection: Inspection, ref: str, text: str) -> str:
    """Replace one numbered paragraph of the draft; returns the text it had."""
    old = dict(inspection.report_paragraphs()).get(ref)
    if old is None:
        raise WorkflowError(f"Paragraph '{ref}' is no longer in the draft report")
    key, _, _ = ref.rpartition("-")
    if key == "recommendation":
        inspection.recommendations.filter(pk=int(ref.rpartition("-")[2])).update(text=text)
    elif key in SECTION_FIELDS:
        parts = [p for p in inspection.paragraphs_of(key)]
        parts[int(ref.rpartition("-")[2]) - 1] = text
        setattr(inspection, key, "\n\n".join(parts))
        inspection.save(update_fields=[key])
    return old


def hold_meeting(inspection: Inspection, *, by: Any, request: Any = None) -> Inspection:
    """An engagement meeting was held: it joins the area's history, never published (spec §9)."""
    if inspection.notified_on > timezone.localdate():
        raise WorkflowError(f"The meeting is on {inspection.notified_on:%-d %B %Y}; record it on or after that day")
    return transition(inspection, "hold", by=by, request=request, apply=lambda i: _join_history(i, None))


def pause(inspection: Inspection, *, reason: str, by: Any, request: Any = None) -> Inspection:
    return transition(inspection, "pause", by=by, request=request, reason=reason)


def resume(inspection: Inspection, *, by: Any, request: Any = None) -> Inspection:
    return transition(inspection, "resume", by=by, request=request)


def withdraw(inspection: Inspection, *, reason: str, by: Any, request: Any = None) -> Inspection:
    return transition(inspection, "withdraw", by=by, request=request, reason=reason)


__all__ = ["InvalidNotificationDate", "WorkflowError"]
