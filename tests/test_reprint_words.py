"""R-12: the words of a reprint notice are found where they say where the text comes from,
and not inside other words."""

from __future__ import annotations

import pytest
from govreview.core.policy import Screening
from govreview.core.screen import screen
from govreview.screen_content import text_content

NOTICES = [
    "本文转载自江岸日报。",
    "原文转载自省政府网站。",
    "本站转载自新华网。",
    "本报转载自新华社。",
    "该信息转载自国务院网站。",
    "以上信息摘自人民网。",
    "本文系转载自新华网。",
    "本篇转载自省政府网站。",
    "稿件转载自省政府网站。",
    "现转载自省政府网站如下。",
    "原载江岸晚报2026年7月15日。",
    "（原载《光明日报》2026年3月1日）",
    "转自：新华网",
    "以下内容摘自市政府网站：",
    "本文轉載自《江岸晚報》。",
    "本文转载于省政府网站。",
]
NOT_NOTICES = [
    "今年全镇核定草原载畜量12.6万羊单位。",
    "镇应急分队原载人员共12名。",
    "// 代码摘自原文，仅作格式示例",
    "依法登记转载于本镇公告栏的各类通知，统一归档。",
    "登记机构应当将原抵押权登记情况转载于不动产登记簿。",
    "设备旋转自如，便于安装。",
    "欢迎转载本文，转载请注明出处。",
    "摘自《统计公报》的数字见下表。",
]


def _codes(body: str) -> set[str]:
    page = f"---\ntitle: t\n---\n{body}\n"
    return {f.code for f in screen(text_content("news/a.md", page), Screening())}


@pytest.mark.parametrize("body", NOTICES)
def test_a_reprint_notice_without_source_or_author_blocks(body):
    assert "reprint-source" in _codes(body)


@pytest.mark.parametrize("body", NOT_NOTICES)
def test_the_same_characters_in_other_words_are_no_notice(body):
    assert "reprint-source" not in _codes(body)
