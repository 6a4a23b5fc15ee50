"""What pasting from WPS/Word can leave in a page's source, blocked by screening with file:line:
a picture carried inside the text as a ``data:`` URI (it would be published without the
attachment checks — seals, R-20) and a path on the editor's computer (``file:///C:/Users/…``,
``C:\\…``: broken for visitors, and it names the editor's user folder — R-21). Pictures the web
editor uploads as attachments (``![](paste-1.png)``) and ordinary links pass."""

from __future__ import annotations

from dataclasses import replace

import pytest
from evidence import POLICY_ID, PR, index, page
from govreview.core.gate import judge
from govreview.core.screen import FLOOR, screen
from govreview.messages import render
from govreview.policy_yaml import load_policy
from govreview.screen_content import text_content
from test_screening_gate import BASE, LABEL

FRONT = "---\ntitle: 标题\nauthor: 经办人\n---\n"  # lines 1-4: the body starts on line 5


@pytest.fixture(scope="module")
def policy():
    return load_policy({"policies/p.yml": BASE})


def findings(policy, body: str, path: str = "news/a.md"):
    return [
        (f.code, f.rule, f.line, f.col)
        for f in screen(text_content(path, FRONT + body), policy.screening)
        if f.code in ("data-uri", "local-path")
    ]


def test_a_pasted_data_image_is_blocked_at_its_line(policy):
    body = "会议现场：\n\n![](data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk)\n"
    assert findings(policy, body) == [("data-uri", "R-20", 7, 5)]


def test_an_html_img_with_a_data_uri_is_blocked_too(policy):
    assert findings(policy, '<img src="data:image/jpeg;base64,/9j/4AAQ" alt="">') == [("data-uri", "R-20", 5, 11)]


@pytest.mark.parametrize(
    ("body", "col"),
    [
        ("![](file:///C:/Users/zhangsan/AppData/Local/Temp/msohtmlclip1/01/clip_image002.png)", 5),
        ('<img width=300 src="file:///C:/Users/zhangsan/AppData/Local/Temp/ksohtml/wps1.jpg">', 21),
        ("见附件[通知](C:\\Users\\zhangsan\\Desktop\\通知.docx)。", 9),
        ("见[表格](D:/工作/2026/统计表.xlsx)", 7),
        ("[共享盘](\\\\fileserver\\公共\\通知.pdf)", 7),
    ],
)
def test_a_path_on_the_editors_computer_is_blocked_at_its_line_and_column(policy, body, col):
    assert findings(policy, "正文第一段。\n\n" + body) == [("local-path", "R-21", 7, col)]


@pytest.mark.parametrize(
    "body",
    [
        "![会议现场](paste-20261204-1.png)",  # what the web editor writes: an attachment beside the page
        "[通知](../notices/2026-12-01-通知.md) 与 [附件](附件1.pdf)",
        "[国务院网站](https://www.gov.cn/zhengce/)",
        "数据：2026年全市完成投资120亿元。",  # "data:" / 数据： in a sentence
        "请将文件保存到 C 盘后再上传。文件格式：docx。",
        "本文件依据 data:image 格式说明编写",
        "格式为 data:image/png; 由系统生成",  # no media type and separator: words, not a URI
    ],
)
def test_attachments_links_and_ordinary_sentences_pass(policy, body):
    assert findings(policy, body) == []


def test_both_are_floors_a_policy_cannot_lower():
    assert {"data-uri", "local-path"} <= FLOOR


def test_the_gate_withholds_an_approved_page_and_names_file_line_and_rule(policy):
    text = FRONT + "会议现场：\n\n![](file:///C:/Users/zhangsan/AppData/Local/Temp/msohtmlclip1/01/clip_image001.png)\n"
    src = replace(page("news/a.md", "b1"), content=text_content("news/a.md", text))
    pr = PR(author="ed").push(0, {"docs/news/a.md": "b1"}).approve("hana", 10).approve("dong", 11).label(LABEL, "bao", 12)
    v = judge(src, index(pr.merged()), {POLICY_ID: policy})
    assert not v.approved
    assert [(r.code, r.rule, r.line) for r in v.reasons] == [("screen_block", "R-21", 7)]
    zh, en = render(v.reasons[0], "zh"), render(v.reasons[0], "en")
    assert "本机文件路径" in zh and "图片按钮" in zh and "file:///C:/Users/zhangsan" in zh and zh.endswith("[R-21]")
    assert "editor's computer" in en and en.endswith("[R-21]")


def test_the_data_uri_message_says_why_in_both_languages(policy):
    text = FRONT + "![](data:image/png;base64,iVBORw0KGgo)\n"
    src = replace(page("news/a.md", "b1"), content=text_content("news/a.md", text))
    v = judge(src, index(PR(author="ed").push(0, {"docs/news/a.md": "b1"}).merged()), {POLICY_ID: policy})
    block = [r for r in v.reasons if r.code == "screen_block"]
    assert [(r.rule, r.line) for r in block] == [("R-20", 5)]
    zh, en = render(block[0], "zh"), render(block[0], "en")
    assert "data:image/png;base64," in zh and "附件检查" in zh and "图片按钮" in zh
    assert "attachment checks" in en and "image button" in en
