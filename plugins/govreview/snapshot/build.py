"""``govreview build``: stage the approved snapshot, run the generator inside it in a
fresh process, and put the result where ``site_dir`` says.

The generator (MkDocs with the plugin as a second line, or Zensical) reads only the
snapshot. While it converts pages, the files each page opens are observed, and each
page's title and rendered text are kept. A page found to include text its approvers
did not approve, or whose rendered text shows a finding the gate does not let through
(:func:`.judge.check_rendered`), is withheld and the snapshot is built again: a new
inclusion or a finding only the rendered page shows never ships, even on its first build. The old
site is replaced only after a successful build: a failure keeps the last good site.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from .. import messages
from ..archive_verify import SITE_ANCHOR, chain_head, site_anchor_json
from ..core import lifecycle
from ..core.rendered import RenderedPage
from ..core.verdict import PAGE
from ..explain import describe
from ..messages import Message, msg, say
from ..report import write_report
from .finish import finish_site
from .judge import Judgement, check_includes, check_rendered
from .manifest import ENV, FOLDER, INCLUDES_OBSERVED, RENDERED_OBSERVED, Manifest, manifest_path
from .stage import StageRefused, check_destination, write_snapshot
from .timeline import directory_urls, plan, site_url

#: Builds of one publish: the first, and rebuilds after pages were withheld for what a build observed.
MAX_PASSES = 3
#: A file system in memory, where the snapshot is written when it has room (and TMPDIR names no other place).
MEMORY = "/dev/shm"
#: Room left free in ``MEMORY`` beyond twice the snapshot's size.
_MEMORY_SPARE = 256 << 20


class BuildFailed(messages.Problem):
    """The build failed: ``log`` (the generator's output, as it wrote it), then govreview's
    message, if any. ``str()`` is in the process language; ``text(lang)`` in any."""

    def __init__(self, log: str, message: Message | None = None) -> None:
        super().__init__(*([message] if message is not None else []))
        self.log = log

    def text(self, lang: str) -> str:
        return self.log + super().text(lang)

    def __str__(self) -> str:
        return self.text(messages.lang_of())


@dataclass
class BuildResult:
    passes: int = 0
    withheld_by_includes: list[str] = field(default_factory=list)
    withheld_by_rendering: list[str] = field(default_factory=list)
    log: str = ""


def _into_snapshot(value: str, source: str, snapshot: Path) -> str:
    """``value`` with every absolute path into the work tree ``source`` (a real path), alone
    or in a path list, turned into the same path inside the snapshot."""
    parts = value.split(os.pathsep)
    for i, part in enumerate(parts):
        real = os.path.realpath(part) if os.path.isabs(part) else ""
        if real == source or real.startswith(source + os.sep):
            parts[i] = str(snapshot) + real[len(source) :]
    return os.pathsep.join(parts)


def _generator_env(snapshot_root: Path, manifest: Path, source_root: Path | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    if source_root is not None:
        # The generator reads only the snapshot: a path the environment gives into the work
        # tree (PWD as the shell set it, GITHUB_WORKSPACE, a variable that !ENV reads for a
        # hook, INHERIT or snippet folder) names the same path in the snapshot instead.
        snapshot = manifest.parent.parent
        source = os.path.realpath(source_root)
        env = {k: _into_snapshot(v, source, snapshot) for k, v in env.items()}
        env["PWD"] = str(snapshot)  # the generator's working folder, as a shell would say
    env[ENV] = str(manifest)
    env["GIT_CEILING_DIRECTORIES"] = str(snapshot_root)  # git inside the snapshot finds no repository
    env.setdefault("NO_MKDOCS_2_WARNING", "1")
    env.setdefault("PYTHONDONTWRITEBYTECODE", "1")
    return env


def _command(generator: str, snapshot: Path, config: str, docs_dir: str, out: Path, extra: Sequence[str]) -> list[str]:
    if generator == "mkdocs":
        return [sys.executable, "-m", "mkdocs", "build", "-f", str(snapshot / config), "-d", str(out), *extra]
    return [
        sys.executable,
        "-m",
        "govreview.snapshot.zensical_run",
        str(snapshot),
        docs_dir,
        "--",
        "build",
        "-f",
        str(snapshot / config),
        *extra,
    ]


@dataclass
class Observed:
    """What one build saw: the files each page opened, each page as rendered, the log."""

    includes: dict[str, list[str]]
    rendered: dict[str, RenderedPage]
    log: str
    manifest: Manifest | None = None  # the snapshot's: which pages are unlisted


def run_generator(
    judgement: Judgement,
    generator: str,
    extra: Sequence[str],
    work: Path,
    out: Path,
    timeout: float | None = None,
    now: datetime | None = None,
) -> Observed:
    """Stage into ``work/snapshot`` (as the site stands at ``now``) and build into the empty
    folder ``out``; returns what the build observed. Raises BuildFailed."""
    snapshot = work / "snapshot"
    staged = write_snapshot(judgement, snapshot, now)
    for evidence in (snapshot / FOLDER).iterdir():
        if evidence != manifest_path(snapshot):
            evidence.unlink()  # the archive and the include map are govreview's, never text a page can include
    settings = judgement.settings
    cmd = _command(generator, snapshot, settings.config, settings.docs_dir, out, extra)
    env = _generator_env(work, manifest_path(staged.folder), judgement.source.root)
    try:
        proc = subprocess.run(cmd, cwd=snapshot, env=env, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired as err:
        minutes = f"{(timeout or 0) / 60:g}"
        partial = (err.stdout or b"").decode("utf-8", "replace") if isinstance(err.stdout, bytes) else str(err.stdout or "")
        raise BuildFailed(partial[-4000:] + "\n", msg("snapshot_generator_timeout", minutes=minutes)) from None
    log = proc.stdout + proc.stderr
    if proc.returncode != 0:
        named = _not_staged(judgement.not_read, log)
        raise BuildFailed(log + "\n", named) if named is not None else BuildFailed(log)
    if generator == "zensical":
        built = snapshot / settings.site_dir
        if not built.is_dir():
            raise BuildFailed(log + "\n", msg("snapshot_no_site_written", built=built))
        out.rmdir()
        shutil.move(str(built), str(out))
    observed = _read_json(snapshot / FOLDER / INCLUDES_OBSERVED)
    rendered = _read_json(snapshot / FOLDER / RENDERED_OBSERVED)
    if not isinstance(observed, dict) or not isinstance(rendered, dict):
        raise BuildFailed(log + "\n", msg("snapshot_no_inclusions"))
    pages = {path: RenderedPage(str(v[0]), str(v[1])) for path, v in rendered.items() if isinstance(v, list) and len(v) == 2}
    published = {f.entry.path for f in judgement.published() if f.kind == PAGE and f.entry.path in staged.manifest.files}
    if published and not published & pages.keys():  # the generator converted no page we know of: screened nothing
        raise BuildFailed(log + "\n", msg("snapshot_nothing_rendered"))
    return Observed(observed, pages, log, staged.manifest)


def _read_json(path: Path) -> object:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _not_staged(not_read: Sequence[str], log: str) -> Message | None:
    """A govreview message naming the files the failed build looked for that the policy
    keeps out of the snapshot (``build.not_read``), rather than the generator's traceback last."""
    named = [p for p in not_read if re.search(rf"(?<![\w.-]){re.escape(p)}(?![\w.-])", log)]
    if not named:
        return None
    return msg("snapshot_needs_not_read", paths="、".join(named))


def scratch_folder(judgement: Judgement) -> str | None:
    """Where the snapshots of one build are written: in memory when the machine has a
    file system there with room for them, else where ``tempfile`` says (``TMPDIR``).
    The snapshot is transient and read once by the generator; on a disk, creating and
    deleting its files costs more than the rest of staging. Either place is a fresh
    folder outside any work tree (checked before anything is written)."""
    if os.environ.get("TMPDIR"):
        return None  # the person running the build chose the place
    needed = sum(max(f.entry.size, 0) for f in judgement.published()) + len(judgement.archive_bytes)
    try:
        room = os.statvfs(MEMORY)
    except (OSError, AttributeError):
        return None
    if not os.access(MEMORY, os.W_OK | os.X_OK) or room.f_bavail * room.f_frsize < 2 * needed + _MEMORY_SPARE:
        return None
    return MEMORY


def _scratch(judgement: Judgement) -> tempfile.TemporaryDirectory[str]:
    """A fresh temporary folder outside any work tree (raises StageRefused when the only
    place left is inside one)."""
    folder = scratch_folder(judgement)
    if folder is not None:
        try:
            scratch = tempfile.TemporaryDirectory(prefix="govreview-", dir=folder)
        except OSError:
            scratch = None
        if scratch is not None:
            try:
                check_destination(Path(scratch.name) / "probe")
                return scratch
            except StageRefused:
                scratch.cleanup()
    scratch = tempfile.TemporaryDirectory(prefix="govreview-")
    try:
        check_destination(Path(scratch.name) / "probe")
    except StageRefused:
        scratch.cleanup()
        raise
    return scratch


def build_site(
    judgement: Judgement,
    generator: str,
    extra: Sequence[str],
    site_dir: Path,
    timeout: float | None = None,
    now: datetime | None = None,
) -> BuildResult:
    """Build from snapshots until no page includes unapproved text, then publish to ``site_dir``
    as the site stands at ``now`` (the build clock; default: the current time).

    The output is written once, into a fresh folder beside ``site_dir`` (same file
    system), and swapped in by renaming: no copy, and no old page survives.
    """
    result = BuildResult()
    now = now or datetime.now(UTC)  # one clock for every pass
    present = {f.entry.path for f in judgement.files}
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    with _scratch(judgement) as tmp:
        for number in range(1, MAX_PASSES + 1):
            work = Path(tmp) / f"pass-{number}"
            work.mkdir()
            out = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.new-", dir=site_dir.parent))
            try:
                observed = run_generator(judgement, generator, extra, work, out, timeout, now)
                result.passes, result.log = number, observed.log
                before = {f.entry.path for f in judgement.withheld()}
                published = {f.entry.path for f in judgement.published()}
                result.withheld_by_rendering += check_rendered(judgement, observed.rendered)
                judgement.includes = judgement.includes.merged(observed.includes, present, published)
                check_includes(judgement)
                newly = sorted({f.entry.path for f in judgement.withheld()} - before)
                if not newly:
                    if observed.manifest is not None:  # unlisted pages out of the sitemap and search index
                        finish_site(out, observed.manifest, directory_urls(judgement), site_url(judgement))
                    _search_index(judgement, work, out)
                    _traditional(judgement, out)
                    # The chain head the build read goes out with the site: a deployed copy its
                    # archive-branch writer cannot rewrite (archive-format.md §11).
                    (out / SITE_ANCHOR).write_text(site_anchor_json(chain_head(judgement.archive_bytes)), encoding="utf-8")
                    swap_in(out, site_dir)
                    return result
                result.withheld_by_includes += [p for p in newly if p not in result.withheld_by_rendering]
            finally:
                shutil.rmtree(out, ignore_errors=True)
        raise BuildFailed(
            "",
            msg(
                "snapshot_includes_unsettled",
                passes=MAX_PASSES,
                paths="、".join(result.withheld_by_includes + result.withheld_by_rendering),
            ),
        )


def _search_index(judgement: Judgement, work: Path, out: Path) -> None:
    """The site search index, from the built pages of the snapshot's manifest (approved,
    listed pages only), with each page's column and publication date (China time)."""
    from ..search_index import infos, write_index
    from ..timefmt import shanghai
    from .manifest import Manifest

    policy = judgement.review.policy
    columns: dict[str, str] = {}
    dates: dict[str, str] = {}
    for f in judgement.published():
        if f.kind != PAGE or not f.in_docs:
            continue
        column = policy.column_of(f.rel)
        if column is not None and column.path != ".":
            columns[f.entry.path] = column.name
        if f.verdict.merged_at is not None:
            dates[f.entry.path] = shanghai(f.verdict.merged_at).strftime("%Y-%m-%d")
    write_index(out, Manifest.read(manifest_path(work / "snapshot")), infos(columns, dates))


def _traditional(judgement: Judgement, out: Path) -> None:
    """简繁: the Traditional Chinese mirror of the built pages under ``zh-hant/``, when the
    configuration's ``extra.portal.hant`` asks for one (:mod:`..hant`). Made from ``out``, so a
    withheld page has no counterpart (R-02)."""
    from ..core.hant import PREFIX
    from ..hant import conversion, write_mirror

    text = judgement.source.text(judgement.settings.config)
    try:
        config = conversion(text)
    except ValueError as e:
        raise BuildFailed("", msg("hant_conversion_unknown", value=str(e))) from None
    if config is None:
        return
    if (out / PREFIX).exists():
        raise BuildFailed("", msg("hant_prefix_taken", prefix=PREFIX))
    write_mirror(out, config)


def swap_in(out: Path, site_dir: Path) -> None:
    """Put the new output in place of the site folder (two renames on one file system)."""
    old = site_dir.parent / f".{site_dir.name}.old-{os.getpid()}"
    if site_dir.exists() or site_dir.is_symlink():
        os.replace(site_dir, old)
    os.replace(out, site_dir)
    if old.is_symlink() or old.is_file():
        old.unlink()
    else:
        shutil.rmtree(old, ignore_errors=True)


def summary(judgement: Judgement, lang: str | None = None, now: datetime | None = None) -> list[str]:
    """What was withheld and why, for the log (the full report is not public); with ``now``,
    the items scheduled for later and the ones past their end (not withheld: approved)."""
    lines = [describe(f.entry.path, f.verdict, lang) for f in judgement.withheld()]
    if now is not None:
        clock = plan(judgement, now)
        language = messages.lang_of(lang)
        for path, when in sorted(clock.scheduled.items()):
            lines.append(say(msg("snapshot_scheduled", path=path, start=lifecycle.shown(when)), language))
        for path in sorted(clock.unlisted):
            f = next(f for f in judgement.files if f.entry.path == path)
            end = lifecycle.end_of(f.verdict.fields)
            lines.append(say(msg("snapshot_expired", path=path, end=lifecycle.shown(end) if end else "—"), language))
    for f in judgement.published():  # published with a block finding cleared: say who cleared it
        for note in f.verdict.notes:
            if note.code == "screen_cleared":
                where = f"{f.entry.path}:{note.line}:{note.col}" if note.line and note.col else f.entry.path
                lines.append(f"{where}: {messages.render(note, lang, f.verdict.people)}")
    published = sum(1 for f in judgement.published() if f.in_docs)
    lines.append(say(msg("snapshot_summary", published=published, withheld=len(judgement.withheld())), messages.lang_of(lang)))
    return lines


def save_records(judgement: Judgement, root: Path, includes: Path | None = None, now: datetime | None = None) -> Path:
    """The verdict report and the include map, beside the site (never inside it). With
    ``now``, approved pages scheduled for later say so (``scheduled``): not public yet, so
    ``archive published`` records no publication for them."""
    settings = judgement.settings
    report = root / settings.report
    clock = plan(judgement, now) if now is not None else None
    scheduled = {
        f.verdict.path: clock.scheduled[f.entry.path] for f in judgement.files if clock is not None and f.entry.path in clock.scheduled
    }
    write_report(report, judgement.verdicts(), settings.lang, scheduled)
    judgement.includes.write(includes or root / settings.includes, judgement.source.commit)
    return report
