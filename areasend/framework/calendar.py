"""English working days, and calendar arithmetic the framework needs (spec §15 "Date arithmetic").

A working day is a weekday that is not an England-and-Wales bank holiday. Bank holidays come
from the `holidays` package (GB, subdivision ENG), which knows the one-off days such as the
2022 state funeral and the 2023 coronation; tests cross-check it against the gov.uk feed.
"""

from __future__ import annotations

from calendar import monthrange
from datetime import date, timedelta
from functools import lru_cache

import holidays
from holidays.holiday_base import HolidayBase

# Holiday tables are built per decade (plus the next one) and cached. They are built with
# expand=False: an expanding table adds years on lookup, mutating a shared object that request
# threads read concurrently. Each lookup asks for a table that covers every date it touches.
_BLOCK_YEARS = 10


@lru_cache(maxsize=16)
def _table(first_block: int, last_block: int) -> HolidayBase:
    years = range(first_block, last_block + 2 * _BLOCK_YEARS)
    return holidays.country_holidays("GB", subdiv="ENG", years=years, expand=False)


def _table_for(first: date, last: date) -> HolidayBase:
    low, high = sorted((first.year, last.year))
    return _table(low - low % _BLOCK_YEARS, high - high % _BLOCK_YEARS)


def is_working_day(d: date) -> bool:
    """True if d is a weekday and not an England-and-Wales bank holiday."""
    return bool(_table_for(d, d).is_working_day(d))


def bank_holidays(year: int) -> dict[date, str]:
    """England-and-Wales bank holidays in a year, in date order, with their names.

    Only the days off count: where Christmas falls on a Sunday the bank holiday is the
    substitute weekday, as in the gov.uk list, so weekend dates are left out.
    """
    table = _table_for(date(year, 1, 1), date(year, 12, 31))
    return {
        day: name for day, name in sorted(table.items()) if day.year == year and day.weekday() < 5
    }


def bank_holiday_name(d: date) -> str | None:
    """The bank holiday's name if d is a weekday bank holiday, else None."""
    if d.weekday() >= 5:
        return None
    name = _table_for(d, d).get(d)
    return None if name is None else str(name)


def add_working_days(d: date, n: int) -> date:
    """The n-th working day after d (before d when n is negative).

    d itself need not be a working day when n != 0. With n == 0 the answer is d, which must
    then be a working day: silently moving to the next one would hide a wrong input date.
    """
    if n == 0:
        if not is_working_day(d):
            raise ValueError(f"{d.isoformat()} is not a working day in England")
        return d
    # n working days never span more than 2n + 14 calendar days (weekends plus the longest
    # run of bank holidays, at Christmas), so this table covers the whole walk.
    step = 1 if n > 0 else -1
    far = d + timedelta(days=step * (2 * abs(n) + 14))
    return _table_for(d, far).get_nth_working_day(d, n)


def working_days_between(start: date, end: date) -> int:
    """Working days after start up to and including end; negative when end is before start.

    Counting (start, end] forwards and [end, start) backwards makes this the inverse of
    add_working_days for every start date: working_days_between(d, add_working_days(d, n)) == n.
    """
    if end == start:
        return 0
    table = _table_for(start, end)
    if end > start:
        return int(table.get_working_days_count(start + timedelta(days=1), end))
    return -int(table.get_working_days_count(end, start - timedelta(days=1)))


def monday_of_week(d: date) -> date:
    """The Monday of d's week (ISO weeks start on Monday)."""
    return d - timedelta(days=d.weekday())


def add_months(d: date, months: int) -> date:
    """d plus a number of calendar months, clamped to the end of a shorter month.

    For example 31 August 2023 + 18 months = 28 February 2025, and 31 August 2022 + 18 months =
    29 February 2024.
    """
    year, month_index = divmod(d.month - 1 + months, 12)
    year += d.year
    month = month_index + 1
    return date(year, month, min(d.day, monthrange(year, month)[1]))


def add_years(d: date, years: int) -> date:
    """d plus a number of years; 29 February becomes 28 February in a common year."""
    return add_months(d, 12 * years)
