"""Emergency takedown (issue 15; R-44): pure rules, no I/O.

The website office may take a published page offline at once, without waiting for a
chain of approvals. It is recorded in the archive (a ``takedown`` record: who, when, why)
and holds until a later merged pull request that changes the page and passes the page's
own chain confirms it (the same record again, with ``confirmed_by``). Until then:

* the page is never published, whatever its approvals (:func:`withhold`);
* the takedown is listed, and overdue once ``confirm_within`` working days have passed
  (:func:`due_dates`, :func:`overdue`).

Who may do it is the policy's ``takedown.role``, resolved like any role (roster logins,
dated terms, acting holders, forge teams as resolved by the shell): :func:`may_take_down`.
A team whose membership could not be read never counts (fail closed).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime

from .calendar import WorkCalendar
from .evidence import PullRecord
from .evidence_rules import holds
from .gate import local_day
from .policy import Policy, is_team
from .records import Baseline, Publication, Takedown
from .verdict import Reason, Verdict

#: The rule an emergency takedown serves: published items leave only as the office decides.
R_TAKEDOWN = "R-44"
#: The reason code a taken-down file is withheld with.
TAKEN_DOWN = "taken_down"


def open_takedowns(takedowns: Iterable[Takedown]) -> dict[str, Takedown]:
    """Repository path -> its unconfirmed takedown (the archive keeps each id's latest line).
    Of two open takedowns of one path, the earlier one is kept (its deadline comes first)."""
    out: dict[str, Takedown] = {}
    for t in sorted(takedowns, key=lambda t: (t.at, t.id)):
        if t.confirmed_by is None and t.path not in out:
            out[t.path] = t
    return out


def withhold(verdict: Verdict, takedown: Takedown) -> Verdict:
    """``verdict`` with the takedown as its first reason: the file is not published, whatever
    its approvals; no older version is published in its place (the snapshot holds none)."""
    reason = Reason(TAKEN_DOWN, R_TAKEDOWN, {"id": takedown.id, "by": takedown.by, "at": takedown.at})
    return replace(verdict, reasons=(reason, *verdict.reasons))


def is_taken_down(verdict: Verdict) -> bool:
    return any(r.code == TAKEN_DOWN for r in verdict.reasons)


def published_blob(path: str, publications: Iterable[Publication], baselines: Iterable[Baseline] = ()) -> str | None:
    """What was public at ``path``: the blob of its latest first publication, else of its
    baseline; None when the archive never saw it published (then it cannot be taken down)."""
    found = [p for p in publications if p.path == path]
    if found:
        return max(found, key=lambda p: p.published_at).blob
    base = [b for b in baselines if b.path == path]
    return base[-1].blob if base else None


#: Evidence of nothing but the teams the shell resolved for the person taking a page down.
_NOBODY = PullRecord(0, "", "", datetime.max.replace(tzinfo=UTC), "", "", "", "", (), merged=False)


def teams_of_role(policy: Policy) -> tuple[str, ...]:
    """The forge teams (``org/team``) among the takedown role's members: only these need the
    forge (and a token that may read organisation teams); roster logins need nothing."""
    if policy.takedown is None or policy.takedown.role not in policy.roles:
        return ()
    role = policy.roles[policy.takedown.role]
    members = (*role.members, *(m for ms in role.unit_members.values() for m in ms))
    return tuple(sorted({m for m in members if is_team(m)}))


@dataclass(frozen=True)
class Holding:
    """Whether a person may take a page down, and the notes that say why not (an unreadable
    team, an acting holding outside its period …), as the gate words them."""

    allowed: bool
    notes: tuple[Reason, ...] = ()


def may_take_down(
    login: str,
    policy: Policy,
    at: datetime,
    teams: Mapping[str, frozenset[str]] | None = None,
    unreadable: Mapping[str, int] | None = None,
) -> Holding:
    """Does ``login`` hold the policy's takedown role at server time ``at``? ``teams``: the
    active members of each team of the role as the forge answered; ``unreadable``: teams it
    would not show (HTTP status) — never read as "not a member" nor as "member"."""
    if policy.takedown is None:
        return Holding(False, (Reason("takedown_no_policy", R_TAKEDOWN),))
    notes: list[Reason] = []
    evidence = replace(_NOBODY, teams=dict(teams or {}), unreadable_teams=dict(unreadable or {}))
    # A role held per unit counts for any unit: the office acts for the whole site.
    units = [None, *sorted(policy.roles[policy.takedown.role].unit_members)] if policy.takedown.role in policy.roles else [None]
    allowed = any(holds(login.lower(), (policy.takedown.role,), unit, policy, evidence, notes, at) for unit in units)
    return Holding(allowed, () if allowed else tuple(notes))


@dataclass(frozen=True)
class Due:
    """An unconfirmed takedown and the last working day for its confirmation."""

    takedown: Takedown
    last_day: date
    overdue: bool
    working_days_left: int


def due_dates(takedowns: Iterable[Takedown], confirm_within: int, calendar: WorkCalendar, today: date) -> list[Due]:
    """Every unconfirmed takedown with its deadline: ``confirm_within`` working days after the
    China day it happened (counted with the project's calendar, holidays and makeup days
    included); overdue when ``today`` is past that day. Soonest deadline first.
    Raises :class:`govreview.core.calendar.UnknownYear` when the calendar cannot count."""
    rows = []
    for t in takedowns:
        if t.confirmed_by is not None:
            continue
        last = calendar.add(local_day(t.at), confirm_within)
        late = today > last
        rows.append(Due(t, last, late, 0 if late else calendar.count(today, last)))
    return sorted(rows, key=lambda d: (d.last_day, d.takedown.at, d.takedown.id))


def overdue(takedowns: Iterable[Takedown], confirm_within: int, calendar: WorkCalendar, today: date) -> list[Due]:
    """The takedowns still unconfirmed past their deadline (for ``govreview lifecycle``)."""
    return [d for d in due_dates(takedowns, confirm_within, calendar, today) if d.overdue]


def confirmable(takedowns: Iterable[Takedown], pull: PullRecord) -> list[Takedown]:
    """The unconfirmed takedowns ``pull`` may confirm: it changed the page (a correction or a
    withdrawal keeps the file; a deletion confirms nothing) and merged after the takedown.
    Whether it does is the page's verdict under its chain (the shell asks the gate)."""
    changed = {f.path for f in pull.files if f.blob is not None}
    return [t for t in open_takedowns(takedowns).values() if t.path in changed and pull.merged_at > t.at]
