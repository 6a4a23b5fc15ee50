"""Reading the evidence of one pull request for one file (pure): whose approvals bind
to the file's final content, who holds a role, who applied a label and when, and who
could still supply a step. The gate's checks (:mod:`govreview.core.gate`) ask these.
"""

from __future__ import annotations

from datetime import datetime

from .evidence import APPROVED, DECISIVE_STATES, PullRecord
from .memo import IdentityMemo
from .policy import Policy, Role, Step, is_team
from .verdict import Reason

#: Who may act for a unit is registered and kept current (R-18).
R_ROSTER = "R-18"

#: Per pull request: each reviewer's decisive reviews before the merge, oldest first
#: (login -> ((at, state, commit), ...)), remembered by the record's identity — a site's
#: files share few pull requests.
_DECISIVE: IdentityMemo[dict[str, tuple[tuple[datetime, str, str], ...]]] = IdentityMemo(256)


def decisive_reviews(pull: PullRecord) -> dict[str, tuple[tuple[datetime, str, str], ...]]:
    """Each reviewer's APPROVED / CHANGES_REQUESTED / DISMISSED reviews before the merge, oldest first."""
    return _DECISIVE.get((pull,), lambda: _decisive(pull))


def _decisive(pull: PullRecord) -> dict[str, tuple[tuple[datetime, str, str], ...]]:
    found: dict[str, list[tuple[datetime, str, str]]] = {}
    for review in sorted(pull.reviews, key=lambda r: r.submitted_at):
        if review.state not in DECISIVE_STATES or review.submitted_at > pull.merged_at:
            continue
        found.setdefault(review.login.lower(), []).append((review.submitted_at, review.state, review.commit_id))
    return {login: tuple(reviews) for login, reviews in found.items()}


def approvals(path: str, pull: PullRecord, excluded: frozenset[str], notes: list[Reason]) -> dict[str, datetime]:
    """Reviewers whose latest decisive review approves this file's final content (binding is
    per page), each with the time order counts from: the earliest of the approvals that bind
    to that content with no other decisive review after it — approving again changes nothing."""
    head = pull.head_named(pull.head)
    final = head.files.get(path) if head else None
    found: dict[str, datetime] = {}
    for login, reviews in sorted(decisive_reviews(pull).items()):
        _, state, commit = reviews[-1]
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
        found[login] = _first_binding(reviews, path, final, pull)
    return found


def _first_binding(reviews: tuple[tuple[datetime, str, str], ...], path: str, final: str | None, pull: PullRecord) -> datetime:
    """The earliest approval of an unbroken run of approvals of ``final``, ending with the latest."""
    first = reviews[-1][0]
    for at, state, commit in reversed(reviews[:-1]):
        earlier = pull.head_named(commit)
        if state != APPROVED or earlier is None or earlier.files.get(path) != final:
            break
        first = at
    return first


def holds(
    login: str, roles: tuple[str, ...], unit: str | None, policy: Policy, pull: PullRecord, notes: list[Reason], at: datetime
) -> bool:
    """Does ``login`` hold any of ``roles`` for ``unit`` at server time ``at`` (a review's
    ``submitted_at``, a label's time, the merge), by the roster and the teams recorded at
    merge (R-18)? Directly (a member in term), or as an acting or delegated holder inside the
    period. A team nobody could read never counts, and says so in ``notes``; an acting holding
    that does not count at ``at`` says why in ``notes``."""
    held = [r for r in (policy.roles.get(role_id) for role_id in roles) if r is not None]
    if any(_member(login, role, unit, pull, notes, at) for role in held):
        return True
    return any(_acting(login, role, unit, policy, pull, notes, at) is not None for role in held)


def stands_in_for(login: str, roles: tuple[str, ...], unit: str | None, policy: Policy, pull: PullRecord, at: datetime) -> str | None:
    """Whom ``login`` stands in for when they hold one of ``roles`` only as an acting or
    delegated holder at ``at`` (lowercase login); None when they hold it themselves or not at all."""
    held = [r for r in (policy.roles.get(role_id) for role_id in roles) if r is not None]
    if any(_member(login, role, unit, pull, [], at) for role in held):
        return None
    return next((p for p in (_acting(login, role, unit, policy, pull, [], at) for role in held) if p is not None), None)


def _member(login: str, role: Role, unit: str | None, pull: PullRecord, notes: list[Reason], at: datetime) -> bool:
    """``login`` is a member of ``role`` for ``unit`` in term at ``at`` (itself or by a team)."""
    for member in role.members_at(unit, at):
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


def _acting(login: str, role: Role, unit: str | None, policy: Policy, pull: PullRecord, notes: list[Reason], at: datetime) -> str | None:
    """Whom ``login`` stands in for (lowercase), holding ``role`` for ``unit`` at ``at`` in place
    of someone who holds it then, inside the period, decided by a holder of the role (or of a
    role appointing to it); None when no acting holding counts. Never in a chain: the
    principal and the deciding person must hold it themselves."""
    for acting in role.acting:
        principal = acting.principal.lower()
        if acting.holder.lower() != login or principal not in {m.lower() for m in role.members_for(unit)}:
            continue  # another person's holding, or one for another unit
        facts = {
            "login": login,
            "principal": acting.principal,
            "by": acting.by,
            "kind": acting.kind,
            "role": role.name,
            "since": acting.term.since,
            "until": acting.term.until,
            "at": at,
        }
        why = None
        if not acting.term.covers(at):
            why = "acting_outside"
        elif not _member(principal, role, unit, pull, [], at):
            why = "acting_principal_gone"
        else:
            deciders = [role] + [policy.roles[r] for r in role.appointed_by if r in policy.roles]
            if not any(_member(acting.by.lower(), r, unit, pull, [], at) for r in deciders):
                why = "acting_by_not_holder"
        note = Reason(why or "acting_counted", R_ROSTER, facts)
        if note not in notes:
            notes.append(note)
        if why is None:
            return principal
    return None


def who_can(step: Step, unit: str | None, policy: Policy, excluded: frozenset[str], at: datetime) -> tuple[str, ...]:
    """Accounts and teams that could fill ``step`` at ``at`` (members in term, acting holders
    inside their period; never the PR's own contributors)."""
    people: list[str] = []
    for role_id in step.roles:
        role = policy.roles.get(role_id)
        if role is None:
            continue
        members = role.members_at(step.unit or unit, at)
        current = {m.lower() for m in members}
        deciders = {
            m.lower()
            for r in [role, *(policy.roles[d] for d in role.appointed_by if d in policy.roles)]
            for m in r.members_at(step.unit or unit, at)
        }
        acting = [a.holder for a in role.acting if a.term.covers(at) and a.principal.lower() in current and a.by.lower() in deciders]
        for member in members + tuple(acting):
            if member.lower() not in excluded and member not in people:
                people.append(member)
    return tuple(people)


Labelled = tuple[tuple[str, datetime] | None, str | None, dict[str, object]]


def role_label(path: str, pull: PullRecord, policy: Policy, label: str, role: str, unit: str | None, excluded: frozenset[str]) -> Labelled:
    """Who applied ``label`` so that it counts for this file: on at merge, by a holder
    of ``role`` who is no contributor, after the last push that changed the file
    (server time, invariant 5). Else (None, why, facts) — why is None when nobody applied it."""
    applied, problem, params = _LABELLED.get(
        (pull, policy), lambda: _applied(pull, policy, label, role, unit, excluded), (label, role, unit, excluded)
    )
    if applied is None:
        return None, problem, params
    changed_at, known = last_change(path, pull)
    if not known:
        return None, "order_unknown", {"login": applied[0]}
    if changed_at is not None and applied[1] <= changed_at:
        return None, "before_push", {"login": applied[0], "labeled": applied[1], "pushed": changed_at}
    return (applied[0].lower(), applied[1]), None, {}


#: What the label's last application is worth for any file of one pull request (by identity):
#: the files of a pull request differ only in when they were last changed.
_LABELLED: IdentityMemo[Labelled] = IdentityMemo(1024)


def _applied(pull: PullRecord, policy: Policy, label: str, role: str, unit: str | None, excluded: frozenset[str]) -> Labelled:
    """The label's last application, on at merge, by a holder of ``role`` who is no contributor
    (the actor as written, and when); else (None, why, facts)."""
    events = sorted((e for e in pull.labels if e.label == label and e.at <= pull.merged_at), key=lambda e: e.at)
    if not events or events[-1].action != "labeled":
        return None, None, {}
    event = events[-1]
    actor = event.actor.lower()
    if not holds(actor, (role,), unit, policy, pull, [], event.at):
        held = policy.roles.get(role)
        unreadable = [m for m in held.members_for(unit) if m in pull.unreadable_teams] if held else []
        if unreadable:  # the token could not read the team: say so, never "not a holder"
            return None, "team_unreadable", {"login": event.actor, "teams": unreadable}
        return None, "wrong_actor", {"login": event.actor}
    if actor in excluded:
        return None, "self", {"login": event.actor}
    return (event.actor, event.at), None, {}


def last_change(path: str, pull: PullRecord) -> tuple[datetime | None, bool]:
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


def urgent_waiver(pull: PullRecord, policy: Policy, unit: str | None) -> tuple[str, datetime] | None:
    """The urgent label, on at merge and applied by a holder of the urgent role (R-35)."""
    if policy.urgent is None:
        return None
    events = sorted((e for e in pull.labels if e.label == policy.urgent.label and e.at <= pull.merged_at), key=lambda e: e.at)
    if not events or events[-1].action != "labeled":
        return None
    actor = events[-1].actor.lower()
    if actor in {p.lower() for p in pull.contributors()} or not holds(actor, (policy.urgent.role,), unit, policy, pull, [], events[-1].at):
        return None
    return actor, events[-1].at
