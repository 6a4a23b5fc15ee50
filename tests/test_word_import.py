"""``govreview import``: Word/WPS documents (.docx made here with python-docx) become pages the
gate, screening and a real build understand; tracked changes, comments, old formats and GBK
text are refused with a message naming the file, never a traceback."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from gitsite import MKDOCS, POLICY, GitSite, run_govreview
from govreview.frontmatter import read_front_matter
from govreview.word_import import convert_docx, escape
from PIL import Image
from test_attachments import rewrite_zip, save_docx

#: The test site's news column requires 经办人 (author), as most real policies do.
REQUIRING = POLICY.replace(
    "    steps: [{role: head}, {role: deputy}]\n  major:",
    "    steps: [{role: head}, {role: deputy}]\n    required_fields: [author]\n  major:",
)
WITH_FOOTNOTES = MKDOCS + "markdown_extensions:\n  - tables\n  - footnotes\n"

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def png(colour: str) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (8, 8), colour).save(buf, "PNG")
    return buf.getvalue()


def with_footnote(data: bytes, text: str) -> bytes:
    """The package with a footnotes part holding footnote 1 (python-docx cannot write one)."""
    notes = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes {W}>'
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        f'<w:footnote w:id="1"><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:footnote></w:footnotes>'
    ).encode()

    def change(name: str, body: bytes) -> bytes:
        if name == "[Content_Types].xml":
            part = '<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/>'
            return body.replace(b"</Types>", part.encode() + b"</Types>")
        if name == "word/_rels/document.xml.rels":
            rel = '<Relationship Id="rIdNotes" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/>'
            return body.replace(b"</Relationships>", rel.encode() + b"</Relationships>")
        return body

    return rewrite_zip(data, change, {"word/footnotes.xml": notes})


def notice_docx(marking: str = "") -> bytes:
    """A notice as an office writes it: a heading, a secrecy line (when given), body text with
    characters that are Markdown, a sub-heading, a table with merged cells, a photo, a footnote."""
    document = docx.Document()
    document.core_properties.author = ""
    document.core_properties.last_modified_by = ""
    document.add_heading("关于开展人防宣传周活动的通知", level=1)
    if marking:
        document.add_paragraph(marking)
    para = document.add_paragraph("各街道办事处：")
    para.add_run("请于 9 月 15 日前报送").bold = True
    para.add_run("活动方案，文件名写作 *方案_单位*，# 号不要省略。")
    document.add_paragraph("1. 这不是列表，而是正文中的“1.”")
    document.add_heading("一、活动安排", level=2)
    table = document.add_table(rows=3, cols=3)
    for col, text in enumerate(("街道", "场次", "备注")):
        table.cell(0, col).text = text
    table.cell(1, 0).merge(table.cell(2, 0)).text = "青石街道"
    table.cell(1, 1).merge(table.cell(1, 2)).text = "两场（上午|下午）"
    table.cell(2, 1).text = "1"
    table.cell(2, 2).text = "室内"
    document.add_picture(io.BytesIO(png("red")))
    ref = document.add_paragraph("活动经费按规定列支")
    ref._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:footnoteReference w:id="1"/></w:r>'))
    return with_footnote(save_docx(document), "经费标准见市财政局有关规定。")


def site(tmp_path: Path, mkdocs: str = WITH_FOOTNOTES, policy: str = REQUIRING) -> GitSite:
    (tmp_path / "site").mkdir()
    return GitSite(tmp_path / "site", mkdocs=mkdocs, policy=policy)


def imported(s: GitSite, data: bytes, *args: str, name: str = "宣传周通知.docx", lang: str | None = None):
    source = s.root.parent / name
    source.write_bytes(data)
    return run_govreview(s.root, "import", str(source), "--column", "news", *args, lang=lang)


# ---------------------------------------------------------------- the page


def test_a_notice_becomes_a_page_with_front_matter_table_image_and_footnote(tmp_path: Path) -> None:
    s = site(tmp_path)
    proc = imported(s, notice_docx(), "--date", "2026-09-01", "--name", "xuanchuanzhou")
    assert proc.returncode == 0, proc.stderr
    page = s.root / "docs/news/2026-09-01-xuanchuanzhou.md"
    text = page.read_text(encoding="utf-8")
    fm = read_front_matter(page.read_bytes())
    assert fm.problem is None and fm.meta is not None
    assert fm.meta["title"] == "关于开展人防宣传周活动的通知"
    assert str(fm.meta["date"]) == "2026-09-01"
    assert "author" in fm.meta and fm.meta["author"] is None, "a required field is a marked blank, never invented"
    assert "author:   # 经办人（必填）" in text
    body = fm.body or ""
    assert "# 关于开展" not in body, "the title is not shown twice"
    assert "各街道办事处：**请于 9 月 15 日前报送**活动方案，文件名写作 \\*方案\\_单位\\*，# 号不要省略。" in body
    assert "1\\. 这不是列表" in body
    assert "## 一、活动安排" in body
    assert "| 街道 | 场次 | 备注 |\n| --- | --- | --- |\n| 青石街道 | 两场（上午\\|下午） |  |\n|  | 1 | 室内 |" in body
    assert "第 2 行第 1 列（跨 2 行）；第 2 行第 2 列（跨 2 列）" in body, "merged cells are said in a note"
    image = hashed_name(png("red"))
    assert f"![]({image})" in body and (s.root / "docs/news" / image).read_bytes() == png("red")
    assert "活动经费按规定列支[^1]" in body and "[^1]: 经费标准见市财政局有关规定。" in body
    assert not list(s.root.glob("docs/**/*.docx")), "the original is never copied into docs/"
    assert "经办人（author）" in proc.stdout and "合并单元格" in proc.stdout
    assert "1 张图片，1 个表格，1 条脚注" in proc.stdout


def hashed_name(data: bytes) -> str:
    import hashlib

    return f"img-{hashlib.sha256(data).hexdigest()[:16]}.png"


def test_footnotes_are_plain_notes_where_the_site_has_no_footnotes_extension(tmp_path: Path) -> None:
    """Without the extension, ``[^1]: 文字`` would be read as a link definition and vanish from the page."""
    s = site(tmp_path, MKDOCS)
    proc = imported(s, notice_docx(), "--name", "a", lang="en")
    assert proc.returncode == 0, proc.stderr
    page = s.root / "docs/news/a.md"
    body = page.read_text(encoding="utf-8")
    assert "[^1]" not in body
    assert "活动经费按规定列支\\[1\\]" in body and "注释：\n\n\\[1\\] 经费标准见市财政局有关规定。" in body
    assert "footnotes extension" in proc.stdout


def test_the_title_option_and_a_document_without_headings(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("只有正文，没有标题。")
    s = site(tmp_path)
    proc = imported(s, save_docx(document), "--name", "b", name="b.docx")
    assert proc.returncode == 0, proc.stderr
    page = s.root / "docs/news/b.md"
    meta = read_front_matter(page.read_bytes()).meta
    assert meta is not None and meta["title"] is None, "no title found: a marked blank the check asks for"
    assert "没有找到标题" in proc.stdout
    proc = imported(s, notice_docx(), "--name", "c", "--title", "  给定的 标题 ")
    page = s.root / "docs/news/c.md"
    fm = read_front_matter(page.read_bytes())
    assert fm.meta is not None and fm.meta["title"] == "给定的 标题"
    assert (fm.body or "").startswith("# 关于开展人防宣传周活动的通知\n"), "a title given by the editor keeps the document's heading"
    assert "--title" in proc.stdout


def test_an_existing_page_is_never_overwritten(tmp_path: Path) -> None:
    s = site(tmp_path)
    assert imported(s, notice_docx(), "--name", "x", "--date", "2026-09-01").returncode == 0
    page = s.root / "docs/news/2026-09-01-x.md"
    page.write_text("编辑改过的内容", encoding="utf-8")
    again = imported(s, notice_docx(), "--name", "x", "--date", "2026-09-01")
    assert again.returncode == 2 and "已经存在" in again.stderr and "Traceback" not in again.stderr
    assert page.read_text(encoding="utf-8") == "编辑改过的内容"
    outside = tmp_path / "outside.md"
    (s.root / "docs/news/2026-09-01-w.md").symlink_to(outside)
    linked = imported(s, notice_docx(), "--name", "w", "--date", "2026-09-01")
    assert linked.returncode == 2 and not outside.exists(), "never written through a link"
    image = s.root / "docs/news" / hashed_name(png("red"))
    image.write_bytes(b"other bytes")
    clash = imported(s, notice_docx(), "--name", "v", "--date", "2026-09-01")
    assert clash.returncode == 2 and image.read_bytes() == b"other bytes" and not (s.root / "docs/news/2026-09-01-v.md").exists()


def test_an_original_inside_docs_is_pointed_out(tmp_path: Path) -> None:
    s = site(tmp_path)
    source = s.write("docs/news/稿件.docx", notice_docx())
    proc = run_govreview(s.root, "import", str(source), "--column", "news", "--name", "u")
    assert proc.returncode == 0, proc.stderr
    assert "会作为附件发布" in proc.stdout and "稿件.docx" in proc.stdout


def test_the_original_is_attached_only_when_asked(tmp_path: Path) -> None:
    s = site(tmp_path)
    proc = imported(s, notice_docx(), "--name", "y", "--date", "2026-09-01", "--attach-original")
    assert proc.returncode == 0, proc.stderr
    original = s.root / "docs/news/2026-09-01-y.docx"
    assert original.read_bytes() == notice_docx_bytes(s)
    assert "[原文下载](2026-09-01-y.docx)" in (s.root / "docs/news/2026-09-01-y.md").read_text(encoding="utf-8")


def notice_docx_bytes(s: GitSite) -> bytes:
    return (s.root.parent / "宣传周通知.docx").read_bytes()


def test_the_date_is_what_the_document_states_never_the_day_of_import(tmp_path: Path) -> None:
    """``date`` is the 成文日期 the page shows (and R-30 counts from): taken from the document's
    closing date line, else left blank to fill in."""
    s = site(tmp_path)
    proc = imported(s, notice_docx(), "--name", "z")
    assert proc.returncode == 0, proc.stderr
    page = s.root / "docs/news/z.md"
    meta = read_front_matter(page.read_bytes()).meta
    assert meta is not None and "date" not in meta
    assert "# date:   # 成文日期：请按文件填写" in page.read_text(encoding="utf-8") and "没有找到成文日期" in proc.stdout

    for line, day in (("二〇二六年九月二十一日", "2026-09-21"), ("2026年 9 月 1 日", "2026-09-01")):
        document = docx.Document()
        document.add_heading("通知", level=1)
        document.add_paragraph("正文。")
        document.add_paragraph("测试市测试局")
        document.add_paragraph(line)
        proc = imported(s, save_docx(document), name="dated.docx")
        assert proc.returncode == 0, proc.stderr
        page = s.root / f"docs/news/{day}-dated.md"
        meta = read_front_matter(page.read_bytes()).meta
        assert meta is not None and str(meta["date"]) == day and day in proc.stdout


def test_date_lines() -> None:
    from govreview.word_import import parse_date_line

    assert str(parse_date_line("二〇二六年十二月三十日")) == "2026-12-30"
    assert str(parse_date_line("2026年12月4日")) == "2026-12-04"
    assert parse_date_line("2026年2月30日") is None
    assert parse_date_line("于2026年9月1日召开") is None


def test_escape_keeps_text_from_becoming_markup() -> None:
    assert escape("a*b_c[d]{e}`f\\g<h>&amp;") == "a\\*b\\_c\\[d\\]\\{e\\}\\`f\\\\g&lt;h>&amp;amp;"
    assert escape("x|y", table=True) == "x\\|y"


# ---------------------------------------------------------------- the gate, screening and a real build


def test_the_check_asks_for_the_blank_fields_screening_finds_a_marking_and_an_approved_page_publishes(tmp_path: Path) -> None:
    s = site(tmp_path)
    proc = imported(s, notice_docx(marking="秘密★5年"), "--name", "m", "--date", "2026-09-01")
    assert proc.returncode == 0, proc.stderr
    rel = "docs/news/2026-09-01-m.md"
    screened = run_govreview(s.root, "screen", rel)
    assert screened.returncode == 1 and "block R-03 密级标志" in screened.stdout and "「秘密★5年」" in screened.stdout

    clean = imported(s, notice_docx(), "--name", "n", "--date", "2026-09-01")
    assert clean.returncode == 0, clean.stderr
    (s.root / rel).unlink()
    page = "docs/news/2026-09-01-n.md"
    image = f"docs/news/{hashed_name(png('red'))}"
    s.commit("import")
    s.approve_inputs()
    checked = json.loads(run_govreview(s.root, "check", "--json").stdout)
    (entry,) = [f for f in checked["files"] if f["path"] == "news/2026-09-01-n.md"]
    missing = [r["message"] for r in entry["reasons"] if r["code"] == "field_missing"]
    assert missing == ["缺少必填字段“经办人（author）”"], entry["reasons"]
    assert {r["code"] for r in entry["reasons"]} == {"field_missing", "no_merge"}, "the front matter reads cleanly otherwise"

    path = s.root / page
    path.write_text(path.read_text(encoding="utf-8").replace("author:   # 经办人（必填）", "author: 宣传股"), encoding="utf-8")
    s.commit("fill in the author")
    s.approve_page(page, image)
    built = run_govreview(s.root, "build", "--quiet-generator")
    assert built.returncode == 0, built.stderr
    html = s.html("news/2026-09-01-n/index.html") or ""
    assert "关于开展人防宣传周活动的通知" in html
    assert re.search(r"<td>青石街道</td>\s*<td>两场（上午\|下午）</td>", html)
    assert f'src="../{hashed_name(png("red"))}"' in html and (s.root / "site/news" / hashed_name(png("red"))).is_file()
    assert "经费标准见市财政局有关规定。" in html and 'class="footnote"' in html


# ---------------------------------------------------------------- refused


def revised_docx() -> bytes:
    document = docx.Document()
    document.add_heading("标题", level=1)
    para = document.add_paragraph("正文")
    para._p.append(
        parse_xml(
            f'<w:del {nsdecls("w")} w:id="9" w:author="审核人" w:date="2026-03-01T00:00:00Z"><w:r><w:delText>删掉的话</w:delText></w:r></w:del>'
        )
    )
    return save_docx(document)


def hidden_docx() -> bytes:
    document = docx.Document()
    document.add_paragraph("正文").add_run("隐藏的内部意见").font.hidden = True
    return save_docx(document)


def commented_docx() -> bytes:
    document = docx.Document()
    para = document.add_paragraph("正文")
    document.add_comment([para.add_run("这里")], text="领导意见：先不发", author="王五", initials="WW")
    return save_docx(document)


@pytest.mark.parametrize(
    ("name", "data", "zh", "en", "code"),
    [
        ("改过.docx", revised_docx(), "修订痕迹", "tracked changes", 1),
        ("批注.docx", commented_docx(), "批注", "comments", 1),
        ("隐藏.docx", hidden_docx(), "隐藏文字", "hidden text", 1),
        ("旧格式.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "另存为", "Save as", 1),
        ("旧格式.wps", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "另存为", "Save as", 1),
        ("加密.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "密码", "password", 1),
        ("国标.txt", "关于开展人防宣传周活动的通知".encode("gbk"), "GBK", "GBK", 1),
        ("坏的.docx", b"PK\x03\x04not really a zip", "无法读取", "cannot be read", 1),
    ],
)
def test_refused_documents_say_why_and_write_nothing(tmp_path: Path, name: str, data: bytes, zh: str, en: str, code: int) -> None:
    s = site(tmp_path)
    before = sorted(p.relative_to(s.root).as_posix() for p in (s.root / "docs").rglob("*"))
    for lang, word in (("zh", zh), ("en", en)):
        proc = imported(s, data, name=name, lang=lang)
        assert proc.returncode == code, proc.stderr
        assert word in proc.stderr and name in proc.stderr and "Traceback" not in proc.stderr, proc.stderr
    assert sorted(p.relative_to(s.root).as_posix() for p in (s.root / "docs").rglob("*")) == before


def test_revisions_are_found_by_the_attachment_reader_screening_uses() -> None:
    """One definition: the refusal is the same fact screening blocks in an attached .docx."""
    from govreview.attachments import attachment_content

    codes = {f.code for f in attachment_content("a.docx", revised_docx()).facts}
    assert "doc-revisions" in codes
    proc_text = convert_docx(notice_docx()).body
    assert "删掉的话" not in proc_text


def test_usage_errors_are_messages(tmp_path: Path) -> None:
    s = site(tmp_path)
    wrong = imported(s, notice_docx(), "--date", "九月一日")
    assert wrong.returncode == 2 and "九月一日" in wrong.stderr and "Traceback" not in wrong.stderr
    column = run_govreview(s.root, "import", str(tmp_path / "none.docx"), "--column", "nowhere")
    assert column.returncode == 2 and "nowhere" in column.stderr and "news（工作动态）" in column.stderr
    missing = run_govreview(s.root, "import", str(tmp_path / "none.docx"), "--column", "news")
    assert missing.returncode == 2 and "none.docx" in missing.stderr
