"""``govreview screen PATH…``: screening files on disk, reported like a compiler or linter.

One line per finding, ``path:line:col: severity rule-id message``; exit 1 when
any finding blocks publication, 0 otherwise. Pages are screened with their
front matter, so the reprint rule (R-12) sees the declared source and author.
"""

from __future__ import annotations

import json
import os
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
