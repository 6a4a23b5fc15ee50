"""The roster as judged (R-18), as the archive records it: the policy's people with their
dated assignments (members in term, acting and delegated holders) and the teams resolved at
sync (pure). The gate judges from the policy itself (:func:`govreview.core.evidence_rules.holds`);
this record is the readable copy for forms, ledgers and reports."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, time, timedelta

from .gate import CHINA
from .policy import ACTING, Policy, Term, is_team
from .records import Assignment, Person, Roster, TeamMembers


def _start(day: date | None) -> datetime | None:
    """The first moment of ``day`` in China."""
    return datetime.combine(day, time(0), CHINA) if day is not None else None


def _end(day: date | None) -> datetime | None:
    """The first moment after ``day`` in China (the record's end is exclusive)."""
    return datetime.combine(day + timedelta(days=1), time(0), CHINA) if day is not None else None


def as_judged(
    policy: Policy,
    resolved_at: datetime,
    teams: Mapping[str, frozenset[str]] = {},
    *,
    pull: int | None = None,
    policy_id: str | None = None,
) -> Roster:
    """The ``roster`` record of ``policy``: one person per entry of its ``people`` (logins outside
    the roster have no name to record), each with the assignments the policy gives them."""
    held: dict[str, list[Assignment]] = {login: [] for login in policy.people}
    for role in policy.roles.values():
        scopes: list[tuple[str | None, tuple[str, ...]]] = [(None, role.members), *role.unit_members.items()]
        for unit, members in scopes:
            for member in members:
                login = member.lower()
                if is_team(member) or login not in held:
                    continue
                for term in role.terms.get((unit, login), (Term(),)):
                    held[login].append(Assignment(role.id, _start(term.since), _end(term.until), unit))
        for acting in role.acting:
            login = acting.holder.lower()
            if login in held:
                since, until = _start(acting.term.since), _end(acting.term.until)
                held[login].append(Assignment(role.id, since, until, None, acting.kind == ACTING, acting.by, acting.principal))
    people = tuple(Person(p.login, p.name, p.title or None, tuple(held[login])) for login, p in sorted(policy.people.items()))
    resolved = tuple(TeamMembers(team, frozenset(members), resolved_at) for team, members in sorted(teams.items()))
    return Roster(resolved_at, people, resolved, pull, policy_id)
