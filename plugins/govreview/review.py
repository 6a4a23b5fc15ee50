"""Judging a whole site: the shell between files on disk and the pure gate.

Used by the MkDocs plugin and by the CLI, so both see the same verdicts. It
reads the current policy, the archive and the policy snapshots the archive
holds, computes each file's blob from the bytes on disk (never from HEAD), and
asks :func:`govreview.core.gate.judge`.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .archive_jsonl import Archive, ArchiveError, read_archive
from .calendar_data import calendar_for_policy
from .core.calendar import WorkCalendar
from .core.evidence import ArchiveIndex
from .core.gate import Screener, judge
from .core.page import SourceFile
from .core.policy import Policy
from .core.records import Takedown
from .core.takedown import open_takedowns, withhold
from .core.verdict import ATTACHMENT, BUILD_INPUT, PAGE, Reason, Verdict
from .findings_cache import FindingsCache, Screenable
from .frontmatter import MARKDOWN_SUFFIXES, blob_id, read_front_matter
from .policy_yaml import PolicyError, load_policy, policy_files, policy_id
from .published import AfterPublication, git_blobs
from .screen_content import file_screenable, is_policy_file, page_screenable
from .site_config import RawInputs, raw_inputs

log = logging.getLogger("mkdocs.plugins.govreview")

#: Published documents and media: judged like pages, under their column (R-01).
ATTACHMENT_SUFFIXES = frozenset(
    [
        ".pdf",
        ".ofd",
        ".doc",
        ".docx",
        ".wps",
        ".xls",
        ".xlsx",
        ".et",
        ".csv",
        ".ppt",
        ".pptx",
        ".dps",
        ".odt",
        ".ods",
        ".odp",
        ".txt",
        ".png",
        ".jpg",
        ".jpeg",
        ".gif",
        ".webp",
        ".bmp",
        ".tif",
        ".tiff",
        ".mp3",
        ".mp4",
        ".wav",
        ".avi",
        ".mov",
        ".zip",
        ".rar",
        ".7z",
    ]
)


def kind_of(path: str) -> str:
    """page (Markdown), attachment (published document or media) or build input
    (anything that shapes pages: CSS, JS, HTML, SVG, fonts ... → policy category)."""
    suffix = os.path.splitext(path)[1].lower()
    if suffix in MARKDOWN_SUFFIXES:
        return PAGE
    if suffix in ATTACHMENT_SUFFIXES:
        return ATTACHMENT
    return BUILD_INPUT


@dataclass
class ReadFile:
    source: SourceFile  # its ``content`` is left None: screening reads ``screenable``
    text: str | None  # decoded Markdown as MkDocs will render it (pages only)
    body: str | None = None  # the same without its front matter, when that was read cleanly
    #: What screening reads, read only when its findings are not cached; None: nothing to screen.
    #: Dropped once the file is judged (it holds the file's bytes until then).
    screenable: Screenable | None = None


@dataclass
class SiteReview:
    root: Path
    policy: Policy
    archive_path: Path
    index: ArchiveIndex
    snapshots: dict[str, Policy]
    snapshot_problems: dict[str, PolicyError] = field(default_factory=dict)
    calendars: dict[str, WorkCalendar] = field(default_factory=dict)  # per policy snapshot
    verdicts: dict[str, Verdict] = field(default_factory=dict)
    #: Folder (repository-relative) whose files are never screened: the policy, whose word lists name the words screening looks for.
    policies_rel: str = "policies"
    #: Findings of screening remembered between runs (None: screen every file every time).
    cache: FindingsCache | None = None
    #: What the archive says about published pages (R-44): corrections and withdrawals.
    after: AfterPublication | None = None
    #: Repository path -> its emergency takedown not yet confirmed (R-44): never published.
    taken_down: dict[str, Takedown] = field(default_factory=dict)

    def repo_path(self, path: Path) -> str:
        """Path relative to the repository, without following symbolic links."""
        try:
            return Path(os.path.abspath(path)).relative_to(os.path.abspath(self.root)).as_posix()
        except ValueError:
            return path.as_posix()

    def read(self, abs_path: Path, docs_rel: str, kind: str | None = None, repo: str | None = None) -> ReadFile:
        """Read a file once: its blob from the bytes on disk and, for pages, its front matter."""
        return self.read_data(abs_path.read_bytes(), docs_rel, kind, repo or self.repo_path(abs_path))

    def read_data(self, data: bytes, docs_rel: str, kind: str | None = None, repo: str | None = None, blob: str | None = None) -> ReadFile:
        """A file's content as the gate sees it: its blob id, for pages its front matter,
        and what screening reads (read later, and only if its findings are not cached).

        ``blob`` is the id git gave the file when it differs from the bytes' own (a
        Git LFS pointer, whose object ``data`` is); by default it is computed from ``data``.
        """
        kind = kind or kind_of(docs_rel)
        repo = repo or docs_rel
        blob = blob or blob_id(data)
        published = docs_rel != repo
        if kind != PAGE:
            if not published and is_policy_file(repo, self.policies_rel):
                return ReadFile(SourceFile(docs_rel, repo, blob, kind), None)
            screenable = file_screenable(docs_rel, blob, data, kind == ATTACHMENT, published, self.cache)
            return ReadFile(SourceFile(docs_rel, repo, blob, kind), None, screenable=screenable)
        known = self.cache.front_matter(blob) if self.cache is not None else None
        fm = read_front_matter(data, known)
        if known is None and self.cache is not None and fm.meta is not None and fm.problem is None:
            self.cache.remember_front_matter(blob, fm.meta, fm.lines)
        source = SourceFile(docs_rel, repo, blob, kind, fm.meta, fm.lines, fm.problem)
        return ReadFile(source, fm.text, fm.body, page_screenable(docs_rel, blob, fm, self.cache))

    def judge_path(self, abs_path: Path, rel: str, kind: str | None = None, repo: str | None = None) -> tuple[ReadFile, Verdict]:
        """Read and judge one file. A symbolic link, or a file that cannot be read, is never approved."""
        kind = kind or kind_of(rel)
        repo = repo or self.repo_path(abs_path)
        if abs_path.is_symlink():
            return self.refuse(rel, repo, kind, Reason("symlink", "R-02", {"target": os.readlink(abs_path)}))
        try:
            data = abs_path.read_bytes()
        except OSError as err:
            return self.refuse(rel, repo, kind, Reason("unreadable", "R-02", {"error": err.strerror or str(err)}))
        return self.judge_data(data, rel, kind, repo)

    def refuse(self, rel: str, repo: str, kind: str, problem: Reason) -> tuple[ReadFile, Verdict]:
        """A file that is never approved, whatever the archive says (a link, unreadable, too large …)."""
        source = SourceFile(rel, repo, "", kind)
        verdict = Verdict(rel, kind, (problem,))
        self.verdicts[self._key(source)] = verdict
        return ReadFile(source, None), verdict

    def judge_data(self, data: bytes, rel: str, kind: str, repo: str, blob: str | None = None) -> tuple[ReadFile, Verdict]:
        """Judge one file's content (from disk or from a git blob)."""
        read = self.read_data(data, rel, kind, repo, blob)
        screener = read.screenable.findings if read.screenable is not None else None
        read.screenable = None  # judged below: its bytes need not be kept
        return read, self.judge(read.source, screener)

    @staticmethod
    def _key(source: SourceFile) -> str:
        return source.path if source.kind != BUILD_INPUT else source.repo_path

    def judge(self, source: SourceFile, screener: Screener | None = None) -> Verdict:
        prior = self.after.prior if self.after is not None else None
        verdict = judge(source, self.index, self.snapshots, self.policy, self.calendars, screener, prior)
        takedown = self.taken_down.get(source.repo_path)
        if takedown is not None:
            verdict = withhold(verdict, takedown)
        self.verdicts[self._key(source)] = verdict
        return verdict


def open_review(root: Path, policies_dir: Path, archive_path: Path, cache: FindingsCache | None = None) -> SiteReview:
    """Load the current policy and the archive. Raises PolicyError or ArchiveError."""
    files = policy_files(policies_dir)
    policy = load_policy(files, policies_dir)
    archive = read_archive(archive_path)
    return review_from(root, policy, archive, archive_path, policies_dir, policy_id(files), cache)


def review_from(
    root: Path,
    policy: Policy,
    archive: Archive,
    archive_path: Path,
    policies_dir: Path | None = None,
    current_id: str | None = None,
    cache: FindingsCache | None = None,
) -> SiteReview:
    snapshots: dict[str, Policy] = {}
    problems: dict[str, PolicyError] = {}
    for pid, files in archive.policies.items():
        if pid == current_id:  # the snapshot is today's policy: one object, read once, compared by identity
            snapshots[pid] = policy
            continue
        try:
            snapshots[pid] = load_policy(files, archived=True)  # may predate parts required since
        except PolicyError as err:  # judged as "policy missing": fail closed
            problems[pid] = err
    calendars = {pid: calendar_for_policy(snap) for pid, snap in snapshots.items()}
    review = SiteReview(
        root, policy, archive_path, ArchiveIndex(archive.pulls, archive.baselines), snapshots, problems, calendars, cache=cache
    )
    review.after = AfterPublication.of(archive.publications, archive.baselines, archive.withdrawals, archive.corrections, git_blobs(root))
    review.taken_down = open_takedowns(archive.takedowns)
    if policies_dir is not None:
        review.policies_rel = review.repo_path(policies_dir)
    return review


def input_paths(root: Path, config_file: Path, policies: str, extra: Iterable[str], raw: RawInputs | None = None) -> Iterator[Path]:
    """Files outside docs/ that shape the published site (invariant 7): mkdocs.yml and
    every file it inherits, the policy, hooks, theme.custom_dir, snippet folders, the
    plugin's ``inputs``, and .gitattributes."""
    raw = raw or raw_inputs(config_file)
    yield from raw.configs
    for folder in [root / policies, *raw.folders, *(root / p for p in extra)]:
        if folder.is_dir():
            yield from sorted(p for p in folder.rglob("*") if (p.is_file() or p.is_symlink()) and "__pycache__" not in p.parts)
        elif folder.is_file() or folder.is_symlink():
            yield folder
    attributes = root / ".gitattributes"
    if attributes.is_file():
        yield attributes


__all__ = ["ArchiveError", "PolicyError", "SiteReview", "input_paths", "kind_of", "open_review"]
