"""``govreview archive sync``: bring the approval archive up to date from the forge.

Incremental and idempotent: pull requests already in the archive are skipped, so a
second run adds nothing; each new record is appended (and flushed) as soon as it is
fetched, so an interrupted run loses only the pull request it was reading. A pull
request whose evidence cannot be read completely is not written at all — a team of
its policy that the token may not read included: the archive is never resolved again,
so a record without that team would leave its members' approvals uncounted for good.
Such a pull request is tried again on the next run (with a token that can read teams).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from .archive_jsonl import FORMAT, VERSION, pull_to_json, read_archive
from .forge import Forge, ForgeError, unreadable_team_text
from .messages import text


@dataclass
class SyncResult:
    added: list[int] = field(default_factory=list)
    failed: dict[int, str] = field(default_factory=dict)


def _repair_tail(path: Path) -> None:
    """Drop a last line left half-written by an interrupted run (it has no newline)."""
    data = path.read_bytes()
    if data and not data.endswith(b"\n"):
        path.write_bytes(data[: data.rfind(b"\n") + 1])


def _append(path: Path, rows: list[dict[str, object]]) -> None:
    with path.open("a", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
        out.flush()
        os.fsync(out.fileno())


def sync(forge: Forge, archive: Path, base: str | None = None) -> SyncResult:
    """Append every merged pull request the archive lacks. Raises ForgeError if the list cannot be read."""
    result = SyncResult()
    archive.parent.mkdir(parents=True, exist_ok=True)
    if archive.is_file():
        _repair_tail(archive)
        existing = read_archive(archive)
    else:
        _append(archive, [{"type": "header", "format": FORMAT, "version": VERSION}])
        existing = read_archive(archive)
    known = {p.number for p in existing.pulls}
    policies = set(existing.policies)
    # The list of closed pull requests is read whole (100 per call), so one that failed
    # last time is tried again; only the ones not yet archived are fetched in detail.
    for pr in forge.merged_pulls(known, base=base):
        try:
            fetched = forge.fetch(pr)
        except ForgeError as err:
            result.failed[pr.number] = str(err)
            continue
        if fetched.unreadable_teams:
            result.failed[pr.number] = text("；", "; ").join(
                unreadable_team_text(t, s) for t, s in sorted(fetched.unreadable_teams.items())
            )
            continue
        rows: list[dict[str, object]] = []
        if fetched.record.policy not in policies:
            rows.append({"type": "policy", "id": fetched.record.policy, "files": fetched.policy_files})
            policies.add(fetched.record.policy)
        rows.append(pull_to_json(fetched.record))
        _append(archive, rows)
        result.added.append(pr.number)
    return result
