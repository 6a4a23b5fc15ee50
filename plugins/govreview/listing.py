"""Column index pages: the approved articles of a column, newest first, paginated.

Only these pages go into the navigation, so the build stays linear in the
number of articles (every page renders the nav; a nav of all articles makes the
build quadratic).
"""

from __future__ import annotations

import html
import posixpath
from dataclasses import dataclass
from datetime import datetime

from .timefmt import shanghai


@dataclass(frozen=True)
class Entry:
    path: str  # docs-relative path of the article
    title: str
    published: datetime | None  # merge time; None for a page not yet approved (serve only)
    note: str = ""  # shown after the title, e.g. 【未审批】 on serve


def page_path(column: str, number: int) -> str:
    """docs-relative path of page ``number`` (1-based) of a column's index."""
    base = "" if column == "." else column + "/"
    return f"{base}index.md" if number == 1 else f"{base}page/{number}/index.md"


_MD_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_{}()!|~"})


def _escape(title: str) -> str:
    """A title as literal Markdown link text."""
    escaped = html.escape(title.translate(_MD_SPECIAL), quote=False)
    return escaped.replace("[", "&#91;").replace("]", "&#93;")


def relative_path(path: str, folder: str) -> str:
    """``path`` relative to ``folder`` (both docs-relative POSIX paths; "." is docs/ itself),
    as posixpath.relpath gives it but without asking the file system for the cwd."""
    target = [p for p in path.split("/") if p not in ("", ".")]
    start = [p for p in folder.split("/") if p not in ("", ".")]
    common = 0
    while common < min(len(target), len(start)) and target[common] == start[common]:
        common += 1
    return "/".join([".."] * (len(start) - common) + target[common:]) or "."


def _item(entry: Entry, link: str) -> str:
    """One line of a listing: the title linking to the article, its date after it
    (the portal template sets the date to the right)."""
    date = shanghai(entry.published).strftime("%Y-%m-%d") if entry.published else ""
    return f'- [{_escape(entry.title)}](<{link}>){entry.note} <span class="govreview-date">{date}</span>'


def _newest_first(entries: list[Entry]) -> list[Entry]:
    return sorted(entries, key=lambda e: (e.published is None, -(e.published.timestamp() if e.published else 0), e.path))


def render_latest(columns: list[tuple[str, str, list[Entry]]], count: int) -> str:
    """The home page's latest items: for each (column path, name, entries) with entries,
    a heading linking to the column's index, its ``count`` newest items with their dates,
    and a link to the rest. Plain Markdown (and one class on a span) that MkDocs and
    Zensical both render; links are to .md files, relative to docs/."""
    lines = []
    for column, name, entries in columns:
        if not entries or count < 1:
            continue
        index = page_path(column, 1)
        lines += [f"## [{_escape(name)}](<{index}>)", ""]
        lines += [_item(entry, entry.path) for entry in _newest_first(entries)[:count]]
        lines += ["", f"[更多{_escape(name)}（共 {len(entries)} 条）](<{index}>)", ""]
    return "\n".join(lines)


def render_pages(column: str, name: str, entries: list[Entry], per_page: int, intro: str = "") -> list[tuple[str, str]]:
    """(docs path, Markdown) for every page of a column's index.

    Links are written to the articles' .md files, so MkDocs resolves them for
    any ``use_directory_urls`` setting and warns if one is missing.
    """
    ordered = _newest_first(entries)
    chunks = [ordered[i : i + per_page] for i in range(0, len(ordered), per_page)] or [[]]
    total = len(chunks)
    out: list[tuple[str, str]] = []
    for number, chunk in enumerate(chunks, start=1):
        here = page_path(column, number)
        folder = posixpath.dirname(here) or "."
        if number == 1 and intro.strip():
            lines = [intro.rstrip(), ""]
        else:
            lines = [f"# {_escape(name)}" + (f"（第 {number} 页）" if number > 1 else ""), ""]
        if ordered:
            lines += [f'<p class="govreview-count">共 {len(ordered)} 条</p>', ""]
        if not chunk:
            lines.append("本栏目暂无已发布信息。")
        for entry in chunk:
            link = relative_path(entry.path, folder)
            lines.append(_item(entry, link))
        pager = []
        if number > 1:
            pager.append(f"[上一页](<{relative_path(page_path(column, number - 1), folder)}>)")
        if total > 1:
            pager.append(f"第 {number} / {total} 页")
        if number < total:
            pager.append(f"[下一页](<{relative_path(page_path(column, number + 1), folder)}>)")
        if pager:
            lines += ["", " · ".join(pager)]
        out.append((here, "\n".join(lines) + "\n"))
    return out
