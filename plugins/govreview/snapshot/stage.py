"""Writing the approved snapshot: a fresh folder, outside any work tree, holding
exactly three things —

1. approved files, each written from the git object database by its blob id,
   only where the commit's blob is the approved one;
2. generated files (column index pages, disclosure blocks added to articles),
   listed with their hashes in the manifest;
3. the evidence (the approval archive and the include map), outside docs_dir.

Nothing is copied from the work tree; untracked and ignored files never enter;
one unapproved build input stops everything and nothing is written.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .. import messages
from ..blockplace import with_block
from ..core.verdict import PAGE
from ..frontmatter import YAML_RE, decode
from ..gittree import lfs_content, lfs_pointer, top_level
from ..listing import page_path
from ..messages import msg
from ..site_config import yaml_values
from ..sitepages import article_column, column_pages, disclosure_html, listing_entry, navigation, shows_disclosure
from .judge import JudgedFile, Judgement
from .manifest import FOLDER, Item, Manifest, manifest_path, sha256


class StageRefused(messages.Problem):
    """The snapshot cannot be written where asked."""

    def __str__(self) -> str:  # callers show str(err) in the process language
        return self.text(messages.lang_of())


@dataclass(frozen=True)
class Staged:
    folder: Path
    manifest: Manifest


def check_destination(dest: Path) -> None:
    """A fresh folder outside any git work tree: nothing in it can reach unapproved objects."""
    if dest.exists() and (not dest.is_dir() or any(dest.iterdir())):
        raise StageRefused(msg("snapshot_dest_not_empty", dest=dest))
    parent = dest.parent if not dest.exists() else dest
    probe = parent
    while not probe.exists():
        probe = probe.parent
    tree = top_level(probe)
    if tree is not None:
        raise StageRefused(msg("snapshot_dest_in_work_tree", dest=dest, tree=tree))


def _bytes(judgement: Judgement, f: JudgedFile) -> bytes:
    if f.data is not None:
        return f.data
    data = judgement.source.read(f.entry)
    pointer = lfs_pointer(data) if judgement.source.commit is not None else None
    return lfs_content(judgement.source.root, pointer) if pointer is not None else data


def _with_disclosure(data: bytes, block: str) -> bytes:
    doc = decode(data)
    m = YAML_RE.match(doc)
    head, body = (doc[: m.end()], doc[m.end() :]) if m else ("", doc)
    return (head + with_block(body, block)).encode("utf-8")


def write_snapshot(judgement: Judgement, dest: Path) -> Staged:
    """Write the snapshot of an approved judgement into ``dest`` (atomically)."""
    if not judgement.ok:
        raise StageRefused(msg("snapshot_inputs_unapproved"))
    check_destination(dest)
    settings = judgement.settings
    policy = judgement.review.policy
    manifest = Manifest(judgement.source.commit, settings.config, settings.docs_dir)
    dest.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".staging-", dir=dest.parent))
    writer = _Writer(work)
    try:
        docs_files: dict[str, JudgedFile] = {}
        for f in judgement.published():
            data = _bytes(judgement, f)
            item = Item(sha256(data), f.kind, f.entry.blob or None)
            if f.in_docs:
                docs_files[f.rel] = f
                column = article_column(f.rel, policy) if f.kind == PAGE else None
                if settings.disclosure and shows_disclosure(f.rel, f.verdict, policy):
                    data = _with_disclosure(data, disclosure_html(f.verdict, policy.site, settings.lang))
                    item = Item(sha256(data), f.kind, item.blob, "disclosure", column)
                elif column is not None:
                    item = Item(item.sha256, f.kind, item.blob, None, column)
            writer.write(f.entry.path, data)
            manifest.files[f.entry.path] = item
        _search_page(judgement, docs_files, writer, manifest)
        if settings.column_index:
            _column_files(judgement, docs_files, writer, manifest)
            if not settings.has_nav:
                _write_nav(judgement, docs_files, writer, manifest)
        evidence = work / FOLDER
        evidence.mkdir(parents=True, exist_ok=True)
        (evidence / "approvals.jsonl").write_bytes(judgement.archive_bytes)
        (evidence / "includes.json").write_text(judgement.includes.to_json(judgement.source.commit), encoding="utf-8")
        manifest_path(work).write_text(manifest.to_json(), encoding="utf-8")
        if dest.exists():
            dest.rmdir()
        os.replace(work, dest)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    return Staged(dest, manifest)


def _column_files(judgement: Judgement, docs_files: dict[str, JudgedFile], writer: _Writer, manifest: Manifest) -> None:
    """Column index pages from the same function the plugin uses in memory."""
    settings = judgement.settings
    policy = judgement.review.policy
    articles = []
    for rel, f in docs_files.items():
        column = article_column(rel, policy) if f.kind == PAGE else None
        if column is not None:
            articles.append((column, listing_entry(rel, f.verdict)))
    folders = {c.path for c in policy.columns.values() if any(f.rel.startswith(c.path + "/") for f in judgement.files if f.in_docs)}
    own = {page_path(c.path, 1): page_path(c.path, 1) in docs_files for c in policy.columns.values()}
    pages = column_pages(policy, articles, settings.per_page, folders, own)
    prefix = settings.docs_prefix
    for rel, markdown in pages.generated.items():
        data = markdown.encode("utf-8")
        writer.write(prefix + rel, data)
        manifest.files[prefix + rel] = Item(sha256(data), "generated", None, "column_index")
    for rel, listing in pages.intros.items():
        path = prefix + rel
        data = (decode(writer.written[path]).rstrip() + "\n\n" + listing).encode("utf-8")
        writer.write(path, data)
        old = manifest.files[path]
        manifest.files[path] = Item(sha256(data), old.kind, old.blob, "column_list", old.column)


def _search_page(judgement: Judgement, docs_files: dict[str, JudgedFile], writer: _Writer, manifest: Manifest) -> None:
    """The site search page (its index is written after the build: snapshot/build.py), unless
    the site has an approved page at that address of its own."""
    from ..search_index import PAGE, page_markdown

    if PAGE in docs_files or PAGE.replace("/index.md", ".md") in docs_files:
        return
    settings = judgement.settings
    data = page_markdown(settings.lang).encode("utf-8")
    writer.write(settings.docs_prefix + PAGE, data)
    manifest.files[settings.docs_prefix + PAGE] = Item(sha256(data), "generated", None, "search")


def _write_nav(judgement: Judgement, docs_files: dict[str, JudgedFile], writer: _Writer, manifest: Manifest) -> None:
    """The navigation the plugin sets (home page, then each column's index page), written
    into the staged configuration so that a generator without the plugin shows the same
    column names, not folder names."""
    settings = judgement.settings
    prefix = settings.docs_prefix
    entries = navigation(
        judgement.review.policy,
        "index.md" in docs_files,
        lambda column: prefix + page_path(column, 1) in manifest.files,
        settings.lang,
    )
    if not entries:
        return
    path = settings.config
    original = writer.written.get(path)
    if original is None:
        return
    lines = "".join(f"  - {json.dumps(title, ensure_ascii=False)}: {json.dumps(target)}\n" for title, target in entries)
    data = (
        decode(original).rstrip("\n") + "\n\n# 由 govreview 生成：栏目导航 / generated by govreview: column navigation\nnav:\n" + lines
    ).encode()
    if yaml_values(data.decode()) is None:  # never publish a configuration the generator cannot read
        return
    writer.write(path, data)
    old = manifest.files[path]
    manifest.files[path] = Item(sha256(data), old.kind, old.blob, "nav", old.column)


class _Writer:
    """Writes files with three system calls each (open, write, close) and one mkdir per
    folder; creating files is most of what staging costs."""

    _FLAGS = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0)

    def __init__(self, root: Path) -> None:
        self.root = str(root)
        self.made: set[str] = set()
        self.written: dict[str, bytes] = {}  # column index pages, which a listing is appended to

    def write(self, rel: str, data: bytes) -> None:
        target = os.path.join(self.root, rel)
        folder = os.path.dirname(target)
        if folder not in self.made:
            os.makedirs(folder, exist_ok=True)
            self.made.add(folder)
        if rel.endswith("index.md") or rel.endswith((".yml", ".yaml")):
            self.written[rel] = data
        fd = os.open(target, self._FLAGS, 0o644)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
        finally:
            os.close(fd)
