"""简繁: the Traditional Chinese mirror (site/zh-hant/) that `govreview build` writes when
mkdocs.yml asks for it (extra.portal.hant), from real builds of the example site and of
temporary git sites, and the conversion core on its own."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

import lxml.html
import opencc
import pytest
from gitsite import MKDOCS, GitSite, article, example_repo, run_govreview
from govreview.core.hant import back_link, conversion_of, point_switch, repoint, target_of, to_traditional

S2T = opencc.OpenCC("s2t").convert
ARTICLE = "policies/2026-02-26-renfang-gongcheng-weihu-guanli-banfa/index.html"
#: The example's pages the gate withholds (tools/make_example_archive.py).
WITHHELD = ("news/2026-03-12-", "notices/2026-11-10-", "replies/2026-08-14-")
_SWITCH = re.compile(r"<a [^>]*data-govreview-lang[^>]*>")
_URL = re.compile(r'\s(?:href|src|action)="([^"]*)"')


# -- the core ---------------------------------------------------------------------------------------

PAGE = """<!doctype html>
<html lang="zh" class="no-js"><head><meta charset="utf-8">
<meta name="description" content="人防工程审批">
<meta name="author" content="办公室">
<title>发布 - 测试</title>
<link rel="stylesheet" href="../../assets/site.css">
<script>var label = "发布";</script><style>.a::after{content:"审批"}</style></head>
<body><a href="../../" title="回到首页">首页</a>
<a class="govreview-lang" data-govreview-lang href="../../zh-hant/news/a/" hreflang="zh-Hant" lang="zh-Hant">繁體</a>
<form action="../../search/"><input name="q" placeholder="输入关键词" data-note="保留"></form>
<p class="审批">人防工程审批 &amp; 发布</p><pre>发布 审批</pre><p>调用 <code>发布()</code> 即可</p>
<img src="tu.png" alt="示意图" aria-label="示意图说明">
<table><tr><th>文号</th><td translate="no">江人防发〔2026〕1号</td></tr><tr><th>发布机构</th><td>办公室</td></tr></table>
<a href="../b/#duan">另一篇</a> <a href="https://www.example.invalid/发布/">外链</a> <a href="#top">顶部</a>
</body></html>"""
MIRRORED = {"index.html", "news/a/index.html", "news/b/index.html"}


def _mirror(page: str = PAGE) -> str:
    return to_traditional(page, "news/a/index.html", S2T, MIRRORED.__contains__)


def test_text_and_readable_attributes_are_converted():
    out = _mirror()
    assert "人防工程審批" in out and S2T("发布") in out and "首頁" in out and "辦公室" in out
    assert 'title="回到首頁"' in out and 'placeholder="輸入關鍵詞"' in out
    assert 'alt="示意圖"' in out and 'aria-label="示意圖說明"' in out
    assert '<meta name="description" content="人防工程審批">' in out
    assert f"<title>{S2T('发布')} - 測試</title>" in out
    assert '<html lang="zh-Hant" class="no-js">' in out


def test_code_scripts_styles_identifiers_and_other_attributes_stay_as_written():
    out = _mirror()
    for kept in (
        '<script>var label = "发布";</script>',
        '<style>.a::after{content:"审批"}</style>',
        "<pre>发布 审批</pre>",
        "<code>发布()</code>",
        '<td translate="no">江人防发〔2026〕1号</td>',
        '<meta name="author" content="办公室">',  # not a description
        'class="审批"',
        'data-note="保留"',
        '<a href="https://www.example.invalid/发布/">',
        '<a href="#top">',
        "&amp;",
    ):
        assert kept in out, kept


def test_links_reach_the_same_files_from_the_mirror():
    out = _mirror()
    # pages that are mirrored: written as before (the Traditional page at the same place)
    assert '<a href="../../" title=' in out and '<a href="../b/#duan">' in out
    # shared files and pages that are not mirrored (the search page): the original file
    assert 'href="../../../assets/site.css"' in out and 'action="../../../search/"' in out
    assert 'src="../../../news/a/tu.png"' in out
    assert 'href="https://www.example.invalid/发布/"' in out and 'href="#top"' in out


def test_the_switch_turns_round():
    out = _mirror()
    assert '<a class="govreview-lang" data-govreview-lang href="../../../news/a/" hreflang="zh-Hans" lang="zh-Hans">简体</a>' in out
    assert "繁體" not in out
    assert back_link("index.html") == "../" and back_link("about.html") == "../about.html"
    assert target_of("zh-hant/news/a/index.html", back_link("news/a/index.html")) == "news/a/index.html"


def test_the_simplified_page_gets_only_its_switch_pointed():
    page = '<p title="首页">首页</p><a class="govreview-lang" data-govreview-lang href="../../zh-hant/" lang="zh-Hant">繁體</a>'
    assert point_switch(page, "news/a/index.html") == page.replace("../../zh-hant/", "../../zh-hant/news/a/")
    assert point_switch(page, "index.html") == page.replace("../../zh-hant/", "zh-hant/")
    assert point_switch(page, "about.html") == page.replace("../../zh-hant/", "zh-hant/about.html")
    assert point_switch("<p>发布</p>", "index.html") == "<p>发布</p>"


def test_the_theme_configuration_keeps_its_text_and_points_to_the_shared_files():
    page = (
        '<script id="__config" type="application/json">{"base": "../..", "search": "../../assets/w.js", "t": "发布"}</script>'
        '<script id="__config"></script><p>发布</p>'
    )
    out = to_traditional(page, "news/a/index.html", S2T, MIRRORED.__contains__)
    assert '{"base": "../../..", "search": "../../../assets/w.js", "t": "发布"}' in out
    assert f"<p>{S2T('发布')}</p>" in out  # an empty configuration script leaves the next text alone


def test_repoint_keeps_absolute_and_outside_addresses():
    def never(_: str) -> bool:
        return False

    for url in ("/abs/", "https://x.example/", "mailto:a@b", "data:image/png;base64,AA", "#x", "?q=1", "", "../../../../up"):
        assert repoint("news/a/index.html", url, never) == url
    assert repoint("index.html", "atom.xml?x=1#y", never) == "../atom.xml?x=1#y"
    assert repoint("a.html", "./", never) == "../"


def test_the_setting():
    assert conversion_of(None) is None and conversion_of(False) is None and conversion_of("") is None
    assert conversion_of(True) == "s2t"
    assert conversion_of("s2hk") == "s2hk" and conversion_of(" S2TWP ") == "s2twp"
    for bad in ("t2s", "yes", 1, ["s2t"]):
        with pytest.raises(ValueError):
            conversion_of(bad)


# -- the example site, built ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def example(tmp_path_factory) -> Path:
    root = example_repo(tmp_path_factory.mktemp("hant-example"))
    proc = run_govreview(root, "build", "--quiet-generator")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return root / "site"


def _pages(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*.html")}


def test_every_page_has_a_traditional_counterpart_and_withheld_pages_none(example):
    pages = _pages(example)
    simplified = {p for p in pages if not p.startswith("zh-hant/")}
    mirrored = {p.removeprefix("zh-hant/") for p in pages if p.startswith("zh-hant/")}
    assert mirrored == simplified - {"404.html", "search/index.html"}
    assert len(mirrored) > 25
    for stem in WITHHELD:
        assert not any(stem in p for p in pages), stem  # withheld: in neither
    # the mirror is pages only: no sitemap, feed or search index of its own (unlisted pages listed nowhere new)
    assert {p.suffix for p in (example / "zh-hant").rglob("*") if p.is_file()} == {".html"}
    assert "zh-hant" not in (example / "sitemap.xml").read_text(encoding="utf-8")
    index = [p for p in (example / "search").rglob("*") if p.is_file() and p.suffix != ".html"]
    assert index and not any("zh-hant" in p.read_text(encoding="utf-8") for p in index)


def test_an_article_reads_in_traditional_with_its_identifiers_as_issued(example):
    source = (example / ARTICLE).read_text(encoding="utf-8")
    mirror = (example / "zh-hant" / ARTICLE).read_text(encoding="utf-8")
    assert "人防工程" in source and "人防工程" in mirror
    assert "江岸市人民防空工程維護管理辦法" in mirror and "江岸市人民防空工程维护管理办法" not in mirror.split("<script")[0]
    assert "<th>發佈機構</th>" in mirror or "<th>發布機構</th>" in mirror
    assert '<html lang="zh-Hant"' in mirror
    doc_no = re.search(r'<th>文号</th><td translate="no">([^<]+)</td>', source)
    index_no = re.search(r'<th>索引号</th><td translate="no">([^<]+)</td>', source)
    assert doc_no and index_no
    assert f'<th>文號</th><td translate="no">{doc_no.group(1)}</td>' in mirror
    assert f'<th>索引號</th><td translate="no">{index_no.group(1)}</td>' in mirror
    assert S2T(doc_no.group(1)) != doc_no.group(1), "the test would not notice a converted 文号"


def test_approval_words_are_converted_on_the_pages_that_carry_them(example):
    found = {"审批": 0, "发布": 0}
    for rel in _pages(example):
        if rel.startswith("zh-hant/") or rel in ("404.html", "search/index.html"):
            continue
        text = _reader_text((example / rel).read_bytes())
        mirror = _reader_text((example / "zh-hant" / rel).read_bytes())
        for word in found:
            if word in text:
                found[word] += 1
                assert word not in mirror and S2T(word) in mirror, (rel, word)
        assert len(mirror) == len(text), rel  # the same text, character for character (s2t keeps lengths here)
    assert found["审批"] > 0 and found["发布"] > 0


def _reader_text(markup: bytes) -> str:
    tree = lxml.html.document_fromstring(markup)
    for element in tree.xpath("//script|//style|//pre|//code|//*[@translate='no']|//*[@data-govreview-lang]"):
        element.drop_tree()
    return "\n".join(tree.xpath("//body")[0].itertext())


def test_scripts_code_and_urls_are_unchanged_and_every_link_resolves(example):
    for rel in sorted(_pages(example)):
        if rel.startswith("zh-hant/") or rel in ("404.html", "search/index.html"):
            continue
        source = (example / rel).read_text(encoding="utf-8")
        mirror = (example / "zh-hant" / rel).read_text(encoding="utf-8")
        assert _scripts(source) == _scripts(mirror), rel  # their src is checked with the other URLs below
        # the switch links across (test_the_switch_links_resolve_both_ways); every other URL:
        before, after = _URL.findall(_SWITCH.sub("", source)), _URL.findall(_SWITCH.sub("", mirror))
        assert len(before) == len(after), rel
        for old, new in zip(before, after, strict=True):
            was = _resolve(example, rel, old)
            now = _resolve(example, "zh-hant/" + rel, new)
            if was is None:
                assert new == old, (rel, old, new)  # absolute, fragment, query: as written
                continue
            # the same file, or its Traditional counterpart; never a link that breaks
            assert now in (was, "zh-hant/" + was), (rel, old, new)
            assert (example / now).exists() == (example / was).exists(), (rel, old, new)


def _scripts(page: str) -> list[str]:
    """The page's script elements, their src attribute and the theme configuration's base left out
    (both checked in test_the_theme_configuration_points_to_the_shared_root and below)."""
    return [re.sub(r'src="[^"]*"|"(?:base|search)":\s*"[^"]*"', "", m) for m in re.findall(r"<script\b.*?</script>", page, re.S)]


def _resolve(site: Path, page: str, url: str) -> str | None:
    path = re.split(r"[?#]", url, maxsplit=1)[0]
    if not path or re.match(r"^[a-z]+:", url) or path.startswith("/"):
        return None
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(page), path))
    assert not joined.startswith(".."), (page, url)
    return "index.html" if joined == "." else (joined + "/index.html" if (site / joined).is_dir() else joined)


def test_the_theme_configuration_points_to_the_shared_root(example):
    base = re.compile(r'<script id="__config"[^>]*>.*?"base":\s*"([^"]*)"', re.S)
    for rel in ("index.html", ARTICLE):
        source = base.search((example / rel).read_text(encoding="utf-8"))
        mirror = base.search((example / "zh-hant" / rel).read_text(encoding="utf-8"))
        assert source and mirror
        assert posixpath.normpath(posixpath.join(posixpath.dirname(rel), source.group(1))) == "."
        assert posixpath.normpath(posixpath.join(posixpath.dirname("zh-hant/" + rel), mirror.group(1))) == "."


def test_the_switch_links_resolve_both_ways(example):
    switch = re.compile(r'<a class="govreview-lang" data-govreview-lang href="([^"]+)"[^>]*>([^<]+)</a>')
    checked = 0
    for rel in sorted(_pages(example)):
        if rel.startswith("zh-hant/"):
            continue
        source = (example / rel).read_text(encoding="utf-8")
        found = switch.search(source)
        assert found and found.group(2) == "繁體", rel
        if rel in ("404.html", "search/index.html"):  # no counterpart: the Traditional home page
            assert found.group(1) == "/zh-hant/" or _resolve(example, rel, found.group(1)) == "zh-hant/index.html", rel
            continue
        assert found and found.group(2) == "繁體", rel
        assert _resolve(example, rel, found.group(1)) == "zh-hant/" + rel
        back = switch.search((example / "zh-hant" / rel).read_text(encoding="utf-8"))
        assert back and back.group(2) == "简体", rel
        assert _resolve(example, "zh-hant/" + rel, back.group(1)) == rel
        checked += 1
    assert checked > 25


# -- temporary sites --------------------------------------------------------------------------------


def _site(tmp_path: Path, hant: str) -> GitSite:
    tmp_path.mkdir(parents=True, exist_ok=True)
    s = GitSite(tmp_path, mkdocs=MKDOCS + f"extra:\n  portal:\n    hant: {hant}\n")
    s.write("docs/index.md", article("首页"))
    s.write("docs/news/a.md", article("审批制度说明", "人防工程审批后发布。\n\n```\n发布 = 审批()\n```\n"))
    s.write("docs/news/b.md", article("尚未审批的动态", "这篇没有审批。"))
    s.commit("pages")
    s.approve_inputs()
    s.approve_page("docs/index.md")
    s.approve_page("docs/news/a.md")
    s.save_archive()
    return s


def test_hong_kong_conversion_on_a_site_without_the_portal_template(tmp_path):
    s = _site(tmp_path, "s2hk")
    proc = run_govreview(s.root, "build", "--quiet-generator")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    mirror = (s.root / "site" / "zh-hant" / "news" / "a" / "index.html").read_text(encoding="utf-8")
    hk = opencc.OpenCC("s2hk").convert
    assert hk("人防工程审批后发布") in mirror and "发布 = 审批()" in mirror
    assert not (s.root / "site" / "zh-hant" / "news" / "b").exists() and not (s.root / "site" / "news" / "b").exists()
    assert not (s.root / "site" / "zh-hant" / "search").exists()


def test_off_when_not_asked_for_and_a_wrong_value_stops_the_build(tmp_path):
    s = _site(tmp_path / "off", "false")
    assert run_govreview(s.root, "build", "--quiet-generator").returncode == 0
    assert (s.root / "site" / "news" / "a" / "index.html").is_file() and not (s.root / "site" / "zh-hant").exists()
    bad = _site(tmp_path / "bad", "traditional")
    proc = run_govreview(bad.root, "build", "--quiet-generator")
    assert proc.returncode != 0
    assert "extra.portal.hant" in proc.stderr and "traditional" in proc.stderr and "s2hk" in proc.stderr
    assert not (bad.root / "site").exists(), "nothing published"


def test_a_page_withheld_at_the_next_build_leaves_the_mirror_too(tmp_path):
    s = _site(tmp_path, "true")
    assert run_govreview(s.root, "build", "--quiet-generator").returncode == 0
    mirror = s.root / "site" / "zh-hant" / "news" / "a" / "index.html"
    assert S2T("人防工程审批后发布") in mirror.read_text(encoding="utf-8")
    s.write("docs/news/a.md", article("审批制度说明", "改过而未经审批的文字。"))
    s.git("add", "docs/news/a.md")  # the built site/ stays out of the repository
    s.git("commit", "-qm", "edited after its approval")
    proc = run_govreview(s.root, "build", "--quiet-generator")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert not (s.root / "site" / "news" / "a").exists() and not mirror.parent.exists()  # no old HTML survives
    assert (s.root / "site" / "zh-hant" / "index.html").is_file()
