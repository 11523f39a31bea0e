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

from areasend.areas.models import LocalAreaPartnership
from areasend.framework.activities import ActivityType, Framework
from areasend.framework.followup import estimate_start_from_publication
from areasend.framework.outcomes import Outcome, RevisitProgress, outcome_from_text
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
    problems: list[RowProblem] = field(default_factory=list)

    def count(self, outcome: str) -> None:
        setattr(self, outcome, getattr(self, outcome) + 1)

    @property
    def summary(self) -> str:
        return (
            f"{self.created} created, {self.updated} updated, {self.unchanged} unchanged, "
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
        activity.save(update_fields=[*changed, "updated"])
    current = set(activity.areas.values_list("pk", flat=True))
    if current != {a.pk for a in areas}:
        activity.areas.set(areas)
        activity.save(update_fields=["updated"])
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


SOURCES: dict[str, tuple[tuple[str, ...], Callable[[dict[str, str]], list[str]]]] = {
    Source.OFSTED_2016_2022.value: (REQUIRED_2016, import_2016),
    Source.AREA_SEND_2023.value: (REQUIRED_2023, import_2023),
}


def import_file(source: str, path: Path) -> ImportReport:
    if source not in SOURCES:
        raise ImportFileError(
            f"unknown source '{source}'; expected one of: {', '.join(sorted(SOURCES))}"
        )
    required, import_row = SOURCES[source]
    report = ImportReport()
    for line, row in list(read_rows(path, required)):
        try:
            for outcome in import_row(row):
                report.count(outcome)
        except RowError as exc:
            report.problems.append(RowProblem(line, str(exc)))
    return report
