"""The message catalogues: every code in both languages, with the same parameters, and
every code the product uses is in a catalogue."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest
from govreview import messages
from govreview.messages import CATALOGUES, Message, Problem, msg, say

SOURCE = Path(messages.__file__).resolve().parent.parent
_CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


ENTRIES = [(audience, code, entry) for audience, catalogue in CATALOGUES.items() for code, entry in catalogue.items()]


@pytest.mark.parametrize(("audience", "code", "entry"), ENTRIES, ids=[f"{a}:{c}" for a, c, _ in ENTRIES])
def test_every_entry_has_both_languages_with_the_same_parameters(audience: str, code: str, entry: tuple[str, str]) -> None:
    zh, en = entry
    assert zh.strip() and en.strip(), f"{audience}:{code} lacks a language"
    assert _CJK.search(zh), f"{audience}:{code}: the Chinese text has no Chinese"
    assert not _CJK.search(en), f"{audience}:{code}: the English text has Chinese in it"
    assert _fields(zh) - {"expected_zh", "steps_zh"} == _fields(en) - {"expected", "steps_en"}, code


def test_no_code_is_in_two_catalogues() -> None:
    seen: dict[str, str] = {}
    for audience, catalogue in CATALOGUES.items():
        for code in catalogue:
            assert code not in seen, f"{code} is in both {seen[code]} and {audience}"
            seen[code] = audience


def test_every_code_the_product_uses_is_in_a_catalogue() -> None:
    used: dict[str, str] = {}
    pattern = re.compile(r"""\b(?:msg|Message|Problem\(msg)\(\s*["']([a-z][a-z0-9_.-]*)["']""")
    for path in SOURCE.rglob("*.py"):
        for m in pattern.finditer(path.read_text(encoding="utf-8")):
            used.setdefault(m.group(1), str(path.relative_to(SOURCE)))
    known = {code for catalogue in CATALOGUES.values() for code in catalogue}
    missing = {code: where for code, where in used.items() if code not in known}
    assert not missing


def test_say_renders_in_the_language_it_is_given() -> None:
    code, (zh, en) = next(iter(CATALOGUES["editor"].items()))
    params = {name: "X" for name in _fields(zh) | _fields(en)}
    m = Message(code, params)
    assert say(m, "zh") != say(m, "en")
    assert say(m, "en-US") == say(m, "en")


def test_a_problem_carries_messages_not_text() -> None:
    problem = Problem(msg("no_merge", blob="abc"))
    assert problem.messages[0].code == "no_merge"
    assert problem.text("en").startswith("no merged pull request")
    assert "没有" in problem.text("zh")
