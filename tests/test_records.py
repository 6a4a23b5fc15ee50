"""The paper records (R-50 to R-54) from a real archive of a real git repository: the
approval form read back with python-docx and rendered by Chromium, the month's ledger and
the statistics read back with openpyxl, every field checked against the archive.

The fixture spans the National Day holiday week of 2026 (1-7 October off, 10 October a
make-up working day) and the September/October boundary in China time: an item merged at
23:00 on 30 September (China) and first published at 00:30 on 1 October belongs to October.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import zipfile
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import docx
import openpyxl
import pytest
from gitsite import GitSite, run_govreview
from govreview.archive_jsonl import write_archive
from govreview.core.evidence import Commit, FileChange, Head, LabelEvent, PullRecord, Review
from govreview.core.recordbook import form_of, in_period, ledger_rows, month_bounds, quarter_bounds, statistics
from govreview.core.records import Publication
from govreview.policy_yaml import policy_files, policy_id
from govreview.records_archive import open_book
from govreview.records_write import check_template, default_template, sheet_name
from PIL import Image

CST = timezone(timedelta(hours=8))
LONG_UNIT = "人民防空警报试鸣保障与指挥通信联合工作领导小组办公室（警报设施维护专项）第二科"  # longer than a sheet name may be

POLICY = f"""\
version: 1
site: {{name: 测试市人民防空办公室, publisher: 测试市人民防空办公室}}
units:
  office: 办公室
  command: {LONG_UNIT}
roles:
  head: {{name: 处室负责人, units: {{office: [hana], command: [hana]}}}}
  deputy: {{name: 分管领导, units: {{office: [dong], command: [dong]}}}}
  secrecy: {{name: 保密审查员, members: [bao]}}
  owners: {{name: 规则负责人, members: [gui]}}
  committee: {{name: 保密委员会, members: [wei]}}
secrecy: {{label: 保密审查通过, role: secrecy}}
screening: {{clear: {{role: committee}}}}
categories:
  news:
    name: 工作动态
    rules: [R-10]
    steps: [{{role: head}}, {{role: deputy}}]
  preview:
    name: 预告
    rules: [R-10]
    steps: [{{role: head}}, {{role: deputy}}]
    required_fields: [event_date]
    deadlines:
      - {{rule: R-32, field: event_date, before: 3}}
  reply:
    name: 互动回复
    rules: [R-13]
    steps: [{{role: head}}, {{role: deputy}}]
    required_fields: [asked_on]
    deadlines:
      - {{rule: R-34, field: asked_on, within: 5}}
  policy:
    name: 规则与配置
    secrecy_review: false
    steps: [{{role: owners}}]
columns:
  .: {{name: 首页, category: news, unit: office}}
  news: {{name: 工作动态, category: news, unit: office}}
  previews: {{name: 活动预告, category: preview, unit: command}}
  replies: {{name: 留言答复, category: reply, unit: command}}
"""


def cst(month: int, day: int, hour: int = 10, minute: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=CST)


def page(title: str, author: str, **fields: str) -> str:
    lines = [
        "---",
        f"title: {title}",
        f"author: {author}",
        "date: 2026-09-25",
        *(f"{k}: {v}" for k, v in fields.items()),
        "---",
        "",
        "正文。",
        "",
    ]
    return "\n".join(lines)


PAGES = {
    "docs/news/a.md": page("国庆前夜的值守安排", "甲经办"),
    "docs/replies/b.md": page("关于警报试鸣时间的答复", "乙经办", asked_on="2026-09-29"),
    "docs/replies/c.md": page("关于地下车库的答复", "丙经办", asked_on="2026-09-21"),
    "docs/previews/d.md": page("疏散演练预告", "丁经办", event_date="2026-10-12"),
    "docs/previews/e.md": page("开放日预告", "戊经办", event_date="2026-10-09"),
    "docs/news/f.md": page("未经保密审查的稿件", "己经办"),
    "docs/news/g1.md": page("人防宣传周启动", "庚经办", channels="[省政府网站, 微信公众号]"),
    "docs/news/g2.md": page("人防宣传周图片报道", "庚经办"),
    "docs/news/h.md": page("十一月工作动态", "辛经办"),
}


class Fixture:
    def __init__(self, root: Path) -> None:
        self.site = GitSite(root, policy=POLICY)
        for path, text in PAGES.items():
            self.site.write(path, text)
        self.site.commit("pages")
        self.head = self.site.git("rev-parse", "HEAD")
        self.policy = policy_id(policy_files(root / "policies"))
        self.pulls: list[PullRecord] = []
        self.publications: list[Publication] = []

    def blob(self, path: str) -> str:
        return self.site.blob(path)

    def merge(
        self,
        paths: list[str],
        merged: datetime,
        *,
        bodies: dict[str, str] | None = None,
        secrecy: bool = True,
        published: datetime | None = None,
    ) -> PullRecord:
        number = len(self.pulls) + 1
        files = {p: self.blob(p) for p in paths}
        ready = merged - timedelta(hours=6)
        bodies = bodies or {}
        reviews = tuple(
            Review(login, "APPROVED", self.head, ready + timedelta(hours=i + 1), 100 * number + i, bodies.get(login, ""))
            for i, login in enumerate(("hana", "dong"))
        )
        labels = (LabelEvent("保密审查通过", "labeled", "bao", ready + timedelta(hours=3)),) if secrecy else ()
        pull = PullRecord(
            number=number,
            title=f"发布 {number}",
            author="ed",
            merged_at=merged,
            merge_commit=self.head,
            head=self.head,
            base=self.head,
            policy=self.policy,
            files=tuple(FileChange(p, "added", b) for p, b in files.items()),
            reviews=reviews,
            labels=labels,
            heads=(Head(self.head, ready - timedelta(minutes=30), files),),
            commits=(Commit(self.head, "ed", "ed"),),
            merged_by="lin",
            ready_at=ready,
        )
        self.pulls.append(pull)
        if published is not None:
            self.publications += [Publication(p, b, published, f"run-{number}", self.head) for p, b in files.items()]
        return pull

    def save(self) -> None:
        files = policy_files(self.site.root / "policies")
        write_archive(self.site.root / "archive" / "approvals.jsonl", {self.policy: files}, self.pulls, publications=self.publications)


@pytest.fixture(scope="module")
def fx(tmp_path_factory: pytest.TempPathFactory) -> Fixture:
    return build(tmp_path_factory.mktemp("records"))


def build(root: Path) -> Fixture:
    f = Fixture(root)
    # 1: merged 23:00 on 30 September, first published 00:30 on 1 October (China): October's.
    f.merge(["docs/news/a.md"], cst(9, 30, 23), published=cst(10, 1, 0, 30))
    # 2: asked 29 September, answered 9 October: five working days only because of the holiday week (R-34 on time).
    f.merge(["docs/replies/b.md"], cst(10, 9))
    # 3: asked 21 September, answered 9 October: late, so the gate withholds it.
    f.merge(["docs/replies/c.md"], cst(10, 9, 11))
    # 4: event 12 October, published 30 September: 8, 9, 10 (make-up day) and 12 October remain (R-32 on time).
    f.merge(["docs/previews/d.md"], cst(9, 30, 9))
    # 5: event 9 October, published 30 September: only 8 and 9 October remain, the holiday week eats the rest (R-32 late).
    f.merge(["docs/previews/e.md"], cst(9, 30, 9, 30))
    # 6: no secrecy review: withheld.
    f.merge(["docs/news/f.md"], cst(10, 10), secrecy=False)
    # 7: one pull request, two items, with opinions in the reviews; published the next morning.
    f.merge(
        ["docs/news/g1.md", "docs/news/g2.md"],
        cst(10, 12, 16),
        bodies={"hana": "内容属实，同意发布。", "dong": "同意。请同步到省政府网站。"},
        published=cst(10, 13, 8, 15),
    )
    # 8: November, everything in order.
    f.merge(["docs/news/h.md"], cst(11, 2))
    f.save()
    return f


def test_statistics_are_pinned_across_the_holiday_week_and_the_month_boundary(fx: Fixture) -> None:
    book = open_book(fx.site.root)
    by_path = {i.path: i for i in book.items}
    assert by_path["news/a.md"].published_at == cst(10, 1, 0, 30) and by_path["news/a.md"].publication_recorded
    assert not by_path["replies/c.md"].approved and not by_path["news/f.md"].approved and not by_path["previews/e.md"].approved

    october = statistics(book.items, *month_bounds(2026, 10))
    assert [i.path for i in october.items] == ["news/a.md", "replies/b.md", "replies/c.md", "news/f.md", "news/g1.md", "news/g2.md"]
    assert october.published == 4
    assert dict(october.by_unit) == {"办公室": 3, LONG_UNIT: 1}
    assert dict(october.by_unit_withheld) == {"办公室": 1, LONG_UNIT: 1}
    assert dict(october.by_column) == {"工作动态": 3, "留言答复": 1}
    assert dict(october.by_category) == {"工作动态": 3, "互动回复": 1}
    [r34] = october.rates
    assert (r34.rule, r34.category, r34.total, r34.on_time, r34.late, r34.no_date) == ("R-34", "互动回复", 2, 1, 1, 0)
    assert r34.rate == 0.5
    assert [(lt.item.path, lt.rule, lt.last_day) for lt in october.late] == [("replies/c.md", "R-34", date(2026, 9, 29))]
    assert [i.path for i in october.withheld] == ["replies/c.md", "news/f.md"]
    codes = {i.path: {r.code for r in i.verdict.reasons} for i in october.withheld}
    assert "deadline_within" in codes["replies/c.md"] and "secrecy_missing" in codes["news/f.md"]

    september = statistics(book.items, *month_bounds(2026, 9))
    assert [i.path for i in september.items] == ["previews/d.md", "previews/e.md"]  # news/a.md went public in October
    [r32] = september.rates
    assert (r32.rule, r32.total, r32.on_time, r32.late) == ("R-32", 2, 1, 1)
    assert [(lt.item.path, lt.last_day) for lt in september.late] == [("previews/e.md", date(2026, 9, 29))]

    q4 = statistics(book.items, *quarter_bounds(2026, 4))
    assert q4.published == 5 and len(q4.withheld) == 2
    q3 = statistics(book.items, *quarter_bounds(2026, 3))
    assert q3.published == 1 and [i.path for i in q3.withheld] == ["previews/e.md"]


def _cells(document: docx.document.Document) -> list[list[str]]:
    return [[c.text for c in row.cells] for table in document.tables for row in table.rows]


def _value(rows: list[list[str]], label: str) -> str:
    return next(r[1] for r in rows if r[0] == label)


def test_form_docx_for_a_pull_request_with_two_items_matches_the_archive(fx: Fixture, tmp_path: Path) -> None:
    out = tmp_path / "forms"
    proc = run_govreview(fx.site.root, "records", "form", "7", "-o", str(out), "--repo", "jiangan/site")
    assert proc.returncode == 0, proc.stderr
    made = sorted(p.name for p in out.iterdir())
    assert made == ["审批表-7-news_g1.docx", "审批表-7-news_g1.html", "审批表-7-news_g2.docx", "审批表-7-news_g2.html"]
    pull = fx.pulls[6]
    for path, name, title in (("docs/news/g1.md", "g1", "人防宣传周启动"), ("docs/news/g2.md", "g2", "人防宣传周图片报道")):
        document = docx.Document(str(out / f"审批表-7-news_{name}.docx"))
        rows = _cells(document)
        text = "\n".join(p.text for p in document.paragraphs)
        assert "电子审批记录" in text and "网站信息发布审批表" in text
        assert _value(rows, "申请单位") == "办公室" and rows[0][3] == "庚经办"  # 经办人: the page's author
        assert _value(rows, "标题") == title
        assert _value(rows, "栏目") == "工作动态" and rows[2][3] == "工作动态"
        label = next(e for e in pull.labels if e.label == "保密审查通过")
        assert _value(rows, "保密审查") == f"@bao（{label.at.astimezone(CST):%Y-%m-%d %H:%M}）"
        assert _value(rows, "发布时间") == "2026-10-13 08:15（首次发布）"
        assert _value(rows, "拉取请求") == "#7 发布 7  https://github.com/jiangan/site/pull/7"
        assert _value(rows, "内容标识") == f"{path.removeprefix('docs/')}  {fx.blob(path)}"
        assert _value(rows, "审批结论") == "已通过审批"
        steps = [r for r in rows if r[0] in ("处室负责人", "分管领导")]
        assert len(steps) == 2
        for row, review, role in zip(steps, pull.reviews, ("处室负责人", "分管领导"), strict=True):
            assert row == [role, f"@{review.login}", review.body, "同意", f"{review.submitted_at.astimezone(CST):%Y-%m-%d %H:%M}"]
        assert [r[0] for r in rows if r[0].endswith("意见")] == ["主要领导意见", "分管领导意见", "保密委员会意见", "处室负责人意见"]
        assert all("签字" in r[1] for r in rows if r[0].endswith("意见"))
    g1 = _cells(docx.Document(str(out / "审批表-7-news_g1.docx")))
    assert _value(g1, "同步发布平台") == "省政府网站、微信公众号" and g1[3][3] == "是"
    g2 = _cells(docx.Document(str(out / "审批表-7-news_g2.docx")))
    assert _value(g2, "同步发布平台") == "无" and g2[3][3] == "否"


def test_form_of_a_withheld_item_says_why_and_exits_1(fx: Fixture, tmp_path: Path) -> None:
    proc = run_govreview(fx.site.root, "records", "form", "docs/news/f.md", "-o", str(tmp_path))
    assert proc.returncode == 1
    assert "news/f.md" in proc.stderr
    rows = _cells(docx.Document(str(tmp_path / "审批表-6-news_f.docx")))
    verdict = _value(rows, "审批结论")
    assert verdict.startswith("未通过审批，不予发布") and "R-03" in verdict
    assert _value(rows, "保密审查") == "—"
    assert _value(rows, "发布时间") == "2026-10-10 10:00（尚无发布记录，暂按合并时间）"
    # No repository address known: the pull request is named once, with no link repeating it.
    assert _value(rows, "拉取请求").split() == ["#6", "发布", "6"]


def test_form_for_nothing_on_record_is_a_usage_error(fx: Fixture, tmp_path: Path) -> None:
    proc = run_govreview(fx.site.root, "records", "form", "docs/news/nowhere.md", "-o", str(tmp_path))
    assert proc.returncode == 2 and "docs/news/nowhere.md" in proc.stderr and "Traceback" not in proc.stderr


def _split_template(dest: Path) -> Path:
    """The default template with one tag split across two runs, as Word does after an edit."""
    with zipfile.ZipFile(default_template()) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    xml = parts["word/document.xml"].decode()
    assert "{{ handler }}" in xml
    parts["word/document.xml"] = xml.replace(
        "{{ handler }}", '{{ han</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">dler }}', 1
    ).encode()
    with zipfile.ZipFile(dest, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return dest


def test_a_tag_split_by_word_is_refused_naming_the_file_and_tag(fx: Fixture, tmp_path: Path) -> None:
    check_template(default_template())  # the shipped template passes
    bad = _split_template(tmp_path / "我的模板.docx")
    proc = run_govreview(fx.site.root, "records", "form", "1", "-o", str(tmp_path / "out"), "--template", str(bad))
    assert proc.returncode == 2
    assert str(bad) in proc.stderr and "{{ handler }}" in proc.stderr and "拆" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert not (tmp_path / "out").exists()


def test_the_office_template_in_policies_is_used(fx: Fixture, tmp_path: Path) -> None:
    own = fx.site.root / "policies" / "form-template.docx"
    document = docx.Document(str(default_template()))
    document.add_paragraph("本单位自定义页脚 {{ title }}")
    document.save(str(own))
    try:
        proc = run_govreview(fx.site.root, "records", "form", "1", "-o", str(tmp_path))
        assert proc.returncode == 0, proc.stderr
        texts = [p.text for p in docx.Document(str(tmp_path / "审批表-1-news_a.docx")).paragraphs]
        assert "本单位自定义页脚 国庆前夜的值守安排" in texts
    finally:
        own.unlink()


def test_ledger_of_october_matches_the_archive(fx: Fixture, tmp_path: Path) -> None:
    out = tmp_path / "ledger.xlsx"
    proc = run_govreview(fx.site.root, "records", "ledger", "--month", "2026-10", "-o", str(out), "--repo", "jiangan/site")
    assert proc.returncode == 1  # two items of the month lack evidence
    assert "不通过" in proc.stdout and "replies/c.md" in proc.stdout and "news/f.md" in proc.stdout
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["2026-10 全部", "办公室", LONG_UNIT[:31]]
    assert all(len(n) <= 31 for n in wb.sheetnames)
    ws = wb["2026-10 全部"]
    rows = list(ws.iter_rows(values_only=True))
    header = rows[0]
    assert header[:9] == ("序号", "报送单位", "栏目", "标题", "信息类别", "类型", "来源（作者）", "经办人", "成文日期")
    items = [dict(zip(header, r, strict=True)) for r in rows[1:7]]
    assert rows[8][0].startswith("不通过：2026-10 有 2 条")
    book = open_book(fx.site.root)
    expected = in_period(book.items, *month_bounds(2026, 10))
    assert [r["标题"] for r in items] == [i.title for i in expected]
    for row, item in zip(items, expected, strict=True):
        pull = item.pull
        assert row["报送单位"] == item.unit and row["栏目"] == item.column and row["信息类别"] == item.category
        assert row["类型"] == "文字"
        assert row["经办人"] == item.fields["author"] == row["来源（作者）"]
        assert row["成文日期"] == datetime(2026, 9, 25)
        assert row["报送时间"] == pull.ready_at.astimezone(CST).replace(tzinfo=None)
        assert row["发布时间"] == item.published_at.astimezone(CST).replace(tzinfo=None)
        assert row["拉取请求"] == pull.number and row["内容标识"] == item.blob
        secrecy = [e for e in pull.labels if e.label == "保密审查通过"]
        assert row["保密审查人"] == ("@bao" if secrecy else None)
        assert row["分管领导"] == "@dong"
        assert row["审批人"] == "处室负责人：@hana；分管领导：@dong"
    first = items[0]
    assert first["发布时间"] == datetime(2026, 10, 1, 0, 30)  # merged 30 September, public on 1 October (China)
    assert first["备注"] is None
    assert "发布时间暂按合并时间" in items[1]["备注"]
    assert "R-03" in items[3]["备注"] and "未通过审批" in items[3]["备注"]
    assert ws.cell(2, 14).is_date and ws.cell(2, 14).number_format == "yyyy-mm-dd hh:mm"
    assert ws.cell(2, 9).is_date and ws.cell(2, 9).number_format == "yyyy-mm-dd"
    assert ws.cell(2, 15).hyperlink.target == "https://github.com/jiangan/site/pull/1"
    unit_sheet = list(wb[LONG_UNIT[:31]].iter_rows(values_only=True))
    assert [r[3] for r in unit_sheet[1:]] == ["关于警报试鸣时间的答复", "关于地下车库的答复"]
    # Nothing in the file needs anything beyond what WPS reads: no macros, no external links.
    with zipfile.ZipFile(out) as z:
        assert not [n for n in z.namelist() if "vba" in n.lower() or "externalLink" in n]


def test_ledger_of_a_month_in_order_passes(fx: Fixture, tmp_path: Path) -> None:
    out = tmp_path / "nov.xlsx"
    proc = run_govreview(fx.site.root, "records", "ledger", "--month", "2026-11", "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    assert "通过：2026-11 的 1 条信息均有完整的审批证据（R-52）" in proc.stdout
    assert openpyxl.load_workbook(out).sheetnames == ["2026-11 全部", "办公室"]


def test_a_bad_month_is_a_usage_error(fx: Fixture) -> None:
    proc = run_govreview(fx.site.root, "records", "ledger", "--month", "2026-13")
    assert proc.returncode == 2 and "2026-13" in proc.stderr and "Traceback" not in proc.stderr


def test_quarterly_report_as_workbook_and_page(fx: Fixture, tmp_path: Path) -> None:
    out = tmp_path / "report"
    proc = run_govreview(fx.site.root, "records", "report", "--quarter", "2026Q4", "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    wb = openpyxl.load_workbook(out / "统计-2026Q4.xlsx")
    assert wb.sheetnames == ["概况", "按单位", "按栏目", "按类别", "期限执行", "超期", "未发布"]
    summary = {r[0]: r[1] for r in wb["概况"].iter_rows(min_row=2, values_only=True)}
    assert summary["已发布"] == 5 and summary["未发布（证据不足或未通过审批）"] == 2
    assert summary["起始日期"] == datetime(2026, 10, 1)
    units = list(wb["按单位"].iter_rows(min_row=2, values_only=True))
    assert units == sorted([("办公室", 4, 1), (LONG_UNIT, 1, 1)])
    rates = list(wb["期限执行"].iter_rows(min_row=2, values_only=True))
    assert rates == [("R-34", "互动回复", "asked_on", 2, 1, 1, 0, 0, 0.5)]
    late = list(wb["超期"].iter_rows(min_row=2, values_only=True))
    assert late == [(LONG_UNIT, "关于地下车库的答复", "replies/c.md", "R-34", datetime(2026, 9, 29), datetime(2026, 10, 9), 3)]
    withheld = list(wb["未发布"].iter_rows(min_row=2, values_only=True))
    assert [(w[2], w[3]) for w in withheld] == [("replies/c.md", 3), ("news/f.md", 6)]
    assert "R-34" in withheld[0][4] and "R-03" in withheld[1][4]
    html = (out / "统计-2026Q4.html").read_text(encoding="utf-8")
    assert "50.0%" in html and "关于地下车库的答复" in html and "不得放入公开站点" in html


def test_ledger_rows_number_items_in_publication_order(fx: Fixture) -> None:
    book = open_book(fx.site.root)
    items = in_period(book.items, *month_bounds(2026, 10))
    rows = ledger_rows(form_of(i, book.people, book.pull_url(i.pull.number)) for i in items)
    assert [r.number for r in rows] == [1, 2, 3, 4, 5, 6]
    assert [r.published_at for r in rows] == sorted(r.published_at for r in rows)


def test_sheet_names_are_what_excel_and_wps_accept() -> None:
    taken: set[str] = set()
    assert sheet_name("a/b:c*d?[e]", taken) == "a_b_c_d__e_"
    long = "单" * 40
    assert sheet_name(long, taken) == "单" * 31
    assert sheet_name(long, taken) == "单" * 28 + "(2)"
    assert all(len(n) <= 31 for n in taken)


CHROMIUM = Path("/usr/bin/chromium")


def test_the_html_form_prints_in_chromium(fx: Fixture, tmp_path: Path) -> None:
    proc = run_govreview(fx.site.root, "records", "form", "7", "-o", str(tmp_path))
    assert proc.returncode == 0, proc.stderr
    html = tmp_path / "审批表-7-news_g1.html"
    text = html.read_text(encoding="utf-8")
    assert not re.search(r"\b(?:src|href)=|url\(|@import|<script|<link", text)  # the page loads nothing: no request beyond itself
    png = tmp_path / "form.png"
    assert CHROMIUM.is_file(), "Debian's chromium package is needed (.ci/run installs it)"
    profile = tmp_path / "profile"
    run = subprocess.run(
        [
            str(CHROMIUM),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--hide-scrollbars",
            f"--user-data-dir={profile}",
            "--window-size=900,1270",
            f"--screenshot={png}",
            html.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert png.is_file(), run.stderr
    shutil.copy(png, Path(os.environ.get("GOVREVIEW_KEEP_PNG", str(tmp_path / "kept.png"))))
    shutil.rmtree(profile, ignore_errors=True)
    image = Image.open(io.BytesIO(png.read_bytes())).convert("L")
    assert image.size == (900, 1270)
    dark = sum(image.histogram()[:128])
    assert 0.01 < dark / (900 * 1270) < 0.5  # text and table rules, not a blank or a black page
    # The title's band near the top holds ink (CJK glyphs were drawn, not empty boxes only).
    top = image.crop((250, 20, 650, 80))
    assert sum(top.histogram()[:128]) > 500


def test_records_never_go_into_the_public_site(fx: Fixture) -> None:
    for args in (("report", "--month", "2026-10", "-o", "site/stats"), ("ledger", "--month", "2026-10", "-o", "docs/l.xlsx")):
        proc = run_govreview(fx.site.root, "records", *args)
        assert proc.returncode == 2 and "公开站点" in proc.stderr, proc.stderr
    assert not (fx.site.root / "site" / "stats").exists() and not (fx.site.root / "docs" / "l.xlsx").exists()


def test_the_monthly_workflow_builds_the_ledger_on_the_20th_and_keeps_it_as_an_artifact() -> None:
    import yaml
    from govreview.cli import build_parser

    text = (Path(__file__).resolve().parent.parent / ".github" / "workflows" / "records.yml").read_text(encoding="utf-8")
    flow = yaml.safe_load(text)
    assert flow[True]["schedule"] == [{"cron": "0 1 20 * *"}]  # 09:00 China time on the 20th
    steps = flow["jobs"]["ledger"]["steps"]
    run = next(s["run"] for s in steps if s.get("id") == "ledger")
    assert "govreview records ledger --month" in run and "govreview records report --month" in run
    upload = next(s for s in steps if s.get("uses", "").startswith("actions/upload-artifact@"))
    assert upload["with"]["path"] == "records/"
    assert steps[-1]["if"] == "steps.ledger.outputs.status != '0'"
    args = build_parser().parse_args(["records", "ledger", "--month", "2026-10", "--archive", ".archive/approvals.jsonl", "-o", "x.xlsx"])
    assert args.records_command == "ledger" and args.archive == ".archive/approvals.jsonl"


def test_the_example_sites_form_names_approvers_by_title_and_name(tmp_path):
    """R-18 on paper: the form shows 「办公室主任 李强」, from the roster in force, not the login."""
    from gitsite import example_repo, run_govreview

    repo = example_repo(tmp_path / "example")
    result = run_govreview(repo, "records", "form", "docs/news/2026-01-15-niandu-gongzuo-huiyi.md")
    assert result.returncode == 0, result.stderr + result.stdout
    (html,) = (repo / "govreview-records").glob("*.html")
    text = html.read_text(encoding="utf-8")
    assert "办公室主任 李强" in text and "保密审查员 冯兰" in text, text
    assert "@li-qiang" not in text and "@feng-lan" not in text
    assert "<td>微信公众号</td>" in text and "wechat" not in text, "channels: [wechat] reads as the platform's name"
