"""Legacy follow-up and support-and-challenge records from the public record (spec §6.2, §10):
WSoA submission and acceptance, accelerated progress plans, interim visits, improvement notices,
statutory directions, stocktakes, NHS England interventions. A CSV with the header
area_code,kind,date,source,url,note; idempotent; each bad row reported and never half-written."""

from __future__ import annotations

from pathlib import Path

from django.db import transaction

from areasend.inspections.importers import ImportReport, RowError, RowProblem, parse_date, read_rows, resolve_areas

from .models import LegacyFollowUp, LegacyKind

REQUIRED = ("area_code", "kind", "date", "source", "url", "note")


def _kind(value: str) -> LegacyKind:
    try:
        return LegacyKind(value)
    except ValueError:
        raise RowError(f"kind '{value}' is not one of: {', '.join(k.value for k in LegacyKind)}") from None


def _load(row: dict[str, str], report: ImportReport) -> None:
    kind, on = _kind(row["kind"]), parse_date(row, "date", required=True)
    if not row["source"]:
        raise RowError("source is empty")
    if row["url"] and not row["url"].startswith(("https://", "http://")):
        raise RowError(f"url '{row['url'][:60]}' is not a web address")
    fields = {"source": row["source"][:200], "url": row["url"][:300], "note": row["note"][:500]}
    for area in resolve_areas(row, "area_code"):
        record, created = LegacyFollowUp.objects.get_or_create(area=area, kind=kind, on=on, defaults=fields)
        if created:
            report.count("created")
        elif any(getattr(record, k) != v for k, v in fields.items()):
            for key, value in fields.items():
                setattr(record, key, value)
            record.save()  # stamped, so the area's kept pages see the corrected record at once
            report.count("updated")
        else:
            report.count("unchanged")


def import_follow_ups(path: Path) -> ImportReport:
    report = ImportReport()
    for line, row in read_rows(path, REQUIRED):
        try:
            with transaction.atomic():
                _load(row, report)
        except RowError as exc:
            report.problems.append(RowProblem(line, str(exc)))
    return report
