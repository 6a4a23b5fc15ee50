"""govreview's site search, built from the site a generator wrote (MkDocs or Zensical alike).

After the build and before the new site is swapped in, :func:`write_index` reads the main
content of every approved, listed page the snapshot manifest names (R-02: a withheld page is
neither in the manifest nor in ``site/``; an unlisted one — withdrawn, expired — is in both but
never indexed), builds the index with :mod:`.core.searchindex` and writes it, with the client,
into ``site/search/``. The search page itself (``search/index.md``) is generated into the
snapshot by staging, and by the plugin in memory for a plain ``mkdocs build``.

Main content is ``article.md-content__inner`` (mkdocs-material and Zensical); elements marked
``data-search-exclude`` (and the disclosure block, which Zensical writes without that mark),
header anchors, scripts and styles are left out; so is the generated list of articles an
approved column page has appended.
"""

from __future__ import annotations

import functools
import html
import os
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from .core import searchindex
from .core.html_text import visible_text
from .messages import Message, msg, say
from .snapshot.manifest import Manifest

#: The search page, docs-relative; its folder in the site holds the index and the client.
PAGE = "search/index.md"
FOLDER = "search"
INDEX = "govreview-index"
CLIENT = "govreview-search.js"
#: Elements whose text is not the page's content.
_EXCLUDED = (
    ".//*[@data-search-exclude]|.//*[contains(concat(' ', normalize-space(@class), ' '), ' govreview-disclosure ')]"
    "|.//a[contains(concat(' ', normalize-space(@class), ' '), ' headerlink ')]|.//script|.//style|.//template|.//noscript"
)
#: Han characters the Traditional fold reads (CJK extension A, unified ideographs).
_HAN_RANGES = ((0x3400, 0x4DC0), (0x4E00, 0xA000))
_DATE_LIST = ".//ul[li/span[contains(concat(' ', normalize-space(@class), ' '), ' govreview-date ')]]"


@dataclass(frozen=True)
class PageInfo:
    """What the site's HTML does not say reliably: the column's name and the publication date."""

    column: str = ""
    date: str = ""


def client_script() -> str:
    return resources.files("govreview").joinpath("assets", CLIENT).read_text(encoding="utf-8")


def page_markdown(lang: str) -> str:
    """The search page: a form, the place for results, and the client (from the site itself)."""
    holes = {"count": "{count}", "query": "{query}"}  # filled in by the client

    def text(message: Message) -> str:
        return html.escape(say(message, lang), quote=True)

    strings = {
        "loading": msg("site_search_loading"),
        "count": msg("site_search_count", **holes),
        "none": msg("site_search_none", **holes),
        "more": msg("site_search_more", **holes),
        "error": msg("site_search_error"),
    }
    data = " ".join(f'data-{name}="{text(message)}"' for name, message in strings.items())
    return (
        f"# {text(msg('site_search_title'))}\n\n"
        f'<div id="govreview-search" data-index="{INDEX}/" data-root="../" {data}>\n'
        f'<form role="search" method="get">\n'
        f'<label for="govreview-q">{text(msg("site_search_label"))}</label>\n'
        f'<input id="govreview-q" name="q" type="search" autocomplete="off">\n'
        f'<button type="submit">{text(msg("site_search_button"))}</button>\n'
        f"</form>\n"
        f'<p id="govreview-search-status" role="status"></p>\n'
        f'<ol id="govreview-search-results"></ol>\n'
        f"<noscript><p>{text(msg('site_search_noscript'))}</p></noscript>\n"
        f"</div>\n\n"
        f'<script src="{CLIENT}" defer></script>\n'
    )


def html_file(site: Path, rel: str) -> tuple[Path, str] | None:
    """The HTML file a docs-relative Markdown page was written to, and its address; either
    ``use_directory_urls`` setting (``news/a/index.html`` or ``news/a.html``)."""
    stem = rel[: -len(".md")] if rel.endswith(".md") else rel
    name = stem.rsplit("/", 1)[-1]
    folder = stem[: -len(name)]
    if name in ("index", "README"):
        candidates = [(folder + "index.html", folder)]
    else:
        candidates = [(stem + "/index.html", stem + "/"), (stem + ".html", stem + ".html")]
    for path, url in candidates:
        if (site / path).is_file():
            return site / path, url
    return None


def page_text(markup: bytes, own_list: bool = False) -> tuple[str, str] | None:
    """(title, text) of a page's main content, or None when the page has none."""
    import lxml.html

    try:
        tree = lxml.html.document_fromstring(markup)
    except (ValueError, lxml.etree.ParserError):
        return None
    found = tree.xpath("//article[contains(concat(' ', normalize-space(@class), ' '), ' md-content__inner ')]")
    if not found:
        found = tree.xpath("//main") or tree.xpath("//body")
    if not found:
        return None
    article = found[0]
    for element in article.xpath(_EXCLUDED):
        element.drop_tree()
    if own_list:
        for element in article.xpath(_DATE_LIST):
            element.drop_tree()
    heading = article.xpath(".//h1")
    title = heading[0].text_content().strip() if heading else ""
    if not title:
        head = tree.xpath("//title")
        title = head[0].text_content().split(" - ")[0].strip() if head else ""
    text = visible_text(lxml.html.tostring(article, encoding="unicode"))
    return title, text


def indexed_pages(site: Path, manifest: Manifest, info: Callable[[str], PageInfo] = lambda path: PageInfo()) -> Iterable[searchindex.Page]:
    """The pages to index: approved pages of the manifest inside docs, listed, built."""
    prefix = manifest.docs_dir + "/"
    for path, item in sorted(manifest.files.items()):
        if item.kind != "page" or not path.startswith(prefix) or not path.endswith(".md"):
            continue
        if item.unlisted:
            continue  # withdrawn or expired: still at its address, never found by search
        rel = path[len(prefix) :]
        if rel == PAGE:
            continue
        built = html_file(site, rel)
        if built is None:
            continue
        read = page_text(built[0].read_bytes(), own_list=item.generated == "column_list")
        if read is None:
            continue
        extra = info(path)
        yield searchindex.Page(built[1], read[0], extra.column, extra.date, read[1])


@functools.cache
def traditional_fold() -> str:
    """Traditional → Simplified, one character for one (OpenCC ``t2s``, ``tw2s``, ``hk2s``), as
    pairs (``報报試试…``). Characters of the Simplified standard set (GB 2312: 著, 乾 …) are
    left as they are: a Simplified page writes them as themselves."""
    import opencc

    chars = [chr(c) for start, stop in _HAN_RANGES for c in range(start, stop)]
    table: dict[str, str] = {}
    for config in ("t2s", "tw2s", "hk2s"):
        converted = opencc.OpenCC(config).convert("\n".join(chars)).split("\n")
        if len(converted) != len(chars):
            continue
        for a, b in zip(chars, converted, strict=True):
            if a != b and len(b) == 1 and not _simplified(a):
                table.setdefault(a, b)
    return "".join(a + b for a, b in sorted(table.items()))


def _simplified(char: str) -> bool:
    try:
        char.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def write_index(site: Path, manifest: Manifest, info: Callable[[str], PageInfo] = lambda path: PageInfo()) -> searchindex.Index:
    """Write the index and the client into ``site/search/`` (replacing an older index)."""
    index = searchindex.build(indexed_pages(site, manifest, info), fold=traditional_fold())
    folder = site / FOLDER
    target = folder / INDEX
    if target.exists():
        import shutil

        shutil.rmtree(target)
    for rel, content in sorted(index.files.items()):
        path = target / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
    folder.mkdir(parents=True, exist_ok=True)
    (folder / CLIENT).write_text(client_script(), encoding="utf-8")
    return index


def infos(columns: Mapping[str, str], dates: Mapping[str, str]) -> Callable[[str], PageInfo]:
    """A lookup of PageInfo from repository path → column name and → date."""
    return lambda path: PageInfo(columns.get(path, ""), dates.get(path, ""))


def index_files(site: Path) -> list[Path]:
    """Every file of the search index in a built site."""
    root = site / FOLDER / INDEX
    return sorted(Path(d) / f for d, _, names in os.walk(root) for f in names) if root.is_dir() else []
