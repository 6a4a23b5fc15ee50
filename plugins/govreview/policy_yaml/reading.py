"""The one reading pattern of the policy language.

Every part of a policy is read the same way: the value must be a mapping; its keys
must be known (an unknown one is reported with the closest known key); required keys
must be there ("缺少 role"); each key's value is checked against its kind and converted;
every problem keeps the file and the line of the key it is about. Sections describe
their keys with :class:`Key` and get :class:`Fields` back.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from ruamel.yaml.comments import CommentedMap

from ..messages import Message, msg
from .problems import Report, closest

#: A converter's answer for a value of the wrong kind.
BAD: Any = object()

_RULE_ID = re.compile(r"R-\d{2}")


@dataclass(frozen=True)
class Kind:
    """What a value may be: ``read`` converts it (or answers BAD), ``code`` says what it must be."""

    code: str
    read: Callable[[Any], Any]


def _text(value: Any) -> Any:
    return value.strip() if isinstance(value, str) and value.strip() else BAD


def _label(value: Any) -> Any:
    """Text, or a number written where text is meant (a step id ``1``)."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return _text(value)


def _texts(value: Any) -> Any:
    if isinstance(value, str):
        value = [value]
    if isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value):
        return tuple(v.strip() for v in value)
    return BAD


def _numbers(value: Any) -> Any:
    """Text or list of text, whole numbers allowed (telephone numbers written bare)."""
    if isinstance(value, list):
        value = [str(v) if isinstance(v, int) and not isinstance(v, bool) else v for v in value]
    return _texts(value)


def _count(minimum: int) -> Callable[[Any], Any]:
    def read(value: Any) -> Any:
        ok = isinstance(value, int) and not isinstance(value, bool) and value >= minimum
        return value if ok else BAD

    return read


def _rule_id(value: Any) -> Any:
    return value.strip() if isinstance(value, str) and _RULE_ID.fullmatch(value.strip()) else BAD


TEXT = Kind("policy.need_text", _text)
LABEL = Kind("policy.need_text", _label)
TEXTS = Kind("policy.need_texts", _texts)
NUMBERS = Kind("policy.need_texts", _numbers)
FLAG = Kind("policy.need_flag", lambda v: v if isinstance(v, bool) else BAD)
POSITIVE = Kind("policy.need_positive", _count(1))
DAYS = Kind("policy.need_days", _count(0))
LIST = Kind("policy.need_list", lambda v: v if isinstance(v, list) else BAD)
STEPS = Kind("policy.need_steps", lambda v: v if isinstance(v, list) and v else BAD)
MAPPING = Kind("policy.need_mapping", lambda v: v if isinstance(v, CommentedMap) else BAD)
RULE_ID = Kind("policy.need_rule_id", _rule_id)
ANY = Kind("policy.need_text", lambda v: v)


@dataclass(frozen=True)
class Key:
    """One key of a mapping: its kind, whether it must be written, its default.
    ``blank_ok``: an empty value (``deadlines:`` with nothing after it) counts as not written."""

    kind: Kind
    required: bool = False
    default: Any = None
    blank_ok: bool = False


def line_of_key(node: Any, key: Any) -> int | None:
    try:
        return int(node.lc.key(key)[0]) + 1
    except (AttributeError, KeyError, TypeError):
        return None


def line_of_item(node: Any, index: int) -> int | None:
    try:
        return int(node.lc.item(index)[0]) + 1
    except (AttributeError, KeyError, TypeError, IndexError):
        return None


def colon_hint(value: Any) -> Message | None:
    """Why text may stand where a mapping was meant: ``name:测试`` (no space) or a Chinese colon."""
    if isinstance(value, str) and ("：" in value or re.search(r"\w:\S", value)):
        return msg("policy.hint_colon_space")
    return None


def key_hint(key: object, known: Iterable[str]) -> Message | None:
    """How to fix an unknown key: a full-width space or colon in it, else the closest known key."""
    text = str(key)
    if "\u3000" in text:
        return msg("policy.hint_fullwidth_space")
    if "：" in text:
        return msg("policy.hint_colon_space")
    return closest(text, known)


class Reader:
    """Reads the values of one policy file, reporting each problem at its file and line."""

    def __init__(self, report: Report, file: str) -> None:
        self.report = report
        self.file = file

    def fail(self, line: int | None, what: Message, hint: Message | None = None) -> None:
        self.report.add(self.file, line, what, hint)

    def value(self, value: Any, line: int | None, what: str, kind: Kind) -> Any:
        """One value of ``kind``, or None (reported) when it is not."""
        got = kind.read(value)
        if got is BAD:
            self.fail(line, msg(kind.code, what=what), colon_hint(value) if kind is MAPPING else None)
            return None
        return got

    def mapping(self, value: Any, line: int | None, what: str, keys: Mapping[str, Key]) -> Fields | None:
        """``value`` read as a mapping with ``keys``; None (reported) when it is no mapping."""
        if not isinstance(value, CommentedMap):
            self.fail(line, msg("policy.need_mapping", what=what), colon_hint(value))
            return None
        fields = Fields(self, value, what, line)
        for key in value:
            if key not in keys:
                self.fail(
                    line_of_key(value, key),
                    msg("policy.unknown_key", key=str(key), what=what, known=list(keys)),
                    key_hint(key, keys),
                )
        for key, spec in keys.items():
            if key not in value or (spec.blank_ok and value[key] is None):
                if spec.required:
                    self.fail(line, msg("policy.missing_key", key=key, path=f"{what}.{key}"))
                continue
            got = spec.kind.read(value[key])
            if got is BAD:
                fields.bad.add(key)
                self.fail(
                    fields.at(key), msg(spec.kind.code, what=f"{what}.{key}"), colon_hint(value[key]) if spec.kind is MAPPING else None
                )
            else:
                fields.values[key] = got
        for key, spec in keys.items():
            fields.defaults[key] = spec.default
        return fields

    def items(self, seq: Any) -> Iterator[tuple[int, Any, int | None]]:
        """The items of a list with their index and line."""
        for i, item in enumerate(seq or ()):
            yield i, item, line_of_item(seq, i)


@dataclass
class Fields:
    """A mapping read with its known keys: each well-typed value, and where each key is."""

    reader: Reader
    node: CommentedMap
    what: str
    line: int | None
    values: dict[str, Any] = field(default_factory=dict)
    defaults: dict[str, Any] = field(default_factory=dict)
    bad: set[str] = field(default_factory=set)

    def __getitem__(self, key: str) -> Any:
        """The value (converted), or the key's default when it is absent or wrong."""
        return self.values.get(key, self.defaults.get(key))

    def __contains__(self, key: str) -> bool:
        """Written and of the right kind."""
        return key in self.values

    def written(self, key: str) -> bool:
        """Written at all (even with a wrong value)."""
        return key in self.node

    def at(self, key: str) -> int | None:
        """The line of ``key``, or of the mapping when the key is not written."""
        return line_of_key(self.node, key) or self.line

    def fail(self, key: str, what: Message, hint: Message | None = None) -> None:
        self.reader.fail(self.at(key), what, hint)

    def mapping(self, key: str, keys: Mapping[str, Key]) -> Fields | None:
        """A key whose value is itself a mapping, read the same way."""
        if key not in self.values:  # absent, or not a mapping (reported already)
            return None
        return self.reader.mapping(self.values[key], self.at(key), f"{self.what}.{key}", keys)

    def items(self, key: str) -> Iterator[tuple[int, Any, int | None]]:
        """The items of a list-valued key (checked already) with their index and line."""
        yield from self.reader.items(self.values.get(key))
