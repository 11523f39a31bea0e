"""Published reports: the page, its PDF, the report card, and the list to find them.

Every view looks its inspection up through `policy.get_published_report`: before publication
there is no report, for anyone (404), whatever the URL or format asked for.
"""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.text import slugify
from django.views.decorators.http import require_safe

from areasend import policy
from areasend.reports import documents
from areasend.reports.forms import ReportFilterForm
from areasend.reports.links import report_link

PAGE_SIZE = 50


def _context(pk: int) -> dict[str, Any]:
    return documents.context_for(policy.get_published_report(pk))


def _card_context(pk: int) -> dict[str, Any]:
    """The card summarises a full inspection's outcome; a monitoring letter has none."""
    context = _context(pk)
    if context["report"].is_monitoring:
        raise Http404("A monitoring inspection has no report card")
    return context


@require_safe
def report_page(request: HttpRequest, pk: int) -> HttpResponse:
    context = _context(pk)
    # A published report is public; the area page is not for a partnership user of another area.
    area_link = policy.areas_visible_to(request.user).filter(pk=context["report"].area.pk).exists()
    # Joined by policy.published_reports: no query of its own.
    easy_read = hasattr(context["report"].inspection, "easy_read")
    return render(request, "reports/report.html", {**context, "area_link": area_link, "easy_read": easy_read})


@require_safe
def card_page(request: HttpRequest, pk: int) -> HttpResponse:
    return render(request, "reports/card.html", _card_context(pk))


def _pdf_response(context: dict[str, Any], body: str, name: str) -> FileResponse:
    path = documents.pdf_path(context, body)
    report = context["report"]
    return FileResponse(path.open("rb"), content_type="application/pdf",
                        filename=f"area-send-{name}-{slugify(report.area.name)}-{report.inspection.pk}.pdf")


@require_safe
def report_pdf(request: HttpRequest, pk: int) -> FileResponse:
    return _pdf_response(_context(pk), documents.REPORT_BODY, "report")


@require_safe
def card_pdf(request: HttpRequest, pk: int) -> FileResponse:
    return _pdf_response(_card_context(pk), documents.CARD_BODY, "report-card")


@require_safe
def report_list(request: HttpRequest) -> HttpResponse:
    form = ReportFilterForm(request.GET or None)
    if request.GET and not form.is_valid():
        errors = [{"field": f"id_{name}", "message": str(msgs[0])} for name, msgs in form.errors.items()]
        return render(request, "reports/list.html", {"form": form, "errors": errors}, status=400)
    activities = form.apply(policy.published_history()) if form.is_bound else policy.published_history()
    page = Paginator(activities.order_by("-publication_date", "-id"), PAGE_SIZE).get_page(
        form.cleaned_data.get("page") if form.is_bound else 1)
    rows = [(a, report_link(a)) for a in page]
    return render(request, "reports/list.html", {"form": form, "page": page, "rows": rows,
                                                 "query": _query_without_page(request)})


def _query_without_page(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()
