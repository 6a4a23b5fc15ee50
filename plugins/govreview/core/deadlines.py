"""Publication deadlines in working days (pure): when is a page due, and was it on time.

Shared by the gate (judging a merge) and the deadline list (judging today).
"""

from __future__ import annotations

import posixpath
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from .calendar import UnknownYear, WorkCalendar
from .field_rules import one_of
from .page import parse_date
from .policy import CALENDAR_DAYS, Deadline, InterpretationRule


@dataclass(frozen=True)
class Due:
    """The last day a page may be published (merged) to meet ``deadline``."""

    deadline: Deadline
    anchor: date  # the front-matter date counted from
    days: int  # working days, after any extension
    last_day: date

    def met_by(self, day: date, calendar: WorkCalendar) -> bool:
        """On time when published on ``day``: for "before", at least N working days
        remain up to the date; for "within", ``day`` is no later than the N-th working
        day after it (a weekend after that day is already late). In calendar days, the
        last day is the date less (or plus) N days."""
        if self.deadline.before is not None and self.deadline.days != CALENDAR_DAYS:
            return calendar.count(day, self.anchor) >= self.days
        return day <= self.last_day


def due(deadline: Deadline, fields: Mapping[str, object], calendar: WorkCalendar) -> Due | None:
    """When the page is due; None when its date field is missing or not a date
    (the gate then blocks the page, and the deadline list shows it as unknown).

    Raises UnknownYear when the computation reaches a year nobody knows.
    """
    anchor = parse_date(fields.get(deadline.field))
    if anchor is None:
        return None
    in_calendar_days = deadline.days == CALENDAR_DAYS
    if deadline.before is not None:
        if in_calendar_days:
            return Due(deadline, anchor, deadline.before, anchor - timedelta(days=deadline.before))
        return Due(deadline, anchor, deadline.before, calendar.latest_before(anchor, deadline.before))
    days = deadline.within or 0
    reason = fields.get(deadline.extension_field) if deadline.extension_field else None
    if deadline.extended_within is not None and isinstance(reason, str) and reason.strip():
        days = deadline.extended_within
    return Due(deadline, anchor, days, anchor + timedelta(days=days) if in_calendar_days else calendar.add(anchor, days))


def applies(deadline: Deadline, fields: Mapping[str, object]) -> bool:
    """Does ``deadline`` apply to a page with ``fields``? Always, unless it is switched on
    by a field (``when``) the page does not set to that value."""
    if deadline.when is None:
        return True
    name, value = deadline.when
    return one_of(fields.get(name), (value,))


@dataclass(frozen=True)
class Status:
    """A deadline as it stands on one day (the merge day for the gate, today for the
    pull-request check and the deadline list): computed in one place, read by all."""

    deadline: Deadline
    day: date
    due: Due | None = None  # None: the date field is missing or not a date (see ``missing``)
    on_time: bool = False  # published on ``day``, the deadline is met
    left: int | None = None  # working days from ``day`` to the last day (0 once late)
    unknown_year: int | None = None  # the computation reached a year nobody knows

    @property
    def missing(self) -> bool:
        return self.due is None and self.unknown_year is None


def status_on(deadline: Deadline, fields: Mapping[str, object], calendar: WorkCalendar, day: date, count_left: bool = True) -> Status:
    """Where ``deadline`` stands for a page with ``fields`` if published on ``day``
    (``count_left``: also count the working days left, which the gate does not need)."""
    try:
        when = due(deadline, fields, calendar)
        if when is None:
            return Status(deadline, day)
        on_time = when.met_by(day, calendar)
        left = (_days_left(deadline, calendar, day, when.last_day) if on_time else 0) if count_left else None
    except UnknownYear as err:
        return Status(deadline, day, unknown_year=err.year)
    return Status(deadline, day, when, on_time, left)


def _days_left(deadline: Deadline, calendar: WorkCalendar, day: date, last_day: date) -> int:
    return (last_day - day).days if deadline.days == CALENDAR_DAYS else calendar.count(day, last_day)


@dataclass(frozen=True)
class Published:
    """A published page, for the cross-page rules: where, when, and what it says."""

    path: str
    day: date  # merge day in China
    fields: Mapping[str, object]


def interpretation_due(
    policy_page: Published, rule: InterpretationRule, interpretations: list[Published], calendar: WorkCalendar
) -> Due | None:
    """When ``policy_page`` must have its interpretation (R-33); None when it has one
    in time, or records why it has none."""
    reason = policy_page.fields.get(rule.explanation_field)
    if isinstance(reason, str) and reason.strip():
        return None
    last_day = calendar.add(policy_page.day, rule.within)
    if any(i.day <= last_day and _names(i, policy_page.path) for i in interpretations):
        return None
    deadline = Deadline(rule.rule, "interprets", within=rule.within)
    return Due(deadline, policy_page.day, rule.within, last_day)


def _names(interpretation: Published, path: str) -> bool:
    """Does the ``interprets`` field name ``path``? Written docs-relative (policies/a.md,
    /policies/a.md) or relative to the interpretation (../policies/a.md)."""
    value = interpretation.fields.get("interprets")
    if not isinstance(value, str) or not value.strip():
        return False
    value = value.strip()
    if value.startswith("/"):
        return value.lstrip("/") == path
    relative = posixpath.normpath(posixpath.join(posixpath.dirname(interpretation.path), value))
    return value == path or relative == path
