"""Every message a person reads: a code plus parameters, rendered in Simplified Chinese
(default) or English, with the language always passed by the caller.

Catalogues, one per audience, each code in exactly one (tests/test_messages.py checks
both languages and the same parameters for every entry):

* ``editor`` (:mod:`.editor`, :mod:`.screening`): why a page or file is or is not published, and what
  screening found — PR comments, build logs, banners, reports;
* ``admin`` (:mod:`.admin`, :mod:`.policy`, :mod:`.archive`): the website office's
  problems — configuration, policy files, the archive, commands, git and the forge.

Code raises :class:`Problem` (or keeps :class:`Message` values) and the edge — the CLI,
the plugin, a report writer — renders them with :func:`say` in its own language.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime

from ..core.policy import Person
from ..core.verdict import Reason
from ..timefmt import shanghai
from . import admin, archive, commands, editor, policy, review, screening
from . import freshness as freshness_messages
from . import wordimport as wordimport_messages

LANGS = ("zh", "en")

#: audience -> code -> (Chinese, English)
CATALOGUES: Mapping[str, Mapping[str, tuple[str, str]]] = {
    "editor": {**editor.REASONS, **screening.MESSAGES, **review.MESSAGES, **wordimport_messages.MESSAGES},
    "admin": {**admin.MESSAGES, **commands.MESSAGES, **policy.MESSAGES, **archive.MESSAGES, **freshness_messages.MESSAGES},
}
_ALL: dict[str, tuple[str, str]] = {code: entry for catalogue in CATALOGUES.values() for code, entry in catalogue.items()}
_T = editor.REASONS
_CHECKS = editor.CHECKS


@dataclass(frozen=True)
class Message:
    """A message not yet in words: its catalogue code and parameters."""

    code: str
    params: Mapping[str, object] = field(default_factory=dict)

    def __str__(self) -> str:  # logs and tracebacks only; people get say(message, lang)
        return say(self, "zh")


def msg(code: str, **params: object) -> Message:
    return Message(code, params)


class Problem(Exception):
    """A failure to report to a person: one or more messages, rendered by whoever catches it."""

    def __init__(self, *messages: Message) -> None:
        super().__init__(*messages)
        self.messages = messages

    def text(self, lang: str) -> str:
        return "\n".join(say(m, lang) for m in self.messages)

    def __str__(self) -> str:
        return self.text("zh")


def say(message: Message, lang: str | None) -> str:
    """``message`` in ``lang`` (``zh`` or ``en``); an unknown code is shown as itself."""
    lg = lang_of(lang)
    zh, en = _ALL.get(message.code, (message.code, message.code))
    params = {k: _fmt(v, lg, people=k == "who") for k, v in message.params.items()}
    return (en if lg == "en" else zh).format_map(_Missing(params))


def place_text(where: Iterable[tuple[str, Mapping[str, object]]], lang: str) -> str:
    """A place inside a file (:data:`govreview.core.findings.Place`) in ``lang``:
    「批注 Sheet1 B3」, ``comment on sheet Sheet1, cell B3``."""
    lg = lang_of(lang)
    steps = [screening.NAMES.get(code) or _term(code, params, lg) for code, params in where]
    return (", " if lg == "en" else " ").join(steps)


def check_name(code: str, lang: str) -> str:
    names = _CHECKS.get(code)
    if names is None:
        return code
    return names[1] if lang_of(lang) == "en" else names[0]


def finding_text(code: str, params: Mapping[str, object], lang: str) -> str:
    """What a screening finding says: the check's explanation with its facts, after the
    place inside the file (``where``) when there is one."""
    lg = lang_of(lang)
    entry = _CHECKS.get(code)
    if entry is None:
        return code
    shown = {k: _fmt(v, lg) for k, v in params.items() if k != "where"}
    if "detail" in params or "detail_code" in params:
        shown["detail"] = detail_text(params, lg)
    if code == "reprint-source":
        names = [FIELD_NAMES_ZH.get(str(m), str(m)) if lg == "zh" else str(m) for m in params.get("missing", ())]  # type: ignore[attr-defined]
        shown["missing"] = ("和" if lg == "zh" else " and ").join(names)
    if code == "word-list":
        note = str(params.get("note") or "")
        correct = str(params.get("correct") or "")
        shown["note"] = f"：{note}" if lg == "zh" and note else note
        shown["correct"] = (f"，建议改为「{correct}」" if lg == "zh" else f"; write '{correct}'") if correct else ""
    out = (entry[2] if lg == "zh" else entry[3]).format_map(_Missing(shown))
    if params.get("again"):  # a value of a data file found again on other lines: one finding
        out += say(msg("screening.again", lines=params["again"]), lg)
    where = params.get("where")
    if where:
        shown_where = place_text(where, lg)  # type: ignore[arg-type]
        out = f"〔{shown_where}〕{out}" if lg == "zh" else f"[{shown_where}] {out}"
    return out


def detail_text(params: Mapping[str, object], lang: str) -> str:
    """A screening finding's detail in ``lang``: the sentence ``detail_code`` with its
    parameters, or the data ``detail`` (text, or labelled values 「作者：张三；单位：某局」)."""
    lg = lang_of(lang)
    code = params.get("detail_code")
    if code:
        return _term(str(code), {k: v for k, v in params.items() if k not in ("detail", "detail_code")}, lg)
    return _value(params.get("detail", ""), lg)


def _term(code: str, params: Mapping[str, object], lang: str) -> str:
    """A catalogue entry with its parameters, which may be entries themselves."""
    zh, en = _ALL.get(code, (code, code))
    return (en if lang == "en" else zh).format_map(_Missing({k: _value(v, lang) for k, v in params.items()}))


def _value(value: object, lang: str) -> str:
    """A parameter of a screening place or detail: ``(code, {parameters})`` is a catalogue
    entry, ``(label code, value)`` a labelled value; lists of either are joined."""
    term = _as_term(value)
    if term is not None:
        return _term(*term, lang)
    if isinstance(value, list | tuple) and value:
        terms = [t for t in map(_as_term, value) if t is not None]
        if len(terms) == len(value):
            return ("、" if lang == "zh" else ", ").join(_term(code, params, lang) for code, params in terms)
        labelled = [pair for pair in map(_as_labelled, value) if pair is not None]
        if len(labelled) == len(value):
            return ("；" if lang == "zh" else "; ").join(_labelled(label, shown, lang) for label, shown in labelled)
    return _fmt(value, lang)


def _as_term(value: object) -> tuple[str, Mapping[str, object]] | None:
    if isinstance(value, tuple | list) and len(value) == 2 and isinstance(value[0], str) and isinstance(value[1], Mapping):
        return value[0], value[1]
    return None


def _as_labelled(value: object) -> tuple[str, str] | None:
    if isinstance(value, tuple | list) and len(value) == 2 and isinstance(value[0], str) and isinstance(value[1], str):
        return value[0], value[1]
    return None


def _labelled(label: str, value: str, lang: str) -> str:
    name = _term(label, {}, lang)
    if not value:
        return name
    return f"{name}：{value}" if lang == "zh" else f"{name}: {value}"


#: How fields are named in Chinese messages.
FIELD_NAMES_ZH = {
    "title": "标题",
    "category": "类别",
    "unit": "单位",
    "author": "经办人",
    "date": "成文日期",
    "doc_no": "文号",
    "channels": "同步发布",
    "source": "来源",
    "source_url": "原文链接",
    "source_author": "原作者",
    "leader_instruction": "领导批示",
    "event_date": "活动日期",
    "start": "开始时间",
    "end": "结束时间",
    "valid_until": "有效期至",
    "repealed_by": "替代文件",
    "asked_on": "留言日期",
    "extension_reason": "延期理由",
    "topic": "主题分类",
}

_EXPECTED_ZH = {"text": "文本", "date": "日期（如 2026-03-01）", "list": "列表", "boolean": "true 或 false", "int": "整数", "str": "文本"}


def lang_of(lang: str | None = None) -> str:
    """``en`` for English (``en``, ``en-US`` …), else ``zh``; no language: ``GOVREVIEW_LANG``."""
    chosen = (lang or os.environ.get("GOVREVIEW_LANG") or "zh").lower()
    return "en" if chosen.startswith("en") else "zh"


def _fmt(value: object, lang: str, people: bool = False, roster: Mapping[str, Person] | None = None) -> str:
    """A parameter as text; ``people`` lists are accounts and teams: by name and title with
    the @mention where ``roster`` knows them, else as @mentions."""
    if isinstance(value, datetime):
        return shanghai(value).strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, list | tuple):
        sep = "、" if lang == "zh" else ", "
        if not people:
            return sep.join(str(v) for v in value) or "—"
        if not value:
            return "（无人）" if lang == "zh" else "(nobody)"
        return sep.join(person_name(str(v), roster, lang, with_login=True) for v in value)
    return str(value)


#: Reason parameters that name one person by login (``who`` lists the people who can act).
PERSON_PARAMS = frozenset({"login", "principal", "by", "approved_by", "merged_by"})

#: How an acting holding's kind is said (core.policy.ACTING, DELEGATED).
_KINDS = {"acting": ("代理", "acting"), "delegated": ("授权", "delegated")}


def person_name(login: str, roster: Mapping[str, Person] | None = None, lang: str | None = None, *, with_login: bool = False) -> str:
    """The one way every output names a person (R-18): 「处室负责人 李强」 for a login in the
    roster (the policy's ``people``, keyed by lowercase login), with 「（@li-qiang）」 after it
    when ``with_login`` (where the account helps: someone asked to act); a login outside the
    roster as the login itself, a team as ``@org/team``."""
    text = login[1:] if login.startswith("@") else login
    person = (roster or {}).get(text.lower())
    if person is None:
        return f"@{text}" if "/" in text or with_login else text
    shown = f"{person.title} {person.name}" if person.title else person.name
    if with_login:
        shown += f"（@{person.login}）" if lang_of(lang) == "zh" else f" (@{person.login})"
    return shown


def render(reason: Reason, lang: str | None = None, roster: Mapping[str, Person] | None = None) -> str:
    """One reason as a sentence, with its RULES.md id where one applies; people by name and
    title from ``roster`` (the policy's ``people``)."""
    lg = lang_of(lang)
    zh, en = _T.get(reason.code, (reason.code, reason.code))
    params = {k: _fmt(v, lg, people=k == "who", roster=roster) for k, v in reason.params.items()}
    for key in PERSON_PARAMS & set(reason.params):
        if isinstance(reason.params[key], str):
            params[key] = person_name(str(reason.params[key]), roster, lg)
    if reason.code.startswith("acting_"):
        kind_zh, kind_en = _KINDS.get(str(reason.params.get("kind")), ("代理", "acting"))
        params["kind_word"] = kind_zh if lg == "zh" else kind_en
    if lg == "zh" and isinstance(reason.params.get("field"), str):
        name = str(reason.params["field"])
        params["field"] = f"{FIELD_NAMES_ZH[name]}（{name}）" if name in FIELD_NAMES_ZH else name
    if reason.code == "field_type":
        params["expected_zh"] = _EXPECTED_ZH.get(str(reason.params.get("expected")), str(reason.params.get("expected")))
    if reason.code.startswith("screen_"):
        check = str(reason.params.get("check"))
        params["name"] = check_name(check, lg)
        params["finding"] = finding_text(check, reason.params, lg)
    if reason.code in ("application_before", "application_within"):
        calendar_days = bool(reason.params.get("calendar"))
        zh_word, en_word = ("天（日历日）", "calendar days") if calendar_days else ("个工作日", "working days")
        params["days_word"] = zh_word if lg == "zh" else en_word
    if reason.code == "order":
        steps = [str(s) for s in reason.params.get("steps", [])]  # type: ignore[attr-defined]
        params["steps_zh"] = " → ".join(steps)
        params["steps_en"] = " → ".join(steps)
    text = (zh if lg == "zh" else en).format_map(_Missing(params))
    if "clear_line" in reason.params:  # a block finding that a holder of the clearing role may clear
        text += ("。" if lg == "zh" else ". ") + clear_hint(reason, lg, roster=roster)
    if reason.rule:
        text += f" [{reason.rule}]"
    return text


def clear_hint(reason: Reason, lang: str | None = None, line: str | None = None, roster: Mapping[str, Person] | None = None) -> str:
    """Who can clear a block finding (by name and title from ``roster``) and the line their
    review's body must carry (``line``: how to show it, e.g. as Markdown code; the line itself by default)."""
    who = render_people(reason.params.get("clear_who", ()), lang, roster)  # type: ignore[arg-type]
    return say(msg("screen_block_clear", who=who, line=line or reason.params["clear_line"]), lang)


def place(reason: Reason, lang: str | None = None) -> str:
    """Where in the file a reason points, as a suffix: （第 3 行第 5 列）."""
    if not reason.line:
        return ""
    if reason.col:
        return say(msg("at_line_column", line=reason.line, col=reason.col), lang)
    return say(msg("at_line", line=reason.line), lang)


def render_people(
    people: Iterable[str], lang: str | None = None, roster: Mapping[str, Person] | None = None, *, with_login: bool = True
) -> str:
    """People, accounts and teams (:func:`person_name` each), or "nobody"; ``with_login``:
    the @mention after a name (people asked to act), else the name and title alone."""
    listed = list(people)
    if with_login or not listed:
        return _fmt(listed, lang_of(lang), people=True, roster=roster)
    return ("、" if lang_of(lang) == "zh" else ", ").join(person_name(p, roster, lang) for p in listed)


def render_all(reasons: Iterable[Reason], lang: str | None = None, roster: Mapping[str, Person] | None = None) -> list[str]:
    return [render(r, lang, roster) for r in reasons]


class _Missing(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"
