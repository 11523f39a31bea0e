"""Published reports: the page, its PDF, the report card, and the list to find them.

Every view looks its inspection up through `policy.get_published_report`: before publication
there is no report, for anyone (404), whatever the URL or format asked for.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.text import slugify
from django.views.decorators.http import require_GET

from areasend import policy
from areasend.reports import content, pdf
from areasend.reports.forms import ReportFilterForm
from areasend.reports.links import report_link

PAGE_SIZE = 50


def _context(pk: int) -> dict[str, Any]:
    report = content.build_report(policy.get_published_report(pk))
    return {"report": report, "themes": content.card_themes(report),
            "report_url": settings.AREASEND_BASE_URL.rstrip("/") + reverse("reports:report", args=[pk])}


@require_GET
def report_page(request: HttpRequest, pk: int) -> HttpResponse:
    return render(request, "reports/report.html", _context(pk))


def _card_context(pk: int) -> dict[str, Any]:
    """The card summarises a full inspection's outcome; a monitoring letter has none."""
    context = _context(pk)
    if context["report"].is_monitoring:
        raise Http404("A monitoring inspection has no report card")
    return context


@require_GET
def card_page(request: HttpRequest, pk: int) -> HttpResponse:
    return render(request, "reports/card.html", _card_context(pk))


def _pdf_response(context: dict[str, Any], body: str, name: str) -> FileResponse:
    pk = context["report"].inspection.pk
    # Rendered without the request: the same report always gives the same HTML, hence one
    # cached file per version of the report.
    html = render_to_string("reports/print.html", {**context, "body": body, "for_print": True})
    path = pdf.cached(f"{name}-{pk}", html)
    area = slugify(context["report"].area.name)
    return FileResponse(path.open("rb"), content_type="application/pdf",
                        filename=f"area-send-{name}-{area}-{pk}.pdf")


@require_GET
def report_pdf(request: HttpRequest, pk: int) -> FileResponse:
    return _pdf_response(_context(pk), "reports/_report.html", "report")


@require_GET
def card_pdf(request: HttpRequest, pk: int) -> FileResponse:
    return _pdf_response(_card_context(pk), "reports/_card.html", "report-card")


@require_GET
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
