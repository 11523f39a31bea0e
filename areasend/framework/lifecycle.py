"""The kinds of live activity and their lifecycles: states, allowed transitions, who may make
each one, the timeline and what the activity produces when it is complete (spec §3, §7, §9, §10).

One table per kind, readable at a glance. The live model (`inspections.Inspection`) stores a
`kind` and a `state`; the one transition function (`inspections.lifecycle.transition`) looks the
requested action up here, so no code outside this module compares state or step names as strings.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from .activities import ActivityType
from .calendar import add_working_days
from .timeline import (
    NOTIFICATION,
    OFFSITE_FIELDWORK,
    ONSITE_FIELDWORK,
    Step,
    check_notification_date,
    full_inspection_timeline,
)
from .versions import FrameworkVersion, version_in_force


class LiveState(StrEnum):
    NOTIFIED = "notified"
    FIELDWORK = "fieldwork"
    EVALUATING = "evaluating"
    DRAFT_REPORT = "draft_report"
    FACTUAL_ACCURACY = "factual_accuracy"
    PUBLISHED = "published"
    SCHEDULED = "scheduled"
    HELD = "held"
    PAUSED = "paused"
    WITHDRAWN = "withdrawn"

    @property
    def label(self) -> str:
        return _STATE_LABELS[self]


_STATE_LABELS = {
    LiveState.NOTIFIED: "Notified",
    LiveState.FIELDWORK: "Fieldwork",
    LiveState.EVALUATING: "Evaluating",
    LiveState.DRAFT_REPORT: "Draft report",
    LiveState.FACTUAL_ACCURACY: "Factual accuracy check",
    LiveState.PUBLISHED: "Published",
    LiveState.SCHEDULED: "Scheduled",
    LiveState.HELD: "Held",
    LiveState.PAUSED: "Paused",
    LiveState.WITHDRAWN: "Withdrawn",
}


class Performer(StrEnum):
    """Who may make a transition: by role (planner) or by relation to the activity (its team, its
    lead inspector, the partnership of its area). Roles are resolved by the access policy."""

    PLANNER = "planner"
    TEAM = "team"
    LEAD = "lead"
    PARTNERSHIP = "partnership"
    SYSTEM = "system"  # the scheduled job that opens an activity on its notification date


class Product(StrEnum):
    """What a completed activity adds to the area's history (spec §2)."""

    OUTCOME = "an outcome (1, 2 or 3) with findings and recommendations"
    PROGRESS_FINDINGS = "a finding per area for priority action (effective or ineffective action)"
    RECORD = "a record of the meeting (never published)"
    NATIONAL_CONTRIBUTION = "findings that contribute to a national thematic report"


RESUME = "resume"  # the one action whose target is the state the activity was paused from


@dataclass(frozen=True)
class Transition:
    action: str
    label: str
    sources: frozenset[LiveState]
    target: LiveState | None  # None: back to the state before the pause
    by: frozenset[Performer]
    needs_reason: bool = False


@dataclass(frozen=True)
class ActivityKind:
    kind: ActivityType
    initial: LiveState
    transitions: tuple[Transition, ...]
    timeline: Callable[[date, FrameworkVersion | None], list[Step]]
    produces: Product
    has_survey: bool
    final: LiveState  # the state in which the activity joins the area's history
    noun: str  # what users call it in messages: "inspection", "meeting", "visit"

    @property
    def states(self) -> frozenset[LiveState]:
        found = {self.initial}
        for t in self.transitions:
            found |= t.sources
            if t.target is not None:
                found.add(t.target)
        return frozenset(found)

    @property
    def open_states(self) -> frozenset[LiveState]:
        return self.states - {self.final, LiveState.WITHDRAWN, LiveState.PAUSED}

    def initial_for(self, notified: date, today: date) -> LiveState:
        """Scheduled until its notification date where the kind is opened on the day."""
        if notified > today and any(t.action == "open" for t in self.transitions):
            return LiveState.SCHEDULED
        return self.initial

    def transition(self, action: str) -> Transition:
        for t in self.transitions:
            if t.action == action:
                return t
        raise KeyError(f"A {self.kind} has no action {action!r}")

    def actions_from(self, state: LiveState | str) -> list[Transition]:
        return [t for t in self.transitions if state in t.sources]


def _t(action: str, label: str, sources: set[LiveState], target: LiveState | None,
       by: set[Performer], needs_reason: bool = False) -> Transition:
    return Transition(action, label, frozenset(sources), target, frozenset(by), needs_reason)


S, P = LiveState, Performer
_PLANNER, _TEAM, _LEAD = {P.PLANNER}, {P.TEAM}, {P.LEAD}


def _pause_resume_withdraw(open_states: set[LiveState]) -> tuple[Transition, ...]:
    return (
        _t("pause", "Pause", open_states, S.PAUSED, _PLANNER, needs_reason=True),
        _t(RESUME, "Resume", {S.PAUSED}, None, _PLANNER),
        _t("withdraw", "Withdraw", open_states | {S.PAUSED}, S.WITHDRAWN, _PLANNER, needs_reason=True),
    )


# When inspectors may still add evidence, and when the outcome may still be recorded.
EVIDENCE_STATES = frozenset({S.NOTIFIED, S.FIELDWORK, S.EVALUATING})
OUTCOME_STATES = frozenset({S.EVALUATING, S.DRAFT_REPORT})

# An activity planned for a later Monday is scheduled: invisible to the partnership and silent
# until the job opens it on its notification date ("time only runs forward").
_OPEN_ON_THE_DAY = _t("open", "Notify the partnership", {S.SCHEDULED}, S.NOTIFIED, {P.SYSTEM, P.PLANNER})

_INSPECTION_OPEN = {S.SCHEDULED, S.NOTIFIED, S.FIELDWORK, S.EVALUATING, S.DRAFT_REPORT, S.FACTUAL_ACCURACY}

# --- Full inspection (spec §3): three weeks, outcome, report, factual accuracy ---------------
#  action              from                 to                 by
_INSPECTION_TRANSITIONS = (
    _OPEN_ON_THE_DAY,
    _t("start-fieldwork", "Start fieldwork", {S.NOTIFIED}, S.FIELDWORK, _TEAM),
    _t("start-evaluating", "Finish fieldwork and start evaluating", {S.FIELDWORK}, S.EVALUATING, _LEAD),
    _t("draft-report", "Draft the report", {S.EVALUATING}, S.DRAFT_REPORT, _LEAD),
    _t("send-for-accuracy", "Send the draft for the factual accuracy check", {S.DRAFT_REPORT},
       S.FACTUAL_ACCURACY, _LEAD),
    _t("publish", "Publish the report", {S.FACTUAL_ACCURACY}, S.PUBLISHED, _LEAD),
    *_pause_resume_withdraw(_INSPECTION_OPEN),
)

# --- Monitoring inspection (spec §7; next-capabilities §1.3): notified on a Monday, two weeks of
# data gathering, then on site; a progress letter. Same shape of states as a full inspection.
MONITORING_ONSITE_START_WORKING_DAY = 10  # [U] "week 3 on site" (Hertfordshire, October 2025)
MONITORING_ONSITE_WORKING_DAYS = 3  # [U] shorter than a full inspection's five days

# --- Engagement meeting (spec §9): arranged, held, recorded; never published.
ENGAGEMENT_MEETING_DURATION_WORKING_DAYS = 1

# --- Thematic visit (spec §10): notified, visited, findings recorded for the national report.
THEMATIC_VISIT_NOTICE_WORKING_DAYS = 5  # [U]
THEMATIC_VISIT_ONSITE_WORKING_DAYS = 3  # [U]


def monitoring_timeline(notified: date, version: FrameworkVersion | None = None) -> list[Step]:
    check_notification_date(notified)
    first, last = MONITORING_ONSITE_START_WORKING_DAY, (
        MONITORING_ONSITE_START_WORKING_DAY + MONITORING_ONSITE_WORKING_DAYS - 1)
    return [
        Step(NOTIFICATION, notified, None, 0, "The lead inspector calls the nominated officer."),
        Step(OFFSITE_FIELDWORK, add_working_days(notified, 1), add_working_days(notified, first - 1), 1,
             "Data gathering on the areas for priority action."),
        Step(ONSITE_FIELDWORK, add_working_days(notified, first), add_working_days(notified, last), first,
             "Inspectors on site for the areas for priority action."),
    ]


def engagement_timeline(held: date, version: FrameworkVersion | None = None) -> list[Step]:
    return [Step(MEETING, held, None, 0, "Engagement meeting with the partnership's leaders.")]


def thematic_timeline(notified: date, version: FrameworkVersion | None = None) -> list[Step]:
    check_notification_date(notified)
    first = THEMATIC_VISIT_NOTICE_WORKING_DAYS
    last = first + THEMATIC_VISIT_ONSITE_WORKING_DAYS - 1
    return [
        Step(NOTIFICATION, notified, None, 0, "The partnership is told of the visit and its theme."),
        Step(ONSITE_FIELDWORK, add_working_days(notified, first), add_working_days(notified, last), first,
             "Inspectors visit for the national theme; no judgement is made."),
    ]


MEETING = "meeting"

_MONITORING_TRANSITIONS = _INSPECTION_TRANSITIONS  # same states and performers; the letter differs

_MEETING_TRANSITIONS = (
    _t("hold", "Record that the meeting was held", {S.SCHEDULED}, S.HELD, _TEAM),
    _t("withdraw", "Cancel", {S.SCHEDULED}, S.WITHDRAWN, _PLANNER, needs_reason=True),
)

_THEMATIC_TRANSITIONS = (
    _OPEN_ON_THE_DAY,
    _t("start-fieldwork", "Start the visit", {S.NOTIFIED}, S.FIELDWORK, _TEAM),
    _t("start-evaluating", "Finish the visit", {S.FIELDWORK}, S.EVALUATING, _LEAD),
    _t("publish", "Add the findings to the national report", {S.EVALUATING}, S.PUBLISHED, _LEAD),
    *_pause_resume_withdraw({S.SCHEDULED, S.NOTIFIED, S.FIELDWORK, S.EVALUATING}),
)

KINDS: dict[ActivityType, ActivityKind] = {
    ActivityType.FULL_INSPECTION: ActivityKind(
        ActivityType.FULL_INSPECTION, S.NOTIFIED, _INSPECTION_TRANSITIONS,
        full_inspection_timeline, Product.OUTCOME, has_survey=True, final=S.PUBLISHED, noun="inspection"),
    ActivityType.MONITORING_INSPECTION: ActivityKind(
        ActivityType.MONITORING_INSPECTION, S.NOTIFIED, _MONITORING_TRANSITIONS,
        monitoring_timeline, Product.PROGRESS_FINDINGS, has_survey=False, final=S.PUBLISHED,
        noun="monitoring inspection"),
    ActivityType.ENGAGEMENT_MEETING: ActivityKind(
        ActivityType.ENGAGEMENT_MEETING, S.SCHEDULED, _MEETING_TRANSITIONS,
        engagement_timeline, Product.RECORD, has_survey=False, final=S.HELD, noun="meeting"),
    ActivityType.THEMATIC_VISIT: ActivityKind(
        ActivityType.THEMATIC_VISIT, S.NOTIFIED, _THEMATIC_TRANSITIONS,
        thematic_timeline, Product.NATIONAL_CONTRIBUTION, has_survey=False, final=S.PUBLISHED,
        noun="thematic visit"),
}

LIVE_KINDS = tuple(KINDS)


def kind_of(kind: ActivityType | str) -> ActivityKind:
    try:
        return KINDS[ActivityType(kind)]
    except (KeyError, ValueError):
        raise KeyError(f"{kind!r} is not a kind of live activity") from None


def timeline_for(kind: ActivityType | str, start: date, version_key: FrameworkVersion | None = None) -> list[Step]:
    spec = kind_of(kind)
    return spec.timeline(start, version_key or version_in_force(start))
