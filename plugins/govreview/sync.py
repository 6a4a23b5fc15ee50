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
their pull request's record: one for each finding the gate clears, taken from its own
verdict on each file a clearing review names (read at the final head; the page's unit
from its column and front matter, as the gate reads it), so the archive never lists a
clearance the gate would not count. The review's body is kept in the pull request's
record too, with whether it was edited after submission, so the gate judges offline.
A pull request whose clearing reviews' edit state cannot be read is not written (like
one with an unreadable team) and is tried again on the next run.

When a merged pull request changed a page that was published before it merged (a
``publication`` or ``baseline`` record), a ``correction`` record follows its record (the
public 更正说明, or minor with the office holder who approved it) or a ``withdrawal`` record
(the public reason, the office holder who approved it), as the gate judged the page
(R-44, :mod:`govreview.core.corrections`); a page the gate withholds gets no such record.

Emergency takedowns (R-44) are confirmed here: a merged pull request that changed a
taken-down page after the takedown, and whose page passes its chain as the gate judges it
under the pull request's base policy, gets the takedown's record written again with
``confirmed_by`` after its own record (guide/archive-format.md §5.9).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

from .archive_jsonl import (
    clearance_to_json,
    correction_to_json,
    open_for_append,
    policy_to_json,
    pull_to_json,
    roster_to_json,
    takedown_to_json,
    withdrawal_to_json,
)
from .calendar_data import calendar_for_policy
from .checkpr import base_settings, preview_for, published_of, source_at_head
from .core.clearing import named_paths, records
from .core.corrections import WITHDRAWAL_REASON as REASON_FIELD
from .core.corrections import WITHDRAWAL_STEP, is_withdrawal, text_of
from .core.evidence import REMOVED
from .core.gate import judge_pull
from .core.policy import Policy
from .core.records import Clearance, Correction, Takedown, Withdrawal
from .core.roster import as_judged
from .core.takedown import confirmable
from .core.verdict import PAGE
from .forge import Fetched, Forge, ForgeError, unreadable_team_text
from .messages import lang_of, msg, say
from .policy_yaml import PolicyError, load_policy
from .published import AfterPublication
from .settings import Settings, SettingsError, default_settings


@dataclass
class SyncResult:
    added: list[int] = field(default_factory=list)
    failed: dict[int, str] = field(default_factory=dict)


def sync(forge: Forge, archive: Path, base: str | None = None, lang: str | None = None, config: str = "mkdocs.yml") -> SyncResult:
    """Append every merged pull request the archive lacks. Raises ForgeError if the list
    cannot be read, ArchiveError if the archive cannot be trusted. ``lang``: of the failures;
    ``config``: the site configuration (on each pull request's base: where the pages are)."""
    result = SyncResult()
    archive.parent.mkdir(parents=True, exist_ok=True)
    existing, appender = open_for_append(archive)
    known = {p.number for p in existing.pulls}
    policies = set(existing.policies)
    after = AfterPublication.of(existing.publications, existing.baselines, existing.withdrawals, existing.corrections)
    takedowns = {t.id: t for t in existing.takedowns}
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
        if fetched.unreadable_edits:
            why = [f"#{review}: {text}" for review, text in sorted(fetched.unreadable_edits.items())]
            result.failed[pr.number] = say(msg("archive.sync_unreadable_edits", reviews=why), lang_of(lang))
            continue
        try:
            clearances = _clearances(forge, fetched, config)
            changes = _after_publication(forge, fetched, config, after)
            confirmed = _confirmations(forge, fetched, config, takedowns.values(), after)
        except ForgeError as err:
            result.failed[pr.number] = str(err)
            continue
        rows: list[dict[str, object]] = []
        if fetched.record.policy not in policies:
            rows.append(policy_to_json(fetched.record.policy, fetched.policy_files))
            policies.add(fetched.record.policy)
        rows.append(pull_to_json(fetched.record))
        rows += [clearance_to_json(c) for c in clearances]
        rows += _roster(fetched)
        rows += [_change_to_json(c) for c in changes]
        rows += [takedown_to_json(t) for t in confirmed]
        appender.append(rows)
        takedowns.update((t.id, t) for t in confirmed)
        for c in changes:  # a later pull request of this run sees these as the archive's records
            if isinstance(c, Correction):
                after.corrections.setdefault(c.path, []).append(c)
            else:
                after.withdrawals.setdefault(c.path, []).append(c)
        result.added.append(pr.number)
    return result


def _roster(fetched: Fetched) -> list[dict[str, object]]:
    """The roster the pull request was judged by (R-18): its base policy's people and their
    dated assignments, and the teams as resolved now; none when the policy names nobody by
    name and no team (or cannot be read: the gate then approves nothing either)."""
    record = fetched.record
    try:
        policy = load_policy(fetched.policy_files, archived=True)
    except PolicyError:
        return []
    if not policy.people and not record.teams:
        return []
    return [roster_to_json(as_judged(policy, datetime.now(UTC), record.teams, pull=record.number, policy_id=record.policy))]


def _base_rules(forge: Forge, fetched: Fetched, config: str) -> tuple[Policy, Settings] | None:
    """The policy and site settings of the pull request's base, as its records are judged by
    them; None when either cannot be read (the gate then approves nothing either: no record)."""
    try:
        return load_policy(fetched.policy_files, archived=True), base_settings(forge, fetched.record.base, config) or default_settings()
    except (PolicyError, SettingsError):
        return None


def _clearances(forge: Forge, fetched: Fetched, config: str) -> list[Clearance]:
    """The clearance records of a fetched pull request: the findings the gate clears in each
    file a clearing review names, judged by the policy of its base (the gate's own rule,
    :func:`govreview.core.gate.judge_pull`). None when that policy or the base's site
    configuration cannot be read: the gate, which reads the reviews, then clears nothing
    either. Raises ForgeError when a named file cannot be read."""
    record = fetched.record
    head = record.head_named(record.head)
    named = named_paths(record)
    if head is None or not named:
        return []
    rules = _base_rules(forge, fetched, config)
    if rules is None:
        return []
    policy, settings = rules
    status = {f.path: f.status for f in record.files}
    preview = preview_for(settings, [])  # as the PR check rendered the pages the clearing reviewer saw
    judged = []
    for path, blob in sorted(head.files.items()):
        if blob is None or path not in named or path not in status:
            continue
        source, screener = source_at_head(forge, path, status[path], blob, record, settings.docs_prefix, preview)
        judged.append((path, blob, judge_pull(source, record, policy, screener=screener)))
    return list(records(record, judged))


def _after_publication(forge: Forge, fetched: Fetched, config: str, after: AfterPublication) -> list[Correction | Withdrawal]:
    """The correction and withdrawal records of a merged pull request: one for each page it
    changed that was published before it merged, as the gate judged the page (R-44). None for
    a page the gate withholds, or when the base's policy or configuration cannot be read (the
    gate then approves nothing either). Raises ForgeError when a page cannot be read."""
    record = fetched.record
    public = after.published_paths()
    if not any(f.path in public for f in record.files):
        return []
    rules = _base_rules(forge, fetched, config)
    if rules is None:
        return []
    policy, settings = rules
    calendar = calendar_for_policy(policy)
    out: list[Correction | Withdrawal] = []
    for change in record.files:
        if change.status == REMOVED or change.blob is None or change.path not in public or not change.path.startswith(settings.docs_prefix):
            continue
        source, _ = source_at_head(forge, change.path, change.status, change.blob, record, settings.docs_prefix)
        if source.kind != PAGE:
            continue
        published = published_of(forge, after, source, record)
        if published is None or published.blob == change.blob:
            continue
        verdict = judge_pull(source, record, policy, calendar, published=published)
        if not verdict.approved:
            continue
        if is_withdrawal(verdict.fields):
            office = [p for s in verdict.steps if s.step == WITHDRAWAL_STEP for p in s.filled_by]
            reason = text_of(verdict.fields, REASON_FIELD)
            if office and reason:
                out.append(Withdrawal(change.path, published.blob, reason, office[0], record.number, record.merged_at))
            continue
        for note in verdict.notes:
            if note.code == "correction_noted":
                out.append(Correction(change.path, published.blob, change.blob, record.number, record.merged_at, str(note.params["note"])))
            elif note.code == "correction_minor":
                login = str(note.params["login"])
                out.append(Correction(change.path, published.blob, change.blob, record.number, record.merged_at, None, True, login))
    return out


def _change_to_json(c: Correction | Withdrawal) -> dict[str, object]:
    if isinstance(c, Withdrawal):
        return withdrawal_to_json(c)
    return correction_to_json(c)


def _confirmations(forge: Forge, fetched: Fetched, config: str, takedowns: Iterable[Takedown], after: AfterPublication) -> list[Takedown]:
    """The emergency takedowns this merged pull request confirms (R-44): it changed the page
    after the takedown (a correction or a withdrawal keeps the file) and the page passes its
    chain under the pull request's base policy, as the gate judges it. Each is the same record
    again with ``confirmed_by`` (guide/archive-format.md §5.9). None when that policy or the
    base's site configuration cannot be read (fail closed: the takedown stays open)."""
    record = fetched.record
    candidates = confirmable(takedowns, record)
    if not candidates:
        return []
    rules = _base_rules(forge, fetched, config)
    if rules is None:
        return []
    policy, settings = rules
    status = {f.path: f.status for f in record.files}
    blobs = {f.path: f.blob for f in record.files}
    preview = preview_for(settings, [])
    calendar = calendar_for_policy(policy)
    out = []
    for t in candidates:
        blob = blobs.get(t.path)
        if blob is None or not t.path.startswith(settings.docs_prefix):
            continue
        source, screener = source_at_head(forge, t.path, status[t.path], blob, record, settings.docs_prefix, preview)
        # judged as the gate judges it: an edit of a published page carries its 更正说明
        published = published_of(forge, after, source, record) if source.kind == PAGE else None
        if judge_pull(source, record, policy, calendar, screener, published=published).approved:
            out.append(replace(t, confirmed_by=record.number))
    return out
