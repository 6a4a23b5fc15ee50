"""The ``govreview`` command.

    govreview build [-f mkdocs.yml] [--generator mkdocs|zensical] [generator options]   publish
    govreview stage DIR [-f mkdocs.yml]                 write the approved snapshot only
    govreview check [-f mkdocs.yml] [--json] [--inputs] [--rev REV]   exit 1 if anything is blocked
    govreview explain PATH [-f mkdocs.yml]
    govreview screen PATH… [--json]                     exit 1 if a finding blocks

None of them lets MkDocs load a configuration, or imports a hook or plugin, from
a tree it has not judged: files are read as data (git objects or bytes on disk)
and mkdocs.yml as plain YAML. ``check`` judges the work tree as a commit would
hold it; ``stage`` and ``build`` judge the commit (HEAD by default).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

from . import messages
from .archive_jsonl import ArchiveError
from .calendar_data import calendar_for_folder, calendar_for_policy, next_year_warning, package_calendar, unknown_year_message
from .core.calendar import UnknownYear, WorkCalendar
from .core.deadlines import Published, due, interpretation_due
from .core.gate import local_day
from .core.verdict import BUILD_INPUT, Verdict
from .gittree import GitError, top_level
from .policy_yaml import PolicyError, load_policy_dir
from .report import report_json
from .review import SiteReview
from .snapshot.includes import IncludeMap
from .snapshot.judge import Judgement, StageError, judge_source
from .snapshot.sources import CommitSource, Source, WorkTreeSource
from .timefmt import SHANGHAI, shanghai

EXIT_OK, EXIT_BLOCKED, EXIT_USAGE = 0, 1, 2


class _Usage(Exception):
    pass


def _site_root(config_file: Path) -> tuple[Path, str]:
    """The repository holding the site, and the configuration's name in it."""
    if not config_file.is_file():
        raise _Usage(messages.text(f"找不到站点配置文件：{config_file}", f"site configuration not found: {config_file}"))
    folder = config_file.resolve().parent
    root = top_level(folder)
    if root is None:
        raise _Usage(
            messages.text(
                f"{folder} 不在 git 仓库中：govreview 按 git 中的内容判定，请先 git init 并提交",
                f"{folder} is not in a git repository: govreview judges what git holds; run git init and commit first",
            )
        )
    if root.resolve() != folder:
        raise _Usage(
            messages.text(
                f"{config_file} 必须位于仓库的顶层目录（{root}）",
                f"{config_file} must be at the top of its repository ({root})",
            )
        )
    return folder, config_file.name


def _judge(args: argparse.Namespace, rev: str | None = None) -> Judgement:
    """Judge the work tree (or the commit ``rev``) without running anything from it."""
    root, config = _site_root(Path(args.config_file))
    source: Source
    try:
        source = CommitSource(root, rev) if rev else WorkTreeSource(root)
    except GitError as err:
        raise _Usage(str(err)) from None
    try:
        includes = getattr(args, "includes", None)
        known = IncludeMap.read(Path(includes)) if includes else None
        return judge_source(
            source, config, archive_ref=getattr(args, "archive_ref", None), archive_file=getattr(args, "archive", None), includes=known
        )
    except StageError as err:
        raise _Blocked(str(err)) from None
    finally:
        if not rev:
            source.close()


class _Blocked(Exception):
    """Nothing can be judged: everything counts as not approved."""


def _judge_all(args: argparse.Namespace) -> tuple[SiteReview, list[Verdict], list[str]]:
    judgement = _judge(args, getattr(args, "rev", None))
    return judgement.review, judgement.verdicts(), judgement.problems


def _mark(ok: bool) -> str:
    return "✓" if ok else "✗"


def cmd_check(args: argparse.Namespace) -> int:
    judgement = _judge(args, args.rev)
    problems = judgement.problems
    verdicts = [f.verdict for f in judgement.files if not (args.inputs and f.in_docs)]
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
    review, verdicts, _ = _judge_all(args)
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


def _print_stops(judgement: Judgement) -> None:
    from .describe import describe

    for problem in judgement.problems:
        print(f"✗ {problem}", file=sys.stderr)
    if judgement.stops:
        print(
            messages.text(
                "以下构建输入未经审批（须发布规则负责人审批），什么也不发布，原站点保持不变：",
                "these build inputs are not approved (they need the policy owners); nothing is published and the site stays as it was:",
            ),
            file=sys.stderr,
        )
    for f in judgement.stops:
        print(describe(f.entry.path, f.verdict), file=sys.stderr)


def cmd_stage(args: argparse.Namespace) -> int:
    from .snapshot.stage import StageRefused, write_snapshot

    judgement = _judge(args, args.rev)
    try:
        if not judgement.ok:
            _print_stops(judgement)
            return EXIT_BLOCKED
        staged = write_snapshot(judgement, Path(args.dir).absolute())
    except StageRefused as err:
        raise _Usage(str(err)) from None
    finally:
        judgement.source.close()
    from .snapshot.build import summary

    for line in summary(judgement):
        print(line)
    print(
        messages.text(
            f"快照已写入 {staged.folder}（{len(staged.manifest.files)} 个文件）",
            f"snapshot written to {staged.folder} ({len(staged.manifest.files)} files)",
        )
    )
    return EXIT_OK


def cmd_build(args: argparse.Namespace, extra: Sequence[str]) -> int:
    from .snapshot.build import BuildFailed, build_site, save_records, summary
    from .snapshot.stage import StageRefused

    if any(a in ("--dirty", "-d", "--site-dir", "-f", "--config-file") or a.startswith(("--site-dir=", "--config-file=")) for a in extra):
        raise _Usage(
            messages.text(
                "不支持 --dirty；站点目录和配置文件用 govreview build 自己的 --site-dir、-f 指定",
                "--dirty is refused; give the site folder and configuration with govreview build's own --site-dir and -f",
            )
        )
    import importlib.util

    if importlib.util.find_spec(args.generator) is None:
        raise _Usage(
            messages.text(
                f"没有安装 {args.generator}：请安装（Zensical：pip install 'govreview[zensical]'）",
                f"{args.generator} is not installed (for Zensical: pip install 'govreview[zensical]')",
            )
        )
    judgement = _judge(args, args.rev)
    try:
        if not judgement.ok:
            _print_stops(judgement)
            return EXIT_BLOCKED
        root = judgement.source.root
        site_dir = Path(args.site_dir).absolute() if args.site_dir else root / judgement.settings.site_dir
        report = (root / judgement.settings.report).resolve()
        if report.is_relative_to(site_dir.resolve()):
            raise _Usage(
                messages.text(
                    f"审批报告不得写入公开站点目录：{report}", f"the verdict report must not go into the public site folder: {report}"
                )
            )
        try:
            result = build_site(judgement, args.generator, extra, site_dir, args.timeout * 60 if args.timeout > 0 else None)
        except BuildFailed as err:
            print(str(err), file=sys.stderr)
            withheld = judgement.withheld()
            if withheld:
                print(
                    messages.text(
                        "构建失败，原站点保持不变。以下文件未经审批、没有放进快照，构建可能需要它们：",
                        "the build failed and the site stays as it was. These files were withheld from the snapshot; the build may need them:",
                    ),
                    file=sys.stderr,
                )
                for f in withheld:
                    first = messages.render(f.verdict.reasons[0]) if f.verdict.reasons else ""
                    print(f"  {f.entry.path}: {first}", file=sys.stderr)
            return EXIT_BLOCKED
        except StageRefused as err:
            raise _Usage(str(err)) from None
        if not args.quiet_generator:
            sys.stderr.write(result.log)
        for line in summary(judgement):
            print(line)
        report_path = save_records(judgement, root, Path(args.includes) if args.includes else None)
        print(
            messages.text(
                f"站点已写入 {site_dir}；判定报告（不公开）见 {report_path}",
                f"site written to {site_dir}; verdict report (not public) at {report_path}",
            )
        )
    finally:
        judgement.source.close()
    return EXIT_OK


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
    review, verdicts, _ = _judge_all(args)
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


def _include_map(forge: Any, args: argparse.Namespace) -> Any:
    """Which pages include which files, as the last published build observed it: from
    --includes FILE, else includes.json on the archive branch."""
    from .forge import ForgeError
    from .snapshot.includes import IncludeMap

    if args.includes:
        return IncludeMap.read(Path(args.includes))
    try:
        return IncludeMap.parse(forge.file_at("includes.json", args.archive_branch), f"{args.archive_branch}:includes.json")
    except ForgeError as err:
        return IncludeMap(problem=f"{args.archive_branch}:includes.json: {err}")


def cmd_check_pr(args: argparse.Namespace) -> int:
    from .checkpr import PublishError, annotations, check_pull, publish, render_comment, workflow_command
    from .forge import ForgeError

    number = _pr_number(args)
    forge = _forge(args)
    try:
        check = check_pull(forge, number, includes=_include_map(forge, args))
    except ForgeError as err:
        # Fail closed: the forge could not be read, so nothing counts as approved.
        print(workflow_command("error", f"govreview: {err}"))
        return EXIT_BLOCKED
    failures: list[str] = []
    if not args.no_post:
        try:
            publish(forge, check)
        except PublishError as err:
            failures = err.failures  # the result is still shown below; the run fails at the end
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
    for failure in failures:
        print(workflow_command("error", f"govreview: {failure}"))
    return EXIT_OK if check.ok and not failures else EXIT_BLOCKED


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


def cmd_archive_migrate(args: argparse.Namespace) -> int:
    """Convert a version 1 archive into a new version 2 file, once (guide/archive-format.md)."""
    from .archive_jsonl import migrate

    lang = messages.lang_of()
    try:
        count = migrate(Path(args.source), Path(args.dest))
    except ArchiveError as err:
        print(f"govreview: {err.text(lang)}", file=sys.stderr)
        return EXIT_BLOCKED
    print(messages.say(messages.msg("archive.migrated", source=args.source, records=count, file=args.dest), lang))
    return EXIT_OK


def cmd_screen(args: argparse.Namespace) -> int:
    from . import screen_files  # attachment readers: loaded only when screening files by hand

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
    build = sub.add_parser(
        "build",
        help="从已审批的快照构建并发布站点 / build the site from the approved snapshot",
        description="其余参数原样交给生成器（如 --strict）/ other arguments go to the generator (e.g. --strict)",
    )
    build.add_argument("-f", "--config-file", default="mkdocs.yml")
    build.add_argument("--generator", choices=("mkdocs", "zensical"), default="mkdocs")
    build.add_argument("--site-dir", help="输出目录（默认取 mkdocs.yml 的 site_dir）/ output folder (default: site_dir)")
    build.add_argument("--rev", default="HEAD", help="构建哪个提交（默认 HEAD）/ the commit to build")
    build.add_argument("--archive", help="审批档案文件（默认取插件配置）/ archive file")
    build.add_argument("--archive-ref", help="从 git 读取审批档案：REF[:PATH]，如 origin/govreview-archive / read the archive from git")
    build.add_argument("--includes", help="引用关系文件（读取并更新）/ include map to read and update")
    build.add_argument(
        "--timeout",
        type=float,
        default=60,
        help="生成器最长运行分钟数，超时即停止、原站点不变（默认 60）/ minutes before the generator is stopped",
    )
    build.add_argument("--quiet-generator", action="store_true", help="不显示生成器的日志 / hide the generator's log")
    build.set_defaults(func=cmd_build)
    stage = sub.add_parser("stage", help="只写出已审批的快照 / write the approved snapshot")
    stage.add_argument("dir", metavar="DIR")
    stage.add_argument("-f", "--config-file", default="mkdocs.yml")
    stage.add_argument("--rev", default="HEAD")
    stage.add_argument("--archive")
    stage.add_argument("--archive-ref")
    stage.add_argument("--includes")
    stage.set_defaults(func=cmd_stage)
    check = sub.add_parser("check", help="检查站点全部文件 / check every file of the site")
    check.add_argument("-f", "--config-file", default="mkdocs.yml")
    check.add_argument("--rev", default=None, help="判定这个提交，而不是工作区 / judge this commit instead of the work tree")
    check.add_argument("--archive")
    check.add_argument("--archive-ref")
    check.add_argument("--includes")
    check.add_argument("--json", action="store_true", help="输出 JSON / print JSON")
    check.add_argument(
        "--inputs",
        action="store_true",
        help="只列出 docs 以外的构建输入 / only the build inputs outside docs_dir",
    )
    check.set_defaults(func=cmd_check)
    explain = sub.add_parser("explain", help="说明一个文件的审批情况 / explain one file")
    explain.add_argument("path")
    explain.add_argument("-f", "--config-file", default="mkdocs.yml")
    explain.add_argument("--rev", default=None)
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
    cpr.add_argument("--includes", help="引用关系文件（默认读档案分支上的 includes.json）/ include map file")
    cpr.add_argument("--archive-branch", default="govreview-archive", help="审批档案分支 / the archive branch")
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
    mig = archive.add_parser("migrate", help="把版本 1 的档案迁移为版本 2（只需一次）/ convert a version 1 archive to version 2, once")
    mig.add_argument("source", metavar="IN", help="版本 1 的档案 / the version 1 archive")
    mig.add_argument("dest", metavar="OUT", help="新文件（不覆盖已有文件）/ a new file (never overwritten)")
    mig.set_defaults(func=cmd_archive_migrate)
    dl = sub.add_parser("deadlines", help="未发布页面的期限 / deadlines of pages not yet published")
    dl.add_argument("-f", "--config-file", default="mkdocs.yml")
    dl.add_argument("--rev", default=None)
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
    args, extra = parser.parse_known_args(argv)
    if extra and args.func is not cmd_build:
        parser.error(messages.text("无法识别的参数：", "unrecognized arguments: ") + " ".join(extra))
    if args.lang:
        os.environ["GOVREVIEW_LANG"] = args.lang
    try:
        return int(args.func(args, extra) if args.func is cmd_build else args.func(args))
    except _Usage as err:
        print(f"govreview: {err}", file=sys.stderr)
        return EXIT_USAGE
    except _Blocked as err:
        head = messages.text("无法判定，全部按未审批处理：", "cannot decide; everything counts as not approved: ")
        print(f"govreview: {head}\n{err}", file=sys.stderr)
        return EXIT_BLOCKED
    except (PolicyError, ArchiveError) as err:
        head = messages.text("无法判定，全部按未审批处理：", "cannot decide; everything counts as not approved: ")
        print(f"govreview: {head}\n{err.text(messages.lang_of()) if isinstance(err, messages.Problem) else err}", file=sys.stderr)
        return EXIT_BLOCKED


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
