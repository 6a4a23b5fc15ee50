"""``columns``: folders under docs/ with their name, default category and unit, the
categories their pages may choose and the units they may name (none but ``unit`` unless listed)."""

from __future__ import annotations

from collections.abc import Mapping

from ..core.policy import POLICY_CATEGORY, Category, Column, Unit
from ..messages import msg
from .problems import closest, names_of
from .reading import TEXT, TEXTS, Fields, Key
from .sections import Sections

COLUMN_KEYS = {
    "name": Key(TEXT, required=True),
    "category": Key(TEXT, required=True),
    "unit": Key(TEXT, required=True),
    "categories": Key(TEXTS, default=()),
    "units": Key(TEXTS, default=()),
}


def read_columns(s: Sections, categories: Mapping[str, Category], units: Mapping[str, Unit]) -> dict[str, Column]:
    written = s.known("categories")  # every category written, even one with mistakes of its own
    choosable = [c for c in written if c != POLICY_CATEGORY]
    out: dict[str, Column] = {}
    for reader, path, value, line in s.entries("columns"):
        what = f"columns.{path}"
        f = reader.mapping(value, line, what, COLUMN_KEYS)
        if f is None:
            continue
        allowed: tuple[str, ...] = f["categories"]
        for cid in allowed:
            if cid == POLICY_CATEGORY:
                f.fail("categories", msg("policy.column_policy_category", what=f"{what}.categories"))
            elif cid not in written:
                f.fail(
                    "categories",
                    msg("policy.unknown_category", what=f"{what}.categories", name=cid),
                    closest(cid, choosable, names_of(categories)),
                )
        category, unit = f["category"], f["unit"]
        known = True
        if category and category not in written:
            f.fail(
                "category",
                msg("policy.unknown_category", what=f"{what}.category", name=category),
                closest(category, written, names_of(categories)),
            )
            known = False
        if unit and unit not in s.known("units"):
            f.fail("unit", msg("policy.unknown_unit", what=f"{what}.unit", name=unit), closest(unit, s.known("units"), names_of(units)))
            known = False
        others = _other_units(f, what, s, units)
        if not known or category not in categories or unit not in units:
            continue
        key = str(path).strip("/") or "."
        if f["name"] and category and unit:
            out[key] = Column(key, f["name"], category, unit, allowed, others)
    return out


def _other_units(f: Fields, what: str, s: Sections, units: Mapping[str, Unit]) -> tuple[str, ...]:
    """``units``: the further units a page in the column may name (a column fixes its units)."""
    out: list[str] = []
    for uid in f["units"]:
        if uid in units:
            out.append(uid)
        elif uid not in s.known("units"):
            f.fail("units", msg("policy.unknown_unit", what=f"{what}.units", name=uid), closest(uid, s.known("units"), names_of(units)))
    return tuple(out)
