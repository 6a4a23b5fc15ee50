"""``freshness``: how long a column or a unit may go without a new item (R-40, R-41, R-42
and the inspections' thresholds), each threshold with its rule id, an amount and the unit
of time that says which calendar counts.

    freshness:
      columns:
        news: {rule: R-42, amount: 2, unit: weeks, warn_before: 1}
        replies: [{rule: R-42, amount: 3, unit: months}]
      units:
        office: {rule: R-40, amount: 1, unit: months}
      every_unit: {rule: R-40, amount: 1, unit: months, warn_before: 1}

``every_unit`` applies to each unit without an entry of its own under ``units``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from ..core.policy import DAYS, MONTHS, UNITS, WEEKS, WORKING_DAYS, Freshness, Threshold, Unit
from ..messages import msg
from .problems import closest, names_of
from .reading import BAD, MAPPING, POSITIVE, RULE_ID, Key, Kind, Reader, line_of_item, line_of_key
from .sections import Sections

#: How a unit of time may be written: the English names, or the Chinese ones.
UNIT_NAMES = {
    DAYS: DAYS,
    "天": DAYS,
    "日": DAYS,
    WEEKS: WEEKS,
    "周": WEEKS,
    MONTHS: MONTHS,
    "月": MONTHS,
    "个月": MONTHS,
    "自然月": MONTHS,
    WORKING_DAYS: WORKING_DAYS,
    "工作日": WORKING_DAYS,
}


def _unit(value: Any) -> Any:
    return UNIT_NAMES.get(value.strip(), BAD) if isinstance(value, str) else BAD


def _warn(value: Any) -> Any:
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else BAD


THRESHOLD_KEYS = {
    "rule": Key(RULE_ID, required=True),
    "amount": Key(POSITIVE, required=True),
    "unit": Key(Kind("policy.freshness_bad_unit", _unit), required=True),
    "warn_before": Key(Kind("policy.freshness_need_warn", _warn), default=0),
}
SECTION_KEYS = {
    "columns": Key(MAPPING, blank_ok=True),
    "units": Key(MAPPING, blank_ok=True),
    "every_unit": Key(MAPPING, blank_ok=True),
}


def read_freshness(s: Sections, units: Mapping[str, Unit]) -> Freshness:
    if "freshness" not in s:
        return Freshness()
    reader, value, line = s.section("freshness")
    if value is None:
        return Freshness()
    f = reader.mapping(value, line, "freshness", SECTION_KEYS)
    if f is None:
        return Freshness()
    columns: dict[str, tuple[Threshold, ...]] = {}
    written_columns = {str(k).strip("/") or ".": k for k in s.known("columns")}
    for key, node, at in _entries(f.values.get("columns")):
        what = f"freshness.columns.{key}"
        folder = str(key).strip("/") or "."
        if folder == ".":  # pages directly under docs/ (the home page) are listed in no column
            reader.fail(at, msg("policy.freshness_root_column", what=what))
            continue
        if folder not in written_columns:
            reader.fail(at, msg("policy.freshness_unknown_column", what=what, name=str(key)), closest(str(key), list(written_columns)))
        thresholds = _thresholds(reader, node, at, what)
        if folder in written_columns and thresholds:
            columns[folder] = thresholds
    by_unit: dict[str, tuple[Threshold, ...]] = {}
    for key, node, at in _entries(f.values.get("units")):
        what = f"freshness.units.{key}"
        if key not in s.known("units"):
            reader.fail(at, msg("policy.unknown_unit", what=what, name=str(key)), closest(str(key), s.known("units"), names_of(units)))
        thresholds = _thresholds(reader, node, at, what)
        if key in units and thresholds:
            by_unit[str(key)] = thresholds
    if "every_unit" in f:
        every = _thresholds(reader, f.values["every_unit"], f.at("every_unit"), "freshness.every_unit")
        for uid in units:
            if every and uid not in by_unit:
                by_unit[uid] = every
    return Freshness(columns, by_unit)


def _entries(node: CommentedMap | None) -> list[tuple[Any, Any, int | None]]:
    return [(key, node[key], line_of_key(node, key)) for key in node] if node is not None else []


def _thresholds(reader: Reader, node: Any, line: int | None, what: str) -> tuple[Threshold, ...]:
    """One threshold (a mapping) or several (a list of mappings)."""
    if isinstance(node, CommentedSeq):
        items = [(node[i], line_of_item(node, i) or line, f"{what}[{i}]") for i in range(len(node))]
    else:
        items = [(node, line, what)]
    if not items:
        reader.fail(line, msg("policy.freshness_need_threshold", what=what))
    out: list[Threshold] = []
    for value, at, name in items:
        t = _threshold(reader, value, at, name)
        if t is not None:
            out.append(t)
    return tuple(out) if len(out) == len(items) else ()


def _threshold(reader: Reader, value: Any, line: int | None, what: str) -> Threshold | None:
    if not isinstance(value, CommentedMap):
        reader.fail(line, msg("policy.freshness_need_threshold", what=what))
        return None
    f = reader.mapping(value, line, what, THRESHOLD_KEYS)
    if f is None or not all(k in f for k in ("rule", "amount", "unit")) or f.bad:
        return None
    unit: str = f["unit"]
    assert unit in UNITS
    amount, warn = int(f["amount"]), int(f["warn_before"])
    if warn > amount:
        f.fail("warn_before", msg("policy.freshness_warn_too_large", what=f"{what}.warn_before", warn=warn, amount=amount))
        return None
    return Threshold(f["rule"], amount, unit, warn)
