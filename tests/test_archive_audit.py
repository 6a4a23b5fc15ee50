"""The tamper audit's pure core (govreview.core.archive_audit) with plain data: anchors,
git facts and the forge's answers given directly."""

from __future__ import annotations

from dataclasses import dataclass, field

from govreview.core.archive_audit import Anchor, Entry, ForgePull, check_anchors, check_forge, check_git

A, B, C = "a" * 40, "b" * 40, "c" * 40
PULL = Entry(3, 2, "sha256:" + "2" * 64, "pull", pull=7, merge_commit=A, head=B, merged_by="lin-na", files=(("docs/a.md", "f" * 40),))
ENTRIES = [Entry(2, 1, "sha256:" + "1" * 64, "policy"), PULL, Entry(4, 3, "sha256:" + "3" * 64, "publication", commit=A)]


@dataclass
class Git:
    commits: set[str] = field(default_factory=lambda: {A})
    main: set[str] = field(default_factory=lambda: {A})
    blobs: dict[tuple[str, str], str] = field(default_factory=lambda: {(A, "docs/a.md"): "f" * 40})

    def exists(self, sha: str) -> bool:
        return sha in self.commits

    def on_main(self, sha: str) -> bool:
        return sha in self.main

    def blob_at(self, sha: str, path: str) -> str | None:
        return self.blobs.get((sha, path))


def codes(findings) -> list[str]:
    return [f.code for f in findings]


def test_anchors_hold_only_where_the_archive_still_passes_through_them():
    assert check_anchors(ENTRIES, [Anchor("tag", 2, PULL.hash), Anchor("site", 0, "sha256:x")]) == []
    differs = check_anchors(ENTRIES, [Anchor("govreview-archive/2", 2, "sha256:" + "9" * 64)])
    assert codes(differs) == ["archive.verify_anchor_differs"] and differs[0].line == 3
    beyond = check_anchors(ENTRIES, [Anchor("site", 9, "sha256:" + "9" * 64)])
    assert codes(beyond) == ["archive.verify_anchor_beyond"] and beyond[0].params["last"] == 3


def test_merge_commits_must_exist_be_on_main_and_hold_the_recorded_blobs():
    assert check_git(ENTRIES, Git()) == []
    assert codes(check_git(ENTRIES, Git(commits=set()))) == ["archive.verify_commit_unknown", "archive.verify_published_unknown"]
    assert codes(check_git(ENTRIES, Git(main=set()))) == ["archive.verify_commit_off_main", "archive.verify_published_off_main"]
    wrong = check_git(ENTRIES, Git(blobs={(A, "docs/a.md"): "e" * 40}))
    assert codes(wrong) == ["archive.verify_blob_differs"] and wrong[0].params["found"] == "e" * 40
    removed = Entry(5, 4, "sha256:" + "4" * 64, "pull", pull=8, merge_commit=A, head=C, files=(("docs/a.md", None),))
    assert codes(check_git([removed], Git())) == ["archive.verify_blob_differs"]  # recorded as removed, still there
    assert check_git([removed], Git(blobs={})) == []


def test_the_forge_must_agree_on_every_pull_request():
    same = ForgePull(True, A, B, "lin-na", "city/site")
    assert check_forge(ENTRIES, {7: same}, "City/Site") == []
    assert codes(check_forge(ENTRIES, {7: None}, "city/site")) == ["archive.verify_forge_no_pull"]
    assert codes(check_forge(ENTRIES, {}, "city/site")) == ["archive.verify_forge_no_pull"]  # never asked: not vouched for
    unmerged = ForgePull(False, None, B, None, "city/site")
    assert codes(check_forge(ENTRIES, {7: unmerged}, "city/site")) == ["archive.verify_forge_no_pull"]
    other = ForgePull(True, C, B, "ed", "town/site")
    found = check_forge(ENTRIES, {7: other}, "city/site")
    assert codes(found) == ["archive.verify_forge_other_repo", "archive.verify_forge_differs", "archive.verify_forge_differs"]
    assert [f.params.get("field") for f in found[1:]] == ["merge_commit", "merged_by"]
