"""Bracketed Markdown syntax matched in linear time (pure).

A pattern such as ``\\[[^\\]\\n]*\\]:\\s*\\S+`` (a reference definition) or
``!\\[[^\\]\\n]*\\]\\(…\\)`` (an image) is quadratic in a regex engine: from every
``[`` of a run it scans to the next ``]``, and a line of 300,000 ``[`` costs
minutes. Every opener before the same ``]`` has the same outcome, so here each
``]`` is looked at once, and the matches are merged with the other alternatives
of the original pattern exactly as the regex would have chosen them.
"""

from __future__ import annotations

import re
from functools import cache


@cache
def _events(opener: str) -> re.Pattern[str]:
    return re.compile(re.escape(opener) + r"|[\]\n]")


def bracket_matches(text: str, opener: str, tail: re.Pattern[str]) -> list[tuple[int, int]]:
    """Every span that ``OPENER[^\\]\\n]*\\]TAIL`` matches, at each start (not only the
    non-overlapping ones), in order of start; ``opener`` is literal text without ``]``."""
    out: list[tuple[int, int]] = []
    pending: list[int] = []  # openers since the last ] or line break
    for m in _events(opener).finditer(text):
        if m.group() == opener:
            pending.append(m.start())
        elif pending:
            if m.group() == "]":
                after = tail.match(text, m.end())
                if after is not None:
                    out += [(start, after.end()) for start in pending]
            pending = []
    return out


def leftmost(text: str, spans: list[tuple[int, int]], other: re.Pattern[str]) -> list[tuple[int, int]]:
    """The spans a regex ``SPANS|OTHER`` would find with ``finditer`` (leftmost first, not
    overlapping), given ``spans``, every match of the first alternative by start, where
    no position can start both. ``other`` must not match the empty string."""
    out: list[tuple[int, int]] = []
    pos, k = 0, 0
    found = other.search(text)
    while True:
        while k < len(spans) and spans[k][0] < pos:
            k += 1
        if found is not None and found.start() < pos:
            found = other.search(text, pos)  # (a match found earlier still is the leftmost from pos)
        if k < len(spans) and (found is None or spans[k][0] < found.start()):
            out.append(spans[k])
        elif found is not None:
            out.append((found.start(), found.end()))
        else:
            return out
        pos = out[-1][1]
