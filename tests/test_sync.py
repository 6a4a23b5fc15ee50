"""Archive sync from GitHub: real PyGithub over HTTP against the local fake GitHub,
then the gate judging the synced evidence."""

from __future__ import annotations

from pathlib import Path

import pytest
from fakegithub import FakeGitHub
from github import Auth, Github, GithubRetry
from gitsite import MKDOCS, POLICY, article
from govreview.archive_jsonl import ArchiveError, read_archive
from govreview.core.evidence import ArchiveIndex
from govreview.core.gate import judge
from govreview.core.page import SourceFile
from govreview.forge import Forge, ForgeError
from govreview.frontmatter import blob_id, read_front_matter
from govreview.policy_yaml import load_policy
from govreview.sync import sync

PAGE = "docs/news/a.md"
TEXT = article("同步测试动态")


@pytest.fixture
def fake():
    with FakeGitHub() as server:
        yield server


def forge(fake: FakeGitHub, retries: int = 0) -> Forge:
    client = Github(
        base_url=fake.url,
        auth=Auth.Token("t"),
        seconds_between_requests=0,
        retry=GithubRetry(total=retries, backoff_factor=0.01) if retries else None,
        per_page=100,
    )
    return Forge(client, "city/site")


def site(fake: FakeGitHub):
    repo = fake.repo("city/site")
    repo.push("main", {"mkdocs.yml": MKDOCS, "policies/site.yml": POLICY, "docs/index.md": article("首页")}, actor="admin")
    return repo


def approved_pr(repo, text: str = TEXT):
    pr = repo.open_pull("ed", "news-a", title="发布动态", files={PAGE: text})
    pr.review("hana", "APPROVED")
    pr.review("dong", "APPROVED")
    pr.label("保密审查通过", actor="bao")
    pr.merge("lin")
    return pr


def verdict_for(archive_path: Path, text: str = TEXT):
    archive = read_archive(archive_path)
    data = text.encode()
    fm = read_front_matter(data)
    source = SourceFile("news/a.md", PAGE, blob_id(data), "page", fm.meta, fm.lines, fm.problem)
    policies = {pid: load_policy(files) for pid, files in archive.policies.items()}
    return judge(source, ArchiveIndex(archive.pulls), policies)


def test_synced_evidence_approves_an_approved_page(fake, tmp_path):
    repo = site(fake)
    approved_pr(repo)
    archive = tmp_path / "approvals.jsonl"
    result = sync(forge(fake), archive)
    assert result.added == [1] and not result.failed
    record = read_archive(archive).pulls[0]
    assert {f.path: f.blob for f in record.files} == {PAGE: blob_id(TEXT.encode())}
    assert record.heads[-1].sha == record.head and record.heads[-1].pushed_at is not None
    assert {r.login for r in record.reviews} == {"hana", "dong"}
    v = verdict_for(archive)
    assert v.approved, v.reasons


def test_sync_is_idempotent_and_incremental(fake, tmp_path):
    repo = site(fake)
    approved_pr(repo)
    archive = tmp_path / "approvals.jsonl"
    sync(forge(fake), archive)
    before = archive.read_bytes()
    fake.requests.clear()
    assert sync(forge(fake), archive).added == []
    assert archive.read_bytes() == before
    assert all("/pulls/1/" not in r.path for r in fake.requests), "a known pull request is not fetched again"


def test_approval_on_an_old_commit_does_not_survive_a_push_that_changes_the_page(fake, tmp_path):
    repo = site(fake)
    pr = repo.open_pull("ed", "news-a", files={PAGE: article("旧稿")})
    pr.review("hana", "APPROVED")
    pr.review("dong", "APPROVED")
    pr.push({PAGE: TEXT})
    pr.label("保密审查通过", actor="bao")
    pr.merge("lin")
    archive = tmp_path / "approvals.jsonl"
    sync(forge(fake), archive)
    v = verdict_for(archive)
    assert [r.code for r in v.reasons] == ["step_missing", "step_missing"]


def test_label_before_the_last_push_does_not_count(fake, tmp_path):
    repo = site(fake)
    pr = repo.open_pull("ed", "news-a", files={PAGE: article("旧稿")})
    pr.label("保密审查通过", actor="bao")
    pr.push({PAGE: TEXT})
    pr.review("hana", "APPROVED")
    pr.review("dong", "APPROVED")
    pr.merge("lin")
    archive = tmp_path / "approvals.jsonl"
    sync(forge(fake), archive)
    assert [r.code for r in verdict_for(archive).reasons] == ["secrecy_before_push"]


def test_self_approval_and_a_non_secrecy_label_do_not_count(fake, tmp_path):
    repo = site(fake)
    pr = repo.open_pull("hana", "news-a", files={PAGE: TEXT})
    pr.review("hana", "APPROVED")
    pr.review("dong", "APPROVED")
    pr.label("保密审查通过", actor="dong")
    pr.merge("lin")
    archive = tmp_path / "approvals.jsonl"
    sync(forge(fake), archive)
    codes = {r.code for r in verdict_for(archive).reasons}
    assert codes == {"step_missing", "secrecy_wrong_actor"}


def test_a_502_is_retried(fake, tmp_path):
    repo = site(fake)
    approved_pr(repo)
    fake.fail("/repos/city/site/pulls", times=1, status=502)
    assert sync(forge(fake, retries=2), tmp_path / "a.jsonl").added == [1]


def test_forge_down_writes_nothing_new(fake, tmp_path):
    repo = site(fake)
    approved_pr(repo)
    archive = tmp_path / "approvals.jsonl"
    fake.down()
    with pytest.raises(ForgeError):
        sync(forge(fake), archive)
    assert read_archive(archive).pulls == ()


def test_a_pull_request_whose_evidence_breaks_midway_is_not_recorded(fake, tmp_path):
    repo = site(fake)
    approved_pr(repo)
    fake.fail("/repos/city/site/pulls/1/reviews", times=None, status=500)
    archive = tmp_path / "approvals.jsonl"
    result = sync(forge(fake), archive)
    assert result.added == [] and 1 in result.failed
    fake.up()
    assert sync(forge(fake), archive).added == [1], "retried on the next run"


def test_calls_grow_with_the_pull_request_not_the_site(fake, tmp_path):
    repo = site(fake)
    repo.push("main", {f"docs/news/old{i}.md": article(f"旧{i}") for i in range(200)}, actor="admin")
    approved_pr(repo)
    fake.requests.clear()
    sync(forge(fake), tmp_path / "approvals.jsonl")
    assert len(fake.requests) <= 15, [r.path for r in fake.requests]


TEAM_POLICY = POLICY.replace("head: {name: 科室负责人, units: {office: [hana]}}", "head: {name: 科室负责人, units: {office: [city/heads]}}")


def team_site(fake: FakeGitHub):
    repo = fake.repo("city/site")
    repo.push("main", {"mkdocs.yml": MKDOCS, "policies/site.yml": TEAM_POLICY}, actor="admin")
    fake.team("city", "heads", {"hana": "active", "pen": "pending"})
    return repo


def test_team_roles_count_when_membership_could_be_read(fake, tmp_path):
    approved_pr(team_site(fake))
    archive = tmp_path / "approvals.jsonl"
    assert sync(forge(fake), archive).added == [1]
    assert read_archive(archive).pulls[0].teams == {"city/heads": frozenset({"hana"})}
    assert verdict_for(archive).approved


@pytest.mark.parametrize("status", [404, 403])
def test_a_pull_request_is_not_archived_while_a_team_cannot_be_read(fake, tmp_path, status, monkeypatch):
    """The default workflow token gets 404 for every team: never read as "not a member", and
    never archived without the team (the archive is not resolved again), but retried next run."""
    monkeypatch.delenv("GOVREVIEW_LANG", raising=False)
    approved_pr(team_site(fake))
    if status == 404:
        fake.hidden_teams.add(("city", "heads"))
    else:
        fake.fail("/orgs/city/teams/heads", times=None, status=403, body={"message": "Resource not accessible by integration"})
    archive = tmp_path / "approvals.jsonl"
    result = sync(forge(fake), archive)
    assert result.added == [] and read_archive(archive).pulls == ()
    reason = result.failed[1]
    assert "city/heads" in reason and f"HTTP {status}" in reason and "Members: read" in reason and "read:org" in reason
    fake.hidden_teams.clear()
    fake.up()
    assert sync(forge(fake), archive).added == [1], "archived once the token can read the team"
    assert verdict_for(archive).approved


def test_a_team_that_answers_500_is_a_failure_not_an_unreadable_team(fake, tmp_path):
    approved_pr(team_site(fake))
    fake.fail("/orgs/city/teams/heads", times=None, status=500)
    result = sync(forge(fake), tmp_path / "approvals.jsonl")
    assert result.added == [] and "HTTP 500" in result.failed[1] and "Members: read" not in result.failed[1]


def test_a_rate_limit_with_retry_after_is_waited_out(fake, tmp_path):
    repo = site(fake)
    approved_pr(repo)
    fake.rate_limited("/repos/city/site/pulls", times=1, retry_after=1)
    assert sync(forge(fake, retries=2), tmp_path / "a.jsonl").added == [1]


def test_latest_review_requesting_changes_withdraws_the_approval(fake, tmp_path):
    repo = site(fake)
    pr = repo.open_pull("ed", "news-a", files={PAGE: TEXT})
    pr.review("hana", "APPROVED")
    pr.review("dong", "APPROVED")
    pr.review("dong", "CHANGES_REQUESTED")
    pr.review("dong", "COMMENTED")
    pr.label("保密审查通过", actor="bao")
    pr.merge("lin")
    archive = tmp_path / "approvals.jsonl"
    sync(forge(fake), archive)
    v = verdict_for(archive)
    assert [(r.code, r.params.get("step")) for r in v.reasons] == [("step_missing", "分管领导")]


# -- archive format 2: who merged, when ready, the chain ------------------------------------------


def test_who_merged_and_when_the_pull_request_was_ready_are_recorded(fake, tmp_path):
    repo = site(fake)
    approved_pr(repo)
    archive = tmp_path / "approvals.jsonl"
    sync(forge(fake), archive)
    record = read_archive(archive).pulls[0]
    pr = repo.pulls[1]
    assert record.merged_by == "lin"
    assert record.ready_at == pr.created_at, "opened ready for review: the application is the opening"
    assert all(r.id is not None for r in record.reviews)
    assert {r.id for r in record.reviews} == {r.id for r in pr.reviews}


def test_ready_at_is_when_a_draft_was_marked_ready(fake, tmp_path):
    repo = site(fake)
    pr = repo.open_pull("ed", "news-a", files={PAGE: TEXT})
    pr._event("convert_to_draft", "ed", None)
    pr.push({PAGE: TEXT + "补充。\n"})
    ready = pr._event("ready_for_review", "ed", None).created_at
    pr.review("hana", "APPROVED")
    pr.merge("lin")
    archive = tmp_path / "approvals.jsonl"
    sync(forge(fake), archive)
    record = read_archive(archive).pulls[0]
    assert record.ready_at == ready and record.ready_at > pr.created_at


def test_ready_at_is_unknown_when_the_pull_request_went_back_to_draft(fake, tmp_path):
    repo = site(fake)
    pr = repo.open_pull("ed", "news-a", files={PAGE: TEXT})
    pr._event("ready_for_review", "ed", None)
    pr._event("convert_to_draft", "ed", None)
    pr.merge("lin")
    archive = tmp_path / "approvals.jsonl"
    sync(forge(fake), archive)
    assert read_archive(archive).pulls[0].ready_at is None


def test_a_second_sync_continues_the_hash_chain(fake, tmp_path):
    repo = site(fake)
    approved_pr(repo)
    archive = tmp_path / "approvals.jsonl"
    sync(forge(fake), archive)
    first = read_archive(archive).tip
    second = repo.open_pull("ed", "news-b", files={"docs/news/b.md": article("第二篇")})
    second.review("hana", "APPROVED")
    second.merge("lin")
    assert sync(forge(fake), archive).added == [2]
    after = read_archive(archive)
    assert after.tip.seq == first.seq + 1, "the policy is known, so one line: pull #2"
    line = archive.read_bytes().split(b"\n")[-2]
    assert b'"seq": %d' % after.tip.seq in line and first.hash.encode() in line


def test_sync_refuses_a_version_1_archive_and_leaves_it_alone(fake, tmp_path):
    repo = site(fake)
    approved_pr(repo)
    archive = tmp_path / "approvals.jsonl"
    archive.write_text('{"type": "header", "format": "govreview-archive", "version": 1}\n', encoding="utf-8")
    with pytest.raises(ArchiveError) as err:
        sync(forge(fake), archive)
    assert "archive migrate" in err.value.message
    assert archive.read_text(encoding="utf-8").count("\n") == 1
