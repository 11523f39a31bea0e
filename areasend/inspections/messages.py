"""The messages a live activity sends, one function each (STYLE.md §9). Each writes outbox rows
in the caller's transaction (`notifications.outbox`); if the change rolls back, nothing is sent.
Bodies are plain text in plain English, dates in words."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from areasend.framework import timeline as steps
from areasend.framework.calendar import in_words
from areasend.framework.outcomes import Outcome
from areasend.notifications.models import Kind, Notification
from areasend.notifications.outbox import link, officer_and_lap_users, queue

if TYPE_CHECKING:
    from .models import Inspection


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
        f"Ofsted and the Care Quality Commission (CQC) are carrying out {_a(_what(inspection))} of "
        f"{inspection.area.name} local area partnership. You are the partnership's nominated officer.",
        f"Inspectors will be on site from {in_words(onsite.start)} to {in_words(onsite.last_day)}.",
        "What happens next:\n" + "\n".join(_timeline_lines(inspection)),
        f"You can see the inspection and its timeline at {link(inspection)}",
    ])
    subject = f"{_what(inspection)[0].upper()}{_what(inspection)[1:]} of {inspection.area.name}"
    return queue(Kind.INSPECTION_NOTIFIED, [inspection.nominated_officer_email], subject, body, inspection)


def factual_accuracy_requested(inspection: Inspection) -> list[Notification]:
    """To the nominated officer and the area's users: the draft report is ready to check."""
    if inspection.accuracy_deadline is None:
        raise ValueError(f"Inspection {inspection.pk} has no factual accuracy deadline")
    deadline = in_words(inspection.accuracy_deadline)
    body = "\n\n".join([
        f"The draft report of the {_what(inspection)} of {inspection.area.name} is ready for you "
        "to check for factual accuracy.",
        f"Send any comments on factual accuracy by the end of {deadline}. Make each comment on the "
        f"paragraph it is about, at {link(inspection)}",
        "The draft report is confidential until it is published.",
    ])
    subject = f"Draft inspection report for {inspection.area.name}: comments due {deadline}"
    return queue(Kind.FACTUAL_ACCURACY_REQUESTED, officer_and_lap_users(inspection), subject, body, inspection)


def inspection_published(inspection: Inspection) -> list[Notification]:
    """To the nominated officer and the area's users: the report is public, with its outcome."""
    published = in_words(inspection.published_on) if inspection.published_on else "today"
    paragraphs = [
        f"The report of the {_what(inspection)} of {inspection.area.name} was published on {published}."
    ]
    if inspection.outcome:
        outcome = Outcome(inspection.outcome)
        paragraphs += [f"The outcome: {outcome.statement}", outcome.next_inspection_sentence]
    paragraphs.append(f"You can read the report at {link(inspection)}")
    subject = f"Inspection report published: {inspection.area.name}"
    recipients = officer_and_lap_users(inspection)
    return queue(Kind.INSPECTION_PUBLISHED, recipients, subject, "\n\n".join(paragraphs), inspection)



# --- helpers

_WHAT = {
    "full inspection": "full area SEND inspection",
    "monitoring inspection": "area SEND monitoring inspection",
    "engagement meeting": "area SEND engagement meeting",
    "thematic visit": "area SEND thematic visit",
}


def _what(inspection: Inspection) -> str:
    return _WHAT[inspection.kind]


def _a(phrase: str) -> str:
    return f"an {phrase}" if phrase[0] in "aeiou" else f"a {phrase}"


def _timeline_lines(inspection: Inspection) -> list[str]:
    return [
        f"- {_when(step)}: {_NEXT_STEPS[step.step]}"
        for step in inspection.timeline
        if step.step in _NEXT_STEPS
    ]


def _when(step: Any) -> str:
    if step.last_day == step.start:
        return in_words(step.start)
    return f"{in_words(step.start)} to {in_words(step.last_day)}"


