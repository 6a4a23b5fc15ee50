"""Tamper evidence for the approval archive: what ``govreview archive verify`` concludes
from facts gathered elsewhere (the archive's lines, the git repository, anchors kept
outside the archive branch, and, when asked, the forge). Pure: no I/O.

The hash chain inside the archive (checked while reading it) shows an edited, deleted,
inserted or reordered line as long as nobody recomputed the hashes after it. Whoever
can write the archive branch can recompute them, so the chain's head is also kept where
that writer cannot quietly change it: a tag per publish (tags protected against update
and deletion) and the manifest of every deployed site. An anchor (seq, hash) holds when
the archive's line number seq+1 still hashes to it; because each line carries the hash
of the one before, that proves every line up to it unchanged (R-55: the record is kept
whole). Each pull request record names its merge commit and the blobs it vouches for:
they must be in this repository, on main, with those blobs — a record copied from
another repository, or a main rewritten after publication, fails here.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol


@dataclass(frozen=True)
class Entry:
    """One record line of the archive, as the audit needs it."""

    line: int  # the line number in the file (the header is line 1)
    seq: int
    hash: str  # ``sha256:`` hash of this line's bytes
    kind: str
    pull: int | None = None
    merge_commit: str | None = None
    head: str | None = None
    merged_by: str | None = None
    files: tuple[tuple[str, str | None], ...] = ()  # path -> blob the record vouches for (None: removed)
    commit: str | None = None  # a publication's built commit


@dataclass(frozen=True)
class Anchor:
    """A chain head kept outside the archive branch: line ``seq`` hashed to ``hash``."""

    source: str  # where it was found: a tag name, a manifest file
    seq: int
    hash: str


@dataclass(frozen=True)
class ForgePull:
    """What the forge says about a pull request (None in the mapping: it has no such pull)."""

    merged: bool
    merge_commit: str | None
    head: str | None
    merged_by: str | None
    repository: str | None  # the base repository's full name


class GitFacts(Protocol):
    """Answers about the site's git repository."""

    def exists(self, sha: str) -> bool: ...

    def on_main(self, sha: str) -> bool: ...

    def blob_at(self, sha: str, path: str) -> str | None: ...


@dataclass(frozen=True)
class Finding:
    """One thing that does not hold: a message code of the archive catalogue, its
    parameters, and the archive line it concerns (None: the archive as a whole)."""

    code: str
    line: int | None = None
    params: Mapping[str, object] = field(default_factory=dict)


def check_anchors(entries: Sequence[Entry], anchors: Sequence[Anchor]) -> list[Finding]:
    """Each anchor must still hold: the archive reaches its seq, and that line hashes to it."""
    by_seq = {e.seq: e for e in entries}
    last = entries[-1].seq if entries else 0
    out: list[Finding] = []
    for anchor in anchors:
        if anchor.seq == 0:
            continue  # a header-only archive anchors nothing
        entry = by_seq.get(anchor.seq)
        if entry is None:
            out.append(Finding("archive.verify_anchor_beyond", None, {"source": anchor.source, "seq": anchor.seq, "last": last}))
        elif entry.hash != anchor.hash:
            out.append(Finding("archive.verify_anchor_differs", entry.line, {"source": anchor.source, "seq": anchor.seq}))
    return out


def check_git(entries: Sequence[Entry], git: GitFacts) -> list[Finding]:
    """Every merge commit (and published commit) is in the repository, on main, and holds
    the blobs its record vouches for."""
    out: list[Finding] = []
    for e in entries:
        if e.kind == "pull" and e.merge_commit is not None:
            where = {"pull": e.pull, "commit": e.merge_commit}
            if not git.exists(e.merge_commit):
                out.append(Finding("archive.verify_commit_unknown", e.line, where))
                continue
            if not git.on_main(e.merge_commit):
                out.append(Finding("archive.verify_commit_off_main", e.line, where))
            for path, blob in e.files:
                found = git.blob_at(e.merge_commit, path)
                if found != blob:
                    out.append(
                        Finding(
                            "archive.verify_blob_differs",
                            e.line,
                            {**where, "path": path, "recorded": blob or "—", "found": found or "—"},
                        )
                    )
        elif e.kind == "publication" and e.commit is not None:
            if not git.exists(e.commit):
                out.append(Finding("archive.verify_published_unknown", e.line, {"commit": e.commit}))
            elif not git.on_main(e.commit):
                out.append(Finding("archive.verify_published_off_main", e.line, {"commit": e.commit}))
    return out


def check_forge(entries: Sequence[Entry], pulls: Mapping[int, ForgePull | None], repository: str) -> list[Finding]:
    """Each pull request record agrees with the forge's pull request of that number:
    merged, into this repository, with the same merge commit, head and merger."""
    out: list[Finding] = []
    for e in entries:
        if e.kind != "pull" or e.pull is None:
            continue
        seen = pulls.get(e.pull)
        base = {"pull": e.pull}
        if seen is None or not seen.merged:
            out.append(Finding("archive.verify_forge_no_pull", e.line, {**base, "repo": repository}))
            continue
        if seen.repository is not None and seen.repository.lower() != repository.lower():
            out.append(Finding("archive.verify_forge_other_repo", e.line, {**base, "repo": repository, "found": seen.repository}))
        for name, recorded, found in (
            ("merge_commit", e.merge_commit, seen.merge_commit),
            ("head", e.head, seen.head),
            ("merged_by", e.merged_by, seen.merged_by),
        ):
            if recorded is not None and recorded != found:
                out.append(
                    Finding("archive.verify_forge_differs", e.line, {**base, "field": name, "recorded": recorded, "found": found or "—"})
                )
    return out
