"""The banners of a published item past its time (R-43): 已过期 after its display window,
已失效 after ``valid_until``, 「已废止」 with a link to what replaced it. No I/O.

What the banner says comes from :mod:`.core.lifecycle` (the same answers the disclosure
block's 有效性 reads); the banner is metadata, so search leaves it out. The same function
serves ``govreview stage`` (written into the staged page) and the plugin (in memory).
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Mapping

from .core import lifecycle
from .messages import msg, say
from .sitepages import SEARCH_EXCLUDE

#: The class every lifecycle banner carries (and the one for each state beside it).
BANNER_CLASS = "govreview-lifecycle"


def _line(state: str, title: str, text: str, link: tuple[str, str] | None = None) -> str:
    anchor = f'<a href="{html.escape(link[0])}">{html.escape(link[1])}</a>' if link else ""
    return f'<p class="govreview-{state}"><strong>{html.escape(title)}</strong> {html.escape(text)}{anchor}</p>\n'


def banner_html(fields: Mapping[str, object], now: dt.datetime, lang: str, link: tuple[str, str] | None = None) -> str | None:
    """The banner of a page with ``fields`` at ``now`` (None: nothing to say). ``link``:
    (href relative to the page, title) of the replacing page when it is repealed."""
    lines: list[str] = []
    if lifecycle.repealed_by_of(fields) is not None:
        text = msg("site_banner_repealed_text") if link else msg("site_banner_repealed_nolink")
        lines.append(_line("repealed", say(msg("site_banner_repealed"), lang), say(text, lang), link))
    elif lifecycle.validity(fields, now) == lifecycle.INVALID:
        until = lifecycle.valid_until_of(fields)
        assert until is not None
        text = say(msg("site_banner_invalid_text", date=until.isoformat()), lang)
        lines.append(_line("invalid", say(msg("site_banner_invalid"), lang), text))
    if lifecycle.expired(fields, now):
        end = lifecycle.end_of(fields)
        assert end is not None
        text = say(msg("site_banner_expired_text", end=lifecycle.shown(end)), lang)
        lines.append(_line("expired", say(msg("site_banner_expired"), lang), text))
    if not lines:
        return None
    return f'<div class="{BANNER_CLASS}" {SEARCH_EXCLUDE}>\n{"".join(lines)}</div>\n'
