"""SVG images (issue 12): screening reads the text a reader sees, never path data.

Real small SVG files go through ``govreview screen`` and through a real ``mkdocs build``
of a site whose docs/ holds them: coordinates that happen to spell a resident ID number
or a phone number are no finding; a marking in ``<text>``, a number in ``<title>``, a
readable attribute or a comment is, at its own line. A malformed SVG is screened as plain
text, with a warning; an entity bomb and an oversized file are refused quickly.
"""

from __future__ import annotations

import json
import subprocess
import time

import pytest
from gitsite import GitSite, article, run_govreview
from govreview.screen_content import file_content, screen_content
from govreview.svg import MAX_SVG_BYTES

#: A valid resident ID number (real date, right check character) and a mobile number.
ID = "110105199003071239"
MOBILE = "13812345678"

GEOMETRY = f"""<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" viewBox="-96.81425 0 {ID} 73.264219">
  <style>.a {{ fill: #{MOBILE[:6]}; stroke-width: {ID} }}</style>
  <path id="p{ID}" d="M{ID} 0 L-96.81425 73.264219 C {MOBILE} 1 2 3 Z" transform="translate({ID})"/>
  <polygon points="{MOBILE},0 {ID},1" style="opacity:{ID}"/>
  <circle cx="{ID}" cy="{MOBILE}" r="2"/>
</svg>
"""

MARKED = f"""<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 200 100">
  <title>值班电话 {MOBILE}</title>
  <path d="M{ID} 0 Z"/>
  <text x="10" y="20">秘密★</text>
  <text
     x="10"
     y="40"><tspan
       x="10"
       y="40">机密★5年</tspan></text>
  <a xlink:title="内部资料"><rect width="1" height="1"/></a>
</svg>
"""


run = run_govreview


def lines(result: subprocess.CompletedProcess[str]) -> list[str]:
    assert "Traceback" not in result.stderr, result.stderr
    return result.stdout.splitlines()


def findings(name: str, svg: str | bytes) -> list[tuple[str, str, int, int]]:
    data = svg.encode() if isinstance(svg, str) else svg
    content = file_content(name, data, attachment=False)
    assert content is not None
    return [(f.code, f.severity, f.line, f.col) for f in screen_content(content, None)]


# -- geometry is no text ----------------------------------------------------------------


def test_coordinates_that_spell_an_id_number_or_a_phone_are_no_finding(tmp_path):
    (tmp_path / "map.svg").write_text(GEOMETRY, encoding="utf-8")
    (tmp_path / "map.txt").write_text(GEOMETRY, encoding="utf-8")  # the same bytes, read as text
    as_text = run(tmp_path, "screen", "--no-policies", "map.txt")
    assert any(" block R-21 " in line for line in lines(as_text)), "the sample must be one plain text screening blocks"
    result = run(tmp_path, "screen", "--no-policies", "map.svg")
    assert result.returncode == 0 and lines(result) == [], result.stdout


def test_an_illustrator_svg_with_declared_entities_is_read_and_its_geometry_ignored():
    svg = f"""<?xml version="1.0"?>
<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd" [
  <!ENTITY ns_svg "http://www.w3.org/2000/svg">
  <!ENTITY ns_flows "http://ns.adobe.com/Flows/1.0/">
  <!ENTITY note "不得外传">
]>
<svg xmlns="&ns_svg;" xmlns:x="&ns_flows;">
  <path d="M{ID} 1"/>
  <text>图例</text>
</svg>
"""
    found = findings("logo.svg", svg)
    assert [code for code, *_ in found] == ["internal-marking"], found
    assert found[0][2] == 5, "the entity's value is published with the file: found at its declaration"


# -- what a reader sees is screened, at its line ----------------------------------------


def test_text_title_and_readable_attributes_are_screened_at_their_lines(tmp_path):
    (tmp_path / "chart.svg").write_text(MARKED, encoding="utf-8")
    result = run(tmp_path, "screen", "--no-policies", "chart.svg")
    out = lines(result)
    assert result.returncode == 1, out
    assert any(line.startswith("chart.svg:3:15: warn R-21 ") and "138******78" in line for line in out), out
    assert any(line.startswith("chart.svg:5:23: block R-03 ") and "秘密★" in line for line in out), out
    # the text of an Inkscape tspan, whose start tag spans four lines: the line the text is on
    assert any(line.startswith("chart.svg:10:15: block R-03 ") and "机密★5年" in line for line in out), out
    assert any(line.startswith("chart.svg:11:19: block R-03 ") and "xlink:title" in line for line in out), out
    assert len(out) == 4, "the path data on line 4 is no finding"
    assert ID not in result.stdout and MOBILE not in result.stdout


def test_text_split_over_tspans_is_read_as_a_reader_sees_it():
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg">'
        "<text><tspan>秘</tspan><tspan>密</tspan>★</text>"
        f"<text>电话{MOBILE[:3]}<tspan font-weight='bold'>{MOBILE[3:7]}</tspan>{MOBILE[7:]}</text>"
        "</svg>"
    )
    assert {code for code, *_ in findings("a.svg", svg)} == {"secrecy-marking", "mobile-number"}


def test_separately_placed_labels_never_join_into_a_number():
    ticks = "".join(f'<tspan x="{i * 40}" y="90">{label}</tspan>' for i, label in enumerate(("138", "1234", "5678", "2024")))
    svg = f'<svg xmlns="http://www.w3.org/2000/svg"><text>{ticks}</text></svg>'
    assert findings("axis.svg", svg) == []


def test_comments_script_foreign_html_and_css_strings_are_screened_but_css_numbers_are_not():
    svg = f"""<svg xmlns="http://www.w3.org/2000/svg">
<!-- 内部资料 -->
<script>var phone = "{MOBILE}";</script>
<foreignObject width="100" height="20"><div xmlns="http://www.w3.org/1999/xhtml"><p aria-label="绝密★">说明</p></div></foreignObject>
<style>.x {{ content: "{ID}" }} .y {{ stroke-width: {ID} }}</style>
</svg>
"""
    found = {(code, line) for code, _, line, _ in findings("b.svg", svg)}
    assert found == {("internal-marking", 2), ("mobile-number", 3), ("secrecy-marking", 4), ("id-number", 5)}, found


ENCODED = (
    "PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciPjx0ZXh0PuenmOWvhuKYhTXlubQ8L3RleHQ+PC9zdmc+"  # <svg …><text>秘密★5年</text></svg>
)


@pytest.mark.parametrize(
    "body",
    [
        '<style>.m::before{content:"秘密★5年"}</style><text class="m">说明</text>',  # CSS generated content
        '<foreignObject><input xmlns="http://www.w3.org/1999/xhtml" value="秘密★5年"/></foreignObject>',  # a form value
        '<foreignObject><iframe xmlns="http://www.w3.org/1999/xhtml" srcdoc="&lt;p&gt;秘密★5年&lt;/p&gt;"/></foreignObject>',
        '<style>text::after{content:attr(data-t)}</style><text data-t="秘密★5年">说明</text>',  # CSS attr()
        f'<image href="data:image/svg+xml;base64,{ENCODED}"/>',  # an SVG inside, base64
        '<image href="data:image/svg+xml;utf8,&lt;svg&gt;&lt;text&gt;秘密★5年&lt;/text&gt;&lt;/svg&gt;"/>',
    ],
)
def test_text_a_browser_shows_from_css_forms_and_embedded_documents_is_screened(body):
    svg = f'<svg xmlns="http://www.w3.org/2000/svg">\n{body}\n</svg>\n'
    assert "secrecy-marking" in {code for code, _, _, _ in findings("c.svg", svg)}


def test_an_embedded_picture_that_cannot_be_read_is_said_to_need_review():
    svg = '<svg xmlns="http://www.w3.org/2000/svg">\n<image href="data:image/png;base64,iVBORw0KGgo="/>\n</svg>\n'
    assert "attachment-unscreened" in {code for code, _, _, _ in findings("d.svg", svg)}


# -- fail closed ------------------------------------------------------------------------


def test_a_malformed_svg_is_screened_as_plain_text_with_a_warning(tmp_path):
    broken = f'<svg xmlns="http://www.w3.org/2000/svg">\n<text>说明<tspan></text>\n<path d="M {ID}"/>\n'
    (tmp_path / "broken.svg").write_text(broken, encoding="utf-8")
    out = lines(run(tmp_path, "screen", "--no-policies", "broken.svg"))
    assert any(line.startswith("broken.svg:2:1: warn R-23 ") and "无法解析" in line for line in out), out
    assert any(line.startswith("broken.svg:3:") and " block R-21 " in line for line in out), "everything is read: path data too"
    english = lines(run(tmp_path, "screen", "--no-policies", "broken.svg", lang="en"))
    assert any("cannot be parsed" in line and "plain text" in line for line in english), english


def test_an_entity_bomb_is_refused_quickly():
    levels = "".join(f'<!ENTITY e{n} "{f"&e{n - 1};" * 10}">\n' for n in range(1, 10))
    bomb = f'<?xml version="1.0"?>\n<!DOCTYPE svg [\n<!ENTITY e0 "秘密秘密秘密秘密">\n{levels}]>\n<svg><text>&e9;</text></svg>\n'
    started = time.perf_counter()
    content = file_content("bomb.svg", bomb.encode(), attachment=False)
    assert content is not None
    found = screen_content(content, None)
    assert time.perf_counter() - started < 5
    assert [(f.code, f.severity, f.params.get("detail_code")) for f in found] == [
        ("attachment-unreadable", "block", "detail.svg_entity_bomb")
    ]


def test_one_entity_repeated_until_it_is_huge_is_refused():
    wide = f'<!DOCTYPE svg [<!ENTITY w "{"说明" * 50_000}">]>\n<svg><text>{"&w;" * 20_000}</text></svg>'
    found = findings("wide.svg", wide)
    assert [(code, severity) for code, severity, *_ in found] == [("attachment-unreadable", "block")]


def test_an_oversized_svg_is_refused_without_reading_it():
    data = b'<svg xmlns="http://www.w3.org/2000/svg"><path d="' + b"M1 1 " * (MAX_SVG_BYTES // 5) + b'"/></svg>'
    started = time.perf_counter()
    found = findings("huge.svg", data)
    assert time.perf_counter() - started < 5
    assert [(code, severity) for code, severity, *_ in found] == [("attachment-unreadable", "block")]


def test_json_names_the_place_inside_the_svg(tmp_path):
    (tmp_path / "chart.svg").write_text(MARKED, encoding="utf-8")
    rows = json.loads(run(tmp_path, "screen", "--no-policies", "--json", "chart.svg").stdout)["findings"]
    where = {r["line"]: r["where"] for r in rows}
    assert where[3] == "SVG 元素 title 的文字" and where[11] == "SVG 元素 a 的属性 xlink:title", where


# -- through a real build ---------------------------------------------------------------


def test_a_published_svg_with_coordinates_publishes_and_one_with_a_marking_is_withheld(tmp_path):
    site = GitSite(tmp_path)
    site.write("docs/news/a.md", article("动态", "![地图](map.svg)"))
    site.write("docs/news/map.svg", GEOMETRY)
    site.commit("a page and its map")
    site.approve_inputs()
    site.approve_page("docs/index.md")
    site.merge(["docs/news/a.md", "docs/news/map.svg"], ["hana", "dong", "gui"])
    result = site.build()
    assert result.returncode == 0, result.log
    assert (site.root / "site" / "news" / "map.svg").is_file()

    site.write("docs/news/map.svg", GEOMETRY.replace("</svg>", "  <text>秘密★</text>\n</svg>"))
    site.commit("a marking in the map")
    site.merge(["docs/news/map.svg"], ["hana", "dong", "gui"])
    result = site.build()
    assert result.returncode != 0 and "news/map.svg:7:9: " in result.log and "秘密★" in result.log, result.log
    assert "Traceback" not in result.log


@pytest.mark.parametrize("name", ["a.svg", "docs/a.svg"])
def test_an_svg_that_is_not_utf8_is_still_unreadable(name):
    data = "<svg><text>秘密★</text></svg>".encode("gb18030")
    found = findings(name, data)
    assert [(code, severity) for code, severity, *_ in found] == [("attachment-unreadable", "block")]
