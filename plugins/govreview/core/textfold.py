"""Text folded for matching, every character traced back to where it was (pure).

Screening must see through the ways a word can be hidden or split. Folding keeps
only letters, digits and stars, and before that undoes what a page can do to
them:

* HTML: tags are dropped but their attribute values (``title``, ``alt`` ...) are
  kept; ``<!--`` comments are read; entities (``&#26426;``) are decoded;
* escapes: percent-encoding (``%E6%9C%BA``) and ``\\uXXXX`` are decoded;
* Unicode: NFKC (full-width forms, compatibility ideographs, Kangxi radicals),
  invisible characters (zero-width, joiners, Hangul fillers) removed, combining
  marks removed, ASCII lower-cased;
* spaces, punctuation and Markdown markup between characters are dropped, so
  ``机 . 密`` and ``机**密**`` both fold to ``机密``;
* a translation table from the shell (Traditional → Simplified, star shapes → ★).

:meth:`Folded.origin` maps a folded index back to an offset in the original text,
and :class:`Lines` turns that offset into a 1-based line and column.
"""

from __future__ import annotations

import bisect
import html
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import unquote

#: Star shapes used in secrecy markings (``秘密★``); all fold to ★. ``*`` is
#: Markdown emphasis and is dropped like other markup.
STARS = (
    "★☆⭐⭑⭒✩✪✫✬✭✮✯✰✱✲✳✴✵✶✷✸✹✺✻✼✽✡✢✣✤✥✦✧❂❃❉❊❋⋆⍟⍣⚝⯨⯩⯪⯫"
    "٭⁎⁑∗⊛⧆⩮꙳﹡＊🌟🌠🔯🞯🞰🞱🞲🞳🞴🞵🞶🞷🞸🞹🞺🞻🞼🞽🞾🞿🟀🟁🟂🟃🟄🟅🟆🟇🟈🟉🟊🟋🟌🟍🟎🟏🟐🟑🟒🟓🟔"
)  # every character Unicode names a star or an asterisk, but ``*``
STAR = "★"

#: Letters that render as nothing (Hangul fillers); other invisible characters
#: (Cf, Mn, spaces) are not letters and are dropped anyway.
_INVISIBLE_LETTERS = "\u115f\u1160\u3164\uffa0"

_WORD = rf"[^\W_{_INVISIBLE_LETTERS}]+"
_TOKEN = re.compile(
    # Markdown link destinations and reference labels are read apart, so they cannot split a word
    r"(?P<dest>\](?:\((?P<dbody>(?:[^()\n]|\([^()\n]*\)){0,2000})\)|\[(?P<rbody>[^\[\]\n]{0,200})\]))"
    r"|(?P<tag></?[A-Za-z][A-Za-z0-9:-]*(?P<attrs>(?:[^<>\"']|\"[^\"]*\"|'[^']*')*)/?>)"
    # entities as browsers read them: leading zeros, and numeric ones without the semicolon
    r"|(?P<ent>&(?:\#0*[0-9]{1,7};?|\#[xX]0*[0-9a-fA-F]{1,6};?|[A-Za-z][A-Za-z0-9]{1,31};))"
    r"|(?P<pct>(?:%[0-9A-Fa-f]{2}){2,})"
    r"|(?P<esc>(?:\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8}|\\u\{[0-9A-Fa-f]{1,6}\})+)"  # \u673a, \U0000673a, \u{673a}
    r"|(?P<css>(?:\\[0-9A-Fa-f]{4,6} ?)+)"  # CSS escapes, e.g. content: "\673a\5bc6"
    # emoji shortcodes that render as a star (pymdownx.emoji, mkdocs-material icons): 秘密 :star: shows 秘密⭐
    r"|(?P<starcode>:[a-z0-9_+-]{0,40}star[a-z0-9_+-]{0,40}:)"
    rf"|(?P<word>{_WORD})"
    rf"|(?P<star>[{STARS}])"
    # symbols that NFKC turns into ideographs or digits: radicals, circled ideographs (㊙), enclosed forms
    r"|(?P<compat>[\u2460-\u24ff\u2e80-\u2fdf\u3200-\u33ff\U0001f100-\U0001f2ff])"
)
#: Symbols that stand for a whole marking: ㊙ is the "secret" stamp.
_SYMBOLS = {"㊙": "秘密★"}
#: How many times decoded text is decoded again (entities in entities, tags in attributes).
_MAX_DEPTH = 4
#: Between the body and attribute values in folded text, so they never run together.
SEPARATOR = "\x00"
_ATTR_VALUE = re.compile(r"=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s\"'>]+))")
_KEEP_CHAR = re.compile(_WORD)
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


@dataclass
class Folded:
    """Folded text; piece ``k`` starts at ``starts[k]`` in ``text`` and came from
    ``origins[k]`` in the original, one to one when ``exact[k]`` else all from there."""

    text: str
    starts: list[int] = field(default_factory=list)
    origins: list[int] = field(default_factory=list)
    exact: list[bool] = field(default_factory=list)
    ends: list[int] = field(default_factory=list)  # end in the original of a decoded piece

    def origin(self, index: int) -> int:
        """Offset in the original text of folded character ``index``."""
        k = bisect.bisect_right(self.starts, index) - 1
        if k < 0:
            return 0
        return self.origins[k] + (index - self.starts[k] if self.exact[k] else 0)

    def origin_end(self, index: int) -> int:
        """End offset in the original of folded character ``index`` (a decoded
        character ends where its escape, entity or symbol ends)."""
        k = bisect.bisect_right(self.starts, index) - 1
        if k < 0:
            return 0
        return self.origins[k] + index - self.starts[k] + 1 if self.exact[k] else self.ends[k]


def fold(text: str, table: Mapping[int, str] | None = None) -> Folded:
    """Fold ``text`` for matching (see the module's description)."""
    builder = _Builder()
    for start, end, comment in _split_comments(text):
        if comment:
            builder.attributes.append((text[start:end], start, end, True, 0))
            continue
        at = start
        for hidden in _HIDDEN.finditer(text, start, end):  # hidden elements, ruby annotations
            body = "rbody" if hidden.group("rbody") is not None else "hbody"
            builder.walk(text[at : hidden.start(body)], at, True)
            builder.attributes.append((hidden.group(body), hidden.start(body), hidden.end(body), True, 0))
            at = hidden.end(body)
        builder.walk(text[at:end], at, True)
    for value, at, end, exact, depth in builder.attributes:
        builder.add(SEPARATOR, at, False, at)
        builder.walk(value, at, exact, depth + 1, end)
    folded = "".join(builder.parts)
    if table:
        folded = folded.translate(table)
    return Folded(folded, builder.starts, builder.origins, builder.exact, builder.ends)


#: Elements whose text is not shown where it stands: ``hidden``/``display:none``
#: elements and ruby annotations (``<rt>jī</rt>``). Their text is read apart, so it
#: cannot split a word that is shown around it. The first hiding attribute of a tag
#: decides (an atomic group): retrying every later one of an unclosed tag against the
#: rest of it would be quadratic.
_HIDDEN = re.compile(
    r"<(?P<rt>rt|rp|template|noscript)\b[^<>]*>(?P<rbody>[^<]{0,500})</(?P=rt)\s*>"
    r"|<(?P<h>[A-Za-z][\w-]*)\b(?>[^<>\n]*?(?:\shidden\b|display\s*:\s*none|visibility\s*:\s*hidden|font-size\s*:\s*0(?![.\d])))[^<>\n]*>"
    r"(?P<hbody>[^<\n]{0,500})</(?P=h)\s*>",
    re.I,
)


def _split_comments(text: str) -> list[tuple[int, int, bool]]:
    """``text`` cut into spans outside and inside HTML comments ``<!-- … -->``, in one
    pass (a regex per comment opener would rescan the rest of a page each time)."""
    spans: list[tuple[int, int, bool]] = []
    at = 0
    while True:
        opener = text.find("<!--", at)
        closer = text.find("-->", opener + 4) if opener != -1 else -1
        if closer == -1:
            spans.append((at, len(text), False))
            return spans
        spans.append((at, opener, False))
        spans.append((opener + 4, closer, True))
        at = closer + 3


class Folder:
    """:func:`fold` with a fixed translation table; compared and hashed by identity,
    so matchers built from it can be cached."""

    def __init__(self, table: Mapping[int, str] | None = None) -> None:
        self.table = dict(table or {})
        for star in STARS:
            self.table.setdefault(ord(star), STAR)

    def __call__(self, text: str) -> Folded:
        return fold(text, self.table)


class _Builder:
    def __init__(self) -> None:
        self.parts: list[str] = []
        self.starts: list[int] = []
        self.origins: list[int] = []
        self.exact: list[bool] = []
        self.ends: list[int] = []
        self.attributes: list[tuple[str, int, int, bool, int]] = []
        self.length = 0

    def add(self, piece: str, origin: int, exact: bool, end: int) -> None:
        self.parts.append(piece)
        self.starts.append(self.length)
        self.origins.append(origin)
        self.exact.append(exact)
        self.ends.append(end)
        self.length += len(piece)

    def walk(self, text: str, base: int, exact: bool, depth: int = 0, base_end: int = 0) -> None:
        """Fold ``text`` found at ``base`` in the original. When not ``exact`` (decoded
        text), every character it yields is traced to the span ``base:base_end``.
        Decoded text is decoded again at most :data:`_MAX_DEPTH` times (``&amp;#26426;`` …)."""
        for m in _TOKEN.finditer(text):
            kind = m.lastgroup
            at, end = (base + m.start(), base + m.end()) if exact else (base, base_end)
            if kind == "word":
                self.word(m.group(), at, exact, end)
            elif kind in ("star", "starcode"):
                self.add(STAR, at, False, end)
            elif kind == "compat":
                symbol = _SYMBOLS.get(m.group())
                out = symbol or "".join(_KEEP_CHAR.findall(unicodedata.normalize("NFKC", m.group()))).lower()
                if out:
                    self.add(out, at, False, end)
            elif kind == "dest":
                body = "dbody" if m.group("dbody") is not None else "rbody"
                start = base + m.start(body) if exact else base
                self.attributes.append((m.group(body), start, base + m.end(body) if exact else base_end, exact, depth))
            elif kind == "tag":
                attrs = m.group("attrs") or ""
                offset = m.start("attrs")
                for value in _ATTR_VALUE.finditer(attrs):
                    group = next(g for g in (1, 2, 3) if value.group(g) is not None)
                    start = base + offset + value.start(group) if exact else base
                    self.attributes.append(
                        (value.group(group), start, base + offset + value.end(group) if exact else base_end, exact, depth)
                    )
            else:
                decoded = _decode(kind, m.group()) if depth < _MAX_DEPTH else None
                if decoded is None:  # not really an escape: read it as it stands
                    self.word_chars(m.group(), at, exact, end)
                else:
                    self.walk(decoded, at, False, depth + 1, end)

    def word(self, run: str, at: int, exact: bool, end: int) -> None:
        if run.isascii():
            self.add(run.lower(), at, exact, end)
        elif unicodedata.is_normalized("NFKC", run):
            # its ASCII letters lower-cased too, one for one: 号11010519491231002X ends in x like any ID number
            self.add(run.translate(_ASCII_LOWER), at, exact, end)
        else:
            for i, ch in enumerate(run):
                out = "".join(_KEEP_CHAR.findall(unicodedata.normalize("NFKC", ch))).lower()
                if out:
                    one = exact and len(out) == 1
                    self.add(out, at + i if exact else at, one, at + i + 1 if exact else end)

    def word_chars(self, text: str, at: int, exact: bool, end: int) -> None:
        for m in _KEEP_CHAR.finditer(text):
            self.word(m.group(), at + m.start() if exact else at, exact, end)


def _decode(kind: str | None, raw: str) -> str | None:
    try:
        if kind == "ent":
            out = html.unescape(raw if raw.endswith(";") else raw + ";")
        elif kind == "pct":
            out = unquote(raw, errors="strict")
        elif kind == "css":
            out = "".join(chr(int(h, 16)) for h in re.findall(r"[0-9A-Fa-f]+", raw))
        else:
            out = "".join(chr(int(h, 16)) for h in re.findall(r"[0-9A-Fa-f]+", raw.replace("\\U", "\\u").replace("\\u", " ")))
    except (UnicodeDecodeError, UnicodeEncodeError, ValueError, OverflowError):
        return None
    return None if out == raw else out


class Lines:
    """1-based line and column of an offset in a text."""

    def __init__(self, text: str) -> None:
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def position(self, offset: int) -> tuple[int, int]:
        i = bisect.bisect_right(self.starts, offset) - 1
        return i + 1, offset - self.starts[i] + 1

    def line_text(self, text: str, line: int) -> str:
        start = self.starts[line - 1]
        end = self.starts[line] - 1 if line < len(self.starts) else len(text)
        return text[start:end]
