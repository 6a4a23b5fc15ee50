"""The text a visitor reads in a page's rendered HTML (pure).

What screening reads of a page after every extension, emoji, snippet and macro has
done its work: the text between tags, entities decoded, with a line break at every
block element so that words of two paragraphs or two table cells never run
together. An image's ``alt`` text stands where the image stands (an emoji rendered
as ``<img alt="⭐">`` right after 秘密 reads 秘密⭐); ``title`` and ``aria-label``
texts, and the ``value``, ``placeholder`` and ``label`` a form control shows, are read
on their own line. Scripts, styles, templates and comments are not read, nor any other
attribute (an inline SVG's path data is geometry, never text).

Where a browser shows text, it is read here even when the HTML is written oddly: a
comment ends where a browser ends it (``<!-->``, ``--!>``), a script where ``</script``
is followed by a space or ``/``, a quote is a value's only where it follows ``=``; a
``CDATA`` section's text is read (a browser shows it, in SVG as in HTML), and so is
``<noscript>`` (shown when scripts are off) and what ``<textarea>``/``<xmp>`` show as is.

MkDocs and Zensical hand over well-formed HTML written by Python-Markdown, so tags
are found with regular expressions: linear, and much faster than a parser.
"""

from __future__ import annotations

import html
import re

_HIDDEN = re.compile(r"<(script|style|template)\b[^>]*>.*?</\1(?=[\s/>])[^>]*>|<!--(?:-?>|.*?--!?>)", re.S | re.I)
#: Text a browser shows as it is written, tags and all: a CDATA section, a textarea's or xmp's content.
_AS_WRITTEN = re.compile(r"<!\[CDATA\[(.*?)\]\]>|(<(textarea|xmp)\b[^>]*>)(.*?)(?=</\3(?=[\s/>])|\Z)", re.S | re.I)
_TAG = re.compile(r"""<(/?)([a-zA-Z][\w:.-]*)((?:=\s*"[^"]*"|=\s*'[^']*'|[^>])*)>|<[!?][^>]*>""", re.S)
_ATTR = re.compile(r"""(?<![\w-])(alt|title|aria-label|value|placeholder|label)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.I)
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
    markup = _AS_WRITTEN.sub(_as_written, markup)
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


def _as_written(m: re.Match[str]) -> str:
    """Text shown as written: its ``<`` and ``&`` escaped, so no tag or comment is read in it."""
    if m.group(2) is None:
        return html.escape(html.unescape(m.group(1)), quote=False)
    return m.group(2) + html.escape(html.unescape(m.group(4)), quote=False)
