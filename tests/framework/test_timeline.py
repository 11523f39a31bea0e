"""The full inspection clock (areasend.framework.timeline)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from areasend.framework.calendar import (
    SCHOOL_HOLIDAYS,
    academic_year,
    add_working_days,
    is_working_day,
    school_holiday,
    working_days_between,
)
from areasend.framework.timeline import (
    FINAL_FEEDBACK,
    NOTIFICATION,
    OFFSITE_FIELDWORK,
    ONSITE_FIELDWORK,
    SURVEY_WINDOW,
    InvalidNotificationDate,
    Step,
    check_notification_date,
    factual_accuracy_deadline,
    full_inspection_timeline,
    nearest_valid_mondays,
    onsite_is_monday_to_friday,
    onsite_week_problem,
    pap_deadline,
    strategic_plan_deadline,
)
from areasend.framework.versions import get_version

FAST = settings(max_examples=120, deadline=None, database=None)

FIRST_MONDAY = date(2023, 1, 2)
working_mondays_2023_2027 = (
    st.integers(min_value=0, max_value=260)
    .map(lambda weeks: FIRST_MONDAY + timedelta(weeks=weeks))
    .filter(lambda d: d.year <= 2027 and is_working_day(d))
)


def _step(steps: list[Step], name: str) -> Step:
    return next(s for s in steps if s.step == name)


def test_ealing_september_2025_case() -> None:
    # Ealing (EGfL) [S32]: notified Monday 8 September 2025, off-site from Thursday
    # 18 September, on site Monday 22 to Friday 26 September.
    steps = full_inspection_timeline(date(2025, 9, 8))
    assert [s.as_dict() for s in steps] == [
        {"step": "notification", "date": "2025-09-08"},
        {"step": "survey window", "start": "2025-09-08", "end": "2025-09-15"},
        {"step": "set-up discussion", "date": "2025-09-09"},
        {"step": "parent carer forum meeting", "date": "2025-09-10"},
        {"step": "data request due", "date": "2025-09-11"},
        {"step": "tracking case selection", "date": "2025-09-11"},
        {"step": "tracking documents due", "date": "2025-09-15"},
        {"step": "off-site fieldwork", "start": "2025-09-18", "end": "2025-09-19"},
        {"step": "on-site fieldwork", "start": "2025-09-22", "end": "2025-09-26"},
        {"step": "final feedback", "date": "2025-09-26"},
    ]
    assert onsite_is_monday_to_friday(steps)


def test_steps_carry_their_working_day_numbers() -> None:
    steps = full_inspection_timeline(date(2025, 9, 8))
    assert _step(steps, NOTIFICATION).working_day == 0
    assert _step(steps, OFFSITE_FIELDWORK).working_day == 8
    assert _step(steps, ONSITE_FIELDWORK).working_day == 10
    assert _step(steps, FINAL_FEEDBACK).working_day == 14
    assert all(s.description for s in steps)


def test_christmas_pushes_fieldwork_into_january() -> None:
    steps = full_inspection_timeline(date(2023, 12, 18))
    assert _step(steps, "tracking documents due").start == date(2023, 12, 27)
    offsite = _step(steps, OFFSITE_FIELDWORK)
    assert (offsite.start, offsite.end) == (date(2024, 1, 2), date(2024, 1, 3))
    onsite = _step(steps, ONSITE_FIELDWORK)
    assert (onsite.start, onsite.end) == (date(2024, 1, 4), date(2024, 1, 10))
    assert _step(steps, FINAL_FEEDBACK).start == date(2024, 1, 10)
    assert not onsite_is_monday_to_friday(steps)


def test_a_bank_holiday_monday_in_week_three_shifts_the_onsite_week() -> None:
    # Spring bank holiday Monday 27 May 2024 falls in week 3: on site Tuesday to Monday.
    steps = full_inspection_timeline(date(2024, 5, 13))
    onsite = _step(steps, ONSITE_FIELDWORK)
    assert (onsite.start, onsite.end) == (date(2024, 5, 28), date(2024, 6, 3))
    assert not onsite_is_monday_to_friday(steps)


@pytest.mark.parametrize(
    ("day", "message"),
    [
        (date(2025, 9, 9), "2025-09-09 is a Tuesday; notification must be on a Monday"),
        (date(2025, 9, 13), "2025-09-13 is a Saturday; notification must be on a Monday"),
        (date(2024, 4, 1), "2024-04-01 is a bank holiday (Easter Monday)"),
        (date(2022, 9, 19), "2022-09-19 is a bank holiday (State Funeral of Queen Elizabeth II)"),
        (date(2023, 5, 8), "2023-05-08 is a bank holiday (Coronation of Charles III)"),
        (date(2023, 12, 25), "2023-12-25 is a bank holiday (Christmas Day)"),
    ],
)
def test_a_date_that_is_not_a_working_monday_is_refused(day: date, message: str) -> None:
    with pytest.raises(InvalidNotificationDate) as caught:
        full_inspection_timeline(day)
    assert str(caught.value).startswith(message)
    assert isinstance(caught.value, ValueError)


def test_a_2016_version_is_refused() -> None:
    with pytest.raises(InvalidNotificationDate, match="version 2016 has no full inspection"):
        full_inspection_timeline(date(2025, 9, 8), get_version("2016"))
    # Before 2023 the version in force is the 2016 one.
    with pytest.raises(InvalidNotificationDate, match="2016"):
        full_inspection_timeline(date(2022, 12, 5))


def test_an_explicit_version_is_used() -> None:
    version = replace(get_version("2025-07"), survey_window_working_days=1)
    steps = full_inspection_timeline(date(2025, 9, 8), version)
    assert _step(steps, SURVEY_WINDOW).as_dict() == {"step": "survey window", "date": "2025-09-08"}


@FAST
@given(working_mondays_2023_2027)
def test_onsite_is_five_working_days_ending_with_final_feedback(notified: date) -> None:
    steps = full_inspection_timeline(notified)
    onsite = _step(steps, ONSITE_FIELDWORK)
    assert onsite.end is not None
    assert is_working_day(onsite.start) and is_working_day(onsite.end)
    assert working_days_between(onsite.start, onsite.end) == 4
    assert working_days_between(notified, onsite.start) == 10
    assert _step(steps, FINAL_FEEDBACK).start == onsite.end
    offsite = _step(steps, OFFSITE_FIELDWORK)
    assert working_days_between(notified, offsite.start) == 8
    assert offsite.end == add_working_days(onsite.start, -1)


@FAST
@given(working_mondays_2023_2027)
def test_steps_are_in_date_order_starting_with_notification(notified: date) -> None:
    steps = full_inspection_timeline(notified)
    assert steps[0].step == NOTIFICATION and steps[0].start == notified
    assert [s.start for s in steps] == sorted(s.start for s in steps)
    assert len({s.step for s in steps}) == len(steps) == 10
    # On site is Monday to Friday of week 3 exactly when no bank holiday falls in the three
    # weeks; any bank holiday shifts it by 1 to 3 working days.
    three_weeks = [notified + timedelta(days=d) for d in range(19)]
    no_holiday = all(is_working_day(d) for d in three_weeks if d.weekday() < 5)
    assert onsite_is_monday_to_friday(steps) == no_holiday


@FAST
@given(st.dates(min_value=date(2023, 1, 1), max_value=date(2027, 12, 31)))
def test_only_working_mondays_are_accepted(day: date) -> None:
    if day.weekday() == 0 and is_working_day(day):
        assert full_inspection_timeline(day)[0].start == day
    else:
        with pytest.raises(InvalidNotificationDate):
            full_inspection_timeline(day)


def test_step_as_dict_shapes() -> None:
    day = date(2025, 9, 8)
    assert Step("x", day).as_dict() == {"step": "x", "date": "2025-09-08"}
    assert Step("x", day, day).as_dict() == {"step": "x", "date": "2025-09-08"}
    assert Step("x", day, date(2025, 9, 9)).as_dict() == {
        "step": "x",
        "start": "2025-09-08",
        "end": "2025-09-09",
    }


def test_onsite_is_monday_to_friday_needs_an_onsite_step() -> None:
    with pytest.raises(ValueError, match="on-site fieldwork"):
        onsite_is_monday_to_friday([Step("notification", date(2025, 9, 8))])


def test_post_fieldwork_deadlines() -> None:
    version = get_version("2025-07")
    # Draft sent Friday 26 September 2025: 5 working days later is Friday 3 October.
    assert factual_accuracy_deadline(date(2025, 9, 26), version) == date(2025, 10, 3)
    # Lancashire's final report, 12 February 2025: 35 working days later is 2 April 2025.
    assert pap_deadline(date(2025, 2, 12), version) == date(2025, 4, 2)
    strategic = strategic_plan_deadline(date(2025, 2, 12), version)
    assert working_days_between(date(2025, 2, 12), strategic) == 70
    longer = replace(version, pap_deadline_working_days=50)
    assert working_days_between(date(2025, 2, 12), pap_deadline(date(2025, 2, 12), longer)) == 50


# --- the on-site week: Monday to Friday, in term time (check_notification_date)

def test_academic_years_and_school_holidays() -> None:
    assert academic_year(date(2025, 8, 31)) == "2024/25"
    assert academic_year(date(2025, 9, 1)) == "2025/26"
    assert school_holiday(date(2026, 1, 2)).name == "Christmas school holidays"  # type: ignore[union-attr]
    assert school_holiday(date(2026, 4, 6)).name == "Easter school holidays"  # type: ignore[union-attr]
    assert school_holiday(date(2026, 8, 3)).name == "summer school holidays"  # type: ignore[union-attr]
    assert school_holiday(date(2026, 9, 2)) is None
    assert school_holiday(date(2031, 8, 1)) is None  # no term dates held: nothing refused
    for year, holidays in SCHOOL_HOLIDAYS.items():
        assert [h.first <= h.last for h in holidays] == [True, True, True], year
        assert all(academic_year(h.first) == year for h in holidays[:2]), year


def test_the_provisional_term_dates_agree_with_every_real_onsite_week() -> None:
    rows = _real_rows_with_starts()
    if not rows:
        pytest.skip("shared research data not present")
    for name, start, end in rows:
        days = [start + timedelta(days=n) for n in range((end - start).days + 1)]
        assert not [d for d in days if school_holiday(d)], name


def _real_rows_with_starts() -> list[tuple[str, date, date]]:
    import csv
    from pathlib import Path

    path = (Path(__file__).resolve().parents[2].parent / "shared" / "research-data" / "inspections"
            / "area_send_2023_framework_full_inspections.csv")
    if not path.is_file():
        return []
    with path.open(encoding="utf-8") as handle:
        return [(r["la_name"], date.fromisoformat(r["inspection_start_date"]),
                 date.fromisoformat(r["inspection_end_date"] or r["inspection_start_date"]))
                for r in csv.DictReader(handle) if r["inspection_start_date"]]


def _mondays(first: date, last: date) -> list[date]:
    day = first + timedelta(days=(7 - first.weekday()) % 7)
    return [day + timedelta(weeks=n) for n in range((last - day).days // 7 + 1)]


def test_every_accepted_monday_gives_a_monday_to_friday_onsite_week_in_term_time() -> None:
    accepted = 0
    for monday in _mondays(date(2023, 1, 2), date(2027, 12, 27)):
        try:
            check_notification_date(monday)
        except InvalidNotificationDate as refused:
            before, after = nearest_valid_mondays(monday)
            for valid in (before, after):
                assert valid is not None and onsite_week_problem(valid) is None
                assert valid.strftime("%A %-d %B %Y") in str(refused)
            assert before is not None and before < monday
            assert after is not None and after > monday
            continue
        accepted += 1
        steps = full_inspection_timeline(monday)
        assert onsite_is_monday_to_friday(steps)
        onsite = next(s for s in steps if s.step == "on-site fieldwork")
        assert not [d for d in (onsite.start + timedelta(days=n) for n in range(5)) if school_holiday(d)]
    assert 120 < accepted < 200  # of 261 Mondays: term-time weeks clear of bank holidays


def test_the_timeline_of_an_inspection_already_notified_is_still_computed() -> None:
    # Notified before the term-time rule: its timeline must still show (no refusal after the fact).
    steps = full_inspection_timeline(date(2026, 7, 13))
    assert steps[0].start == date(2026, 7, 13)
    with pytest.raises(InvalidNotificationDate, match="summer school holidays"):
        check_notification_date(date(2026, 7, 13))
