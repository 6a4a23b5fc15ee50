"""The site as a release for the office's own server (hosting in China): a checksum
manifest of every file in ``site/`` in the format ``sha256sum -c`` reads, and its check.

The server pulls the release over HTTPS with a read-only token (nothing is pushed into
the government network) and verifies it before switching to it: every listed file has
its hash, no file is missing and none is added, and the site's ``govreview-archive.json``
names an approval-archive chain head no older than the one the server already serves
(a replayed older release would bring back withdrawn pages). README "Hosting in China".
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from .archive_verify import SITE_ANCHOR, manifest_anchor
from .core.archive_audit import Anchor
from .messages import Message, msg

#: The checksum manifest's usual name, beside the site's archive.
SUMS = "SHA256SUMS"
_LINE = re.compile(r"([0-9a-f]{64}) [ *](.+)")


def _files(site: Path) -> tuple[list[str], list[Message]]:
    """Every file under ``site`` (POSIX paths, sorted); links and names ``sha256sum`` would
    escape (a backslash, a line break) are problems, never listed."""
    out: list[str] = []
    problems: list[Message] = []
    for folder, dirs, names in os.walk(site):
        for name in sorted([*dirs, *names]):
            full = Path(folder, name)
            rel = full.relative_to(site).as_posix()
            if full.is_symlink():
                problems.append(msg("site_sums_link", path=rel))
            elif name in names and ("\\" in rel or "\n" in rel or "\r" in rel):
                problems.append(msg("site_sums_bad_name", path=rel))
            elif name in names:
                out.append(rel)
        dirs[:] = [d for d in dirs if not Path(folder, d).is_symlink()]
    return sorted(out), problems


def _digest(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 20):
            h.update(chunk)
    return h.hexdigest()


def sums_text(site: Path) -> tuple[str, list[Message]]:
    """The checksum manifest of ``site`` (``HASH  PATH`` lines, as ``sha256sum`` writes them)."""
    files, problems = _files(site)
    return "".join(f"{_digest(site / rel)}  {rel}\n" for rel in files), problems


@dataclass
class Checked:
    files: int = 0
    head: Anchor | None = None
    problems: list[Message] = field(default_factory=list)


def verify(site: Path, sums: Path, min_seq: int | None = None, head: str | None = None) -> Checked:
    """Check ``site`` against the manifest ``sums``. ``min_seq``: the chain head's ``seq``
    the server serves now (a release with an older head is refused); ``head``: the hash
    the chain head must have (e.g. read from the tag ``govreview-archive/<seq>``)."""
    out = Checked()
    try:
        text = sums.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        out.problems.append(msg("site_sums_unreadable", path=sums, error=str(err)))
        return out
    listed: dict[str, str] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        m = _LINE.fullmatch(line)
        if m is None or m.group(2) in listed or m.group(2).startswith("/") or ".." in m.group(2).split("/"):
            out.problems.append(msg("site_sums_bad_line", path=sums, line=number))
            continue
        listed[m.group(2)] = m.group(1)
    present, problems = _files(site)
    out.problems += problems
    for rel in sorted(set(listed) - set(present)):
        out.problems.append(msg("site_sums_missing", path=rel))
    for rel in sorted(set(present) - set(listed)):
        out.problems.append(msg("site_sums_unlisted", path=rel))
    for rel in sorted(set(present) & set(listed)):
        if _digest(site / rel) != listed[rel]:
            out.problems.append(msg("site_sums_wrong", path=rel))
        else:
            out.files += 1
    if SITE_ANCHOR not in listed:
        out.problems.append(msg("site_sums_no_anchor", anchor=SITE_ANCHOR))
        return out
    anchor = manifest_anchor(site / SITE_ANCHOR)
    if not isinstance(anchor, Anchor):
        out.problems.append(msg("site_sums_no_anchor", anchor=SITE_ANCHOR))
        return out
    out.head = anchor
    if min_seq is not None and anchor.seq < min_seq:
        out.problems.append(msg("site_release_older", seq=anchor.seq, served=min_seq))
    if head is not None and anchor.hash != head.strip():
        out.problems.append(msg("site_release_head_differs", found=anchor.hash, wanted=head.strip()))
    return out
