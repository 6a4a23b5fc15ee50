"""What screening reads of a file on disk, and the character table it folds with (shell).

A page's whole source is one segment: front matter, headings, tables, link
titles, image alt text, raw HTML, HTML comments and code blocks alike, since all
of it is published in the page or its source. Attachments are read by
:mod:`govreview.attachments`; other text files under docs/ or among the build
inputs (HTML, CSS, JS, YAML) are screened as plain text; of an SVG image, the text a
reader sees (:mod:`govreview.svg`), never its path data.
"""

from __future__ import annotations

import functools
import hashlib
import os
from collections.abc import Mapping
from dataclasses import replace

import opencc

from .attachments import attachment_content
from .core.findings import DATA_SEPARATORS, Content, Fact, Finding, Segment, place
from .core.gate import Screener
from .core.policy import Policy, Screening
from .core.rendered import RenderedPage, only_rendered, rendered_content
from .core.screen import screen
from .core.textfold import Folder
from .findings_cache import FindingsCache, Screenable, content_id
from .frontmatter import MARKDOWN_SUFFIXES, FrontMatter, decode
from .site_config import yaml_values
from .svg import MAX_SVG_BYTES, svg_content
from .svg import too_large as svg_too_large

#: Code points converted from Traditional to Simplified one by one (CJK unified
#: ideographs, extension A, compatibility ideographs).
_HAN_RANGES = ((0x3400, 0x4DC0), (0x4E00, 0xA000), (0xF900, 0xFB00))
#: Look-alike characters used in place of a marking's own, one character for one (columns
#: stay right): 宻 for 密, the Japanese 絶 for 绝, 祕 and 袐 (衤 for 礻, one dot apart) for
#: 秘, 杋 (凡 for 几, one dot) and 杌 (兀 for 几, a flat top) for 机. Characters that only
#: sound alike or are everyday words of their own (宓, 蜜, 朷) are not folded.
_VARIANTS = {"宻": "密", "絶": "绝", "祕": "秘", "㊙": "秘", "袐": "秘", "杋": "机", "杌": "机"}
_CONFIGS = ("t2s", "tw2s", "hk2s")
_TEXT_SUFFIXES = frozenset([".html", ".htm", ".svg", ".xml", ".css", ".js", ".json", ".yml", ".yaml", ".txt", ".csv"])


@functools.cache
def folder() -> Folder:
    """The folding table: Traditional → Simplified characters (OpenCC ``t2s``).

    Characters are converted one by one, so a folded text keeps its length and
    every finding keeps its column; phrase-level conversions are not needed to
    recognise the words screening looks for.
    """
    chars = [chr(c) for start, stop in _HAN_RANGES for c in range(start, stop)]
    table: dict[int, str] = {}
    for config in _CONFIGS:  # the Taiwan and Hong Kong standards add a few forms
        converted = opencc.OpenCC(config).convert("\n".join(chars)).split("\n")
        if len(converted) != len(chars):  # never seen; skip rather than misplace findings
            continue
        for a, b in zip(chars, converted, strict=True):
            if a != b and len(b) == 1:
                table.setdefault(ord(a), b)
    table.update({ord(a): b for a, b in _VARIANTS.items()})
    return Folder(table)


def is_policy_file(repo_path: str, policies: str) -> bool:
    """A file the policy is read from (``policies/*.yml``): its word lists name the
    very words screening looks for, so it is not screened. Anything else in that
    folder (a theme or snippets someone put there) is."""
    folder, _, name = repo_path.rpartition("/")
    return folder == policies.strip("/") and name.endswith((".yml", ".yaml"))


def is_markdown(path: str) -> bool:
    return os.path.splitext(path)[1].lower() in MARKDOWN_SUFFIXES


def text_content(path: str, text: str, meta: Mapping[str, object] | None = None, lines: Mapping[str, int] | None = None) -> Content:
    """Content of a text file: Markdown pages also get the typography checks.

    ``meta`` is the page's front matter as parsed: a value that YAML escapes
    spelled differently in the source (``"\\U0000673a"``) is screened as shown,
    at its key's line.
    """
    segments = [Segment(text, markdown=is_markdown(path))]
    written = _Written(text)
    for key, value in (meta or {}).items():
        for shown in _strings(value):
            if shown and not written(shown):
                segments.append(
                    Segment(shown, line=(lines or {}).get(key, 1), where=place("place.front_matter", key=str(key)), reread=True)
                )
    return Content(tuple(segments), folder=folder())


class _Written:
    """Is a value written as it is in ``text``? Asked for every value of a front matter or
    a YAML file, in the order they are written: each is looked for from where the last
    one was found, so the search is linear, not a scan of the whole text per value (a
    list of 30,000 values in 300 KB took 5 s). What the search may cost is bounded (32
    times the text's length); past that a value counts as not written: it is
    screened once more, never skipped."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.cursor = 0
        self.budget = 32 * len(text) + 1_000_000  # characters: a few milliseconds
        self.known: dict[str, bool] = {}

    def __call__(self, value: str) -> bool:
        found = self.known.get(value)
        if found is None:
            found = self.budget > 0 and self._find(value)
            self.known[value] = found
        return found

    def _find(self, value: str) -> bool:
        at = self.text.find(value, self.cursor)
        if at != -1:
            self.budget -= at - self.cursor + len(value)
            self.cursor = at
            return True
        self.budget -= len(self.text)  # the rest of the text, then what comes before the cursor
        return self.cursor > 0 and self.text.find(value, 0, self.cursor + len(value) - 1) != -1


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list | tuple):
        return [s for v in value for s in _strings(v)]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    return []


def file_content(path: str, data: bytes, attachment: bool, published: bool = True) -> Content | None:
    """Content of a file's bytes.

    Attachments are read by format. Anything else that is UTF-8 text is screened
    as text, whatever its name (a snippet ``notice.inc``, a hook, ``page.xhtml``).
    A binary file in docs/ that no reader knows is left to a person; a binary
    build input outside docs/ (a theme's font or logo) has nothing to screen: None.
    """
    if attachment:
        return replace(attachment_content(path, data), folder=folder())
    suffix = os.path.splitext(path)[1].lower()
    try:
        text = decode(data)
        if "\x00" in text:
            raise UnicodeDecodeError("utf-8", data, 0, 1, "NUL")
    except UnicodeDecodeError:
        if is_markdown(path) or suffix in _TEXT_SUFFIXES:
            fact = Fact("attachment-unreadable", detail_code="detail.text_not_utf8")
            return Content(facts=(fact,), folder=folder())
        if not published:
            return None
        said = Fact("attachment-unscreened", detail_code="detail.unscreened_kind", params={"suffix": suffix})
        if not suffix:
            said = Fact("attachment-unscreened", detail_code="detail.unscreened_kind_no_suffix")
        return Content(facts=(said,), folder=folder())
    if suffix == ".svg":  # the text a reader sees, never path data or coordinates
        return replace(svg_content(text) if len(data) <= MAX_SVG_BYTES else svg_too_large(), folder=folder())
    content = text_content(path, text)
    if not is_markdown(path):  # a file, not a page: a decimal's digits are its fraction
        content = replace(content, segments=tuple(replace(s, fractions=True) for s in content.segments))
    if suffix in DATA_SEPARATORS:  # data, not prose: its values are read one by one
        content = replace(content, segments=tuple(replace(s, separators=DATA_SEPARATORS[suffix]) for s in content.segments))
    if suffix in (".yml", ".yaml"):  # values as YAML reads them: "\U000079D8" is 秘
        written = _Written(text)
        shown = [Segment(v, where=place("place.yaml_value"), reread=True) for v in _strings(yaml_values(text)) if v and not written(v)]
        content = replace(content, segments=content.segments + tuple(shown))
    return content


def page_screenable(path: str, blob: str, fm: FrontMatter, cache: FindingsCache | None) -> Screenable | None:
    """What screening reads of a page with git blob id ``blob`` (read only if its findings
    are not in ``cache``); None when the page could not be decoded (it is refused for that)."""
    text, meta, lines = fm.text, fm.meta, fm.lines
    if text is None:
        return None
    # without a blob id the content has no name: nothing is remembered
    return Screenable(content_id(blob, path, "page"), lambda: text_content(path, text, meta, lines), cache if blob else None)


def file_screenable(path: str, blob: str, data: bytes, attachment: bool, published: bool, cache: FindingsCache | None) -> Screenable:
    """What screening reads of any other file, as :func:`file_content` reads it (only if
    its findings are not in ``cache``). ``published``: under docs/, not a build input."""
    how = f"{'attachment' if attachment else 'text'} {'published' if published else 'input'}"
    return Screenable(content_id(blob, path, how), lambda: file_content(path, data, attachment, published), cache if blob else None)


def rendered_screenable(path: str, page: RenderedPage, cache: FindingsCache | None) -> Screenable:
    """What screening reads of a page as rendered, remembered by the rendered text itself
    (which depends on the page, what it includes and every render setting at once)."""
    digest = hashlib.sha256(page.key().encode("utf-8", "surrogatepass")).hexdigest()
    return Screenable(content_id(digest, path, "rendered"), lambda: rendered_content(page, folder()), cache)


def with_rendered(source: Screener | None, rendered: Screenable, source_text: str, page: RenderedPage) -> Screener:
    """A page's screener that adds what only its rendered text shows to its source's findings
    (:func:`govreview.core.rendered.only_rendered`), under the screening settings the gate
    judges the page by."""

    def run(screening: Screening, fields: Mapping[str, object]) -> tuple[Finding, ...]:
        own = source(screening, fields) if source is not None else ()
        return own + only_rendered(own, rendered.findings(screening, {}), source_text, page)

    return run


def screen_content(content: Content, policy: Policy | None, fields: dict[str, object] | None = None) -> tuple[Finding, ...]:
    """Findings under ``policy``'s screening settings (the built-in ones without a policy)."""
    return screen(content, policy.screening if policy else Screening(), fields)
