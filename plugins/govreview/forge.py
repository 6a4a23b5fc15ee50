"""Reading the evidence of merged pull requests from GitHub (or GitHub Enterprise
Server) with PyGithub, into the archive's records; and the pull-request check's
only writes (its commit status and its sticky comment).

Failures are never read as evidence: a missing response or a truncated file list
raises ForgeError, and the caller records nothing for that pull request (fail
closed, invariant 1). A team the token cannot read (403/404) is reported in
``Fetched.unreadable_teams``, never read as "not a member".
API calls per pull request: O(files/100 + reviews/100 + events/100 + heads +
teams × reviewers + clearing reviews), never O(pages in the site).

Reads are retried a bounded number of times; writes never are. PyGithub's
GithubRetry allows POST among its retried methods (``allowed_methods`` defaults to
urllib3's idempotent methods plus GET and POST), so one 500 on a status POST was
sent four times: :func:`connect` limits retries to GET/HEAD, and every write goes
through a requester of its own that retries nothing, however the client was built.

Whether a review's body was edited after it was submitted is only in GraphQL
(``PullRequestReview.lastEditedAt``; REST gives ``submitted_at`` alone). It is asked for
the reviews whose body names a screening finding to clear (few), one query each, sent
by POST through a requester of its own: a query changes nothing, so it gets the
client's bounded read retries; no mutation is ever sent. An edit state that cannot be
read is reported in ``Fetched.unreadable_edits`` and the review's ``edited`` stays None:
its clearing does not count (fail closed).
"""

from __future__ import annotations

import base64
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from github import Auth, Github, GithubException, GithubRetry, RateLimitExceededException
from github.PullRequest import PullRequest
from github.Requester import Requester
from urllib3 import Retry

from . import messages
from .core.application import application_at
from .core.clearing import holds_clearing_line
from .core.evidence import ADDED, MODIFIED, REMOVED, RENAMED, Commit, FileChange, Head, LabelEvent, PullRecord, Review
from .core.policy import Policy, is_team
from .core.verdict import Reason
from .messages import Message, msg, say
from .policy_yaml import PolicyError, load_policy, policy_id

GITHUB = "https://api.github.com"
STATUS = {"added": ADDED, "modified": MODIFIED, "changed": MODIFIED, "removed": REMOVED, "renamed": RENAMED, "copied": ADDED}
#: GitHub stops listing a pull request's files at 3,000.
FILE_LIST_LIMIT = 3000
#: Methods that may be sent again: reads only. A POST or PATCH answered 500 (or
#: cut off mid-response) may have been carried out; sending it again could post twice.
RETRIED_METHODS = frozenset({"GET", "HEAD"})
#: What GitHub answers for a team the token may not read (the default workflow token gets 404).
UNREADABLE = (403, 404)


class ForgeError(messages.Problem):
    """The forge could not give complete evidence; nothing is concluded from it.
    ``status`` is the HTTP status the forge answered, when it answered. ``str()`` is the
    message in the process language; ``text(lang)`` in any."""

    def __init__(self, message: Message | str, status: int | None = None) -> None:
        super().__init__(*([message] if isinstance(message, Message) else []))
        self.plain = message if isinstance(message, str) else None  # text from a caller not using codes yet
        self.status = status

    def text(self, lang: str) -> str:
        if self.plain is not None:
            return self.plain
        return "\n".join(_say(m, lang) for m in self.messages)

    def __str__(self) -> str:
        return self.text(messages.lang_of())


def _say(message: Message, lang: str) -> str:
    """``message`` in ``lang``, messages among its parameters rendered in ``lang`` too."""
    params = {k: _say(v, lang) if isinstance(v, Message) else v for k, v in message.params.items()}
    return say(Message(message.code, params), lang)


@dataclass(frozen=True)
class Fetched:
    record: PullRecord
    policy_files: dict[str, str]
    #: Teams the base policy names whose membership the token could not read: team -> HTTP status.
    #: They are absent from ``record.teams``, so their members' approvals do not count.
    unreadable_teams: Mapping[str, int] = field(default_factory=dict)
    #: Reviews naming a finding to clear whose edit state could not be read: review id -> why.
    #: Their ``edited`` is None, so their clearing does not count.
    unreadable_edits: Mapping[int, str] = field(default_factory=dict)


#: The edit state of one review (GraphQL; GitHub and GitHub Enterprise Server alike).
EDIT_QUERY = """query ReviewEdits($id: ID!) {
  node(id: $id) {
    __typename
    ... on PullRequestReview { databaseId lastEditedAt }
  }
}"""


def connect(token: str, base_url: str = GITHUB, *, retries: int = 3, max_rate_limit_wait: float = 600) -> Github:
    """A client for reads: no pause between requests (PyGithub's 0.25 s default would
    make a 1,000-PR sync sleep for minutes), bounded retries of reads only, bounded
    rate-limit waits. When the retries run out, the last answer is kept (``raise_on_status``
    off), so the error names GitHub's status instead of urllib3's "Max retries exceeded"."""
    retry = GithubRetry(
        total=retries,
        backoff_factor=0.5,
        max_rate_limit_wait=max_rate_limit_wait,
        secondary_rate_wait=60,
        allowed_methods=RETRIED_METHODS,
        raise_on_status=False,
    )
    return Github(base_url=base_url, auth=Auth.Token(token), seconds_between_requests=0, retry=retry, per_page=100)


def _application(pr: PullRequest, events: list[Any], labels: tuple[LabelEvent, ...], merged_at: datetime | None) -> datetime | None:
    """When the pull request was submitted (R-35), from what happened up to its merge: a label
    taken off a merged item later does not change when it was submitted."""
    upto = [(e.event, e.created_at) for e in events if merged_at is None or e.created_at <= merged_at]
    return application_at(pr.created_at, bool(pr.draft), upto, [e for e in labels if merged_at is None or e.at <= merged_at])


def unreadable_team_text(team: str, status: int) -> str:
    """Why a team's members do not count: the token may not read the team."""
    return messages.render(Reason("team_unreadable", None, {"team": team, "status": status}))


class Forge:
    def __init__(self, client: Github, repo: str, policies_dir: str = "policies") -> None:
        self.client = client
        self.repo_name = repo
        self.policies_dir = policies_dir
        self._repo: Any = None
        self._writer: Requester | None = None
        self._querier: Requester | None = None

    @property
    def repo(self) -> Any:
        if self._repo is None:
            self._repo = self._call(lambda: self.client.get_repo(self.repo_name))
        return self._repo

    def _call(self, fn: Any) -> Any:
        try:
            return fn()
        except GithubException as err:
            raise ForgeError(msg("forge_read_failed", status=err.status, data=str(err.data)), err.status) from None
        except (OSError, ValueError) as err:  # connection refused, reset, bad JSON
            raise ForgeError(msg("forge_unreachable", error=str(err))) from None

    def merged_pulls(self, known: set[int], base: str | None = None, since: datetime | None = None) -> Iterator[PullRequest]:
        """Merged pull requests not yet in the archive, newest update first, stopping at ``since``."""
        pulls = self._call(
            lambda: self.repo.get_pulls(state="closed", sort="updated", direction="desc", **({"base": base} if base else {}))
        )
        for pr in self._iterate(pulls):
            if since is not None and pr.updated_at < since:
                return
            if pr.merged_at is not None and pr.number not in known:
                yield pr

    def _iterate(self, items: Iterable[Any]) -> Iterator[Any]:
        iterator = iter(items)
        while True:
            try:
                yield self._call(lambda: next(iterator))
            except ForgeError:
                raise
            except StopIteration:
                return

    def pull(self, number: int) -> PullRequest:
        return self._call(lambda: self.repo.get_pull(number))  # type: ignore[no-any-return]

    def fetch(self, pr: PullRequest, as_of: datetime | None = None) -> Fetched:
        """Everything the gate needs about one merged pull request.

        An open pull request is read as if merged at ``as_of`` (now), with its head
        content: that is what the pull-request check judges.
        """
        base_sha, head_sha = pr.base.sha, pr.head.sha
        merge_sha = pr.merge_commit_sha if pr.merged_at is not None else None
        merged_at = pr.merged_at or as_of
        if merged_at is None:
            raise ForgeError(msg("forge_pull_not_merged", pull=pr.number))
        listed = list(self._iterate(self._call(pr.get_files)))
        if len(listed) != pr.changed_files or len(listed) >= FILE_LIST_LIMIT:
            raise ForgeError(msg("forge_file_list_incomplete", pull=pr.number, listed=len(listed), total=pr.changed_files))
        paths = {f.filename for f in listed} | {f.previous_filename for f in listed if f.previous_filename}
        merged_blobs = self._blobs(base_sha, merge_sha, paths) if merge_sha else {f.filename: f.sha for f in listed}
        files = tuple(
            FileChange(
                f.filename,
                STATUS.get(f.status, MODIFIED),
                None if f.status == "removed" else merged_blobs.get(f.filename),
                f.previous_filename,
            )
            for f in listed
        )
        commits = tuple(
            Commit(c.sha, c.author.login if c.author else None, c.committer.login if c.committer else None)
            for c in self._iterate(self._call(pr.get_commits))
        )
        listed_reviews = [
            (Review(r.user.login, r.state, r.commit_id, r.submitted_at, r.id, r.body or ""), r.node_id)
            for r in self._iterate(self._call(pr.get_reviews))
            if r.user is not None and r.submitted_at is not None
        ]
        unreadable_edits: dict[int, str] = {}
        reviews = tuple(self._with_edit_state(review, node, unreadable_edits) for review, node in listed_reviews)
        events = list(self._iterate(self._call(lambda: self.repo.get_issue(pr.number).get_events())))
        labels = tuple(
            LabelEvent(e.label.name, e.event, e.actor.login, e.created_at)
            for e in events
            if e.event in ("labeled", "unlabeled") and e.label is not None and e.actor is not None
        )
        pushes = self._pushes(pr.head.ref, {c.sha for c in commits} | {head_sha})
        shas = [sha for sha, _ in pushes]
        for sha in [head_sha, *(r.commit_id for r in reviews)]:
            if sha not in shas:
                shas.append(sha)
        times = dict(pushes)
        heads = [Head(sha, times.get(sha), self._blobs(base_sha, sha, paths)) for sha in shas]
        heads.sort(key=lambda h: (h.sha == head_sha, h.pushed_at is None, h.pushed_at or merged_at))
        policy_files = self._policy_files(base_sha)
        merger = pr.merged_by.login if pr.merged_at is not None and pr.merged_by is not None else None
        people = {r.login for r in reviews} | {e.actor for e in labels} | ({merger} if merger else set())
        teams, unreadable = self._teams(policy_files, people)
        record = PullRecord(
            number=pr.number,
            title=pr.title,
            author=pr.user.login,
            merged_at=merged_at,
            merge_commit=merge_sha or "",
            head=head_sha,
            base=base_sha,
            policy=policy_id(policy_files),
            files=files,
            reviews=reviews,
            labels=labels,
            heads=tuple(heads),
            commits=commits,
            teams=teams,
            merged_by=merger,
            ready_at=_application(pr, events, labels, pr.merged_at),
            merged=pr.merged_at is not None,
        )
        return Fetched(record, policy_files, unreadable, unreadable_edits)

    def _with_edit_state(self, review: Review, node: str | None, unreadable: dict[int, str]) -> Review:
        """``review`` with whether its body was edited after submission, for a body naming a
        finding to clear; others are left as they are (their edit state changes nothing)."""
        if not holds_clearing_line(review) or review.id is None:
            return review
        edited = self._edited(review, node)
        if isinstance(edited, str):
            unreadable[review.id] = edited
            return review
        return replace(review, edited=edited)

    def _edited(self, review: Review, node: str | None) -> bool | str:
        """Was the review's body edited after it was submitted? A string: why that cannot be told."""
        if not node:
            return say(msg("forge_review_edit_missing", review=review.id), messages.lang_of())
        try:
            _, data = self.querier.graphql_query(EDIT_QUERY, {"id": node})
        except GithubException as err:
            return say(msg("forge_read_failed", status=err.status, data=_graphql_message(err.data)), messages.lang_of())
        except (OSError, ValueError) as err:  # refused, reset, bad JSON
            return say(msg("forge_unreachable", error=str(err)), messages.lang_of())
        found = data.get("data", {}).get("node") if isinstance(data.get("data"), dict) else None
        if not isinstance(found, dict) or found.get("__typename") != "PullRequestReview" or found.get("databaseId") != review.id:
            return say(msg("forge_review_edit_missing", review=review.id), messages.lang_of())
        last = found.get("lastEditedAt")
        if last is None:
            return False
        try:
            edited_at = datetime.fromisoformat(str(last))
        except ValueError:
            return say(msg("forge_review_edit_missing", review=review.id), messages.lang_of())
        # An edit up to the submission (a pending review's text) is the body as submitted.
        return edited_at > review.submitted_at

    @property
    def querier(self) -> Requester:
        """A requester for GraphQL queries, which go by POST: a query changes nothing, so it is
        retried like a read (the client's bounded retries, with POST allowed for this requester
        alone). The client's own requester and the writer never retry a POST."""
        if self._querier is None:
            settings = self.client.requester.kwargs
            retry = settings.get("retry")
            if isinstance(retry, Retry):
                retry = retry.new(allowed_methods=frozenset({"POST"}))
            self._querier = Requester(**(settings | {"retry": retry}))
        return self._querier

    def _blobs(self, base: str, head: str, paths: set[str]) -> dict[str, str | None]:
        """Blob of each of ``paths`` at ``head``, from one comparison with the base."""
        comparison = self._call(lambda: self.repo.compare(base, head))
        found: dict[str, str | None] = dict.fromkeys(paths)
        for f in self._iterate(comparison.files):
            if f.filename in found:
                found[f.filename] = None if f.status == "removed" else f.sha
        return found

    def _pushes(self, ref: str, shas: set[str]) -> list[tuple[str, datetime]]:
        """Server times of the pushes that made the branch point at one of ``shas`` (activity API)."""
        url = self.repo.url

        def read() -> Any:
            try:
                return self.client.requester.requestJsonAndCheck(
                    "GET", f"{url}/activity", parameters={"ref": f"refs/heads/{ref}", "per_page": 100}
                )[1]
            except GithubException:
                return []  # unknown push times (older GHES has no activity API): labels cannot be ordered, so they will not count

        data = self._call(read)  # a broken connection is a ForgeError, not a traceback
        out = []
        for item in data if isinstance(data, list) else []:
            after, stamp = item.get("after"), item.get("timestamp")
            if after in shas and isinstance(stamp, str):
                out.append((after, datetime.fromisoformat(stamp)))
        return sorted(out, key=lambda p: p[1])

    def _active_member(self, org: str, slug: str, login: str) -> bool:
        try:
            _, data = self.client.requester.requestJsonAndCheck("GET", f"/orgs/{org}/teams/{slug}/memberships/{login}")
        except GithubException as err:
            if err.status == 404:  # the team is readable, so 404 means "not a member"
                return False
            raise
        return isinstance(data, dict) and data.get("state") == "active"

    def file_at(self, path: str, sha: str) -> bytes:
        """The bytes of ``path`` at commit ``sha``."""
        item = self._call(lambda: self.repo.get_contents(path, ref=sha))
        if item.encoding == "none":  # 1-100 MB: the contents API leaves the bytes out, the blob API has them
            blob = self._call(lambda: self.repo.get_git_blob(item.sha))
            return base64.b64decode(blob.content)
        return base64.b64decode(item.content)

    def _policy_files(self, sha: str) -> dict[str, str]:
        listing = self._call(lambda: self.repo.get_contents(self.policies_dir, ref=sha))
        out = {}
        for item in listing if isinstance(listing, list) else [listing]:
            if item.type == "file" and item.name.endswith((".yml", ".yaml")):
                blob = self._call(lambda item=item: self.repo.get_contents(item.path, ref=sha))
                out[item.path] = base64.b64decode(blob.content).decode("utf-8-sig")
        return out

    def _teams(self, policy_files: dict[str, str], people: set[str]) -> tuple[dict[str, frozenset[str]], dict[str, int]]:
        """Each team the base policy names, with which of ``people`` are active members;
        and the teams the token may not read, with GitHub's answer (403 or 404).

        A 404 is never read as "not a member" (the default workflow token gets 404
        for everyone): an unreadable team stays out of the first mapping, so its
        members' approvals do not count. Any other failure raises ForgeError.
        """
        try:
            policy: Policy = load_policy(policy_files, archived=True)  # a base may predate the clearing role
        except PolicyError:
            return {}, {}
        teams = {
            m
            for role in policy.roles.values()
            for m in (*role.members, *(x for ms in role.unit_members.values() for x in ms))
            if is_team(m)
        }
        return self.team_members(teams, people)

    def team_members(self, teams: Iterable[str], people: set[str]) -> tuple[dict[str, frozenset[str]], dict[str, int]]:
        """For each ``org/team`` in ``teams``: which of ``people`` are active members; and the
        teams the token may not read, with GitHub's answer (403/404) — never read as "not a member"."""
        out: dict[str, frozenset[str]] = {}
        unreadable: dict[str, int] = {}
        for team in sorted(set(teams)):
            org, slug = team.split("/", 1)
            found = self._call(lambda org=org, slug=slug: self._team(org, slug, people))
            if isinstance(found, int):
                unreadable[team] = found
            else:
                out[team] = found
        return out, unreadable

    def run_started_at(self, run_id: int) -> datetime:
        """When the workflow run ``run_id`` started, by the forge's clock (server time)."""
        run = self._call(lambda: self.repo.get_workflow_run(run_id))
        started = self._call(lambda: run.run_started_at or run.created_at)
        if not isinstance(started, datetime):
            raise ForgeError(msg("forge_run_time_missing", run=run_id))
        return started

    def _team(self, org: str, slug: str, people: set[str]) -> frozenset[str] | int:
        """The active members among ``people``, or the status (403/404) of a team the token may not read."""
        try:
            # The team itself must be readable: the default workflow token gets 404 here
            # (it cannot read organisation teams), and then no 404 below means anything.
            self.client.requester.requestJsonAndCheck("GET", f"/orgs/{org}/teams/{slug}")
            return frozenset(login for login in sorted(people) if self._active_member(org, slug, login))
        except RateLimitExceededException:
            raise  # a 403 that says "slow down", not "you may not"
        except GithubException as err:
            if err.status in UNREADABLE:
                return err.status
            raise

    # -- writes (the pull-request check's status and comment): never retried ----------------

    @property
    def writer(self) -> Requester:
        """A requester for writes: the client's server, token and timeouts, and no retries at
        all — a write answered 500, or cut off before its answer, may have been done."""
        if self._writer is None:
            settings = self.client.requester.kwargs | {"retry": Retry(total=0, read=False, redirect=False, raise_on_status=False)}
            self._writer = Requester(**settings)
        return self._writer

    def post_status(self, sha: str, state: str, context: str, description: str) -> None:
        """The commit status of ``sha``. Raises ForgeError (after one attempt)."""
        url = f"{self.repo.url}/statuses/{sha}"
        body = {"state": state, "context": context, "description": description[:140]}  # GitHub refuses longer ones (422)
        what = (msg("forge_write_status", context=context), "statuses: write")
        self._write(lambda: self.writer.requestJsonAndCheck("POST", url, input=body), what)

    def find_comment(self, number: int, marker: str) -> tuple[str, str] | None:
        """(API url, body) of the first comment of pull request ``number`` holding ``marker``. A read."""
        comments = self._call(lambda: self.repo.get_issue(number).get_comments())
        for comment in self._iterate(comments):
            if marker in (comment.body or ""):
                return comment.url, comment.body
        return None

    def create_comment(self, number: int, body: str) -> None:
        url = f"{self.repo.url}/issues/{number}/comments"
        self._write(lambda: self.writer.requestJsonAndCheck("POST", url, input={"body": body}), COMMENT_WRITE)

    def edit_comment(self, url: str, body: str) -> None:
        self._write(lambda: self.writer.requestJsonAndCheck("PATCH", url, input={"body": body}), COMMENT_WRITE)

    def request_reviewers(self, number: int, users: list[str], teams: list[str]) -> None:
        """Ask ``users`` (logins) and ``teams`` (slugs of the repository owner's teams) to review
        pull request ``number``. One POST, never retried. Raises ForgeError."""
        url = f"{self.repo.url}/pulls/{number}/requested_reviewers"
        body = {"reviewers": users, "team_reviewers": teams}
        what = (msg("forge_write_review_request"), "pull-requests: write")
        self._write(lambda: self.writer.requestJsonAndCheck("POST", url, input=body), what)

    # -- the freshness reminder issue (govreview freshness --issue): one issue, found again ---------

    def find_issue(self, label: str, marker: str) -> FoundIssue | None:
        """The reminder issue: the open issue labelled ``label`` whose body holds ``marker``,
        else the newest closed one (to reopen, never a second one); else an open issue holding
        the marker whose label was lost (GitHub drops labels silently for tokens without push
        access). Reads only."""
        closed: FoundIssue | None = None
        for labels in ([label], None):
            state = "all" if labels else "open"
            query = {"labels": labels} if labels else {}
            issues = self._call(lambda s=state, q=query: self.repo.get_issues(state=s, sort="created", direction="desc", **q))
            for issue in self._iterate(issues):
                if marker not in (issue.body or "") or issue.pull_request is not None:
                    continue
                found = FoundIssue(issue.number, issue.state, issue.title, issue.body or "")
                if issue.state == "open":
                    return found
                closed = closed or found
            if closed is not None:
                return closed
        return None

    def create_issue(self, title: str, body: str, labels: list[str]) -> int:
        """Open an issue with ``labels``; its number. Sent once: a POST answered 500 may have
        opened it. GitHub drops the labels of a new issue silently when the token lacks push
        access: they are then added on their own, and a label still missing is an error."""
        url = f"{self.repo.url}/issues"
        _, data = self._write(
            lambda: self.writer.requestJsonAndCheck("POST", url, input={"title": title, "body": body, "labels": labels}), ISSUE_WRITE
        )
        number = int(data["number"])
        if set(labels) - _label_names(data.get("labels")):
            _, got = self._write(
                lambda: self.writer.requestJsonAndCheck("POST", f"{url}/{number}/labels", input={"labels": labels}), ISSUE_WRITE
            )
            missing = set(labels) - _label_names(got)
            if missing:
                raise ForgeError(msg("forge_issue_label_missing", number=number, labels="、".join(sorted(missing))))
        return number

    def edit_issue(self, number: int, **fields: str) -> None:
        """Change an issue's title, body or state (``state_reason`` when closing). Sent once."""
        url = f"{self.repo.url}/issues/{number}"
        self._write(lambda: self.writer.requestJsonAndCheck("PATCH", url, input=dict(fields)), ISSUE_WRITE)

    def open_issue(self, title: str, body: str, labels: Iterable[str] = ()) -> tuple[int, str]:
        """Open an issue (one attempt, never retried). Returns its number and web address."""
        number = self.create_issue(title, body, list(labels))
        return number, f"{self.repo.html_url}/issues/{number}"

    def _write(self, fn: Callable[[], Any], what: tuple[Message, str]) -> Any:
        try:
            return fn()
        except GithubException as err:
            raise ForgeError(write_failed(what, err.status, _message(err.data), isinstance(err, RateLimitExceededException))) from None
        except (OSError, ValueError) as err:  # refused, reset, timed out, bad JSON: it may or may not have been done
            raise ForgeError(write_failed(what, None, str(err))) from None


#: What a write is, for its error message: (what it does, the workflow permission it needs).
COMMENT_WRITE = (msg("forge_write_comment"), "pull-requests: write")
ISSUE_WRITE = (msg("forge_write_issue"), "issues: write")


def _label_names(data: Any) -> set[str]:
    return {str(x.get("name")) for x in data if isinstance(x, dict)} if isinstance(data, list) else set()


@dataclass(frozen=True)
class FoundIssue:
    number: int
    state: str  # open | closed
    title: str
    body: str


def _message(data: Any) -> str:
    if isinstance(data, dict) and data.get("message"):
        return str(data["message"])
    return str(data or "")


def _graphql_message(data: Any) -> str:
    """The errors of a GraphQL answer (HTTP 200 with ``errors``), or the message of another failure."""
    errors = data.get("errors") if isinstance(data, dict) else None
    if isinstance(errors, list) and errors:
        return "; ".join(str(e.get("message", e)) if isinstance(e, dict) else str(e) for e in errors)
    return _message(data)


def write_failed(what: tuple[Message, str], status: int | None, detail: str, rate_limited: bool = False) -> Message:
    """Why a write failed, what it means and what to do; it was not retried."""
    action, permission = what
    cause = msg("forge_cause_connection", detail=detail) if status is None else msg("forge_cause_http", status=status, detail=detail)
    if rate_limited:
        hint = msg("forge_hint_rate_limit")
    elif status in (401, 403, 404):
        hint = msg("forge_hint_permission", permission=permission)
    else:
        hint = msg("forge_hint_not_retried")
    return msg("forge_write_failed", what=action, cause=cause, hint=hint)
