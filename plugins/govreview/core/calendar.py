"""Chinese working days (pure): weekends off, public holidays off, makeup working days
(调休) on. Built from holiday data handed in by the shell (the chinesecalendar package
plus the policy's override); a date in a year nobody knows is never guessed.

Counting convention (DESIGN): ``add(d, n)`` is the n-th working day after d (before d
for negative n); ``count(a, b)`` is the number of working days after a up to and
including b. "N working days before event E" holds for a publication on P when
``add(P, N) <= E``, i.e. ``count(P, E) >= N``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

ONE_DAY = timedelta(days=1)


class UnknownYear(Exception):
    """A computation reached a year whose holiday schedule is not known."""

    def __init__(self, year: int) -> None:
        self.year = year
        super().__init__(year)


@dataclass(frozen=True)
class WorkCalendar:
    years: frozenset[int]
    holidays: frozenset[date] = field(default_factory=frozenset)  # weekdays that are off
    workdays: frozenset[date] = field(default_factory=frozenset)  # weekend days that are worked

    def is_workday(self, day: date) -> bool:
        if day.year not in self.years:
            raise UnknownYear(day.year)
        if day in self.workdays:
            return True
        if day in self.holidays:
            return False
        return day.weekday() < 5

    def add(self, day: date, n: int) -> date:
        """The n-th working day after ``day`` (n > 0), before it (n < 0), or ``day`` (n == 0)."""
        step = ONE_DAY if n > 0 else -ONE_DAY
        left = abs(n)
        while left:
            day += step
            if self.is_workday(day):
                left -= 1
        return day

    def count(self, start: date, end: date) -> int:
        """Working days in (start, end]; negative, counting (end, start], when end < start."""
        if end < start:
            return -self.count(end, start)
        total = 0
        day = start
        while day < end:
            day += ONE_DAY
            if self.is_workday(day):
                total += 1
        return total

    def latest_before(self, event: date, n: int) -> date:
        """The last day P with at least n working days in (P, event]: the latest
        publication date for something due n working days before ``event``."""
        if n <= 0:
            return event
        day, found = event, 0
        while True:
            if self.is_workday(day):
                found += 1
                if found == n:
                    return day - ONE_DAY
            day -= ONE_DAY

    def with_override(self, years: Iterable[int], holidays: Iterable[date], workdays: Iterable[date]) -> WorkCalendar:
        """This calendar corrected by an override. A year the override names is taken
        wholly from it; single dates elsewhere correct the package's data."""
        whole = frozenset(years)
        off = {d for d in self.holidays if d.year not in whole}
        on = {d for d in self.workdays if d.year not in whole}
        for d in holidays:
            off.add(d)
            on.discard(d)
        for d in workdays:
            on.add(d)
            off.discard(d)
        return WorkCalendar(self.years | whole, frozenset(off), frozenset(on))
