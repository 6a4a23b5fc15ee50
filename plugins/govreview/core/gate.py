"""The gate: (file, its current content id, archive, policies) -> verdict. Pure.

The rules, each enforced here and proven by tests/test_gate.py:

* The approval that counts is that of the merged pull request that last changed
  the file; its merged content must be what is on disk now (invariant 2, R-02).
* The merged content must be the content reviewed at the pull request's final
  head: two merges combining into a page nobody saw are not approved.
* The file is judged by the policy in force at its pull request's base.
* A review counts for a file when it is the reviewer's latest decisive state,
  is APPROVED, was submitted before the merge, and the file had the same blob at
  the reviewed commit as at the final head (binding is per page).
* The pull request's author, commit authors and committers never count (invariant 4);
  a commit whose author maps to no account blocks, since nobody could be excluded.
* Steps need distinct people unless the category allows otherwise; ordered
  steps need approvals in time order (R-15), each person's counted from their earliest
  approval that still binds and was not withdrawn (approving again changes nothing).
* The chain's shape comes from the page (:mod:`.chain`): conditional steps where their
  condition holds (else their otherwise branch), a step's unit named by a page field.
* The secrecy label counts when it is on at merge, applied by a secrecy
  reviewer, after the last push that changed the file, by server time (R-03, invariant 5);
  where the chain places it, in that place of the order. A category without it shows its
  declared waiver in every verdict.
* A column fixes its unit(s): a page cannot name another unit (:mod:`.page`).
* No reason is said twice (:func:`.verdict.distinct`).
* A screening ``block`` finding withholds the file unless a holder of the policy's
  clearing role named that very finding in a review on the final head, after the last
  push that changed the file (R-03, :mod:`.clearing`); that clears the finding only.
* Anything missing or unprovable means "not approved" (invariant 1).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta, timezone

from . import chain, clearing, field_rules
from .assign import Slot, assign
from .calendar import WorkCalendar
from .deadlines import applies, status_on
from .evidence import REMOVED, ArchiveEntry, ArchiveIndex, PullRecord
from .evidence_rules import R_ROSTER, approvals, holds, role_label, stands_in_for, urgent_waiver, who_can
from .findings import BLOCK, WARN, Content, Finding
from .memo import IdentityMemo
from .page import PageInfo, SourceFile, parse_date, resolve_page
from .policy import BY_APPLICATION, CALENDAR_DAYS, POLICY_CATEGORY, Category, Deadline, Escalation, Policy, Screening, Step
from .records import Baseline
from .screen import LEADER_INSTRUCTION, SCREENING_FAILED, screen
from .verdict import ATTACHMENT, BUILD_INPUT, PAGE, Reason, StepOutcome, Verdict, distinct

R_REVIEW_FIRST = "R-02"
R_SECRECY = "R-03"
R_ORDER = "R-15"
R_PUBLISHER = "R-04"
R_RECORDS = "R-55"
R_PAPER = "R-11"
CHINA = timezone(timedelta(hours=8))

#: Reasons about missing evidence: left out when explaining what a file not yet merged will need.
_EVIDENCE_CODES = frozenset(
    {"step_missing", "secrecy_missing", "order", "unmapped_author", "too_complex", "application_unknown", "publisher_unknown"}
)
_NO_EVIDENCE = PullRecord(0, "", "", datetime.max.replace(tzinfo=UTC), "", "", "", "", (), merged=False)

#: Screening of one file as the gate asks for it: (screening settings, front matter fields)
#: -> findings. Without one, the gate screens ``source.content`` with :func:`screen`. The
#: shell passes its own to remember findings and to read the file's content only when they
#: are not known (govreview.findings_cache); ``source.content`` is then not used. It must
#: return what :func:`screen` returns for the file's content (nothing when there is none)
#: and raise where it raises: a failure still blocks (:func:`_findings`).
Screener = Callable[[Screening, Mapping[str, object]], tuple[Finding, ...]]


def judge(
    source: SourceFile,
    index: ArchiveIndex,
    policies: Mapping[str, Policy],
    current: Policy | None = None,
    calendars: Mapping[str, WorkCalendar] | None = None,
    screener: Screener | None = None,
) -> Verdict:
    """The verdict on one file under docs/ or one build input.

    When no approved merge produced the file, ``current`` (the policy in force
    now) tells what approvals it will need and who can give them.
    """
    base = index.baseline(source.repo_path)
    if base is not None and base.blob == source.blob:
        return _from_baseline(source, base, current, screener)
    entry = index.latest(source.repo_path)
    provenance = _provenance(source, entry)
    if provenance:
        if current is None:
            return Verdict(source.path, source.kind, tuple(provenance))
        needs = judge_pull(source, _NO_EVIDENCE, current, screener=screener)
        extra = tuple(r for r in needs.reasons if r.code not in _EVIDENCE_CODES)
        return replace(needs, reasons=tuple(provenance) + extra, notes=(), pull=None, pull_title=None, merged_at=None)
    assert entry is not None
    pull = entry.pull
    policy = policies.get(pull.policy)
    if policy is None:
        reason = Reason("policy_missing", R_REVIEW_FIRST, {"pull": pull.number, "policy": pull.policy, "base": pull.base})
        return Verdict(source.path, source.kind, (reason,), pull=pull.number, merged_at=pull.merged_at)
    verdict = judge_pull(source, pull, policy, (calendars or {}).get(pull.policy), screener)
    run = _screener_of(source, screener)
    if current is not None and run is not None and not _same_screening(current.screening, policy.screening):
        verdict = replace(verdict, notes=verdict.notes + _screening_since(run, verdict, policy, current))
    return verdict


def _from_baseline(source: SourceFile, base: Baseline, current: Policy | None, screener: Screener | None) -> Verdict:
    """Content that was public before the site adopted govreview, approved on paper (R-11):
    approved as long as it is byte for byte what the baseline recorded. The policy in force
    gives it its column, category and unit; screening still withholds it on a block (a
    secret found now is not published again); the chain's steps and new-item rules (required
    fields, deadlines) are not asked of it. Any change makes it an ordinary change."""
    published = datetime.combine(base.published_on, time(), CHINA) if base.published_on else base.at
    origin = Reason("baseline_origin", R_PAPER, {"source": base.source, "by": base.recorded_by})
    if current is None:
        return Verdict(source.path, source.kind, (), (origin,), merged_at=published, baseline=base.source)
    judged = judge_pull(source, _NO_EVIDENCE, current, screener=screener)
    kept = tuple(r for r in judged.reasons if r.code in _BASELINE_KEEPS or r.code.startswith("front_matter"))
    return replace(judged, reasons=kept, notes=(origin,), steps=(), pull=None, pull_title=None, merged_at=published, baseline=base.source)


#: What still withholds baseline content: screening blocks (a failed screening included), and
#: pages that cannot be read as published (encoding, front matter) or belong to no column.
_BASELINE_KEEPS = frozenset({"screen_block", "encoding", "no_column"})


def _screener_of(source: SourceFile, screener: Screener | None) -> Screener | None:
    """How ``source`` is screened; None: it has nothing to screen."""
    if screener is not None:
        return screener
    content = source.content
    return None if content is None else _screen_content(content)


def _screen_content(content: Content) -> Screener:
    return lambda screening, fields: screen(content, screening, fields)


#: Whether two policies' screening settings are equal, by the identity of the pair:
#: comparing word lists of thousands of entries once per file would cost more than screening.
_SAME: IdentityMemo[bool] = IdentityMemo(64)


def _same_screening(a: Screening, b: Screening) -> bool:
    return a is b or _SAME.get((a, b), lambda: a == b)


def _screening_since(run: Screener, verdict: Verdict, then: Policy, now: Policy) -> tuple[Reason, ...]:
    """Findings today's screening settings would add to a merged file. A page is judged
    by the policy it merged under, so they are reported, never used to unpublish (R-44)."""
    before = {(f.code, f.line, f.col, f.severity) for f in run(then.screening, verdict.fields)}
    return tuple(
        Reason("screen_new_rules", f.rule, {"check": f.code, "severity": f.severity, "where": f.where, **f.params}, f.line, f.col)
        for f in run(now.screening, verdict.fields)
        if (f.code, f.line, f.col, f.severity) not in before
    )


def _provenance(source: SourceFile, entry: ArchiveEntry | None) -> list[Reason]:
    """Was the file's current content produced by a merge that reviewers saw?"""
    if entry is None:
        return [Reason("no_merge", R_REVIEW_FIRST, {"blob": source.blob})]
    pull, change = entry.pull, entry.change
    if change.status == REMOVED:
        return [Reason("removed_by_merge", R_REVIEW_FIRST, {"pull": pull.number})]
    if change.blob != source.blob:
        return [Reason("changed_after_merge", R_REVIEW_FIRST, {"pull": pull.number, "merged": change.blob, "current": source.blob})]
    head = pull.head_named(pull.head)
    head_blob = head.files.get(source.repo_path) if head is not None else None
    if head_blob != source.blob:
        return [Reason("merge_not_reviewed", R_REVIEW_FIRST, {"pull": pull.number, "head": pull.head})]
    return []


# -- one file, one pull request -------------------------------------------------------


@dataclass(frozen=True)
class Case:
    """Everything the checks read about one file under one pull request and its policy."""

    source: SourceFile
    pull: PullRecord
    policy: Policy
    category: Category
    unit: str | None
    fields: Mapping[str, object]
    info: PageInfo | None
    page_problems: tuple[Reason, ...]  # what the page model found wrong in the front matter
    excluded: frozenset[str]  # the PR's author, commit authors and committers (invariant 4)
    findings: tuple[Finding, ...]
    escalation: Escalation | None  # fired by screening (a leader's instruction quoted, R-17)
    calendar: WorkCalendar | None


@dataclass(frozen=True)
class Found:
    """What one check found: reasons block, notes explain, steps show how approvals were filled."""

    reasons: tuple[Reason, ...] = ()
    notes: tuple[Reason, ...] = ()
    steps: tuple[StepOutcome, ...] = ()


Check = Callable[[Case], Found]
#: What a check that found nothing returns (one shared, immutable value).
NOTHING = Found()


def judge_pull(
    source: SourceFile,
    pull: PullRecord,
    policy: Policy,
    calendar: WorkCalendar | None = None,
    screener: Screener | None = None,
) -> Verdict:
    """The verdict on ``source`` given the pull request that produced it and its base policy.

    Also used before a merge (by the pull-request check) with the open PR's evidence.
    """
    if source.kind == BUILD_INPUT and source.path != source.repo_path:
        return _active_content(source, pull, policy, calendar, screener)
    case = open_case(source, pull, policy, calendar, screener)
    if isinstance(case, Verdict):
        return case
    return verdict_of(case, [check(case) for check in CHECKS])


def protected_change(paths: tuple[str | None, ...], protected: tuple[str, ...]) -> Reason | None:
    """A pull request may never write the approval archive (R-55): only the publish workflow
    does. ``protected``: the archive's folder (the pull-request check asks before judging)."""
    for path in paths:
        if path and any(path == p or path.startswith(p.rstrip("/") + "/") for p in protected):
            return Reason("archive_touched", R_RECORDS, {"path": path})
    return None


def open_case(
    source: SourceFile, pull: PullRecord, policy: Policy, calendar: WorkCalendar | None, screener: Screener | None
) -> Case | Verdict:
    """The case to judge, or at once a verdict when the file has no category to judge by."""
    info: PageInfo | None = None
    unit: str | None = None
    fields: Mapping[str, object] = {}
    problems: list[Reason] = []
    if source.kind == BUILD_INPUT:
        category = policy.categories.get(POLICY_CATEGORY)
        if category is None:
            return Verdict(source.path, source.kind, (Reason("no_policy_category", R_REVIEW_FIRST),), pull=pull.number)
    else:
        info, problems = resolve_page(source, policy)
        if info is None:
            return Verdict(
                source.path, source.kind, distinct(tuple(problems)), pull=pull.number, pull_title=pull.title, merged_at=pull.merged_at
            )
        category, unit, fields = info.category, info.unit.id, info.fields
    findings = _findings(_screener_of(source, screener), policy, fields)
    escalation = _screen_escalation(findings, category, policy)
    excluded = frozenset(p.lower() for p in pull.contributors())
    return Case(source, pull, policy, category, unit, fields, info, tuple(problems), excluded, findings, escalation, calendar)


def page_model(case: Case) -> Found:
    """The front matter names what the page model needs (required fields, types, R-12 source …)."""
    return Found(case.page_problems) if case.page_problems else NOTHING


def authors_known(case: Case) -> Found:
    """Every commit maps to an account: nobody could be excluded otherwise (invariant 4)."""
    if all(c.author for c in case.pull.commits):
        return NOTHING
    return Found(tuple(Reason("unmapped_author", R_REVIEW_FIRST, {"commit": c.sha}) for c in case.pull.commits if not c.author))


def steps_and_secrecy(case: Case) -> Found:
    """The category's steps (conditional ones where their condition holds, with those its
    escalations add; a step's unit from a page field where it says so) and the secrecy review
    (in its place in the chain, or after it; or the declared waiver), filled by distinct people
    unless the category allows otherwise, in order where it is ordered (R-15, R-03)."""
    pull, policy, category, unit, path = case.pull, case.policy, case.category, case.unit, case.source.repo_path
    fields = {**case.fields, case.escalation.field: case.escalation.equals} if case.escalation else case.fields
    applied, fired = category.steps_for(fields)
    steps, unit_problems = chain.resolve_units(applied, fields, policy, case.source)
    problems = tuple(chain.condition_types(category, fields, case.source, policy) + unit_problems)
    shape = tuple(chain.secrecy_waiver(category) + chain.branch_notes(category, fields, policy))
    # What binds to this file: approvals of its final content, the secrecy label after its last push.
    bound: list[Reason] = []
    given = approvals(path, pull, case.excluded, bound)
    secrecy = (
        role_label(path, pull, policy, policy.secrecy.label, policy.secrecy.role, unit, case.excluded) if category.secrecy_review else None
    )
    # The rest depends on the file only through what binds to it: files of one pull request share it.
    key = (unit, fired, steps, tuple(given.items()), repr(bound), repr(secrecy))
    found = _FILLED.get(
        (pull, policy, category), lambda: _fill(pull, policy, category, unit, case.excluded, fired, steps, given, bound, secrecy), key
    )
    return Found(problems + found.reasons, shape + found.notes, found.steps)


_FILLED: IdentityMemo[Found] = IdentityMemo(1024)


def _fill(
    pull: PullRecord,
    policy: Policy,
    category: Category,
    unit: str | None,
    excluded: frozenset[str],
    fired: tuple[Escalation, ...],
    steps: tuple[Step, ...],
    given: Mapping[str, datetime],
    bound: list[Reason],
    secrecy: tuple[tuple[str, datetime] | None, str | None, dict[str, object]] | None,
) -> Found:
    reasons: list[Reason] = []
    notes = list(bound)
    secrecy_step = Step("secrecy", policy.secrecy.name, (policy.secrecy.role,), rule=R_SECRECY, secrecy=True)
    secrecy_who = who_can(secrecy_step, unit, policy, excluded, pull.merged_at)
    secrecy_holder = None
    if secrecy is not None:
        secrecy_holder, problem, params = secrecy
        if problem is not None:
            reasons.append(Reason(f"secrecy_{problem}", R_SECRECY, {"label": policy.secrecy.label, **params, "who": secrecy_who}))
    # The secrecy review stands where the chain places it (in the order), else after the chain (outside it).
    placed = any(s.secrecy for s in steps)
    if secrecy is None:
        steps = tuple(s for s in steps if not s.secrecy)
    else:
        steps = tuple(secrecy_step if s.secrecy else s for s in steps) + (() if placed else (secrecy_step,))
    slots = [
        Slot(1, dict([secrecy_holder]) if secrecy_holder else {}, ordered=placed)
        if s.secrecy
        else Slot(s.count, _holders(s, unit, policy, pull, given, notes))
        for s in steps
    ]
    result = assign(slots, same_person=category.same_person, ordered=category.ordered)
    outcomes: list[StepOutcome] = []
    step_rule = category.rules[0] if category.rules else R_REVIEW_FIRST
    for step, filled in zip(steps, result.filled, strict=False):
        if step.secrecy:
            outcomes.append(StepOutcome("secrecy", policy.secrecy.name, (policy.secrecy.role,), 1, filled, secrecy_who, R_SECRECY))
            if secrecy_holder and not filled:
                reasons.append(Reason("secrecy_same_person", R_SECRECY, {"login": secrecy_holder[0], "who": secrecy_who}))
            elif not secrecy_holder and not any(r.code.startswith("secrecy") for r in reasons):
                reasons.append(Reason("secrecy_missing", R_SECRECY, {"label": policy.secrecy.label, "who": secrecy_who}))
            continue
        rule = step.rule or next((e.rule for e in fired if step in e.steps), None) or step_rule
        outcome = StepOutcome(
            step.id, step.name, step.roles, step.count, filled, who_can(step, unit, policy, excluded, pull.merged_at), rule
        )
        outcomes.append(outcome)
        if not result.complete and len(filled) < step.count:
            reasons.append(
                Reason("step_missing", rule, {"step": step.name, "needed": step.count, "have": len(filled), "who": outcome.can_supply})
            )
    if result.complete and not result.order_ok:
        in_order = [s.name for s in steps if placed or not s.secrecy]
        reasons.append(Reason("order", category.rules[0] if category.rules else R_ORDER, {"steps": in_order}))
    if result.exhausted:
        reasons.append(Reason("too_complex", R_REVIEW_FIRST))
    return Found(tuple(reasons), tuple(notes), tuple(outcomes))


def _holders(
    step: Step, unit: str | None, policy: Policy, pull: PullRecord, given: Mapping[str, datetime], notes: list[Reason]
) -> dict[str, datetime]:
    """Who of the approvers held one of the step's roles when they approved (R-18). An acting or
    delegated holder and the person they stand in for are one authority: when both approved,
    the holder's own approval is the one that counts (two people, one 会签 signature otherwise)."""
    found = {who: at for who, at in given.items() if holds(who, step.roles, step.unit or unit, policy, pull, notes, at)}
    for who, at in list(found.items()):
        principal = stands_in_for(who, step.roles, step.unit or unit, policy, pull, at)
        if principal is not None and principal in found:
            del found[who]
            note = Reason("acting_beside_principal", R_ROSTER, {"login": who, "principal": principal, "step": step.name})
            if note not in notes:
                notes.append(note)
    return found


def screening(case: Case) -> Found:
    """Block findings block unless a holder of the clearing role cleared that very finding
    by a review on the final head, after the last push that changed the file (R-03,
    :mod:`.clearing`); warn findings block until a holder of the accepting role labels the
    pull request after that push."""
    if not case.findings:
        return NOTHING
    policy, escalated, path = case.policy, case.escalation is not None, case.source.repo_path
    role = policy.screening.accept_role or policy.secrecy.role
    label = policy.screening.accept_label
    who = who_can(Step("accept", label, (role,)), case.unit, policy, case.excluded, case.pull.merged_at)
    reasons: list[Reason] = []
    notes: list[Reason] = []
    accepted: tuple[str, datetime] | None = None
    if any(f.severity == WARN and not (escalated and f.code == LEADER_INSTRUCTION) for f in case.findings):
        accepted, problem, params = role_label(path, case.pull, policy, label, role, case.unit, case.excluded)
        if problem is not None:
            reasons.append(Reason(f"accept_{problem}", R_SECRECY, {"label": label, "who": who, **params}))
    claims = clearing.claims(path, case.pull, policy, case.unit, case.excluded)
    used: set[int] = set()
    for f in case.findings:
        params = {"check": f.code, "severity": f.severity, "where": f.where, **f.params}
        if f.severity == BLOCK:
            reasons_f, notes_f = _block(case, f, params, claims, used)
            reasons += reasons_f
            notes += notes_f
        elif escalated and f.code == LEADER_INSTRUCTION:
            notes.append(Reason("screen_escalated", f.rule, params, f.line, f.col))
        elif accepted is not None:
            notes.append(Reason("screen_accepted", f.rule, {**params, "login": accepted[0], "at": accepted[1]}, f.line, f.col))
        else:
            reasons.append(Reason("screen_warn", f.rule, {**params, "label": label, "who": who}, f.line, f.col))
        if f.severity != BLOCK:
            for k, c in enumerate(claims):
                if k not in used and clearing.names(c.named, f, path):  # a warn has its label, never a clearance
                    used.add(k)
                    notes.append(Reason("clear_not_block", f.rule, {**params, "login": c.login, "label": label}, f.line, f.col))
    for k, c in enumerate(claims):
        if k not in used:  # names no finding of this file: a wrong line, column or text, or content that changed
            n = c.named
            notes.append(Reason("clear_unmatched", n.rule, {"login": c.login, "at": c.at, "check": n.check, "text": n.text}, n.line, n.col))
    return Found(tuple(reasons), tuple(notes))


def _block(
    case: Case, f: Finding, params: dict[str, object], claims: tuple[clearing.Claim, ...], used: set[int]
) -> tuple[list[Reason], list[Reason]]:
    """One block finding: cleared by a claim that counts and names it, else a reason that
    says who can clear it and the line to write (or that only a change of content helps)."""
    path = case.source.repo_path
    naming = [(k, c) for k, c in enumerate(claims) if clearing.clearable(f) and clearing.names(c.named, f, path)]
    used.update(k for k, _ in naming)
    valid = [c for _, c in naming if c.problem is None]
    if valid:
        c = valid[0]
        return [], [Reason("screen_cleared", f.rule, {**params, "login": c.login, "at": c.at, "review": c.review}, f.line, f.col)]
    notes = [Reason(f"clear_{c.problem}", f.rule, {"login": c.login, "at": c.at, **dict(c.params)}, f.line, f.col) for _, c in naming]
    if not clearing.clearable(f):
        return [Reason("screen_block", f.rule, params, f.line, f.col)], notes
    role = case.policy.screening.clear_role
    who = who_can(Step("clear", "", (role,)), case.unit, case.policy, case.excluded, case.pull.merged_at) if role else ()
    hint = {"clear_line": clearing.clear_line(f, path), "clear_who": who}
    return [Reason("screen_block", f.rule, {**params, **hint}, f.line, f.col)], notes


def deadlines(case: Case) -> Found:
    """Was the page merged in time? Counted in working (or calendar) days from its front-matter
    dates (R-30..R-36); a deadline ``met_by: application`` by when the pull request was marked
    ready for review (R-35), one switched on by a field only where the page sets it."""
    if not case.category.deadlines or case.calendar is None or case.source.kind != PAGE:
        return NOTHING
    merged = local_day(case.pull.merged_at)
    reasons: list[Reason] = []
    notes: list[Reason] = []
    for d in case.category.deadlines:
        if d.when is not None:  # a switch written in another type ("是" for true) must not silently switch it off
            wrong = chain.wrong_type(d.when[0], d.when[1], case.fields, case.source, case.policy, d.rule)
            if wrong is not None:
                reasons.append(wrong)
                continue
        if not applies(d, case.fields):
            continue
        day = merged
        if d.met_by == BY_APPLICATION:
            if case.pull.ready_at is None:  # never marked ready, or the forge did not say: fail closed
                reasons.append(Reason("application_unknown", d.rule, {"field": d.field}))
                continue
            day = local_day(case.pull.ready_at)
        status = status_on(d, case.fields, case.calendar, day, count_left=False)
        if status.unknown_year is not None:
            reasons.append(Reason("calendar_unknown_year", d.rule, {"year": status.unknown_year}))
            continue
        if status.due is None:
            missing = case.fields.get(d.field) in (None, "")
            reasons.append(
                Reason("field_missing", d.rule, {"field": d.field})
                if missing
                else Reason("field_type", d.rule, {"field": d.field, "expected": "date"})
            )
            continue
        if status.on_time:
            continue
        late = _late(d, status.due.anchor, status.due.days, status.due.last_day, day)
        waiver = urgent_waiver(case.pull, case.policy, case.unit) if d.urgent_exempt else None
        if waiver is not None:
            notes.append(Reason("urgent_waiver", d.rule, {"login": waiver[0], "at": waiver[1], "missed": late.code}))
        else:
            reasons.append(late)
    return Found(tuple(reasons), tuple(notes)) if reasons or notes else NOTHING


def _late(d: Deadline, anchor: date, days: int, last_day: date, day: date) -> Reason:
    """Why a deadline was missed, said in the deadline's own terms."""
    base = {"field": d.field, "date": anchor, "days": days}
    if d.met_by == BY_APPLICATION:
        code = "application_before" if d.before is not None else "application_within"
        return Reason(code, d.rule, {**base, "applied": day, "last": last_day, "calendar": d.days == CALENDAR_DAYS})
    if d.days == CALENDAR_DAYS:
        code = "deadline_before_calendar" if d.before is not None else "deadline_within_calendar"
        return Reason(code, d.rule, {**base, "merged": day, "last": last_day})
    code, key = ("deadline_before", "latest") if d.before is not None else ("deadline_within", "due")
    return Reason(code, d.rule, {**base, "merged": day, key: last_day})


def publication_date(case: Case) -> Found:
    """发布日期 is when the page went public (the merge), never what the page says."""
    typed = case.fields.get("published")
    if case.source.kind != PAGE or "published" not in case.fields or parse_date(typed) == local_day(case.pull.merged_at):
        return NOTHING
    return Found(notes=(Reason("published_field_ignored", None, {"typed": typed, "merged": local_day(case.pull.merged_at)}),))


# -- field rules (:mod:`.field_rules`) and the publisher ------------------------------------


def _written(case: Case, field: str) -> list[field_rules.Written]:
    return field_rules.written(field, case.fields, case.source.meta, case.source.lines, case.policy.fields.get(field))


def _field_label(policy: Policy, field: str) -> str:
    rule = policy.field_rules.get(field)
    if rule is not None:
        return field_rules.label(rule)
    name = policy.fields.get(field)
    return f"{name}（{field}）" if name and name != field else field


def _page_rules(case: Case) -> tuple[field_rules.FieldRule, ...]:
    return tuple(case.policy.field_rules.values()) if case.source.kind == PAGE else ()


def vetoed_values(case: Case) -> Found:
    """A field value the policy never publishes (是否涉密：是, 是否上网：否) withholds the page."""
    return Found(tuple(r for rule in _page_rules(case) for r in field_rules.vetoes(rule, _written(case, rule.field))))


def fixed_choices(case: Case) -> Found:
    """A field with fixed choices (来源：本机关 / 转载) holds one of them."""
    return Found(tuple(r for rule in _page_rules(case) for r in field_rules.choices(rule, _written(case, rule.field))))


def required_when(case: Case) -> Found:
    """A field required when another has a value (转载 needs 出处) is filled."""
    reasons: list[Reason] = []
    for rule in _page_rules(case):
        if rule.required_when is not None:
            other = rule.required_when[0]
            found = field_rules.required_when(rule, _written(case, rule.field), _written(case, other), _field_label(case.policy, other))
            reasons += found
    return Found(tuple(reasons))


def date_order(case: Case) -> Found:
    """A date that may not come before another (an end before its start) withholds the page."""
    reasons: list[Reason] = []
    for rule in _page_rules(case):
        if rule.not_before is not None:
            other = rule.not_before
            reasons += field_rules.field_order(rule, _written(case, rule.field), _written(case, other), _field_label(case.policy, other))
    return Found(tuple(reasons))


def publisher(case: Case) -> Found:
    """Who merged is part of the chain (R-04: only the website office publishes): judged at
    the merge from the forge's ``merged_by``; before it (the pull-request check) a step to come."""
    role_id = case.category.published_by
    if role_id is None:
        return NOTHING
    role = case.policy.roles.get(role_id)
    step = Step("publish", role.name if role else role_id, (role_id,), rule=R_PUBLISHER)
    who = who_can(step, case.unit, case.policy, frozenset(), case.pull.merged_at)
    pull = case.pull
    if not pull.merged:
        return Found(steps=(StepOutcome(step.id, step.name, step.roles, 1, (), who, R_PUBLISHER, pending=True),))
    notes: list[Reason] = []
    merger = pull.merged_by
    if merger is not None and holds(merger.lower(), step.roles, case.unit, case.policy, pull, notes, pull.merged_at):
        return Found(notes=tuple(notes), steps=(StepOutcome(step.id, step.name, step.roles, 1, (merger,), who, R_PUBLISHER),))
    outcome = StepOutcome(step.id, step.name, step.roles, 1, (), who, R_PUBLISHER)
    if merger is None:
        reason = Reason("publisher_unknown", R_PUBLISHER, {"role": step.name, "who": who})
    else:
        reason = Reason("publisher_not_allowed", R_PUBLISHER, {"login": merger, "role": step.name, "who": who})
    return Found((reason,), tuple(notes), (outcome,))


#: The checks, in the order their reasons are listed. Adding a rule: one policy field, one check, one message.
CHECKS: tuple[Check, ...] = (
    page_model,
    authors_known,
    steps_and_secrecy,
    screening,
    deadlines,
    publication_date,
    vetoed_values,
    fixed_choices,
    required_when,
    date_order,
    publisher,
)


def verdict_of(case: Case, found: list[Found]) -> Verdict:
    info, policy, unit = case.info, case.policy, case.unit
    return Verdict(
        case.source.path,
        case.source.kind,
        distinct(tuple(r for f in found for r in f.reasons)),
        distinct(tuple(n for f in found for n in f.notes)),
        category=case.category.id,
        category_name=case.category.name,
        unit=unit,
        unit_name=policy.units[unit].name if unit is not None and unit in policy.units else None,
        column=info.column.path if info and info.column else None,
        column_name=info.column.name if info and info.column else None,
        pull=case.pull.number,
        pull_title=case.pull.title,
        merged_at=case.pull.merged_at,
        steps=tuple(s for f in found for s in f.steps),
        fields=case.fields,
        people=policy.people,
    )


def _active_content(
    source: SourceFile, pull: PullRecord, policy: Policy, calendar: WorkCalendar | None, screener: Screener | None
) -> Verdict:
    """Active content inside docs/ (HTML, SVG, JS …) is published content and a build input:
    it needs its column's approvals and secrecy review as well as the policy owners'
    (screened once, as content)."""
    as_input = judge_pull(replace(source, path=source.repo_path, content=None), pull, policy, calendar, _no_findings)
    as_content = judge_pull(replace(source, kind=ATTACHMENT), pull, policy, calendar, screener)
    return replace(as_content, kind=BUILD_INPUT, reasons=as_input.reasons + as_content.reasons)


def _no_findings(screening: Screening, fields: Mapping[str, object]) -> tuple[Finding, ...]:
    return ()


def _findings(run: Screener | None, policy: Policy, fields: Mapping[str, object]) -> tuple[Finding, ...]:
    """Screening findings; a failure of screening itself blocks (invariant 1), never publishes."""
    if run is None:
        return ()
    try:
        return run(policy.screening, fields)
    except Exception as err:  # whatever went wrong, unscreened content must not go out
        return (Finding(SCREENING_FAILED, BLOCK, R_SECRECY, 1, 1, {"detail": f"{type(err).__name__}: {err}"[:200]}),)


def _screen_escalation(findings: tuple[Finding, ...], category: Category, policy: Policy) -> Escalation | None:
    """Content quoting a leader's instruction triggers the category's leader-instruction
    escalation (R-17), as if the page had said so in its front matter."""
    if not any(f.code == LEADER_INSTRUCTION for f in findings):
        return None
    field = policy.screening.leader_field
    return next((e for e in category.escalations if e.field == field), None)


def local_day(moment: datetime) -> date:
    """The calendar day in China (UTC+8 all year: no daylight saving since 1991)."""
    return moment.astimezone(CHINA).date()
