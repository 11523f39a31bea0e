"""The project's own reference table of the 153 partnerships and their predecessor codes."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django.db import transaction

from .models import AreaType, LocalAreaPartnership, Partner, PartnerKind, PredecessorCode

DATA_DIR = Path(__file__).resolve().parent / "data"
AREAS_CSV = DATA_DIR / "areas_153.csv"
PREDECESSORS_CSV = DATA_DIR / "predecessors.csv"

_TYPES = {label: value for value, label in AreaType.choices}
_TYPES.update({"Unitary authority": AreaType.UNITARY, "Metropolitan district": AreaType.METROPOLITAN,
               "London borough": AreaType.LONDON, "County": AreaType.COUNTY})


@dataclass(frozen=True)
class AreaRow:
    gss_code: str
    dfe_code: str
    name: str
    area_type: str
    region_code: str
    region_name: str
    ofsted_urn: str
    icbs: tuple[tuple[str, str], ...]


def read_areas(path: Path = AREAS_CSV) -> Iterator[AreaRow]:
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            codes = [c for c in row["icb_codes"].split(";") if c]
            names = [n for n in row["icb_names"].split(";") if n]
            yield AreaRow(
                gss_code=row["gss_code"],
                dfe_code=row["dfe_code"],
                name=row["name"],
                area_type=_TYPES[row["area_type"]],
                region_code=row["region_code"],
                region_name=row["region_name"],
                ofsted_urn=row["ofsted_urn"],
                icbs=tuple(zip(codes, names, strict=True)),
            )


@dataclass
class LoadResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


@transaction.atomic
def load_areas() -> LoadResult:
    """Create or update the 153 areas, their LA and ICB partners and predecessor codes.
    Idempotent: a second run reports every area unchanged."""
    result = LoadResult()
    by_code: dict[str, LocalAreaPartnership] = {}
    for row in read_areas():
        fields = {
            "dfe_code": row.dfe_code, "name": row.name, "area_type": row.area_type,
            "region_code": row.region_code, "region_name": row.region_name,
            "ofsted_urn": row.ofsted_urn,
        }
        area, created = LocalAreaPartnership.objects.get_or_create(
            gss_code=row.gss_code, defaults=fields
        )
        changed = created
        if not created and any(getattr(area, k) != v for k, v in fields.items()):
            for key, value in fields.items():
                setattr(area, key, value)
            changed = True
        changed |= _ensure_partner(area, PartnerKind.LOCAL_AUTHORITY, _la_name(row), "")
        for code, name in row.icbs:
            changed |= _ensure_partner(area, PartnerKind.ICB, name, code)
        if changed and not created:
            area.save()  # its own fields or a partner beside it: either way its row says it changed
        by_code[row.gss_code] = area
        if created:
            result.created += 1
        elif changed:
            result.updated += 1
        else:
            result.unchanged += 1
    _load_predecessors(by_code)
    return result


def _la_name(row: AreaRow) -> str:
    if row.area_type == AreaType.LONDON and row.name != "City of London":
        return f"London Borough of {row.name}"
    return f"{row.name} Council"


def _ensure_partner(area: LocalAreaPartnership, kind: str, name: str, code: str) -> bool:
    _, created = Partner.objects.get_or_create(area=area, kind=kind, name=name, defaults={"code": code})
    return created


def _load_predecessors(by_code: dict[str, LocalAreaPartnership]) -> None:
    with PREDECESSORS_CSV.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            old, _ = PredecessorCode.objects.update_or_create(
                code=row["old_code"],
                defaults={"dfe_code": row["old_dfe_code"], "name": row["old_name"],
                          "ended": date.fromisoformat(row["ended"])},
            )
            old.successors.set([by_code[c] for c in row["successor_codes"].split(";")])
