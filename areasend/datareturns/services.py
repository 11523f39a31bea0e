"""Changes to the case list and the tracking cases. Each takes the acting user, checks who may do
it (PermissionDenied) and whether the rules allow it now (WorkflowError, in words a user can act
on), and writes the audit row in the same transaction. Audit rows hold ids, codes and counts,
never a reference or a file name: those are person-level data."""

from __future__ import annotations

import secrets
from datetime import date
from typing import Any, cast

from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from areasend.accounts import audit
from areasend.accounts.models import AuditAction
from areasend.datareturns import messages
from areasend.framework.calendar import add_working_days
from areasend.framework.lifecycle import Performer
from areasend.inspections.models import Inspection, State, WorkflowError
from areasend.inspections.workflow import require_state, require_team

from . import caselist, documents, sampling
from .caselist import CaseListInvalid, RowError
from .models import ENDED, CaseListEntry, Consent, TrackingCase, TrackingDocument

# Tracking happens between the notification and the end of fieldwork (spec §3.2 steps 6 and 8).
CASE_STATES = (State.NOTIFIED, State.FIELDWORK)
CONSENT_CHOICES = (Consent.APPROACHED, Consent.AGREED, Consent.DECLINED, Consent.WITHDRAWN)


def is_area_user(inspection: Inspection, user: Any) -> bool:
    return Performer.PARTNERSHIP in inspection.performers_for(user)


def require_area_user(inspection: Inspection, user: Any) -> None:
    if not is_area_user(inspection, user):
        raise PermissionDenied(f"Only users of {inspection.area.name} can do this")


def _lock(inspection: Inspection) -> None:
    """Serialise changes to one inspection's cases: a double-clicked button must not select
    twice or propose two replacements (SQLite serialises writers anyway: BEGIN IMMEDIATE). The
    state is re-read under the lock, so the check that follows sees any change just made."""
    inspection.state = Inspection.objects.select_for_update().values_list("state", flat=True).get(pk=inspection.pk)


def _audit(by: Any, action: str, obj: Any, inspection: Inspection, request: Any, **data: Any) -> None:
    audit.record(by, action, obj, request=request, area_code=inspection.area.gss_code,
                 inspection=inspection.pk, **data)


def _taken_references(inspection: Inspection, references: set[str]) -> set[str]:
    taken = CaseListEntry.objects.for_inspection(inspection).filter(reference__in=references)
    return set(taken.values_list("reference", flat=True))


@transaction.atomic
def add_entry(inspection: Inspection, *, by: Any, request: Any = None, **fields: Any) -> CaseListEntry:
    """Add one child or young person to the case list. `fields` are the CSV columns."""
    require_area_user(inspection, by)
    _lock(inspection)
    require_state(inspection, *CASE_STATES)
    values, errors = caselist.clean_row(fields)
    if not errors and _taken_references(inspection, {values["reference"]}):
        errors.append(RowError(None, "reference", f"'{values['reference']}' is already on the case list"))
    if errors:
        raise CaseListInvalid(errors)
    entry = CaseListEntry.objects.create(inspection=inspection, uploaded_by=by, **values)
    _audit(by, AuditAction.CREATE, entry, inspection, request)
    return entry


@transaction.atomic
def upload_case_list(inspection: Inspection, file: UploadedFile, *, by: Any, request: Any = None) -> int:
    """Add every row of a CSV case list, or none: CaseListInvalid names each bad row. Returns
    the number of entries added."""
    require_area_user(inspection, by)
    _lock(inspection)
    require_state(inspection, *CASE_STATES)
    text = caselist.decode(file, file.name or "", file.size)
    rows = caselist.parse(text)
    taken = _taken_references(inspection, {r["reference"] for r in rows})
    if taken:
        raise CaseListInvalid(
            RowError(r["row"], "reference", f"'{r['reference']}' is already on the case list")
            for r in rows if r["reference"] in taken
        )
    entries = [
        CaseListEntry(inspection=inspection, uploaded_by=by, **{k: v for k, v in r.items() if k != "row"})
        for r in rows
    ]
    CaseListEntry.objects.bulk_create(entries)
    audit.record(by, AuditAction.IMPORT, inspection, request=request, area_code=inspection.area.gss_code,
                 case_list_rows=len(entries))
    return len(entries)


@transaction.atomic
def select_cases(inspection: Inspection, *, by: Any, seed: int | None = None,
                 request: Any = None) -> list[TrackingCase]:
    """Choose the framework's number of cases to track from the case list (spec §3.2 step 6)."""
    require_team(inspection, by)
    _lock(inspection)
    require_state(inspection, *CASE_STATES)
    if TrackingCase.objects.for_inspection(inspection).exists():
        raise WorkflowError("Cases have already been selected; swap a case instead")
    entries = list(CaseListEntry.objects.for_inspection(inspection).all())
    if not entries:
        raise WorkflowError("The partnership has not uploaded a case list yet")
    seed = secrets.randbelow(2**31) if seed is None else seed
    chosen = sampling.propose_cases(entries, inspection.version.tracking_cases, seed)
    cases = TrackingCase.objects.bulk_create(
        TrackingCase(inspection=inspection, entry=entry, selected_by=by, seed=seed) for entry in chosen
    )
    audit.record(by, AuditAction.CREATE, inspection, request=request, area_code=inspection.area.gss_code,
                 tracking_cases=[c.pk for c in cases], seed=seed)
    return cases


def _require_open_case(case: TrackingCase) -> None:
    """Re-read the case under the lock (a second click may have changed it), then check it has
    not been replaced."""
    case.refresh_from_db(fields=["consent", "consent_recorded_on", "documents_due", "replaced_by"])
    if case.replaced_by_id is not None:
        raise WorkflowError(f"Case {case.entry.reference} has been replaced and can no longer change")


def _replace(case: TrackingCase, entry: CaseListEntry, by: Any) -> TrackingCase:
    new = TrackingCase.objects.create(inspection=case.inspection, entry=entry, selected_by=by, seed=case.seed)
    case.replaced_by = new
    case.save(update_fields=["replaced_by"])
    return new


@transaction.atomic
def swap_case(case: TrackingCase, new_entry: CaseListEntry, *, by: Any, request: Any = None) -> TrackingCase:
    """Track another child or young person instead, before the family has agreed."""
    inspection = case.inspection
    require_team(inspection, by)
    _lock(inspection)
    require_state(inspection, *CASE_STATES)
    _require_open_case(case)
    if case.consent == Consent.AGREED:
        raise WorkflowError(f"The family of {case.entry.reference} has agreed; the case can no longer be swapped")
    if new_entry.inspection_id != inspection.pk:
        raise WorkflowError(f"'{new_entry.reference}' is not on this inspection's case list")
    if TrackingCase.objects.for_inspection(inspection).filter(entry=new_entry).exists():
        raise WorkflowError(f"'{new_entry.reference}' has already been selected for tracking")
    new = _replace(case, new_entry, by)
    _audit(by, AuditAction.UPDATE, case, inspection, request, swapped_for=new.pk)
    return new


def _propose_replacement(case: TrackingCase, by: Any) -> TrackingCase | None:
    inspection = case.inspection
    all_cases = list(TrackingCase.objects.for_inspection(inspection).select_related("entry"))
    kept = [c.entry for c in all_cases if c.replaced_by_id is None and c.pk != case.pk]
    gone = [c.entry for c in all_cases if c.replaced_by_id is not None or c.pk == case.pk]
    entries = list(CaseListEntry.objects.for_inspection(inspection))
    entry = sampling.replacement_for(entries, kept, gone, case.seed)
    return _replace(case, entry, by) if entry is not None else None


def _check_consent_change(case: TrackingCase, status: str, on: date) -> None:
    if status not in CONSENT_CHOICES:
        raise WorkflowError(f"'{status}' is not a consent status you can record")
    if case.consent in ENDED:
        raise WorkflowError(f"Consent for {case.entry.reference} has been {case.consent}; it cannot change now")
    if status == case.consent == Consent.AGREED:
        raise WorkflowError(f"Consent for {case.entry.reference} has already been agreed")
    if status == Consent.WITHDRAWN and case.consent != Consent.AGREED:
        raise WorkflowError("Consent can only be withdrawn once it has been agreed")
    if status in {Consent.APPROACHED, Consent.DECLINED} and case.consent == Consent.AGREED:
        raise WorkflowError("The family has agreed; record that consent was withdrawn instead")
    if on > timezone.localdate():
        raise WorkflowError(f"The date cannot be in the future ({on:%-d %B %Y})")
    if on < case.inspection.notified_on:
        raise WorkflowError(
            f"The date cannot be before the inspection was notified ({case.inspection.notified_on:%-d %B %Y})"
        )


@transaction.atomic
def record_consent(case: TrackingCase, status: str, *, by: Any, on: date | None = None,
                   request: Any = None) -> TrackingCase:
    """Record the family's answer. Agreed: documents are due a fixed number of working days
    later (spec §3.2 step 6, "within 2 days"). Declined or withdrawn: a replacement keeping the
    spread is proposed at once, when anyone is left on the list."""
    inspection = case.inspection
    require_area_user(inspection, by)
    _lock(inspection)
    require_state(inspection, *CASE_STATES)
    _require_open_case(case)
    on = on or timezone.localdate()
    _check_consent_change(case, status, on)
    case.consent, case.consent_recorded_on = status, on
    if status == Consent.AGREED:
        case.documents_due = add_working_days(on, inspection.version.tracking_documents_working_days)
    case.save(update_fields=["consent", "consent_recorded_on", "documents_due"])
    replacement = _propose_replacement(case, by) if status in ENDED else None
    _audit(by, AuditAction.UPDATE, case, inspection, request, consent=status, on=on.isoformat(),
           replaced_by=replacement.pk if replacement else None)
    if status == Consent.AGREED:
        messages.tracking_documents_requested(cast(Any, case))  # its Protocol wants a non-null due date
    return case


@transaction.atomic
def upload_document(case: TrackingCase, file: UploadedFile, *, by: Any, request: Any = None) -> TrackingDocument:
    """Store one document for a case the family has agreed to, under a random name."""
    inspection = case.inspection
    require_area_user(inspection, by)
    _lock(inspection)
    require_state(inspection, *CASE_STATES)
    _require_open_case(case)
    if case.consent != Consent.AGREED:
        raise WorkflowError("Documents can only be uploaded once the family has agreed")
    name, size = file.name or "", file.size or 0
    try:
        kind = documents.check(file, name, size)
    except documents.DocumentRefused as refused:
        raise WorkflowError(str(refused)) from None
    document = TrackingDocument(case=case, original_name=documents.safe_name(name),
                                content_type=kind.content_type, size=size, uploaded_by=by)

    def save_row() -> None:
        document.save()
        _audit(by, AuditAction.CREATE, document, inspection, request, case=case.pk, size=size,
               content_type=kind.content_type)

    documents.store(document, file, save_row)  # crash-safe: temporary name, row, then moved into place
    return document
