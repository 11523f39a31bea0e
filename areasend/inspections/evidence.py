"""Evidence notes and recommendations: written by the team, never silently lost."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from areasend.accounts import audit
from areasend.accounts.models import AuditAction
from areasend.areas.models import Partner
from areasend.framework.criteria import Theme, UnknownCriterion, criterion
from areasend.framework.outcomes import Outcome

from .models import (
    EVIDENCE_STATES,
    OUTCOME_STATES,
    EvidenceNote,
    EvidenceRevision,
    Inspection,
    Recommendation,
    RecommendationKind,
    WorkflowError,
)
from .workflow import require_lead, require_state, require_team

THEME_VALUES = {t.value for t in Theme}


def _check_fields(criterion_code: str, themes: list[str]) -> None:
    try:
        criterion(criterion_code)
    except UnknownCriterion:
        raise WorkflowError(f"'{criterion_code}' is not an evaluation criterion") from None
    unknown = [t for t in themes if t not in THEME_VALUES]
    if unknown:
        raise WorkflowError(f"Unknown theme(s): {', '.join(unknown)}")


@transaction.atomic
def add_note(inspection: Inspection, *, by: Any, source: str, observed_on: date, criterion_code: str,
             themes: list[str], strength: str, text: str, request: Any = None) -> EvidenceNote:
    require_team(inspection, by)
    require_state(inspection, *EVIDENCE_STATES)
    _check_fields(criterion_code, themes)
    if not text.strip():
        raise WorkflowError("Enter the evidence")
    if observed_on > timezone.localdate():
        raise WorkflowError(f"The date seen cannot be in the future ({observed_on:%-d %B %Y})")
    note = EvidenceNote.objects.create(
        inspection=inspection, author=by, source=source, observed_on=observed_on,
        criterion=criterion_code, themes=themes, strength=strength, text=text.strip(),
    )
    audit.record(by, AuditAction.CREATE, note, request=request, area_code=inspection.area.gss_code,
                 inspection=inspection.pk)
    return note


@transaction.atomic
def edit_note(note: EvidenceNote, *, by: Any, request: Any = None, **changes: Any) -> bool:
    """Save an edit (or an autosave); the previous version is kept as a revision. Returns False
    when nothing changed, so autosaves of unchanged text write nothing."""
    note = EvidenceNote.objects.select_for_update().get(pk=note.pk)
    require_team(note.inspection, by)
    require_state(note.inspection, *EVIDENCE_STATES)
    if note.deleted_at:
        raise WorkflowError("This note has been deleted")
    _check_fields(changes.get("criterion", note.criterion), changes.get("themes", note.themes))
    if "text" in changes and not str(changes["text"]).strip():
        raise WorkflowError("Enter the evidence")
    changed = {k: v for k, v in changes.items() if getattr(note, k) != v}
    if not changed:
        return False
    EvidenceRevision.objects.create(
        note=note, text=note.text, criterion=note.criterion, themes=note.themes,
        strength=note.strength, source=note.source, replaced_by=by,
    )
    for key, value in changed.items():
        setattr(note, key, value)
    note.updated = timezone.now()
    note.save()
    audit.record(by, AuditAction.UPDATE, note, request=request, area_code=note.inspection.area.gss_code,
                 inspection=note.inspection_id, fields=sorted(changed))
    return True


@transaction.atomic
def delete_note(note: EvidenceNote, *, by: Any, reason: str, request: Any = None) -> None:
    require_team(note.inspection, by)
    if not reason.strip():
        raise WorkflowError("Give a reason for deleting the note")
    if note.deleted_at:
        raise WorkflowError("This note has already been deleted")
    note.deleted_at, note.deleted_by, note.deleted_reason = timezone.now(), by, reason.strip()
    note.save()
    audit.record(by, AuditAction.DELETE, note, request=request, area_code=note.inspection.area.gss_code,
                 inspection=note.inspection_id)  # the reason stays on the note, never in the audit log


@transaction.atomic
def add_recommendation(inspection: Inspection, *, by: Any, kind: str, text: str, partner_ids: list[int],
                       whole_partnership: bool, themes: list[str], request: Any = None) -> Recommendation:
    require_lead(inspection, by)
    require_state(inspection, *OUTCOME_STATES)
    if kind == RecommendationKind.PRIORITY_ACTION and inspection.outcome != Outcome.SYSTEMIC_FAILINGS:
        raise WorkflowError("Areas for priority action can only be given with outcome 3")
    if not text.strip():
        raise WorkflowError("Enter the recommendation")
    partners = list(Partner.objects.filter(area=inspection.area, pk__in=partner_ids))
    if len(partners) != len(set(partner_ids)):
        raise PermissionDenied("A partner of another area was named")
    if not partners and not whole_partnership:
        raise WorkflowError("Choose who the recommendation is addressed to")
    unknown = [t for t in themes if t not in THEME_VALUES]
    if unknown:
        raise WorkflowError(f"Unknown theme(s): {', '.join(unknown)}")
    rec = Recommendation.objects.create(
        inspection=inspection, kind=kind, text=text.strip(), whole_partnership=whole_partnership,
        themes=themes, position=inspection.recommendations.filter(kind=kind).count() + 1,
    )
    rec.partners.set(partners)
    audit.record(by, AuditAction.CREATE, rec, request=request, area_code=inspection.area.gss_code,
                 inspection=inspection.pk, kind=kind)
    return rec


@transaction.atomic
def remove_recommendation(rec: Recommendation, *, by: Any, request: Any = None) -> None:
    require_lead(rec.inspection, by)
    require_state(rec.inspection, *OUTCOME_STATES)
    audit.record(by, AuditAction.DELETE, rec, request=request, area_code=rec.inspection.area.gss_code,
                 inspection=rec.inspection_id, kind=rec.kind)
    rec.delete()
