"""``govreview archive sync``: bring the approval archive up to date from the forge.

Incremental and idempotent: pull requests already in the archive are skipped, so a
second run adds nothing; each new record is appended (and flushed) as soon as it is
fetched, continuing the archive's hash chain, so an interrupted run loses only the
pull request it was reading. A pull request whose evidence cannot be read completely
is not written at all — a team of its policy that the token may not read included:
the archive is never resolved again, so a record without that team would leave its
members' approvals uncounted for good. Such a pull request is tried again on the next
run (with a token that can read teams).

The archive is verified before anything is appended (a broken chain or a version 1
archive stops the sync with ArchiveError: nothing is added to an archive that cannot
be trusted).

Clearances of false screening blocks (R-03) are written as ``clearance`` records after
their pull request's record: one per line of a clearing review that counts as evidence.
The review's body is kept in the pull request's record too, so the gate judges offline.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .archive_jsonl import clearance_to_json, open_for_append, policy_to_json, pull_to_json
from .core.clearing import records
from .core.records import Clearance
from .forge import Fetched, Forge, ForgeError, unreadable_team_text
from .messages import lang_of, msg, say
from .policy_yaml import PolicyError, load_policy


@dataclass
class SyncResult:
    added: list[int] = field(default_factory=list)
    failed: dict[int, str] = field(default_factory=dict)


def sync(forge: Forge, archive: Path, base: str | None = None, lang: str | None = None) -> SyncResult:
    """Append every merged pull request the archive lacks. Raises ForgeError if the list
    cannot be read, ArchiveError if the archive cannot be trusted. ``lang``: of the failures."""
    result = SyncResult()
    archive.parent.mkdir(parents=True, exist_ok=True)
    existing, appender = open_for_append(archive)
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
            reasons = [unreadable_team_text(t, s) for t, s in sorted(fetched.unreadable_teams.items())]
            result.failed[pr.number] = say(msg("archive.sync_unreadable_teams", teams=reasons), lang_of(lang))
            continue
        rows: list[dict[str, object]] = []
        if fetched.record.policy not in policies:
            rows.append(policy_to_json(fetched.record.policy, fetched.policy_files))
            policies.add(fetched.record.policy)
        rows.append(pull_to_json(fetched.record))
        rows += [clearance_to_json(c) for c in _clearances(fetched)]
        appender.append(rows)
        result.added.append(pr.number)
    return result


def _clearances(fetched: Fetched) -> list[Clearance]:
    """The clearance records of a fetched pull request, by the policy of its base; none
    when that policy cannot be read (the gate, which reads the reviews, then clears nothing)."""
    try:
        policy = load_policy(fetched.policy_files, archived=True)
    except PolicyError:
        return []
    return list(records(fetched.record, policy))
