"""Typography of Chinese government writing, on the original characters (pure).

Only a page's visible prose is checked: front-matter keys, code, HTML tags,
URLs and link destinations are masked first. The rules are narrow on purpose,
so a warning is nearly always right:

* GB/T 15834 punctuation: ``, ; : ? !`` and a sentence-final ``.`` touching
  Chinese text should be full-width; ``(...)`` and ``"..."`` around Chinese
  text should be （…） and “…”;
* GB/T 15835 numbers: full-width digits (２０２４) should be half-width, and a
  year in Chinese numerals takes 〇, not the letter O or the digit 0 (二〇二四年).

No space is ever asked for between Chinese and digits: government style writes
"发布信息120条". (autocorrect-py was tried: it wants those spaces unless
reconfigured globally, leaves "对:是" alone and stops with "call limit reached"
on long pages, so these few rules are written here.)
"""

from __future__ import annotations

import re

from .brackets import bracket_matches, leftmost
from .hits import Hit

_HAN = "\u3400-\u4dbf\u4e00-\u9fff"
_FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})")  # at any indent: inside tabs and admonitions (=== "C++", ??? note) too
#: Masked on a line: code spans, tags, link destinations, URLs, reference definitions
#: (``[label]: url``, matched by :mod:`.brackets`: as a regex, ``\[[^\]\n]*\]:\s*\S+``
#: is quadratic in a run of ``[``), entities, admonition lines.
_MASK = re.compile(
    r"`[^`\n]*`|<[^<>\n]*>|\]\([^()\n]*\)|https?://[^\s)）\]]+|&#?\w+;"
    r"|:[a-z0-9_+-]{1,60}:"  # emoji shortcodes (:star:, :material-star:) are syntax
    r"|^[ \t]*(?:!!!|\?\?\?\+?)[^\n]*"  # admonition lines: `!!! note "标题"` is syntax
)
_REFERENCE_TAIL = re.compile(r":\s*\S+")
_COMMENT = re.compile(r"<!--[\s\S]*?(?:-->|$)")
_PUNCT = re.compile(rf"(?<=[{_HAN}])[,;:?!]|[,;:?!](?=[{_HAN}])|(?<=[{_HAN}])\.(?=\s|$|[{_HAN}])", re.M)
#: (...) and "..." around Chinese text: the Chinese character is found by a lookahead,
#: not by ``[^()]*[汉][^()]*`` (which tries every split of an unclosed run: quadratic).
_PARENS = re.compile(rf"\((?=[^()\n]*?[{_HAN}])([^()\n]*)\)")
_QUOTES = re.compile(rf"\"(?=[^\"\n]*?[{_HAN}])([^\"\n]*)\"")
_WIDE_DIGITS = re.compile("[０-９]+")
_CN_YEAR = re.compile("[〇零一二三四五六七八九0Oo○]{4}年")
_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", ".": "。"}


def find_typography(text: str) -> list[Hit]:
    """Typography warnings in a Markdown page; offsets are in ``text`` itself."""
    visible = _visible(text)
    hits: list[Hit] = []
    for m in _PUNCT.finditer(visible):
        hits.append(Hit("punctuation", m.start(), m.end(), {"old": m.group(), "new": _FULL[m.group()]}))
    for m in _PARENS.finditer(visible):
        hits.append(Hit("punctuation", m.start(), m.end(), {"old": "()", "new": "（）"}))
    for m in _QUOTES.finditer(visible):
        hits.append(Hit("punctuation", m.start(), m.end(), {"old": '"…"', "new": "“…”"}))
    for m in _WIDE_DIGITS.finditer(visible):
        half = "".join(chr(ord(c) - 0xFEE0) for c in m.group())
        hits.append(Hit("number-format", m.start(), m.end(), {"old": m.group(), "new": half}))
    for m in _CN_YEAR.finditer(visible):
        year = m.group()
        if any(c in "0Oo○" for c in year) and any(c in "零一二三四五六七八九〇" for c in year):
            hits.append(Hit("number-format", m.start(), m.end(), {"old": year, "new": re.sub("[0Oo○零]", "〇", year)}))
    return hits


def _visible(text: str) -> str:
    """``text`` with everything that is not prose blanked out, offsets kept."""
    text = _COMMENT.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), text)
    out: list[str] = []
    fence: str | None = None
    front = text.startswith("---")
    for number, line in enumerate(text.splitlines(keepends=True)):
        body = line.rstrip("\r\n")
        end = line[len(body) :]
        if front:
            if number > 0 and body.strip() in ("---", "..."):
                front = False
                out.append(" " * len(body) + end)
                continue
            key, sep, value = body.partition(":")
            # front matter: only a plain value is prose; YAML quotes, lists and mappings are syntax
            flow = value.strip().startswith(("[", "{"))
            shown = " " * (len(key) + len(sep)) + value.replace('"', " ").replace("'", " ") if sep and not flow else " " * len(body)
            out.append(shown + end)
            continue
        opener = _FENCE.match(body)
        if fence is not None:
            if opener and opener.group(1)[0] == fence[0] and len(opener.group(1)) >= len(fence):
                fence = None
            out.append(" " * len(body) + end)
            continue
        if opener:
            fence = opener.group(1)
            out.append(" " * len(body) + end)
            continue
        out.append(_masked(body) + end)
    return "".join(out)


def _masked(line: str) -> str:
    """``line`` with its syntax (see :data:`_MASK`) blanked out."""
    pieces: list[str] = []
    at = 0
    for start, end in leftmost(line, bracket_matches(line, "[", _REFERENCE_TAIL), _MASK):
        pieces += [line[at:start], " " * (end - start)]
        at = end
    pieces.append(line[at:])
    return "".join(pieces)
