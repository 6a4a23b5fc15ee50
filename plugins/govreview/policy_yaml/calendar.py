"""``calendar``: the State Council's holiday schedule where the calendar package lacks or
gets it wrong — whole years, days off and weekend days worked (usually in
``policies/calendar.yml``, which the calendar command reads on its own)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap

from ..core.policy import CalendarOverride
from ..messages import msg
from .problems import PolicyError, PolicyProblem, Report
from .reading import BAD, LIST, Key, Kind, Reader, line_of_key
from .sections import Sections
from .sources import shown_path
from .syntax import read_text


def _years(value: Any) -> Any:
    ok = isinstance(value, list) and all(isinstance(y, int) and not isinstance(y, bool) and 1900 < y < 2200 for y in value)
    return list(value) if ok else BAD


YEARS = Kind("policy.need_years", _years)
CALENDAR_KEYS = {
    "years": Key(YEARS, default=[]),
    "holidays": Key(Kind("policy.need_dates", LIST.read), default=[]),
    "workdays": Key(Kind("policy.need_dates", LIST.read), default=[]),
}


def read_calendar(s: Sections) -> CalendarOverride | None:
    if "calendar" not in s:
        return None
    reader, value, line = s.section("calendar")
    return parse_calendar(reader, value, line)


def parse_calendar(reader: Reader, value: Any, line: int | None) -> CalendarOverride | None:
    """The ``calendar`` section: years defined wholly here, and days off / days worked."""
    f = reader.mapping(value, line, "calendar", CALENDAR_KEYS)
    if f is None:
        return None
    years: list[int] = f["years"]
    days: dict[str, list[dt.date]] = {}
    for key in ("holidays", "workdays"):
        days[key] = []
        for _, item, at in f.items(key):
            if isinstance(item, dt.date) and not isinstance(item, dt.datetime):
                days[key].append(item)
            else:
                reader.fail(at or f.at(key), msg("policy.not_a_date", what=f"calendar.{key}", value=str(item)))
    for year in years:
        if not any(d.year == year for d in days["holidays"]):
            f.fail("years", msg("policy.year_incomplete", year=year))
    both = sorted(set(days["holidays"]) & set(days["workdays"]))
    if both:
        f.fail("workdays", msg("policy.day_off_and_worked", day=str(both[0])))
    for key in ("holidays", "workdays"):
        for d in days[key]:
            if (d.weekday() >= 5) == (key == "holidays"):
                code = "policy.weekend_not_holiday" if key == "holidays" else "policy.weekday_not_workday"
                f.fail(key, msg(code, day=str(d)))
    return CalendarOverride(tuple(years), tuple(sorted(days["holidays"])), tuple(sorted(days["workdays"])))


def load_calendar_file(path: Path) -> CalendarOverride:
    """Read ``policies/calendar.yml`` on its own (for the calendar command). Raises PolicyError."""
    shown = shown_path(path.parent, path.name)
    try:
        source = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise PolicyError([PolicyProblem(shown, None, msg("policy.not_utf8"))]) from None
    doc, problem = read_text(shown, source)
    if problem is not None:
        raise PolicyError([problem])
    if not isinstance(doc, CommentedMap) or "calendar" not in doc:
        raise PolicyError([PolicyProblem(shown, 1, msg("policy.missing_calendar"))])
    report = Report()
    override = parse_calendar(Reader(report, shown), doc["calendar"], line_of_key(doc, "calendar"))
    if report or override is None:
        raise PolicyError(report.problems)
    return override


def find_calendar_file(folder: Path) -> Path | None:
    """The policy file in ``folder`` that holds the ``calendar`` section, if any."""
    pattern = re.compile(r"^calendar\s*:", re.MULTILINE)
    for path in sorted(folder.glob("*.y*ml")):
        try:
            if pattern.search(path.read_bytes().decode("utf-8-sig", errors="replace")):
                return path
        except OSError:
            continue
    return None
