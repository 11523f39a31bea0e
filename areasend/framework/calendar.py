"""English working days, and calendar arithmetic the framework needs (spec §15 "Date arithmetic").

A working day is a weekday that is not an England-and-Wales bank holiday. Bank holidays come
from the `holidays` package (GB, subdivision ENG), which knows the one-off days such as the
2022 state funeral and the 2023 coronation; tests cross-check it against the gov.uk feed.
"""

from __future__ import annotations

from calendar import monthrange
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from types import MappingProxyType

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


def in_words(d: date) -> str:
    """A date as GOV.UK writes it for people: "Tuesday 8 December 2026" (never ISO in text)."""
    return f"{d:%A} {d.day} {d:%B %Y}"


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


# --- School holidays -----------------------------------------------------------------------
# [U] PROVISIONAL. Inspectors are not on site in the Christmas, Easter or summer school holidays
# (the 2016 framework was "term time only", spec §10.1; no 2023 report shows an on-site week in
# them [D] [S54]). Each local authority sets its own term dates, so these are typical English
# dates, one entry per academic year, first and last weekday of each holiday inclusive. Correct
# them here; nothing else holds a term date.
@dataclass(frozen=True)
class SchoolHoliday:
    name: str
    first: date
    last: date

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.first <= day <= self.last


def _holidays(christmas: tuple[date, date], easter: tuple[date, date],
              summer: tuple[date, date]) -> tuple[SchoolHoliday, ...]:
    return (SchoolHoliday("Christmas school holidays", *christmas),
            SchoolHoliday("Easter school holidays", *easter),
            SchoolHoliday("summer school holidays", *summer))


SCHOOL_HOLIDAYS: Mapping[str, tuple[SchoolHoliday, ...]] = MappingProxyType({
    "2022/23": _holidays((date(2022, 12, 19), date(2023, 1, 2)),
                         (date(2023, 4, 3), date(2023, 4, 14)), (date(2023, 7, 24), date(2023, 9, 1))),
    "2023/24": _holidays((date(2023, 12, 25), date(2024, 1, 5)),
                         (date(2024, 3, 29), date(2024, 4, 12)), (date(2024, 7, 24), date(2024, 9, 3))),
    "2024/25": _holidays((date(2024, 12, 23), date(2025, 1, 3)),
                         (date(2025, 4, 7), date(2025, 4, 21)), (date(2025, 7, 23), date(2025, 9, 2))),
    "2025/26": _holidays((date(2025, 12, 22), date(2026, 1, 2)),
                         (date(2026, 3, 30), date(2026, 4, 10)), (date(2026, 7, 22), date(2026, 9, 1))),
    "2026/27": _holidays((date(2026, 12, 21), date(2027, 1, 1)),
                         (date(2027, 3, 29), date(2027, 4, 9)), (date(2027, 7, 22), date(2027, 9, 1))),
    "2027/28": _holidays((date(2027, 12, 20), date(2028, 1, 3)),
                         (date(2028, 4, 10), date(2028, 4, 21)), (date(2028, 7, 21), date(2028, 9, 1))),
})


def academic_year(d: date) -> str:
    """The English academic year of a date, e.g. "2025/26" (1 September to 31 August)."""
    first = d.year if d.month >= 9 else d.year - 1
    return f"{first}/{str(first + 1)[2:]}"


def school_holiday(d: date) -> SchoolHoliday | None:
    """The Christmas, Easter or summer school holiday d falls in, if any (provisional dates).

    Christmas and summer straddle academic years, so both neighbouring years are looked at.
    Years with no entry have no known holidays: nothing is refused for them.
    """
    years = {academic_year(d), academic_year(date(d.year - 1, 9, 1)), academic_year(date(d.year, 9, 1))}
    for year in years:
        for holiday in SCHOOL_HOLIDAYS.get(year, ()):
            if d in holiday:
                return holiday
    return None
