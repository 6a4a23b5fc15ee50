"""Attachments are read into segments and facts from real files built with the libraries themselves."""

from __future__ import annotations

import io
import sys
import zipfile
from collections.abc import Callable

import docx
import openpyxl
import pytest
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from govreview import attachments
from govreview.attachments import attachment_content
from govreview.core.findings import Content, Fact, Place, Segment, place
from govreview.messages import detail_text, place_text
from openpyxl.comments import Comment
from PIL import Image
from PIL.PngImagePlugin import PngInfo
from pypdf import PdfWriter
from pypdf.annotations import Text

# ---------------------------------------------------------------- helpers


def facts(content: Content) -> dict[str, Fact]:
    found = {f.code: f for f in content.facts}
    assert len(found) == len(content.facts), content.facts
    return found


def only_fact(content: Content, code: str) -> Fact:
    assert [f.code for f in content.facts] == [code], content.facts
    return content.facts[0]


def zh(where: Place) -> str:
    """A place inside a file as Chinese output shows it."""
    return place_text(where, "zh")


def detail_of(fact: Fact, lang: str = "zh") -> str:
    """A fact's detail as a finding shows it."""
    return detail_text({"detail": fact.detail, "detail_code": fact.detail_code, **fact.params}, lang)


def segment(content: Content, where: str) -> Segment:
    matches = [s for s in content.segments if zh(s.where) == where]
    assert len(matches) == 1, (where, content.segments)
    return matches[0]


def texts(content: Content) -> str:
    return "\n".join(s.text for s in content.segments)


def rewrite_zip(data: bytes, change: Callable[[str, bytes], bytes], extra: dict[str, bytes] | None = None) -> bytes:
    """The same package with members changed by ``change`` and ``extra`` members added."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, change(info.filename, src.read(info.filename)))
        for name, body in (extra or {}).items():
            dst.writestr(name, body)
    return out.getvalue()


def save_docx(document: docx.document.Document) -> bytes:
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def clean_document() -> docx.document.Document:
    document = docx.Document()
    document.core_properties.author = ""
    document.core_properties.last_modified_by = ""
    return document


def jpeg(exif: Image.Exif | None = None, **save: object) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (16, 16), "white").save(buf, "JPEG", exif=Image.Exif() if exif is None else exif, **save)
    return buf.getvalue()


def gps_exif(lat: tuple[float, float, float], lat_ref: str, lon: tuple[float, float, float], lon_ref: str) -> Image.Exif:
    exif = Image.Exif()
    gps = exif.get_ifd(0x8825)
    gps.update({1: lat_ref, 2: lat, 3: lon_ref, 4: lon})
    return exif


# ---------------------------------------------------------------- DOCX


def dirty_docx() -> bytes:
    document = docx.Document()
    document.core_properties.author = "张三"
    document.core_properties.last_modified_by = "李四"
    first = document.add_paragraph("本文件为公开信息。")
    flagged = first.add_run("内部资料")
    document.add_comment([flagged], text="此处涉及机密，请删除", author="王五", initials="WW")
    second = document.add_paragraph("第二段")
    second._p.append(
        parse_xml(f'<w:ins {nsdecls("w")} w:id="901" w:author="赵六" w:date="2026-03-01T00:00:00Z"><w:r><w:t>新增文字</w:t></w:r></w:ins>')
    )
    second._p.append(
        parse_xml(
            f'<w:del {nsdecls("w")} w:id="902" w:author="赵六" w:date="2026-03-01T00:00:00Z"><w:r><w:delText>已删除的秘密内容</w:delText></w:r></w:del>'
        )
    )
    third = document.add_paragraph("可见文字")
    third.add_run("隐藏的身份证号 110105194912310021，不应出现在网上").font.hidden = True
    document.add_table(rows=1, cols=2).cell(0, 1).text = "表格里的内容"
    document.sections[0].header.paragraphs[0].text = "页眉里的文字"
    document.sections[0].footer.paragraphs[0].text = "页脚里的文字"

    def company(name: str, body: bytes) -> bytes:
        return body.replace(b"<Company/>", "<Company>某某市某某局</Company>".encode()) if name == "docProps/app.xml" else body

    return rewrite_zip(save_docx(document), company)


def test_docx_facts_name_authors_comments_revisions_and_hidden_text() -> None:
    content = attachment_content("files/通知.docx", dirty_docx())
    found = facts(content)
    assert set(found) == {"doc-author", "doc-comments", "doc-revisions", "doc-hidden-text"}
    assert detail_of(found["doc-author"]) == "作者：张三；最后修改者：李四；单位：某某市某某局"
    assert detail_of(found["doc-comments"]) == "1"
    assert found["doc-comments"].line == 1  # anchored in the first paragraph
    assert detail_of(found["doc-revisions"]) == "2"
    assert found["doc-revisions"].line == 2
    assert detail_of(found["doc-hidden-text"]) == "隐藏的身份证号 110105194912310021，不应出"
    assert (found["doc-hidden-text"].line, found["doc-hidden-text"].where) == (3, place("place.paragraph", n=3))


def test_docx_segments_cover_body_insertions_comments_deletions_hidden_text_tables_headers() -> None:
    content = attachment_content("通知.DOCX", dirty_docx())
    assert segment(content, "第1段") == Segment("本文件为公开信息。内部资料", line=1, where=place("place.paragraph", n=1))
    assert segment(content, "第2段").text == "第二段新增文字"  # tracked insertions are part of the text
    assert segment(content, "第3段").text == "可见文字隐藏的身份证号 110105194912310021，不应出现在网上"
    assert segment(content, "批注") == Segment("此处涉及机密，请删除", line=1, where=place("place.comments"))
    assert segment(content, "修订（已删除文字）") == Segment("已删除的秘密内容", line=2, where=place("place.deleted_text"))
    table = [s for s in content.segments if zh(s.where).startswith("表格")]
    assert [(s.text, zh(s.where)) for s in table] == [("表格里的内容", f"表格 第{table[0].line}段")]
    assert segment(content, "页眉").text == "页眉里的文字"
    assert segment(content, "页脚").text == "页脚里的文字"
    lines = [s.line for s in content.segments if zh(s.where).startswith(("第", "表格", "页眉", "页脚"))]
    assert lines == sorted(lines)  # reading order: body, then headers and footers


def test_clean_docx_has_no_facts_and_keeps_text_unchanged() -> None:
    document = clean_document()
    document.add_paragraph("關於　ＡＢＣ 的通知")  # Traditional and full-width: passed as they are
    content = attachment_content("clean.docx", save_docx(document))
    assert content.facts == ()
    assert segment(content, "第1段").text == "關於　ＡＢＣ 的通知"


def test_docx_hidden_by_character_style_and_text_box_paragraphs() -> None:
    document = clean_document()
    style = document.styles.add_style("不显示", WD_STYLE_TYPE.CHARACTER)
    style.font.hidden = True
    paragraph = document.add_paragraph("正文")
    paragraph.add_run("样式隐藏的文字").style = style
    box = parse_xml(
        f'<w:r {nsdecls("w")} xmlns:v="urn:schemas-microsoft-com:vml"><w:pict><v:shape><v:textbox><w:txbxContent>'
        "<w:p><w:r><w:t>文本框里的秘密</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></w:r>"
    )
    document.add_paragraph("带文本框的段落")._p.append(box)
    content = attachment_content("a.docx", save_docx(document))
    assert detail_of(only_fact(content, "doc-hidden-text")) == "样式隐藏的文字"
    assert segment(content, "第1段").text == "正文样式隐藏的文字"
    assert segment(content, "第2段").text == "带文本框的段落"  # the box's text is not repeated here
    assert segment(content, "文本框 第3段").text == "文本框里的秘密"


def test_docx_embedded_photo_gps_and_embedded_object() -> None:
    document = clean_document()
    document.add_picture(io.BytesIO(jpeg(gps_exif((30.0, 34.0, 48.0), "N", (114.0, 18.0, 0.0), "E"))))
    data = rewrite_zip(save_docx(document), lambda _name, body: body, {"word/embeddings/oleObject1.bin": b"\xd0\xcf\x11\xe0"})
    found = facts(attachment_content("a.docx", data))
    assert set(found) == {"image-gps", "attachment-unscreened"}
    assert detail_of(found["image-gps"]) == "纬度 30.58，经度 114.30"
    assert zh(found["image-gps"].where).startswith("内嵌图片 image1.")
    assert "oleObject1.bin" in detail_of(found["attachment-unscreened"])


def test_docx_zip_bomb_is_refused_before_parsing() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf, zf.open("word/document.xml", "w") as member:
        chunk = b"\0" * (1024 * 1024)
        for _ in range(201):
            member.write(chunk)
    assert len(buf.getvalue()) < 2 * 1024 * 1024
    fact = only_fact(attachment_content("bomb.docx", buf.getvalue()), "attachment-unreadable")
    assert "压缩炸弹" in detail_of(fact)


def test_size_guards_can_be_tightened(monkeypatch: pytest.MonkeyPatch) -> None:
    data = save_docx(clean_document())
    monkeypatch.setattr(attachments, "MAX_UNZIPPED_BYTES", 1000)
    assert "压缩炸弹" in detail_of(only_fact(attachment_content("a.docx", data), "attachment-unreadable"))
    monkeypatch.setattr(attachments, "MAX_FILE_BYTES", 100)
    assert "50" not in detail_of(only_fact(attachment_content("a.txt", b"x" * 101), "attachment-unreadable"))
    assert "超过" in detail_of(only_fact(attachment_content("a.txt", b"x" * 101), "attachment-unreadable"))


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("a.docx", b"PK\x03\x04 not really a zip"),
        ("a.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 legacy .doc renamed"),
        ("a.xlsx", bytes(range(256)) * 4),
        ("a.pptx", b""),
    ],
)
def test_corrupt_office_files_are_unreadable(name: str, data: bytes) -> None:
    fact = only_fact(attachment_content(name, data), "attachment-unreadable")
    assert "已损坏" in detail_of(fact)
    assert name.rsplit(".", 1)[1].upper() in detail_of(fact)


def test_zip_without_a_word_document_is_unreadable() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("hello.txt", "not a document")
    assert "DOCX" in detail_of(only_fact(attachment_content("a.docx", buf.getvalue()), "attachment-unreadable"))


# ---------------------------------------------------------------- XLSX


def save_xlsx(wb: openpyxl.Workbook) -> bytes:
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_xlsx_hidden_sheets_comments_and_creator() -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "名单"
    ws["A1"] = "姓名"
    ws["B2"] = "内部资料"
    ws["B2"].comment = Comment("请核实密级", "王五")
    ws["C3"] = 13800138000
    ws["D4"] = 3.5
    hidden = wb.create_sheet("备用")
    hidden.sheet_state = "hidden"
    hidden["C3"] = "隐藏表中的电话"
    wb.create_sheet("深藏").sheet_state = "veryHidden"
    wb.properties.creator = "张三"
    wb.properties.lastModifiedBy = "李四"
    content = attachment_content("名单.xlsx", save_xlsx(wb))

    sheet_hidden = [f for f in content.facts if f.code == "sheet-hidden"]
    assert [(detail_of(f), zh(f.where)) for f in sheet_hidden] == [("备用", "工作表 备用"), ("深藏", "工作表 深藏")]
    others = {f.code: f for f in content.facts if f.code != "sheet-hidden"}
    assert set(others) == {"sheet-comments", "doc-author"}
    assert (detail_of(others["sheet-comments"]), others["sheet-comments"].line) == ("1", 2)
    assert detail_of(others["doc-author"]) == "作者：张三；最后修改者：李四"

    assert segment(content, "工作表 名单 B2") == Segment("内部资料", line=2, col=2, where=place("place.cell", sheet="名单", cell="B2"))
    assert segment(content, "批注 名单 B2").text.endswith("请核实密级")
    assert segment(content, "工作表 备用 C3").text == "隐藏表中的电话"  # hidden sheets are screened too
    assert segment(content, "工作表 名单 C3").text == "13800138000"  # integers may be phone or ID numbers
    assert not [s for s in content.segments if zh(s.where) == "工作表 名单 D4"]


def test_clean_xlsx_has_no_facts() -> None:
    wb = openpyxl.Workbook()
    wb.properties.creator = ""
    ws = wb.active
    assert ws is not None
    ws["A1"] = "公开数据"
    ws.oddFooter.center.text = "第 &P 页"
    content = attachment_content("a.xlsx", save_xlsx(wb))
    assert content.facts == ()
    assert segment(content, "工作表 Sheet A1").text == "公开数据"
    assert segment(content, "工作表 Sheet 页脚").text == "第 &P 页"


def test_sparse_xlsx_far_cell_does_not_walk_the_grid() -> None:
    wb = openpyxl.Workbook()
    wb.properties.creator = None
    ws = wb.active
    assert ws is not None
    ws["A1"] = "起点"
    ws["XFD1048576"] = "终点"
    content = attachment_content("a.xlsx", save_xlsx(wb))
    assert [s.text for s in content.segments if zh(s.where).startswith("工作表 Sheet ")] == ["起点", "终点"]
    assert segment(content, "工作表 Sheet XFD1048576").line == 1048576


def test_library_exception_is_unreadable(monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("parser exploded")

    monkeypatch.setattr(openpyxl, "load_workbook", boom)
    fact = only_fact(attachment_content("a.xlsx", save_xlsx(openpyxl.Workbook())), "attachment-unreadable")
    assert detail_of(fact) == "文件已损坏或不是有效的 XLSX 文件，无法自动检查"


# ---------------------------------------------------------------- PPTX


def pptx(*, hidden_second: bool = True) -> bytes:
    ns = (
        'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
        'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"'
    )
    rel_ns = 'xmlns="http://schemas.openxmlformats.org/package/2006/relationships"'
    rt = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

    def slide(text: str, show: str = "") -> str:
        return (
            f"<p:sld {ns}{show}><p:cSld><p:spTree><p:sp><p:txBody>"
            f"<a:p><a:r><a:t>{text}</a:t></a:r><a:br/><a:r><a:t>第二行</a:t></a:r></a:p>"
            "</p:txBody></p:sp></p:spTree></p:cSld></p:sld>"
        )

    members = {
        "ppt/presentation.xml": f'<p:presentation {ns}><p:sldIdLst><p:sldId id="256" r:id="rId7"/><p:sldId id="257" r:id="rId3"/></p:sldIdLst></p:presentation>',
        "ppt/_rels/presentation.xml.rels": (
            f"<Relationships {rel_ns}>"
            f'<Relationship Id="rId3" Type="{rt}/slide" Target="slides/slide1.xml"/>'
            f'<Relationship Id="rId7" Type="{rt}/slide" Target="slides/slide2.xml"/>'
            "</Relationships>"
        ),
        "ppt/slides/slide2.xml": slide("开场"),
        "ppt/slides/slide1.xml": slide("内部讨论稿", ' show="0"' if hidden_second else ""),
        "ppt/slides/_rels/slide2.xml.rels": f'<Relationships {rel_ns}><Relationship Id="rId1" Type="{rt}/notesSlide" Target="../notesSlides/notesSlide1.xml"/></Relationships>',
        "ppt/notesSlides/notesSlide1.xml": f"<p:notes {ns}><p:cSld><p:spTree><p:sp><p:txBody><a:p><a:r><a:t>演讲备注：不要外传</a:t></a:r></a:p></p:txBody></p:sp></p:spTree></p:cSld></p:notes>",
        "ppt/comments/comment1.xml": f'<p:cmLst {ns}><p:cm authorId="0" idx="1"><p:pos x="0" y="0"/><p:text>数字要再核对</p:text></p:cm></p:cmLst>',
        "docProps/core.xml": (
            '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>汇报材料</dc:title><dc:creator>张三</dc:creator></cp:coreProperties>'
        ),
    }
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, body in members.items():
            zf.writestr(name, body)
    return buf.getvalue()


def test_pptx_slides_in_presentation_order_notes_comments_hidden_slides() -> None:
    content = attachment_content("汇报.pptx", pptx())
    found = facts(content)
    assert set(found) == {"doc-hidden-text", "doc-comments", "doc-author"}
    assert (detail_of(found["doc-hidden-text"]), found["doc-hidden-text"].line) == ("隐藏的幻灯片：第2张", 2)
    assert detail_of(found["doc-comments"]) == "1"
    assert detail_of(found["doc-author"]) == "作者：张三"
    assert segment(content, "第1张幻灯片") == Segment("开场\n第二行", line=1, where=place("place.slide", n=1))
    assert segment(content, "第2张幻灯片").text == "内部讨论稿\n第二行"
    assert segment(content, "第1张幻灯片 备注").text == "演讲备注：不要外传"
    assert segment(content, "批注").text == "数字要再核对"
    assert segment(content, "文档属性 标题").text == "汇报材料"


# ---------------------------------------------------------------- PDF


def text_pdf(text: str) -> bytes:
    """A minimal valid PDF with one page showing ``text`` in Helvetica (offsets computed, not guessed)."""
    stream = b"BT /F1 18 Tf 40 100 Td (" + text.encode("ascii") + b") Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def save_pdf(writer: PdfWriter) -> bytes:
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def test_pdf_author_and_no_text_layer() -> None:
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.add_metadata({"/Author": "张三", "/Title": "内部通知"})
    content = attachment_content("scan.pdf", save_pdf(writer))
    found = facts(content)
    assert set(found) == {"pdf-metadata", "pdf-no-text"}
    assert detail_of(found["pdf-metadata"]) == "张三"
    assert "人工" in detail_of(found["pdf-no-text"])
    assert segment(content, "文档属性 标题").text == "内部通知"


def test_pdf_text_layer_arrives_as_page_segment() -> None:
    content = attachment_content("notice.pdf", text_pdf("Internal use only"))
    assert content.facts == ()
    page = segment(content, "第1页")
    assert page.line == 1
    assert "Internal use only" in page.text


def test_pdf_annotations_are_comments() -> None:
    writer = PdfWriter(clone_from=io.BytesIO(text_pdf("Public notice")))
    writer.add_annotation(page_number=0, annotation=Text(rect=(50, 50, 80, 80), text="Secret: remove before publishing"))
    content = attachment_content("a.pdf", save_pdf(writer))
    assert detail_of(only_fact(content, "doc-comments")) == "1"
    assert segment(content, "第1页 批注").text == "Secret: remove before publishing"


def test_pdf_encrypted_with_a_password_is_unreadable_but_owner_only_is_read() -> None:
    locked = PdfWriter(clone_from=io.BytesIO(text_pdf("Locked")))
    locked.encrypt(user_password="secret", algorithm="AES-256")
    assert "加密" in detail_of(only_fact(attachment_content("a.pdf", save_pdf(locked)), "attachment-unreadable"))
    owner_only = PdfWriter(clone_from=io.BytesIO(text_pdf("Owner only")))
    owner_only.encrypt(user_password="", owner_password="owner", algorithm="RC4-128")
    assert "Owner only" in segment(attachment_content("b.pdf", save_pdf(owner_only)), "第1页").text


def test_corrupt_pdf_is_unreadable() -> None:
    import random

    noise = random.Random(20).randbytes(4096)
    fact = only_fact(attachment_content("a.pdf", noise), "attachment-unreadable")
    assert detail_of(fact) == "文件已损坏或不是有效的 PDF 文件，无法自动检查"


def test_missing_library_is_unreadable_not_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pypdf", None)
    fact = only_fact(attachment_content("a.pdf", text_pdf("x")), "attachment-unreadable")
    assert "缺少" in detail_of(fact) and "pypdf" in detail_of(fact)


# ---------------------------------------------------------------- images


def test_jpeg_gps_and_exif_people_camera_and_descriptions() -> None:
    exif = gps_exif((30.0, 34.0, 48.0), "N", (114.0, 18.0, 0.0), "E")
    exif[0x013B] = "张三".encode()  # Artist, written as UTF-8 as Windows does
    exif[0x010F] = "Canon"
    exif[0x0110] = "EOS 5D"
    exif[0x9C9D] = "李四".encode("utf-16-le") + b"\0\0"  # XPAuthor
    exif[0x9C9C] = "内部资料，勿外传".encode("utf-16-le") + b"\0\0"  # XPComment
    exif.get_ifd(0x8769)[0x9286] = b"UNICODE\0" + "现场照片".encode("utf-16-be")  # UserComment; Pillow writes big-endian EXIF
    content = attachment_content("现场.JPG", jpeg(exif))
    found = facts(content)
    assert set(found) == {"image-gps", "image-exif"}
    assert detail_of(found["image-gps"]) == "纬度 30.58，经度 114.30"
    detail = detail_of(found["image-exif"])
    assert detail == "作者：张三；作者：李四；相机：Canon EOS 5D；备注；用户注释"
    said = [s.text for s in content.segments if zh(s.where) == "图片说明"]
    assert said == ["内部资料，勿外传", "现场照片"]


def test_gps_south_and_west_are_negative() -> None:
    content = attachment_content("a.jpeg", jpeg(gps_exif((33.0, 51.0, 0.0), "S", (70.0, 39.0, 0.0), "W")))
    assert detail_of(only_fact(content, "image-gps")) == "纬度 -33.85，经度 -70.65"


def test_plain_jpeg_bmp_and_gps_without_coordinates_have_nothing() -> None:
    exif = Image.Exif()
    exif.get_ifd(0x8825)[0] = b"\x02\x02\x00\x00"  # GPS version only: no position
    assert attachment_content("a.jpg", jpeg(exif)) == Content()
    assert attachment_content("b.jpg", jpeg()) == Content()
    buf = io.BytesIO()
    Image.new("RGB", (4, 4)).save(buf, "BMP")
    assert attachment_content("c.bmp", buf.getvalue()) == Content()


def test_png_text_chunks_and_author() -> None:
    info = PngInfo()
    info.add_text("Comment", "内部资料")
    info.add_itxt("Description", "机密示例说明", lang="zh", tkey="说明")
    info.add_text("Author", "王五")
    buf = io.BytesIO()
    Image.new("RGB", (4, 4)).save(buf, "PNG", pnginfo=info)
    content = attachment_content("图.png", buf.getvalue())
    assert detail_of(only_fact(content, "image-exif")) == "作者：王五"
    assert segment(content, "图片文本 Comment").text == "内部资料"
    assert segment(content, "图片文本 Description").text == "机密示例说明"


def test_jpeg_and_gif_comments_are_segments() -> None:
    assert segment(attachment_content("a.jpg", jpeg(comment="绝密文件".encode())), "图片注释").text == "绝密文件"
    buf = io.BytesIO()
    Image.new("P", (4, 4)).save(buf, "GIF", comment="内部".encode())
    assert attachment_content("a.gif", buf.getvalue()) == Content(segments=(Segment("内部", where=place("place.picture_comment")),))


def test_image_decompression_bomb_is_unreadable(monkeypatch: pytest.MonkeyPatch) -> None:
    buf = io.BytesIO()
    Image.new("L", (100, 100)).save(buf, "PNG")
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 3000)  # Pillow's warning threshold: 10 000 > 3000
    assert "炸弹" in detail_of(only_fact(attachment_content("a.png", buf.getvalue()), "attachment-unreadable"))
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", None)  # switched off globally: our own limit still holds
    monkeypatch.setattr(attachments, "MAX_IMAGE_PIXELS", 9999)
    assert "炸弹" in detail_of(only_fact(attachment_content("a.png", buf.getvalue()), "attachment-unreadable"))


def test_corrupt_image_and_image_with_other_format_are_unreadable() -> None:
    assert "JPG" in detail_of(only_fact(attachment_content("a.jpg", b"\xff\xd8\xff garbage"), "attachment-unreadable"))
    eps = b"%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 10 10\n"  # Pillow could read it, but we do not open EPS
    only_fact(attachment_content("a.png", eps), "attachment-unreadable")


# ---------------------------------------------------------------- text and everything else


def test_text_is_one_segment_and_findings_keep_their_lines() -> None:
    from govreview.screen_content import screen_content

    content = attachment_content("a.TXT", "\ufeff第一行\r\n\r\n第三行 秘密★\n".encode())
    assert content == Content(segments=(Segment("第一行\n\n第三行 秘密★\n"),))
    assert [
        (f.code, f.line, f.col) for f in screen_content(attachment_content("a.txt", "第一行\r\n\r\n第三行 秘密★\n".encode()), None)
    ] == [("secrecy-marking", 3, 5)]


def test_csv_is_read_as_text_and_cells_do_not_run_together() -> None:
    from govreview.screen_content import screen_content

    data = "姓名,电话\n张三,13800138000\n李四,1390710\n6789\n".encode()
    assert [s.text for s in attachment_content("名单.csv", data).segments] == ["姓名,电话\n张三,13800138000\n李四,1390710\n6789\n"]
    found = [(f.code, f.line) for f in screen_content(attachment_content("名单.csv", data), None)]
    assert found == [("mobile-number", 2), ("mobile-number", 3)]  # the second one broken over two lines


def test_gbk_text_is_unreadable_with_the_failing_line() -> None:
    fact = only_fact(
        attachment_content("a.txt", "第一行\n第二行".encode("ascii", "ignore") + "\n第三行".encode("gbk")), "attachment-unreadable"
    )
    assert "UTF-8" in detail_of(fact) and "GBK" in detail_of(fact)
    assert fact.line == 3


@pytest.mark.parametrize(
    ("name", "label"),
    [
        ("公文.ofd", "OFD"),
        ("旧.doc", "DOC"),
        ("a.wps", "WPS"),
        ("a.zip", "ZIP"),
        ("a.mp4", "MP4"),
        ("a.xyz", "XYZ"),
        ("README", "无扩展名"),
    ],
)
def test_formats_we_cannot_read_are_unscreened(name: str, label: str) -> None:
    fact = only_fact(attachment_content(name, b"anything"), "attachment-unscreened")
    assert label in detail_of(fact) and "人工审查" in detail_of(fact)


def test_ofd_detail() -> None:
    assert detail_of(attachment_content("a.ofd", b"").facts[0]) == "无法自动检查 OFD 文件，请人工审查（也可转换为 PDF 后重新提交）"


# ---------------------------------------------------------------- never raises


def samples() -> list[tuple[str, bytes]]:
    png = io.BytesIO()
    Image.new("RGB", (8, 8)).save(png, "PNG")
    return [
        ("a.docx", dirty_docx()),
        ("a.xlsx", save_xlsx(openpyxl.Workbook())),
        ("a.pptx", pptx()),
        ("a.pdf", text_pdf("Hello")),
        ("a.png", png.getvalue()),
        ("a.jpg", jpeg(gps_exif((1.0, 2.0, 3.0), "N", (4.0, 5.0, 6.0), "E"))),
    ]


@pytest.mark.parametrize("fraction", [0.1, 0.5, 0.9])
def test_truncated_files_never_raise_and_never_look_clean_when_broken(fraction: float) -> None:
    for name, data in samples():
        content = attachment_content(name, data[: int(len(data) * fraction)])
        assert isinstance(content, Content)
        if name.endswith(("docx", "xlsx", "pptx")):  # a zip without its central directory
            assert [f.code for f in content.facts] == ["attachment-unreadable"]


# -- what shows without being a paragraph or a cell ----------------------------------------


def _saved(document: object) -> bytes:
    out = io.BytesIO()
    document.save(out)  # type: ignore[attr-defined]
    return out.getvalue()


def test_a_word_watermark_is_read_and_screened():
    from govreview.screen_content import screen_content

    document = docx.Document()
    document.add_paragraph("关于人防工程检修的通知")
    header = document.sections[0].header.paragraphs[0]
    shape = (
        f'<w:r {nsdecls("w")} xmlns:v="urn:schemas-microsoft-com:vml"><w:pict>'
        '<v:shape id="PowerPlusWaterMarkObject" style="position:absolute"><v:textpath string="机密★"/></v:shape>'
        "</w:pict></w:r>"
    )
    header._p.append(parse_xml(shape))
    content = attachment_content("a.docx", _saved(document))
    assert any(seg.text == "机密★" and zh(seg.where).startswith("水印") for seg in content.segments), content.segments
    findings = screen_content(attachment_content("a.docx", _saved(document)), None)
    assert [f.code for f in findings if f.severity == "block"] == ["secrecy-marking"]


def test_formulas_and_number_formats_of_a_workbook_are_screened():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"] = '="机密"&"★"'
    ws["B1"] = 5
    ws["B1"].number_format = '"内部资料"0'
    content = attachment_content("a.xlsx", _saved(wb))
    places = {zh(seg.where).split()[0]: seg.text for seg in content.segments if zh(seg.where).split()[0] in ("公式", "数字格式")}
    assert "机密" in places["公式"] and "内部资料" in places["数字格式"], content.segments
    assert not [f for f in content.facts if f.code == "doc-author"], "openpyxl's default creator names nobody"


def test_a_workbook_too_large_to_read_is_left_to_a_person(monkeypatch):
    monkeypatch.setattr(attachments, "MAX_SHEET_XML_BYTES", 100)
    wb = openpyxl.Workbook()
    for row in range(50):
        wb.active.append([f"第{row}行", row])
    content = attachment_content("big.xlsx", _saved(wb))
    assert [f.code for f in content.facts] == ["attachment-unscreened"]
