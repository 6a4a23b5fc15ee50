"""The working-day calendar against the State Council's published schedules for
2024–2026 (typed here from the notices, independently of the package), the
override file, and properties of add/count."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys

import pytest
from govreview.calendar_data import next_year_warning, package_calendar
from govreview.core.calendar import UnknownYear, WorkCalendar
from govreview.policy_yaml import PolicyError, load_calendar_file
from hypothesis import given, settings
from hypothesis import strategies as st


def days(year: int, spec: str) -> set[dt.date]:
    """'2-10..2-17 4-4' -> dates (ranges inclusive)."""
    out: set[dt.date] = set()
    for part in spec.split():
        first, _, last = part.partition("..")
        m, d = map(int, first.split("-"))
        start = dt.date(year, m, d)
        end = dt.date(year, *map(int, last.split("-"))) if last else start
        while start <= end:
            out.add(start)
            start += dt.timedelta(days=1)
    return out


# Days off (all days of each holiday period) and makeup working days, per the notices.
OFFICIAL = {
    2024: (days(2024, "1-1 2-10..2-17 4-4..4-6 5-1..5-5 6-10 9-15..9-17 10-1..10-7"), days(2024, "2-4 2-18 4-7 4-28 5-11 9-14 9-29 10-12")),
    2025: (days(2025, "1-1 1-28..2-4 4-4..4-6 5-1..5-5 5-31..6-2 10-1..10-8"), days(2025, "1-26 2-8 4-27 9-28 10-11")),
    2026: (
        days(2026, "1-1..1-3 2-15..2-23 4-4..4-6 5-1..5-5 6-19..6-21 9-25..9-27 10-1..10-7"),
        days(2026, "1-4 2-14 2-28 5-9 9-20 10-10"),
    ),
}


@pytest.mark.parametrize("year", sorted(OFFICIAL))
def test_every_day_of_the_year_matches_the_official_schedule(year):
    off, makeup = OFFICIAL[year]
    cal = package_calendar()
    day = dt.date(year, 1, 1)
    wrong = []
    while day.year == year:
        expected = day in makeup or (day.weekday() < 5 and day not in off)
        if cal.is_workday(day) != expected:
            wrong.append(day)
        day += dt.timedelta(days=1)
    assert wrong == []


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        ("2026-09-30", 3, "2026-10-10"),  # National Day week, then the Saturday makeup day
        ("2026-02-13", 1, "2026-02-14"),  # Saturday makeup before the Spring Festival
        ("2026-02-14", 1, "2026-02-24"),  # nine days off in between
        ("2025-01-24", 1, "2025-01-26"),  # Sunday makeup
        ("2024-10-08", -1, "2024-09-30"),
        ("2024-02-09", 0, "2024-02-09"),
    ],
)
def test_add_across_holidays(start, n, expected):
    assert package_calendar().add(dt.date.fromisoformat(start), n) == dt.date.fromisoformat(expected)


def test_count_is_after_start_up_to_and_including_end():
    cal = package_calendar()
    assert cal.count(dt.date(2026, 9, 25), dt.date(2026, 10, 12)) == 7
    assert cal.count(dt.date(2026, 10, 12), dt.date(2026, 9, 25)) == -7
    assert cal.count(dt.date(2026, 3, 2), dt.date(2026, 3, 2)) == 0


def test_latest_day_for_something_due_three_working_days_before_an_event():
    cal = package_calendar()
    # Event on Saturday 2026-03-14: working days Wed 11, Thu 12, Fri 13 must follow publication.
    latest = cal.latest_before(dt.date(2026, 3, 14), 3)
    assert latest == dt.date(2026, 3, 10)
    assert cal.count(latest, dt.date(2026, 3, 14)) >= 3
    assert cal.count(latest + dt.timedelta(days=1), dt.date(2026, 3, 14)) < 3


@pytest.mark.parametrize("year", [2099, 2003])
def test_a_year_nobody_knows_is_never_guessed(year):
    with pytest.raises(UnknownYear) as err:
        package_calendar().is_workday(dt.date(year, 6, 1))
    assert err.value.year == year


DATES = st.dates(min_value=dt.date(2024, 1, 1), max_value=dt.date(2026, 10, 31))


@settings(max_examples=300, deadline=None)
@given(DATES, st.integers(min_value=-40, max_value=40))
def test_add_and_count_agree(day, n):
    cal = package_calendar()
    target = cal.add(day, n)
    if n >= 0:
        assert cal.count(day, target) == n  # n working days in (day, target]
    else:  # |n| working days in [target, day)
        assert sum(cal.is_workday(target + dt.timedelta(days=i)) for i in range((day - target).days)) == -n
    if n:
        assert cal.is_workday(target)


@settings(max_examples=300, deadline=None)
@given(DATES, DATES)
def test_count_agrees_with_a_day_by_day_count(a, b):
    cal = package_calendar()
    lo, hi = min(a, b), max(a, b)
    by_hand = sum(1 for i in range(1, (hi - lo).days + 1) if cal.is_workday(lo + dt.timedelta(days=i)))
    assert cal.count(lo, hi) == by_hand
    assert cal.count(hi, lo) == -by_hand


# -- the override file ------------------------------------------------------------------

OVERRIDE_2027 = """\
calendar:
  years: [2027]
  holidays: [2027-01-01, 2027-02-08, 2027-02-09]
  workdays: [2027-02-06]
"""


def test_override_adds_a_year(tmp_path):
    path = tmp_path / "calendar.yml"
    path.write_text(OVERRIDE_2027, encoding="utf-8")
    cal = load_calendar_file(path).apply(package_calendar())
    assert not cal.is_workday(dt.date(2027, 1, 1))
    assert cal.is_workday(dt.date(2027, 2, 6))  # a Saturday worked
    assert cal.is_workday(dt.date(2027, 3, 1))
    assert cal.is_workday(dt.date(2026, 10, 10)), "package years stay as they were"


def test_override_corrects_a_single_day_of_a_known_year(tmp_path):
    path = tmp_path / "calendar.yml"
    path.write_text("calendar:\n  holidays: [2026-03-02]\n  workdays: [2026-03-07]\n", encoding="utf-8")
    cal = load_calendar_file(path).apply(package_calendar())
    assert not cal.is_workday(dt.date(2026, 3, 2)) and cal.is_workday(dt.date(2026, 3, 7))
    assert not cal.is_workday(dt.date(2026, 10, 1)), "the rest of 2026 still comes from the package"


def test_a_year_in_the_override_replaces_the_packages_data_for_that_year():
    base = WorkCalendar(frozenset({2026}), frozenset({dt.date(2026, 3, 2)}), frozenset())
    assert base.with_override([2026], [], []).is_workday(dt.date(2026, 3, 2))


@pytest.mark.parametrize(
    ("text", "line", "needle"),
    [
        ("calendar:\n  holidays: [2027-13-01]\n", 2, "2027-13-01"),
        ("calendar:\n  years: [2027]\n  holidays: [2027-01-02]\n", 3, "2027-01-02"),  # a Saturday is no holiday entry
        ("calendar:\n  holidays: [2027-01-04]\n  workdays: [2027-01-04]\n", 3, "2027-01-04"),
        ("calendar:\n  years: [soon]\n", 2, "years"),
    ],
)
def test_override_mistakes_name_file_and_line(tmp_path, text, line, needle):
    path = tmp_path / "calendar.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(PolicyError) as err:
        load_calendar_file(path)
    problem = err.value.problems[0]
    assert problem.file == str(path) and problem.line == line and needle in problem.message


def test_from_november_missing_next_year_is_warned():
    cal = package_calendar()
    assert next_year_warning(cal, dt.date(2026, 11, 2)) is not None
    assert next_year_warning(cal, dt.date(2026, 10, 30)) is None
    assert next_year_warning(cal.with_override([2027], [], []), dt.date(2026, 11, 2)) is None


# -- the commands ---------------------------------------------------------------------------


def run(cwd, *args):
    env = {**os.environ}
    env.pop("GOVREVIEW_LANG", None)
    return subprocess.run([sys.executable, "-m", "govreview.cli", "calendar", *args], cwd=cwd, capture_output=True, text=True, env=env)


def test_calendar_commands_work_without_a_policies_folder(tmp_path):
    assert run(tmp_path, "add", "2026-09-30", "3").stdout.strip() == "2026-10-10"
    assert run(tmp_path, "add", "2026-10-10", "-3").stdout.strip() == "2026-09-30"
    assert run(tmp_path, "count", "2026-09-25", "2026-10-12").stdout.strip() == "7"


def test_calendar_commands_use_the_override_and_refuse_unknown_years(tmp_path):
    proc = run(tmp_path, "add", "2026-12-30", "3")
    assert proc.returncode == 2 and "2027" in proc.stderr and "calendar.yml" in proc.stderr and "Traceback" not in proc.stderr
    (tmp_path / "policies").mkdir()
    (tmp_path / "policies" / "calendar.yml").write_text(OVERRIDE_2027, encoding="utf-8")
    assert run(tmp_path, "add", "2026-12-30", "3").stdout.strip() == "2027-01-05"
    assert run(tmp_path, "add", "2026-03-01", "x").returncode == 2


def test_a_year_named_in_the_override_must_be_entered_in_full(tmp_path):
    path = tmp_path / "calendar.yml"
    path.write_text("calendar:\n  years: [2027]\n", encoding="utf-8")
    with pytest.raises(PolicyError) as err:
        load_calendar_file(path)
    assert "2027" in err.value.problems[0].message and err.value.problems[0].line == 2


def test_the_calendar_command_finds_the_section_in_any_policy_file(tmp_path):
    (tmp_path / "policies").mkdir()
    (tmp_path / "policies" / "site.yml").write_text(OVERRIDE_2027, encoding="utf-8")
    assert run(tmp_path, "add", "2026-12-31", "1").stdout.strip() == "2027-01-04"
