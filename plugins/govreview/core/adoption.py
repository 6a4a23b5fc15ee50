"""Adopting an existing MkDocs site: what a page needs before the gate can read it, and
whether a page's text is what the public already sees. Pure: text in, text out.

- :func:`converted` gives a page the YAML front matter the gate reads (DESIGN.md: front
  matter is read as MkDocs reads it, or more strictly; MultiMarkdown meta lines are refused
  there), adding a ``title`` from the first heading. Existing lines are never rewritten:
  the page's text and its meta values stay as they were.
- :func:`public_text` and :func:`shown_in` compare a page's rendered text with the text of
  the page as deployed, so only what is public today becomes the baseline.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass

#: YAML front matter as MkDocs finds it (mkdocs.utils.meta).
_YAML = re.compile(r"\A-{3}[ \t]*\n(.*?\n)?(?:-{3}|\.{3})[ \t]*\n", re.DOTALL)
#: A MultiMarkdown meta line and its continuation (MkDocs' own patterns).
_MMD_KEY = re.compile(r"^[ ]{0,3}(?P<key>[A-Za-z0-9_-]+):\s*(?P<value>.*)$")
_MMD_MORE = re.compile(r"^[ ]{4,}(?P<value>.*)$")
_ATX = re.compile(r"^[ ]{0,3}#[ \t]+(?P<text>.+?)[ \t]*#*[ \t]*$")
_SETEXT = re.compile(r"^[ ]{0,3}(=+)[ \t]*$")
_ATTRS = re.compile(r"\s*\{[^{}]*\}\s*$")
_FENCE = re.compile(r"^[ ]{0,3}(`{3,}|~{3,})")
_INLINE = re.compile(r"[*_`]+|!?\[([^\]]*)\]\([^)]*\)")


@dataclass(frozen=True)
class Converted:
    text: str  # the page with YAML front matter
    changed: bool
    title: str | None  # the title added, if any
    from_mmd: tuple[str, ...] = ()  # MultiMarkdown keys turned into YAML


def first_heading(body: str) -> str | None:
    """The first level-1 heading (ATX ``# …`` or setext ``…\\n===``), outside code fences,
    as plain text (no attribute list, emphasis or link markup)."""
    fence: str | None = None
    lines = body.split("\n")
    for i, line in enumerate(lines):
        m = _FENCE.match(line)
        if m:
            mark = m.group(1)
            if fence is None:
                fence = mark[0] * 3
            elif mark.startswith(fence):
                fence = None
            continue
        if fence is not None:
            continue
        atx = _ATX.match(line)
        if atx:
            return _plain(atx.group("text"))
        if i + 1 < len(lines) and line.strip() and _SETEXT.match(lines[i + 1]):
            return _plain(line)
    return None


def _plain(text: str) -> str | None:
    text = _ATTRS.sub("", text)
    text = _INLINE.sub(lambda m: m.group(1) or "", text).strip()
    return text or None


def _mmd(text: str) -> tuple[list[tuple[str, str]], str] | None:
    """MultiMarkdown meta lines at the top (keys lowercased, as MkDocs does), and the rest."""
    lines = text.split("\n")
    meta: list[tuple[str, str]] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if not line.strip():
            break
        key = _MMD_KEY.match(line)
        more = _MMD_MORE.match(line)
        if key:
            meta.append((key.group("key").lower(), key.group("value").strip()))
        elif more and meta:
            k, v = meta[-1]
            meta[-1] = (k, f"{v} {more.group('value').strip()}".strip())
        else:
            return None  # not a meta block: ordinary text
        i += 1
    if not meta:
        return None
    return meta, "\n".join(lines[i + 1 :] if i < len(lines) else [])


def _scalar(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a YAML string


def converted(text: str, fallback_title: str) -> Converted:
    """``text`` (a page, newlines as ``\\n``) with YAML front matter holding a ``title``."""
    m = _YAML.match(text)
    if m:
        block = m.group(1) or ""
        if re.search(r"^title[ \t]*:", block, re.MULTILINE):
            return Converted(text, False, None)
        title = first_heading(text[m.end() :]) or fallback_title
        head = text[: text.index("\n") + 1]
        return Converted(head + f"title: {_scalar(title)}\n" + text[len(head) :], True, title)
    mmd = _mmd(text)
    if mmd is not None:
        meta, body = mmd
        keys = tuple(k for k, _ in meta)
        title = dict(meta).get("title") or first_heading(body) or fallback_title
        lines = [f"{k}: {_scalar(v)}" for k, v in meta]
        if "title" not in keys:
            lines.insert(0, f"title: {_scalar(title)}")
        return Converted("---\n" + "\n".join(lines) + "\n---\n\n" + body, True, None if "title" in keys else title, keys)
    title = first_heading(text) or fallback_title
    return Converted(f"---\ntitle: {_scalar(title)}\n---\n\n" + text, True, title)


def public_text(text: str) -> str:
    """Text compared across renderings: NFKC, no whitespace, no heading anchors (¶)."""
    text = unicodedata.normalize("NFKC", text).replace("¶", "")
    return "".join(text.split())


def shown_in(page_text: str, deployed_text: str) -> bool:
    """Whether the page's rendered text is, as a whole, in the deployed page's text (which
    also holds the theme's navigation, header and footer)."""
    mine = public_text(page_text)
    return bool(mine) and mine in public_text(deployed_text)
