"""Where the disclosure block goes in a page, and taking it back out: plain string work
with no imports, shared by ``govreview stage`` (which writes the block into the staged
Markdown) and the plugin inside a snapshot build (which moves it into the rendered HTML)."""

from __future__ import annotations

import re

_SETEXT_H1 = re.compile(r"^=+[ \t]*$")
_ATX_H1 = re.compile(r"^ {0,3}#(?:[ \t]|$)")


def with_block(body: str, block: str) -> str:
    """``block`` placed after the page's leading level-1 heading (MkDocs takes a page's
    title from a first-element H1 only), else before the body. Only the lines up to the
    heading are looked at: the rest of the page is copied as it is."""
    end = len(body)
    start = 0
    while True:  # the first line that is not blank
        stop = body.find("\n", start)
        line_end = end if stop < 0 else stop
        if body[start:line_end].strip():
            break
        if stop < 0:
            return block + "\n" + body
        start = stop + 1
    if _ATX_H1.match(body[start:line_end]):
        cut = line_end
    else:
        if line_end == end:
            return block + "\n" + body
        nxt = body.find("\n", line_end + 1)
        if not _SETEXT_H1.match(body[line_end + 1 : end if nxt < 0 else nxt]):
            return block + "\n" + body
        cut = end if nxt < 0 else nxt
    return body[:cut] + "\n\n" + block + "\n" + body[cut + 1 :]


_BLOCK_START = '<div class="govreview-disclosure" '
_BLOCK_END = "</div>\n"


def cut_block(markdown: str) -> tuple[str, str | None]:
    """The disclosure block taken back out of a staged page's Markdown, so that MkDocs
    adds it to the rendered HTML instead (converting 18 raw HTML tags a page costs
    Python-Markdown more than the rest of the page). Zensical keeps it in the Markdown."""
    start = markdown.find(_BLOCK_START)
    if start < 0:
        return markdown, None
    end = markdown.find(_BLOCK_END, start)
    if end < 0:
        return markdown, None
    end += len(_BLOCK_END)
    return markdown[:start] + markdown[end:], markdown[start:end]


def with_block_html(content: str, block: str) -> str:
    """``block`` after the page's leading ``<h1>`` in rendered HTML (as :func:`with_block`
    places it in Markdown), else before the content."""
    if content.lstrip().startswith("<h1"):
        close = content.find("</h1>")
        if close >= 0:
            close += len("</h1>")
            return content[:close] + "\n" + block + content[close:]
    return block + content
