"""What screening reads and what it finds (pure data).

The shell turns a file into :class:`Content`: text segments (a page's whole
source, or the paragraphs, cells and properties of an attachment) and
:class:`Fact` s about an attachment's structure (comments, tracked changes,
hidden sheets, GPS in a photo ...). :func:`govreview.core.screen.screen` turns
content into :class:`Finding` s.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from .textfold import Folder

BLOCK = "block"
WARN = "warn"
OFF = "off"


@dataclass(frozen=True)
class Segment:
    """Text to screen. ``line``/``col`` is where it starts in the file (1-based);
    ``where`` names the place inside an attachment (e.g. 「批注」, 「工作表 Sheet2 B3」)."""

    text: str
    line: int = 1
    col: int = 1
    where: str = ""
    markdown: bool = False  # a page's Markdown source: typography rules apply
    reread: bool = False  # the same text as decoded (a YAML value): adds only what the source did not show


@dataclass(frozen=True)
class Fact:
    """Something the shell found in an attachment's structure, by check code
    (e.g. ``doc-comments``), with a short detail shown to the editor."""

    code: str
    detail: str = ""
    line: int = 1
    where: str = ""
    detail_en: str = ""  # the detail in English, where it is a sentence rather than data


@dataclass(frozen=True)
class Content:
    """Everything screening sees of one file."""

    segments: tuple[Segment, ...] = ()
    facts: tuple[Fact, ...] = ()
    #: How the text is folded for matching (the shell supplies Traditional → Simplified).
    folder: Folder = field(default_factory=Folder, compare=False, repr=False)


@dataclass(frozen=True)
class Finding:
    """One screening finding: check code, severity, RULES.md id, place and facts."""

    code: str
    severity: str
    rule: str
    line: int
    col: int
    params: Mapping[str, object] = field(default_factory=dict)
    where: str = ""
