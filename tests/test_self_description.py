"""A document's description of itself (issue 12): "本期简报内容属机密，请勿扩散" is a finding,
the same words about a law, a news story or a training are not (core/selfdesc.py)."""

from __future__ import annotations

import re
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser  # type: ignore[attr-defined]

import pytest
from govreview.core import selfdesc
from govreview.screen_content import screen_content, text_content


def findings(text: str) -> list[tuple[str, str, int]]:
    return [(f.code, f.severity, f.col) for f in screen_content(text_content("p.md", text), None)]


def codes(text: str) -> list[str]:
    return sorted(code for code, _, _ in findings(text))


FOUND = {
    # classified: secrecy-marking (block)
    "本期简报内容属机密，请勿扩散。": ["secrecy-marking"],  # one finding: the classified document
    "本纪要为绝密材料。": ["secrecy-marking"],
    "本文件系秘密级，请勿扩散。": ["secrecy-marking"],
    "本方案涉及国家秘密，请严格控制知悉范围。": ["secrecy-marking"],
    "本件密级为机密。": ["secrecy-marking"],
    "本期《人防工作简报》内容属机密。": ["secrecy-marking"],
    "本紀要內容屬機密，請勿擴散。": ["secrecy-marking"],  # Traditional
    "本件**属** *机密*。": ["secrecy-marking"],  # markup
    "此件系袐密级。": ["secrecy-marking"],  # a look-alike of 秘
    "注：本文为秘密级文件，阅后收回。": ["secrecy-marking"],  # after a colon
    # restricted circulation: internal-marking (block), or internal-use like 仅供内部
    "此件仅供领导参阅，不得转发。": ["internal-marking"],
    "本材料为内部资料，供各处室学习参考，阅后收回。": ["internal-marking"],  # replaces internal-use wording
    "本期信息不得扩散。": ["internal-marking"],
    "本件不予公开。": ["internal-use"],
    "本通知仅供领导参阅。": ["internal-use"],
    # sealed: red-header, seal-signature (warn)
    "（本件带红头，加盖公章）": ["red-header", "seal-signature"],
    "本次会议纪要已加盖市人防办公章，与原件一致。": ["seal-signature"],
}

NOT_FOUND = {
    "law": "《保守国家秘密法》规定，属于国家秘密的文件应当标明密级。",
    "news on rumours": "会议强调，对不实信息不得扩散、不得转发。",
    "training": "本期培训讲解了绝密、机密、秘密三个密级。",
    "explains": "本文介绍的绝密、机密、秘密三个密级，依照保密法确定。",
    "definition": "本文件所称国家秘密，是指关系国家安全和利益的事项。",
    "the website": "本网站刊登的信息，未经授权不得转载、转发。",
    "copyright": "本文版权归本网所有，未经许可不得转发。",
    "negation": "本期简报不属于国家秘密，经保密审查后公开发布。",
    "question": "本件是否涉密，由保密委员会确定。",
    "lifted": "本件原属秘密级，已于2025年依法解密，现予公开。",
    "not the subject": "根据本通知要求，各单位报送的材料须加盖公章。",
    "instruction": "本通知附件中的报名表，请加盖单位公章后报送。",
    "inside a word": "日本文化属机密的说法并不存在。",
    "another sentence": "本期简报共六期。机密文件不得扩散。",
    "another line": "本件\n属机密",
    "not an issue": "本期工程为秘密级项目。",
    "this matter": "此件事情并非本科室负责。",
    "classified staff": "本文涉密人员管理部分依照保密法执行。",
}


@pytest.mark.parametrize("text", FOUND)
def test_a_document_that_says_what_it_is_is_found(text: str) -> None:
    assert codes(text) == sorted(FOUND[text])


@pytest.mark.parametrize("text", NOT_FOUND.values(), ids=NOT_FOUND.keys())
def test_the_same_words_about_other_things_are_not(text: str) -> None:
    assert findings(text) == []


def test_severities_follow_the_existing_checks() -> None:
    assert findings("本纪要为绝密材料。") == [("secrecy-marking", "block", 1)]
    assert findings("此件仅供领导参阅，不得转发。") == [("internal-marking", "block", 1)]
    assert findings("（本件带红头，加盖公章）") == [("red-header", "warn", 2), ("seal-signature", "warn", 2)]


def test_one_marking_is_one_finding() -> None:
    # a marking line already found keeps its one finding (本件为密件 is one internal marking)
    assert findings("本件为密件，阅后收回。") == [("internal-marking", "block", 4)]
    # wording the existing checks call internal-use stays that (a policy may raise it)
    assert findings("本材料仅供内部参考，不对外公开，请各单位注意。") == [("internal-use", "warn", 4)]
    # a marking format inside a self-description stays the format's finding
    assert findings("本通知原件标注为绝密★启用前，请按原渠道报送。") == [("secrecy-marking", "block", 9)]


def test_each_sentence_is_judged_on_its_own() -> None:
    text = "本期简报内容属机密。本件不得扩散。本通知加盖公章。"
    assert findings(text) == [("secrecy-marking", "block", 1), ("internal-marking", "block", 11), ("seal-signature", "warn", 18)]


# -- the predicates are tried only where one can start ---------------------------------------


def _first(items: list[tuple[object, object]]) -> set[str]:
    """The characters a parsed pattern can start with (the constructs the predicates use)."""
    op, av = items[0]
    if op is sre.LITERAL:
        return {chr(av)}  # type: ignore[arg-type]
    if op is sre.IN and all(kind is sre.LITERAL for kind, _ in av):  # type: ignore[attr-defined]
        return {chr(code) for _, code in av}  # type: ignore[attr-defined]
    if op is sre.SUBPATTERN:
        return _first(list(av[3]))  # type: ignore[index]
    if op is sre.BRANCH:
        return set().union(*(_first(list(branch)) for branch in av[1]))  # type: ignore[index]
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
        low, _, sub = av  # type: ignore[misc]
        return _first(list(sub)) | (_first(items[1:]) if low == 0 else set())
    raise AssertionError(f"a predicate starts with {op}")


def test_every_predicate_starts_with_a_listed_character() -> None:
    starts = _first(list(_parser.parse(selfdesc._PREDICATE.pattern)))
    listed = set(re.sub(r"[\[\]]", "", selfdesc._FIRST.pattern))
    assert starts == listed
