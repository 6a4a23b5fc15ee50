"""Real ``mkdocs build`` runs on temporary sites inside real temporary git repositories."""

from __future__ import annotations

import io
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from gitsite import POLICY, GitSite, article
from govreview.frontmatter import blob_id
from PIL import Image

A = "docs/news/approved.md"
B = "docs/news/unapproved.md"


@pytest.fixture
def site(tmp_path):
    s = GitSite(tmp_path)
    s.write(A, article("已审批的动态"))
    s.write(B, article("尚未审批的动态"))
    s.commit("two pages")
    s.approve_inputs()
    s.approve_page("docs/index.md")
    s.approve_page(A)
    return s


def report(site: GitSite) -> dict:
    return json.loads((site.root / ".govreview" / "report.json").read_text(encoding="utf-8"))


def test_blob_ids_are_gits_own(site):
    assert blob_id((site.root / A).read_bytes()) == site.blob(A)


def test_approved_pages_publish_and_unapproved_are_withheld(site):
    result = site.build()
    assert result.returncode == 0, result.log
    assert "已审批的动态" in site.html("news/approved/index.html")
    assert site.html("news/unapproved/index.html") is None
    assert "news/unapproved.md" in result.log and "[R-10]" in result.log and "@hana" in result.log
    listing = site.html("news/index.html")
    assert "已审批的动态" in listing and "尚未审批的动态" not in listing
    verdicts = {f["path"]: f for f in report(site)["files"]}
    assert verdicts["news/approved.md"]["approved"] is True
    assert verdicts["news/unapproved.md"]["approved"] is False
    assert not list((site.root / "site").rglob("report.json")), "the verdict report must not be public"


def test_withheld_page_is_absent_from_search_index_and_sitemap(site):
    assert site.build().returncode == 0
    index = json.loads((site.root / "site" / "search" / "search_index.json").read_text(encoding="utf-8"))
    search = " ".join(d["title"] + d["text"] for d in index["docs"])
    assert "尚未审批" not in search and "已审批的动态" in search
    assert "unapproved" not in (site.root / "site" / "sitemap.xml").read_text(encoding="utf-8")


def test_strict_build_fails_when_anything_is_withheld(site):
    assert site.build("--strict").returncode != 0


def test_fail_mode_stops_the_build(site):
    (site.root / "mkdocs.yml").write_text(site_config("  - govreview:\n      on_blocked: fail\n"), encoding="utf-8")
    site.commit("fail mode")
    site.approve_inputs()
    result = site.build()
    assert result.returncode != 0 and "unapproved.md" in result.log


def site_config(plugins: str) -> str:
    return f"site_name: 测试站\ntheme:\n  name: material\n  font: false\nplugins:\n  - search\n{plugins}"


def test_uncommitted_edit_after_approval_is_withheld(site):
    (site.root / A).write_text(article("已审批的动态", "审批后偷偷改过的正文。"), encoding="utf-8")
    result = site.build()
    assert site.html("news/approved/index.html") is None
    assert "合并后被改动" in result.log


def test_edit_committed_on_main_without_a_pull_request_is_withheld(site):
    site.write(A, article("已审批的动态", "直接提交到主分支的改动。"))
    site.commit("direct push to main")
    site.build()
    assert site.html("news/approved/index.html") is None


def test_unapproved_build_input_stops_the_publish(site):
    assert site.build().returncode == 0
    before = site.html("news/approved/index.html")
    cfg = (site.root / "mkdocs.yml").read_text(encoding="utf-8")
    (site.root / "mkdocs.yml").write_text(cfg + "copyright: 未经审批的版权声明\n", encoding="utf-8")
    result = site.build()
    assert result.returncode != 0
    assert "mkdocs.yml" in result.log and "停止发布" in result.log
    assert "Traceback" not in result.log
    assert site.html("news/approved/index.html") == before, "the last good site stays"


def test_unapproved_css_in_docs_stops_the_publish(site):
    site.write("docs/extra.css", "body { display: none }")
    result = site.build()
    assert result.returncode != 0 and "extra.css" in result.log


def test_missing_archive_publishes_nothing_new(site):
    (site.root / "archive" / "approvals.jsonl").unlink()
    result = site.build()
    assert result.returncode != 0 and "审批档案" in result.log and "Traceback" not in result.log


def test_corrupt_archive_line_fails_closed_naming_the_line(site):
    path = site.root / "archive" / "approvals.jsonl"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[2] = lines[2][:-5]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = site.build()
    assert result.returncode != 0 and "approvals.jsonl:3" in result.log


def test_dirty_build_is_refused_so_old_output_cannot_survive(site):
    assert site.build().returncode == 0
    before = site.html("news/approved/index.html")
    (site.root / A).write_text(article("已审批的动态", "改动。"), encoding="utf-8")
    result = site.build("--dirty")
    assert result.returncode != 0 and "--dirty" in result.log and "Traceback" not in result.log
    assert site.html("news/approved/index.html") == before, "the last good site stays as it was"


def test_gbk_page_is_withheld_with_a_clear_message(site):
    site.write("docs/news/gbk.md", "---\ntitle: 用WPS保存的页面\n---\n\n正文\n".encode("gbk"))
    result = site.build()
    assert result.returncode == 0, result.log
    assert "gbk.md" in result.log and "UTF-8" in result.log and "Traceback" not in result.log
    assert site.html("news/gbk/index.html") is None


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(out, "PNG")
    return out.getvalue()


def test_attachment_needs_approval_like_a_page(site):
    site.write("docs/news/table.xlsx", b"PK\x03\x04 not really a workbook")
    site.write("docs/news/photo.png", _png())
    site.commit("attachments")
    site.approve_page("docs/news/photo.png")
    site.build()
    assert (site.root / "site/news/photo.png").is_file()
    assert not (site.root / "site/news/table.xlsx").exists()


def test_approved_page_shows_the_disclosure_block_with_merge_time_in_shanghai(site):
    from datetime import UTC, datetime

    site.write("docs/news/late.md", article("深夜合并的动态", doc_no="测试〔2026〕1号"))
    site.commit("late")
    site.merge(["docs/news/late.md"], ["hana", "dong"], merged_at=datetime(2026, 5, 20, 23, 30, tzinfo=UTC))
    site.build()
    html = site.html("news/late/index.html")
    assert "govreview-disclosure" in html
    assert "2026-05-21" in html, "23:30 UTC is the next day in Shanghai"
    assert "测试〔2026〕1号" in html and "2026-05-10" in html and "测试市测试局" in html and "工作动态" in html


def test_title_markup_is_escaped_in_the_column_listing(site):
    site.write("docs/news/x.md", article('"<script>alert(1)</script> [链接](http://evil.example)"'))
    site.commit("x")
    site.approve_page("docs/news/x.md")
    site.build()
    listing = site.html("news/index.html")
    assert "&lt;script&gt;alert(1)" in listing
    assert "<script>alert(1)" not in listing
    assert 'href="http://evil.example"' not in listing


def test_report_inside_the_public_site_is_refused(site):
    (site.root / "mkdocs.yml").write_text(site_config("  - govreview:\n      report: site/report.json\n"), encoding="utf-8")
    site.commit("report in site")
    site.approve_inputs()
    result = site.build()
    assert result.returncode != 0 and not (site.root / "site" / "report.json").exists()


def test_column_index_is_paginated_newest_first(tmp_path):
    s = GitSite(tmp_path, mkdocs=site_config("  - govreview:\n      per_page: 2\n"))
    paths = [f"docs/news/p{i}.md" for i in range(5)]
    for i, p in enumerate(paths):
        s.write(p, article(f"第{i}条动态"))
    s.commit("five")
    s.approve_inputs()
    for p in paths:
        s.approve_page(p)
    assert s.build().returncode == 0
    first = s.html("news/index.html")
    assert first.index("第4条动态") < first.index("第3条动态")
    assert "第0条动态" not in first
    last = s.html("news/page/3/index.html")
    assert "第0条动态" in last and "上一页" in last


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_serve_shows_unapproved_pages_with_a_banner(site):
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--no-livereload", "-a", f"127.0.0.1:{port}"],
        cwd=site.root,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        body = ""
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/news/unapproved/", timeout=5) as resp:
                    body = resp.read().decode("utf-8")
                break
            except OSError:
                time.sleep(0.5)
        assert "未审批 · 不得发布" in body
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/news/approved/", timeout=5) as resp:
            assert "未审批 · 不得发布" not in resp.read().decode("utf-8")
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def test_pages_keep_their_front_matter_and_body_exactly(site):
    body = "Note: 这一行像元数据，但它是正文。\n\n正文第二段。"
    site.write("docs/news/meta.md", "---\ntitle: 元数据页\nauthor: 甲\ndate: 2026-05-10\ntemplate: main.html\n---\n\n" + body + "\n")
    site.commit("meta")
    site.approve_page("docs/news/meta.md")
    assert site.build().returncode == 0
    html = site.html("news/meta/index.html")
    assert "<title>元数据页" in html and "Note: 这一行像元数据" in html and "正文第二段" in html


def test_a_typed_publication_date_is_reported_and_never_shown(site):
    site.write("docs/news/typed.md", article("自填发布日期的动态", 发布日期="2020-01-01"))
    site.commit("typed")
    site.approve_page("docs/news/typed.md")
    result = site.build()
    assert "typed.md" in result.log and "2020-01-01" in result.log
    html = site.html("news/typed/index.html")
    assert "2020-01-01" not in html and "2026-05-1" in html


def test_an_approved_page_with_a_block_finding_is_withheld_at_build(site):
    site.write("docs/news/leak.md", article("会议纪要", "会议材料\n<!-- 秘密★1年 -->\n正文。"))
    site.commit("leak")
    site.approve_page("docs/news/leak.md")
    result = site.build()
    assert result.returncode == 0, result.log
    assert site.html("news/leak/index.html") is None
    assert "密级标志" in result.log and "R-03" in result.log
    assert site.html("news/approved/index.html") is not None


def test_a_warning_is_withheld_until_accepted_and_the_acceptance_is_archived(site):
    site.write("docs/news/phone.md", article("联系方式", "咨询请拨打手机 13812345678。"))
    site.commit("phone")
    site.approve_page("docs/news/phone.md")
    site.build()
    assert site.html("news/phone/index.html") is None
    site.merge(["docs/news/phone.md"], ["hana", "dong"], labels=("提示已核实",))
    assert "提示已核实" in (site.root / "archive/approvals.jsonl").read_text(encoding="utf-8")
    result = site.build()
    assert site.html("news/phone/index.html") is not None, result.log
    report = json.loads((site.root / ".govreview/report.json").read_text(encoding="utf-8"))
    notes = [n for f in report["files"] if f["path"] == "news/phone.md" for n in f.get("notes", [])]
    assert any("bao" in str(n) for n in notes), notes


def test_a_build_input_outside_docs_is_screened_but_the_policy_word_list_is_not(site):
    (site.root / "policies/words.yml").write_text("words:\n  - {term: 绝密★, severity: block}\n", encoding="utf-8")
    site.commit("word list")
    site.approve_inputs()
    site.merge(["policies/words.yml"], ["gui"], secrecy=None)
    assert site.build().returncode == 0, "a word list naming a marking is not itself a leak"
    config = (site.root / "mkdocs.yml").read_text(encoding="utf-8") + "copyright: 内部资料 注意保存\n"
    (site.root / "mkdocs.yml").write_text(config, encoding="utf-8")
    site.commit("footer")
    site.approve_inputs()
    result = site.build()
    assert result.returncode != 0 and "内部资料" in result.log and "Traceback" not in result.log


def test_serve_rebuilds_when_the_policy_changes(site):
    site.write("docs/news/a.md", article("动态"))
    site.commit("page")
    site.approve_inputs()
    site.approve_page("docs/news/a.md")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("GOVREVIEW_LANG", None)
    log = site.root / "serve.log"
    with log.open("w", encoding="utf-8") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"], cwd=site.root, stdout=out, stderr=out, env=env
        )
    try:

        def wait_for(text: str, after: int = 0) -> bool:
            for _ in range(300):
                if text in log.read_text(encoding="utf-8")[after:]:
                    return True
                time.sleep(0.1)
            return False

        assert wait_for("Serving on"), log.read_text(encoding="utf-8")
        before = len(log.read_text(encoding="utf-8"))
        assert "主要领导（@zhu）" not in log.read_text(encoding="utf-8")
        # A stricter policy in the work tree: the preview shows at once what new pages will need
        # (published pages stay judged by the policy they merged under).
        stricter = POLICY.replace("steps: [{role: head}, {role: deputy}]", "steps: [{role: head}, {role: deputy}, {role: chief}]", 1)
        assert stricter != POLICY
        site.write("policies/site.yml", stricter)
        assert wait_for("主要领导（@zhu）", before), log.read_text(encoding="utf-8")[before:]
        assert "news/a.md: 未审批" not in log.read_text(encoding="utf-8")
    finally:
        proc.terminate()
        proc.wait(timeout=10)
