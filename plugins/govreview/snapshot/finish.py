"""After the generator ran, before the new site replaces the old one: pages the manifest
marks ``unlisted`` (withdrawn, expired) stay at their address but leave the sitemap
(``sitemap.xml`` and ``sitemap.xml.gz``, rewritten both) and the theme's search index
(mkdocs-material's ``search/search_index.json``, Zensical's ``search.json``).

Generator-agnostic: it reads the manifest and the files the generators write, never the
generator's configuration or plugins. govreview's own search index and feeds read the
manifest themselves.
"""

from __future__ import annotations

import gzip
import html
import json
import re
from pathlib import Path
from urllib.parse import unquote, urlparse

from ..core.lifecycle import page_url
from ..core.verdict import PAGE
from .manifest import Manifest

SITEMAP = "sitemap.xml"
SITEMAP_GZ = "sitemap.xml.gz"
#: Search indexes the generators write: mkdocs-material's (entries under ``docs``) and
#: Zensical's (entries under ``items``); each entry's ``location`` is a site-relative URL.
SEARCH_INDEXES = ("search/search_index.json", "search.json")

_URL_BLOCK = re.compile(r"[ \t]*<url>.*?</url>[ \t]*\n?", re.S)
_LOC = re.compile(r"<loc>(.*?)</loc>", re.S)


def unlisted_urls(manifest: Manifest, directory_urls: bool = True) -> set[str]:
    """Site-relative URLs (unquoted) of the pages the manifest marks unlisted."""
    prefix = manifest.docs_dir + "/"
    return {
        unquote(page_url(path[len(prefix) :], directory_urls))
        for path, item in manifest.files.items()
        if item.unlisted and item.kind == PAGE and path.startswith(prefix)
    }


def finish_site(site: Path, manifest: Manifest, directory_urls: bool = True, site_url: str | None = None) -> list[str]:
    """Remove unlisted pages from the sitemap and the search index under ``site``; returns
    the files rewritten (site-relative). ``site_url``: the configuration's, whose path the
    sitemap's addresses start with (without one, MkDocs writes site-absolute paths)."""
    urls = unlisted_urls(manifest, directory_urls)
    if not urls:
        return []
    changed: list[str] = []
    base = urlparse(site_url).path if site_url else "/"
    base = base if base.endswith("/") else base + "/"
    sitemap = site / SITEMAP
    if sitemap.is_file():
        text = sitemap.read_text(encoding="utf-8")
        kept = _URL_BLOCK.sub(lambda m: "" if _unlisted_loc(m.group(0), base, urls) else m.group(0), text)
        if kept != text:
            sitemap.write_text(kept, encoding="utf-8")
            changed.append(SITEMAP)
        packed = site / SITEMAP_GZ
        if packed.is_file():  # always the same content as sitemap.xml
            packed.write_bytes(gzip.compress(kept.encode("utf-8"), mtime=0))
            changed.append(SITEMAP_GZ)
    for name in SEARCH_INDEXES:
        index = site / name
        if index.is_file() and _filter_search(index, urls):
            changed.append(name)
    return changed


def _unlisted_loc(block: str, base: str, urls: set[str]) -> bool:
    m = _LOC.search(block)
    if m is None:
        return False
    path = unquote(urlparse(html.unescape(m.group(1).strip())).path)
    if not path.startswith(base):
        return False
    return path[len(base) :] in urls


def _filter_search(index: Path, urls: set[str]) -> bool:
    try:
        data = json.loads(index.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    if not isinstance(data, dict):
        return False
    changed = False
    for key in ("docs", "items"):
        entries = data.get(key)
        if not isinstance(entries, list):
            continue
        kept = [e for e in entries if not (isinstance(e, dict) and unquote(str(e.get("location", "")).split("#", 1)[0]) in urls)]
        if len(kept) != len(entries):
            data[key] = kept
            changed = True
    if changed:
        index.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return changed
