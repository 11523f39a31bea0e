"""A monitoring inspection's finding on each area for priority action (spec §7): recorded by the
lead inspector while the letter is being written; the letter's finding follows from them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from areasend.accounts import audit
from areasend.accounts.models import AuditAction
from areasend.framework.activities import ActivityType
from areasend.framework.followup import overall_monitoring_finding
from areasend.framework.lifecycle import OUTCOME_STATES
from areasend.framework.outcomes import MonitoringFinding
from areasend.inspections.models import Inspection, PriorityActionFinding, Recommendation, WorkflowError
from areasend.inspections.workflow import require_lead, require_state

from .plans import latest_report, priority_actions_of

MAX_PRIORITY_ACTIONS = 6


@dataclass(frozen=True)
class FindingInput:
    text: str
    finding: str
    note: str = ""
    priority_action: Recommendation | None = None


def priority_actions_for(inspection: Inspection) -> list[Recommendation]:
    """The areas for priority action the monitoring inspection is limited to: those recorded for
    the outcome-3 report it follows (none when that report was imported from the public record)."""
    report = latest_report(inspection.area)
    return priority_actions_of(report) if report is not None else []


def _check(rows: Sequence[FindingInput]) -> list[MonitoringFinding]:
    if not rows:
        raise WorkflowError("Record a finding for at least one area for priority action")
    if len(rows) > MAX_PRIORITY_ACTIONS:
        raise WorkflowError(f"Record at most {MAX_PRIORITY_ACTIONS} areas for priority action")
    findings = []
    for n, row in enumerate(rows, start=1):
        if not row.text.strip():
            raise WorkflowError(f"Area for priority action {n}: enter what it is")
        try:
            findings.append(MonitoringFinding(row.finding))
        except ValueError:
            raise WorkflowError(f"Area for priority action {n}: choose effective or ineffective action") from None
    return findings


@transaction.atomic
def record_findings(inspection: Inspection, *, rows: Sequence[FindingInput], by: Any,
                    request: Any = None) -> Inspection:
    """Replace the findings (the lead may correct them until the letter is drafted)."""
    locked = Inspection.objects.select_for_update().select_related("area").get(pk=inspection.pk)
    if locked.kind != ActivityType.MONITORING_INSPECTION:
        raise WorkflowError("Findings on areas for priority action are for monitoring inspections")
    require_lead(locked, by)
    require_state(locked, *OUTCOME_STATES)
    findings = _check(rows)
    locked.priority_findings.all().delete()
    PriorityActionFinding.objects.bulk_create(
        PriorityActionFinding(inspection=locked, priority_action=row.priority_action, text=row.text.strip()[:500],
                              finding=found, note=row.note.strip(), position=n)
        for n, (row, found) in enumerate(zip(rows, findings, strict=True)))
    overall = overall_monitoring_finding(findings)
    locked.finding = overall.value if overall else ""
    locked.save(update_fields=["finding"])
    audit.record(by, AuditAction.UPDATE, locked, request=request, area_code=locked.area.gss_code,
                 finding=locked.finding, areas_for_priority_action=len(findings))
    inspection.finding = locked.finding
    return locked
