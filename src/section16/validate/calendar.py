"""EDGAR business days, 2003-2030, as data.

A business day is Monday to Friday except a US federal holiday (5 U.S.C. 6103) and the days the federal
government (and so EDGAR) was closed by executive order or emergency. Regulation S-T Rule 13(a)(4) and
Exchange Act Rule 0-3 count in these days; spec.md section 4.

Observed-date rule (5 U.S.C. 6103(b); Executive Order 11582): a holiday that falls on a Saturday is
observed on the Friday before (so New Year's Day 2022 closed EDGAR on Friday 2021-12-31), one on a
Sunday on the Monday after. Juneteenth is a holiday from 2021 (Pub. L. 117-17, signed 2021-06-17, first
observed Friday 2021-06-18).

The table below lists every weekday closure by year, as the date it closed (MM-DD) and a key of
:data:`HOLIDAY_NAMES`; ``tests/validate/test_calendar.py`` recomputes each year from the statutory rules.
Inauguration Day (a holiday only for the Washington, D.C. area, 5 U.S.C. 6103(c)) is not a closure.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Mapping
from datetime import date, timedelta
from functools import cache
from types import MappingProxyType

__all__ = [
    "EDGAR_CLOSURES",
    "FIRST_YEAR",
    "HOLIDAY_NAMES",
    "LAST_YEAR",
    "add_business_days",
    "business_days_between",
    "closure_reason",
    "covers",
    "is_business_day",
    "next_business_day",
    "on_or_next_business_day",
]

FIRST_YEAR = 2003
LAST_YEAR = 2030

HOLIDAY_NAMES: Mapping[str, str] = MappingProxyType(
    {
        "NY": "New Year's Day",
        "MLK": "Birthday of Martin Luther King, Jr.",
        "WB": "Washington's Birthday",
        "MD": "Memorial Day",
        "JT": "Juneteenth National Independence Day",
        "ID": "Independence Day",
        "LD": "Labor Day",
        "CD": "Columbus Day",
        "VD": "Veterans Day",
        "TG": "Thanksgiving Day",
        "XM": "Christmas Day",
    }
)

# Federal holidays as observed (5 U.S.C. 6103), by the year of the day EDGAR was closed.
_FEDERAL_HOLIDAYS: Mapping[int, str] = {
    2003: "01-01 NY, 01-20 MLK, 02-17 WB, 05-26 MD, 07-04 ID, 09-01 LD, 10-13 CD, 11-11 VD, 11-27 TG, 12-25 XM",  # noqa: E501
    2004: "01-01 NY, 01-19 MLK, 02-16 WB, 05-31 MD, 07-05 ID, 09-06 LD, 10-11 CD, 11-11 VD, 11-25 TG, 12-24 XM, 12-31 NY",  # noqa: E501
    2005: "01-17 MLK, 02-21 WB, 05-30 MD, 07-04 ID, 09-05 LD, 10-10 CD, 11-11 VD, 11-24 TG, 12-26 XM",
    2006: "01-02 NY, 01-16 MLK, 02-20 WB, 05-29 MD, 07-04 ID, 09-04 LD, 10-09 CD, 11-10 VD, 11-23 TG, 12-25 XM",  # noqa: E501
    2007: "01-01 NY, 01-15 MLK, 02-19 WB, 05-28 MD, 07-04 ID, 09-03 LD, 10-08 CD, 11-12 VD, 11-22 TG, 12-25 XM",  # noqa: E501
    2008: "01-01 NY, 01-21 MLK, 02-18 WB, 05-26 MD, 07-04 ID, 09-01 LD, 10-13 CD, 11-11 VD, 11-27 TG, 12-25 XM",  # noqa: E501
    2009: "01-01 NY, 01-19 MLK, 02-16 WB, 05-25 MD, 07-03 ID, 09-07 LD, 10-12 CD, 11-11 VD, 11-26 TG, 12-25 XM",  # noqa: E501
    2010: "01-01 NY, 01-18 MLK, 02-15 WB, 05-31 MD, 07-05 ID, 09-06 LD, 10-11 CD, 11-11 VD, 11-25 TG, 12-24 XM, 12-31 NY",  # noqa: E501
    2011: "01-17 MLK, 02-21 WB, 05-30 MD, 07-04 ID, 09-05 LD, 10-10 CD, 11-11 VD, 11-24 TG, 12-26 XM",
    2012: "01-02 NY, 01-16 MLK, 02-20 WB, 05-28 MD, 07-04 ID, 09-03 LD, 10-08 CD, 11-12 VD, 11-22 TG, 12-25 XM",  # noqa: E501
    2013: "01-01 NY, 01-21 MLK, 02-18 WB, 05-27 MD, 07-04 ID, 09-02 LD, 10-14 CD, 11-11 VD, 11-28 TG, 12-25 XM",  # noqa: E501
    2014: "01-01 NY, 01-20 MLK, 02-17 WB, 05-26 MD, 07-04 ID, 09-01 LD, 10-13 CD, 11-11 VD, 11-27 TG, 12-25 XM",  # noqa: E501
    2015: "01-01 NY, 01-19 MLK, 02-16 WB, 05-25 MD, 07-03 ID, 09-07 LD, 10-12 CD, 11-11 VD, 11-26 TG, 12-25 XM",  # noqa: E501
    2016: "01-01 NY, 01-18 MLK, 02-15 WB, 05-30 MD, 07-04 ID, 09-05 LD, 10-10 CD, 11-11 VD, 11-24 TG, 12-26 XM",  # noqa: E501
    2017: "01-02 NY, 01-16 MLK, 02-20 WB, 05-29 MD, 07-04 ID, 09-04 LD, 10-09 CD, 11-10 VD, 11-23 TG, 12-25 XM",  # noqa: E501
    2018: "01-01 NY, 01-15 MLK, 02-19 WB, 05-28 MD, 07-04 ID, 09-03 LD, 10-08 CD, 11-12 VD, 11-22 TG, 12-25 XM",  # noqa: E501
    2019: "01-01 NY, 01-21 MLK, 02-18 WB, 05-27 MD, 07-04 ID, 09-02 LD, 10-14 CD, 11-11 VD, 11-28 TG, 12-25 XM",  # noqa: E501
    2020: "01-01 NY, 01-20 MLK, 02-17 WB, 05-25 MD, 07-03 ID, 09-07 LD, 10-12 CD, 11-11 VD, 11-26 TG, 12-25 XM",  # noqa: E501
    2021: "01-01 NY, 01-18 MLK, 02-15 WB, 05-31 MD, 06-18 JT, 07-05 ID, 09-06 LD, 10-11 CD, 11-11 VD, 11-25 TG, 12-24 XM, 12-31 NY",  # noqa: E501
    2022: "01-17 MLK, 02-21 WB, 05-30 MD, 06-20 JT, 07-04 ID, 09-05 LD, 10-10 CD, 11-11 VD, 11-24 TG, 12-26 XM",  # noqa: E501
    2023: "01-02 NY, 01-16 MLK, 02-20 WB, 05-29 MD, 06-19 JT, 07-04 ID, 09-04 LD, 10-09 CD, 11-10 VD, 11-23 TG, 12-25 XM",  # noqa: E501
    2024: "01-01 NY, 01-15 MLK, 02-19 WB, 05-27 MD, 06-19 JT, 07-04 ID, 09-02 LD, 10-14 CD, 11-11 VD, 11-28 TG, 12-25 XM",  # noqa: E501
    2025: "01-01 NY, 01-20 MLK, 02-17 WB, 05-26 MD, 06-19 JT, 07-04 ID, 09-01 LD, 10-13 CD, 11-11 VD, 11-27 TG, 12-25 XM",  # noqa: E501
    2026: "01-01 NY, 01-19 MLK, 02-16 WB, 05-25 MD, 06-19 JT, 07-03 ID, 09-07 LD, 10-12 CD, 11-11 VD, 11-26 TG, 12-25 XM",  # noqa: E501
    2027: "01-01 NY, 01-18 MLK, 02-15 WB, 05-31 MD, 06-18 JT, 07-05 ID, 09-06 LD, 10-11 CD, 11-11 VD, 11-25 TG, 12-24 XM, 12-31 NY",  # noqa: E501
    2028: "01-17 MLK, 02-21 WB, 05-29 MD, 06-19 JT, 07-04 ID, 09-04 LD, 10-09 CD, 11-10 VD, 11-23 TG, 12-25 XM",  # noqa: E501
    2029: "01-01 NY, 01-15 MLK, 02-19 WB, 05-28 MD, 06-19 JT, 07-04 ID, 09-03 LD, 10-08 CD, 11-12 VD, 11-22 TG, 12-25 XM",  # noqa: E501
    2030: "01-01 NY, 01-21 MLK, 02-18 WB, 05-27 MD, 06-19 JT, 07-04 ID, 09-02 LD, 10-14 CD, 11-11 VD, 11-28 TG, 12-25 XM",  # noqa: E501
}

# Extra closures of the federal government, and so of EDGAR (spec.md section 4: "the rare extra closures").
_EXTRA_CLOSURES: Mapping[str, str] = {
    "2004-06-11": "National day of mourning for President Reagan (Executive Order 13344)",
    "2007-01-02": "National day of mourning for President Ford (Executive Order 13421)",
    "2007-12-24": "Christmas Eve closure (Executive Order 13446)",
    "2008-12-26": "Day after Christmas closure (Executive Order 13484)",
    "2012-10-29": "Federal offices closed for Hurricane Sandy (OPM); EDGAR closed",
    "2012-10-30": "Federal offices closed for Hurricane Sandy (OPM); EDGAR closed",
    "2012-12-24": "Christmas Eve closure (Executive Order 13637)",
    "2014-12-26": "Day after Christmas closure (Executive Order 13682)",
    "2015-12-24": "Christmas Eve closure (Executive Order 13713)",
    "2018-12-05": "National day of mourning for President George H. W. Bush (Executive Order 13854)",
    "2018-12-24": "Christmas Eve closure (Executive Order 13855)",
    "2019-12-24": "Christmas Eve closure (Executive Order 13900)",
    "2020-12-24": "Christmas Eve closure (Executive Order 13960)",
    "2024-12-24": "Christmas Eve closure (Executive Order of 2024-12-19)",
    "2025-01-09": "National day of mourning for President Carter (Executive Order of 2024-12-30)",
    "2025-12-24": "Christmas Eve closure (Executive Order of 2025-12-18)",
    "2025-12-26": "Day after Christmas closure (Executive Order of 2025-12-18)",
}


def _build() -> Mapping[date, str]:
    closures: dict[date, str] = {}
    for year, line in _FEDERAL_HOLIDAYS.items():
        for item in line.split(", "):
            month_day, key = item.split(" ")
            month, day = month_day.split("-")
            closures[date(year, int(month), int(day))] = HOLIDAY_NAMES[key]
    for iso, reason in _EXTRA_CLOSURES.items():
        closures[date.fromisoformat(iso)] = reason
    return MappingProxyType(dict(sorted(closures.items())))


EDGAR_CLOSURES: Mapping[date, str] = _build()
"""Every weekday on which EDGAR was (or will be) closed, 2003-2030, with the reason."""


def covers(day: date) -> bool:
    """True when ``day`` is within the years this calendar knows (2003-2030)."""
    return FIRST_YEAR <= day.year <= LAST_YEAR


def _check(day: date) -> None:
    if not covers(day):
        raise ValueError(
            f"{day.isoformat()} is outside the EDGAR business-day calendar ({FIRST_YEAR}-{LAST_YEAR});"
            " add the year to section16.validate.calendar"
        )


def closure_reason(day: date) -> str | None:
    """Why ``day`` is not a business day (``"Saturday"``, ``"Christmas Day"``), or None when it is one."""
    _check(day)
    if day.weekday() >= 5:
        return day.strftime("%A")
    return EDGAR_CLOSURES.get(day)


def is_business_day(day: date) -> bool:
    """True when EDGAR is open on ``day``: Monday-Friday and not a closure. ValueError outside 2003-2030."""
    # closure_reason's answer without naming the weekday (strftime): this runs for every day counted.
    _check(day)
    return day.weekday() < 5 and day not in EDGAR_CLOSURES


_FIRST_ORDINAL = date(FIRST_YEAR, 1, 1).toordinal()


@cache
def _business_days_through() -> tuple[int, ...]:
    """Item ``i``: how many business days there are from the calendar's first day up to and including
    its ``i``-th day (worked out once, on first use)."""
    counts: list[int] = []
    total = 0
    day = date(FIRST_YEAR, 1, 1)
    while day.year <= LAST_YEAR:
        total += day.weekday() < 5 and day not in EDGAR_CLOSURES
        counts.append(total)
        day += timedelta(days=1)
    return tuple(counts)


def business_days_between(start: date, end: date) -> int:
    """Business days after ``start`` up to and including ``end`` (0 on the same day, 2 from a Friday to
    the Tuesday after, negative when ``end`` is before ``start``), in constant time. ValueError outside
    2003-2030."""
    _check(start)
    _check(end)
    through = _business_days_through()
    return through[end.toordinal() - _FIRST_ORDINAL] - through[start.toordinal() - _FIRST_ORDINAL]


def next_business_day(day: date) -> date:
    """The first business day strictly after ``day``."""
    current = day + timedelta(days=1)
    while not is_business_day(current):
        current += timedelta(days=1)
    return current


def on_or_next_business_day(day: date) -> date:
    """``day`` when it is a business day, else the next one (Exchange Act Rule 0-3)."""
    return day if is_business_day(day) else next_business_day(day)


def add_business_days(day: date, count: int) -> date:
    """The ``count``-th business day after ``day`` (``day`` itself need not be one); count >= 0."""
    if count < 0:
        raise ValueError(f"count must be >= 0, not {count}")
    _check(day)
    if count == 0:
        return day
    # In the table of business days counted from the calendar's first day, the first day whose count
    # is ``count`` more than ``day``'s: a lookup, not a walk day by day (every Form 4's deadline asks).
    through = _business_days_through()
    index = day.toordinal() - _FIRST_ORDINAL
    found = bisect_left(through, through[index] + count, index + 1)
    if found < len(through):
        return date.fromordinal(_FIRST_ORDINAL + found)
    current = day  # past the calendar's last day: the walk says where (ValueError)
    for _ in range(count):
        current = next_business_day(current)
    return current
