"""What the public site shows beside the approved content: column index pages and
the disclosure block of each article. No I/O.

The same functions serve the plugin (in memory, for ``mkdocs serve`` and local
builds) and ``govreview stage`` (as files in the approved snapshot, so any
generator — MkDocs, Zensical — publishes them without the plugin).
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import PurePosixPath

from .core.page import parse_date
from .core.policy import Policy, Site
from .core.verdict import PAGE, Verdict
from .listing import Entry, page_path, render_latest, render_pages
from .messages import msg, say
from .timefmt import shanghai

#: The disclosure block is metadata, not text to search: both mkdocs-material and
#: Zensical leave elements with this attribute out of the search index.
SEARCH_EXCLUDE = "data-search-exclude"


@lru_cache(maxsize=4)
def _labels(lang: str) -> tuple[str, ...]:
    labels = (
        msg("site_label_publisher"),
        msg("site_label_doc_no"),
        msg("site_label_date_written"),
        msg("site_label_date_published"),
        msg("site_label_column"),
    )
    return tuple(f"<tr><th>{html.escape(say(label, lang))}</th><td>" for label in labels)


def disclosure_html(verdict: Verdict, site: Site, lang: str) -> str:
    """The disclosure block of an approved page. 发布日期 is the merge time in Shanghai,
    never a date typed in the front matter; 成文日期 is what the document says."""
    unit = verdict.unit_name or ""
    publisher = site.publisher if unit in ("", site.publisher) else f"{site.publisher}{unit}"
    written = parse_date(verdict.fields.get("date"))
    doc_no = verdict.fields.get("doc_no")
    published = shanghai(verdict.merged_at).strftime("%Y-%m-%d") if verdict.merged_at else "—"
    values = (
        publisher,
        doc_no if isinstance(doc_no, str) and doc_no else "—",
        written.isoformat() if written else "—",
        published,
        verdict.column_name or "—",
    )
    cells = "".join(f"{label}{html.escape(value)}</td></tr>" for label, value in zip(_labels(lang), values, strict=True))
    # The table itself carries no class, so the theme styles it like any content table.
    return f'<div class="govreview-disclosure" {SEARCH_EXCLUDE}>\n<table>\n<tbody>{cells}</tbody>\n</table>\n</div>\n'


def shows_disclosure(path: str, verdict: Verdict, policy: Policy) -> bool:
    """Approved articles carry the block; column index pages do not."""
    if verdict.kind != PAGE or not verdict.approved:
        return False
    column = policy.column_of(path)
    return column is not None and path != page_path(column.path, 1)


@dataclass
class ColumnPages:
    generated: dict[str, str] = field(default_factory=dict)  # docs path -> Markdown of a generated index page
    intros: dict[str, str] = field(default_factory=dict)  # an approved column index.md -> the list to append


def listing_entry(path: str, verdict: Verdict, note: str = "") -> Entry:
    title = verdict.fields.get("title")
    shown = title if isinstance(title, str) and title.strip() else PurePosixPath(path).stem
    return Entry(path, shown, verdict.merged_at if verdict.approved else None, note)


def column_pages(
    policy: Policy,
    articles: Iterable[tuple[str, Entry]],
    per_page: int,
    folders: Iterable[str],
    own_index: Mapping[str, bool],
) -> ColumnPages:
    """Index pages of every column with a folder: newest first, ``per_page`` a page.

    ``articles`` are (column path, entry); ``own_index[path]`` says whether a
    column's first page is an approved page of its own (the list is appended to it).
    """
    entries: dict[str, list[Entry]] = {}
    for column, entry in articles:
        entries.setdefault(column, []).append(entry)
    present = set(folders)
    out = ColumnPages()
    for column in policy.columns.values():
        if column.path == "." or column.path not in present:
            continue
        pages = render_pages(column.path, column.name, entries.get(column.path, []), per_page)
        for number, (path, markdown) in enumerate(pages, start=1):
            if number == 1 and own_index.get(path):
                out.intros[path] = markdown.split("\n", 2)[2] if markdown.startswith("# ") else markdown
            else:
                out.generated[path] = markdown
    return out


#: The home page (docs/index.md) the latest items of each column are appended to.
HOME = "index.md"


def home_latest(policy: Policy, articles: Iterable[tuple[str, Entry]], count: int) -> str:
    """Markdown appended to an approved home page: the ``count`` newest items of each column
    (in the policy's column order), with dates. The same ``articles`` as the column pages get,
    so what a listing leaves out the home page leaves out too. "" when there is nothing to show."""
    entries: dict[str, list[Entry]] = {}
    for column, entry in articles:
        if entry.published is not None:  # approved items only, even on serve
            entries.setdefault(column, []).append(entry)
    columns = [(c.path, c.name, entries.get(c.path, [])) for c in policy.columns.values() if c.path != "."]
    return render_latest(columns, count)


def navigation(policy: Policy, home: bool, has_index: Callable[[str], bool], lang: str) -> list[tuple[str, str]]:
    """The site's navigation: the home page, then each column's first index page
    (title, docs path) — only these, so every page renders a short nav (the build stays
    linear). ``has_index(column path)`` says whether the column has pages in the site."""
    entries = [(say(msg("site_nav_home"), lang), "index.md")] if home else []
    for column in policy.columns.values():
        if column.path != "." and has_index(column.path):
            entries.append((column.name, page_path(column.path, 1)))
    return entries


def article_column(path: str, policy: Policy) -> str | None:
    """The column whose index lists this page (None: the page is listed nowhere)."""
    column = policy.column_of(path)
    if column is None or column.path == "." or path == page_path(column.path, 1):
        return None
    return column.path
