"""Rules on front-matter fields (pure): what a page may write in a field, and what its
values mean for publication.

A policy attaches them to a field in its ``fields`` section (guide/policy-language.md,
"字段规则"): fixed ``choices``; values that are ``never_publish`` (是否涉密：是); a field
``required_when`` another has a value (转载 needs 出处); a date ``not_before`` another
(a meeting cannot end before it starts). The gate asks them through four small checks
(:func:`vetoes`, :func:`choices`, :func:`required_when`, :func:`field_order` below,
joined in :data:`govreview.core.gate.CHECKS`).

A page may write a declared field by its id or by its display name (``是否涉密: 是`` for
``classified``): both are read, so a veto cannot be dodged by spelling the key in Chinese.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from .page import FIELD_ALIASES, parse_date
from .policy import same_value
from .verdict import Reason


@dataclass(frozen=True)
class FieldRule:
    """What the policy says about one front-matter field (by its canonical id)."""

    field: str
    name: str  # as editors know it (the declared display name, or the id of a page-model field)
    choices: tuple[object, ...] = ()  # the only values a page may write; empty: any
    never_publish: tuple[object, ...] = ()  # a page with one of these values is never published
    #: The field must be filled when field ``[0]`` has one of the values ``[1]``.
    required_when: tuple[str, tuple[object, ...]] | None = None
    not_before: str | None = None  # a date that may not be earlier than this other date field
    rule: str | None = None  # RULES.md id the field's rules enforce


def one_of(written: object, values: tuple[object, ...]) -> bool:
    return any(same_value(written, v) for v in values)


def present(value: object) -> bool:
    if value is None:
        return False
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, list | dict | tuple):
        return bool(value)
    return True


@dataclass(frozen=True)
class Written:
    """One value a page wrote for a field: the key as written, its line, the value."""

    key: str
    line: int | None
    value: object


def written(
    field: str, fields: Mapping[str, object], meta: Mapping[str, object] | None, lines: Mapping[str, int], display: str | None
) -> list[Written]:
    """Every value the page gives ``field``: under its id (or a Chinese spelling of a
    page-model field) and under its declared display name."""
    out: list[Written] = []
    source = meta if meta is not None else fields
    for key, value in source.items():
        name = FIELD_ALIASES.get(str(key), str(key))
        if name == field or (display is not None and str(key) == display and display != field):
            out.append(Written(str(key), lines.get(str(key)), value))
    return out


def label(rule: FieldRule) -> str:
    """How a message names the field: 是否涉密（classified）, or the id of a page-model field."""
    return rule.field if rule.name == rule.field else f"{rule.name}（{rule.field}）"


def _shown(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def vetoes(rule: FieldRule, values: list[Written]) -> list[Reason]:
    """A value the policy never publishes withholds the page, whatever the approvals."""
    return [
        Reason("field_vetoed", rule.rule, {"field": label(rule), "value": _shown(w.value)}, w.line)
        for w in values
        if rule.never_publish and one_of(w.value, rule.never_publish)
    ]


def choices(rule: FieldRule, values: list[Written]) -> list[Reason]:
    """A filled field with fixed choices holds one of them."""
    if not rule.choices:
        return []
    allowed = [_shown(c) for c in rule.choices]
    return [
        Reason("field_not_a_choice", rule.rule, {"field": label(rule), "value": _shown(w.value), "choices": allowed}, w.line)
        for w in values
        if present(w.value) and not one_of(w.value, rule.choices)
    ]


def required_when(rule: FieldRule, values: list[Written], trigger: list[Written], trigger_label: str) -> list[Reason]:
    """The field is filled when the field it depends on has one of the values that need it."""
    if rule.required_when is None or any(present(w.value) for w in values):
        return []
    _, needing = rule.required_when
    fired = next((w for w in trigger if one_of(w.value, needing)), None)
    if fired is None:
        return []
    params = {"field": label(rule), "other": trigger_label, "value": _shown(fired.value)}
    return [Reason("field_required_when", rule.rule, params, fired.line)]


def field_order(rule: FieldRule, values: list[Written], earlier: list[Written], earlier_label: str) -> list[Reason]:
    """A date that may not come before another: both must be dates when written, and in order."""
    if rule.not_before is None:
        return []
    reasons: list[Reason] = []
    days = _dates(values, label(rule), rule.rule, reasons)
    starts = _dates(earlier, earlier_label, rule.rule, reasons)
    for w, day in days:
        for _, start in starts:
            if day < start:
                params = {"field": label(rule), "value": day, "other": earlier_label, "other_value": start}
                reasons.append(Reason("field_order", rule.rule, params, w.line))
    return reasons


def _dates(values: list[Written], name: str, rule: str | None, reasons: list[Reason]) -> list[tuple[Written, date]]:
    """The written values that are dates; one that is not says so (a typo must not skip the check)."""
    out: list[tuple[Written, date]] = []
    for w in values:
        if not present(w.value):
            continue
        day = parse_date(w.value)
        if day is None:
            reasons.append(Reason("field_type", rule, {"field": name, "expected": "date"}, w.line))
        else:
            out.append((w, day))
    return out
