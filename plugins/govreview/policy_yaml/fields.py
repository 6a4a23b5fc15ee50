"""Front-matter fields the policy refers to, and the ``fields`` section declaring its own.

A policy names page fields in ``required_fields``, escalations (``when``), deadlines
(``field``, ``extension_field``), ``needs_interpretation.explanation_field`` and
``screening.leader_field``. A misspelt name would pass silently and then ask editors
for a field nobody writes ("auther"), so every name must be a field of the page model
(:mod:`govreview.core.page`, in English or its Chinese spelling) or one the policy
declares itself::

    fields:
      approval_ref: 批准文件编号
      leader_signed: {name: 领导签发}
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from ruamel.yaml.comments import CommentedMap

from ..core.field_rules import one_of
from ..core.page import FIELD_ALIASES
from ..messages import FIELD_NAMES_ZH, msg
from .people import read_named
from .problems import nearest
from .reading import Reader
from .sections import Sections

#: The page model's own fields, by their canonical (English) names.
PAGE_FIELDS = frozenset(FIELD_ALIASES.values()) | frozenset(FIELD_NAMES_ZH)


def read_fields(s: Sections) -> dict[str, str]:
    """The fields the policy declares, id -> display name; a page-model field needs no declaration."""
    out: dict[str, str] = {}
    for reader, fid, value, line in s.entries("fields"):
        if isinstance(value, CommentedMap):
            # ``id: {name: 名称, choices: …}``: read whole, rules and all, by .field_rules
            name = value.get("name")
            if str(fid) not in PAGE_FIELDS and str(fid) not in FIELD_ALIASES and isinstance(name, str) and name.strip():
                out[str(fid)] = name.strip()
            continue
        name = read_named(reader, value, line, f"fields.{fid}")
        if str(fid) in PAGE_FIELDS or str(fid) in FIELD_ALIASES:
            reader.fail(line, msg("policy.field_built_in", name=str(fid)))
            continue
        if name:
            out[str(fid)] = name
    return out


@dataclass(frozen=True)
class FieldNames:
    """The field names a policy may use: the page model's and the declared ones."""

    declared: Mapping[str, str]
    #: Ids written in ``fields`` with mistakes of their own: reported there, not again where used.
    misdeclared: frozenset[str] = frozenset()
    #: Fixed choices of fields (``fields`` rules): a value a policy compares a field with must be one.
    choices: Mapping[str, tuple[object, ...]] = field(default_factory=dict)

    def check(self, reader: Reader, line: int | None, value: object, what: str) -> str | None:
        """The canonical name of field ``value`` used at ``what``; None (reported) if no such field."""
        name = str(value)
        canonical = FIELD_ALIASES.get(name, name)
        if canonical in PAGE_FIELDS or canonical in self.declared:
            return canonical
        if canonical in self.misdeclared:
            return None
        known = sorted(PAGE_FIELDS | set(self.declared) | set(FIELD_ALIASES))
        meant = nearest(name, known, dict(self.declared))
        reader.fail(
            line,
            msg("policy.unknown_field", what=what, name=name),
            msg("policy.hint_field_suggest", name=meant) if meant else msg("policy.hint_declare_field", name=name),
        )
        return None

    def choice(self, reader: Reader, line: int | None, field_id: str, value: object, what: str) -> bool:
        """Is ``value``, compared with field ``field_id`` in a condition, one of the field's fixed
        choices (or has it none)? A typo would switch the condition off for every page: reported."""
        choices = self.choices.get(field_id, ())
        if choices and not one_of(value, choices):
            shown = ("true" if value else "false") if isinstance(value, bool) else value  # as YAML writes it, not Python's True
            reader.fail(line, msg("policy.not_a_choice", what=what, value=shown, choices=list(choices)))
            return False
        return True
