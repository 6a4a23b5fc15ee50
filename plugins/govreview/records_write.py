"""Writing the paper records: the approval form (R-50) as ``.docx`` from an editable
template and as printable HTML, the ledger (R-51, R-52) and the statistics (R-53, R-54)
as ``.xlsx`` and HTML. The data comes from :mod:`govreview.core.recordbook`; this module
only lays it out.

The ``.docx`` template is a policy input an office edits in WPS or Word. Word and WPS
often split what looks like one tag (``{{ title }}``) across several runs of text, which
the template engine then cannot see; :func:`check_template` refuses such a template
with the file and the tag, instead of writing a form with holes in it.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any

from lxml import etree

from . import messages
from .core.gate import local_day
from .core.recordbook import Form, FormStep, LedgerRow, Statistics
from .messages import Problem, msg
from .timefmt import shanghai

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)
_OPEN = re.compile(r"\{\{|\{%|\{#")
#: Where an office's own form template lives in the policy folder.
TEMPLATE_NAME = "form-template.docx"
TIME = "%Y-%m-%d %H:%M"


class TemplateProblem(Problem):
    """The form template cannot be used; the message names the file and the tag."""


def default_template() -> Path:
    return Path(str(resources.files("govreview") / "templates" / "form.docx"))


def _parts(path: Path) -> list[tuple[str, bytes]]:
    try:
        with zipfile.ZipFile(path) as z:
            names = [n for n in z.namelist() if re.fullmatch(r"word/(document|header\d*|footer\d*)\.xml", n)]
            return [(n, z.read(n)) for n in names]
    except (OSError, zipfile.BadZipFile, KeyError) as err:
        raise TemplateProblem(msg("records_template_unreadable", file=str(path), error=str(err))) from None


def check_template(path: Path) -> None:
    """Refuse a template whose tags Word or WPS split across runs, or left unclosed."""
    parts = _parts(path)
    if not any(name == "word/document.xml" for name, _ in parts):
        raise TemplateProblem(msg("records_template_unreadable", file=str(path), error="word/document.xml"))
    for _, xml in parts:
        try:
            root = etree.fromstring(xml)
        except etree.XMLSyntaxError as err:
            raise TemplateProblem(msg("records_template_unreadable", file=str(path), error=str(err))) from None
        for para in root.iter(f"{W}p"):
            runs = ["".join(t.text or "" for t in r.iter(f"{W}t")) for r in para.iter(f"{W}r")]
            text = "".join(runs)
            ends, total = [], 0
            for run in runs:
                total += len(run)
                ends.append(total)
            covered = 0
            for m in _TAG.finditer(text):
                first = next(i for i, end in enumerate(ends) if end > m.start())
                last = next(i for i, end in enumerate(ends) if end >= m.end())
                if first != last:
                    raise TemplateProblem(msg("records_template_split", file=str(path), tag=m.group(0)))
                covered = m.end()
            rest = _OPEN.search(text, covered)
            if rest is not None:
                raise TemplateProblem(msg("records_template_unclosed", file=str(path), tag=text[rest.start() : rest.start() + 40]))


# -- the form -----------------------------------------------------------------------------------


def _time(moment: datetime | None) -> str:
    return shanghai(moment).strftime(TIME) if moment is not None else "—"


@dataclass(frozen=True)
class FormRow:
    step: str
    role: str
    approver: str
    opinion: str
    decision: str
    time: str


def _rows(step: FormStep) -> list[FormRow]:
    if not step.signatures:
        return [FormRow(step.name, step.name, "未签署", "", "未完成", "—")]
    return [FormRow(step.name, step.name, s.shown, s.opinion, s.decision, _time(s.at)) for s in step.signatures]


def form_context(form: Form, site: str, lang: str | None = None) -> dict[str, Any]:
    """The values a form template reads (documented in guide/records.md)."""
    item = form.item
    rows = [r for s in form.steps for r in _rows(s)]
    secrecy = form.secrecy
    secrecy_text = "；".join(f"{s.shown}（{_time(s.at)}）" for s in secrecy.signatures) if secrecy and secrecy.signatures else "—"
    published = _time(form.published_at) + ("（首次发布）" if form.publication_recorded else "（尚无发布记录，暂按合并时间）")
    return {
        "site": site,
        "unit": form.unit,
        "handler": form.handler,
        "title": form.title,
        "column": form.column,
        "category": form.category,
        "path": item.path,
        "steps": [r.__dict__ for r in rows],
        "secrecy": secrecy_text,
        "platforms": "、".join(form.platforms) or "无",
        "wechat": "是" if form.wechat else "否",
        "published": published,
        "merged": _time(item.pull.merged_at),
        "pull": item.pull.number,
        "pull_title": item.pull.title,
        # Without the repository's address the link would only repeat "#N": leave it out.
        "pull_url": form.pull_url if form.pull_url.startswith("http") else "",
        "content_id": form.content_id,
        "status": "已通过审批" if not form.reasons else "未通过审批，不予发布",
        "reasons": [messages.render(r, lang) for r in form.reasons],
        "generated": shanghai(datetime.now(UTC)).strftime(TIME),
    }


def write_form_docx(context: Mapping[str, Any], template: Path, out: Path) -> None:
    from docxtpl import DocxTemplate

    check_template(template)
    doc = DocxTemplate(str(template))
    doc.render(dict(context), autoescape=True)
    out.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(out))


def _jinja(name: str) -> Any:
    import jinja2

    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
    return env.from_string((resources.files("govreview") / "templates" / name).read_text(encoding="utf-8"))


def write_form_html(context: Mapping[str, Any], out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(_jinja("form.html").render(**context), encoding="utf-8")


def form_basename(form: Form) -> str:
    slug = re.sub(r"[^0-9A-Za-z._-]+", "_", form.item.path.rsplit(".", 1)[0]).strip("_")
    return f"审批表-{form.item.pull.number}-{slug}"


# -- spreadsheets -----------------------------------------------------------------------------

_BAD_SHEET = re.compile(r"[\[\]:*?/\\]")


def sheet_name(name: str, taken: set[str]) -> str:
    """A worksheet name Excel and WPS accept: no []:*?/\\, at most 31 characters, unique."""
    base = _BAD_SHEET.sub("_", name).strip("'") or "_"
    candidate, n = base[:31], 1
    while candidate.lower() in taken:
        n += 1
        suffix = f"({n})"
        candidate = base[: 31 - len(suffix)] + suffix
    taken.add(candidate.lower())
    return candidate


def _cell_time(moment: datetime | None) -> datetime | None:
    """A time as Excel holds it: China time, without a zone (Excel has none)."""
    return shanghai(moment).replace(tzinfo=None) if moment is not None else None


LEDGER_HEADERS = (
    "序号",
    "报送单位",
    "栏目",
    "标题",
    "信息类别",
    "类型",
    "来源（作者）",
    "经办人",
    "成文日期",
    "报送时间",
    "保密审查人",
    "分管领导",
    "审批人",
    "发布时间",
    "拉取请求",
    "内容标识",
    "备注",
)
_WIDTHS = (6, 14, 12, 36, 12, 8, 14, 12, 12, 17, 18, 18, 40, 17, 10, 42, 40)


def _remarks(row: LedgerRow, lang: str | None) -> str:
    notes = []
    if not row.publication_recorded:
        notes.append("发布时间暂按合并时间")
    if not row.item.approved:
        notes.append("未通过审批：" + "；".join(messages.render(r, lang) for r in row.item.verdict.reasons))
    return "；".join(notes)


def _ledger_sheet(ws: Any, rows: list[LedgerRow], lang: str | None) -> None:
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    ws.append(list(LEDGER_HEADERS))
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    for number, row in enumerate(rows, start=1):
        ws.append(
            [
                number,
                row.unit,
                row.column,
                row.title,
                row.category,
                row.info_type,
                row.source,
                row.handler,
                row.written,
                _cell_time(row.submitted_at),
                row.secrecy,
                row.deputy,
                row.approvers,
                _cell_time(row.published_at),
                row.pull,
                row.content_id,
                _remarks(row, lang),
            ]
        )
        r = ws.max_row
        ws.cell(r, 9).number_format = "yyyy-mm-dd"
        ws.cell(r, 10).number_format = "yyyy-mm-dd hh:mm"
        ws.cell(r, 14).number_format = "yyyy-mm-dd hh:mm"
        ws.cell(r, 15).hyperlink = row.pull_url if row.pull_url.startswith("http") else None
        for c in range(1, len(LEDGER_HEADERS) + 1):
            ws.cell(r, c).alignment = Alignment(wrap_text=True, vertical="top")
    for i, width in enumerate(_WIDTHS, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = "A2"


def write_ledger(rows: list[LedgerRow], month: str, status: str, out: Path, lang: str | None = None) -> None:
    """The month's ledger: every item on the first sheet, then a sheet per unit."""
    from openpyxl import Workbook

    wb = Workbook()
    taken: set[str] = set()
    first = wb.active
    first.title = sheet_name(f"{month} 全部", taken)
    _ledger_sheet(first, rows, lang)
    first.append([])
    first.append([status])
    for unit in dict.fromkeys(r.unit for r in rows):  # in the order the month met them
        _ledger_sheet(wb.create_sheet(sheet_name(unit, taken)), [r for r in rows if r.unit == unit], lang)
    out.parent.mkdir(parents=True, exist_ok=True)
    wb.save(out)


def _counts_sheet(ws: Any, header: str, counts: Iterable[tuple[str, int]], withheld: Mapping[str, int] | None = None) -> None:
    from openpyxl.styles import Font

    ws.append([header, "已发布", *(["未发布"] if withheld is not None else [])])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for name, count in counts:
        ws.append([name, count, *([withheld.get(name, 0)] if withheld is not None else [])])
    ws.column_dimensions["A"].width = 24


def stats_rows(stats: Statistics, lang: str | None, pull_url: Any) -> dict[str, Any]:
    """The statistics as the report lays them out (shared by the workbook and the page)."""
    units = sorted(set(stats.by_unit) | set(stats.by_unit_withheld))
    return {
        "start": local_day(stats.start),
        "end": local_day(stats.end),
        "published": stats.published,
        "withheld_count": len(stats.withheld),
        "units": [(u, stats.by_unit.get(u, 0), stats.by_unit_withheld.get(u, 0)) for u in units],
        "columns": sorted(stats.by_column.items()),
        "categories": sorted(stats.by_category.items()),
        "rates": [(r.rule, r.category, r.field, r.total, r.on_time, r.late, r.no_date, r.exempt, r.rate) for r in stats.rates],
        "late": [
            (
                lt.item.unit,
                lt.item.title,
                lt.item.path,
                lt.rule,
                lt.last_day,
                local_day(lt.item.published_at),
                lt.item.pull.number,
                pull_url(lt.item.pull.number),
            )
            for lt in stats.late
        ],
        "withheld": [
            (
                i.unit,
                i.title,
                i.path,
                i.pull.number,
                pull_url(i.pull.number),
                "；".join(messages.render(r, lang) for r in i.verdict.reasons),
            )
            for i in stats.withheld
        ],
    }


def write_stats_xlsx(data: Mapping[str, Any], title: str, out: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = "概况"
    ws.append([title])
    ws["A1"].font = Font(bold=True, size=14)
    ws.append(["起始日期", data["start"]])
    ws.append(["截止日期（不含）", data["end"]])
    ws.append(["已发布", data["published"]])
    ws.append(["未发布（证据不足或未通过审批）", data["withheld_count"]])
    for r in (2, 3):
        ws.cell(r, 2).number_format = "yyyy-mm-dd"
    ws.column_dimensions["A"].width = 30
    ws.column_dimensions["B"].width = 14
    _counts_sheet(wb.create_sheet("按单位"), "单位", [(u, n) for u, n, _ in data["units"]], {u: w for u, _, w in data["units"]})
    _counts_sheet(wb.create_sheet("按栏目"), "栏目", data["columns"])
    _counts_sheet(wb.create_sheet("按类别"), "信息类别", data["categories"])
    rates = wb.create_sheet("期限执行")
    rates.append(["规则", "信息类别", "日期字段", "适用", "按时", "超期", "缺少日期", "紧急豁免", "按时率"])
    for row in data["rates"]:
        rates.append(list(row))
        if row[-1] is not None:
            rates.cell(rates.max_row, 9).number_format = "0.0%"
    late = wb.create_sheet("超期")
    late.append(["单位", "标题", "文件", "规则", "最后期限", "发布日期", "拉取请求"])
    for unit, title_, path, rule, last_day, day, pull, _url in data["late"]:
        late.append([unit, title_, path, rule, last_day, day, pull])
        late.cell(late.max_row, 5).number_format = "yyyy-mm-dd"
        late.cell(late.max_row, 6).number_format = "yyyy-mm-dd"
    withheld = wb.create_sheet("未发布")
    withheld.append(["单位", "标题", "文件", "拉取请求", "原因"])
    for unit, title_, path, pull, _url, why in data["withheld"]:
        withheld.append([unit, title_, path, pull, why])
    for sheet in wb.worksheets[1:]:
        for cell in sheet[1]:
            cell.font = Font(bold=True)
    out.parent.mkdir(parents=True, exist_ok=True)
    wb.save(out)


def write_stats_html(data: Mapping[str, Any], title: str, out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(_jinja("report.html").render(title=title, **data), encoding="utf-8")
