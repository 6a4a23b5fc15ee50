"""Issue 16, the public disclosure block, feeds and hosting in China: 索引号 by a rule
that never renumbers, 主题分类, 有效性, 文号 only when present, 发布机构 without a doubled
unit name, the policy ↔ interpretation links (R-33), Atom feeds of approved listed
articles only, and the site as a release with a checksum manifest the office's server
verifies. Core functions with plain data; the rest on real git sites with real builds."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import feedparser
import pytest
from gitsite import POLICY, GitSite, article, example_repo, run_govreview
from govreview.core.disclosure import (
    first_carried,
    index_numbers,
    page_url,
    publisher_name,
    related,
    relative_url,
    topic_of,
)
from govreview.core.lifecycle import INVALID, REPEALED, VALID
from govreview.core.lifecycle import stated_validity as validity
from govreview.core.policy import DisclosureRules, Site
from govreview.core.verdict import PAGE, Verdict
from govreview.policy_yaml import PolicyError, load_policy
from govreview.sitepages import disclosure_html
from govreview.snapshot.manifest import FOLDER, Manifest

SITE = Site("江岸市人民防空办公室", "江岸市人民防空办公室")


# -- 发布机构 ---------------------------------------------------------------------------------
def test_the_publisher_is_never_doubled_and_a_full_name_in_the_policy_wins():
    none = DisclosureRules()
    assert publisher_name(SITE, none, "office", "办公室") == "江岸市人民防空办公室"  # the reported bug
    assert publisher_name(SITE, none, "planning", "政策法规处") == "江岸市人民防空办公室政策法规处"
    assert publisher_name(SITE, none, "x", "江岸市人民防空办公室指挥中心") == "江岸市人民防空办公室指挥中心"
    assert publisher_name(SITE, none, None, None) == "江岸市人民防空办公室"
    full = DisclosureRules(unit_names={"office": "江岸市人民防空办公室机关办公室"})
    assert publisher_name(SITE, full, "office", "办公室") == "江岸市人民防空办公室机关办公室"


# -- 索引号 -----------------------------------------------------------------------------------
def test_index_numbers_never_change_when_later_pages_are_published():
    t0 = datetime(2026, 3, 1, 2, 0, tzinfo=UTC)
    changes = [("docs/news/b.md", t0 + timedelta(hours=1)), ("docs/news/a.md", t0), ("docs/news/b.md", t0 + timedelta(days=9))]
    first = first_carried(changes, [("docs/about/old.md", t0 - timedelta(days=1))], "docs/")
    before = index_numbers(first, "ORG")
    assert before == {"about/old.md": "ORG/2026-00001", "news/a.md": "ORG/2026-00002", "news/b.md": "ORG/2026-00003"}
    later = [*changes, ("docs/news/c.md", t0 + timedelta(days=30)), ("docs/news/a.md", t0 + timedelta(days=31))]
    after = index_numbers(first_carried(later, [("docs/about/old.md", t0 - timedelta(days=1))], "docs/"), "ORG")
    assert {k: after[k] for k in before} == before and after["news/c.md"] == "ORG/2026-00004"
    # only pages under docs count; the year is China's: 2026-12-31 17:00 UTC is 2027-01-01 in China
    new_year = first_carried(
        [("docs/n.md", datetime(2026, 12, 31, 17, 0, tzinfo=UTC)), ("mkdocs.yml", t0), ("docs/x.png", t0)], [], "docs/"
    )
    assert index_numbers(new_year, "ORG") == {"n.md": "ORG/2027-00001"}


def test_pages_merged_together_share_the_year_and_day_of_china_worked_out_once():
    # Pages of one pull request share their merge moment: its year (索引号) and day (发布日期)
    # are worked out once; an equal moment written in another offset is the same instant.
    moment = datetime(2026, 12, 31, 17, 0, tzinfo=UTC)  # 2027-01-01 01:00 in China
    same = moment.astimezone(timezone(timedelta(hours=8)))
    first = {"b.md": moment, "a.md": same, "c.md": moment - timedelta(hours=2)}  # c: 2026-12-31 23:00 in China
    assert index_numbers(first, "ORG") == {"a.md": "ORG/2027-00001", "b.md": "ORG/2027-00002", "c.md": "ORG/2026-00001"}
    blocks = {
        (at, lang): disclosure_html(Verdict("news/a.md", PAGE, (), merged_at=at, column_name="新闻"), SITE, lang)
        for at in (moment, same, moment - timedelta(hours=2))
        for lang in ("zh", "en")
    }
    assert "<th>发布日期</th><td>2027-01-01</td>" in blocks[(moment, "zh")] and blocks[(moment, "zh")] == blocks[(same, "zh")]
    assert "<th>发布日期</th><td>2026-12-31</td>" in blocks[(moment - timedelta(hours=2), "zh")]
    assert "发布日期" not in blocks[(moment, "en")] and "<td>2027-01-01</td>" in blocks[(moment, "en")]


# -- 主题分类, 有效性 ---------------------------------------------------------------------------
def test_the_topic_is_the_pages_own_else_its_categorys_default():
    rules = DisclosureRules(topics={"01": "综合政务", "02": "人防工程"}, category_topics={"news": "01"})
    assert topic_of({}, "news", rules) == "综合政务"
    assert topic_of({"topic": "02"}, "news", rules) == "人防工程"
    assert topic_of({"topic": "人防工程"}, "news", rules) == "人防工程"
    assert topic_of({}, "reply", rules) is None


def test_validity_follows_the_lifecycle_fields_in_china_time():
    end_of_june = {"valid_until": "2026-06-30"}
    assert validity(end_of_june, datetime(2026, 6, 30, 15, 59, tzinfo=UTC)) == VALID  # 23:59 in China
    assert validity(end_of_june, datetime(2026, 6, 30, 16, 0, tzinfo=UTC)) == INVALID  # 00:00 on 1 July in China
    assert validity({**end_of_june, "repealed_by": "policies/new.md"}, datetime(2026, 1, 1, tzinfo=UTC)) == REPEALED
    assert validity({"title": "无"}, datetime(2026, 1, 1, tzinfo=UTC)) is None


# -- links, URLs --------------------------------------------------------------------------
def test_a_policy_and_its_interpretation_link_each_other_only_when_both_are_published():
    pages = {
        "policies/a.md": {"title": "办法"},
        "interpretations/a.md": {"interprets": "policies/a.md"},
        "interpretations/b.md": {"interprets": "../policies/b.md"},  # b is not published
        "interpretations/c.md": {"interprets": "../policies/a.md"},
    }
    links = related(pages, {"policies/a.md": "办法", "interpretations/a.md": "解读一", "interpretations/c.md": "解读三"})
    assert [(link.label, link.path) for link in links["policies/a.md"]] == [
        ("site_label_interpretation", "interpretations/a.md"),
        ("site_label_interpretation", "interpretations/c.md"),
    ]
    assert [(link.label, link.title) for link in links["interpretations/c.md"]] == [("site_label_related_policy", "办法")]
    assert "interpretations/b.md" not in links


def test_page_urls_follow_use_directory_urls():
    assert page_url("news/a.md", True) == "news/a/" and page_url("news/a.md", False) == "news/a.html"
    assert page_url("news/index.md", True) == "news/" and page_url("index.md", False) == "index.html"
    assert relative_url("policies/a/", "interpretations/b/") == "../../interpretations/b/"
    assert relative_url("policies/a.html", "interpretations/b.html") == "../interpretations/b.html"
    assert relative_url("news/atom.xml", "news/") == "./"


def test_the_block_has_no_document_number_row_without_a_document_number():
    verdict = Verdict("replies/a.md", PAGE, (), unit="office", unit_name="办公室", column_name="留言答复", fields={"title": "答复"})
    block = disclosure_html(verdict, SITE, "zh")
    assert "文号" not in block and "—</td></tr><tr><th>成文" not in block
    assert "<th>发布机构</th><td>江岸市人民防空办公室</td>" in block and "办公室办公室" not in block
    numbered = Verdict("policies/a.md", PAGE, (), fields={"doc_no": "江人防规〔2026〕1号"})
    assert '<th>文号</th><td translate="no">江人防规〔2026〕1号</td>' in disclosure_html(numbered, SITE, "zh")
    assert "<th>有效性</th><td>有效</td>" in disclosure_html(numbered, SITE, "zh")
    assert "<th>Validity</th><td>In force</td>" in disclosure_html(numbered, SITE, "en")


# -- the policy section -----------------------------------------------------------------------
DISCLOSURE = """\
disclosure:
  index_prefix: 11000000MB0000000X
  topics: {"01": 综合政务}
  category_topics: {news: "01", major: "09"}
  unit_names: {office: 测试市测试局办公室, nowhere: 某处}
"""


def test_mistakes_in_the_disclosure_section_name_the_file_and_line():
    with pytest.raises(PolicyError) as info:
        load_policy({"policies/site.yml": POLICY + DISCLOSURE})
    found = {(p.line, p.what.code) for p in info.value.problems}
    first = len(POLICY.splitlines()) + 1
    assert found == {(first + 3, "policy.disclosure_unknown_topic"), (first + 4, "policy.disclosure_unknown_id")}
    text = " ".join(str(p) for p in info.value.problems)
    assert "policies/site.yml" in text and "09" in text and "nowhere" in text
    good = load_policy({"policies/site.yml": POLICY + DISCLOSURE.replace(', major: "09"', "").replace(", nowhere: 某处", "")})
    assert good.disclosure.index_prefix == "11000000MB0000000X" and good.disclosure.category_topics == {"news": "01"}


# -- real sites -------------------------------------------------------------------------------
POLICY_WITH_DISCLOSURE = (
    POLICY.replace("  office: 办公室\n", "  office: 办公室\n  planning: 法规科\n")
    .replace("  head: {name: 科室负责人, units: {office: [hana]}}", "  head: {name: 科室负责人, units: {office: [hana], planning: [hana]}}")
    .replace("  deputy: {name: 分管领导, units: {office: [dong]}}", "  deputy: {name: 分管领导, units: {office: [dong], planning: [dong]}}")
    + "  policies: {name: 政策文件, category: news, unit: planning}\n"
    + "  interpretations: {name: 政策解读, category: news, unit: planning}\n"
    + 'disclosure:\n  index_prefix: 11000000MB0000000X\n  topics: {"01": 综合政务, "02": 法规}\n  category_topics: {news: "01"}\n'
)


def disclosure_site(tmp_path: Path, mkdocs_extra: str = "") -> GitSite:
    (tmp_path / "repo").mkdir()
    from gitsite import MKDOCS

    s = GitSite(tmp_path / "repo", mkdocs=MKDOCS + mkdocs_extra, policy=POLICY_WITH_DISCLOSURE)
    (s.root / ".git" / "info" / "exclude").write_text("/site/\n/.govreview/\n/archive/\n", encoding="utf-8")
    s.write("docs/news/a.md", article("甲文", "正文甲。"))
    s.write("docs/news/b.md", article("乙文（未审批）", "正文乙。"))
    s.write("docs/news/gone.md", article("撤回的旧闻", "正文。", withdrawal_reason="信息已过时"))
    s.write("docs/policies/p.md", article("测试办法", "第一条。", doc_no="测规〔2026〕1号", topic="法规", valid_until="2020-01-01"))
    s.write("docs/interpretations/i.md", article("测试办法解读", "解读。", interprets="../policies/p.md"))
    s.write("docs/interpretations/j.md", article("另一解读（未审批）", "解读。", interprets="policies/p.md"))
    s.commit("pages")
    s.approve_inputs()
    s.approve_page("docs/index.md")
    s.approve_page("docs/news/a.md")
    s.approve_page("docs/news/gone.md")
    s.approve_page("docs/policies/p.md")
    s.approve_page("docs/interpretations/i.md")
    return s


def _block(html: str) -> str:
    m = re.search(r'<div class="govreview-disclosure".*?</div>', html, re.S)
    assert m, "no disclosure block"
    return m.group(0)


def _parse(path: Path, base: str | None = None) -> feedparser.FeedParserDict:
    headers = {"content-type": "application/atom+xml", **({"content-location": base} if base else {})}
    feed = feedparser.parse(path.read_bytes(), response_headers=headers)
    assert not feed.bozo, feed.get("bozo_exception")
    return feed


@pytest.mark.parametrize("generator", ["mkdocs", "zensical"])
def test_a_real_build_shows_the_block_and_writes_feeds_of_approved_listed_articles_only(tmp_path, generator):
    """Zensical resolves links in the staged Markdown itself; MkDocs gets the block from the plugin after conversion."""
    s = disclosure_site(tmp_path)
    proc = run_govreview(s.root, "build", "--quiet-generator", "--generator", generator)
    assert proc.returncode == 0, proc.stderr
    assert "site_url" in proc.stderr and "mkdocs.yml" in proc.stderr, "no site_url: the build says the sitemap is empty"
    site = s.root / "site"

    policy = _block(s.html("policies/p/index.html") or "")
    assert re.search(r'<th>索引号</th><td translate="no">11000000MB0000000X/2026-\d{5}</td>', policy)
    assert "<th>主题分类</th><td>法规</td>" in policy and '<th>文号</th><td translate="no">测规〔2026〕1号</td>' in policy
    assert "<th>有效性</th><td>已失效</td>" in policy
    assert "<th>发布机构</th><td>测试市测试局法规科</td>" in policy
    link = re.search(r'<th>政策解读</th><td><a href="([^"]+)">测试办法解读</a>', policy)
    assert link and (site / "policies" / "p" / link.group(1) / "index.html").resolve() == (site / "interpretations" / "i" / "index.html")
    assert "另一解读" not in policy, "an interpretation that is not published is not linked"
    interp = _block(s.html("interpretations/i/index.html") or "")
    back = re.search(r'<th>相关政策</th><td><a href="([^"]+)">测试办法</a>', interp)
    assert back and (site / "interpretations" / "i" / back.group(1) / "index.html").resolve() == (site / "policies" / "p" / "index.html")
    news = _block(s.html("news/a/index.html") or "")
    assert "文号" not in news and "有效性" not in news and "<th>主题分类</th><td>综合政务</td>" in news
    numbers = {
        re.search(r"<th>索引号</th><td[^>]*>([^<]+)", _block(s.html(p) or "")).group(1)
        for p in ("news/a/index.html", "policies/p/index.html", "interpretations/i/index.html")
    }  # type: ignore[union-attr]
    assert len(numbers) == 3, "every page has its own 索引号"

    # feeds: the site's and each column's; relative links (no site_url), resolved against the feed's address
    whole = _parse(site / "atom.xml", "https://www.example.invalid/atom.xml")
    assert {e.title for e in whole.entries} == {"甲文", "测试办法", "测试办法解读"}
    news_feed = _parse(site / "news" / "atom.xml", "https://www.example.invalid/news/atom.xml")
    assert [e.title for e in news_feed.entries] == ["甲文"], "neither the unapproved nor the withdrawn page"
    entry = news_feed.entries[0]
    assert entry.link == "https://www.example.invalid/news/a/" and (site / "news" / "a" / "index.html").is_file()
    merged = next(p.merged_at for p in s.pulls if "docs/news/a.md" in {f.path for f in p.files})
    assert datetime(*entry.published_parsed[:6], tzinfo=UTC) == merged
    raw = (site / "news" / "atom.xml").read_text(encoding="utf-8")
    assert "+08:00</published>" in raw and "乙文" not in raw and "撤回" not in raw
    assert (site / "policies" / "atom.xml").is_file() and (site / "interpretations" / "atom.xml").is_file()


def test_feeds_are_listed_generated_files_of_the_snapshot_with_absolute_links_when_site_url_is_set(tmp_path):
    s = disclosure_site(tmp_path, "site_url: https://www.example.invalid/portal/\n")
    s.approve_inputs()
    proc = run_govreview(s.root, "stage", str(tmp_path / "snap"))
    assert proc.returncode == 0, proc.stderr
    assert "site_url" not in proc.stderr
    manifest = Manifest.read(tmp_path / "snap" / FOLDER / "manifest.json")
    feeds = {p for p, item in manifest.files.items() if item.generated == "feed"}
    assert feeds == {"docs/atom.xml", "docs/news/atom.xml", "docs/policies/atom.xml", "docs/interpretations/atom.xml"}
    feed = _parse(tmp_path / "snap" / "docs" / "news" / "atom.xml")
    assert feed.entries[0].link == "https://www.example.invalid/portal/news/a/"
    assert feed.feed.link == "https://www.example.invalid/portal/news/"
    # the plugin shows the same block in a local build (no snapshot): 索引号 and links included
    built = s.build()
    assert built.returncode == 0, built.log
    local = _block(s.html("policies/p/index.html") or "")
    staged = (tmp_path / "snap" / "docs" / "policies" / "p.md").read_text(encoding="utf-8")
    assert _block(staged).split("<th>有效性")[0] == local.split("<th>有效性")[0]


def test_the_example_site_links_its_policies_and_interpretations_and_feeds_its_columns(tmp_path):
    example_repo(tmp_path)
    proc = run_govreview(tmp_path, "build", "--quiet-generator")
    assert proc.returncode == 0, proc.stderr
    assert "site_url" not in proc.stderr, "the example sets site_url"
    site = tmp_path / "site"
    policy = _block((site / "policies" / "2026-02-26-renfang-gongcheng-weihu-guanli-banfa" / "index.html").read_text(encoding="utf-8"))
    assert "<th>政策解读</th>" in policy and "2026-02-27-weihu-guanli-banfa-jiedu/" in policy
    assert re.search(r'<th>索引号</th><td translate="no">11420100MB1X00000T/2026-\d{5}</td>', policy)
    reply = _block((site / "replies" / "2026-03-05-dixia-cheku-renfang-gongcheng" / "index.html").read_text(encoding="utf-8"))
    assert "文号" not in reply and "<th>发布机构</th><td>江岸市人民防空办公室</td>" in reply
    feed = _parse(site / "atom.xml")
    assert all(e.link.startswith("https://www.jiangan-renfang.example/") for e in feed.entries)
    assert "https://www.jiangan-renfang.example/" in (site / "sitemap.xml").read_text(encoding="utf-8")
    assert all(e.published.endswith("+08:00") for e in feed.entries)
    listed = {e.link.removeprefix("https://www.jiangan-renfang.example/") for e in feed.entries}
    assert all((site / url / "index.html").is_file() for url in listed)


# -- hosting in China: the release and its check ----------------------------------------------
def test_the_release_manifest_is_checked_by_govreview_and_by_sha256sum(tmp_path):
    s = disclosure_site(tmp_path)
    assert run_govreview(s.root, "build", "--quiet-generator").returncode == 0
    site, sums = s.root / "site", tmp_path / "SHA256SUMS"
    made = run_govreview(tmp_path, "site", "sums", str(site), "--out", str(sums))
    assert made.returncode == 0, made.stderr
    ok = run_govreview(tmp_path, "site", "verify", str(site), "--sums", str(sums))
    assert ok.returncode == 0 and "核对通过" in ok.stdout, ok.stderr
    seq = int(re.search(r"序号 (\d+)", ok.stdout).group(1))  # type: ignore[union-attr]
    assert subprocess.run(["sha256sum", "-c", "--quiet", "--strict", str(sums)], cwd=site).returncode == 0

    assert run_govreview(tmp_path, "site", "verify", str(site), "--sums", str(sums), "--min-seq", str(seq)).returncode == 0
    older = run_govreview(tmp_path, "site", "verify", str(site), "--sums", str(sums), "--min-seq", str(seq + 1))
    assert older.returncode == 1 and "旧版本重放" in older.stderr
    wrong_head = run_govreview(tmp_path, "site", "verify", str(site), "--sums", str(sums), "--head", "sha256:" + "0" * 64)
    assert wrong_head.returncode == 1 and "不符" in wrong_head.stderr

    copy = tmp_path / "copy"
    shutil.copytree(site, copy)
    (copy / "news" / "a" / "index.html").write_text("篡改", encoding="utf-8")
    (copy / "extra.html").write_text("多出的文件", encoding="utf-8")
    (copy / "atom.xml").unlink()
    bad = run_govreview(tmp_path, "site", "verify", str(copy), "--sums", str(sums), lang="en")
    assert bad.returncode == 1
    for expected in (
        "news/a/index.html: its content does not match",
        "extra.html: in the site but not",
        "atom.xml: listed in the checksum",
    ):
        assert expected in bad.stderr, bad.stderr
    (copy / "govreview-archive.json").unlink()
    no_anchor = run_govreview(tmp_path, "site", "sums", str(copy), "--out", str(tmp_path / "S2"))
    assert no_anchor.returncode == 0
    unanchored = run_govreview(tmp_path, "site", "verify", str(copy), "--sums", str(tmp_path / "S2"))
    assert unanchored.returncode == 1 and "govreview-archive.json" in unanchored.stderr


def test_a_staged_block_links_markdown_files_which_the_plugin_turns_into_urls():
    from govreview.core.disclosure import Link, PageFacts
    from govreview.sitepages import source_links_to_urls

    verdict = Verdict("policies/p.md", PAGE, (), fields={"title": "办法"})
    facts = PageFacts(links=(Link("site_label_interpretation", "解读", "interpretations/i.md"),))
    staged = disclosure_html(verdict, SITE, "zh", facts, True, source_links=True)
    assert 'href="../interpretations/i.md"' in staged
    assert 'href="../../interpretations/i/"' in source_links_to_urls(staged, "policies/p.md", True)
    assert 'href="../interpretations/i.html"' in source_links_to_urls(staged, "policies/p.md", False)
    assert source_links_to_urls(staged, "policies/p.md", True).replace("../../interpretations/i/", "X") == staged.replace(
        "../interpretations/i.md", "X"
    ), "nothing else in the block changes"
