"""Where the disclosure block goes in a staged page, and taking it back out."""

from __future__ import annotations

import re

from govreview.blockplace import cut_block, with_block, with_block_html
from hypothesis import given, settings
from hypothesis import strategies as st

BLOCK = '<div class="govreview-disclosure" data-search-exclude>\n<table>\n<tbody><tr><th>发布机构</th><td>某市</td></tr></tbody>\n</table>\n</div>\n'


def by_lines(body: str, block: str) -> str:
    """The rule, line by line: after a leading ATX or setext level-1 heading, else first."""
    lines = body.split("\n")
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    at = 0
    if first is not None:
        if re.match(r"^ {0,3}#(?:[ \t]|$)", lines[first]):
            at = first + 1
        elif first + 1 < len(lines) and re.match(r"^=+[ \t]*$", lines[first + 1]):
            at = first + 2
    head, tail = "\n".join(lines[:at]), "\n".join(lines[at:])
    return (head + "\n\n" if at else "") + block + "\n" + tail


PIECES = st.sampled_from(["# 标题", "标题", "===", "== ", "\n", "\n\n", " ", "\u3000", "\t", "#", "正文", "-", "\x85", "##"])


@settings(max_examples=3000)
@given(st.lists(PIECES, max_size=12).map("".join))
def test_the_block_goes_after_the_leading_level_one_heading(body):
    assert with_block(body, BLOCK) == by_lines(body, BLOCK)


def test_the_block_placed_in_examples():
    assert with_block("# 通知\n正文", "B") == "# 通知\n\nB\n正文"
    assert with_block("\n\n通知\n====\n正文", "B") == "\n\n通知\n====\n\nB\n正文"
    assert with_block("正文\n# 不是开头", "B") == "B\n正文\n# 不是开头"
    assert with_block("\u3000\n# 通知", "B") == "\u3000\n# 通知\n\nB\n"  # a line of ideographic spaces is blank


@given(st.lists(PIECES, max_size=12).map("".join))
def test_the_block_taken_out_again_is_the_block(body):
    staged = with_block(body, BLOCK)
    markdown, block = cut_block(staged)
    assert block == BLOCK and BLOCK not in markdown
    assert with_block_html("<h1>标题</h1>\n<p>正文</p>", BLOCK).startswith("<h1>标题</h1>\n" + BLOCK)
