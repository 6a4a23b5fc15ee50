"""Column freshness (pure): how long each column and each unit has gone without a new
item, counted in the calendar its threshold names, and whether that is too long
(R-40 every unit at least one item per calendar month, R-41 a special topic idle 7
days, R-42 an interactive column idle 3 months, and the inspections' thresholds).

An item counts from its first publication (the archive's earliest ``publication``
record for its path, else the merge time, as the disclosure block's 发布日期); only
items published and listed at ``now`` count — the shell leaves out withheld,
withdrawn, expired and not-yet-started ones before calling :func:`freshness_report`.

Counting, for a last item on China day L and today T (China time), "amount N":

* ``days``: idle = T − L in calendar days; ``weeks``: the same, N weeks = 7N days;
* ``working_days``: idle = working days after L up to and including T (holidays and
  调休 as the working-day calendar says);
* ``months``: calendar months, R-40's "per calendar month": idle = months from L's
  month to T's month. N months keeps the column fresh while T's month is at most N
  months after L's (a last item in October, N = 1: November is the last month allowed;
  from 1 December it is stale).

Fresh while idle ≤ N; stale when idle > N (the Nth day after the last item is the last
day a new item keeps the column fresh: ``due``; for working days the Nth working day, and a
weekend or holiday after it adds nothing, so it is stale from the next working day); due
soon when idle > N − warn_before.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from .calendar import WorkCalendar
from .gate import local_day
from .lifecycle import parse_moment
from .policy import DAYS, MONTHS, UNITS, WEEKS, WORKING_DAYS, Freshness, Threshold

FRESH = "fresh"
DUE_SOON = "due_soon"
STALE = "stale"

COLUMN = "column"
UNIT = "unit"


@dataclass(frozen=True)
class Item:
    """A published, listed item: its docs path, column folder, unit and first publication."""

    path: str
    column: str | None
    unit: str | None
    published_at: datetime
    title: str = ""


@dataclass(frozen=True)
class Row:
    """One threshold of one column or unit, judged at ``today``."""

    scope: str  # column | unit
    key: str  # the column's folder or the unit's id
    threshold: Threshold
    last: Item | None  # the newest item (None: none at all)
    idle: int | None  # in ``idle_unit``; None when there is no item
    idle_unit: str  # days (for days and weeks), working_days or months
    due: date | None  # the last day a new item keeps it fresh; None when there is no item
    status: str

    @property
    def stale(self) -> bool:
        return self.status == STALE


def _months(a: date, b: date) -> int:
    return (b.year - a.year) * 12 + b.month - a.month


def _month_end(year: int, month: int) -> date:
    year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
    nxt = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)
    return nxt - timedelta(days=1)


def idle_and_due(t: Threshold, last: date, today: date, calendar: WorkCalendar) -> tuple[int, str, date, int]:
    """(idle, its unit, the due day, the limit in that unit) for a last item on ``last``.
    Raises UnknownYear when working days reach a year the calendar does not know."""
    if t.unit == MONTHS:
        return _months(last, today), MONTHS, _month_end(last.year, last.month + t.amount), t.amount
    if t.unit == WORKING_DAYS:
        return calendar.count(last, today), WORKING_DAYS, calendar.add(last, t.amount), t.amount
    days = t.amount * 7 if t.unit == WEEKS else t.amount
    return (today - last).days, DAYS, last + timedelta(days=days), days


def status_of(t: Threshold, idle: int, limit: int) -> str:
    if idle > limit:
        return STALE
    margin = t.warn_before * 7 if t.unit == WEEKS else t.warn_before
    return DUE_SOON if margin and idle > limit - margin else FRESH


def judge_threshold(scope: str, key: str, t: Threshold, items: Iterable[Item], today: date, calendar: WorkCalendar) -> Row:
    newest = max(items, key=lambda i: (i.published_at, i.path), default=None)
    idle_unit = DAYS if t.unit in (DAYS, WEEKS) else t.unit
    if newest is None:  # nothing ever published here: stale (fail closed)
        return Row(scope, key, t, None, None, idle_unit, None, STALE)
    idle, idle_unit, due, limit = idle_and_due(t, local_day(newest.published_at), today, calendar)
    return Row(scope, key, t, newest, idle, idle_unit, due, status_of(t, idle, limit))


#: Why a published page does not count (is not listed at ``now``).
WITHDRAWN = "withdrawn"
EXPIRED = "expired"
SCHEDULED = "scheduled"
TAKEN_DOWN = "taken_down"
BAD_WINDOW = "bad_window"


def window_moment(value: object) -> datetime | None:
    """A display window's ``start``/``end`` as the lifecycle reads it (:func:`.lifecycle.parse_moment`:
    a date is 00:00 that day, China time). None: not written. Raises ValueError when it is
    written but cannot be read (the gate blocks such a page; here it fails closed)."""
    if value is None or value == "":
        return None
    moment = parse_moment(value)
    if moment is None:
        raise ValueError(value)
    return moment


def not_listed(fields: Mapping[str, object], now: datetime) -> tuple[str, str] | None:
    """Why a published page is left out of its column's listing at ``now`` (lifecycle:
    withdrawn, expired, scheduled for later; an unreadable window fails closed): (why,
    field), or None when it is listed."""
    reason = fields.get("withdrawal_reason")
    if reason is not None and (not isinstance(reason, str) or reason.strip()):
        return WITHDRAWN, "withdrawal_reason"
    for name in ("start", "end"):
        try:
            moment = window_moment(fields.get(name))
        except (ValueError, TypeError):
            return BAD_WINDOW, name
        if moment is None:
            continue
        if name == "start" and now < moment:
            return SCHEDULED, name
        if name == "end" and now >= moment:
            return EXPIRED, name
    return None


def freshness_report(policy: Freshness, items: Iterable[Item], now: datetime, calendar: WorkCalendar) -> list[Row]:
    """Every threshold of the policy judged at ``now``: columns first, then units, in the
    order the policy writes them. Raises UnknownYear (working days in an unknown year)."""
    today = local_day(now)
    listed = [i for i in items if i.published_at <= now]
    rows: list[Row] = []
    for column, thresholds in policy.columns.items():
        mine = [i for i in listed if i.column == column]
        rows += [judge_threshold(COLUMN, column, t, mine, today, calendar) for t in thresholds]
    for unit, thresholds in policy.units.items():
        mine = [i for i in listed if i.unit == unit]
        rows += [judge_threshold(UNIT, unit, t, mine, today, calendar) for t in thresholds]
    return rows


__all__ = [
    "BAD_WINDOW",
    "COLUMN",
    "DAYS",
    "DUE_SOON",
    "EXPIRED",
    "FRESH",
    "MONTHS",
    "SCHEDULED",
    "STALE",
    "TAKEN_DOWN",
    "UNIT",
    "UNITS",
    "WEEKS",
    "WITHDRAWN",
    "WORKING_DAYS",
    "Freshness",
    "Item",
    "Row",
    "Threshold",
    "freshness_report",
    "not_listed",
    "window_moment",
]
