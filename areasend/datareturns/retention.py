"""How long person-level tracking data is kept, and deleting it when that time is up.

The case list, the tracking cases, their documents and the person-level data returns exist only to
inspect. Once the inspection is published or withdrawn they are deleted after RETENTION_DAYS (a
privacy-notice commitment, not a framework number, so it is a named constant rather than a
setting). What the inspection found lives on in the report; the audit log keeps counts of what was
deleted, never the data. A data return keeps its row counts and indicators (aggregates): only its
file and its row-level issues go.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from areasend.accounts import audit
from areasend.accounts.models import AuditAction, AuditEvent
from areasend.inspections.models import Inspection, State

from .models import CaseListEntry, DataReturn, TrackingCase, TrackingDocument

RETENTION_DAYS = 90


@dataclass(frozen=True)
class Purged:
    inspection: int
    entries: int
    cases: int
    documents: int
    returns: int = 0


def ended_on(inspection: Inspection) -> date | None:
    """The day the inspection was published or withdrawn. Withdrawal has no date column, so it
    is read from the audit row of the transition; failing that, the notification date (the data
    then goes sooner rather than never)."""
    if inspection.state == State.PUBLISHED:
        return inspection.published_on or inspection.notified_on
    if inspection.state != State.WITHDRAWN:
        return None
    event = (
        AuditEvent.objects.filter(object_type=Inspection._meta.label, object_id=str(inspection.pk),
                                  action=AuditAction.TRANSITION, data__new=State.WITHDRAWN)
        .order_by("-created").first()
    )
    return timezone.localdate(event.created) if event else inspection.notified_on


def due_for_purge(today: date, older_than_days: int = RETENTION_DAYS) -> list[Inspection]:
    """Ended inspections that still hold tracking data and ended at least that many days ago.
    Compared with <=, so a run missed yesterday catches up today."""
    cutoff = today - timedelta(days=older_than_days)
    holding = Inspection.objects.filter(
        Q(state=State.PUBLISHED) | Q(state=State.WITHDRAWN)
    ).filter(
        Q(case_list__isnull=False) | Q(tracking_cases__isnull=False)
        | Q(data_returns__isnull=False, data_returns__purged_at__isnull=True)
    ).distinct().select_related("area")
    return [i for i in holding if (end := ended_on(i)) is not None and end <= cutoff]


def purge(inspection: Inspection) -> Purged:
    """Delete the inspection's case list, cases and document files; one audit row of counts."""
    with transaction.atomic():
        documents = TrackingDocument.objects.filter(case__inspection=inspection)
        names = [d.file.name for d in documents]
        storage = TrackingDocument._meta.get_field("file").storage  # type: ignore[union-attr]
        held = DataReturn.objects.for_inspection(inspection).held()
        names += [r.file.name for r in held]
        counts = Purged(
            returns=held.update(file="", issues=[], samples={}, purged_at=timezone.now()),
            inspection=inspection.pk,
            documents=documents.delete()[0],
            cases=TrackingCase.objects.filter(inspection=inspection).delete()[0],
            entries=CaseListEntry.objects.filter(inspection=inspection).delete()[0],
        )
        audit.record(None, AuditAction.DELETE, inspection, area_code=inspection.area.gss_code,
                     purge="tracking-data", entries=counts.entries, cases=counts.cases,
                     documents=counts.documents, returns=counts.returns)
        # Files go only once the rows are gone for good; a rolled-back purge keeps both.
        transaction.on_commit(lambda: _delete_files(storage, names))
    return counts


def _delete_files(storage: Any, names: list[str]) -> None:
    for name in names:
        if name:
            storage.delete(name)  # a missing file is not an error for FileSystemStorage
