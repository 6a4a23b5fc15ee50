"""The ``disclosure`` section: the prefix of every 索引号, the 主题分类 (topics) with each
category's default, and units' full names as 发布机构 (guide/disclosure.md)::

    disclosure:
      index_prefix: 11420100MB1234567X
      topics: {"01": 综合政务, "02": 国防动员}
      category_topics: {news: "01", policy_doc: "02"}
      unit_names: {command: 江岸市人民防空指挥信息保障中心}
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..core.policy import Category, DisclosureRules, Unit
from ..messages import msg
from .reading import MAPPING, TEXT, Fields, Key, line_of_key
from .sections import Sections

KEYS = {
    "index_prefix": Key(TEXT),
    "topics": Key(MAPPING),
    "category_topics": Key(MAPPING),
    "unit_names": Key(MAPPING),
}


def read_disclosure(s: Sections, categories: Mapping[str, Category], units: Mapping[str, Unit]) -> DisclosureRules:
    if "disclosure" not in s:
        return DisclosureRules()
    reader, value, line = s.section("disclosure")
    f = reader.mapping(value, line, "disclosure", KEYS)
    if f is None:
        return DisclosureRules()
    prefix = f["index_prefix"].strip() if isinstance(f["index_prefix"], str) and f["index_prefix"].strip() else None
    if prefix is not None and any(c.isspace() or c == "/" for c in prefix):
        f.fail("index_prefix", msg("policy.disclosure_bad_prefix", value=prefix))
        prefix = None
    topics = _texts(f, "topics", None)
    by_category = _texts(f, "category_topics", set(categories) | set(s.known("categories")))
    for category, code in list(by_category.items()):
        if code not in topics:
            where = line_of_key(f["category_topics"], category) or f.at("category_topics")
            f.reader.fail(where, msg("policy.disclosure_unknown_topic", category=category, topic=code, known=sorted(topics)))
            del by_category[category]
    names = _texts(f, "unit_names", set(units) | set(s.known("units")))
    return DisclosureRules(prefix, topics, by_category, names)


def _texts(f: Fields, key: str, known: set[str] | None) -> dict[str, str]:
    """A mapping of texts (``known``: the ids its keys must be); each mistake reported at its line."""
    node: Any = f[key]
    out: dict[str, str] = {}
    if node is None:
        return out
    for k, v in node.items():
        where = line_of_key(node, k) or f.at(key)
        if known is not None and str(k) not in known:
            f.reader.fail(where, msg("policy.disclosure_unknown_id", what=f"disclosure.{key}", name=str(k), known=sorted(known)))
        elif not isinstance(v, (str, int)) or isinstance(v, bool) or not str(v).strip():
            f.reader.fail(where, msg("policy.need_text", what=f"disclosure.{key}.{k}"))
        else:
            out[str(k)] = str(v).strip()
    return out
