"""``categories``: approval chains by kind of information (R-10 … R-17): steps, escalations,
required fields, deadlines in working days (R-30 … R-36) and policy interpretations (R-33)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from ruamel.yaml.comments import CommentedMap

from ..core.policy import POLICY_CATEGORY, Category, Deadline, Escalation, InterpretationRule, Role, Step, StepCondition, Unit
from ..messages import msg
from .field_rules import DEADLINE_TERMS, deadline_terms, published_by
from .fields import FieldNames
from .problems import closest, names_of
from .reading import ANY, DAYS, FLAG, LABEL, LIST, MAPPING, POSITIVE, STEPS, TEXT, TEXTS, Fields, Key, Reader, line_of_key
from .sections import Sections

CATEGORY_KEYS = {
    "name": Key(TEXT, required=True),
    "steps": Key(STEPS, required=True),
    "ordered": Key(FLAG, default=False),
    "same_person": Key(FLAG, default=False),
    "secrecy_review": Key(FLAG, default=True),
    "required_fields": Key(ANY, blank_ok=True),
    "escalations": Key(LIST, blank_ok=True),
    "rules": Key(TEXTS, default=()),
    "deadlines": Key(LIST, blank_ok=True),
    "needs_interpretation": Key(MAPPING),
    "published_by": Key(TEXT),
    "secrecy_waiver": Key(TEXT),
}
STEP_KEYS = {
    "role": Key(TEXTS, required=True),
    "count": Key(POSITIVE, default=1),
    "unit": Key(TEXT),
    "name": Key(LABEL),
    "id": Key(LABEL),
    "rule": Key(TEXT),
    "unit_from": Key(TEXT),
}
ESCALATION_KEYS = {"when": Key(MAPPING, required=True), "steps": Key(STEPS, required=True), "rule": Key(LABEL)}
DEADLINE_KEYS = {
    "rule": Key(TEXT, required=True),
    "field": Key(TEXT, required=True),
    "before": Key(DAYS),
    "within": Key(DAYS),
    "extended_within": Key(DAYS),
    "extension_field": Key(LABEL),
    "urgent_exempt": Key(FLAG, default=False),
    **DEADLINE_TERMS,
}
INTERPRETATION_KEYS = {
    "rule": Key(TEXT, required=True),
    "within": Key(DAYS, required=True),
    "explanation_field": Key(LABEL, default="no_interpretation_reason"),
}


@dataclass(frozen=True)
class _Known:
    """What a category may refer to."""

    roles: Mapping[str, Role]
    units: Mapping[str, Unit]
    fields: FieldNames
    written: Sections  # roles and units written with mistakes of their own are reported there, not again here


def read_categories(
    s: Sections, roles: Mapping[str, Role], units: Mapping[str, Unit], fields: FieldNames, *, archived: bool = False
) -> dict[str, Category]:
    known = _Known(roles, units, fields, s)
    out: dict[str, Category] = {}
    for reader, cid, value, line in s.entries("categories"):
        what = f"categories.{cid}"
        f = reader.mapping(value, line, what, CATEGORY_KEYS)
        if f is None:
            continue
        steps = _steps(f, "steps", known, chain=True)
        category = Category(
            str(cid),
            f["name"] or str(cid),
            steps,
            ordered=f["ordered"],
            same_person=f["same_person"],
            secrecy_review=f["secrecy_review"],
            required_fields=_required(f, known),
            escalations=_escalations(f, known),
            rules=f["rules"],
            deadlines=_deadlines(f, known),
            needs_interpretation=_interpretation(f, known),
            published_by=published_by(f, roles, s),
            secrecy_waiver=_secrecy_waiver(f, str(cid), steps, archived),
        )
        if cid == POLICY_CATEGORY:
            _policy_steps_have_no_unit(f, steps, roles)
        out[str(cid)] = category
    return out


def _steps(f: Fields, key: str, known: _Known, *, chain: bool = False) -> tuple[Step, ...]:
    """A list of steps; in a category's own chain (``chain``) also conditional steps and the
    secrecy review's place."""
    out: list[Step] = []
    for i, node, line in f.items(key):
        what = f"{f.what}.{key}[{i + 1}]"
        placed = _chain_item(f.reader, node, line, what, known, i + 1, chain)
        if placed is not None:
            out += placed
            continue
        step = _step(f.reader, node, line, what, known)
        if step:
            out.append(step)
    for k, s in enumerate(out):
        if not s.secrecy and any(o.id == s.id and not _exclusive(o, s) for o in out[:k]):
            f.fail(key, msg("policy.step_repeats", what=f.what, step=s.id), msg("policy.hint_step_id"))
            break
    return tuple(out)


def _step(reader: Reader, node: Any, line: int | None, what: str, known: _Known) -> Step | None:
    f = reader.mapping(node, line, what, STEP_KEYS)
    if f is None:
        return None
    role_ids: tuple[str, ...] = f["role"] or ()
    ok = bool(role_ids) and not f.bad
    for rid in role_ids:
        if rid not in known.roles:
            if rid not in known.written.known("roles"):
                f.fail("role", msg("policy.unknown_role", what=f"{what}.role", name=rid), closest(rid, known.roles, names_of(known.roles)))
            ok = False
    unit = f["unit"]
    if unit is not None and unit not in known.units:
        if unit not in known.written.known("units"):
            f.fail("unit", msg("policy.unknown_unit", what=f"{what}.unit", name=unit), closest(unit, known.units, names_of(known.units)))
        ok = False
    unit_field = _unit_from(f, what, role_ids, known) if ok and "unit_from" in f else None
    if not ok or (unit_field is None and "unit_from" in f):
        return None
    name = f["name"] or "或".join(known.roles[r].name for r in role_ids)
    sid = f["id"] or "+".join(role_ids) + (f"@{unit}" if unit else "") + (f"@{unit_field}" if unit_field else "")
    return Step(str(sid), str(name), role_ids, int(f["count"]), str(unit) if unit else None, f["rule"], unit_field=unit_field)


def _policy_steps_have_no_unit(f: Fields, steps: tuple[Step, ...], roles: Mapping[str, Role]) -> None:
    """Build inputs belong to no unit: a per-unit role in the policy category needs ``unit``."""
    if any(s.when is not None or s.unit_field is not None for s in steps):  # and then the lines below would not match
        f.fail("steps", msg("policy.policy_step_from_page"))
        return
    lines = [line for _, _, line in f.items("steps")]
    for i, step in enumerate(steps):
        for rid in step.roles:
            if step.unit is None and roles[rid].per_unit and not roles[rid].members:
                f.reader.fail(lines[i] if i < len(lines) else f.at("steps"), msg("policy.policy_step_per_unit", index=i + 1, role=rid))


def _required(f: Fields, known: _Known) -> dict[str, str | None]:
    """``required_fields``: a list of fields, or a mapping field -> rule id."""
    if "required_fields" not in f:
        return {}
    value = f["required_fields"]
    what = f"{f.what}.required_fields"
    out: dict[str, str | None] = {}
    if isinstance(value, CommentedMap):
        for k, rule in value.items():
            at = line_of_key(value, k)
            if rule is not None and not isinstance(rule, str):
                f.reader.fail(at, msg("policy.required_rule", what=f"{what}.{k}"))
            name = known.fields.check(f.reader, at, k, what)
            if name is not None:
                out[name] = rule if isinstance(rule, str) else None
        return out
    for name in f.reader.value(value, f.at("required_fields"), what, TEXTS) or ():
        canonical = known.fields.check(f.reader, f.at("required_fields"), name, what)
        if canonical is not None:
            out[canonical] = None
    return out


def _escalations(f: Fields, known: _Known) -> tuple[Escalation, ...]:
    out = []
    for i, node, line in f.items("escalations"):
        what = f"{f.what}.escalations[{i + 1}]"
        esc = f.reader.mapping(node, line, what, ESCALATION_KEYS)
        if esc is None or "when" not in esc:
            continue
        when = esc["when"]
        if len(when) != 1:
            esc.fail("when", msg("policy.when_one_field", what=f"{what}.when"))
            continue
        ((field_name, equals),) = when.items()
        steps = _steps(esc, "steps", known)
        at = line_of_key(when, field_name) or esc.at("when")
        name = known.fields.check(f.reader, at, field_name, f"{what}.when")
        if name is None or not known.fields.choice(f.reader, at, name, equals, f"{what}.when.{field_name}"):
            continue
        out.append(Escalation(name, equals, steps, esc["rule"]))
    return tuple(out)


def _deadlines(f: Fields, known: _Known) -> tuple[Deadline, ...]:
    out = []
    for i, node, line in f.items("deadlines"):
        what = f"{f.what}.deadlines[{i + 1}]"
        d = f.reader.mapping(node, line, what, DEADLINE_KEYS)
        if d is None:
            continue
        if (d["before"] is None) == (d["within"] is None):
            d.fail("rule", msg("policy.before_or_within", what=what))
            continue
        rule, field_name = d["rule"], d["field"]
        if not rule or not field_name:
            continue
        anchor = known.fields.check(f.reader, d.at("field"), field_name, f"{what}.field")
        extension = d["extension_field"]
        if extension is not None:
            extension = known.fields.check(f.reader, d.at("extension_field"), extension, f"{what}.extension_field")
            if extension is None:
                continue
        terms = deadline_terms(d, known.fields)
        if anchor is None or terms is None:
            continue
        out.append(Deadline(rule, anchor, d["before"], d["within"], d["extended_within"], extension, d["urgent_exempt"], **terms))
    return tuple(out)


def _interpretation(f: Fields, known: _Known) -> InterpretationRule | None:
    """``needs_interpretation``: a policy document is published with its interpretation (R-33)."""
    i = f.mapping("needs_interpretation", INTERPRETATION_KEYS)
    if i is None or "within" not in i:
        return None
    explanation = known.fields.check(f.reader, i.at("explanation_field"), i["explanation_field"], f"{i.what}.explanation_field")
    if not i["rule"] or explanation is None:
        return None
    return InterpretationRule(i["rule"], i["within"], explanation)


# -- the shape of a chain: conditional steps, the secrecy review's place, a unit from the page --

#: Written in a category's ``steps`` where the secrecy review (the label) stands in the chain (R-03).
SECRECY_PLACE = "secrecy_review"
BRANCH_KEYS = {"when": Key(MAPPING, required=True), "steps": Key(STEPS, required=True), "otherwise": Key(STEPS), "rule": Key(LABEL)}


def _chain_item(reader: Reader, node: Any, line: int | None, what: str, known: _Known, index: int, chain: bool) -> tuple[Step, ...] | None:
    """The steps of an item that is not a plain step: the secrecy review's place, or a
    conditional step (``when`` … ``steps`` … ``otherwise``). None: a plain step."""
    if isinstance(node, str) and node.strip() == SECRECY_PLACE:
        if not chain:
            reader.fail(line, msg("policy.secrecy_place_nested", what=what))
            return ()
        return (Step("secrecy", "", (), rule="R-03", secrecy=True),)
    if isinstance(node, str):
        reader.fail(line, msg("policy.step_text", what=what, value=node), closest(node, [SECRECY_PLACE]))
        return ()
    if not isinstance(node, CommentedMap) or "when" not in node:
        return None
    if not chain:
        reader.fail(line, msg("policy.branch_nested", what=what))
        return ()
    b = reader.mapping(node, line, what, BRANCH_KEYS)
    if b is None or "when" not in b:
        return ()
    when = b["when"]
    if len(when) != 1:
        b.fail("when", msg("policy.when_one_field", what=f"{what}.when"))
        return ()
    ((field_name, equals),) = when.items()
    at = line_of_key(when, field_name) or b.at("when")
    name = known.fields.check(reader, at, field_name, f"{what}.when")
    then, otherwise = _steps(b, "steps", known), _steps(b, "otherwise", known)
    if name is None or not known.fields.choice(reader, at, name, equals, f"{what}.when.{field_name}"):
        return ()
    return tuple(replace(s, rule=s.rule or b["rule"], when=StepCondition(name, equals, False, index)) for s in then) + tuple(
        replace(s, rule=s.rule or b["rule"], when=StepCondition(name, equals, True, index)) for s in otherwise
    )


def _exclusive(a: Step, b: Step) -> bool:
    """Two steps of one conditional step's two branches: never both needed."""
    return a.when is not None and b.when is not None and a.when.branch == b.when.branch and a.when.otherwise != b.when.otherwise


def _unit_from(f: Fields, what: str, role_ids: tuple[str, ...], known: _Known) -> str | None:
    """``unit_from``: the page field naming the unit whose holders of a per-unit role fill the step."""
    if f["unit"] is not None:
        f.fail("unit_from", msg("policy.unit_and_unit_from", what=what))
        return None
    if not any(known.roles[r].per_unit for r in role_ids):
        f.fail("unit_from", msg("policy.unit_from_global_role", what=f"{what}.unit_from"))
        return None
    return known.fields.check(f.reader, f.at("unit_from"), f["unit_from"], f"{what}.unit_from")


def _secrecy_waiver(f: Fields, cid: str, steps: tuple[Step, ...], archived: bool) -> str | None:
    """R-03 makes the secrecy review universal: a category without it declares why
    (``secrecy_waiver``), and every verdict shows it. Build inputs (``policy``) need none."""
    review, waiver = f["secrecy_review"], f["secrecy_waiver"]
    placed = sum(1 for s in steps if s.secrecy)
    if placed > 1:
        f.fail("steps", msg("policy.secrecy_place_twice", what=f"{f.what}.steps"))
    if placed and not review:
        f.fail("secrecy_review", msg("policy.secrecy_placed_but_off", what=f.what))
    if review and waiver is not None:
        f.fail("secrecy_waiver", msg("policy.secrecy_waiver_unused", what=f"{f.what}.secrecy_waiver"))
        return None
    if review or cid == POLICY_CATEGORY or waiver is not None:
        return waiver
    if archived:  # written before a waiver was required: judged as it was, the verdict says no reason was given
        return ""
    f.fail("secrecy_review", msg("policy.secrecy_waiver_missing", what=f.what), msg("policy.hint_secrecy_waiver"))
    return None
