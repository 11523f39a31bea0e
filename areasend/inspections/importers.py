"""Importers for the published inspection history of both frameworks.

Each reads one public file format, checks every row, and loads each good row in its own
transaction; a bad row is reported with its line number and reason and never half-written.
A second run over the same file changes nothing."""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from django.db import transaction

from areasend.areas.models import LocalAreaPartnership, PredecessorCode
from areasend.framework.activities import ActivityType, Framework
from areasend.framework.followup import estimate_start_from_publication
from areasend.framework.outcomes import MonitoringFinding, Outcome, RevisitProgress, outcome_from_text
from areasend.framework.versions import version_in_force

from .models import Activity, Source


class ImportFileError(Exception):
    """The file as a whole cannot be read: missing, wrong shape. Nothing is imported."""


class RowError(Exception):
    """One row is bad; the message says which field and why."""


@dataclass
class RowProblem:
    line: int
    reason: str

    def __str__(self) -> str:
        return f"row {self.line}: {self.reason}"


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0
    problems: list[RowProblem] = field(default_factory=list)

    def count(self, outcome: str) -> None:
        setattr(self, outcome, getattr(self, outcome) + 1)

    @property
    def summary(self) -> str:
        skipped = f", {self.skipped} skipped" if self.skipped else ""
        return (
            f"{self.created} created, {self.updated} updated, {self.unchanged} unchanged{skipped}, "
            f"{len(self.problems)} rows rejected"
        )


REQUIRED_2016 = (
    "new_la_code", "successor_la_codes_2023", "area_name", "inspection_start_date",
    "inspection_publication_date", "wsoa_required", "wsoa_significant_weaknesses",
    "revisit_start_date", "revisit_publication_date", "revisit_sufficient_progress",
    "revisit_weaknesses_progress_made", "revisit_weaknesses_progress_not_made", "ofsted_la_webpage",
)
REQUIRED_2023 = (
    "new_la_code", "la_name", "inspection_start_date", "inspection_end_date", "publication_date",
    "outcome_code", "report_url",
)


def read_rows(path: Path, required: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield (line number, row). The header is line 1, so the first data row is line 2."""
    if not path.is_file():
        raise ImportFileError(f"{path}: no such file")
    try:
        handle = path.open(encoding="utf-8-sig", newline="")
    except OSError as exc:
        raise ImportFileError(f"{path}: cannot be read ({exc.strerror})") from exc
    with handle:
        reader = csv.DictReader(handle)
        header = reader.fieldnames or []
        missing = [col for col in required if col not in header]
        if missing:
            raise ImportFileError(f"{path}: missing column(s) {', '.join(missing)}")
        try:
            rows = list(reader)
        except (csv.Error, UnicodeDecodeError) as exc:
            raise ImportFileError(f"{path}: not a readable CSV file ({exc})") from exc
    for index, row in enumerate(rows, start=2):
        yield index, {k: (v or "").strip() for k, v in row.items() if k}


def parse_date(row: dict[str, str], column: str, required: bool = False) -> date | None:
    value = row.get(column, "")
    if not value:
        if required:
            raise RowError(f"{column} is empty")
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise RowError(f"{column} '{value}' is not a valid date (YYYY-MM-DD)") from None


def parse_count(row: dict[str, str], column: str) -> int | None:
    value = row.get(column, "")
    if not value:
        return None
    try:
        number = int(float(value))
    except ValueError:
        raise RowError(f"{column} '{value}' is not a number") from None
    if number < 0:
        raise RowError(f"{column} '{value}' is negative")
    return number


def resolve_areas(row: dict[str, str], *columns: str) -> list[LocalAreaPartnership]:
    """Today's partnership(s) for the row's codes, mapping predecessor codes to successors."""
    codes = [c.strip() for col in columns for c in row.get(col, "").split(";") if c.strip()]
    if not codes:
        raise RowError(f"{columns[0]} is empty")
    areas: dict[int, LocalAreaPartnership] = {}
    for code in codes:
        found = list(LocalAreaPartnership.objects.for_code(code))
        if not found:
            raise RowError(f"unknown area code '{code}'")
        areas.update({a.pk: a for a in found})
    return list(areas.values())


def upsert_activity(key: str, fields: dict[str, Any], areas: list[LocalAreaPartnership]) -> tuple[Activity, str]:
    """Create or update one activity by its stable key; says what happened."""
    activity = Activity.objects.filter(source_key=key).first()
    if activity is None:
        activity = Activity.objects.create(source_key=key, **fields)
        activity.areas.set(areas)
        return activity, "created"
    changed = [name for name, value in fields.items() if getattr(activity, name) != value]
    for name in changed:
        setattr(activity, name, fields[name])
    if changed:
        activity.save(update_fields=changed)
    current = set(activity.areas.values_list("pk", flat=True))
    if current != {a.pk for a in areas}:
        activity.areas.set(areas)
        activity.touch()
        changed.append("areas")
    return activity, "updated" if changed else "unchanged"


def _check_order(first: date | None, first_name: str, later: date | None, later_name: str) -> None:
    if first and later and later < first:
        raise RowError(f"{later_name} {later.isoformat()} is before {first_name} {first.isoformat()}")


def import_2016(row: dict[str, str]) -> list[str]:
    """One area's 2016-framework inspection and, where it happened, its revisit."""
    areas = resolve_areas(row, "successor_la_codes_2023", "new_la_code") if row.get(
        "successor_la_codes_2023") else resolve_areas(row, "new_la_code")
    start = parse_date(row, "inspection_start_date", required=True)
    published = parse_date(row, "inspection_publication_date")
    _check_order(start, "inspection_start_date", published, "inspection_publication_date")
    wsoa_text = row["wsoa_required"].lower()
    if wsoa_text not in {"yes", "no"}:
        raise RowError(f"wsoa_required '{row['wsoa_required']}' is not Yes or No")
    revisit_start = parse_date(row, "revisit_start_date")
    revisit_published = parse_date(row, "revisit_publication_date")
    _check_order(start, "inspection_start_date", revisit_start, "revisit_start_date")
    _check_order(revisit_start, "revisit_start_date", revisit_published, "revisit_publication_date")
    progress = ""
    if row["revisit_sufficient_progress"]:
        try:
            progress = RevisitProgress.from_official(row["revisit_sufficient_progress"]).value
        except ValueError:
            raise RowError(
                f"revisit_sufficient_progress '{row['revisit_sufficient_progress']}' "
                "is not Yes, Some or No"
            ) from None
    code = row["new_la_code"]
    base = {
        "framework": Framework.F2016.value, "inspected_code": code,
        "inspected_name": row["area_name"], "source": Source.OFSTED_2016_2022.value,
        "report_url": row["ofsted_la_webpage"],
    }
    inspection_fields = {
        **base, "kind": ActivityType.LEGACY_INSPECTION.value, "start_date": start,
        "publication_date": published, "wsoa_required": wsoa_text == "yes",
        "significant_weaknesses": parse_count(row, "wsoa_significant_weaknesses"),
    }
    revisit_fields: dict[str, Any] | None = None
    if revisit_start:
        revisit_fields = {
            **base, "kind": ActivityType.REVISIT.value, "start_date": revisit_start,
            "publication_date": revisit_published, "revisit_progress": progress,
            "weaknesses_progress_made": parse_count(row, "revisit_weaknesses_progress_made"),
            "weaknesses_progress_not_made": parse_count(row, "revisit_weaknesses_progress_not_made"),
        }
    with transaction.atomic():
        inspection, outcome = upsert_activity(f"ofsted-2016-2022:{code}:inspection", inspection_fields, areas)
        results = [outcome]
        if revisit_fields:
            revisit_fields["follows"] = inspection
            results.append(upsert_activity(f"ofsted-2016-2022:{code}:revisit", revisit_fields, areas)[1])
    return results


def import_2023(row: dict[str, str]) -> list[str]:
    """One full inspection under the 2023 framework."""
    areas = resolve_areas(row, "new_la_code")
    start = parse_date(row, "inspection_start_date")
    end = parse_date(row, "inspection_end_date")
    published = parse_date(row, "publication_date")
    _check_order(start, "inspection_start_date", end, "inspection_end_date")
    _check_order(start, "inspection_start_date", published, "publication_date")
    outcome = _parse_outcome(row)
    estimated = False
    note = ""
    if start is None:
        if published is None:
            raise RowError("inspection_start_date and publication_date are both empty")
        start = estimate_start_from_publication(published, version_in_force(published))
        estimated = True
        note = "Start date not published; estimated from the publication date."
    key = row["report_url"] or f"area-send-2023:{row['new_la_code']}:{start.isoformat()}"
    fields = {
        "kind": ActivityType.FULL_INSPECTION.value, "framework": Framework.F2023.value,
        "inspected_code": row["new_la_code"], "inspected_name": row["la_name"],
        "start_date": start, "start_date_estimated": estimated, "end_date": end,
        "publication_date": published, "outcome": outcome.value, "report_url": row["report_url"],
        "source": Source.AREA_SEND_2023.value, "note": note,
    }
    with transaction.atomic():
        return [upsert_activity(key, fields, areas)[1]]


def _parse_outcome(row: dict[str, str]) -> Outcome:
    code = row.get("outcome_code", "")
    if code:
        try:
            return Outcome(int(code))
        except ValueError:
            raise RowError(f"outcome_code '{code}' is not 1, 2 or 3") from None
    text = row.get("outcome_text_as_scraped", "")
    if text:
        try:
            return outcome_from_text(text)
        except ValueError:
            pass
    raise RowError("outcome_code is empty and no outcome statement was recognised")


# --- ADCS "SEND outcomes summary": only the areas Ofsted's release leaves out ------------------

REQUIRED_ADCS = ("la", "visit_type", "visit_date", "publication_date", "report_url", "wsoa_column_raw")
# The release's own notes leave out Dorset (January 2017, WSoA, revisit February 2019) and
# Northamptonshire (May 2017, no WSoA) (research-data README). Their codes at the time: both
# councils were later reorganised, and the predecessor table maps them to today's partnerships.
EXCLUDED_FROM_OFSTED_RELEASE = {"dorset": ("E10000009", "Dorset"),
                                "northamptonshire": ("E10000021", "Northamptonshire")}
ADCS_VISITS = {"send": ActivityType.LEGACY_INSPECTION, "re send": ActivityType.REVISIT}


def import_adcs(row: dict[str, str]) -> list[str]:
    """One row of the ADCS summary; rows of areas in Ofsted's release are skipped (theirs wins)."""
    excluded = EXCLUDED_FROM_OFSTED_RELEASE.get(row["la"].strip().lower())
    if excluded is None:
        return ["skipped"]
    code, name = excluded
    kind = ADCS_VISITS.get(row["visit_type"].strip().lower())
    if kind is None:
        raise RowError(f"visit_type '{row['visit_type']}' is not SEND or Re SEND")
    start = parse_date(row, "visit_date", required=True)
    published = parse_date(row, "publication_date")
    _check_order(start, "visit_date", published, "publication_date")
    areas = resolve_areas({"code": code}, "code")
    fields: dict[str, Any] = {
        "kind": kind.value, "framework": Framework.F2016.value, "inspected_code": code,
        "inspected_name": name, "start_date": start, "publication_date": published,
        "report_url": row["report_url"], "source": Source.ADCS_2016_2022.value,
        "note": "Not in Ofsted's official statistics release; from the ADCS SEND outcomes summary.",
    }
    what = "inspection" if kind is ActivityType.LEGACY_INSPECTION else "revisit"
    if kind is ActivityType.LEGACY_INSPECTION:
        fields["wsoa_required"] = _yes_no(row["wsoa_column_raw"], "wsoa_column_raw")
    with transaction.atomic():
        if kind is ActivityType.REVISIT:
            fields["follows"] = Activity.objects.filter(source_key=f"adcs-2016-2022:{code}:inspection").first()
        return [upsert_activity(f"adcs-2016-2022:{code}:{what}", fields, areas)[1]]


def _yes_no(value: str, column: str) -> bool:
    text = value.strip().lower()
    if text not in {"yes", "no"}:
        raise RowError(f"{column} '{value}' is not Yes or No")
    return text == "yes"


# --- Activities recorded outside areasend (DESIGN.md `import_activities`) ----------------------

REQUIRED_ACTIVITIES = ("area_code", "kind", "start_date", "end_date", "publication_date", "result", "url")
KINDS = {t.value: t for t in ActivityType}


def _activity_result(kind: ActivityType, result: str) -> dict[str, Any]:
    """The model fields for a row's result, which must suit its kind."""
    if kind is ActivityType.FULL_INSPECTION:
        if result not in {"1", "2", "3"}:
            raise RowError(f"result '{result}' is not valid for a full inspection: give 1, 2 or 3")
        return {"outcome": int(result)}
    if kind is ActivityType.MONITORING_INSPECTION:
        if result.lower() not in {f.value for f in MonitoringFinding}:
            raise RowError(f"result '{result}' is not valid for a monitoring inspection: give "
                           "'effective action' or 'ineffective action'")
        return {"finding": result.lower()}
    if result:
        raise RowError(f"result '{result}' is not valid for kind '{kind.value}': leave it blank")
    return {}


def _url(value: str) -> str:
    if value and not value.lower().startswith(("https://", "http://")):
        raise RowError(f"url '{value}' is not a web address starting https://")
    if len(value) > 300:
        raise RowError("url is longer than 300 characters")
    return value


def import_activity(row: dict[str, str]) -> list[str]:
    """One activity that happened outside areasend: a monitoring inspection, a meeting, ..."""
    kind = KINDS.get(row["kind"].strip().lower())
    if kind is None:
        raise RowError(f"kind '{row['kind']}' is not one of: {', '.join(KINDS)}")
    code = row["area_code"]
    areas = resolve_areas(row, "area_code")
    start = parse_date(row, "start_date", required=True)
    end, published = parse_date(row, "end_date"), parse_date(row, "publication_date")
    _check_order(start, "start_date", end, "end_date")
    _check_order(end or start, "end_date" if end else "start_date", published, "publication_date")
    assert start is not None  # required above; for the type checker
    fields: dict[str, Any] = {
        "kind": kind.value, "framework": kind.framework.value, "inspected_code": code,
        "inspected_name": _name_for(code, areas), "start_date": start, "end_date": end,
        "publication_date": published, "report_url": _url(row["url"]),
        "source": Source.ACTIVITIES.value, **_activity_result(kind, row["result"]),
    }
    with transaction.atomic():
        return [upsert_activity(f"activities:{code}:{kind.value}:{start.isoformat()}", fields, areas)[1]]


def _name_for(code: str, areas: list[LocalAreaPartnership]) -> str:
    same = [a.name for a in areas if a.gss_code == code]
    if same:
        return same[0]
    old = PredecessorCode.objects.filter(code=code).values_list("name", flat=True).first()
    return old or areas[0].name


SOURCES: dict[str, tuple[tuple[str, ...], Callable[[dict[str, str]], list[str]]]] = {
    Source.OFSTED_2016_2022.value: (REQUIRED_2016, import_2016),
    Source.AREA_SEND_2023.value: (REQUIRED_2023, import_2023),
    Source.ADCS_2016_2022.value: (REQUIRED_ADCS, import_adcs),
}
ACTIVITY_SOURCES: dict[str, tuple[tuple[str, ...], Callable[[dict[str, str]], list[str]]]] = {
    Source.ACTIVITIES.value: (REQUIRED_ACTIVITIES, import_activity),
}


def import_file(source: str, path: Path, sources: dict[str, Any] | None = None) -> ImportReport:
    known = SOURCES if sources is None else sources
    if source not in known:
        raise ImportFileError(
            f"unknown source '{source}'; expected one of: {', '.join(sorted(known))}"
        )
    required, import_row = known[source]
    report = ImportReport()
    for line, row in list(read_rows(path, required)):
        try:
            for outcome in import_row(row):
                report.count(outcome)
        except RowError as exc:
            report.problems.append(RowProblem(line, str(exc)))
    return report
