"""Writing the approved snapshot: a fresh folder, outside any work tree, holding
exactly three things —

1. approved files, each written from the git object database by its blob id,
   only where the commit's blob is the approved one;
2. generated files (column index pages, disclosure blocks added to articles, Atom feeds),
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
from datetime import UTC, datetime
from pathlib import Path

from .. import messages
from ..blockplace import with_block
from ..core.disclosure import PageFacts, first_carried
from ..core.verdict import PAGE
from ..feeds import FeedItem, atom, feed_path
from ..frontmatter import YAML_RE, decode
from ..gittree import lfs_content, lfs_pointer, top_level
from ..listing import page_path
from ..messages import msg
from ..site_config import yaml_values
from ..sitelife import WITHDRAWN, corrections_html, corrections_of, notice_file, with_corrections, withdrawal_notice
from ..sitepages import (
    HOME,
    article_column,
    column_pages,
    disclosure_facts,
    disclosure_html,
    home_latest,
    listing_entry,
    navigation,
    shows_disclosure,
)
from .filewriter import FileWriter
from .judge import JudgedFile, Judgement
from .manifest import FOLDER, Item, Manifest, manifest_path, sha256
from .timeline import Plan, plan, public_from


class StageRefused(messages.Problem):
    """The snapshot cannot be written where asked."""

    def __str__(self) -> str:  # callers show str(err) in the process language
        return self.text(messages.lang_of())


@dataclass(frozen=True)
class Staged:
    folder: Path
    manifest: Manifest
    plan: Plan | None = None  # what the build clock did: scheduled items left out, expired ones unlisted


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


def _with_disclosure(data: bytes, block: str, text: str | None = None) -> bytes:
    """The page with its disclosure block; ``text``: ``data`` already decoded (judging did)."""
    doc = decode(data) if text is None else text
    m = YAML_RE.match(doc)
    head, body = (doc[: m.end()], doc[m.end() :]) if m else ("", doc)
    return (head + with_block(body, block)).encode("utf-8")


def _public_article(judgement: Judgement, f: JudgedFile, data: bytes, facts: PageFacts | None, clock: Plan) -> tuple[bytes, str | None]:
    """A page of docs_dir as the public reads it: its 更正说明 (R-44), its disclosure block and
    its lifecycle banner (R-43) added; and what was added, for the manifest."""
    settings, policy = judgement.settings, judgement.review.policy
    # Judging decoded these very bytes (the page's own, or its LFS object's).
    text = f.read.text if f.read is not None and f.read.source.kind == PAGE else None
    added: list[str] = []
    corrections = corrections_html(corrections_of(f.entry.path, f.verdict, judgement.review.after), settings.lang)
    if corrections:
        data = with_corrections(text if text is not None else decode(data), corrections).encode("utf-8")
        text = None
        added.append("corrections")
    if settings.disclosure and shows_disclosure(f.rel, f.verdict, policy):
        block = disclosure_html(public_from(f.verdict), policy.site, settings.lang, facts, settings.directory_urls, True)
        data = _with_disclosure(data, block, text)
        text = None
        added.insert(0, "disclosure")
    banner = clock.banners.get(f.entry.path)
    if banner is not None:  # 已过期 / 已失效 / 已废止, placed before the disclosure block
        data = _with_disclosure(data, banner, text)
        added.append("lifecycle")
    return data, "+".join(added) or None


def write_snapshot(judgement: Judgement, dest: Path, now: datetime | None = None) -> Staged:
    """Write the snapshot of an approved judgement into ``dest`` (atomically), as the site
    stands at ``now`` (the build clock; default: the current time): an item whose ``start``
    is still to come is left out, one past its ``end`` is built with its banner but unlisted;
    documents' validity and the time of an empty feed are read at ``now`` too."""
    now = now or datetime.now(UTC)
    clock = plan(judgement, now)
    if not judgement.ok:
        raise StageRefused(msg("snapshot_inputs_unapproved"))
    check_destination(dest)
    settings = judgement.settings
    policy = judgement.review.policy
    after = judgement.review.after
    manifest = Manifest(judgement.source.commit, settings.config, settings.docs_dir)
    dest.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".staging-", dir=dest.parent))
    writer = FileWriter(str(work))
    try:
        docs_files: dict[str, JudgedFile] = {}
        facts = _facts(judgement, now)
        for f in judgement.published():
            if f.entry.path in clock.scheduled:
                continue  # not public yet: not in the snapshot at all
            data = _bytes(judgement, f)
            generated = column = unlisted = None
            if f.in_docs:
                docs_files[f.rel] = f
                column = article_column(f.rel, policy) if f.kind == PAGE else None
                notice = withdrawal_notice(f.rel, f.entry.path, f.verdict, after)
                if notice is not None:  # withdrawn: the notice alone, nothing of the body, listed nowhere
                    data = notice_file(notice, settings.lang)
                    generated, unlisted = "withdrawal_notice", WITHDRAWN
                else:
                    data, generated = _public_article(judgement, f, data, facts.get(f.rel), clock)
                    unlisted = clock.unlisted.get(f.entry.path)
            writer.write(f.entry.path, data)
            manifest.files[f.entry.path] = Item(sha256(data), f.kind, f.entry.blob or None, generated, column, unlisted)
        _search_page(judgement, docs_files, writer, manifest)
        if settings.column_index:
            # an unlisted article is left out of its column's index (a column's own first page never is)
            listed = {
                rel: f
                for rel, f in docs_files.items()
                if manifest.files[f.entry.path].unlisted is None or article_column(rel, policy) is None
            }
            _column_files(judgement, listed, writer, manifest)
            if not settings.has_nav:
                _write_nav(judgement, docs_files, writer, manifest)
        if settings.feeds:
            _write_feeds(judgement, docs_files, facts, now, writer, manifest)
        writer.close()  # every file created whole, or OSError
        evidence = work / FOLDER
        evidence.mkdir(parents=True, exist_ok=True)
        (evidence / "approvals.jsonl").write_bytes(judgement.archive_bytes)
        (evidence / "includes.json").write_text(judgement.includes.to_json(judgement.source.commit), encoding="utf-8")
        manifest_path(work).write_text(manifest.to_json(), encoding="utf-8")
        if dest.exists():
            dest.rmdir()
        os.replace(work, dest)
    except BaseException as err:
        writer.abort()  # nothing more is created once the folder is removed
        shutil.rmtree(work, ignore_errors=True)
        if isinstance(err, OSError):  # a file that could not be created: said, not a traceback
            raise StageRefused(msg("snapshot_write_failed", dest=dest, error=_os_error(err))) from None
        raise
    return Staged(dest, manifest, clock)


def _os_error(err: OSError) -> str:
    where = f"{err.filename}: " if err.filename else ""
    return f"{where}{err.strerror or err}"


def _facts(judgement: Judgement, now: datetime) -> dict[str, PageFacts]:
    """The disclosure facts of every approved page (索引号 from the archive's merge times)."""
    settings = judgement.settings
    pages = {f.rel: f.verdict for f in judgement.published() if f.in_docs and f.kind == PAGE}
    changes = [(c.path, pull.merged_at) for pull in judgement.review.index.pulls for c in pull.files]
    baselines = [(b.path, b.at) for b in judgement.archive.baselines] if judgement.archive is not None else []
    first = first_carried(changes, baselines, settings.docs_prefix)
    return disclosure_facts(judgement.review.policy, pages, first, now)


def _write_feeds(
    judgement: Judgement,
    docs_files: dict[str, JudgedFile],
    facts: dict[str, PageFacts],
    now: datetime,
    writer: FileWriter,
    manifest: Manifest,
) -> None:
    """Atom feeds of the site and of each column: approved, listed articles only, dated by
    the archive (first publication, else the merge), never by ``git log``."""
    settings = judgement.settings
    policy = judgement.review.policy
    prefix = settings.docs_prefix
    first: dict[str, datetime] = {}
    current: dict[tuple[str, str], datetime] = {}
    for p in judgement.archive.publications if judgement.archive is not None else ():
        first[p.path] = min(first.get(p.path, p.published_at), p.published_at)
        current[(p.path, p.blob)] = min(current.get((p.path, p.blob), p.published_at), p.published_at)
    items: list[FeedItem] = []
    for rel, f in docs_files.items():
        column = article_column(rel, policy) if f.kind == PAGE else None
        item = manifest.files.get(f.entry.path)
        if column is None or item is None or item.unlisted or f.verdict.fields.get("withdrawal_reason"):
            continue
        merged = public_from(f.verdict).merged_at
        published = first.get(f.entry.path) or merged
        updated = current.get((f.entry.path, f.entry.blob)) or merged or published
        if published is None or updated is None:
            continue
        page = facts.get(rel)
        author = page.publisher if page is not None and page.publisher else policy.site.publisher
        name = policy.columns[column].name if column in policy.columns else column
        items.append(FeedItem(rel, listing_entry(rel, f.verdict).title, column, name, published, updated, author))
    site = policy.site.name
    feeds = [(feed_path(None), site, "index.md", items)]
    for column in policy.columns.values():
        if column.path != ".":
            mine = [i for i in items if i.column == column.path]
            if mine or prefix + page_path(column.path, 1) in manifest.files:
                feeds.append((feed_path(column.path), f"{site} · {column.name}", page_path(column.path, 1), mine))
    for path, title, home, chosen in feeds:
        if prefix + path in manifest.files:  # an approved file of that name stays as it was approved
            continue
        data = atom(site, title, path, home, chosen, settings.site_url, settings.directory_urls, now)
        writer.write(prefix + path, data)
        manifest.files[prefix + path] = Item(sha256(data), "generated", None, "feed")


def _column_files(judgement: Judgement, docs_files: dict[str, JudgedFile], writer: FileWriter, manifest: Manifest) -> None:
    """Column index pages from the same function the plugin uses in memory."""
    settings = judgement.settings
    policy = judgement.review.policy
    articles = []
    for rel, f in docs_files.items():
        column = article_column(rel, policy) if f.kind == PAGE else None
        if column is not None:
            articles.append((column, listing_entry(rel, public_from(f.verdict))))
    folders = {c.path for c in policy.columns.values() if any(f.rel.startswith(c.path + "/") for f in judgement.files if f.in_docs)}
    own = {page_path(c.path, 1): page_path(c.path, 1) in docs_files for c in policy.columns.values()}
    pages = column_pages(policy, articles, settings.per_page, folders, own)
    latest = home_latest(policy, articles, settings.home_items) if HOME in docs_files and docs_files[HOME].kind == PAGE else ""
    if latest:
        pages.intros[HOME] = latest
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


def _search_page(judgement: Judgement, docs_files: dict[str, JudgedFile], writer: FileWriter, manifest: Manifest) -> None:
    """The site search page (its index is written after the build: snapshot/build.py), unless
    the site has an approved page at that address of its own."""
    from ..search_index import PAGE, page_markdown

    if PAGE in docs_files or PAGE.replace("/index.md", ".md") in docs_files:
        return
    settings = judgement.settings
    data = page_markdown(settings.lang).encode("utf-8")
    writer.write(settings.docs_prefix + PAGE, data)
    manifest.files[settings.docs_prefix + PAGE] = Item(sha256(data), "generated", None, "search")


def _write_nav(judgement: Judgement, docs_files: dict[str, JudgedFile], writer: FileWriter, manifest: Manifest) -> None:
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
