"""Issue 17's "Done when": an editor without git uses the web editor, and the approval chain
takes over. Debian's chromium (puppeteer-core, tests/editor_flow_browser.mjs) drives the admin
written by ``govreview editor build`` against tests/fakegithub.py, which serves Decap's GitHub
backend on 127.0.0.1 with the shipped example site pushed into it (real git objects).

In the browser the editor (王晓梅, signed in with a token in the browser's storage, as the
OAuth relay's pop-up leaves it) opens 工作动态, starts a new item, fills the policy's fields
(title, date, 经办人, the 主题分类 select, the body), saves and sets the status to 审核中. Then on
the fake: one pull request from a ``cms/…`` branch by the editor, the page's front matter as the
policy wants it, the ``decap-cms/pending_review`` label put on by the editor (an event with
the server's time); the PR check, run as the workflow runs it with the bot's token, asks the
people of the chain by name and says so in its sticky comment. The editor cannot merge: the
R-04 script hid every publish control, and the branch ruleset refuses her merge (and the ref
update Decap falls back to) on the server, while the website office's merge goes through.
No request leaves 127.0.0.1; no page error. Screenshots go to $GOVREVIEW_SCREENSHOTS or tmp."""

from __future__ import annotations

import json
import subprocess
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from editor_admin import CHROMIUM, EDITOR, EDITOR_USER, run_plan, screenshots, served_admin
from fakegithub import FakeGitHub, Repo
from github import Auth, Github
from gitsite import example_repo
from govreview.checkpr import MARKER, check_pull, publish, wanted_reviewers
from govreview.forge import Forge

ROOT = Path(__file__).resolve().parent.parent
OFFICE = "lin-na"
TITLE = "人防宣传教育进社区活动顺利开展"
PUBLISH_LABELS = ["发布", "立即发布", "发布，然后新建内容", "发布，然后复制内容", "发布修改", "发布新内容", "撤销发布"]
RULESET = [{"type": "update", "ruleset_source_type": "Repository", "ruleset_source": "jiangan/site", "ruleset_id": 17}]


def push_site(repo: Repo, site: Path) -> None:
    """Every tracked file of the local site, as the office's first push of ``main``."""
    names = subprocess.run(["git", "ls-files", "-z"], cwd=site, capture_output=True, check=True).stdout.decode().split("\0")
    repo.push("main", {n: (site / n).read_bytes() for n in names if n}, actor=OFFICE, message="example site")


@pytest.fixture(scope="module")
def flow(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    tmp = tmp_path_factory.mktemp("editor-flow")
    site = example_repo(tmp / "site")
    with FakeGitHub() as fake:
        repo = fake.repo("jiangan/site").git(tmp / "forge.git")
        push_site(repo, site)
        repo.rules["main"] = RULESET  # only the website office updates main (doctor checks it)
        repo.bypass = {OFFICE}
        fake.tokens |= {"editor-token": EDITOR, "office-token": OFFICE}
        fake.names[EDITOR] = "王晓梅"

        shots = screenshots(tmp, "editor-flow")
        with served_admin(tmp, site, fake.url) as admin:
            report = run_plan("editor_flow_browser.mjs", _plan(tmp, admin.base, fake.url, shots), tmp, timeout=240)
        (shots / "report.json").write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
        yield {"fake": fake, "repo": repo, "report": report, "tmp": tmp}


def _plan(tmp: Path, base: str, api_root: str, shots: Path) -> dict[str, Any]:
    return {
        "chromium": str(CHROMIUM),
        "profile": str(tmp / "profile"),
        "base": base,
        "apiRoot": api_root,
        "screenshots": str(shots),
        "user": EDITOR_USER,
        "collection": "news",
        "columnName": "工作动态",
        "waitNew": "经办人",
        "texts": {"标题": TITLE, "成文日期": "2026-12-03", "经办人": "马磊"},
        "selects": {"主题分类": "宣传教育"},
        "body": "12月3日，宣传教育处走进社区开展防空防灾知识宣传。",
        "saveText": "保存",
        "savingText": "正在保存",
        "savedText": "修改已保存",
        "statusButton": "状态: 草稿",
        "statusItem": "审核中",
        "statusAfter": "状态: 审核中",
        "workflowWait": "审查中",
        "publishLabels": PUBLISH_LABELS,
    }


def api(fake: FakeGitHub, method: str, path: str, token: str, body: Any = None) -> tuple[int, Any]:
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(fake.url + path, data, method=method, headers={"Authorization": f"token {token}"})
    try:
        with urllib.request.urlopen(req) as r:
            raw = r.read()
            return r.status, json.loads(raw) if raw else None
    except urllib.error.HTTPError as err:
        return err.code, json.loads(err.read() or b"null")


def test_the_editor_went_through_every_step_in_the_browser(flow):
    report = flow["report"]
    assert "failure" not in report, report.get("failure", "") + "\n" + report.get("failureText", "")[:600]
    assert [s["name"] for s in report["steps"]] == ["column", "new", "filled", "saved", "in-review", "workflow"]
    assert report["errors"] == []
    for key in ("column", "filled", "saved", "inReview", "workflow"):
        assert Path(report[key]).stat().st_size > 5000, key


def test_no_request_left_127_0_0_1_and_every_api_call_was_answered(flow):
    report = flow["report"]
    urls = [r.split(" ", 1)[1] for r in report["requests"]]
    outside = [u for u in urls if not u.startswith(("http://127.0.0.1:", "data:", "blob:"))]
    assert outside == [] and len(urls) > 20
    assert not any("githubstatus" in u for u in urls)
    answered = [a for a in report["api"] if " OPTIONS " not in a]
    assert [a for a in answered if not a.startswith(("200 ", "201 "))] == []  # every call Decap made was served
    for call in (
        "POST /repos/jiangan/site/git/blobs",
        "POST /repos/jiangan/site/git/trees",
        "POST /repos/jiangan/site/git/commits",
        "POST /repos/jiangan/site/git/refs",
        "POST /repos/jiangan/site/pulls",
        "PUT /repos/jiangan/site/issues/1/labels",
    ):
        assert any(a.split(" ", 1)[1] == call for a in answered), call
    preflights = [a for a in report["api"] if " OPTIONS " in a]
    assert preflights and all(a.startswith("204 ") for a in preflights)  # CORS: the browser asked first, the fake allowed


def test_one_pull_request_from_a_cms_branch_with_the_policys_front_matter(flow):
    repo: Repo = flow["repo"]
    [pr] = repo.pulls.values()
    assert pr.user == EDITOR and pr.head_ref.startswith("cms/news/") and pr.base_ref == "main" and pr.state == "open"
    files = {f["filename"]: f for f in repo.pull_files(pr)}
    [path] = files
    assert path.startswith("docs/news/") and path.endswith(".md") and files[path]["status"] == "added"
    text = repo.blobs[repo.commits[pr.head_sha].files[path]].decode()
    head, _, body = text.removeprefix("---\n").partition("\n---\n")
    meta = yaml.safe_load(head)
    assert meta["title"] == TITLE and meta["author"] == "马磊" and meta["unit"] == "office" and meta["topic"] == "04"
    assert str(meta["date"]) == "2026-12-03"
    assert "走进社区" in body
    commit = repo.commits[pr.head_sha]
    assert commit.author == EDITOR and repo.commits[commit.parents[0]].sha == repo.branches["main"]
    # The commits are real git objects: git itself reads the page from the forge's repository.
    shown = subprocess.run(["git", "show", f"{pr.head_sha}:{path}"], cwd=repo.git_dir, capture_output=True, check=True)
    assert shown.stdout.decode() == text


def test_marked_ready_by_the_editor_with_a_labeled_event_at_server_time(flow):
    repo: Repo = flow["repo"]
    [pr] = repo.pulls.values()
    assert pr.labels == ["decap-cms/pending_review"]
    labeled = [(e.event, e.label, e.actor) for e in pr.events if e.event in ("labeled", "unlabeled")]
    assert labeled == [
        ("labeled", "decap-cms/draft", EDITOR),
        ("unlabeled", "decap-cms/draft", EDITOR),
        ("labeled", "decap-cms/pending_review", EDITOR),
    ]
    times = [e.created_at for e in pr.events]
    assert times == sorted(times) and pr.created_at <= times[0]


def test_the_pr_check_asks_the_chains_people_by_name(flow):
    fake: FakeGitHub = flow["fake"]
    repo: Repo = flow["repo"]
    [pr] = repo.pulls.values()
    client = Github(base_url=fake.url, auth=Auth.Token("bot-token"), seconds_between_requests=0, seconds_between_writes=0, retry=None)
    forge = Forge(client, "jiangan/site")
    check = check_pull(forge, pr.number)
    assert not check.ok
    asked = wanted_reviewers(check)
    publish(forge, check)
    assert pr.requested_reviewers == list(asked)
    assert "li-qiang" in asked and EDITOR not in asked  # the office's unit head; never the author
    [comment] = [c for c in repo.comments.values() if MARKER in c.body]
    assert comment.user == "govreview-bot"
    people = yaml.safe_load((ROOT / "policies" / "people.yml").read_text(encoding="utf-8"))["people"]
    for login in asked:
        assert f"{people[login]['title']} {people[login]['name']}（@{login}）" in comment.body, login


def test_the_editor_has_no_way_to_merge(flow):
    fake: FakeGitHub = flow["fake"]
    repo: Repo = flow["repo"]
    report = flow["report"]
    [pr] = repo.pulls.values()
    assert report["visiblePublish"] == []
    assert "发布" in report["hidden"] or "立即发布" in report["hidden"], report["hidden"]
    assert "\n就绪\n" not in report["workflowText"] and TITLE in report["workflowText"]
    # The status menu offers draft and in review; 就绪 (ready to publish) is the office's status.
    assert "审核中" in report["statusItems"] and "就绪" not in report["statusItems"], report["statusItems"]
    main = repo.branches["main"]
    status, answer = api(fake, "PUT", f"/repos/jiangan/site/pulls/{pr.number}/merge", "editor-token", {"sha": pr.head_sha})
    assert status == 405 and answer["message"].startswith("Repository rule violations found")
    # Decap answers a 405 by writing the merge itself and moving main: refused on the server too.
    status, answer = api(fake, "PATCH", "/repos/jiangan/site/git/refs/heads/main", "editor-token", {"sha": pr.head_sha, "force": True})
    assert status == 422 and answer["message"].startswith("Repository rule violations found")
    assert repo.branches["main"] == main and pr.state == "open" and not pr.merged
    # The website office (the ruleset's bypass list) merges.
    status, answer = api(fake, "PUT", f"/repos/jiangan/site/pulls/{pr.number}/merge", "office-token", {"sha": pr.head_sha})
    assert status == 200 and answer["merged"] and pr.merged_by == OFFICE and repo.branches["main"] == answer["sha"]
