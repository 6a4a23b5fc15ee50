"""Matching a policy's word lists (错敏词) in folded text (pure).

All terms of all entries go into one Aho–Corasick automaton (pyahocorasick),
so a list of thousands of words costs one pass over the text. Terms are folded
like the text, so a list written in Simplified characters also catches the
Traditional, spaced-out or marked-up spelling.
"""

from __future__ import annotations

from typing import Any

import ahocorasick

from .hits import Hit
from .policy import WordEntry
from .textfold import Folded, Folder

#: Automata by the identity of their word list and folder. Hashing a list of
#: thousands of entries on every page would cost more than matching them.
_CACHE: dict[tuple[int, int], tuple[tuple[WordEntry, ...], Folder, Any]] = {}
_CACHE_SIZE = 16


def _automaton(entries: tuple[WordEntry, ...], folder: Folder) -> Any:
    key = (id(entries), id(folder))
    cached = _CACHE.get(key)
    if cached is not None and cached[0] is entries and cached[1] is folder:
        return cached[2]
    automaton = _build(entries, folder)
    if len(_CACHE) >= _CACHE_SIZE:
        _CACHE.pop(next(iter(_CACHE)))
    _CACHE[key] = (entries, folder, automaton)
    return automaton


def _build(entries: tuple[WordEntry, ...], folder: Folder) -> Any:
    automaton: Any = ahocorasick.Automaton()
    for entry in entries:
        for term in entry.terms:
            key = folder(term).text
            if not key:
                continue
            found = automaton.get(key, None)
            if found is None or _stronger(entry, found[1]):
                automaton.add_word(key, (len(key), entry))
    if len(automaton) == 0:
        return None
    automaton.make_automaton()
    return automaton


def _stronger(entry: WordEntry, other: WordEntry) -> bool:
    """Where two entries list one term, the blocking one wins."""
    return entry.severity == "block" and other.severity != "block"


def find_words(folded: Folded, entries: tuple[WordEntry, ...], folder: Folder) -> list[Hit]:
    """Every occurrence of every listed term."""
    automaton = _automaton(entries, folder)
    if automaton is None:
        return []
    hits = []
    for end, (length, entry) in automaton.iter(folded.text):
        start = end + 1 - length
        if entry.exceptions and _excepted(folded.text, start, end + 1, entry, folder):
            continue
        params = {"term": folded.text[start : end + 1], "note": entry.note, "correct": entry.correct}
        hits.append(Hit("word-list", start, end + 1, params, entry.severity, entry.rule))
    return hits


def _excepted(text: str, start: int, end: int, entry: WordEntry, folder: Folder) -> bool:
    """Is the match inside one of the entry's exception words?"""
    for word in entry.exceptions:
        key = folder(word).text
        if not key:
            continue
        at = text.find(key, max(0, end - len(key)), start + len(key))
        while at != -1 and at <= start:
            if at + len(key) >= end:
                return True
            at = text.find(key, at + 1, start + len(key))
    return False
