"""The page model: a file under docs/ as the gate sees it, and its front matter
checked against a policy (pure: the shell reads files, this only judges data).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from . import lifecycle
from .findings import Content
from .memo import IdentityMemo
from .policy import POLICY_CATEGORY, Category, Column, Policy, Unit
from .verdict import ATTACHMENT, PAGE, Reason

#: Chinese spellings editors may use for the common front-matter keys.
FIELD_ALIASES: Mapping[str, str] = {
    "标题": "title",
    "类别": "category",
    "信息类别": "category",
    "单位": "unit",
    "发布机构": "unit",
    "经办人": "author",
    "成文日期": "date",
    "文号": "doc_no",
    "同步发布": "channels",
    "来源": "source",
    "原文链接": "source_url",
    "原作者": "source_author",
    "领导批示": "leader_instruction",
    "发布日期": "published",
    "活动日期": "event_date",
    "开始时间": "start",
    "结束时间": "end",
    "有效期至": "valid_until",
    "替代文件": "repealed_by",
    "留言日期": "asked_on",
    "延期理由": "extension_reason",
    "解读对象": "interprets",
    "不解读理由": "no_interpretation_reason",
    "主题分类": "topic",
    "更正说明": "correction_note",
    "撤稿理由": "withdrawal_reason",
}

CHINA = dt.timezone(dt.timedelta(hours=8))
_STRING_FIELDS = (
    "title",
    "category",
    "unit",
    "author",
    "doc_no",
    "source",
    "source_url",
    "source_author",
    "correction_note",
    "withdrawal_reason",
)
_DATE_RE = re.compile(r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*$")


@dataclass(frozen=True)
class SourceFile:
    """A file under docs/ as read from disk by the shell.

    ``meta`` is the front matter as MkDocs reads it (None when it could not be
    read: ``problem`` then says why); ``lines`` maps each key to its line.
    """

    path: str
    repo_path: str
    blob: str
    kind: str
    meta: Mapping[str, object] | None = None
    lines: Mapping[str, int] = field(default_factory=dict)
    problem: Reason | None = None
    content: Content | None = None  # what screening reads; None: nothing to screen


@dataclass(frozen=True)
class PageInfo:
    title: str | None
    category: Category
    unit: Unit
    column: Column | None
    fields: Mapping[str, object]


def declared_aliases(declared: Mapping[str, str]) -> dict[str, str]:
    """The display names of a policy's declared fields (``fields``: id -> 名称) as spellings of
    their ids: a page may write ``是否涉密: 是`` for ``classified: 是``. A name that is already a
    page-model spelling (来源) or another field's id keeps that meaning."""
    ids = {*declared, *FIELD_ALIASES, *FIELD_ALIASES.values()}  # a name that is also an id stays that id
    return {name: fid for fid, name in declared.items() if name and name not in ids}


#: A policy's declared aliases, worked out once per ``fields`` mapping (by identity), not per page.
_ALIASES: IdentityMemo[dict[str, str]] = IdentityMemo(64)


def _canonical(key: str, aliases: Mapping[str, str]) -> str:
    return FIELD_ALIASES.get(key) or aliases.get(key, key)


def canonical_fields(
    meta: Mapping[str, object], lines: Mapping[str, int], declared: Mapping[str, str] | None = None
) -> tuple[dict[str, object], list[Reason]]:
    """Front matter with Chinese keys mapped to their canonical names: the page model's own
    spellings, and the display names of the fields the policy ``declared`` (id -> 名称).

    A key given twice (``title`` and ``标题``, ``classified`` and ``是否涉密``) is ambiguous and blocks.
    """
    aliases = _ALIASES.get((declared,), lambda: declared_aliases(declared)) if declared else {}
    out: dict[str, object] = {}
    reasons: list[Reason] = []
    origin: dict[str, str] = {}
    for key, value in meta.items():
        name = _canonical(str(key), aliases)
        if name in out:
            reasons.append(Reason("field_conflict", params={"field": name, "first": origin[name], "second": key}, line=lines.get(str(key))))
            continue
        out[name] = value
        origin[name] = str(key)
    return out, reasons


def parse_date(value: object) -> dt.date | None:
    """A 成文日期 as YAML gives it: a date, or text like 2025-03-01 / 2025年3月1日."""
    if isinstance(value, dt.datetime):
        # A time with a zone is a moment: its date is the date in China (UTC+8).
        return value.astimezone(CHINA).date() if value.tzinfo else value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        m = _DATE_RE.match(value)
        if m:
            try:
                return dt.date(int(m[1]), int(m[2]), int(m[3]))
            except ValueError:
                return None
    return None


def _line(lines: Mapping[str, int], meta: Mapping[str, object], name: str, declared: Mapping[str, str] | None = None) -> int | None:
    aliases = declared_aliases(declared or {})
    for key in meta:
        if _canonical(str(key), aliases) == name:
            return lines.get(str(key))
    return None


def _present(value: object) -> bool:
    if value is None:
        return False
    if isinstance(value, str | list | dict | tuple):
        return bool(value.strip() if isinstance(value, str) else value)
    return True


def _named(name: str, ident: str) -> str:
    return f"{name}（{ident}）" if name != ident else ident


def choosable_categories(policy: Policy, column: Column | None) -> list[str]:
    """The categories a page in ``column`` may write, as editors know them: 工作动态（news）.
    Never ``policy`` (rules and site configuration, not information)."""
    return [
        _named(c.name, c.id)
        for c in policy.categories.values()
        if c.id != POLICY_CATEGORY and (column is None or not column.categories or c.id in column.categories)
    ]


def choosable_units(policy: Policy) -> list[str]:
    """The units a page may write, as editors know them: 办公室（office）."""
    return [_named(u.name, u.id) for u in policy.units.values()]


def resolve_page(source: SourceFile, policy: Policy) -> tuple[PageInfo | None, list[Reason]]:
    """Category, unit and checked fields of a page or attachment under ``policy``.

    Returns the page info (None when category or unit cannot be known) and every
    problem found. A problem reading the front matter is never papered over with
    the column's defaults.
    """
    if source.problem is not None:
        return None, [source.problem]
    column = policy.column_of(source.path)
    if source.kind == ATTACHMENT or source.meta is None:
        meta: dict[str, object] = {}
        reasons: list[Reason] = []
    else:
        meta, reasons = canonical_fields(source.meta, source.lines, policy.fields)

    def line(name: str) -> int | None:
        return _line(source.lines, source.meta or {}, name, policy.fields)

    for name in _STRING_FIELDS:
        if name in meta and meta[name] is not None and not isinstance(meta[name], str):
            reasons.append(Reason("field_type", params={"field": name, "expected": "text"}, line=line(name)))

    category: Category | None = None
    raw_category = meta.get("category")
    if isinstance(raw_category, str) and raw_category.strip():
        category = policy.find_category(raw_category.strip())
        if category is None:
            reasons.append(
                Reason(
                    "unknown_category", params={"value": raw_category, "known": choosable_categories(policy, column)}, line=line("category")
                )
            )
    elif column is not None:
        category = policy.categories.get(column.category)
    else:
        reasons.append(Reason("no_column", params={"path": source.path}))

    unit: Unit | None = None
    raw_unit = meta.get("unit")
    if isinstance(raw_unit, str) and raw_unit.strip():
        unit = policy.find_unit(raw_unit.strip())
        if unit is None:
            reasons.append(Reason("unknown_unit", params={"value": raw_unit, "known": choosable_units(policy)}, line=line("unit")))
    elif column is not None:
        unit = policy.units.get(column.unit)
    elif not reasons:
        reasons.append(Reason("no_column", params={"path": source.path}))

    if source.kind == PAGE:
        title = meta.get("title")
        if not _present(title):
            reasons.append(Reason("field_missing", params={"field": "title"}))
        if "date" in meta and parse_date(meta["date"]) is None:
            reasons.append(Reason("field_type", params={"field": "date", "expected": "date"}, line=line("date")))
        reasons.extend(lifecycle.problems(meta, line))  # start, end, valid_until, repealed_by
        channels = meta.get("channels")
        if channels is not None and not (isinstance(channels, list) and all(isinstance(c, str) for c in channels)):
            reasons.append(Reason("field_type", params={"field": "channels", "expected": "list"}, line=line("channels")))
        if category is not None:
            typed: set[str] = set()  # a field read by two escalations is said wrong once
            for esc in category.escalations:
                # A trigger written in another type ("是", "yes" in quotes) must not silently skip the escalation.
                value = meta.get(esc.field)
                wrong = value is not None and type(value) is not type(esc.equals) and not policy.has_choices(esc.field)
                if wrong and esc.field not in typed:
                    typed.add(esc.field)
                    expected = "boolean" if isinstance(esc.equals, bool) else type(esc.equals).__name__
                    reasons.append(Reason("field_type", esc.rule, {"field": esc.field, "expected": expected}, line=line(esc.field)))
            for name, rule in category.required_fields.items():
                if not _present(meta.get(name)):
                    reasons.append(Reason("field_missing", rule=rule, params={"field": name, "category": category.name}))

    if category is not None and category.id == POLICY_CATEGORY:
        # The policy owners approve rules and templates, not published information.
        reasons.append(Reason("category_not_allowed", "R-02", {"value": category.id}, line=line("category")))
        category = None
    elif category is not None and column is not None and column.categories and category.id not in column.categories:
        allowed = list(column.categories)
        reasons.append(
            Reason("category_not_in_column", None, {"value": category.id, "column": column.name, "allowed": allowed}, line=line("category"))
        )
        category = None
    if unit is not None and column is not None and not column.allows_unit(unit.id):
        reasons.append(_unit_not_in_column(policy, column, unit, line("unit")))
        unit = None
    if category is None or unit is None:
        return None, reasons
    title_value = meta.get("title")
    info = PageInfo(
        title=title_value if isinstance(title_value, str) else None,
        category=category,
        unit=unit,
        column=column,
        fields=meta,
    )
    return info, reasons


def _unit_not_in_column(policy: Policy, column: Column, unit: Unit, line: int | None) -> Reason:
    """A column fixes its unit(s): a page there cannot pick another unit's chain."""
    allowed = [_named(policy.units[u].name, u) for u in (column.unit, *column.units) if u in policy.units]
    return Reason("unit_not_in_column", None, {"value": _named(unit.name, unit.id), "column": column.name, "allowed": allowed}, line=line)


def field_line(source: SourceFile, name: str, declared: Mapping[str, str] | None = None) -> int | None:
    """The line of front-matter field ``name`` (by its canonical name) in ``source``;
    ``declared``: the policy's declared fields, whose display names spell them too."""
    return _line(source.lines, source.meta or {}, name, declared)
