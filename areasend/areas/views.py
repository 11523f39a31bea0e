"""Pages about partnerships: home, the list, one area, and the national overview."""

from __future__ import annotations

import csv

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe

from areasend.accounts import audit
from areasend.accounts.access import (
    activities_visible_to,
    areas_visible_to,
    can_see_national_overview,
    get_area_for,
)
from areasend.accounts.models import AuditAction
from areasend.caching import history_fingerprint, memoised
from areasend.govuk import form_errors
from areasend.inspections.due import due_for_area, latest_inspection
from areasend.inspections.models import OUTSIDE_OFFICIAL_STATISTICS, Source

from .overview import CSV_HEADER, OverviewFilterForm, csv_row, overview_rows

# Sources whose records the area page names: not Ofsted's own releases or areasend itself.
UNOFFICIAL_SOURCES = sorted({*OUTSIDE_OFFICIAL_STATISTICS, Source.ACTIVITIES})


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "home.html")


def area_list(request: HttpRequest) -> HttpResponse:
    areas = areas_visible_to(request.user).prefetch_related(
        Prefetch("activities", queryset=activities_visible_to(request.user).order_by("start_date", "id"))
    )
    rows = [(area, latest_inspection(list(area.activities.all()))) for area in areas]
    return render(request, "areas/list.html", {"rows": rows})


def area_detail(request: HttpRequest, gss_code: str) -> HttpResponse:
    area = get_area_for(request.user, gss_code)
    activities = list(
        activities_visible_to(request.user).filter(areas=area).order_by("-start_date", "-id")
    )
    due = due_for_area(area, timezone.localdate(), activities)
    return render(request, "areas/detail.html", {
        "area": area,
        "partners": area.partners.all(),
        "predecessors": area.predecessor_codes.all(),
        "activities": activities,
        "due": due,
        "unofficial_sources": UNOFFICIAL_SOURCES,
    })


def _require_overview(request: HttpRequest) -> HttpResponse | None:
    if not request.user.is_authenticated:
        return redirect(f"/accounts/login/?next={request.get_full_path()}")
    if not can_see_national_overview(request.user):
        raise PermissionDenied
    return None


def overview(request: HttpRequest) -> HttpResponse:
    refused = _require_overview(request)
    if refused:
        return refused
    form = OverviewFilterForm(request.GET or None)
    as_at = timezone.localdate()
    areas = areas_visible_to(request.user)
    if form.is_bound and not form.is_valid():
        table = render_to_string("areas/_overview_table.html", {
            "rows": overview_rows(areas, {}, as_at), "sort": "name", "order": "asc",
            "sort_links": _sort_links(request, "name", "asc"),
        })
        errors = form_errors(form, with_label=True)
        context = {"form": form, "table": mark_safe(table), "errors": errors, "as_at": as_at}
        return render(request, "areas/overview.html", context, status=400)
    data = form.cleaned_data if form.is_bound else {}
    sort, order = data.get("sort") or "name", data.get("order") or "asc"

    def build_table() -> str:
        return render_to_string("areas/_overview_table.html", {
            "rows": overview_rows(areas, data, as_at), "query": request.GET.urlencode(),
            "sort": sort, "order": order, "sort_links": _sort_links(request, sort, order),
        })

    # Every staff role sees all 153 areas, so the table is the same for all of them: it is built
    # once per filter set, day and state of the history (areasend.caching).
    key = ("overview", history_fingerprint(), as_at, tuple(sorted((k, v) for k, v in data.items() if v)))
    return render(request, "areas/overview.html", {
        "form": form, "as_at": as_at, "table": mark_safe(memoised(key, build_table)),
    })


def _sort_links(request: HttpRequest, sort: str, order: str) -> dict[str, str]:
    """Each column header links to the same filters sorted by it; the current one flips order."""
    links = {}
    for key in ("name", "region", "last", "result", "next", "due"):
        query = request.GET.copy()
        query["sort"] = key
        query["order"] = "desc" if key == sort and order == "asc" else "asc"
        links[key] = query.urlencode()
    return links


def overview_csv(request: HttpRequest) -> HttpResponse:
    refused = _require_overview(request)
    if refused:
        return refused
    form = OverviewFilterForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        return render(request, "areas/overview.html", {
            "form": form, "table": "", "errors": form_errors(form, with_label=True),
            "as_at": timezone.localdate(),
        }, status=400)
    data = form.cleaned_data if form.is_bound else {}
    rows = overview_rows(areas_visible_to(request.user), data, timezone.localdate())
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="area-send-overview.csv"'
    writer = csv.writer(response)
    writer.writerow(CSV_HEADER)
    writer.writerows(csv_row(r) for r in rows)
    audit.record(request.user, AuditAction.EXPORT, request=request, export="overview-csv",
                 rows=len(rows), filters={k: v for k, v in data.items() if v})
    return response
