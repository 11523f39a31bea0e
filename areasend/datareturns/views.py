"""The tracking-cases page of a full inspection and its actions, one view per action.

Person-level data: the page is for the inspection team, the partnership's own users and an
administrator with break-glass access (`policy.may_see_person_level`), and a 404 for everyone
else (even where the inspection itself is published). Every rendering of the page
and every download writes an audit row."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages as flash
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from areasend import policy
from areasend.accounts import audit
from areasend.accounts.models import AuditAction
from areasend.govuk import form_errors
from areasend.inspections.models import Inspection, WorkflowError

from . import services
from .caselist import CaseListInvalid
from .forms import CaseListUploadForm, ConsentForm, DocumentForm, EntryForm, SelectForm, SwapForm
from .models import CaseListEntry, TrackingCase, TrackingDocument

ENTRIES_PER_PAGE = 100
MAX_ERRORS_SHOWN = 50


def _inspection_for(request: HttpRequest, pk: int) -> Inspection:
    """Person-level data: the team, the area's partnership, an administrator's break-glass."""
    return policy.person_level_of(request.user, pk)


def _case_for(inspection: Inspection, case_id: int) -> TrackingCase:
    return get_object_or_404(TrackingCase.objects.for_inspection(inspection).select_related("entry"), pk=case_id)


def _may_download(inspection: Inspection, user: Any) -> bool:
    return policy.may_see_person_level(user, inspection)


def _add_workflow_error(form: forms.Form, error: WorkflowError) -> None:
    if isinstance(error, CaseListInvalid):
        for problem in error.errors[:MAX_ERRORS_SHOWN]:
            field = problem.column if problem.column in form.fields else None
            form.add_error(field, str(problem) if field is None else problem.message[:1].upper() + problem.message[1:])
        if len(error.errors) > MAX_ERRORS_SHOWN:
            form.add_error(None, f"and {len(error.errors) - MAX_ERRORS_SHOWN} more problems")
    else:
        form.add_error(None, str(error))


def _row(case: TrackingCase, inspection: Inspection, bound: dict[str, Any]) -> dict[str, Any]:
    """One tracked case and its forms; the form that just failed keeps its input and errors."""
    failed = bound.get("failed_form") if bound.get("failed_case") == case.pk else None
    forms_for_case = {
        "consent_form": ConsentForm(prefix=f"consent-{case.pk}", auto_id="%s"),
        "document_form": DocumentForm(prefix=f"document-{case.pk}", auto_id="%s"),
        "swap_form": SwapForm(prefix=f"swap-{case.pk}", auto_id="%s"),
    }
    if failed is not None:
        forms_for_case[f"{failed.prefix.split('-')[0]}_form"] = failed
    return {"case": case, **forms_for_case}


def _page(request: HttpRequest, inspection: Inspection, *, status: int = 200,
          errors: list[dict[str, str]] | None = None, **bound: Any) -> HttpResponse:
    """Render the tracking-cases page, with any bound form that failed, and audit the view."""
    user = request.user
    tracking = TrackingCase.objects.for_inspection(inspection)
    cases = list(tracking.current().select_related("entry").prefetch_related("documents"))
    entries = Paginator(CaseListEntry.objects.for_inspection(inspection), ENTRIES_PER_PAGE)
    page = entries.get_page(request.GET.get("page"))
    context = {
        "inspection": inspection,
        "entries": page,
        "tracked": {c.entry_id for c in cases},
        "rows": [_row(case, inspection, bound) for case in cases],
        "replaced": tracking.replaced().select_related("entry", "replaced_by__entry"),
        "is_area_user": services.is_area_user(inspection, user),
        "on_team": inspection.is_on_team(user),
        "may_download": _may_download(inspection, user),
        "is_open": inspection.state in services.CASE_STATES,
        "entry_form": bound.get("entry_form") or EntryForm(),
        "upload_form": bound.get("upload_form") or CaseListUploadForm(),
        "select_form": bound.get("select_form") or SelectForm(),
        "errors": errors or [],
    }
    audit.record(user, AuditAction.VIEW, inspection, request=request, area_code=inspection.area.gss_code,
                 page="tracking-cases", entries_page=page.number, entries=entries.count, cases=len(cases))
    return render(request, "datareturns/cases.html", context, status=status)


def _done(request: HttpRequest, inspection: Inspection, message: str) -> HttpResponse:
    flash.success(request, message)
    return redirect("cases:list", pk=inspection.pk)


@require_GET
def case_list(request: HttpRequest, pk: int) -> HttpResponse:
    return _page(request, _inspection_for(request, pk))


@require_POST
def add_entry(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = _inspection_for(request, pk)
    form = EntryForm(request.POST)
    if form.is_valid():
        try:
            entry = services.add_entry(inspection, by=request.user, request=request, **form.cleaned_data)
        except WorkflowError as error:
            _add_workflow_error(form, error)
        else:
            return _done(request, inspection, f"{entry.reference} added to the case list")
    return _page(request, inspection, status=400, errors=form_errors(form), entry_form=form)


@require_POST
def upload_case_list(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = _inspection_for(request, pk)
    form = CaseListUploadForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            added = services.upload_case_list(inspection, form.cleaned_data["case_list"], by=request.user,
                                              request=request)
        except WorkflowError as error:
            _add_workflow_error(form, error)
        else:
            return _done(request, inspection, f"{added} children and young people added to the case list")
    return _page(request, inspection, status=400, errors=form_errors(form), upload_form=form)


@require_POST
def select_cases(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = _inspection_for(request, pk)
    form = SelectForm(request.POST)
    if form.is_valid():
        try:
            cases = services.select_cases(inspection, by=request.user, seed=form.cleaned_data["seed"],
                                          request=request)
        except WorkflowError as error:
            form.add_error(None, str(error))
        else:
            return _done(request, inspection, f"{len(cases)} cases selected with seed {cases[0].seed}")
    return _page(request, inspection, status=400, errors=form_errors(form), select_form=form)


def _case_action_failed(request: HttpRequest, inspection: Inspection, case: TrackingCase,
                        form: forms.Form) -> HttpResponse:
    return _page(request, inspection, status=400, errors=form_errors(form),
                 failed_case=case.pk, failed_form=form)


@require_POST
def swap_case(request: HttpRequest, pk: int, case_id: int) -> HttpResponse:
    inspection = _inspection_for(request, pk)
    case = _case_for(inspection, case_id)
    form = SwapForm(request.POST, prefix=f"swap-{case.pk}", auto_id="%s")
    if form.is_valid():
        reference = form.cleaned_data["reference"].strip()
        entry = CaseListEntry.objects.for_inspection(inspection).filter(reference=reference).first()
        if entry is None:
            form.add_error("reference", f"'{form.cleaned_data['reference']}' is not on the case list")
        else:
            try:
                new = services.swap_case(case, entry, by=request.user, request=request)
            except WorkflowError as error:
                form.add_error("reference", str(error))
            else:
                return _done(request, inspection, f"{case.entry.reference} swapped for {new.entry.reference}")
    return _case_action_failed(request, inspection, case, form)


@require_POST
def record_consent(request: HttpRequest, pk: int, case_id: int) -> HttpResponse:
    inspection = _inspection_for(request, pk)
    case = _case_for(inspection, case_id)
    form = ConsentForm(request.POST, prefix=f"consent-{case.pk}", auto_id="%s")
    if form.is_valid():
        try:
            services.record_consent(case, form.cleaned_data["status"], by=request.user,
                                    on=form.cleaned_data["on"], request=request)
        except WorkflowError as error:
            form.add_error("status", str(error))
        else:
            message = f"Consent recorded for {case.entry.reference}"
            if case.replaced_by is not None:
                message += f"; {case.replaced_by.entry.reference} proposed instead"
            return _done(request, inspection, message)
    return _case_action_failed(request, inspection, case, form)


@require_POST
def upload_document(request: HttpRequest, pk: int, case_id: int) -> HttpResponse:
    inspection = _inspection_for(request, pk)
    case = _case_for(inspection, case_id)
    form = DocumentForm(request.POST, request.FILES, prefix=f"document-{case.pk}", auto_id="%s")
    if form.is_valid():
        try:
            services.upload_document(case, form.cleaned_data["document"], by=request.user, request=request)
        except WorkflowError as error:
            form.add_error("document", str(error))
        else:
            return _done(request, inspection, f"Document uploaded for {case.entry.reference}")
    return _case_action_failed(request, inspection, case, form)


@require_GET
def download_document(request: HttpRequest, pk: int, case_id: int, document_id: int) -> FileResponse:
    """A document, audited; a refused or missing one is a 404, audited as refused."""
    try:
        return _download(request, pk, case_id, document_id)
    except (Http404, PermissionDenied) as refused:
        audit.record(request.user, AuditAction.REFUSED, request=request, target=(TrackingDocument, document_id),
                     inspection=pk, case=case_id, status=404 if isinstance(refused, Http404) else 403)
        raise


def _download(request: HttpRequest, pk: int, case_id: int, document_id: int) -> FileResponse:
    inspection = _inspection_for(request, pk)
    if not _may_download(inspection, request.user):
        raise Http404("No such document")
    document = get_object_or_404(TrackingDocument, pk=document_id, case_id=case_id, case__inspection=inspection)
    try:
        handle = document.file.open("rb")
    except FileNotFoundError:
        raise Http404("The file is no longer stored") from None
    audit.record(request.user, AuditAction.EXPORT, document, request=request, area_code=inspection.area.gss_code,
                 inspection=inspection.pk, case=case_id)
    response = FileResponse(handle, as_attachment=True, filename=document.original_name,
                            content_type=document.content_type)
    response["Cache-Control"] = "no-store"
    return response
