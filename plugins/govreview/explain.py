"""One verdict explained once, in one language: every renderer (the build log, ``govreview
explain``, the pull-request comment, the JSON report) formats this summary instead of
deciding again what to say (invariant 6: every "no" names the file, the rule, what is
missing and who can supply it)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from . import messages
from .core.policy import Person
from .core.verdict import BUILD_INPUT, Reason, StepOutcome, Verdict
from .messages import msg, say
from .timefmt import shanghai


@dataclass(frozen=True)
class Said:
    """One reason or note in words, with where in the file it points."""

    code: str
    rule: str | None
    text: str  # the sentence, ending in its RULES.md id where one applies
    line: int | None
    col: int | None
    place: str  # （第 3 行第 5 列）, or ""
    reason: Reason


@dataclass(frozen=True)
class StepState:
    """One approval step: filled (by whom) or not (who could fill it)."""

    name: str
    satisfied: bool
    needed: int
    filled_by: tuple[str, ...]
    can_supply: tuple[str, ...]
    rule: str | None
    people: str  # filled_by (name and title) when satisfied, else can_supply (with @mentions), or "nobody"
    pending: bool = False  # judged only at the merge (the publisher)


@dataclass(frozen=True)
class Explanation:
    path: str
    kind: str
    approved: bool
    status: str  # 可以发布 / 未审批，不予发布 / 构建输入未审批
    category: str  # 工作动态 (news)
    unit: str | None
    origin: str | None  # the pull request that produced the file, and when it merged
    steps: tuple[StepState, ...]
    reasons: tuple[Said, ...]
    notes: tuple[Said, ...]

    @property
    def missing_steps(self) -> tuple[StepState, ...]:
        return tuple(s for s in self.steps if not s.satisfied)


def explain(verdict: Verdict, lang: str | None = None) -> Explanation:
    if verdict.approved:
        status = say(msg("verdict_approved"), lang)
    elif verdict.kind == BUILD_INPUT:
        status = say(msg("verdict_input_blocked"), lang)
    else:
        status = say(msg("verdict_withheld"), lang)
    origin = None
    if verdict.pull:
        merged = shanghai(verdict.merged_at).strftime("%Y-%m-%d %H:%M") if verdict.merged_at else "—"
        origin = say(msg("verdict_origin", pull=verdict.pull, pull_title=verdict.pull_title, merged=merged), lang)
    elif verdict.baseline is not None:
        published = shanghai(verdict.merged_at).strftime("%Y-%m-%d") if verdict.merged_at else "—"
        origin = say(msg("verdict_origin_baseline", source=verdict.baseline, published=published), lang)
    return Explanation(
        path=verdict.path,
        kind=verdict.kind,
        approved=verdict.approved,
        status=status,
        category=f"{verdict.category_name or '—'} ({verdict.category or '—'})",
        unit=verdict.unit_name,
        origin=origin,
        steps=tuple(_step(s, lang, verdict) for s in verdict.steps),
        reasons=tuple(said(r, lang, verdict.people) for r in verdict.reasons),
        notes=tuple(said(r, lang, verdict.people) for r in verdict.notes),
    )


def step_people(step: StepOutcome, lang: str | None, verdict: Verdict) -> str:
    """Who approved a step by name and title; who could still approve, with the account to mention."""
    people = step.filled_by if step.satisfied else step.can_supply
    return messages.render_people(people, lang, verdict.people, with_login=not step.satisfied)


def _step(step: StepOutcome, lang: str | None, verdict: Verdict) -> StepState:
    return StepState(
        step.name,
        step.satisfied,
        step.needed,
        step.filled_by,
        step.can_supply,
        step.rule,
        step_people(step, lang, verdict),
        step.pending,
    )


def said(reason: Reason, lang: str | None, roster: Mapping[str, Person] | None = None) -> Said:
    """One reason or note in words, as :func:`explain` words it (people by name and title from ``roster``)."""
    text = messages.render(reason, lang, roster)
    return Said(reason.code, reason.rule, text, reason.line, reason.col, messages.place(reason, lang), reason)


def describe(path: str, verdict: Verdict, lang: str | None = None) -> str:
    """The build log's lines for a withheld file: file:line: reason, and — for a file no
    approved merge produced — the approvals it will need and who can give them."""
    told = explain(verdict, lang)
    lines = []
    for said in told.reasons:
        where = f"{path}:{said.line}" if said.line else path
        if said.line and said.col:
            where += f":{said.col}"
        lines.append(f"{where}: {said.text}")
    if verdict.pull is None and told.missing_steps:  # not produced by any approved merge: say what it will need
        parts = [f"{s.name}（{s.people}）" + (f"[{s.rule}]" if s.rule else "") for s in told.missing_steps]
        lines.append(say(msg("verdict_needs"), lang) + "；".join(parts))
    return f"{path}: {told.status}\n  " + "\n  ".join(lines)
