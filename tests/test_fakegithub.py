"""The fake GitHub server, exercised through the real PyGithub client over HTTP."""

from __future__ import annotations

import base64
import json
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
