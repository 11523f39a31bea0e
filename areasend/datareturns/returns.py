"""The partnership's person-level data return in a live inspection: upload and check it, keep every
version, turn its valid rows into the case list that tracking cases are drawn from, and draw topic
samples (plans issued late, reviews overdue). Audit rows hold ids and counts, never a reference."""

from __future__ import annotations

import re
import secrets
from typing import Any

import polars as pl
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from areasend import policy
from areasend.accounts import audit
from areasend.accounts.models import AuditAction
from areasend.inspections.models import Inspection, WorkflowError
from areasend.inspections.workflow import require_state

from . import indicators, reader, validation
from .models import REFERENCE_PATTERN, CaseListEntry, DataReturn, Setting
from .services import CASE_STATES, _lock

MAX_ISSUES_KEPT = 5_000  # of each severity
AS_AT_FIELD = "as_at"


def read_upload(file: UploadedFile) -> bytes:
    if (file.size or 0) > reader.MAX_BYTES:
        raise WorkflowError(f"The file is over the {reader.MAX_BYTES // 1_000_000} MB limit")
    return b"".join(file.chunks())


def _issues(checked: validation.Checked) -> list[dict[str, Any]]:
    issues = [*checked.errors[:MAX_ISSUES_KEPT], *checked.warnings[:MAX_ISSUES_KEPT]]
    return [{"row": i.row, "field": i.field, "message": i.message, "severity": i.severity, "sheet": i.sheet}
            for i in issues]


def _indicators(checked: validation.Checked) -> dict[str, Any]:
    return {k: {"numerator": v.numerator, "denominator": v.denominator, "label": v.label, "rule": v.rule,
                "extension": v.extension} for k, v in checked.indicators.items()}


def upload_return(inspection: Inspection, file: UploadedFile, *, by: Any, request: Any = None) -> DataReturn:
    """Check and store a return as the next version. A file that cannot be read is refused
    (WorkflowError) and the earlier versions stay as they were."""
    policy.require(policy.may_upload_data_return(by, inspection),
                   f"Only users of {inspection.area.name} can upload its data return")
    data = read_upload(file)
    name = (file.name or "return")[-200:]
    as_at = timezone.localdate()
    try:
        checked = validation.check_file(data, name, as_at=as_at)
    except reader.ReturnUnreadable as error:
        raise WorkflowError(str(error)) from None
    return _store(inspection, checked, data, name, as_at, by, request)


@transaction.atomic
def _store(inspection: Inspection, checked: validation.Checked, data: bytes, name: str, as_at: Any,
           by: Any, request: Any) -> DataReturn:
    _lock(inspection)
    require_state(inspection, *CASE_STATES)
    number = (DataReturn.objects.for_inspection(inspection).aggregate(n=Max("number"))["n"] or 0) + 1
    weeks = indicators.weeks_to_final_plan(checked.valid["v1"]) if "v1" in checked.valid else []
    seed = secrets.randbelow(2**31)
    data_return = DataReturn(
        inspection=inspection, number=number, original_name=name, size=len(data), format=checked.format,
        layouts=",".join(checked.layouts), as_at=as_at, rows=checked.rows, valid_rows=checked.valid_rows,
        error_count=len(checked.errors), warning_count=len(checked.warnings), issues=_issues(checked),
        indicators=_indicators(checked), weeks_to_final_plan=weeks, uploaded_by=by,
        samples=topic_samples(checked, as_at, seed), sample_seed=seed,
    )
    data_return.file.save("return", ContentFile(data), save=False)
    try:
        data_return.save()
        audit.record(by, AuditAction.IMPORT, data_return, request=request, area_code=inspection.area.gss_code,
                     inspection=inspection.pk, rows=checked.rows, errors=len(checked.errors))
    except Exception:
        data_return.file.delete(save=False)
        raise
    return data_return


def checked_again(data_return: DataReturn) -> validation.Checked:
    with data_return.file.open("rb") as handle:
        data = handle.read()
    return validation.check_file(data, data_return.original_name, as_at=data_return.as_at)


# --- From the return to the case list -------------------------------------------------------

_PHASE_SETTING = {"Nursery": Setting.EARLY_YEARS, "Special": Setting.SPECIAL, "PRU/AP": Setting.ALTERNATIVE_PROVISION,
                  "FE college": Setting.FURTHER_EDUCATION}
_V1_SETTING = {"independent_special_school": Setting.SPECIAL, "not_in_education": Setting.NEET}
_NEED = {"SPLD": "SpLD", "NSA": "OTH"}
_REFERENCE = re.compile(REFERENCE_PATTERN)


def age_band(age: int | None) -> str:
    age = age if age is not None else 0
    for band, top in (("0-4", 4), ("5-10", 10), ("11-15", 15), ("16-19", 19)):
        if age <= top:
            return band
    return "20-25"


def _v1_entry(row: dict[str, Any]) -> dict[str, Any]:
    setting = row["setting_type:t"]
    return {"reference": row["case_ref"], "age_band": age_band(row["age:t"]),
            "need": _NEED.get(row["primary_need:t"], row["primary_need:t"]),
            "provision": "ehc_plan" if row["sen_provision:t"] == "EHCP" else "sen_support",
            "setting": _V1_SETTING.get(setting, setting),
            "in_alternative_provision": row["alternative_provision:t"] == "Y"}


def _list_entry(row: dict[str, Any], provision: str) -> dict[str, Any]:
    phase = row["main_phase:t"]
    setting = _PHASE_SETTING.get(phase, Setting.MAINSTREAM if phase else Setting.OTHER)
    if row.get("ehe:t") == "Yes":
        setting = Setting.HOME_EDUCATED
    need = row["primary_need:t"] or "OTH"
    return {"reference": row["unique_id"], "age_band": age_band(row["age:t"]), "need": _NEED.get(need, need),
            "provision": provision, "setting": setting,
            "in_alternative_provision": "PRU/AP" in (phase, row["sub_phase:t"])}


def entries_from(checked: validation.Checked) -> list[dict[str, Any]]:
    """The case-list fields of every row without errors whose reference suits the case list."""
    out: list[dict[str, Any]] = []
    for layout, frame in checked.valid.items():
        for row in frame.iter_rows(named=True):
            if layout == "v1":
                out.append(_v1_entry(row))
            else:
                out.append(_list_entry(row, "ehc_plan" if layout == "list1" else "sen_support"))
    return [e for e in out if _REFERENCE.match(e["reference"] or "")]


@transaction.atomic
def make_case_list(data_return: DataReturn, *, by: Any, request: Any = None) -> int:
    """Add the return's valid rows to the case list (those not on it already); inspectors then
    select tracking cases from the real list. Returns how many were added."""
    inspection = data_return.inspection
    policy.require(policy.may_use_data_return(by, inspection),
                   "Only the inspection team or the partnership can do this")
    _lock(inspection)
    require_state(inspection, *CASE_STATES)
    if data_return.purged_at is not None:
        raise WorkflowError("This return has been deleted under the retention rules")
    taken = set(CaseListEntry.objects.for_inspection(inspection).values_list("reference", flat=True))
    new = [CaseListEntry(inspection=inspection, uploaded_by=by, **e)
           for e in entries_from(checked_again(data_return)) if e["reference"] not in taken]
    CaseListEntry.objects.bulk_create(new, batch_size=2_000)
    audit.record(by, AuditAction.CREATE, data_return, request=request, area_code=inspection.area.gss_code,
                 inspection=inspection.pk, case_list_rows=len(new))
    return len(new)


# --- Topic samples ---------------------------------------------------------------------------

TOPICS = {
    "final_plan_late": ("EHC plans issued after 20 weeks", 10),
    "review_overdue": ("Annual reviews overdue", 5),
    "decision_late": ("Decisions to assess after 6 weeks", 5),
}


def _topic_filter(topic: str, as_at: Any) -> pl.Expr:
    t = indicators.t
    if topic == "final_plan_late":
        days = (t("final_plan_issued") - t("request_received")).dt.total_days()
        return (days > indicators.limit_days("final_plan")) & t("exception_reason").is_null()
    if topic == "decision_late":
        days = (t("decision_date") - t("request_received")).dt.total_days()
        return days > indicators.limit_days("decision_to_assess")
    latest = pl.max_horizontal(t("final_plan_issued"), t("last_annual_review"))
    return (t("sen_provision") == "EHCP") & indicators._overdue_review(latest, as_at)


def topic_samples(checked: validation.Checked, as_at: Any, seed: int) -> dict[str, list[str]]:
    """For each topic, up to its number of references drawn at random (reproducible from the seed)
    from the return's valid version 1 rows that show the problem."""
    frame = checked.valid.get("v1")
    if frame is None:
        return {}
    out = {}
    for topic, (_, n) in TOPICS.items():
        hits = frame.filter(_topic_filter(topic, as_at).fill_null(False)).sort("case_ref")
        out[topic] = sorted(hits.sample(min(n, hits.height), seed=seed)["case_ref"].to_list())
    return out

