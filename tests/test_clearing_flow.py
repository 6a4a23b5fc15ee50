"""Clearing a false block through the real shell: `govreview check-pr` through real PyGithub
against the local fake GitHub, `govreview archive sync` writing the clearance, and
`govreview build` publishing the page from the approved snapshot; the MkDocs plugin
honouring an archived clearance offline."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import timedelta

import pytest
from fakegithub import FakeGitHub, node_id
from github import Auth, Github
from gitsite import GitSite, article
from govreview.archive_jsonl import read_archive
from govreview.checkpr import PublishError, check_pull, publish, render_comment
from govreview.core.evidence import Review
from govreview.forge import Forge, connect
from govreview.sync import sync
from test_check_pr import forge, site
from test_publish_flow import MK, POLICY, cli, published
from test_publish_flow import publish as publish_site

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

    result = publish_site(repo, fake, tmp_path)
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
    cleared = Review("wei", "COMMENTED", pull.head, pull.merged_at - timedelta(minutes=5), 4242, LINE, edited=False)
    site.pulls[-1] = replace(pull, reviews=(*pull.reviews, cleared))
    site.save_archive()
    build = site.build()
    assert build.returncode == 0, build.log
    assert site.html("news/a/index.html") is not None, build.log
    assert site.html("news/b/index.html") is None
    assert "news/a.md:7" in build.log and "wei" in build.log


# -- a review body edited after submission (the forge lets the reviewer edit it) ------------------


def pygithub_review(fake, number: int, review_id: int):
    """The review as PyGithub gives it, to edit it the way a reviewer does (PUT …/reviews/{id})."""
    client = Github(base_url=fake.url, auth=Auth.Token("t"), seconds_between_requests=0, seconds_between_writes=0, retry=None)
    return client.get_repo("city/site").get_pull(number).get_review(review_id)


def test_a_clearing_review_edited_after_submission_does_not_clear(fake, tmp_path):
    repo = site(fake)
    pr = approved(repo, {PAGE: TEXT, OTHER: TEXT})
    other_line = LINE.replace(PAGE, OTHER)
    review = pr.review("wei", "COMMENTED", body=LINE)  # judged a.md
    f = forge(fake)
    check = check_pull(f, pr.number)
    verdicts = {v.path: v for v in check.verdicts}
    assert verdicts["news/a.md"].approved and not verdicts["news/b.md"].approved
    assert [c.body["variables"]["id"] for c in fake.calls("/graphql", "POST")] == [f"{node_id('PRR', review.id)}"]

    # the same review, edited to name b.md too: nothing it names counts any more
    edited = pygithub_review(fake, pr.number, review.id)
    edited.edit(f"{LINE}\n{other_line}")
    assert fake.calls(f"/repos/city/site/pulls/{pr.number}/reviews/{review.id}", "PUT")
    check = check_pull(f, pr.number)
    assert not any(v.approved for v in check.verdicts)
    body = render_comment(check)
    assert "wei" in body and "提交后被修改过" in body and "重新提交一条审查" in body, body

    pr.review("wei", "COMMENTED", body=f"{LINE}\n{other_line}")  # a new review, as the message says
    check = check_pull(f, pr.number)
    assert check.ok, render_comment(check)

    pr.merge("lin")
    archive_path = tmp_path / "approvals.jsonl"
    assert sync(forge(fake), archive_path).added == [pr.number]
    archive = read_archive(archive_path)
    assert [(r.id, r.edited) for r in archive.pulls[0].reviews if r.login == "wei"] == [(review.id, True), (pr.reviews[-1].id, False)]
    assert {(c.review, c.path) for c in archive.clearances} == {(pr.reviews[-1].id, PAGE), (pr.reviews[-1].id, OTHER)}
    assert [r.edited for r in archive.pulls[0].reviews if r.login != "wei"] == [None, None], "only clearing reviews are asked"


@pytest.mark.parametrize(
    ("status", "body", "why"),
    [
        pytest.param(502, {"message": "Server Error"}, "HTTP 502", id="server-error"),
        pytest.param(
            200,
            {"data": {"node": None}, "errors": [{"type": "NOT_FOUND", "path": ["node"], "message": "Could not resolve to a node"}]},
            "Could not resolve to a node",
            id="missing-node",
        ),
        pytest.param(
            200, {"errors": [{"message": "Something went wrong while executing your query."}]}, "Something went wrong", id="graphql-error"
        ),
        pytest.param(200, {"data": {"node": {"__typename": "PullRequestReview", "databaseId": 1}}}, "没有给出审查", id="other-review"),
    ],
)
def test_when_the_edit_state_cannot_be_read_the_clearing_does_not_count_and_sync_waits(fake, tmp_path, status, body, why):
    repo = site(fake)
    pr = approved(repo, {PAGE: TEXT})
    pr.review("wei", "COMMENTED", body=LINE)
    fault = fake.fail("/graphql", None, status, body=body)
    check = check_pull(forge(fake), pr.number)
    assert not check.ok
    text = render_comment(check)
    assert "无法从平台读出 wei" in text and why in text, text

    pr.merge("lin")
    archive_path = tmp_path / "approvals.jsonl"
    result = sync(forge(fake), archive_path)
    assert result.added == [] and why in result.failed[pr.number] and "下次同步时重试" in result.failed[pr.number]
    assert not archive_path.exists() or read_archive(archive_path).pulls == ()
    fake.faults.remove(fault)
    assert sync(forge(fake), archive_path).added == [pr.number], "tried again, and recorded once the forge answers"
    assert len(read_archive(archive_path).clearances) == 1


def test_a_graphql_query_is_retried_like_a_read_and_a_comment_post_is_not(fake):
    repo = site(fake)
    pr = approved(repo, {PAGE: TEXT})
    pr.review("wei", "COMMENTED", body=LINE)
    f = Forge(connect("t", fake.url, retries=2), "city/site")
    fake.fail("/graphql", 1, 502)
    check = check_pull(f, pr.number)
    assert check.ok, render_comment(check)
    assert len(fake.calls("/graphql", "POST")) == 2, "the query was sent again after the 502"
    fake.fail(f"/repos/city/site/issues/{pr.number}/comments", 1, 502, method="POST")
    with pytest.raises(PublishError):
        publish(f, check)
    assert len(fake.calls(f"/repos/city/site/issues/{pr.number}/comments", "POST")) == 1


#: The committee holds the clearing role per unit: wu for the press office only.
UNITS = POLICY.replace("units:\n  office: 办公室\n", "units:\n  office: 办公室\n  press: 宣传科\n").replace(
    "committee: {name: 保密委员会, members: [wei]}", "committee: {name: 保密委员会, units: {office: [wei], press: [wu]}}"
)


def test_sync_and_the_gate_agree_on_a_clearer_holding_the_role_in_another_unit_only(fake, tmp_path):
    assert "press: [wu]" in UNITS and "press: 宣传科" in UNITS
    repo = site(fake, UNITS)
    pr = approved(repo, {PAGE: TEXT})  # the news column belongs to the office
    pr.review("wu", "COMMENTED", body=LINE)
    check = check_pull(forge(fake), pr.number)
    assert not check.ok and "不持有规则规定的解除角色" in render_comment(check)
    pr.merge("lin")
    archive_path = tmp_path / "approvals.jsonl"
    assert sync(forge(fake), archive_path).added == [pr.number]
    archive = read_archive(archive_path)
    assert archive.clearances == (), "the archive lists no clearance the gate does not count"
    assert [r.login for r in archive.pulls[0].reviews if r.body] == ["wu"]

    pr2 = approved(repo, {OTHER: TEXT}, branch="training-2")
    pr2.review("wu", "COMMENTED", body=LINE.replace(PAGE, OTHER))
    pr2.review("wei", "COMMENTED", body=LINE.replace(PAGE, OTHER))
    assert check_pull(forge(fake), pr2.number).ok
    pr2.merge("lin")
    assert sync(forge(fake), archive_path).added == [pr2.number]
    assert [c.by for c in read_archive(archive_path).clearances] == ["wei"]
