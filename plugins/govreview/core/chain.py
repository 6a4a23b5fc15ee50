"""The shape of one page's approval chain (pure): which conditional steps apply, the unit a
step's per-unit role is resolved for when a page field names it, and the secrecy waiver.

The gate's steps check (:func:`govreview.core.gate.steps_and_secrecy`) asks these before it
fills the chain with people; each answer that blocks is a reason, each that explains is a note
(the branch taken and not taken, the waiver: every verdict shows them).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from .page import SourceFile, field_line
from .policy import POLICY_CATEGORY, Category, Policy, Step
from .verdict import Reason

R_SECRECY = "R-03"


def resolve_units(
    steps: tuple[Step, ...], fields: Mapping[str, object], policy: Policy, source: SourceFile
) -> tuple[tuple[Step, ...], list[Reason]]:
    """Steps whose unit a page field names (``unit_from``), pinned to that unit. A field left
    out or naming no unit blocks, and that step then has nobody who can fill it (fail closed)."""
    out: list[Step] = []
    reasons: list[Reason] = []
    for step in steps:
        if step.unit_field is None:
            out.append(step)
            continue
        raw = fields.get(step.unit_field)
        unit = policy.find_unit(raw.strip()) if isinstance(raw, str) and raw.strip() else None
        if unit is not None:
            out.append(replace(step, unit=unit.id))
            continue
        params: dict[str, object] = {"step": step.name, "field": _field(step.unit_field, policy)}
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            reasons.append(Reason("step_unit_missing", step.rule, params))
        else:
            known = [f"{u.name}（{u.id}）" if u.name != u.id else u.id for u in policy.units.values()]
            line = field_line(source, step.unit_field, policy.fields)
            reasons.append(Reason("step_unit_unknown", step.rule, {**params, "value": raw, "known": known}, line=line))
        out.append(replace(step, roles=()))
    return tuple(out), reasons


def condition_types(category: Category, fields: Mapping[str, object], source: SourceFile, policy: Policy) -> list[Reason]:
    """A condition's field written in another type (``是`` or ``"true"`` for ``true``) must not
    quietly send the page down the other branch: it blocks, naming the field and its line."""
    reasons: list[Reason] = []
    seen: set[str] = set()
    for step in category.steps:
        when = step.when
        if when is None or when.field in seen:
            continue
        wrong = wrong_type(when.field, when.equals, fields, source, policy, step.rule)
        if wrong is not None:
            seen.add(when.field)
            reasons.append(wrong)
    return reasons


def wrong_type(
    field: str, equals: object, fields: Mapping[str, object], source: SourceFile, policy: Policy, rule: str | None
) -> Reason | None:
    """The page wrote ``field``, which a condition compares with ``equals``, in another type:
    a reason naming the field and its line (a conditional step's branch or a deadline's switch
    must not quietly go the other way). None for a field with fixed choices: the choices check
    refuses any value outside them and lists them, so the same mistake is said once."""
    value = fields.get(field)
    if value is None or type(value) is type(equals) or policy.has_choices(field):
        return None
    expected = "boolean" if isinstance(equals, bool) else type(equals).__name__
    return Reason("field_type", rule, {"field": field, "expected": expected}, line=field_line(source, field, policy.fields))


def branch_notes(category: Category, fields: Mapping[str, object], policy: Policy) -> list[Reason]:
    """For each conditional part of the chain: the condition, what the page says, the steps
    it needs and the steps it does not."""
    secrecy_name = policy.secrecy.name
    branches: dict[int, list[Step]] = {}
    for step in category.steps:
        if step.when is not None:
            branches.setdefault(step.when.branch, []).append(step)
    notes: list[Reason] = []
    for steps in branches.values():
        when = steps[0].when
        assert when is not None
        taken = [_name(s, secrecy_name) for s in steps if s.applies(fields)]
        skipped = [_name(s, secrecy_name) for s in steps if not s.applies(fields)]
        value = fields.get(when.field)
        params = {"field": _field(when.field, policy), "equals": _shown(when.equals), "value": "—" if value is None else _shown(value)}
        code = "branch_met" if when.met(fields) else "branch_unmet"
        notes.append(Reason(code, steps[0].rule, {**params, "taken": taken, "skipped": skipped}))
    return notes


def secrecy_waiver(category: Category) -> list[Reason]:
    """The declared waiver of a category without the secrecy review, shown in every verdict
    (R-03). Build inputs (the ``policy`` category) are rules and configuration, not information."""
    if category.secrecy_review or category.id == POLICY_CATEGORY:
        return []
    if category.secrecy_waiver:
        return [Reason("secrecy_waived", R_SECRECY, {"category": category.name, "reason": category.secrecy_waiver})]
    return [Reason("secrecy_waived_unstated", R_SECRECY, {"category": category.name})]


def _field(name: str, policy: Policy) -> str:
    """A field as editors know it: a field the policy declares by its name and id."""
    shown = policy.fields.get(name)
    return f"{shown}（{name}）" if shown else name


def _name(step: Step, secrecy_name: str) -> str:
    return secrecy_name if step.secrecy else step.name


def _shown(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
