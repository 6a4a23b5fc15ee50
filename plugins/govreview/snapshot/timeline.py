"""What the build clock does to a judgement (scheduled, expired, banners): one plan,
computed once from the approved pages and ``now``, read by staging, the build summary,
the report and ``govreview lifecycle``. The decisions are :mod:`..core.lifecycle`'s.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

from ..banners import banner_html
from ..core import lifecycle
from ..core.verdict import PAGE, Verdict
from ..messages import Message, msg
from ..site_config import yaml_values
from .judge import JudgedFile, Judgement


@dataclass
class Plan:
    now: dt.datetime
    scheduled: dict[str, dt.datetime] = field(default_factory=dict)  # repository path -> when it becomes public
    unlisted: dict[str, str] = field(default_factory=dict)  # repository path -> why (lifecycle.EXPIRED)
    banners: dict[str, str] = field(default_factory=dict)  # repository path -> banner HTML
    #: repealed pages whose ``repealed_by`` names no published page: (repository path, value)
    broken_repeals: list[tuple[str, str]] = field(default_factory=list)


def _config_value(judgement: Judgement, key: str) -> object:
    text = judgement.source.text(judgement.settings.config)
    values = yaml_values(text) if text is not None else None
    return values.get(key) if isinstance(values, dict) else None


def directory_urls(judgement: Judgement) -> bool:
    """``use_directory_urls`` as the configuration writes it (MkDocs' default: true)."""
    return _config_value(judgement, "use_directory_urls") is not False


def site_url(judgement: Judgement) -> str | None:
    """``site_url`` as the configuration writes it (the sitemap's addresses start with it)."""
    value = _config_value(judgement, "site_url")
    return value if isinstance(value, str) and value.strip() else None


def public_from(verdict: Verdict) -> Verdict:
    """``verdict`` with the time its page went public: a scheduled page merged before its
    ``start`` was public only from then, so its 发布日期 and its place in listings never say
    earlier (a publication date is never backdated)."""
    start = lifecycle.start_of(verdict.fields)
    if start is None or verdict.merged_at is None or start <= verdict.merged_at:
        return verdict
    return replace(verdict, merged_at=start)


def public_pages(judgement: Judgement, now: dt.datetime) -> dict[str, JudgedFile]:
    """Approved pages public at ``now`` (docs path -> file): scheduled ones are not."""
    return {f.rel: f for f in judgement.published() if f.in_docs and f.kind == PAGE and lifecycle.scheduled(f.verdict.fields, now) is None}


def plan(judgement: Judgement, now: dt.datetime) -> Plan:
    out = Plan(now)
    pages = public_pages(judgement, now)
    dir_urls = directory_urls(judgement)
    for f in judgement.published():
        if not f.in_docs or f.kind != PAGE:
            continue
        fields = f.verdict.fields
        when = lifecycle.scheduled(fields, now)
        if when is not None:
            out.scheduled[f.entry.path] = when
            continue
        if lifecycle.expired(fields, now):
            out.unlisted[f.entry.path] = lifecycle.EXPIRED
        link = None
        value = lifecycle.repealed_by_of(fields)
        if value is not None:
            target = lifecycle.repeal_target(f.rel, value, pages)
            if target is None:
                out.broken_repeals.append((f.entry.path, value))
            elif target.url is not None:
                link = (target.url, target.url)
            elif target.path is not None:
                title = pages[target.path].verdict.fields.get("title")
                shown = title if isinstance(title, str) and title.strip() else target.path
                link = (lifecycle.relative_url(f.rel, target.path, dir_urls), shown)
        banner = banner_html(fields, now, judgement.settings.lang, link)
        if banner is not None:
            out.banners[f.entry.path] = banner
    return out


def warnings(judgement: Judgement, the_plan: Plan) -> list[Message]:
    """What ``govreview check`` warns about: a repealed page whose replacement is not a
    published page (R-43)."""
    return [msg("lifecycle_repeal_target_missing", path=path, target=value) for path, value in the_plan.broken_repeals]
