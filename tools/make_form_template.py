"""Write the default approval-form template (plugins/govreview/templates/form.docx).

Run once after changing the layout; the office copies the result into policies/
(as form-template.docx) and edits it in WPS or Word. Tags are docxtpl's (Jinja2):
each is written in one run of text, so the template check accepts it.
"""

from __future__ import annotations

import sys
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

OUT = Path(__file__).resolve().parent.parent / "plugins" / "govreview" / "templates" / "form.docx"


def _font(run, size: float | None = None, bold: bool = False) -> None:  # type: ignore[no-untyped-def]
    run.font.name = "宋体"
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "宋体")
    if size:
        run.font.size = Pt(size)
    run.bold = bold


def _cell(cell, text: str, bold: bool = False, size: float = 10.5) -> None:  # type: ignore[no-untyped-def]
    cell.text = ""
    _font(cell.paragraphs[0].add_run(text), size, bold)


def main(out: Path = OUT) -> None:
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(18)
    section.top_margin = section.bottom_margin = Mm(18)

    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(title.add_run("网站信息发布审批表"), 20, True)
    site = doc.add_paragraph()
    site.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(site.add_run("{{ site }}"), 12)
    note = doc.add_paragraph()
    _font(
        note.add_run(
            "电子审批记录：本表由 govreview 依据审批档案（拉取请求的审查与合并记录）生成，各环节的审批人、意见和时间均取自电子记录，"
            "与档案一致。需要纸质签字的单位，请在下方“签字栏”中手写意见并签字。"
        ),
        9,
    )

    facts = [
        ("申请单位", "{{ unit }}", "经办人", "{{ handler }}"),
        ("标题", "{{ title }}", None, None),
        ("栏目", "{{ column }}", "信息类别", "{{ category }}"),
        ("同步发布平台", "{{ platforms }}", "微信公众号", "{{ wechat }}"),
        ("保密审查", "{{ secrecy }}", None, None),
        ("发布时间", "{{ published }}", None, None),
        ("拉取请求", "#{{ pull }} {{ pull_title }}  {{ pull_url }}", None, None),
        ("内容标识", "{{ path }}  {{ content_id }}", None, None),
        ("审批结论", "{{ status }}{% for r in reasons %}；{{ r }}{% endfor %}", None, None),
    ]
    table = doc.add_table(rows=len(facts), cols=4)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for row, (a, b, c, d) in zip(table.rows, facts, strict=True):
        _cell(row.cells[0], a, True)
        if c is None:
            merged = row.cells[1].merge(row.cells[3])
            _cell(merged, b)
        else:
            _cell(row.cells[1], b)
            _cell(row.cells[2], c, True)
            _cell(row.cells[3], d or "")
    doc.add_paragraph()

    steps = doc.add_table(rows=4, cols=5)
    steps.style = "Table Grid"
    for cell, text in zip(steps.rows[0].cells, ("审批环节", "审批人", "审批意见", "结论", "时间"), strict=True):
        _cell(cell, text, True)
    _cell(steps.rows[1].cells[0], "{%tr for s in steps %}")
    for cell, text in zip(
        steps.rows[2].cells, ("{{ s.step }}", "{{ s.approver }}", "{{ s.opinion or '—' }}", "{{ s.decision }}", "{{ s.time }}"), strict=True
    ):
        _cell(cell, text)
    _cell(steps.rows[3].cells[0], "{%tr endfor %}")
    doc.add_paragraph()

    sign = doc.add_table(rows=5, cols=2)
    sign.style = "Table Grid"
    merged = sign.rows[0].cells[0].merge(sign.rows[0].cells[1])
    _cell(merged, "签字栏（纸质件手写）", True)
    for row, label in zip(sign.rows[1:], ("主要领导意见", "分管领导意见", "保密委员会意见", "处室负责人意见"), strict=True):
        _cell(row.cells[0], label, True)
        _cell(row.cells[1], "\n\n\n签字：　　　　　　　　日期：")
        row.height = Mm(28)
    for row in sign.rows:
        row.cells[0].width = Mm(34)
        row.cells[1].width = Mm(140)
    foot = doc.add_paragraph()
    _font(foot.add_run("合并时间：{{ merged }}　生成时间：{{ generated }}（北京时间）"), 9)
    out.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(out))


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT)
