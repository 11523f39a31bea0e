"""The DfE's published SEN2 figures per local authority, set beside a return's indicators so that
inspectors see whether the return agrees with national statistics. Source: `research-data/send_stats/`
(DfE "Education, health and care plans", reporting year 2025; OGL). Suppressed or missing cells
("x", "c", "z", ...) are stored as unknown."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction

from .models import PublishedFigure

SOURCE = "DfE SEN2, Education, health and care plans (2025)"


@dataclass(frozen=True)
class Measure:
    """Which file and columns give an indicator's published numerator and denominator."""

    key: str
    file: str
    numerator: str
    denominator: tuple[str, ...]  # summed


MEASURES = (
    Measure("final_plan_within_20_weeks", "ehcp_timeliness_20wk_2019_2024.csv", "plans_issued_20_weeks_ex",
            ("plans_issued_den_ex",)),
    Measure("decision_within_6_weeks", "ehcp_requests_2019_2024.csv", "request_outcome_six_weeks",
            ("request_outcome_six_weeks", "request_outcome_over_6_weeks")),
    Measure("elective_home_education", "ehcp_caseload_jan2019_jan2025.csv", "elective_home_education",
            ("ehcplans",)),
)


def _number(text: str | None) -> int | None:
    try:
        return int(str(text).replace(",", ""))
    except ValueError:
        return None


def _year(period: str) -> int:
    """2024 for a calendar year; 2025 for the caseload "202425" (January 2025)."""
    return int(period[-4:]) if len(period) == 6 else int(period)


def _rows(folder: Path, measure: Measure) -> Iterator[dict[str, Any]]:
    with (folder / measure.file).open(newline="", encoding="utf-8-sig") as handle:
        for row in csv.DictReader(handle):
            if row.get("geographic_level") != "Local authority" or not row.get("new_la_code"):
                continue
            parts = [_number(row.get(c)) for c in measure.denominator]
            denominator = None if any(p is None for p in parts) else sum(p for p in parts if p is not None)
            numerator = _number(row.get(measure.numerator))
            percent = round(100 * numerator / denominator, 1) if numerator is not None and denominator else None
            yield {"area_code": row["new_la_code"], "year": _year(row["time_period"]), "measure": measure.key,
                   "numerator": numerator, "denominator": denominator, "percent": percent}


@transaction.atomic
def import_folder(folder: Path) -> tuple[int, int]:
    """Load every measure; idempotent (a second run changes nothing). Returns (created, updated)."""
    created = updated = 0
    for measure in MEASURES:
        for row in _rows(folder, measure):
            keys = {k: row.pop(k) for k in ("area_code", "year", "measure")}
            _, made = PublishedFigure.objects.update_or_create(**keys, defaults={**row, "source": SOURCE})
            created, updated = created + made, updated + (not made)
    return created, updated


def beside(area_code: str, year: int) -> dict[str, PublishedFigure]:
    """For each measure, the area's latest published figure for `year` or before."""
    figures = PublishedFigure.objects.filter(area_code=area_code, year__lte=year).order_by("measure", "-year")
    out: dict[str, PublishedFigure] = {}
    for figure in figures:
        out.setdefault(figure.measure, figure)
    return out
