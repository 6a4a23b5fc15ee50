"""Screening what is published: each page's rendered text and title, besides its source.

The source gives the editor line:column; what a visitor reads is the page after every
extension, emoji and macro. Text can change on the way (an ID number split by
a link, digits written as character references, a macro joining two harmless
strings into a marking): the published build screens the rendered text too, and a
finding only it shows is judged like any other (R-03, R-21), placed at the nearest
source line. Real builds from the approved snapshot, with MkDocs and with Zensical.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import timedelta

import pytest
from fakegithub import FakeGitHub
from gitsite import MKDOCS, POLICY, article
from govreview.archive_jsonl import read_archive
from govreview.checkpr import check_pull, render_comment
from govreview.core.clearing import clear_line
from govreview.core.evidence import Review
from govreview.core.findings import Finding
from govreview.core.html_text import visible_text
from govreview.core.policy import Screening
from govreview.core.rendered import RENDERED, TITLE, RenderedPage, only_rendered, rendered_content
from govreview.core.screen import screen
from govreview.screen_content import folder, text_content
from govreview.sync import sync
from test_check_pr import forge
from test_snapshot_attacks import approved_site, govreview, published

ID_NUMBER = "11010519491231002X"  # a valid check digit
#: The same number split by a link: the source shows no number, the page shows one.
SPLIT_ID = "1101051949[1231](#)002X"
#: Digits as character references: the source shows none, the page shows an ID number.
ENTITY_ID = "".join(f"&#{ord(c)};" for c in ID_NUMBER)


# -- the text a visitor reads ------------------------------------------------------------


def test_visible_text_reads_what_a_visitor_reads():
    html = (
        '<h1 id="t">通知<a class="headerlink" href="#t" title="Permanent link">¶</a></h1>\n'
        '<p>秘密<img alt="⭐" class="twemoji" src="x.svg" title=":star:"> 一段&amp;文字</p>'
        "<script>var secret = '绝密★';</script><style>.x{content:'机密★'}</style><!-- 机密★ -->"
        '<p><span class="twemoji"><svg viewBox="0 0 24 24"><path d="M11010519491231002 0"/></svg></span></p>'
        "<table><tr><td>1101051949</td><td>1231002X</td></tr></table>"
    )
    text = visible_text(html)
    assert "秘密⭐" in text, "an emoji image's alt text stands where the image stands"
    assert ":star:" in text.split("\n"), "a title is read on a line of its own"
    assert "一段&文字" in text, "entities are decoded"
    assert "绝密" not in text and "机密" not in text, "scripts, styles and comments are not read"
    assert "11010519491231002" not in text, "path data is geometry, never text"
    assert "1101051949\n1231002X" in text, "two table cells never run together"


def test_split_number_is_found_only_in_the_rendered_text_and_placed_at_its_source_line():
    source = article("培训通知", f"联系人：张三\n\n身份证号：{SPLIT_ID}\n")
    page = RenderedPage("培训通知", "培训通知\n联系人：张三\n身份证号：11010519491231002X")
    own = screen(text_content("news/a.md", source), Screening())
    assert not [f for f in own if f.code == "id-number"], "the source shows no number"
    shown = screen(rendered_content(page, folder()), Screening())
    extra = only_rendered(own, shown, source, page)
    assert [(f.code, f.severity, f.line, f.col, f.where) for f in extra] == [("id-number", "block", 9, 1, RENDERED)]
    assert extra[0].params["excerpt"] == "110*************2X", "a personal number is never repeated in full"


def test_a_finding_the_source_shows_is_not_reported_twice():
    source = article("培训通知", "一、秘**密**★ 材料\n")
    page = RenderedPage("培训通知", "一、秘密★ 材料")
    own = screen(text_content("news/a.md", source), Screening())
    assert [f.code for f in own] == ["secrecy-marking"]
    assert only_rendered(own, screen(rendered_content(page, folder()), Screening()), source, page) == ()


def test_a_title_finding_is_placed_at_the_title():
    source = "---\ntitle: 通知\n---\n\n# 关于 {{ level }}★ 的通知\n"
    page = RenderedPage("关于 绝密★ 的通知", "关于 绝密★ 的通知")
    shown = screen(rendered_content(page, folder()), Screening())
    extra = only_rendered(screen(text_content("a.md", source), Screening()), shown, source, page)
    assert [(f.where, f.line) for f in extra] == [(TITLE, 5), (RENDERED, 5)], "nearest line: the heading the title came from"


def test_nothing_rendered_nothing_added():
    page = RenderedPage("通知", "正文")
    assert only_rendered((), screen(rendered_content(page, folder()), Screening()), "正文", page) == ()
    lone = Finding("id-number", "block", "R-21", 1, 1, {"excerpt": "110*************2X"}, RENDERED)
    assert only_rendered((), (lone,), "", RenderedPage("", "x")) == (lone,), "no source at all: line 1"


# -- the published build ---------------------------------------------------------------


@pytest.mark.parametrize("generator", ["mkdocs", "zensical"])
def test_a_number_split_by_markup_is_withheld_from_the_published_site(tmp_path, generator):
    site = approved_site(
        tmp_path,
        pages={
            "docs/news/a.md": article("已审批的动态", "本周开展培训。"),
            "docs/news/split.md": article("人员名单", f"身份证号：{SPLIT_ID}"),
            "docs/news/entity.md": article("联系方式", f"证件：{ENTITY_ID}"),
        },
    )
    result = govreview(site, "build", "--generator", generator)
    assert result.returncode == 0, result.stderr + result.stdout
    text = published(site)
    assert "已审批的动态" in text
    assert "人员名单" not in text and "1231" not in text, "the split number never reaches the site"
    assert "联系方式" not in text and ID_NUMBER not in text
    report = json.loads((site.root / ".govreview" / "report.json").read_text(encoding="utf-8"))
    entry = next(f for f in report["files"] if f["path"] == "news/split.md")
    reason = entry["reasons"][0]
    assert not entry["approved"] and reason["code"] == "screen_block" and reason["line"] == 7, reason
    assert "渲染后正文" in reason["message"] and "110*************2X" in reason["message"], reason["message"]
    assert "渲染后正文" in result.stdout + result.stderr, "the build log says why"


MACROS = MKDOCS.replace("  - govreview\n", "  - macros\n  - govreview\n") + "extra:\n  level: 绝密\n"


def test_text_a_macro_makes_is_screened(tmp_path):
    site = approved_site(
        tmp_path,
        MACROS,
        pages={
            "docs/news/a.md": article("已审批的动态", "本周开展培训。"),
            "docs/news/m.md": article("会议材料", "材料密级：{{ level }}★10年"),
        },
    )
    result = govreview(site, "build")
    assert result.returncode == 0, result.stderr + result.stdout
    text = published(site)
    assert "已审批的动态" in text and "会议材料" not in text and "绝密★" not in text


def test_a_rendered_finding_is_cleared_like_any_other(tmp_path):
    site = approved_site(tmp_path, pages={"docs/news/split.md": article("人员名单", f"身份证号：{SPLIT_ID}")})
    first = govreview(site, "build")
    assert first.returncode == 0 and "人员名单" not in published(site)
    report = json.loads((site.root / ".govreview" / "report.json").read_text(encoding="utf-8"))
    reason = next(f for f in report["files"] if f["path"] == "news/split.md")["reasons"][0]
    finding = Finding("id-number", "block", "R-21", reason["line"], reason["col"], {"excerpt": "110*************2X"}, RENDERED)
    line = clear_line(finding, "docs/news/split.md")
    assert line in reason["message"], "the reason gives the line a clearing review writes"

    pull = site.pulls[-1]  # the secrecy committee decides it is no ID number
    cleared = Review("wei", "COMMENTED", pull.head, pull.merged_at - timedelta(minutes=5), 77, line, edited=False)
    site.pulls[-1] = replace(pull, reviews=(*pull.reviews, cleared))
    site.save_archive()
    again = govreview(site, "build")
    assert again.returncode == 0, again.stderr + again.stdout
    assert "人员名单" in published(site)
    assert "wei" in again.stdout + again.stderr, "the log says who cleared it"


# -- before the merge: the pull-request check renders too ---------------------------------


@pytest.fixture
def fake():
    with FakeGitHub() as server:
        yield server


EMOJI = MKDOCS + (
    "markdown_extensions:\n"
    "  - attr_list\n"
    "  - pymdownx.emoji:\n"
    "      emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
    "      emoji_generator: !!python/name:material.extensions.emoji.to_svg\n"
)


def test_the_pull_request_check_shows_what_only_the_rendered_text_shows(fake, tmp_path):
    repo = fake.repo("city/site")
    repo.push("main", {"mkdocs.yml": EMOJI, "policies/site.yml": POLICY, "docs/index.md": article("首页")}, actor="admin")
    pr = repo.open_pull("ed", "news", files={"docs/news/e.md": article("联系方式", f"证件：{ENTITY_ID} :smile:")})
    pr.review("hana")
    pr.review("dong")
    pr.label("保密审查通过", actor="bao")
    f = forge(fake)
    check = check_pull(f, pr.number)
    assert not check.ok and not check.notices, check.notices  # the base's extensions, emoji index included, are set up
    (verdict,) = check.verdicts
    (reason,) = verdict.reasons
    assert reason.code == "screen_block" and reason.line == 7 and reason.params["check"] == "id-number"
    line = reason.params["clear_line"]
    assert line == "解除拦截：R-21 id-number docs/news/e.md:7:1 〔rendered〕 「110*************2X」"
    body = render_comment(check)
    assert "渲染后正文" in body and line in body

    pr.review("wei", "COMMENTED", body=line)  # the secrecy committee decides
    check = check_pull(f, pr.number)
    assert check.ok, render_comment(check)

    pr.merge("lin")  # the archive records the clearance as the gate counts it
    archive_path = tmp_path / "approvals.jsonl"
    assert sync(f, archive_path).added == [pr.number]
    (clearance,) = read_archive(archive_path).clearances
    assert (clearance.path, clearance.check, clearance.line, clearance.column) == ("docs/news/e.md", "id-number", 7, 1)


def test_an_extension_from_the_repository_is_never_imported_by_the_check(fake, tmp_path, monkeypatch):
    marker = tmp_path / "imported"
    (tmp_path / "localext.py").write_text(f"open({str(marker)!r}, 'w').write('x')\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.syspath_prepend(str(tmp_path))
    repo = fake.repo("city/site")
    mkdocs = MKDOCS + "markdown_extensions:\n  - localext\n"
    repo.push("main", {"mkdocs.yml": mkdocs, "policies/site.yml": POLICY, "docs/index.md": article("首页")}, actor="admin")
    pr = repo.open_pull("ed", "news", files={"docs/news/a.md": article("动态", "正文。")})
    check = check_pull(forge(fake), pr.number)
    assert not marker.exists(), "a module of the checkout is never imported"
    assert any("localext" in n and "markdown_extensions" in n for n in check.notices), check.notices


def test_govreview_check_shows_an_editor_what_a_draft_will_render(tmp_path):
    site = approved_site(tmp_path, EMOJI)
    site.write("docs/news/draft.md", article("联系方式", f"证件：{ENTITY_ID}"))
    result = govreview(site, "check", "--json")
    assert result.returncode == 1 and "markdown_extensions" not in result.stderr, result.stderr
    files = {f["path"]: f for f in json.loads(result.stdout)["files"]}
    reasons = files["news/draft.md"]["reasons"]
    block = next(r for r in reasons if r["code"] == "screen_block")
    assert block["line"] == 7 and "渲染后正文" in block["message"], block


def test_a_page_too_slow_to_render_is_screened_from_its_source_and_said(fake, monkeypatch):
    import govreview.render_preview as render_preview

    monkeypatch.setattr(render_preview, "MAX_SECONDS", 0.5)
    repo = fake.repo("city/site")
    repo.push("main", {"mkdocs.yml": MKDOCS, "policies/site.yml": POLICY, "docs/index.md": article("首页")}, actor="admin")
    slow = article("方括号页面", "[a](" * 20_000 + f"\n\n身份证号 {ID_NUMBER}\n")  # Python-Markdown takes minutes on it
    pr = repo.open_pull("ed", "news", files={"docs/news/slow.md": slow})
    check = check_pull(forge(fake), pr.number)
    (verdict,) = check.verdicts
    assert any(r.params.get("check") == "id-number" for r in verdict.reasons), "the source is screened"
    assert any("news/slow.md" in n and "渲染" in n for n in check.notices), check.notices


def test_a_build_that_records_no_rendered_text_publishes_nothing(tmp_path):
    """Fail closed: a generator that renders pages but records none of them (a changed API,
    a plugin that swallowed the event) cannot show that what it published was screened."""
    hook = "def on_post_build(config, **kwargs):\n    import pathlib\n    p = pathlib.Path(config['config_file_path']).parent / '.govreview-snapshot' / 'rendered.observed.json'\n    p.write_text('{}')\n"
    site = approved_site(
        tmp_path,
        MKDOCS + "hooks:\n  - hooks/forget.py\n",
        inputs={"hooks/forget.py": hook},
        pages={"docs/news/a.md": article("已审批的动态")},
    )
    result = govreview(site, "build")
    assert result.returncode != 0 and "渲染后的文字" in result.stderr + result.stdout, result.stderr
    assert not (site.root / "site").exists()


def test_rendering_for_one_check_has_a_total_time_budget(monkeypatch):
    import govreview.render_preview as render_preview

    preview = render_preview.Preview(())
    page = preview.render("# 标题\n\n正文", {})
    assert page is not None and page.title == "标题"
    monkeypatch.setattr(render_preview, "TOTAL_SECONDS", preview.spent)  # the budget is spent
    assert preview.render("正文", {}) is None, "past the budget, pages are screened from their source only"
