"""What the public site shows of a page's life after publication (R-44). No I/O.

* A withdrawn page (its approved version sets ``withdrawal_reason``) is built at its old
  address as a notice: its title, when it was first published, when it was withdrawn and
  the public reason — nothing of its body. It is unlisted (``"withdrawn"``): column
  listings and the home page leave it out.
* A corrected page shows a 更正说明 block: every public note of the archive's correction
  records, with its date, newest first.

The same functions serve the plugin (in memory) and ``govreview stage`` (as files in the
approved snapshot), like :mod:`govreview.sitepages`.
"""

from __future__ import annotations

import html
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from .core.corrections import WITHDRAWAL_REASON, is_withdrawal, text_of
from .core.verdict import PAGE, Verdict
from .messages import msg, say
from .published import AfterPublication
from .timefmt import shanghai

#: Why a page is left out of listings (the manifest's ``unlisted``).
WITHDRAWN = "withdrawn"


@dataclass(frozen=True)
class Notice:
    """A withdrawal notice: what the public reads at a withdrawn page's address."""

    title: str
    published: datetime | None
    withdrawn: datetime | None
    reason: str


def _day(moment: datetime | None) -> str:
    return shanghai(moment).strftime("%Y-%m-%d") if moment is not None else "—"


def _title(path: str, verdict: Verdict) -> str:
    title = verdict.fields.get("title")
    return title.strip() if isinstance(title, str) and title.strip() else path.rsplit("/", 1)[-1].rsplit(".", 1)[0]


def withdrawal_notice(path: str, repo_path: str, verdict: Verdict, after: AfterPublication | None) -> Notice | None:
    """The notice of an approved withdrawn page (None: the page is not withdrawn). 发布日期 from
    the archive's first publication of the path; the date withdrawn from its withdrawal record
    (until the archive has one, the merge of the withdrawal)."""
    if verdict.kind != PAGE or not verdict.approved or not is_withdrawal(verdict.fields):
        return None
    reason = text_of(verdict.fields, WITHDRAWAL_REASON) or ""
    first = after.first_published(repo_path) if after is not None else None
    withdrawn = after.withdrawn_at(repo_path, verdict.pull) if after is not None else None
    return Notice(_title(path, verdict), first, withdrawn or verdict.merged_at, reason)


def notice_markdown(notice: Notice, lang: str) -> str:
    """The notice as a page body: a heading, then a block (HTML, nothing for Markdown to read)."""
    rows = (
        (msg("site_label_date_published"), _day(notice.published)),
        (msg("site_label_date_withdrawn"), _day(notice.withdrawn)),
        (msg("site_label_withdrawal_reason"), notice.reason),
    )
    cells = "".join(f"<tr><th>{html.escape(say(label, lang))}</th><td>{html.escape(value)}</td></tr>" for label, value in rows)
    head = html.escape(say(msg("site_withdrawn_head"), lang))
    title = notice.title.replace("\n", " ")
    return (
        f"# {_escape_heading(title)}\n\n"
        f'<div class="govreview-withdrawal">\n<p><strong>{head}</strong></p>\n<table>\n<tbody>{cells}</tbody>\n</table>\n</div>\n'
    )


def notice_file(notice: Notice, lang: str) -> bytes:
    """The notice as a whole page file (its front matter holds only the title)."""
    return ("---\ntitle: " + json.dumps(notice.title, ensure_ascii=False) + "\n---\n\n" + notice_markdown(notice, lang)).encode("utf-8")


def _escape_heading(text: str) -> str:
    """A title as the text of a Markdown heading: characters Markdown would read are escaped."""
    return html.escape(text).replace("*", "&#42;").replace("_", "&#95;").replace("`", "&#96;").replace("[", "&#91;").replace("#", "&#35;")


def corrections_html(notes: Sequence[tuple[datetime, str]], lang: str) -> str:
    """The 更正说明 block: each public note with its date, newest first (as given). Empty: none."""
    if not notes:
        return ""
    head = html.escape(say(msg("site_corrections_head"), lang))
    items = "".join(f"<li><time>{_day(at)}</time> {html.escape(note)}</li>" for at, note in notes)
    return f'<div class="govreview-corrections">\n<p><strong>{head}</strong></p>\n<ul>{items}</ul>\n</div>\n'


def corrections_of(repo_path: str, verdict: Verdict, after: AfterPublication | None) -> list[tuple[datetime, str]]:
    """The public correction notes an approved page shows (none for a withdrawn page)."""
    if after is None or verdict.kind != PAGE or not verdict.approved or is_withdrawal(verdict.fields):
        return []
    return after.notes(repo_path, verdict.merged_at)


def with_corrections(body: str, block: str) -> str:
    """The page's body with the 更正说明 block after it."""
    return body.rstrip("\n") + "\n\n" + block if block else body
