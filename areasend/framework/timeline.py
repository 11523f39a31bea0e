"""The dated steps of a full inspection, counted in English working days (spec §3.1, §3.2).

Working day 0 is the Monday the partnership is notified. Off-site fieldwork starts on working
day 8 and inspectors are on site from working day 10 for five working days: for Ealing,
notified Monday 8 September 2025, that was off-site from Thursday 18 September and on site
22-26 September [S32]. A bank holiday inside the three weeks pushes later steps on by a day,
which is why 2 of 55 reports show a Thursday-to-Friday on-site period [D] [S54].
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from .activities import Framework
from .calendar import add_working_days, bank_holiday_name, in_words, monday_of_week, school_holiday
from .versions import FrameworkVersion, version_in_force

NOTIFICATION = "notification"
SETUP_DISCUSSION = "set-up discussion"
DATA_REQUEST_DUE = "data request due"
SURVEY_WINDOW = "survey window"
PCF_MEETING = "parent carer forum meeting"
TRACKING_SELECTION = "tracking case selection"
TRACKING_DOCUMENTS_DUE = "tracking documents due"
OFFSITE_FIELDWORK = "off-site fieldwork"
ONSITE_FIELDWORK = "on-site fieldwork"
FINAL_FEEDBACK = "final feedback"


class InvalidNotificationDate(ValueError):
    """A full inspection cannot be notified on this date (or under this framework version)."""


@dataclass(frozen=True)
class Step:
    """One step of the inspection: a single day, or a span from start to end inclusive."""

    step: str
    start: date
    end: date | None = None
    working_day: int | None = None
    description: str = ""

    @property
    def is_single_day(self) -> bool:
        return self.end is None or self.end == self.start

    @property
    def last_day(self) -> date:
        return self.start if self.end is None else self.end

    def as_dict(self) -> dict[str, Any]:
        """The timeline contract's JSON (DESIGN.md): {step, date} or {step, start, end}."""
        if self.is_single_day:
            return {"step": self.step, "date": self.start.isoformat()}
        return {
            "step": self.step,
            "start": self.start.isoformat(),
            "end": self.last_day.isoformat(),
        }


def _check_working_monday(notified: date) -> None:
    """Refuse a notification date that is not a working Monday (spec §3.1: notice on a Monday)."""
    if notified.weekday() != 0 or bank_holiday_name(notified) is not None:
        raise InvalidNotificationDate(_problem(notified, None))


def onsite_week_problem(notified: date, version: FrameworkVersion | None = None) -> str | None:
    """Why the on-site week of a full inspection notified on this working Monday is not a
    Monday-to-Friday week in term time, or None when it is (spec §3.1, §15).

    The on-site week is working days 10-14. A bank holiday anywhere in the three weeks moves it
    off Monday-Friday; the Christmas, Easter and summer school holidays are provisional dates
    (calendar.SCHOOL_HOLIDAYS).
    """
    v = version or version_in_force(notified)
    first = add_working_days(notified, v.onsite_start_working_day)
    last = add_working_days(first, v.onsite_working_days - 1)
    if first.weekday() != 0 or (last - first).days != v.onsite_working_days - 1:
        between = [d for d in _days(notified, last) if bank_holiday_name(d)]
        named = ", ".join(f"{bank_holiday_name(d)} ({in_words(d)})" for d in between)
        noun = "bank holiday" if len(between) == 1 else "bank holidays"
        return (f"the on-site week would run {in_words(first)} to {in_words(last)}, not Monday to "
                f"Friday, because of the {noun} {named}")
    for day in _days(first, last):
        holiday = school_holiday(day)
        if holiday is not None:
            return (f"the on-site week {in_words(first)} to {in_words(last)} falls in the "
                    f"{holiday.name} ({in_words(holiday.first)} to {in_words(holiday.last)}; "
                    "provisional term dates)")
    return None


def _days(first: date, last: date) -> list[date]:
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def nearest_valid_mondays(notified: date, version: FrameworkVersion | None = None,
                          weeks: int = 26) -> tuple[date | None, date | None]:
    """The nearest valid notification Mondays before and after this date (None beyond `weeks`)."""
    monday = monday_of_week(notified)

    def valid(day: date) -> bool:
        return bank_holiday_name(day) is None and onsite_week_problem(day, version) is None

    earlier = (monday - timedelta(weeks=n) for n in range(weeks + 1))
    later = (monday + timedelta(weeks=n) for n in range(weeks + 1))
    before = next((d for d in earlier if d < notified and valid(d)), None)
    after = next((d for d in later if d > notified and valid(d)), None)
    return before, after


def _problem(notified: date, version: FrameworkVersion | None) -> str | None:
    if notified.weekday() != 0:
        return f"{notified.isoformat()} is a {notified:%A}; notification must be on a Monday"
    holiday = bank_holiday_name(notified)
    if holiday is not None:
        return (f"{notified.isoformat()} is a bank holiday ({holiday}); "
                "notification must be on a working Monday")
    problem = onsite_week_problem(notified, version)
    return None if problem is None else f"{notified.isoformat()} cannot be the notification date: {problem}"


def check_notification_date(notified: date, version: FrameworkVersion | None = None) -> None:
    """Refuse a notification date that is not a working Monday, or whose on-site week would not
    be Monday to Friday in term time; the message gives the reason and the nearest valid Mondays.
    """
    _version_for(notified, version)
    problem = _problem(notified, version)
    if problem is None:
        return
    before, after = nearest_valid_mondays(notified, version)
    options = " or ".join(in_words(d) for d in (before, after) if d is not None)
    raise InvalidNotificationDate(
        f"{problem}. The nearest valid notification dates are {options or 'not within 26 weeks'}."
    )


def _version_for(notified: date, version: FrameworkVersion | None) -> FrameworkVersion:
    chosen = version or version_in_force(notified)
    if chosen.framework is not Framework.F2023:
        raise InvalidNotificationDate(
            f"Framework version {chosen.key} has no full inspection timeline: full inspections "
            "began with the 2023 framework on 2023-01-01 (the 2016 framework gave 5 working "
            f"days' notice of a local area SEND inspection); notification {notified.isoformat()}"
        )
    return chosen


def full_inspection_timeline(notified: date, version: FrameworkVersion | None = None) -> list[Step]:
    """The steps of a full inspection notified on a working Monday, in date order.

    The version defaults to the one in force on the notification date.
    """
    # Only the working-Monday check: an inspection already notified keeps its timeline even if
    # the term-time rule would refuse its date today (check_notification_date is for new ones).
    _check_working_monday(notified)
    v = _version_for(notified, version)
    steps = [*_week_one_steps(notified, v), *_fieldwork_steps(notified, v)]
    # sorted() is stable, so same-day steps keep the order they are listed in above.
    return sorted(steps, key=lambda s: s.start)


def _day(notified: date, n: int, name: str, description: str) -> Step:
    return Step(name, add_working_days(notified, n), None, n, description)


def _span(notified: date, first: int, last: int, name: str, description: str) -> Step:
    start, end = add_working_days(notified, first), add_working_days(notified, last)
    return Step(name, start, end, first, description)


def _week_one_steps(notified: date, v: FrameworkVersion) -> list[Step]:
    tracking_due = v.tracking_selection_working_day + v.tracking_documents_working_days
    return [
        _day(notified, 0, NOTIFICATION, "The lead inspector calls; the LAP names its LANO."),
        _span(
            notified,
            0,
            v.survey_window_working_days - 1,
            SURVEY_WINDOW,
            f"Surveys open for {v.survey_window_working_days} working days [S] Hackney.",
        ),
        _day(
            notified,
            v.setup_discussion_working_day,
            SETUP_DISCUSSION,
            "Set-up discussion; the code of conduct is raised (handbook ¶8).",
        ),
        _day(
            notified,
            v.pcf_meeting_working_day,
            PCF_MEETING,
            "Remote meeting with parent carer forum representatives.",
        ),
        _day(
            notified,
            v.data_request_working_days,
            DATA_REQUEST_DUE,
            "Annex A data and documents, including person-level data, are due.",
        ),
        _day(
            notified,
            v.tracking_selection_working_day,
            TRACKING_SELECTION,
            f"Inspectors choose {v.tracking_cases} children or young people to track.",
        ),
        _day(
            notified,
            tracking_due,
            TRACKING_DOCUMENTS_DUE,
            f"Tracking documents due {v.tracking_documents_working_days} working days after "
            "selection.",
        ),
    ]


def _fieldwork_steps(notified: date, v: FrameworkVersion) -> list[Step]:
    onsite_last = v.onsite_start_working_day + v.onsite_working_days - 1
    return [
        _span(
            notified,
            v.offsite_fieldwork_working_day,
            v.onsite_start_working_day - 1,
            OFFSITE_FIELDWORK,
            "Document and data analysis, tracking work and remote meetings.",
        ),
        _span(
            notified,
            v.onsite_start_working_day,
            onsite_last,
            ONSITE_FIELDWORK,
            "Inspectors on site: leaders, practitioners, settings, families.",
        ),
        _day(
            notified,
            onsite_last,
            FINAL_FEEDBACK,
            "Final feedback to the LANO, leaders and the PCF; findings embargoed.",
        ),
    ]


def onsite_is_monday_to_friday(steps: Sequence[Step]) -> bool:
    """True when the on-site fieldwork runs Monday to Friday of one week (spec §3.1).

    False when a bank holiday in the inspection weeks shifts it, e.g. to Tuesday-Monday.
    """
    onsite = next((s for s in steps if s.step == ONSITE_FIELDWORK), None)
    if onsite is None:
        raise ValueError(f"No {ONSITE_FIELDWORK!r} step in the timeline")
    return onsite.start.weekday() == 0 and (onsite.last_day - onsite.start).days == 4


def factual_accuracy_deadline(sent: date, version: FrameworkVersion) -> date:
    """When the LAP's factual accuracy comments on the draft report are due ([U] period)."""
    return add_working_days(sent, version.factual_accuracy_working_days)


def pap_deadline(final_report: date, version: FrameworkVersion) -> date:
    """When the priority action plan is due after the final report ([U] period, spec §6.1)."""
    return add_working_days(final_report, version.pap_deadline_working_days)


def strategic_plan_deadline(final_report: date, version: FrameworkVersion) -> date:
    """When the updated strategic plan is due after the final report ([U] period, spec §6.1)."""
    return add_working_days(final_report, version.strategic_plan_deadline_working_days)
