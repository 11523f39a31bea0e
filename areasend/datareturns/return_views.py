"""The data-return page of a live inspection: the partnership uploads its person-level return, the
team and the partnership see its errors and statutory-compliance indicators, download the error
report and turn the return into the case list. Person-level: `policy.person_level_of` (a 404 for
everyone else) and an audit row for every view and download."""

from __future__ import annotations

import csv
import io
from typing import Any

from django import forms
from django.contrib import messages as flash
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from areasend import policy
from areasend.accounts import audit
from areasend.accounts.models import AuditAction
from areasend.govuk import form_errors, message_errors
from areasend.inspections.models import Inspection, WorkflowError

from . import published, returns, services
from .models import DataReturn

MAX_ISSUES_SHOWN = 50


class ReturnUploadForm(forms.Form):
    data_return = forms.FileField(label="Upload the return", help_text="CSV (UTF-8), XLSX or ODS",
                                  error_messages={"required": "Select the return file"})


def _return_for(inspection: Inspection, return_id: int) -> DataReturn:
    return get_object_or_404(DataReturn.objects.for_inspection(inspection), pk=return_id)


def _page(request: HttpRequest, inspection: Inspection, form: ReturnUploadForm | None = None,
          status: int = 200, errors: list[dict[str, str]] | None = None) -> HttpResponse:
    returns_held = DataReturn.objects.for_inspection(inspection)
    current = returns_held.first()  # the latest: its person-level issues and samples are shown
    versions = list(returns_held.defer("issues", "samples", "indicators"))
    issues = current.issues if current else []
    row_errors = [i for i in issues if i["severity"] == "error"]
    queries = [i for i in issues if i["severity"] != "error"]
    samples = current.samples if current else {}
    context = {
        "inspection": inspection, "current": current, "versions": versions,
        "tables": [("Errors", "error", row_errors[:MAX_ISSUES_SHOWN], current.error_count if current else 0),
                   ("Warnings (queries)", "warning", queries[:MAX_ISSUES_SHOWN],
                    current.warning_count if current else 0)],
        "form": form or ReturnUploadForm(), "errors": errors or (form_errors(form) if form else []),
        "is_area_user": services.is_area_user(inspection, request.user),
        "is_open": inspection.state in services.CASE_STATES,
        "samples": [(returns.TOPICS[k][0], refs) for k, refs in samples.items()],
        "indicators": _indicators(inspection, current), "kept": returns.MAX_ISSUES_KEPT,
    }
    audit.record(request.user, AuditAction.VIEW, inspection, request=request, area_code=inspection.area.gss_code,
                 page="data-return", data_return=current.pk if current else None)
    return render(request, "datareturns/return.html", context, status=status)


def _indicators(inspection: Inspection, current: DataReturn | None) -> list[dict[str, Any]]:
    """Each indicator with its percentage and the area's published DfE figure, where one exists."""
    if current is None:
        return []
    figures = published.beside(inspection.area.gss_code, current.as_at.year)
    return [{**ind, "percent": round(100 * ind["numerator"] / ind["denominator"], 1) if ind["denominator"] else None,
             "published": figures.get(key)} for key, ind in current.indicators.items()]


@require_GET
def data_return(request: HttpRequest, pk: int) -> HttpResponse:
    return _page(request, policy.person_level_of(request.user, pk))


@require_POST
def upload_return(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = policy.person_level_of(request.user, pk)
    form = ReturnUploadForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            stored = returns.upload_return(inspection, form.cleaned_data["data_return"], by=request.user,
                                           request=request)
        except WorkflowError as error:
            form.add_error("data_return", str(error))
        else:
            flash.success(request, f"Return {stored.number} checked: {stored.rows} rows, "
                                   f"{stored.error_count} errors, {stored.warning_count} warnings")
            return redirect("cases:return", pk=inspection.pk)
    return _page(request, inspection, form, status=400)


@require_GET
def error_report(request: HttpRequest, pk: int, return_id: int) -> HttpResponse:
    inspection = policy.person_level_of(request.user, pk)
    stored = _return_for(inspection, return_id)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["sheet", "row", "field", "severity", "message"])
    for issue in stored.issues:
        writer.writerow([_safe(issue["sheet"] or ""), issue["row"], _safe(issue["field"]), issue["severity"],
                         _safe(issue["message"])])
    audit.record(request.user, AuditAction.EXPORT, stored, request=request, area_code=inspection.area.gss_code,
                 inspection=inspection.pk, issues=len(stored.issues))
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="return-{stored.number}-errors.csv"'
    response["Cache-Control"] = "no-store"
    return response


def _safe(text: str) -> str:
    """No spreadsheet formula injection: a cell starting =, +, - or @ is quoted."""
    return f"'{text}" if text[:1] in ("=", "+", "-", "@") else text


@require_POST
def make_case_list(request: HttpRequest, pk: int, return_id: int) -> HttpResponse:
    inspection = policy.person_level_of(request.user, pk)
    stored = _return_for(inspection, return_id)
    try:
        added = returns.make_case_list(stored, by=request.user, request=request)
    except WorkflowError as error:
        return _page(request, inspection, status=400, errors=message_errors(str(error)))
    message = f"{added} children and young people added to the case list from return {stored.number}"
    left_out = stored.valid_rows - added
    if left_out:
        message += (f"; {left_out} rows were already on it or have a reference the case list cannot take "
                    "(up to 20 letters, digits or hyphens)")
    flash.success(request, message)
    return redirect("cases:list", pk=inspection.pk)
