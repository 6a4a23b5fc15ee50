"""``govreview takedown``: emergency takedown of a published page (issue 15; R-44).

    govreview takedown record --path PAGE --reason TEXT --by LOGIN --id RUN [--at TIME]
    govreview takedown notify --id RUN            open an issue telling the page's unit
    govreview takedown list [--json] [--today D]  unconfirmed takedowns; exit 1 when one is overdue

``record`` is run by .github/workflows/takedown.yml on the main branch's checkout, with
the approval archive checked out beside it. It refuses (exit 1, nothing written) unless
the policy of main has a ``takedown`` section, ``--by`` holds its role at the run's server
time (roster logins need no token; ``org/team`` members need a token that may read
organisation teams — a team the token cannot read never counts), the path is a page or
attachment the archive records as published, and no takedown of it is still open. It then
appends one ``takedown`` record (guide/archive-format.md §5.9) to the archive; from the
next build on, the page is absent (:mod:`govreview.core.takedown`). ``archive sync``
writes the confirmation when a later merged pull request changes the page and passes its chain.
"""

from __future__ import annotations

import argparse
import json
import posixpath
import sys
from datetime import date, datetime
from pathlib import Path
from typing import Any

from . import messages
from .archive_jsonl import Archive, open_for_append, parse_archive, read_archive, takedown_to_json
from .calendar_data import calendar_for_policy, unknown_year_message
from .core.calendar import UnknownYear
from .core.gate import local_day
from .core.policy import Policy
from .core.records import Takedown
from .core.takedown import due_dates, may_take_down, open_takedowns, published_blob, teams_of_role
from .messages import msg, person_name, say
from .policy_yaml import load_policy_dir
from .settings import Settings
from .timefmt import SHANGHAI, parse_time, shanghai

EXIT_OK, EXIT_BLOCKED = 0, 1
_CONFIG_HELP = "站点配置文件（默认在当前目录及上级目录中查找 mkdocs.yml）/ site configuration"


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    takedown = sub.add_parser("takedown", help="紧急撤下已发布的页面（R-44）/ emergency takedown of a published page").add_subparsers(
        dest="takedown_command", required=True
    )

    def common(p: argparse.ArgumentParser, forge: bool = True) -> None:
        p.add_argument("-f", "--config-file", default=None, help=_CONFIG_HELP)
        p.add_argument("--archive", default=None, help="审批档案文件（默认取站点配置）/ archive file (default: the site's setting)")
        if forge:
            p.add_argument("--repo", help="OWNER/NAME（默认 GITHUB_REPOSITORY）")
            p.add_argument("--base-url", help="API 地址（默认 GITHUB_API_URL）/ API URL (default GITHUB_API_URL)")

    rec = takedown.add_parser("record", help="核对权限并记录一次紧急撤下 / check who asks and record a takedown")
    rec.add_argument("--path", required=True, help="已发布的页面或附件（docs/ 下的路径）/ the published page")
    rec.add_argument("--reason", required=True, help="撤下理由（内部记录，不公开）/ why (internal, never published)")
    rec.add_argument("--by", required=True, help="执行撤下的人（平台账号）/ the login taking it down")
    rec.add_argument("--id", required=True, help="这次撤下的编号（工作流运行编号）/ the takedown's id (the run id)")
    rec.add_argument("--at", help="撤下时间（默认取平台记录的运行开始时间）/ when (default: the run's start by the forge's clock)")
    common(rec)
    rec.set_defaults(func=cmd_record)

    note = takedown.add_parser("notify", help="开设议题，通知页面所属单位 / open an issue telling the page's unit")
    note.add_argument("--id", required=True, help="撤下的编号 / the takedown's id")
    common(note)
    note.set_defaults(func=cmd_notify)

    ls = takedown.add_parser("list", help="尚未确认的紧急撤下及确认期限 / takedowns awaiting confirmation")
    ls.add_argument("--archive-ref", help="从 git 读取审批档案：REF[:PATH] / read the archive from git")
    ls.add_argument("--json", action="store_true", help="输出 JSON / print JSON")
    ls.add_argument("--today", help="按这一天计算（默认今天，北京时间）/ count from this day (default: today, China time)")
    common(ls, forge=False)
    ls.set_defaults(func=cmd_list)


def run(args: argparse.Namespace) -> int:
    """Run a takedown command; a usage problem is said, never a traceback (exit 2). The
    helpers borrowed from :mod:`govreview.cli` raise its ``_Usage``, caught here by that very
    class (under ``python -m govreview.cli`` the entry module is another copy of it)."""
    from . import cli

    try:
        return int(args.func(args))
    except cli._Usage as err:
        print(f"govreview: {err.text(args.lang)}", file=sys.stderr)
        return cli.EXIT_USAGE


# -- the site ---------------------------------------------------------------------------------


def _site(args: argparse.Namespace) -> tuple[Path, Settings, Policy]:
    """The site's folder, settings and policy (main's, as checked out): read as plain YAML."""
    from .cli import _site_settings, _Usage

    site = _site_settings(args)
    if site is None:
        raise _Usage(msg("cmd_config_not_found", config="mkdocs.yml"))
    root, settings = site
    return root, settings, load_policy_dir(root / settings.policies)  # PolicyError: said with file and line


def _archive_path(args: argparse.Namespace, root: Path, settings: Settings) -> Path:
    return Path(args.archive) if args.archive else root / settings.archive


def _repo_path(given: str, settings: Settings) -> str:
    path = posixpath.normpath(given.replace("\\", "/"))
    return path if path.startswith(settings.docs_prefix) else posixpath.normpath(settings.docs_prefix + path)


def _deadline(t: Takedown, policy: Policy, lang: str) -> date | str:
    """The last working day for the confirmation; where the calendar cannot count (a year it
    does not know), the message saying so: the takedown itself is never held up by it."""
    assert policy.takedown is not None
    try:
        return calendar_for_policy(policy).add(local_day(t.at), policy.takedown.confirm_within)
    except UnknownYear as err:
        return unknown_year_message(err, lang)


def _refuse(message: messages.Message, lang: str) -> int:
    return _say_refusal(say(message, lang))


def _say_refusal(text: str) -> int:
    print("govreview: " + text, file=sys.stderr)
    return EXIT_BLOCKED


# -- record -----------------------------------------------------------------------------------


def cmd_record(args: argparse.Namespace) -> int:
    from .cli import _forge, _Usage

    lang = args.lang
    if not args.reason.strip():
        raise _Usage(msg("takedown_reason_empty"))
    root, settings, policy = _site(args)
    if policy.takedown is None:
        return _say_refusal(messages.render(_no_policy(), lang))
    path = _repo_path(args.path, settings)
    if path.startswith(("/", "../")) or not settings.in_docs(path):
        return _refuse(msg("takedown_not_in_docs", path=path, docs=settings.docs_dir), lang)
    file = _archive_path(args, root, settings)
    archive = read_archive(file)  # verified first (a missing file too): ArchiveError stops here, nothing is written
    if any(t.id == args.id for t in archive.takedowns):
        return _refuse(msg("takedown_id_used", id=args.id), lang)
    open_one = open_takedowns(archive.takedowns).get(path)
    if open_one is not None:
        return _refuse(msg("takedown_already", path=path, id=open_one.id, by=open_one.by, at=open_one.at), lang)
    blob = published_blob(path, archive.publications, archive.baselines)
    if blob is None:
        return _refuse(msg("takedown_not_published", path=path), lang)
    forge = None
    if args.at:
        try:
            at = parse_time(args.at)
        except ValueError:
            raise _Usage(msg("archive.bad_time", field="--at", value=args.at)) from None
    else:
        forge = _forge(args)
        try:
            at = forge.run_started_at(_run_number(args.id))
        except _forge_error() as err:
            return _refuse(msg("takedown_forge_failed", error=err.text(lang)), lang)
    holding = may_take_down(args.by, policy, at)
    teams = teams_of_role(policy)
    if not holding.allowed and teams:  # only a team can still make them a holder: ask the forge
        forge = forge or _forge(args)
        try:
            members, unreadable = forge.team_members(teams, {args.by})
        except _forge_error() as err:
            return _refuse(msg("takedown_forge_failed", error=err.text(lang)), lang)
        holding = may_take_down(args.by, policy, at, members, unreadable)
    if not holding.allowed:
        role = policy.roles[policy.takedown.role]
        who = sorted({*role.members, *(m for ms in role.unit_members.values() for m in ms)})
        _refuse(msg("takedown_not_holder", login=args.by, role=role.name, at=at, who=who), lang)
        for note in holding.notes:  # why a team or an acting holding did not count
            print(f"    {messages.render(note, lang, policy.people)}", file=sys.stderr)
        return EXIT_BLOCKED
    takedown = Takedown(args.id, path, args.by, at, args.reason.strip(), blob)
    now, appender = open_for_append(file)
    if now.tip != archive.tip:  # another writer appended meanwhile: decide again on what is there now
        return _refuse(msg("takedown_archive_moved", archive=str(file)), lang)
    appender.append([takedown_to_json(takedown)])
    last = _deadline(takedown, policy, lang)
    print(
        say(msg("takedown_recorded", id=takedown.id, path=path, by=person_name(args.by, policy.people, lang), at=at, deadline=last), lang)
    )
    return EXIT_OK


def _no_policy() -> Any:
    from .core.verdict import Reason

    return Reason("takedown_no_policy", "R-44")


def _forge_error() -> type[Exception]:
    from .forge import ForgeError

    return ForgeError


def _run_number(value: str) -> int:
    from .cli import _Usage

    try:
        return int(value)
    except ValueError:
        raise _Usage(msg("takedown_id_not_run", id=value)) from None


# -- notify -----------------------------------------------------------------------------------


def _find(archive: Archive, wanted: str) -> Takedown | None:
    return next((t for t in archive.takedowns if t.id == wanted), None)


def cmd_notify(args: argparse.Namespace) -> int:
    """Open an issue naming the page, its unit (the policy's column), who took it down, when,
    and the last working day for the confirming pull request."""
    from .cli import _forge, _Usage

    lang = args.lang
    root, settings, policy = _site(args)
    file = _archive_path(args, root, settings)
    archive = parse_archive(file.read_bytes(), str(file)) if file.is_file() else None
    takedown = _find(archive, args.id) if archive is not None else None
    if takedown is None:
        raise _Usage(msg("takedown_unknown_id", id=args.id, archive=str(file)))
    if policy.takedown is None:
        return _say_refusal(messages.render(_no_policy(), lang))
    rel = takedown.path[len(settings.docs_prefix) :] if takedown.path.startswith(settings.docs_prefix) else takedown.path
    column = policy.column_of(rel)
    unit = policy.units.get(column.unit) if column is not None else None
    params = {
        "path": takedown.path,
        "unit": unit.name if unit is not None else say(msg("takedown_no_unit"), lang),
        "column": column.name if column is not None else "—",
        "by": person_name(takedown.by, policy.people, lang, with_login=True),
        "at": takedown.at,
        "deadline": _deadline(takedown, policy, lang),
        "days": policy.takedown.confirm_within,
        "id": takedown.id,
        "reason": takedown.reason,
    }
    title = say(msg("takedown_issue_title", **params), lang)
    body = say(msg("takedown_issue_body", **params), lang)
    try:
        number, url = _forge(args).open_issue(title, body)
    except _forge_error() as err:
        return _refuse(msg("takedown_forge_failed", error=err.text(lang)), lang)
    print(say(msg("takedown_issue_opened", number=number, url=url or "—", unit=params["unit"]), lang))
    return EXIT_OK


# -- list ---------------------------------------------------------------------------------------


def cmd_list(args: argparse.Namespace) -> int:
    """Unconfirmed takedowns with their deadlines, soonest first; exit 1 when one is overdue."""
    from .cli import _archive_bytes, _day, _Usage

    lang = args.lang
    root, settings, policy = _site(args)
    if not args.archive and not args.archive_ref:
        args.archive = str(root / settings.archive)
    raw, shown = _archive_bytes(args)
    archive = parse_archive(raw, shown)
    today = _day(args.today) if args.today else datetime.now(SHANGHAI).date()
    pending = [t for t in archive.takedowns if t.confirmed_by is None]
    if policy.takedown is None:
        if not pending:
            print(say(msg("takedown_list_none", today=today), lang))
            return EXIT_OK
        return _refuse(msg("takedown_list_no_policy", count=len(pending)), lang)
    try:
        rows = due_dates(pending, policy.takedown.confirm_within, calendar_for_policy(policy), today)
    except UnknownYear as err:
        raise _Usage(unknown_year_message(err, lang)) from None
    if args.json:
        items = [
            {
                "id": d.takedown.id,
                "path": d.takedown.path,
                "by": d.takedown.by,
                "at": shanghai(d.takedown.at).isoformat(),
                "last_day": d.last_day.isoformat(),
                "overdue": d.overdue,
                "working_days_left": d.working_days_left,
            }
            for d in rows
        ]
        out = {"today": today.isoformat(), "confirm_within": policy.takedown.confirm_within, "items": items}
        print(json.dumps(out, ensure_ascii=False, indent=1))
    elif not rows:
        print(say(msg("takedown_list_none", today=today), lang))
    else:
        for d in rows:
            state = say(msg("takedown_overdue"), lang) if d.overdue else say(msg("takedown_left", days=d.working_days_left), lang)
            who = person_name(d.takedown.by, policy.people, lang)
            print(
                say(
                    msg(
                        "takedown_list_row",
                        state=state,
                        path=d.takedown.path,
                        by=who,
                        at=d.takedown.at,
                        last_day=d.last_day,
                        id=d.takedown.id,
                    ),
                    lang,
                )
            )
        late = sum(1 for d in rows if d.overdue)
        print(say(msg("takedown_list_total", items=len(rows), overdue=late, today=today), lang))
    return EXIT_BLOCKED if any(d.overdue for d in rows) else EXIT_OK
