"""The public statistics page, its charts and its CSV download. Open to everyone, signed in or
not: national counts only, the same figures `areasend stats` prints."""

from __future__ import annotations

import csv
from typing import Any

from csp.decorators import csp
from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.safestring import mark_safe
from django.views.decorators.gzip import gzip_page
from django.views.decorators.http import require_safe

from areasend.caching import cached, kept_page
from areasend.exports import csv_safe
from areasend.framework.outcomes import Outcome, RevisitProgress
from areasend.govuk import form_errors
from areasend.inspections.models import history_fingerprint

from . import charts
from .stats import by_region, by_year_2023, counts

FRAMEWORKS = ("2023", "2016")
FRAMEWORK_NAMES = {"2023": "2023 framework (from 2023)", "2016": "2016 framework (2016 to 2022)"}
REVISIT_WORDS = {
    RevisitProgress.ALL: "Revisits finding progress on all weaknesses",
    RevisitProgress.SOME: "Revisits finding progress on some weaknesses",
    RevisitProgress.NONE: "Revisits finding progress on none of the weaknesses",
}
CSV_HEADER = [
    "framework", "year", "start_dates_estimated", "inspections", "outcome_1", "outcome_2",
    "outcome_3", "wsoa_required", "revisits", "revisit_progress_all", "revisit_progress_some",
    "revisit_progress_none",
]
# The SVG carries matplotlib's <style> element and style attributes: its own narrow policy lets
# those through and nothing else (no scripts, no fetches, no framing).
SVG_POLICY = {"default-src": ["'none'"], "style-src": ["'unsafe-inline'"],
              "frame-ancestors": ["'none'"]}


class StatisticsFilterForm(forms.Form):
    framework = forms.ChoiceField(
        required=False, label="Show figures for",
        choices=[("", "Both frameworks"), *FRAMEWORK_NAMES.items()],
        error_messages={"invalid_choice": "Framework must be 2016 or 2023, or leave it out to "
                                          "see both frameworks"},
    )


def _chosen_framework(request: HttpRequest) -> tuple[StatisticsFilterForm, str | None, list[dict[str, str]]]:
    """The framework filter, or the errors in the shape base.html's error summary expects."""
    form = StatisticsFilterForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        return form, None, form_errors(form) or [{"field": "", "message": "The filter could not be read"}]
    return form, (form.cleaned_data.get("framework") or None) if form.is_bound else None, []


def _percent(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)}%" if whole else ""


def headline(framework: str, figures: dict[str, Any]) -> list[dict[str, Any]]:
    """The summary rows of one framework, each value taken from `counts()` by its key path."""
    if framework == "2023":
        n = figures["inspections"]
        return [{"key": "2023.inspections", "label": "Full inspections", "value": n}] + [
            {"key": f"2023.outcomes.{o.value}", "label": charts.OUTCOME_NAMES[o],
             "value": figures["outcomes"][str(o.value)], "share": _percent(figures["outcomes"][str(o.value)], n)}
            for o in Outcome
        ]
    n, revisits = figures["inspections"], figures["revisits"]
    return [
        {"key": "2016.inspections", "label": "Inspections", "value": n},
        {"key": "2016.wsoa", "label": "Written statement of action required", "value": figures["wsoa"],
         "share": _percent(figures["wsoa"], n)},
        {"key": "2016.revisits", "label": "Revisits", "value": revisits},
    ] + [
        {"key": f"2016.revisit_progress.{p.value}", "label": REVISIT_WORDS[p],
         "value": figures["revisit_progress"][p.value],
         "share": _percent(figures["revisit_progress"][p.value], revisits)}
        for p in RevisitProgress
    ]


def statistics_context(framework: str | None) -> dict[str, Any]:
    figures = counts(framework, None, None)
    by_framework = {framework: figures} if framework else figures
    year = timezone.localdate().year
    sections = []
    for fw in FRAMEWORKS:
        if fw not in by_framework:
            continue
        if fw == "2023":
            panels = [charts.panel_2023_by_year(by_year_2023(), year),
                      charts.panel_2023_by_region(by_region("2023"))]
        else:
            panels = [charts.panel_2016_by_year(charts.years_2016_with_estimates(), year),
                      charts.panel_2016_by_region(by_region("2016"))]
        sections.append({"framework": fw, "name": FRAMEWORK_NAMES[fw],
                         "headline": headline(fw, by_framework[fw]), "panels": panels})
    return {"figures": figures, "framework": framework, "sections": sections,
            "outcomes": list(Outcome), "current_year": year}


@require_safe
def statistics(request: HttpRequest) -> HttpResponse:
    form, framework, errors = _chosen_framework(request)
    return statistics_page(request, form, framework, errors)


def statistics_page(request: HttpRequest, form: Any, framework: str | None,
                    errors: list[dict[str, str]]) -> HttpResponse:
    # The figures change only when the history does, and the page body is the same for everyone:
    # both are built once per state of the history, framework and year (areasend.caching).
    key = (history_fingerprint(), framework, timezone.localdate().year)

    def page() -> dict[str, Any]:  # only read when the page is built, not when it is kept
        context = {"form": form, "errors": errors,
                   **cached(("statistics-context", *key), lambda: statistics_context(framework))}

        def body() -> str:
            return render_to_string("insights/_statistics_body.html", context)

        return {**context, "body": mark_safe(body() if errors else cached(("statistics-body", *key), body))}

    return kept_page(request, ("statistics-page", *key), "insights/statistics.html", page,
                     status=400 if errors else 200)


def csv_rows(years_2023: list[dict[str, Any]], years_2016: list[dict[str, Any]]) -> list[list[str]]:
    """One row per framework and year; columns that do not apply to a framework are empty."""
    rows = [["2023", r["year"], r["estimated"], r["inspections"], r["outcome_1"], r["outcome_2"],
             r["outcome_3"], "", "", "", "", ""] for r in years_2023]
    rows += [["2016", r["year"], r.get("estimated", 0), r["inspections"], "", "", "", r["wsoa"],
              r["revisits"], r["revisit_all"], r["revisit_some"], r["revisit_none"]] for r in years_2016]
    return [[csv_safe(v) for v in row] for row in rows]


@require_safe
def inspections_by_year_csv(request: HttpRequest) -> HttpResponse:
    form, framework, errors = _chosen_framework(request)
    if errors:
        return statistics_page(request, form, None, errors)
    years_2023 = by_year_2023() if framework in (None, "2023") else []
    years_2016 = charts.years_2016_with_estimates() if framework in (None, "2016") else []
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="area-send-inspections-by-year.csv"'
    writer = csv.writer(response)
    writer.writerow(CSV_HEADER)
    writer.writerows(csv_rows(years_2023, years_2016))
    return response


@require_safe
@gzip_page
@csp(SVG_POLICY)  # type: ignore[arg-type]  # django-csp types views as taking only the request
def chart_svg(request: HttpRequest, name: str) -> HttpResponse:
    build = charts.CHARTS.get(name)
    if build is None:
        raise Http404("No such chart")
    spec = build(timezone.localdate().year)
    etag = f'"{spec.fingerprint}"'
    response = get_conditional_response(request, etag=etag) or HttpResponse(
        charts.render_svg(spec), content_type="image/svg+xml; charset=utf-8")
    response["ETag"] = etag
    patch_cache_control(response, public=True, max_age=300)
    return response
