"""Decap CMS's ``config.yml`` from a policy (pure: no I/O).

One folder collection per column (``docs/<column>``), the fields a page of the column's
category needs: title, date, author, every ``required_fields`` entry (required), the
fields the category's escalations, conditional steps and deadlines read, every field the
policy declares (``fields``), its ``choices`` as a select, ``unit`` limited to the
column's units (R-04 and the column rules: a page cannot borrow another unit's chain),
then the body. A new column or field in the policy is a new collection or field here:
nobody edits the CMS configuration by hand.

Publishing stays with the website office (R-04): ``publish_mode: editorial_workflow``
makes every save a pull request; the merge is the office's (the branch ruleset).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from ..core.application import WORKFLOW_LABEL_PREFIX
from ..core.page import FIELD_ALIASES
from ..core.policy import ROOT_COLUMN, Category, Column, Policy, Step

#: Decap's GitHub backend on github.com; GitHub Enterprise Server answers at https://HOST/api/v3.
GITHUB_API = "https://api.github.com"

#: Page-model fields and the widget each needs (anything else is a line of text).
_DATES = ("date", "published", "event_date", "asked_on", "valid_until")
_TEXTS = ("extension_reason", "no_interpretation_reason", "correction_note", "withdrawal_reason")
_BOOLEANS = ("leader_instruction",)
_LISTS = ("channels",)
#: Chinese names of the page-model fields: the first alias of each (经办人 for author).
_NAMES: dict[str, str] = {}
for _alias, _id in FIELD_ALIASES.items():
    _NAMES.setdefault(_id, _alias)
#: Always asked, in this order, before the category's own fields.
_FIRST = ("title", "date", "author")
#: Written by the column (category, unit) or by the office (the others), not asked as plain fields.
_NOT_ASKED = ("title", "category", "unit", "body")


@dataclass(frozen=True)
class Backend:
    """Where the editors' browsers find the repository: ``repo`` is OWNER/NAME, ``api_root``
    GitHub's API (``https://HOST/api/v3`` on GitHub Enterprise Server), ``auth_url`` the OAuth
    relay that holds the client secret and ``auth_endpoint`` its path."""

    repo: str
    auth_url: str
    branch: str = "main"
    api_root: str = GITHUB_API
    auth_endpoint: str = "auth"


def collection_name(column: Column) -> str:
    """A column's collection name in Decap (a URL segment): ``news``, ``home`` for ``.``,
    ``a__b`` for the nested column ``a/b``."""
    return "home" if column.path == ROOT_COLUMN else column.path.replace("/", "__")


def decap_config(policy: Policy, docs_dir: str, backend: Backend) -> dict[str, Any]:
    """Decap CMS's configuration for the site whose pages are in ``docs_dir`` (repository-relative)."""
    backend_config: dict[str, Any] = {
        "name": "github",
        "repo": backend.repo,
        "branch": backend.branch,
        "api_root": backend.api_root.rstrip("/"),
        "base_url": backend.auth_url.rstrip("/"),
        "auth_endpoint": backend.auth_endpoint.strip("/"),
        # The status labels the PR check reads "submitted for review" from: stated, not defaulted.
        "cms_label_prefix": WORKFLOW_LABEL_PREFIX,
    }
    return {
        "backend": backend_config,
        "publish_mode": "editorial_workflow",
        "locale": "zh_Hans",
        # Attachments go next to the page (each collection's media_folder ''): the column's chain judges them.
        "media_folder": docs_dir,
        "public_folder": "/",
        "slug": {"encoding": "unicode", "clean_accents": False, "sanitize_replacement": "-"},
        "show_preview_links": False,
        "collections": [_collection(policy, docs_dir, column) for column in policy.columns.values()],
    }


def _collection(policy: Policy, docs_dir: str, column: Column) -> dict[str, Any]:
    category = policy.categories[column.category]
    folder = docs_dir if column.path == ROOT_COLUMN else f"{docs_dir}/{column.path}"
    return {
        "name": collection_name(column),
        "label": column.name,
        "label_singular": category.name,
        "description": f"{column.name}：{category.name}（{category.id}），{policy.units[column.unit].name}",
        "folder": folder,
        "create": True,
        "extension": "md",
        "format": "frontmatter",
        "slug": "{{year}}-{{month}}-{{day}}-{{slug}}",
        "identifier_field": "title",
        "summary": "{{title}}（{{date}}）",
        "media_folder": "",
        "public_folder": "",
        "fields": list(_fields(policy, column, category)),
    }


def _fields(policy: Policy, column: Column, category: Category) -> Iterator[dict[str, Any]]:
    required = dict(category.required_fields)
    types = _declared_types(policy)
    asked = [*_FIRST, *required, *_read_by(category), *policy.fields, *policy.field_rules]
    seen: set[str] = set()
    for name in asked:
        if name in seen or (name in _NOT_ASKED and name != "title"):
            continue
        seen.add(name)
        yield _field(policy, name, name in _FIRST or name in required, required.get(name), types.get(name))
    units = [column.unit, *(u for u in column.units if u != column.unit)]
    if len(units) > 1:
        options = [{"label": policy.units[u].name, "value": u} for u in units]
        yield {"name": "unit", "label": "单位", "widget": "select", "options": options, "default": column.unit, "required": True}
    else:
        yield {"name": "unit", "label": "单位", "widget": "hidden", "default": column.unit}
    if len(column.categories) > 1:
        options = [{"label": policy.categories[c].name, "value": c} for c in column.categories]
        yield {"name": "category", "label": "类别", "widget": "select", "options": options, "default": column.category, "required": True}
    if policy.disclosure.topics:
        options = [{"label": name, "value": code} for code, name in policy.disclosure.topics.items()]
        yield {"name": "topic", "label": "主题分类", "widget": "select", "options": options, "required": False}
    if "correction_note" not in seen:
        # an edit of a published page carries a new public 更正说明 (unless the office calls it minor).
        yield {**_field(policy, "correction_note", False, "R-44", None), "hint": "修改已发布的信息时填写新的更正说明；依据 R-44"}
    yield {"name": "body", "label": "正文", "widget": "markdown", "required": True}


def _read_by(category: Category) -> Iterator[str]:
    """Fields the category's chain and deadlines read: escalations, conditional steps,
    deadlines (their dates, extension reasons and conditions), the interpretation rule."""
    for escalation in category.escalations:
        yield escalation.field
    for step in _steps(category):
        if step.when is not None:
            yield step.when.field
        if step.unit_field is not None:
            yield step.unit_field
    for deadline in category.deadlines:
        yield deadline.field
        if deadline.extension_field:
            yield deadline.extension_field
        if deadline.when is not None:
            yield deadline.when[0]
    if category.needs_interpretation is not None:
        yield category.needs_interpretation.explanation_field


def _steps(category: Category) -> Iterator[Step]:
    yield from category.steps
    for escalation in category.escalations:
        yield from escalation.steps


def _declared_types(policy: Policy) -> dict[str, str]:
    """Widgets for fields the policy declares, from how its rules use them: compared with
    true/false somewhere → boolean; a date order or a deadline's start → date."""
    types: dict[str, str] = {}
    for category in policy.categories.values():
        for escalation in category.escalations:
            if isinstance(escalation.equals, bool):
                types[escalation.field] = "boolean"
        for step in _steps(category):
            if step.when is not None and isinstance(step.when.equals, bool):
                types[step.when.field] = "boolean"
        for deadline in category.deadlines:
            types[deadline.field] = "date"
    for rule in policy.field_rules.values():
        if rule.not_before is not None:
            types[rule.field] = "date"
            types[rule.not_before] = "date"
    return types


def _field(policy: Policy, name: str, required: bool, rule: str | None, declared_type: str | None) -> dict[str, Any]:
    label = policy.fields.get(name) or _NAMES.get(name, name)
    field: dict[str, Any] = {"name": name, "label": label, "required": required}
    hints: list[str] = []
    field_rule = policy.field_rules.get(name)
    if field_rule is not None and field_rule.choices:
        field["widget"] = "select"
        field["options"] = [c if isinstance(c, str | int | float) and not isinstance(c, bool) else str(c) for c in field_rule.choices]
        if field_rule.never_publish:
            hints.append("取值为 " + "、".join(map(str, field_rule.never_publish)) + " 的信息一律不发布")
    else:
        field.update(_widget(name, declared_type))
    if field_rule is not None and field_rule.required_when is not None:
        other, values = field_rule.required_when
        hints.append(f"{policy.fields.get(other) or _NAMES.get(other, other)}为 " + "、".join(map(str, values)) + " 时必填")
    for rule_id in (rule, field_rule.rule if field_rule else None):
        if rule_id:
            hints.append(f"依据 {rule_id}")
    if hints:
        field["hint"] = "；".join(dict.fromkeys(hints))
    return field


def _widget(name: str, declared_type: str | None) -> Mapping[str, Any]:
    if name in _DATES or declared_type == "date":
        return {"widget": "datetime", "format": "YYYY-MM-DD", "date_format": "YYYY-MM-DD", "time_format": False}
    if name in _BOOLEANS or declared_type == "boolean":
        return {"widget": "boolean"}
    if name in _LISTS:
        return {"widget": "list"}
    if name in _TEXTS:
        return {"widget": "text"}
    return {"widget": "string"}
