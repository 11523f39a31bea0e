"""Pages after publication. Thin: every lookup and permission through `areasend.policy` (another
area's follow-up is a 404), every change through plans.py, monitoring.py or meetings.py."""

from __future__ import annotations

from typing import Any

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from areasend import policy
from areasend.areas.models import LocalAreaPartnership
from areasend.framework.activities import ActivityType
from areasend.framework.calendar import in_words
from areasend.framework.timeline import InvalidNotificationDate
from areasend.govuk import form_errors, message_errors
from areasend.inspections.models import Inspection, WorkflowError

from . import meetings, monitoring, plans, thematic
from .forms import (
    FindingForm,
    MeetingRecordForm,
    NationalReportForm,
    PlanActionForm,
    PlanSubmitForm,
    ReviewForm,
    ScheduleMeetingForm,
    StrategicPlanForm,
    ThematicFindingForm,
    ThematicVisitForm,
)
from .models import NationalTheme, PlanVersion, PriorityActionPlan, ThematicVisit
from .status import plan_status, plan_statuses

FREE_ROWS = 3


def _area(request: HttpRequest, gss_code: str) -> LocalAreaPartnership:
    return policy.get_followup_area_for(request.user, gss_code)


def _render(request: HttpRequest, template: str, context: dict[str, Any],
            errors: list[dict[str, str]] | None = None) -> HttpResponse:
    return render(request, template, {"errors": errors or [], **context}, status=400 if errors else 200)


def overview(request: HttpRequest) -> HttpResponse:
    """Every plan the user may see, late ones and overdue reviews first: staff see every area
    (bar an inspector's declared conflicts), an adviser the areas they support."""
    user = request.user
    if not (policy.is_staff_role(user) or policy.role_of(user) == "adviser"):
        raise Http404
    rows = plan_statuses(policy.followup_areas_visible_to(user), timezone.localdate())
    real = [status for _, status in rows if not status.report.synthetic]
    return render(request, "followup/overview.html", {
        "rows": rows, "late": sum(s.late for s in real), "review_overdue": sum(s.review_overdue for s in real),
    })


def area_followup(request: HttpRequest, gss_code: str) -> HttpResponse:
    area = _area(request, gss_code)
    user, today = request.user, timezone.localdate()
    status = plan_status(area, today)
    plan = PriorityActionPlan.objects.filter(report=status.report).first() if status else None
    latest = plan.latest if plan else None
    live = policy.inspections_visible_to(user).filter(area=area)
    return render(request, "followup/area.html", {
        "area": area, "status": status, "plan": plan,
        "versions": plan.versions.prefetch_related("actions__partners", "actions__milestones") if plan else [],
        "can_submit": bool(status and status.is_pap and policy.may_submit_plan(user, area)
                           and (latest is None or latest.review == "revise")),
        "can_record_strategic": bool(status and not status.is_pap and status.strategic is None
                                     and policy.may_submit_plan(user, area)),
        "can_review": bool(latest and latest.awaiting_review
                           and policy.may_review_pap(user, area, plans.government_review(latest))),
        "monitoring": live.of_kind(ActivityType.MONITORING_INSPECTION).prefetch_related("priority_findings"),
        "meetings": policy.meetings_visible_to(user, area).select_related("meeting_record"),
        "next_meeting": meetings.next_meeting_date(area, today),
        "can_schedule": policy.is_planner(user),
        "schedule_form": ScheduleMeetingForm(),
        "legacy": area.legacy_follow_ups.all(),
        "open_links": policy.is_staff_role(user) or policy.is_area_user(user, area.pk),
    })


def _action_rows(request: HttpRequest, area: LocalAreaPartnership) -> list[tuple[Any, PlanActionForm]]:
    """One row per recorded area for priority action (with its addressees ticked), or a few
    blank rows when the report was imported from the public record."""
    report = plans.latest_report(area)
    recorded = plans.priority_actions_of(report) if report else []
    partners = area.partners.all()
    data = request.POST or None
    if recorded:
        return [(rec, PlanActionForm(data, prefix=f"a{n}", partners=partners, initial={
            "partners": [str(p.pk) for p in (partners if rec.whole_partnership else rec.partners.all())]}))
            for n, rec in enumerate(recorded)]
    return [(None, PlanActionForm(data, prefix=f"a{n}", partners=partners)) for n in range(FREE_ROWS)]


def _inputs(rows: list[tuple[Any, PlanActionForm]]) -> list[plans.ActionInput]:
    inputs = []
    for rec, form in rows:
        if rec is None and form.is_blank and not form.cleaned_data.get("priority_action_text"):
            continue
        data = form.cleaned_data
        inputs.append(plans.ActionInput(
            priority_action_text=rec.text if rec else data["priority_action_text"], action=data["action"],
            partner_ids=[int(p) for p in data["partners"]], impact_measures=data["impact_measures"],
            milestones=data["milestones"], priority_action=rec))
    return inputs


@login_required
def pap_submit(request: HttpRequest, gss_code: str) -> HttpResponse:
    area = _area(request, gss_code)
    policy.require(policy.may_submit_plan(request.user, area), "Only the partnership can submit its plan")
    form = PlanSubmitForm(request.POST or None, request.FILES or None)
    rows = _action_rows(request, area)
    errors: list[dict[str, str]] = []
    if request.method == "POST":
        valid = [form.is_valid()] + [f.is_valid() for _, f in rows]
        errors = form_errors(form) + [e for _, f in rows for e in form_errors(f, with_label=True)]
        if all(valid):
            try:
                version = plans.submit_pap(area, by=request.user, actions=_inputs(rows), request=request,
                                           document=form.cleaned_data["document"],
                                           local_name=form.cleaned_data["local_name"])
                flash.success(request, f"Version {version.number} of your priority action plan has been "
                                       f"submitted to {version.review_body}")
                return redirect("followup:area", gss_code=gss_code)
            except WorkflowError as exc:
                errors = message_errors(str(exc))
    return _render(request, "followup/pap_submit.html", {"area": area, "form": form, "rows": rows}, errors)


def _version(request: HttpRequest, gss_code: str, number: int) -> PlanVersion:
    area = _area(request, gss_code)
    return get_object_or_404(PlanVersion.objects.select_related("plan__area"), plan__area=area, number=number,
                             plan__report=plans.latest_report(area))


@login_required
def pap_review(request: HttpRequest, gss_code: str, number: int) -> HttpResponse:
    version = _version(request, gss_code, number)
    area = version.plan.area
    policy.require(policy.may_review_pap(request.user, area, plans.government_review(version)),
                   f"Only {version.review_body} can review this plan")
    form = ReviewForm(request.POST or None)
    errors: list[dict[str, str]] = []
    if request.method == "POST":
        if form.is_valid():
            try:
                plans.review_pap(version, by=request.user, outcome=form.cleaned_data["outcome"],
                                 comments=form.cleaned_data["comments"], request=request)
                flash.success(request, f"Your review of version {version.number} has been recorded")
                return redirect("followup:area", gss_code=gss_code)
            except WorkflowError as exc:
                errors = message_errors(str(exc))
        else:
            errors = form_errors(form)
    return _render(request, "followup/pap_review.html", {"area": area, "version": version, "form": form}, errors)


def pap_document(request: HttpRequest, gss_code: str, number: int) -> FileResponse:
    version = _version(request, gss_code, number)
    if not version.document:
        raise Http404("This version has no document")
    return FileResponse(version.document.open("rb"), as_attachment=True,
                        filename=version.document_name or f"priority-action-plan-v{number}")


@login_required
def strategic_plan(request: HttpRequest, gss_code: str) -> HttpResponse:
    area = _area(request, gss_code)
    policy.require(policy.may_submit_plan(request.user, area), "Only the partnership can record its plan")
    form = StrategicPlanForm(request.POST or None)
    errors: list[dict[str, str]] = []
    if request.method == "POST":
        if form.is_valid():
            try:
                plans.record_strategic_plan(area, by=request.user, url=form.cleaned_data["url"],
                                            published_on=form.cleaned_data["published"], request=request)
                flash.success(request, "The publication of your updated strategic plan has been recorded")
                return redirect("followup:area", gss_code=gss_code)
            except WorkflowError as exc:
                errors = message_errors(str(exc))
        else:
            errors = form_errors(form)
    return _render(request, "followup/strategic_plan.html", {"area": area, "form": form}, errors)


def _monitoring(request: HttpRequest, pk: int) -> Inspection:
    inspection = policy.working_papers_of(request.user, pk)
    if inspection.kind != ActivityType.MONITORING_INSPECTION:
        raise Http404("No such monitoring inspection")
    return inspection


def _finding_rows(request: HttpRequest, inspection: Inspection) -> list[tuple[Any, FindingForm]]:
    recorded = monitoring.priority_actions_for(inspection)
    data = request.POST or None
    existing = list(inspection.priority_findings.all())
    if recorded:
        return [(rec, FindingForm(data, prefix=f"f{n}", initial=_initial(existing, n)))
                for n, rec in enumerate(recorded)]
    return [(None, FindingForm(data, prefix=f"f{n}", initial=_initial(existing, n))) for n in range(4)]


def _initial(existing: list[Any], n: int) -> dict[str, str]:
    found = next((f for f in existing if f.position == n), None)
    return {"text": found.text, "finding": found.finding, "note": found.note} if found else {}


@login_required
def findings(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = _monitoring(request, pk)
    rows = _finding_rows(request, inspection)
    errors: list[dict[str, str]] = []
    if request.method == "POST":
        policy.require(policy.may_lead(request.user, inspection), "Only the lead inspector can record findings")
        if all([f.is_valid() for _, f in rows]):
            inputs = [monitoring.FindingInput(text=rec.text if rec else f.cleaned_data["text"],
                                              finding=f.cleaned_data["finding"], note=f.cleaned_data["note"],
                                              priority_action=rec)
                      for rec, f in rows if rec is not None or f.cleaned_data["text"].strip()]
            try:
                monitoring.record_findings(inspection, rows=inputs, by=request.user, request=request)
                flash.success(request, "The findings on the areas for priority action have been recorded")
                return redirect("inspections:detail", pk=pk)
            except WorkflowError as exc:
                errors = message_errors(str(exc))
        else:
            errors = [e for _, f in rows for e in form_errors(f, with_label=True)]
    return _render(request, "followup/findings.html", {"inspection": inspection, "rows": rows,
                                                       "is_lead": inspection.is_lead(request.user)}, errors)


@require_POST
@login_required
def meeting_schedule(request: HttpRequest, gss_code: str) -> HttpResponse:
    area = _area(request, gss_code)
    policy.require(policy.is_planner(request.user), "Only programme planners can schedule meetings")
    form = ScheduleMeetingForm(request.POST)
    if not form.is_valid():
        return _render(request, "followup/error.html", {"area": area}, form_errors(form))
    try:
        meeting = meetings.schedule_next(area, by=request.user, officer_name=form.cleaned_data["officer_name"],
                                         officer_email=form.cleaned_data["officer_email"], request=request)
    except WorkflowError as exc:
        return _render(request, "followup/error.html", {"area": area}, message_errors(str(exc)))
    flash.success(request, f"Engagement meeting scheduled for {in_words(meeting.notified_on)}")
    return redirect("inspections:detail", pk=meeting.pk)


@login_required
def meeting_record(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = policy.get_inspection_for(request.user, pk)
    if meeting.kind != ActivityType.ENGAGEMENT_MEETING:
        raise Http404("No such engagement meeting")
    if not policy.may_record_meeting(request.user, meeting):
        raise PermissionDenied("Only the inspectors at the meeting can record it")
    form = MeetingRecordForm(request.POST or None, partners=meeting.area.partners.all(),
                             inspectors=[m.inspector for m in meeting.team.select_related("inspector")])
    errors: list[dict[str, str]] = []
    if request.method == "POST":
        if form.is_valid():
            data = meetings.MeetingInput(attendees=form.attendees(), topics=form.cleaned_data["topics"],
                                         actions=form.actions(), notes=form.cleaned_data["notes"],
                                         inspector_ids=[int(i) for i in form.cleaned_data["inspectors"]])
            errors = form_errors(form)
            if not errors:
                try:
                    meetings.record_meeting(meeting, data=data, by=request.user, request=request)
                    flash.success(request, "The meeting has been recorded; the record is never published")
                    return redirect("inspections:detail", pk=pk)
                except WorkflowError as exc:
                    errors = message_errors(str(exc))
        else:
            errors = form_errors(form)
    return _render(request, "followup/meeting_record.html", {"meeting": meeting, "form": form}, errors)


# --- Thematic visits (spec §9) ----------------------------------------------------------------


def themes(request: HttpRequest) -> HttpResponse:
    return render(request, "followup/themes.html", {"themes": policy.themes_visible_to(request.user)})


def _theme(request: HttpRequest, pk: int) -> NationalTheme:
    return get_object_or_404(policy.themes_visible_to(request.user), pk=pk)


def _theme_post(request: HttpRequest, found: NationalTheme) -> tuple[HttpResponse | None, Any, Any,
                                                                     list[dict[str, str]]]:
    """Add a visit, or publish the national report: a redirect, or the forms and their errors."""
    policy.require(policy.is_planner(request.user), "Only programme planners can change a thematic review")
    visit_form, report_form = ThematicVisitForm(), NationalReportForm()
    try:
        if "summary" in request.POST:
            report_form = NationalReportForm(request.POST)
            if not report_form.is_valid():
                return None, visit_form, report_form, form_errors(report_form)
            thematic.publish_report(found, summary=report_form.cleaned_data["summary"], by=request.user,
                                    request=request)
            flash.success(request, "The national report has been published")
            return redirect("followup:theme-report", pk=found.pk), visit_form, report_form, []
        visit_form = ThematicVisitForm(request.POST)
        if not visit_form.is_valid():
            return None, visit_form, report_form, form_errors(visit_form)
        data = visit_form.cleaned_data
        thematic.add_visit(found, area=data["area"], notified_on=data["notified"], named=data["named"],
                           officer_name=data["officer_name"], officer_email=data["officer_email"],
                           by=request.user, request=request)
        flash.success(request, f"Visit to {data['area'].name} added")
        return redirect("followup:theme", pk=found.pk), visit_form, report_form, []
    except (WorkflowError, InvalidNotificationDate) as exc:
        return None, visit_form, report_form, message_errors(str(exc))


def theme(request: HttpRequest, pk: int) -> HttpResponse:
    """Staff: the visits and findings of one theme; a planner adds visits and publishes the report."""
    found = _theme(request, pk)
    if not policy.is_staff_role(request.user):
        raise Http404
    visit_form: Any = ThematicVisitForm()
    report_form: Any = NationalReportForm()
    errors: list[dict[str, str]] = []
    if request.method == "POST":
        done, visit_form, report_form, errors = _theme_post(request, found)
        if done is not None:
            return done
    return _render(request, "followup/theme.html", {
        "theme": found, "visits": found.visits.select_related("visit__area").prefetch_related("findings"),
        "visit_form": visit_form, "report_form": report_form, "can_plan": policy.is_planner(request.user),
        "problems": thematic.report_problems(found)}, errors)


def theme_report(request: HttpRequest, pk: int) -> HttpResponse:
    found = _theme(request, pk)
    return render(request, "followup/theme_report.html", {
        "theme": found, "sections": thematic.findings_by_theme(found),
        "named": found.visits.filter(named=True, visit__state="published").select_related("visit__area")})


@login_required
def thematic_findings(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = policy.working_papers_of(request.user, pk)
    visit = get_object_or_404(ThematicVisit, visit=inspection)
    form = ThematicFindingForm(request.POST or None)
    errors: list[dict[str, str]] = []
    if request.method == "POST":
        policy.require(policy.may_lead(request.user, inspection), "Only the lead inspector can add findings")
        if form.is_valid():
            try:
                thematic.add_finding(visit, text=form.cleaned_data["text"], themes=form.cleaned_data["themes"],
                                     by=request.user, request=request)
                flash.success(request, "Finding added")
                return redirect("followup:thematic-findings", pk=pk)
            except WorkflowError as exc:
                errors = message_errors(str(exc))
        else:
            errors = form_errors(form)
    return _render(request, "followup/thematic_findings.html", {
        "inspection": inspection, "visit": visit, "form": form, "is_lead": inspection.is_lead(request.user)}, errors)
