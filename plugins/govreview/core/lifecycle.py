"""The life of a published item in time (R-43, scheduled publishing). Pure: every answer
depends on the page's fields and ``now``, an aware datetime the caller passes (the build
clock, ``govreview build --now``); nothing here reads the system clock.

Fields (front matter), all in China time:

* ``start``: from this moment on the item is public; before it, it is not in the
  snapshot at all (scheduled). ``2026-12-05`` means 00:00 that day; ``2026-12-05 09:30``
  that minute.
* ``end``: from this moment on the item is expired: still built at its address with a
  已过期 banner, left out of listings, search and the sitemap.
* ``valid_until`` (a date): the document is in force through that day; from the next
  day on it is 已失效.
* ``repealed_by``: what replaced a repealed document (docs-relative path or URL): 已废止.

A value that cannot be read is a problem that blocks the page (:func:`problems`), never
ignored; the functions answering questions about time read only well-formed values.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from .verdict import Reason

R_CLEANUP = "R-43"
R_PREVIEW = "R-32"
CHINA = dt.timezone(dt.timedelta(hours=8))

START, END, VALID_UNTIL, REPEALED_BY = "start", "end", "valid_until", "repealed_by"

#: What :func:`validity` answers (the disclosure block's 有效性).
VALID, INVALID, REPEALED = "有效", "已失效", "已废止"
#: Why a page is built but not listed (the manifest's ``unlisted``).
EXPIRED = "expired"

_MOMENT_RE = re.compile(
    r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
    r"(?:(?:\s+|T)(\d{1,2})\s*[:：]\s*(\d{2})(?:\s*[:：]\s*(\d{2}))?)?\s*$"
)


def parse_moment(value: object) -> dt.datetime | None:
    """A ``start``/``end`` value as an aware datetime: a date is 00:00 that day in China; a
    time without a zone is China time; None when it is neither."""
    if isinstance(value, dt.datetime):
        return value if value.tzinfo is not None else value.replace(tzinfo=CHINA)
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day, tzinfo=CHINA)
    if not isinstance(value, str):
        return None
    m = _MOMENT_RE.match(value)
    if m is None:
        return None
    try:
        return dt.datetime(int(m[1]), int(m[2]), int(m[3]), int(m[4] or 0), int(m[5] or 0), int(m[6] or 0), tzinfo=CHINA)
    except ValueError:
        return None


def parse_day(value: object) -> dt.date | None:
    """A ``valid_until`` value: a date (a moment counts by its day in China)."""
    if isinstance(value, dt.datetime):
        return value.astimezone(CHINA).date() if value.tzinfo else value.date()
    if isinstance(value, dt.date):
        return value
    moment = parse_moment(value) if isinstance(value, str) and ":" not in value and "：" not in value else None
    return moment.date() if moment is not None else None


def problems(fields: Mapping[str, object], line: Callable[[str], int | None]) -> list[Reason]:
    """Everything wrong with the page's time fields; each blocks the page with its line."""
    out: list[Reason] = []
    moments: dict[str, dt.datetime] = {}
    for name in (START, END):
        value = fields.get(name)
        if value is None:
            continue
        moment = parse_moment(value)
        if moment is None:
            rule = R_CLEANUP if name == END else None
            out.append(Reason("lifecycle_bad_time", rule, {"field": name, "value": str(value)}, line(name)))
        else:
            moments[name] = moment
    if START in moments and END in moments and moments[END] <= moments[START]:
        params = {"start": shown(moments[START]), "end": shown(moments[END])}
        out.append(Reason("lifecycle_end_before_start", R_CLEANUP, params, line(END)))
    value = fields.get(VALID_UNTIL)
    if value is not None and parse_day(value) is None:
        out.append(Reason("field_type", R_CLEANUP, {"field": VALID_UNTIL, "expected": "date"}, line(VALID_UNTIL)))
    value = fields.get(REPEALED_BY)
    if value is not None and not (isinstance(value, str) and value.strip()):
        out.append(Reason("field_type", R_CLEANUP, {"field": REPEALED_BY, "expected": "text"}, line(REPEALED_BY)))
    return out


def shown(moment: dt.datetime) -> str:
    """A moment as the site and the reports say it: China time, the day alone at midnight."""
    local = moment.astimezone(CHINA)
    return local.strftime("%Y-%m-%d") if (local.hour, local.minute, local.second) == (0, 0, 0) else local.strftime("%Y-%m-%d %H:%M")


def start_of(fields: Mapping[str, object]) -> dt.datetime | None:
    return parse_moment(fields.get(START))


def end_of(fields: Mapping[str, object]) -> dt.datetime | None:
    return parse_moment(fields.get(END))


def valid_until_of(fields: Mapping[str, object]) -> dt.date | None:
    return parse_day(fields.get(VALID_UNTIL))


def repealed_by_of(fields: Mapping[str, object]) -> str | None:
    value = fields.get(REPEALED_BY)
    return value.strip() if isinstance(value, str) and value.strip() else None


def _aware(now: dt.datetime) -> dt.datetime:
    if now.tzinfo is None:
        raise ValueError("now must be an aware datetime")
    return now


def scheduled(fields: Mapping[str, object], now: dt.datetime) -> dt.datetime | None:
    """When the item becomes public, if that is still to come at ``now``; else None."""
    start = start_of(fields)
    return start if start is not None and _aware(now) < start else None


def expired(fields: Mapping[str, object], now: dt.datetime) -> bool:
    """Past its display window's end at ``now``."""
    end = end_of(fields)
    return end is not None and _aware(now) >= end


def validity(fields: Mapping[str, object], now: dt.datetime) -> str:
    """有效, 已失效 (past ``valid_until``, counted in China days) or 已废止 (``repealed_by``)."""
    if repealed_by_of(fields) is not None:
        return REPEALED
    until = valid_until_of(fields)
    if until is not None and _aware(now).astimezone(CHINA).date() > until:
        return INVALID
    return VALID


def stated_validity(fields: Mapping[str, object], now: dt.datetime) -> str | None:
    """The document's 有效性 where its page states one (``valid_until`` or ``repealed_by``);
    None where it says neither (the disclosure block then decides what to show)."""
    if repealed_by_of(fields) is None and valid_until_of(fields) is None:
        return None
    return validity(fields, now)


def publication_day(day: dt.date, fields: Mapping[str, object]) -> dt.date:
    """The China day an item becomes public when it merges (or is judged) on ``day``: a later
    ``start`` moves it. Deadlines counted to an event (R-32) are measured from this day."""
    start = start_of(fields)
    return max(day, start.astimezone(CHINA).date()) if start is not None else day


@dataclass(frozen=True)
class Target:
    """Where ``repealed_by`` points: a docs path of the site, or a URL."""

    path: str | None = None  # docs-relative .md path
    url: str | None = None


def repeal_target(page: str, value: str, pages: Mapping[str, object]) -> Target | None:
    """The replacing page of ``page`` (docs-relative): ``value`` as a URL, as a docs-relative
    path (with or without a leading /), or relative to ``page``; None when it names no page
    in ``pages`` (docs paths of published pages)."""
    text = value.strip()
    if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*://", text):
        return Target(url=text)
    base = text.split("#", 1)[0]
    candidates = [base.lstrip("/")]
    if not base.startswith("/"):
        folder = page.rsplit("/", 1)[0] if "/" in page else ""
        candidates.append(_normalise(f"{folder}/{base}" if folder else base))
    for candidate in candidates:
        for path in (candidate, candidate.rstrip("/") + ".md", candidate.rstrip("/") + "/index.md"):
            if path in pages:
                return Target(path=path)
    return None


def _normalise(path: str) -> str:
    parts: list[str] = []
    for part in path.split("/"):
        if part in ("", "."):
            continue
        if part == "..":
            if parts:
                parts.pop()
            continue
        parts.append(part)
    return "/".join(parts)


def page_url(path: str, directory_urls: bool = True) -> str:
    """The site-relative URL MkDocs (and Zensical) give the docs path ``path``."""
    stem = path[:-3] if path.endswith(".md") else path
    name = stem.rsplit("/", 1)[-1]
    folder = stem[: -len(name)]
    if name in ("index", "README"):
        return folder
    return f"{stem}/" if directory_urls else f"{stem}.html"


def relative_url(source: str, target: str, directory_urls: bool = True) -> str:
    """The link from the built page of docs path ``source`` to that of ``target``."""
    here = page_url(source, directory_urls)
    there = page_url(target, directory_urls)
    start = [p for p in here.split("/")[:-1] if p]
    goal = there.split("/")
    common = 0
    while common < min(len(start), len(goal) - 1) and start[common] == goal[common]:
        common += 1
    link = "/".join([".."] * (len(start) - common) + goal[common:])
    return link or "./"
