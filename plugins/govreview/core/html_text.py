"""The text a visitor reads in a page's rendered HTML (pure).

What screening reads of a page after every extension, emoji, snippet and macro has
done its work: the text between tags, entities decoded, with a line break at every
block element so that words of two paragraphs or two table cells never run
together. An image's ``alt`` text stands where the image stands (an emoji rendered
as ``<img alt="⭐">`` right after 秘密 reads 秘密⭐); ``title`` and ``aria-label``
texts are shown on their own line. Scripts, styles, templates and comments are not
read, nor any other attribute (an inline SVG's path data is geometry, never text).

MkDocs and Zensical hand over well-formed HTML written by Python-Markdown, so tags
are found with regular expressions: linear, and much faster than a parser.
"""

from __future__ import annotations

import html
import re

_HIDDEN = re.compile(r"<(script|style|template|noscript)\b[^>]*>.*?</\1\s*>|<!--.*?-->|<!\[CDATA\[.*?\]\]>", re.S | re.I)
_TAG = re.compile(r"""<(/?)([a-zA-Z][\w:.-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>|<[!?][^>]*>""", re.S)
_ATTR = re.compile(r"""(?<![\w-])(alt|title|aria-label)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.I)
#: Elements that start a new line of text where they open or close.
_BLOCK = frozenset(
    {
        *("address", "article", "aside", "blockquote", "br", "caption", "dd", "details", "dialog", "div", "dl", "dt"),
        *("figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main"),
        *("nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul"),
        *("svg", "text", "title", "desc", "option"),
    }
)


def visible_text(markup: str) -> str:
    """The text of an HTML fragment as a reader sees it (see the module's docstring)."""
    markup = _HIDDEN.sub(" ", markup)
    out: list[str] = []
    at = 0
    for m in _TAG.finditer(markup):
        if m.start() > at:
            out.append(html.unescape(markup[at : m.start()]))
        at = m.end()
        name = (m.group(2) or "").lower()
        if name in _BLOCK:
            out.append("\n")
        if m.group(1) or not m.group(3):
            continue
        for attr in _ATTR.finditer(m.group(3)):
            value = html.unescape(attr.group(2) or attr.group(3) or attr.group(4) or "")
            if not value.strip():
                continue
            out.append(value if attr.group(1).lower() == "alt" else f"\n{value}\n")
    if at < len(markup):
        out.append(html.unescape(markup[at:]))
    text = "".join(out)
    return "\n".join(line.strip() for line in text.split("\n") if line.strip())
