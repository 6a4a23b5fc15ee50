"""The unapproved banner the plugin puts on pages previewed with ``mkdocs serve``.
(The disclosure block of published articles is in :mod:`govreview.sitepages`.)"""

from __future__ import annotations

import html

from .. import messages
from ..core.verdict import Verdict


def banner_html(verdict: Verdict, lang: str) -> str:
    """An unmistakable banner with every reason, for ``mkdocs serve`` previews."""
    items = "".join(f"<li>{html.escape(t)}</li>" for t in messages.render_all(verdict.reasons, lang, verdict.people))
    title = messages.say(messages.msg("site_banner_title"), lang)
    return f'<div class="admonition danger govreview-unapproved">\n<p class="admonition-title">{title}</p>\n<ul>{items}</ul>\n</div>\n\n'
