"""The EDGAR business-day calendar: each year's closures recomputed here from the statutory rules
(5 U.S.C. 6103 and the observed-date rule) and compared with the data in section16.validate.calendar."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from section16.validate.calendar import (
    EDGAR_CLOSURES,
    add_business_days,
    business_days_between,
    closure_reason,
    is_business_day,
    next_business_day,
    on_or_next_business_day,
)

EXTRA = {
    date(2004, 6, 11), date(2007, 1, 2), date(2007, 12, 24), date(2008, 12, 26), date(2012, 10, 29),
    date(2012, 10, 30), date(2012, 12, 24), date(2014, 12, 26), date(2015, 12, 24), date(2018, 12, 5),
    date(2018, 12, 24), date(2019, 12, 24), date(2020, 12, 24), date(2024, 12, 24), date(2025, 1, 9),
    date(2025, 12, 24), date(2025, 12, 26),
}  # fmt: skip


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    first = date(year, month, 1)
    return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))


def _last_monday_of_may(year: int) -> date:
    day = date(year, 5, 31)
    return day - timedelta(days=day.weekday())


def _observed(day: date) -> date:
    return {5: day - timedelta(days=1), 6: day + timedelta(days=1)}.get(day.weekday(), day)


def _statutory(year: int) -> set[date]:
    """Federal holidays observed in ``year`` (the New Year's Day of year+1 may fall on Dec 31)."""
    days = set()
    for y in (year, year + 1):
        fixed = [date(y, 1, 1), date(y, 7, 4), date(y, 11, 11), date(y, 12, 25)]
        if y >= 2021:
            fixed.append(date(y, 6, 19))
        days |= {_observed(d) for d in fixed}
        days |= {
            _nth_weekday(y, 1, 0, 3),
            _nth_weekday(y, 2, 0, 3),
            _last_monday_of_may(y),
            _nth_weekday(y, 9, 0, 1),
            _nth_weekday(y, 10, 0, 2),
            _nth_weekday(y, 11, 3, 4),
        }
    return {d for d in days if d.year == year}


@pytest.mark.parametrize("year", range(2003, 2031))
def test_closures_of_the_year_follow_the_statute(year: int) -> None:
    data = {d for d in EDGAR_CLOSURES if d.year == year}
    assert data == _statutory(year) | {d for d in EXTRA if d.year == year}
    assert all(d.weekday() < 5 for d in data)


def test_known_observed_dates() -> None:
    assert closure_reason(date(2021, 12, 31)) == "New Year's Day"  # 2022-01-01 was a Saturday
    assert closure_reason(date(2021, 6, 18)) == "Juneteenth National Independence Day"
    assert is_business_day(date(2020, 6, 19))  # before Juneteenth was a holiday
    assert closure_reason(date(2018, 12, 5)) is not None
    assert closure_reason(date(2025, 1, 9)) is not None
    assert closure_reason(date(2023, 12, 9)) == "Saturday"


def test_counting() -> None:
    assert add_business_days(date(2023, 12, 8), 2) == date(2023, 12, 12)
    assert add_business_days(date(2023, 12, 22), 2) == date(2023, 12, 27)  # over Christmas
    assert next_business_day(date(2018, 12, 4)) == date(2018, 12, 6)
    assert on_or_next_business_day(date(2024, 1, 1)) == date(2024, 1, 2)
    assert on_or_next_business_day(date(2024, 1, 3)) == date(2024, 1, 3)


def _counted_day_by_day(start: date, end: date) -> int:
    if end < start:
        return -_counted_day_by_day(end, start)
    day, count = start, 0
    while day < end:
        day += timedelta(days=1)
        count += is_business_day(day)
    return count


def test_business_days_between_agrees_with_counting_day_by_day() -> None:
    assert business_days_between(date(2023, 12, 8), date(2023, 12, 12)) == 2  # Friday to Tuesday
    assert business_days_between(date(2023, 12, 22), date(2023, 12, 27)) == 2  # over Christmas
    assert business_days_between(date(2024, 1, 3), date(2024, 1, 3)) == 0
    assert business_days_between(date(2023, 12, 12), date(2023, 12, 8)) == -2
    first, last = date(2003, 1, 1), date(2030, 12, 31)
    assert business_days_between(first, last) == _counted_day_by_day(first, last)
    span = (last - first).days
    for step in range(0, span, 37):  # starts on every weekday, ends a week to four years later
        start = first + timedelta(days=step)
        for length in (0, 1, 2, 3, 6, 45, 400, 1500):
            end = min(last, start + timedelta(days=length))
            assert business_days_between(start, end) == _counted_day_by_day(start, end), (start, end)
            assert business_days_between(end, start) == -_counted_day_by_day(start, end)
    with pytest.raises(ValueError, match="outside the EDGAR business-day calendar"):
        business_days_between(date(2030, 12, 31), date(2031, 1, 2))


def test_outside_the_calendar_is_an_error() -> None:
    with pytest.raises(ValueError, match="outside the EDGAR business-day calendar"):
        is_business_day(date(2031, 1, 2))
