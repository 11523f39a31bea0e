"""Every message the service sends, one function each (STYLE.md §9).

A function writes one outbox row per recipient in the caller's transaction and asks for
delivery once that transaction commits: if the change rolls back, the rows go with it and
nothing is sent. Bodies are plain text in plain English; they may name the area and, for
tracking cases, the case's pseudonymous reference, but what goes into logs is ids and counts.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Any, Protocol

from django.conf import settings
from django.db import transaction
from django.utils import dateformat

from areasend.accounts.models import Role, User
from areasend.framework import timeline as steps
from areasend.framework.outcomes import Outcome

from .models import Kind, Notification
from .tasks import deliver_pending_task

if TYPE_CHECKING:
    from areasend.inspections.models import Inspection

logger = logging.getLogger(__name__)


class TrackingCase(Protocol):
    """What tracking_documents_requested needs of a tracking case."""

    pk: Any
    inspection: Inspection
    documents_due: date

    @property
    def entry(self) -> Any: ...  # .reference: the pseudonymous reference


# What each step of the timeline means, for the nominated officer (framework/timeline.py).
_NEXT_STEPS = {
    steps.SURVEY_WINDOW: "surveys are open for children and young people, families and practitioners",
    steps.SETUP_DISCUSSION: "set-up discussion with the lead inspector",
    steps.PCF_MEETING: "inspectors meet representatives of the parent carer forum",
    steps.DATA_REQUEST_DUE: "the data and documents inspectors asked for are due",
    steps.TRACKING_SELECTION: "inspectors choose the children and young people whose cases they will track",
    steps.TRACKING_DOCUMENTS_DUE: "documents for the tracked cases are due",
    steps.OFFSITE_FIELDWORK: "inspectors look at documents and data and hold remote meetings",
    steps.ONSITE_FIELDWORK: "inspectors are on site",
    steps.FINAL_FEEDBACK: "inspectors give their final feedback",
}


def inspection_notified(inspection: Inspection) -> list[Notification]:
    """To the nominated officer, on the Monday of notification: when, and what happens next."""
    onsite = inspection.onsite
    body = "\n\n".join([
        f"Dear {inspection.nominated_officer_name},",
        "Ofsted and the Care Quality Commission (CQC) are carrying out a full area SEND inspection of "
        f"{inspection.area.name} local area partnership. You are the partnership's nominated officer.",
        f"Inspectors will be on site from {_date(onsite.start)} to {_date(onsite.last_day)}.",
        "What happens next:\n" + "\n".join(_timeline_lines(inspection)),
        f"You can see the inspection and its timeline at {_link(inspection)}",
    ])
    subject = f"Full area SEND inspection of {inspection.area.name}"
    return _queue(Kind.INSPECTION_NOTIFIED, [inspection.nominated_officer_email], subject, body, inspection)


def factual_accuracy_requested(inspection: Inspection) -> list[Notification]:
    """To the nominated officer and the area's users: the draft report is ready to check."""
    if inspection.accuracy_deadline is None:
        raise ValueError(f"Inspection {inspection.pk} has no factual accuracy deadline")
    deadline = _date(inspection.accuracy_deadline)
    body = "\n\n".join([
        f"The draft report of the full area SEND inspection of {inspection.area.name} is ready for you "
        "to check for factual accuracy.",
        f"Send any comments on factual accuracy by the end of {deadline}. Make each comment on the "
        f"paragraph it is about, at {_link(inspection)}",
        "The draft report is confidential until it is published.",
    ])
    subject = f"Draft inspection report for {inspection.area.name}: comments due {deadline}"
    return _queue(Kind.FACTUAL_ACCURACY_REQUESTED, _officer_and_lap_users(inspection), subject, body, inspection)


def inspection_published(inspection: Inspection) -> list[Notification]:
    """To the nominated officer and the area's users: the report is public, with its outcome."""
    published = _date(inspection.published_on) if inspection.published_on else "today"
    paragraphs = [
        f"The report of the full area SEND inspection of {inspection.area.name} was published on {published}."
    ]
    if inspection.outcome:
        outcome = Outcome(inspection.outcome)
        paragraphs += [f"The outcome: {outcome.statement}", outcome.next_inspection_sentence]
    paragraphs.append(f"You can read the report at {_link(inspection)}")
    subject = f"Inspection report published: {inspection.area.name}"
    recipients = _officer_and_lap_users(inspection)
    return _queue(Kind.INSPECTION_PUBLISHED, recipients, subject, "\n\n".join(paragraphs), inspection)


def tracking_documents_requested(case: TrackingCase) -> list[Notification]:
    """To the area's users: documents for one tracking case are due. The pseudonymous reference
    is in the body only; the subject, the outbox's references and the logs never carry it."""
    inspection = case.inspection
    due = _date(case.documents_due)
    body = "\n\n".join([
        f"Inspectors have chosen tracking case {case.entry.reference} for the full area SEND inspection "
        f"of {inspection.area.name}.",
        f"Please upload the documents for this case by the end of {due}, at {_link(inspection)}",
        "Refer to the case by its reference, never by the child's or young person's name, including in "
        "file names.",
    ])
    subject = f"Tracking case documents due {due}: {inspection.area.name}"
    recipients = _lap_users(inspection)
    meta = getattr(case, "_meta", None)
    ref = f"{meta.model_name}:{case.pk}" if meta else ""
    return _queue(Kind.TRACKING_DOCUMENTS_REQUESTED, recipients, subject, body, inspection, object_ref=ref)


# --- helpers -----------------------------------------------------------------------------------


def _queue(kind: Kind, recipients: Iterable[str], subject: str, body: str, inspection: Inspection,
           object_ref: str = "") -> list[Notification]:
    rows = Notification.objects.bulk_create(
        Notification(to=to, kind=kind, subject=subject, body=body, inspection=inspection,
                     area_code=inspection.area.gss_code, object_ref=object_ref)
        for to in _unique(recipients)
    )
    logger.info("queued %s %s notification(s) for inspection %s", len(rows), kind.value, inspection.pk)
    if rows:
        # robust: the change has committed; if queueing the task fails, the worker still finds
        # the rows in the outbox, so log it rather than fail the user's request.
        transaction.on_commit(lambda: deliver_pending_task.enqueue(), robust=True)
    return rows


def _officer_and_lap_users(inspection: Inspection) -> list[str]:
    return [inspection.nominated_officer_email, *_lap_users(inspection)]


def _lap_users(inspection: Inspection) -> list[str]:
    users = User.objects.filter(role=Role.LAP, area=inspection.area, is_active=True).exclude(email="")
    return list(users.order_by("email").values_list("email", flat=True))


def _unique(addresses: Iterable[str]) -> list[str]:
    """Each address once (case-insensitively): a LAP user who is also the nominated officer
    gets one email."""
    seen: set[str] = set()
    result = []
    for address in addresses:
        key = address.strip().lower()
        if key and key not in seen:
            seen.add(key)
            result.append(address.strip())
    return result


def _timeline_lines(inspection: Inspection) -> list[str]:
    return [
        f"- {_when(step)}: {_NEXT_STEPS[step.step]}"
        for step in inspection.timeline
        if step.step in _NEXT_STEPS
    ]


def _when(step: Any) -> str:
    if step.last_day == step.start:
        return _date(step.start)
    return f"{_date(step.start)} to {_date(step.last_day)}"


def _date(value: date) -> str:
    return dateformat.format(value, "l j F Y")


def _link(inspection: Inspection) -> str:
    return f"{settings.AREASEND_BASE_URL.rstrip('/')}/inspections/{inspection.pk}/"
