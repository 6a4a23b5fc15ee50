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

#: One step of a place inside a file: a catalogue code (:mod:`govreview.messages.screening`,
#: ``place.*`` and ``label.*``) and its parameters, e.g. ``("place.paragraph", {"n": 3})``.
Step = tuple[str, Mapping[str, object]]
#: A place inside a file, from the outside in (``内嵌图片 image1.png`` then ``EXIF``);
#: ``()`` is the file as a whole. Rendered per language by :func:`govreview.messages.place_text`.
Place = tuple[Step, ...]
#: A labelled value of a detail: (``label.*`` code, value), e.g. ``("label.author", "张三")``;
#: an empty value shows the label alone.
Labelled = tuple[str, str]
#: A fact's detail shown as data: text from the file (a count, a sheet's name, hidden text)
#: or labelled values (the people a document's properties name).
Detail = str | tuple[Labelled, ...]

BLOCK = "block"
WARN = "warn"
OFF = "off"


#: Files that are data, not prose, by suffix: the characters that always end a number in
#: them (:attr:`Segment.separators`). Test data of programs (``.in`` input, ``.out`` /
#: ``.ans`` answers, ``.dat``) separates its values by blanks and line breaks alike. (A text
#: or CSV attachment is read as prose: a number broken over two lines there is still found.)
DATA_SEPARATORS: Mapping[str, str] = dict.fromkeys((".in", ".out", ".ans", ".dat"), " \t\n")


@dataclass(frozen=True)
class Segment:
    """Text to screen. ``line``/``col`` is where it starts in the file (1-based);
    ``where`` names the place inside an attachment (e.g. 批注, 工作表 Sheet2 B3) as a :data:`Place`."""

    text: str
    line: int = 1
    col: int = 1
    where: Place = ()
    markdown: bool = False  # a page's Markdown source: typography rules apply
    reread: bool = False  # the same text as decoded (a YAML value): adds only what the source did not show
    #: Characters that always end a number in this text, because it is data, not prose: blanks
    #: and line breaks separate the values of test data (``.in``, ``.ans``; :data:`DATA_SEPARATORS`).
    #: Empty for prose: a number may be written in groups, or run on over a line break.
    separators: str = ""
    #: Digits right after a decimal point are a fraction, never a number a person is known by:
    #: set for files that are data (JSON drawings, test data …), never for a page or what a
    #: visitor reads of it, where ``0.11010519491231002X`` still shows an ID number.
    fractions: bool = False


@dataclass(frozen=True)
class Fact:
    """Something the shell found in an attachment's structure, by check code
    (e.g. ``doc-comments``), with a short detail shown to the editor: data (``detail``),
    or a sentence, by its catalogue code (``detail_code``, ``detail.*`` in
    :mod:`govreview.messages.screening`) and that sentence's ``params``."""

    code: str
    detail: Detail = ""
    line: int = 1
    where: Place = ()
    detail_code: str = ""
    params: Mapping[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class Content:
    """Everything screening sees of one file."""

    segments: tuple[Segment, ...] = ()
    facts: tuple[Fact, ...] = ()
    #: How the text is folded for matching (the shell supplies Traditional → Simplified).
    folder: Folder = field(default_factory=Folder, compare=False, repr=False)


@dataclass(frozen=True)
class Finding:
    """One screening finding: check code, severity, RULES.md id, place and facts.

    ``params`` are data: a match's ``excerpt`` and the check's facts; a finding from a
    :class:`Fact` holds its ``detail`` and, for a sentence, ``detail_code`` with that
    sentence's parameters. Words come from :mod:`govreview.messages`."""

    code: str
    severity: str
    rule: str
    line: int
    col: int
    params: Mapping[str, object] = field(default_factory=dict)
    where: Place = ()


def place(code: str, **params: object) -> Place:
    """A place of one step: ``place("place.paragraph", n=3)``."""
    return ((code, params),)


def place_key(where: Place) -> tuple[tuple[str, tuple[tuple[str, object], ...]], ...]:
    """``where`` as a hashable value (its steps' parameters are mappings)."""
    return tuple((code, tuple(sorted(params.items()))) for code, params in where)
