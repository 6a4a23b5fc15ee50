"""Field rules, deadline terms and the publisher: the parts of the policy language that say
what a page's fields mean for publication (guide/policy-language.md, "字段规则", "期限",
"由谁发布").

Field rules are written where a field is declared, in ``fields``; a page-model field
(``source``, ``date`` …) may be listed there with rules only::

    fields:
      classified: {name: 是否涉密, choices: [是, 否], never_publish: [是], rule: R-03}
      origin: {name: 来源类型, choices: [本机关, 转载]}
      source: {required_when: {origin: 转载}, rule: R-12}
      meeting_end: {name: 会议结束日期, not_before: meeting_start}

A deadline may count ``days: calendar``, apply only ``when`` a field has a value, and be
``met_by: application`` (the pull request marked ready for review); a category may say
who publishes it, ``published_by: <role>`` (R-04).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ruamel.yaml.comments import CommentedMap

from ..core.field_rules import FieldRule, one_of
from ..core.page import FIELD_ALIASES
from ..core.policy import BY_APPLICATION, BY_PUBLICATION, CALENDAR_DAYS, WORKING_DAYS, Role
from ..messages import msg
from .fields import PAGE_FIELDS, FieldNames
from .problems import closest, names_of
from .reading import BAD, MAPPING, RULE_ID, TEXT, Fields, Key, Kind, line_of_key
from .sections import Sections


def condition(f: Fields, key: str, names: FieldNames, what: str) -> tuple[str, Any, int] | None:
    """The condition ``{field: value}`` written under ``key`` (an escalation's or a conditional
    step's ``when``, a deadline's ``when``, ``required_when``): the field's canonical name, the
    value as written and its line. None (reported at its line) when it names more than one
    field or a field nobody declared, or — for a field with fixed choices — a single value
    outside them: a typo there would make the condition never hold, for every page."""
    when = f[key]
    if len(when) != 1:
        f.fail(key, msg("policy.when_one_field", what=what))
        return None
    ((other, value),) = when.items()
    at = line_of_key(when, other) or f.at(key)
    canonical = names.check(f.reader, at, other, what)
    if canonical is None:
        return None
    if _scalar(value) and not names.choice(f.reader, at, canonical, value, f"{what}.{other}"):
        return None
    return canonical, value, at


def _scalar(value: Any) -> bool:
    return isinstance(value, str | int | bool) and not (isinstance(value, str) and not value.strip())


def _values(value: Any) -> Any:
    """A value or a list of values: text, whole numbers, true / false."""
    items = value if isinstance(value, list) else [value]
    return tuple(items) if items and all(_scalar(v) for v in items) else BAD


VALUES = Kind("policy.need_values", _values)
_COUNTING = {"working": WORKING_DAYS, "工作日": WORKING_DAYS, "calendar": CALENDAR_DAYS, "日历日": CALENDAR_DAYS, "自然日": CALENDAR_DAYS}
_MET_BY = {"publication": BY_PUBLICATION, "发布": BY_PUBLICATION, "application": BY_APPLICATION, "申请": BY_APPLICATION}
COUNTING = Kind("policy.need_day_counting", lambda v: _COUNTING.get(v.strip(), BAD) if isinstance(v, str) else BAD)
MET_BY = Kind("policy.need_met_by", lambda v: _MET_BY.get(v.strip(), BAD) if isinstance(v, str) else BAD)

RULE_KEYS = {
    "choices": Key(VALUES),
    "never_publish": Key(VALUES),
    "required_when": Key(MAPPING),
    "not_before": Key(TEXT),
    "rule": Key(RULE_ID),
}
FIELD_KEYS = {"name": Key(TEXT), **RULE_KEYS}
#: Keys of a deadline read here (the rest by :mod:`.categories`).
DEADLINE_TERMS = {"days": Key(COUNTING, default=WORKING_DAYS), "when": Key(MAPPING), "met_by": Key(MET_BY, default=BY_PUBLICATION)}


def built_in(field_id: str) -> bool:
    return field_id in PAGE_FIELDS or field_id in FIELD_ALIASES


def read_field_rules(s: Sections, names: FieldNames) -> dict[str, FieldRule]:
    """The rules written in ``fields`` entries that are mappings: field id -> rule."""
    out: dict[str, FieldRule] = {}
    for reader, fid, value, line in s.entries("fields"):
        if not isinstance(value, CommentedMap):
            continue  # ``id: 名称``: a declaration without rules (:func:`.fields.read_fields`)
        key, what = str(fid), f"fields.{fid}"
        f = reader.mapping(value, line, what, FIELD_KEYS)
        if f is None:
            continue
        if built_in(key) and (f.written("name") or not any(f.written(k) for k in RULE_KEYS)):
            reader.fail(line, msg("policy.field_built_in", name=key), msg("policy.hint_field_rules_only"))
            continue
        if not built_in(key) and not f.written("name"):
            reader.fail(line, msg("policy.missing_key", key="name", path=f"{what}.name"))
            continue
        rule = _rule(f, FIELD_ALIASES.get(key, key), names)
        if rule is not None and any(f.written(k) for k in RULE_KEYS):
            out[rule.field] = rule
    for rule in out.values():
        _trigger_values_are_choices(s, rule, out)
    return out


def _rule(f: Fields, field_id: str, names: FieldNames) -> FieldRule | None:
    name = field_id if built_in(field_id) else f["name"]
    if name is None or f.bad:
        return None
    choices: tuple[object, ...] = f["choices"] or ()
    never: tuple[object, ...] = f["never_publish"] or ()
    ok = True
    if never and not choices:
        # Without fixed choices, "是 " or "yes" would slip past a veto of 是: a veto needs them.
        f.fail("never_publish", msg("policy.never_publish_needs_choices", what=f"{f.what}.never_publish"))
        ok = False
    for value in never:
        if choices and not one_of(value, choices):
            f.fail("never_publish", msg("policy.not_a_choice", what=f"{f.what}.never_publish", value=value, choices=list(choices)))
            ok = False
    required = _required_when(f, names)
    if "required_when" in f and required is None:
        ok = False
    earlier = f["not_before"]
    if earlier is not None:
        earlier = names.check(f.reader, f.at("not_before"), earlier, f"{f.what}.not_before")
        if earlier is None:
            ok = False
        elif earlier == field_id:
            f.fail("not_before", msg("policy.not_before_itself", what=f"{f.what}.not_before"))
            ok = False
    if not ok:
        return None
    return FieldRule(field_id, str(name), choices, never, required, earlier, f["rule"])


def _required_when(f: Fields, names: FieldNames) -> tuple[str, tuple[object, ...]] | None:
    if "required_when" not in f:
        return None
    what = f"{f.what}.required_when"
    found = condition(f, "required_when", names, what)
    if found is None:
        return None
    canonical, values, at = found
    read = f.reader.value(values, at, f"{what}.{next(iter(f['required_when']))}", VALUES)
    return (canonical, read) if read is not None else None


def _trigger_values_are_choices(s: Sections, rule: FieldRule, rules: Mapping[str, FieldRule]) -> None:
    """``required_when: {origin: 转栽}`` with a typo would never fire: a value of a field with
    fixed choices must be one of them."""
    if rule.required_when is None:
        return
    other, values = rule.required_when
    choices = rules[other].choices if other in rules else ()
    for value in values:
        if choices and not one_of(value, choices):
            where = next(
                ((r, line) for r, fid, _, line in s.entries("fields") if FIELD_ALIASES.get(str(fid), str(fid)) == rule.field), None
            )
            if where is not None:
                what = f"fields.{rule.field}.required_when.{other}"
                where[0].fail(where[1], msg("policy.not_a_choice", what=what, value=value, choices=list(choices)))


def deadline_terms(d: Fields, names: FieldNames) -> dict[str, Any] | None:
    """``days``, ``when`` and ``met_by`` of a deadline as Deadline keywords; None (reported) when wrong."""
    if any(k in d.bad for k in DEADLINE_TERMS):
        return None
    terms: dict[str, Any] = {"days": d["days"], "met_by": d["met_by"], "when": None}
    if "when" in d:
        what = f"{d.what}.when"
        found = condition(d, "when", names, what)
        if found is None:
            return None
        canonical, value, at = found
        if not _scalar(value):
            d.reader.fail(at, msg("policy.need_values", what=f"{what}.{next(iter(d['when']))}"))
            return None
        terms["when"] = (canonical, value)
    return terms


def published_by(f: Fields, roles: Mapping[str, Role], written: Sections) -> str | None:
    """``published_by``: the role whose holders merge (publish) pages of the category (R-04)."""
    role = f["published_by"]
    if role is None or role in roles:
        return role  # type: ignore[no-any-return]
    if role not in written.known("roles"):  # a role written with mistakes of its own is reported there
        f.fail("published_by", msg("policy.unknown_role", what=f"{f.what}.published_by", name=role), closest(role, roles, names_of(roles)))
    return None
