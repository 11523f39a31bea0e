"""English working days and calendar arithmetic (areasend.framework.calendar)."""

from __future__ import annotations

import csv
from datetime import date, timedelta
from pathlib import Path

import pytest
from govuk_bank_holidays.bank_holidays import BankHolidays
from hypothesis import given, settings
from hypothesis import strategies as st

from areasend.framework.calendar import (
    add_months,
    add_working_days,
    add_years,
    bank_holiday_name,
    bank_holidays,
    is_working_day,
    monday_of_week,
    working_days_between,
)

RESEARCH_DATA = Path(__file__).resolve().parents[2].parent / "shared" / "research-data"
BANK_HOLIDAYS_CSV = RESEARCH_DATA / "calendar" / "bank_holidays_england_wales_2019_2027.csv"

FAST = settings(max_examples=150, deadline=None, database=None)
dates = st.dates(min_value=date(2016, 1, 1), max_value=date(2030, 12, 31))
steps = st.integers(min_value=-300, max_value=300)


def _brute_force_working_day(d: date) -> bool:
    return d.weekday() < 5 and d not in bank_holidays(d.year)


# --- is_working_day and bank holidays


@pytest.mark.parametrize(
    ("day", "name_part"),
    [
        (date(2022, 9, 19), "State Funeral"),  # one-off: Queen Elizabeth II's funeral
        (date(2023, 5, 8), "Coronation"),  # one-off: coronation of King Charles III
        (date(2022, 6, 3), "Jubilee"),  # one-off: Platinum Jubilee
        (date(2024, 4, 1), "Easter Monday"),
        (date(2024, 3, 29), "Good Friday"),
        (date(2022, 12, 27), "Christmas"),  # substitute day: Christmas fell on a Sunday
        (date(2023, 1, 2), "New Year"),  # substitute day
        (date(2020, 5, 8), "May Day"),  # moved to VE day in 2020
    ],
)
def test_bank_holidays_are_not_working_days(day: date, name_part: str) -> None:
    assert not is_working_day(day)
    name = bank_holiday_name(day)
    assert name is not None and name_part in name


def test_weekends_are_not_working_days() -> None:
    assert not is_working_day(date(2025, 9, 13))
    assert not is_working_day(date(2025, 9, 14))
    assert bank_holiday_name(date(2025, 9, 13)) is None


def test_ordinary_weekdays_are_working_days() -> None:
    assert all(is_working_day(date(2025, 9, d)) for d in range(8, 13))
    assert bank_holiday_name(date(2025, 9, 8)) is None


def test_bank_holidays_leave_out_holidays_falling_at_weekends() -> None:
    # Christmas Day 2022 was a Sunday: the day off is Tuesday 27 December.
    holidays_2022 = bank_holidays(2022)
    assert date(2022, 12, 25) not in holidays_2022
    assert date(2022, 12, 27) in holidays_2022
    assert list(holidays_2022) == sorted(holidays_2022)


def test_bank_holidays_in_far_years_are_available() -> None:
    assert date(2035, 12, 25) in bank_holidays(2035)
    assert date(2010, 4, 5) in bank_holidays(2010)  # Easter Monday 2010


def _csv_bank_holidays() -> dict[int, set[date]]:
    by_year: dict[int, set[date]] = {}
    with BANK_HOLIDAYS_CSV.open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            day = date.fromisoformat(row["date"])
            by_year.setdefault(day.year, set()).add(day)
    return by_year


@pytest.mark.skipif(
    not RESEARCH_DATA.is_dir(),
    reason=f"shared research data not present at {RESEARCH_DATA}",
)
def test_bank_holidays_match_the_gov_uk_feed_copy_in_research_data() -> None:
    expected = _csv_bank_holidays()
    assert set(expected) == set(range(2019, 2028))
    for year, days in expected.items():
        assert set(bank_holidays(year)) == days, year


def test_bank_holidays_match_govuk_bank_holidays_package() -> None:
    cached = BankHolidays(use_cached_holidays=True).get_holidays(
        division=BankHolidays.ENGLAND_AND_WALES
    )
    by_year: dict[int, set[date]] = {}
    for holiday in cached:
        by_year.setdefault(holiday["date"].year, set()).add(holiday["date"])
    # The package's cache covers whole years in the middle; its first and last year may be
    # partial, so compare only years it has from January to December.
    full_years = [y for y in by_year if y - 1 in by_year and y + 1 in by_year]
    assert len(full_years) >= 5
    for year in full_years:
        assert set(bank_holidays(year)) == by_year[year], year


# --- add_working_days and working_days_between


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        (date(2025, 9, 12), 1, date(2025, 9, 15)),  # Friday + 1 = Monday
        (date(2025, 9, 13), 1, date(2025, 9, 15)),  # from a Saturday
        (date(2023, 12, 22), 1, date(2023, 12, 27)),  # over Christmas and Boxing Day
        (date(2023, 12, 29), 1, date(2024, 1, 2)),  # over New Year's Day
        (date(2024, 1, 2), -1, date(2023, 12, 29)),
        (date(2023, 12, 27), -1, date(2023, 12, 22)),
        (date(2022, 9, 16), 1, date(2022, 9, 20)),  # over the state funeral
        (date(2023, 5, 5), 1, date(2023, 5, 9)),  # over the coronation
        (date(2025, 9, 8), 8, date(2025, 9, 18)),  # Ealing: off-site fieldwork
        (date(2025, 9, 8), 10, date(2025, 9, 22)),  # Ealing: on site
        (date(2025, 9, 8), 0, date(2025, 9, 8)),
    ],
)
def test_add_working_days_known_cases(start: date, n: int, expected: date) -> None:
    assert add_working_days(start, n) == expected


@pytest.mark.parametrize("day", [date(2025, 9, 13), date(2024, 4, 1), date(2023, 5, 8)])
def test_add_zero_working_days_to_a_non_working_day_is_refused(day: date) -> None:
    with pytest.raises(ValueError, match=f"{day.isoformat()} is not a working day"):
        add_working_days(day, 0)


def test_add_working_days_over_long_spans_matches_a_brute_force_walk() -> None:
    start = date(2019, 6, 3)
    day, counted = start, 0
    while counted < 1500:
        day += timedelta(days=1)
        counted += _brute_force_working_day(day)
    assert add_working_days(start, 1500) == day
    assert add_working_days(day, -1500) == start


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (date(2025, 9, 8), date(2025, 9, 8), 0),
        (date(2025, 9, 12), date(2025, 9, 15), 1),
        (date(2025, 9, 8), date(2025, 9, 12), 4),
        (date(2025, 9, 15), date(2025, 9, 12), -1),
        (date(2023, 12, 22), date(2024, 1, 2), 4),  # 27, 28, 29 December and 2 January
        (date(2025, 9, 13), date(2025, 9, 14), 0),
    ],
)
def test_working_days_between_known_cases(start: date, end: date, expected: int) -> None:
    assert working_days_between(start, end) == expected


@FAST
@given(dates, steps.filter(lambda n: n != 0))
def test_add_working_days_lands_on_a_working_day(start: date, n: int) -> None:
    result = add_working_days(start, n)
    assert is_working_day(result)
    assert result.weekday() < 5
    assert result not in bank_holidays(result.year)
    assert (result > start) == (n > 0)


@FAST
@given(dates, steps)
def test_working_days_between_inverts_add_working_days(start: date, n: int) -> None:
    if n == 0 and not is_working_day(start):
        return
    assert working_days_between(start, add_working_days(start, n)) == n


@FAST
@given(dates.filter(is_working_day), steps)
def test_add_working_days_round_trips_from_a_working_day(start: date, n: int) -> None:
    assert add_working_days(add_working_days(start, n), -n) == start


@FAST
@given(dates, st.integers(min_value=0, max_value=60))
def test_working_days_between_counts_like_a_brute_force(start: date, span: int) -> None:
    end = start + timedelta(days=span)
    expected = sum(_brute_force_working_day(start + timedelta(days=i)) for i in range(1, span + 1))
    assert working_days_between(start, end) == expected
    assert working_days_between(end, start) == -sum(
        _brute_force_working_day(start + timedelta(days=i)) for i in range(span)
    )


@FAST
@given(dates, steps.filter(lambda n: n > 0))
def test_add_working_days_is_strictly_increasing(start: date, n: int) -> None:
    assert add_working_days(start, n) < add_working_days(start, n + 1)


# --- Monday, months and years


@FAST
@given(dates)
def test_monday_of_week_is_the_monday_on_or_before(day: date) -> None:
    monday = monday_of_week(day)
    assert monday.weekday() == 0
    assert 0 <= (day - monday).days <= 6


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2023, 8, 31), 18, date(2025, 2, 28)),
        (date(2022, 8, 31), 18, date(2024, 2, 29)),
        (date(2023, 5, 16), 18, date(2024, 11, 16)),
        (date(2025, 12, 15), 1, date(2026, 1, 15)),
        (date(2025, 3, 31), -1, date(2025, 2, 28)),
        (date(2026, 1, 31), -5, date(2025, 8, 31)),
        (date(2025, 1, 1), 0, date(2025, 1, 1)),
    ],
)
def test_add_months_clamps_to_month_end(start: date, months: int, expected: date) -> None:
    assert add_months(start, months) == expected


@pytest.mark.parametrize(
    ("start", "years", "expected"),
    [
        (date(2024, 2, 29), 1, date(2025, 2, 28)),
        (date(2024, 2, 29), 4, date(2028, 2, 29)),
        (date(2023, 2, 6), 3, date(2026, 2, 6)),
        (date(2023, 3, 13), 5, date(2028, 3, 13)),
    ],
)
def test_add_years(start: date, years: int, expected: date) -> None:
    assert add_years(start, years) == expected


@FAST
@given(dates, st.integers(min_value=-60, max_value=60))
def test_add_months_moves_whole_months_and_never_overflows(start: date, months: int) -> None:
    result = add_months(start, months)
    assert (result.year * 12 + result.month) - (start.year * 12 + start.month) == months
    assert result.day <= start.day
    assert result.day == start.day or result.day >= 28
