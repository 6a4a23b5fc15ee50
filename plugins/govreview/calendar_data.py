"""Where the working-day calendar comes from: the chinesecalendar package, corrected
and extended by ``policies/calendar.yml`` (the State Council publishes next year's
schedule around November, often before the package is updated)."""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from pathlib import Path

from chinese_calendar import constants

from .core.calendar import UnknownYear, WorkCalendar
from .core.policy import Policy
from .messages import lang_of, msg, say

OVERRIDE_FILE = "calendar.yml"


@lru_cache(maxsize=1)
def package_calendar() -> WorkCalendar:
    """The package's data: every year from its first holiday to its last."""
    holidays = frozenset(d for d in constants.holidays if d.weekday() < 5)
    workdays = frozenset(constants.workdays)
    years = frozenset(range(min(constants.holidays).year, max(constants.holidays).year + 1))
    return WorkCalendar(years, holidays, workdays)


def calendar_for_policy(policy: Policy) -> WorkCalendar:
    """The package calendar corrected by the policy's own ``calendar`` section."""
    return policy.calendar.apply(package_calendar()) if policy.calendar else package_calendar()


def unknown_year_message(err: UnknownYear, lang: str | None = None) -> str:
    return say(msg("calendar.unknown_year", year=err.year, file=f"policies/{OVERRIDE_FILE}"), lang_of(lang))


def next_year_warning(calendar: WorkCalendar, today: date, lang: str | None = None) -> str | None:
    """From November on, say so when next year's schedule is still missing."""
    if today.month >= 11 and today.year + 1 not in calendar.years:
        return say(msg("calendar.next_year_missing", year=today.year + 1, file=f"policies/{OVERRIDE_FILE}"), lang_of(lang))
    return None


def calendar_for_folder(policies_dir: Path) -> WorkCalendar:
    """The package calendar with the ``calendar`` section found in ``policies_dir``
    (whichever policy file holds it, as the policy loader reads it). Raises PolicyError."""
    from .policy_yaml import find_calendar_file, load_calendar_file

    override = find_calendar_file(policies_dir)
    if override is None:
        return package_calendar()
    return load_calendar_file(override).apply(package_calendar())
