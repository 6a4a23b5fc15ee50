"""``govreview records``: the paper records from the approval archive.

    govreview records form PAGE|PR [-o DIR] [--template FILE]     审批表 (R-50): .docx and .html per item
    govreview records ledger --month 2026-10 [-o FILE]            台账 (R-51, R-52): .xlsx, pass/fail line
    govreview records report --quarter 2026Q4 | --month M | --from D --to D [-o DIR]   statistics (R-53, R-54)

Exit 1 when something is not proven (an item withheld on a form; an item of the month
lacking evidence), 2 on a usage error.
"""

from __future__ import annotations

import argparse
import re
import sys
from datetime import date, datetime, time
from pathlib import Path

from .archive_jsonl import ArchiveError
from .core.gate import CHINA
from .core.recordbook import form_of, in_period, lacking_evidence, ledger_rows, month_bounds, quarter_bounds, statistics
from .gittree import GitError
from .messages import Message, msg, say
from .policy_yaml import PolicyError
from .records_archive import Book, find_items, open_book
from .records_write import (
    TEMPLATE_NAME,
    TemplateProblem,
    default_template,
    form_basename,
    form_context,
    stats_rows,
    write_form_docx,
    write_form_html,
    write_ledger,
    write_stats_html,
    write_stats_xlsx,
)
from .snapshot.judge import StageError

EXIT_OK, EXIT_BLOCKED, EXIT_USAGE = 0, 1, 2
_HELP_CONFIG = "站点配置文件（默认在当前目录或上级目录中查找 mkdocs.yml）/ site configuration"


class RecordsUsage(Exception):
    def __init__(self, message: Message) -> None:
        super().__init__(message)
        self.message = message


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    records = sub.add_parser("records", help="审批表、台账和统计报告 / approval forms, ledgers and reports").add_subparsers(
        dest="records_command", required=True
    )

    def common(p: argparse.ArgumentParser) -> None:
        p.add_argument("-f", "--config-file", default=None, help=_HELP_CONFIG)
        p.add_argument("--archive", help="审批档案文件（默认取站点配置）/ archive file")
        p.add_argument("--archive-ref", help="从 git 读取审批档案：REF[:PATH] / read the archive from git")
        p.add_argument("--repo", help="OWNER/NAME，用于拉取请求链接（默认 GITHUB_REPOSITORY 或 origin）/ for pull request links")
        p.add_argument("--server-url", help="平台地址（默认 GITHUB_SERVER_URL 或 https://github.com）/ forge web address")

    form = records.add_parser("form", help="已发布信息的审批表（R-50）/ the approval form of a published item")
    form.add_argument("wanted", metavar="PAGE|PR", help="docs 下的文件，或拉取请求编号 / a file under docs, or a pull request number")
    form.add_argument("-o", "--output", default="govreview-records", help="输出目录 / output folder")
    form.add_argument("--template", help=f"表单模板（默认取规则目录中的 {TEMPLATE_NAME}，否则内置模板）/ form template")
    common(form)
    form.set_defaults(func=cmd_form)

    ledger = records.add_parser("ledger", help="月度信息报送与发布台账（R-51、R-52）/ the month's ledger")
    ledger.add_argument("--month", required=True, help="YYYY-MM，北京时间 / China time")
    ledger.add_argument("-o", "--output", help="输出文件（默认 台账-YYYY-MM.xlsx）/ output file")
    common(ledger)
    ledger.set_defaults(func=cmd_ledger)

    report = records.add_parser("report", help="季度报告与各单位统计（R-53、R-54）/ quarterly report and per-unit statistics")
    report.add_argument("--quarter", help="YYYYQN，如 2026Q4")
    report.add_argument("--month", help="YYYY-MM")
    report.add_argument("--from", dest="start", help="起始日期（含）/ first day")
    report.add_argument("--to", dest="end", help="截止日期（含）/ last day")
    report.add_argument(
        "-o", "--output", default="govreview-records", help="输出目录（不要放在 site/ 中）/ output folder (never inside site/)"
    )
    common(report)
    report.set_defaults(func=cmd_report)


def _book(args: argparse.Namespace) -> tuple[Book, Path]:
    from .cli import _config_file, _site_root

    root, config = _site_root(_config_file(args))
    book = open_book(root, config, args.archive_ref, args.archive, args.repo, args.server_url)
    return book, root


def _output(path: Path, book: Book, root: Path) -> Path:
    """Where records go: never into the public site or the content it is built from."""
    where = path.absolute().resolve()
    for public in (book.settings.site_dir, book.settings.docs_dir):
        folder = (root / public).resolve()
        if where == folder or where.is_relative_to(folder):
            raise RecordsUsage(msg("records_output_public", path=str(path), folder=public))
    return path


def _template(args: argparse.Namespace, book: Book, root: Path) -> Path:
    if args.template:
        return Path(args.template)
    own = root / book.settings.policies / TEMPLATE_NAME
    return own if own.is_file() else default_template()


def cmd_form(args: argparse.Namespace) -> int:
    book, root = _book(args)
    wanted = args.wanted
    on_disk = Path(wanted).absolute()
    if on_disk.exists() and on_disk.is_relative_to(root):
        wanted = on_disk.relative_to(root).as_posix()
    items = find_items(book, wanted)
    if not items:
        raise RecordsUsage(msg("records_no_item", wanted=args.wanted))
    template = _template(args, book, root)
    site = _site_name(book)
    out = _output(Path(args.output), book, root)
    for item in items:
        form = form_of(item, book.people, book.pull_url(item.pull.number))
        context = form_context(form, site, args.lang)
        base = out / form_basename(form)
        write_form_docx(context, template, base.with_suffix(".docx"))
        write_form_html(context, base.with_suffix(".html"))
        print(say(msg("records_form_written", docx=base.with_suffix(".docx"), html=base.with_suffix(".html")), args.lang))
        if form.reasons:
            print(say(msg("records_form_withheld", path=item.path), args.lang), file=sys.stderr)
    return EXIT_OK if all(i.approved for i in items) else EXIT_BLOCKED


def _site_name(book: Book) -> str:
    for policy in (i.policy for i in reversed(book.items) if i.policy is not None):
        return policy.site.name
    return ""


def _month(value: str) -> tuple[int, int]:
    m = re.fullmatch(r"(\d{4})-(\d{2})", value or "")
    if not m or not 1 <= int(m.group(2)) <= 12:
        raise RecordsUsage(msg("records_bad_month", value=value))
    return int(m.group(1)), int(m.group(2))


def cmd_ledger(args: argparse.Namespace) -> int:
    year, month = _month(args.month)
    book, root = _book(args)
    start, end = month_bounds(year, month)
    items = in_period(book.items, start, end)
    forms = [form_of(i, book.people, book.pull_url(i.pull.number)) for i in items]
    rows = ledger_rows(forms)
    lacking = lacking_evidence(items)
    if lacking:
        status = say(msg("records_month_fail", month=args.month, count=len(lacking), paths="、".join(i.path for i in lacking)), args.lang)
    else:
        status = say(msg("records_month_pass", month=args.month, items=len(items)), args.lang)
    out = _output(Path(args.output or f"台账-{args.month}.xlsx"), book, root)
    write_ledger(rows, args.month, status, out, args.lang)
    print(say(msg("records_ledger_written", month=args.month, file=out, items=len(rows)), args.lang))
    print(status)
    return EXIT_BLOCKED if lacking else EXIT_OK


def _day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise RecordsUsage(msg("cmd_bad_date", value=value)) from None


def _period(args: argparse.Namespace) -> tuple[datetime, datetime, str]:
    if args.quarter:
        m = re.fullmatch(r"(\d{4})[Qq]([1-4])", args.quarter)
        if not m:
            raise RecordsUsage(msg("records_bad_quarter", value=args.quarter))
        start, end = quarter_bounds(int(m.group(1)), int(m.group(2)))
        return start, end, args.quarter.upper()
    if args.month:
        start, end = month_bounds(*_month(args.month))
        return start, end, args.month
    if args.start and args.end:
        first, last = _day(args.start), _day(args.end)
        start = datetime.combine(first, time(), CHINA)
        end = datetime.combine(date.fromordinal(last.toordinal() + 1), time(), CHINA)
        return start, end, f"{first}_{last}"
    raise RecordsUsage(msg("records_period_needed"))


def cmd_report(args: argparse.Namespace) -> int:
    start, end, name = _period(args)
    book, root = _book(args)
    stats = statistics(book.items, start, end)
    data = stats_rows(stats, args.lang, book.pull_url)
    last = date.fromordinal(end.date().toordinal() - 1)
    title = say(msg("records_report_title", site=_site_name(book), start=start.date(), end=last), args.lang)
    out = _output(Path(args.output), book, root)
    xlsx, html = out / f"统计-{name}.xlsx", out / f"统计-{name}.html"
    write_stats_xlsx(data, title, xlsx)
    write_stats_html(data, title, html)
    print(say(msg("records_report_written", xlsx=xlsx, html=html), args.lang))
    return EXIT_OK


def run(args: argparse.Namespace) -> int:
    """Run a records command; problems become messages, never tracebacks."""
    try:
        return int(args.func(args))
    except RecordsUsage as err:
        print(f"govreview: {say(err.message, args.lang)}", file=sys.stderr)
        return EXIT_USAGE
    except TemplateProblem as err:
        print(f"govreview: {err.text(args.lang)}", file=sys.stderr)
        return EXIT_USAGE
    except (StageError, GitError) as err:
        print(f"govreview: {say(msg('cmd_cannot_decide'), args.lang)}\n{err}", file=sys.stderr)
        return EXIT_BLOCKED
    except (PolicyError, ArchiveError):
        raise  # the command's own handler says these
