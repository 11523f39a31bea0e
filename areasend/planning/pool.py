"""Creating pool records: the synthetic generator's members (demo, benchmark) and CSV rows."""

from __future__ import annotations

import csv
import random
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django.db import transaction

from areasend.accounts.models import Role, User
from areasend.areas.models import LocalAreaPartnership

from .models import ConflictOfInterest, Inspector, Leave, PoolRemit, PoolRole, Training, expiry_for
from .synthetic import PoolMember, generate_pool

SYNTHETIC_PREFIX = "pool-"
CONFLICT_SHARE = 0.05  # about one inspector in twenty has declared an interest in one area


def regions() -> dict[str, str]:
    return dict(LocalAreaPartnership.objects.values_list("region_code", "region_name").distinct())


def _clear_synthetic() -> None:
    old = User.objects.filter(username__startswith=SYNTHETIC_PREFIX, pool_profile__synthetic=True)
    old.filter(team_places__isnull=True).delete()
    Inspector.objects.filter(synthetic=True).update(active=False)


def _save_member(index: int, seed: int, member: PoolMember, region_names: dict[str, str]) -> Inspector:
    user = User.objects.create(
        username=f"{SYNTHETIC_PREFIX}{seed}-{index}", first_name=member.first_name, last_name=member.last_name,
        email=f"{SYNTHETIC_PREFIX}{seed}-{index}@example.org", role=Role.INSPECTOR, inspectorate=member.organisation,
    )
    user.set_unusable_password()
    user.save(update_fields=["password"])
    inspector = Inspector.objects.create(
        user=user, organisation=member.organisation, role=member.role, remit=member.remit,
        home_region_code=member.region, home_region_name=region_names.get(member.region, member.region),
        national_pool=member.national_pool, send_experience=member.send_experience,
        ap_experience=member.ap_experience, max_activities_per_year=member.max_activities_per_year, synthetic=True,
    )
    Training.objects.bulk_create(
        Training(inspector=inspector, completed_on=f, expires_on=u) for f, u in member.training)
    Leave.objects.bulk_create(Leave(inspector=inspector, first_day=f, last_day=u) for f, u in member.leave)
    return inspector


@transaction.atomic
def create_synthetic_pool(size: int, seed: int, start: date) -> list[Inspector]:
    """A fresh synthetic pool of `size` (the previous synthetic pool is replaced)."""
    _clear_synthetic()
    region_names = regions()
    codes = sorted(region_names) or ["E12000007"]
    members = generate_pool(size, codes, start, seed)
    inspectors = [_save_member(n, seed, m, region_names) for n, m in enumerate(members, 1)]
    rng = random.Random(seed)
    areas = list(LocalAreaPartnership.objects.order_by("gss_code"))
    for inspector in inspectors:
        if areas and rng.random() < CONFLICT_SHARE:
            ConflictOfInterest.objects.create(inspector=inspector.user, area=rng.choice(areas),
                                              reason="Employed by a partner in the last five years (synthetic)")
    return inspectors


# --- CSV import -------------------------------------------------------------------------------

CSV_HEADER = ["email", "first_name", "last_name", "role", "remit", "home_region", "national_pool",
              "send_experience", "ap_experience", "max_activities_per_year", "training_completed"]
MAX_ROWS = 2000


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    errors: list[str] | None = None


def _yes(value: str, field: str) -> bool:
    if value.strip().upper() in {"Y", "YES", "TRUE", "1"}:
        return True
    if value.strip().upper() in {"", "N", "NO", "FALSE", "0"}:
        return False
    raise ValueError(f"{field} '{value}' is not Y or N")


def _row_values(row: dict[str, str], region_names: dict[str, str]) -> dict[str, object]:
    role, remit, region = row["role"].strip(), row["remit"].strip(), row["home_region"].strip()
    if role not in PoolRole.values:
        raise ValueError(f"role '{role}' is not one of {', '.join(PoolRole.values)}")
    if remit not in PoolRemit.values:
        raise ValueError(f"remit '{remit}' is not one of {', '.join(PoolRemit.values)}")
    if region not in region_names:
        raise ValueError(f"home_region '{region}' is not a region code (such as E12000007)")
    cap = row["max_activities_per_year"].strip() or "8"
    if not cap.isdigit() or not 1 <= int(cap) <= 20:
        raise ValueError(f"max_activities_per_year '{cap}' is not a whole number from 1 to 20")
    return {"role": role, "remit": remit, "home_region_code": region, "home_region_name": region_names[region],
            "organisation": PoolRole(role).organisation, "national_pool": _yes(row["national_pool"], "national_pool"),
            "send_experience": _yes(row["send_experience"], "send_experience"),
            "ap_experience": _yes(row["ap_experience"], "ap_experience"), "max_activities_per_year": int(cap)}


def _import_row(row: dict[str, str], region_names: dict[str, str]) -> bool:
    values = _row_values(row, region_names)
    email = row["email"].strip().lower()
    if "@" not in email or len(email) > 254:
        raise ValueError(f"email '{email}' is not an email address")
    completed = date.fromisoformat(row["training_completed"].strip()) if row["training_completed"].strip() else None
    with transaction.atomic():
        user, _ = User.objects.get_or_create(username=email, defaults={
            "email": email, "first_name": row["first_name"].strip()[:150], "last_name": row["last_name"].strip()[:150],
            "role": Role.INSPECTOR, "inspectorate": values["organisation"]})
        inspector, created = Inspector.objects.update_or_create(user=user, defaults=values)
        if completed and not inspector.training.filter(completed_on=completed).exists():
            Training.objects.create(inspector=inspector, completed_on=completed, expires_on=expiry_for(completed))
    return created


def import_pool_csv(path: Path) -> ImportResult:
    result = ImportResult(errors=[])
    assert result.errors is not None
    with path.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in CSV_HEADER if c not in (reader.fieldnames or [])]
        if missing:
            raise ValueError(f"the file has no column {', '.join(missing)}; the header is {','.join(CSV_HEADER)}")
        region_names = regions()
        for number, row in enumerate(reader, start=2):
            if number > MAX_ROWS + 1:
                result.errors.append(f"row {number}: more than {MAX_ROWS} rows; the rest were not read")
                break
            try:
                created = _import_row(row, region_names)
            except ValueError as error:
                result.errors.append(f"row {number}: {error}")
                continue
            result.created += created
            result.updated += not created
    return result
