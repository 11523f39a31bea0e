"""What is due next for an area, from its history (spec §6.1, §7, §8, §15 "Scheduling rules").

- No full inspection under the 2023 framework yet: a full inspection by the end of the first
  cycle, December 2027 [C] [S51], whatever happened under the 2016 framework.
- Latest full inspection, outcome 1: next full inspection usually within 5 years of its start;
  outcome 2: within 3 years [C] [S38][S54]. Real data agrees: Cornwall, started 2023-02-06,
  outcome 2, "next inspection by" 2026-02-06.
- Outcome 3: a monitoring inspection usually 18 months after the final report (¶21) [C] [S2];
  once that has happened, the full reinspection within 3 years of the full inspection's start.
- Engagement meetings for every area, every `engagement_meeting_interval_months` [U].

Only inspections decide what is due: engagement meetings and thematic visits do not (spec §2).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from .activities import ActivityType
from .calendar import add_months, add_working_days, add_years, monday_of_week
from .outcomes import Outcome, RevisitProgress
from .timeline import pap_deadline, strategic_plan_deadline
from .versions import FrameworkVersion, get_version, version_in_force

# The 2023 framework's first day: the anchor for engagement meetings when an area has nothing
# more recent (spec §1 "Framework dates").
_FRAMEWORK_2023_START = get_version("2023-01").in_force_from


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


@dataclass(frozen=True)
class NextDue:
    """The next inspection an area is due, why, and what else follows from its history."""

    activity: ActivityType
    due_by: date
    overdue: bool
    reason: str
    rule: str
    next_engagement_meeting: date
    requires_priority_action_plan: bool
    requires_strategic_plan: bool
    last_activity: ActivityRecord | None


@dataclass(frozen=True)
class FollowUp:
    """The follow-up dates and report sentences for one full inspection outcome (spec §6.1)."""

    next_full_inspection_by: date
    monitoring_inspection_by: date | None
    priority_action_plan_due: date | None
    strategic_plan_due: date | None
    sentences: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _Rule:
    activity: ActivityType
    due_by: date
    reason: str
    rule: str
    outcome: Outcome | None = None


def estimate_start_from_publication(published: date, version: FrameworkVersion) -> date:
    """Estimate when an inspection started from its publication date alone.

    A few real rows have no start date (research-data README). Going back the version's median
    publication gap [D] (spec §3.2) gives the likely last on-site day; the on-site week starts
    on that week's Monday. The import marks such dates as estimated.
    """
    last_onsite_day = add_working_days(published, -version.publication_gap_working_days)
    return monday_of_week(last_onsite_day)


def _effective_start(record: ActivityRecord, version: FrameworkVersion) -> date | None:
    """The record's start; if unknown, its end week's Monday, or an estimate from publication."""
    if record.start is not None:
        return record.start
    if record.end is not None:
        return monday_of_week(record.end)
    if record.published is not None:
        return estimate_start_from_publication(record.published, version)
    return None


def _latest(
    records: Sequence[ActivityRecord], version: FrameworkVersion
) -> tuple[date, ActivityRecord] | None:
    """The latest dated record and its (possibly estimated) start."""
    dated = [(start, r) for r in records if (start := _effective_start(r, version)) is not None]
    # Stable sort: of two records on the same day, the later one in the history wins.
    dated.sort(key=lambda pair: pair[0])
    return dated[-1] if dated else None


def _when(start: date, record: ActivityRecord) -> str:
    return start.isoformat() if record.start is not None else f"{start.isoformat()} (estimated)"


def _first_cycle_rule(version: FrameworkVersion) -> _Rule:
    return _Rule(
        ActivityType.FULL_INSPECTION,
        version.first_cycle_end,
        "No full inspection under the 2023 framework yet: every area has one in the first "
        f"cycle, which ends by {version.first_cycle_end.isoformat()}.",
        "first-cycle-end",
    )


def _pending_rule(start: date, record: ActivityRecord, version: FrameworkVersion) -> _Rule:
    # The outcome is not recorded yet (inspection under way or unpublished). Until it is, plan
    # for the shortest interval any outcome gives.
    years = min(version.next_full_inspection_years.values())
    return _Rule(
        ActivityType.FULL_INSPECTION,
        add_years(start, years),
        f"Full inspection on {_when(start, record)} has no recorded outcome yet: the next full "
        f"inspection is within {years} years at the latest.",
        f"outcome-pending-full-{years}y",
    )


def _full_rule(
    start: date, record: ActivityRecord, outcome: Outcome, version: FrameworkVersion
) -> _Rule:
    years = version.next_full_inspection_years[outcome]
    what = "full reinspection" if outcome is Outcome.SYSTEMIC_FAILINGS else "next full inspection"
    return _Rule(
        ActivityType.FULL_INSPECTION,
        add_years(start, years),
        f"Outcome {outcome.value} ({outcome.label.lower()}) on {_when(start, record)}: the "
        f"{what} is usually within {years} years.",
        f"outcome-{outcome.value}-full-{years}y",
        outcome,
    )


def _monitoring_rule(start: date, record: ActivityRecord, version: FrameworkVersion) -> _Rule:
    # ¶21 counts from the LAP's receipt of the final report; publication is the nearest date
    # we hold, then the end or start of the inspection.
    anchor = record.published or record.end or start
    months = version.monitoring_inspection_months
    outcome = Outcome.SYSTEMIC_FAILINGS
    return _Rule(
        ActivityType.MONITORING_INSPECTION,
        add_months(anchor, months),
        f"Outcome 3 ({outcome.label.lower()}) on {_when(start, record)}: a monitoring "
        f"inspection is usually due {months} months after the final report "
        f"({anchor.isoformat()}).",
        f"outcome-3-monitoring-{months}m",
        outcome,
    )


def _rule_for(past: Sequence[ActivityRecord], version: FrameworkVersion) -> _Rule:
    fulls = [r for r in past if r.activity is ActivityType.FULL_INSPECTION]
    latest = _latest(fulls, version)
    if latest is None:
        return _first_cycle_rule(version)
    start, latest_full = latest
    outcome = latest_full.outcome
    if outcome is None:
        return _pending_rule(start, latest_full, version)
    if outcome is not Outcome.SYSTEMIC_FAILINGS:
        return _full_rule(start, latest_full, outcome, version)
    monitored = any(
        r.activity is ActivityType.MONITORING_INSPECTION
        and (_effective_start(r, version) or date.min) > start
        for r in past
    )
    if monitored:
        return _full_rule(start, latest_full, outcome, version)
    return _monitoring_rule(start, latest_full, version)


def _next_engagement_meeting(
    past: Sequence[ActivityRecord],
    last_inspection: tuple[date, ActivityRecord] | None,
    as_at: date,
    version: FrameworkVersion,
) -> date:
    meetings = [r for r in past if r.activity is ActivityType.ENGAGEMENT_MEETING]
    latest_meeting = _latest(meetings, version)
    if latest_meeting is not None:
        anchor = latest_meeting[0]
    elif last_inspection is not None:
        start, record = last_inspection
        anchor = record.published or record.end or start
    else:
        anchor = _FRAMEWORK_2023_START
    following = add_months(anchor, version.engagement_meeting_interval_months)
    # A meeting that should already have happened is due now, not in the past.
    return max(following, as_at)


def next_due(
    history: Sequence[ActivityRecord], as_at: date, version: FrameworkVersion | None = None
) -> NextDue:
    """The next inspection due for an area with this history, as at a date.

    Activities starting after as_at are ignored: as at that date they had not happened. A
    record with no start date is placed by its end date or, failing that, by the start
    estimated from its publication date; a record with no date at all is ignored.
    """
    v = version or version_in_force(as_at)
    past = [r for r in history if (s := _effective_start(r, v)) is not None and s <= as_at]
    last_inspection = _latest([r for r in past if r.activity.is_inspection], v)
    rule = _rule_for(past, v)
    outcome = rule.outcome
    return NextDue(
        activity=rule.activity,
        due_by=rule.due_by,
        overdue=rule.due_by < as_at,
        reason=rule.reason,
        rule=rule.rule,
        next_engagement_meeting=_next_engagement_meeting(past, last_inspection, as_at, v),
        requires_priority_action_plan=outcome is not None and outcome.requires_priority_action_plan,
        requires_strategic_plan=outcome is not None and outcome.requires_strategic_plan,
        last_activity=last_inspection[1] if last_inspection else None,
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
        next_full_inspection_by=add_years(start, version.next_full_inspection_years[outcome]),
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
