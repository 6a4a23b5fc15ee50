"""The ``govreview`` command: check every file of a site, or explain one.

    govreview check [-f mkdocs.yml] [--json] [--lang en]      exit 1 if anything is blocked
    govreview explain PATH [-f mkdocs.yml] [--lang en]
    govreview screen PATH… [--json]                            exit 1 if a finding blocks

Both judge exactly what ``mkdocs build`` would: the files MkDocs collects
(honouring exclude_docs), the build inputs, the same archive and policy.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

from . import messages, screen_files
from .archive_jsonl import ArchiveError
from .calendar_data import calendar_for_folder, calendar_for_policy, next_year_warning, package_calendar, unknown_year_message
from .core.calendar import UnknownYear, WorkCalendar
from .core.deadlines import Published, due, interpretation_due
from .core.gate import local_day
from .core.verdict import BUILD_INPUT, Verdict
from .plugin.config import GovreviewConfig
from .policy_yaml import PolicyError, load_policy_dir
from .report import report_json
from .review import SiteReview, input_paths, open_review
from .site_config import raw_inputs
from .timefmt import SHANGHAI, shanghai

EXIT_OK, EXIT_BLOCKED, EXIT_USAGE = 0, 1, 2
DEFAULTS = {name: option.default for name, option in GovreviewConfig._schema}


class _Usage(Exception):
    pass


def _preflight(config_file: Path) -> tuple[SiteReview, list[Verdict], list[str]]:
    """Judge the build inputs from mkdocs.yml as plain YAML, before MkDocs may run any hook."""
    if not config_file.is_file():
        raise _Usage(messages.text(f"找不到站点配置文件：{config_file}", f"site configuration not found: {config_file}"))
    raw = raw_inputs(config_file)
    options = {**DEFAULTS, **raw.options}
    root = config_file.resolve().parent
    review = open_review(root, root / str(options["policies"]), root / str(options["archive"]))
    inputs = input_paths(root, config_file, str(options["policies"]), [str(p) for p in options.get("inputs") or []], raw)
    verdicts = [review.judge_path(path, review.repo_path(path), BUILD_INPUT)[1] for path in inputs]
    return review, verdicts, raw.problems


def _judge_all(config_file: Path) -> tuple[SiteReview, list[Verdict], list[str]]:
    """Every build input, then, only if all of them are approved, every file MkDocs collects."""
    review, verdicts, problems = _preflight(config_file)
    if problems or not all(v.approved for v in verdicts):
        return review, verdicts, problems  # never load a configuration whose code is not approved
    from mkdocs.config import load_config
    from mkdocs.exceptions import ConfigurationError
    from mkdocs.structure.files import get_files

    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    try:
        config = load_config(str(config_file))
    except ConfigurationError as err:
        raise _Usage(messages.text(f"{config_file}：站点配置有误：{err}", f"{config_file}: invalid site configuration: {err}")) from None
    docs_prefix = review.repo_path(Path(config.docs_dir)) + "/"
    for f in get_files(config):
        if f.abs_src_path:
            verdicts.append(review.judge_path(Path(f.abs_src_path), f.src_uri, repo=docs_prefix + f.src_uri)[1])
    return review, verdicts, problems


def _mark(ok: bool) -> str:
    return "✓" if ok else "✗"


def cmd_check(args: argparse.Namespace) -> int:
    if args.inputs:  # only the build inputs, without letting MkDocs load the configuration
        _, verdicts, problems = _preflight(Path(args.config_file))
    else:
        _, verdicts, problems = _judge_all(Path(args.config_file))
    for problem in problems:
        print(f"✗ {problem}")
    if args.json:
        print(json.dumps(report_json(verdicts, messages.lang_of()), ensure_ascii=False, indent=1))
    else:
        for v in sorted(verdicts, key=lambda v: (v.approved, v.kind != BUILD_INPUT, v.path)):
            pull = f"#{v.pull}" if v.pull else "—"
            print(f"{_mark(v.approved)} {v.path}  {v.category_name or v.category or '—'}  {pull}")
            for reason in v.reasons:
                print(f"    {messages.render(reason)}{messages.place(reason)}")
        blocked = sum(1 for v in verdicts if not v.approved)
        print(
            messages.text(
                f"共 {len(verdicts)} 个文件：{len(verdicts) - blocked} 个通过，{blocked} 个拦截",
                f"{len(verdicts)} files: {len(verdicts) - blocked} approved, {blocked} blocked",
            )
        )
    return EXIT_BLOCKED if problems or any(not v.approved for v in verdicts) else EXIT_OK


def cmd_explain(args: argparse.Namespace) -> int:
    review, verdicts, _ = _judge_all(Path(args.config_file))
    wanted = args.path.replace("\\", "/")
    docs_prefix = "docs/"
    matches = [v for v in verdicts if v.path in (wanted, wanted.removeprefix(docs_prefix)) or wanted.endswith("/" + v.path)]
    if not matches:
        raise _Usage(messages.text(f"站点中没有这个文件：{args.path}", f"no such file in the site: {args.path}"))
    v = matches[0]
    t = messages.text
    print(f"{v.path}")
    print(t("  结论：", "  verdict: ") + (t("可以发布", "approved") if v.approved else t("不得发布", "blocked")))
    print(t("  类别：", "  category: ") + f"{v.category_name or '—'} ({v.category or '—'})")
    if v.unit_name:
        print(t("  单位：", "  unit: ") + v.unit_name)
    if v.pull:
        merged = shanghai(v.merged_at).strftime("%Y-%m-%d %H:%M") if v.merged_at else "—"
        print(
            t("  来源：", "  from: ")
            + t(f"拉取请求 #{v.pull}《{v.pull_title}》，合并于 {merged}", f"pull request #{v.pull} '{v.pull_title}', merged {merged}")
        )
    if v.steps:
        print(t("  审批环节：", "  approval steps:"))
        for s in v.steps:
            who = "、".join(s.filled_by) if s.filled_by else t("（无）", "(none)")
            line = f"    {_mark(s.satisfied)} {s.name}" + (f" ×{s.needed}" if s.needed > 1 else "") + t(f"：{who}", f": {who}")
            if not s.satisfied:
                line += t("；可审批：", "; can approve: ") + ("、".join(f"@{p}" for p in s.can_supply) or t("（无人）", "(nobody)"))
            print(line + (f" [{s.rule}]" if s.rule else ""))
    if v.reasons:
        print(t("  原因：", "  reasons:"))
        for r in v.reasons:
            print(f"    - {messages.render(r)}{messages.place(r)}")
    if v.notes:
        print(t("  说明：", "  notes:"))
        for r in v.notes:
            print(f"    - {messages.render(r)}")
    del review
    return EXIT_OK if v.approved else EXIT_BLOCKED


def _calendar(args: argparse.Namespace) -> WorkCalendar:
    folder = Path(args.policies)
    try:
        calendar = calendar_for_folder(folder) if folder.is_dir() else package_calendar()
    except PolicyError as err:
        raise _Usage(str(err)) from None
    warning = next_year_warning(calendar, datetime.now(SHANGHAI).date())
    if warning:
        print(messages.text("提示：", "note: ") + warning, file=sys.stderr)
    return calendar


def _day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise _Usage(messages.text(f"日期格式应为 2026-03-01：{value}", f"dates are written 2026-03-01: {value}")) from None


def cmd_calendar_add(args: argparse.Namespace) -> int:
    calendar = _calendar(args)
    start = _day(args.date)
    try:
        result = calendar.add(start, args.n)
    except UnknownYear as err:
        raise _Usage(unknown_year_message(err)) from None
    print(result.isoformat())
    return EXIT_OK


def cmd_calendar_count(args: argparse.Namespace) -> int:
    calendar = _calendar(args)
    try:
        print(calendar.count(_day(args.start), _day(args.end)))
    except UnknownYear as err:
        raise _Usage(unknown_year_message(err)) from None
    return EXIT_OK


def cmd_deadlines(args: argparse.Namespace) -> int:
    """Unpublished pages with a deadline: the last day to merge them, soonest first."""
    review, verdicts, _ = _judge_all(Path(args.config_file))
    today = _day(args.today) if args.today else datetime.now(SHANGHAI).date()
    calendar = calendar_for_policy(review.policy)
    rows: list[dict[str, object]] = []
    for v in verdicts:
        category = review.policy.categories.get(v.category or "")
        if v.approved or v.kind != "page" or category is None:
            continue
        for deadline in category.deadlines:
            try:
                when = due(deadline, v.fields, calendar)
                if when is None:
                    rows.append(
                        {
                            "path": v.path,
                            "rule": deadline.rule,
                            "field": deadline.field,
                            "date": None,
                            "last_day": None,
                            "overdue": False,
                            "working_days_left": None,
                            "missing": "date",
                        }
                    )
                    continue
                overdue = not when.met_by(today, calendar)
                left = 0 if overdue else calendar.count(today, when.last_day)
            except UnknownYear as err:
                raise _Usage(unknown_year_message(err)) from None
            rows.append(
                {
                    "path": v.path,
                    "rule": deadline.rule,
                    "field": deadline.field,
                    "date": when.anchor.isoformat(),
                    "last_day": when.last_day.isoformat(),
                    "overdue": overdue,
                    "working_days_left": left,
                }
            )
    rows += _interpretation_rows(review, verdicts, calendar, today)
    rows.sort(key=lambda r: (not r["overdue"], r["last_day"] is not None, str(r["last_day"]), str(r["path"])))
    warning = next_year_warning(calendar, today)
    if warning:
        print(messages.text("提示：", "note: ") + warning, file=sys.stderr)
    if args.json:
        print(json.dumps({"today": today.isoformat(), "items": rows}, ensure_ascii=False, indent=1))
    else:
        t = messages.text
        for r in rows:
            state = (
                t("已超期", "OVERDUE")
                if r["overdue"]
                else t(f"还剩 {r['working_days_left']} 个工作日", f"{r['working_days_left']} working days left")
            )
            if r.get("missing") == "date":
                print(
                    t(
                        f"日期缺失  {r['path']}  缺少或无法识别 {r['field']}，无法计算期限  [{r['rule']}]",
                        f"NO DATE  {r['path']}  {r['field']} missing or unreadable  [{r['rule']}]",
                    )
                )
                continue
            what = t("缺少政策解读，", "interpretation missing, ") if r.get("missing") == "interpretation" else ""
            print(f"{state}  {r['path']}  {what}" + t(f"最迟 {r['last_day']} 合并", f"merge by {r['last_day']}") + f"  [{r['rule']}]")
        print(
            t(
                f"共 {len(rows)} 项，{sum(1 for r in rows if r['overdue'])} 项已超期（{today}）",
                f"{len(rows)} items, {sum(1 for r in rows if r['overdue'])} overdue ({today})",
            )
        )
    return EXIT_BLOCKED if any(r["overdue"] for r in rows) else EXIT_OK


def _interpretation_rows(review: SiteReview, verdicts: list[Verdict], calendar: WorkCalendar, today: date) -> list[dict[str, object]]:
    """Published policies still waiting for their interpretation (R-33)."""
    published = [
        (v, Published(v.path, local_day(v.merged_at), v.fields)) for v in verdicts if v.approved and v.kind == "page" and v.merged_at
    ]
    interpretations = [p for _, p in published if "interprets" in p.fields]
    rows: list[dict[str, object]] = []
    for v, page in published:
        category = review.policy.categories.get(v.category or "")
        if category is None or category.needs_interpretation is None:
            continue
        try:
            when = interpretation_due(page, category.needs_interpretation, interpretations, calendar)
            if when is None:
                continue
            overdue = today > when.last_day
            left = 0 if overdue else calendar.count(today, when.last_day)
        except UnknownYear as err:
            raise _Usage(unknown_year_message(err)) from None
        rows.append(
            {
                "path": v.path,
                "rule": when.deadline.rule,
                "field": "interprets",
                "date": page.day.isoformat(),
                "last_day": when.last_day.isoformat(),
                "overdue": overdue,
                "working_days_left": left,
                "missing": "interpretation",
            }
        )
    return rows


def _forge(args: argparse.Namespace) -> Any:
    """The forge from --repo/--base-url or the Actions environment, with GITHUB_TOKEN."""
    from .forge import Forge, connect

    token = os.environ.get("GITHUB_TOKEN") or os.environ.get("GH_TOKEN")
    repo = args.repo or os.environ.get("GITHUB_REPOSITORY")
    if not token or not repo:
        raise _Usage(
            messages.text(
                "需要 --repo OWNER/NAME（或 GITHUB_REPOSITORY）和 GITHUB_TOKEN",
                "needs --repo OWNER/NAME (or GITHUB_REPOSITORY) and GITHUB_TOKEN",
            )
        )
    return Forge(connect(token, args.base_url or os.environ.get("GITHUB_API_URL") or "https://api.github.com"), repo)


def _pr_number(args: argparse.Namespace) -> int:
    from .checkpr import pull_from_event

    if args.pr:
        try:
            return int(args.pr)
        except ValueError:
            raise _Usage(messages.text(f"拉取请求编号应为数字：{args.pr}", f"a pull request number is a number: {args.pr}")) from None
    event_path = os.environ.get("GITHUB_EVENT_PATH")
    if event_path and Path(event_path).is_file():
        found = pull_from_event(json.loads(Path(event_path).read_text(encoding="utf-8")))
        if found:
            return found[1]
    raise _Usage(messages.text("需要 --pr N（或在 pull_request 事件中运行）", "needs --pr N (or a pull_request event)"))


def cmd_check_pr(args: argparse.Namespace) -> int:
    from .checkpr import annotations, check_pull, publish, render_comment
    from .forge import ForgeError

    number = _pr_number(args)
    forge = _forge(args)
    try:
        check = check_pull(forge, number)
        if not args.no_post:
            publish(forge, check)
    except ForgeError as err:
        # Fail closed: the forge could not be read, so nothing counts as approved.
        print(f"::error::govreview: {err}")
        return EXIT_BLOCKED
    comment = render_comment(check)
    for line in annotations(check):
        print(line)
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary:
        with open(summary, "a", encoding="utf-8") as out:
            out.write(comment)
    if args.json:
        print(json.dumps(report_json(check.verdicts, messages.lang_of()), ensure_ascii=False, indent=1))
    else:
        print(comment)
    return EXIT_OK if check.ok else EXIT_BLOCKED


def cmd_doctor(args: argparse.Namespace) -> int:
    from .doctor import diagnose
    from .forge import ForgeError

    try:
        findings = diagnose(_forge(args), args.branch)
    except ForgeError as err:
        print(f"govreview: {err}", file=sys.stderr)
        return EXIT_BLOCKED
    print(
        messages.text(
            f"{args.repo or os.environ.get('GITHUB_REPOSITORY')} 的 {args.branch} 分支：",
            f"{args.repo or os.environ.get('GITHUB_REPOSITORY')}, branch {args.branch}:",
        )
    )
    for finding in findings:
        print("  " + finding.text())
    return EXIT_OK if all(f.ok for f in findings) else EXIT_BLOCKED


def cmd_archive_sync(args: argparse.Namespace) -> int:
    from .forge import ForgeError
    from .sync import sync

    try:
        result = sync(_forge(args), Path(args.archive), base=args.base)
    except ForgeError as err:
        print(f"govreview: {err}", file=sys.stderr)
        return EXIT_BLOCKED
    t = messages.text
    print(
        t(f"新增 {len(result.added)} 个拉取请求：", f"added {len(result.added)} pull requests: ") + ", ".join(f"#{n}" for n in result.added)
    )
    for number, reason in sorted(result.failed.items()):
        print(
            t(f"未能读取 #{number}（下次同步重试）：{reason}", f"could not read #{number} (retried next time): {reason}"), file=sys.stderr
        )
    return EXIT_BLOCKED if result.failed else EXIT_OK


def cmd_screen(args: argparse.Namespace) -> int:
    paths = [Path(p) for p in args.paths]
    missing = [p for p in paths if not p.exists()]
    if missing:
        raise _Usage(messages.text("找不到：", "not found: ") + "、".join(str(p) for p in missing))
    folder = Path(args.policies or "policies")
    if args.policies and not folder.is_dir():
        raise _Usage(messages.text(f"规则目录不存在：{folder}", f"no policy folder: {folder}"))
    policy = None
    if not args.no_policies and folder.is_dir():
        try:
            policy = load_policy_dir(folder)
        except PolicyError as err:
            raise _Usage(str(err)) from None
    elif not args.no_policies:
        note = "提示：没有 policies/ 目录，只做内置检查（不含本单位词表）"
        print(messages.text(note, "note: no policies/ folder; built-in checks only (no word lists)"), file=sys.stderr)
    results = []
    for path in screen_files.files_under(paths):
        try:
            results.append(screen_files.screen_file(path, policy))
        except OSError as err:
            raise _Usage(f"{path}: {err.strerror or err}") from None
    if args.json:
        print(screen_files.as_json(results))
    else:
        for line in screen_files.lint_lines(results):
            print(line)
        for result in results:
            if not result.screened and result.path in {p.as_posix() for p in paths}:
                print(
                    messages.text(f"{result.path}：此类文件不做内容检查", f"{result.path}: files of this kind are not screened"),
                    file=sys.stderr,
                )
    return EXIT_BLOCKED if screen_files.any_blocking(results) else EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="govreview", description="政府网站信息发布审批把关 / publishing approval gate")
    parser.add_argument("--lang", choices=("zh", "en"), help="输出语言 / output language (default: zh, or GOVREVIEW_LANG)")
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="检查站点全部文件 / check every file of the site")
    check.add_argument("-f", "--config-file", default="mkdocs.yml")
    check.add_argument("--json", action="store_true", help="输出 JSON / print JSON")
    check.add_argument(
        "--inputs",
        action="store_true",
        help="只检查构建输入（配置、规则、模板、hooks），发布前在 mkdocs build 之前运行 / only the build inputs: run before mkdocs build",
    )
    check.set_defaults(func=cmd_check)
    explain = sub.add_parser("explain", help="说明一个文件的审批情况 / explain one file")
    explain.add_argument("path")
    explain.add_argument("-f", "--config-file", default="mkdocs.yml")
    explain.set_defaults(func=cmd_explain)
    scr = sub.add_parser(
        "screen", help="检查文件内容（密级标志、个人信息、错敏词等）/ screen files for secrets, personal data, listed words"
    )
    scr.add_argument("paths", nargs="+", metavar="PATH")
    scr.add_argument("--policies", default=None, help="规则目录（词表、允许的号码）/ policy folder (word lists, allowed numbers)")
    scr.add_argument("--no-policies", action="store_true", help="只做内置检查，不读规则目录 / built-in checks only")
    scr.add_argument("--json", action="store_true", help="输出 JSON / print JSON")
    scr.set_defaults(func=cmd_screen)
    cpr = sub.add_parser("check-pr", help="检查一个拉取请求 / check a pull request")
    cpr.add_argument("--repo", help="OWNER/NAME（默认 GITHUB_REPOSITORY）")
    cpr.add_argument("--pr", help="拉取请求编号（默认取自 GITHUB_EVENT_PATH）/ pull request number")
    cpr.add_argument("--base-url", help="API 地址（默认 GITHUB_API_URL）")
    cpr.add_argument("--no-post", action="store_true", help="不写状态和评论，只输出 / do not post the status and comment")
    cpr.add_argument("--json", action="store_true")
    cpr.set_defaults(func=cmd_check_pr)
    doc = sub.add_parser("doctor", help="检查仓库设置是否保证审批有效 / check the repository settings")
    doc.add_argument("--repo", help="OWNER/NAME（默认 GITHUB_REPOSITORY）")
    doc.add_argument("--branch", default="main")
    doc.add_argument("--base-url", help="API 地址（默认 GITHUB_API_URL）")
    doc.set_defaults(func=cmd_doctor)
    archive = sub.add_parser("archive", help="审批档案 / the approval archive").add_subparsers(dest="archive_command", required=True)
    sy = archive.add_parser("sync", help="从平台补齐已合并的拉取请求 / add merged pull requests from the forge")
    sy.add_argument("--repo", help="OWNER/NAME（默认 GITHUB_REPOSITORY）")
    sy.add_argument("--archive", default="archive/approvals.jsonl")
    sy.add_argument("--base", default=None, help="只收录合并到这个分支的 / only pull requests merged into this branch")
    sy.add_argument("--base-url", help="GitHub Enterprise Server 的 API 地址 / API URL (default GITHUB_API_URL)")
    sy.set_defaults(func=cmd_archive_sync)
    dl = sub.add_parser("deadlines", help="未发布页面的期限 / deadlines of pages not yet published")
    dl.add_argument("-f", "--config-file", default="mkdocs.yml")
    dl.add_argument("--json", action="store_true")
    dl.add_argument("--today", help="按这一天计算（默认今天，北京时间）/ count from this day")
    dl.set_defaults(func=cmd_deadlines)
    cal = sub.add_parser("calendar", help="工作日计算 / working days").add_subparsers(dest="calendar_command", required=True)
    add = cal.add_parser("add", help="DATE 之后第 N 个工作日（N 为负数时向前）/ the N-th working day after DATE")
    add.add_argument("date")
    add.add_argument("n", type=int)
    add.set_defaults(func=cmd_calendar_add)
    count = cal.add_parser("count", help="FROM 之后到 TO（含）的工作日数 / working days after FROM up to and including TO")
    count.add_argument("start", metavar="FROM")
    count.add_argument("end", metavar="TO")
    count.set_defaults(func=cmd_calendar_count)
    for p in (add, count):
        p.add_argument("--policies", default="policies", help="含 calendar.yml 的规则目录 / folder holding calendar.yml")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.lang:
        os.environ["GOVREVIEW_LANG"] = args.lang
    try:
        return int(args.func(args))
    except _Usage as err:
        print(f"govreview: {err}", file=sys.stderr)
        return EXIT_USAGE
    except (PolicyError, ArchiveError) as err:
        head = messages.text("无法判定，全部按未审批处理：", "cannot decide; everything counts as not approved: ")
        print(f"govreview: {head}\n{err}", file=sys.stderr)
        return EXIT_BLOCKED


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
