"""What is wrong with a policy: each problem a message code with its file, line and hint.

A :class:`PolicyProblem` keeps the message unrendered (:class:`~govreview.messages.Message`);
whoever shows it picks the language with :meth:`PolicyProblem.text`. ``str()`` gives the
default language (Chinese unless ``GOVREVIEW_LANG`` says English), so callers that print
``str(error)`` keep working.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from ..messages import Message, lang_of, msg, say


@dataclass(frozen=True)
class PolicyProblem:
    """One mistake: where (``file`` relative to the site, ``line`` 1-based or None), what, and how to fix it."""

    file: str
    line: int | None
    what: Message
    hint: Message | None = None

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line}" if self.line else self.file

    def message_text(self, lang: str | None = None) -> str:
        """The message and its hint, without the place."""
        lg = lang_of(lang)
        out = say(self.what, lg)
        if self.hint is not None:
            out += ("。提示：" if lg == "zh" else ". Hint: ") + say(self.hint, lg)
        return out

    @property
    def message(self) -> str:
        return self.message_text()

    def text(self, lang: str | None = None) -> str:
        return f"{self.where}: {self.message_text(lang)}"

    def __str__(self) -> str:
        return self.text()


class PolicyError(Exception):
    """The policy cannot be used; ``problems`` says every reason, with file and line."""

    def __init__(self, problems: list[PolicyProblem]) -> None:
        self.problems = problems
        super().__init__(*problems)

    def text(self, lang: str | None = None) -> str:
        return "\n".join(p.text(lang) for p in self.problems)

    def __str__(self) -> str:
        return self.text()


class Report:
    """Problems collected while reading a policy: all of them, not just the first."""

    def __init__(self) -> None:
        self.problems: list[PolicyProblem] = []

    def add(self, file: str, line: int | None, what: Message, hint: Message | None = None) -> None:
        self.problems.append(PolicyProblem(file, line, what, hint))

    def __bool__(self) -> bool:
        return bool(self.problems)


def names_of(things: Mapping[str, Any]) -> dict[str, str]:
    """Display names by id, for :func:`closest` (units, roles, categories)."""
    return {ident: str(thing.name) for ident, thing in things.items()}


def nearest(name: object, known: Iterable[str], names: Mapping[str, str] | None = None) -> str | None:
    """The known id closest to an unknown ``name``: the id whose display name (``names``:
    id -> name) it is, else the closest id (difflib), else the id of the closest name."""
    text = str(name).strip()
    known = [str(k) for k in known]
    for ident, shown in (names or {}).items():
        if text == shown and ident in known:
            return ident
    match = difflib.get_close_matches(text, known, n=1, cutoff=0.6)
    if match:
        return match[0]
    by_name = {shown: ident for ident, shown in (names or {}).items() if ident in known}
    near = difflib.get_close_matches(text, list(by_name), n=1, cutoff=0.6)
    return by_name[near[0]] if near else None


def closest(name: object, known: Iterable[str], names: Mapping[str, str] | None = None) -> Message | None:
    """A hint for an unknown ``name``: which known id was meant, if any is close."""
    known = [str(k) for k in known]
    ident = nearest(name, known, names)
    if ident is None:
        return None
    if names and names.get(ident) == str(name).strip():
        return msg("policy.hint_id_not_name", name=str(name).strip(), id=ident)
    return msg("policy.hint_did_you_mean", name=ident)
