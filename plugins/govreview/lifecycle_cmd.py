"""``govreview lifecycle``: what needs cleaning up (R-43) and what is still to come.

Rows, one per page: ``expired`` (past its display window's end), ``invalid`` (past
``valid_until``), ``repealed`` (with the state of its replacement), ``deleted`` (the
archive says it was public, its file is gone and no withdrawal or takedown record says
why, R-44), and ``scheduled`` (approved, public from its ``start``). Every row but
``scheduled`` needs action: the command then exits 1.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
from collections.abc import Callable, Sequence
from typing import Any

from .archive_jsonl import parse_archive
from .calendar_data import calendar_for_policy
from .core import lifecycle
from .core.takedown import open_takedowns, overdue
from .core.verdict import PAGE
from .messages import Message, msg, say
from .snapshot.judge import Judgement
from .snapshot.timeline import public_pages
from .timefmt import shanghai

EXPIRED, INVALID, REPEALED, DELETED, SCHEDULED = "expired", "invalid", "repealed", "deleted", "scheduled"
TAKEDOWN_OVERDUE = "takedown_overdue"
#: The order rows are listed in: what needs action first.
ORDER = (TAKEDOWN_OVERDUE, DELETED, EXPIRED, INVALID, REPEALED, SCHEDULED)
#: The state of a repealed page's replacement.
TARGET_PUBLISHED, TARGET_SCHEDULED, TARGET_URL, TARGET_MISSING = "published", "scheduled", "url", "not_published"


def rows(judgement: Judgement, now: dt.datetime) -> list[dict[str, Any]]:
    """The rows of the report, each with its message (a :class:`Message` under ``message``)."""
    out: list[dict[str, Any]] = []
    public = public_pages(judgement, now)
    approved = {f.rel: f for f in judgement.published() if f.in_docs and f.kind == PAGE}
    for f in approved.values():
        fields = f.verdict.fields
        start = lifecycle.scheduled(fields, now)
        if start is not None:
            out.append(_row(f.entry.path, SCHEDULED, lifecycle.shown(start), msg("lifecycle_scheduled", start=lifecycle.shown(start))))
            continue
        end = lifecycle.end_of(fields)
        if end is not None and lifecycle.expired(fields, now):
            out.append(_row(f.entry.path, EXPIRED, lifecycle.shown(end), msg("lifecycle_expired", end=lifecycle.shown(end))))
        value = lifecycle.repealed_by_of(fields)
        if value is not None:
            target = lifecycle.repeal_target(f.rel, value, public)
            scheduled_target = lifecycle.repeal_target(f.rel, value, approved) if target is None else None
            if target is not None and target.url is not None:
                state, shown = TARGET_URL, target.url
            elif target is not None and target.path is not None:
                state, shown = TARGET_PUBLISHED, judgement.settings.docs_prefix + target.path
            elif scheduled_target is not None and scheduled_target.path is not None:
                state, shown = TARGET_SCHEDULED, judgement.settings.docs_prefix + scheduled_target.path
            else:
                state, shown = TARGET_MISSING, value
            code = "lifecycle_repealed" if state in (TARGET_PUBLISHED, TARGET_URL) else "lifecycle_repealed_target"
            row = _row(f.entry.path, REPEALED, None, msg(code, target=shown))
            row["replacement"], row["replacement_state"] = shown, state
            out.append(row)
        elif lifecycle.validity(fields, now) == lifecycle.INVALID:
            until = lifecycle.valid_until_of(fields)
            assert until is not None
            out.append(_row(f.entry.path, INVALID, until.isoformat(), msg("lifecycle_invalid", date=until.isoformat())))
    out.extend(_deleted(judgement))
    out.extend(_overdue_takedowns(judgement, now))
    return sorted(out, key=lambda r: (ORDER.index(r["state"]), r["path"]))


def _row(path: str, state: str, when: str | None, message: Message) -> dict[str, Any]:
    return {"path": path, "state": state, "action": state != SCHEDULED, "when": when, "message": message}


def _overdue_takedowns(judgement: Judgement, now: dt.datetime) -> list[dict[str, Any]]:
    """Emergency takedowns no pull request confirmed within the policy's working days (R-44).
    A policy without a takedown section cannot count the deadline: each open one is overdue."""
    archive = parse_archive(judgement.archive_bytes, judgement.settings.archive)
    policy = judgement.review.policy
    if policy.takedown is None:
        late = [(t, None) for t in open_takedowns(archive.takedowns).values()]
    else:
        due = overdue(archive.takedowns, policy.takedown.confirm_within, calendar_for_policy(policy), shanghai(now).date())
        late = [(d.takedown, d.last_day) for d in due]
    out = []
    for t, last in late:
        shown = last.isoformat() if last is not None else "—"
        out.append(_row(t.path, TAKEDOWN_OVERDUE, shown, msg("lifecycle_takedown_overdue", id=t.id, by=t.by, last=shown)))
    return out


def _deleted(judgement: Judgement) -> list[dict[str, Any]]:
    """Pages the archive says went public whose file is gone with no withdrawal or takedown record (R-44)."""
    archive = parse_archive(judgement.archive_bytes, judgement.settings.archive)
    present = {e.path for e in judgement.source.entries()}
    prefix = judgement.settings.docs_prefix
    public: dict[str, dt.datetime | dt.date | None] = {}
    for p in archive.publications:
        public.setdefault(p.path, p.published_at)
    for b in archive.baselines:
        public.setdefault(b.path, b.published_on)
    explained = {w.path for w in archive.withdrawals} | {t.path for t in archive.takedowns}
    out = []
    for path, when in public.items():
        if not path.startswith(prefix) or not path.endswith(".md") or path in present or path in explained:
            continue
        shown = shanghai(when).strftime("%Y-%m-%d") if isinstance(when, dt.datetime) else when.isoformat() if when else "—"
        out.append(_row(path, DELETED, shown, msg("lifecycle_deleted", published=shown)))
    return out


def run(args: argparse.Namespace, judge: Callable[[argparse.Namespace, str | None], Judgement], now: dt.datetime) -> int:
    judgement = judge(args, args.rev)
    try:
        found = rows(judgement, now)
    finally:
        judgement.source.close()
    lang = args.lang
    if args.json:
        data = {
            "format": "govreview-lifecycle",
            "version": 1,
            "now": shanghai(now).isoformat(),
            "items": [{**{k: v for k, v in r.items() if k != "message"}, "message": say(r["message"], lang)} for r in found],
        }
        print(json.dumps(data, ensure_ascii=False, indent=1))
    else:
        print(_table(found, lang))
    return 1 if any(r["action"] for r in found) else 0


def _table(found: Sequence[dict[str, Any]], lang: str) -> str:
    if not found:
        return say(msg("lifecycle_nothing"), lang)
    labels = {
        TAKEDOWN_OVERDUE: msg("lifecycle_state_takedown_overdue"),
        DELETED: msg("lifecycle_state_deleted"),
        EXPIRED: msg("lifecycle_state_expired"),
        INVALID: msg("lifecycle_state_invalid"),
        REPEALED: msg("lifecycle_state_repealed"),
        SCHEDULED: msg("lifecycle_state_scheduled"),
    }
    lines = [f"{r['path']}  {say(labels[r['state']], lang)}  {say(r['message'], lang)}" for r in found]
    action = sum(1 for r in found if r["action"])
    lines.append(say(msg("lifecycle_total", action=action, scheduled=len(found) - action), lang))
    return "\n".join(lines)


def add_parser(sub: Any, config_help: str, now_help: str) -> argparse.ArgumentParser:
    p: argparse.ArgumentParser = sub.add_parser(
        "lifecycle", help="需要清理的信息（过期、失效、废止、删除）与定时发布 / what needs cleaning up (R-43), and what is scheduled"
    )
    p.add_argument("-f", "--config-file", default=None, help=config_help)
    p.add_argument("--rev", default=None, help="判定这个提交，而不是工作区 / judge this commit instead of the work tree")
    p.add_argument("--archive")
    p.add_argument("--archive-ref")
    p.add_argument("--now", default=None, help=now_help)
    p.add_argument("--json", action="store_true", help="输出 JSON / print JSON")
    return p
