"""Display windows, validity, repeal and scheduled publishing (R-43, R-32): the pure rules of
core/lifecycle.py, then real git sites with real archives built by ``govreview build --now``
(the build clock in UTC, the rules in China time)."""

from __future__ import annotations

import gzip
import json
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from evidence import POLICY_ID, index, page
from gitsite import MKDOCS, GitSite, article, run_govreview
from govreview.archive_jsonl import read_archive, record_publications
from govreview.core import lifecycle
from govreview.core.gate import judge
from govreview.core.page import SourceFile, resolve_page
from govreview.core.verdict import PAGE
from govreview.policy_yaml import load_policy
from test_deadlines import CAL, EVENT, POLICY, merged_on, noon

CHINA = timezone(timedelta(hours=8))

# -- the pure rules ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-12-05", datetime(2026, 12, 5, tzinfo=CHINA)),
        ("2026-12-05 09:30", datetime(2026, 12, 5, 9, 30, tzinfo=CHINA)),
        ("2026-12-05T09:30:15", datetime(2026, 12, 5, 9, 30, 15, tzinfo=CHINA)),
        ("2026年12月5日 9:30", datetime(2026, 12, 5, 9, 30, tzinfo=CHINA)),
        (date(2026, 12, 5), datetime(2026, 12, 5, tzinfo=CHINA)),
        (datetime(2026, 12, 5, 9, 30), datetime(2026, 12, 5, 9, 30, tzinfo=CHINA)),  # YAML's naive time: China time
        (datetime(2026, 12, 5, 1, 30, tzinfo=UTC), datetime(2026, 12, 5, 9, 30, tzinfo=CHINA)),
        ("2026-12-32", None),
        ("2026-12-05 25:00", None),
        ("下周一", None),
        ("2026-12-0509:30", None),
        (20261205, None),
    ],
)
def test_start_and_end_are_read_in_china_time_or_not_at_all(value, expected):
    assert lifecycle.parse_moment(value) == expected


def test_the_window_turns_at_china_midnight_whatever_the_clock_zone():
    fields = {"end": "2026-12-05"}
    before = datetime(2026, 12, 4, 15, 59, 59, tzinfo=UTC)  # 23:59:59 in China
    at = datetime(2026, 12, 4, 16, 0, tzinfo=UTC)  # 00:00 in China
    assert not lifecycle.expired(fields, before) and lifecycle.expired(fields, at)
    start = {"start": "2026-12-06 09:30"}
    assert lifecycle.scheduled(start, datetime(2026, 12, 6, 1, 29, tzinfo=UTC)) == datetime(2026, 12, 6, 9, 30, tzinfo=CHINA)
    assert lifecycle.scheduled(start, datetime(2026, 12, 6, 1, 30, tzinfo=UTC)) is None
    with pytest.raises(ValueError):
        lifecycle.expired(fields, datetime(2026, 12, 5))  # a clock without a zone is a mistake, never guessed


def test_validity_is_valid_through_the_last_day_then_invalid_and_repeal_wins():
    fields = {"valid_until": date(2026, 12, 31)}
    assert lifecycle.validity(fields, datetime(2026, 12, 31, 15, 59, tzinfo=UTC)) == "有效"
    assert lifecycle.validity(fields, datetime(2026, 12, 31, 16, 0, tzinfo=UTC)) == "已失效"
    assert lifecycle.validity({**fields, "repealed_by": "policies/new.md"}, datetime(2026, 1, 1, tzinfo=UTC)) == "已废止"
    assert lifecycle.validity({}, datetime(2099, 1, 1, tzinfo=UTC)) == "有效"


def test_malformed_time_fields_block_the_page_at_their_line():
    policy = load_policy({"p.yml": POLICY})
    meta = {"title": "t", "event_date": "2026-03-13", "start": "明天", "end": "2026-02-30", "valid_until": "长期", "repealed_by": 3}
    lines = {"title": 2, "event_date": 3, "start": 4, "end": 5, "valid_until": 6, "repealed_by": 7}
    _, reasons = resolve_page(SourceFile("previews/a.md", "docs/previews/a.md", "b1", PAGE, meta, lines), policy)
    found = {(r.code, r.params.get("field"), r.line) for r in reasons}
    assert found == {
        ("lifecycle_bad_time", "start", 4),
        ("lifecycle_bad_time", "end", 5),
        ("field_type", "valid_until", 6),
        ("field_type", "repealed_by", 7),
    }
    reversed_window = {"title": "t", "start": "2026-12-05", "end": "2026-12-01"}
    _, reasons = resolve_page(page("previews/a.md", "b1", reversed_window), policy)
    assert [(r.code, r.rule) for r in reasons] == [("lifecycle_end_before_start", "R-43")]


def test_chinese_field_names_are_the_same_fields():
    policy = load_policy({"p.yml": POLICY})
    _, reasons = resolve_page(page("previews/a.md", "b1", {"title": "t", "开始时间": "2026-12-05", "结束时间": "2026-12-01"}), policy)
    assert [r.code for r in reasons] == ["lifecycle_end_before_start"]


def test_links_between_built_pages_follow_the_url_style():
    assert lifecycle.relative_url("policies/old.md", "policies/new.md") == "../new/"
    assert lifecycle.relative_url("policies/old.md", "news/index.md") == "../../news/"
    assert lifecycle.relative_url("policies/old.md", "policies/new.md", directory_urls=False) == "new.html"
    assert lifecycle.relative_url("index.md", "policies/new.md") == "policies/new/"
    pages = {"policies/new.md": 1, "news/index.md": 1}
    assert lifecycle.repeal_target("policies/old.md", "new.md", pages) == lifecycle.Target(path="policies/new.md")
    assert lifecycle.repeal_target("policies/old.md", "/policies/new.md", pages) == lifecycle.Target(path="policies/new.md")
    assert lifecycle.repeal_target("policies/old.md", "policies/new", pages) == lifecycle.Target(path="policies/new.md")
    assert lifecycle.repeal_target("policies/old.md", "../news/", pages) == lifecycle.Target(path="news/index.md")
    assert lifecycle.repeal_target("policies/old.md", "https://www.gov.cn/a.html", pages) == lifecycle.Target(
        url="https://www.gov.cn/a.html"
    )
    assert lifecycle.repeal_target("policies/old.md", "policies/gone.md", pages) is None


# -- R-32 measured from a later start ---------------------------------------------------------


def _preview(meta: dict[str, object], merged: datetime):
    policy = load_policy({"p.yml": POLICY})
    path = "previews/a.md"
    return judge(page(path, "b1", {"title": "t", **meta}), index(merged_on(merged, path)), {POLICY_ID: policy}, None, {POLICY_ID: CAL})


def test_a_preview_whose_start_makes_it_public_too_late_is_refused():
    # Event Friday 2026-03-13: public by Monday 03-10 at the latest (3 working days before).
    merged = noon("2026-03-02")
    assert _preview(dict(EVENT), merged).approved
    assert _preview({**EVENT, "start": "2026-03-10 08:00"}, merged).approved
    late = _preview({**EVENT, "start": "2026-03-11 08:00"}, merged)
    assert [(r.code, r.rule) for r in late.reasons] == [("deadline_start_late", "R-32")]
    assert late.reasons[0].params["start"] == "2026-03-11 08:00" and late.reasons[0].params["public"] == date(2026, 3, 11)
    # A start before the merge changes nothing: the merge is when it goes public.
    assert _preview({**EVENT, "start": "2026-01-01"}, merged).approved


def test_the_pull_request_check_refuses_a_late_start(tmp_path):
    from fakegithub import FakeGitHub
    from govreview.checkpr import check_pull, render_comment
    from test_check_pr import PREVIEW_POLICY, forge, site

    with FakeGitHub() as fake:
        repo = site(fake, PREVIEW_POLICY)
        early = repo.open_pull("ed", "p1", files={"docs/previews/a.md": article("开放日预告", event_date="2026-03-13", start="2026-03-09")})
        late = repo.open_pull(
            "ed", "p2", files={"docs/previews/b.md": article("演练预告", event_date="2026-03-13", start="2026-03-12 09:00")}
        )
        for pr in (early, late):
            pr.review("hana")
            pr.label("保密审查通过", actor="bao")
        now = datetime(2026, 3, 2, 2, 0, tzinfo=UTC)
        ok = check_pull(forge(fake), early.number, now=now)
        assert ok.ok, render_comment(ok)
        refused = check_pull(forge(fake), late.number, now=now)
        assert not refused.ok
        comment = render_comment(refused)
        assert "开始时间 2026-03-12 09:00" in comment and "R-32" in comment and "最迟 2026-03-10" in comment


# -- real sites built with the build clock ----------------------------------------------------

SITE = MKDOCS.replace("site_name: 测试站\n", "site_name: 测试站\nsite_url: https://www.example.gov.cn/\n")
ENDING = "docs/news/ending.md"
STEADY = "docs/news/steady.md"
LATER = "docs/news/later.md"
OLD = "docs/news/old-rules.md"
LAPSED = "docs/news/lapsed.md"


@pytest.fixture(scope="module")
def timed(tmp_path_factory) -> GitSite:
    s = GitSite(tmp_path_factory.mktemp("timed"), mkdocs=SITE)
    s.write(ENDING, article("限时公告", "报名截止前有效。", end="2026-12-05"))
    s.write(STEADY, article("长期动态", "长期有效的内容。"))
    s.write(LATER, article("定时发布的通知", "九点半公开。", start="2026-12-06 09:30"))
    s.write(OLD, article("旧办法", "旧的规定。", repealed_by="steady.md"))
    s.write(LAPSED, article("阶段性措施", "阶段性的规定。", valid_until="2026-11-30"))
    s.commit("pages")
    s.approve_inputs()
    s.approve_page("docs/index.md", ENDING, STEADY, LATER, OLD, LAPSED)
    return s


def build(s: GitSite, now: str, out: str) -> tuple[Path, str]:
    proc = run_govreview(s.root, "build", "--now", now, "--site-dir", str(s.root / out), "--quiet-generator")
    assert proc.returncode == 0, proc.stderr + proc.stdout
    return s.root / out, proc.stdout


def search_locations(site: Path) -> set[str]:
    docs = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    return {d["location"].split("#")[0] for d in docs}


def search_text(site: Path) -> str:
    docs = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    return " ".join(d["title"] + d["text"] for d in docs)


def sitemaps(site: Path) -> tuple[str, str]:
    return (site / "sitemap.xml").read_text(encoding="utf-8"), gzip.decompress((site / "sitemap.xml.gz").read_bytes()).decode("utf-8")


@pytest.fixture(scope="module")
def around_the_end(timed) -> dict[str, tuple[Path, str]]:
    # 23:59 and 00:00 China time on the night the window ends, the clock in UTC across midnight.
    return {
        "23:59": build(timed, "2026-12-04T15:59:00Z", "site-2359"),
        "00:00": build(timed, "2026-12-04T16:00:00Z", "site-0000"),
    }


def test_before_the_end_the_item_is_listed_searched_and_in_the_sitemap(around_the_end):
    site, _ = around_the_end["23:59"]
    page = (site / "news" / "ending" / "index.html").read_text(encoding="utf-8")
    assert "限时公告" in page and "已过期" not in page
    assert "限时公告" in (site / "news" / "index.html").read_text(encoding="utf-8")
    assert "news/ending/" in search_locations(site)
    for sitemap in sitemaps(site):
        assert "https://www.example.gov.cn/news/ending/" in sitemap


def test_from_the_end_the_page_says_expired_and_leaves_listings_search_and_sitemap(around_the_end):
    site, out = around_the_end["00:00"]
    page = (site / "news" / "ending" / "index.html").read_text(encoding="utf-8")
    assert "已过期" in page and "2026-12-05" in page and "报名截止前有效" in page, "still built at its address"
    listing = (site / "news" / "index.html").read_text(encoding="utf-8")
    assert "限时公告" not in listing and "长期动态" in listing
    assert "news/ending/" not in search_locations(site) and "news/steady/" in search_locations(site)
    for sitemap in sitemaps(site):
        assert "news/ending/" not in sitemap and "https://www.example.gov.cn/news/steady/" in sitemap
    assert "news/ending.md" in out and "R-43" in out  # said in the build summary


def test_banners_are_metadata_not_search_text(around_the_end):
    site, _ = around_the_end["00:00"]
    text = search_text(site)
    assert "旧的规定" in text and "已废止" not in text and "已失效" not in text and "已过期" not in text


def test_a_repealed_page_links_to_its_replacement_in_the_built_site(around_the_end):
    site, _ = around_the_end["23:59"]
    page = (site / "news" / "old-rules" / "index.html").read_text(encoding="utf-8")
    assert "已废止" in page and '<a href="../steady/">长期动态</a>' in page
    assert (site / "news" / "old-rules" / "../steady/index.html").resolve().is_file(), "the link works in the built site"
    lapsed = (site / "news" / "lapsed" / "index.html").read_text(encoding="utf-8")
    assert "已失效" in lapsed and "2026-11-30" in lapsed
    assert "阶段性措施" in (site / "news" / "index.html").read_text(encoding="utf-8"), "no longer in force is still listed"


def test_a_scheduled_item_appears_on_the_first_build_after_its_time_and_not_before(timed):
    site, out = build(timed, "2026-12-06T01:29:59Z", "site-0929")  # 09:29:59 China time
    assert not (site / "news" / "later").exists()
    assert "定时发布的通知" not in (site / "news" / "index.html").read_text(encoding="utf-8")
    assert "news/later/" not in search_locations(site) and "news/later/" not in sitemaps(site)[0]
    assert "docs/news/later.md" in out and "2026-12-06 09:30" in out  # reported as scheduled, not as blocked
    report = json.loads((timed.root / ".govreview" / "report.json").read_text(encoding="utf-8"))
    later = next(f for f in report["files"] if f["path"] == "news/later.md")
    assert later["approved"] is True and later["scheduled"] == "2026-12-06T09:30:00+08:00"

    # The deploy of that build records no first publication for it (R-50 dates stay true).
    archive = timed.root / "archive" / "approvals.jsonl"
    before = archive.read_bytes()
    head = timed.git("rev-parse", "HEAD")
    recorded = run_govreview(timed.root, "archive", "published", "--commit", head, "--run", "7", "--at", "2026-12-06T01:40:00Z")
    assert recorded.returncode == 0, recorded.stderr
    paths = {p.path for p in read_archive(archive).publications}
    assert "docs/news/steady.md" in paths and "docs/news/later.md" not in paths
    archive.write_bytes(before)

    site, out = build(timed, "2026-12-06T01:30:00Z", "site-0930")
    assert "九点半公开" in (site / "news" / "later" / "index.html").read_text(encoding="utf-8")
    assert "定时发布的通知" in (site / "news" / "index.html").read_text(encoding="utf-8")
    assert "news/later/" in search_locations(site)
    assert "docs/news/later.md" not in out


def test_a_bad_clock_is_a_usage_error(timed):
    proc = run_govreview(timed.root, "build", "--now", "下周", "--quiet-generator")
    assert proc.returncode == 2 and "--now" in proc.stderr and "Traceback" not in proc.stderr


# -- govreview lifecycle -----------------------------------------------------------------------


def test_lifecycle_lists_what_needs_cleaning_up_pinned(timed, tmp_path):
    archive = timed.root / "archive" / "approvals.jsonl"
    before = archive.read_bytes()
    gone = "docs/news/gone.md"
    try:
        # A page that was public (publication record) and whose file was then deleted with no withdrawal.
        record_publications(archive, {gone: "0" * 40}, datetime(2026, 11, 2, 2, 0, tzinfo=UTC), "5", timed.git("rev-parse", "HEAD"))
        proc = run_govreview(timed.root, "lifecycle", "--json", "--now", "2026-12-05T10:00:00+08:00")
        assert proc.returncode == 1, proc.stderr
        data = json.loads(proc.stdout)
        assert data["now"] == "2026-12-05T10:00:00+08:00"
        assert [{k: v for k, v in item.items() if k != "message"} for item in data["items"]] == [
            {"path": gone, "state": "deleted", "action": True, "when": "2026-11-02"},
            {"path": ENDING, "state": "expired", "action": True, "when": "2026-12-05"},
            {"path": LAPSED, "state": "invalid", "action": True, "when": "2026-11-30"},
            {
                "path": OLD,
                "state": "repealed",
                "action": True,
                "when": None,
                "replacement": STEADY,
                "replacement_state": "published",
            },
            {"path": LATER, "state": "scheduled", "action": False, "when": "2026-12-06 09:30"},
        ]
        assert "R-44" in data["items"][0]["message"] and "撤稿" in data["items"][0]["message"]

        table = run_govreview(timed.root, "lifecycle", "--now", "2026-12-05T10:00:00+08:00", lang="en")
        assert table.returncode == 1
        assert "docs/news/ending.md  expired  display period ended 2026-12-05" in table.stdout
        assert "4 items need action, 1 scheduled" in table.stdout
    finally:
        archive.write_bytes(before)


def test_lifecycle_with_nothing_to_do_exits_0(tmp_path):
    s = GitSite(tmp_path)
    s.write("docs/news/a.md", article("动态", start="2026-12-06"))
    s.commit("a")
    s.approve_inputs()
    s.approve_page("docs/index.md", "docs/news/a.md")
    early = run_govreview(s.root, "lifecycle", "--now", "2026-12-05T12:00:00+08:00")
    assert early.returncode == 0 and "定时发布" in early.stdout and "0 项需要处理，1 项定时发布" in early.stdout
    later = run_govreview(s.root, "lifecycle", "--now", "2026-12-06T00:00:00+08:00")
    assert later.returncode == 0 and "没有需要清理的信息" in later.stdout


def test_a_repeal_naming_no_public_page_is_a_warning_in_check_and_unlinked_on_the_site(tmp_path):
    s = GitSite(tmp_path)
    s.write("docs/news/old.md", article("旧办法", repealed_by="news/missing.md"))
    s.commit("old")
    s.approve_inputs()
    s.approve_page("docs/index.md", "docs/news/old.md")
    check = run_govreview(s.root, "check")
    assert check.returncode == 0, check.stdout + check.stderr
    assert "⚠" in check.stderr and "news/missing.md" in check.stderr and "R-43" in check.stderr
    proc = run_govreview(s.root, "lifecycle", "--json", "--now", "2026-12-05T00:00:00+08:00")
    item = json.loads(proc.stdout)["items"][0]
    assert (item["state"], item["replacement_state"]) == ("repealed", "not_published")
    site, _ = build(s, "2026-12-05T00:00:00+08:00", "site")
    page = (site / "news" / "old" / "index.html").read_text(encoding="utf-8")
    assert "已废止" in page and "missing.md" not in page and 'href="../missing' not in page


def test_zensical_output_loses_expired_pages_from_its_search_index_and_sitemap(timed):
    proc = run_govreview(
        timed.root, "build", "--generator", "zensical", "--now", "2026-12-05T00:00:00+08:00", "--site-dir", str(timed.root / "site-z")
    )
    assert proc.returncode == 0, proc.stderr + proc.stdout
    site = timed.root / "site-z"
    assert "已过期" in (site / "news" / "ending" / "index.html").read_text(encoding="utf-8")
    items = json.loads((site / "search.json").read_text(encoding="utf-8"))["items"]
    locations = {i["location"].split("#")[0] for i in items}
    assert "news/steady/" in locations and "news/ending/" not in locations
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "news/steady/" in sitemap and "news/ending/" not in sitemap


def test_a_local_mkdocs_build_shows_the_same_banners_and_listings(tmp_path):
    s = GitSite(tmp_path)
    s.write("docs/news/past.md", article("往期通知", "旧的通知。", end="2020-01-01"))
    s.write("docs/news/new.md", article("新办法", "新的规定。"))
    s.write("docs/news/old.md", article("旧办法", "旧的规定。", repealed_by="/news/new.md"))
    s.commit("pages")
    s.approve_inputs()
    s.approve_page("docs/index.md", "docs/news/past.md", "docs/news/new.md", "docs/news/old.md")
    result = s.build()
    assert result.returncode == 0, result.log
    assert "已过期" in s.html("news/past/index.html")
    listing = s.html("news/index.html")
    assert "往期通知" not in listing and "新办法" in listing and "旧办法" in listing
    assert '<a href="../new/">新办法</a>' in s.html("news/old/index.html")


def test_the_staged_manifest_says_what_is_unlisted_and_holds_nothing_scheduled(timed, tmp_path):
    dest = tmp_path / "snapshot"
    proc = run_govreview(timed.root, "stage", str(dest), "--now", "2026-12-05T00:00:00+08:00")
    assert proc.returncode == 0, proc.stderr
    files = json.loads((dest / ".govreview-snapshot" / "manifest.json").read_text(encoding="utf-8"))["files"]
    assert files[ENDING]["unlisted"] == "expired" and "unlisted" not in files[STEADY]
    assert LATER not in files and not (dest / LATER).exists()
    staged = (dest / ENDING).read_text(encoding="utf-8")
    assert staged.startswith("---\ntitle: 限时公告") and "已过期" in staged and "data-search-exclude" in staged


def test_a_scheduled_page_is_dated_and_listed_from_its_start_not_its_merge(timed):
    site, _ = build(timed, "2026-12-06T02:00:00Z", "site-1000")
    page = (site / "news" / "later" / "index.html").read_text(encoding="utf-8")
    merged = next(p for p in timed.pulls if LATER in {f.path for f in p.files}).merged_at
    assert merged < datetime(2026, 12, 6, 1, 30, tzinfo=UTC)
    assert "<th>发布日期</th><td>2026-12-06</td>" in page and f"<td>{merged.astimezone(CHINA):%Y-%m-%d}</td>" not in page
    listing = (site / "news" / "index.html").read_text(encoding="utf-8")
    # newest first: public on 12-06, after the others (merged with it, and first by name)
    assert listing.index("定时发布的通知") < listing.index("阶段性措施") < listing.index("长期动态")
