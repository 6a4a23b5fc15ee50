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

from .core.findings import Content, Fact, Segment

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
    """A file that cannot be screened; ``detail`` says why, in Chinese (``en`` in English)."""

    def __init__(self, detail: str, line: int = 1, en: str = "") -> None:
        super().__init__(detail)
        self.detail = detail
        self.en = en
        self.line = line


@dataclass
class _Out:
    """Segments and facts collected while reading one file."""

    segments: list[Segment] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)

    def text(self, text: str | None, line: int = 1, col: int = 1, where: str = "") -> None:
        """Add a segment unless it has no visible characters."""
        if text and text.strip():
            self.segments.append(Segment(text, line=line, col=col, where=where))

    def fact(self, code: str, detail: str = "", line: int = 1, where: str = "", en: str = "") -> None:
        self.facts.append(Fact(code, detail, line=line, where=where, detail_en=en))

    def merge(self, other: Content, where: str) -> None:
        """Take another file's content as part of this one, its places prefixed with ``where``."""
        for s in other.segments:
            self.segments.append(Segment(s.text, line=s.line, col=s.col, where=_join(where, s.where)))
        for f in other.facts:
            self.facts.append(Fact(f.code, f.detail, line=f.line, where=_join(where, f.where), detail_en=f.detail_en))

    def content(self) -> Content:
        return Content(tuple(self.segments), tuple(self.facts))


def attachment_content(name: str, data: bytes) -> Content:
    """Everything screening needs to see of the attachment ``name`` with bytes ``data``.

    The format is chosen by the lower-cased suffix of ``name``. Never raises: a
    file that cannot be read yields a single ``attachment-unreadable`` fact, and
    a format nothing here understands an ``attachment-unscreened`` one.
    """
    suffix = PurePosixPath(name.replace("\\", "/")).suffix.lower()
    label = suffix.lstrip(".").upper() or "无扩展名"
    reader = _READERS.get(suffix)
    if reader is None:
        zh, en = _unscreened_detail(suffix, label)
        return Content(facts=(Fact(UNSCREENED, zh, detail_en=en),))
    if len(data) > MAX_FILE_BYTES:
        mb = MAX_FILE_BYTES // (1024 * 1024)
        detail = f"文件超过 {mb} MB，未自动检查，请人工审查"
        return Content(facts=(Fact(UNREADABLE, detail, detail_en=f"the file is over {mb} MB and was not checked"),))
    try:
        return reader(data)
    except _Unreadable as err:
        return Content(facts=(Fact(UNREADABLE, err.detail, line=err.line, detail_en=err.en),))
    except ImportError as err:
        detail = f"缺少读取 {label} 文件的组件（{err.name or err}），无法自动检查"
        return Content(facts=(Fact(UNREADABLE, detail, detail_en=f"no component to read {label} files ({err.name or err})"),))
    except Exception:  # any library failure: fail closed
        return Content(facts=(Fact(UNREADABLE, f"文件已损坏或不是有效的 {label} 文件，无法自动检查", detail_en=_corrupt_en(label)),))


def _unscreened_detail(suffix: str, label: str) -> tuple[str, str]:
    detail, en = f"无法自动检查 {label} 文件，请人工审查", f"{label} files cannot be checked automatically: review it by hand"
    hint = _LEGACY_HINTS.get(suffix)
    if hint:
        detail += f"（也可转换为 {hint} 后重新提交）"
        en += f" (or convert it to {hint} and submit again)"
    return detail, en


def _corrupt_en(label: str) -> str:
    return f"the file is damaged or not a valid {label} file, so it cannot be checked"


_BOMB_EN = "the picture has too many pixels (a decompression bomb?): refused"


def _join(*places: str) -> str:
    return " ".join(p for p in places if p)


# ---------------------------------------------------------------- plain text


def _text_content(data: bytes) -> Content:
    """The whole of a UTF-8 text (or CSV) file as one segment."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        guess = "（看起来是 GBK/GB18030 编码）" if _is_gb18030(data) else ""
        en = "the file is not UTF-8 (it looks like GBK/GB18030); save it as UTF-8 and submit again" if guess else "the file is not UTF-8"
        raise _Unreadable(f"文件不是 UTF-8 编码{guess}，无法自动检查；请另存为 UTF-8 后重新提交", line, en) from None
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


def _open_zip(data: bytes, label: str) -> zipfile.ZipFile:
    """The package as a zip, refused when it would unpack to more than :data:`MAX_UNZIPPED_BYTES`.

    ``zipfile`` never inflates a member beyond its declared size, so checking
    the declared sizes bounds what the parsers can be made to read.
    """
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError):
        raise _Unreadable(f"文件已损坏或不是有效的 {label} 文件，无法自动检查", en=_corrupt_en(label)) from None
    members = zf.infolist()
    total = sum(info.file_size for info in members)
    if total > MAX_UNZIPPED_BYTES or len(members) > MAX_ZIP_MEMBERS:
        limit = MAX_UNZIPPED_BYTES // (1024 * 1024)
        en = f"the file would unpack to over {limit} MB or too many members (a zip bomb?): refused"
        raise _Unreadable(f"文件解压后超过 {limit} MB 或成员过多（疑似压缩炸弹），已拒绝自动检查", en=en)
    return zf


def _zip_xml(zf: zipfile.ZipFile, member: str) -> _Element | None:
    try:
        return _xml(zf.read(member))
    except KeyError:
        return None


def _app_people(zf: zipfile.ZipFile) -> list[str]:
    """「单位：…」/「主管：…」 from docProps/app.xml, when filled in."""
    root = _zip_xml(zf, "docProps/app.xml")
    if root is None:
        return []
    found = []
    for tag, label in (("Company", "单位"), ("Manager", "主管")):
        value = root.findtext(f"{{{APP_NS}}}{tag}")
        if value and value.strip():
            found.append(f"{label}：{value.strip()}")
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
        for pattern, where in ((_TEXTPATH, "水印或艺术字"), (_FORMULA, "公式"), (_NUMBER_FORMAT, "数字格式")):
            if pattern is not _TEXTPATH and not info.filename.startswith("xl/"):
                continue
            for m in pattern.finditer(raw):
                out.text(html.unescape(m.group(1).decode("utf-8", "replace")), where=f"{where} {PurePosixPath(info.filename).name}")


def _author_fact(out: _Out, author: str | None, modified_by: str | None, zf: zipfile.ZipFile) -> None:
    """``doc-author`` listing the people and organisation named in the document properties."""
    named = (("作者", author), ("最后修改者", modified_by))
    found = [f"{label}：{value.strip()}" for label, value in named if value and value.strip() and value.strip() not in _TOOL_DEFAULTS]
    found += _app_people(zf)
    if found:
        out.fact("doc-author", "；".join(found), where="文档属性")


def _document_properties(out: _Out, zf: zipfile.ZipFile, author: Any, modified_by: Any, *texts: object) -> None:
    """The people a document's properties name (``doc-author``) and its free-text
    properties (title, subject, keywords, notes, category) as segments."""
    _author_fact(out, author, modified_by, zf)
    _property_texts(out, zip(("标题", "主题", "关键词", "备注", "类别"), texts, strict=True))


def _property_texts(out: _Out, values: Iterable[tuple[str, object]]) -> None:
    """Free-text document properties (title, subject, keywords ...) as segments."""
    for label, value in values:
        if isinstance(value, str):
            out.text(value, where=f"文档属性 {label}")


def _package_extras(out: _Out, zf: zipfile.ZipFile) -> None:
    """Embedded objects (unscreened), embedded pictures (their metadata), watermarks,
    formulas and number formats of an OOXML package."""
    _xml_texts(out, zf)
    names = [info.filename for info in zf.infolist() if not info.is_dir()]
    embedded = [n for n in names if "/embeddings/" in n]
    if embedded:
        first = PurePosixPath(embedded[0]).name
        out.fact(
            UNSCREENED,
            f"文件内嵌了 {len(embedded)} 个其他文件（如 {first}），无法自动检查，请人工审查",
            where="内嵌对象",
            en=f"{len(embedded)} embedded files (e.g. {first}) cannot be checked automatically: review them by hand",
        )
    for member in sorted(names):
        if "/media/" in member and PurePosixPath(member).suffix.lower() in IMAGE_SUFFIXES:
            where = f"内嵌图片 {PurePosixPath(member).name}"
            try:
                out.merge(_image_content(zf.read(member)), where)
            except _Unreadable as err:
                out.fact(UNREADABLE, err.detail, where=where, en=err.en)
            except Exception:
                out.fact(
                    UNREADABLE,
                    "内嵌图片已损坏，无法检查其元数据",
                    where=where,
                    en="an embedded picture is damaged; its metadata cannot be checked",
                )


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
    hidden_where: str = ""
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
        (CT.WML_HEADER, "页眉"),
        (CT.WML_FOOTER, "页脚"),
        (CT.WML_FOOTNOTES, "脚注"),
        (CT.WML_ENDNOTES, "尾注"),
    ):
        for part in parts.get(content_type, []):
            _docx_part(state, _xml(part.blob), hidden_styles, where=where)

    out = state.out
    comments = [c for part in parts.get(CT.WML_COMMENTS, []) for c in _xml(part.blob).iter(_w("comment"))]
    for comment in comments:
        text = "\n".join(p.text for p in _paragraphs(comment, hidden_styles))
        out.text(text, line=state.comment_lines.get(comment.get(_w("id")) or "", 1), where="批注")
    if comments:
        first = min(state.comment_lines.values(), default=1)
        out.fact("doc-comments", str(len(comments)), line=first, where="批注")
    if state.revisions:
        out.fact("doc-revisions", str(state.revisions), line=state.revision_line or 1, where="修订")
    if state.hidden_line:
        excerpt = "".join(state.hidden).strip()[:EXCERPT] or "（隐藏内容不含文字）"
        out.fact("doc-hidden-text", excerpt, line=state.hidden_line, where=state.hidden_where)

    core = document.core_properties
    _document_properties(out, zf, core.author, core.last_modified_by, core.title, core.subject, core.keywords, core.comments, core.category)
    _package_extras(out, zf)
    return out.content()


def _docx_part(state: _DocxState, root: _Element, hidden_styles: frozenset[str], *, body: bool = False, where: str = "") -> None:
    """Walk one story (the body, a header, the footnotes ...) paragraph by paragraph."""
    for para in _paragraphs(root, hidden_styles):
        state.line += 1
        line = state.line
        place = where or _body_place(para.element, line)
        state.out.text(para.text, line=line, where=place)
        state.out.text(para.deleted, line=line, where="修订（已删除文字）")
        if para.has_hidden_run:
            state.hidden.append(para.hidden)
            if not state.hidden_line:
                state.hidden_line, state.hidden_where = line, place
        revisions = sum(1 for _ in para.element.iter(*_REVISION_TAGS))
        if revisions and not state.revision_line:
            state.revision_line = line
        if body:
            for anchor in para.element.iter(_w("commentRangeStart"), _w("commentReference")):
                state.comment_lines.setdefault(anchor.get(_w("id")) or "", line)
    # count over the whole story: also revisions outside paragraphs (table rows ...), each once
    state.revisions += sum(1 for _ in root.iter(*_REVISION_TAGS))


def _body_place(p: _Element, line: int) -> str:
    tags = {a.tag for a in p.iterancestors()}
    if _w("txbxContent") in tags:
        return f"文本框 第{line}段"
    if _w("tbl") in tags:
        return f"表格 第{line}段"
    return f"第{line}段"


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
        mb = sheets // (1024 * 1024)
        en = f"the workbook is too large (about {mb} MB of sheet data) to check automatically: review it by hand"
        out.fact(UNSCREENED, f"表格过大（工作表数据约 {mb} MB），无法自动检查，请人工审查", where="工作表", en=en)
        return out.content()
    import openpyxl

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        wb = openpyxl.load_workbook(io.BytesIO(data), read_only=False, data_only=True, keep_links=False)
    try:
        out = _Out()
        comments = 0
        first_comment: tuple[int, str] | None = None
        for ws in wb.worksheets:
            out.text(ws.title, where="工作表名称")
            # only cells that exist: iter_rows() would walk the whole declared range
            for (row, col), cell in sorted(ws._cells.items()):
                value = cell.value
                if isinstance(value, str) or (isinstance(value, int) and not isinstance(value, bool)):
                    out.text(str(value), line=row, col=col, where=f"工作表 {ws.title} {cell.coordinate}")
                if cell.comment is not None:
                    comments += 1
                    where = f"批注 {ws.title} {cell.coordinate}"
                    first_comment = first_comment or (row, where)
                    out.text(cell.comment.text, line=row, col=col, where=where)
            _sheet_header_footer(out, ws)
        for sheet in [*wb.worksheets, *wb.chartsheets]:
            if sheet.sheet_state in ("hidden", "veryHidden"):
                out.fact("sheet-hidden", sheet.title, where=f"工作表 {sheet.title}")
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
        ("oddHeader", "页眉"),
        ("oddFooter", "页脚"),
        ("evenHeader", "偶数页页眉"),
        ("evenFooter", "偶数页页脚"),
        ("firstHeader", "首页页眉"),
        ("firstFooter", "首页页脚"),
    ):
        item = getattr(ws, attr, None)
        for side in ("left", "center", "right"):
            part = getattr(item, side, None)
            out.text(getattr(part, "text", None), where=f"工作表 {ws.title} {label}")


# ---------------------------------------------------------------- PPTX


def _a(tag: str) -> str:
    return f"{{{A_NS}}}{tag}"


def _pptx_content(data: bytes) -> Content:
    """Slide and notes text (one segment per paragraph), comments, hidden slides, properties."""
    zf = _open_zip(data, "PPTX")
    presentation = _zip_xml(zf, "ppt/presentation.xml")
    if presentation is None:
        raise _Unreadable("文件已损坏或不是有效的 PPTX 文件，无法自动检查", en=_corrupt_en("PPTX"))
    out = _Out()
    hidden_slides = []
    for number, slide_path in enumerate(_slide_paths(zf, presentation), start=1):
        slide = _zip_xml(zf, slide_path)
        if slide is None:
            raise _Unreadable(f"第{number}张幻灯片缺失，文件已损坏", number, f"slide {number} is missing: the file is damaged")
        if (slide.get("show") or "1").lower() in ("0", "false"):
            hidden_slides.append(number)
        _drawing_text(out, slide, number, f"第{number}张幻灯片")
        for target in _related(zf, slide_path, "/notesSlide"):
            notes = _zip_xml(zf, target)
            if notes is not None:
                _drawing_text(out, notes, number, f"第{number}张幻灯片 备注")
    if hidden_slides:
        listed = "、".join(f"第{n}张" for n in hidden_slides)
        out.fact("doc-hidden-text", f"隐藏的幻灯片：{listed}", line=hidden_slides[0], where="幻灯片", en=f"hidden slides: {listed}")
    comments = 0
    for member in sorted(n for n in zf.namelist() if n.startswith("ppt/comments/") and n.endswith(".xml")):
        root = _zip_xml(zf, member)
        for cm in () if root is None else (el for el in root.iter() if _local(el) == "cm"):
            comments += 1
            out.text("\n".join(t.text or "" for t in cm.iter() if _local(t) in ("t", "text")), where="批注")
    if comments:
        out.fact("doc-comments", str(comments), where="批注")
    core = _zip_xml(zf, "docProps/core.xml")
    if core is not None:
        _author_fact(out, core.findtext("dc:creator", namespaces=CORE_NS), core.findtext("cp:lastModifiedBy", namespaces=CORE_NS), zf)
        _property_texts(
            out,
            (
                (label, core.findtext(tag, namespaces=CORE_NS))
                for tag, label in (("dc:title", "标题"), ("dc:subject", "主题"), ("cp:keywords", "关键词"), ("dc:description", "备注"))
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
            raise _Unreadable("幻灯片引用缺失，文件已损坏", en="a slide reference is missing: the file is damaged")
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


def _drawing_text(out: _Out, root: _Element, line: int, where: str) -> None:
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
            raise _Unreadable(
                "PDF 文件已加密，缺少解密组件（cryptography），无法自动检查",
                en="the PDF is encrypted and no decryption component is installed",
            ) from None
        if opened == PasswordType.NOT_DECRYPTED:
            raise _Unreadable("PDF 文件已加密（需要密码才能打开），无法自动检查", en="the PDF is encrypted (it needs a password to open)")
    out = _Out()
    has_text = False
    comments = 0
    first_comment = 0
    for number, page in enumerate(reader.pages, start=1):
        text = page.extract_text()
        if text.strip():
            has_text = True
            out.text(text, line=number, where=f"第{number}页")
        annots = page.get("/Annots")
        for annot_ref in annots.get_object() if annots is not None else ():
            annot = annot_ref.get_object()
            contents = annot.get("/Contents")
            if annot.get("/Subtype") in _NOT_COMMENTS or not isinstance(contents, str) or not contents.strip():
                continue
            comments += 1
            first_comment = first_comment or number
            out.text(str(contents), line=number, where=f"第{number}页 批注")
    if not has_text:
        out.fact("pdf-no-text", "PDF 没有可提取的文字（可能是扫描件），需要人工审查或先做文字识别")
    if comments:
        out.fact("doc-comments", str(comments), line=first_comment, where="批注")
    for field_name, value in (reader.get_form_text_fields() or {}).items():
        if isinstance(value, str):
            out.text(value, where=f"表单域 {field_name}")
    meta = reader.metadata
    if meta is not None:
        if meta.author and meta.author.strip():
            out.fact("pdf-metadata", meta.author.strip(), where="文档属性")
        _property_texts(out, (("标题", meta.title), ("主题", meta.subject), ("关键词", meta.get("/Keywords"))))
    return out.content()


# ---------------------------------------------------------------- images


_EXIF_IFD = 0x8769
_GPS_IFD = 0x8825
_EXIF_PEOPLE = (  # (tag, label, IFD) whose value is shown in image-exif
    (0x013B, "作者", None),  # Artist
    (0x9C9D, "作者", None),  # XPAuthor
    (0x8298, "版权", None),  # Copyright
    (0xA430, "相机所有者", _EXIF_IFD),  # CameraOwnerName
    (0xA431, "机身序列号", _EXIF_IFD),  # BodySerialNumber
)
_EXIF_TEXTS = (  # (tag, label, IFD) whose text is screened and named in image-exif
    (0x010E, "图片说明", None),  # ImageDescription
    (0x9C9B, "标题", None),  # XPTitle
    (0x9C9C, "备注", None),  # XPComment
    (0x9C9F, "主题", None),  # XPSubject
    (0x9C9E, "关键词", None),  # XPKeywords
    (0x9286, "用户注释", _EXIF_IFD),  # UserComment
)
_XP_TAGS = frozenset({0x9C9B, 0x9C9C, 0x9C9D, 0x9C9E, 0x9C9F})
_PNG_PEOPLE = {"author": "作者", "copyright": "版权"}


def _image_content(data: bytes) -> Content:
    """EXIF (GPS, people, camera, descriptions), comments and PNG text chunks; pixels are not decoded."""
    from PIL import Image

    Image.init()  # register every plugin, so that ``formats`` below can name them; only those listed are tried
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            im = Image.open(io.BytesIO(data), formats=_PIL_FORMATS)
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise _Unreadable("图片像素过多（疑似解压炸弹），已拒绝自动检查", en=_BOMB_EN) from None
    with im:
        if im.width * im.height > MAX_IMAGE_PIXELS:
            raise _Unreadable("图片像素过多（疑似解压炸弹），已拒绝自动检查", en=_BOMB_EN)
        out = _Out()
        exif = im.getexif()
        _gps_fact(out, exif.get_ifd(_GPS_IFD))
        found = _exif_fields(out, exif) + _image_info(out, im.info)
        if found:
            out.fact("image-exif", "；".join(dict.fromkeys(found)), where="EXIF")
    return out.content()


def _gps_fact(out: _Out, gps: dict[int, Any]) -> None:
    if 2 not in gps or 4 not in gps:
        return
    try:
        lat = _degrees(gps[2], gps.get(1))
        lon = _degrees(gps[4], gps.get(3))
        detail = f"纬度 {lat:.2f}，经度 {lon:.2f}"
    except (TypeError, ValueError, ZeroDivisionError, OverflowError):
        detail = "含 GPS 坐标（无法解析具体数值）"
    out.fact("image-gps", detail, where="EXIF")


def _degrees(dms: Any, ref: Any) -> float:
    """Degrees from EXIF's (degrees, minutes, seconds); south and west are negative."""
    values = [float(v) for v in (dms if isinstance(dms, tuple | list) else (dms,))]
    values += [0.0] * (3 - len(values))
    degrees = values[0] + values[1] / 60 + values[2] / 3600
    if degrees != degrees or degrees in (float("inf"), float("-inf")):  # NaN from a zero denominator
        raise ValueError("not a coordinate")
    reference = ref.decode("ascii", "replace") if isinstance(ref, bytes) else str(ref or "")
    return -degrees if reference.strip().upper() in ("S", "W") else degrees


def _exif_fields(out: _Out, exif: Any) -> list[str]:
    """What identifies people or devices (label：value), and descriptions (label; their text becomes segments)."""
    ifds = {None: exif, _EXIF_IFD: exif.get_ifd(_EXIF_IFD)}
    found: list[str] = []
    for tag, label, ifd in _EXIF_PEOPLE:
        value = _exif_text(ifds[ifd].get(tag), tag, exif)
        if value.strip():
            found.append(f"{label}：{value.strip()[:EXCERPT]}")
    camera = " ".join(_exif_text(exif.get(tag), tag, exif).strip() for tag in (0x010F, 0x0110)).strip()
    if camera:
        found.append(f"相机：{camera[:EXCERPT]}")
    for tag, label, ifd in _EXIF_TEXTS:
        value = _exif_text(ifds[ifd].get(tag), tag, exif)
        if value.strip():
            found.append(label)
            out.text(value, where="图片说明")
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


def _image_info(out: _Out, info: dict[Any, Any]) -> list[str]:
    """JPEG/GIF comments, PNG tEXt/zTXt/iTXt chunks and XMP packets as segments; PNG author/copyright as found."""
    people = []
    for key, value in info.items():
        if not isinstance(key, str) or key in ("exif", "icc_profile"):
            continue
        if key in ("comment", "xmp") or key.startswith("XML:"):
            text = _decode_bytes(value) if isinstance(value, bytes) else str(value)
            out.text(text, where="图片注释" if key == "comment" else "XMP 元数据")
        elif isinstance(value, str):
            out.text(value, where=f"图片文本 {key}")
            if key.lower() in _PNG_PEOPLE and value.strip():
                people.append(f"{_PNG_PEOPLE[key.lower()]}：{value.strip()[:EXCERPT]}")
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
