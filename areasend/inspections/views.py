"""Pages of a live full inspection. Thin: every change goes through workflow.py or evidence.py,
every lookup through accounts.access (another area's inspection is a 404)."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from areasend.accounts.access import (
    can_see_evidence,
    get_inspection_for,
    inspections_visible_to,
    is_staff_role,
)
from areasend.accounts.models import Role, User
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
from .models import AccuracyComment, EvidenceNote, Inspection, Recommendation, State, TeamMember, WorkflowError
from .tasks import tasks_for

ACTIONS: dict[str, Any] = {
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

    staff = is_staff_role(request.user)
    try:
        cases_url = reverse("cases:list", args=[inspection.pk]) if staff or getattr(
            request.user, "area_id", None) == inspection.area_id else ""
    except NoReverseMatch:
        cases_url = ""
    context = {"inspection": inspection, "staff": staff, "cases_url": cases_url, "errors": errors or [],
               **context}
    return render(request, template, context, status=400 if errors else 200)


def _staff_inspection(request: HttpRequest, pk: int) -> Inspection:
    """Evidence, team and outcome pages exist only for inspectorate staff."""
    inspection = get_inspection_for(request.user, pk)
    if not can_see_evidence(request.user):
        raise Http404
    return inspection


def inspection_list(request: HttpRequest) -> HttpResponse:
    inspections = inspections_visible_to(request.user).order_by("-notified_on", "-id")
    return render(request, "inspections/list.html", {
        "inspections": inspections, "can_create": getattr(request.user, "role", None) in workflow.PLANNERS,
    })


@login_required
def inspection_new(request: HttpRequest) -> HttpResponse:
    workflow.require_planner(request.user)
    form = NotifyForm(request.POST or None)
    errors: list[dict[str, str]] = []
    if request.method == "POST":
        if form.is_valid():
            try:
                inspection = workflow.notify(
                    area=form.cleaned_data["area"], notified_on=form.cleaned_data["notified"],
                    officer_name=form.cleaned_data["officer_name"],
                    officer_email=form.cleaned_data["officer_email"], by=request.user, request=request,
                )
                return redirect("inspections:detail", pk=inspection.pk)
            except (InvalidNotificationDate, WorkflowError) as exc:
                errors = [{"field": "id_notified_day", "message": str(exc)}]
        else:
            errors = form_errors(form)
    return render(request, "inspections/new.html", {"form": form, "errors": errors},
                  status=400 if errors else 200)


def inspection_detail(request: HttpRequest, pk: int, errors: list[dict[str, str]] | None = None) -> HttpResponse:
    inspection = get_inspection_for(request.user, pk)
    today = timezone.localdate()
    user = request.user
    context = {
        "timeline": inspection.timeline,
        "team": inspection.team.select_related("inspector"),
        "tasks": tasks_for(inspection, user, today) if user.is_authenticated and (
            is_staff_role(user) or getattr(user, "area_id", None) == inspection.area_id) else [],
        "is_lead": inspection.is_lead(user),
        "is_team": inspection.is_on_team(user),
        "is_planner": getattr(user, "role", None) in workflow.PLANNERS,
        "is_lap": getattr(user, "role", None) == Role.LAP,
        "follow_up": inspection.follow_up,
        "team_problems": workflow.team_problems(inspection),
        "reason_form": ReasonForm(),
    }
    return page(request, "inspections/detail.html", inspection, context, errors)


@require_POST
def inspection_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    inspection = get_inspection_for(request.user, pk)
    if not request.user.is_authenticated:
        raise Http404
    try:
        if action in ACTIONS:
            ACTIONS[action](inspection, by=request.user, request=request)
        elif action in REASON_ACTIONS:
            REASON_ACTIONS[action](inspection, reason=request.POST.get("reason", ""), by=request.user,
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
                    request=request,
                )
                return redirect("inspections:team", pk=pk)
            except WorkflowError as exc:
                errors = [{"field": "id_inspector", "message": str(exc)}]
        else:
            errors = form_errors(form)
    return page(request, "inspections/team.html", inspection, {
        "members": inspection.team.select_related("inspector"), "form": form,
        "problems": workflow.team_problems(inspection),
        "can_edit": getattr(request.user, "role", None) in workflow.PLANNERS or inspection.is_lead(request.user),
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
    inspection = _staff_inspection(request, pk)
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
    return page(request, "inspections/evidence.html", inspection, {
        "form": form, "notes": notes, **_grouped(notes),
        "can_add": inspection.is_on_team(request.user) and inspection.state in {
            State.NOTIFIED, State.FIELDWORK, State.EVALUATING},
    }, errors)


def evidence_edit(request: HttpRequest, pk: int, note_pk: int) -> HttpResponse:
    inspection = _staff_inspection(request, pk)
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
    return page(request, "inspections/evidence_edit.html", inspection, {
        "note": note, "form": form,
        "revisions": note.revisions.select_related("replaced_by"), "delete_form": DeleteForm(),
    }, errors)


@require_POST
def evidence_autosave(request: HttpRequest, pk: int, note_pk: int) -> JsonResponse:
    """Called by the page's script while an inspector types: saves the text, keeps history."""
    inspection = _staff_inspection(request, pk)
    note = get_object_or_404(EvidenceNote, pk=note_pk, inspection=inspection)
    text = request.POST.get("text", "")
    try:
        changed = evidence_service.edit_note(note, by=request.user, request=request, text=text.strip())
    except WorkflowError as exc:
        return JsonResponse({"saved": False, "error": str(exc)}, status=400)
    return JsonResponse({"saved": True, "changed": changed, "at": timezone.localtime().strftime("%H:%M:%S")})


@require_POST
def evidence_delete(request: HttpRequest, pk: int, note_pk: int) -> HttpResponse:
    inspection = _staff_inspection(request, pk)
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
    inspection = _staff_inspection(request, pk)
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
    inspection = _staff_inspection(request, pk)
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


def _can_read_report(inspection: Inspection, user: Any) -> bool:
    if is_staff_role(user):
        return True
    if inspection.state == State.PUBLISHED:
        return True
    return getattr(user, "area_id", None) == inspection.area_id and inspection.state == State.FACTUAL_ACCURACY


def report(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = get_inspection_for(request.user, pk)
    if not _can_read_report(inspection, request.user):
        raise Http404
    paragraphs = inspection.report_paragraphs()
    is_lap = getattr(request.user, "area_id", None) == inspection.area_id
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
                return redirect("inspections:report", pk=pk)
            except WorkflowError as exc:
                errors = message_errors(str(exc))
        else:
            errors = form_errors(form)
    numbered = {ref: n for n, (ref, _) in enumerate(paragraphs, start=1)}
    comments = inspection.accuracy_comments.select_related("author", "responded_by") if (
        is_lap or is_staff_role(request.user)) else AccuracyComment.objects.none()
    sections = {key: [(numbered[ref], text) for ref, text in paragraphs if ref.startswith(key + "-")]
                for key in ("experience", "effective", "improve")}
    return page(request, "inspections/report.html", inspection, {
        "sections": sections, "numbered": numbered,
        "rec_groups": _recommendation_groups(inspection, numbered),
        "comments": [(c, numbered.get(c.paragraph)) for c in comments], "form": form,
        "can_comment": is_lap and inspection.state == State.FACTUAL_ACCURACY,
        "is_lead": inspection.is_lead(request.user), "answer_form": AnswerForm(),
        "follow_up": inspection.follow_up,
    }, errors)


@require_POST
def comment_answer(request: HttpRequest, pk: int, comment_pk: int) -> HttpResponse:
    inspection = get_inspection_for(request.user, pk)
    if not is_staff_role(request.user):
        raise Http404
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
