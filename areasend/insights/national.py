"""National themes and timeliness across published reports (issue 13, item 6).

Timeliness: calendar and working days from the last day on site to publication, for 2023-framework
full inspections, from the imported history (the published reports give both dates) and from the
inspections run in areasend, by year of publication.

Themes: which of the eight recurring themes appear among the areas for priority action and the
areas for improvement of the reports published in areasend, counted once per partnership (its
latest published full inspection). The imported history carries no themes, so it is not counted.
Only real, published records, as everywhere else.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from statistics import median
from typing import Any

from areasend.framework.activities import ActivityType, Framework
from areasend.framework.calendar import working_days_between
from areasend.framework.criteria import Theme
from areasend.framework.outcomes import Outcome
from areasend.inspections.models import Activity, Inspection, RecommendationKind, Source

SOURCES = {"history": "Published reports imported from Ofsted", "areasend": "Inspections run in areasend"}


@dataclass(frozen=True)
class Delay:
    source: str  # a key of SOURCES
    year: int
    days: int
    working_days: int


@dataclass(frozen=True)
class DelaySummary:
    label: str
    inspections: int
    median_days: float
    shortest_days: int
    longest_days: int
    median_working_days: float


def delays() -> list[Delay]:
    """One per real, published 2023-framework full inspection with both dates."""
    activities = (Activity.objects.real().published().of_framework(Framework.F2023)
                  .of_kind(ActivityType.FULL_INSPECTION).exclude(end_date=None))
    return [delay_of(a) for a in activities
            if a.end_date and a.publication_date and a.publication_date >= a.end_date]


def delay_of(activity: Activity) -> Delay:
    end, published = activity.end_date, activity.publication_date
    assert end is not None and published is not None
    return Delay("areasend" if activity.source == Source.AREASEND else "history", published.year,
                 (published - end).days, working_days_between(end, published))


def summarise(label: str, group: list[Delay]) -> DelaySummary:
    days = [d.days for d in group]
    return DelaySummary(label, len(group), median(days), min(days), max(days),
                        median(d.working_days for d in group))


def timeliness() -> dict[str, Any]:
    """For each source: the summary over all years, then one per year of publication."""
    by_source: dict[str, list[Delay]] = defaultdict(list)
    for delay in delays():
        by_source[delay.source].append(delay)
    result = {}
    for key, label in SOURCES.items():
        group = by_source.get(key, [])
        years = sorted({d.year for d in group})
        result[key] = {
            "label": label,
            "overall": summarise("All years", group) if group else None,
            "years": [summarise(str(y), [d for d in group if d.year == y]) for y in years],
        }
    return result


# --- Themes -------------------------------------------------------------------------------------

def latest_reports() -> list[Inspection]:
    """Each partnership's latest real, published full inspection run in areasend."""
    published = (Inspection.objects.published().filter(kind=ActivityType.FULL_INSPECTION, synthetic=False)
                 .select_related("area")
                 .prefetch_related("recommendations").order_by("area_id", "-published_on", "-pk"))
    latest: dict[int, Inspection] = {}
    for inspection in published:
        latest.setdefault(inspection.area_id, inspection)
    return list(latest.values())


def themes_of(inspection: Inspection, kind: str | None = None) -> set[str]:
    return {t for r in inspection.recommendations.all() if kind is None or r.kind == kind for t in r.themes}


@dataclass(frozen=True)
class ThemeRow:
    theme: Theme
    priority_action: int
    improvement: int
    any: int
    by_outcome: list[int]
    by_region: list[int]


def theme_table() -> dict[str, Any]:
    reports = latest_reports()
    regions = sorted({r.area.region_name for r in reports})
    rows = []
    for theme in Theme:
        with_theme = [r for r in reports if theme.value in themes_of(r)]
        rows.append(ThemeRow(
            theme,
            priority_action=sum(theme.value in themes_of(r, RecommendationKind.PRIORITY_ACTION) for r in reports),
            improvement=sum(theme.value in themes_of(r, RecommendationKind.IMPROVEMENT) for r in reports),
            any=len(with_theme),
            by_outcome=[sum(r.outcome == o.value for r in with_theme) for o in Outcome],
            by_region=[sum(r.area.region_name == region for r in with_theme) for region in regions],
        ))
    outcomes = [sum(r.outcome == o.value for r in reports) for o in Outcome]
    return {"partnerships": len(reports), "rows": rows, "regions": regions, "outcome_totals": outcomes,
            "region_totals": [sum(r.area.region_name == g for r in reports) for g in regions]}


def delay_chart_rows() -> list[DelaySummary]:
    """The imported history's years (the chart's bars); areasend's own are in their table."""
    return list(timeliness()["history"]["years"])


def describe_delays(years: list[DelaySummary]) -> str:
    if not years:
        return "No published 2023-framework reports with both dates have been recorded yet."
    each = ", ".join(f"{y.median_days:g} days in {y.label}" for y in years)
    return ("Bar chart of the median number of days from the last day on site to publication of "
            f"full inspection reports under the 2023 framework, by year of publication: {each}.")
