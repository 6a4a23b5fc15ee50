"""Folding text for matching, and tracing every folded character back to the original."""

from __future__ import annotations

import string

from govreview.core.pii import id_number_valid, luhn_valid
from govreview.core.textfold import Folder, Lines, fold
from govreview.screen_content import folder
from hypothesis import given, settings
from hypothesis import strategies as st

CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)
ANY = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200)


@given(ANY)
@settings(max_examples=300)
def test_every_folded_character_comes_from_inside_the_text(text):
    folded = fold(text)
    for i in range(len(folded.text)):
        assert 0 <= folded.origin(i) < max(len(text), 1)


@given(st.text(alphabet=CJK, min_size=1, max_size=50), st.text(alphabet=" \t\n*_~`·，。、|>#-", max_size=5))
def test_chinese_text_split_by_markup_folds_back_together_in_order(words, junk):
    text = junk.join(words)
    folded = fold(text)
    assert folded.text == words
    origins = [folded.origin(i) for i in range(len(words))]
    assert origins == sorted(origins) and all(text[o] == words[i] for i, o in enumerate(origins))


def test_what_folding_undoes():
    f = folder()
    cases = {
        "機密★": "机密★",  # Traditional
        "ｍｉｍｉ１２": "mimi12",  # full-width forms
        "机\u200b\u200d\ufeff密": "机密",  # zero-width characters
        "机\u3164密": "机密",  # a Hangul filler renders as nothing
        "㊙": "秘密★",  # the "secret" stamp stands for a whole marking
        "⽊": "木",  # Kangxi radical
        "机&#23494;&#x2605;": "机密★",  # HTML entities
        "%E6%9C%BA%E5%AF%86": "机密",  # percent-encoding
        "\\u673a\\u5bc6": "机密",  # escapes
        "机<b>密</b>☆": "机密★",  # tags and star shapes
        "机\u0301密": "机密",  # combining marks
        "袐密★": "秘密★",  # look-alikes, one character for one: 袐 (衤 for 礻) for 秘
        "杋杌絶宻": "机机绝密",  # 杋 (凡 for 几), 杌 (兀 for 几), the Japanese 絶, 宻
    }
    for text, expected in cases.items():
        assert f(text).text == expected, text


def test_attribute_values_are_read_apart_from_the_text_around_them():
    folded = fold('机<span title="内部资料">密</span>')
    body, attr = folded.text.split("\x00")
    assert body == "机密" and attr == "内部资料"
    assert folded.origin(folded.text.index("内")) == 14


def test_folding_keeps_columns_for_traditional_text():
    text = "第一行\n這是機密★文件"
    folded = folder()(text)
    start = folded.text.index("机密")
    assert Lines(text).position(folded.origin(start)) == (2, 3)


def test_a_folder_is_hashable_by_identity():
    a, b = Folder(), Folder()
    assert a != b and len({a, b, a}) == 2


def test_id_number_check_character_and_birth_date():
    assert id_number_valid("11010519491231002X")
    assert id_number_valid("11010519491231002x")
    assert not id_number_valid("110105194912310021")  # wrong check character
    assert not id_number_valid("110105194902300024")  # 30 February
    assert not id_number_valid("010105194912310020")  # no region starts with 0


@given(st.text(alphabet=string.digits, min_size=12, max_size=18))
def test_luhn_accepts_exactly_one_check_digit_in_ten(prefix):
    valid = [d for d in string.digits if luhn_valid(prefix + d)]
    assert len(valid) == 1


def test_look_alikes_keep_columns():
    text = "封面\n标注：袐密★"
    folded = folder()(text)
    assert folded.text == "封面标注秘密★"
    assert Lines(text).position(folded.origin(folded.text.index("秘密"))) == (2, 4)
