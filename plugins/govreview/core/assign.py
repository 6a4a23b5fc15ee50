"""Assigning approvers to approval steps (pure).

Each step needs ``count`` distinct people from its candidates. Across steps one
person fills at most one step unless ``same_person`` is allowed; a person who
holds two roles may fill either (design decision "steps, not roles"). With
``ordered`` the approvals of step k all come before those of step k+1 (R-15).

People are assigned by search, not step by step, so a person holding two roles
never blocks the step only they could fill. The search is bounded: past
``limit`` nodes it gives up, and the caller fails closed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Slot:
    """One step's demand: ``count`` people from ``candidates`` (with approval times)."""

    count: int
    candidates: Mapping[str, datetime]
    ordered: bool = True  # False for a slot outside the chain (the secrecy label)


@dataclass(frozen=True)
class Assignment:
    filled: tuple[tuple[str, ...], ...]  # per slot, the people assigned
    complete: bool
    order_ok: bool
    exhausted: bool = False


class _Budget:
    def __init__(self, limit: int) -> None:
        self.left = limit

    def spend(self) -> bool:
        self.left -= 1
        return self.left >= 0


def _combinations(people: Sequence[str], k: int, start: int = 0) -> list[tuple[str, ...]]:
    if k == 0:
        return [()]
    out: list[tuple[str, ...]] = []
    for i in range(start, len(people) - k + 1):
        for rest in _combinations(people, k - 1, i + 1):
            out.append((people[i], *rest))
    return out


#: Answers already found: a site's pages share few pull requests, so the same demand
#: (the same people, times and steps) comes back for every page a pull request approved.
_KNOWN: dict[tuple[object, ...], Assignment] = {}


def assign(slots: Sequence[Slot], *, same_person: bool, ordered: bool, limit: int = 20000) -> Assignment:
    """Find people for every slot, or the best partial assignment for the explanation."""
    key = (same_person, ordered, limit, *((s.count, s.ordered, tuple(s.candidates.items())) for s in slots))
    known = _KNOWN.get(key)
    if known is None:
        if len(_KNOWN) >= 1024:
            _KNOWN.clear()
        known = _KNOWN[key] = _assign(slots, same_person=same_person, ordered=ordered, limit=limit)
    return known


def _assign(slots: Sequence[Slot], *, same_person: bool, ordered: bool, limit: int) -> Assignment:
    budget = _Budget(limit)
    complete = _search(slots, same_person, ordered, budget)
    if complete is not None:
        return Assignment(tuple(complete), True, True)
    exhausted = budget.left < 0
    # No full ordered assignment: is one possible when order is ignored?
    if ordered and not exhausted:
        unordered = _search(slots, same_person, False, _Budget(limit))
        if unordered is not None:
            return Assignment(tuple(unordered), True, False)
    return Assignment(tuple(_partial(slots, same_person)), False, True, exhausted)


def _search(slots: Sequence[Slot], same_person: bool, ordered: bool, budget: _Budget) -> list[tuple[str, ...]] | None:
    chosen: list[tuple[str, ...]] = []

    def go(i: int, used: frozenset[str], floor: datetime | None) -> bool:
        if not budget.spend():
            return False
        if i == len(slots):
            return True
        slot = slots[i]
        pool = [
            p
            for p, t in sorted(slot.candidates.items(), key=lambda kv: (kv[1], kv[0]))
            if (same_person or p not in used) and not (ordered and slot.ordered and floor is not None and t < floor)
        ]
        for group in _combinations(pool, slot.count):
            new_floor = floor
            if ordered and slot.ordered:
                new_floor = max(slot.candidates[p] for p in group) if group else floor
            chosen.append(group)
            if go(i + 1, used | set(group), new_floor):
                return True
            chosen.pop()
            if budget.left < 0:
                return False
        return False

    return chosen if go(0, frozenset(), None) else None


def _partial(slots: Sequence[Slot], same_person: bool) -> list[tuple[str, ...]]:
    """A maximum matching of people to slot seats, order ignored (augmenting paths)."""
    seats = [(i, n) for i, s in enumerate(slots) for n in range(s.count)]

    # A person takes one seat overall, or one seat per slot when same_person.
    def key(seat: int, person: str) -> tuple[int, str] | str:
        return (seats[seat][0], person) if same_person else person

    taken: dict[tuple[int, str] | str, int] = {}

    def augment(seat: int, seen: set[tuple[int, str] | str]) -> bool:
        slot = slots[seats[seat][0]]
        for person in sorted(slot.candidates):
            k = key(seat, person)
            if k in seen:
                continue
            seen.add(k)
            if k not in taken or augment(taken[k], seen):
                taken[k] = seat
                return True
        return False

    for seat in range(len(seats)):
        augment(seat, set())
    filled: list[list[str]] = [[] for _ in slots]
    for k, seat in taken.items():
        person = k[1] if isinstance(k, tuple) else k
        filled[seats[seat][0]].append(person)
    return [tuple(sorted(f)) for f in filled]
