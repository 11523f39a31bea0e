"""What is due next for an area, from its history (spec §6.1, §7, §8, §15 "Scheduling rules").

- No full inspection under the 2023 framework yet: a full inspection by the end of the first
  cycle, December 2027 [C] [S51], whatever happened under the 2016 framework.
- Latest full inspection, outcome 1: next full inspection usually within 5 years of the final
  report; outcomes 2 and 3: within 3 years [C] [S38][S54] (spec §15). What it is counted from is
  the version's `next_full_inspection_from` ("publication": the final report).
- Outcome 3 gives two pending activities: a monitoring inspection usually 18 months after the
  final report (¶21) [C] [S2], until one is recorded, and the full reinspection within 3 years.
- Engagement meetings every `engagement_meeting_interval_months[outcome]` [U] after the last one
  recorded, or after the final report when none is; unknown (None) without either.

Only what was known on the as-at date counts: an activity that had started and, where it has a
report, whose report was published by then. Engagement meetings and thematic visits never change
which inspection is due (spec §2).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from .activities import ActivityType
from .calendar import (
    add_months,
    add_working_days,
    add_years,
    in_words,
    is_working_day,
    monday_of_week,
    school_holiday,
)
from .outcomes import MonitoringFinding, Outcome, RevisitProgress
from .timeline import pap_deadline, strategic_plan_deadline
from .versions import FrameworkVersion, Provisional, version_in_force


@dataclass(frozen=True)
class ActivityRecord:
    """One past (or current) activity in an area's history, as far as it is known."""

    activity: ActivityType
    start: date | None
    end: date | None = None
    published: date | None = None
    outcome: Outcome | None = None
    wsoa: bool | None = None
    revisit_progress: RevisitProgress | None = None
    finding: str | None = None


@dataclass(frozen=True)
class Pending:
    """One activity the rules make due for an area, by when, and the rule that says so."""

    activity: ActivityType
    due_by: date
    rule: str
    reason: str
    outcome: Outcome | None = None

    def as_dict(self) -> dict[str, str]:
        return {"activity": self.activity.value, "due_by": self.due_by.isoformat(), "rule": self.rule}


@dataclass(frozen=True)
class EngagementDue:
    """When the next engagement meeting is due, counted from what, and how sure that is."""

    due_by: date | None
    basis: str
    provisional: Provisional | None


@dataclass(frozen=True)
class PlanDue:
    """The plan the partnership owes after its latest report: a priority action plan (outcome 3)
    or its updated strategic plan (1 and 2), with a deadline that rests on a [U] parameter."""

    plan: str
    due_by: date
    basis: str
    provisional: Provisional | None

    def as_dict(self) -> dict[str, str]:
        return {"plan": self.plan, "due_by": self.due_by.isoformat()}


@dataclass(frozen=True)
class NextDue:
    """What an area is due: every pending activity, the earliest first, and why."""

    pending: tuple[Pending, ...]
    engagement: EngagementDue
    plan: PlanDue | None
    requires_priority_action_plan: bool
    requires_strategic_plan: bool
    last_activity: ActivityRecord | None
    as_at: date

    @property
    def first(self) -> Pending:
        return self.pending[0]

    @property
    def activity(self) -> ActivityType:
        return self.first.activity

    @property
    def due_by(self) -> date:
        return self.first.due_by

    @property
    def overdue(self) -> bool:
        return self.due_by < self.as_at

    @property
    def reason(self) -> str:
        return self.first.reason

    @property
    def rule(self) -> str:
        return self.first.rule

    @property
    def next_engagement_meeting(self) -> date | None:
        return self.engagement.due_by


@dataclass(frozen=True)
class FollowUp:
    """The follow-up dates and report sentences for one full inspection outcome (spec §6.1)."""

    next_full_inspection_by: date
    monitoring_inspection_by: date | None
    priority_action_plan_due: date | None
    strategic_plan_due: date | None
    sentences: list[str] = field(default_factory=list)


def estimate_start_from_publication(published: date, version: FrameworkVersion) -> date:
    """Estimate when an inspection started from its publication date alone.

    A few real rows have no start date (research-data README). Going back the version's median
    publication gap [D] (spec §3.2) gives the likely last on-site day; the on-site week starts
    on that week's Monday, moved back a week at a time out of any school holiday or week with a
    bank holiday (inspectors are on site Monday to Friday in term time). The import marks such
    dates as estimated.
    """
    monday = monday_of_week(add_working_days(published, -version.publication_gap_working_days))
    for _ in range(12):  # never more than a summer holiday's worth of weeks
        if _term_time_working_week(monday):
            return monday
        monday -= timedelta(weeks=1)
    return monday


def _term_time_working_week(monday: date) -> bool:
    week = [monday + timedelta(days=n) for n in range(5)]
    return all(is_working_day(d) and school_holiday(d) is None for d in week)


def _effective_start(record: ActivityRecord, version: FrameworkVersion) -> date | None:
    """The record's start; if unknown, its end week's Monday, or an estimate from publication."""
    if record.start is not None:
        return record.start
    if record.end is not None:
        return monday_of_week(record.end)
    if record.published is not None:
        return estimate_start_from_publication(record.published, version)
    return None


def known_on(record: ActivityRecord, as_at: date, version: FrameworkVersion) -> bool:
    """Whether the record was known on as_at: started by then and, if it has a report, published."""
    start = _effective_start(record, version)
    if start is None or start > as_at:
        return False
    return record.published is None or record.published <= as_at


def _latest(
    records: Sequence[ActivityRecord], version: FrameworkVersion
) -> tuple[date, ActivityRecord] | None:
    """The latest dated record and its (possibly estimated) start."""
    dated = [(start, r) for r in records if (start := _effective_start(r, version)) is not None]
    # Stable sort: of two records on the same day, the later one in the history wins.
    dated.sort(key=lambda pair: pair[0])
    return dated[-1] if dated else None


def _when(start: date, record: ActivityRecord) -> str:
    return in_words(start) if record.start is not None else f"{in_words(start)} (estimated)"


def _report_anchor(start: date, record: ActivityRecord, version: FrameworkVersion) -> tuple[date, str]:
    """The date follow-up is counted from, and its name: the final report where the version says
    so and it is known, else the last day on site, else the start."""
    if version.next_full_inspection_from == "publication" and record.published is not None:
        return record.published, f"the final report ({in_words(record.published)})"
    if version.next_full_inspection_from == "publication" and record.end is not None:
        return record.end, f"the last day on site ({in_words(record.end)}; no report date held)"
    return start, f"the start of the inspection ({_when(start, record)})"


def _first_cycle_rule(version: FrameworkVersion) -> Pending:
    return Pending(
        ActivityType.FULL_INSPECTION,
        version.first_cycle_end,
        "first-cycle-end",
        "No full inspection under the 2023 framework yet: every area has one in the first "
        f"cycle, which ends by {in_words(version.first_cycle_end)}.",
    )


def _outcome_pending_rule(start: date, record: ActivityRecord, version: FrameworkVersion) -> Pending:
    # The outcome is not recorded yet (inspection under way or unpublished). Until it is, plan
    # for the shortest interval any outcome gives, from the start (no report yet).
    years = min(version.next_full_inspection_years.values())
    return Pending(
        ActivityType.FULL_INSPECTION,
        add_years(start, years),
        f"outcome-pending-full-{years}y",
        f"Full inspection on {_when(start, record)} has no recorded outcome yet: the next full "
        f"inspection is within {years} years at the latest.",
    )


def _full_rule(start: date, record: ActivityRecord, outcome: Outcome, version: FrameworkVersion) -> Pending:
    years = version.next_full_inspection_years[outcome]
    anchor, named = _report_anchor(start, record, version)
    what = "full reinspection" if outcome is Outcome.SYSTEMIC_FAILINGS else "next full inspection"
    return Pending(
        ActivityType.FULL_INSPECTION,
        add_years(anchor, years),
        f"outcome-{outcome.value}-full-{years}y",
        f"Outcome {outcome.value} ({outcome.label.lower()}) on {_when(start, record)}: the "
        f"{what} is usually within {years} years of {named}.",
        outcome,
    )


def _monitoring_rule(start: date, record: ActivityRecord, version: FrameworkVersion) -> Pending:
    # ¶21 counts from the LAP's receipt of the final report; publication is the nearest date
    # we hold, then the end or start of the inspection.
    anchor = record.published or record.end or start
    months = version.monitoring_inspection_months
    outcome = Outcome.SYSTEMIC_FAILINGS
    return Pending(
        ActivityType.MONITORING_INSPECTION,
        add_months(anchor, months),
        f"outcome-3-monitoring-{months}m",
        f"Outcome 3 ({outcome.label.lower()}) on {_when(start, record)}: a monitoring "
        f"inspection is usually due {months} months after the final report "
        f"({in_words(anchor)}).",
        outcome,
    )


def _pending_for(past: Sequence[ActivityRecord], version: FrameworkVersion) -> list[Pending]:
    fulls = [r for r in past if r.activity is ActivityType.FULL_INSPECTION]
    latest = _latest(fulls, version)
    if latest is None:
        return [_first_cycle_rule(version)]
    start, latest_full = latest
    outcome = latest_full.outcome
    if outcome is None:
        return [_outcome_pending_rule(start, latest_full, version)]
    pending = [_full_rule(start, latest_full, outcome, version)]
    if outcome is Outcome.SYSTEMIC_FAILINGS:
        monitored = _latest([r for r in past if r.activity is ActivityType.MONITORING_INSPECTION
                             and (_effective_start(r, version) or date.min) > start], version)
        if monitored is None:
            pending.append(_monitoring_rule(start, latest_full, version))
        elif monitored[1].finding == MonitoringFinding.INEFFECTIVE:
            pending.append(_further_monitoring_rule(monitored[0], monitored[1], version))
    return sorted(pending, key=lambda p: p.due_by)


def _further_monitoring_rule(start: date, record: ActivityRecord, version: FrameworkVersion) -> Pending:
    """Ineffective action found: a further monitoring visit (issue 9), within the cap of ¶23."""
    anchor = record.published or record.end or start
    months = version.further_monitoring_months
    return Pending(
        ActivityType.MONITORING_INSPECTION,
        add_months(anchor, months),
        f"ineffective-action-monitoring-{months}m",
        f"The monitoring inspection on {_when(start, record)} found ineffective action: a further "
        f"monitoring inspection is usually due {months} months after its report ({in_words(anchor)}).",
        Outcome.SYSTEMIC_FAILINGS,
    )


def _engagement_interval(outcome: Outcome | None, version: FrameworkVersion) -> int:
    intervals = version.engagement_meeting_interval_months
    return intervals[outcome.value] if outcome is not None else min(intervals.values())


def _next_engagement_meeting(past: Sequence[ActivityRecord], version: FrameworkVersion) -> EngagementDue:
    fulls = _latest([r for r in past if r.activity is ActivityType.FULL_INSPECTION], version)
    outcome = fulls[1].outcome if fulls else None
    months = _engagement_interval(outcome, version)
    provisional = version.provisional("engagement_meeting_interval_months")
    meeting = _latest([r for r in past if r.activity is ActivityType.ENGAGEMENT_MEETING], version)
    if meeting is not None:
        anchor, basis = meeting[0], f"the last meeting recorded ({in_words(meeting[0])})"
    elif fulls is not None and fulls[1].published is not None:
        anchor = fulls[1].published
        basis = f"the final report ({in_words(anchor)}); no meeting recorded since"
    else:
        return EngagementDue(None, "not recorded: no meeting or 2023-framework report is held", None)
    return EngagementDue(add_months(anchor, months), f"usually every {months} months after {basis}", provisional)


def _plan_due(past: Sequence[ActivityRecord], version: FrameworkVersion) -> PlanDue | None:
    latest = _latest([r for r in past if r.activity is ActivityType.FULL_INSPECTION], version)
    if latest is None or latest[1].outcome is None or latest[1].published is None:
        return None
    report, outcome = latest[1].published, latest[1].outcome
    if outcome.requires_priority_action_plan:
        parameter, plan, due = "pap_deadline_working_days", "priority action plan", pap_deadline(report, version)
    else:
        parameter = "strategic_plan_deadline_working_days"
        plan, due = "updated strategic plan", strategic_plan_deadline(report, version)
    days = getattr(version, parameter)
    return PlanDue(plan, due, f"{days} working days after the final report ({in_words(report)})",
                   version.provisional(parameter))


def next_due(
    history: Sequence[ActivityRecord], as_at: date, version: FrameworkVersion | None = None
) -> NextDue:
    """Every activity due for an area with this history, as at a date, the earliest first.

    Only what was known on as_at counts (`known_on`). A record with no start date is placed by
    its end date or, failing that, by the start estimated from its publication date; a record
    with no date at all is ignored.
    """
    v = version or version_in_force(as_at)
    past = [r for r in history if known_on(r, as_at, v)]
    last_inspection = _latest([r for r in past if r.activity.is_inspection], v)
    pending = _pending_for(past, v)
    outcome = next((p.outcome for p in pending if p.outcome is not None), None)
    return NextDue(
        pending=tuple(pending),
        engagement=_next_engagement_meeting(past, v),
        plan=_plan_due(past, v),
        requires_priority_action_plan=outcome is not None and outcome.requires_priority_action_plan,
        requires_strategic_plan=outcome is not None and outcome.requires_strategic_plan,
        last_activity=last_inspection[1] if last_inspection else None,
        as_at=as_at,
    )


def monitoring_visits_allowed(
    existing: Sequence[date], proposed: date, version: FrameworkVersion
) -> bool:
    """Whether one more monitoring visit on `proposed` keeps within the cap (¶23, July 2025).

    `existing` holds the dates of monitoring visits under both area SEND and ILACS. The cap
    applies to every 12-month window [d, d + 12 months) that contains the proposed date,
    counting the proposed visit. The fullest such window starts on one of the visit dates,
    so only those windows are checked.
    """
    cap = version.max_monitoring_visits_per_12_months
    if cap is None:
        return True
    visits = [*existing, proposed]
    for window_start in visits:
        window_end = add_months(window_start, 12)
        if not window_start <= proposed < window_end:
            continue
        if sum(window_start <= v < window_end for v in visits) > cap:
            return False
    return True


def follow_up_for_outcome(
    outcome: Outcome, start: date, final_report: date, version: FrameworkVersion
) -> FollowUp:
    """The follow-up an outcome sets in train (spec §6.1) and the report's standard sentences."""
    failings = outcome is Outcome.SYSTEMIC_FAILINGS
    return FollowUp(
        next_full_inspection_by=add_years(
            final_report if version.next_full_inspection_from == "publication" else start,
            version.next_full_inspection_years[outcome],
        ),
        monitoring_inspection_by=(
            add_months(final_report, version.monitoring_inspection_months) if failings else None
        ),
        priority_action_plan_due=(
            pap_deadline(final_report, version) if outcome.requires_priority_action_plan else None
        ),
        strategic_plan_due=(
            strategic_plan_deadline(final_report, version)
            if outcome.requires_strategic_plan
            else None
        ),
        sentences=[outcome.next_inspection_sentence, outcome.required_action_sentence],
    )


# --- After publication: the plan clocks and who reviews a priority action plan (issue 9) -----

GOVERNMENT_REVIEW = "DfE and regional NHS England"


def pap_publication_deadline(final_report: date, version: FrameworkVersion) -> date:
    """When the priority action plan is to be published: 70 working days after the report [S]."""
    return add_working_days(final_report, version.pap_publication_working_days)


def pap_review_due(submitted: date, version: FrameworkVersion) -> date:
    """When feedback on a submitted plan is due ([U] period)."""
    return add_working_days(submitted, version.pap_review_working_days)


def pap_reviewed_by_government(version: FrameworkVersion) -> bool:
    """From July 2025 (¶149) only the DfE and regional NHS England give feedback on a PAP;
    before that, Ofsted and CQC approved it."""
    return version.pap_feedback_from == GOVERNMENT_REVIEW


def overall_monitoring_finding(findings: Sequence[MonitoringFinding]) -> MonitoringFinding | None:
    """The letter's finding from one per area for priority action: effective action only where
    the partnership is taking effective action on every one of them (spec §7 [D])."""
    if not findings:
        return None
    if all(f is MonitoringFinding.EFFECTIVE for f in findings):
        return MonitoringFinding.EFFECTIVE
    return MonitoringFinding.INEFFECTIVE
