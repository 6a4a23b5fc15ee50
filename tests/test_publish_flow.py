"""The publish flow end to end, as the workflows run it: pull requests on the fake
GitHub (real PyGithub over HTTP), `govreview check-pr`, `govreview archive sync`,
then `govreview build` from the approved snapshot of a real git clone of main.

The case: a page includes a snippet; a later pull request changes only the
snippet and is approved by the policy owner alone."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from fakegithub import FakeGitHub, Repo
from gitsite import MKDOCS, POLICY, article
from govreview.archive_jsonl import encode_archive, read_archive
from govreview.timefmt import SHANGHAI

MK = MKDOCS + "markdown_extensions:\n  - pymdownx.snippets:\n      base_path: [snippets]\n"
PAGE = "docs/news/contact.md"
SNIPPET = "snippets/contact.md"
OLD, NEW, FIXED = "值班电话：0571-8000 0001", "值班电话：0571-8000 0099（未经审批）", "值班电话：0571-8000 0002"


@pytest.fixture
def fake():
    with FakeGitHub() as server:
        yield server


def cli(cwd: Path, fake: FakeGitHub, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "GITHUB_TOKEN": "t", "GITHUB_API_URL": fake.url, "GITHUB_REPOSITORY": "city/site"}
    env.pop("GOVREVIEW_LANG", None)
    return subprocess.run([sys.executable, "-m", "govreview.cli", *args], cwd=cwd, capture_output=True, text=True, env=env)


def clone_main(repo: Repo, dest: Path) -> None:
    """A real git checkout of main's files, as actions/checkout would give (fresh each time);
    with full history when the fake keeps real git commits (``Repo.git``)."""
    if repo.git_dir is not None:
        if not (dest / ".git").is_dir():
            dest.mkdir(parents=True)
            subprocess.run(["git", "init", "-q", "-b", "main"], cwd=dest, check=True)
        subprocess.run(["git", "fetch", "-q", "--force", str(repo.git_dir), "main:refs/remotes/origin/main"], cwd=dest, check=True)
        subprocess.run(["git", "reset", "-q", "--hard", "origin/main"], cwd=dest, check=True)
        return
    files = repo.commits[repo.branches["main"]].files
    if not (dest / ".git").is_dir():
        dest.mkdir(parents=True)
        subprocess.run(["git", "init", "-q", "-b", "main"], cwd=dest, check=True)
    for path in subprocess.run(["git", "ls-files"], cwd=dest, capture_output=True, text=True, check=True).stdout.split():
        (dest / path).unlink()
    for path, blob in files.items():
        (dest / path).parent.mkdir(parents=True, exist_ok=True)
        (dest / path).write_bytes(repo.blobs[blob])
    subprocess.run(["git", "add", "-A"], cwd=dest, check=True)
    subprocess.run(["git", "-c", "user.name=bot", "-c", "user.email=b@example.invalid", "commit", "-qm", "main"], cwd=dest, check=True)


def published(site: Path) -> str:
    return "".join(p.read_text(encoding="utf-8", errors="replace") for p in site.rglob("*") if p.suffix in (".html", ".json", ".xml"))


def publish(repo: Repo, fake: FakeGitHub, work: Path) -> subprocess.CompletedProcess[str]:
    """What the publish workflow does after a merge: sync, then build from the snapshot."""
    clone_main(repo, work / "site-repo")
    archive = work / "archive" / "approvals.jsonl"
    sync = cli(work / "site-repo", fake, "archive", "sync", "--archive", str(archive), "--base", "main")
    assert sync.returncode == 0, sync.stderr
    if repo.git_dir is not None:  # the workflow verifies the synced archive before building
        for forge in ((), ("--forge",)):
            verified = cli(work / "site-repo", fake, "archive", "verify", "--archive", str(archive), *forge)
            assert verified.returncode == 0, verified.stderr
            assert "哈希链完整" in verified.stdout and ("且与平台一致" in verified.stdout) == bool(forge)
    includes = work / "archive" / "includes.json"
    return cli(work / "site-repo", fake, "build", "--archive", str(archive), "--includes", str(includes), "--quiet-generator")


def test_a_snippet_only_pull_request_approved_by_the_policy_owner_does_not_publish(fake, tmp_path):
    repo = fake.repo("city/site").git(tmp_path / "forge.git")  # real commits: the archive's merges exist
    repo.push("main", {"policies/site.yml": "# 草稿\n" + POLICY}, actor="admin")  # the first policy, before any review
    files = {
        ".gitignore": "site/\n.govreview/\n",
        "policies/site.yml": POLICY,
        "mkdocs.yml": MK,
        "docs/index.md": article("首页"),
        PAGE: article("联系我们", '--8<-- "contact.md"'),
    }
    setup = repo.open_pull("ed", "setup", title="建立网站", files={**files, SNIPPET: OLD + "\n"})
    for who in ("gui", "hana", "dong"):
        setup.review(who, "APPROVED")
    setup.label("保密审查通过", actor="bao")
    setup.merge("lin")

    first = publish(repo, fake, tmp_path)
    assert first.returncode == 0, first.stderr + first.stdout
    site = tmp_path / "site-repo" / "site"
    assert OLD in published(site)
    assert (tmp_path / "archive" / "includes.json").read_text(encoding="utf-8").count(SNIPPET) == 1

    # Only the snippet changes; the policy owner approves it as a build input.
    change = repo.open_pull("ed", "phone", title="更新值班电话", files={SNIPPET: NEW + "\n"})
    change.review("gui", "APPROVED")
    check = cli(
        tmp_path / "site-repo",
        fake,
        "check-pr",
        "--pr",
        str(change.number),
        "--no-post",
        "--includes",
        str(tmp_path / "archive" / "includes.json"),
    )
    assert check.returncode == 1, check.stdout
    assert "news/contact.md" in check.stdout and "科室负责人" in check.stdout and "@hana" in check.stdout

    change.merge("lin")  # merged anyway (an administrator overriding the required check)
    second = publish(repo, fake, tmp_path)
    assert second.returncode == 0, second.stderr + second.stdout
    text = published(site)
    assert NEW not in text and OLD not in text, "the page is withheld, not re-published with old or new text"
    assert "docs/news/contact.md" in second.stdout and SNIPPET in second.stdout
    assert (site / "index.html").is_file()

    # The page's own approvers approve the next snippet change: it publishes.
    fix = repo.open_pull("ed", "phone-2", title="更正值班电话", files={SNIPPET: FIXED + "\n"})
    for who in ("hana", "dong", "gui"):
        fix.review(who, "APPROVED")
    fix.label("保密审查通过", actor="bao")
    fix.merge("lin")
    third = publish(repo, fake, tmp_path)
    assert third.returncode == 0, third.stderr + third.stdout
    assert FIXED in published(site) and NEW not in published(site)


def setup_site(repo: Repo) -> None:
    repo.push("main", {"policies/site.yml": "# 草稿\n" + POLICY}, actor="admin")
    files = {".gitignore": "site/\n.govreview/\n", "policies/site.yml": POLICY, "mkdocs.yml": MKDOCS, "docs/index.md": article("首页")}
    setup = repo.open_pull("ed", "setup", title="建立网站", files=files)
    for who in ("gui", "hana", "dong"):
        setup.review(who, "APPROVED")
    setup.label("保密审查通过", actor="bao")
    setup.merge("lin")


def rewrite(archive: Path, change) -> None:
    """Change the records and recompute the whole chain, as a writer of the archive branch could."""
    rows = [json.loads(line) for line in archive.read_bytes().split(b"\n")[1:-1]]
    archive.write_bytes(encode_archive(change(rows)))


def test_the_synced_archive_records_first_publication_and_the_forge_exposes_forged_records(fake, tmp_path):
    repo = fake.repo("city/site").git(tmp_path / "forge.git")
    setup_site(repo)
    built = publish(repo, fake, tmp_path)  # sync, verify (offline and against the forge), build
    assert built.returncode == 0, built.stderr + built.stdout
    work, archive = tmp_path / "site-repo", tmp_path / "archive" / "approvals.jsonl"
    main = subprocess.run(["git", "rev-parse", "HEAD"], cwd=work, capture_output=True, text=True, check=True).stdout.strip()

    # After the deploy: the first publication of each published file (发布日期, R-50).
    args = ("archive", "published", "--archive", str(archive), "--commit", main, "--run", "9001", "--at", "2025-01-06T12:00:00+08:00")
    recorded = cli(work, fake, *args)
    assert recorded.returncode == 0, recorded.stderr
    assert "已记录 1 个文件的第一次发布" in recorded.stdout
    first = {p.path: p for p in read_archive(archive).publications}
    index_blob = subprocess.run(["git", "rev-parse", f"{main}:docs/index.md"], cwd=work, capture_output=True, text=True).stdout.strip()
    assert set(first) == {"docs/index.md"} and first["docs/index.md"].blob == index_blob
    assert first["docs/index.md"].run == "9001" and first["docs/index.md"].commit == main
    later = cli(work, fake, *args[:-1], "2025-01-07T12:00:00+08:00")  # the next publish keeps the first date
    assert later.returncode == 0 and "已记录 0 个文件" in later.stdout
    assert [p.published_at.day for p in read_archive(archive).publications] == [6]
    verified = cli(work, fake, "archive", "verify", "--archive", str(archive), "--forge")
    assert verified.returncode == 0, verified.stderr

    good = archive.read_bytes()
    # The merger changed, chain recomputed: git cannot tell, the forge can.
    rewrite(archive, lambda rows: [{**r, "merged_by": "ed"} if r["type"] == "pull" else r for r in rows])
    assert cli(work, fake, "archive", "verify", "--archive", str(archive)).returncode == 0
    forged = cli(work, fake, "archive", "verify", "--archive", str(archive), "--forge")
    assert forged.returncode == 1
    assert "拉取请求 #1 的 merged_by 记录为 ed，平台上为 lin" in forged.stderr
    last = cli(work, fake, "archive", "head", "--archive", str(archive)).stdout.split()[0]
    only_new = cli(work, fake, "archive", "verify", "--archive", str(archive), "--forge", "--forge-after", str(int(last) - 1))
    assert only_new.returncode == 0, "records up to --forge-after are left to the anchors"

    # A record of another repository's pull request: not in this history, not on this forge.
    other = fake.repo("town/site").git(tmp_path / "other.git")
    setup_site(other)
    other_work, other_archive = tmp_path / "other", tmp_path / "other-archive" / "approvals.jsonl"
    clone_main(other, other_work)
    assert cli(other_work, fake, "archive", "sync", "--archive", str(other_archive), "--repo", "town/site").returncode == 0
    foreign = next(r for r in (json.loads(x) for x in other_archive.read_bytes().split(b"\n")[1:-1]) if r["type"] == "pull")
    archive.write_bytes(good)
    rewrite(archive, lambda rows: [*rows, {**foreign, "number": 2}])
    proc = cli(work, fake, "--lang", "en", "archive", "verify", "--archive", str(archive), "--forge")
    assert proc.returncode == 1
    assert "pull request #2's merge commit" in proc.stderr and "is not in this repository" in proc.stderr
    assert "city/site has no merged pull request #2 on the forge" in proc.stderr

    # The forge does not answer: nothing is read as verified.
    archive.write_bytes(good)
    fake.fail("/repos/city/site/pulls", times=None, status=502)
    down = cli(work, fake, "archive", "verify", "--archive", str(archive), "--forge")
    assert down.returncode == 1 and "无法向平台核对档案" in down.stderr


def test_the_publish_workflow_verifies_before_building_and_records_after_deploying():
    from ruamel.yaml import YAML

    workflow = YAML(typ="safe").load((Path(__file__).resolve().parent.parent / ".github" / "workflows" / "publish.yml").read_text("utf-8"))
    steps = [s.get("run", "") for s in workflow["jobs"]["build"]["steps"]]
    where = {what: next(i for i, run in enumerate(steps) if what in run) for what in ("archive sync", "archive verify", "govreview build")}
    assert where["archive sync"] < where["archive verify"] < where["govreview build"]
    assert "git tag" in steps[where["archive verify"] + 1] and "--forge" in steps[where["archive verify"]]
    checkout = workflow["jobs"]["build"]["steps"][0]["with"]
    assert checkout["fetch-depth"] == 0  # merges and anchor tags must be there to verify
    record = workflow["jobs"]["record"]
    assert record["needs"] == "deploy" and any("archive published" in s.get("run", "") for s in record["steps"])


LIFE_POLICY = (
    POLICY.replace(
        "  committee: {name: 保密委员会, members: [wei]}\n",
        "  committee: {name: 保密委员会, members: [wei]}\n  office: {name: 网站管理员, members: [lin]}\n",
    )
    + "lifecycle: {office: office, minor_label: 轻微修改}\n"
)
NOTICE = "docs/news/drill.md"
DRILL = "人防警报试鸣：五月十五日上午十点"


def test_corrections_and_a_withdrawal_pull_request_end_to_end(fake, tmp_path):
    """R-44 through the workflows: a published page is corrected with a public note, may not
    be deleted, and is withdrawn by a pull request the website office approves; sync writes
    the correction and withdrawal records; the site keeps a notice at the old address."""
    repo = fake.repo("city/site").git(tmp_path / "forge.git")
    repo.push("main", {"policies/site.yml": "# 草稿\n" + LIFE_POLICY}, actor="admin")
    files = {
        ".gitignore": "site/\n.govreview/\n",
        "policies/site.yml": LIFE_POLICY,
        "mkdocs.yml": MKDOCS,
        "docs/index.md": article("首页"),
        NOTICE: article("警报试鸣通知", DRILL + "。"),
    }
    setup = repo.open_pull("ed", "setup", title="建立网站", files=files)
    for who in ("gui", "hana", "dong"):
        setup.review(who, "APPROVED")
    setup.label("保密审查通过", actor="bao")
    setup.merge("lin")
    work, archive, site = tmp_path / "site-repo", tmp_path / "archive" / "approvals.jsonl", tmp_path / "site-repo" / "site"

    def deployed() -> None:
        """The deploy succeeded: ``archive published`` records what went public, at the forge's clock."""
        main = subprocess.run(["git", "rev-parse", "HEAD"], cwd=work, capture_output=True, text=True, check=True).stdout.strip()
        at = fake.time(None).isoformat()
        args = ("archive", "published", "--archive", str(archive), "--commit", main, "--run", "1", "--at", at)
        recorded = cli(work, fake, *args, "--report", str(work / ".govreview" / "report.json"))
        assert recorded.returncode == 0, recorded.stderr

    def check(number: int) -> subprocess.CompletedProcess[str]:
        return cli(work, fake, "check-pr", "--pr", str(number), "--no-post", "--archive", str(archive))

    built = publish(repo, fake, tmp_path)
    assert built.returncode == 0, built.stderr + built.stdout
    assert DRILL in published(site)
    deployed()

    # An edit without a note is refused by the check; with a new note it passes and shows.
    edit = repo.open_pull(
        "ed", "fix-time", title="更正试鸣时间", files={NOTICE: article("警报试鸣通知", "人防警报试鸣：五月十五日上午九点。")}
    )
    for who in ("hana", "dong"):
        edit.review(who, "APPROVED")
    edit.label("保密审查通过", actor="bao")
    refused = check(edit.number)
    assert refused.returncode == 1 and "本页已经发布" in refused.stdout and "correction_note" in refused.stdout
    note = "试鸣时间由上午十点更正为上午九点。"
    edit.push({NOTICE: article("警报试鸣通知", "人防警报试鸣：五月十五日上午九点。", correction_note=note)}, actor="ed")
    for who in ("hana", "dong"):
        edit.review(who, "APPROVED")
    edit.label("保密审查通过", actor="bao")
    passed = check(edit.number)
    assert passed.returncode == 0, passed.stdout
    edit.merge("lin")
    built = publish(repo, fake, tmp_path)
    assert built.returncode == 0, built.stderr + built.stdout
    (correction,) = read_archive(archive).corrections
    assert correction.path == NOTICE and correction.note == note and correction.pull == edit.number and not correction.minor
    page = (site / "news" / "drill" / "index.html").read_text(encoding="utf-8")
    assert "上午九点" in page and note in page and "更正说明" in page
    assert 'href="drill/"' in (site / "news" / "index.html").read_text(encoding="utf-8"), "listed while published"
    deployed()

    # Deleting the published page is refused, with the way to withdraw it.
    delete = repo.open_pull("ed", "delete", title="删除通知", files={NOTICE: None})
    for who in ("hana", "dong", "lin"):
        delete.review(who, "APPROVED")
    delete.label("保密审查通过", actor="bao")
    gone = check(delete.number)
    assert gone.returncode == 1 and "news/drill.md 已经发布，不能删除或改名" in gone.stdout and "withdrawal_reason" in gone.stdout
    delete.close()

    # A withdrawal without the office's approval is refused, and main's page stays as it was.
    reason = "演练计划调整，本通知撤回，新安排另行通知。"
    withdrawal = repo.open_pull(
        "ed",
        "withdraw",
        title="撤回试鸣通知",
        files={NOTICE: article("警报试鸣通知", "人防警报试鸣：五月十五日上午九点。", correction_note=note, withdrawal_reason=reason)},
    )
    for who in ("hana", "dong"):
        withdrawal.review(who, "APPROVED")
    withdrawal.label("保密审查通过", actor="bao")
    waiting = check(withdrawal.number)
    assert waiting.returncode == 1 and "网站管理员" in waiting.stdout and "@lin" in waiting.stdout
    again = publish(repo, fake, tmp_path)
    assert again.returncode == 0 and "上午九点" in (site / "news" / "drill" / "index.html").read_text(encoding="utf-8")

    withdrawal.review("lin", "APPROVED")
    assert check(withdrawal.number).returncode == 0
    withdrawal.merge("lin")
    built = publish(repo, fake, tmp_path)
    assert built.returncode == 0, built.stderr + built.stdout
    (record,) = read_archive(archive).withdrawals
    assert record.path == NOTICE and record.reason == reason and record.approved_by == "lin" and record.pull == withdrawal.number
    assert record.blob == correction.new_blob, "the withdrawal names what was public before it"
    notice = (site / "news" / "drill" / "index.html").read_text(encoding="utf-8")
    assert "此信息已撤稿" in notice and reason in notice and "警报试鸣通知" in notice
    assert "上午九点" not in published(site) and DRILL not in published(site), "nothing of the body is in site/"
    assert "drill" not in (site / "news" / "index.html").read_text(encoding="utf-8"), "a withdrawn page is listed nowhere"


# -- emergency takedown (issue 15, R-44) --------------------------------------------------------

TD_POLICY = (
    POLICY.replace("roles:\n", "roles:\n  web_office: {name: 网站管理员, members: [wang, city/web-office]}\n", 1)
    + "takedown: {role: web_office, confirm_within: 3}\n"
)
LEAK = "docs/news/duty.md"


def archived(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_bytes().split(b"\n")[1:-1]]


def test_a_takedown_by_the_office_leaves_at_once_is_told_to_the_unit_and_confirmed_by_a_merged_correction(fake, tmp_path):
    repo = fake.repo("city/site").git(tmp_path / "forge.git")
    fake.team("city", "web-office", {"li": "active"})  # the publish workflow's token may read it (sync needs that)
    repo.push("main", {"policies/site.yml": "# 草稿\n" + TD_POLICY}, actor="admin")
    files = {
        ".gitignore": "site/\n.govreview/\n",
        "policies/site.yml": TD_POLICY,
        "mkdocs.yml": MKDOCS,
        "docs/index.md": article("首页"),
        LEAK: article("值班安排", "值班电话：内部分机 6017。"),
    }
    setup = repo.open_pull("ed", "setup", title="建立网站", files=files)
    for who in ("gui", "hana", "dong"):
        setup.review(who, "APPROVED")
    setup.label("保密审查通过", actor="bao")
    setup.merge("lin")
    work, archive = tmp_path / "site-repo", tmp_path / "archive" / "approvals.jsonl"
    first = publish(repo, fake, tmp_path)
    assert first.returncode == 0, first.stderr + first.stdout
    assert "内部分机 6017" in published(work / "site")
    main = subprocess.run(["git", "rev-parse", "HEAD"], cwd=work, capture_output=True, text=True, check=True).stdout.strip()
    deployed = cli(work, fake, "archive", "published", "--archive", str(archive), "--commit", main, "--run", "9001")
    assert deployed.returncode == 0, deployed.stderr

    def take_down(actor: str) -> tuple[int, subprocess.CompletedProcess[str]]:
        run = repo.start_run(actor)  # workflow_dispatch of takedown.yml: github.triggering_actor is the actor
        args = ("takedown", "record", "--archive", str(archive), "--path", LEAK, "--reason", "公开了内部分机号码", "--by", actor)
        return run, cli(work, fake, *args, "--id", str(run))

    # A member of the office's team, but this token cannot read the team (the default GITHUB_TOKEN): refused.
    fake.hidden_teams.add(("city", "web-office"))
    before = archive.read_bytes()
    _, refused = take_down("li")
    assert refused.returncode == 1, refused.stdout
    assert "不持有紧急撤下角色" in refused.stderr and "city/web-office" in refused.stderr and "Members: read" in refused.stderr
    assert archive.read_bytes() == before, "refused: nothing written"
    fake.hidden_teams.clear()
    _, outsider = take_down("zhu")  # the team is readable now, and zhu is not in it
    assert outsider.returncode == 1 and "zhu" in outsider.stderr and archive.read_bytes() == before

    # The website office (a roster login): recorded at the run's start by the forge's clock.
    run, recorded = take_down("wang")
    assert recorded.returncode == 0, recorded.stderr
    (t,) = read_archive(archive).takedowns
    assert (t.id, t.path, t.by, t.confirmed_by) == (str(run), LEAK, "wang", None)
    assert t.at == repo.runs[run].run_started_at
    assert fake.calls(f"/repos/city/site/actions/runs/{run}", "GET"), "the time comes from the forge, not the runner"

    told = cli(work, fake, "takedown", "notify", "--archive", str(archive), "--id", str(run))
    assert told.returncode == 0, told.stderr
    (issue,) = repo.issues.values()
    assert LEAK in issue.title and "办公室" in issue.title
    deadline = cli(work, fake, "calendar", "add", t.at.astimezone(SHANGHAI).date().isoformat(), "3").stdout.strip()
    assert all(text in issue.body for text in (LEAK, "办公室", "工作动态", "@wang", deadline, "3 个工作日", "公开了内部分机号码"))
    assert f"#{issue.number}" in told.stdout

    second = publish(repo, fake, tmp_path)  # the dispatched publish: one build, the page is gone
    assert second.returncode == 0, second.stderr + second.stdout
    assert "内部分机 6017" not in published(work / "site") and "值班安排" not in published(work / "site")
    assert (work / "site" / "index.html").is_file()
    assert LEAK in second.stdout and str(run) in second.stdout
    waiting = cli(work, fake, "takedown", "list", "--archive", str(archive), "--today", t.at.astimezone(SHANGHAI).date().isoformat())
    assert waiting.returncode == 0 and LEAK in waiting.stdout and deadline in waiting.stdout

    # A change of the page that its chain did not approve confirms nothing: still down.
    hasty = repo.open_pull("ed", "hasty", title="改值班电话", files={LEAK: article("值班安排", "值班电话：总机转 6017。")})
    hasty.review("hana", "APPROVED")
    hasty.merge("lin")
    third = publish(repo, fake, tmp_path)
    assert third.returncode == 0, third.stderr + third.stdout
    assert [r["confirmed_by"] for r in archived(archive) if r["type"] == "takedown"] == [None]
    assert "值班安排" not in published(work / "site")

    # The correction approved by the page's chain confirms it (archive sync), and it publishes as judged.
    # (with its public 更正说明, as every edit of a published page carries one)
    corrected = article("值班安排", "值班电话：总机 0571-8000 0001。", correction_note="原文误列内部分机号码，已改为总机号码。")
    fix = repo.open_pull("ed", "fix", title="更正值班电话", files={LEAK: corrected})
    for who in ("hana", "dong"):
        fix.review(who, "APPROVED")
    fix.label("保密审查通过", actor="bao")
    fix.merge("lin")
    fourth = publish(repo, fake, tmp_path)  # sync, verify (chain, merges, forge), build
    assert fourth.returncode == 0, fourth.stderr + fourth.stdout
    rows = [r for r in archived(archive) if r["type"] == "takedown"]
    assert [r["confirmed_by"] for r in rows] == [None, fix.number]
    assert {k: v for k, v in rows[1].items() if k not in ("seq", "prev", "confirmed_by")} == {
        k: v for k, v in rows[0].items() if k not in ("seq", "prev", "confirmed_by")
    }, "the same record again, with confirmed_by alone added"
    assert "总机 0571-8000 0001" in published(work / "site")
    done = cli(work, fake, "takedown", "list", "--archive", str(archive), "--today", "2025-03-02")
    assert done.returncode == 0 and "没有待确认的紧急撤下" in done.stdout


def test_the_takedown_workflow_checks_who_records_dispatches_the_publish_and_tells_the_unit():
    from ruamel.yaml import YAML

    text = (Path(__file__).resolve().parent.parent / ".github" / "workflows" / "takedown.yml").read_text("utf-8")
    workflow = YAML(typ="safe").load(text)
    assert set(workflow["on"]["workflow_dispatch"]["inputs"]) == {"path", "reason"} and "push" not in workflow["on"]
    assert workflow["permissions"] == {}
    jobs = workflow["jobs"]
    assert jobs["record"]["permissions"] == {"contents": "write", "actions": "read"}
    assert jobs["publish"]["permissions"] == {"actions": "write"} and jobs["publish"]["needs"] == "record"
    assert jobs["notify"]["permissions"] == {"contents": "read", "issues": "write"} and jobs["notify"]["needs"] == "record"
    record = next(s for s in jobs["record"]["steps"] if "takedown record" in s.get("run", ""))
    assert record["env"]["ACTOR"] == "${{ github.triggering_actor }}" and '--by "$ACTOR"' in record["run"]
    assert '--id "$GITHUB_RUN_ID"' in record["run"] and "git push" in record["run"]
    assert "${{" not in record["run"], "inputs reach the shell through the environment only"
    assert any("git tag" in s.get("run", "") for s in jobs["record"]["steps"])
    assert "gh workflow run publish.yml" in jobs["publish"]["steps"][0]["run"]
    assert any("takedown notify" in s.get("run", "") for s in jobs["notify"]["steps"])
    assert "workflow_dispatch" in (Path(__file__).resolve().parent.parent / ".github" / "workflows" / "publish.yml").read_text("utf-8")
