"""``govreview freshness``: which columns and units went too long without a new item
(R-40, R-41, R-42 and the inspections' thresholds), from the policy's ``freshness``
section, the published pages of a commit and the approval archive.

    govreview freshness [--json] [--now ISO-TIME] [--rev REV] [--archive FILE | --archive-ref REF[:PATH]]
    govreview freshness --issue [--repo OWNER/NAME] [--label NAME]    keep the one reminder issue

An item counts when the commit publishes it (the gate approves it, as ``stage`` does)
and lists it at ``now`` (not withdrawn, expired, scheduled for later or taken down),
from its first publication: the archive's earliest ``publication`` record of its path,
else a ``baseline``'s ``published_on``, else the first merge that produced it.

Exit 0 when everything is fresh (or only due soon), 1 when something is stale, 2 when
the report cannot be made (usage, settings, policy, archive or the forge): the scheduled
workflow tells "stale" from "cannot tell".
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from .archive_jsonl import Archive, ArchiveError
from .calendar_data import calendar_for_policy, next_year_warning, unknown_year_message
from .core.calendar import UnknownYear
from .core.freshness import COLUMN, STALE, TAKEN_DOWN, Item, Row, freshness_report, not_listed, window_moment
from .core.gate import CHINA, local_day
from .core.policy import Policy
from .core.takedown import is_taken_down
from .core.verdict import PAGE
from .gittree import GitError
from .messages import Message, msg, say
from .policy_yaml import PolicyError
from .settings import SettingsError, read_settings
from .sitepages import article_column
from .snapshot.judge import Judgement, StageError, judge_source, read_archive_from
from .snapshot.sources import CommitSource, Source
from .timefmt import SHANGHAI

EXIT_OK, EXIT_STALE, EXIT_USAGE = 0, 1, 2
#: Finds the reminder issue again (with its label), as the sticky comment's marker does.
MARKER = "<!-- govreview:freshness -->"
LABEL = "栏目更新提醒"
_HELP_CONFIG = "站点配置文件（默认在当前目录或上级目录中查找 mkdocs.yml）/ site configuration"


class FreshnessUsage(Exception):
    def __init__(self, message: Message | str) -> None:
        super().__init__(message)
        self.message = message

    def text(self, lang: str) -> str:
        return say(self.message, lang) if isinstance(self.message, Message) else self.message


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("freshness", help="栏目与单位更新情况（R-40、R-41、R-42）/ column and unit freshness")
    p.add_argument("-f", "--config-file", default=None, help=_HELP_CONFIG)
    p.add_argument("--rev", default="HEAD", help="按这个提交所发布的内容（默认 HEAD）/ the commit whose published pages count")
    p.add_argument("--archive", help="审批档案文件（默认取站点配置）/ archive file")
    p.add_argument("--archive-ref", help="从 git 读取审批档案：REF[:PATH] / read the archive from git")
    p.add_argument("--now", help="按这一时刻计算（默认现在），如 2026-10-09T09:00:00+08:00 / count at this time")
    p.add_argument("--json", action="store_true", help="输出 JSON / print JSON")
    p.add_argument("--lang", choices=("zh", "en"), default=argparse.SUPPRESS, help="输出语言 / output language")
    p.add_argument("--issue", action="store_true", help="打开、更新或关闭提醒议题（需要 GITHUB_TOKEN）/ keep the reminder issue")
    p.add_argument("--repo", help="OWNER/NAME（默认 GITHUB_REPOSITORY）")
    p.add_argument("--base-url", help="API 地址（默认 GITHUB_API_URL）")
    p.add_argument("--label", default=LABEL, help=f"提醒议题的标签（默认 {LABEL}）/ the issue's label")
    p.set_defaults(func=cmd_freshness)


# -- what counts ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Counted:
    items: list[Item]
    left_out: list[tuple[str, Message]]  # (docs path, why) of published pages not counted


def first_published(archive: Archive) -> dict[str, datetime]:
    """When each path first became public (DESIGN "Dates"), in one pass over the archive: the
    earliest of its ``publication`` records and a ``baseline``'s ``published_on`` (00:00 that
    day, China time); for a path with neither, the first merge that produced it."""
    known: dict[str, datetime] = {}
    for p in archive.publications:
        known[p.path] = min(p.published_at, known.get(p.path, p.published_at))
    for b in archive.baselines:
        if b.published_on is not None:
            day = datetime.combine(b.published_on, time(), CHINA)
            known[b.path] = min(day, known.get(b.path, day))
    merged: dict[str, datetime] = {}
    for pull in sorted(archive.pulls, key=lambda p: (p.merged_at, p.number)):  # the earliest merge stays
        for change in pull.files:
            if change.blob is not None:
                merged.setdefault(change.path, pull.merged_at)
    return merged | known


def counted_items(judgement: Judgement, archive: Archive, now: datetime) -> Counted:
    """The published, listed articles of the judged commit with their first publication."""
    policy = judgement.review.policy
    items: list[Item] = []
    left_out: list[tuple[str, Message]] = []
    first = first_published(archive)
    for f in judgement.files:
        if f.kind != PAGE or not f.in_docs:
            continue
        column = article_column(f.rel, policy)
        if column is None:
            continue  # the home page, a column's own index: listed nowhere
        v = f.verdict
        taken = is_taken_down(v)  # withheld by its open takedown: said, like the other pages left out
        if not v.approved and not taken:
            continue  # withheld: not public, counts for nothing
        why = (TAKEN_DOWN, "") if taken else not_listed(v.fields, now)
        if why is not None:
            left_out.append((f.rel, msg(f"fresh_why_{why[0]}", field=why[1])))
            continue
        published = first.get(f.entry.path) or v.merged_at
        if published is None:
            continue  # approved without a merge on record cannot happen; never guess a date
        start = window_moment(v.fields.get("start"))  # read already by not_listed
        if start is not None and start > published:
            published = start  # a scheduled item became public at its start, not at its merge
        title = v.fields.get("title")
        items.append(Item(f.rel, column, v.unit, published, title if isinstance(title, str) else ""))
    return Counted(items, left_out)


# -- the report -------------------------------------------------------------------------------


def scope_name(row: Row, policy: Policy) -> str:
    if row.scope == COLUMN:
        column = policy.columns.get(row.key)
        return f"{column.name}（{row.key}）" if column else row.key
    unit = policy.units.get(row.key)
    return unit.name if unit else row.key


def _amount(n: int, unit: str, lang: str) -> str:
    return say(msg(f"fresh_unit_{unit}", n=n), lang)


def row_json(row: Row, policy: Policy) -> dict[str, Any]:
    t = row.threshold
    last = row.last
    return {
        "scope": row.scope,
        "key": row.key,
        "name": scope_name(row, policy),
        "rule": t.rule,
        "amount": t.amount,
        "unit": t.unit,
        "warn_before": t.warn_before,
        "last": None
        if last is None
        else {"path": last.path, "title": last.title, "published_at": last.published_at.astimezone(SHANGHAI).isoformat()},
        "idle": row.idle,
        "idle_unit": row.idle_unit,
        "due": row.due.isoformat() if row.due else None,
        "status": row.status,
    }


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def table(rows: Sequence[Row], policy: Policy, lang: str) -> list[str]:
    """The report as a Markdown table (the terminal and the issue show the same)."""
    heads: tuple[str, ...] = (
        "fresh_col_scope",
        "fresh_col_name",
        "fresh_col_rule",
        "fresh_col_limit",
        "fresh_col_last",
        "fresh_col_idle",
        "fresh_col_due",
    )
    heads += ("fresh_col_status",)
    out = ["| " + " | ".join(say(msg(h), lang) for h in heads) + " |", "|" + "---|" * len(heads)]
    for r in rows:
        t = r.threshold
        if r.last is None:
            last = say(msg("fresh_never"), lang)
        else:
            shown = r.last.title or r.last.path
            last = f"{local_day(r.last.published_at)} {shown}"
        idle = "—" if r.idle is None else _amount(r.idle, r.idle_unit, lang)
        limit = _amount(t.amount, t.unit, lang)
        if t.warn_before:
            unit = t.unit
            limit += say(msg("fresh_warn_before", amount=_amount(t.warn_before, unit, lang)), lang)
        cells = (
            say(msg(f"fresh_scope_{r.scope}"), lang),
            scope_name(r, policy),
            t.rule,
            limit,
            last,
            idle,
            r.due.isoformat() if r.due else "—",
            ("✗ " if r.stale else "! " if r.status != "fresh" else "✓ ") + say(msg(f"fresh_status_{r.status}"), lang),
        )
        out.append("| " + " | ".join(_cell(c) for c in cells) + " |")
    return out


def total(rows: Sequence[Row], lang: str) -> str:
    stale = sum(r.status == STALE for r in rows)
    soon = sum(r.status == "due_soon" for r in rows)
    return say(msg("fresh_total", rows=len(rows), stale=stale, due_soon=soon), lang)


def issue_body(rows: Sequence[Row], policy: Policy, today: date, lang: str) -> str:
    lines = [MARKER, say(msg("fresh_heading", today=today), lang), "", say(msg("fresh_issue_intro"), lang), ""]
    if any(r.stale for r in rows):
        shown = [r for r in rows if r.status != "fresh"]
        lines += [*table(shown, policy, lang), "", total(rows, lang)]
    else:
        lines.append(say(msg("fresh_issue_all_fresh", today=today), lang))
    return "\n".join(lines) + "\n"


def issue_title(rows: Sequence[Row], lang: str) -> str:
    stale = sum(r.stale for r in rows)
    return say(msg("fresh_issue_title", stale=stale) if stale else msg("fresh_issue_title_fresh"), lang)


def keep_issue(forge: Any, rows: Sequence[Row], policy: Policy, today: date, label: str, lang: str) -> Message:
    """Open the one reminder issue when something is stale, update it in place, close it
    when all is fresh. It is found again by its label and the marker in its body; a closed
    one is reopened rather than a second one opened. Writes are never retried."""
    found = forge.find_issue(label, MARKER)
    body, title = issue_body(rows, policy, today, lang), issue_title(rows, lang)
    stale = any(r.stale for r in rows)
    if stale:
        if found is None:
            number = forge.create_issue(title, body, [label])
            return msg("fresh_issue_opened", number=number)
        if found.state != "open":
            forge.edit_issue(found.number, title=title, body=body, state="open")
            return msg("fresh_issue_opened", number=found.number)
        if found.body == body and found.title == title:
            return msg("fresh_issue_unchanged", number=found.number)
        forge.edit_issue(found.number, title=title, body=body)
        return msg("fresh_issue_updated", number=found.number)
    if found is not None and found.state == "open":
        forge.edit_issue(found.number, title=title, body=body, state="closed", state_reason="completed")
        return msg("fresh_issue_closed", number=found.number)
    return msg("fresh_issue_none")


# -- the command ------------------------------------------------------------------------------


def _now(value: str | None) -> datetime:
    if not value:
        return datetime.now(SHANGHAI)
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise FreshnessUsage(msg("fresh_bad_now", value=value)) from None
    if moment.tzinfo is None:
        raise FreshnessUsage(msg("fresh_bad_now", value=value))
    return moment


def _judge(args: argparse.Namespace) -> tuple[Judgement, Archive]:
    from .cli import _config_file, _site_root

    root, config = _site_root(_config_file(args))
    source: Source
    try:
        source = CommitSource(root, args.rev)
    except GitError as err:
        raise FreshnessUsage(str(err)) from None
    try:
        settings = read_settings(config, source.text)
    except SettingsError as err:
        source.close()
        raise FreshnessUsage(err.messages[0] if err.messages else str(err)) from None
    try:
        archive, data = read_archive_from(root, settings, args.archive_ref, args.archive)
        return judge_source(source, config, archive=(archive, data)), archive
    finally:
        source.close()


def cmd_freshness(args: argparse.Namespace) -> int:
    now = _now(args.now)
    judgement, archive = _judge(args)
    policy = judgement.review.policy
    lang = args.lang
    if not policy.freshness:
        print(say(msg("fresh_none"), lang), file=sys.stderr)
        return EXIT_OK
    counted = counted_items(judgement, archive, now)
    calendar = calendar_for_policy(policy)
    try:
        rows = freshness_report(policy.freshness, counted.items, now, calendar)
    except UnknownYear as err:
        raise FreshnessUsage(unknown_year_message(err, lang)) from None
    today = local_day(now)
    warning = next_year_warning(calendar, today, lang)
    if warning:
        print(say(msg("cmd_note"), lang) + warning, file=sys.stderr)
    if args.json:
        data = {
            "now": now.astimezone(SHANGHAI).isoformat(),
            "today": today.isoformat(),
            "rows": [row_json(r, policy) for r in rows],
            "not_counted": [{"path": p, "why": say(why, lang)} for p, why in counted.left_out],
        }
        print(json.dumps(data, ensure_ascii=False, indent=1))
    else:
        print(say(msg("fresh_heading", today=today), lang))
        print()
        for line in table(rows, policy, lang):
            print(line)
        print()
        print(total(rows, lang))
        for path, why in counted.left_out:
            print(say(msg("fresh_not_counted", path=path, why=say(why, lang)), lang), file=sys.stderr)
    if args.issue:
        print(say(_issue(args, rows, policy, today), lang), file=sys.stderr)
    return EXIT_STALE if any(r.stale for r in rows) else EXIT_OK


def _issue(args: argparse.Namespace, rows: Iterable[Row], policy: Policy, today: date) -> Message:
    from .forge import Forge, connect

    repo = args.repo or os.environ.get("GITHUB_REPOSITORY")
    token = os.environ.get("GITHUB_TOKEN")
    if not repo or not token:
        raise FreshnessUsage(msg("fresh_issue_needs_repo"))
    base = args.base_url or os.environ.get("GITHUB_API_URL") or "https://api.github.com"
    forge = Forge(connect(token, base), repo)
    return keep_issue(forge, list(rows), policy, today, args.label, args.lang)


def run(args: argparse.Namespace) -> int:
    """Run the command; problems become messages (exit 2), never tracebacks."""
    from .cli import _Usage
    from .forge import ForgeError

    try:
        return int(args.func(args))
    except (FreshnessUsage, _Usage) as err:
        print(f"govreview: {err.text(args.lang)}", file=sys.stderr)
    except (StageError, PolicyError, ArchiveError, ForgeError) as err:
        head = say(msg("cmd_cannot_decide"), args.lang)
        detail = err.text(args.lang) if hasattr(err, "text") else str(err)
        print(f"govreview: {head}\n{detail}", file=sys.stderr)
    return EXIT_USAGE


__all__ = ["LABEL", "MARKER", "add_parser", "counted_items", "issue_body", "keep_issue", "run", "table"]
