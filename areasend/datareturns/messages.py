"""The messages about tracking cases, one function each (STYLE.md §9): outbox rows in the
caller's transaction (`notifications.outbox`). The pseudonymous reference is in the body only."""

from __future__ import annotations

from datetime import date
from typing import Any, Protocol

from areasend.framework.calendar import in_words
from areasend.notifications.models import Kind, Notification
from areasend.notifications.outbox import lap_users, link, queue


class TrackingCase(Protocol):
    """What tracking_documents_requested needs of a tracking case."""

    pk: Any
    inspection: Any
    documents_due: date

    @property
    def entry(self) -> Any: ...  # .reference: the pseudonymous reference


def tracking_documents_requested(case: TrackingCase) -> list[Notification]:
    """To the area's users: documents for one tracking case are due. The pseudonymous reference
    is in the body only; the subject, the outbox's references and the logs never carry it."""
    inspection = case.inspection
    due = in_words(case.documents_due)
    body = "\n\n".join([
        f"Inspectors have chosen tracking case {case.entry.reference} for the area SEND inspection "
        f"of {inspection.area.name}.",
        f"Please upload the documents for this case by the end of {due}, at {link(inspection)}",
        "Refer to the case by its reference, never by the child's or young person's name, including in "
        "file names.",
    ])
    subject = f"Tracking case documents due {due}: {inspection.area.name}"
    recipients = lap_users(inspection)
    meta = getattr(case, "_meta", None)
    ref = f"{meta.model_name}:{case.pk}" if meta else ""
    return queue(Kind.TRACKING_DOCUMENTS_REQUESTED, recipients, subject, body, inspection, object_ref=ref)


