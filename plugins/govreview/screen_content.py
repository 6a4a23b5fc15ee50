"""What screening reads of a file on disk, and the character table it folds with (shell).

A page's whole source is one segment: front matter, headings, tables, link
titles, image alt text, raw HTML, HTML comments and code blocks alike, since all
of it is published in the page or its source. Attachments are read by
:mod:`govreview.attachments`; other text files under docs/ or among the build
inputs (HTML, SVG, CSS, JS, YAML) are screened as plain text.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Mapping
from dataclasses import replace

import opencc
from mkdocs.utils import markdown_extensions

from .attachments import attachment_content
from .core.findings import Content, Fact, Finding, Segment
from .core.policy import Policy, Screening
from .core.screen import screen
from .core.textfold import Folder

#: Code points converted from Traditional to Simplified one by one (CJK unified
#: ideographs, extension A, compatibility ideographs).
_HAN_RANGES = ((0x3400, 0x4DC0), (0x4E00, 0xA000), (0xF900, 0xFB00))
#: Look-alike characters used in place of a marking's own (宻 for 密, the Japanese 絶 for 绝).
_VARIANTS = {"宻": "密", "絶": "绝", "祕": "秘", "㊙": "秘"}
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


def is_markdown(path: str) -> bool:
    return os.path.splitext(path)[1].lower() in markdown_extensions


def text_content(path: str, text: str, meta: Mapping[str, object] | None = None, lines: Mapping[str, int] | None = None) -> Content:
    """Content of a text file: Markdown pages also get the typography checks.

    ``meta`` is the page's front matter as parsed: a value that YAML escapes
    spelled differently in the source (``"\\U0000673a"``) is screened as shown,
    at its key's line.
    """
    segments = [Segment(text, markdown=is_markdown(path))]
    for key, value in (meta or {}).items():
        for shown in _strings(value):
            if shown and shown not in text:
                segments.append(Segment(shown, line=(lines or {}).get(key, 1), where=f"页首信息 {key}"))
    return Content(tuple(segments), folder=folder())


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list | tuple):
        return [s for v in value for s in _strings(v)]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    return []


def file_content(path: str, data: bytes, attachment: bool) -> Content | None:
    """Content of a file's bytes; None for a binary build input (fonts, images of the theme)."""
    if attachment:
        return replace(attachment_content(path, data), folder=folder())
    suffix = os.path.splitext(path)[1].lower()
    if not is_markdown(path) and suffix not in _TEXT_SUFFIXES:
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return Content(facts=(Fact("attachment-unreadable", "不是 UTF-8 编码的文本"),), folder=folder())
    return text_content(path, text.replace("\r\n", "\n").replace("\r", "\n"))


def screen_content(content: Content, policy: Policy | None, fields: dict[str, object] | None = None) -> tuple[Finding, ...]:
    """Findings under ``policy``'s screening settings (the built-in ones without a policy)."""
    return screen(content, policy.screening if policy else Screening(), fields)
