"""A stateful fake of the GitHub REST API on 127.0.0.1, for the real PyGithub client to talk to over HTTP.

Build a world with ``FakeGitHub.repo`` / ``Repo.push`` / ``Repo.open_pull`` / ``Repo.open_issue`` / ``Pull.review|label|push|merge`` and
``FakeGitHub.team`` (``Pull.edit_review`` edits a review's body after submission, as ``PUT …/reviews/{id}`` does);
serve it with ``with FakeGitHub() as fake:`` and point ``github.Github(base_url=fake.url)`` at it.
Responses follow GitHub's OpenAPI shapes; every object carries a ``url`` back to this server (so PyGithub's lazy
completion works); lists paginate with ``per_page``/``page`` and absolute ``Link`` headers. Every request lands in
``fake.requests``; ``fake.fail`` / ``fake.rate_limited`` / ``fake.down`` inject faults. ``POST /graphql`` answers one
query shape, a review's edit state (``node(id:) { ... on PullRequestReview { lastEditedAt … } }``), as GitHub answers it.
Plain issues are opened with ``POST …/issues`` (kept in ``Repo.issues``, numbered with the pull requests); ``Repo.start_run``
starts a workflow run that ``GET …/actions/runs/{id}`` shows, with its server start time.
"""

from __future__ import annotations

import base64
import difflib
import hashlib
import itertools
import json
import os
import re
import socket
import subprocess
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import partial
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, unquote, urlencode, urlsplit

Json = dict[str, Any]
ZERO_SHA = "0" * 40
HTML = "https://github.com"
DOCS = "https://docs.github.com/rest"
REPO_URLS = """archive=/{archive_format}{/ref} assignees=/assignees{/user} blobs=/git/blobs{/sha} branches=/branches{/branch}
collaborators=/collaborators{/collaborator} comments=/comments{/number} commits=/commits{/sha} compare=/compare/{base}...{head}
contents=/contents/{+path} git_commits=/git/commits{/sha} git_refs=/git/refs{/sha} git_tags=/git/tags{/sha}
issue_comment=/issues/comments{/number} issue_events=/issues/events{/number} issues=/issues{/number} keys=/keys{/key_id}
labels=/labels{/name} milestones=/milestones{/number} notifications=/notifications{?since,all,participating} pulls=/pulls{/number}
releases=/releases{/id} statuses=/statuses/{sha} trees=/git/trees{/sha} contributors deployments downloads events forks hooks
languages merges stargazers subscribers subscription tags teams"""
FileChanges = Mapping[str, str | bytes | None]  # path -> new content, None deletes
#: Every answer may be read by a page of any origin, as api.github.com's are (Decap CMS runs in the browser).
CORS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Expose-Headers": "ETag, Link, Location, Retry-After, X-GitHub-Request-Id, X-RateLimit-Limit, "
    "X-RateLimit-Remaining, X-RateLimit-Reset, X-RateLimit-Used, X-RateLimit-Resource",
}
PREFLIGHT = {
    "Access-Control-Allow-Methods": "GET, POST, PATCH, PUT, DELETE",
    "Access-Control-Allow-Headers": "Authorization, Content-Type, Accept, Cache-Control, If-Match, If-None-Match, "
    "If-Modified-Since, X-GitHub-Api-Version, X-Requested-With",
    "Access-Control-Max-Age": "86400",
}


def iso(t: datetime) -> str:
    return t.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def git_blob_sha(data: bytes) -> str:
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


def node_id(prefix: str, n: int) -> str:
    return f"{prefix}_" + base64.b64encode(f"fake:{prefix}:{n}".encode()).decode().rstrip("=")


# ----------------------------------------------------------------------------- model


@dataclass
class Commit:
    sha: str
    message: str
    author: str | None  # GitHub login of the author; None when the email matches no account
    committer: str | None
    files: dict[str, str]  # full snapshot: path -> blob sha
    parents: list[str]
    date: datetime


@dataclass
class Push:
    before: str
    after: str
    pushed_at: datetime  # server time of the push
    actor: str
    forced: bool


@dataclass
class Review:
    pr: Pull = field(repr=False)
    id: int
    user: str
    state: str  # APPROVED / CHANGES_REQUESTED / COMMENTED / DISMISSED
    commit_id: str
    submitted_at: datetime
    body: str = ""
    last_edited_at: datetime | None = None  # GraphQL ``lastEditedAt``: set by an edit of the body


@dataclass
class IssueEvent:
    pr: Pull = field(repr=False)
    id: int
    event: str  # labeled / unlabeled / head_ref_force_pushed / closed / merged ...
    actor: str
    created_at: datetime
    label: str | None = None
    commit_id: str | None = None


@dataclass
class Comment:
    id: int
    issue: int
    user: str
    body: str
    created_at: datetime
    updated_at: datetime


@dataclass
class Issue:
    """A plain issue (not a pull request); numbered with the pull requests, as on GitHub."""

    number: int
    id: int
    title: str
    body: str
    user: str
    labels: list[str]
    created_at: datetime
    updated_at: datetime
    state: str = "open"
    state_reason: str | None = None
    closed_at: datetime | None = None
    closed_by: str | None = None


@dataclass
class Activity:
    id: int
    before: str
    after: str
    ref: str  # refs/heads/NAME
    timestamp: datetime
    activity_type: str  # push / force_push / pr_merge
    actor: str


@dataclass
class Status:
    id: int
    sha: str
    state: str
    context: str
    description: str | None
    target_url: str | None
    creator: str
    created_at: datetime


@dataclass
class WorkflowRun:
    """A workflow run: who started it, on what event, and when (the server's clock)."""

    id: int
    workflow: str
    event: str
    actor: str
    head_branch: str
    head_sha: str
    created_at: datetime
    run_started_at: datetime


@dataclass
class Pull:
    repo: Repo = field(repr=False)
    number: int
    id: int
    title: str
    user: str
    base_ref: str
    base_sha: str
    head_ref: str
    created_at: datetime
    body: str = ""
    state: str = "open"
    merged: bool = False
    merged_at: datetime | None = None
    merged_by: str | None = None
    merge_commit_sha: str | None = None
    closed_at: datetime | None = None
    updated_at: datetime | None = None
    pushes: list[Push] = field(default_factory=list)
    reviews: list[Review] = field(default_factory=list)
    events: list[IssueEvent] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    draft: bool = False
    requested_reviewers: list[str] = field(default_factory=list)
    requested_teams: list[str] = field(default_factory=list)

    @property
    def head_sha(self) -> str:
        return self.pushes[-1].after

    def _touch(self, at: datetime) -> datetime:
        self.updated_at = at
        return at

    def push(self, files: FileChanges, *, actor: str | None = None, force: bool = False, at: datetime | None = None, **kw: Any) -> str:
        """Push one new commit to the head branch; ``force=True`` rebuilds it on the base tip instead."""
        parent = self.repo.branches[self.base_ref] if force else self.head_sha
        return self.repo.push(self.head_ref, files, actor=actor or self.user, parent=parent, at=at, **kw)

    def review(self, user: str, state: str = "APPROVED", *, commit: str | None = None, at: datetime | None = None,
            body: str = "") -> Review:  # fmt: skip
        gh = self.repo.gh
        r = Review(self, next(gh.ids), user, state, commit or self.head_sha, self._touch(gh.time(at)), body)
        self.reviews.append(r)
        return r

    def edit_review(self, review: Review, body: str, *, at: datetime | None = None) -> Review:
        """The reviewer edits the body after submitting it (what ``PUT …/reviews/{id}`` does)."""
        review.body, review.last_edited_at = body, self.repo.gh.time(at)
        return review

    def dismiss(self, review: Review, *, actor: str = "ghost", at: datetime | None = None) -> None:
        review.state = "DISMISSED"
        self._event("review_dismissed", actor, at)

    def _event(self, event: str, actor: str, at: datetime | None, **kw: Any) -> IssueEvent:
        e = IssueEvent(self, next(self.repo.gh.ids), event, actor, self._touch(self.repo.gh.time(at)), **kw)
        self.events.append(e)
        return e

    def mark_ready(self, *, actor: str | None = None, at: datetime | None = None) -> IssueEvent:
        """A draft marked ready for review: GitHub records a ``ready_for_review`` issue event."""
        self.draft = False
        return self._event("ready_for_review", actor or self.user, at)

    def convert_to_draft(self, *, actor: str | None = None, at: datetime | None = None) -> IssueEvent:
        self.draft = True
        return self._event("convert_to_draft", actor or self.user, at)

    def label(self, name: str, *, actor: str, at: datetime | None = None) -> IssueEvent:
        self.labels.append(name)
        return self._event("labeled", actor, at, label=name)

    def unlabel(self, name: str, *, actor: str, at: datetime | None = None) -> IssueEvent:
        self.labels.remove(name)
        return self._event("unlabeled", actor, at, label=name)

    def comment(self, user: str, body: str, *, at: datetime | None = None) -> Comment:
        t = self.repo.gh.time(at)
        c = Comment(next(self.repo.gh.ids), self.number, user, body, t, t)
        self.repo.comments[c.id] = c
        return c

    def close(self, *, actor: str | None = None, at: datetime | None = None) -> None:
        self.state, self.closed_at = "closed", self._event("closed", actor or self.user, at).created_at

    def merge(self, actor: str, *, at: datetime | None = None, squash: bool = False) -> str:
        """Merge into the base branch (merge commit, or one squashed commit) and close the PR."""
        if self.draft:
            raise ValueError("GitHub refuses to merge a draft pull request (405)")
        repo, t = self.repo, self.repo.gh.time(at)
        head = repo.commits[self.head_sha]
        base_tip = repo.branches[self.base_ref]
        parents = [base_tip] if squash else [base_tip, head.sha]
        result = {p: None for p in repo.commits[base_tip].files} | {p: repo.blobs[b] for p, b in head.files.items()}
        sha = repo.commit(result, parent=None, parents=parents, author=actor, message=f"Merge pull request #{self.number}", at=t)
        repo.push(self.base_ref, sha=sha, actor=actor, at=t, activity_type="pr_merge")
        self.base_sha, self.merged, self.merged_at, self.merged_by, self.merge_commit_sha = base_tip, True, t, actor, sha
        self._event("merged", actor, t, commit_id=sha)
        self.close(actor=actor, at=t)
        return sha


class Repo:
    def __init__(self, gh: FakeGitHub, owner: str, name: str, default_branch: str) -> None:
        self.gh, self.owner, self.name, self.default_branch = gh, owner, name, default_branch
        self.id = next(gh.ids)
        self.created_at = gh.time(None)
        self.commits: dict[str, Commit] = {}
        self.blobs: dict[str, bytes] = {}
        self.branches: dict[str, str] = {}
        self.pulls: dict[int, Pull] = {}
        self.activity: list[Activity] = []
        self.statuses: list[Status] = []
        self.comments: dict[int, Comment] = {}
        self.issues: dict[int, Issue] = {}  # plain issues by number (pull requests are in ``pulls``)
        self.runs: dict[int, WorkflowRun] = {}
        self.protection: dict[str, Json] = {}  # branch -> classic branch protection (GitHub's shape)
        self.rules: dict[str, list[Json]] = {}  # branch -> active ruleset rules (GitHub's shape)
        #: Rulesets as ``GET /rulesets/{id}`` shows them (name, target, enforcement, conditions, rules).
        self.rulesets: list[Json] = []
        self.git_dir: Path | None = None  # with git(): commits are real git commits kept there
        #: Accounts GitHub would refuse as reviewers (not collaborators); empty: everyone may be asked.
        self.not_collaborators: set[str] = set()
        #: The ruleset's bypass list (GitHub's API does not show it): who may still do what ``rules`` restrict.
        self.bypass: set[str] = set()
        self.trees: dict[str, dict[str, str]] = {}  # tree sha -> snapshot (path -> blob sha) it holds
        self._tree_of: dict[str, str] = {}  # commit sha -> its tree sha
        self._written: set[str] = set()  # blobs already in git_dir

    def git(self, git_dir: Path) -> Repo:
        """Keep every commit from now on as a real git commit in the bare repository ``git_dir``
        (made here), and every branch as a ref there: commit ids are then real ones, so a clone
        holds the merges the forge names. Call before the first commit."""
        assert not self.commits, "git() before the first commit"
        subprocess.run(["git", "init", "-q", "--bare", str(git_dir)], check=True)
        self.git_dir = git_dir
        return self

    def _git(self, *args: str, stdin: bytes = b"", env: Mapping[str, str] | None = None) -> str:
        assert self.git_dir is not None
        proc = subprocess.run(
            ["git", *args], cwd=self.git_dir, input=stdin, capture_output=True, check=True, env={**os.environ, **(env or {})}
        )
        return proc.stdout.decode().strip()

    def tree(self, snap: Mapping[str, str]) -> str:
        """The sha of the tree holding ``snap`` (path -> blob sha), kept in ``trees``: with git(),
        a real git tree written there (so its sha is the one git gives)."""
        if self.git_dir is None:
            sha = hashlib.sha1(repr(sorted(snap.items())).encode()).hexdigest()
        else:
            for blob in set(snap.values()) - self._written:
                assert self._git("hash-object", "-w", "--stdin", stdin=self.blobs[blob]) == blob
                self._written.add(blob)
            index = {"GIT_INDEX_FILE": str(self.git_dir / "fake-index")}
            self._git("read-tree", "--empty", env=index)
            listing = "".join(f"100644 {blob}\t{path}\n" for path, blob in sorted(snap.items()))
            self._git("update-index", "--index-info", stdin=listing.encode(), env=index)
            sha = self._git("write-tree", env=index)
        self.trees[sha] = dict(snap)
        return sha

    def tree_of(self, commit: str) -> str:
        """The tree sha of a commit (computed once)."""
        if commit not in self._tree_of:
            self._tree_of[commit] = self.tree(self.commits[commit].files)
        return self._tree_of[commit]

    def refuses(self, branch: str, actor: str, rule: str = "update") -> bool:
        """A ruleset on ``branch`` restricts ``rule`` (update / creation / deletion) and ``actor`` may not bypass it."""
        return any(r.get("type") == rule for r in self.rules.get(branch, [])) and actor not in self.bypass

    def _git_commit(self, snap: dict[str, str], parents: list[str], message: str, who: str, at: datetime) -> str:
        tree = self.tree(snap)
        when = at.isoformat()
        person = {"GIT_AUTHOR_NAME": who, "GIT_AUTHOR_EMAIL": f"{who}@example.invalid", "GIT_AUTHOR_DATE": when}
        person |= {"GIT_COMMITTER_NAME": who, "GIT_COMMITTER_EMAIL": f"{who}@example.invalid", "GIT_COMMITTER_DATE": when}
        return self._git("commit-tree", tree, *(a for p in parents for a in ("-p", p)), "-m", message, env=person)

    @property
    def full_name(self) -> str:
        return f"{self.owner}/{self.name}"

    def commit(self, files: FileChanges, *, parent: str | None, parents: list[str] | None = None, author: str | None = "ghost",
            committer: str | None = None, message: str = "", at: datetime | None = None) -> str:  # fmt: skip
        """Create a commit object (no branch moves). ``files`` are changes on top of ``parent``'s snapshot."""
        parents = parents if parents is not None else ([parent] if parent else [])
        snap = dict(self.commits[parents[0]].files) if parents else {}
        for path, content in files.items():
            if content is None:
                snap.pop(path, None)
            else:
                data = content.encode() if isinstance(content, str) else content
                snap[path] = git_blob_sha(data)
                self.blobs[snap[path]] = data
        return self.commit_snapshot(snap, parents, author=author, committer=committer, message=message, at=at)

    def commit_snapshot(self, snap: dict[str, str], parents: list[str], *, author: str | None, committer: str | None = None,
            message: str = "", at: datetime | None = None) -> str:  # fmt: skip
        """Create a commit object holding exactly ``snap`` (path -> blob sha of blobs already in ``blobs``)."""
        n = next(self.gh.ids)
        when = self.gh.time(at)
        if self.git_dir is not None:
            sha = self._git_commit(snap, parents, message or f"commit {n}", author or "ghost", when)
        else:
            sha = hashlib.sha1(f"{parents}{sorted(snap.items())}{message}{n}".encode()).hexdigest()
        self.commits[sha] = Commit(sha, message or f"commit {n}", author, committer or author, snap, parents, when)
        return sha

    def push(self, branch: str, files: FileChanges | None = None, *, actor: str, sha: str | None = None, parent: str | None = None,
            at: datetime | None = None, activity_type: str | None = None, **commit_kw: Any) -> str:  # fmt: skip
        """Move ``branch`` to ``sha`` (or to a new commit of ``files`` on the tip/``parent``); logs activity.

        A push that is not a fast-forward is a ``force_push``; pushing an open PR's head branch adds a
        ``Push`` to that PR (and a ``head_ref_force_pushed`` issue event when forced)."""
        t = self.gh.time(at)
        before = self.branches.get(branch, ZERO_SHA)
        if sha is None:
            commit_kw.setdefault("author", actor)
            sha = self.commit(files or {}, parent=parent or self.branches.get(branch), at=t, **commit_kw)
        forced = before != ZERO_SHA and before not in self.ancestors(sha)
        kind = activity_type or ("force_push" if forced else "push")
        self.activity.append(Activity(next(self.gh.ids), before, sha, f"refs/heads/{branch}", t, kind, actor))
        self.branches[branch] = sha
        if self.git_dir is not None:
            self._git("update-ref", f"refs/heads/{branch}", sha)
        for pr in self.pulls.values():
            if pr.state == "open" and pr.head_ref == branch:
                pr.pushes.append(Push(before, sha, pr._touch(t), actor, forced))
                if forced:
                    pr._event("head_ref_force_pushed", actor, t, commit_id=sha)
        return sha

    def start_run(self, actor: str, workflow: str = "takedown.yml", *, event: str = "workflow_dispatch", at: datetime | None = None) -> int:
        """A workflow run started by ``actor`` on the default branch (``GET …/actions/runs/{id}`` shows it)."""
        started = self.gh.time(at)
        run = WorkflowRun(next(self.gh.ids) * 1000, workflow, event, actor, self.default_branch,
                          self.branches.get(self.default_branch, ZERO_SHA), started, started)  # fmt: skip
        self.runs[run.id] = run
        return run.id

    def open_pull(self, user: str, head: str, *, base: str | None = None, title: str | None = None,
            files: FileChanges | None = None, body: str = "", at: datetime | None = None, draft: bool = False) -> Pull:  # fmt: skip
        """Open a PR from ``head``; with ``files``, first push one commit of them to ``head`` (branched off base)."""
        base = base or self.default_branch
        if files is not None:
            self.push(head, files, actor=user, parent=self.branches.get(head) or self.branches[base], at=at)
        t = self.gh.time(at)
        pr = Pull(
            self, self.gh.next_number(self), next(self.gh.ids), title or f"PR from {head}", user, base, self.branches[base], head, t, body
        )
        pr.pushes.append(Push(self.branches[base], self.branches[head], t, user, False))
        pr.updated_at, pr.draft = t, draft
        self.pulls[pr.number] = pr
        return pr

    # -- git helpers -----------------------------------------------------------------

    def open_issue(self, user: str, title: str, body: str = "", *, labels: tuple[str, ...] = (), at: datetime | None = None) -> Issue:
        t = self.gh.time(at)
        issue = Issue(self.gh.next_number(self), next(self.gh.ids), title, body, user, list(labels), t, t)
        self.issues[issue.number] = issue
        return issue

    def resolve(self, ref: str) -> str | None:
        ref = ref.removeprefix("refs/heads/")
        if ref in self.branches:
            return self.branches[ref]
        hits = [s for s in self.commits if s.startswith(ref)] if len(ref) >= 4 else []
        return hits[0] if len(hits) == 1 else None

    def ancestors(self, sha: str) -> list[str]:
        """``sha`` and its ancestors, newest first (breadth-first)."""
        seen: dict[str, None] = {}  # insertion-ordered set
        todo = [sha]
        while todo:
            s = todo.pop(0)
            if s not in seen and s in self.commits:
                seen[s] = None
                todo.extend(self.commits[s].parents)
        return list(seen)

    def merge_base(self, a: str, b: str) -> str | None:
        anc_a = set(self.ancestors(a))
        return next((s for s in self.ancestors(b) if s in anc_a), None)

    def between(self, base: str, head: str) -> list[Commit]:
        """Commits reachable from head but not base, oldest first (what compare/PR commits list)."""
        exclude = set(self.ancestors(base))
        return sorted((self.commits[s] for s in self.ancestors(head) if s not in exclude), key=lambda c: c.date)

    def diff(self, old: dict[str, str], new: dict[str, str]) -> list[Json]:
        """GitHub-style file entries; an added file whose blob equals a removed one's is a rename."""
        removed = {s: p for p, s in old.items() if p not in new}
        renames = {p: removed.pop(s) for p, s in new.items() if p not in old and s in removed}
        out: list[Json] = []
        for path in sorted(set(old) | set(new)):
            prev = renames.get(path)
            if path not in new:
                if path in renames.values():
                    continue
                status = "removed"
            elif path not in old:
                status = "renamed" if prev else "added"
            elif old[path] != new[path]:
                status = "modified"
            else:
                continue
            a = self.blobs.get(old.get(prev or path, ""), b"").decode(errors="replace").splitlines()
            b = self.blobs.get(new.get(path, ""), b"").decode(errors="replace").splitlines()
            lines = list(difflib.unified_diff(a, b, lineterm="", n=3))[2:]
            adds = sum(1 for x in lines if x.startswith("+"))
            dels = sum(1 for x in lines if x.startswith("-"))
            sha = new.get(path, old.get(path))  # removed files carry the deleted blob's sha
            out.append(
                {"sha": sha, "filename": path, "status": status, "additions": adds, "deletions": dels, "changes": adds + dels}
                | {"patch": "\n".join(lines), "_prev": prev}
            )
        return out

    def pull_files(self, pr: Pull) -> list[Json]:
        start = self.merge_base(pr.base_sha, pr.head_sha) or pr.base_sha
        return self.diff(self.commits[start].files if start in self.commits else {}, self.commits[pr.head_sha].files)


# ----------------------------------------------------------------------------- faults & log


@dataclass
class Request:
    method: str
    path: str
    query: dict[str, str]
    body: Any = None


@dataclass
class Fault:
    prefix: str
    times: int | None  # None = until cleared
    status: int = 502
    headers: dict[str, str] = field(default_factory=dict)
    body: Any = None
    close: bool = False  # drop the connection without a response
    method: str | None = None


class Reply(Exception):
    def __init__(self, status: int, body: Any, headers: dict[str, str] | None = None) -> None:
        super().__init__(status)
        self.status, self.body, self.headers = status, body, headers or {}


def not_found() -> Reply:
    return Reply(404, {"message": "Not Found", "documentation_url": DOCS, "status": "404"})


@dataclass
class Paged:
    items: list[Any]
    render: Callable[[Any], Any]
    cursor: bool = False  # cursor (``after=``) links like /activity, instead of ``page=``


Route = tuple[str, re.Pattern[str], Callable[..., Any]]


class FakeGitHub:
    """The fake server plus its world: repositories, users, org teams, a request log and faults."""

    def __init__(self, start: datetime = datetime(2025, 1, 6, 9, 0, tzinfo=UTC), step: timedelta = timedelta(minutes=1)) -> None:
        self.ids = itertools.count(1001)
        self.clock, self.step = start, step
        self.repos: dict[str, Repo] = {}
        self.teams: dict[tuple[str, str], dict[str, tuple[str, str]]] = {}  # (org, slug) -> login -> (state, role)
        self.hidden_teams: set[tuple[str, str]] = set()  # answered 404, as to a token without org read access
        self.users: dict[str, int] = {}
        self.viewer = "govreview-bot"  # the login of any token not in ``tokens`` (author of POSTed comments/statuses)
        #: token -> login: a request with one of these tokens acts as that person (``fake.tokens["editor-token"] = "wang-xiaomei"``).
        self.tokens: dict[str, str] = {}
        self.names: dict[str, str] = {}  # login -> display name (``name`` of ``GET /user`` and ``/users/{login}``)
        self.actor = self.viewer  # who the request being answered acts as (set per request, under ``lock``)
        #: The token has no push access: GitHub then drops a new issue's labels silently (``drop``), or
        #: also refuses adding labels afterwards (``refuse``, 403); None: labels are set.
        self.issue_labels: str | None = None
        self.requests: list[Request] = []
        self.faults: list[Fault] = []
        self.lock = threading.RLock()
        self._server: ThreadingHTTPServer | None = None
        self._numbers: dict[str, int] = {}
        self.routes: list[Route] = [(m, re.compile(p + "$"), f) for m, p, f in self._route_table()]

    # -- builders --------------------------------------------------------------------

    def time(self, at: datetime | None) -> datetime:
        """``at`` if given (and the clock jumps there), else the clock advanced by one step."""
        self.clock = at if at is not None else self.clock + self.step
        return self.clock

    def next_number(self, repo: Repo) -> int:
        self._numbers[repo.full_name] = self._numbers.get(repo.full_name, 0) + 1
        return self._numbers[repo.full_name]

    def repo(self, full_name: str, *, default_branch: str = "main") -> Repo:
        if full_name not in self.repos:
            owner, name = full_name.split("/")
            self.repos[full_name] = Repo(self, owner, name, default_branch)
        return self.repos[full_name]

    def team(self, org: str, slug: str, members: Mapping[str, str] | None = None, *, maintainers: tuple[str, ...] = ()) -> None:
        """Create/extend a team; ``members`` maps login -> "active" | "pending"."""
        t = self.teams.setdefault((org, slug), {})
        for login, state in (members or {}).items():
            t[login] = (state, "maintainer" if login in maintainers else "member")

    def user_id(self, login: str) -> int:
        return self.users.setdefault(login, 5000 + len(self.users))

    # -- faults & log ----------------------------------------------------------------

    def fail(self, prefix: str = "/", times: int | None = 1, status: int = 502, *, headers: dict[str, str] | None = None,
             body: Any = None, method: str | None = None, close: bool = False) -> Fault:  # fmt: skip
        """Answer the next ``times`` requests whose path starts with ``prefix`` with ``status`` (or drop them)."""
        f = Fault(prefix, times, status, headers or {}, body if body is not None else {"message": "Server Error"}, close, method)
        self.faults.append(f)
        return f

    def rate_limited(self, prefix: str = "/", times: int = 1, *, retry_after: int = 1, primary: bool = False) -> Fault:
        """403 with ``Retry-After`` and exhausted ``x-ratelimit-*`` headers (secondary limit unless ``primary``)."""
        reset = str(int(datetime.now(UTC).timestamp()) + retry_after)
        message = "API rate limit exceeded for user ID 1." if primary else "You have exceeded a secondary rate limit."
        headers = {"Retry-After": str(retry_after), "x-ratelimit-remaining": "0", "x-ratelimit-reset": reset, "x-ratelimit-used": "5000"}
        return self.fail(prefix, times, 403, headers=headers, body={"message": message, "documentation_url": DOCS})

    def down(self, *, close: bool = True) -> None:
        """Every request gets its connection closed (or a 503) until ``up()``."""
        self.fail("/", None, 503, close=close, body={"message": "Service Unavailable"})

    def up(self) -> None:
        self.faults.clear()

    def calls(self, prefix: str = "/", method: str | None = None) -> list[Request]:
        return [r for r in self.requests if r.path.startswith(prefix) and (method is None or r.method == method)]

    # -- server ----------------------------------------------------------------------

    @property
    def url(self) -> str:
        assert self._server is not None, "server not started"
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def start(self) -> FakeGitHub:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True  # headers and body go out in two writes: no 40 ms delayed-ACK stall

            def log_message(self, format: str, *args: Any) -> None:
                pass

            def _any(self) -> None:
                fake._serve(self)

            do_GET = do_POST = do_PATCH = do_PUT = do_DELETE = do_OPTIONS = _any

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, args=(0.05,), name="fakegithub", daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> FakeGitHub:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _serve(self, h: BaseHTTPRequestHandler) -> None:
        parts = urlsplit(h.path)
        path, query = unquote(parts.path), dict(parse_qsl(parts.query))
        length = int(h.headers.get("Content-Length") or 0)
        raw = h.rfile.read(length) if length else b""
        body = json.loads(raw) if raw else None
        token = (h.headers.get("Authorization") or "").rpartition(" ")[2]
        with self.lock:
            self.actor = self.tokens.get(token, self.viewer)
            self.requests.append(Request(h.command, path, query, body))
            if h.command == "OPTIONS":  # a browser's CORS preflight (Decap CMS in the editors' browsers)
                h.send_response(204)
                for k, v in (CORS | PREFLIGHT | {"Content-Length": "0"}).items():
                    h.send_header(k, v)
                h.end_headers()
                return
            fault = next((f for f in self.faults if path.startswith(f.prefix) and f.method in (None, h.command)), None)
            if fault and fault.times is not None:
                fault.times -= 1
                if fault.times <= 0:
                    self.faults.remove(fault)
            if fault and fault.close:
                h.close_connection = True
                h.connection.shutdown(socket.SHUT_RDWR)
                return
            try:
                reply = Reply(fault.status, fault.body, fault.headers) if fault else self._dispatch(h.command, path, query, body)
            except Reply as r:
                reply = r
            except Exception as e:  # a bug in the fake: say so instead of hanging the client
                reply = Reply(500, {"message": f"fakegithub error: {e!r}", "documentation_url": DOCS})
        data = json.dumps(reply.body).encode() if reply.body is not None and reply.status != 204 else b""
        h.send_response(reply.status)
        headers = {"Content-Type": "application/json; charset=utf-8", "Content-Length": str(len(data)),
                   "x-ratelimit-limit": "5000", "x-ratelimit-remaining": "4999", "x-ratelimit-used": "1",
                   "x-ratelimit-reset": str(int(datetime.now(UTC).timestamp()) + 3600), "x-ratelimit-resource": "core",
                   "X-GitHub-Request-Id": f"FAKE:{len(self.requests)}"} | CORS | reply.headers  # fmt: skip
        for k, v in headers.items():
            h.send_header(k, v)
        h.end_headers()
        h.wfile.write(data)

    def _dispatch(self, method: str, path: str, query: dict[str, str], body: Any) -> Reply:
        for m, pattern, fn in self.routes:
            match = pattern.match(path)
            if m == method and match:
                args = match.groupdict()
                repo = None
                if "o" in args:
                    repo = self.repos.get(f"{args.pop('o')}/{args.pop('r')}")
                    if repo is None:
                        return not_found()
                result = fn(repo, query=query, body=body, **args) if repo else fn(query=query, body=body, **args)
                if isinstance(result, Paged):
                    return self.page(path, query, result.items, result.render, result.cursor)
                return result if isinstance(result, Reply) else Reply(200, result)
        return not_found()

    # -- JSON shapes -----------------------------------------------------------------

    def j_user(self, login: str | None) -> Json | None:
        if login is None:
            return None
        u, i = f"{self.url}/users/{login}", self.user_id(login)
        links = {k: f"{u}/{k}" for k in ("followers", "subscriptions", "organizations", "repos", "received_events")}
        return {"login": login, "id": i, "node_id": node_id("U", i), "avatar_url": f"https://avatars.githubusercontent.com/u/{i}",
                "gravatar_id": "", "url": u, "html_url": f"{HTML}/{login}", **{f"{k}_url": v for k, v in links.items()},
                "following_url": f"{u}/following{{/other_user}}", "gists_url": f"{u}/gists{{/gist_id}}",
                "starred_url": f"{u}/starred{{/owner}}{{/repo}}", "events_url": f"{u}/events{{/privacy}}",
                "type": "User", "user_view_type": "public", "site_admin": False}  # fmt: skip

    def j_repo(self, repo: Repo, full: bool = False) -> Json:
        u, t = f"{self.url}/repos/{repo.full_name}", iso(repo.created_at)
        out: Json = {"id": repo.id, "node_id": node_id("R", repo.id), "name": repo.name, "full_name": repo.full_name,
                     "owner": self.j_user(repo.owner), "private": False, "html_url": f"{HTML}/{repo.full_name}", "description": None,
                     "fork": False, "url": u, "git_url": f"git://github.com/{repo.full_name}.git",
                     "ssh_url": f"git@github.com:{repo.full_name}.git", "clone_url": f"{HTML}/{repo.full_name}.git",
                     "svn_url": f"{HTML}/{repo.full_name}", "mirror_url": None, "homepage": None, "language": None}  # fmt: skip
        for spec in REPO_URLS.split():  # "key=suffix" (suffix defaults to /key)
            key, _, suffix = spec.partition("=")
            out[f"{key}_url"] = u + (suffix or f"/{key}")
        open_count = sum(p.state == "open" for p in repo.pulls.values())
        out |= {"created_at": t, "updated_at": iso(self.clock), "pushed_at": iso(self.clock), "size": 0, "stargazers_count": 0,
                "watchers_count": 0, "forks_count": 0, "forks": 0, "watchers": 0, "open_issues_count": open_count,
                "open_issues": open_count, "default_branch": repo.default_branch, "has_issues": True, "has_projects": True,
                "has_wiki": True, "has_pages": False, "has_downloads": True, "has_discussions": False, "archived": False,
                "disabled": False, "visibility": "public", "license": None, "is_template": False, "topics": [],
                "allow_forking": True, "web_commit_signoff_required": False}  # fmt: skip
        if full:
            out |= {"network_count": 0, "subscribers_count": 0, "permissions": {"admin": False, "maintain": False, "push": True,
                    "triage": True, "pull": True}, "allow_merge_commit": True, "allow_squash_merge": True,
                    "allow_rebase_merge": True, "allow_auto_merge": False, "delete_branch_on_merge": False}  # fmt: skip
        return out

    def j_commit(self, repo: Repo, c: Commit, files: bool = False) -> Json:
        u = f"{self.url}/repos/{repo.full_name}"

        def git_user(login: str | None) -> Json:
            return {"name": login or "Unknown", "email": f"{login or 'unknown'}@example.org", "date": iso(c.date)}

        tree = repo.tree_of(c.sha)
        out: Json = {"sha": c.sha, "node_id": node_id("C", int(c.sha[:8], 16)), "url": f"{u}/commits/{c.sha}",
                     "html_url": f"{HTML}/{repo.full_name}/commit/{c.sha}", "comments_url": f"{u}/commits/{c.sha}/comments",
                     "commit": {"url": f"{u}/git/commits/{c.sha}", "author": git_user(c.author), "committer": git_user(c.committer),
                                "message": c.message, "comment_count": 0, "tree": {"sha": tree, "url": f"{u}/git/trees/{tree}"},
                                "verification": {"verified": False, "reason": "unsigned", "signature": None, "payload": None,
                                                 "verified_at": None}},
                     "author": self.j_user(c.author), "committer": self.j_user(c.committer),
                     "parents": [{"sha": p, "url": f"{u}/commits/{p}", "html_url": f"{HTML}/{repo.full_name}/commit/{p}"}
                                 for p in c.parents]}  # fmt: skip
        if files:
            diff = self.j_files(repo, repo.diff(repo.commits[c.parents[0]].files if c.parents else {}, c.files), c.sha)
            adds, dels = sum(f["additions"] for f in diff), sum(f["deletions"] for f in diff)
            out |= {"stats": {"additions": adds, "deletions": dels, "total": adds + dels}, "files": diff}
        return out

    def j_files(self, repo: Repo, diff: list[Json], ref: str) -> list[Json]:
        out = []
        for d in diff:
            f = {k: v for k, v in d.items() if k != "_prev"}
            f["blob_url"] = f"{HTML}/{repo.full_name}/blob/{ref}/{d['filename']}"
            f["raw_url"] = f"{HTML}/{repo.full_name}/raw/{ref}/{d['filename']}"
            f["contents_url"] = f"{self.url}/repos/{repo.full_name}/contents/{d['filename']}?ref={ref}"
            if d["_prev"]:
                f["previous_filename"] = d["_prev"]
            out.append(f)
        return out

    def j_pull(self, pr: Pull, full: bool = True) -> Json:
        repo = pr.repo
        u = f"{self.url}/repos/{repo.full_name}"
        head_sha = pr.head_sha
        rj = self.j_repo(repo)

        def side(ref: str, sha: str) -> Json:
            return {"label": f"{repo.owner}:{ref}", "ref": ref, "sha": sha, "user": self.j_user(repo.owner), "repo": rj}

        links = {"self": f"{u}/pulls/{pr.number}", "html": f"{HTML}/{repo.full_name}/pull/{pr.number}",
                 "issue": f"{u}/issues/{pr.number}", "comments": f"{u}/issues/{pr.number}/comments",
                 "review_comments": f"{u}/pulls/{pr.number}/comments", "review_comment": f"{u}/pulls/comments{{/number}}",
                 "commits": f"{u}/pulls/{pr.number}/commits", "statuses": f"{u}/statuses/{head_sha}"}  # fmt: skip
        out: Json = {"url": links["self"], "id": pr.id, "node_id": node_id("PR", pr.id), "html_url": links["html"],
                     "diff_url": links["html"] + ".diff", "patch_url": links["html"] + ".patch", "issue_url": links["issue"],
                     **{f"{k}_url": links[k] for k in ("commits", "review_comments", "review_comment", "comments", "statuses")},
                     "number": pr.number, "state": pr.state, "locked": False, "title": pr.title, "user": self.j_user(pr.user),
                     "body": pr.body, "labels": [self.j_label(repo, n) for n in pr.labels], "milestone": None,
                     "active_lock_reason": None, "created_at": iso(pr.created_at), "updated_at": iso(pr.updated_at or pr.created_at),
                     "closed_at": pr.closed_at and iso(pr.closed_at), "merged_at": pr.merged_at and iso(pr.merged_at),
                     "merge_commit_sha": pr.merge_commit_sha, "assignee": None, "assignees": [],
                     "requested_reviewers": [self.j_user(u) for u in pr.requested_reviewers],
                     "requested_teams": [self.j_team(repo.owner, t) for t in pr.requested_teams if (repo.owner, t) in self.teams], "head": side(pr.head_ref, head_sha), "base": side(pr.base_ref, pr.base_sha),
                     "_links": {k: {"href": v} for k, v in links.items()}, "author_association": "MEMBER",
                     "auto_merge": None, "draft": pr.draft}  # fmt: skip
        if full:
            files = repo.pull_files(pr)
            out |= {"merged": pr.merged, "mergeable": None if pr.merged else True, "rebaseable": None,
                    "mergeable_state": "unknown" if pr.merged else "clean", "merged_by": self.j_user(pr.merged_by),
                    "comments": sum(c.issue == pr.number for c in repo.comments.values()), "review_comments": 0,
                    "maintainer_can_modify": False, "commits": len(repo.between(pr.base_sha, head_sha)),
                    "additions": sum(f["additions"] for f in files), "deletions": sum(f["deletions"] for f in files),
                    "changed_files": len(files)}  # fmt: skip
        return out

    def j_label(self, repo: Repo, name: str) -> Json:
        i = int(hashlib.sha1(name.encode()).hexdigest()[:8], 16)
        return {"id": i, "node_id": node_id("LA", i), "url": f"{self.url}/repos/{repo.full_name}/labels/{name}", "name": name,
                "color": "ededed", "default": False, "description": ""}  # fmt: skip

    def j_issue(self, pr: Pull) -> Json:
        u = f"{self.url}/repos/{pr.repo.full_name}/issues/{pr.number}"
        p = self.j_pull(pr, full=False)
        keep = ("id", "node_id", "number", "title", "user", "labels", "state", "locked", "assignee", "assignees", "milestone",
                "created_at", "updated_at", "closed_at", "author_association", "active_lock_reason", "body", "draft")  # fmt: skip
        return {k: p[k] for k in keep} | {
            "id": pr.id + 10**6, "node_id": node_id("I", pr.id), "url": u, "repository_url": f"{self.url}/repos/{pr.repo.full_name}", "labels_url": f"{u}/labels{{/name}}",
            "comments_url": f"{u}/comments", "events_url": f"{u}/events", "timeline_url": f"{u}/timeline",
            "html_url": p["html_url"], "comments": sum(c.issue == pr.number for c in pr.repo.comments.values()),
            "state_reason": "completed" if pr.state == "closed" else None, "closed_by": None,
            "pull_request": {"url": p["url"], "html_url": p["html_url"], "diff_url": p["diff_url"], "patch_url": p["patch_url"],
                             "merged_at": p["merged_at"]}}  # fmt: skip

    def j_plain_issue(self, repo: Repo, i: Issue) -> Json:
        """A plain issue as ``GET /repos/{owner}/{repo}/issues/{number}`` gives it (no ``pull_request`` key)."""
        u = f"{self.url}/repos/{repo.full_name}/issues/{i.number}"
        return {"id": i.id, "node_id": node_id("I", i.id), "url": u, "repository_url": f"{self.url}/repos/{repo.full_name}",
                "labels_url": f"{u}/labels{{/name}}", "comments_url": f"{u}/comments", "events_url": f"{u}/events",
                "timeline_url": f"{u}/timeline", "html_url": f"{HTML}/{repo.full_name}/issues/{i.number}", "number": i.number,
                "state": i.state, "state_reason": i.state_reason, "title": i.title, "body": i.body, "user": self.j_user(i.user),
                "labels": [self.j_label(repo, n) for n in i.labels], "assignee": None, "assignees": [], "milestone": None,
                "locked": False, "active_lock_reason": None, "comments": sum(c.issue == i.number for c in repo.comments.values()),
                "closed_at": i.closed_at and iso(i.closed_at), "created_at": iso(i.created_at), "updated_at": iso(i.updated_at),
                "closed_by": self.j_user(i.closed_by), "author_association": "MEMBER"}  # fmt: skip

    def j_event(self, e: IssueEvent) -> Json:
        u = f"{self.url}/repos/{e.pr.repo.full_name}"
        out: Json = {"id": e.id, "node_id": node_id("LE", e.id), "url": f"{u}/issues/events/{e.id}", "actor": self.j_user(e.actor),
                     "event": e.event, "commit_id": e.commit_id, "commit_url": e.commit_id and f"{u}/commits/{e.commit_id}",
                     "created_at": iso(e.created_at), "performed_via_github_app": None}  # fmt: skip
        if e.label is not None:
            out["label"] = {"name": e.label, "color": "ededed"}
        return out

    def j_review(self, r: Review) -> Json:
        pr = r.pr
        html = f"{HTML}/{pr.repo.full_name}/pull/{pr.number}#pullrequestreview-{r.id}"
        pull_url = f"{self.url}/repos/{pr.repo.full_name}/pulls/{pr.number}"
        return {"id": r.id, "node_id": node_id("PRR", r.id), "user": self.j_user(r.user), "body": r.body, "state": r.state,
                "html_url": html, "pull_request_url": pull_url, "author_association": "MEMBER", "submitted_at": iso(r.submitted_at),
                "commit_id": r.commit_id, "_links": {"html": {"href": html}, "pull_request": {"href": pull_url}}}  # fmt: skip

    def j_comment(self, repo: Repo, c: Comment) -> Json:
        u = f"{self.url}/repos/{repo.full_name}"
        return {"id": c.id, "node_id": node_id("IC", c.id), "url": f"{u}/issues/comments/{c.id}", "body": c.body,
                "html_url": f"{HTML}/{repo.full_name}/pull/{c.issue}#issuecomment-{c.id}", "user": self.j_user(c.user),
                "created_at": iso(c.created_at), "updated_at": iso(c.updated_at), "issue_url": f"{u}/issues/{c.issue}",
                "author_association": "MEMBER", "performed_via_github_app": None}  # fmt: skip

    def j_content(self, repo: Repo, path: str, ref: str, blob: str | None) -> Json:
        u = f"{self.url}/repos/{repo.full_name}"
        links = {"self": f"{u}/contents/{path}?ref={ref}", "git": f"{u}/git/{'blobs' if blob else 'trees'}/{blob or ref}",
                 "html": f"{HTML}/{repo.full_name}/{'blob' if blob else 'tree'}/{ref}/{path}"}  # fmt: skip
        out: Json = {"type": "file" if blob else "dir", "name": path.rsplit("/", 1)[-1], "path": path, "sha": blob or ref,
                     "size": len(repo.blobs[blob]) if blob else 0, "url": links["self"], "git_url": links["git"],
                     "html_url": links["html"], "download_url": f"{HTML}/{repo.full_name}/raw/{ref}/{path}" if blob else None,
                     "_links": links}  # fmt: skip
        return out

    def j_activity(self, a: Activity) -> Json:
        return {"id": a.id, "node_id": node_id("RA", a.id), "before": a.before, "after": a.after, "ref": a.ref,
                "timestamp": iso(a.timestamp), "activity_type": a.activity_type, "actor": self.j_user(a.actor)}  # fmt: skip

    def j_status(self, repo: Repo, s: Status) -> Json:
        return {"url": f"{self.url}/repos/{repo.full_name}/statuses/{s.sha}", "avatar_url": None, "id": s.id,
                "node_id": node_id("SC", s.id), "state": s.state, "description": s.description, "target_url": s.target_url,
                "context": s.context, "created_at": iso(s.created_at), "updated_at": iso(s.created_at),
                "creator": self.j_user(s.creator)}  # fmt: skip

    # -- pagination ------------------------------------------------------------------

    def page(self, path: str, query: dict[str, str], items: list[Any], render: Callable[[Any], Json], cursor: bool = False) -> Reply:
        """One page of ``items``; ``Link`` header with first/prev/next/last (``cursor`` mode: before/after like /activity)."""
        per = max(1, min(int(query.get("per_page", 30)), 100))
        if cursor:
            start = int(base64.b64decode(query["after"]).decode().split(":")[1]) if query.get("after") else 0
        else:
            start = (max(1, int(query.get("page", 1))) - 1) * per
        last = max(1, -(-len(items) // per))

        def link(rel: str, n: int) -> str:
            q = {k: v for k, v in query.items() if k not in ("page", "after", "before")} | {"per_page": str(per)}
            q |= {"after": base64.b64encode(f"cursor:{n}".encode()).decode()} if cursor else {"page": str(n)}
            return f'<{self.url}{path}?{urlencode(q)}>; rel="{rel}"'

        rels = []
        if cursor:
            rels = [link("next", start + per)] if start + per < len(items) else []
        else:
            n = start // per + 1
            rels += [link("prev", n - 1), link("first", 1)] if n > 1 else []
            rels += [link("next", n + 1), link("last", last)] if n < last else []
        return Reply(200, [render(x) for x in items[start : start + per]], {"Link": ", ".join(rels)} if rels else {})

    # -- routes (handlers return JSON, a Reply, or Paged items that the dispatcher paginates) --------------------------

    def _route_table(self) -> list[tuple[str, str, Callable[..., Any]]]:
        R, N = r"/repos/(?P<o>[^/]+)/(?P<r>[^/]+)", r"(?P<n>\d+)"
        return [
            ("GET", r"/user", lambda **_: self.j_public_user(self.actor)),
            ("GET", r"/users/(?P<login>[^/]+)", lambda login, **_: self.j_public_user(login)),
            ("GET", R, lambda repo, **_: self.j_repo(repo, full=True)),
            ("GET", R + r"/pulls", self.r_pulls),
            ("GET", R + rf"/pulls/{N}", lambda repo, n, **_: self.j_pull(self._pr(repo, n))),
            ("POST", R + r"/pulls", self.r_pull_create),
            ("PATCH", R + rf"/pulls/{N}", self.r_pull_edit),
            ("PUT", R + rf"/pulls/{N}/merge", self.r_pull_merge),
            ("GET", R + rf"/pulls/{N}/files", lambda repo, n, **_: Paged(self.j_files(repo, *self._pr_diff(repo, n)), dict)),
            ("GET", R + rf"/pulls/{N}/commits", self.r_pull_commits),
            ("GET", R + rf"/pulls/{N}/reviews", lambda repo, n, **_: Paged(self._pr(repo, n).reviews, self.j_review)),
            ("GET", R + rf"/pulls/{N}/reviews/(?P<i>\d+)", lambda repo, n, i, **_: self.j_review(self._review(repo, n, i))),
            ("PUT", R + rf"/pulls/{N}/reviews/(?P<i>\d+)", self.r_review_edit),
            ("POST", r"/graphql", self.r_graphql),
            ("GET", R + r"/issues", self.r_issues),
            ("POST", R + r"/issues", self.r_issue_create),
            ("GET", R + rf"/issues/{N}", self.r_issue),
            ("PATCH", R + rf"/issues/{N}", self.r_issue_edit),
            ("POST", R + rf"/issues/{N}/labels", self.r_issue_labels_add),
            ("GET", R + rf"/issues/{N}/labels", lambda repo, n, **_: Paged(self._labelled(repo, n).labels, partial(self.j_label, repo))),
            ("PUT", R + rf"/issues/{N}/labels", self.r_issue_labels_set),
            ("DELETE", R + rf"/issues/{N}/labels/(?P<name>.+)", self.r_issue_label_remove),
            ("GET", R + r"/actions/runs/(?P<i>\d+)", self.r_run),
            ("GET", R + rf"/issues/{N}/events", lambda repo, n, **_: Paged(self._pr(repo, n).events, self.j_event)),
            ("GET", R + r"/issues/events/(?P<i>\d+)", self.r_event),
            ("GET", R + rf"/issues/{N}/comments", self.r_comments),
            ("POST", R + rf"/issues/{N}/comments", self.r_comment_create),
            ("POST", R + rf"/pulls/{N}/requested_reviewers", self.r_request_reviewers),
            ("GET", R + r"/issues/comments/(?P<i>\d+)", self.r_comment_edit),
            ("PATCH", R + r"/issues/comments/(?P<i>\d+)", self.r_comment_edit),
            ("GET", R + r"/compare/(?P<spec>.+)", self.r_compare),
            ("GET", R + r"/activity", self.r_activity),
            ("GET", R + r"/contents(?:/(?P<path>.*))?", self.r_contents),
            ("GET", R + r"/git/blobs/(?P<sha>[0-9a-f]+)", self.r_blob),
            ("POST", R + r"/git/blobs", self.r_blob_create),
            ("GET", R + r"/git/trees/(?P<spec>.+)", self.r_tree),
            ("POST", R + r"/git/trees", self.r_tree_create),
            ("GET", R + r"/git/commits/(?P<sha>[0-9a-f]+)", lambda repo, sha, **_: self.j_git_commit(repo, self._commit(repo, sha))),
            ("POST", R + r"/git/commits", self.r_git_commit_create),
            ("GET", R + r"/git/ref/(?P<ref>.+)", lambda repo, ref, **_: self.j_ref(repo, self._head(repo, ref))),
            ("POST", R + r"/git/refs", self.r_ref_create),
            ("PATCH", R + r"/git/refs/(?P<ref>.+)", self.r_ref_update),
            ("DELETE", R + r"/git/refs/(?P<ref>.+)", self.r_ref_delete),
            ("GET", R + r"/branches/(?P<b>[^/]+)/protection", self.r_protection),
            ("GET", R + r"/branches/(?P<b>.+)", self.r_branch),
            ("GET", R + r"/commits", self.r_commits),
            ("GET", R + r"/commits/(?P<ref>[^/]+)/status", self.r_combined_status),
            ("GET", R + r"/collaborators/(?P<login>[^/]+)/permission", self.r_permission),
            ("GET", R + r"/commits/(?P<ref>[^/]+)", self.r_commit),
            ("GET", R + r"/commits/(?P<ref>[^/]+)/statuses", self.r_statuses),
            ("POST", R + r"/statuses/(?P<sha>[0-9a-f]+)", self.r_status_create),
            ("GET", R + r"/rules/branches/(?P<b>[^/]+)", lambda repo, b, **_: Paged(repo.rules.get(b, []), dict)),
            ("GET", R + r"/rulesets", self.r_rulesets),
            ("GET", R + r"/rulesets/(?P<i>\d+)", self.r_ruleset),
            ("GET", r"/orgs/(?P<org>[^/]+)/teams/(?P<slug>[^/]+)/memberships/(?P<login>[^/]+)", self.r_membership),
            ("GET", r"/orgs/(?P<org>[^/]+)/teams/(?P<slug>[^/]+)", self.r_team),
        ]

    def r_issue(self, repo: Repo, n: str, **_: Any) -> Json:
        if int(n) in repo.issues:
            return self.j_plain_issue(repo, repo.issues[int(n)])
        return self.j_issue(self._pr(repo, n))

    def r_issues(self, repo: Repo, query: dict[str, str], **_: Any) -> Paged:
        """Issues and pull requests (GitHub lists both here), by ``state``, ``labels`` (all of them), ``sort`` and ``direction``."""
        state, wanted = query.get("state", "open"), [n for n in query.get("labels", "").split(",") if n]
        both: list[tuple[Any, list[str], str, datetime, datetime]] = [
            (i, i.labels, i.state, i.created_at, i.updated_at) for i in repo.issues.values()
        ] + [(p, p.labels, p.state, p.created_at, p.updated_at or p.created_at) for p in repo.pulls.values()]
        found = [x for x in both if state in ("all", x[2]) and all(n in x[1] for n in wanted)]
        found.sort(key=lambda x: x[4] if query.get("sort") == "updated" else x[3], reverse=query.get("direction", "desc") == "desc")
        return Paged([x[0] for x in found], lambda x: self.j_plain_issue(repo, x) if isinstance(x, Issue) else self.j_issue(x))

    def _invalid(self, message: str) -> Reply:
        return Reply(422, {"message": message, "documentation_url": DOCS, "status": "422"})

    def r_issue_create(self, repo: Repo, body: Json | None, **_: Any) -> Reply:
        if not body or not isinstance(body.get("title"), str) or not body["title"].strip():
            raise self._invalid("Validation Failed: title is missing")
        labels = body.get("labels") or []
        if not isinstance(labels, list) or not all(isinstance(n, str) for n in labels):
            raise self._invalid("Validation Failed: labels must be names")
        if self.issue_labels is not None:
            labels = []  # "Only users with push access can set labels for new issues. Labels are silently dropped otherwise."
        t = datetime.now(UTC)
        issue = Issue(self.next_number(repo), next(self.ids), body["title"], body.get("body") or "", self.actor, list(labels), t, t)
        repo.issues[issue.number] = issue
        return Reply(201, self.j_plain_issue(repo, issue))

    def r_issue_labels_add(self, repo: Repo, n: str, body: Json | None, **_: Any) -> Reply:
        """``POST …/issues/{n}/labels``: adds labels (creating unknown ones); the issue's labels."""
        if int(n) in repo.pulls:
            pr = repo.pulls[int(n)]
            added = self._label_names(body)
            self._set_labels(pr, pr.labels + [x for x in added if x not in pr.labels])
            return Reply(200, [self.j_label(repo, x) for x in pr.labels])
        if int(n) not in repo.issues:
            raise not_found()
        if self.issue_labels == "refuse":
            raise Reply(403, {"message": "Resource not accessible by integration", "documentation_url": DOCS, "status": "403"})
        names = (body or {}).get("labels")
        if not isinstance(names, list) or not all(isinstance(x, str) for x in names):
            raise self._invalid("Validation Failed: labels must be names")
        issue = repo.issues[int(n)]
        issue.labels += [x for x in names if x not in issue.labels]
        return Reply(200, [self.j_label(repo, x) for x in issue.labels])

    def r_issue_edit(self, repo: Repo, n: str, body: Json | None, **_: Any) -> Json:
        """``PATCH …/issues/{n}``: title, body, state (``open``/``closed``), state_reason, labels
        (on a pull request, each label added or removed is a ``labeled``/``unlabeled`` event)."""
        if int(n) in repo.pulls:
            return self._pull_issue_edit(repo.pulls[int(n)], body or {})
        if int(n) not in repo.issues:
            raise not_found()
        issue, body, t = repo.issues[int(n)], body or {}, datetime.now(UTC)
        if body.get("state") not in (None, "open", "closed"):
            raise self._invalid("Validation Failed: state must be open or closed")
        if body.get("state_reason") not in (None, "completed", "not_planned", "reopened"):
            raise self._invalid("Validation Failed: state_reason")
        issue.title = body.get("title", issue.title)
        issue.body = body.get("body", issue.body)
        issue.labels = list(body.get("labels", issue.labels))
        if body.get("state") == "closed" and issue.state == "open":
            issue.state, issue.closed_at, issue.closed_by = "closed", t, self.actor
            issue.state_reason = body.get("state_reason") or "completed"
        elif body.get("state") == "open" and issue.state == "closed":
            issue.state, issue.closed_at, issue.closed_by, issue.state_reason = "open", None, None, "reopened"
        issue.updated_at = t
        return self.j_plain_issue(repo, issue)

    def _pr(self, repo: Repo, n: str) -> Pull:
        if int(n) not in repo.pulls:
            raise not_found()
        return repo.pulls[int(n)]

    def _review(self, repo: Repo, n: str, i: str) -> Review:
        review = next((r for r in self._pr(repo, n).reviews if r.id == int(i)), None)
        if review is None:
            raise not_found()
        return review

    def r_review_edit(self, repo: Repo, n: str, i: str, body: Json | None, **_: Any) -> Json:
        """Update a review's body (GitHub keeps ``submitted_at``; only GraphQL shows the edit)."""
        review = self._review(repo, n, i)
        if not body or not isinstance(body.get("body"), str):
            raise Reply(422, {"message": "Invalid request.", "documentation_url": DOCS, "status": "422"})
        review.pr.edit_review(review, body["body"])
        return self.j_review(review)

    #: GraphQL fields of PullRequestReview the fake answers (what GitHub answers for them).
    GRAPHQL_REVIEW_FIELDS: Mapping[str, Callable[[Review], Any]] = {
        "id": lambda r: node_id("PRR", r.id),
        "databaseId": lambda r: r.id,
        "body": lambda r: r.body,
        "state": lambda r: r.state,
        "createdAt": lambda r: iso(r.submitted_at),
        "submittedAt": lambda r: iso(r.submitted_at),
        "lastEditedAt": lambda r: iso(r.last_edited_at) if r.last_edited_at else None,
        "includesCreatedEdit": lambda r: r.last_edited_at is not None,
    }

    def r_graphql(self, body: Json | None, **_: Any) -> Json:
        """``POST /graphql`` for one query shape: ``node(id: $id) { __typename ... on PullRequestReview { fields } }``.
        Answers as GitHub does: HTTP 200 with ``data``, and ``errors`` for an unknown node or field."""
        query = str((body or {}).get("query", ""))
        variables = (body or {}).get("variables") or {}
        node = re.search(r"node\(\s*id\s*:\s*\$(\w+)\s*\)", query)
        selection = re.search(r"\.\.\.\s*on\s+PullRequestReview\s*\{([^{}]*)\}", query)
        if node is None or selection is None:
            return {"errors": [{"message": "fakegithub answers node(id:) queries on PullRequestReview only"}]}
        fields = selection.group(1).split()
        unknown = [f for f in fields if f not in self.GRAPHQL_REVIEW_FIELDS]
        if unknown:
            name = unknown[0]
            return {"errors": [{"path": ["query", "node", "... on PullRequestReview", name],
                                "extensions": {"code": "undefinedField", "typeName": "PullRequestReview", "fieldName": name},
                                "locations": [{"line": 1, "column": 1}],
                                "message": f"Field '{name}' doesn't exist on type 'PullRequestReview'"}]}  # fmt: skip
        wanted = variables.get(node.group(1))
        review = next(
            (r for repo in self.repos.values() for p in repo.pulls.values() for r in p.reviews if node_id("PRR", r.id) == wanted), None
        )
        if review is None:
            return {"data": {"node": None},
                    "errors": [{"type": "NOT_FOUND", "path": ["node"], "locations": [{"line": 2, "column": 3}],
                                "message": f"Could not resolve to a node with the global id of '{wanted}'"}]}  # fmt: skip
        answer: Json = {"__typename": "PullRequestReview"} if "__typename" in query else {}
        return {"data": {"node": answer | {f: self.GRAPHQL_REVIEW_FIELDS[f](review) for f in fields}}}

    def _pr_diff(self, repo: Repo, n: str) -> tuple[list[Json], str]:
        pr = self._pr(repo, n)
        return repo.pull_files(pr), pr.head_sha

    def r_pulls(self, repo: Repo, query: dict[str, str], **_: Any) -> Paged:
        state, head, sort = query.get("state", "open"), query.get("head"), query.get("sort", "created")
        prs = [p for p in repo.pulls.values() if state in ("all", p.state) and query.get("base") in (None, p.base_ref)]
        prs = [p for p in prs if head in (None, f"{repo.owner}:{p.head_ref}")]
        desc = query.get("direction", "desc" if sort == "created" else "asc") == "desc"
        prs.sort(key=lambda p: (p.updated_at or p.created_at) if sort == "updated" else p.created_at, reverse=desc)
        return Paged(prs, lambda p: self.j_pull(p, full=False))

    def r_pull_commits(self, repo: Repo, n: str, **_: Any) -> Paged:
        pr = self._pr(repo, n)
        return Paged(repo.between(pr.base_sha, pr.head_sha), lambda c: self.j_commit(repo, c))

    def r_event(self, repo: Repo, i: str, **_: Any) -> Json:
        event = next((e for p in repo.pulls.values() for e in p.events if e.id == int(i)), None)
        if event is None:
            raise not_found()
        return self.j_event(event)

    def r_run(self, repo: Repo, i: str, **_: Any) -> Json:
        run = repo.runs.get(int(i))
        if run is None:
            raise not_found()
        u = f"{self.url}/repos/{repo.full_name}/actions/runs/{run.id}"
        return {"id": run.id, "name": run.workflow.removesuffix(".yml"), "node_id": node_id("WFR", run.id),
                "head_branch": run.head_branch, "head_sha": run.head_sha, "path": f".github/workflows/{run.workflow}",
                "run_number": len(repo.runs), "run_attempt": 1, "event": run.event, "status": "in_progress",
                "conclusion": None, "workflow_id": 1, "url": u, "html_url": f"{HTML}/{repo.full_name}/actions/runs/{run.id}",
                "created_at": iso(run.created_at), "updated_at": iso(run.created_at),
                "run_started_at": iso(run.run_started_at), "actor": self.j_user(run.actor),
                "triggering_actor": self.j_user(run.actor), "jobs_url": f"{u}/jobs", "logs_url": f"{u}/logs",
                "repository": self.j_repo(repo), "head_repository": self.j_repo(repo)}  # fmt: skip

    def r_comments(self, repo: Repo, n: str, **_: Any) -> Paged:
        return Paged([c for c in repo.comments.values() if c.issue == int(n)], lambda c: self.j_comment(repo, c))

    def r_comment_create(self, repo: Repo, n: str, body: Json, **_: Any) -> Reply:
        pr, now = self._pr(repo, n), datetime.now(UTC)
        c = Comment(next(self.ids), pr.number, self.actor, body["body"], now, now)
        repo.comments[c.id] = c
        return Reply(201, self.j_comment(repo, c))

    def r_request_reviewers(self, repo: Repo, n: str, body: Json | None, **_: Any) -> Reply:
        """Request reviews, as GitHub does: 422 for the author or a non-collaborator (nobody is
        asked then), 201 with the pull request otherwise; asking again changes nothing."""
        pr = self._pr(repo, n)
        users = list((body or {}).get("reviewers") or [])
        teams = list((body or {}).get("team_reviewers") or [])
        if pr.user in users:
            raise Reply(
                422, {"message": "Review cannot be requested from pull request author.", "documentation_url": DOCS, "status": "422"}
            )
        if any(u in repo.not_collaborators for u in users):
            message = f"Reviews may only be requested from collaborators. One or more of the users or teams you specified is not a collaborator of the {repo.full_name} repository."
            raise Reply(422, {"message": message, "documentation_url": DOCS, "status": "422"})
        pr.requested_reviewers += [u for u in users if u not in pr.requested_reviewers]
        pr.requested_teams += [t for t in teams if t not in pr.requested_teams]
        return Reply(201, self.j_pull(pr, full=False))

    def r_comment_edit(self, repo: Repo, i: str, body: Json | None, **_: Any) -> Json:
        if int(i) not in repo.comments:
            raise not_found()
        c = repo.comments[int(i)]
        if body:
            c.body, c.updated_at = body["body"], datetime.now(UTC)
        return self.j_comment(repo, c)

    def r_compare(self, repo: Repo, spec: str, **_: Any) -> Json:
        base_ref, _sep, head_ref = spec.partition("...")
        owner = f"{repo.owner}:"  # ``OWNER:BRANCH``, as Decap CMS names its branches
        base, head = repo.resolve(base_ref.removeprefix(owner)), repo.resolve(head_ref.removeprefix(owner))
        if not (base and head):
            raise not_found()
        mb = repo.merge_base(base, head) or base
        ahead, behind = repo.between(base, head), repo.between(head, base)
        status = "identical" if base == head else "diverged" if ahead and behind else "ahead" if ahead else "behind"
        u, html = f"{self.url}/repos/{repo.full_name}", f"{HTML}/{repo.full_name}/compare/{spec}"
        return {"url": f"{u}/compare/{spec}", "html_url": html, "permalink_url": html, "diff_url": html + ".diff",
                "patch_url": html + ".patch", "base_commit": self.j_commit(repo, repo.commits[base]),
                "merge_base_commit": self.j_commit(repo, repo.commits[mb]), "status": status, "ahead_by": len(ahead),
                "behind_by": len(behind), "total_commits": len(ahead), "commits": [self.j_commit(repo, c) for c in ahead],
                "files": self.j_files(repo, repo.diff(repo.commits[mb].files, repo.commits[head].files), head)}  # fmt: skip

    def r_activity(self, repo: Repo, query: dict[str, str], **_: Any) -> Paged:
        ref = query.get("ref")
        ref = ref if ref is None or ref.startswith("refs/") else f"refs/heads/{ref}"
        items = [a for a in repo.activity if ref in (None, a.ref) and query.get("activity_type") in (None, a.activity_type)
                 and query.get("actor") in (None, a.actor)]  # fmt: skip
        items.sort(key=lambda a: a.timestamp, reverse=query.get("direction", "desc") == "desc")
        return Paged(items, self.j_activity, cursor=True)

    def r_blob(self, repo: Repo, sha: str, **_: Any) -> Json:
        if sha not in repo.blobs:
            raise not_found()
        data = repo.blobs[sha]
        url = f"{self.url}/repos/{repo.full_name}/git/blobs/{sha}"
        return {"sha": sha, "node_id": f"B_{sha[:12]}", "size": len(data), "url": url,
                "content": base64.encodebytes(data).decode(), "encoding": "base64"}  # fmt: skip

    def r_contents(self, repo: Repo, path: str | None, query: dict[str, str], **_: Any) -> Any:
        ref = query.get("ref", repo.default_branch)
        sha, path = repo.resolve(ref), (path or "").strip("/")
        if sha is None:
            raise Reply(404, {"message": f"No commit found for the ref {ref}", "documentation_url": DOCS, "status": "404"})
        files = repo.commits[sha].files
        if path in files:
            blob = files[path]
            if len(repo.blobs[blob]) > 1024 * 1024:  # as GitHub: files of 1-100 MB come without content
                return self.j_content(repo, path, ref, blob) | {"content": "", "encoding": "none"}
            return self.j_content(repo, path, ref, blob) | {"content": base64.encodebytes(repo.blobs[blob]).decode(), "encoding": "base64"}
        prefix = f"{path}/" if path else ""
        children = sorted({p[len(prefix) :].split("/")[0] for p in files if p.startswith(prefix)})
        if not children:
            raise not_found()
        return [self.j_content(repo, prefix + c, ref, files.get(prefix + c)) for c in children]

    def r_commit(self, repo: Repo, ref: str, **_: Any) -> Json:
        return self.j_commit(repo, repo.commits[self._sha(repo, ref)], files=True)

    def _sha(self, repo: Repo, ref: str) -> str:
        if (sha := repo.resolve(ref)) is None:
            raise Reply(422, {"message": f"No commit found for SHA: {ref}", "documentation_url": DOCS, "status": "422"})
        return sha

    def r_statuses(self, repo: Repo, ref: str, **_: Any) -> Paged:
        sha = self._sha(repo, ref)
        return Paged([s for s in reversed(repo.statuses) if s.sha == sha], lambda s: self.j_status(repo, s))

    def r_status_create(self, repo: Repo, sha: str, body: Json, **_: Any) -> Reply:
        s = Status(next(self.ids), self._sha(repo, sha), body["state"], body.get("context", "default"), body.get("description"),
                   body.get("target_url"), self.actor, datetime.now(UTC))  # fmt: skip
        repo.statuses.append(s)
        return Reply(201, self.j_status(repo, s))

    def r_protection(self, repo: Repo, b: str, **_: Any) -> Json:
        if b not in repo.protection:
            raise not_found()
        return {"url": f"{self.url}/repos/{repo.full_name}/branches/{b}/protection", **repo.protection[b]}

    def j_ruleset(self, repo: Repo, i: int, full: bool) -> Json:
        r = repo.rulesets[i]
        out = {"id": i + 1, "name": r.get("name", f"ruleset {i + 1}"), "target": r.get("target", "branch"), "source_type": "Repository",
               "source": repo.full_name, "enforcement": r.get("enforcement", "active"), "node_id": node_id("RRS_", i + 1),
               "_links": {"self": {"href": f"{self.url}/repos/{repo.full_name}/rulesets/{i + 1}"}},
               "created_at": iso(self.clock), "updated_at": iso(self.clock)}  # fmt: skip
        if full:
            out |= {"conditions": r.get("conditions", {}), "rules": r.get("rules", []), "current_user_can_bypass": "never"}
        return out

    def r_rulesets(self, repo: Repo, query: dict[str, str], **_: Any) -> Paged:
        """The repository's rulesets (summaries), filtered by ``targets`` as GitHub does."""
        targets = set(query.get("targets", "").split(",")) - {""}
        chosen = [i for i, r in enumerate(repo.rulesets) if not targets or r.get("target", "branch") in targets]
        return Paged(chosen, lambda i: self.j_ruleset(repo, i, full=False))

    def r_ruleset(self, repo: Repo, i: str, **_: Any) -> Json:
        if not 1 <= int(i) <= len(repo.rulesets):
            raise not_found()
        return self.j_ruleset(repo, int(i) - 1, full=True)

    def r_team(self, org: str, slug: str, **_: Any) -> Json:
        """GET a team by slug: 404 when it does not exist (as for a token that cannot read teams)."""
        if (org, slug) not in self.teams or (org, slug) in self.hidden_teams:
            raise not_found()
        return self.j_team(org, slug)

    def j_team(self, org: str, slug: str) -> Json:
        return {"id": hash((org, slug)) & 0xFFFFFF, "node_id": "T_" + slug, "url": f"{self.url}/orgs/{org}/teams/{slug}",
                "html_url": f"{self.url}/orgs/{org}/teams/{slug}", "name": slug, "slug": slug, "description": None,
                "privacy": "closed", "notification_setting": "notifications_enabled", "permission": "pull",
                "members_url": f"{self.url}/teams/{slug}/members{{/member}}", "repositories_url": f"{self.url}/teams/{slug}/repos",
                "parent": None, "type": "organization"}  # fmt: skip

    def r_membership(self, org: str, slug: str, login: str, **_: Any) -> Json:
        if (org, slug) in self.hidden_teams:
            raise not_found()
        state, role = self.teams.get((org, slug), {}).get(login, (None, None))
        if state is None:
            raise not_found()
        return {"url": f"{self.url}/orgs/{org}/teams/{slug}/memberships/{login}", "role": role, "state": state}

    # -- Decap CMS's GitHub backend (editorial workflow): git data, refs, branches, pulls, labels, users --------------

    def _now(self) -> datetime:
        """Server time of a write through the API: the wall clock, or the fake's clock where a test set it ahead."""
        return self.time(max(datetime.now(UTC), self.clock))

    def _refused(self) -> Reply:
        """What GitHub answers when a ruleset forbids the change (a merge: 405; a ref update: 422)."""
        message = "Repository rule violations found\n\nCannot update this protected ref.\n\n"
        return Reply(422, {"message": message, "documentation_url": DOCS, "status": "422"})

    def _commit(self, repo: Repo, sha: str) -> Commit:
        if sha not in repo.commits:
            raise not_found()
        return repo.commits[sha]

    def _head(self, repo: Repo, ref: str) -> str:
        """A branch name from ``heads/NAME`` (only branches are kept); 404 when there is none."""
        name = ref.removeprefix("refs/").removeprefix("heads/")
        if not ref.removeprefix("refs/").startswith("heads/") or name not in repo.branches:
            raise Reply(404, {"message": "Not Found", "documentation_url": DOCS, "status": "404"})
        return name

    def _labelled(self, repo: Repo, n: str) -> Pull | Issue:
        if int(n) in repo.pulls:
            return repo.pulls[int(n)]
        if int(n) in repo.issues:
            return repo.issues[int(n)]
        raise not_found()

    def _label_names(self, body: Any) -> list[str]:
        names = body.get("labels") if isinstance(body, dict) else body
        if not isinstance(names, list):
            raise self._invalid("Validation Failed: labels must be names")
        names = [x["name"] if isinstance(x, dict) else x for x in names]
        if not all(isinstance(x, str) for x in names):
            raise self._invalid("Validation Failed: labels must be names")
        return list(dict.fromkeys(names))

    def _set_labels(self, pr: Pull, names: list[str]) -> None:
        """Set a pull request's labels: each removed one an ``unlabeled`` event, each added one ``labeled``,
        by the caller and at the server's time (what the PR check reads)."""
        if self.issue_labels == "refuse":
            raise Reply(403, {"message": "Resource not accessible by integration", "documentation_url": DOCS, "status": "403"})
        for name in [x for x in pr.labels if x not in names]:
            pr.unlabel(name, actor=self.actor, at=self._now())
        for name in [x for x in names if x not in pr.labels]:
            pr.label(name, actor=self.actor, at=self._now())

    def _pull_issue_edit(self, pr: Pull, body: Json) -> Json:
        if body.get("state") not in (None, "open", "closed"):
            raise self._invalid("Validation Failed: state must be open or closed")
        pr.title, pr.body = body.get("title", pr.title), body.get("body", pr.body)
        if "labels" in body:
            self._set_labels(pr, self._label_names(body))
        self._pull_state(pr, body.get("state"))
        return self.j_issue(pr)

    def _pull_state(self, pr: Pull, state: str | None) -> None:
        if state == "closed" and pr.state == "open":
            pr.close(actor=self.actor, at=self._now())
        elif state == "open" and pr.state == "closed" and not pr.merged:
            pr.state, pr.closed_at = "open", None
            pr._event("reopened", self.actor, self._now())

    def r_issue_labels_set(self, repo: Repo, n: str, body: Json | None, **_: Any) -> Json:
        """``PUT …/issues/{n}/labels``: replaces the labels (Decap CMS keeps its workflow status there)."""
        item = self._labelled(repo, n)
        names = self._label_names(body or {})
        if isinstance(item, Pull):
            self._set_labels(item, names)
        else:
            item.labels = names
        return [self.j_label(repo, x) for x in item.labels]  # type: ignore[return-value]

    def r_issue_label_remove(self, repo: Repo, n: str, name: str, **_: Any) -> Any:
        """``DELETE …/issues/{n}/labels/{name}``: the labels left; 404 when the label is not on it."""
        item = self._labelled(repo, n)
        if name not in item.labels:
            raise Reply(404, {"message": "Label does not exist", "documentation_url": DOCS, "status": "404"})
        if isinstance(item, Pull):
            self._set_labels(item, [x for x in item.labels if x != name])
        else:
            item.labels.remove(name)
        return [self.j_label(repo, x) for x in item.labels]

    def r_blob_create(self, repo: Repo, body: Json | None, **_: Any) -> Reply:
        body = body or {}
        if not isinstance(body.get("content"), str) or body.get("encoding", "utf-8") not in ("utf-8", "base64"):
            raise self._invalid("Invalid request.")
        content = body["content"]
        data = base64.b64decode(content) if body.get("encoding") == "base64" else content.encode()
        sha = git_blob_sha(data)
        repo.blobs[sha] = data
        return Reply(201, {"url": f"{self.url}/repos/{repo.full_name}/git/blobs/{sha}", "sha": sha})

    def _snapshot(self, repo: Repo, spec: str) -> dict[str, str]:
        """The files of a tree named by a tree sha, a commit sha or branch, or ``REF:FOLDER`` (paths relative to it)."""
        ref, colon, folder = spec.partition(":")
        if not colon and ref in repo.trees:
            return repo.trees[ref]
        sha = repo.resolve(ref)
        if sha is None:
            raise not_found()
        files, prefix = repo.commits[sha].files, folder.strip("/") + "/" if folder.strip("/") else ""
        snap = {p[len(prefix) :]: b for p, b in files.items() if p.startswith(prefix)}
        if prefix and not snap:
            raise not_found()
        return snap

    def j_tree(self, repo: Repo, snap: dict[str, str], recursive: bool) -> Json:
        u = f"{self.url}/repos/{repo.full_name}/git"
        entries: dict[str, Json] = {}
        for path, blob in sorted(snap.items()):
            parts = path.split("/")
            for depth in range(1, len(parts)):
                folder = "/".join(parts[:depth])
                if folder not in entries and (recursive or depth == 1):
                    sub = {p[len(folder) + 1 :]: b for p, b in snap.items() if p.startswith(folder + "/")}
                    tree = repo.tree(sub)
                    entries[folder] = {"path": folder, "mode": "040000", "type": "tree", "sha": tree, "url": f"{u}/trees/{tree}"}
            if recursive or len(parts) == 1:
                entries[path] = {"path": path, "mode": "100644", "type": "blob", "sha": blob, "size": len(repo.blobs[blob]),
                                 "url": f"{u}/blobs/{blob}"}  # fmt: skip
        sha = repo.tree(snap)
        return {"sha": sha, "url": f"{u}/trees/{sha}", "tree": sorted(entries.values(), key=lambda e: e["path"]), "truncated": False}

    def r_tree(self, repo: Repo, spec: str, query: dict[str, str], **_: Any) -> Json:
        """``GET …/git/trees/{tree_sha}``, also ``{branch}:{folder}`` as Decap CMS asks; ``recursive`` lists every level."""
        return self.j_tree(repo, self._snapshot(repo, spec), query.get("recursive") not in (None, "", "0", "false"))

    def r_tree_create(self, repo: Repo, body: Json | None, **_: Any) -> Reply:
        """``POST …/git/trees``: ``base_tree`` (a tree or a commit) plus entries; ``sha: null`` deletes a path."""
        body = body or {}
        base = body.get("base_tree")
        snap = dict(self._snapshot(repo, base)) if base else {}
        entries = body.get("tree")
        if not isinstance(entries, list):
            raise self._invalid("Invalid request.\n\nFor 'properties/tree', nil is not an array.")
        for e in entries:
            path = str(e.get("path", "")).strip("/")
            if "content" in e:
                data = str(e["content"]).encode()
                repo.blobs[git_blob_sha(data)] = data
                snap[path] = git_blob_sha(data)
            elif e.get("sha") is None:
                snap = {p: b for p, b in snap.items() if p != path and not p.startswith(path + "/")}
            elif e.get("type", "blob") != "blob" or e["sha"] not in repo.blobs:
                raise self._invalid(f"GitRPC::BadObjectState: {e['sha']} is not a blob")
            else:
                snap[path] = e["sha"]
        return Reply(201, self.j_tree(repo, snap, recursive=False))

    def j_git_commit(self, repo: Repo, c: Commit) -> Json:
        u = f"{self.url}/repos/{repo.full_name}/git/commits"

        def person(login: str | None) -> Json:
            return {"name": login or "Unknown", "email": f"{login or 'unknown'}@example.invalid", "date": iso(c.date)}

        tree = repo.tree_of(c.sha)
        return {"sha": c.sha, "node_id": node_id("C", int(c.sha[:8], 16)), "url": f"{u}/{c.sha}",
                "html_url": f"{HTML}/{repo.full_name}/commit/{c.sha}", "author": person(c.author), "committer": person(c.committer),
                "message": c.message, "tree": {"sha": tree, "url": f"{self.url}/repos/{repo.full_name}/git/trees/{tree}"},
                "parents": [{"sha": p, "url": f"{u}/{p}", "html_url": f"{HTML}/{repo.full_name}/commit/{p}"} for p in c.parents],
                "verification": {"verified": False, "reason": "unsigned", "signature": None, "payload": None,
                                 "verified_at": None}}  # fmt: skip

    def r_git_commit_create(self, repo: Repo, body: Json | None, **_: Any) -> Reply:
        """``POST …/git/commits``: a commit of ``tree`` on ``parents``, authored by the caller (the token's login)."""
        body = body or {}
        tree, parents = body.get("tree"), body.get("parents") or []
        if tree not in repo.trees or not all(p in repo.commits for p in parents):
            raise self._invalid(
                "Tree SHA does not exist" if tree not in repo.trees else "Parent SHA does not exist or is not a commit object"
            )
        sha = repo.commit_snapshot(
            repo.trees[tree], list(parents), author=self.actor, message=str(body.get("message") or ""), at=self._now()
        )
        repo._tree_of[sha] = tree
        return Reply(201, self.j_git_commit(repo, repo.commits[sha]))

    def j_ref(self, repo: Repo, branch: str) -> Json:
        u = f"{self.url}/repos/{repo.full_name}/git"
        sha = repo.branches[branch]
        return {"ref": f"refs/heads/{branch}", "node_id": node_id("REF", int(sha[:8], 16)), "url": f"{u}/refs/heads/{branch}",
                "object": {"type": "commit", "sha": sha, "url": f"{u}/commits/{sha}"}}  # fmt: skip

    def r_ref_create(self, repo: Repo, body: Json | None, **_: Any) -> Reply:
        """``POST …/git/refs`` (branches only): 422 when it exists, or when a ruleset restricts creating it."""
        body = body or {}
        ref, sha = str(body.get("ref", "")), body.get("sha")
        if not ref.startswith("refs/heads/") or sha not in repo.commits:
            raise self._invalid("Reference update failed" if ref.startswith("refs/heads/") else "Reference name must start with 'refs/'")
        branch = ref.removeprefix("refs/heads/")
        if branch in repo.branches:
            raise self._invalid("Reference already exists")
        if repo.refuses(branch, self.actor, "creation"):
            raise self._refused()
        repo.push(branch, sha=sha, actor=self.actor, at=self._now())
        return Reply(201, self.j_ref(repo, branch))

    def r_ref_update(self, repo: Repo, ref: str, body: Json | None, **_: Any) -> Json:
        """``PATCH …/git/refs/heads/{branch}``: fast-forward unless ``force``; refused where a ruleset restricts updates."""
        branch, body = self._head(repo, ref), body or {}
        sha = body.get("sha")
        if sha not in repo.commits:
            raise self._invalid("Object does not exist")
        if repo.refuses(branch, self.actor):
            raise self._refused()
        if not body.get("force") and repo.branches[branch] not in repo.ancestors(sha):
            raise self._invalid("Update is not a fast forward")
        repo.push(branch, sha=sha, actor=self.actor, at=self._now())
        return self.j_ref(repo, branch)

    def r_ref_delete(self, repo: Repo, ref: str, **_: Any) -> Reply:
        if ref.removeprefix("refs/").removeprefix("heads/") not in repo.branches:
            raise self._invalid("Reference does not exist")
        branch = self._head(repo, ref)
        if repo.refuses(branch, self.actor, "deletion"):
            raise self._refused()
        t = self._now()
        repo.activity.append(
            Activity(next(self.ids), repo.branches.pop(branch), ZERO_SHA, f"refs/heads/{branch}", t, "branch_deletion", self.actor)
        )
        if repo.git_dir is not None:
            repo._git("update-ref", "-d", f"refs/heads/{branch}")
        return Reply(204, None)

    def r_branch(self, repo: Repo, b: str, **_: Any) -> Json:
        if b not in repo.branches:
            raise Reply(404, {"message": "Branch not found", "documentation_url": DOCS, "status": "404"})
        u = f"{self.url}/repos/{repo.full_name}/branches/{b}"
        protected = b in repo.protection or bool(repo.rules.get(b))
        return {"name": b, "commit": self.j_commit(repo, repo.commits[repo.branches[b]]),
                "_links": {"self": u, "html": f"{HTML}/{repo.full_name}/tree/{b}"}, "protected": protected,
                "protection": {"enabled": protected, "required_status_checks": {"enforcement_level": "off", "contexts": [], "checks": []}},
                "protection_url": f"{u}/protection"}  # fmt: skip

    def r_commits(self, repo: Repo, query: dict[str, str], **_: Any) -> Paged:
        """``GET …/commits``: from ``sha`` (default branch), newest first; with ``path``, those that changed it."""
        start = repo.resolve(query.get("sha") or repo.default_branch)
        if start is None:
            raise self._sha(repo, query.get("sha") or repo.default_branch)  # type: ignore[misc]
        path = query.get("path", "").strip("/")

        def touches(c: Commit) -> bool:
            before = repo.commits[c.parents[0]].files if c.parents else {}
            return any(p == path or p.startswith(path + "/") for p in set(before) ^ set(c.files) | {
                p for p in before.keys() & c.files.keys() if before[p] != c.files[p]})  # fmt: skip

        found = [repo.commits[s] for s in repo.ancestors(start)]
        found = [c for c in found if not path or touches(c)]
        found.sort(key=lambda c: c.date, reverse=True)
        return Paged(found, lambda c: self.j_commit(repo, c))

    def r_combined_status(self, repo: Repo, ref: str, **_: Any) -> Json:
        """``GET …/commits/{ref}/status``: the latest status per context and their combined state."""
        sha = self._sha(repo, ref)
        latest: dict[str, Status] = {}
        for s in repo.statuses:
            if s.sha == sha:
                latest[s.context] = s
        states = {s.state for s in latest.values()}
        state = "failure" if states & {"failure", "error"} else "pending" if "pending" in states or not states else "success"
        u = f"{self.url}/repos/{repo.full_name}"
        return {"state": state, "statuses": [self.j_status(repo, s) for s in latest.values()], "sha": sha,
                "total_count": len(latest), "repository": self.j_repo(repo), "commit_url": f"{u}/commits/{sha}",
                "url": f"{u}/commits/{sha}/status"}  # fmt: skip

    def r_permission(self, repo: Repo, login: str, **_: Any) -> Json:
        """``GET …/collaborators/{login}/permission``: ``write`` for everyone, ``admin`` for the ruleset's bypass actors."""
        if login in repo.not_collaborators:
            return {"permission": "read", "role_name": "read", "user": self.j_collaborator(login, "read")}
        role = "admin" if login in repo.bypass else "write"
        return {"permission": role, "role_name": role, "user": self.j_collaborator(login, role)}

    def j_collaborator(self, login: str, role: str) -> Json:
        perms = {"pull": True, "triage": True, "push": role != "read", "maintain": role == "admin", "admin": role == "admin"}
        return (self.j_user(login) or {}) | {"permissions": perms, "role_name": role}

    def j_public_user(self, login: str) -> Json:
        """``GET /user`` and ``GET /users/{login}`` (GitHub's public-user shape)."""
        t = iso(datetime(2020, 1, 1, tzinfo=UTC))
        return (self.j_user(login) or {}) | {"name": self.names.get(login), "company": None, "blog": "", "location": None,
                "email": None, "hireable": None, "bio": None, "public_repos": 0, "public_gists": 0, "followers": 0,
                "following": 0, "created_at": t, "updated_at": t}  # fmt: skip

    def r_pull_create(self, repo: Repo, body: Json | None, **_: Any) -> Reply:
        """``POST …/pulls``: the caller opens it; 422 for a missing head branch or an open pull request of the same head."""
        body = body or {}
        head = str(body.get("head", "")).removeprefix(f"{repo.owner}:")
        base = str(body.get("base") or repo.default_branch)
        if head not in repo.branches or base not in repo.branches or not str(body.get("title") or "").strip():
            errors = [{"resource": "PullRequest", "field": "head" if head not in repo.branches else "base", "code": "invalid"}]
            raise Reply(422, {"message": "Validation Failed", "errors": errors, "documentation_url": DOCS, "status": "422"})
        if any(p.state == "open" and p.head_ref == head and p.base_ref == base for p in repo.pulls.values()):
            errors = [{"resource": "PullRequest", "code": "custom", "message": f"A pull request already exists for {repo.owner}:{head}."}]
            raise Reply(422, {"message": "Validation Failed", "errors": errors, "documentation_url": DOCS, "status": "422"})
        pr = repo.open_pull(self.actor, head, base=base, title=str(body["title"]), body=str(body.get("body") or ""),
                            at=self._now(), draft=bool(body.get("draft")))  # fmt: skip
        return Reply(201, self.j_pull(pr), {"Location": f"{self.url}/repos/{repo.full_name}/pulls/{pr.number}"})

    def r_pull_edit(self, repo: Repo, n: str, body: Json | None, **_: Any) -> Json:
        """``PATCH …/pulls/{n}``: title, body, state (close or reopen)."""
        pr, body = self._pr(repo, n), body or {}
        if body.get("state") not in (None, "open", "closed"):
            raise self._invalid("Validation Failed: state must be open or closed")
        pr.title, pr.body = body.get("title", pr.title), body.get("body", pr.body)
        self._pull_state(pr, body.get("state"))
        return self.j_pull(pr)

    def r_pull_merge(self, repo: Repo, n: str, body: Json | None, **_: Any) -> Reply:
        """``PUT …/pulls/{n}/merge``, as GitHub answers it: 405 when a ruleset restricts updates of the base
        branch and the caller may not bypass it (R-04: only the website office publishes), 405 for a draft or
        a closed pull request, 409 when ``sha`` is not the head; else the merge, by the caller."""
        pr, body = self._pr(repo, n), body or {}
        if repo.refuses(pr.base_ref, self.actor):
            message = "Repository rule violations found\n\nCannot update this protected ref.\n\n"
            raise Reply(405, {"message": message, "documentation_url": DOCS, "status": "405"})
        if pr.state != "open" or pr.draft:
            raise Reply(405, {"message": "Pull Request is not mergeable", "documentation_url": DOCS, "status": "405"})
        if body.get("sha") not in (None, pr.head_sha):
            raise Reply(409, {"message": "Head branch was modified. Review and try the merge again.", "documentation_url": DOCS,
                              "status": "409"})  # fmt: skip
        sha = pr.merge(self.actor, at=self._now(), squash=body.get("merge_method") == "squash")
        return Reply(200, {"sha": sha, "merged": True, "message": "Pull Request successfully merged"})
