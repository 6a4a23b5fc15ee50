"""The facts of the public disclosure block (政府信息公开) that are not in the page itself:
索引号, 主题分类, 发布机构, 有效性 and the links between a policy document and its
interpretation (R-33 三同步). Pure: the shell passes the archive's records and the clock.

The 索引号 rule (guide/disclosure.md): ``PREFIX/YEAR-NNNNN`` where PREFIX is the policy's
``disclosure.index_prefix``, YEAR the China year in which a merged pull request first
carried the page (or its baseline was recorded), and NNNNN the page's place among every
page first carried that year, ordered by that time and then by path. The archive only
grows, and a later merge has a later time, so a number once shown never changes.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime

from .lifecycle import stated_validity
from .page import CHINA
from .policy import DisclosureRules, Site

#: The field a page names its 主题分类 with (a topic's code or its name).
TOPIC_FIELD = "topic"
#: The field an interpretation names the policy it interprets with (R-33).
INTERPRETS_FIELD = "interprets"


@dataclass(frozen=True)
class Link:
    """A row of the block linking another published page: ``label`` is a message code."""

    label: str
    title: str
    path: str  # docs-relative path of the other page


@dataclass(frozen=True)
class PageFacts:
    index_no: str | None = None
    topic: str | None = None
    publisher: str | None = None
    validity: str | None = None  # core.lifecycle: VALID, INVALID, REPEALED; None: the page states none
    links: tuple[Link, ...] = ()


def publisher_name(site: Site, rules: DisclosureRules, unit: str | None, unit_name: str | None) -> str:
    """发布机构: the unit's full name where the policy gives one; else the site's publisher
    followed by the unit's name — unless the publisher already ends with that name
    (江岸市人民防空办公室 + 办公室) or the unit's name already begins with the publisher."""
    if unit and rules.unit_names.get(unit):
        return rules.unit_names[unit]
    name = (unit_name or "").strip()
    publisher = site.publisher
    if not name or publisher.endswith(name):
        return publisher
    if name.startswith(publisher):
        return name
    return publisher + name


def topic_of(fields: Mapping[str, object], category: str | None, rules: DisclosureRules) -> str | None:
    """主题分类: the page's ``topic`` (a code or a name of ``disclosure.topics``; other text is
    shown as written), else its category's default; None when neither says."""
    value = fields.get(TOPIC_FIELD)
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if isinstance(value, str) and value.strip():
        value = value.strip()
        return rules.topics.get(value, value)
    code = rules.category_topics.get(category or "")
    return rules.topics.get(code) if code else None


def first_carried(changes: Iterable[tuple[str, datetime]], baselines: Iterable[tuple[str, datetime]], prefix: str) -> dict[str, datetime]:
    """For each page (docs-relative path of a ``.md`` file under ``prefix``): the earliest
    merge of a pull request that carried it (``changes``: repository path and merge time),
    or the time its baseline was recorded, whichever is first."""
    out: dict[str, datetime] = {}
    for path, moment in [*changes, *baselines]:
        if not path.startswith(prefix) or not path.endswith(".md"):
            continue
        rel = path[len(prefix) :]
        if rel not in out or moment < out[rel]:
            out[rel] = moment
    return out


def index_numbers(first: Mapping[str, datetime], prefix: str) -> dict[str, str]:
    """索引号 of every page in ``first`` (see the module's rule)."""
    by_year: dict[int, list[tuple[datetime, str]]] = {}
    years: dict[datetime, int] = {}  # pages merged together share their moment: its year worked out once
    for path, moment in first.items():
        year = years.get(moment)
        if year is None:
            year = years[moment] = moment.astimezone(CHINA).year
        by_year.setdefault(year, []).append((moment, path))
    out: dict[str, str] = {}
    for year, pages in by_year.items():
        for number, (_, path) in enumerate(sorted(pages), start=1):
            out[path] = f"{prefix}/{year}-{number:05d}"
    return out


def interpreted_paths(path: str, value: object) -> tuple[str, ...]:
    """The docs-relative paths an ``interprets`` value may name, as the R-33 deadline reads
    it (:func:`govreview.core.deadlines.interpretation_due`): written docs-relative
    (policies/a.md, /policies/a.md) or relative to the interpretation (../policies/a.md)."""
    if not isinstance(value, str) or not value.strip():
        return ()
    value = value.strip()
    if value.startswith("/"):
        return (value.lstrip("/"),)
    return (value, posixpath.normpath(posixpath.join(posixpath.dirname(path), value)))


def related(pages: Mapping[str, Mapping[str, object]], titles: Mapping[str, str]) -> dict[str, tuple[Link, ...]]:
    """Links both ways between a policy and each published interpretation naming it (R-33):
    政策解读 on the policy, 相关政策 on the interpretation. ``pages``: the published pages'
    fields by docs-relative path; a page that is not published is never linked."""
    out: dict[str, list[Link]] = {}
    for path in sorted(pages):
        named = [p for p in interpreted_paths(path, pages[path].get(INTERPRETS_FIELD)) if p in pages and p != path]
        if not named:
            continue
        target = named[0]
        out.setdefault(target, []).append(Link("site_label_interpretation", titles.get(path, path), path))
        out.setdefault(path, []).append(Link("site_label_related_policy", titles.get(target, target), target))
    return {path: tuple(links) for path, links in out.items()}


def page_facts(
    path: str,
    fields: Mapping[str, object],
    category: str | None,
    unit: str | None,
    unit_name: str | None,
    site: Site,
    rules: DisclosureRules,
    now: datetime,
    index_no: str | None,
    links: tuple[Link, ...] = (),
) -> PageFacts:
    return PageFacts(
        index_no=index_no if rules.index_prefix else None,
        topic=topic_of(fields, category, rules),
        publisher=publisher_name(site, rules, unit, unit_name),
        validity=stated_validity(fields, now),
        links=links,
    )


def page_url(path: str, directory_urls: bool) -> str:
    """The URL of a docs-relative Markdown page, relative to the site's root, as MkDocs and
    Zensical give it: ``a/b.md`` -> ``a/b/`` (or ``a/b.html``), ``a/index.md`` -> ``a/``."""
    stem = path[: -len(".md")] if path.endswith(".md") else path
    folder, _, name = stem.rpartition("/")
    if name in ("index", "README"):
        return f"{folder}/" if folder else ("" if directory_urls else "index.html")
    if directory_urls:
        return f"{stem}/"
    return f"{stem}.html"


def relative_url(from_url: str, to_url: str) -> str:
    """``to_url`` relative to the page at ``from_url`` (both relative to the site's root)."""
    base = from_url.rpartition("/")[0]
    target_dir, _, target_name = to_url.rpartition("/")
    start = [p for p in base.split("/") if p]
    target = [p for p in target_dir.split("/") if p]
    common = 0
    while common < min(len(start), len(target)) and start[common] == target[common]:
        common += 1
    parts = [".."] * (len(start) - common) + target[common:]
    rel = "/".join(parts)
    if rel:
        rel += "/"
    return (rel + target_name) or "./"
