"""Builders for evidence in tests: a merged pull request in a few lines.

    pr = PR(author="ed").push("docs/news/a.md", blob="b1").approve("head1-reviewer")...

Times are minutes after a fixed start, in UTC, so tests read as a timeline.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from govreview.core.evidence import ArchiveIndex, Commit, FileChange, Head, LabelEvent, PullRecord, Review
from govreview.core.page import SourceFile
from govreview.core.verdict import PAGE

START = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)
POLICY_ID = "sha256:test-policy"


def t(minutes: float) -> datetime:
    return START + timedelta(minutes=minutes)


@dataclass
class PR:
    """A pull request under construction. Each push is a new head with the given file blobs."""

    number: int = 1
    author: str = "editor"
    title: str = "测试拉取请求"
    heads: list[Head] = field(default_factory=list)
    reviews: list[Review] = field(default_factory=list)
    labels: list[LabelEvent] = field(default_factory=list)
    commits: list[Commit] = field(default_factory=list)
    teams: dict[str, frozenset[str]] = field(default_factory=dict)
    removed: set[str] = field(default_factory=set)

    def push(self, at: float, files: dict[str, str | None], *, committer: str | None = None, author: str | None = "") -> PR:
        """A push at minute ``at``; ``files`` changes blobs on top of the previous head."""
        prev = dict(self.heads[-1].files) if self.heads else {}
        prev.update(files)
        sha = f"c{self.number}x{len(self.heads) + 1}"
        self.heads.append(Head(sha, t(at), prev))
        commit_author = self.author if author == "" else author
        self.commits.append(Commit(sha, commit_author, committer or commit_author))
        return self

    @property
    def head(self) -> str:
        return self.heads[-1].sha

    def review(self, login: str, state: str, at: float, commit: str | None = None) -> PR:
        self.reviews.append(Review(login, state, commit or self.head, t(at)))
        return self

    def clear(
        self, login: str, at: float, body: str, state: str = "COMMENTED", commit: str | None = None, edited: bool | None = False
    ) -> PR:
        """A review whose body names screening findings to clear (one line each); ``edited``:
        whether the body was edited after submission, as the forge told (None: not known)."""
        self.reviews.append(Review(login, state, commit or self.head, t(at), 9000 + len(self.reviews), body, edited))
        return self

    def approve(self, login: str, at: float, commit: str | None = None) -> PR:
        return self.review(login, "APPROVED", at, commit)

    def label(self, name: str, actor: str, at: float, action: str = "labeled") -> PR:
        self.labels.append(LabelEvent(name, action, actor, t(at)))
        return self

    def merged(self, at: float = 1000, merged_files: dict[str, str | None] | None = None, policy: str = POLICY_ID) -> PullRecord:
        final = self.heads[-1].files
        result = dict(final) if merged_files is None else merged_files
        files = tuple(FileChange(path, "removed" if blob is None else "added", blob) for path, blob in sorted(result.items()))
        return PullRecord(
            number=self.number,
            title=self.title,
            author=self.author,
            merged_at=t(at),
            merge_commit=f"m{self.number}",
            head=self.head,
            base=f"b{self.number}",
            policy=policy,
            files=files,
            reviews=tuple(self.reviews),
            labels=tuple(self.labels),
            heads=tuple(self.heads),
            commits=tuple(self.commits),
            teams=dict(self.teams),
        )


def page(path: str, blob: str, meta: dict[str, object] | None = None, kind: str = PAGE) -> SourceFile:
    """A page under docs/ (``path`` is docs-relative; the repository path adds docs/)."""
    return SourceFile(path, f"docs/{path}", blob, kind, {"title": "标题", "author": "经办人"} if meta is None else meta)


def index(*pulls: PullRecord) -> ArchiveIndex:
    return ArchiveIndex(pulls)
