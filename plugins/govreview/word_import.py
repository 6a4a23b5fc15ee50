"""``govreview import FILE.docx --column news``: a Word/WPS document as a page the gate understands.

Editors write in WPS or Word. This turns one ``.docx`` into a Markdown page under the
column's folder, with YAML front matter the gate reads (title from the document, the
column's required fields left as marked blanks that ``govreview check`` asks for — never
invented), tables as GFM tables (merged cells said in a note), images written next to the
page under content-addressed names, and footnotes kept.

A document with tracked changes, comments or hidden text is refused (R-03): these are
exactly what screening blocks in an attached ``.docx``, and they are found here by the same
reader (:func:`govreview.attachments.attachment_content`), so there is one definition of
them. Old binary formats (.doc, .wps) and GBK text files are refused with what to do.
The original ``.docx`` is never copied into ``docs/`` unless ``--attach-original`` asks.

Conversion: ``mammoth`` turns the document into a small, closed set of HTML elements
(paragraphs, headings, lists, tables, images, links, footnote references); the few
elements it emits are written as Markdown here, escaping text so that nothing in the
document becomes markup by accident.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import io
import json
import os
import re
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import messages
from .attachments import MAX_FILE_BYTES, attachment_content
from .core.page import FIELD_ALIASES
from .core.policy import ROOT_COLUMN, Policy
from .messages import Message, Problem, msg, say

if TYPE_CHECKING:
    from lxml.html import HtmlElement

__all__ = ["ImportRefused", "Imported", "add_parser", "convert_docx", "run"]

EXIT_OK, EXIT_REFUSED, EXIT_USAGE = 0, 1, 2

#: Facts of the attachment reader that refuse an import (R-03), in the order they are told.
REFUSING = {
    "doc-revisions": "import_has_revisions",
    "doc-comments": "import_has_comments",
    "doc-hidden-text": "import_has_hidden_text",
}
_LEGACY = frozenset({".doc", ".dot", ".wps", ".wpt", ".rtf"})
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Compound File: .doc, .wps, and any password-protected .docx
_TEXT = frozenset({".txt", ".text", ".md", ".csv"})
#: Image types browsers show, with the suffix their files get.
_WEB_IMAGES = {
    "image/png": "png",
    "image/jpeg": "jpg",
    "image/jpg": "jpg",
    "image/gif": "gif",
    "image/webp": "webp",
    "image/bmp": "bmp",
    "image/svg+xml": "svg",
}
_OTHER_IMAGES = {"image/x-emf": "emf", "image/emf": "emf", "image/x-wmf": "wmf", "image/wmf": "wmf", "image/tiff": "tif"}
#: Heading styles as WPS names them in Chinese, besides the English names mammoth knows.
_STYLE_MAP = "\n".join(
    [
        "p[style-name='Title'] => h1:fresh",
        "p[style-name='标题'] => h1:fresh",
        *(f"p[style-name='标题 {n}'] => h{n}:fresh" for n in range(1, 7)),
        *(f"p[style-name='标题{n}'] => h{n}:fresh" for n in range(1, 7)),
    ]
)


class ImportRefused(Problem):
    """The document is not imported: nothing was written. ``usage``: the command was asked wrongly."""

    def __init__(self, message: Message, usage: bool = False) -> None:
        super().__init__(message)
        self.usage = usage


@dataclass
class Imported:
    """What one conversion produced, before anything is written."""

    title: str | None
    title_origin: str  # a catalogue code (import_origin_*), "" when there is no title
    body: str  # Markdown, without front matter
    images: dict[str, bytes] = field(default_factory=dict)  # file name -> bytes
    tables: int = 0
    merged_tables: list[int] = field(default_factory=list)  # 1-based table numbers with merged cells
    notes: int = 0
    notices: list[Message] = field(default_factory=list)
    day: dt.date | None = None  # the date the document itself states (成文日期), if it states one


# ---------------------------------------------------------------- what is refused


def refuse_reason(name: str, data: bytes) -> Message | None:
    """Why ``data`` (a file named ``name``) cannot be imported, or None for a readable .docx."""
    suffix = Path(name).suffix.lower()
    if data.startswith(_OLE_MAGIC):
        return msg("import_legacy_format" if suffix in _LEGACY else "import_encrypted", file=name)
    if suffix in _LEGACY:
        return msg("import_legacy_format", file=name)
    if suffix in _TEXT or (suffix != ".docx" and not data.startswith(b"PK")):
        try:
            data.decode("utf-8-sig")
        except UnicodeDecodeError:
            try:
                data.decode("gb18030")
            except UnicodeDecodeError:
                pass
            else:
                return msg("import_gbk_text", file=name)
        return msg("import_not_docx", file=name)
    if suffix != ".docx":
        return msg("import_not_docx", file=name)
    if len(data) > MAX_FILE_BYTES:
        return msg("import_unreadable", file=name, detail=f"> {MAX_FILE_BYTES // (1024 * 1024)} MB")
    # One reader decides what a Word file hides (the one screening uses for attachments).
    content = attachment_content(name, data)
    for fact in content.facts:
        if fact.code == "attachment-unreadable":
            return msg("import_unreadable", file=name, detail=messages.detail_text(_fact_params(fact), messages.lang_of()))
    found = {f.code: f for f in content.facts}
    for code, message in REFUSING.items():
        fact = found.get(code)
        if fact is not None:
            detail = messages.detail_text(_fact_params(fact), messages.lang_of())
            return msg(message, file=name, detail=detail, line=fact.line)
    return None


def _fact_params(fact: Any) -> dict[str, object]:
    params: dict[str, object] = {"detail": fact.detail}
    if fact.detail_code:
        params["detail_code"] = fact.detail_code
        params.update(fact.params)
    return params


# ---------------------------------------------------------------- docx -> HTML -> Markdown


def convert_docx(data: bytes, *, footnotes: bool = True, title: str | None = None) -> Imported:
    """The document's body as Markdown, its images by content-addressed name, and what to tell.

    ``footnotes``: write ``[^1]`` footnotes (the site enables the ``footnotes`` extension);
    otherwise the notes become a plain paragraph at the end of the page. ``title``: the
    title given by the editor; the document's own first heading then stays in the body.
    """
    import mammoth
    from lxml import html as lxml_html

    images: dict[str, bytes] = {}
    notices: list[Message] = []

    def image(img: Any) -> dict[str, str]:
        with img.open() as stream:
            blob = stream.read()
        kind = str(img.content_type or "").lower()
        suffix = _WEB_IMAGES.get(kind) or _OTHER_IMAGES.get(kind) or "bin"
        name = f"img-{hashlib.sha256(blob).hexdigest()[:16]}.{suffix}"
        if kind not in _WEB_IMAGES and name not in images:
            notices.append(msg("import_image_format", image=name, kind=kind or "?"))
        images[name] = blob
        return {"src": name}

    result = mammoth.convert_to_html(io.BytesIO(data), style_map=_STYLE_MAP, convert_image=mammoth.images.img_element(image))
    dropped = [m.message for m in result.messages if m.type in ("warning", "error") and "ignored" in m.message.lower()]
    if dropped:
        notices.append(msg("import_dropped", count=len(dropped), example=dropped[0]))
    root = lxml_html.fragment_fromstring(result.value or "<p></p>", create_parent="div")
    writer = _Writer(footnotes=footnotes)
    found, origin = writer.take_title(root, remove=title is None)
    stated = document_date(root)
    body = writer.blocks(root)
    if writer.struck:
        notices.append(msg("import_strikethrough"))
    for number in writer.merged:
        notices.append(msg("import_merged_cells", table=number))
    if title is not None:
        found, origin = " ".join(title.split()), "import_origin_option"
    elif origin == "" and (core_title := _core_title(data)):
        found, origin = core_title, "import_origin_properties"
    return Imported(found, origin, body, images, writer.tables, writer.merged, writer.note_count, notices, stated)


_CN_DIGITS = {"〇": 0, "○": 0, "零": 0, "Ｏ": 0, "O": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_DATE_LINE = re.compile(r"^([0-9〇○零ＯO一二三四五六七八九]{4})年([0-9一二三四五六七八九十]{1,3})月([0-9一二三四五六七八九十]{1,3})日$")


def _cn_number(text: str) -> int | None:
    """12, 十二, 二十一, 三十 as a number (the day or month of a Chinese date line)."""
    if text.isdigit():
        return int(text)
    if "十" in text:
        tens, _, ones = text.partition("十")
        t = _CN_DIGITS.get(tens, -1) if tens else 1
        o = _CN_DIGITS.get(ones, -1) if ones else 0
        return None if t < 0 or o < 0 else t * 10 + o
    return _CN_DIGITS.get(text) if len(text) == 1 else None


def parse_date_line(text: str) -> dt.date | None:
    """A paragraph that is only a date, as official documents state theirs at the end:
    ``2026年9月1日`` or ``二〇二六年九月一日``; None for anything else."""
    m = _DATE_LINE.match("".join(text.split()))
    if not m:
        return None
    year = "".join(str(_CN_DIGITS[c]) if c in _CN_DIGITS else c for c in m.group(1))
    month, day = _cn_number(m.group(2)), _cn_number(m.group(3))
    if not year.isdigit() or month is None or day is None:
        return None
    try:
        return dt.date(int(year), month, day)
    except ValueError:
        return None


def document_date(root: HtmlElement) -> dt.date | None:
    """The date the document states: a date-only paragraph among its last few (where an
    official document puts its 成文日期). Never a date from the file's properties."""
    paragraphs = [_text_of(p) for p in root if p.tag == "p" and _text_of(p)]
    for text in reversed(paragraphs[-6:]):
        found = parse_date_line(text)
        if found is not None:
            return found
    return None


def _core_title(data: bytes) -> str | None:
    import docx

    try:
        value = docx.Document(io.BytesIO(data)).core_properties.title
    except Exception:  # the title is a convenience: a document the converter read is still imported
        return None
    text = " ".join((value or "").split())
    return text or None


_LINE_START = re.compile(r"^(\s*)(#|>|[-+*=](?=\s|$)|\d+(?=[.)](?:\s|$)))")
_ENTITY = re.compile(r"&(?=#?\w+;)")
_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]{}])")


def escape(text: str, *, table: bool = False) -> str:
    """Text that reads the same in Markdown: nothing in it becomes markup.

    Backslash escapes for the characters Python-Markdown treats as markup (and attr_list's
    braces), ``&lt;`` for ``<`` (not escapable there), ``&amp;`` before what looks like an
    entity, ``\\|`` inside a table.
    """
    out = _INLINE_SPECIAL.sub(r"\\\1", text)
    out = _ENTITY.sub("&amp;", out).replace("<", "&lt;")
    if table:
        out = out.replace("|", "\\|")
    return out


def _escape_line_starts(block: str) -> str:
    """A paragraph whose line would start a heading, quote, list or code block stays a paragraph."""
    lines = []
    for line in block.split("\n"):
        line = line.lstrip(" \t")
        m = _LINE_START.match(line)
        if m:
            mark = m.group(2)
            line = (mark + "\\" + line[len(mark) :]) if mark[0].isdigit() else "\\" + line
        lines.append(line)
    return "\n".join(lines)


def _text_of(element: HtmlElement) -> str:
    return " ".join(str(element.text_content()).split())


@dataclass
class _Writer:
    """Markdown for the HTML mammoth emits (a closed set of elements)."""

    footnotes: bool
    tables: int = 0
    merged: list[int] = field(default_factory=list)
    struck: bool = False
    note_count: int = 0
    notes: list[tuple[str, list[str]]] = field(default_factory=list)  # label, paragraphs

    # -- the title --------------------------------------------------------------------------------

    def take_title(self, root: HtmlElement, *, remove: bool) -> tuple[str | None, str]:
        """The first heading's text (h1 first, then any level); removed from the body when it
        opens the document, so the page does not show its title twice."""
        for tags in (("h1",), ("h1", "h2", "h3", "h4", "h5", "h6")):
            for element in root.iter(*tags):
                text = _text_of(element)
                if not text:
                    continue
                first = next((c for c in root if _text_of(c) or c.tag == "table" or c.find(".//img") is not None), None)
                if remove and first is element:
                    root.remove(element)
                return text, "import_origin_heading"
        return None, ""

    # -- blocks -----------------------------------------------------------------------------------

    def blocks(self, root: HtmlElement) -> str:
        out: list[str] = []
        for child in root:
            if self._is_note_list(child):
                self._take_notes(child)
                continue
            block = self.block(child)
            if block:
                out.append(block)
        if self.notes:
            out.append(self._notes_markdown())
        return "\n\n".join(out) + "\n"

    def block(self, element: HtmlElement) -> str:
        tag = element.tag
        if tag == "p":
            return _escape_line_starts(self.inline(element).strip())
        if isinstance(tag, str) and re.fullmatch(r"h[1-6]", tag):
            text = self.inline(element).strip().replace("\n", " ")
            return f"{'#' * int(tag[1])} {text}" if text else ""
        if tag in ("ul", "ol"):
            return self.list_(element, 0)
        if tag == "table":
            return self.table(element)
        if tag in ("div", "blockquote"):
            return "\n\n".join(b for b in (self.block(c) for c in element) if b)
        return _escape_line_starts(self.inline(element).strip())

    def list_(self, element: HtmlElement, depth: int) -> str:
        lines: list[str] = []
        ordered = element.tag == "ol"
        for number, item in enumerate((c for c in element if c.tag == "li"), start=1):
            own = [escape(item.text or "")]
            for child in item:
                if child.tag not in ("ul", "ol"):
                    own.append(self.inline(child) if child.tag == "p" else self._inline_part(child))
                own.append(escape(child.tail or ""))
            text = " ".join("".join(own).split("\n")).strip()
            marker = f"{number}." if ordered else "-"
            lines.append(f"{'    ' * depth}{marker} {text}".rstrip())
            for nested in item:
                if nested.tag in ("ul", "ol"):
                    lines.append(self.list_(nested, depth + 1))
        return "\n".join(lines)

    # -- tables -----------------------------------------------------------------------------------

    def table(self, element: HtmlElement) -> str:
        self.tables += 1
        rows = [tr for tr in element.iter("tr")]
        grid: dict[tuple[int, int], str] = {}
        merged: list[tuple[int, int, int, int]] = []  # row, col, rowspan, colspan (1-based)
        width = 0
        for r, tr in enumerate(rows):
            c = 0
            for cell in (x for x in tr if x.tag in ("td", "th")):
                while (r, c) in grid:
                    c += 1
                rowspan = _span(cell.get("rowspan"))
                colspan = _span(cell.get("colspan"))
                if rowspan > 1 or colspan > 1:
                    merged.append((r + 1, c + 1, rowspan, colspan))
                for dr in range(rowspan):
                    for dc in range(colspan):
                        grid[(r + dr, c + dc)] = ""
                grid[(r, c)] = self.cell(cell)
                c += colspan
                width = max(width, c)
        height = max((r for r, _ in grid), default=-1) + 1
        if not height or not width:
            return ""
        lines = []
        for r in range(height):
            lines.append("| " + " | ".join(grid.get((r, c), "") for c in range(width)) + " |")
            if r == 0:
                lines.append("|" + "|".join(" --- " for _ in range(width)) + "|")
        out = "\n".join(lines)
        if merged:
            self.merged.append(self.tables)
            cells = "；".join(
                say(
                    msg(
                        "import_page_merged_cell",
                        row=row,
                        col=col,
                        span="，".join(
                            say(msg(code, n=n), "zh") for code, n in (("import_page_rows", rs), ("import_page_cols", cs)) if n > 1
                        ),
                    ),
                    "zh",
                )
                for row, col, rs, cs in merged
            )
            out += "\n\n" + say(msg("import_page_merged", cells=cells), "zh")
        return out

    def cell(self, cell: HtmlElement) -> str:
        parts: list[str] = []
        for child in cell:
            if child.tag in ("ul", "ol"):
                parts.extend(self._inline_part(li).strip() for li in child.iter("li"))
            elif child.tag == "table":
                parts.append(escape(_text_of(child), table=True))
            else:
                parts.append(self.inline(child, table=True).strip())
        if cell.text and cell.text.strip():
            parts.insert(0, escape(cell.text.strip(), table=True))
        return "<br>".join(p for p in parts if p)

    # -- inline -----------------------------------------------------------------------------------

    def inline(self, element: HtmlElement, *, table: bool = False) -> str:
        out = [escape(element.text or "", table=table)]
        for child in element:
            out.append(self._inline_part(child, table=table))
            out.append(escape(child.tail or "", table=table))
        return "".join(out)

    def _inline_part(self, element: HtmlElement, *, table: bool = False) -> str:
        tag = element.tag
        if not isinstance(tag, str):
            return ""
        if tag == "br":
            return "<br>" if table else "  \n"
        if tag == "img":
            alt = escape(" ".join((element.get("alt") or "").split()), table=table)
            return f"![{alt}]({element.get('src') or ''})"
        inner = self.inline(element, table=table)
        if tag in ("strong", "b"):
            return f"**{inner.strip()}**" if inner.strip() else inner
        if tag in ("em", "i"):
            # HTML, not ``*…*``: next to bold (``**a***b*``) the asterisks would be ambiguous
            return f"<em>{inner.strip()}</em>" if inner.strip() else inner
        if tag in ("sup", "sub"):
            ref = element.find("a")
            if tag == "sup" and ref is not None and _note_label(ref.get("href") or "") is not None:
                return self._note_ref(ref.get("href") or "")
            return f"<{tag}>{inner}</{tag}>" if inner else ""
        if tag in ("s", "del", "strike"):
            self.struck = True
            return f"<s>{inner}</s>" if inner else ""
        if tag == "a":
            href = element.get("href") or ""
            if _note_label(href) is not None:
                return self._note_ref(href)
            if re.match(r"(?i)^(https?:|mailto:)", href) and inner.strip():
                return f"[{inner.strip()}](<{href.replace('>', '%3E').replace(' ', '%20')}>)"
            return inner  # bookmarks and in-document links (a Word table of contents): the text alone
        return inner  # u, span and anything else: the text

    # -- footnotes and endnotes --------------------------------------------------------------------

    def _note_ref(self, href: str) -> str:
        label = _note_label(href) or ""
        return f"[^{label}]" if self.footnotes else f"\\[{label}\\]"

    @staticmethod
    def _is_note_list(element: HtmlElement) -> bool:
        items = [c for c in element if c.tag == "li"]
        return element.tag == "ol" and bool(items) and all(_note_label("#" + (li.get("id") or "")) is not None for li in items)

    def _take_notes(self, element: HtmlElement) -> None:
        for li in element:
            label = _note_label("#" + (li.get("id") or "")) or ""
            for back in list(li.iter("a")):
                if (back.get("href") or "").startswith(("#footnote-ref-", "#endnote-ref-")):
                    _drop(back)
            paragraphs = [_escape_line_starts(self.inline(p).strip()) for p in li if p.tag == "p"] or [self.inline(li).strip()]
            self.notes.append((label, [p for p in paragraphs if p]))
            self.note_count += 1

    def _notes_markdown(self) -> str:
        if self.footnotes:
            out = []
            for label, paragraphs in self.notes:
                first, *rest = paragraphs or [""]
                out.append(f"[^{label}]: {first}" + "".join("\n\n    " + p.replace("\n", "\n    ") for p in rest))
            return "\n\n".join(out)
        lines = [say(msg("import_page_notes"), "zh")]
        for label, paragraphs in self.notes:
            lines.append(f"\\[{label}\\] " + "<br>".join(paragraphs))
        return "\n\n".join(lines)


def _note_label(href: str) -> str | None:
    """``1`` for mammoth's ``#footnote-1``, ``e1`` for ``#endnote-1``; None for other links."""
    m = re.fullmatch(r"#(footnote|endnote)-(\d+)", href)
    if not m:
        return None
    return m.group(2) if m.group(1) == "footnote" else f"e{m.group(2)}"


def _drop(element: HtmlElement) -> None:
    parent = element.getparent()
    if parent is None:
        return
    tail = element.tail or ""
    previous = element.getprevious()
    if previous is not None:
        previous.tail = (previous.tail or "") + tail
    else:
        parent.text = (parent.text or "") + tail
    parent.remove(element)


def _span(value: str | None) -> int:
    try:
        return max(1, min(int(value or 1), 1000))
    except ValueError:
        return 1


# ---------------------------------------------------------------- the page


def front_matter(policy: Policy, column_path: str, title: str | None, day: dt.date | None) -> tuple[str, list[str], bool]:
    """The page's front matter, the required fields left blank, and whether the date was left blank.

    Values are never invented: a required field is written as a key without a value and a
    comment saying what it is (YAML reads it as empty; the gate reports it missing). ``date``
    is the 成文日期 the page shows: given by the editor or stated by the document, else a
    commented line to fill in — never the day of the import."""
    column = policy.columns[column_path]
    category = policy.categories.get(column.category)
    required = [name for name in (category.required_fields if category else {}) if name not in ("title", "date")]
    required_mark = say(msg("import_page_required"), "zh")
    lines = ["---"]
    if title:
        lines.append(f"title: {json.dumps(title, ensure_ascii=False)}")
    else:
        lines.append(f"title:   # {_field_name(policy, 'title')}（{required_mark}）")
    if day is not None:
        lines.append(f"date: {day.isoformat()}")
    else:
        lines.append(f"# date:   # {say(msg('import_page_date'), 'zh')}")
    if required:
        lines.append(f"# {say(msg('import_page_fill'), 'zh')}：")
        for name in required:
            lines.append(f"{name}:   # {_field_name(policy, name)}（{required_mark}）")
    lines.append("---")
    return "\n".join(lines) + "\n", required, day is None


def _field_name(policy: Policy, name: str) -> str:
    """A field as editors know it: the policy's display name, else the page model's Chinese spelling."""
    declared = policy.fields.get(name)
    if declared:
        return declared
    return next((zh for zh, fid in FIELD_ALIASES.items() if fid == name), name)


def _page_name(given: str | None, source: Path, day: dt.date | None) -> str:
    if given is not None:
        if not re.fullmatch(r"[\w][\w.\-]*", given) or given.endswith(".") or ".." in given:
            raise ImportRefused(msg("import_bad_name", value=given), usage=True)
        stem = given[:-3] if given.endswith(".md") else given
    else:
        stem = re.sub(r"[^\w]+", "-", source.stem, flags=re.UNICODE).strip("-_").lower() or "page"
    if day is not None and not re.match(r"\d{4}-\d{2}-\d{2}", stem):
        stem = f"{day.isoformat()}-{stem}"
    return stem + ".md"


def _footnotes_enabled(extensions: Iterable[Any]) -> bool:
    names = set()
    for entry in extensions:
        if isinstance(entry, str):
            names.add(entry)
        elif isinstance(entry, dict):
            names.update(str(k) for k in entry)
    return bool(names & {"footnotes", "markdown.extensions.footnotes", "extra", "markdown.extensions.extra"})


@dataclass(frozen=True)
class Written:
    page: Path
    images: tuple[Path, ...]
    required: tuple[str, ...]
    date_blank: bool
    imported: Imported
    attachment: Path | None = None


def import_document(
    source: Path,
    *,
    docs: Path,
    policy: Policy,
    column: str,
    footnotes: bool,
    title: str | None = None,
    day: dt.date | None = None,
    name: str | None = None,
    attach_original: bool = False,
) -> Written:
    """Convert ``source`` and write the page (and its images) under ``docs/column``.

    Nothing is written when the document is refused or the page exists already."""
    column_path = column.strip("/") or ROOT_COLUMN
    if column_path not in policy.columns:
        known = "、".join(f"{c.path}（{c.name}）" for c in policy.columns.values())
        raise ImportRefused(msg("import_unknown_column", column=column, known=known), usage=True)
    try:
        data = source.read_bytes()
    except OSError:
        raise ImportRefused(msg("import_no_file", file=source), usage=True) from None
    reason = refuse_reason(source.name, data)
    if reason is not None:
        raise ImportRefused(reason)
    try:
        imported = convert_docx(data, footnotes=footnotes, title=title or None)
    except Exception as err:  # a converter failure is a refusal, never a traceback
        raise ImportRefused(msg("import_unreadable", file=source.name, detail=type(err).__name__)) from None
    if day is None:
        day = imported.day  # what the document says (成文日期); never the day of import
    folder = docs if column_path == ROOT_COLUMN else docs / column_path
    page = folder / _page_name(name, source, day)
    if os.path.lexists(page):  # a dangling link too: never written through
        raise ImportRefused(msg("import_page_exists", page=page), usage=True)
    for image_name, blob in imported.images.items():
        target = folder / image_name
        # content-addressed: an existing plain file of that name holds these bytes already
        if target.is_symlink() or (os.path.lexists(target) and (not target.is_file() or target.read_bytes() != blob)):
            raise ImportRefused(msg("import_page_exists", page=target), usage=True)
    head, required, date_blank = front_matter(policy, column_path, imported.title, day)
    body = imported.body
    attachment = None
    if attach_original:
        attachment = folder / (page.stem + ".docx")
        body += f"\n[{say(msg('import_page_original'), 'zh')}]({attachment.name})\n"
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for image_name, blob in imported.images.items():
        target = folder / image_name
        if not target.exists():
            target.write_bytes(blob)
        written.append(target)
    if attachment is not None:
        attachment.write_bytes(data)
    page.write_text(head + "\n" + body, encoding="utf-8")
    return Written(page, tuple(written), tuple(required), date_blank, imported, attachment)


# ---------------------------------------------------------------- the command


def add_parser(sub: Any, config_help: str) -> argparse.ArgumentParser:
    p: argparse.ArgumentParser = sub.add_parser(
        "import",
        help="把 Word/WPS 文档（.docx）转为栏目中的页面：表格、图片、脚注随之转换 / turn a Word document into a page of a column",
    )
    p.add_argument("file", metavar="FILE.docx")
    p.add_argument("--column", required=True, help="栏目（规则 columns 中的目录，如 news）/ the column (its folder, e.g. news)")
    p.add_argument("--title", help="页面标题（默认取文档的第一个标题）/ the title (default: the document's first heading)")
    p.add_argument(
        "--date",
        help="成文日期 YYYY-MM-DD（默认取文档末尾的日期行；没有则留空待填）/ the document's date (default: its closing date line, else left blank)",
    )
    p.add_argument("--name", help="页面文件名（默认：日期-文档文件名）/ the page's file name (default: date-document name)")
    p.add_argument(
        "--attach-original",
        action="store_true",
        help="同时把原文作为附件放在页面旁并链接（默认不放：原文不会被误发布）/ also publish the original as a linked attachment",
    )
    p.add_argument("-f", "--config-file", default=None, help=config_help)
    return p


def run(args: argparse.Namespace, site: Callable[[], tuple[Path, Any] | None]) -> int:
    """The command; ``site`` gives the site's folder and settings (the CLI's own reading)."""
    lang = args.lang
    try:
        found = site()
    except Exception as err:  # the CLI's usage error: said, never raised
        detail = err.text(lang) if hasattr(err, "text") else str(err)
        print(f"govreview: {say(msg('import_site_unreadable', detail=detail), lang)}", file=sys.stderr)
        return EXIT_USAGE
    if found is None:
        print(f"govreview: {say(msg('import_no_site'), lang)}", file=sys.stderr)
        return EXIT_USAGE
    root, settings = found
    from .policy_yaml import PolicyError, load_policy_dir

    try:
        policy = load_policy_dir(root / settings.policies)
    except PolicyError as err:
        print(f"govreview: {say(msg('import_site_unreadable', detail=err.text(lang)), lang)}", file=sys.stderr)
        return EXIT_USAGE
    source = Path(args.file)
    try:
        day = _day(args.date)
        written = import_document(
            source,
            docs=root / settings.docs_dir,
            policy=policy,
            column=args.column,
            footnotes=_footnotes_enabled(settings.markdown_extensions),
            title=args.title,
            day=day,
            name=args.name,
            attach_original=args.attach_original,
        )
    except ImportRefused as err:
        print(f"govreview: {err.text(lang)}", file=sys.stderr)
        return EXIT_USAGE if err.usage else EXIT_REFUSED
    _tell(written, source, root, settings, policy, args.column, lang, date_stated=day is None and written.imported.day is not None)
    return EXIT_OK


def _day(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ImportRefused(msg("import_bad_date", value=value), usage=True) from None


def _tell(written: Written, source: Path, root: Path, settings: Any, policy: Policy, column: str, lang: str, date_stated: bool) -> None:
    imported = written.imported
    page = _shown(written.page, root)
    lines = [
        say(
            msg("import_done", file=source.name, page=page, images=len(imported.images), tables=imported.tables, notes=imported.notes), lang
        )
    ]
    if imported.title:
        lines.append(say(msg("import_title_from", origin=say(msg(imported.title_origin), lang), title=imported.title), lang))
    else:
        lines.append(say(msg("import_no_title"), lang))
    if written.required:
        column_name = policy.columns[column.strip("/") or ROOT_COLUMN].name
        fields = "、".join(f"{_field_name(policy, f)}（{f}）" for f in written.required)
        lines.append(say(msg("import_fill_fields", page=page, column=column_name, fields=fields), lang))
    if written.date_blank:
        lines.append(say(msg("import_fill_date"), lang))
    elif date_stated:
        lines.append(say(msg("import_date_from", date=imported.day), lang))
    if imported.notes and not _footnotes_enabled(settings.markdown_extensions):
        lines.append(say(msg("import_footnotes_plain"), lang))
    lines.extend(say(m, lang) for m in imported.notices)
    if written.attachment is not None:
        lines.append(say(msg("import_original_attached", attachment=_shown(written.attachment, root)), lang))
    docs = (root / settings.docs_dir).resolve()
    if docs in source.resolve().parents and written.attachment is None:
        lines.append(say(msg("import_source_in_docs", file=source, docs=settings.docs_dir), lang))
    lines.append(say(msg("import_next", page=page), lang))
    print("\n".join(lines))


def _shown(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)
