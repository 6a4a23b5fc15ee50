"""Judging every file of a commit (or of the work tree) without running anything from it.

Deny by default: a file under ``docs_dir`` is published content, judged by its
column's chain; every other tracked file is a build input needing the policy
owners, unless the approved policy lists it under ``build.not_read`` — then the
build never sees it. Settings and the policy are read as plain YAML; MkDocs never
loads the configuration here and no hook or plugin from the tree is imported.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from .. import messages
from ..archive_jsonl import Archive, ArchiveError, parse_archive
from ..calendar_data import calendar_for_policy
from ..core.includes import include_reasons
from ..core.policy import Policy
from ..core.rendered import RenderedPage
from ..core.takedown import is_taken_down
from ..core.verdict import BUILD_INPUT, PAGE, Reason, Verdict
from ..findings_cache import open_cache
from ..gittree import FILE_MODES, SUBMODULE, SYMLINK, GitError, LfsError, TreeEntry, git, lfs_content, lfs_pointer
from ..messages import Message, msg, say
from ..policy_yaml import PolicyError, load_policy, policy_id
from ..review import ReadFile, SiteReview, kind_of, review_from
from ..screen_content import rendered_screenable, with_rendered
from ..settings import Settings, SettingsError, read_settings
from .includes import NETWORK, IncludeMap
from .sources import Source

#: Where the snapshot keeps its manifest and evidence: never a path of the repository.
RESERVED = ".govreview-snapshot"
#: Files this size or smaller keep their bytes in memory between judging and writing.
_KEEP = 1 << 20


class StageError(messages.Problem):
    """Nothing can be judged (settings, policy or archive unusable): nothing is staged.
    ``str()`` is the message in the process language; ``text(lang)`` in any."""

    def __init__(self, message: Message | str) -> None:
        super().__init__(*([message] if isinstance(message, Message) else []))
        self.plain = message if isinstance(message, str) else None

    def text(self, lang: str) -> str:
        return self.plain if self.plain is not None else super().text(lang)

    def __str__(self) -> str:
        return self.text(messages.lang_of())


@dataclass
class JudgedFile:
    entry: TreeEntry
    rel: str  # docs-relative for files in docs_dir, repository-relative otherwise
    kind: str
    in_docs: bool
    verdict: Verdict
    read: ReadFile | None = None
    data: bytes | None = None  # the bytes to publish (an LFS object resolved), when kept


@dataclass
class Judgement:
    settings: Settings
    review: SiteReview
    source: Source
    archive_bytes: bytes
    includes: IncludeMap
    files: list[JudgedFile] = field(default_factory=list)
    not_read: list[str] = field(default_factory=list)
    problems: list[Message] = field(default_factory=list)  # rendered by whoever shows them
    #: The archive as read (publications and baselines: feed dates and 索引号 of the snapshot).
    archive: Archive | None = None

    @property
    def stops(self) -> list[JudgedFile]:
        """Files whose refusal stops everything: a build input outside docs_dir that is
        not approved, or any withheld file when the site says ``on_blocked: fail``."""
        fail = self.settings.on_blocked == "fail"
        # A page taken down in an emergency never stops the publish: stopping would keep it
        # on the deployed site; it must leave in this very build.
        return [f for f in self.files if not f.verdict.approved and (not f.in_docs or (fail and not is_taken_down(f.verdict)))]

    @property
    def ok(self) -> bool:
        return not self.problems and not self.stops

    def published(self) -> Iterator[JudgedFile]:
        return (f for f in self.files if f.verdict.approved)

    def withheld(self) -> list[JudgedFile]:
        return [f for f in self.files if f.in_docs and not f.verdict.approved]

    def verdicts(self) -> list[Verdict]:
        return [f.verdict for f in self.files]


def _policy_texts(source: Source, folder: str) -> dict[str, str]:
    name = posixpath.basename(folder)
    out: dict[str, str] = {}
    for entry in source.entries():
        parent, _, base = entry.path.rpartition("/")
        if parent == folder and base.endswith((".yml", ".yaml")) and entry.mode in FILE_MODES:
            data = source.read(entry)
            try:
                out[f"{name}/{base}"] = data.decode("utf-8-sig")
            except UnicodeDecodeError:
                raise StageError(msg("snapshot_policy_not_utf8", path=entry.path)) from None
    if not out:
        raise StageError(msg("snapshot_no_policy_files", folder=folder))
    return out


def read_archive_from(
    root: Path, settings: Settings, archive_ref: str | None = None, archive_file: str | None = None
) -> tuple[Archive, bytes]:
    """The approval archive: from a git object (``REF`` or ``REF:PATH``, e.g. the bot's
    archive branch) or from a file. Raises ArchiveError."""
    if archive_ref:
        ref, _, path = archive_ref.partition(":")
        path = path or "approvals.jsonl"
        try:
            data = git(root, "cat-file", "blob", f"{ref}:{path}")
        except GitError as err:
            why = say(msg("snapshot_archive_git_unreadable", error=str(err)), messages.lang_of())
            raise ArchiveError(archive_ref, None, why) from None
        return parse_archive(data, f"{ref}:{path}"), data
    file = root / (archive_file or settings.archive)
    try:
        data = file.read_bytes()
    except OSError as err:
        why = say(msg("snapshot_archive_unreadable", error=str(err.strerror)), messages.lang_of())
        raise ArchiveError(str(file), None, why) from None
    return parse_archive(data, str(file)), data


def judge_source(
    source: Source,
    config: str = "mkdocs.yml",
    archive_ref: str | None = None,
    archive_file: str | None = None,
    includes: IncludeMap | None = None,
    archive: tuple[Archive, bytes] | None = None,
    proposed: Policy | None = None,
) -> Judgement:
    """Judge every file ``source`` holds. Raises StageError (settings or policy unusable)
    or ArchiveError (evidence unusable): fail closed, nothing is published.

    ``proposed``: judge every file by this policy instead of the one its pull request
    merged under (what a policy change would do; never used to publish)."""
    root = source.root
    try:
        settings = read_settings(config, source.text)
    except SettingsError as err:
        raise StageError(err.messages[0] if err.messages else str(err)) from None
    # Pages and other small files under docs_dir are read by git in the background while
    # the policy and the archive are loaded (build inputs outside it, once the policy says which).
    source.prefetch([e for e in source.entries() if 0 <= e.size <= _KEEP and settings.in_docs(e.path)])
    files = _policy_texts(source, settings.policies)
    try:
        policy = load_policy(files, root / settings.policies)
    except PolicyError as err:
        raise StageError(msg("snapshot_policy_invalid", detail=str(err))) from None
    loaded, archive_bytes = archive or read_archive_from(root, settings, archive_ref, archive_file)
    cache = open_cache(root, settings.cache, settings.site_dir, settings.docs_dir)
    review = review_from(root, policy, loaded, root / settings.archive, root / settings.policies, policy_id(files), cache)
    if proposed is not None:
        review.policy = proposed
        review.snapshots = {pid: proposed for pid in review.snapshots}
        review.calendars = {pid: calendar_for_policy(proposed) for pid in review.snapshots}
    known = includes if includes is not None else IncludeMap.read(root / settings.includes)
    judgement = Judgement(settings, review, source, archive_bytes, known, archive=loaded)
    limit = settings.max_file_mb << 20
    # Evidence and records are read by govreview, never by the generator.
    evidence = {settings.archive, settings.includes, settings.report}
    source.prefetch([e for e in source.entries() if 0 <= e.size <= _KEEP and not settings.in_docs(e.path) and policy.build.reads(e.path)])
    for entry in source.entries():
        path = entry.path
        if path == RESERVED or path.startswith(RESERVED + "/"):
            judgement.problems.append(msg("snapshot_reserved_name", path=path, reserved=RESERVED))
            continue
        in_docs = settings.in_docs(path)
        if not in_docs and path in source.untracked:
            continue  # not committed yet: only a new page or attachment is worth judging before it is
        if not in_docs and (path in evidence or not policy.build.reads(path)):
            if path == settings.config or path.startswith(settings.policies + "/"):
                judgement.problems.append(msg("snapshot_not_read_refused", path=path))
            judgement.not_read.append(path)
            continue
        rel = path[len(settings.docs_prefix) :] if in_docs else path
        kind = kind_of(rel) if in_docs else BUILD_INPUT
        judgement.files.append(_judge_entry(source, review, entry, rel, kind, in_docs, limit))
    check_includes(judgement)
    return judgement


def _judge_entry(source: Source, review: SiteReview, entry: TreeEntry, rel: str, kind: str, in_docs: bool, limit: int) -> JudgedFile:
    if entry.mode == SYMLINK:
        _, verdict = review.refuse(rel, entry.path, kind, Reason("symlink", "R-02", {"target": "?"}))
        return JudgedFile(entry, rel, kind, in_docs, verdict)
    if entry.mode == SUBMODULE or entry.mode not in FILE_MODES:
        _, verdict = review.refuse(rel, entry.path, kind, Reason("not_a_file", "R-02", {"mode": entry.mode}))
        return JudgedFile(entry, rel, kind, in_docs, verdict)
    if entry.size > limit:
        params = {"size_mb": round(entry.size / (1 << 20), 1), "limit_mb": limit >> 20}
        _, verdict = review.refuse(rel, entry.path, kind, Reason("too_large", None, params))
        return JudgedFile(entry, rel, kind, in_docs, verdict)
    try:
        data = source.read(entry)
    except (OSError, GitError) as err:
        _, verdict = review.refuse(rel, entry.path, kind, Reason("unreadable", "R-02", {"error": str(err)}))
        return JudgedFile(entry, rel, kind, in_docs, verdict)
    blob = entry.blob or None
    pointer = lfs_pointer(data) if source.commit is not None else None
    if pointer is not None:
        try:
            content = lfs_content(source.root, pointer)
        except (LfsError, GitError) as err:
            _, verdict = review.refuse(rel, entry.path, kind, Reason("lfs_refused", "R-02", {"detail": str(err)}))
            return JudgedFile(entry, rel, kind, in_docs, verdict)
        read, verdict = review.judge_data(content, rel, kind, entry.path, blob=entry.blob)
        return JudgedFile(entry, rel, kind, in_docs, verdict, read, content if len(content) <= _KEEP else None)
    read, verdict = review.judge_data(data, rel, kind, entry.path, blob=blob)
    return JudgedFile(entry, rel, kind, in_docs, verdict, read, data if len(data) <= _KEEP else None)


def check_rendered(judgement: Judgement, rendered: Mapping[str, RenderedPage], drafts: bool = False) -> list[str]:
    """Judge again every published page whose rendered text or title shows a finding its
    source does not (:mod:`govreview.core.rendered`): the gate decides, as for any finding
    (a block withholds unless the clearing role cleared that very finding, R-03). Returns the
    pages withheld for it. ``rendered``: repository path -> the page as the build rendered it.

    ``drafts``: judge pages no merge produced yet instead (what they will need, by today's
    policy), as ``govreview check`` shows an editor before the pull request."""
    review = judgement.review
    newly: list[str] = []
    for f in judgement.files:
        page = rendered.get(f.entry.path)
        if page is None or f.kind != PAGE or (f.verdict.pull is not None if drafts else not f.verdict.approved):
            continue
        entry = review.index.latest(f.entry.path)
        if drafts or f.verdict.baseline is not None:  # no merge judged it: today's policy screens it
            policy: Policy | None = review.policy
        else:
            policy = review.snapshots.get(entry.pull.policy) if entry is not None else None
        shown = rendered_screenable(f.rel, page, review.cache)
        if policy is None or not shown.findings(policy.screening, {}):
            continue  # nothing in the rendered text at all: the source's findings stand (most pages)
        data = f.data if f.data is not None else _content_of(judgement.source, f.entry)
        read = review.read_data(data, f.rel, PAGE, f.entry.path, blob=f.entry.blob)
        own = read.screenable.findings if read.screenable is not None else None
        screener = with_rendered(own, shown, read.text or "", page)
        if len(screener(policy.screening, {})) == len(own(policy.screening, {}) if own is not None else ()):
            continue  # the source shows every finding already
        f.verdict = review.judge(read.source, screener)
        if not f.verdict.approved:
            newly.append(f.entry.path)
    return newly


def render_drafts(judgement: Judgement) -> list[Message]:
    """Render the pages no merge produced yet with the configuration's Markdown extensions and
    judge them with what only their rendered text shows (:mod:`govreview.render_preview`).
    Returns notices: the extensions cannot be set up here, or pages too large or too slow to render."""
    from ..render_preview import Preview, PreviewUnavailable  # Python-Markdown: not needed to stage

    try:
        preview = Preview(judgement.settings.markdown_extensions)
    except PreviewUnavailable as err:
        return [msg("pr_preview_unavailable", config=judgement.settings.config, detail=str(err))]
    rendered = {}
    skipped = []
    for f in judgement.files:
        read = f.read
        if f.kind == PAGE and f.verdict.pull is None and read is not None and read.body is not None and read.source.meta is not None:
            page = preview.render(read.body, read.source.meta)
            if page is None:
                skipped.append(f.entry.path)
            else:
                rendered[f.entry.path] = page
    check_rendered(judgement, rendered, drafts=True)
    return [msg("pr_preview_skipped", paths="、".join(skipped))] if skipped else []


def _content_of(source: Source, entry: TreeEntry) -> bytes:
    """A file's published bytes read again (a Git LFS pointer's object, verified)."""
    data = source.read(entry)
    pointer = lfs_pointer(data) if source.commit is not None else None
    return lfs_content(source.root, pointer) if pointer is not None else data


def check_includes(judgement: Judgement) -> None:
    """Withhold a page whose included text its approvers did not approve (observed includes)."""
    by_path = {f.entry.path: f for f in judgement.files}
    review = judgement.review
    for page_path, included in judgement.includes.pages.items():
        page = by_path.get(page_path)
        if page is None or page.kind != PAGE or not page.verdict.approved or page.read is None:
            continue
        remote = [path[len(NETWORK) :] for path in included if path.startswith(NETWORK)]
        reasons: list[Reason] = [Reason("include_remote", "R-02", {"url": remote})] if remote else []
        for path in included:
            if path.startswith(NETWORK):
                continue
            other = by_path.get(path)
            if other is None or other is page or not other.verdict.approved or other.read is None:
                continue  # absent from the snapshot: the page cannot include it
            reasons += include_reasons(page.read.source, page.verdict, other.read.source, review.index, review.snapshots)
        if reasons:
            page.verdict = replace(page.verdict, reasons=tuple(reasons))
            review.verdicts[page.rel] = page.verdict


__all__ = ["RESERVED", "JudgedFile", "Judgement", "StageError", "judge_source", "read_archive_from"]
