"""Clearing a false block through the real shell: `govreview check-pr` through real PyGithub
against the local fake GitHub, `govreview archive sync` writing the clearance, and
`govreview build` publishing the page from the approved snapshot; the MkDocs plugin
honouring an archived clearance offline."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import timedelta

import pytest
from fakegithub import FakeGitHub
from gitsite import GitSite, article
from govreview.archive_jsonl import read_archive
from govreview.checkpr import check_pull, render_comment
from govreview.core.evidence import Review
from govreview.sync import sync
from test_check_pr import forge, site
from test_publish_flow import MK, POLICY, cli, publish, published

PAGE = "docs/news/a.md"
OTHER = "docs/news/b.md"
#: A training page on document formats: it shows how a marking is written, so screening blocks it.
TEXT = article("公文格式培训", "密级标志的规范写法示例：秘密★1年。")
LINE = f"解除拦截：R-03 secrecy-marking {PAGE}:7:13 「秘密★1年」"


@pytest.fixture
def fake():
    with FakeGitHub() as server:
        yield server


def approved(repo, files, branch: str = "training"):
    pr = repo.open_pull("ed", branch, title="公文格式培训", files=files)
    pr.review("hana")
    pr.review("dong")
    pr.label("保密审查通过", actor="bao")
    return pr


def test_check_pr_tells_how_to_clear_and_honours_a_committee_review_on_the_head(fake):
    repo = site(fake)
    pr = approved(repo, {PAGE: TEXT})
    f = forge(fake)
    check = check_pull(f, pr.number)
    assert not check.ok
    (verdict,) = check.verdicts
    assert verdict.reasons[0].params["clear_line"] == LINE
    body = render_comment(check)
    assert f"`{LINE}`" in body and "@wei" in body, body

    pr.review("ed", "COMMENTED", body=LINE)  # the author
    pr.review("hana", "COMMENTED", body=LINE)  # the unit head
    check = check_pull(f, pr.number)
    assert not check.ok
    body = render_comment(check)
    assert "ℹ️ ed 是本次修改的作者或提交人，其解除拦截不予认可" in body and "hana 于" in body and "不持有规则规定的解除角色" in body

    pr.review("wei", "COMMENTED", body=f"经保密委研究，这是格式示例，不是密级标志。\n\n{LINE}\n")
    check = check_pull(f, pr.number)
    assert check.ok, render_comment(check)
    body = render_comment(check)
    assert "已由 wei" in body and "解除拦截" in body

    pr.push({PAGE: TEXT + "\n补充一句。\n"}, actor="ed")  # a new push changing the page voids it
    pr.review("hana")
    pr.review("dong")
    pr.label("保密审查通过", actor="bao")
    check = check_pull(f, pr.number)
    assert not check.ok
    assert "最新提交" in render_comment(check)


def test_sync_records_the_review_body_and_the_clearance(fake, tmp_path):
    repo = site(fake)
    pr = approved(repo, {PAGE: TEXT})
    review = pr.review("wei", "COMMENTED", body=LINE)
    pr.review("bao", "COMMENTED", body=LINE)  # no clearing role: recorded as a review, not as a clearance
    pr.merge("lin")
    archive_path = tmp_path / "approvals.jsonl"
    assert sync(forge(fake), archive_path).added == [pr.number]
    archive = read_archive(archive_path)
    (record,) = archive.pulls
    assert [r.body for r in record.reviews if r.login == "wei"] == [LINE]
    (clearance,) = archive.clearances
    assert (clearance.pull, clearance.by, clearance.review, clearance.head) == (pr.number, "wei", review.id, record.head)
    assert (clearance.path, clearance.check, clearance.line, clearance.column, clearance.text) == (
        PAGE,
        "secrecy-marking",
        7,
        13,
        "秘密★1年",
    )
    assert sync(forge(fake), archive_path).added == [] and len(read_archive(archive_path).clearances) == 1


def test_a_cleared_page_publishes_from_the_snapshot_and_the_uncleared_one_does_not(fake, tmp_path):
    repo = fake.repo("city/site")
    repo.push("main", {"policies/site.yml": "# 草稿\n" + POLICY}, actor="admin")
    files = {".gitignore": "site/\n.govreview/\n", "policies/site.yml": POLICY, "mkdocs.yml": MK, "docs/index.md": article("首页")}
    setup = repo.open_pull("ed", "setup", title="建立网站", files=files)
    setup.review("gui")
    setup.merge("lin")
    pr = approved(repo, {PAGE: TEXT, OTHER: TEXT.replace("公文格式培训", "格式培训之二")})
    check = cli(tmp_path, fake, "check-pr", "--pr", str(pr.number), "--no-post")
    assert check.returncode == 1 and LINE in check.stdout, check.stdout
    pr.review("wei", "COMMENTED", body=LINE)  # clears the finding of a.md only
    pr.merge("lin")

    result = publish(repo, fake, tmp_path)
    assert result.returncode == 0, result.stderr + result.stdout
    site_dir = tmp_path / "site-repo" / "site"
    assert (site_dir / "news" / "a" / "index.html").is_file()
    assert not (site_dir / "news" / "b" / "index.html").exists() and "格式培训之二" not in published(site_dir)
    assert f"{PAGE}:7:13" in result.stdout and "wei" in result.stdout, "the build log names who cleared it"
    report = json.loads((tmp_path / "site-repo" / ".govreview" / "report.json").read_text(encoding="utf-8"))
    entry = next(f for f in report["files"] if f["path"] == "news/a.md")
    assert entry["approved"] and [n["code"] for n in entry["notes"]] == ["screen_cleared"]
    assert "wei" in entry["notes"][0]["message"]
    withheld = next(f for f in report["files"] if f["path"] == "news/b.md")
    assert not withheld["approved"] and "解除拦截：R-03 secrecy-marking docs/news/b.md:7:13" in withheld["reasons"][0]["message"]


def test_the_plugin_honours_an_archived_clearance_offline(tmp_path):
    site = GitSite(tmp_path)
    site.approve_inputs()
    site.write("docs/news/a.md", TEXT)
    site.write("docs/news/b.md", TEXT)
    site.commit("training pages")
    pull = site.approve_page("docs/news/a.md", "docs/news/b.md")
    cleared = Review("wei", "COMMENTED", pull.head, pull.merged_at - timedelta(minutes=5), 4242, LINE)
    site.pulls[-1] = replace(pull, reviews=(*pull.reviews, cleared))
    site.save_archive()
    build = site.build()
    assert build.returncode == 0, build.log
    assert site.html("news/a/index.html") is not None, build.log
    assert site.html("news/b/index.html") is None
    assert "news/a.md:7" in build.log and "wei" in build.log
