"""``govreview screen PATH…``: screening files on disk, reported like a compiler or linter.

One line per finding, ``path:line:col: severity rule-id message``; exit 1 when
any finding blocks publication, 0 otherwise. Pages are screened with their
front matter, so the reprint rule (R-12) sees the declared source and author.
"""

from __future__ import annotations

import json
import os
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from . import messages
from .core.findings import BLOCK, Finding
from .core.page import canonical_fields
from .core.policy import Policy, Screening
from .core.screen import screen
from .frontmatter import read_front_matter
from .review import ATTACHMENT_SUFFIXES
from .screen_content import file_content, is_markdown, text_content


@dataclass(frozen=True)
class FileFindings:
    path: str
    findings: tuple[Finding, ...]
    screened: bool = True  # False: a file of a kind screening cannot read


def files_under(paths: list[Path]) -> Iterator[Path]:
    """The named files, and every file in the named folders (hidden folders skipped)."""
    for path in paths:
        if path.is_dir():
            for root, dirs, names in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(names):
                    yield Path(root) / name
        else:
            yield path


def screen_file(path: Path, policy: Policy | None, typography: bool = False) -> FileFindings:
    """``typography``: run the typography checks even where the policy leaves them off."""
    screening = policy.screening if policy else Screening()
    if typography:
        screening = replace(screening, typography=True)
    shown = path.as_posix()
    data = path.read_bytes()
    if is_markdown(shown):
        fm = read_front_matter(data)
        if fm.text is None:
            content = file_content(shown, data, attachment=False)  # not UTF-8: said as unreadable
            return FileFindings(shown, screen(content, screening) if content else ())
        fields, _ = canonical_fields(fm.meta or {}, fm.lines)
        return FileFindings(shown, screen(text_content(shown, fm.text, fm.meta, fm.lines), screening, fields))
    content = file_content(shown, data, attachment=path.suffix.lower() in ATTACHMENT_SUFFIXES)
    if content is None:
        return FileFindings(shown, (), screened=False)
    return FileFindings(shown, screen(content, screening))


def message_of(finding: Finding, lang: str | None = None) -> str:
    """What ``finding`` says in ``lang`` (``None``: the default language of :func:`govreview.messages.lang_of`)."""
    lg = messages.lang_of(lang)
    said = messages.finding_text(finding.code, {"where": finding.where, **finding.params}, lg)
    return messages.say(messages.msg("screening.finding", name=messages.check_name(finding.code, lg), finding=said), lg)


def lint_lines(results: list[FileFindings], lang: str | None = None) -> Iterator[str]:
    for result in results:
        for f in result.findings:
            yield f"{result.path}:{f.line}:{f.col}: {f.severity} {f.rule} {message_of(f, lang)}"


def as_json(results: list[FileFindings], lang: str | None = None) -> str:
    rows = [
        {
            "path": r.path,
            "line": f.line,
            "col": f.col,
            "severity": f.severity,
            "rule": f.rule,
            "check": f.code,
            "where": messages.place_text(f.where, messages.lang_of(lang)),
            "message": message_of(f, lang),
            "excerpt": f.params.get("excerpt"),
        }
        for r in results
        for f in r.findings
    ]
    skipped = [r.path for r in results if not r.screened]
    return json.dumps({"findings": rows, "not_screened": skipped}, ensure_ascii=False, indent=2)


def any_blocking(results: list[FileFindings]) -> bool:
    return any(f.severity == BLOCK for r in results for f in r.findings)


@dataclass(frozen=True)
class StatsRow:
    """Findings of one check at one severity (and rule: word lists name their own)."""

    check: str
    severity: str
    rule: str
    findings: int
    files: int  # files with at least one such finding
    per_1000_files: float


@dataclass(frozen=True)
class Stats:
    """Reviewer load: findings per 1,000 files, by check and severity."""

    files: int  # every file read, screened or not
    not_screened: int
    with_findings: int  # files with at least one finding
    findings: int
    per_1000_files: float
    rows: tuple[StatsRow, ...]


def _per_1000(count: int, files: int) -> float:
    return round(count * 1000 / files, 1) if files else 0.0


def stats(results: list[FileFindings]) -> Stats:
    """Counts over ``results``; rows blocking first, then by count (most first)."""
    counts: dict[tuple[str, str, str], int] = {}
    files: dict[tuple[str, str, str], set[str]] = {}
    for result in results:
        for f in result.findings:
            key = (f.code, f.severity, f.rule)
            counts[key] = counts.get(key, 0) + 1
            files.setdefault(key, set()).add(result.path)
    n = len(results)
    rows = tuple(
        StatsRow(code, severity, rule, count, len(files[(code, severity, rule)]), _per_1000(count, n))
        for (code, severity, rule), count in sorted(counts.items(), key=lambda kv: (kv[0][1] != BLOCK, -kv[1], kv[0]))
    )
    total = sum(counts.values())
    with_findings = sum(bool(r.findings) for r in results)
    return Stats(n, sum(not r.screened for r in results), with_findings, total, _per_1000(total, n), rows)


def stats_json(results: list[FileFindings], lang: str | None = None) -> str:
    s = stats(results)
    lg = messages.lang_of(lang)
    rows = [
        {
            "check": r.check,
            "name": messages.check_name(r.check, lg),
            "severity": r.severity,
            "rule": r.rule,
            "findings": r.findings,
            "files": r.files,
            "per_1000_files": r.per_1000_files,
        }
        for r in s.rows
    ]
    summary = {
        "files": s.files,
        "not_screened": s.not_screened,
        "files_with_findings": s.with_findings,
        "findings": s.findings,
        "per_1000_files": s.per_1000_files,
    }
    return json.dumps({"stats": {**summary, "rows": rows}}, ensure_ascii=False, indent=2)


def stats_lines(results: list[FileFindings], lang: str | None = None) -> list[str]:
    """The counts as a table, headed by the totals, in ``lang``."""
    s = stats(results)
    lg = messages.lang_of(lang)
    said = messages.msg(
        "cmd_screen_stats_total",
        files=s.files,
        with_findings=s.with_findings,
        share=f"{s.with_findings * 100 / s.files:.0f}" if s.files else "0",
        findings=s.findings,
        per_1000=f"{s.per_1000_files:.1f}",
    )
    head = [
        messages.say(messages.msg(code), lg)
        for code in (
            "cmd_screen_stats_check",
            "cmd_screen_stats_severity",
            "cmd_screen_stats_rule",
            "cmd_screen_stats_findings",
            "cmd_screen_stats_files",
            "cmd_screen_stats_per_1000",
        )
    ]
    body = [
        [f"{messages.check_name(r.check, lg)} ({r.check})", r.severity, r.rule, str(r.findings), str(r.files), f"{r.per_1000_files:.1f}"]
        for r in s.rows
    ]
    lines = [messages.say(said, lg)]
    if body:
        lines += _table([head, *body], numeric_from=3)
    return lines


def _width(text: str) -> int:
    """Columns ``text`` takes in a terminal: Chinese characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _table(rows: list[list[str]], numeric_from: int) -> list[str]:
    widths = [max(_width(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = []
    for row in rows:
        cells = [
            " " * (w - _width(c)) + c if i >= numeric_from else c + " " * (w - _width(c))
            for i, (c, w) in enumerate(zip(row, widths, strict=True))
        ]
        lines.append("  ".join(cells).rstrip())
    return lines
