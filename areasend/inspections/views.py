"""Pages of a live full inspection. Thin: every change goes through workflow.py or evidence.py,
every lookup and permission flag through `areasend.policy` (another area's inspection is a 404)."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from areasend import policy
from areasend.accounts import audit
from areasend.accounts.models import AuditAction, Role, User
from areasend.areas.models import LocalAreaPartnership
from areasend.caching import Fingerprint, Watched, cached, cached_fragment, kept_page
from areasend.datareturns.models import CaseListEntry, TrackingCase
from areasend.framework.activities import ActivityType
from areasend.framework.calendar import in_words
from areasend.framework.criteria import EVALUATION_AREAS, Theme
from areasend.framework.timeline import InvalidNotificationDate
from areasend.govuk import form_errors, message_errors

from . import evidence as evidence_service
from . import workflow
from .forms import (
    AccuracyCommentForm,
    AnswerForm,
    DeleteForm,
    EvidenceForm,
    NotifyForm,
    OutcomeForm,
    ReasonForm,
    RecommendationForm,
    TeamMemberForm,
)
from .models import (
    AccuracyComment,
    BreakGlass,
    EvidenceNote,
    Inspection,
    InspectionEvent,
    Recommendation,
    State,
    TeamMember,
    WorkflowError,
)
from .tasks import tasks_for

ACTIONS: dict[str, Any] = {
    "hold": workflow.hold_meeting,
    "start-fieldwork": workflow.start_fieldwork,
    "start-evaluating": workflow.start_evaluating,
    "draft-report": workflow.draft_report,
    "send-for-accuracy": workflow.send_for_factual_accuracy,
    "publish": workflow.publish,
    "resume": workflow.resume,
}
REASON_ACTIONS: dict[str, Any] = {"pause": workflow.pause, "withdraw": workflow.withdraw}


def page(request: HttpRequest, template: str, inspection: Inspection, context: dict[str, Any],
         errors: list[dict[str, str]] | None = None) -> HttpResponse:
    """Render an inspection page with what every one of them needs (the section navigation)."""
    from django.urls import NoReverseMatch, reverse

    user = request.user
    try:
        cases_url = reverse("cases:list", args=[inspection.pk]) if policy.may_see_person_level(
            user, inspection) else ""
    except NoReverseMatch:
        cases_url = ""
    context = {"inspection": inspection, "staff": policy.is_staff_role(user), "cases_url": cases_url,
               "working_papers": policy.may_see_working_papers(user, inspection),
               "errors": errors or [], **context}
    return render(request, template, context, status=400 if errors else 200)


def _staff_inspection(request: HttpRequest, pk: int) -> Inspection:
    """The team page: inspectorate staff (not those with a conflict for the area)."""
    inspection = policy.get_inspection_for(request.user, pk)
    if not policy.is_staff_role(request.user):
        raise Http404
    return inspection


def _working_papers(request: HttpRequest, pk: int) -> Inspection:
    """Evidence, the outcome and drafts: need-to-know (policy.may_see_working_papers)."""
    return policy.working_papers_of(request.user, pk)


def inspection_list(request: HttpRequest) -> HttpResponse:
    inspections = policy.inspections_visible_to(request.user).order_by("-notified_on", "-id")
    return render(request, "inspections/list.html", {
        "inspections": inspections, "can_create": policy.may_notify(request.user),
    })


@login_required
def inspection_new(request: HttpRequest) -> HttpResponse:
    policy.require(policy.may_notify(request.user), "Only programme planners and administrators can do this")
    form = NotifyForm(request.POST or None)
    errors: list[dict[str, str]] = []
    if request.method == "POST":
        if form.is_valid():
            try:
                inspection = workflow.notify(
                    area=form.cleaned_data["area"], notified_on=form.cleaned_data["notified"],
                    officer_name=form.cleaned_data["officer_name"],
                    officer_email=form.cleaned_data["officer_email"], by=request.user, request=request,
                    confirmed=form.cleaned_data["confirm"],
                    kind=form.cleaned_data["kind"] or ActivityType.FULL_INSPECTION,
                )
                flash.success(request, _notified_banner(inspection))
                return redirect("inspections:detail", pk=inspection.pk)
            except workflow.NeedsConfirmation as exc:
                errors = [{"field": "id_confirm", "message": f"{w}. Confirm to notify anyway"} for w in exc.warnings]
            except (InvalidNotificationDate, WorkflowError) as exc:
                errors = [{"field": "id_notified_day", "message": str(exc)}]
        else:
            errors = form_errors(form)
    warnings = [e["message"] for e in errors if e["field"] == "id_confirm"]
    return render(request, "inspections/new.html", {"form": form, "errors": errors, "warnings": warnings},
                  status=400 if errors else 200)


# All the inspection page keeps is keyed by one read of these (areasend.caching): the
# inspection's own row, its event rows (append-only), the partnership's case list and tracking
# cases (its tasks), its team (rows only ever added or deleted, so their count and highest id
# change with every change), the users' details (the team's names), the areas (its name, and
# the viewer's own) and what access decisions read (policy.DECISION_TABLES).
live_page_fingerprint = Fingerprint(
    Watched(Inspection, column="id"), Watched(InspectionEvent, column="inspection"),
    Watched(CaseListEntry, column="inspection"), Watched(TrackingCase, column="inspection"),
    Watched(TeamMember, column="inspection"), Watched(User), Watched(LocalAreaPartnership),
    *policy.DECISION_TABLES,
)


def inspection_detail(request: HttpRequest, pk: int, errors: list[dict[str, str]] | None = None) -> HttpResponse:
    user = request.user
    fingerprint = live_page_fingerprint(pk)
    inspection = policy.inspection_for_page(user, pk, fingerprint)
    today = timezone.localdate()
    inspection.members = cached(("team", inspection.pk, fingerprint), lambda: inspection.members)
    viewer = policy.inspection_page_viewer(user, inspection)
    staff, area_user, working_papers, person_level, _ = viewer
    break_glass = policy.role_of(user) == Role.ADMIN and not working_papers

    def context() -> dict[str, Any]:
        actions = _actions_for(inspection, user)
        return {
            "inspection": inspection, "staff": staff, "working_papers": working_papers,
            "cases_url": reverse("cases:list", args=[inspection.pk]) if person_level else "",
            "tasks": tasks_for(inspection, user, today) if staff or area_user else [],
            "timeline": inspection.timeline, "follow_up": inspection.follow_up,
            "events": inspection.events.all() if staff else [],
            "actions": [a for a in actions if not a.needs_reason],
            "reason_actions": [a for a in actions if a.needs_reason],
            "break_glass": break_glass, "break_glass_hours": BreakGlass.DURATION_HOURS,
            "team": inspection.members if staff else [], "team_problems": workflow.team_problems(inspection),
            "reason_form": ReasonForm(),
        }

    # The same for everyone who stands alike to the inspection (the viewer class and what they may
    # do), on the same day and state of the records (areasend.caching): built once, not per request.
    key = ("inspection-page", inspection.pk, fingerprint, today, viewer, inspection.performers_for(user),
           break_glass)

    def page() -> dict[str, Any]:
        return {
            "inspection": inspection, "errors": errors or [],
            "content": cached_fragment(key, "inspections/_detail_content.html", context, request),
            "breadcrumbs": cached_fragment((*key, "breadcrumbs"), "inspections/_breadcrumbs.html",
                                           lambda: {"inspection": inspection, "section": "overview"}, request),
        }

    return kept_page(request, key, "inspections/detail.html", page, status=400 if errors else 200)


def _notified_banner(inspection: Inspection) -> str:
    when = f"{in_words(inspection.notified_on)}"
    if inspection.state == State.SCHEDULED:
        return f"Inspection scheduled: the partnership will be notified on {when}"
    return f"Inspection notified on {when}: the nominated officer has been sent a message"


def _actions_for(inspection: Inspection, user: Any) -> list[Any]:
    """The state changes this user may make now: buttons for nothing else."""
    return [t for t in inspection.spec.actions_from(inspection.state) if inspection.may(user, t.action)]


@require_POST
def inspection_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    inspection = policy.get_inspection_for(request.user, pk)
    if not request.user.is_authenticated:
        raise Http404
    try:
        if action in ACTIONS:
            ACTIONS[action](inspection, by=request.user, request=request)
        elif action in REASON_ACTIONS:
            form = ReasonForm(request.POST)
            if not form.is_valid():  # e.g. a reason over the form's length limit
                errors = [{"field": f"{action}-reason", "message": "The reason must be 500 characters or fewer"}]
                return inspection_detail(request, pk, errors=errors)
            REASON_ACTIONS[action](inspection, reason=form.cleaned_data["reason"], by=request.user,
                                   request=request)
        else:
            raise Http404
    except WorkflowError as exc:
        return inspection_detail(request, pk, errors=message_errors(str(exc)))
    return redirect("inspections:detail", pk=pk)


def team(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = _staff_inspection(request, pk)
    inspectors = User.objects.filter(role=Role.INSPECTOR, is_active=True).order_by("inspectorate", "last_name",
                                                                                    "username")
    form = TeamMemberForm(request.POST or None, inspectors=inspectors)
    errors: list[dict[str, str]] = []
    if request.method == "POST":
        if form.is_valid():
            try:
                workflow.add_team_member(
                    inspection, inspector=inspectors.get(pk=form.cleaned_data["inspector"]),
                    role=form.cleaned_data["role"], remit=form.cleaned_data["remit"], by=request.user,
                    request=request, confirmed=form.cleaned_data["confirm"],
                )
                flash.success(request, "Team member added")
                return redirect("inspections:team", pk=pk)
            except workflow.NeedsConfirmation as exc:
                errors = [{"field": "id_confirm", "message": f"{w}. Confirm to add them anyway"} for w in exc.warnings]
            except WorkflowError as exc:
                errors = [{"field": "id_inspector", "message": str(exc)}]
        else:
            errors = form_errors(form)
    return page(request, "inspections/team.html", inspection, {
        "warnings": [e["message"] for e in errors if e["field"] == "id_confirm"],
        "members": inspection.team.select_related("inspector"), "form": form,
        "problems": workflow.team_problems(inspection),
        "can_edit": policy.may_manage_team(request.user, inspection),
    }, errors)


@require_POST
def team_remove(request: HttpRequest, pk: int, member_pk: int) -> HttpResponse:
    inspection = _staff_inspection(request, pk)
    member = get_object_or_404(TeamMember, pk=member_pk, inspection=inspection)
    try:
        workflow.remove_team_member(member, by=request.user, request=request)
    except WorkflowError as exc:
        return inspection_detail(request, pk, errors=message_errors(str(exc)))
    return redirect("inspections:team", pk=pk)


def _grouped(notes: list[EvidenceNote]) -> dict[str, Any]:
    by_criterion: dict[str, list[EvidenceNote]] = defaultdict(list)
    by_theme: dict[str, int] = defaultdict(int)
    for note in notes:
        by_criterion[note.criterion].append(note)
        for theme in note.themes:
            by_theme[theme] += 1
    criteria = [
        {"criterion": c, "notes": by_criterion.get(c.code, []),
         "positive": sum(n.strength == "positive" for n in by_criterion.get(c.code, [])),
         "concern": sum(n.strength == "concern" for n in by_criterion.get(c.code, []))}
        for area in EVALUATION_AREAS.values() for c in area.criteria
    ]
    themes = [{"theme": t, "count": by_theme.get(t.value, 0)} for t in Theme]
    return {"criteria": criteria, "themes": themes}


def _evidence_initial() -> dict[str, Any]:
    today = timezone.localdate()
    return {"observed_day": today.day, "observed_month": today.month, "observed_year": today.year}


def evidence(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = _working_papers(request, pk)
    form = EvidenceForm(request.POST or None, initial=_evidence_initial())
    errors: list[dict[str, str]] = []
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                evidence_service.add_note(
                    inspection, by=request.user, source=data["source"], observed_on=data["observed"],
                    criterion_code=data["criterion"], themes=data["themes"], strength=data["strength"],
                    text=data["text"], request=request,
                )
                return redirect("inspections:evidence", pk=pk)
            except WorkflowError as exc:
                errors = message_errors(str(exc))
        else:
            errors = form_errors(form)
    notes = list(inspection.evidence.current().select_related("author"))
    audit.record(request.user, AuditAction.VIEW, inspection, request=request, area_code=inspection.area.gss_code,
                 page="evidence", notes=len(notes))
    return page(request, "inspections/evidence.html", inspection, {
        "form": form, "notes": notes, **_grouped(notes),
        "can_add": inspection.is_on_team(request.user) and inspection.state in {
            State.NOTIFIED, State.FIELDWORK, State.EVALUATING},
    }, errors)


def evidence_edit(request: HttpRequest, pk: int, note_pk: int) -> HttpResponse:
    inspection = _working_papers(request, pk)
    note = get_object_or_404(EvidenceNote, pk=note_pk, inspection=inspection)
    initial = {"source": note.source, "criterion": note.criterion, "themes": note.themes,
               "strength": note.strength, "text": note.text, "observed_day": note.observed_on.day,
               "observed_month": note.observed_on.month, "observed_year": note.observed_on.year}
    form = EvidenceForm(request.POST or None, initial=initial)
    errors: list[dict[str, str]] = []
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                evidence_service.edit_note(
                    note, by=request.user, request=request, source=data["source"],
                    observed_on=data["observed"], criterion=data["criterion"], themes=data["themes"],
                    strength=data["strength"], text=data["text"].strip(),
                )
                return redirect("inspections:evidence", pk=pk)
            except WorkflowError as exc:
                errors = message_errors(str(exc))
        else:
            errors = form_errors(form)
    audit.record(request.user, AuditAction.VIEW, note, request=request, area_code=inspection.area.gss_code,
                 inspection=inspection.pk)
    return page(request, "inspections/evidence_edit.html", inspection, {
        "note": note, "form": form,
        "revisions": note.revisions.select_related("replaced_by"), "delete_form": DeleteForm(),
    }, errors)


@require_POST
def evidence_autosave(request: HttpRequest, pk: int, note_pk: int) -> JsonResponse:
    """Called by the page's script while an inspector types: saves the text, keeps history."""
    inspection = _working_papers(request, pk)
    note = get_object_or_404(EvidenceNote, pk=note_pk, inspection=inspection)
    text = request.POST.get("text", "")
    try:
        changed = evidence_service.edit_note(note, by=request.user, request=request, text=text.strip())
    except WorkflowError as exc:
        return JsonResponse({"saved": False, "error": str(exc)}, status=400)
    return JsonResponse({"saved": True, "changed": changed, "at": timezone.localtime().strftime("%H:%M:%S")})


@require_POST
def evidence_delete(request: HttpRequest, pk: int, note_pk: int) -> HttpResponse:
    inspection = _working_papers(request, pk)
    note = get_object_or_404(EvidenceNote, pk=note_pk, inspection=inspection)
    form = DeleteForm(request.POST)
    try:
        if not form.is_valid():
            raise WorkflowError("Give a reason for deleting the note")
        evidence_service.delete_note(note, by=request.user, reason=form.cleaned_data["reason"], request=request)
    except WorkflowError as exc:
        return page(request, "inspections/evidence_edit.html", inspection, {
            "note": note, "form": EvidenceForm(initial={"text": note.text}), "delete_form": form,
            "revisions": note.revisions.all(),
        }, [{"field": "id_reason", "message": str(exc)}])
    return redirect("inspections:evidence", pk=pk)


def outcome(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = _working_papers(request, pk)
    partners = inspection.area.partners.all()
    initial = {"outcome": inspection.outcome, "experience": inspection.experience,
               "effective": inspection.effective, "improve": inspection.improve}
    posted = request.method == "POST"
    which = request.POST.get("form") if posted else None
    form = OutcomeForm(request.POST if which == "outcome" else None, initial=initial)
    rec_form = RecommendationForm(request.POST if which == "recommendation" else None, partners=partners)
    errors: list[dict[str, str]] = []
    try:
        if which == "outcome":
            if form.is_valid():
                workflow.record_outcome(inspection, by=request.user, request=request, **form.cleaned_data)
                flash.success(request, "Outcome and findings saved")
                return redirect("inspections:outcome", pk=pk)
            errors = form_errors(form)
        elif which == "recommendation":
            if rec_form.is_valid():
                data = rec_form.cleaned_data
                evidence_service.add_recommendation(
                    inspection, by=request.user, kind=data["kind"], text=data["text"],
                    partner_ids=[int(p) for p in data["partners"]], whole_partnership=data["whole_partnership"],
                    themes=data["themes"], request=request,
                )
                return redirect("inspections:outcome", pk=pk)
            errors = form_errors(rec_form)
    except WorkflowError as exc:
        errors = message_errors(str(exc))
    return page(request, "inspections/outcome.html", inspection, {
        "form": form, "rec_form": rec_form,
        "recommendations": inspection.recommendations.prefetch_related("partners"),
        "is_lead": inspection.is_lead(request.user), "problems": workflow.draft_problems(inspection),
    }, errors)


@require_POST
def recommendation_remove(request: HttpRequest, pk: int, rec_pk: int) -> HttpResponse:
    inspection = _working_papers(request, pk)
    rec = get_object_or_404(Recommendation, pk=rec_pk, inspection=inspection)
    try:
        evidence_service.remove_recommendation(rec, by=request.user, request=request)
    except WorkflowError as exc:
        return inspection_detail(request, pk, errors=message_errors(str(exc)))
    return redirect("inspections:outcome", pk=pk)


def _recommendation_groups(inspection: Inspection, numbered: dict[str, int]) -> list[tuple[str, list[Any]]]:
    groups: list[tuple[str, list[Any]]] = []
    for kind, label in (("priority_action", "Areas for priority action"), ("improvement", "Areas for improvement")):
        rows = [(numbered.get(f"recommendation-{r.pk}"), r)
                for r in inspection.recommendations.prefetch_related("partners") if r.kind == kind]
        if rows:
            groups.append((label, rows))
    return groups


def report(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = policy.get_inspection_for(request.user, pk)
    if not policy.may_read_report(request.user, inspection):
        raise Http404
    paragraphs = inspection.report_paragraphs()
    is_lap = policy.may_comment_on_accuracy(request.user, inspection)
    form = AccuracyCommentForm(request.POST or None, paragraphs=paragraphs)
    errors: list[dict[str, str]] = []
    if request.method == "POST":
        if not is_lap:
            raise PermissionDenied
        if form.is_valid():
            try:
                workflow.add_accuracy_comment(inspection, paragraph=form.cleaned_data["paragraph"],
                                              comment=form.cleaned_data["comment"], by=request.user,
                                              request=request)
                flash.success(request, "Comment sent to the inspection team")
                return redirect("inspections:report", pk=pk)
            except WorkflowError as exc:
                errors = message_errors(str(exc))
        else:
            errors = form_errors(form)
    numbered = {ref: n for n, (ref, _) in enumerate(paragraphs, start=1)}
    comments = inspection.accuracy_comments.select_related("author", "responded_by") if (
        is_lap or policy.may_see_working_papers(request.user, inspection)) else AccuracyComment.objects.none()
    sections = {key: [(numbered[ref], text) for ref, text in paragraphs if ref.startswith(key + "-")]
                for key in ("experience", "effective", "improve")}
    return page(request, "inspections/report.html", inspection, {
        "sections": sections, "numbered": numbered,
        "rec_groups": _recommendation_groups(inspection, numbered),
        "comments": [(_with_text(c, paragraphs), numbered.get(c.paragraph)) for c in comments], "form": form,
        "can_comment": is_lap and inspection.state == State.FACTUAL_ACCURACY,
        "is_lead": inspection.is_lead(request.user), "answer_form": AnswerForm(),
        "follow_up": inspection.follow_up,
    }, errors)


@require_POST
def comment_answer(request: HttpRequest, pk: int, comment_pk: int) -> HttpResponse:
    inspection = policy.working_papers_of(request.user, pk)
    item = get_object_or_404(AccuracyComment, pk=comment_pk, inspection=inspection)
    form = AnswerForm(request.POST)
    try:
        if not form.is_valid():
            raise WorkflowError("; ".join(e["message"] for e in form_errors(form)))
        workflow.answer_accuracy_comment(item, response=form.cleaned_data["response"],
                                         accepted=form.cleaned_data["accepted"], by=request.user, request=request)
    except WorkflowError as exc:
        return inspection_detail(request, pk, errors=message_errors(str(exc)))
    return redirect("inspections:report", pk=pk)


@require_POST
def break_glass(request: HttpRequest, pk: int) -> HttpResponse:
    """An administrator opens one activity's working papers for a few hours, with a reason."""
    inspection = policy.get_inspection_for(request.user, pk)
    try:
        policy.grant_break_glass(inspection, by=request.user, reason=request.POST.get("reason", "")[:500],
                                 request=request)
    except ValueError as exc:
        return inspection_detail(request, pk, errors=[{"field": "break-glass-reason", "message": str(exc)}])
    return redirect("inspections:evidence", pk=pk)


def _with_text(comment: AccuracyComment, paragraphs: list[tuple[str, str]]) -> AccuracyComment:
    comment.current_text = dict(paragraphs).get(comment.paragraph, "")  # type: ignore[attr-defined]
    return comment


@require_POST
def comment_apply(request: HttpRequest, pk: int, comment_pk: int) -> HttpResponse:
    """The lead applies an accepted factual-accuracy comment to the draft."""
    inspection = policy.working_papers_of(request.user, pk)
    item = get_object_or_404(AccuracyComment, pk=comment_pk, inspection=inspection)
    try:
        workflow.apply_accuracy_comment(item, text=request.POST.get("text", ""), by=request.user, request=request)
    except WorkflowError as exc:
        return inspection_detail(request, pk, errors=message_errors(str(exc)))
    flash.success(request, "The correction was applied to the draft report")
    return redirect("inspections:report", pk=pk)


@require_POST
def accuracy_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    """The partnership has no further factual-accuracy comments."""
    inspection = policy.get_inspection_for(request.user, pk)
    try:
        workflow.confirm_no_further_comments(inspection, by=request.user, request=request)
    except WorkflowError as exc:
        return inspection_detail(request, pk, errors=message_errors(str(exc)))
    flash.success(request, "Thank you: the inspectors know you have no further comments")
    return redirect("inspections:report", pk=pk)
