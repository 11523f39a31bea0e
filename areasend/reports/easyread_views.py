"""The easy-read summary: the lead inspector's guided form, and the public page after publication."""

from __future__ import annotations

from django.contrib import messages as flash
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_safe

from areasend import policy
from areasend.govuk import form_errors
from areasend.inspections.models import Inspection, State
from areasend.reports.easyread import PARTS, SYMBOLS
from areasend.reports.easyread_forms import EasyReadForm, initial_for
from areasend.reports.models import EasyReadSummary


@require_safe
def easy_read_page(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = policy.get_published_report(pk)
    summary = EasyReadSummary.objects.filter(inspection=inspection).prefetch_related("lines").first()
    if summary is None:
        raise Http404("No easy-read summary")
    parts = [{"part": part, "lines": summary.lines_of(part.key)} for part in PARTS]
    return render(request, "reports/easy_read.html", {"inspection": inspection, "parts": parts})


@transaction.atomic
def save_summary(inspection: Inspection, form: EasyReadForm, by: object) -> None:
    """Replace the summary's lines with the form's, in one transaction."""
    summary, _ = EasyReadSummary.objects.select_for_update().get_or_create(inspection=inspection)
    summary.updated_by = by  # type: ignore[assignment]
    summary.save()
    summary.lines.all().delete()
    summary.lines.bulk_create([summary.lines.model(summary=summary, part=part, position=n, text=text, symbol=symbol)
                               for n, (part, text, symbol) in enumerate(form.lines(), start=1)])


@require_http_methods(["GET", "HEAD", "POST"])
def easy_read_edit(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = policy.easy_read_to_edit(request.user, pk)
    summary = EasyReadSummary.objects.filter(inspection=inspection).prefetch_related("lines").first()
    form = EasyReadForm(request.POST if request.method == "POST" else None, initial=initial_for(summary))
    if request.method == "POST" and form.is_valid():
        save_summary(inspection, form, request.user)
        flash.success(request, "The easy-read summary is saved."
                      + (" It is on the public report page." if inspection.state == State.PUBLISHED
                         else " It will be public when the report is published."))
        return redirect("reports:easy-read-edit", pk=inspection.pk)
    errors = form_errors(form) if form.is_bound else []
    return render(request, "reports/easy_read_edit.html", {
        "inspection": inspection, "form": form, "errors": errors, "symbols": SYMBOLS.values(),
        "published": inspection.state == State.PUBLISHED, **_nav(request, inspection)},
        status=400 if errors else 200)


def _nav(request: HttpRequest, inspection: Inspection) -> dict[str, object]:
    """The inspection's section navigation: the lead is staff with the working papers."""
    return {"staff": True, "working_papers": True,
            "cases_url": reverse("cases:list", args=[inspection.pk])
            if policy.may_see_person_level(request.user, inspection) else ""}
