"""Reading an attachment (DOCX, XLSX, PPTX, PDF, images, plain text) into :class:`Content`.

Screening (``govreview.core``) never touches files; this shell module turns an
attachment's bytes into text :class:`Segment` s (paragraphs, cells, slide text,
comments, deleted revisions, metadata text) and :class:`Fact` s about its
structure that a reviewer must see before publishing (R-03 secrecy, R-21
personal information, R-23 automated checks):

====================== ==========================================================
``doc-author``         author / last editor / company in document properties
``doc-comments``       comments (DOCX, PPTX; markup annotations in a PDF)
``doc-revisions``      tracked changes (inserted / deleted / moved text)
``doc-hidden-text``    hidden text (DOCX) or hidden slides (PPTX)
``sheet-hidden``       a hidden or very hidden worksheet
``sheet-comments``     cell comments in a workbook
``pdf-metadata``       a PDF's /Author
``pdf-no-text``        a PDF without a text layer (scanned: needs a human or OCR)
``image-gps``          GPS coordinates in a photo's EXIF
``image-exif``         names, camera, description ... in a photo's EXIF
``attachment-unreadable`` corrupt, encrypted, too large, or not UTF-8
``attachment-unscreened`` a format (or embedded object) nothing here can read
====================== ==========================================================

Everything fails closed: a file this module cannot read completely never comes
back as clean; any exception becomes ``attachment-unreadable``. Data is read from
memory only, and size limits guard against decompression bombs. Texts are passed
unchanged (no normalisation: screening does that).
"""

from __future__ import annotations

import html
import io
import re
import warnings
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Any

from .core.findings import Content, Detail, Fact, Place, Segment, place

if TYPE_CHECKING:
    from lxml.etree import _Element

__all__ = ["attachment_content"]

MAX_FILE_BYTES = 50 * 1024 * 1024  # larger attachments are refused
MAX_UNZIPPED_BYTES = 200 * 1024 * 1024  # total declared uncompressed size of an OOXML package
MAX_ZIP_MEMBERS = 10_000
MAX_SHEET_XML_BYTES = 30 * 1024 * 1024  # about a million cells: beyond, openpyxl needs minutes and gigabytes
MAX_IMAGE_PIXELS = 89_478_485  # Pillow's own default threshold, enforced here regardless of global settings
EXCERPT = 30  # characters of hidden text shown in a fact

UNREADABLE = "attachment-unreadable"
UNSCREENED = "attachment-unscreened"

_COMMENTS = place("place.comments")
_PROPERTIES = place("place.properties")
_EXIF = place("place.exif")
_DELETED = place("place.deleted_text")

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
P_NS = "http://schemas.openxmlformats.org/presentationml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CORE_NS = {
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    "dc": "http://purl.org/dc/elements/1.1/",
}
APP_NS = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"

IMAGE_SUFFIXES = frozenset({".jpg", ".jpeg", ".png", ".tif", ".tiff", ".webp", ".gif", ".bmp"})
_PIL_FORMATS = ("JPEG", "PNG", "TIFF", "WEBP", "GIF", "BMP")
_LEGACY_HINTS = {
    ".doc": "DOCX",
    ".wps": "DOCX",
    ".xls": "XLSX",
    ".et": "XLSX",
    ".ppt": "PPTX",
    ".dps": "PPTX",
    ".ofd": "PDF",
    ".odt": "DOCX",
    ".ods": "XLSX",
    ".odp": "PPTX",
}


class _Unreadable(Exception):
    """A file that cannot be screened; ``code`` (``detail.*``) with ``params`` says why."""

    def __init__(self, code: str, line: int = 1, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = params
        self.line = line

    def fact(self, where: Place = ()) -> Fact:
        return Fact(UNREADABLE, line=self.line, where=where, detail_code=self.code, params=self.params)


@dataclass
class _Out:
    """Segments and facts collected while reading one file."""

    segments: list[Segment] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)

    def text(self, text: str | None, line: int = 1, col: int = 1, where: Place = ()) -> None:
        """Add a segment unless it has no visible characters."""
        if text and text.strip():
            self.segments.append(Segment(text, line=line, col=col, where=where))

    def fact(
        self, code: str, detail: Detail = "", line: int = 1, where: Place = (), said: tuple[str, dict[str, object]] | None = None
    ) -> None:
        """Add a fact whose detail is data (``detail``) or a sentence (``said``: code and parameters)."""
        code_, params = said or ("", {})
        self.facts.append(Fact(code, detail, line=line, where=where, detail_code=code_, params=params))

    def merge(self, other: Content, where: Place) -> None:
        """Take another file's content as part of this one, its places prefixed with ``where``."""
        for s in other.segments:
            self.segments.append(Segment(s.text, line=s.line, col=s.col, where=where + s.where))
        for f in other.facts:
            self.facts.append(Fact(f.code, f.detail, line=f.line, where=where + f.where, detail_code=f.detail_code, params=f.params))

    def content(self) -> Content:
        return Content(tuple(self.segments), tuple(self.facts))


def attachment_content(name: str, data: bytes) -> Content:
    """Everything screening needs to see of the attachment ``name`` with bytes ``data``.

    The format is chosen by the lower-cased suffix of ``name``. Never raises: a
    file that cannot be read yields a single ``attachment-unreadable`` fact, and
    a format nothing here understands an ``attachment-unscreened`` one.
    """
    suffix = PurePosixPath(name.replace("\\", "/")).suffix.lower()
    kind = suffix.lstrip(".").upper()
    reader = _READERS.get(suffix)
    if reader is None:
        return Content(facts=(Fact(UNSCREENED, detail_code=_unscreened_detail(suffix, kind), params=_unscreened_params(suffix, kind)),))
    if len(data) > MAX_FILE_BYTES:
        return Content(facts=(_Unreadable("detail.too_large", mb=MAX_FILE_BYTES // (1024 * 1024)).fact(),))
    try:
        return reader(data)
    except _Unreadable as err:
        return Content(facts=(err.fact(),))
    except ImportError as err:
        return Content(facts=(_Unreadable("detail.component_missing", kind=kind, component=str(err.name or err)).fact(),))
    except Exception:  # any library failure: fail closed
        return Content(facts=(_corrupt(kind).fact(),))


def _unscreened_detail(suffix: str, kind: str) -> str:
    if not kind:
        return "detail.unscreened_no_suffix"
    return "detail.unscreened_format_convert" if suffix in _LEGACY_HINTS else "detail.unscreened_format"


def _unscreened_params(suffix: str, kind: str) -> dict[str, object]:
    hint = _LEGACY_HINTS.get(suffix)
    return {"kind": kind, "hint": hint} if hint else {"kind": kind} if kind else {}


def _corrupt(kind: str) -> _Unreadable:
    return _Unreadable("detail.corrupt", kind=kind)


# ---------------------------------------------------------------- plain text


def _text_content(data: bytes) -> Content:
    """The whole of a UTF-8 text (or CSV) file as one segment."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise _Unreadable("detail.not_utf8_gb" if _is_gb18030(data) else "detail.not_utf8", line) from None
    out = _Out()
    # one segment, so a number or a marking broken over two lines is still seen; findings keep their lines
    out.text(re.sub(r"\r\n|\r", "\n", text))
    return out.content()


def _is_gb18030(data: bytes) -> bool:
    try:
        data.decode("gb18030")
    except UnicodeDecodeError:
        return False
    return True


# ---------------------------------------------------------------- OOXML packages (shared)


def _xml(data: bytes) -> _Element:
    """Parse untrusted XML: no DTD, no entities, no network, default size limits."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_comments=True)
    return etree.fromstring(data, parser)


def _open_zip(data: bytes, kind: str) -> zipfile.ZipFile:
    """The package as a zip, refused when it would unpack to more than :data:`MAX_UNZIPPED_BYTES`.

    ``zipfile`` never inflates a member beyond its declared size, so checking
    the declared sizes bounds what the parsers can be made to read.
    """
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError):
        raise _corrupt(kind) from None
    members = zf.infolist()
    total = sum(info.file_size for info in members)
    if total > MAX_UNZIPPED_BYTES or len(members) > MAX_ZIP_MEMBERS:
        raise _Unreadable("detail.zip_bomb", mb=MAX_UNZIPPED_BYTES // (1024 * 1024))
    return zf


def _zip_xml(zf: zipfile.ZipFile, member: str) -> _Element | None:
    try:
        return _xml(zf.read(member))
    except KeyError:
        return None


def _app_people(zf: zipfile.ZipFile) -> list[tuple[str, str]]:
    """Company (单位) and manager (主管) from docProps/app.xml, when filled in."""
    root = _zip_xml(zf, "docProps/app.xml")
    if root is None:
        return []
    found = []
    for tag, label in (("Company", "label.company"), ("Manager", "label.manager")):
        value = root.findtext(f"{{{APP_NS}}}{tag}")
        if value and value.strip():
            found.append((label, value.strip()))
    return found


#: What libraries write as the author when nobody set one: no person's name.
_TOOL_DEFAULTS = frozenset({"openpyxl", "python-docx", "python-pptx"})
#: Word watermarks and WordArt keep their text in VML shapes: <v:textpath string="机密★">.
_TEXTPATH = re.compile(rb"<v:textpath\b[^>]*?\sstring=\"([^\"]*)\"")
_FORMULA = re.compile(rb"<(?:\w+:)?f\b[^>]*>([^<]*)</(?:\w+:)?f>")
_NUMBER_FORMAT = re.compile(rb"<(?:\w+:)?numFmt\b[^>]*?\sformatCode=\"([^\"]*)\"")


def _xml_texts(out: _Out, zf: zipfile.ZipFile) -> None:
    """Text that shows but is no paragraph or cell: watermarks, formulas, number formats."""
    for info in zf.infolist():
        if not info.filename.endswith(".xml") or info.is_dir():
            continue
        raw = zf.read(info)
        for pattern, where in ((_TEXTPATH, "place.watermark"), (_FORMULA, "place.formula"), (_NUMBER_FORMAT, "place.number_format")):
            if pattern is not _TEXTPATH and not info.filename.startswith("xl/"):
                continue
            for m in pattern.finditer(raw):
                out.text(html.unescape(m.group(1).decode("utf-8", "replace")), where=place(where, part=PurePosixPath(info.filename).name))


def _author_fact(out: _Out, author: str | None, modified_by: str | None, zf: zipfile.ZipFile) -> None:
    """``doc-author`` listing the people and organisation named in the document properties."""
    named = (("label.author", author), ("label.modified_by", modified_by))
    found = [(label, value.strip()) for label, value in named if value and value.strip() and value.strip() not in _TOOL_DEFAULTS]
    found += _app_people(zf)
    if found:
        out.fact("doc-author", tuple(found), where=_PROPERTIES)


def _document_properties(out: _Out, zf: zipfile.ZipFile, author: Any, modified_by: Any, *texts: object) -> None:
    """The people a document's properties name (``doc-author``) and its free-text
    properties (title, subject, keywords, notes, category) as segments."""
    _author_fact(out, author, modified_by, zf)
    _property_texts(out, zip(("label.title", "label.subject", "label.keywords", "label.comments", "label.category"), texts, strict=True))


def _property_texts(out: _Out, values: Iterable[tuple[str, object]]) -> None:
    """Free-text document properties (title, subject, keywords ...) as segments, by ``label.*`` code."""
    for label, value in values:
        if isinstance(value, str):
            out.text(value, where=(*_PROPERTIES, (label, {})))


def _package_extras(out: _Out, zf: zipfile.ZipFile) -> None:
    """Embedded objects (unscreened), embedded pictures (their metadata), watermarks,
    formulas and number formats of an OOXML package."""
    _xml_texts(out, zf)
    names = [info.filename for info in zf.infolist() if not info.is_dir()]
    embedded = [n for n in names if "/embeddings/" in n]
    if embedded:
        first = PurePosixPath(embedded[0]).name
        out.fact(UNSCREENED, where=place("place.embedded_objects"), said=("detail.embedded_files", {"n": len(embedded), "first": first}))
    for member in sorted(names):
        if "/media/" in member and PurePosixPath(member).suffix.lower() in IMAGE_SUFFIXES:
            where = place("place.embedded_picture", name=PurePosixPath(member).name)
            try:
                out.merge(_image_content(zf.read(member)), where)
            except _Unreadable as err:
                out.facts.append(err.fact(where))
            except Exception:
                out.fact(UNREADABLE, where=where, said=("detail.embedded_picture_damaged", {}))


def _on(element: _Element | None, val_attr: str) -> bool:
    """An OOXML on/off property: present and not switched off."""
    if element is None:
        return False
    return (element.get(val_attr) or "true").lower() not in ("0", "false", "off")


def _natural(name: str) -> tuple[object, ...]:
    return tuple(int(p) if p.isdigit() else p for p in re.split(r"(\d+)", name))


# ---------------------------------------------------------------- DOCX


def _w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


_W_VAL = _w("val")
_W_T = _w("t")
_W_BREAKS = {_w("tab"): "\t", _w("br"): "\n", _w("cr"): "\n"}
_REVISION_TAGS = (_w("ins"), _w("del"), _w("moveFrom"), _w("moveTo"))
_FALLBACK = f"{{{MC_NS}}}Fallback"
_W_R = _w("r")
_W_DEL_TEXT = _w("delText")
_W_SKIP = frozenset({_w("p"), _FALLBACK, _w("pPr"), _w("rPr")})  # nested paragraphs, duplicates, properties


@dataclass
class _Para:
    """One Word paragraph: visible text (with insertions), deleted and hidden text."""

    element: _Element
    text: str
    deleted: str
    hidden: str
    has_hidden_run: bool


@dataclass
class _DocxState:
    """What a DOCX walk accumulates across its parts."""

    out: _Out = field(default_factory=_Out)
    line: int = 0
    revisions: int = 0
    revision_line: int = 0
    hidden: list[str] = field(default_factory=list)
    hidden_line: int = 0
    hidden_where: Place = ()
    comment_lines: dict[str, int] = field(default_factory=dict)


def _docx_content(data: bytes) -> Content:
    """Paragraphs (body, tables, text boxes, headers, footers, notes), comments, revisions, hidden text, properties."""
    zf = _open_zip(data, "DOCX")
    import docx
    from docx.opc.constants import CONTENT_TYPE as CT

    document = docx.Document(io.BytesIO(data))
    parts: dict[str, list[Any]] = {}
    for part in document.part.package.iter_parts():
        parts.setdefault(part.content_type, []).append(part)
    for same_type in parts.values():
        same_type.sort(key=lambda p: _natural(str(p.partname)))

    styles = parts.get(CT.WML_STYLES, [])
    hidden_styles = _hidden_styles(_xml(styles[0].blob)) if styles else frozenset()
    state = _DocxState()
    _docx_part(state, _xml(document.part.blob), hidden_styles, body=True)
    for content_type, where in (
        (CT.WML_HEADER, "place.header"),
        (CT.WML_FOOTER, "place.footer"),
        (CT.WML_FOOTNOTES, "place.footnotes"),
        (CT.WML_ENDNOTES, "place.endnotes"),
    ):
        for part in parts.get(content_type, []):
            _docx_part(state, _xml(part.blob), hidden_styles, where=place(where))

    out = state.out
    comments = [c for part in parts.get(CT.WML_COMMENTS, []) for c in _xml(part.blob).iter(_w("comment"))]
    for comment in comments:
        text = "\n".join(p.text for p in _paragraphs(comment, hidden_styles))
        out.text(text, line=state.comment_lines.get(comment.get(_w("id")) or "", 1), where=_COMMENTS)
    if comments:
        first = min(state.comment_lines.values(), default=1)
        out.fact("doc-comments", str(len(comments)), line=first, where=_COMMENTS)
    if state.revisions:
        out.fact("doc-revisions", str(state.revisions), line=state.revision_line or 1, where=place("place.revisions"))
    if state.hidden_line:
        excerpt = "".join(state.hidden).strip()[:EXCERPT]
        said: tuple[str, dict[str, object]] | None = None if excerpt else ("detail.hidden_no_text", {})
        out.fact("doc-hidden-text", excerpt, line=state.hidden_line, where=state.hidden_where, said=said)

    core = document.core_properties
    _document_properties(out, zf, core.author, core.last_modified_by, core.title, core.subject, core.keywords, core.comments, core.category)
    _package_extras(out, zf)
    return out.content()


def _docx_part(state: _DocxState, root: _Element, hidden_styles: frozenset[str], *, body: bool = False, where: Place = ()) -> None:
    """Walk one story (the body, a header, the footnotes ...) paragraph by paragraph."""
    for para in _paragraphs(root, hidden_styles):
        state.line += 1
        line = state.line
        at = where or _body_place(para.element, line)
        state.out.text(para.text, line=line, where=at)
        state.out.text(para.deleted, line=line, where=_DELETED)
        if para.has_hidden_run:
            state.hidden.append(para.hidden)
            if not state.hidden_line:
                state.hidden_line, state.hidden_where = line, at
        revisions = sum(1 for _ in para.element.iter(*_REVISION_TAGS))
        if revisions and not state.revision_line:
            state.revision_line = line
        if body:
            for anchor in para.element.iter(_w("commentRangeStart"), _w("commentReference")):
                state.comment_lines.setdefault(anchor.get(_w("id")) or "", line)
    # count over the whole story: also revisions outside paragraphs (table rows ...), each once
    state.revisions += sum(1 for _ in root.iter(*_REVISION_TAGS))


def _body_place(p: _Element, line: int) -> Place:
    tags = {a.tag for a in p.iterancestors()}
    paragraph = place("place.paragraph", n=line)
    if _w("txbxContent") in tags:
        return place("place.text_box") + paragraph
    if _w("tbl") in tags:
        return place("place.table") + paragraph
    return paragraph


def _paragraphs(root: _Element, hidden_styles: frozenset[str]) -> Iterator[_Para]:
    """Every ``w:p`` under ``root`` in document order, except the duplicates in ``mc:Fallback``."""
    for p in root.iter(_w("p")):
        if any(a.tag == _FALLBACK for a in p.iterancestors()):
            continue
        ppr = p.find(_w("pPr"))
        pstyle = ppr.find(_w("pStyle")) if ppr is not None else None
        para_hidden = pstyle is not None and pstyle.get(_W_VAL) in hidden_styles
        visible: list[str] = []
        deleted: list[str] = []
        hidden: list[str] = []
        has_hidden = _collect(p, para_hidden, hidden_styles, visible, deleted, hidden)
        yield _Para(p, "".join(visible), "".join(deleted), "".join(hidden), has_hidden)


def _collect(
    element: _Element,
    hidden: bool,
    hidden_styles: frozenset[str],
    visible: list[str],
    deleted: list[str],
    hidden_out: list[str],
) -> bool:
    """Gather a paragraph's text, skipping nested paragraphs (text boxes are paragraphs of their own).

    Returns whether a hidden run was met.
    """
    met_hidden = False
    for child in element:
        tag = child.tag
        if not isinstance(tag, str) or tag in _W_SKIP:
            continue
        if tag == _W_R:
            run_hidden = _run_hidden(child, hidden, hidden_styles)
            met_hidden |= run_hidden
            if _collect(child, run_hidden, hidden_styles, visible, deleted, hidden_out):
                met_hidden = True
            continue
        piece = (child.text or "") if tag == _W_T else _W_BREAKS.get(tag)
        if piece is not None:
            visible.append(piece)
            if hidden:
                hidden_out.append(piece)
        elif tag == _W_DEL_TEXT:
            deleted.append(child.text or "")
        elif _collect(child, hidden, hidden_styles, visible, deleted, hidden_out):
            met_hidden = True
    return met_hidden


def _run_hidden(run: _Element, para_hidden: bool, hidden_styles: frozenset[str]) -> bool:
    """Direct formatting beats the character style, which beats the paragraph style."""
    rpr = run.find(_w("rPr"))
    if rpr is not None:
        vanish = rpr.find(_w("vanish"))
        if vanish is not None:
            return _on(vanish, _W_VAL)
        rstyle = rpr.find(_w("rStyle"))
        if rstyle is not None and rstyle.get(_W_VAL) in hidden_styles:
            return True
    return para_hidden


def _hidden_styles(styles: _Element) -> frozenset[str]:
    """Ids of styles whose text is hidden (``w:vanish``), following ``w:basedOn``."""
    own: dict[str, bool | None] = {}
    based_on: dict[str, str] = {}
    for style in styles.iter(_w("style")):
        sid = style.get(_w("styleId")) or ""
        rpr = style.find(_w("rPr"))
        vanish = rpr.find(_w("vanish")) if rpr is not None else None
        own[sid] = None if vanish is None else _on(vanish, _W_VAL)
        parent = style.find(_w("basedOn"))
        if parent is not None:
            based_on[sid] = parent.get(_W_VAL) or ""
    hidden = set()
    for sid in own:
        current: str | None = sid
        for _ in range(32):  # basedOn chains are short; cycles stop here
            if current is None or current not in own:
                break
            if own[current] is not None:
                if own[current]:
                    hidden.add(sid)
                break
            current = based_on.get(current)
    return frozenset(hidden)


# ---------------------------------------------------------------- XLSX


def _xlsx_content(data: bytes) -> Content:
    """Cells (strings and integers), comments, headers/footers, hidden sheets and workbook properties."""
    zf = _open_zip(data, "XLSX")
    sheets = sum(i.file_size for i in zf.infolist() if i.filename.startswith("xl/worksheets/"))
    if sheets > MAX_SHEET_XML_BYTES:
        out = _Out()
        out.fact(UNSCREENED, where=place("place.sheets"), said=("detail.workbook_too_large", {"mb": sheets // (1024 * 1024)}))
        return out.content()
    import openpyxl

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        wb = openpyxl.load_workbook(io.BytesIO(data), read_only=False, data_only=True, keep_links=False)
    try:
        out = _Out()
        comments = 0
        first_comment: tuple[int, Place] | None = None
        for ws in wb.worksheets:
            out.text(ws.title, where=place("place.sheet_name"))
            # only cells that exist: iter_rows() would walk the whole declared range
            for (row, col), cell in sorted(ws._cells.items()):
                value = cell.value
                if isinstance(value, str) or (isinstance(value, int) and not isinstance(value, bool)):
                    out.text(str(value), line=row, col=col, where=place("place.cell", sheet=ws.title, cell=cell.coordinate))
                if cell.comment is not None:
                    comments += 1
                    where = place("place.cell_comment", sheet=ws.title, cell=cell.coordinate)
                    first_comment = first_comment or (row, where)
                    out.text(cell.comment.text, line=row, col=col, where=where)
            _sheet_header_footer(out, ws)
        for sheet in [*wb.worksheets, *wb.chartsheets]:
            if sheet.sheet_state in ("hidden", "veryHidden"):
                out.fact("sheet-hidden", sheet.title, where=place("place.sheet", sheet=sheet.title))
        if comments and first_comment:
            out.fact("sheet-comments", str(comments), line=first_comment[0], where=first_comment[1])
        p = wb.properties
        _document_properties(out, zf, p.creator, p.lastModifiedBy, p.title, p.subject, p.keywords, p.description, p.category)
    finally:
        wb.close()
    _package_extras(out, zf)
    return out.content()


def _sheet_header_footer(out: _Out, ws: Any) -> None:
    for attr, label in (
        ("oddHeader", "place.header"),
        ("oddFooter", "place.footer"),
        ("evenHeader", "place.even_header"),
        ("evenFooter", "place.even_footer"),
        ("firstHeader", "place.first_header"),
        ("firstFooter", "place.first_footer"),
    ):
        item = getattr(ws, attr, None)
        for side in ("left", "center", "right"):
            part = getattr(item, side, None)
            out.text(getattr(part, "text", None), where=place("place.sheet", sheet=ws.title) + place(label))


# ---------------------------------------------------------------- PPTX


def _a(tag: str) -> str:
    return f"{{{A_NS}}}{tag}"


def _pptx_content(data: bytes) -> Content:
    """Slide and notes text (one segment per paragraph), comments, hidden slides, properties."""
    zf = _open_zip(data, "PPTX")
    presentation = _zip_xml(zf, "ppt/presentation.xml")
    if presentation is None:
        raise _corrupt("PPTX")
    out = _Out()
    hidden_slides = []
    for number, slide_path in enumerate(_slide_paths(zf, presentation), start=1):
        slide = _zip_xml(zf, slide_path)
        if slide is None:
            raise _Unreadable("detail.slide_missing", number, n=number)
        if (slide.get("show") or "1").lower() in ("0", "false"):
            hidden_slides.append(number)
        _drawing_text(out, slide, number, place("place.slide", n=number))
        for target in _related(zf, slide_path, "/notesSlide"):
            notes = _zip_xml(zf, target)
            if notes is not None:
                _drawing_text(out, notes, number, place("place.slide", n=number) + place("place.notes"))
    if hidden_slides:
        listed = [("detail.slide_number", {"n": n}) for n in hidden_slides]
        out.fact("doc-hidden-text", line=hidden_slides[0], where=place("place.slides"), said=("detail.hidden_slides", {"slides": listed}))
    comments = 0
    for member in sorted(n for n in zf.namelist() if n.startswith("ppt/comments/") and n.endswith(".xml")):
        root = _zip_xml(zf, member)
        for cm in () if root is None else (el for el in root.iter() if _local(el) == "cm"):
            comments += 1
            out.text("\n".join(t.text or "" for t in cm.iter() if _local(t) in ("t", "text")), where=_COMMENTS)
    if comments:
        out.fact("doc-comments", str(comments), where=_COMMENTS)
    core = _zip_xml(zf, "docProps/core.xml")
    if core is not None:
        _author_fact(out, core.findtext("dc:creator", namespaces=CORE_NS), core.findtext("cp:lastModifiedBy", namespaces=CORE_NS), zf)
        _property_texts(
            out,
            (
                (label, core.findtext(tag, namespaces=CORE_NS))
                for tag, label in (
                    ("dc:title", "label.title"),
                    ("dc:subject", "label.subject"),
                    ("cp:keywords", "label.keywords"),
                    ("dc:description", "label.comments"),
                )
            ),
        )
    _package_extras(out, zf)
    return out.content()


def _local(element: _Element) -> str:
    """An element's tag without its namespace ("" for comments and processing instructions)."""
    tag = element.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _slide_paths(zf: zipfile.ZipFile, presentation: _Element) -> list[str]:
    """Slides in presentation order (``p:sldIdLst``), resolved through the presentation's relationships."""
    targets = _relationships(zf, "ppt/presentation.xml")
    paths = []
    for sld in presentation.iter(f"{{{P_NS}}}sldId"):
        rid = sld.get(f"{{{R_NS}}}id") or ""
        if rid not in targets:
            raise _Unreadable("detail.slide_reference_missing")
        paths.append(targets[rid][1])
    return paths


def _relationships(zf: zipfile.ZipFile, source: str) -> dict[str, tuple[str, str]]:
    """``rId`` → (relationship type, member path) for one package part."""
    src = PurePosixPath(source)
    rels = _zip_xml(zf, str(src.parent / "_rels" / f"{src.name}.rels"))
    found: dict[str, tuple[str, str]] = {}
    for rel in rels.iter(f"{{{PKG_REL_NS}}}Relationship") if rels is not None else ():
        if rel.get("TargetMode") == "External":
            continue
        target = rel.get("Target") or ""
        path = target.lstrip("/") if target.startswith("/") else _normalise(str(src.parent / target))
        found[rel.get("Id") or ""] = (rel.get("Type") or "", path)
    return found


def _normalise(path: str) -> str:
    parts: list[str] = []
    for piece in path.split("/"):
        if piece == "..":
            if parts:
                parts.pop()
        elif piece not in ("", "."):
            parts.append(piece)
    return "/".join(parts)


def _related(zf: zipfile.ZipFile, source: str, type_suffix: str) -> list[str]:
    return [path for rel_type, path in _relationships(zf, source).values() if rel_type.endswith(type_suffix)]


def _drawing_text(out: _Out, root: _Element, line: int, where: Place) -> None:
    """One segment per DrawingML paragraph (``a:p``): runs, fields and line breaks."""
    for p in root.iter(_a("p")):
        if any(a.tag == _FALLBACK for a in p.iterancestors()):
            continue
        pieces = []
        for el in p.iter(_a("t"), _a("br")):
            pieces.append("\n" if el.tag == _a("br") else el.text or "")
        out.text("".join(pieces), line=line, where=where)


# ---------------------------------------------------------------- PDF


_NOT_COMMENTS = frozenset({"/Link", "/Widget", "/Popup"})


def _pdf_content(data: bytes) -> Content:
    """Page text, annotations, form fields and metadata; a PDF without any text layer is flagged."""
    from pypdf import PasswordType, PdfReader
    from pypdf.errors import DependencyError

    reader = PdfReader(io.BytesIO(data))
    if reader.is_encrypted:
        try:
            opened = reader.decrypt("")
        except DependencyError:
            raise _Unreadable("detail.pdf_encrypted_no_crypto") from None
        if opened == PasswordType.NOT_DECRYPTED:
            raise _Unreadable("detail.pdf_encrypted")
    out = _Out()
    has_text = False
    comments = 0
    first_comment = 0
    for number, page in enumerate(reader.pages, start=1):
        text = page.extract_text()
        if text.strip():
            has_text = True
            out.text(text, line=number, where=place("place.page", n=number))
        annots = page.get("/Annots")
        for annot_ref in annots.get_object() if annots is not None else ():
            annot = annot_ref.get_object()
            contents = annot.get("/Contents")
            if annot.get("/Subtype") in _NOT_COMMENTS or not isinstance(contents, str) or not contents.strip():
                continue
            comments += 1
            first_comment = first_comment or number
            out.text(str(contents), line=number, where=place("place.page", n=number) + _COMMENTS)
    if not has_text:
        out.fact("pdf-no-text", said=("detail.pdf_no_text", {}))
    if comments:
        out.fact("doc-comments", str(comments), line=first_comment, where=_COMMENTS)
    for field_name, value in (reader.get_form_text_fields() or {}).items():
        if isinstance(value, str):
            out.text(value, where=place("place.form_field", name=str(field_name)))
    meta = reader.metadata
    if meta is not None:
        if meta.author and meta.author.strip():
            out.fact("pdf-metadata", meta.author.strip(), where=_PROPERTIES)
        _property_texts(out, (("label.title", meta.title), ("label.subject", meta.subject), ("label.keywords", meta.get("/Keywords"))))
    return out.content()


# ---------------------------------------------------------------- images


_EXIF_IFD = 0x8769
_GPS_IFD = 0x8825
_EXIF_PEOPLE = (  # (tag, label, IFD) whose value is shown in image-exif
    (0x013B, "label.author", None),  # Artist
    (0x9C9D, "label.author", None),  # XPAuthor
    (0x8298, "label.copyright", None),  # Copyright
    (0xA430, "label.camera_owner", _EXIF_IFD),  # CameraOwnerName
    (0xA431, "label.serial_number", _EXIF_IFD),  # BodySerialNumber
)
_EXIF_TEXTS = (  # (tag, label, IFD) whose text is screened and named in image-exif
    (0x010E, "label.description", None),  # ImageDescription
    (0x9C9B, "label.title", None),  # XPTitle
    (0x9C9C, "label.comments", None),  # XPComment
    (0x9C9F, "label.subject", None),  # XPSubject
    (0x9C9E, "label.keywords", None),  # XPKeywords
    (0x9286, "label.user_comment", _EXIF_IFD),  # UserComment
)
_XP_TAGS = frozenset({0x9C9B, 0x9C9C, 0x9C9D, 0x9C9E, 0x9C9F})
_PNG_PEOPLE = {"author": "label.author", "copyright": "label.copyright"}


def _image_content(data: bytes) -> Content:
    """EXIF (GPS, people, camera, descriptions), comments and PNG text chunks; pixels are not decoded."""
    from PIL import Image

    Image.init()  # register every plugin, so that ``formats`` below can name them; only those listed are tried
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            im = Image.open(io.BytesIO(data), formats=_PIL_FORMATS)
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise _Unreadable("detail.picture_bomb") from None
    with im:
        if im.width * im.height > MAX_IMAGE_PIXELS:
            raise _Unreadable("detail.picture_bomb")
        out = _Out()
        exif = im.getexif()
        _gps_fact(out, exif.get_ifd(_GPS_IFD))
        found = _exif_fields(out, exif) + _image_info(out, im.info)
        if found:
            out.fact("image-exif", tuple(dict.fromkeys(found)), where=_EXIF)
    return out.content()


def _gps_fact(out: _Out, gps: dict[int, Any]) -> None:
    if 2 not in gps or 4 not in gps:
        return
    try:
        lat = _degrees(gps[2], gps.get(1))
        lon = _degrees(gps[4], gps.get(3))
        said: tuple[str, dict[str, object]] = ("detail.gps", {"lat": f"{lat:.2f}", "lon": f"{lon:.2f}"})
    except (TypeError, ValueError, ZeroDivisionError, OverflowError):
        said = ("detail.gps_unreadable", {})
    out.fact("image-gps", where=_EXIF, said=said)


def _degrees(dms: Any, ref: Any) -> float:
    """Degrees from EXIF's (degrees, minutes, seconds); south and west are negative."""
    values = [float(v) for v in (dms if isinstance(dms, tuple | list) else (dms,))]
    values += [0.0] * (3 - len(values))
    degrees = values[0] + values[1] / 60 + values[2] / 3600
    if degrees != degrees or degrees in (float("inf"), float("-inf")):  # NaN from a zero denominator
        raise ValueError("not a coordinate")
    reference = ref.decode("ascii", "replace") if isinstance(ref, bytes) else str(ref or "")
    return -degrees if reference.strip().upper() in ("S", "W") else degrees


def _exif_fields(out: _Out, exif: Any) -> list[tuple[str, str]]:
    """What identifies people or devices (label, value), and descriptions (label, ""; their text becomes segments)."""
    ifds = {None: exif, _EXIF_IFD: exif.get_ifd(_EXIF_IFD)}
    found: list[tuple[str, str]] = []
    for tag, label, ifd in _EXIF_PEOPLE:
        value = _exif_text(ifds[ifd].get(tag), tag, exif)
        if value.strip():
            found.append((label, value.strip()[:EXCERPT]))
    camera = " ".join(_exif_text(exif.get(tag), tag, exif).strip() for tag in (0x010F, 0x0110)).strip()
    if camera:
        found.append(("label.camera", camera[:EXCERPT]))
    for tag, label, ifd in _EXIF_TEXTS:
        value = _exif_text(ifds[ifd].get(tag), tag, exif)
        if value.strip():
            found.append((label, ""))
            out.text(value, where=place("place.picture_description"))
    return found


def _exif_text(value: Any, tag: int, exif: Any) -> str:
    """An EXIF value as text: XP* tags are UTF-16LE, UserComment has an 8-byte charset prefix,
    and ASCII tags often carry UTF-8 that Pillow hands back as Latin-1."""
    if value is None:
        return ""
    if isinstance(value, tuple) and all(isinstance(v, int) for v in value):
        value = bytes(value)
    if tag in _XP_TAGS and isinstance(value, bytes):
        return value.decode("utf-16-le", "replace").rstrip("\x00")
    if tag == 0x9286 and isinstance(value, bytes):
        return _user_comment(value, getattr(exif, "endian", "<"))
    if isinstance(value, bytes):
        return _decode_bytes(value)
    if isinstance(value, str):
        text = value.rstrip("\x00")
        if any(ord(c) > 127 for c in text) and all(ord(c) < 256 for c in text):
            try:
                return text.encode("latin-1").decode("utf-8")
            except UnicodeDecodeError:
                return text
        return text
    return ""


def _user_comment(value: bytes, endian: str) -> str:
    code, body = value[:8], value[8:]
    if code.startswith(b"UNICODE"):
        if body[:2] in (b"\xff\xfe", b"\xfe\xff"):
            return body.decode("utf-16", "replace").rstrip("\x00")
        # the byte order of the EXIF block; if that gives unprintable text, the writer used the other one
        orders = ("utf-16-be", "utf-16-le") if endian == ">" else ("utf-16-le", "utf-16-be")
        decoded = [body.decode(order, "replace").rstrip("\x00") for order in orders]
        return next((d for d in decoded if d.isprintable()), decoded[0])
    return _decode_bytes(body).rstrip("\x00 ")


def _decode_bytes(value: bytes) -> str:
    for encoding in ("utf-8", "gb18030"):
        try:
            return value.decode(encoding).rstrip("\x00")
        except UnicodeDecodeError:
            continue
    return value.decode("latin-1").rstrip("\x00")


def _image_info(out: _Out, info: dict[Any, Any]) -> list[tuple[str, str]]:
    """JPEG/GIF comments, PNG tEXt/zTXt/iTXt chunks and XMP packets as segments; PNG author/copyright as found."""
    people = []
    for key, value in info.items():
        if not isinstance(key, str) or key in ("exif", "icc_profile"):
            continue
        if key in ("comment", "xmp") or key.startswith("XML:"):
            text = _decode_bytes(value) if isinstance(value, bytes) else str(value)
            out.text(text, where=place("place.picture_comment" if key == "comment" else "place.xmp"))
        elif isinstance(value, str):
            out.text(value, where=place("place.picture_text", key=key))
            if key.lower() in _PNG_PEOPLE and value.strip():
                people.append((_PNG_PEOPLE[key.lower()], value.strip()[:EXCERPT]))
    return people


_READERS: dict[str, Callable[[bytes], Content]] = {
    ".txt": _text_content,
    ".csv": _text_content,
    ".docx": _docx_content,
    ".xlsx": _xlsx_content,
    ".pptx": _pptx_content,
    ".pdf": _pdf_content,
    **dict.fromkeys(IMAGE_SUFFIXES, _image_content),
}
