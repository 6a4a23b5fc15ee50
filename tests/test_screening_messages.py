"""What screening says, in the language the caller asks for: places inside a file
(「批注 名单 B2」, ``comment on sheet 名单, cell B2``) and details of findings are codes with
parameters, rendered by the screening catalogue; Chinese output is what it always was.
Real small files are built and screened as the CLI, the gate and the cache see them.
"""

from __future__ import annotations

import io
import re
from dataclasses import replace
from pathlib import Path

import docx
import openpyxl
from evidence import POLICY_ID, index, page
from govreview import messages
from govreview.core.findings import Finding, place
from govreview.core.gate import judge
from govreview.core.policy import Screening
from govreview.core.verdict import ATTACHMENT
from govreview.findings_cache import FindingsCache, Screenable, content_id
from govreview.messages import CATALOGUES, finding_text, place_text, render
from govreview.messages.screening import NAMES
from govreview.screen_content import file_content, screen_content
from govreview.screen_files import as_json, lint_lines, screen_file
from openpyxl.comments import Comment
from test_attachments import dirty_docx, gps_exif, jpeg, pptx
from test_screening_gate import approved_pr, policy  # noqa: F401  (a fixture)

SOURCE = Path(messages.__file__).resolve().parent.parent
_CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


def workbook() -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "名单"
    ws["B2"] = "会议名单"
    ws["B2"].comment = Comment("内部资料", "王五")
    ws["B3"] = "秘密★1年"
    ws.oddFooter.center.text = "内部资料"
    wb.create_sheet("备用").sheet_state = "hidden"
    wb.properties.creator = "张三"
    wb.properties.lastModifiedBy = "李四"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def lines_of(path: Path, lang: str) -> list[str]:
    return list(lint_lines([screen_file(path, None)], lang))


def line_for(lines: list[str], *parts: str) -> str:
    found = [line for line in lines if all(p in line for p in parts)]
    assert len(found) == 1, (parts, lines)
    return found[0]


# -- the command line ------------------------------------------------------------------------


def test_a_workbook_names_cells_comments_sheets_and_people_in_both_languages(tmp_path):
    path = tmp_path / "名单.xlsx"
    path.write_bytes(workbook())
    zh, en = lines_of(path, "zh"), lines_of(path, "en")
    assert len(zh) == len(en)

    assert "内部资料标志：〔批注 名单 B2〕「内部资料」表明这是内部资料" in line_for(zh, "〔批注 名单 B2〕", "内部资料标志")
    assert "internal-material marking: [comment on sheet 名单, cell B2] '内部资料' marks internal material" in line_for(
        en, "[comment on sheet 名单, cell B2]", "internal-material"
    )
    assert "〔批注 名单 B2〕表格含批注（1），请删除" in line_for(zh, "表格批注")
    assert "[comment on sheet 名单, cell B2] the workbook has cell comments (1)" in line_for(en, "cell comments")
    assert "密级标志：〔工作表 名单 B3〕「秘密★1年」" in line_for(zh, "〔工作表 名单 B3〕")
    assert "secrecy marking: [sheet 名单, cell B3] '秘密★1年'" in line_for(en, "[sheet 名单, cell B3]")
    assert "〔工作表 名单 页脚〕" in line_for(zh, "〔工作表 名单 页脚〕", "内部资料标志")
    assert line_for(en, "[sheet 名单, footer]", "internal-material")
    assert "〔工作表 备用〕表格含隐藏的工作表「备用」" in line_for(zh, "隐藏工作表")
    assert "[sheet 备用] the workbook has a hidden sheet '备用'" in line_for(en, "hidden sheet")
    assert "〔文档属性〕作者：张三；最后修改者：李四。请在文档属性中删除个人信息后再上传" in line_for(zh, "文档属性含个人信息")
    assert "[document properties] author: 张三; last modified by: 李四. Remove personal data" in line_for(en, "personal data")


def test_a_document_names_paragraphs_comments_and_revisions_in_both_languages(tmp_path):
    path = tmp_path / "通知.docx"
    path.write_bytes(dirty_docx())
    zh, en = lines_of(path, "zh"), lines_of(path, "en")
    assert "文档批注：〔批注〕文档含批注（1）" in line_for(zh, "文档批注")
    assert "document comments: [comments] the document has comments (1)" in line_for(en, "document comments")
    assert "修订痕迹：〔修订〕文档含未处理的修订（2）" in line_for(zh, "修订痕迹")
    assert "tracked changes: [tracked changes] the document has tracked changes (2)" in line_for(en, "tracked changes:")
    assert "〔第3段〕文档含隐藏文字（隐藏的身份证号 110***" in line_for(zh, "隐藏文字")
    assert "[paragraph 3] the document has hidden text (" in line_for(en, "hidden text")
    assert "〔文档属性〕作者：张三；最后修改者：李四；单位：某某市某某局" in line_for(zh, "文档属性含个人信息")
    assert "[document properties] author: 张三; last modified by: 李四; company: 某某市某某局" in line_for(en, "personal data")


def test_an_embedded_photo_and_hidden_slides_in_both_languages(tmp_path):
    document = docx.Document()
    document.core_properties.author = "python-docx"
    document.add_picture(io.BytesIO(jpeg(gps_exif((30.0, 34.0, 48.0), "N", (114.0, 18.0, 0.0), "E"))))
    photo = tmp_path / "a.docx"
    document.save(str(photo))
    zh, en = lines_of(photo, "zh"), lines_of(photo, "en")
    assert "照片位置信息：〔内嵌图片 image1.jpg EXIF〕照片带有拍摄地点坐标（纬度 30.58，经度 114.30）" in line_for(zh, "照片位置信息")
    assert (
        "photo location: [embedded picture image1.jpg, EXIF] the photo records where it was taken (latitude 30.58, longitude 114.30)"
        in (line_for(en, "photo location"))
    )

    slides = tmp_path / "a.pptx"
    slides.write_bytes(pptx())
    assert "〔幻灯片〕文档含隐藏文字（隐藏的幻灯片：第2张）" in line_for(lines_of(slides, "zh"), "隐藏文字")
    assert "[slides] the document has hidden text (hidden slides: slide 2)" in line_for(lines_of(slides, "en"), "hidden text")


def test_files_that_cannot_be_read_say_why_in_english_without_chinese(tmp_path):
    (tmp_path / "bad.xlsx").write_bytes(b"PK\x03\x04 not a workbook")
    (tmp_path / "README").write_bytes(b"\x00\x01")
    (tmp_path / "old.txt").write_bytes("内部资料\n".encode("gbk"))
    for name, said in (
        ("bad.xlsx", "the file is damaged or not a valid XLSX file, so it cannot be checked"),
        ("README", "files of this kind (no suffix) cannot be checked automatically"),
        ("old.txt", "the file is not UTF-8 (it looks like GBK/GB18030)"),
    ):
        [line] = lines_of(tmp_path / name, "en")
        assert said in line and not _CJK.search(line), line
    [zh] = lines_of(tmp_path / "old.txt", "zh")
    assert "文件不是 UTF-8 编码（看起来是 GBK/GB18030 编码），无法自动检查；请另存为 UTF-8 后重新提交" in zh
    [zh] = lines_of(tmp_path / "README", "zh")
    assert "无法自动检查此类文件（无扩展名），请人工审查" in zh


def test_json_output_renders_the_place_in_the_language_asked(tmp_path):
    path = tmp_path / "名单.xlsx"
    path.write_bytes(workbook())
    results = [screen_file(path, None)]
    assert '"where": "批注 名单 B2"' in as_json(results, "zh")
    assert '"where": "comment on sheet 名单, cell B2"' in as_json(results, "en")


# -- the gate and the cache ------------------------------------------------------------------


def test_the_gate_renders_an_attachments_finding_with_its_place_in_both_languages(policy):  # noqa: F811
    content = file_content("news/名单.xlsx", workbook(), attachment=True)
    src = replace(page("news/名单.xlsx", "b1", kind=ATTACHMENT), content=content)
    verdict = judge(src, index(approved_pr("docs/news/名单.xlsx").merged()), {POLICY_ID: policy})
    assert not verdict.approved
    zh = [render(r, "zh") for r in verdict.reasons]
    en = [render(r, "en") for r in verdict.reasons]
    assert any("表格批注：〔批注 名单 B2〕表格含批注（1），请删除" in t for t in zh), zh
    assert any("cell comments: [comment on sheet 名单, cell B2] the workbook has cell comments (1)" in t for t in en), en


def test_an_attachments_findings_come_back_from_the_cache_with_places_and_details(tmp_path):
    data = dirty_docx()
    cid = content_id("blob-docx", "news/通知.docx", "attachment published")
    cold = screen_content(file_content("news/通知.docx", data, attachment=True), None)
    assert any(f.where for f in cold) and any("detail_code" in f.params or isinstance(f.params.get("detail"), tuple) for f in cold)

    def warm() -> tuple[Finding, ...]:
        cache = FindingsCache(tmp_path)
        found = Screenable(cid, lambda: file_content("news/通知.docx", data, attachment=True), cache).findings(Screening(), {})
        cache.flush()
        return found

    assert warm() == cold
    again = warm()  # read from the pack on disk
    assert again == cold
    for lang in ("zh", "en"):
        assert [finding_text(f.code, {"where": f.where, **f.params}, lang) for f in again] == [
            finding_text(f.code, {"where": f.where, **f.params}, lang) for f in cold
        ]


# -- the catalogue ----------------------------------------------------------------------------


def test_places_join_their_steps_per_language():
    where = place("place.embedded_picture", name="image1.png") + place("place.exif")
    assert place_text(where, "zh") == "内嵌图片 image1.png EXIF"
    assert place_text(where, "en") == "embedded picture image1.png, EXIF"
    props = place("place.properties") + place("label.title")
    assert (place_text(props, "zh"), place_text(props, "en")) == ("文档属性 标题", "document properties, title")
    key = place("place.front_matter", key="title")
    assert (place_text(key, "zh"), place_text(key, "en")) == ("页首信息 title", "front matter title")
    assert place_text((), "zh") == place_text((), "en") == ""


def test_every_place_label_and_detail_code_the_product_uses_is_in_the_catalogue():
    """Readers keep these codes as plain strings (core cannot import messages): the
    check of ``msg("code"`` in tests/test_messages.py does not see them."""
    pattern = re.compile(r"""["']((?:place|label|detail)\.[a-z0-9_]+)["']""")
    used = {m.group(1) for path in SOURCE.rglob("*.py") for m in pattern.finditer(path.read_text(encoding="utf-8"))}
    known = set(CATALOGUES["editor"]) | set(NAMES)
    assert used and not used - known, used - known


def test_names_the_same_in_every_language_are_latin_and_no_messages():
    for code, name in NAMES.items():
        assert name.isascii() and code not in CATALOGUES["editor"], code
