"""简繁: one built HTML page rewritten as its Traditional Chinese counterpart (pure; no I/O).

The Traditional mirror of a site lives under a prefix (``zh-hant/``) with the same relative
paths. Only human-readable text is converted: text nodes and the attributes a person reads
(:data:`TEXT_ATTRIBUTES`, and ``content`` of ``<meta name="description">``). Everything else is
copied byte for byte: markup, URLs, scripts, styles, code (``<pre>``, ``<code>``) and any
element marked ``translate="no"`` (the HTML attribute for "keep as written": the disclosure
block marks 索引号 and 文号 so, identifiers stay as issued).

The theme's configuration script keeps its text; only its ``base`` (the site's root) and
``search`` (the search worker) are re-pointed to the shared files, so the theme's scripts
find what they load.

Links: a relative link to a page that is mirrored stays as written (same depth below the
prefix, so it reaches the Traditional page); any other relative link (assets, the search
page, feeds) gets one ``../`` per prefix level, so it reaches the shared file. The top bar's
switch (``data-govreview-lang``) is turned round to link back to the Simplified page.

The converter is passed in (OpenCC in the shell), which keeps this module free of the library
and its dictionaries. Converting a raw slice of text is safe because OpenCC leaves ASCII
alone, so character references (``&amp;``) pass through unchanged.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser

#: Where the mirror lives, site-relative.
PREFIX = "zh-hant"
#: The conversions a site may choose (OpenCC configurations): plain Traditional, Taiwan
#: standard, Taiwan standard with Taiwan phrases, Hong Kong standard.
CONVERSIONS = ("s2t", "s2tw", "s2twp", "s2hk")
DEFAULT_CONVERSION = "s2t"
#: Attributes whose values a person reads.
TEXT_ATTRIBUTES = frozenset({"title", "alt", "aria-label", "placeholder"})
#: Attributes whose values are URLs (relative ones are re-pointed, none converted).
URL_ATTRIBUTES = frozenset({"href", "src", "action", "poster", "data-index", "data-root"})
#: Elements whose content is never converted.
KEEP_ELEMENTS = frozenset({"script", "style", "pre", "code", "textarea", "template"})
#: The top bar's 繁體/简体 switch.
SWITCH = "data-govreview-lang"
SWITCH_TO_SIMPLIFIED = "简体"
LANG = "zh-Hant"
_SCHEMES = ("http:", "https:", "mailto:", "tel:", "data:", "javascript:", "ftp:", "file:")


def conversion_of(value: object) -> str | None:
    """The conversion a setting names: ``true`` → :data:`DEFAULT_CONVERSION`; a name from
    :data:`CONVERSIONS`; absent, ``false`` or empty → ``None`` (no mirror). Anything else
    raises ``ValueError`` (the shell turns it into a message)."""
    if value is None or value is False or value == "":
        return None
    if value is True:
        return DEFAULT_CONVERSION
    if isinstance(value, str) and value.strip().lower() in CONVERSIONS:
        return value.strip().lower()
    raise ValueError(str(value))


def mirror_path(page: str, prefix: str = PREFIX) -> str:
    """Where a site-relative HTML file's counterpart is written."""
    return f"{prefix}/{page}"


def page_address(page: str) -> str:
    """The site-relative URL of a built HTML file (``a/b/index.html`` → ``a/b/``)."""
    if page == "index.html":
        return ""
    if page.endswith("/index.html"):
        return page[: -len("index.html")]
    return page


def _split(url: str) -> tuple[str, str]:
    """``url`` as (path, the query and fragment that follow it)."""
    cut = min((i for i in (url.find("?"), url.find("#")) if i >= 0), default=len(url))
    return url[:cut], url[cut:]


def _resolved(page: str, url: str) -> str | None:
    """The site-relative address a relative ``url`` on ``page`` leads to, a folder ending in
    ``/`` (the site's root is ``""``); ``None`` for absolute URLs, fragments, queries alone and
    addresses outside the site."""
    path, _ = _split(url)
    if not path or path.startswith(("/", "\\")) or url.lower().startswith(_SCHEMES) or ":" in path.split("/", 1)[0]:
        return None
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(page), path))
    if joined == ".." or joined.startswith("../"):
        return None
    address = "" if joined == "." else joined
    if address and (path.endswith("/") or path in (".", "..") or path.endswith(("/.", "/.."))):
        address += "/"
    return address


def target_of(page: str, url: str) -> str | None:
    """The site-relative file a relative ``url`` on ``page`` leads to (``…/`` → ``…/index.html``)."""
    address = _resolved(page, url)
    if address is None:
        return None
    return address + "index.html" if address == "" or address.endswith("/") else address


def repoint(page: str, url: str, mirrored: Callable[[str], bool], prefix: str = PREFIX) -> str:
    """A relative URL as the mirror of ``page`` writes it: unchanged when it leads to a
    mirrored page (same relative path inside the mirror), else the shared file's address
    relative to the mirrored page."""
    address = _resolved(page, url)
    target = target_of(page, url)
    if address is None or target is None or mirrored(target):
        return url
    return "../" * mirror_path(page, prefix).count("/") + address + _split(url)[1]


def back_link(page: str, prefix: str = PREFIX) -> str:
    """From the mirror of ``page`` to ``page`` itself (relative)."""
    depth = mirror_path(page, prefix).count("/")
    return "../" * depth + page_address(page)


@dataclass(frozen=True)
class _Token:
    start: int
    end: int
    replacement: str


class _Rewriter(HTMLParser):
    def __init__(self, text: str, page: str, convert: Callable[[str], str], mirrored: Callable[[str], bool], prefix: str) -> None:
        super().__init__(convert_charrefs=False)
        self._lines = [0]
        for i, ch in enumerate(text):
            if ch == "\n":
                self._lines.append(i + 1)
        self._page = page
        self._convert = convert
        self._mirrored = mirrored
        self._prefix = prefix
        self._keep: list[tuple[str, int]] = []  # (tag, depth of that tag) of the element kept as written
        self._switch = 0  # >0 while inside the switch (its text is replaced)
        self._config = False  # inside the theme's configuration script
        self.edits: list[_Token] = []

    def _offset(self) -> int:
        line, column = self.getpos()
        return self._lines[line - 1] + column

    def _enter(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._keep:
            name, depth = self._keep[-1]
            if tag == name:
                self._keep[-1] = (name, depth + 1)
            return
        if tag in KEEP_ELEMENTS or any(k == "translate" and (v or "").strip().lower() == "no" for k, v in attrs):
            self._keep.append((tag, 0))

    def _config_url(self, m: re.Match[str]) -> str:
        if m.group(2) == "base":
            return m.group(1) + self._root() + '"'
        return m.group(1) + repoint(self._page, m.group(3), self._mirrored, self._prefix) + '"'

    def _root(self) -> str:
        """The site's root, relative to the mirrored page (a folder, no trailing slash)."""
        return "/".join([".."] * mirror_path(self._page, self._prefix).count("/"))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._config = tag == "script" and ("id", "__config") in attrs
        if self._switch:  # inside the switch: its content is replaced
            self._switch += 1 if tag == "a" else 0
            return
        self._tag(tag, attrs, closed=False)
        if tag not in _VOID and not self._switch:
            self._enter(tag, attrs)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._tag(tag, attrs, closed=True)

    def handle_endtag(self, tag: str) -> None:
        self._config = False
        if self._switch and tag == "a":
            self._switch -= 1
            if self._switch == 0:
                return
        if self._keep:
            name, depth = self._keep[-1]
            if tag == name:
                if depth == 0:
                    self._keep.pop()
                else:
                    self._keep[-1] = (name, depth - 1)

    def handle_data(self, data: str) -> None:
        start = self._offset()
        if self._config:
            self._config = False
            base = _CONFIG_URLS.sub(self._config_url, data)
            if base != data:
                self.edits.append(_Token(start, start + len(data), base))
            return
        if self._switch:
            self.edits.append(_Token(start, start + len(data), ""))
            return
        if self._keep or not data.strip():
            return
        converted = self._convert(data)
        if converted != data:
            self.edits.append(_Token(start, start + len(data), converted))

    def _tag(self, tag: str, attrs: list[tuple[str, str | None]], closed: bool) -> None:
        raw = self.get_starttag_text() or ""
        start = self._offset()
        if self._switch:
            return
        names = {k for k, _ in attrs}
        keep = bool(self._keep) or any(k == "translate" and (v or "").strip().lower() == "no" for k, v in attrs)
        description = tag == "meta" and any(k == "name" and (v or "").strip().lower() == "description" for k, v in attrs)
        new: list[tuple[str, str | None]] = []
        for name, value in attrs:
            if value is None:
                new.append((name, value))
            elif name in URL_ATTRIBUTES:
                new.append((name, repoint(self._page, value, self._mirrored, self._prefix)))
            elif tag == "html" and name == "lang":
                new.append((name, LANG))
            elif not keep and (name in TEXT_ATTRIBUTES or (description and name == "content")):
                new.append((name, self._convert(value)))
            else:
                new.append((name, value))
        replacement = None
        if SWITCH in names and tag == "a":
            new = [(k, v) for k, v in new if k not in ("href", "lang", "hreflang")]
            new += [("href", back_link(self._page, self._prefix)), ("hreflang", "zh-Hans"), ("lang", "zh-Hans")]
            replacement = _render(tag, new, closed) + html.escape(SWITCH_TO_SIMPLIFIED)
            self._switch = 1
        elif tag == "html" and "lang" not in names:
            new.append(("lang", LANG))
        if replacement is None and new != attrs:
            replacement = _render(tag, new, closed)
        if replacement is not None:
            self.edits.append(_Token(start, start + len(raw), replacement))


#: The theme's configuration (``<script id="__config">``, mkdocs-material and Zensical) names the
#: site's root as ``"base"`` and the search worker as ``"search"``; its scripts load shared files
#: from there (Zensical: ``search.json``).
_CONFIG_URLS = re.compile(r'("(base|search)"\s*:\s*")([^"\\]*)"')
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})


def _render(tag: str, attrs: list[tuple[str, str | None]], closed: bool) -> str:
    parts = [tag] + [k if v is None else f'{k}="{html.escape(v, quote=True)}"' for k, v in attrs]
    return "<" + " ".join(parts) + (" />" if closed else ">")


class _SwitchOnly(_Rewriter):
    """The Simplified page itself: only its switch is pointed at the page's counterpart."""

    def handle_data(self, data: str) -> None:
        pass

    def _tag(self, tag: str, attrs: list[tuple[str, str | None]], closed: bool) -> None:
        if tag != "a" or SWITCH not in {k for k, _ in attrs}:
            return
        href = "../" * self._page.count("/") + mirror_path(page_address(self._page), self._prefix)
        new = [(k, href if k == "href" else v) for k, v in attrs]
        start = self._offset()
        self.edits.append(_Token(start, start + len(self.get_starttag_text() or ""), _render(tag, new, closed)))


def _apply(text: str, parser: _Rewriter) -> str:
    parser.feed(text)
    parser.close()
    out: list[str] = []
    at = 0
    for edit in sorted(parser.edits, key=lambda e: e.start):
        if edit.start < at:  # never seen: overlapping edits; keep the text as written
            continue
        out.append(text[at : edit.start])
        out.append(edit.replacement)
        at = edit.end
    out.append(text[at:])
    return "".join(out)


def point_switch(text: str, page: str, prefix: str = PREFIX) -> str:
    """The Simplified page ``page`` with its 「繁體」 switch leading to its own counterpart (the
    template, which may not know the page's address, links the mirror's home page)."""
    return _apply(text, _SwitchOnly(text, page, lambda s: s, lambda p: True, prefix))


def to_traditional(
    text: str,
    page: str,
    convert: Callable[[str], str],
    mirrored: Callable[[str], bool],
    prefix: str = PREFIX,
) -> str:
    """The Traditional counterpart of the built page ``page`` (site-relative, e.g.
    ``news/a/index.html``) whose HTML is ``text``; ``mirrored(path)`` says whether a
    site-relative HTML file has a counterpart in the mirror."""
    return _apply(text, _Rewriter(text, page, convert, mirrored, prefix))
