"""Screening what is published: a page's rendered text and its title (pure).

The source of a page is screened for the editor (line:column in the file); what a
visitor reads is the page after every extension, emoji, snippet and macro, and its
title in the browser tab, the navigation and the listings. Text can be changed on
the way: an ID number split by a link (``1101051949[1231](#)002X``),
digits written as character references, a macro joining two harmless strings
into a marking. A finding that only the rendered text shows is added to the
page's findings, placed at the source line nearest to it — the line holding the
same words once markup is set aside, else the line most like the rendered line —
with the place 渲染后正文 (or 页面标题), so the editor can find it, and a holder of
the clearing role can name it like any other finding (R-03).
"""

from __future__ import annotations

import difflib
import html
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace

from .findings import Content, Finding, Segment, place, place_key
from .textfold import Folder, Lines

TITLE = place("place.title")
RENDERED = place("place.rendered")
#: Characters of a rendered line compared with each source line when no source line holds
#: the matched words: enough to recognise a paragraph, bounded so the comparison stays cheap.
_CONTEXT = 120


@dataclass(frozen=True)
class RenderedPage:
    """What a visitor reads of one page: its title and the text of its body."""

    title: str
    text: str

    def key(self) -> str:
        """The rendered page as one string (what remembered findings are keyed by)."""
        return f"{self.title}\x00{self.text}"


def rendered_content(page: RenderedPage, folder: Folder) -> Content:
    """What screening reads of a rendered page: the title, then the body's text."""
    segments = [Segment(page.title, where=TITLE)] if page.title.strip() else []
    segments.append(Segment(page.text, where=RENDERED))
    return Content(tuple(segments), folder=folder)


def _bare(text: str) -> str:
    """Letters and digits only: what is left of a line once markup and spacing are set aside."""
    return "".join(ch for ch in text if ch.isalnum())


def only_rendered(source: Iterable[Finding], rendered: Iterable[Finding], source_text: str, page: RenderedPage) -> tuple[Finding, ...]:
    """The findings of ``rendered`` (the rendered page's) that ``source`` (the page source's)
    does not already show, each placed at its nearest source line, column 1.

    A finding counts as shown when the source has one of the same check with the same
    words (markup and character references set aside), or on the line it is placed at:
    the editor already has it at its exact place. Each finding of the source shows one
    rendered finding only: a second number on a line, or one whose masked excerpt reads the
    same, is a finding of its own (clearing the first must not publish the second)."""
    source = tuple(source)
    words_shown = Counter((f.code, _words(f)) for f in source)
    lines_shown = Counter((f.code, f.line) for f in source)
    fresh = []
    for f in rendered:
        if words_shown[(f.code, _words(f))] > 0:
            words_shown[(f.code, _words(f))] -= 1
            lines_shown[(f.code, _nearest_shown(source, f))] -= 1
        else:
            fresh.append(f)
    if not fresh:
        return ()
    source_lines = [_bare(html.unescape(line)) for line in source_text.split("\n")]
    body = Lines(page.text)
    out: dict[tuple[object, ...], Finding] = {}
    for f in fresh:
        near = page.title if f.where == TITLE else body.line_text(page.text, f.line) if 1 <= f.line <= len(body.starts) else ""
        excerpt = str(f.params.get("excerpt", ""))
        words = "" if "*" in excerpt else _bare(excerpt)  # a masked number is never looked for
        line = nearest_line(source_lines, words, _bare(near))
        if lines_shown[(f.code, line)] > 0:
            lines_shown[(f.code, line)] -= 1
            continue
        placed = replace(f, line=line, col=1)
        out.setdefault((placed.code, placed.line, place_key(placed.where), str(placed.params.get("excerpt"))), placed)
    return tuple(sorted(out.values(), key=lambda f: (f.line, f.code)))


def _nearest_shown(source: tuple[Finding, ...], f: Finding) -> int:
    """The line of the source finding that shows ``f`` (same check, same words; 0: none)."""
    return next((s.line for s in source if s.code == f.code and _words(s) == _words(f)), 0)


def _words(f: Finding) -> str:
    return _bare(html.unescape(str(f.params.get("excerpt", ""))))


def nearest_line(source_lines: list[str], words: str, context: str) -> int:
    """The 1-based source line holding ``words`` (letters and digits only), else the one
    sharing the longest run of characters with ``context``, else 1."""
    if words:
        for number, line in enumerate(source_lines, 1):
            if words in line:
                return number
    context = context[:_CONTEXT]
    best, best_len = 1, 0
    if not context:
        return best
    for number, line in enumerate(source_lines, 1):
        if not line:
            continue
        match = difflib.SequenceMatcher(None, context, line, autojunk=False).find_longest_match(0, len(context), 0, len(line))
        if match.size > best_len:
            best, best_len = number, match.size
    return best
