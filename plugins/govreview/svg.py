"""Reading an SVG image into :class:`Content`: the text a reader sees, never its geometry.

An SVG drawn by a tool is mostly numbers: path data (``d``), ``points``, ``transform``,
``viewBox`` and coordinates. Read as plain text, they assemble into resident ID numbers
and phone numbers by the thousand. What a reader sees, and what a person wrote, is:

* the character data of every element (``<text>``, ``<tspan>``, ``<textPath>``,
  ``<title>``, ``<desc>``, ``<metadata>``, the HTML of a ``<foreignObject>``, a
  ``<script>``, a ``<style>`` — CSS ``content:`` is shown text …);
* every attribute value except geometry and paint (:data:`GEOMETRY`: ``d``, ``points``,
  ``transform``, coordinates, sizes, colours, ids and classes): ``aria-label``, ``title``,
  an ``<input value>``, a ``data-*`` that CSS may show, an ``iframe srcdoc`` …; a ``data:``
  URL is read decoded (base64 text and SVG too), and one that cannot be read is said so;
* processing instructions (an ``xml-stylesheet`` may carry CSS in a ``data:`` URL);
* comments and the values of entities declared in the document type (both published
  with the file, whether or not anything shows them).

Each text run is a segment at its own line and column. The runs of one ``<text>``
element are also read together (``<tspan>秘密</tspan><tspan>★</tspan>`` shows as
秘密★); a separately positioned ``<tspan>`` (its own ``x`` or ``y``) starts a new
chunk, so tick labels side by side never join into one long number.

Fails closed: an SVG that does not parse is screened as plain text, as a whole, with a
warning that it could not be parsed; one that expands entities beyond a budget (an
"entity bomb") or is larger than :data:`MAX_SVG_BYTES` is refused (``attachment-unreadable``).
Parsed with the standard library's expat, which never loads external entities or
DTDs, and limits entity amplification itself (expat ≥ 2.4).
"""

from __future__ import annotations

import base64
import binascii
import bisect
import re
from dataclasses import dataclass, field
from xml.parsers import expat

from .core.findings import Content, Fact, Place, Segment, place

__all__ = ["MAX_SVG_BYTES", "READABLE", "svg_content"]

MAX_SVG_BYTES = 20 * 1024 * 1024  # larger SVG images are refused: a published drawing is far smaller
#: Attributes written for people to read (no namespace, or the XLink namespace).
READABLE = frozenset(
    {
        "aria-label",
        "aria-description",
        "aria-roledescription",
        "aria-valuetext",
        "title",
        "alt",
        "http://www.w3.org/1999/xlink title",
    }
)
#: Attributes that are geometry, paint, identity or tool bookkeeping, by local name: never text
#: a reader sees. Everything else is read (a browser may show it: CSS ``attr()``, ``value`` …).
GEOMETRY = frozenset(
    [
        "d",
        "points",
        "transform",
        "viewBox",
        "viewbox",
        "x",
        "y",
        "x1",
        "y1",
        "x2",
        "y2",
        "cx",
        "cy",
        "r",
        "rx",
        "ry",
        "fx",
        "fy",
        "width",
        "height",
        "dx",
        "dy",
        "rotate",
        "offset",
        "pathLength",
        "textLength",
        "lengthAdjust",
        "startOffset",
        "refX",
        "refY",
        "markerWidth",
        "markerHeight",
        "orient",
        "preserveAspectRatio",
        "gradientTransform",
        "gradientUnits",
        "patternTransform",
        "patternUnits",
        "patternContentUnits",
        "spreadMethod",
        "clipPathUnits",
        "maskUnits",
        "maskContentUnits",
        "filterUnits",
        "primitiveUnits",
        "stdDeviation",
        "fill",
        "stroke",
        "stroke-width",
        "stroke-dasharray",
        "stroke-dashoffset",
        "stroke-linecap",
        "stroke-linejoin",
        "stroke-miterlimit",
        "stroke-opacity",
        "fill-opacity",
        "fill-rule",
        "clip-rule",
        "opacity",
        "stop-color",
        "stop-opacity",
        "color",
        "font-size",
        "font-family",
        "font-weight",
        "font-style",
        "text-anchor",
        "dominant-baseline",
        "alignment-baseline",
        "baseline-shift",
        "letter-spacing",
        "word-spacing",
        "writing-mode",
        "visibility",
        "display",
        "overflow",
        "clip-path",
        "mask",
        "filter",
        "marker-start",
        "marker-mid",
        "marker-end",
        "id",
        "class",
        "version",
        "baseProfile",
        "zoom",
        "nodetypes",
        "window-width",
        "window-height",
        "window-x",
        "window-y",
        "window-maximized",
        "current-layer",
        "document-units",
        "transform-center-x",
        "transform-center-y",
        "connector-curvature",
        "pagecheckerboard",
        "pageopacity",
        "pageshadow",
        "showgrid",
        "docname",
        "export-xdpi",
        "export-ydpi",
        "export-filename",
        "collect",
        "rounded",
        "randomized",
        "original-d",
        "path-effect",
        "type",
        "in",
        "in2",
        "result",
        "operator",
        "k1",
        "k2",
        "k3",
        "k4",
        "values",
        "mode",
        "dur",
        "begin",
        "repeatCount",
        "keyTimes",
        "keySplines",
        "calcMode",
        "from",
        "to",
        "by",
        "attributeName",
        "xmlns",
        "space",
        "lang",
    ]
)
#: Elements whose character data is not text for a reader.
_NOT_TEXT: frozenset[str] = frozenset()
#: Text CSS can show: its quoted strings (``content: "…"``); numbers and names in CSS are not text.
_CSS_STRING = re.compile(r"\"[^\"\n]*\"|'[^'\n]*'")
_DATA_URL = re.compile(r"^\s*data:([^,;]*)((?:;[^,;]*)*?)(;base64)?,(.*)$", re.S | re.I)
_TEXT = "text"
#: What stands between two separately positioned chunks of one ``<text>``: no digit, no
#: space, so numbers never join across it.
_CHUNK = "\x1f"
_NS = re.compile(r"^[^ ]* ")  # "http://www.w3.org/2000/svg text" → "text"
#: The rest of a start tag, from its "<" to its ">" (quoted values may hold ">").
_TAG = re.compile(r"<(?:[^>\"']|\"[^\"]*\"|'[^']*')*>")

UNREADABLE = "attachment-unreadable"
UNSCREENED = "attachment-unscreened"


class _Bomb(Exception):
    """More text than the file could hold without entity expansion."""


@dataclass
class _Run:
    """Character data between two pieces of markup, from its first character."""

    line: int
    col: int
    parts: list[str] = field(default_factory=list)
    positioned: bool = False  # the first run of a separately positioned tspan

    @property
    def text(self) -> str:
        return "".join(self.parts)


@dataclass
class _Open:
    """An element being read: its local name and, for ``<text>``, its runs."""

    name: str
    runs: list[_Run] | None = None


class _Reader:
    def __init__(self, text: str) -> None:
        self.parser = expat.ParserCreate(namespace_separator=" ")
        self.parser.buffer_text = False  # each chunk's own position
        self.budget = 4 * len(text) + 1_000_000  # characters of text read: entities cannot multiply it
        self.segments: list[Segment] = []
        self.stack: list[_Open] = []
        self.run: _Run | None = None
        self.positioned = False
        p = self.parser
        p.StartElementHandler = self.start
        p.EndElementHandler = self.end
        p.CharacterDataHandler = self.data
        p.CommentHandler = self.comment
        p.EntityDeclHandler = self.entity
        p.ProcessingInstructionHandler = self.other
        self.text = text
        self.starts: list[int] | None = None  # offset of each line, when an attribute is looked for
        self.unscreened: list[str] = []  # encoded data (an embedded PNG …) that cannot be read as text

    def read(self) -> list[Segment]:
        self.parser.Parse(self.text, True)
        return self.segments

    def _at(self) -> tuple[int, int]:
        return self.parser.CurrentLineNumber, self.parser.CurrentColumnNumber + 1

    def _spend(self, n: int) -> None:
        self.budget -= n
        if self.budget < 0:
            raise _Bomb

    def _add(self, text: str, line: int, col: int, where: Place, reread: bool = False) -> None:
        if text.strip():
            self.segments.append(Segment(text, line=line, col=col, where=where, reread=reread))

    def _flush(self) -> None:
        """The run read so far ends here (markup follows)."""
        run, self.run = self.run, None
        if run is None:
            return
        name = self.stack[-1].name if self.stack else ""
        if name in _NOT_TEXT:
            return
        if name == "style":  # CSS: only what it can show, at the same lines and columns
            self._add(_css_strings(run.text), run.line, run.col, place("place.svg_element", element=name))
            return
        self._add(run.text, run.line, run.col, place("place.svg_element", element=name))
        runs = next((o.runs for o in reversed(self.stack) if o.runs is not None), None)  # of the <text> it is in
        if runs is not None and run.text.strip():
            runs.append(run)

    def start(self, name: str, attrs: dict[str, str]) -> None:
        self._flush()
        local = _NS.sub("", name)
        line, col = self._at()
        for key, value in attrs.items():
            name = key.rpartition(" ")[2]  # the local name of a namespaced attribute
            if name in GEOMETRY and key not in READABLE:
                continue
            self._spend(len(value))
            shown = "xlink:title" if key == "http://www.w3.org/1999/xlink title" else name
            at_line, at_col = self._attribute_at(line, col, shown)
            shown_text = _css_strings(value) if name == "style" else self._readable(value)
            self._add(shown_text, at_line, at_col, place("place.svg_attribute", element=local, name=shown))
        self.positioned = "x" in attrs or "y" in attrs
        self.stack.append(_Open(local, [] if local == _TEXT and not any(o.runs is not None for o in self.stack) else None))

    def _attribute_at(self, line: int, col: int, name: str) -> tuple[int, int]:
        """Where the value of attribute ``name`` of the start tag at ``line``:``col`` begins
        (the tag's own place if it is not written so: another prefix, an entity)."""
        if self.starts is None:
            self.starts = [0] + [m.end() for m in re.finditer("\n", self.text)]
        tag = self.starts[line - 1] + col - 1
        end = _TAG.match(self.text, tag)
        m = re.compile(rf"(?<![\w:.-]){re.escape(name)}\s*=\s*[\"']").search(self.text, tag, end.end() if end else tag)
        if m is None:
            return line, col
        i = bisect.bisect_right(self.starts, m.end()) - 1
        return i + 1, m.end() - self.starts[i] + 1

    def end(self, name: str) -> None:
        self._flush()
        opened = self.stack.pop()
        self.positioned = False
        if opened.runs and len(opened.runs) > 1:
            self._together(opened.runs)

    def _together(self, runs: list[_Run]) -> None:
        """A ``<text>`` element's runs as one text, each on its own line and column."""
        first = runs[0]
        pieces = [first.text]
        line = first.line + first.text.count("\n")  # the last line the text so far is on
        for run in runs[1:]:
            if run.line > line:  # on a line of its own: at its own column
                pieces.append("\n" * (run.line - line) + " " * (run.col - 1))
            elif run.positioned:
                pieces.append(_CHUNK)
            pieces.append(run.text)
            line = run.line + run.text.count("\n")
        self._add("".join(pieces), first.line, first.col, place("place.svg_element", element=_TEXT), reread=True)

    def data(self, chunk: str) -> None:
        self._spend(len(chunk))
        if self.run is None:
            line, col = self._at()
            self.run = _Run(line, col, positioned=self.positioned)
            self.positioned = False
        self.run.parts.append(chunk)

    def comment(self, text: str) -> None:
        self._flush()
        self._spend(len(text))
        line, col = self._at()
        self._add(text, line, col + 4, place("place.svg_comment"))  # after "<!--"

    def entity(self, name: str, is_parameter: bool, value: str | None, *_: object) -> None:
        if value:
            self._spend(len(value))
            line, col = self._at()
            self._add(value, line, col, place("place.svg_entity", name=name))

    def other(self, target: str = "", data: str = "", *_: object) -> None:
        self._flush()
        if isinstance(data, str) and data.strip():  # <?xml-stylesheet href="data:text/css,…"?>
            self._spend(len(data))
            line, col = self._at()
            self._add(self._readable(data), line, col, place("place.svg_element", element=str(target)))

    def _readable(self, value: str) -> str:
        """An attribute's text as a reader gets it: a base64 ``data:`` URL decoded when it holds
        text (SVG, HTML, CSS, plain text); other encoded data is said to be unscreened."""
        m = _DATA_URL.match(value)
        if not m or not m.group(3):
            return value  # plain text, or a data: URL in percent or entity form (folding decodes those)
        mime = m.group(1).lower()
        try:
            raw = base64.b64decode(m.group(4), validate=False)
        except (ValueError, binascii.Error):
            raw = b""
        if mime.startswith("text/") or mime.endswith(("+xml", "/xml", "/html", "/json")) or mime == "":
            decoded = raw.decode("utf-8", errors="replace")
            self._spend(len(decoded))
            return decoded
        self.unscreened.append(mime or "data")
        return ""


def _css_strings(css: str) -> str:
    """``css`` with everything but its quoted strings blanked (offsets and lines kept)."""
    out, at = [], 0
    for m in _CSS_STRING.finditer(css):
        out.append(re.sub(r"[^\n]", " ", css[at : m.start()]))
        out.append(m.group())
        at = m.end()
    out.append(re.sub(r"[^\n]", " ", css[at:]))
    return "".join(out)


def svg_content(text: str) -> Content:
    """What screening reads of an SVG image whose bytes decoded to ``text`` (UTF-8).

    Never raises. Size is the caller's to check against :data:`MAX_SVG_BYTES` (it has
    the bytes)."""
    try:
        reader = _Reader(text)
        segments = tuple(reader.read())
        facts = tuple(Fact(UNSCREENED, detail_code="detail.svg_embedded", params={"kind": kind}) for kind in sorted(set(reader.unscreened)))
        return Content(segments, facts)
    except _Bomb:
        return _refused()
    except expat.ExpatError as err:
        if "amplification" in str(err) or "recursive entity" in str(err):
            return _refused()
        return _as_plain_text(text, err.lineno)
    except (RecursionError, MemoryError, ValueError):
        return _as_plain_text(text, 1)


def too_large() -> Content:
    """An SVG image larger than :data:`MAX_SVG_BYTES`: refused, never published unscreened."""
    return Content(facts=(Fact(UNREADABLE, detail_code="detail.too_large", params={"mb": MAX_SVG_BYTES // (1024 * 1024)}),))


def _refused() -> Content:
    return Content(facts=(Fact(UNREADABLE, detail_code="detail.svg_entity_bomb"),))


def _as_plain_text(text: str, line: int) -> Content:
    """A malformed SVG: all of it screened as text (path data included), and said so."""
    fact = Fact(UNSCREENED, line=line, detail_code="detail.svg_unparsed", params={"line": line})
    return Content((Segment(text),), (fact,))
