"""The approval archive on disk: JSON Lines, version 1 (see guide/archive-format.md).

Reading is all-or-nothing: one malformed line makes the whole archive unusable,
because a missing record could make an older approval look like the latest one
(fail closed, invariant 1).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from .atomic import write_text_atomically
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
from .messages import text
from .policy_yaml import policy_id
from .timefmt import parse_time

FORMAT = "govreview-archive"
VERSION = 1


class ArchiveError(Exception):
    def __init__(self, file: str, line: int | None, message: str) -> None:
        self.file, self.line, self.message = file, line, message
        where = f"{file}:{line}" if line else file
        super().__init__(f"{where}: {message}")


@dataclass(frozen=True)
class Archive:
    pulls: tuple[PullRecord, ...]
    policies: Mapping[str, Mapping[str, str]]  # policy id -> {file name: text}


class _Bad(Exception):
    pass


def _req(obj: Mapping[str, Any], key: str, kind: type | tuple[type, ...]) -> Any:
    if key not in obj:
        raise _Bad(text(f"缺少字段“{key}”", f"missing field '{key}'"))
    value = obj[key]
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise _Bad(text(f"字段“{key}”类型错误", f"field '{key}' has the wrong type"))
    return value


def _opt_str(obj: Mapping[str, Any], key: str) -> str | None:
    value = obj.get(key)
    if value is None or isinstance(value, str):
        return value
    raise _Bad(text(f"字段“{key}”类型错误", f"field '{key}' has the wrong type"))


def _time(obj: Mapping[str, Any], key: str) -> datetime:
    value = _req(obj, key, str)
    try:
        return parse_time(value)
    except ValueError:
        raise _Bad(
            text(f"字段“{key}”不是带时区的 ISO 8601 时间：{value}", f"field '{key}' is not an ISO 8601 time with offset: {value}")
        ) from None


def _pull(obj: Mapping[str, Any]) -> PullRecord:
    files = []
    for f in _req(obj, "files", list):
        status = _req(f, "status", str)
        if status not in FILE_STATUSES:
            raise _Bad(text(f"未知的文件状态“{status}”", f"unknown file status '{status}'"))
        files.append(FileChange(_req(f, "path", str), status, _opt_str(f, "blob"), _opt_str(f, "previous_path")))
    reviews = []
    for r in obj.get("reviews", []):
        state = _req(r, "state", str)
        if state not in DECISIVE_STATES and state != COMMENTED and state != "PENDING":
            raise _Bad(text(f"未知的审批状态“{state}”", f"unknown review state '{state}'"))
        reviews.append(Review(_req(r, "login", str), state, _req(r, "commit_id", str), _time(r, "submitted_at")))
    labels = []
    for e in obj.get("labels", []):
        action = _req(e, "action", str)
        if action not in ("labeled", "unlabeled"):
            raise _Bad(text(f"未知的标签动作“{action}”", f"unknown label action '{action}'"))
        labels.append(LabelEvent(_req(e, "label", str), action, _req(e, "actor", str), _time(e, "at")))
    heads = []
    for h in obj.get("heads", []):
        pushed = h.get("pushed_at")
        files_at = _req(h, "files", dict)
        if not all(isinstance(v, str | type(None)) for v in files_at.values()):
            raise _Bad(text("heads.files 的值必须是 blob 或 null", "heads.files values must be blob ids or null"))
        heads.append(Head(_req(h, "sha", str), _time(h, "pushed_at") if pushed is not None else None, dict(files_at)))
    commits = [Commit(_req(c, "sha", str), _opt_str(c, "author"), _opt_str(c, "committer")) for c in obj.get("commits", [])]
    teams_raw = obj.get("teams", {})
    if not isinstance(teams_raw, dict) or not all(isinstance(v, list) and all(isinstance(m, str) for m in v) for v in teams_raw.values()):
        raise _Bad(text("teams 必须是 {团队: [账号]} 映射", "teams must map team to a list of logins"))
    return PullRecord(
        number=_req(obj, "number", int),
        title=_req(obj, "title", str),
        author=_req(obj, "author", str),
        merged_at=_time(obj, "merged_at"),
        merge_commit=_req(obj, "merge_commit", str),
        head=_req(obj, "head", str),
        base=_req(obj, "base", str),
        policy=_req(obj, "policy", str),
        files=tuple(files),
        reviews=tuple(reviews),
        labels=tuple(labels),
        heads=tuple(heads),
        commits=tuple(commits),
        teams={k: frozenset(v) for k, v in teams_raw.items()},
    )


def read_archive(path: Path) -> Archive:
    """Read and validate an archive file. Raises ArchiveError naming file and line."""
    shown = str(path)
    try:
        raw = path.read_bytes()
    except OSError as err:
        raise ArchiveError(
            shown, None, text(f"无法读取审批档案：{err.strerror}", f"cannot read the approval archive: {err.strerror}")
        ) from None
    return parse_archive(raw, shown)


def parse_archive(raw: bytes, shown: str) -> Archive:
    """Validate an archive's bytes (from a file or a git object); ``shown`` names it in messages."""
    try:
        lines = raw.decode("utf-8").split("\n")
    except UnicodeDecodeError as err:
        bad = raw[: err.start].count(b"\n") + 1
        raise ArchiveError(shown, bad, text("审批档案不是 UTF-8 编码", "the approval archive is not UTF-8")) from None
    pulls: dict[int, PullRecord] = {}
    policies: dict[str, Mapping[str, str]] = {}
    seen_header = False
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
            if not isinstance(obj, dict):
                raise _Bad(text("每行必须是一个 JSON 对象", "each line must be a JSON object"))
            kind = obj.get("type")
            if not seen_header:
                if kind != "header" or obj.get("format") != FORMAT:
                    raise _Bad(
                        text(
                            '第一行必须是档案头 {"type": "header", "format": "govreview-archive"}',
                            "the first line must be the archive header",
                        )
                    )
                if type(obj.get("version")) is not int or obj.get("version") != VERSION:
                    raise _Bad(
                        text(
                            f"不支持的档案版本 {obj.get('version')}（本程序读取版本 {VERSION}）",
                            f"unsupported archive version {obj.get('version')} (this program reads {VERSION})",
                        )
                    )
                seen_header = True
            elif kind == "policy":
                files = _req(obj, "files", dict)
                if not all(isinstance(k, str) and isinstance(v, str) for k, v in files.items()):
                    raise _Bad(text("policy.files 必须是 {文件名: 文本}", "policy.files must map file names to text"))
                pid = _req(obj, "id", str)
                if pid != policy_id(files):
                    raise _Bad(text("规则快照的 id 与其内容不符", "the policy snapshot's id does not match its content"))
                policies[pid] = files
            elif kind == "pull":
                pull = _pull(obj)
                if pull.number in pulls and pulls[pull.number] != pull:
                    raise _Bad(
                        text(f"拉取请求 #{pull.number} 出现了两条不同的记录", f"pull request #{pull.number} has two different records")
                    )
                pulls[pull.number] = pull
            else:
                raise _Bad(text(f"未知的记录类型“{kind}”", f"unknown record type '{kind}'"))
        except json.JSONDecodeError as err:
            raise ArchiveError(shown, number, text(f"不是合法的 JSON：{err.msg}", f"not valid JSON: {err.msg}")) from None
        except (_Bad, AttributeError, TypeError) as err:
            raise ArchiveError(shown, number, str(err) if isinstance(err, _Bad) else text("记录结构错误", "malformed record")) from None
    if not seen_header:
        raise ArchiveError(shown, None, text("审批档案为空（缺少档案头）", "the approval archive is empty (no header)"))
    return Archive(tuple(pulls.values()), policies)


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment is not None else None


def pull_to_json(pull: PullRecord) -> dict[str, Any]:
    return {
        "type": "pull",
        "number": pull.number,
        "title": pull.title,
        "author": pull.author,
        "merged_at": _iso(pull.merged_at),
        "merge_commit": pull.merge_commit,
        "head": pull.head,
        "base": pull.base,
        "policy": pull.policy,
        "files": [
            {"path": f.path, "status": f.status, "blob": f.blob, **({"previous_path": f.previous_path} if f.previous_path else {})}
            for f in pull.files
        ],
        "reviews": [
            {"login": r.login, "state": r.state, "commit_id": r.commit_id, "submitted_at": _iso(r.submitted_at)} for r in pull.reviews
        ],
        "labels": [{"label": e.label, "action": e.action, "actor": e.actor, "at": _iso(e.at)} for e in pull.labels],
        "heads": [{"sha": h.sha, "pushed_at": _iso(h.pushed_at), "files": dict(h.files)} for h in pull.heads],
        "commits": [{"sha": c.sha, "author": c.author, "committer": c.committer} for c in pull.commits],
        "teams": {k: sorted(v) for k, v in sorted(pull.teams.items())},
    }


def write_archive(path: Path, policies: Mapping[str, Mapping[str, str]], pulls: Iterable[PullRecord]) -> None:
    """Write a whole archive atomically (a partial file is never left behind)."""
    rows: list[dict[str, Any]] = [{"type": "header", "format": FORMAT, "version": VERSION}]
    rows += [{"type": "policy", "id": pid, "files": dict(files)} for pid, files in policies.items()]
    rows += [pull_to_json(p) for p in sorted(pulls, key=lambda p: (p.merged_at, p.number))]
    write_text_atomically(path, "".join(json.dumps(r, ensure_ascii=False, sort_keys=False) + "\n" for r in rows))
