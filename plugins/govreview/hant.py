"""简繁: the Traditional Chinese mirror of the built site (post-build step).

After the generator ran, beside the search index and the sitemap step and before the new site
is swapped in, :func:`write_mirror` reads every built HTML page in ``site/`` and writes its
Traditional counterpart under ``site/zh-hant/`` (same relative paths), converted with OpenCC by
:func:`.core.hant.to_traditional` (text only; URLs, scripts, code and identifiers as written).

Switched on by ``extra.portal.hant`` in ``mkdocs.yml`` (``true`` = ``s2t``, or one of
``s2t``/``s2tw``/``s2twp``/``s2hk``); off when absent. The template reads the same value to
show the 「繁體」 switch.

What is published stays what was approved (R-02): the mirror is made from ``site/`` after the
build, so a withheld page, absent from ``site/``, is absent from the mirror too. The mirror has
no sitemap, feed or search index of its own, so an unlisted page (withdrawn, expired) is listed
nowhere new; its search form leads to the site's search page, which folds Traditional input.
The 404 page and the search page are not mirrored.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path

from .core.hant import PREFIX, conversion_of, mirror_path, point_switch, to_traditional
from .search_index import PAGE as SEARCH_PAGE
from .site_config import yaml_values

#: Built pages that get no Traditional counterpart (site-relative).
NOT_MIRRORED = frozenset({"404.html", SEARCH_PAGE[: -len(".md")] + ".html"})


def setting(config_text: str | None) -> object:
    """``extra.portal.hant`` as the configuration writes it (``None`` when absent)."""
    values = yaml_values(config_text) if config_text is not None else None
    extra = values.get("extra") if isinstance(values, dict) else None
    portal = extra.get("portal") if isinstance(extra, dict) else None
    return portal.get("hant") if isinstance(portal, dict) else None


def conversion(config_text: str | None) -> str | None:
    """The OpenCC conversion the configuration asks for, or ``None`` (no mirror);
    ``ValueError`` for a value that names none."""
    return conversion_of(setting(config_text))


@functools.cache
def converter(config: str) -> Callable[[str], str]:
    """OpenCC's conversion, remembering its answers: the navigation, top bar and footer are the
    same text on every page (about 12 ms a page without, measured on the example site)."""
    import opencc

    return functools.lru_cache(maxsize=1 << 16)(opencc.OpenCC(config).convert)


def pages(site: Path, prefix: str = PREFIX) -> list[str]:
    """The site-relative HTML files the mirror is made of."""
    found = []
    for path in site.rglob("*.html"):
        rel = path.relative_to(site).as_posix()
        if rel in NOT_MIRRORED or rel == prefix or rel.startswith(prefix + "/") or not path.is_file():
            continue
        found.append(rel)
    return sorted(found)


def write_mirror(site: Path, config: str, prefix: str = PREFIX) -> list[str]:
    """Write the Traditional counterpart of every page of ``site`` under ``site/prefix``, and
    point each page's 「繁體」 switch at its counterpart (the switch's href, nothing else);
    returns the site-relative paths written. The caller makes sure ``prefix`` is free."""
    convert = converter(config)
    mirrored = set(pages(site, prefix))
    written = []
    for rel in sorted(mirrored):
        text = (site / rel).read_text(encoding="utf-8")
        out = site / mirror_path(rel, prefix)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(to_traditional(text, rel, convert, mirrored.__contains__, prefix), encoding="utf-8")
        written.append(mirror_path(rel, prefix))
        pointed = point_switch(text, rel, prefix)
        if pointed != text:
            (site / rel).write_text(pointed, encoding="utf-8")
    return written
