"""Evidence from the forge: merged pull requests as recorded in the approval archive.

Pure data. :mod:`govreview.archive_jsonl` reads and writes it as JSON Lines; the
format is documented in guide/archive-format.md.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime

from .records import Baseline

APPROVED = "APPROVED"
CHANGES_REQUESTED = "CHANGES_REQUESTED"
DISMISSED = "DISMISSED"
COMMENTED = "COMMENTED"
#: Review states that replace a reviewer's earlier state (COMMENTED does not, as on GitHub).
DECISIVE_STATES = frozenset({APPROVED, CHANGES_REQUESTED, DISMISSED})

ADDED = "added"
MODIFIED = "modified"
RENAMED = "renamed"
REMOVED = "removed"
FILE_STATUSES = frozenset({ADDED, MODIFIED, RENAMED, REMOVED})


@dataclass(frozen=True)
class Review:
    login: str
    state: str
    commit_id: str
    submitted_at: datetime
    #: The forge's id of the review (archive format 2; None where unknown, e.g. migrated
    #: from format 1). A screening clearance names the review it was given in by this id.
    id: int | None = None
    #: The review's text. A holder of the policy's clearing role names here, one line each,
    #: the screening findings the review clears (:mod:`govreview.core.clearing`). Empty where
    #: the forge gave none or the archive predates it.
    body: str = ""
    #: Whether the body was edited after the review was submitted (the forge lets the
    #: reviewer edit it; REST shows no edit time, GraphQL's ``lastEditedAt`` does). Read
    #: only for bodies holding a clearing line: True edited, False not edited, None not
    #: known — a clearing line then does not count (:mod:`govreview.core.clearing`).
    edited: bool | None = None


@dataclass(frozen=True)
class LabelEvent:
    label: str
    action: str  # "labeled" | "unlabeled"
    actor: str
    at: datetime


@dataclass(frozen=True)
class Head:
    """A head the pull request had: the pushed commit, when the server saw the push,
    and the blob of every file the pull request changes at that commit (None: absent)."""

    sha: str
    pushed_at: datetime | None
    files: Mapping[str, str | None]


@dataclass(frozen=True)
class Commit:
    sha: str
    author: str | None
    committer: str | None


@dataclass(frozen=True)
class FileChange:
    """A file the merge changed, with its blob in the merge commit (None when removed)."""

    path: str
    status: str
    blob: str | None
    previous_path: str | None = None


@dataclass(frozen=True)
class PullRecord:
    number: int
    title: str
    author: str
    merged_at: datetime
    merge_commit: str
    head: str
    base: str
    policy: str
    files: tuple[FileChange, ...]
    reviews: tuple[Review, ...] = ()
    labels: tuple[LabelEvent, ...] = ()
    heads: tuple[Head, ...] = ()
    commits: tuple[Commit, ...] = ()
    teams: Mapping[str, frozenset[str]] = field(default_factory=dict)
    #: Teams whose membership the token could not read (team -> HTTP status), on an open
    #: pull request; never in the archive (sync refuses to record such a pull request).
    unreadable_teams: Mapping[str, int] = field(default_factory=dict)
    #: Reviews holding a clearing line whose edit state the forge could not give (review id ->
    #: why), on an open pull request; never in the archive (sync refuses to record such a pull request).
    unreadable_edits: Mapping[int, str] = field(default_factory=dict)
    #: Who merged it (the forge's ``merged_by``): only the website office publishes (R-04).
    #: None where the forge did not say (and in archives migrated from format 1).
    merged_by: str | None = None
    #: Server time the pull request was marked ready for review, or opened as non-draft:
    #: deadlines "from the application" count from it (R-35). None where unknown.
    ready_at: datetime | None = None
    #: False only for an open pull request judged as if merged now (the pull-request check)
    #: and for "no evidence": what is judged at the merge (who merged) is then still to come.
    #: Never written to the archive: every archived record is a merge.
    merged: bool = True

    def head_named(self, sha: str) -> Head | None:
        for head in self.heads:
            if head.sha == sha:
                return head
        return None

    def contributors(self) -> frozenset[str]:
        """The author and every commit author and committer: never approvers of this PR."""
        people = {self.author}
        for commit in self.commits:
            people.update(p for p in (commit.author, commit.committer) if p)
        return frozenset(people)


@dataclass(frozen=True)
class ArchiveEntry:
    """The last merged change to one path."""

    pull: PullRecord
    change: FileChange


class ArchiveIndex:
    """Merged pull requests indexed by path: which merge last touched each file."""

    def __init__(self, pulls: Iterable[PullRecord], baselines: Iterable[Baseline] = ()) -> None:
        self.pulls = tuple(sorted(pulls, key=lambda p: (p.merged_at, p.number)))
        #: What was public before the site adopted govreview (R-11), by path: the last record of each.
        self._baselines: dict[str, Baseline] = {b.path: b for b in baselines}
        self._latest: dict[str, ArchiveEntry] = {}
        for pull in self.pulls:
            for change in pull.files:
                if change.previous_path and change.previous_path != change.path:
                    gone = FileChange(change.previous_path, REMOVED, None)
                    self._latest[change.previous_path] = ArchiveEntry(pull, gone)
                self._latest[change.path] = ArchiveEntry(pull, change)

    def latest(self, path: str) -> ArchiveEntry | None:
        return self._latest.get(path)

    def baseline(self, path: str) -> Baseline | None:
        return self._baselines.get(path)

    def paths(self) -> Iterable[str]:
        return self._latest.keys()
