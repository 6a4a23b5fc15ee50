"""What the archive says about published pages (R-44): what was public of a path when a
pull request merged (for the gate's correction and withdrawal checks), when a page first
went public, when it was withdrawn, and its public correction notes (for the site).

Built from the archive's ``publication``, ``baseline``, ``withdrawal`` and ``correction``
records (guide/archive-format.md §5.4, §5.7, §5.8, §5.10). The published version's own
更正说明 is read from its git blob through ``read_blob`` (None: it cannot be read).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path

from .core.corrections import CORRECTION_NOTE, Published, notes_seen, text_of
from .core.evidence import PullRecord
from .core.gate import CHINA
from .core.page import canonical_fields
from .core.records import Baseline, Correction, Publication, Withdrawal
from .frontmatter import read_front_matter
from .gittree import GitError, git

#: Reads a git blob by its id; None when it cannot be read.
BlobReader = Callable[[str], bytes | None]


def git_blobs(root: Path) -> BlobReader:
    """Blobs read from the git object database of the repository at ``root``."""

    def read(blob: str) -> bytes | None:
        try:
            return git(root, "cat-file", "blob", blob)
        except GitError:
            return None

    return read


def note_of(data: bytes) -> str | None:
    """The 更正说明 a page's bytes carry (its front matter read as the gate reads it)."""
    fm = read_front_matter(data)
    if fm.meta is None:
        return None
    fields, _ = canonical_fields(fm.meta, fm.lines)
    return text_of(fields, CORRECTION_NOTE)


@dataclass
class AfterPublication:
    """The archive's records about published pages, by repository path."""

    publications: dict[str, list[Publication]] = field(default_factory=dict)
    baselines: dict[str, list[Baseline]] = field(default_factory=dict)
    withdrawals: dict[str, list[Withdrawal]] = field(default_factory=dict)
    corrections: dict[str, list[Correction]] = field(default_factory=dict)
    read_blob: BlobReader | None = None
    _notes: dict[str, tuple[bool, str | None]] = field(default_factory=dict)

    @classmethod
    def of(
        cls,
        publications: Iterable[Publication] = (),
        baselines: Iterable[Baseline] = (),
        withdrawals: Iterable[Withdrawal] = (),
        corrections: Iterable[Correction] = (),
        read_blob: BlobReader | None = None,
    ) -> AfterPublication:
        out = cls(read_blob=read_blob)
        for p in publications:
            out.publications.setdefault(p.path, []).append(p)
        for b in baselines:
            out.baselines.setdefault(b.path, []).append(b)
        for w in withdrawals:
            out.withdrawals.setdefault(w.path, []).append(w)
        for c in corrections:
            out.corrections.setdefault(c.path, []).append(c)
        return out

    def published_paths(self) -> set[str]:
        return set(self.publications) | set(self.baselines)

    def prior(self, path: str, pull: PullRecord) -> Published | None:
        """What was public of ``path`` when ``pull`` merged (None: it was not published then)."""
        pubs = [p for p in self.publications.get(path, ()) if p.published_at < pull.merged_at]
        bases = self.baselines.get(path, [])
        if not pubs and not bases:
            return None
        blob = max(pubs, key=lambda p: p.published_at).blob if pubs else bases[-1].blob
        earlier = [c.note for c in self.corrections.get(path, ()) if c.pull != pull.number and c.at <= pull.merged_at]
        readable, own = self._note(blob)
        return Published(blob, self.first_published(path), notes_seen([*earlier, own]), readable)

    def _note(self, blob: str) -> tuple[bool, str | None]:
        if blob not in self._notes:
            data = self.read_blob(blob) if self.read_blob is not None else None
            self._notes[blob] = (data is not None, note_of(data) if data is not None else None)
        return self._notes[blob]

    def first_published(self, path: str) -> datetime | None:
        """When ``path`` first went public: its earliest publication, else its baseline's date."""
        pubs = self.publications.get(path)
        if pubs:
            return min(p.published_at for p in pubs)
        days = [b.published_on for b in self.baselines.get(path, ()) if b.published_on is not None]
        return _midnight(min(days)) if days else None

    def withdrawn_at(self, path: str, pull: int | None) -> datetime | None:
        """When the withdrawal by pull request ``pull`` took effect (its record), if recorded."""
        found = [w.at for w in self.withdrawals.get(path, ()) if w.pull == pull]
        return min(found) if found else None

    def notes(self, path: str, until: datetime | None) -> list[tuple[datetime, str]]:
        """Every public correction note of ``path`` merged by ``until``, newest first."""
        rows = [(c.at, c.note) for c in self.corrections.get(path, ()) if c.note and (until is None or c.at <= until)]
        return sorted(rows, key=lambda r: r[0], reverse=True)


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time(), CHINA)
