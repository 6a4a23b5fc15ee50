"""The fake GitHub server, exercised through the real PyGithub client over HTTP."""

from __future__ import annotations

import base64
import json
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import github
import pytest
import requests
from fakegithub import ZERO_SHA, FakeGitHub, Pull, Repo, git_blob_sha

T0 = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)


@pytest.fixture
def fake() -> Iterator[FakeGitHub]:
    with FakeGitHub() as f:
        yield f


def client(fake: FakeGitHub, **kw: Any) -> github.Github:
    kw.setdefault("retry", None)
    return github.Github(base_url=fake.url, auth=github.Auth.Token("t"), seconds_between_requests=0, seconds_between_writes=0, **kw)


def site(fake: FakeGitHub) -> Repo:
    repo = fake.repo("city/site")
    repo.push("main", {"docs/index.md": "home\n", "docs/old.md": "old\n", "docs/gone.md": "bye\n"}, actor="admin", at=T0)
    return repo


def news_pr(repo: Repo) -> Pull:
    """A PR that modifies, adds, renames and removes files, then gets a second push."""
    files = {"docs/index.md": "home\nnews\n", "docs/news.md": "n1\n", "docs/old.md": None, "docs/renamed.md": "old\n", "docs/gone.md": None}
    pr = repo.open_pull("alice", "feature", title="News", files=files)
    pr.push({"docs/news.md": "n1\nn2\n"})
    return pr


def test_get_repo(fake: FakeGitHub) -> None:
    site(fake)
    repo = client(fake).get_repo("city/site")
    assert (repo.full_name, repo.default_branch, repo.owner.login) == ("city/site", "main", "city")
    assert repo.url == f"{fake.url}/repos/city/site"
    assert fake.calls("/repos/city/site")[0].method == "GET"


def test_closed_pulls_paginate_with_link_headers(fake: FakeGitHub) -> None:
    repo = site(fake)
    for i in range(120):
        repo.open_pull(f"user{i % 3}", f"b{i}", files={f"docs/p{i}.md": "x\n"}).close()
    repo.open_pull("alice", "still-open", files={"docs/open.md": "x\n"})

    pulls = list(client(fake, per_page=100).get_repo("city/site").get_pulls(state="closed"))
    assert [p.number for p in pulls] == list(range(120, 0, -1))  # default: created, desc
    assert len(fake.calls("/repos/city/site/pulls")) == 2
    second = fake.calls("/repos/city/site/pulls")[1]
    assert second.query == {"state": "closed", "per_page": "100", "page": "2"}

    fake.requests.clear()
    asc = list(client(fake).get_repo("city/site").get_pulls(state="all", sort="created", direction="asc"))
    assert len(asc) == 121 and asc[0].number == 1
    assert len(fake.calls("/repos/city/site/pulls")) == 5  # per_page defaults to 30

    link = requests.get(f"{fake.url}/repos/city/site/pulls?state=closed&per_page=50&page=2", timeout=5).headers["Link"]
    assert f'<{fake.url}/repos/city/site/pulls?state=closed&per_page=50&page=3>; rel="next"' in link
    assert 'page=3>; rel="last"' in link and 'page=1>; rel="prev"' in link


def test_pull_files_commits_reviews(fake: FakeGitHub) -> None:
    repo = site(fake)
    pr = news_pr(repo)
    first = pr.review("bob", "CHANGES_REQUESTED", commit=pr.pushes[0].after)
    pr.review("bob", "APPROVED", body="ok")
    pr.dismiss(first, actor="admin")
    pr.review("carol", "COMMENTED")

    gpr = client(fake).get_repo("city/site").get_pull(pr.number)
    files = {f.filename: f for f in gpr.get_files()}
    assert {n: f.status for n, f in files.items()} == {
        "docs/index.md": "modified",
        "docs/news.md": "added",
        "docs/renamed.md": "renamed",
        "docs/gone.md": "removed",
    }
    assert files["docs/renamed.md"].previous_filename == "docs/old.md"
    assert files["docs/news.md"].sha == git_blob_sha(b"n1\nn2\n") == repo.commits[pr.head_sha].files["docs/news.md"]
    assert (files["docs/index.md"].additions, files["docs/index.md"].deletions) == (1, 0)
    assert gpr.changed_files == 4 and gpr.head.sha == pr.head_sha and gpr.base.ref == "main"

    commits = list(gpr.get_commits())
    assert [c.sha for c in commits] == [p.after for p in pr.pushes]
    assert commits[0].author.login == "alice" and commits[0].parents[0].sha == repo.branches["main"]

    reviews = list(gpr.get_reviews())
    assert [(r.user.login, r.state) for r in reviews] == [("bob", "DISMISSED"), ("bob", "APPROVED"), ("carol", "COMMENTED")]
    assert reviews[0].commit_id == pr.pushes[0].after and reviews[1].commit_id == pr.head_sha
    assert reviews[1].submitted_at == pr.reviews[1].submitted_at


def test_merged_pull_and_activity(fake: FakeGitHub) -> None:
    repo = site(fake)
    pr = news_pr(repo)
    forced = pr.push({"docs/news.md": "rebuilt\n"}, force=True, actor="alice")
    merge_sha = pr.merge("carol")

    gpr = client(fake).get_repo("city/site").get_pulls(state="closed")[0]
    assert gpr.merged and gpr.merge_commit_sha == merge_sha and gpr.merged_by.login == "carol"
    assert gpr.merged_at == pr.merged_at and gpr.head.sha == forced

    requester = client(fake).requester
    data, headers = [], {}
    url: str | None = "/repos/city/site/activity"
    params: dict[str, Any] | None = {"ref": "refs/heads/feature", "per_page": 1}
    while url:
        h, page = requester.requestJsonAndCheck("GET", url, parameters=params)
        data += page
        links = dict(reversed(p.split(">; rel=")) for p in h.get("link", "").replace("<", "").split(", ") if p)
        url, params = links.get('"next"'), None
        assert url is None or url.startswith(f"{fake.url}/repos/city/site/activity?")
        headers = h
    assert [a["activity_type"] for a in data] == ["force_push", "push", "push"]  # newest first
    assert data[-1]["before"] == ZERO_SHA and data[0]["after"] == forced and data[0]["actor"]["login"] == "alice"
    assert "link" not in headers
    _, merges = requester.requestJsonAndCheck("GET", "/repos/city/site/activity", {"activity_type": "pr_merge", "ref": "main"})
    assert [(a["after"], a["ref"]) for a in merges] == [(merge_sha, "refs/heads/main")]


def test_issue_events_with_labels_and_actor(fake: FakeGitHub) -> None:
    repo = site(fake)
    pr = news_pr(repo)
    at = datetime(2025, 3, 4, 10, 30, tzinfo=UTC)
    pr.label("secrecy-ok", actor="bao", at=at)
    pr.unlabel("secrecy-ok", actor="bao")
    pr.label("secrecy-ok", actor="zhu")
    pr.push({"docs/news.md": "again\n"}, force=True)

    issue = client(fake).get_repo("city/site").get_issue(pr.number)
    assert issue.pull_request is not None and [lb.name for lb in issue.labels] == ["secrecy-ok"]
    events = list(issue.get_events())
    assert [(e.event, e.label.name if e.label else None, e.actor.login) for e in events] == [
        ("labeled", "secrecy-ok", "bao"),
        ("unlabeled", "secrecy-ok", "bao"),
        ("labeled", "secrecy-ok", "zhu"),
        ("head_ref_force_pushed", None, "alice"),
    ]
    assert events[0].created_at == at and events[3].commit_id == pr.head_sha


def test_compare(fake: FakeGitHub) -> None:
    repo = site(fake)
    pr = news_pr(repo)
    repo.push("main", {"docs/index.md": "home v2\n"}, actor="admin")

    cmp = client(fake).get_repo("city/site").compare("main", "feature")
    assert (cmp.status, cmp.ahead_by, cmp.behind_by, cmp.total_commits) == ("diverged", 2, 1, 2)
    assert cmp.merge_base_commit.sha == pr.base_sha and [c.sha for c in cmp.commits] == [p.after for p in pr.pushes]
    by_name = {f.filename: f for f in cmp.files}
    assert by_name["docs/renamed.md"].previous_filename == "docs/old.md" and by_name["docs/gone.md"].status == "removed"
    assert by_name["docs/news.md"].sha == repo.commits[pr.head_sha].files["docs/news.md"]


def test_contents_at_ref_and_commit(fake: FakeGitHub) -> None:
    repo = site(fake)
    old = repo.branches["main"]
    repo.push("main", {"docs/index.md": "home v2\n", "docs/sub/deep.md": "d\n"}, actor="admin", author=None, committer="web-flow")
    grepo = client(fake).get_repo("city/site")

    assert grepo.get_contents("docs/index.md", ref=old).decoded_content == b"home\n"
    latest = grepo.get_contents("docs/index.md")
    assert latest.decoded_content == b"home v2\n" and latest.sha == git_blob_sha(b"home v2\n")
    listing = grepo.get_contents("docs", ref=repo.branches["main"])
    assert [(c.name, c.type) for c in listing] == [("gone.md", "file"), ("index.md", "file"), ("old.md", "file"), ("sub", "dir")]
    with pytest.raises(github.GithubException) as err:
        grepo.get_contents("docs/nope.md", ref=old)
    assert err.value.status == 404

    commit = grepo.get_commit(repo.branches["main"])
    assert commit.author is None and commit.committer.login == "web-flow"
    assert sorted(f.filename for f in commit.files) == ["docs/index.md", "docs/sub/deep.md"]
    assert commit.stats.additions == 2


def test_team_membership(fake: FakeGitHub) -> None:
    fake.team("city", "reviewers", {"bob": "active", "dan": "pending"}, maintainers=("bob",))
    requester = client(fake).requester
    _, body = requester.requestJsonAndCheck("GET", "/orgs/city/teams/reviewers/memberships/bob")
    assert (body["state"], body["role"]) == ("active", "maintainer")
    _, body = requester.requestJsonAndCheck("GET", "/orgs/city/teams/reviewers/memberships/dan")
    assert body["state"] == "pending"
    with pytest.raises(github.GithubException) as err:
        requester.requestJsonAndCheck("GET", "/orgs/city/teams/reviewers/memberships/mallory")
    assert err.value.status == 404 and err.value.data["message"] == "Not Found"


def test_statuses_and_comments_are_recorded(fake: FakeGitHub) -> None:
    repo = site(fake)
    pr = news_pr(repo)
    grepo = client(fake).get_repo("city/site")
    grepo.get_commit(pr.head_sha).create_status("failure", "https://ci.example/1", "2 approvals missing", "govreview")
    issue = grepo.get_issue(pr.number)
    comment = issue.create_comment("first")
    comment.edit("edited")

    assert [(s.sha, s.state, s.context) for s in repo.statuses] == [(pr.head_sha, "failure", "govreview")]
    assert [c.body for c in repo.comments.values()] == ["edited"]
    assert [(c.body, c.user.login) for c in issue.get_comments()] == [("edited", "govreview-bot")]
    assert [r.method for r in fake.calls("/repos/city/site/issues/comments/")] == ["PATCH"]


def test_unknown_route_is_github_404(fake: FakeGitHub) -> None:
    with pytest.raises(github.UnknownObjectException) as err:
        client(fake).get_repo("city/missing")
    assert err.value.status == 404 and err.value.data == {
        "message": "Not Found",
        "documentation_url": err.value.data["documentation_url"],
        "status": "404",
    }
    assert requests.get(f"{fake.url}/no/such/route", timeout=5).status_code == 404


def test_502_then_success_with_pygithub_retry(fake: FakeGitHub) -> None:
    site(fake)
    fake.fail("/repos/city/site", times=1, status=502)
    gh = client(fake, retry=github.GithubRetry(total=2, backoff_factor=0.01))
    assert gh.get_repo("city/site").full_name == "city/site"
    assert len(fake.calls("/repos/city/site")) == 2

    fake.fail("/repos/", times=3, status=502)
    with pytest.raises(requests.exceptions.RetryError, match="too many 502"):
        gh.get_repo("city/site")
    assert len(fake.calls("/repos/city/site")) == 5


def test_rate_limited_retry_after(fake: FakeGitHub) -> None:
    site(fake)
    fake.rate_limited("/repos/", times=1, retry_after=1)
    raw = requests.get(f"{fake.url}/repos/city/site", timeout=5)
    assert raw.status_code == 403 and raw.headers["Retry-After"] == "1" and raw.headers["x-ratelimit-remaining"] == "0"

    fake.rate_limited("/repos/", times=1, retry_after=1)
    started = time.monotonic()
    gh = client(fake, retry=github.GithubRetry(total=2, backoff_factor=0.01))
    assert gh.get_repo("city/site").name == "site"
    assert time.monotonic() - started >= 0.9 and len(fake.calls("/repos/")) == 3


def test_down_and_up(fake: FakeGitHub) -> None:
    site(fake)
    fake.down()
    with pytest.raises(requests.exceptions.ConnectionError):
        client(fake).get_repo("city/site")
    fake.up()
    fake.down(close=False)
    with pytest.raises(github.GithubException) as err:
        client(fake).get_repo("city/site")
    assert err.value.status == 503
    fake.up()
    assert client(fake).get_repo("city/site").name == "site"


# ----------------------------------------------------------------------------- OpenAPI conformance

# Installed by .ci/run from package.json (npm): GitHub's own OpenAPI description.
OPENAPI = Path(__file__).resolve().parent.parent / "node_modules" / "@octokit" / "openapi" / "generated" / "api.github.com.json"


def _json_schema(node: Any) -> Any:
    """OpenAPI 3.0 -> JSON Schema: ``nullable: true`` becomes an explicit null alternative."""
    if isinstance(node, list):
        return [_json_schema(x) for x in node]
    if not isinstance(node, dict):
        return node
    out = {k: _json_schema(v) for k, v in node.items() if k not in ("nullable", "example", "examples", "discriminator")}
    if node.get("nullable"):
        if "type" in out:
            out["type"] = [out["type"], "null"]
        if "enum" in out and None not in out["enum"]:  # e.g. an open issue's ``state_reason``: GitHub sends null
            out["enum"] = [*out["enum"], None]
        for key in ("anyOf", "oneOf"):
            if key in out:
                out[key] = [*out[key], {"type": "null"}]
        if "allOf" in out:
            out = {"anyOf": [{"allOf": out.pop("allOf")}, {"type": "null"}], **out}
    return out


@pytest.fixture(scope="module")
def components() -> dict[str, Any]:
    assert OPENAPI.exists(), f"GitHub's OpenAPI description is missing at {OPENAPI}: run npm install (as .ci/run does)"
    return {"schemas": _json_schema(json.loads(OPENAPI.read_text())["components"]["schemas"])}


def test_responses_match_github_openapi_schemas(fake: FakeGitHub, components: dict[str, Any]) -> None:
    import jsonschema

    repo = site(fake)
    pr = news_pr(repo)
    pr.review("bob", "APPROVED")
    pr.label("secrecy-ok", actor="bao")
    pr.comment("bob", "looks good")
    fake.team("city", "reviewers", {"bob": "active"})
    merge = pr.merge("carol")

    def get(path: str) -> Any:
        with urllib.request.urlopen(fake.url + path) as r:
            return json.loads(r.read())

    checks = {
        "/repos/city/site": "full-repository",
        "/repos/city/site/pulls?state=all": ["pull-request-simple"],
        "/repos/city/site/pulls/1": "pull-request",
        "/repos/city/site/pulls/1/files": ["diff-entry"],
        "/repos/city/site/pulls/1/commits": ["commit"],
        "/repos/city/site/pulls/1/reviews": ["pull-request-review"],
        "/repos/city/site/issues/1": "issue",
        "/repos/city/site/issues/1/events": ["issue-event-for-issue"],
        "/repos/city/site/issues/1/comments": ["issue-comment"],
        f"/repos/city/site/compare/{repo.commits[merge].parents[0]}...feature": "commit-comparison",
        "/repos/city/site/activity": ["activity"],
        "/repos/city/site/contents/docs/index.md": "content-file",
        "/repos/city/site/contents/docs": "content-directory",
        f"/repos/city/site/commits/{merge}": "commit",
        "/orgs/city/teams/reviewers/memberships/bob": "team-membership",
    }
    for path, name in checks.items():
        ref = name[0] if isinstance(name, list) else name
        schema: dict[str, Any] = {"$ref": f"#/components/schemas/{ref}", "components": components}
        if isinstance(name, list):
            schema = {"type": "array", "items": {"$ref": f"#/components/schemas/{ref}"}, "minItems": 1, "components": components}
        errors = list(jsonschema.Draft202012Validator(schema).iter_errors(get(path)))
        assert not errors, f"{path}: {[f'{list(e.absolute_path)}: {e.message[:200]}' for e in errors[:5]]}"
    # A pull request with reviewers and a team requested keeps GitHub's shape.
    asked = repo.open_pull("alice", "feature-2", title="More", files={"docs/more.md": "m\n"})
    fake.team("city", "heads", {"hana": "active"})
    body = json.dumps({"reviewers": ["bob"], "team_reviewers": ["heads"]}).encode()
    req = urllib.request.Request(f"{fake.url}/repos/city/site/pulls/{asked.number}/requested_reviewers", body, method="POST")
    with urllib.request.urlopen(req) as r:
        assert r.status == 201
    pull = get(f"/repos/city/site/pulls/{asked.number}")
    assert [u["login"] for u in pull["requested_reviewers"]] == ["bob"] and [t["slug"] for t in pull["requested_teams"]] == ["heads"]
    errors = list(
        jsonschema.Draft202012Validator({"$ref": "#/components/schemas/pull-request", "components": components}).iter_errors(pull)
    )
    assert not errors, [f"{list(e.absolute_path)}: {e.message[:200]}" for e in errors[:5]]
    content = get("/repos/city/site/contents/docs/index.md")
    assert base64.b64decode(content["content"]) == b"home\nnews\n"


# ----------------------------------------------------------------------------- Decap CMS's GitHub backend

EDITOR, OFFICE = "wang-xiaomei", "lin-na"


def decap_world(fake: FakeGitHub, tmp_path: Path) -> Repo:
    """A repository kept as real git objects, main restricted by a ruleset the website office bypasses (R-04)."""
    repo = fake.repo("city/site").git(tmp_path / "forge.git")
    repo.push("main", {"docs/index.md": "home\n", "docs/news/old.md": "old\n"}, actor=OFFICE, at=T0)
    repo.rules["main"] = [{"type": "update", "ruleset_source_type": "Repository", "ruleset_source": "city/site", "ruleset_id": 1}]
    repo.bypass = {OFFICE}
    fake.tokens |= {"editor-token": EDITOR, "office-token": OFFICE}
    fake.names[EDITOR] = "王晓梅"
    return repo


class Caller:
    """Plain HTTP as a browser's fetch sends it: a token, JSON bodies; every answer kept."""

    def __init__(self, fake: FakeGitHub, token: str) -> None:
        self.fake, self.token, self.answers = fake, token, []

    def __call__(self, method: str, path: str, body: Any = None, status: int = 200) -> Any:
        r = requests.request(method, self.fake.url + path, json=body, headers={"Authorization": f"token {self.token}"}, timeout=10)
        assert r.status_code == status, (method, path, r.status_code, r.text[:300])
        assert r.headers["Access-Control-Allow-Origin"] == "*" and "Link" in r.headers["Access-Control-Expose-Headers"]
        answer = r.json() if r.content else None
        self.answers.append((method, path, answer))
        return answer


def git(repo: Repo, *args: str) -> str:
    assert repo.git_dir is not None
    return subprocess.run(["git", *args], cwd=repo.git_dir, capture_output=True, text=True, check=True).stdout.strip()


def test_a_browser_preflight_is_answered_204_with_what_it_may_send(fake: FakeGitHub) -> None:
    site(fake)
    headers = {"Origin": "http://127.0.0.1:9", "Access-Control-Request-Method": "PUT",
               "Access-Control-Request-Headers": "authorization,content-type"}  # fmt: skip
    r = requests.options(fake.url + "/repos/city/site/issues/1/labels", headers=headers, timeout=10)
    assert r.status_code == 204 and r.content == b""
    assert r.headers["Access-Control-Allow-Origin"] == "*"
    assert "PUT" in r.headers["Access-Control-Allow-Methods"] and "DELETE" in r.headers["Access-Control-Allow-Methods"]
    allowed = {h.strip().lower() for h in r.headers["Access-Control-Allow-Headers"].split(",")}
    assert {"authorization", "content-type"} <= allowed
    missing = requests.get(fake.url + "/nowhere", timeout=10)
    assert missing.status_code == 404 and missing.headers["Access-Control-Allow-Origin"] == "*"  # errors are readable too


def test_decap_editorial_workflow_writes_real_git_objects_as_the_tokens_login(fake: FakeGitHub, tmp_path: Path) -> None:
    repo = decap_world(fake, tmp_path)
    ed = Caller(fake, "editor-token")
    assert ed("GET", "/user")["login"] == EDITOR and ed("GET", f"/users/{EDITOR}")["name"] == "王晓梅"
    assert Caller(fake, "unknown")("GET", "/user")["login"] == fake.viewer  # any other token: the bot
    page = "---\ntitle: 新闻\n---\n正文。\n".encode()
    blob = ed("POST", "/repos/city/site/git/blobs", {"content": base64.b64encode(page).decode(), "encoding": "base64"}, 201)
    assert blob["sha"] == git_blob_sha(page)
    main = ed("GET", "/repos/city/site/branches/main")["commit"]["sha"]
    assert main == repo.branches["main"]
    tree = ed("POST", "/repos/city/site/git/trees",
              {"base_tree": main, "tree": [{"path": "docs/news/new.md", "mode": "100644", "type": "blob", "sha": blob["sha"]},
                                           {"path": "docs/news/old.md", "mode": "100644", "type": "blob", "sha": None}]}, 201)  # fmt: skip
    assert git(repo, "cat-file", "-t", tree["sha"]) == "tree"
    commit = ed("POST", "/repos/city/site/git/commits", {"message": "新建工作动态", "tree": tree["sha"], "parents": [main]}, 201)
    assert commit["author"]["name"] == EDITOR and commit["tree"]["sha"] == tree["sha"] and commit["parents"][0]["sha"] == main
    assert git(repo, "rev-parse", f"{commit['sha']}^{{tree}}") == tree["sha"]  # a real commit of that real tree
    assert git(repo, "show", f"{commit['sha']}:docs/news/new.md").encode() + b"\n" == page
    assert git(repo, "ls-tree", "-r", "--name-only", commit["sha"]).split() == ["docs/index.md", "docs/news/new.md"]
    ref = ed("POST", "/repos/city/site/git/refs", {"ref": "refs/heads/cms/news/new", "sha": commit["sha"]}, 201)
    assert ref["object"]["sha"] == commit["sha"] == git(repo, "rev-parse", "refs/heads/cms/news/new")
    assert (
        ed("POST", "/repos/city/site/git/refs", {"ref": "refs/heads/cms/news/new", "sha": main}, 422)["message"]
        == "Reference already exists"
    )
    listing = ed("GET", "/repos/city/site/git/trees/cms/news/new:docs/news")
    assert [(e["path"], e["type"]) for e in listing["tree"]] == [("new.md", "blob")]
    assert listing["sha"] == git(repo, "rev-parse", "cms/news/new:docs/news")
    assert [e["path"] for e in ed("GET", f"/repos/city/site/git/trees/{main}?recursive=1")["tree"]] == [
        "docs", "docs/index.md", "docs/news", "docs/news/old.md"]  # fmt: skip
    assert ed("GET", "/repos/city/site/git/trees/main:nowhere", status=404)["message"] == "Not Found"

    pull = ed("POST", "/repos/city/site/pulls", {"title": "新建工作动态", "body": "", "head": "city:cms/news/new", "base": "main"}, 201)
    assert pull["user"]["login"] == EDITOR and pull["head"]["ref"] == "cms/news/new"
    again = ed("POST", "/repos/city/site/pulls", {"title": "x", "head": "city:cms/news/new", "base": "main"}, 422)
    assert "already exists" in again["errors"][0]["message"]
    n = pull["number"]
    ed("PUT", f"/repos/city/site/issues/{n}/labels", {"labels": ["decap-cms/draft"]})
    ed("PUT", f"/repos/city/site/issues/{n}/labels", {"labels": ["decap-cms/pending_review"]})
    ed("POST", f"/repos/city/site/issues/{n}/labels", {"labels": ["急件"]})
    assert [x["name"] for x in ed("DELETE", f"/repos/city/site/issues/{n}/labels/急件")] == ["decap-cms/pending_review"]
    ed("DELETE", f"/repos/city/site/issues/{n}/labels/急件", status=404)
    Caller(fake, "office-token")("PATCH", f"/repos/city/site/issues/{n}", {"labels": ["decap-cms/pending_review", "保密审查通过"]})
    events = [(e["event"], e["label"]["name"], e["actor"]["login"]) for e in ed("GET", f"/repos/city/site/issues/{n}/events")]
    assert events == [
        ("labeled", "decap-cms/draft", EDITOR),
        ("unlabeled", "decap-cms/draft", EDITOR),
        ("labeled", "decap-cms/pending_review", EDITOR),
        ("labeled", "急件", EDITOR),
        ("unlabeled", "急件", EDITOR),
        ("labeled", "保密审查通过", OFFICE),
    ]
    times = [e.created_at for e in repo.pulls[n].events]
    assert times == sorted(times) and abs(times[-1] - datetime.now(UTC)).total_seconds() < 60  # the server's own time
    compared = ed("GET", "/repos/city/site/compare/main...city:cms/news/new")
    assert [f["filename"] for f in compared["files"]] == ["docs/news/new.md", "docs/news/old.md"]
    assert [c["sha"] for c in ed("GET", "/repos/city/site/commits?path=docs/news/new.md&sha=cms/news/new")] == [commit["sha"]]
    assert ed("GET", "/repos/city/site/commits?path=docs/news/new.md&sha=main") == []
    Caller(fake, "bot")("POST", f"/repos/city/site/statuses/{commit['sha']}", {"state": "failure", "context": "govreview"}, 201)
    status = ed("GET", f"/repos/city/site/commits/{commit['sha']}/status")
    assert (status["state"], status["total_count"], status["statuses"][0]["creator"]["login"]) == ("failure", 1, fake.viewer)
    assert ed("GET", f"/repos/city/site/collaborators/{EDITOR}/permission")["permission"] == "write"
    assert ed("GET", f"/repos/city/site/collaborators/{OFFICE}/permission")["permission"] == "admin"


def test_only_the_rulesets_bypass_list_merges_or_moves_main(fake: FakeGitHub, tmp_path: Path) -> None:
    repo = decap_world(fake, tmp_path)
    pr = repo.open_pull(EDITOR, "cms/news/a", files={"docs/news/a.md": "a\n"})
    main = repo.branches["main"]
    ed, office = Caller(fake, "editor-token"), Caller(fake, "office-token")
    refused = ed("PUT", f"/repos/city/site/pulls/{pr.number}/merge", {"sha": pr.head_sha, "merge_method": "merge"}, 405)
    assert refused["message"].startswith("Repository rule violations found")
    # What Decap does after a 405: write the merge itself and move main. Refused as well.
    moved = ed("PATCH", "/repos/city/site/git/refs/heads/main", {"sha": pr.head_sha, "force": True}, 422)
    assert moved["message"].startswith("Repository rule violations found")
    assert (repo.branches["main"], pr.state, pr.merged) == (main, "open", False) and git(repo, "rev-parse", "main") == main
    # A branch without rules moves for anyone, fast-forward only unless forced.
    ed("PATCH", "/repos/city/site/git/refs/heads/cms/news/a", {"sha": main}, 422)
    ed("PATCH", "/repos/city/site/git/refs/heads/cms/news/a", {"sha": main, "force": True})
    ed("PATCH", "/repos/city/site/git/refs/heads/cms/news/a", {"sha": pr.pushes[0].after, "force": True})
    office("PUT", f"/repos/city/site/pulls/{pr.number}/merge", {"sha": "0" * 40}, 409)
    merged = office("PUT", f"/repos/city/site/pulls/{pr.number}/merge", {"sha": pr.head_sha})
    assert merged["merged"] and pr.merged_by == OFFICE and repo.branches["main"] == merged["sha"] == git(repo, "rev-parse", "main")
    office("PUT", f"/repos/city/site/pulls/{pr.number}/merge", {}, 405)  # merged already
    ed("DELETE", "/repos/city/site/git/refs/heads/cms/news/a", status=204)
    assert "cms/news/a" not in repo.branches
    assert ed("DELETE", "/repos/city/site/git/refs/heads/cms/news/a", status=422)["message"] == "Reference does not exist"
    # Without a ruleset (or with it, for the office) anyone with write access merges, as on GitHub.
    repo.rules.clear()
    other = repo.open_pull(EDITOR, "cms/news/b", files={"docs/news/b.md": "b\n"})
    assert ed("PUT", f"/repos/city/site/pulls/{other.number}/merge", {"merge_method": "squash"})["merged"]
    assert len(repo.commits[repo.branches["main"]].parents) == 1  # squashed
    closed = repo.open_pull(EDITOR, "cms/news/c", files={"docs/news/c.md": "c\n"})
    assert ed("PATCH", f"/repos/city/site/pulls/{closed.number}", {"state": "closed"})["state"] == "closed"
    assert ed("PATCH", f"/repos/city/site/pulls/{closed.number}", {"state": "open"})["state"] == "open"


def test_decap_shapes_match_github_openapi_schemas(fake: FakeGitHub, tmp_path: Path, components: dict[str, Any]) -> None:
    import jsonschema

    repo = decap_world(fake, tmp_path)
    ed = Caller(fake, "editor-token")
    blob = ed("POST", "/repos/city/site/git/blobs", {"content": "x\n", "encoding": "utf-8"}, 201)
    main = repo.branches["main"]
    tree = ed("POST", "/repos/city/site/git/trees", {"base_tree": main, "tree": [{"path": "docs/x.md", "mode": "100644",
              "type": "blob", "sha": blob["sha"]}]}, 201)  # fmt: skip
    commit = ed("POST", "/repos/city/site/git/commits", {"message": "x", "tree": tree["sha"], "parents": [main]}, 201)
    ed("POST", "/repos/city/site/git/refs", {"ref": "refs/heads/cms/x", "sha": commit["sha"]}, 201)
    pull = ed("POST", "/repos/city/site/pulls", {"title": "x", "head": "city:cms/x", "base": "main"}, 201)
    n = pull["number"]
    Caller(fake, "bot")("POST", f"/repos/city/site/statuses/{commit['sha']}", {"state": "pending", "context": "govreview"}, 201)
    checks: list[tuple[Any, str | list[str]]] = [
        (blob, "short-blob"),
        (tree, "git-tree"),
        (commit, "git-commit"),
        (ed("GET", "/repos/city/site/git/ref/heads/cms/x"), "git-ref"),
        (ed("PATCH", "/repos/city/site/git/refs/heads/cms/x", {"sha": commit["sha"]}), "git-ref"),
        (ed("GET", f"/repos/city/site/git/trees/{main}?recursive=1"), "git-tree"),
        (ed("GET", "/repos/city/site/git/trees/main:docs"), "git-tree"),
        (ed("GET", f"/repos/city/site/git/commits/{commit['sha']}"), "git-commit"),
        (ed("GET", "/repos/city/site/branches/cms/x"), "branch-with-protection"),
        (ed("GET", "/repos/city/site/branches/main"), "branch-with-protection"),
        (pull, "pull-request"),
        (ed("PATCH", f"/repos/city/site/pulls/{n}", {"title": "y"}), "pull-request"),
        (ed("PUT", f"/repos/city/site/issues/{n}/labels", {"labels": ["decap-cms/draft"]}), ["label"]),
        (ed("GET", f"/repos/city/site/issues/{n}/labels"), ["label"]),
        (ed("PATCH", f"/repos/city/site/issues/{n}", {"labels": ["decap-cms/pending_review"]}), "issue"),
        (ed("GET", f"/repos/city/site/commits/{commit['sha']}/status"), "combined-commit-status"),
        (ed("GET", "/repos/city/site/commits?path=docs/x.md&sha=cms/x"), ["commit"]),
        (ed("GET", "/user"), "public-user"),
        (ed("GET", f"/users/{OFFICE}"), "public-user"),
        (ed("GET", f"/repos/city/site/collaborators/{EDITOR}/permission"), "repository-collaborator-permission"),
        (Caller(fake, "office-token")("PUT", f"/repos/city/site/pulls/{n}/merge", {}), "pull-request-merge-result"),
    ]
    for answer, name in checks:
        ref = name[0] if isinstance(name, list) else name
        schema: dict[str, Any] = {"$ref": f"#/components/schemas/{ref}", "components": components}
        if isinstance(name, list):
            schema = {"type": "array", "items": {"$ref": f"#/components/schemas/{ref}"}, "minItems": 1, "components": components}
        errors = list(jsonschema.Draft202012Validator(schema).iter_errors(answer))
        assert not errors, f"{name}: {[f'{list(e.absolute_path)}: {e.message[:200]}' for e in errors[:5]]}"
