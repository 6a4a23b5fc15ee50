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
  steps need approvals in time order (R-15).
* The secrecy label counts when it is on at merge, applied by a secrecy
  reviewer, after the last push that changed the file, by server time (R-03, invariant 5).
* Anything missing or unprovable means "not approved" (invariant 1).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta, timezone

from .assign import Slot, assign
from .calendar import UnknownYear, WorkCalendar
from .deadlines import due
from .evidence import APPROVED, DECISIVE_STATES, REMOVED, ArchiveEntry, ArchiveIndex, PullRecord
from .findings import BLOCK, WARN, Content, Finding
from .page import PageInfo, SourceFile, parse_date, resolve_page
from .policy import POLICY_CATEGORY, Category, Deadline, Escalation, Policy, Screening, Step, is_team
from .screen import LEADER_INSTRUCTION, SCREENING_FAILED, screen
from .verdict import BUILD_INPUT, PAGE, Reason, StepOutcome, Verdict

R_REVIEW_FIRST = "R-02"
R_SECRECY = "R-03"
R_ORDER = "R-15"
CHINA = timezone(timedelta(hours=8))

#: Reasons about missing evidence: left out when explaining what a file not yet merged will need.
_EVIDENCE_CODES = frozenset({"step_missing", "secrecy_missing", "order", "unmapped_author", "too_complex"})
_NO_EVIDENCE = PullRecord(0, "", "", datetime.max.replace(tzinfo=UTC), "", "", "", "", ())

#: Screening of one file as the gate asks for it: (screening settings, front matter fields)
#: -> findings. Without one, the gate screens ``source.content`` with :func:`screen`. The
#: shell passes its own to remember findings and to read the file's content only when they
#: are not known (govreview.findings_cache); ``source.content`` is then not used. It must
#: return what :func:`screen` returns for the file's content (nothing when there is none)
#: and raise where it raises: a failure still blocks (:func:`_screen`).
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
_SAME: dict[tuple[int, int], tuple[Screening, Screening, bool]] = {}


def _same_screening(a: Screening, b: Screening) -> bool:
    if a is b:
        return True
    cached = _SAME.get((id(a), id(b)))
    if cached is not None and cached[0] is a and cached[1] is b:
        return cached[2]
    if len(_SAME) >= 64:
        _SAME.clear()
    same = a == b
    _SAME[(id(a), id(b))] = (a, b, same)
    return same


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


def judge_pull(
    source: SourceFile, pull: PullRecord, policy: Policy, calendar: WorkCalendar | None = None, screener: Screener | None = None
) -> Verdict:
    """The verdict on ``source`` given the pull request that produced it and its base policy.

    Also used before a merge (by the pull-request check) with the open PR's evidence.
    """
    reasons: list[Reason] = []
    info: PageInfo | None
    if source.kind == BUILD_INPUT:
        category = policy.categories.get(POLICY_CATEGORY)
        if category is None:
            return Verdict(source.path, source.kind, (Reason("no_policy_category", R_REVIEW_FIRST),), pull=pull.number)
        info, unit = None, None
        fields: Mapping[str, object] = {}
    else:
        info, reasons = resolve_page(source, policy)
        if info is None:
            return Verdict(source.path, source.kind, tuple(reasons), pull=pull.number, pull_title=pull.title, merged_at=pull.merged_at)
        category, unit, fields = info.category, info.unit.id, info.fields

    findings = _screen(_screener_of(source, screener), policy, fields)
    escalation = _screen_escalation(findings, category, policy)
    steps, fired = category.steps_for({**fields, escalation.field: escalation.equals} if escalation else fields)
    excluded = {p.lower() for p in pull.contributors()}
    notes: list[Reason] = []
    for commit in pull.commits:
        if not commit.author:
            reasons.append(Reason("unmapped_author", "R-02", {"commit": commit.sha}))

    approvals = _approvals(source.repo_path, pull, excluded, notes)
    slots: list[Slot] = []
    for step in steps:
        holders = {login: at for login, at in approvals.items() if _holds(login, step.roles, step.unit or unit, policy, pull, notes)}
        slots.append(Slot(step.count, holders))
    secrecy_holder = None
    secrecy_who = _who_can(Step("secrecy", policy.secrecy.name, (policy.secrecy.role,)), unit, policy, excluded)
    if category.secrecy_review:
        secrecy_holder = _secrecy(source.repo_path, pull, policy, unit, excluded, secrecy_who, reasons)
        slots.append(Slot(1, dict([secrecy_holder]) if secrecy_holder else {}, ordered=False))

    result = assign(slots, same_person=category.same_person, ordered=category.ordered)
    outcomes: list[StepOutcome] = []
    step_rule = _step_rule(category)
    for i, step in enumerate(steps):
        rule = step.rule or next((e.rule for e in fired if step in e.steps), None) or step_rule
        filled = result.filled[i]
        outcome = StepOutcome(
            step.id,
            step.name,
            step.roles,
            step.count,
            filled,
            _who_can(step, unit, policy, excluded),
            rule,
        )
        outcomes.append(outcome)
        if not result.complete and len(filled) < step.count:
            reasons.append(
                Reason(
                    "step_missing",
                    rule,
                    {"step": step.name, "needed": step.count, "have": len(filled), "who": outcome.can_supply},
                )
            )
    if category.secrecy_review:
        filled = result.filled[-1]
        outcomes.append(StepOutcome("secrecy", policy.secrecy.name, (policy.secrecy.role,), 1, filled, secrecy_who, R_SECRECY))
        if secrecy_holder and not filled:
            reasons.append(Reason("secrecy_same_person", R_SECRECY, {"login": secrecy_holder[0], "who": secrecy_who}))
        elif not secrecy_holder and not any(r.code.startswith("secrecy") for r in reasons):
            reasons.append(Reason("secrecy_missing", R_SECRECY, {"label": policy.secrecy.label, "who": secrecy_who}))
    if result.complete and not result.order_ok:
        reasons.append(Reason("order", category.rules[0] if category.rules else R_ORDER, {"steps": [s.name for s in steps]}))
    if result.exhausted:
        reasons.append(Reason("too_complex", R_REVIEW_FIRST))
    if findings:
        _screening(findings, escalation is not None, source.repo_path, pull, policy, unit, excluded, reasons, notes)
    if category.deadlines and calendar is not None and source.kind == PAGE:
        _deadlines(category.deadlines, fields, pull, policy, unit, calendar, reasons, notes)
    if source.kind == PAGE and "published" in fields and parse_date(fields["published"]) != local_day(pull.merged_at):
        # 发布日期 is when the page went public (the merge), never what the page says.
        notes.append(Reason("published_field_ignored", None, {"typed": fields["published"], "merged": local_day(pull.merged_at)}))
    return Verdict(
        source.path,
        source.kind,
        tuple(reasons),
        tuple(notes),
        category=category.id,
        category_name=category.name,
        unit=unit,
        unit_name=policy.units[unit].name if unit is not None and unit in policy.units else None,
        column=info.column.path if info and info.column else None,
        column_name=info.column.name if info and info.column else None,
        pull=pull.number,
        pull_title=pull.title,
        merged_at=pull.merged_at,
        steps=tuple(outcomes),
        fields=fields,
    )


def _screen(run: Screener | None, policy: Policy, fields: Mapping[str, object]) -> tuple[Finding, ...]:
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


def _screening(
    findings: tuple[Finding, ...],
    escalated: bool,
    path: str,
    pull: PullRecord,
    policy: Policy,
    unit: str | None,
    excluded: set[str],
    reasons: list[Reason],
    notes: list[Reason],
) -> None:
    """Block findings block; warn findings block until a holder of the accepting role
    labels the pull request after the last push that changed the file."""
    role = policy.screening.accept_role or policy.secrecy.role
    label = policy.screening.accept_label
    accepted: tuple[str, datetime] | None = None
    who = _who_can(Step("accept", label, (role,)), unit, policy, excluded)
    warns = [f for f in findings if f.severity == WARN and not (escalated and f.code == LEADER_INSTRUCTION)]
    if warns:
        accepted, problem, params = _role_label(path, pull, policy, label, role, unit, excluded)
        if problem is not None:
            reasons.append(Reason(f"accept_{problem}", R_SECRECY, {"label": label, "who": who, **params}))
    for f in findings:
        params = {"check": f.code, "severity": f.severity, "where": f.where, **f.params}
        if f.severity == BLOCK:
            reasons.append(Reason("screen_block", f.rule, params, f.line, f.col))
        elif escalated and f.code == LEADER_INSTRUCTION:
            notes.append(Reason("screen_escalated", f.rule, params, f.line, f.col))
        elif accepted is not None:
            notes.append(Reason("screen_accepted", f.rule, {**params, "login": accepted[0], "at": accepted[1]}, f.line, f.col))
        else:
            reasons.append(Reason("screen_warn", f.rule, {**params, "label": label, "who": who}, f.line, f.col))


def local_day(moment: datetime) -> date:
    """The calendar day in China (UTC+8 all year: no daylight saving since 1991)."""
    return moment.astimezone(CHINA).date()


def _deadlines(
    deadlines: tuple[Deadline, ...],
    fields: Mapping[str, object],
    pull: PullRecord,
    policy: Policy,
    unit: str | None,
    calendar: WorkCalendar,
    reasons: list[Reason],
    notes: list[Reason],
) -> None:
    """Was the page merged in time? Counted in working days from its front-matter dates."""
    merged = local_day(pull.merged_at)
    for d in deadlines:
        try:
            when = due(d, fields, calendar)
            if when is None:
                if fields.get(d.field) in (None, ""):
                    reasons.append(Reason("field_missing", d.rule, {"field": d.field}))
                else:
                    reasons.append(Reason("field_type", d.rule, {"field": d.field, "expected": "date"}))
                continue
            on_time = when.met_by(merged, calendar)
        except UnknownYear as err:
            reasons.append(Reason("calendar_unknown_year", d.rule, {"year": err.year}))
            continue
        code, key = ("deadline_before", "latest") if d.before is not None else ("deadline_within", "due")
        params: dict[str, object] = {"field": d.field, "date": when.anchor, "days": when.days, "merged": merged, key: when.last_day}
        late = None if on_time else Reason(code, d.rule, params)
        if late is None:
            continue
        waiver = _urgent_waiver(pull, policy, unit) if d.urgent_exempt else None
        if waiver is not None:
            notes.append(Reason("urgent_waiver", d.rule, {"login": waiver[0], "at": waiver[1], "missed": late.code}))
        else:
            reasons.append(late)


def _urgent_waiver(pull: PullRecord, policy: Policy, unit: str | None) -> tuple[str, datetime] | None:
    """The urgent label, on at merge and applied by a holder of the urgent role (R-35)."""
    if policy.urgent is None:
        return None
    events = sorted((e for e in pull.labels if e.label == policy.urgent.label and e.at <= pull.merged_at), key=lambda e: e.at)
    if not events or events[-1].action != "labeled":
        return None
    actor = events[-1].actor.lower()
    if actor in {p.lower() for p in pull.contributors()} or not _holds(actor, (policy.urgent.role,), unit, policy, pull, []):
        return None
    return actor, events[-1].at


def _step_rule(category: Category) -> str | None:
    return category.rules[0] if category.rules else R_REVIEW_FIRST


def _approvals(path: str, pull: PullRecord, excluded: set[str], notes: list[Reason]) -> dict[str, datetime]:
    """Reviewers whose latest decisive review approves this file's final content."""
    head = pull.head_named(pull.head)
    final = head.files.get(path) if head else None
    latest: dict[str, tuple[datetime, str, str]] = {}
    for review in sorted(pull.reviews, key=lambda r: r.submitted_at):
        if review.state not in DECISIVE_STATES or review.submitted_at > pull.merged_at:
            continue
        latest[review.login.lower()] = (review.submitted_at, review.state, review.commit_id)
    approvals: dict[str, datetime] = {}
    for login, (at, state, commit) in sorted(latest.items()):
        if state != APPROVED:
            continue
        if login in excluded:
            notes.append(Reason("self_approval", "R-02", {"login": login}))
            continue
        reviewed = pull.head_named(commit)
        if reviewed is None:
            notes.append(Reason("review_commit_unknown", None, {"login": login, "commit": commit}))
            continue
        if reviewed.files.get(path) != final:
            notes.append(Reason("stale_approval", None, {"login": login, "commit": commit}))
            continue
        approvals[login] = at
    return approvals


def _holds(login: str, roles: tuple[str, ...], unit: str | None, policy: Policy, pull: PullRecord, notes: list[Reason]) -> bool:
    """Does ``login`` hold any of ``roles`` for ``unit``, by the evidence recorded at merge?"""
    for role_id in roles:
        role = policy.roles.get(role_id)
        if role is None:
            continue
        for member in role.members_for(unit):
            if not is_team(member):
                if member.lower() == login:
                    return True
                continue
            team = pull.teams.get(member)
            if team is None:
                status = pull.unreadable_teams.get(member)
                if status is not None:
                    note = Reason("team_unreadable", None, {"team": member, "status": status})
                else:
                    note = Reason("team_unresolved", None, {"team": member})
                if note not in notes:
                    notes.append(note)
            elif login in {m.lower() for m in team}:
                return True
    return False


def _secrecy(
    path: str, pull: PullRecord, policy: Policy, unit: str | None, excluded: set[str], who: tuple[str, ...], reasons: list[Reason]
) -> tuple[str, datetime] | None:
    """The person whose secrecy label counts for this file, or None with the reason why."""
    label = policy.secrecy.label
    holder, problem, params = _role_label(path, pull, policy, label, policy.secrecy.role, unit, excluded)
    if problem is not None:
        reasons.append(Reason(f"secrecy_{problem}", R_SECRECY, {"label": label, **params, "who": who}))
    return holder


def _role_label(
    path: str, pull: PullRecord, policy: Policy, label: str, role: str, unit: str | None, excluded: set[str]
) -> tuple[tuple[str, datetime] | None, str | None, dict[str, object]]:
    """Who applied ``label`` so that it counts for this file: on at merge, by a holder
    of ``role`` who is no contributor, after the last push that changed the file
    (server time, invariant 5). Else (None, why, facts) — why is None when nobody applied it."""
    events = sorted((e for e in pull.labels if e.label == label and e.at <= pull.merged_at), key=lambda e: e.at)
    if not events or events[-1].action != "labeled":
        return None, None, {}
    event = events[-1]
    actor = event.actor.lower()
    if not _holds(actor, (role,), unit, policy, pull, []):
        held = policy.roles.get(role)
        unreadable = [m for m in held.members_for(unit) if m in pull.unreadable_teams] if held else []
        if unreadable:  # the token could not read the team: say so, never "not a holder"
            return None, "team_unreadable", {"login": event.actor, "teams": unreadable}
        return None, "wrong_actor", {"login": event.actor}
    if actor in excluded:
        return None, "self", {"login": event.actor}
    changed_at, known = _last_change(path, pull)
    if not known:
        return None, "order_unknown", {"login": event.actor}
    if changed_at is not None and event.at <= changed_at:
        return None, "before_push", {"login": event.actor, "labeled": event.at, "pushed": changed_at}
    return (actor, event.at), None, {}


def _last_change(path: str, pull: PullRecord) -> tuple[datetime | None, bool]:
    """Server time of the push that gave ``path`` its final content; (time, provable)."""
    final_head = pull.head_named(pull.head)
    if final_head is None or not pull.heads or pull.heads[-1].sha != pull.head:
        return None, False
    final = final_head.files.get(path)
    since = len(pull.heads) - 1
    while since > 0 and pull.heads[since - 1].files.get(path) == final:
        since -= 1
    pushed = pull.heads[since].pushed_at
    return pushed, pushed is not None


def _who_can(step: Step, unit: str | None, policy: Policy, excluded: set[str]) -> tuple[str, ...]:
    """Accounts and teams that could fill ``step`` (never the PR's own contributors)."""
    people: list[str] = []
    for role_id in step.roles:
        role = policy.roles.get(role_id)
        if role is None:
            continue
        for member in role.members_for(step.unit or unit):
            if member.lower() not in excluded and member not in people:
                people.append(member)
    return tuple(people)
