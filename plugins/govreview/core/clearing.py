"""Clearing a false block (R-03: where a unit cannot decide, the secrecy committee decides). Pure.

A holder of the policy's clearing role (``screening.clear.role``) clears one screening
finding by submitting a pull-request review whose body names it on a line of its own::

    解除拦截：R-03 secrecy-marking docs/news/a.md:12:5 「秘密★」

that is: the fixed prefix ``解除拦截：`` (a half-width colon is read too), the finding's
RULES.md id, its check code, the file's repository path with line and column, the place
inside an attachment in 〔〕 where the finding has one, and the matched text in 「」 exactly
as the finding shows it (personal numbers masked). :func:`clear_line` writes that line
for a finding; the pull-request comment shows it to paste.

The review counts (:func:`claims`) when it is APPROVED or COMMENTED, was submitted on
the pull request's final head, before the merge and after the last push that changed
the file (server times), by a holder of the clearing role who is no author or committer
of the pull request, and the same person did not request changes afterwards. It clears
only a ``block`` finding that has a matched text and is named exactly (rule, check,
file, line, column, place, text): never a warn, a missing approval, a deadline, a
screening failure or an unreadable file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from .evidence import APPROVED, CHANGES_REQUESTED, COMMENTED, PullRecord
from .evidence_rules import holds, last_change
from .findings import BLOCK, Finding, Place
from .policy import Policy
from .records import Clearance

PREFIX = "解除拦截："
#: Review states that may carry a clearance: COMMENTED changes nothing else on the forge.
CLEARING_STATES = frozenset({APPROVED, COMMENTED})
#: Block findings no decision can clear: nothing was read, so nothing was judged.
NOT_CLEARABLE = frozenset({"screening-failed", "attachment-unreadable"})

_LINE = re.compile(
    r"^解除拦截[：:]\s*(?P<rule>\S+)\s+(?P<check>\S+)\s+(?P<path>\S.*?):(?P<line>\d+):(?P<col>\d+)"
    r"\s+(?:〔(?P<place>[^〕]*)〕\s*)?「(?P<text>.*)」$"
)


@dataclass(frozen=True)
class Named:
    """One finding as a clearance line names it."""

    rule: str
    check: str
    path: str
    line: int
    col: int | None
    place: str | None
    text: str


@dataclass(frozen=True)
class Claim:
    """A clearance line of one review: who, when, in which review, and why it does not
    count (``problem`` None: it counts, if it names a finding)."""

    named: Named
    login: str
    at: datetime
    review: int | None
    problem: str | None
    params: tuple[tuple[str, object], ...] = ()


def place_token(where: Place) -> str:
    """A place inside a file as the clearance line writes it: ``paragraph(n=3)``, steps joined by ``/``."""
    steps = []
    for code, params in where:
        name = code.removeprefix("place.")
        args = ",".join(f"{k}={v}" for k, v in sorted(params.items()))
        steps.append(f"{name}({args})" if args else name)
    return "/".join(steps)


def clearable(finding: Finding) -> bool:
    """A block finding with a matched text; a failure to read or screen is never cleared."""
    text = finding.params.get("excerpt")
    return finding.severity == BLOCK and finding.code not in NOT_CLEARABLE and isinstance(text, str) and bool(text.strip())


def clear_line(finding: Finding, path: str) -> str:
    """The line a clearing review's body carries for ``finding`` in the file at repository ``path``."""
    where = f" 〔{place_token(finding.where)}〕" if finding.where else ""
    return f"{PREFIX}{finding.rule} {finding.code} {path}:{finding.line}:{finding.col}{where} 「{finding.params.get('excerpt', '')}」"


def parse(body: str) -> tuple[Named, ...]:
    """The findings a review body names, one per line; other lines are ignored."""
    out: list[Named] = []
    for raw in body.splitlines():
        line = raw.strip().strip("`").strip()
        m = _LINE.match(line)
        if m is None:
            continue
        out.append(Named(m["rule"], m["check"], m["path"], int(m["line"]), int(m["col"]), m.group("place"), m["text"]))
    return tuple(out)


def names(named: Named, finding: Finding, path: str) -> bool:
    """Does the line name exactly this finding of the file at ``path``?"""
    return (
        named.path == path
        and named.rule == finding.rule
        and named.check == finding.code
        and named.line == finding.line
        and named.col == finding.col
        and (named.place or "") == place_token(finding.where)
        and named.text == finding.params.get("excerpt")
    )


def claims(path: str, pull: PullRecord, policy: Policy, unit: str | None, excluded: frozenset[str]) -> tuple[Claim, ...]:
    """Every clearance line naming a finding of ``path`` in the reviews of ``pull``, each with
    whether it counts: the evidence conditions of the module's docstring (invariants 1, 4, 5)."""
    role = policy.screening.clear_role
    out: list[Claim] = []
    for review in sorted(pull.reviews, key=lambda r: r.submitted_at):
        if review.submitted_at > pull.merged_at or not review.body:
            continue
        named = [n for n in parse(review.body) if n.path == path]
        if not named:
            continue
        login = review.login.lower()
        problem, params = _problem(path, pull, policy, unit, excluded, role, login, review.state, review.commit_id, review.submitted_at)
        out += [Claim(n, review.login, review.submitted_at, review.id, problem, params) for n in named]
    return tuple(out)


def _problem(
    path: str,
    pull: PullRecord,
    policy: Policy,
    unit: str | None,
    excluded: frozenset[str],
    role: str | None,
    login: str,
    state: str,
    commit: str,
    at: datetime,
) -> tuple[str | None, tuple[tuple[str, object], ...]]:
    if state not in CLEARING_STATES:
        return "state", (("state", state),)
    if commit != pull.head:
        return "wrong_head", (("commit", commit), ("head", pull.head))
    if login in excluded:
        return "self", ()
    if role is None or not holds(login, (role,), unit, policy, pull, []):
        return "not_holder", ()
    changed_at, known = last_change(path, pull)
    if not known:
        return "order_unknown", ()
    if changed_at is not None and at <= changed_at:
        return "before_push", (("pushed", changed_at),)
    withdrawn = [
        r for r in pull.reviews if r.login.lower() == login and r.state == CHANGES_REQUESTED and at < r.submitted_at <= pull.merged_at
    ]
    if withdrawn:
        return "withdrawn", (("withdrawn_at", withdrawn[0].submitted_at),)
    return None, ()


def records(pull: PullRecord, policy: Policy) -> tuple[Clearance, ...]:
    """The archive's ``clearance`` records for ``pull``: each clearance line that counts as
    evidence (for the role's global holders or those of some unit). Whether it names a
    finding is the gate's to judge, with the file's content and its unit."""
    head = pull.head_named(pull.head)
    if head is None:
        return ()
    excluded = frozenset(p.lower() for p in pull.contributors())
    out: list[Clearance] = []
    for path, blob in sorted(head.files.items()):
        if blob is None:
            continue
        found: dict[tuple[int | None, Named], Claim] = {}
        for unit in (None, *sorted(policy.units)):
            for c in claims(path, pull, policy, unit, excluded):
                if c.problem is None:
                    found.setdefault((c.review, c.named), c)
        for c in found.values():
            if c.review is None:  # a clearance record names its review
                continue
            n = c.named
            out.append(
                Clearance(pull.number, pull.head, path, blob, n.check, n.line, n.text, c.login, c.at, c.review, n.rule, n.col, n.place)
            )
    return tuple(out)
