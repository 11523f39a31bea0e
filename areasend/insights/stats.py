"""National counts over inspection history: the figures `areasend stats` prints and the
statistics page and API show. One place computes them.

Every count is over real records that Ofsted's official statistics cover (`_history`): the
demo's synthetic records are left out unless include_demo is asked for, and ADCS's extra legacy
rows (Dorset, Northamptonshire) complete the area pages but never the counts."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Count, Q
from django.db.models.functions import ExtractYear

from areasend.framework.activities import ActivityType, Framework
from areasend.framework.outcomes import Outcome, RevisitProgress
from areasend.inspections.models import Activity, ActivityQuerySet


def _history(include_demo: bool = False) -> ActivityQuerySet:
    return Activity.objects.counted(include_demo).in_official_statistics()


def counts_2023(start: date | None = None, end: date | None = None, include_demo: bool = False) -> dict[str, Any]:
    """Full inspections under the 2023 framework whose start date falls in the range."""
    qs = _history(include_demo).of_framework(Framework.F2023).of_kind(ActivityType.FULL_INSPECTION)
    qs = qs.started_between(start, end)
    totals = qs.aggregate(
        inspections=Count("id"),
        **{f"o{o.value}": Count("id", filter=Q(outcome=o.value)) for o in Outcome},
    )
    return {
        "inspections": totals["inspections"],
        "outcomes": {str(o.value): totals[f"o{o.value}"] for o in Outcome},
    }


def counts_2016(start: date | None = None, end: date | None = None, include_demo: bool = False) -> dict[str, Any]:
    """Inspections under the 2016 framework by start date; revisits by revisit start date."""
    legacy = _history(include_demo).of_framework(Framework.F2016)
    inspections = legacy.of_kind(ActivityType.LEGACY_INSPECTION).started_between(start, end)
    revisits = legacy.of_kind(ActivityType.REVISIT).started_between(start, end)
    i = inspections.aggregate(n=Count("id"), wsoa=Count("id", filter=Q(wsoa_required=True)))
    r = revisits.aggregate(
        n=Count("id"),
        **{p.value: Count("id", filter=Q(revisit_progress=p.value)) for p in RevisitProgress},
    )
    return {
        "inspections": i["n"],
        "wsoa": i["wsoa"],
        "revisits": r["n"],
        "revisit_progress": {p.value: r[p.value] for p in RevisitProgress},
    }


def counts(framework: str | None, start: date | None, end: date | None,
           include_demo: bool = False) -> dict[str, Any]:
    if framework == Framework.F2023:
        return counts_2023(start, end, include_demo)
    if framework == Framework.F2016:
        return counts_2016(start, end, include_demo)
    return {"2016": counts_2016(start, end, include_demo), "2023": counts_2023(start, end, include_demo)}


def by_year_2023() -> list[dict[str, Any]]:
    """Per calendar year of start: full inspections and outcomes."""
    rows = (
        _history().of_framework(Framework.F2023).of_kind(ActivityType.FULL_INSPECTION)
        .exclude(start_date=None)
        .annotate(year=ExtractYear("start_date")).values("year")
        .annotate(
            inspections=Count("id"),
            **{f"outcome_{o.value}": Count("id", filter=Q(outcome=o.value)) for o in Outcome},
            estimated=Count("id", filter=Q(start_date_estimated=True)),
        ).order_by("year")
    )
    return list(rows)


def by_year_2016() -> list[dict[str, Any]]:
    """Per calendar year of start: 2016-framework inspections with WSoA, and revisits."""
    legacy = _history().of_framework(Framework.F2016).exclude(start_date=None)
    years = (
        legacy.annotate(year=ExtractYear("start_date")).values("year")
        .annotate(
            inspections=Count("id", filter=Q(kind=ActivityType.LEGACY_INSPECTION)),
            wsoa=Count("id", filter=Q(kind=ActivityType.LEGACY_INSPECTION, wsoa_required=True)),
            revisits=Count("id", filter=Q(kind=ActivityType.REVISIT)),
            **{f"revisit_{p.value}": Count("id", filter=Q(kind=ActivityType.REVISIT, revisit_progress=p.value))
               for p in RevisitProgress},
        ).order_by("year")
    )
    return list(years)


def by_region(framework: str) -> list[dict[str, Any]]:
    """Per region of today's partnerships (an activity of Cumbria counts for its successors'
    region, which is the same)."""
    kind = ActivityType.FULL_INSPECTION if framework == Framework.F2023 else ActivityType.LEGACY_INSPECTION
    qs = _history().of_framework(framework).of_kind(kind)
    annotations: dict[str, Any] = {"inspections": Count("id", distinct=True)}
    if framework == Framework.F2023:
        annotations.update({f"outcome_{o.value}": Count("id", filter=Q(outcome=o.value), distinct=True)
                            for o in Outcome})
    else:
        annotations["wsoa"] = Count("id", filter=Q(wsoa_required=True), distinct=True)
    rows = qs.values("areas__region_name").annotate(**annotations).order_by("areas__region_name")
    return [{"region": r.pop("areas__region_name"), **r} for r in rows]


def estimated_starts_by_year(framework: str) -> dict[int, int]:
    """Per calendar year of start: how many activities of the framework have a start date that was
    estimated from the publication date (the published report gave none)."""
    rows = (
        _history().of_framework(framework).filter(start_date_estimated=True)
        .exclude(start_date=None)
        .annotate(year=ExtractYear("start_date")).values("year")
        .annotate(n=Count("id")).order_by("year")
    )
    return {r["year"]: r["n"] for r in rows}
