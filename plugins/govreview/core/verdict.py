"""What the gate says about one file: reasons, step outcomes and the verdict (pure data).

A :class:`Reason` is a code, the RULES.md id it enforces (where one applies) and
the facts needed to explain it; :mod:`govreview.messages` turns it into Chinese
or English text. Nothing here formats prose.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .policy import Person

PAGE = "page"
ATTACHMENT = "attachment"
BUILD_INPUT = "input"


@dataclass(frozen=True)
class Reason:
    code: str
    rule: str | None = None
    params: Mapping[str, object] = field(default_factory=dict)
    line: int | None = None
    col: int | None = None


@dataclass(frozen=True)
class StepOutcome:
    """One approval step (or the secrecy review) and how it was filled."""

    step: str
    name: str
    roles: tuple[str, ...]
    needed: int
    filled_by: tuple[str, ...]
    can_supply: tuple[str, ...]
    rule: str | None = None
    #: Judged only later (the publisher, at the merge): shown as waiting, never as missing.
    pending: bool = False

    @property
    def satisfied(self) -> bool:
        return len(self.filled_by) >= self.needed


@dataclass(frozen=True)
class Verdict:
    path: str
    kind: str
    reasons: tuple[Reason, ...]
    notes: tuple[Reason, ...] = ()
    category: str | None = None
    category_name: str | None = None
    unit: str | None = None
    unit_name: str | None = None
    column: str | None = None
    column_name: str | None = None
    pull: int | None = None
    pull_title: str | None = None
    merged_at: datetime | None = None
    steps: tuple[StepOutcome, ...] = ()
    fields: Mapping[str, object] = field(default_factory=dict)
    #: The roster of the policy judged by (login -> name and title), for every output to name
    #: people by name and title (R-18).
    people: Mapping[str, Person] = field(default_factory=dict)
    #: Where the paper approval of content public before adoption is kept (R-11): the file is
    #: approved by the archive's baseline, not by a merge. None for everything else.
    baseline: str | None = None

    @property
    def approved(self) -> bool:
        return not self.reasons


#: Reasons said once per field, whichever rule found them first (a required field that is
#: also a deadline's date, a field two escalations read): the editor fixes the field once.
_ONCE_PER_FIELD = frozenset({"field_missing", "field_type"})


def distinct(reasons: tuple[Reason, ...]) -> tuple[Reason, ...]:
    """``reasons`` without repeats, in their order: no reason is said twice."""
    seen: set[object] = set()
    out: list[Reason] = []
    for r in reasons:
        if r.code in _ONCE_PER_FIELD and "field" in r.params:
            key: object = (r.code, r.params["field"])
        else:
            key = (r.code, r.rule, repr(sorted(r.params.items(), key=lambda kv: kv[0])), r.line, r.col)
        if key not in seen:
            seen.add(key)
            out.append(r)
    return tuple(out)
