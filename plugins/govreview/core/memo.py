"""Remembering what was computed from objects compared by identity (pure, no I/O).

Frozen records such as a policy, a pull request's evidence or screening settings are
large: hashing or comparing them for every file would cost more than the work they key.
A memo keeps each value with the objects it came from, so an id reused by a new object
after the old one is gone never returns the old value; it is emptied when full.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from operator import is_
from typing import Generic, TypeVar

V = TypeVar("V")


class IdentityMemo(Generic[V]):
    def __init__(self, size: int) -> None:
        self.size = size
        self._known: dict[tuple[tuple[int, ...], Hashable], tuple[tuple[object, ...], V]] = {}

    def get(self, objects: tuple[object, ...], compute: Callable[[], V], extra: Hashable = None) -> V:
        """The value for ``objects`` (by identity) and ``extra`` (by equality), computed once."""
        key = (tuple(map(id, objects)), extra)
        known = self._known.get(key)
        # Equal ids and equal lengths: the same objects, unless one was collected and its id
        # reused (the memo holds the objects it was computed from, so that cannot happen).
        if known is not None and len(known[0]) == len(objects) and all(map(is_, known[0], objects)):
            return known[1]
        if len(self._known) >= self.size:
            self._known.clear()
        value = compute()
        self._known[key] = (objects, value)  # holds the objects: their ids stay their own
        return value
