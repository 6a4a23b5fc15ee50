"""The approval archive on disk: JSON Lines, format version 2 (guide/archive-format.md
is the exact specification; this module follows it).

Reading is all-or-nothing: one malformed line, or one link of the hash chain that does
not hold, makes the whole archive unusable, because a missing or altered record could
make an older approval look like the latest one (fail closed, invariant 1; the archive
is the retained record of R-55).

The hash chain: every line after the header carries ``seq`` (1, 2, 3 …) and ``prev``,
``sha256:`` and the hex SHA-256 of the previous line's bytes exactly as stored, without
its newline. Verification hashes raw bytes, never re-serialised JSON, so any edit,
insertion or deletion of a line breaks the chain at the line after it.

Version 1 archives are read only by :func:`migrate`, which converts one into version 2
once; given to any other command, a version 1 archive is refused with that advice.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from .core.evidence import (
    COMMENTED,
    DECISIVE_STATES,
    FILE_STATUSES,
    Commit,
    FileChange,
    Head,
    LabelEvent,
    PullRecord,
    Review,
)
from .core.records import (
    Assignment,
    Baseline,
    Clearance,
    Correction,
    Person,
    Publication,
    Roster,
    Takedown,
    TeamMembers,
    Withdrawal,
)
from .messages import Message, Problem, msg, say
from .policy_yaml import policy_id
from .timefmt import parse_time

FORMAT = "govreview-archive"
VERSION = 2
#: The only version :func:`migrate` reads.
OLD_VERSION = 1
HASH_PREFIX = "sha256:"
_HASH = re.compile(r"sha256:[0-9a-f]{64}")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class ArchiveError(Problem):
    """The archive cannot be used; ``file`` and ``line`` (None: the whole file) say where.

    ``str()`` is the Chinese text (``FILE:LINE: …``); :meth:`text` renders it in a language."""

    def __init__(self, file: str, line: int | None, message: Message | str) -> None:
        self.file, self.line = file, line
        self.detail: Message | None = message if isinstance(message, Message) else None
        self._plain = message if isinstance(message, str) else ""
        super().__init__(*([message] if isinstance(message, Message) else []))

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line}" if self.line else self.file

    @property
    def message(self) -> str:
        """The problem without its place, in Chinese."""
        return self.explain("zh")

    def explain(self, lang: str) -> str:
        return say(self.detail, lang) if self.detail is not None else self._plain

    def text(self, lang: str) -> str:
        return f"{self.where}: {self.explain(lang)}"


@dataclass(frozen=True)
class ChainTip:
    """Where the chain ends: the last line's ``seq`` (0 when only the header is there)
    and its ``sha256:`` hash, which the next appended line carries as ``prev``."""

    seq: int
    hash: str


@dataclass(frozen=True)
class Archive:
    pulls: tuple[PullRecord, ...]
    policies: Mapping[str, Mapping[str, str]]  # policy id -> {file name: text}
    publications: tuple[Publication, ...] = ()
    clearances: tuple[Clearance, ...] = ()
    rosters: tuple[Roster, ...] = ()
    withdrawals: tuple[Withdrawal, ...] = ()
    corrections: tuple[Correction, ...] = ()
    takedowns: tuple[Takedown, ...] = ()
    baselines: tuple[Baseline, ...] = ()
    tip: ChainTip | None = None


def line_hash(line: bytes) -> str:
    """``sha256:`` and the hex digest of ``line`` (a line's bytes without its newline)."""
    return HASH_PREFIX + hashlib.sha256(line).hexdigest()


# -- reading: fields ----------------------------------------------------------------------


class _Bad(Exception):
    def __init__(self, message: Message) -> None:
        super().__init__(message)
        self.message = message


class _Fields:
    """Typed access to one JSON object of a record; every failure is a :class:`_Bad`."""

    def __init__(self, obj: Any) -> None:
        if not isinstance(obj, dict):
            raise _Bad(msg("archive.malformed"))
        self.obj: dict[str, Any] = obj

    def _check(self, key: str, value: Any, kind: type | tuple[type, ...]) -> Any:
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise _Bad(msg("archive.wrong_type", field=key))
        return value

    def req(self, key: str, kind: type | tuple[type, ...]) -> Any:
        if key not in self.obj:
            raise _Bad(msg("archive.missing_field", field=key))
        return self._check(key, self.obj[key], kind)

    def opt(self, key: str, kind: type | tuple[type, ...]) -> Any:
        """An optional field: omitted and null mean the same."""
        value = self.obj.get(key)
        return None if value is None else self._check(key, value, kind)

    def text(self, key: str) -> str:
        value: str = self.req(key, str)
        if not value.strip():
            raise _Bad(msg("archive.empty_text", field=key))
        return value

    def opt_text(self, key: str) -> str | None:
        value: str | None = self.opt(key, str)
        if value is not None and not value.strip():
            raise _Bad(msg("archive.empty_text", field=key))
        return value

    def number(self, key: str) -> int:
        value: int = self.req(key, int)
        if value < 1:
            raise _Bad(msg("archive.not_positive", field=key))
        return value

    def opt_number(self, key: str) -> int | None:
        value: int | None = self.opt(key, int)
        if value is not None and value < 1:
            raise _Bad(msg("archive.not_positive", field=key))
        return value

    def flag(self, key: str) -> bool:
        return bool(self.opt(key, bool))

    def time(self, key: str) -> datetime:
        return _parse_time(key, self.req(key, str))

    def opt_time(self, key: str) -> datetime | None:
        value = self.opt(key, str)
        return None if value is None else _parse_time(key, value)

    def opt_date(self, key: str) -> date | None:
        value = self.opt(key, str)
        if value is None:
            return None
        try:
            if not _DATE.fullmatch(value):
                raise ValueError(value)
            return date.fromisoformat(value)
        except ValueError:
            raise _Bad(msg("archive.bad_date", field=key, value=value)) from None

    def items(self, key: str) -> list[_Fields]:
        """An optional list of objects (omitted: empty)."""
        return [_Fields(item) for item in (self.opt(key, list) or [])]

    def logins(self, key: str) -> list[str]:
        values = self.req(key, list)
        if not all(isinstance(v, str) for v in values):
            raise _Bad(msg("archive.wrong_type", field=key))
        return values


def _parse_time(key: str, value: str) -> datetime:
    try:
        return parse_time(value)
    except ValueError:
        raise _Bad(msg("archive.bad_time", field=key, value=value)) from None


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:  # two readers could take different ones: ambiguous evidence
            raise _Bad(msg("archive.duplicate_key", field=key))
        out[key] = value
    return out


def _no_constants(name: str) -> Any:
    raise _Bad(msg("archive.not_json", detail=name))


def _json_object(line: str) -> dict[str, Any]:
    obj = json.loads(line, object_pairs_hook=_no_duplicate_keys, parse_constant=_no_constants)
    if not isinstance(obj, dict):
        raise _Bad(msg("archive.not_object"))
    return obj


# -- reading: records -----------------------------------------------------------------------


def _pull(f: _Fields) -> PullRecord:
    files = []
    for item in [_Fields(x) for x in f.req("files", list)]:
        status = item.req("status", str)
        if status not in FILE_STATUSES:
            raise _Bad(msg("archive.file_status", status=status))
        files.append(FileChange(item.req("path", str), status, item.opt("blob", str), item.opt("previous_path", str)))
    reviews = []
    for r in f.items("reviews"):
        state = r.req("state", str)
        if state not in DECISIVE_STATES and state != COMMENTED and state != "PENDING":
            raise _Bad(msg("archive.review_state", state=state))
        body = r.opt("body", str) or ""
        review = Review(r.req("login", str), state, r.req("commit_id", str), r.time("submitted_at"), r.opt_number("id"), body)
        reviews.append(replace(review, edited=r.opt("edited", bool)))
    labels = []
    for e in f.items("labels"):
        action = e.req("action", str)
        if action not in ("labeled", "unlabeled"):
            raise _Bad(msg("archive.label_action", action=action))
        labels.append(LabelEvent(e.req("label", str), action, e.req("actor", str), e.time("at")))
    heads = []
    for h in f.items("heads"):
        files_at = h.req("files", dict)
        if not all(isinstance(v, str | type(None)) for v in files_at.values()):
            raise _Bad(msg("archive.head_files"))
        heads.append(Head(h.req("sha", str), h.opt_time("pushed_at"), dict(files_at)))
    commits = [Commit(c.req("sha", str), c.opt("author", str), c.opt("committer", str)) for c in f.items("commits")]
    teams_raw = f.obj.get("teams", {})
    if not isinstance(teams_raw, dict) or not all(isinstance(v, list) and all(isinstance(m, str) for m in v) for v in teams_raw.values()):
        raise _Bad(msg("archive.teams_shape"))
    return PullRecord(
        number=f.req("number", int),
        title=f.req("title", str),
        author=f.req("author", str),
        merged_at=f.time("merged_at"),
        merge_commit=f.req("merge_commit", str),
        head=f.req("head", str),
        base=f.req("base", str),
        policy=f.req("policy", str),
        files=tuple(files),
        reviews=tuple(reviews),
        labels=tuple(labels),
        heads=tuple(heads),
        commits=tuple(commits),
        teams={k: frozenset(v) for k, v in teams_raw.items()},
        merged_by=f.opt("merged_by", str),
        ready_at=f.opt_time("ready_at"),
    )


def _policy(f: _Fields) -> tuple[str, dict[str, str]]:
    files = f.req("files", dict)
    if not all(isinstance(k, str) and isinstance(v, str) for k, v in files.items()):
        raise _Bad(msg("archive.policy_files_shape"))
    pid = f.req("id", str)
    if pid != policy_id(files):
        raise _Bad(msg("archive.policy_id_mismatch"))
    return pid, files


def _publication(f: _Fields) -> Publication:
    return Publication(f.text("path"), f.text("blob"), f.time("published_at"), f.text("run"), f.opt_text("commit"))


def _assignment(f: _Fields, who: str) -> Assignment:
    role = f.text("role")
    out = Assignment(
        role,
        f.opt_time("valid_from"),
        f.opt_time("valid_to"),
        f.opt_text("unit"),
        f.flag("acting"),
        f.opt_text("delegated_by"),
        f.opt_text("for"),
    )
    if out.valid_to is not None and out.valid_from is not None and out.valid_to <= out.valid_from:
        raise _Bad(msg("archive.interval", who=who, role=role))
    return out


def _roster(f: _Fields) -> Roster:
    people = []
    for p in [_Fields(x) for x in f.req("people", list)]:
        login = p.text("login")
        people.append(Person(login, p.text("name"), p.opt_text("title"), tuple(_assignment(a, login) for a in p.items("assignments"))))
    teams = tuple(TeamMembers(t.text("team"), frozenset(t.logins("members")), t.time("resolved_at")) for t in f.items("teams"))
    return Roster(f.time("resolved_at"), tuple(people), teams, f.opt_number("pull"), f.opt_text("policy"))


def _correction(f: _Fields) -> Correction:
    out = Correction(
        f.text("path"),
        f.text("old_blob"),
        f.text("new_blob"),
        f.number("pull"),
        f.time("at"),
        f.opt_text("note"),
        f.flag("minor"),
        f.opt_text("approved_by"),
    )
    if (out.note is None) == (not out.minor) or (out.minor and out.approved_by is None):
        raise _Bad(msg("archive.correction_note"))
    return out


def _takedown(f: _Fields) -> Takedown:
    return Takedown(
        f.text("id"), f.text("path"), f.text("by"), f.time("at"), f.text("reason"), f.opt_text("blob"), f.opt_number("confirmed_by")
    )


def _baseline(f: _Fields) -> Baseline:
    return Baseline(
        f.text("path"),
        f.text("blob"),
        f.text("source"),
        f.text("recorded_by"),
        f.time("at"),
        f.opt_date("approved_on"),
        f.opt_date("published_on"),
    )


class _Records:
    """The records read so far, and the checks that relate one record to earlier ones."""

    def __init__(self) -> None:
        self.pulls: dict[int, PullRecord] = {}
        self.policies: dict[str, Mapping[str, str]] = {}
        self.publications: list[Publication] = []
        self.clearances: list[Clearance] = []
        self.rosters: list[Roster] = []
        self.withdrawals: list[Withdrawal] = []
        self.corrections: list[Correction] = []
        self.takedowns: dict[str, Takedown] = {}
        self.baselines: list[Baseline] = []

    def _known(self, number: int | None) -> None:
        if number is not None and number not in self.pulls:
            raise _Bad(msg("archive.unknown_pull", pull=number))

    def add_pull(self, pull: PullRecord) -> None:
        if pull.number in self.pulls and self.pulls[pull.number] != pull:
            raise _Bad(msg("archive.pull_twice", pull=pull.number))
        self.pulls[pull.number] = pull

    def add(self, kind: str, f: _Fields) -> None:
        if kind == "policy":
            pid, files = _policy(f)
            self.policies[pid] = files
        elif kind == "pull":
            self.add_pull(_pull(f))
        elif kind == "publication":
            self.publications.append(_publication(f))
        elif kind == "clearance":
            self.clearances.append(self._clearance(f))
        elif kind == "roster":
            roster = _roster(f)
            self._known(roster.pull)
            self.rosters.append(roster)
        elif kind == "withdrawal":
            w = Withdrawal(f.text("path"), f.text("blob"), f.text("reason"), f.text("approved_by"), f.number("pull"), f.time("at"))
            self._known(w.pull)
            self.withdrawals.append(w)
        elif kind == "correction":
            c = _correction(f)
            self._known(c.pull)
            self.corrections.append(c)
        elif kind == "takedown":
            self._add_takedown(_takedown(f))
        elif kind == "baseline":
            if self.pulls:  # what was public before adoption comes before any approval by pull request
                raise _Bad(msg("archive.baseline_after_pull"))
            self.baselines.append(_baseline(f))
        else:
            raise _Bad(msg("archive.unknown_type", kind=kind))

    def _clearance(self, f: _Fields) -> Clearance:
        c = Clearance(
            pull=f.number("pull"),
            head=f.text("head"),
            path=f.text("path"),
            blob=f.text("blob"),
            check=f.text("check"),
            line=f.number("line"),
            text=f.text("text"),
            by=f.text("by"),
            at=f.time("at"),
            review=f.number("review"),
            rule=f.opt_text("rule"),
            column=f.opt_number("column"),
            place=f.opt_text("place"),
        )
        self._known(c.pull)
        if not any(r.id == c.review and r.login == c.by and r.commit_id == c.head for r in self.pulls[c.pull].reviews):
            raise _Bad(msg("archive.unknown_review", pull=c.pull, review=c.review, who=c.by, head=c.head))
        return c

    def _add_takedown(self, t: Takedown) -> None:
        self._known(t.confirmed_by)
        before = self.takedowns.get(t.id)
        # A later line of the same takedown may only add the confirming pull request.
        if before is not None and (
            replace(t, confirmed_by=None) != replace(before, confirmed_by=None)
            or (before.confirmed_by is not None and t.confirmed_by != before.confirmed_by)
        ):
            raise _Bad(msg("archive.takedown_conflict", id=t.id))
        self.takedowns[t.id] = t

    def archive(self, tip: ChainTip | None) -> Archive:
        return Archive(
            tuple(self.pulls.values()),
            self.policies,
            tuple(self.publications),
            tuple(self.clearances),
            tuple(self.rosters),
            tuple(self.withdrawals),
            tuple(self.corrections),
            tuple(self.takedowns.values()),
            tuple(self.baselines),
            tip,
        )


# -- reading: the file -------------------------------------------------------------------------


def read_archive(path: Path) -> Archive:
    """Read and verify an archive file. Raises ArchiveError naming file and line."""
    return parse_archive(_read(path), str(path))


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as err:
        raise ArchiveError(str(path), None, msg("archive.unreadable", reason=err.strerror or str(err))) from None


def _decode(raw: bytes, shown: str) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as err:
        raise ArchiveError(shown, raw[: err.start].count(b"\n") + 1, msg("archive.not_utf8")) from None


def _at(shown: str, number: int, fn: Any, *args: Any) -> Any:
    """Run one line's check, turning its failure into an ArchiveError at that line."""
    try:
        return fn(*args)
    except json.JSONDecodeError as err:
        raise ArchiveError(shown, number, msg("archive.not_json", detail=err.msg)) from None
    except _Bad as err:
        raise ArchiveError(shown, number, err.message) from None
    except (AttributeError, TypeError, ValueError):
        raise ArchiveError(shown, number, msg("archive.malformed")) from None


def _header(line: str, shown: str) -> int:
    """The version the header line declares (refusing anything that is not a header)."""
    obj = _json_object(line)
    if obj.get("type") != "header" or obj.get("format") != FORMAT:
        raise _Bad(msg("archive.first_line_header"))
    version = obj.get("version")
    if type(version) is not int or version not in (OLD_VERSION, VERSION):
        raise _Bad(msg("archive.version_unsupported", version=version, supported=VERSION))
    if version == VERSION and "migrated_from" in obj:
        source = _Fields(obj["migrated_from"])
        source.req("version", int)
        if not _HASH.fullmatch(source.req("sha256", str)):
            raise _Bad(msg("archive.bad_hash", field="sha256"))
    return version


def parse_archive(raw: bytes, shown: str) -> Archive:
    """Verify an archive's bytes (from a file or a git object); ``shown`` names it in messages.

    The byte rules (guide/archive-format.md): UTF-8, one JSON object a line, every line
    ended by one LF, no CR, no blank line; line 1 the header; line N (N ≥ 2) has
    ``seq`` N-1 and ``prev`` the hash of line N-1's bytes."""
    text = _decode(raw, shown)
    if not text.strip():
        raise ArchiveError(shown, None, msg("archive.empty"))
    lines = raw.split(b"\n")
    last = lines.pop()  # b"" when the file ends with a newline, as it must
    records = _Records()
    previous = ""
    for number, line in enumerate(lines, start=1):
        _at(shown, number, _line_bytes, line, number)
        decoded = line.decode("utf-8")
        if number == 1:
            version = _at(shown, 1, _header, decoded, shown)
            if version == OLD_VERSION:
                raise ArchiveError(shown, 1, msg("archive.version_1", file=shown))
        else:
            obj = _at(shown, number, _json_object, decoded)
            _at(shown, number, _chain, obj, number, previous)
            _at(shown, number, _record, records, obj)
        previous = line_hash(line)
    if last:
        raise ArchiveError(shown, len(lines) + 1, msg("archive.no_final_newline", line=len(lines) + 1))
    return records.archive(ChainTip(len(lines) - 1, previous))


def _line_bytes(line: bytes, number: int) -> None:
    if not line.strip():
        raise _Bad(msg("archive.blank_line", line=number))
    if line.endswith(b"\r"):
        raise _Bad(msg("archive.crlf", line=number))


def _chain(obj: dict[str, Any], number: int, previous: str) -> None:
    if obj.get("type") == "header":
        raise _Bad(msg("archive.unknown_type", kind="header"))
    f = _Fields(obj)
    prev = f.req("prev", str)
    if prev != previous:
        raise _Bad(msg("archive.chain_broken", line=number, previous=number - 1))
    seq = f.req("seq", int)
    if seq != number - 1:
        raise _Bad(msg("archive.seq_wrong", line=number, wanted=number - 1, found=seq))


def _record(records: _Records, obj: dict[str, Any]) -> None:
    kind = obj.get("type")
    records.add(kind if isinstance(kind, str) else str(kind), _Fields(obj))


def _parse_v1(raw: bytes, shown: str) -> list[dict[str, Any]]:
    """A version 1 archive as version 2 rows (without seq/prev), in file order, exact
    duplicates dropped. Version 1 rules: blank lines ignored, no chain."""
    text = _decode(raw, shown)
    records = _Records()
    rows: list[dict[str, Any]] = []
    seen_header = False
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        if not seen_header:
            version = _at(shown, number, _header, line, shown)
            if version != OLD_VERSION:
                raise ArchiveError(shown, number, msg("archive.migrate_not_v1", file=shown, version=version))
            seen_header = True
            continue
        obj = _at(shown, number, _json_object, line)
        kind = obj.get("type")
        if kind == "policy":
            pid, files = _at(shown, number, _policy, _Fields(obj))
            if pid not in records.policies:
                records.policies[pid] = files
                rows.append(policy_to_json(pid, files))
        elif kind == "pull":
            pull = _at(shown, number, _pull, _Fields(obj))
            known = pull.number in records.pulls
            _at(shown, number, records.add_pull, pull)
            if not known:
                rows.append(pull_to_json(pull))
        else:
            raise ArchiveError(shown, number, msg("archive.unknown_type", kind=kind))
    if not seen_header:
        raise ArchiveError(shown, None, msg("archive.empty"))
    return rows


# -- writing ---------------------------------------------------------------------------------


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment is not None else None


def policy_to_json(pid: str, files: Mapping[str, str]) -> dict[str, Any]:
    return {"type": "policy", "id": pid, "files": dict(files)}


def pull_to_json(pull: PullRecord) -> dict[str, Any]:
    return {
        "type": "pull",
        "number": pull.number,
        "title": pull.title,
        "author": pull.author,
        "merged_at": _iso(pull.merged_at),
        "merged_by": pull.merged_by,
        "ready_at": _iso(pull.ready_at),
        "merge_commit": pull.merge_commit,
        "head": pull.head,
        "base": pull.base,
        "policy": pull.policy,
        "files": [
            {"path": f.path, "status": f.status, "blob": f.blob, **({"previous_path": f.previous_path} if f.previous_path else {})}
            for f in pull.files
        ],
        "reviews": [
            {
                **({"id": r.id} if r.id is not None else {}),
                "login": r.login,
                "state": r.state,
                "commit_id": r.commit_id,
                "submitted_at": _iso(r.submitted_at),
                **({"body": r.body} if r.body else {}),
                **({"edited": r.edited} if r.edited is not None else {}),
            }
            for r in pull.reviews
        ],
        "labels": [{"label": e.label, "action": e.action, "actor": e.actor, "at": _iso(e.at)} for e in pull.labels],
        "heads": [{"sha": h.sha, "pushed_at": _iso(h.pushed_at), "files": dict(h.files)} for h in pull.heads],
        "commits": [{"sha": c.sha, "author": c.author, "committer": c.committer} for c in pull.commits],
        "teams": {k: sorted(v) for k, v in sorted(pull.teams.items())},
    }


def publication_to_json(p: Publication) -> dict[str, Any]:
    return {
        "type": "publication",
        "path": p.path,
        "blob": p.blob,
        "published_at": _iso(p.published_at),
        "run": p.run,
        **({"commit": p.commit} if p.commit else {}),
    }


def withdrawal_to_json(w: Withdrawal) -> dict[str, Any]:
    """A ``withdrawal`` record (§5.7), as ``archive sync`` writes it after a withdrawal merged."""
    return {
        "type": "withdrawal",
        "path": w.path,
        "blob": w.blob,
        "reason": w.reason,
        "approved_by": w.approved_by,
        "pull": w.pull,
        "at": _iso(w.at),
    }


def correction_to_json(c: Correction) -> dict[str, Any]:
    """A ``correction`` record (§5.8): a public note, or minor with who approved it."""
    return {
        "type": "correction",
        "path": c.path,
        "old_blob": c.old_blob,
        "new_blob": c.new_blob,
        "pull": c.pull,
        "at": _iso(c.at),
        **({"note": c.note} if c.note is not None else {}),
        **({"minor": True, "approved_by": c.approved_by} if c.minor else {}),
    }


def clearance_to_json(c: Clearance) -> dict[str, Any]:
    return {
        "type": "clearance",
        "pull": c.pull,
        "head": c.head,
        "path": c.path,
        "blob": c.blob,
        "check": c.check,
        **({"rule": c.rule} if c.rule else {}),
        "line": c.line,
        **({"column": c.column} if c.column is not None else {}),
        **({"place": c.place} if c.place else {}),
        "text": c.text,
        "by": c.by,
        "at": _iso(c.at),
        "review": c.review,
    }


def roster_to_json(r: Roster) -> dict[str, Any]:
    def assignment(a: Assignment) -> dict[str, Any]:
        return {
            "role": a.role,
            **({"unit": a.unit} if a.unit else {}),
            "valid_from": _iso(a.valid_from),
            "valid_to": _iso(a.valid_to),
            **({"acting": True} if a.acting else {}),
            **({"delegated_by": a.delegated_by} if a.delegated_by else {}),
            **({"for": a.principal} if a.principal else {}),
        }

    return {
        "type": "roster",
        "resolved_at": _iso(r.resolved_at),
        **({"pull": r.pull} if r.pull is not None else {}),
        **({"policy": r.policy} if r.policy else {}),
        "people": [
            {
                "login": p.login,
                "name": p.name,
                **({"title": p.title} if p.title else {}),
                "assignments": [assignment(a) for a in p.assignments],
            }
            for p in r.people
        ],
        "teams": [{"team": t.team, "members": sorted(t.members), "resolved_at": _iso(t.resolved_at)} for t in r.teams],
    }


def takedown_to_json(t: Takedown) -> dict[str, Any]:
    """A takedown record (guide/archive-format.md §5.9); ``confirmed_by`` is always written,
    null until a pull request confirms it."""
    return {
        "type": "takedown",
        "id": t.id,
        "path": t.path,
        "blob": t.blob,
        "by": t.by,
        "at": _iso(t.at),
        "reason": t.reason,
        "confirmed_by": t.confirmed_by,
    }


def header_line(**extra: object) -> bytes:
    return json.dumps({"type": "header", "format": FORMAT, "version": VERSION, **extra}, ensure_ascii=False).encode("utf-8")


def record_line(row: Mapping[str, Any], seq: int, prev: str) -> bytes:
    """One record as stored: ``type``, ``seq``, ``prev`` first, then its fields; UTF-8, no newline."""
    body = {"type": row["type"], "seq": seq, "prev": prev, **{k: v for k, v in row.items() if k not in ("type", "seq", "prev")}}
    return json.dumps(body, ensure_ascii=False, allow_nan=False).encode("utf-8")


def encode_archive(rows: Iterable[Mapping[str, Any]], **header: object) -> bytes:
    """A whole archive: the header line, then ``rows`` chained one after another."""
    lines = [header_line(**header)]
    for seq, row in enumerate(rows, start=1):
        lines.append(record_line(row, seq, line_hash(lines[-1])))
    return b"".join(line + b"\n" for line in lines)


def _write_atomically(path: Path, data: bytes, *, exclusive: bool = False) -> None:
    """Write ``data`` to ``path`` whole or not at all; ``exclusive``: never replace a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    try:
        with tmp.open("wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        if exclusive:
            os.link(tmp, path)  # fails if path exists, even when another process made it just now
        else:
            tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)


def write_archive(
    path: Path,
    policies: Mapping[str, Mapping[str, str]],
    pulls: Iterable[PullRecord],
    *,
    publications: Iterable[Publication] = (),
) -> None:
    """Write a whole new archive atomically (a partial file is never left behind): the
    header, the policy snapshots, the pull requests by merge time, the publications."""
    rows = [policy_to_json(pid, files) for pid, files in policies.items()]
    rows += [pull_to_json(p) for p in sorted(pulls, key=lambda p: (p.merged_at, p.number))]
    rows += [publication_to_json(p) for p in sorted(publications, key=lambda p: (p.published_at, p.path))]
    _write_atomically(path, encode_archive(rows))


# -- appending --------------------------------------------------------------------------------


class Appender:
    """Appends records to an existing archive, continuing its hash chain; each call is
    written and flushed to disk before it returns."""

    def __init__(self, path: Path, tip: ChainTip) -> None:
        self.path, self.tip = path, tip

    def append(self, rows: Iterable[Mapping[str, Any]]) -> None:
        tip, lines = self.tip, []
        for row in rows:
            line = record_line(row, tip.seq + 1, tip.hash)
            tip = ChainTip(tip.seq + 1, line_hash(line))
            lines.append(line + b"\n")
        if not lines:
            return
        with self.path.open("ab") as out:
            out.write(b"".join(lines))
            out.flush()
            os.fsync(out.fileno())
        self.tip = tip


def _repair_tail(path: Path) -> None:
    """Drop a last line left half-written by an interrupted append (it has no newline;
    nothing refers to it, since the next line was never written)."""
    data = path.read_bytes()
    if data and not data.endswith(b"\n"):
        path.write_bytes(data[: data.rfind(b"\n") + 1])


def open_for_append(path: Path) -> tuple[Archive, Appender]:
    """The archive at ``path`` (verified; created with only a header when missing) and an
    appender that continues its chain. Raises ArchiveError."""
    if path.is_file():
        _repair_tail(path)
    elif not path.exists():
        _write_atomically(path, header_line() + b"\n")
    archive = read_archive(path)
    assert archive.tip is not None
    return archive, Appender(path, archive.tip)


def record_publications(
    path: Path, published: Mapping[str, str], published_at: datetime, run: str, commit: str | None = None
) -> list[Publication]:
    """Record the first publication of each ``path -> blob`` just deployed (R-50's 发布时间).
    A path already recorded at that blob keeps its first date. Returns what was added."""
    archive, appender = open_for_append(path)
    known = {(p.path, p.blob) for p in archive.publications}
    new = [Publication(p, b, published_at, run, commit) for p, b in sorted(published.items()) if (p, b) not in known]
    appender.append(publication_to_json(p) for p in new)
    return new


# -- migration ------------------------------------------------------------------------------


def migrate(source: Path, dest: Path) -> int:
    """Convert the version 1 archive ``source`` into a new version 2 archive ``dest``
    (never overwriting a file), once: a version 2 archive is refused. The header records
    the hash of the old file's bytes. Returns the number of records written."""
    raw = _read(source)
    rows = _parse_v1(raw, str(source))
    if dest.exists() or dest.is_symlink():
        raise ArchiveError(str(dest), None, msg("archive.migrate_out_exists", file=str(dest)))
    data = encode_archive(rows, migrated_from={"version": OLD_VERSION, "sha256": line_hash(raw)})
    parse_archive(data, str(dest))  # what is written must read back
    try:
        _write_atomically(dest, data, exclusive=True)
    except FileExistsError:
        raise ArchiveError(str(dest), None, msg("archive.migrate_out_exists", file=str(dest))) from None
    except OSError as err:
        raise ArchiveError(str(dest), None, msg("archive.unwritable", reason=err.strerror or str(err))) from None
    return len(rows)
