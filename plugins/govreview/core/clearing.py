"""Clearing a false block (R-03: where a unit cannot decide, the secrecy committee decides). Pure.

A holder of the policy's clearing role (``screening.clear.role``) clears one screening
finding by submitting a pull-request review whose body names it on a line of its own::

    解除拦截：R-03 secrecy-marking docs/news/a.md:12:5 「秘密★」

that is: the fixed prefix ``解除拦截：`` (a half-width colon is read too), the finding's
RULES.md id, its check code, the file's repository path with line and column, the place
inside an attachment in 〔〕 where the finding has one, and the matched text in 「」 exactly
as the finding shows it (personal numbers masked). :func:`clear_line` writes that line
for a finding; the pull-request comment shows it to paste.

The review counts (:func:`claims`) when it is APPROVED or COMMENTED, its body was not
edited after it was submitted (the edit state known from the forge: an edited or unknown
body does not count, since the clearer judged the body as submitted), it was submitted on
the pull request's final head, before the merge and after the last push that changed
the file (server times), by a holder of the clearing role for the file's unit who is no
author or committer of the pull request, and the same person did not request changes
afterwards. It clears only a ``block`` finding that has a matched text and is named
exactly (rule, check, file, line, column, place, text): never a warn, a missing
approval, a deadline, a screening failure or an unreadable file.

The gate alone decides which findings a review clears (``core.gate.screening``); the
archive's clearance records are taken from its verdicts (:func:`records`), so the
archive never lists a clearance the gate would not count.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from .evidence import APPROVED, CHANGES_REQUESTED, COMMENTED, PullRecord, Review
from .evidence_rules import holds, last_change
from .findings import BLOCK, Finding, Place
from .policy import Policy
from .records import Clearance
from .verdict import Verdict

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
    out: list[Claim] = []
    for review in sorted(pull.reviews, key=lambda r: r.submitted_at):
        if review.submitted_at > pull.merged_at or not review.body:
            continue
        named = [n for n in parse(review.body) if n.path == path]
        if not named:
            continue
        problem, params = _problem(path, pull, policy, unit, excluded, review)
        out += [Claim(n, review.login, review.submitted_at, review.id, problem, params) for n in named]
    return tuple(out)


def holds_clearing_line(review: Review) -> bool:
    """Does the review's body name some finding to clear? Only such reviews need their edit
    state read from the forge."""
    return bool(review.body) and bool(parse(review.body))


def named_paths(pull: PullRecord) -> frozenset[str]:
    """The files some review of ``pull`` names a finding of."""
    return frozenset(n.path for r in pull.reviews if r.body for n in parse(r.body))


def _problem(
    path: str, pull: PullRecord, policy: Policy, unit: str | None, excluded: frozenset[str], review: Review
) -> tuple[str | None, tuple[tuple[str, object], ...]]:
    login, at = review.login.lower(), review.submitted_at
    role = policy.screening.clear_role
    if review.state not in CLEARING_STATES:
        return "state", (("state", review.state),)
    if review.edited is None:
        why = pull.unreadable_edits.get(review.id) if review.id is not None else None
        return ("edit_unreadable", (("why", why),)) if why else ("edit_unknown", ())
    if review.edited:
        return "edited", ()
    if review.commit_id != pull.head:
        return "wrong_head", (("commit", review.commit_id), ("head", pull.head))
    if login in excluded:
        return "self", ()
    if role is None or not holds(login, (role,), unit, policy, pull, [], at):
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


#: The gate's note on a block finding a review cleared (core.gate.screening).
CLEARED = "screen_cleared"


def records(pull: PullRecord, judged: Iterable[tuple[str, str, Verdict]]) -> tuple[Clearance, ...]:
    """The archive's ``clearance`` records for ``pull``: one for each finding the gate cleared,
    from its verdicts on the files at the final head — ``judged``: (repository path, blob at
    the head, the gate's verdict). The gate judged the clearing role for the file's own unit,
    the finding's presence and the review's evidence: the archive records nothing it would
    not count."""
    out: list[Clearance] = []
    for path, blob, verdict in judged:
        for note in verdict.notes:
            if note.code != CLEARED:
                continue
            p = note.params
            login, at, review, check, text = p.get("login"), p.get("at"), p.get("review"), p.get("check"), p.get("excerpt")
            if not (isinstance(login, str) and isinstance(at, datetime) and isinstance(review, int) and note.line is not None):
                continue  # a clearance record names its review
            if not (isinstance(check, str) and isinstance(text, str)):
                continue
            where = p.get("where")
            place = place_token(where) if isinstance(where, tuple) and where else None
            out.append(Clearance(pull.number, pull.head, path, blob, check, note.line, text, login, at, review, note.rule, note.col, place))
    return tuple(out)
