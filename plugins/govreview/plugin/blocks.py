"""HTML blocks the plugin puts on pages: the unapproved banner (serve) and the
disclosure block (发布机构, 文号, 成文日期, 发布日期, 栏目) on published articles."""

from __future__ import annotations

import html
from functools import lru_cache

from .. import messages
from ..core.page import parse_date
from ..core.policy import Site
from ..core.verdict import Verdict
from ..timefmt import shanghai


def banner_html(verdict: Verdict, lang: str) -> str:
    """An unmistakable banner with every reason, for ``mkdocs serve`` previews."""
    items = "".join(f"<li>{html.escape(t)}</li>" for t in messages.render_all(verdict.reasons, lang))
    title = messages.text("未审批 · 不得发布", "NOT APPROVED · MUST NOT BE PUBLISHED", lang)
    return f'<div class="admonition danger govreview-unapproved">\n<p class="admonition-title">{title}</p>\n<ul>{items}</ul>\n</div>\n\n'


@lru_cache(maxsize=4)
def _labels(lang: str) -> tuple[str, ...]:
    t = messages.text
    pairs = (
        ("发布机构", "Publisher"),
        ("文号", "Document no."),
        ("成文日期", "Date written"),
        ("发布日期", "Date published"),
        ("栏目", "Column"),
    )
    return tuple(f"<tr><th>{html.escape(t(zh, en, lang))}</th><td>" for zh, en in pairs)


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
    return f'<div class="govreview-disclosure">\n<table>\n<tbody>{cells}</tbody>\n</table>\n</div>\n'
