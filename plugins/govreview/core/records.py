"""The approval archive's records beyond merged pull requests (archive format 2).

Pure data, as :mod:`govreview.archive_jsonl` reads them; guide/archive-format.md is
the exact specification of each record type and says which feature writes it:

* :class:`Publication` — the first successful publish of a path at a blob: the
  发布时间 of the approval form and ledgers (R-50, R-51; DESIGN "Dates");
* :class:`Clearance` — one screening finding cleared by a holder of the policy's
  clearing role, bound to the exact head, blob, line and matched text (R-03);
* :class:`Roster` — the people as judged: names, titles, dated role assignments
  (acting, delegated) and teams as resolved at sync (R-18);
* :class:`Withdrawal` — a published page taken off with a public reason approved by
  the website office (R-44);
* :class:`Correction` — an edit of a published page with its public 更正说明, or
  approved as minor;
* :class:`Takedown` — an emergency removal, later confirmed by a pull request;
* :class:`Baseline` — what was public before the site adopted govreview, with the
  paper approval it rests on (R-11).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime


@dataclass(frozen=True)
class Publication:
    """``path`` went public at ``blob`` for the first time at ``published_at`` (server
    time of the successful deploy), in publish run ``run`` built from ``commit``."""

    path: str
    blob: str
    published_at: datetime
    run: str
    commit: str | None = None


@dataclass(frozen=True)
class Clearance:
    """A screening finding (check ``check`` at ``line`` of ``path`` at ``blob``, matching
    ``text``) cleared by ``by`` in review ``review`` of pull request ``pull`` on ``head``.
    ``place``: where inside an attachment, as the clearance line writes it
    (:func:`govreview.core.clearing.place_token`)."""

    pull: int
    head: str
    path: str
    blob: str
    check: str
    line: int
    text: str
    by: str
    at: datetime
    review: int
    rule: str | None = None
    column: int | None = None
    place: str | None = None


@dataclass(frozen=True)
class Assignment:
    """A role held from ``valid_from`` (None: with no start) until just before ``valid_to``
    (None: still held); ``unit`` for a unit's role; ``acting`` for an acting holder (代理);
    ``delegated_by`` names who decided an acting or delegated (授权) holding, ``principal``
    the holder it stands in for."""

    role: str
    valid_from: datetime | None
    valid_to: datetime | None = None
    unit: str | None = None
    acting: bool = False
    delegated_by: str | None = None
    principal: str | None = None

    def holds_at(self, moment: datetime) -> bool:
        return (self.valid_from is None or self.valid_from <= moment) and (self.valid_to is None or moment < self.valid_to)


@dataclass(frozen=True)
class Person:
    login: str
    name: str
    title: str | None = None
    assignments: tuple[Assignment, ...] = ()

    def roles_at(self, moment: datetime) -> tuple[Assignment, ...]:
        return tuple(a for a in self.assignments if a.holds_at(moment))


@dataclass(frozen=True)
class TeamMembers:
    """A forge team's active members as resolved at ``resolved_at``."""

    team: str
    members: frozenset[str]
    resolved_at: datetime


@dataclass(frozen=True)
class Roster:
    """The people as judged, resolved at ``resolved_at``; for pull request ``pull``
    (None: for the whole site) under policy snapshot ``policy``."""

    resolved_at: datetime
    people: tuple[Person, ...]
    teams: tuple[TeamMembers, ...] = ()
    pull: int | None = None
    policy: str | None = None

    def person(self, login: str) -> Person | None:
        for person in self.people:
            if person.login == login:
                return person
        return None


@dataclass(frozen=True)
class Withdrawal:
    """``path`` at ``blob`` withdrawn by pull request ``pull``, with a public ``reason``
    approved by ``approved_by`` of the website office (R-44)."""

    path: str
    blob: str
    reason: str
    approved_by: str
    pull: int
    at: datetime


@dataclass(frozen=True)
class Correction:
    """A published page changed from ``old_blob`` to ``new_blob`` by pull request
    ``pull``: with a public ``note`` (更正说明), or ``minor`` as the office approved."""

    path: str
    old_blob: str
    new_blob: str
    pull: int
    at: datetime
    note: str | None = None
    minor: bool = False
    approved_by: str | None = None


@dataclass(frozen=True)
class Takedown:
    """An emergency removal of ``path`` by ``by`` at ``at``; ``reason`` is internal.
    ``confirmed_by`` is the pull request that later confirmed it (None: not yet)."""

    id: str
    path: str
    by: str
    at: datetime
    reason: str
    blob: str | None = None
    confirmed_by: int | None = None


@dataclass(frozen=True)
class Baseline:
    """``path`` at ``blob`` was public before the site adopted govreview, approved on
    paper (``source`` says where that approval is kept, R-11)."""

    path: str
    blob: str
    source: str
    recorded_by: str
    at: datetime
    approved_on: date | None = None
    published_on: date | None = None


def first_publication(publications: Iterable[Publication], path: str, blob: str | None = None) -> Publication | None:
    """When ``path`` first became public (at ``blob``, when given): the earliest
    publication on record, else None (until then the merge time stands, DESIGN "Dates")."""
    found = [p for p in publications if p.path == path and (blob is None or p.blob == blob)]
    return min(found, key=lambda p: p.published_at) if found else None
