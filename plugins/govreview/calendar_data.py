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
from .messages import text

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


def unknown_year_message(err: UnknownYear) -> str:
    year = err.year
    return text(
        f"没有 {year} 年的节假日安排，无法计算工作日：请在 policies/{OVERRIDE_FILE} 的 calendar 节中加入 "
        f"years: [{year}]，并按国务院办公厅公布的安排列出该年的 holidays（放假的工作日）和 workdays（调休上班的周末）",
        f"no holiday schedule for {year}, so working days cannot be counted: add years: [{year}] to the calendar "
        f"section of policies/{OVERRIDE_FILE}, listing that year's holidays (weekdays off) and workdays (weekend days worked) "
        f"as the State Council published them",
    )


def next_year_warning(calendar: WorkCalendar, today: date) -> str | None:
    """From November on, say so when next year's schedule is still missing."""
    if today.month >= 11 and today.year + 1 not in calendar.years:
        return text(
            f"尚未录入 {today.year + 1} 年的节假日安排（国务院办公厅通常在 11 月前后公布），请及时补入 policies/{OVERRIDE_FILE}",
            f"the {today.year + 1} holiday schedule is not entered yet (usually published around November): add it to policies/{OVERRIDE_FILE}",
        )
    return None


def calendar_for_folder(policies_dir: Path) -> WorkCalendar:
    """The package calendar with the ``calendar`` section found in ``policies_dir``
    (whichever policy file holds it, as the policy loader reads it). Raises PolicyError."""
    from .policy_yaml import find_calendar_file, load_calendar_file

    override = find_calendar_file(policies_dir)
    if override is None:
        return package_calendar()
    return load_calendar_file(override).apply(package_calendar())
