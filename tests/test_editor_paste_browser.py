"""Pasting from WPS/Word into the web editor (issue 17), in a real browser: Debian's chromium
(puppeteer-core, tests/editor_paste_browser.mjs) opens a new item of the admin app written by
``govreview editor build``, signed in with a token in the browser's storage and the few GitHub
answers Decap needs given inside the browser (the idiom of tests/test_editor_browser.py), and
pastes clipboards like the ones Word and WPS leave: mso classes, a table of ``<td>``s whose first
row is the heading, pictures at ``file:///C:/Users/…`` paths, a picture as a clipboard file, a
picture as a data: URI. The Markdown Decap would save is read from the widget's Markdown mode.

Measured first: Decap by itself (the paste helper not loaded) flattens the table into one
paragraph per cell and drops the local picture without a word. With the helper: a pipe table,
pictures as attachments beside the page (Decap's media handling: the editor shows them from the
draft, the Markdown links the file name), no ``file:///`` and no data: URI, and for a picture the
browser cannot read a message in Chinese naming it and the image button."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from editor_admin import CANNED_GITHUB, CHROMIUM, EDITOR_USER, run_plan, screenshots, served_admin
from gitsite import example_repo

PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
CLIP = "file:///C:/Users/zhangsan/AppData/Local/Temp/msohtmlclip1/01/clip_image002.png"

#: What Word puts on the clipboard for a paragraph, a table and a picture (abridged, own text).
WORD = f"""<html xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office"
xmlns:w="urn:schemas-microsoft-com:office:word" xmlns="http://www.w3.org/TR/REC-html40">
<head><meta http-equiv=Content-Type content="text/html; charset=utf-8"><meta name=Generator content="Microsoft Word 15">
<style><!-- p.MsoNormal {{margin:0cm;text-align:justify;font-size:10.5pt;font-family:等线;}} --></style></head>
<body lang=ZH-CN style='tab-interval:21.0pt;word-wrap:break-word'>
<!--StartFragment-->
<p class=MsoNormal><span lang=EN-US>2026</span><span style='font-family:宋体'>年冬季供暖站点如下：</span><o:p></o:p></p>
<table class=MsoTableGrid border=1 cellspacing=0 cellpadding=0 style='border-collapse:collapse;border:none;mso-border-alt:solid windowtext .5pt'>
 <tr style='mso-yfti-irow:0;mso-yfti-firstrow:yes'>
  <td width=184 valign=top style='width:138.25pt;border:solid windowtext 1.0pt;padding:0cm 5.4pt 0cm 5.4pt'>
  <p class=MsoNormal><span style='font-family:宋体'>站点</span><o:p></o:p></p></td>
  <td width=184 valign=top style='width:138.25pt;border:solid windowtext 1.0pt'><p class=MsoNormal>地址<o:p></o:p></p></td>
  <td width=184 valign=top style='width:138.3pt;border:solid windowtext 1.0pt'><p class=MsoNormal>开放时间<o:p></o:p></p></td>
 </tr>
 <tr style='mso-yfti-irow:1'>
  <td valign=top style='border:solid windowtext 1.0pt'><p class=MsoNormal>东城供热站<o:p></o:p></p></td>
  <td valign=top style='border:solid windowtext 1.0pt'><p class=MsoNormal>和平路<span lang=EN-US>8</span>号<o:p></o:p></p></td>
  <td valign=top style='border:solid windowtext 1.0pt'><p class=MsoNormal><span lang=EN-US>8:30-17:00</span><o:p></o:p></p></td>
 </tr>
 <tr style='mso-yfti-irow:2;mso-yfti-lastrow:yes'>
  <td valign=top style='border:solid windowtext 1.0pt'><p class=MsoNormal>西城供热站<o:p></o:p></p></td>
  <td valign=top style='border:solid windowtext 1.0pt'><p class=MsoNormal>建设路<span lang=EN-US>12</span>号<o:p></o:p></p></td>
  <td valign=top style='border:solid windowtext 1.0pt'><p class=MsoNormal><span lang=EN-US>9:00-16:30</span><o:p></o:p></p></td>
 </tr>
</table>
<p class=MsoNormal><!--[if gte vml 1]><v:shape id="图片_x0020_1" o:spid="_x0000_i1025" type="#_x0000_t75"
 style='width:180pt;height:120pt'><v:imagedata src="file:///C:/Users/zhangsan/AppData/Local/Temp/msohtmlclip1/01/clip_image001.png"
 o:title=""/></v:shape><![endif]--><![if !vml]><img width=240 height=160 src="{CLIP}" v:shapes="图片_x0020_1"><![endif]><o:p></o:p></p>
<!--EndFragment-->
</body></html>"""
WORD_TEXT = "2026年冬季供暖站点如下：\n站点\t地址\t开放时间\n东城供热站\t和平路8号\t8:30-17:00\n西城供热站\t建设路12号\t9:00-16:30\n"

#: What WPS puts there for a picture and a table; the picture comes with the clipboard's image file.
WPS = """<html><head><meta http-equiv="content-type" content="text/html; charset=utf-8"/><meta name="Generator" content="WPS Office"/>
<style>p{margin:0pt;margin-bottom:.0001pt;font-family:'Times New Roman';font-size:10.5000pt;}</style></head>
<body><!--StartFragment--><p class="p" style="text-align:justify;"><span style="font-family:宋体;font-size:12pt;">会议现场照片：</span></p>
<p class="p"><img width="300" height="200" src="file:///C:/Users/zhangsan/AppData/Local/Temp/ksohtml12345/wps1.jpg"/></p>
<table class="MsoTableGrid" border="1" cellspacing="0" style="border-collapse:collapse;width:300pt;mso-table-layout-alt:fixed;">
<tbody><tr><td width="150" valign="top"><p class="MsoNormal"><span style="font-family:宋体;">项目</span></p></td>
<td width="150" valign="top"><p class="MsoNormal"><span style="font-family:宋体;">数量</span></p></td></tr>
<tr><td width="150" valign="top"><p class="MsoNormal"><span style="font-family:宋体;">检修管道</span></p></td>
<td width="150" valign="top"><p class="MsoNormal"><span style="font-family:宋体;">36公里</span></p></td></tr></tbody></table>
<!--EndFragment--></body></html>"""

#: A picture carried inside the HTML (web pages, some Word exports): a data: URI.
DATA = f'<meta charset="utf-8"><p>示意图如下：</p><p><img alt="站点分布示意图" src="data:image/png;base64,{PNG}"></p>'


@pytest.fixture(scope="module")
def pastes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    tmp = tmp_path_factory.mktemp("editor-paste")
    with served_admin(tmp, example_repo(tmp / "site")) as admin:
        report = run_plan("editor_paste_browser.mjs", _plan(tmp, admin.base, admin.api_root), tmp)
    return {p["name"]: p for p in report["pastes"]}


def _plan(tmp: Path, base: str, api_root: str) -> dict[str, Any]:
    word = {"data": {"text/html": WORD, "text/plain": WORD_TEXT}}
    return {
        "chromium": str(CHROMIUM),
        "profile": str(tmp / "profile"),
        "base": base,
        "apiRoot": api_root,
        "screenshots": str(screenshots(tmp, "editor-paste")),
        "github": CANNED_GITHUB,
        "user": EDITOR_USER,
        "before": "供暖工作通报。",
        "rawToggle": "Markdown",
        "pastes": [
            {"name": "decap-alone", "blocked": ["govreview-paste.js"], "clipboard": word},
            {"name": "word", "blocked": [], "clipboard": word},
            {
                "name": "wps",
                "blocked": [],
                "clipboard": {
                    "data": {"text/html": WPS, "text/plain": "会议现场照片：\n项目\t数量\n检修管道\t36公里\n"},
                    "files": [{"name": "image.png", "type": "image/png", "base64": PNG}],
                },
            },
            {"name": "data-uri", "blocked": [], "clipboard": {"data": {"text/html": DATA, "text/plain": "示意图如下：\n"}}},
        ],
    }


def _lines(markdown: str) -> list[str]:
    """The Markdown's lines with runs of blanks made one (pipe tables are padded to align)."""
    return [re.sub(r"\s+", " ", line).strip() for line in markdown.splitlines()]


def test_every_paste_stayed_on_127_0_0_1_without_errors(pastes):
    assert set(pastes) == {"decap-alone", "word", "wps", "data-uri"}
    for name, p in pastes.items():
        assert p["dispatched"]["target"] == "true", name  # pasted into the body's editor
        assert p["toggled"] and p["raw"] is not None, name
        assert p["errors"] == [], name
        outside = [url for url in p["requests"] if not url.startswith(("http://127.0.0.1:", "data:", "blob:"))]
        assert outside == [], name
        assert Path(p["screenshot"]).stat().st_size > 5000, name


def test_decap_alone_flattens_the_table_and_drops_the_local_picture_silently(pastes):
    """What editors got before the paste helper: measured, so a later Decap that converts by
    itself shows up here."""
    p = pastes["decap-alone"]
    lines = _lines(p["raw"])
    assert not p["dispatched"]["cancelled"]  # Decap's own paste handled it
    assert not any(line.startswith("|") for line in lines)
    assert {"站点", "地址", "开放时间", "东城供热站", "和平路8号"} <= set(lines)  # one paragraph per cell
    assert "clip_image" not in p["raw"] and "![" not in p["raw"]
    assert p["notes"] == []  # and nobody is told a picture is missing


def test_a_word_table_arrives_as_a_pipe_table_with_its_first_row_as_the_heading(pastes):
    p = pastes["word"]
    lines = _lines(p["raw"])
    assert p["dispatched"]["cancelled"]
    at = lines.index("| 站点 | 地址 | 开放时间 |")
    assert lines[at + 1 : at + 4] == [
        "| --- | --- | --- |",
        "| 东城供热站 | 和平路8号 | 8:30-17:00 |",
        "| 西城供热站 | 建设路12号 | 9:00-16:30 |",
    ]
    assert lines.index("供暖工作通报。") < lines.index("2026年冬季供暖站点如下：") < at  # where the cursor was
    assert "MsoNormal" not in p["raw"] and "mso-" not in p["raw"] and "<" not in p["raw"]


def test_a_picture_the_browser_cannot_read_leaves_no_link_and_is_named_in_chinese(pastes):
    p = pastes["word"]
    assert "file:" not in p["raw"] and "C:/Users" not in p["raw"] and "![" not in p["raw"]
    assert p["pictures"] == []
    heading, *items = p["notes"]
    assert "图片没有粘贴进来" in heading
    assert items == ["第 1 张图片「clip_image002.png」：请用正文工具栏的图片按钮上传这张图片，再放到原来的位置"]


def test_a_wps_picture_arrives_as_an_attachment_from_the_clipboards_image_file(pastes):
    p = pastes["wps"]
    lines = _lines(p["raw"])
    pictures = [line for line in lines if line.startswith("![")]
    assert len(pictures) == 1 and re.fullmatch(r"!\[\]\(paste-\d{8}-\d{6}-1\.png\)", pictures[0]), pictures
    assert lines.index("会议现场照片：") < lines.index(pictures[0]) < lines.index("| 项目 | 数量 |")
    assert "| 检修管道 | 36公里 |" in lines
    assert "file:" not in p["raw"] and "wps1.jpg" not in p["raw"] and p["notes"] == []
    # Decap's media handling holds the file for the draft: the editor shows it from there, and
    # saving commits it beside the page in the same pull request.
    assert len(p["pictures"]) == 1 and p["pictures"][0].startswith("blob:http://127.0.0.1:")


def test_a_data_uri_picture_arrives_as_an_attachment_not_inside_the_text(pastes):
    p = pastes["data-uri"]
    assert "data:" not in p["raw"] and "base64" not in p["raw"]
    pictures = [line for line in _lines(p["raw"]) if line.startswith("![")]
    assert len(pictures) == 1 and re.fullmatch(r"!\[站点分布示意图\]\(paste-\d{8}-\d{6}-1\.png\)", pictures[0]), pictures
    assert len(p["pictures"]) == 1 and p["pictures"][0].startswith("blob:") and p["notes"] == []


def test_the_pasted_picture_passes_screening_and_the_data_uri_would_not():
    """The gate's side of the same paste: what the helper writes is clean, what Decap alone
    would keep (a data: URI) is blocked (R-20)."""
    from govreview.core.screen import screen
    from govreview.policy_yaml import load_policy
    from govreview.screen_content import text_content
    from test_screening_gate import BASE

    policy = load_policy({"policies/p.yml": BASE})
    front = "---\ntitle: 标题\nauthor: 经办人\n---\n"
    helper = front + "示意图如下：\n\n![站点分布示意图](paste-20261204-115259-1.png)\n"
    alone = front + f"示意图如下：\n\n![站点分布示意图](data:image/png;base64,{PNG})\n"
    assert [f.code for f in screen(text_content("news/a.md", helper), policy.screening)] == []
    assert [(f.code, f.rule) for f in screen(text_content("news/a.md", alone), policy.screening)] == [("data-uri", "R-20")]
