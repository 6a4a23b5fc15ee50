"""What the public site shows beside the approved content: column index pages and
the disclosure block of each article. No I/O.

The same functions serve the plugin (in memory, for ``mkdocs serve`` and local
builds) and ``govreview stage`` (as files in the approved snapshot, so any
generator — MkDocs, Zensical — publishes them without the plugin).
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from pathlib import PurePosixPath

from .core.disclosure import PageFacts, index_numbers, page_facts, page_url, publisher_name, related, relative_url
from .core.lifecycle import INVALID, REPEALED, VALID
from .core.page import parse_date
from .core.policy import DisclosureRules, Policy, Site
from .core.verdict import PAGE, Verdict
from .listing import Entry, page_path, relative_path, render_latest, render_pages
from .messages import msg, say
from .timefmt import shanghai

#: The disclosure block is metadata, not text to search: both mkdocs-material and
#: Zensical leave elements with this attribute out of the search index.
SEARCH_EXCLUDE = "data-search-exclude"


_VALIDITY = {VALID: "site_validity_valid", INVALID: "site_validity_expired", REPEALED: "site_validity_repealed"}


@lru_cache(maxsize=64)
def _label(code: str, lang: str) -> str:
    return html.escape(say(msg(code), lang))


def disclosure_html(
    verdict: Verdict, site: Site, lang: str, facts: PageFacts | None = None, directory_urls: bool = True, source_links: bool = False
) -> str:
    """The disclosure block of an approved page. 发布日期 is the merge time in Shanghai,
    never a date typed in the front matter; 成文日期 is what the document says. ``facts``
    (:func:`disclosure_facts`) adds 索引号, 主题分类, 有效性 and the links between a policy
    and its interpretation; 文号 is shown only when the page has one.

    ``source_links``: links name the other page's Markdown file relative to this one's (the
    block written into a staged page: the generator resolves them as it does any link, see
    :func:`source_links_to_urls`); otherwise they are URLs (the block added to rendered HTML)."""
    facts = facts or PageFacts()
    publisher = facts.publisher or publisher_name(site, DisclosureRules(), verdict.unit, verdict.unit_name)
    written = parse_date(verdict.fields.get("date"))
    doc_no = verdict.fields.get("doc_no")
    has_doc_no = isinstance(doc_no, str) and bool(doc_no.strip())
    published = _day_shown(verdict.merged_at) if verdict.merged_at else "—"
    state = facts.validity or (VALID if has_doc_no else None)
    rows: list[tuple[str, str]] = []
    if facts.index_no:
        rows.append(("site_label_index_no", html.escape(facts.index_no)))
    if facts.topic:
        rows.append(("site_label_topic", html.escape(facts.topic)))
    rows.append(("site_label_publisher", html.escape(publisher)))
    if has_doc_no:
        rows.append(("site_label_doc_no", html.escape(str(doc_no).strip())))
    rows.append(("site_label_date_written", written.isoformat() if written else "—"))
    rows.append(("site_label_date_published", published))
    if state is not None:
        rows.append(("site_label_validity", _label(_VALIDITY[state], lang)))
    rows.append(("site_label_column", html.escape(verdict.column_name or "—")))
    here = page_url(verdict.path, directory_urls)
    folder = posixpath.dirname(verdict.path) or "."
    for link in facts.links:
        target = relative_path(link.path, folder) if source_links else relative_url(here, page_url(link.path, directory_urls))
        href = html.escape(target)
        rows.append((link.label, f'<a href="{href}">{html.escape(link.title)}</a>'))
    # 索引号 and 文号 are identifiers as issued: translate="no" keeps them out of any
    # conversion (the Traditional mirror, browser translation).
    cells = "".join([_row_head(code, lang) + value + "</td></tr>" for code, value in rows])
    # The table itself carries no class, so the theme styles it like any content table.
    return f'<div class="govreview-disclosure" {SEARCH_EXCLUDE}>\n<table>\n<tbody>{cells}</tbody>\n</table>\n</div>\n'


_KEEP = {"site_label_index_no": ' translate="no"', "site_label_doc_no": ' translate="no"'}


@lru_cache(maxsize=256)
def _row_head(code: str, lang: str) -> str:
    """A row of the block up to its value (the same for every page: worked out once)."""
    return f"<tr><th>{_label(code, lang)}</th><td{_KEEP.get(code, '')}>"


@lru_cache(maxsize=4096)
def _day_shown(moment: datetime) -> str:
    """发布日期 as shown: the day in Shanghai (pages merged together share it)."""
    return shanghai(moment).strftime("%Y-%m-%d")


_SOURCE_HREF = re.compile(r'href="([^":?#]+\.md)"')


def source_links_to_urls(block: str, path: str, directory_urls: bool) -> str:
    """A staged block's links to Markdown files (``source_links``) as URLs relative to the
    page at docs path ``path``: the plugin adds the block to the rendered HTML, after
    MkDocs has resolved the page's own links."""
    here = page_url(path, directory_urls)
    folder = posixpath.dirname(path)

    def url(m: re.Match[str]) -> str:
        target = posixpath.normpath(posixpath.join(folder, html.unescape(m.group(1))))
        return f'href="{html.escape(relative_url(here, page_url(target, directory_urls)))}"'

    return _SOURCE_HREF.sub(url, block)


def disclosure_facts(
    policy: Policy,
    pages: Mapping[str, Verdict],
    first: Mapping[str, datetime],
    now: datetime,
) -> dict[str, PageFacts]:
    """The facts of every published page's block. ``pages``: the approved pages by
    docs-relative path (only these are linked); ``first``: when a merge first carried
    each page (:func:`govreview.core.disclosure.first_carried`, for the 索引号)."""
    rules = policy.disclosure
    numbers = index_numbers(first, rules.index_prefix) if rules.index_prefix else {}
    titles = {path: listing_entry(path, v).title for path, v in pages.items()}
    links = related({path: v.fields for path, v in pages.items()}, titles)
    return {
        path: page_facts(path, v.fields, v.category, v.unit, v.unit_name, policy.site, rules, now, numbers.get(path), links.get(path, ()))
        for path, v in pages.items()
    }


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
