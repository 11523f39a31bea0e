"""The national overview for planners and inspectors: every partnership with its latest
activity and what is due, filtered and sorted, as a page and a CSV download."""

from __future__ import annotations

import csv
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe

from areasend.accounts import audit
from areasend.accounts.models import AuditAction
from areasend.caching import cached, kept_page
from areasend.govuk import form_errors
from areasend.inspections.models import history_fingerprint
from areasend.policy import areas_visible_to, can_see_national_overview, require

from .overview import CSV_HEADER, OverviewFilterForm, csv_row, overview_rows


@login_required
def overview(request: HttpRequest) -> HttpResponse:
    require(can_see_national_overview(request.user), "Only inspectorate staff can see the national overview")
    # Filters are only validated when given: with none, the shared form and table say it all.
    form = OverviewFilterForm(request.GET) if request.GET else None
    as_at = timezone.localdate()
    areas = areas_visible_to(request.user)
    if form is not None and not form.is_valid():
        table = _table(overview_rows(areas, {}, as_at), {}, "name", "asc")
        errors = form_errors(form, with_label=True)
        context = {"form": form, "table": mark_safe(table), "errors": errors, "as_at": as_at}
        return render(request, "planning/overview.html", context, status=400)
    data = form.cleaned_data if form is not None else {}
    sort, order = data.get("sort") or "name", data.get("order") or "asc"

    def build_table() -> str:
        return _table(overview_rows(areas, data, as_at), data, sort, order)

    # Every staff role sees all 153 areas, so the table is the same for all of them: it is built
    # once per filter set, day and state of the history (areasend.caching).
    def build_filters() -> str:
        # From the cleaned data only (never the raw query), so the shared copy shows what was applied.
        return render_to_string("planning/_overview_filters.html", {"form": OverviewFilterForm(initial=data)})

    key = ("overview", history_fingerprint(), as_at, tuple(sorted((k, v) for k, v in data.items() if v)))
    return kept_page(request, key, "planning/overview.html", lambda: {
        "as_at": as_at, "table": mark_safe(cached(key, build_table)),
        "filters": mark_safe(cached(("overview-filters", *key[2:]), build_filters)),
    })


def _table(rows: list[Any], data: dict[str, Any], sort: str, order: str) -> str:
    # Each provisional value is tagged in its row and explained once, under the table.
    notes = sorted({row.due.due.engagement.provisional.source.removeprefix("Provisional: ") for row in rows
                    if row.due.due.engagement.due_by and row.due.due.engagement.provisional})
    return render_to_string("planning/_overview_table.html", {
        "rows": rows, "query": _query(data).urlencode(), "sort": sort, "order": order,
        "sort_links": _sort_links(data, sort, order), "provisional_notes": notes,
    })


def _query(data: dict[str, Any]) -> QueryDict:
    """The filters as a query string, from the form's cleaned data only: the table is cached and
    shared, so a parameter the form does not know must never reach another user's links."""
    query = QueryDict(mutable=True)
    for name, value in data.items():
        if value not in (None, ""):
            query[name] = str(value)
    return query


def _sort_links(data: dict[str, Any], sort: str, order: str) -> dict[str, str]:
    """Each column header links to the same filters sorted by it; the current one flips order."""
    links = {}
    for key in ("name", "region", "last", "result", "next", "due"):
        query = _query(data)
        query["sort"] = key
        query["order"] = "desc" if key == sort and order == "asc" else "asc"
        links[key] = query.urlencode()
    return links


@login_required
def overview_csv(request: HttpRequest) -> HttpResponse:
    require(can_see_national_overview(request.user), "Only inspectorate staff can see the national overview")
    form = OverviewFilterForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        return render(request, "planning/overview.html", {
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
