"""govreview check-pr through real PyGithub against the local fake GitHub."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from fakegithub import FakeGitHub
from github import Auth, Github
from gitsite import MKDOCS, POLICY, article
from govreview.checkpr import MARKER, annotations, check_pull, publish, render_comment
from govreview.forge import Forge, ForgeError

PAGE = "docs/news/a.md"
PREVIEW_POLICY = POLICY.replace(
    "columns:\n",
    "  preview:\n    name: 预告\n    steps: [{role: head}]\n    deadlines: [{rule: R-32, field: event_date, before: 3}]\ncolumns:\n  previews: {name: 预告, category: preview, unit: office}\n",
)


@pytest.fixture
def fake():
    with FakeGitHub() as server:
        yield server


def forge(fake: FakeGitHub) -> Forge:
    client = Github(base_url=fake.url, auth=Auth.Token("t"), seconds_between_requests=0, seconds_between_writes=0, retry=None, per_page=100)
    return Forge(client, "city/site")


def site(fake: FakeGitHub, policy: str = POLICY):
    repo = fake.repo("city/site")
    repo.push("main", {"mkdocs.yml": MKDOCS, "policies/site.yml": policy, "docs/index.md": article("首页")}, actor="admin")
    return repo


def test_fully_approved_pull_request_passes_and_posts_one_comment(fake):
    repo = site(fake)
    pr = repo.open_pull("ed", "news-a", files={PAGE: article("动态")})
    pr.review("hana")
    pr.review("dong")
    pr.label("保密审查通过", actor="bao")
    f = forge(fake)
    check = check_pull(f, pr.number)
    assert check.ok, render_comment(check)
    publish(f, check)
    publish(f, check_pull(f, pr.number))
    assert [s.state for s in repo.statuses] == ["success", "success"]
    assert {s.context for s in repo.statuses} == {"govreview"}
    comments = [c for c in repo.comments.values() if MARKER in c.body]
    assert len(comments) == 1, "the sticky comment is edited in place, never posted twice"


def test_missing_steps_say_who_can_supply_them(fake):
    repo = site(fake)
    pr = repo.open_pull("hana", "news-a", files={PAGE: article("动态")})
    pr.review("hana")  # the author's own approval
    f = forge(fake)
    check = check_pull(f, pr.number)
    publish(f, check)
    assert not check.ok and repo.statuses[-1].state == "failure"
    body = render_comment(check)
    assert "❌ `news/a.md`" in body and "分管领导 | ❌ | 可审批：@dong" in body and "保密审查" in body


def test_a_pull_request_cannot_weaken_its_own_rules(fake):
    repo = site(fake)
    weaker = POLICY.replace("steps: [{role: head}, {role: deputy}]", "steps: [{role: head}]", 1)
    pr = repo.open_pull("ed", "weaken", files={"policies/site.yml": weaker, PAGE: article("动态")})
    pr.review("hana")
    pr.label("保密审查通过", actor="bao")
    check = check_pull(forge(fake), pr.number)
    by_path = {v.path: v for v in check.verdicts}
    assert not by_path["news/a.md"].approved, "judged by the base branch's policy, which still needs the deputy"
    assert not by_path["policies/site.yml"].approved and by_path["policies/site.yml"].category == "policy"


def test_the_archive_cannot_be_changed_by_a_pull_request(fake):
    repo = site(fake)
    pr = repo.open_pull("ed", "forge-archive", files={"archive/approvals.jsonl": "{}\n"})
    pr.review("gui")
    check = check_pull(forge(fake), pr.number)
    (verdict,) = check.verdicts
    assert not check.ok and [r.code for r in verdict.reasons] == ["archive_touched"]
    assert "审批档案只能由发布工作流写入" in render_comment(check) and "archive/approvals.jsonl" in render_comment(check)


OTHER_FOLDERS = (
    MKDOCS.replace("  - govreview\n", "  - govreview:\n      policies: rules\n      archive: records/approvals.jsonl\n")
    + "docs_dir: content\n"
)


def test_the_site_configuration_on_the_base_branch_sets_the_folders_check_pr_judges_with(fake):
    repo = fake.repo("city/site")
    repo.push("main", {"mkdocs.yml": OTHER_FOLDERS, "rules/site.yml": POLICY, "content/index.md": article("首页")}, actor="admin")
    pr = repo.open_pull(
        "ed",
        "other-folders",
        files={
            "content/news/a.md": article("动态"),
            "rules/site.yml": POLICY.replace("steps: [{role: head}, {role: deputy}]", "steps: [{role: head}]", 1),
            "records/approvals.jsonl": "{}\n",
            "archive/approvals.jsonl": "{}\n",
        },
    )
    pr.review("hana")
    pr.label("保密审查通过", actor="bao")
    check = check_pull(forge(fake), pr.number)
    by_path = {v.path: v for v in check.verdicts}
    assert not check.problems, check.problems
    page = by_path["news/a.md"]  # a page of content/, judged by rules/ on the base branch
    assert page.kind == "page" and page.category == "news" and page.unit == "office"
    assert [s.name for s in page.steps if not s.satisfied] == ["分管领导"], "the base policy still needs the deputy"
    assert by_path["rules/site.yml"].category == "policy", "the configured policy folder is the policy"
    assert [r.code for r in by_path["records/approvals.jsonl"].reasons] == ["archive_touched"]
    assert by_path["archive/approvals.jsonl"].kind == "input" and by_path["archive/approvals.jsonl"].category == "policy"
    assert any(a.startswith("::error file=content/news/a.md") for a in annotations(check))


def test_the_include_map_and_the_report_cannot_be_written_by_a_pull_request(fake):
    repo = site(fake)
    pr = repo.open_pull("ed", "evidence", files={".govreview/includes.json": "{}\n", ".govreview/report.json": "{}\n"})
    pr.review("gui")
    check = check_pull(forge(fake), pr.number)
    assert not check.ok and {v.path: [r.code for r in v.reasons] for v in check.verdicts} == {
        ".govreview/includes.json": ["archive_touched"],
        ".govreview/report.json": ["archive_touched"],
    }


def test_a_broken_site_configuration_on_the_base_branch_fails_closed(fake):
    repo = fake.repo("city/site")
    repo.push("main", {"mkdocs.yml": MKDOCS + "docs_dir: !ENV [X, content]\n", "policies/site.yml": POLICY}, actor="admin")
    pr = repo.open_pull("ed", "a", files={PAGE: article("动态")})
    check = check_pull(forge(fake), pr.number)
    assert not check.ok and "docs_dir" in check.problems[0] and "mkdocs.yml" in check.problems[0]


def test_front_matter_problems_are_annotated_at_their_line(fake):
    repo = site(fake)
    pr = repo.open_pull("ed", "bad", files={PAGE: "---\ntitle: 甲\nauthor: 乙\ntitle: 丙\n---\n正文\n"})
    check = check_pull(forge(fake), pr.number)
    assert any(a.startswith(f"::error file={PAGE},line=4::") for a in annotations(check))


def test_deadline_shows_the_last_day_to_merge(fake):
    repo = site(fake, PREVIEW_POLICY)
    text = article("开放日预告", event_date="2026-03-13")
    pr = repo.open_pull("ed", "preview", files={"docs/previews/a.md": text})
    early = check_pull(forge(fake), pr.number, now=datetime(2026, 3, 2, 2, 0, tzinfo=UTC))
    assert "最迟 2026-03-10 合并 [R-32]" in render_comment(early)
    late = check_pull(forge(fake), pr.number, now=datetime(2026, 3, 12, 2, 0, tzinfo=UTC))
    assert "已经太迟" in render_comment(late)


def test_forge_down_fails_closed(fake):
    repo = site(fake)
    pr = repo.open_pull("ed", "news-a", files={PAGE: article("动态")})
    fake.down()
    with pytest.raises(ForgeError):
        check_pull(forge(fake), pr.number)


def test_renamed_and_deleted_pages_need_approval_too(fake):
    repo = site(fake)
    repo.push("main", {"docs/news/old.md": article("旧动态"), "docs/news/gone.md": article("将撤下的动态")}, actor="admin")
    pr = repo.open_pull("ed", "tidy", files={"docs/news/old.md": None, "docs/news/new.md": article("旧动态"), "docs/news/gone.md": None})
    check = check_pull(forge(fake), pr.number)
    paths = {v.path: v for v in check.verdicts}
    assert {"news/new.md", "news/gone.md"} <= set(paths)
    assert not check.ok and not paths["news/gone.md"].approved
    pr.review("hana")
    pr.review("dong")
    pr.label("保密审查通过", actor="bao")
    assert check_pull(forge(fake), pr.number).ok


def test_screening_findings_are_in_the_comment_and_annotated_at_line_and_column(fake):
    repo = site(fake)
    pr = repo.open_pull("ed", "leak", files={PAGE: article("动态", "会议纪要\n本件 机**密**★ 请勿外传。\n联系手机 13812345678。")})
    pr.review("hana")
    pr.review("dong")
    pr.label("保密审查通过", actor="bao")
    f = forge(fake)
    check = check_pull(f, pr.number)
    assert not check.ok
    comment = render_comment(check)
    assert "🔴 密级标志" in comment and "（第 8 行第 4 列）" in comment
    assert "🟡 手机号码" in comment and "138******78" in comment and "13812345678" not in comment
    errors = annotations(check)
    assert any(a.startswith(f"::error file={PAGE},line=8,col=4::") and "[R-03]" in a for a in errors), errors
    # a warning is accepted by the role's label after the last push; the secrecy marking still blocks
    pr.label("提示已核实", actor="bao")
    again = check_pull(f, pr.number)
    reasons = [(r.code, r.params.get("check")) for v in again.verdicts for r in v.reasons]
    assert reasons == [("screen_block", "secrecy-marking"), ("screen_block", "internal-marking")], reasons


def test_large_attachments_are_read_through_the_blob_api_and_screened(fake):
    import io

    from PIL import Image

    repo = site(fake)
    picture = Image.effect_noise((1200, 1200), 64).convert("RGB")
    exif = Image.Exif()
    gps = {1: "N", 2: (30.0, 35.0, 0.0), 3: "E", 4: (114.0, 18.0, 0.0)}
    exif[0x8825] = gps
    out = io.BytesIO()
    picture.save(out, "PNG", exif=exif)
    data = out.getvalue()
    assert len(data) > 1024 * 1024  # the contents API leaves out files this large
    pr = repo.open_pull("ed", "photo", files={"docs/news/photo.png": data})
    pr.review("hana")
    pr.review("dong")
    pr.label("保密审查通过", actor="bao")
    check = check_pull(forge(fake), pr.number)
    reasons = [(r.code, r.params.get("check")) for v in check.verdicts for r in v.reasons]
    assert reasons == [("screen_block", "image-gps")], reasons


# -- what the forge refuses: writes sent once, an ::error:: line and exit 1, never a traceback -----------------

STATUSES = "/repos/city/site/statuses/"
COMMENTS = "/repos/city/site/issues/1/comments"


@pytest.fixture
def cli(fake, monkeypatch, capsys):
    """``govreview [--lang L] check-pr`` against the fake, with the client ``connect()`` builds (retries on)."""
    monkeypatch.setenv("GITHUB_TOKEN", "t")
    monkeypatch.delenv("GOVREVIEW_LANG", raising=False)  # main() sets it for --lang; restored after the test
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)

    def run(*extra: str, lang: str | None = None) -> tuple[int, list[str], str]:
        from govreview.cli import main

        code = main([*(["--lang", lang] if lang else []), "check-pr", "--repo", "city/site", "--pr", "1", "--base-url", fake.url, *extra])
        out, err = capsys.readouterr()
        return code, [line for line in out.splitlines() if line.strip()], err

    return run


def approved(fake: FakeGitHub):
    repo = site(fake)
    pr = repo.open_pull("ed", "news-a", files={PAGE: article("动态")})
    pr.review("hana")
    pr.review("dong")
    pr.label("保密审查通过", actor="bao")
    return repo, pr


def no_traceback(lines: list[str], err: str) -> None:
    assert "Traceback" not in err and not any("Traceback" in line for line in lines), err


def test_a_status_answered_500_is_posted_once_and_ends_in_an_error_line(fake, cli):
    repo, _ = approved(fake)
    fake.fail(STATUSES, times=None, status=500, method="POST")
    code, lines, err = cli()
    assert code == 1
    assert len(fake.calls(STATUSES, "POST")) == 1, "a write is never sent again: the forge may have done it"
    assert lines[-1].startswith("::error::govreview: 无法写入提交状态") and "HTTP 500" in lines[-1] and "重新运行" in lines[-1]
    no_traceback(lines, err)
    assert repo.statuses == []
    assert len(repo.comments) == 1, "the comment is still posted: it tells people where things stand"


@pytest.mark.parametrize(
    ("status", "message", "says"),
    [
        (403, "Resource not accessible by integration", "permissions: statuses: write"),
        (422, "This SHA and context has reached the maximum number of statuses.", "maximum number of statuses"),
    ],
)
def test_a_refused_status_says_why(fake, cli, status, message, says):
    approved(fake)
    fake.fail(STATUSES, times=None, status=status, method="POST", body={"message": message, "documentation_url": "x"})
    code, lines, err = cli()
    assert code == 1 and len(fake.calls(STATUSES, "POST")) == 1
    assert lines[-1].startswith("::error::govreview: ") and f"HTTP {status}" in lines[-1] and says in lines[-1]
    no_traceback(lines, err)


def test_a_status_cut_off_before_its_answer_is_not_sent_again(fake, cli):
    approved(fake)
    fake.fail(STATUSES, times=None, method="POST", close=True)
    code, lines, err = cli()
    assert code == 1 and len(fake.calls(STATUSES, "POST")) == 1
    assert lines[-1].startswith("::error::govreview: 无法写入提交状态") and "连接中断" in lines[-1]
    no_traceback(lines, err)


def test_the_error_line_is_in_english_on_request(fake, cli):
    approved(fake)
    fake.fail(STATUSES, times=None, status=500, method="POST")
    code, lines, _ = cli(lang="en")
    assert code == 1
    assert lines[-1].startswith("::error::govreview: could not post the commit status") and "re-run this check" in lines[-1]


def test_a_comment_answered_500_is_posted_once_and_ends_in_an_error_line(fake, cli):
    repo, _ = approved(fake)
    fake.fail(COMMENTS, times=None, status=500, method="POST")
    code, lines, err = cli()
    assert code == 1
    assert len(fake.calls(COMMENTS, "POST")) == 1
    assert lines[-1].startswith("::error::govreview: 无法发表或更新检查评论") and "HTTP 500" in lines[-1]
    no_traceback(lines, err)
    assert [s.state for s in repo.statuses] == ["success"], "the status is posted once, whatever the comment does"
    assert any(MARKER in line for line in lines), "the result is still in the log"


def test_a_comment_edit_answered_500_is_sent_once(fake, cli):
    _, pr = approved(fake)
    pr.comment("govreview-bot", MARKER + "\nan older result\n")
    fake.fail("/repos/city/site/issues/comments/", times=None, status=500, method="PATCH")
    code, lines, err = cli()
    assert code == 1 and len(fake.calls("/repos/city/site/issues/comments/", "PATCH")) == 1
    assert lines[-1].startswith("::error::govreview: 无法发表或更新检查评论")
    assert not fake.calls(COMMENTS, "POST"), "the sticky comment was found by its marker: never a second one"
    no_traceback(lines, err)


def test_when_the_comments_cannot_be_read_no_comment_is_posted(fake, cli):
    approved(fake)
    fake.fail(COMMENTS, times=None, status=500, method="GET")
    code, lines, err = cli()
    assert code == 1 and not fake.calls(COMMENTS, "POST")
    assert len(fake.calls(COMMENTS, "GET")) == 4, "reads keep their bounded retries (1 + 3)"
    assert lines[-1].startswith("::error::govreview: 无法读取已有评论") and "HTTP 500" in lines[-1]
    no_traceback(lines, err)


def test_reads_are_retried_and_then_name_the_status(fake):
    from govreview.forge import connect

    repo = site(fake)
    pr = repo.open_pull("ed", "news-a", files={PAGE: article("动态")})
    fake.fail(f"/repos/city/site/pulls/{pr.number}", times=1, status=502, method="GET")
    assert check_pull(Forge(connect("t", fake.url), "city/site"), pr.number).verdicts
    fake.fail(f"/repos/city/site/pulls/{pr.number}", times=None, status=500, method="GET")
    with pytest.raises(ForgeError, match="HTTP 500"):
        check_pull(Forge(connect("t", fake.url, retries=1), "city/site"), pr.number)


def test_a_passing_check_that_posts_exits_0(fake, cli):
    repo, _ = approved(fake)
    code, lines, _ = cli()
    assert code == 0 and [s.state for s in repo.statuses] == ["success"] and len(repo.comments) == 1
    assert not any(line.startswith("::error") for line in lines)


# -- teams the token cannot read -----------------------------------------------------------------------------------

TEAM_POLICY = POLICY.replace(
    "head: {name: 科室负责人, units: {office: [hana]}}", "head: {name: 科室负责人, units: {office: [city/heads]}}"
).replace("secrecy: {name: 保密审查员, members: [bao]}", "secrecy: {name: 保密审查员, members: [city/secrecy]}")


def team_pull(fake: FakeGitHub):
    repo = site(fake, TEAM_POLICY)
    fake.team("city", "heads", {"hana": "active"})
    fake.team("city", "secrecy", {"bao": "active"})
    pr = repo.open_pull("ed", "news-a", files={PAGE: article("动态")})
    pr.review("hana")
    pr.review("dong")
    pr.label("保密审查通过", actor="bao")
    return repo, pr


def test_readable_teams_count(fake):
    _, pr = team_pull(fake)
    check = check_pull(forge(fake), pr.number)
    assert check.ok, render_comment(check)
    assert not check.unreadable_teams and "⚠️" not in render_comment(check)


@pytest.mark.parametrize("status", [404, 403])
def test_a_team_the_token_cannot_read_is_named_with_the_permission_it_needs(fake, monkeypatch, status):
    monkeypatch.delenv("GOVREVIEW_LANG", raising=False)
    _, pr = team_pull(fake)
    for slug in ("heads", "secrecy"):
        if status == 404:  # what the default workflow token gets
            fake.hidden_teams.add(("city", slug))
        else:
            fake.fail(f"/orgs/city/teams/{slug}", times=None, status=403, body={"message": "Resource not accessible by integration"})
    check = check_pull(forge(fake), pr.number)
    assert not check.ok, "fail closed: members of a team nobody could read do not count"
    assert check.unreadable_teams == {"city/heads": status, "city/secrecy": status}
    (verdict,) = check.verdicts
    codes = [r.code for r in verdict.reasons]
    assert sorted(codes) == ["secrecy_team_unreadable", "step_missing"], codes
    assert {n.code for n in verdict.notes} == {"team_unreadable"}
    comment = render_comment(check)
    for team in ("city/heads", "city/secrecy"):
        assert f"无法读取团队 {team} 的成员（平台答复 HTTP {status}）" in comment
    assert "标签“保密审查通过”由 bao 添加，但令牌无法读取团队 city/secrecy 的成员" in comment
    assert "Members: read" in comment and "read:org" in comment
    assert "不是保密审查员" not in comment and "未记录" not in comment
    warnings = [a for a in annotations(check) if a.startswith("::warning::")]
    assert len(warnings) == 2 and all("Members: read" in w for w in warnings)


def test_an_unreadable_team_in_english(fake, monkeypatch):
    monkeypatch.setenv("GOVREVIEW_LANG", "en")
    _, pr = team_pull(fake)
    fake.hidden_teams.add(("city", "secrecy"))
    check = check_pull(forge(fake), pr.number)
    comment = render_comment(check)
    assert not check.ok
    assert "cannot read the membership of team city/secrecy (the forge answered HTTP 404)" in comment
    assert "label '保密审查通过' was added by bao, but the token cannot read the membership of team city/secrecy" in comment
    assert "not a secrecy reviewer" not in comment and "not recorded" not in comment


def test_a_team_answering_500_fails_the_check_instead_of_reading_as_unreadable(fake):
    _, pr = team_pull(fake)
    fake.fail("/orgs/city/teams/heads", times=None, status=500)
    with pytest.raises(ForgeError, match="HTTP 500"):
        check_pull(forge(fake), pr.number)


def test_writes_are_sent_once_whatever_retries_the_client_has(fake):
    """PyGithub's default GithubRetry retries POST ten times; the forge's writes never go through it."""
    from govreview.checkpr import PublishError

    repo, pr = approved(fake)
    client = Github(base_url=fake.url, auth=Auth.Token("t"), seconds_between_requests=0, seconds_between_writes=0)  # default retry
    f = Forge(client, "city/site")
    check = check_pull(f, pr.number)
    fake.fail(STATUSES, times=None, status=502, method="POST")
    fake.fail(COMMENTS, times=None, status=503, method="POST")
    with pytest.raises(PublishError) as caught:
        publish(f, check)
    assert len(fake.calls(STATUSES, "POST")) == 1 and len(fake.calls(COMMENTS, "POST")) == 1
    assert len(caught.value.failures) == 2 and repo.statuses == [] and not repo.comments


def _published_on_the_archive_branch(repo, *paths: str) -> None:
    """The archive branch holds a publication record of each path as main has it (R-44)."""
    from govreview.archive_jsonl import encode_archive, publication_to_json
    from govreview.core.records import Publication

    files = repo.commits[repo.branches["main"]].files
    rows = [publication_to_json(Publication(p, files[p], datetime(2025, 1, 6, 12, tzinfo=UTC), "1")) for p in paths]
    repo.push("govreview-archive", {"approvals.jsonl": encode_archive(rows)}, actor="bot")


def test_deleting_or_renaming_a_published_page_is_refused_with_the_way_to_withdraw_it(fake, cli):
    repo = site(fake)
    repo.push("main", {PAGE: article("动态")}, actor="admin")
    _published_on_the_archive_branch(repo, PAGE)
    pr = repo.open_pull("ed", "move", files={PAGE: None, "docs/news/b.md": article("动态")})  # same content: a rename
    for who in ("hana", "dong", "lin"):
        pr.review(who)
    pr.label("保密审查通过", actor="bao")
    f = forge(fake)
    record = f.fetch(f.pull(pr.number), as_of=datetime(2026, 1, 1, tzinfo=UTC)).record
    assert [(c.path, c.status, c.previous_path) for c in record.files] == [("docs/news/b.md", "renamed", PAGE)]
    code, lines, err = cli("--no-post")
    no_traceback(lines, err)
    assert code == 1
    assert any(line.startswith("::error file=docs/news/b.md") and "news/a.md 已经发布，不能删除或改名（R-44）" in line for line in lines), (
        lines
    )
    assert any("withdrawal_reason" in line for line in lines)

    deleted = repo.open_pull("ed", "delete", files={PAGE: None})
    for who in ("hana", "dong"):
        deleted.review(who)
    code, lines, _ = cli("--no-post", "--pr", str(deleted.number))
    assert code == 1 and any("::error file=docs/news/a.md" in line and "已经发布" in line for line in lines), lines
    code, lines, _ = cli("--no-post", "--pr", str(deleted.number), lang="en")
    assert any("is published and may not be deleted or renamed (R-44)" in line for line in lines), lines


def test_an_unpublished_page_may_be_deleted_and_without_an_archive_nothing_counts_as_published(fake, cli):
    repo = site(fake)
    repo.push("main", {PAGE: article("动态")}, actor="admin")
    pr = repo.open_pull("ed", "delete", files={PAGE: None})
    for who in ("hana", "dong"):
        pr.review(who)
    pr.label("保密审查通过", actor="bao")
    code, lines, err = cli("--no-post")
    no_traceback(lines, err)
    assert code == 0 and not any("已经发布" in line for line in lines), lines
    assert any("找不到审批档案" in line for line in lines), "said once as a warning"
    _published_on_the_archive_branch(repo, "docs/index.md")  # another page is published: this one may go
    code, lines, _ = cli("--no-post")
    assert code == 0 and not any("已经发布" in line or "找不到审批档案" in line for line in lines), lines


def test_an_unreadable_archive_fails_the_check(fake, cli):
    repo = site(fake)
    repo.push("govreview-archive", {"approvals.jsonl": b"not an archive\n"}, actor="bot")
    pr = repo.open_pull("ed", "news-a", files={PAGE: article("动态")})
    pr.review("hana")
    pr.review("dong")
    pr.label("保密审查通过", actor="bao")
    code, lines, _ = cli("--no-post")
    assert code == 1 and any("审批档案无法使用" in line for line in lines), lines
