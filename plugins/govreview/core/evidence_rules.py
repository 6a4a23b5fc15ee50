"""Reading the evidence of one pull request for one file (pure): whose approvals bind
to the file's final content, who holds a role, who applied a label and when, and who
could still supply a step. The gate's checks (:mod:`govreview.core.gate`) ask these.
"""

from __future__ import annotations

from datetime import datetime

from .evidence import APPROVED, DECISIVE_STATES, PullRecord
from .memo import IdentityMemo
from .policy import Policy, Step, is_team
from .verdict import Reason

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


def holds(login: str, roles: tuple[str, ...], unit: str | None, policy: Policy, pull: PullRecord, notes: list[Reason]) -> bool:
    """Does ``login`` hold any of ``roles`` for ``unit``, by the evidence recorded at merge?
    A team nobody could read never counts, and says so in ``notes``."""
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


def who_can(step: Step, unit: str | None, policy: Policy, excluded: frozenset[str]) -> tuple[str, ...]:
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


def role_label(
    path: str, pull: PullRecord, policy: Policy, label: str, role: str, unit: str | None, excluded: frozenset[str]
) -> tuple[tuple[str, datetime] | None, str | None, dict[str, object]]:
    """Who applied ``label`` so that it counts for this file: on at merge, by a holder
    of ``role`` who is no contributor, after the last push that changed the file
    (server time, invariant 5). Else (None, why, facts) — why is None when nobody applied it."""
    events = sorted((e for e in pull.labels if e.label == label and e.at <= pull.merged_at), key=lambda e: e.at)
    if not events or events[-1].action != "labeled":
        return None, None, {}
    event = events[-1]
    actor = event.actor.lower()
    if not holds(actor, (role,), unit, policy, pull, []):
        held = policy.roles.get(role)
        unreadable = [m for m in held.members_for(unit) if m in pull.unreadable_teams] if held else []
        if unreadable:  # the token could not read the team: say so, never "not a holder"
            return None, "team_unreadable", {"login": event.actor, "teams": unreadable}
        return None, "wrong_actor", {"login": event.actor}
    if actor in excluded:
        return None, "self", {"login": event.actor}
    changed_at, known = last_change(path, pull)
    if not known:
        return None, "order_unknown", {"login": event.actor}
    if changed_at is not None and event.at <= changed_at:
        return None, "before_push", {"login": event.actor, "labeled": event.at, "pushed": changed_at}
    return (actor, event.at), None, {}


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
    if actor in {p.lower() for p in pull.contributors()} or not holds(actor, (policy.urgent.role,), unit, policy, pull, []):
        return None
    return actor, events[-1].at
