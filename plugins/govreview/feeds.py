"""Atom feeds (RFC 4287) of the whole site and of each column, written by ``govreview
stage`` into the approved snapshot as generated files, so that any generator publishes
them. No I/O here, and no git: every date comes from the approval archive.

Only approved, listed articles appear (a page the manifest marks ``unlisted`` —
withdrawn, expired — never does). Times are China time (+08:00). Links are absolute
when ``site_url`` is set; otherwise relative to the feed's own address, which Atom
allows (RFC 4287 §3: references resolve against the document's base URI) and feedparser
resolves, but some readers do not: a site that publishes feeds should set ``site_url``.
RSS 2.0 requires absolute links, so only Atom is written.
"""

from __future__ import annotations

import uuid
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from .core.disclosure import page_url, relative_url
from .timefmt import shanghai

ATOM = "http://www.w3.org/2005/Atom"
#: The file name of every feed: ``atom.xml`` at the site's root and in each column's folder.
NAME = "atom.xml"
#: Entries a feed keeps: the newest ones.
LIMIT = 50


@dataclass(frozen=True)
class FeedItem:
    path: str  # docs-relative path of the article
    title: str
    column: str  # the column's folder
    column_name: str
    published: datetime  # when it first became public (the archive's publication, else the merge)
    updated: datetime  # when the version published now became public
    author: str  # 发布机构


def feed_path(column: str | None) -> str:
    """docs-relative path of the site's feed (None) or a column's."""
    return NAME if column in (None, ".") else f"{column}/{NAME}"


def _time(moment: datetime) -> str:
    return shanghai(moment).isoformat(timespec="seconds")


def _id(site: str, path: str) -> str:
    """A permanent id: the same page keeps it whatever address the site moves to."""
    return uuid.uuid5(uuid.NAMESPACE_URL, f"govreview:{site}:{path}").urn


def atom(
    site: str,
    title: str,
    feed: str,
    home: str,
    items: Iterable[FeedItem],
    site_url: str | None,
    directory_urls: bool,
    now: datetime,
    limit: int = LIMIT,
) -> bytes:
    """The Atom document of ``items`` (newest first, at most ``limit``). ``feed`` and
    ``home`` are docs-relative: the feed file and the page it is the feed of."""
    base = site_url.rstrip("/") + "/" if site_url else None

    def href(url: str) -> str:
        return base + url if base is not None else relative_url(feed, url)

    chosen = sorted(items, key=lambda i: (i.published, i.path), reverse=True)[:limit]
    root = ET.Element("feed", {"xmlns": ATOM, "{http://www.w3.org/XML/1998/namespace}lang": "zh-CN"})
    ET.SubElement(root, "id").text = _id(site, feed)
    ET.SubElement(root, "title").text = title
    ET.SubElement(root, "updated").text = _time(max((i.updated for i in chosen), default=now))
    ET.SubElement(root, "link", {"rel": "self", "type": "application/atom+xml", "href": href(feed)})
    ET.SubElement(root, "link", {"rel": "alternate", "type": "text/html", "href": href(page_url(home, directory_urls))})
    ET.SubElement(ET.SubElement(root, "author"), "name").text = site
    ET.SubElement(root, "generator").text = "govreview"
    for item in chosen:
        entry = ET.SubElement(root, "entry")
        ET.SubElement(entry, "id").text = _id(site, item.path)
        ET.SubElement(entry, "title").text = item.title
        ET.SubElement(entry, "link", {"rel": "alternate", "type": "text/html", "href": href(page_url(item.path, directory_urls))})
        ET.SubElement(entry, "published").text = _time(item.published)
        ET.SubElement(entry, "updated").text = _time(max(item.updated, item.published))
        ET.SubElement(ET.SubElement(entry, "author"), "name").text = item.author
        ET.SubElement(entry, "category", {"term": item.column, "label": item.column_name})
    ET.indent(root)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="utf-8", xml_declaration=False) + b"\n"
