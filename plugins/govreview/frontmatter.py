"""Reading a page's front matter exactly as MkDocs 1.6 reads it, but strictly.

MkDocs decodes with utf-8-sig, translates newlines, and takes YAML between
``---`` lines with PyYAML's CSafeLoader (``mkdocs.utils.meta``). Where MkDocs is
lenient — a YAML error or a non-mapping silently becomes "no metadata", and
MultiMarkdown ``key: value`` lines without delimiters are accepted — we report a
problem and the page is blocked, never published under its column's defaults.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import Any

import yaml

from .core.verdict import Reason
from .yaml_limits import ALIASES, CYCLE, MAX_DEPTH, MAX_EXTRA_NODES, Limited, YamlLimitError

try:
    from yaml import CSafeLoader as _MkDocsLoader
except ImportError:  # pragma: no cover - PyYAML without libyaml
    from yaml import SafeLoader as _MkDocsLoader  # type: ignore[assignment]


def _may_expand(block: str) -> bool:
    """Whether a YAML text could hold an alias or nest past the depth budget: without a
    ``*`` there is no alias, and every level of nesting costs a line or a character
    among ``[{-?:``. Most front matter is a few plain lines and skips the node check."""
    if "*" in block:
        return True
    return block.count("\n") + sum(block.count(c) for c in "[{-?:") + 1 >= MAX_DEPTH


class _Loader(Limited, _MkDocsLoader):
    """MkDocs' loader, refusing alias bombs and deep nesting before any value is built."""


#: MkDocs 1.6's front matter block (``mkdocs.utils.meta.YAML_RE``) and Markdown suffixes
#: (``mkdocs.utils.markdown_extensions``), spelled here so that judging does not import
#: MkDocs; tests/test_frontmatter.py checks they are still MkDocs' own.
YAML_RE = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.UNICODE | re.DOTALL)
MARKDOWN_SUFFIXES = (".markdown", ".mdown", ".mkdn", ".mkd", ".md")

_KEY_RE = re.compile(r"^([^\s#:][^:]*?)\s*:(?:\s|$)")


def blob_id(data: bytes) -> str:
    """Git's blob id of ``data``: the id git gives the same bytes when committed."""
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


@dataclass(frozen=True)
class FrontMatter:
    text: str | None  # the decoded page as MkDocs would render it (None if undecodable)
    meta: dict[str, Any] | None
    lines: dict[str, int]
    problem: Reason | None
    body: str | None = None  # the text after the front matter, as MkDocs keeps it


def decode(data: bytes) -> str:
    """Bytes to text as MkDocs' ``open(..., encoding='utf-8-sig')`` gives them."""
    return data.decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")


def read_front_matter(data: bytes, known: tuple[dict[str, Any], dict[str, int]] | None = None) -> FrontMatter:
    """The page's front matter, strictly. ``known`` is (meta, lines) read from these very
    bytes before (the findings cache keeps them by blob id): the YAML is not parsed again."""
    if known is not None:
        doc = decode(data)
        m = YAML_RE.match(doc)
        if m:
            return FrontMatter(doc, dict(known[0]), dict(known[1]), None, doc[m.end() :].lstrip("\n"))
    try:
        doc = decode(data)
    except UnicodeDecodeError as err:
        line = bytes(err.object[: err.start]).count(b"\n") + 1
        return FrontMatter(None, None, {}, Reason("encoding", None, {}, line=line))
    m = YAML_RE.match(doc)
    if not m:
        from mkdocs.utils.meta import get_data  # MultiMarkdown metadata, as MkDocs reads it

        _, mmd = get_data(doc)
        if mmd:
            return FrontMatter(doc, None, {}, Reason("front_matter_mmd", None, {}, line=1))
        return FrontMatter(doc, None, {}, Reason("front_matter_missing", None, {}, line=1))
    block = m.group(1)
    try:
        meta = yaml.load(block, Loader=_Loader if _may_expand(block) else _MkDocsLoader)
    except YamlLimitError as err:
        line = err.line + 1 if err.line is not None else 1  # the block starts on line 2
        if err.kind in (ALIASES, CYCLE):
            return FrontMatter(doc, None, {}, Reason("front_matter_aliases", None, {"limit": MAX_EXTRA_NODES}, line=line))
        return FrontMatter(doc, None, {}, Reason("front_matter_depth", None, {"limit": MAX_DEPTH}, line=line))
    except Exception as err:
        what = str(getattr(err, "problem", "") or "")
        mark = getattr(err, "problem_mark", None)
        if "end of stream" in what and getattr(err, "context_mark", None) is not None:
            mark = getattr(err, "context_mark", None)  # an unclosed quote: point at where it opens
        line = mark.line + 2 if mark is not None else 1
        detail = str(getattr(err, "problem", None) or err).strip()
        return FrontMatter(doc, None, {}, Reason("front_matter_syntax", None, {"detail": detail}, line=line))
    if not isinstance(meta, dict):
        return FrontMatter(doc, None, {}, Reason("front_matter_not_mapping", None, {}, line=2))
    lines: dict[str, int] = {}
    for number, raw in enumerate(block.split("\n"), start=2):
        km = _KEY_RE.match(raw)
        if km:
            key = km.group(1).strip().strip("'\"")
            if key in lines:
                # YAML keeps the last value silently; a field written twice is ambiguous.
                duplicate = Reason("front_matter_duplicate", None, {"field": key, "first": lines[key]}, line=number)
                return FrontMatter(doc, None, {}, duplicate)
            lines[key] = number
    meta_str = {str(k): v for k, v in meta.items()}
    if len(meta_str) != len(meta):
        return FrontMatter(doc, None, {}, Reason("front_matter_not_mapping", None, {}, line=2))
    return FrontMatter(doc, meta_str, lines, None, doc[m.end() :].lstrip("\n"))
