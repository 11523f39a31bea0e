"""Open data: the published inspection history, the public due list and the national statistics,
as CSV and JSON, each with its data dictionary.

Every dataset is built by the functions the pages use (`stats`, `inspections.due.due_for_area`,
`reports.links`), never from a hand-kept file. Only real, published records: what the demo made
(`synthetic`) and anything still under embargo (no publication date) never reach a download.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.conf import settings
from django.db.models import Prefetch

from areasend.areas.models import LocalAreaPartnership
from areasend.framework.activities import ActivityType
from areasend.inspections.due import AreaDue, due_for_area
from areasend.inspections.models import OUTSIDE_OFFICIAL_STATISTICS, Activity, ActivityQuerySet
from areasend.reports.links import report_path

from . import charts
from .stats import by_year_2023, counts

LICENCE = ("Contains public sector information licensed under the Open Government Licence v3.0.")
LICENCE_URL = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    meaning: str


@dataclass(frozen=True)
class Dataset:
    slug: str
    title: str
    description: str
    columns: tuple[Column, ...]
    rows: Callable[[date], list[dict[str, Any]]]

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]


def published_history() -> ActivityQuerySet:
    """The embargo for open data: real records with a publication date, nothing else."""
    return Activity.objects.real().published()


# --- Inspection history -------------------------------------------------------------------------

HISTORY_COLUMNS = (
    Column("record_key", "text", "Stable identifier of the record; the same in every download"),
    Column("framework", "text", "Inspection framework: 2016 (2016 to 2022) or 2023"),
    Column("kind", "text", "Type of activity, for example full inspection, legacy inspection, revisit, "
                           "monitoring inspection"),
    Column("area_codes", "text", "GSS codes of today's local area partnerships whose history this "
                                 "record belongs to, separated by semicolons"),
    Column("area_names", "text", "Names of those partnerships, separated by semicolons"),
    Column("inspected_code", "text", "GSS code of the area as inspected at the time"),
    Column("inspected_name", "text", "Name of the area as inspected at the time"),
    Column("start_date", "date (YYYY-MM-DD)", "First day of the inspection; empty if unknown"),
    Column("start_date_estimated", "boolean", "true when no start date was published and it was "
                                              "estimated from the publication date"),
    Column("end_date", "date (YYYY-MM-DD)", "Last day on site; empty if not published"),
    Column("publication_date", "date (YYYY-MM-DD)", "Date the report was published"),
    Column("outcome", "integer", "2023 framework full inspections: outcome 1, 2 or 3; else empty"),
    Column("outcome_label", "text", "The outcome in words"),
    Column("wsoa_required", "boolean", "2016 framework inspections: true when a written statement of "
                                       "action was required; else empty"),
    Column("significant_weaknesses", "integer", "2016 framework: number of significant weaknesses"),
    Column("revisit_progress", "text", "2016 framework revisits: progress on all, some or none of the "
                                       "significant weaknesses"),
    Column("monitoring_finding", "text", "Monitoring inspections: effective or ineffective action"),
    Column("report_url", "URL", "The published report: areasend's for inspections run here, else "
                                "Ofsted's"),
    Column("source", "text", "Where the record comes from"),
    Column("in_official_statistics", "boolean", "true when Ofsted's official statistics count this "
                                                "record (the national statistics below use only these)"),
)


def _report_url(activity: Activity) -> str:
    path = report_path(activity)
    return settings.AREASEND_BASE_URL.rstrip("/") + path if path else activity.report_url


def history_row(activity: Activity) -> dict[str, Any]:
    areas = sorted(activity.areas.all(), key=lambda a: a.gss_code)
    return {
        "record_key": activity.source_key, "framework": activity.framework, "kind": activity.kind,
        "area_codes": ";".join(a.gss_code for a in areas), "area_names": ";".join(a.name for a in areas),
        "inspected_code": activity.inspected_code, "inspected_name": activity.inspected_name,
        "start_date": activity.start_date, "start_date_estimated": activity.start_date_estimated,
        "end_date": activity.end_date, "publication_date": activity.publication_date,
        "outcome": activity.outcome, "outcome_label": activity.outcome_enum.label if activity.outcome_enum else "",
        "wsoa_required": activity.wsoa_required, "significant_weaknesses": activity.significant_weaknesses,
        "revisit_progress": activity.revisit_progress, "monitoring_finding": activity.finding,
        "report_url": _report_url(activity), "source": activity.source,
        "in_official_statistics": activity.source not in OUTSIDE_OFFICIAL_STATISTICS,
    }


def history_rows(_today: date) -> list[dict[str, Any]]:
    activities = published_history().prefetch_related("areas").order_by("framework", "start_date", "id")
    return [history_row(a) for a in activities]


# --- The due list's public part -----------------------------------------------------------------

DUE_COLUMNS = (
    Column("area_code", "text", "GSS code of the local area partnership"),
    Column("area_name", "text", "Name of the partnership"),
    Column("last_inspection", "text", "Type of the latest published inspection; empty if none"),
    Column("last_inspection_date", "date (YYYY-MM-DD)", "Start date of that inspection"),
    Column("last_outcome", "text", "Its result: 1 to 3, WSoA, no WSoA, or the revisit's progress"),
    Column("next_activity", "text", "The next inspection the framework's rules make due"),
    Column("due_by", "date (YYYY-MM-DD)", "The latest date the rules allow for it (not a planned date)"),
    Column("overdue", "boolean", "true when that date has passed"),
    Column("full_inspection_due_by", "date (YYYY-MM-DD)", "When the next full inspection is due"),
    Column("monitoring_inspection_due_by", "date (YYYY-MM-DD)",
           "When a monitoring inspection is due (outcome 3 only); else empty"),
    Column("rule", "text", "Which rule of the framework set due_by"),
    Column("reason", "text", "The rule in words"),
)


def due_row(row: AreaDue) -> dict[str, Any]:
    """What the area page shows anyone: dates from the rules, never the national programme's plans."""
    data = row.as_dict()
    pending = {p.activity.value: p.due_by for p in row.due.pending}
    return {
        "area_code": data["area_code"], "area_name": data["area_name"],
        "last_inspection": data["last_activity"] or "", "last_inspection_date": data["last_activity_date"],
        "last_outcome": data["last_outcome"] or "", "next_activity": data["next_activity"],
        "due_by": data["due_by"], "overdue": data["overdue"],
        "full_inspection_due_by": pending.get(ActivityType.FULL_INSPECTION.value),
        "monitoring_inspection_due_by": pending.get(ActivityType.MONITORING_INSPECTION.value),
        "rule": data["rule"], "reason": data["reason"],
    }


def due_rows(today: date) -> list[dict[str, Any]]:
    """The due list from published history only, as the area page computes it for the public."""
    history = published_history().order_by("start_date", "id")
    areas = LocalAreaPartnership.objects.order_by("gss_code").prefetch_related(
        Prefetch("activities", queryset=history))
    return [due_row(due_for_area(area, today, list(area.activities.all()))) for area in areas]


# --- National statistics ------------------------------------------------------------------------

STATISTICS_COLUMNS = (
    Column("framework", "text", "2016 or 2023"),
    Column("measure", "text", "Stable name of the figure, as on the statistics page"),
    Column("label", "text", "The figure in words"),
    Column("value", "integer", "The number, counted over real records in Ofsted's official statistics"),
)

BY_YEAR_COLUMNS = (
    Column("framework", "text", "2016 or 2023"),
    Column("year", "integer", "Calendar year the inspections started"),
    Column("start_dates_estimated", "integer", "How many of them had a start date estimated from the "
                                               "publication date"),
    Column("inspections", "integer", "Full inspections (2023) or inspections (2016) started that year"),
    Column("outcome_1", "integer", "2023 framework: outcome 1 (positive experiences and outcomes)"),
    Column("outcome_2", "integer", "2023 framework: outcome 2 (inconsistent experiences and outcomes)"),
    Column("outcome_3", "integer", "2023 framework: outcome 3 (widespread and/or systemic failings)"),
    Column("wsoa_required", "integer", "2016 framework: inspections requiring a written statement of action"),
    Column("revisits", "integer", "2016 framework: revisits started that year"),
    Column("revisit_progress_all", "integer", "2016 framework: revisits finding progress on all weaknesses"),
    Column("revisit_progress_some", "integer", "2016 framework: revisits finding progress on some"),
    Column("revisit_progress_none", "integer", "2016 framework: revisits finding progress on none"),
)


def statistics_rows(_today: date) -> list[dict[str, Any]]:
    """The summary figures of the statistics page (its `headline`), one row per figure."""
    from .views import FRAMEWORKS, headline

    figures = counts(None, None, None)
    return [{"framework": fw, "measure": item["key"], "label": item["label"], "value": item["value"]}
            for fw in FRAMEWORKS for item in headline(fw, figures[fw])]


def by_year_rows(_today: date) -> list[dict[str, Any]]:
    rows = [{"framework": "2023", "year": r["year"], "start_dates_estimated": r["estimated"],
             "inspections": r["inspections"], "outcome_1": r["outcome_1"], "outcome_2": r["outcome_2"],
             "outcome_3": r["outcome_3"]} for r in by_year_2023()]
    rows += [{"framework": "2016", "year": r["year"], "start_dates_estimated": r.get("estimated", 0),
              "inspections": r["inspections"], "wsoa_required": r["wsoa"], "revisits": r["revisits"],
              "revisit_progress_all": r["revisit_all"], "revisit_progress_some": r["revisit_some"],
              "revisit_progress_none": r["revisit_none"]} for r in charts.years_2016_with_estimates()]
    return rows


DATASETS: dict[str, Dataset] = {d.slug: d for d in (
    Dataset("inspection-history", "Inspection history of every area",
            "Every published area SEND inspection, revisit and monitoring inspection under the 2016 "
            "and 2023 frameworks, one row per record.", HISTORY_COLUMNS, history_rows),
    Dataset("due-list", "What is due next for every area",
            "For each of today's partnerships, the next inspection the framework's rules make due, "
            "computed from the published history. These are the latest dates the rules allow, not "
            "planned dates: inspections are not announced in advance.", DUE_COLUMNS, due_rows),
    Dataset("national-statistics", "National statistics: summary",
            "The summary figures of the statistics page for each framework.", STATISTICS_COLUMNS,
            statistics_rows),
    Dataset("statistics-by-year", "National statistics by year",
            "The statistics page's figures for each year, by the date inspections started.",
            BY_YEAR_COLUMNS, by_year_rows),
)}


def cell(value: Any) -> Any:
    """A value as JSON carries it: dates in ISO form, everything else as it is."""
    return value.isoformat() if isinstance(value, date) else value


def csv_cell(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(cell(value))


def table(dataset: Dataset, today: date) -> list[dict[str, Any]]:
    """Every row with every column of the dictionary, in its order (missing cells are empty)."""
    return [{name: cell(row.get(name)) for name in dataset.names} for row in dataset.rows(today)]
