"""A pull request's preview: its pages as they will look, never the public site.

Built from the BASE commit's approved snapshot — its approved build inputs (configuration,
theme overrides, hooks, snippets) and pages — with the pull request's own pages and
attachments under ``docs_dir`` put in, each carrying the 「未审批 · 不得发布」 banner and its
reasons. Whatever the pull request changes outside ``docs_dir`` (a hook, a plugin, the
configuration) is left out: it never runs here. The generator runs in a fresh folder as for
``govreview build``; the output goes to a folder of its own, never ``site_dir``.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path

from ..blockplace import with_block
from ..core.verdict import PAGE
from ..frontmatter import YAML_RE, decode
from ..gittree import git
from ..messages import msg
from ..plugin.blocks import banner_html
from ..review import kind_of
from .build import BuildFailed, run_generator, swap_in
from .judge import JudgedFile, Judgement
from .sources import CommitSource


@dataclass(frozen=True)
class Previewed:
    pages: list[str]  # repository paths of the pull request's files shown (with the banner for pages)
    left_out: list[str]  # the pull request's changes outside docs_dir: not in the preview
    removed: list[str]  # files the pull request deletes: not in the preview


def _with_banner(data: bytes, banner: str) -> bytes:
    doc = decode(data)
    m = YAML_RE.match(doc)
    head, body = (doc[: m.end()], doc[m.end() :]) if m else ("", doc)
    return (head + with_block(body, banner)).encode("utf-8")


def pull_changes(root: Path, base: str, head: str) -> tuple[list[str], list[str]]:
    """Paths the pull request adds or changes (from the merge base to ``head``), and the
    paths it deletes."""
    merge_base = git(root, "merge-base", base, head).decode().strip()
    out = git(root, "diff", "--no-renames", "-z", "--name-status", merge_base, head).decode("utf-8", "surrogateescape")
    parts = [p for p in out.split("\0") if p]
    changed: list[str] = []
    removed: list[str] = []
    for status, path in zip(parts[::2], parts[1::2], strict=False):
        (removed if status.startswith("D") else changed).append(path)
    return changed, removed


def with_pull_pages(judgement: Judgement, head: CommitSource, changed: list[str], removed: list[str], lang: str) -> Previewed:
    """Put the pull request's files under docs_dir into the base's judgement, approved for
    the preview only, each page with the banner and what it still lacks."""
    settings = judgement.settings
    review = judgement.review
    by_path = {e.path: e for e in head.entries()}
    shown: list[str] = []
    left_out = sorted(p for p in changed if not settings.in_docs(p))
    gone = set(removed) | {p for p in changed if settings.in_docs(p)}
    judgement.files = [f for f in judgement.files if f.entry.path not in gone]
    for path in sorted(p for p in changed if settings.in_docs(p)):
        entry = by_path.get(path)
        if entry is None or not entry.is_file:
            continue
        rel = path[len(settings.docs_prefix) :]
        kind = kind_of(rel)
        data = head.read(entry)
        _, verdict = review.judge_data(data, rel, kind, path, blob=entry.blob)
        if kind == PAGE:
            data = _with_banner(data, banner_html(verdict, lang))
        # Approved for this preview only: the banner says it is not.
        judgement.files.append(JudgedFile(entry, rel, kind, True, replace(verdict, reasons=()), None, data))
        shown.append(path)
    return Previewed(shown, left_out, sorted(removed))


def build_preview(judgement: Judgement, out: Path, generator: str = "mkdocs", timeout: float | None = None) -> str:
    """Build the preview into ``out`` (replaced whole). Returns the generator's log. Raises BuildFailed."""
    site_dir = (judgement.source.root / judgement.settings.site_dir).resolve()
    if out.resolve() == site_dir or out.resolve().is_relative_to(site_dir):
        raise BuildFailed("", msg("preview_in_site", out=out))
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="govreview-preview-") as tmp:
        work = Path(tmp) / "pass-1"
        work.mkdir()
        built = Path(tempfile.mkdtemp(prefix=f".{out.name}.new-", dir=out.parent))
        try:
            observed = run_generator(judgement, generator, [], work, built, timeout)
            swap_in(built, out)
        finally:
            shutil.rmtree(built, ignore_errors=True)
    return observed.log
