"""Bounded inputs (issue 10): no YAML alias bomb and no text run makes a command hang.

YAML: every reader (page front matter, mkdocs.yml, policies/) refuses aliases that
expand too far, aliases that contain themselves and deep nesting, with the file and
line, before any value is built; ordinary reuse of an anchor still loads.

Screening: runs that made a scanner quadratic (``[a](`` × 60000, ``[`` × 300000,
empty lines, unclosed ``(``/``"`` before Chinese text, unclosed tags with many
attributes, long lines of seal words …) are screened correctly. The rewritten
scanners are compared with the original regular expressions, and their work is
counted, not timed.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from gitsite import MKDOCS, POLICY, GitSite, article
from govreview import yaml_limits
from govreview.core import marks, selfdesc, textfold, typography
from govreview.core.brackets import bracket_matches, leftmost
from govreview.frontmatter import read_front_matter
from govreview.messages import place, render
from govreview.policy_yaml import PolicyError, load_calendar_file, load_policy
from govreview.screen_content import _Written, file_content, screen_content, text_content
from govreview.screen_files import screen_file
from govreview.site_config import config_values, raw_inputs, yaml_values
from hypothesis import given, settings
from hypothesis import strategies as st
from mkdocs.utils.meta import get_data

#: "Billion laughs": nine levels of nine aliases each, 9**9 values once expanded.
BOMB = "a: &a [x,x,x,x,x,x,x,x,x]\n" + "".join(
    f"{n}: &{n} [{','.join(['*' + p] * 9)}]\n" for p, n in zip("abcdefgh", "bcdefghi", strict=True)
)
#: Line (1-based, in BOMB) of the first level that adds more than the budget: e (9**4 + … values).
BOMB_LINE = 5


@pytest.fixture(autouse=True)
def chinese(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GOVREVIEW_LANG", raising=False)


def page(front: str, body: str = "正文。") -> bytes:
    return f"---\ntitle: 页面\n{front}---\n\n{body}\n".encode()


def nested(depth: int) -> str:
    return "deep: " + "[" * depth + "x" + "]" * depth + "\n"


# -- YAML: page front matter ---------------------------------------------------------


def test_alias_bomb_in_front_matter_is_refused_with_its_line() -> None:
    fm = read_front_matter(page(BOMB))
    assert fm.meta is None and fm.problem is not None
    assert fm.problem.code == "front_matter_aliases"
    assert fm.problem.line == BOMB_LINE + 2  # after "---" and "title:"
    assert "别名" in render(fm.problem) and "第 7 行" in place(fm.problem)
    assert "aliases" in render(fm.problem, "en") and "line 7" in place(fm.problem, "en")
    assert fm.text is not None and fm.text.endswith("正文。\n")  # the page is still screened as text


def test_alias_that_contains_itself_is_refused() -> None:
    fm = read_front_matter(page("loop: &loop [1, *loop]\n"))
    assert fm.problem is not None and (fm.problem.code, fm.problem.line) == ("front_matter_aliases", 3)


def test_deeply_nested_front_matter_is_refused() -> None:
    fm = read_front_matter(page(nested(yaml_limits.MAX_DEPTH + 1)))
    assert fm.problem is not None and (fm.problem.code, fm.problem.line) == ("front_matter_depth", 3)
    assert str(yaml_limits.MAX_DEPTH) in render(fm.problem)
    assert read_front_matter(page(nested(yaml_limits.MAX_DEPTH - 1))).problem is None


def test_reused_anchors_in_front_matter_still_load_as_mkdocs_reads_them() -> None:
    front = "contact: &c {name: 办公室, phone: 0000-0000000}\nextra: *c\nmerged: {<<: *c, name: 综合科}\ntags: &t [人防, 警报]\nmore: [*t, *t]\n"
    fm = read_front_matter(page(front))
    assert fm.problem is None and fm.meta is not None
    assert fm.meta["extra"] == {"name": "办公室", "phone": "0000-0000000"}
    assert fm.meta["merged"] == {"name": "综合科", "phone": "0000-0000000"}
    assert fm.meta["more"] == [["人防", "警报"], ["人防", "警报"]]
    assert get_data(page(front).decode())[1] == fm.meta


@pytest.mark.parametrize(("copies", "refused"), [(99, False), (100, True)])
def test_alias_budget_counts_the_values_aliases_add(copies: int, refused: bool) -> None:
    # a: 1 list + 100 values; b: `copies` aliases of it. Written: 105 nodes (keys included);
    # expanded: 105 - 1 + copies * 101; the budget is what aliases add beyond what is written.
    front = "a: &a [" + ",".join(["x"] * 100) + "]\nb: [" + ",".join(["*a"] * copies) + "]\n"
    fm = read_front_matter(page(front))
    assert (fm.problem is not None and fm.problem.code == "front_matter_aliases") is refused


@pytest.mark.parametrize(("copies", "refused"), [(100, False), (101, True)])
def test_alias_budget_counts_the_characters_aliases_add(copies: int, refused: bool) -> None:
    front = "a: &a " + "字" * 1000 + "\nb: [" + ",".join(["*a"] * copies) + "]\n"
    fm = read_front_matter(page(front))
    assert (fm.problem is not None and fm.problem.code == "front_matter_aliases") is refused


def test_the_check_visits_each_written_node_once(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = 0
    children = yaml_limits._children

    def counted(node: object) -> list[object]:
        nonlocal calls
        calls += 1
        return children(node)

    monkeypatch.setattr(yaml_limits, "_children", counted)
    text = "a: &a [" + ",".join(str(i) for i in range(4000)) + "]\nb: [*a]\nc: {<<: {k: *a}}\n"
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    distinct: set[int] = set()
    todo = [root]
    while todo:
        node = todo.pop()
        if id(node) not in distinct:
            distinct.add(id(node))
            todo += (
                [n for item in node.value for n in (item if isinstance(item, tuple) else (item,))] if isinstance(node.value, list) else []
            )
    yaml_limits.check_node(root)  # 4,000 values written, reached twice more through aliases: allowed
    assert calls == len(distinct)


def test_a_screened_page_with_an_alias_bomb_is_read_as_text_only() -> None:
    fm = read_front_matter(page(BOMB, "秘密★"))
    content = text_content("docs/news/p.md", fm.text or "", fm.meta, fm.lines)
    assert len(content.segments) == 1  # no front-matter values to expand
    assert [f.code for f in screen_content(content, None)] == ["secrecy-marking"]


def test_screen_command_reads_an_alias_bomb_page(tmp_path: Path) -> None:
    path = tmp_path / "bomb.md"
    path.write_bytes(page(BOMB, "本页含有内部资料"))
    result = screen_file(path, None)
    assert [f.code for f in result.findings] == ["internal-marking"]


# -- YAML: mkdocs.yml -----------------------------------------------------------------


def test_alias_bomb_in_mkdocs_yml_is_a_problem_naming_file_and_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: 测试站\n" + BOMB, encoding="utf-8")
    raw = raw_inputs(config)
    assert len(raw.problems) == 1
    assert raw.problems[0].startswith(f"{config}:{BOMB_LINE + 1}：") and "别名" in raw.problems[0]
    monkeypatch.setenv("GOVREVIEW_LANG", "en")
    assert "YAML aliases" in raw_inputs(config).problems[0]
    assert yaml_values(config.read_text(encoding="utf-8")) is None
    with pytest.raises(ValueError, match=rf"^mkdocs\.yml:{BOMB_LINE + 1}: "):
        config_values("mkdocs.yml", config.read_text(encoding="utf-8"))


def test_deep_mkdocs_yml_is_a_problem_not_a_traceback(tmp_path: Path) -> None:
    config = tmp_path / "mkdocs.yml"
    for depth in (yaml_limits.MAX_DEPTH + 1, 2000):  # the pure-Python composer recurses past 1,000 frames
        config.write_text("site_name: 测试站\n" + nested(depth), encoding="utf-8")
        problems = raw_inputs(config).problems
        assert len(problems) == 1 and str(config) in problems[0] and "嵌套" in problems[0]
        assert yaml_values(config.read_text(encoding="utf-8")) is None


def test_mkdocs_yml_with_reused_anchors_still_reads(tmp_path: Path) -> None:
    config = tmp_path / "mkdocs.yml"
    options = "options: &o {column_index: false, lang: en}\n"
    config.write_text("site_name: 测试站\n" + options + "plugins:\n  - search\n  - govreview: *o\n", encoding="utf-8")
    raw = raw_inputs(config)
    assert raw.problems == [] and raw.options == {"column_index": False, "lang": "en"}


# -- YAML: policies/ -------------------------------------------------------------------


def bomb_line_in(text: str) -> int:
    return text.splitlines().index(BOMB.splitlines()[BOMB_LINE - 1]) + 1


def test_alias_bomb_in_a_policy_file_names_file_and_line() -> None:
    source = POLICY + BOMB
    with pytest.raises(PolicyError) as info:
        load_policy({"policies/site.yml": source})
    assert [(p.file, p.line) for p in info.value.problems] == [("policies/site.yml", bomb_line_in(source))]
    assert "别名" in info.value.problems[0].message


def test_alias_bomb_in_the_calendar_file_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "calendar.yml"
    source = "calendar:\n  years: [2027]\n" + BOMB
    path.write_text(source, encoding="utf-8")
    with pytest.raises(PolicyError) as info:
        load_calendar_file(path)
    assert [(p.file, p.line) for p in info.value.problems] == [(str(path), bomb_line_in(source))]


def test_deep_policy_file_is_refused_clearly() -> None:
    with pytest.raises(PolicyError) as info:
        load_policy({"policies/site.yml": POLICY + nested(yaml_limits.MAX_DEPTH + 1)})
    [problem] = info.value.problems
    assert problem.line == len(POLICY.splitlines()) + 1 and "嵌套超过" in problem.message


def test_policy_reusing_a_chain_by_alias_loads() -> None:
    source = POLICY.replace("steps: [{role: head}, {role: deputy}]", "steps: &chain [{role: head}, {role: deputy}]").replace(
        "steps: [{role: head}, {role: deputy}, {role: chief}]", "steps: *chain"
    )
    assert source.count("*chain") == 1
    policy = load_policy({"policies/site.yml": source})
    assert [s.roles for s in policy.categories["major"].steps] == [("head",), ("deputy",)]


# -- YAML: end to end ------------------------------------------------------------------


def govreview(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("GOVREVIEW_LANG", None)
    return subprocess.run([sys.executable, "-m", "govreview.cli", *args], cwd=cwd, capture_output=True, text=True, env=env, timeout=300)


def test_an_approved_page_with_an_alias_bomb_is_withheld_by_check_and_build(tmp_path: Path) -> None:
    site = GitSite(tmp_path)
    site.write("docs/news/bomb.md", article("炸弹", "正文。").replace("date: 2026-05-10\n", "date: 2026-05-10\n" + BOMB))
    site.commit("bomb")
    site.approve_inputs()
    site.approve_page("docs/index.md")
    site.approve_page("docs/news/bomb.md")
    line = 4 + BOMB_LINE  # ---, title, author, date, then the bomb
    check = govreview(tmp_path, "check")
    assert check.returncode == 1 and "news/bomb.md" in check.stdout and f"第 {line} 行" in check.stdout
    assert "Traceback" not in check.stdout + check.stderr
    built = site.build()
    assert built.returncode == 0 and f"news/bomb.md:{line}:" in built.log and "Traceback" not in built.log
    assert site.html("news/bomb/index.html") is None


def test_check_names_the_line_of_an_alias_bomb_in_the_policy(tmp_path: Path) -> None:
    GitSite(tmp_path, policy=POLICY + BOMB, mkdocs=MKDOCS)
    check = govreview(tmp_path, "check")
    assert check.returncode == 1 and "Traceback" not in check.stderr
    assert f"site.yml:{bomb_line_in(POLICY + BOMB)}: YAML 别名" in check.stdout + check.stderr


# -- screening: long runs ------------------------------------------------------------------


def findings(text: str, path: str = "p.md") -> list[tuple[str, int, int]]:
    return [(f.code, f.line, f.col) for f in screen_content(text_content(path, text), None)]


def test_a_run_of_link_openers_is_screened_correctly() -> None:
    run = "[a](" * 60000
    assert findings(run) == []
    assert findings(run + "\n\n秘密★\n") == [("secrecy-marking", 3, 1)]
    assert findings("机" + run + "密\n") == [], "a link destination is read apart: it never joins two words"


#: Runs that were quadratic (minutes at 300 KB), each followed by a marking that must still be found.
RUNS = {
    "brackets": "[",
    "image openers": "![",
    "empty lines": "\n",
    "quoted blank lines": "> \n",
    "dashes lines": "-\n",
    "open paren before Chinese": "(机",
    "open quote before Chinese": '"机',
    "bdo with many dir attributes": "<bdo dir=rtl ",
    "tag with many hidden attributes": "<a hidden ",
    "tag with many styles": '<a style="display:none" ',
    "seal words on one line": "签字",
    "seal placeholders on one line": "（签字）",
    "citations": "摘自《",
    "internal markings on one line": "内部资料",
    "full-width mobile numbers": "１３８１２３４５６７８ ",
    # one sentence of 300 KB: subjects whose windows overlap, with and without predicates
    "self-references without a sentence end": "，本期简报内容",
    "restricted self-descriptions without a sentence end": "，本件不得扩散",
    "sealed self-descriptions without a sentence end": "（本件带红头，加盖",
}


@pytest.mark.parametrize("unit", RUNS.values(), ids=RUNS.keys())
def test_runs_that_were_quadratic_are_screened_correctly(unit: str) -> None:
    size = 300_000 if not findings(unit * 100) else 60_000  # (fewer findings to place and sort)
    text = unit * (size // len(unit))
    found = findings(text + "\n\n秘密★\n")
    assert found[-1] == ("secrecy-marking", text.count("\n") + 3, 1)
    assert all(code != "secrecy-marking" for code, _, _ in found[:-1])
    if not findings(unit * 100):
        assert len(found) == 1


def test_front_matter_with_many_values_is_screened_once_and_escapes_still_count() -> None:
    values = "".join(f"  - 第{i}项\n" for i in range(30000))
    source = f'---\ntitle: 页面\nitems:\n{values}note: "\\u79d8\\u5bc6\\u2605"\n---\n\n正文。\n'
    fm = read_front_matter(source.encode())
    assert fm.problem is None and fm.meta is not None
    content = text_content("p.md", fm.text or "", fm.meta, fm.lines)
    assert [s.text for s in content.segments[1:]] == ["秘密★"]  # only the escaped value is read again
    assert [(f.code, f.line) for f in screen_content(content, None)] == [("secrecy-marking", fm.lines["note"])]


def test_yaml_file_values_are_found_in_order_and_past_the_budget_are_screened_again() -> None:
    text = "".join(f"- v{i}\n" for i in range(20000)) + '- "\\u673a\\u5bc6"\n'
    content = file_content("docs/data.yml", text.encode(), attachment=False)
    assert content is not None and [s.text for s in content.segments[1:]] == ["机密"]
    written = _Written("甲乙丙")
    assert written("乙") and not written("丁")
    written.budget = 0
    assert not written("丙"), "past the budget a value counts as not written: screened again, never skipped"


# -- the rewritten scanners are the original expressions, in linear time -------------------

_HAN = "\u3400-\u4dbf\u4e00-\u9fff"
ORIGINAL_MASK = re.compile(
    r"`[^`\n]*`|<[^<>\n]*>|\]\([^()\n]*\)|https?://[^\s)）\]]+|\[[^\]\n]*\]:\s*\S+|&#?\w+;|:[a-z0-9_+-]{1,60}:|^[ \t]*(?:!!!|\?\?\?\+?)[^\n]*"
)
ORIGINAL_IMAGE = re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)|<img\b[^>\n]*>", re.I)
ORIGINAL_PARENS = re.compile(rf"\(([^()\n]*[{_HAN}][^()\n]*)\)")
ORIGINAL_QUOTES = re.compile(rf"\"([^\"\n]*[{_HAN}][^\"\n]*)\"")
ORIGINAL_SENDER = re.compile(r"^[\s>*_#-]*发电单位[ \t　]*[:：]", re.M)
ORIGINAL_OVERRIDE = re.compile("\u202e([^\u202c\u2069\n]*)|<bdo\\b[^<>]*dir\\s*=\\s*[\"']?rtl[^<>]*>([^<\n]*)</bdo\\s*>", re.I)
ORIGINAL_HIDDEN = re.compile(
    r"<(?P<rt>rt|rp|template|noscript)\b[^<>]*>(?P<rbody>[^<]{0,500})</(?P=rt)\s*>"
    r"|<(?P<h>[A-Za-z][\w-]*)\b[^<>\n]*?(?:\shidden\b|display\s*:\s*none|visibility\s*:\s*hidden|font-size\s*:\s*0(?![.\d]))[^<>\n]*>"
    r"(?P<hbody>[^<\n]{0,500})</(?P=h)\s*>",
    re.I,
)


def tokens(*alphabet: str, size: int = 16) -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(alphabet), max_size=size).map("".join)


LINE = tokens(
    "[", "]", "(", ")", "!", "![", ":", " ", "\t", "x", "`", "<", ">", "&", "#", ";", "http://", "!!!", "?", "a", "机", '"', "<img", "IMG"
)
TAGS = tokens(
    *("<", ">", "a", "span", " ", "\n", " hidden", "display", ":", "none", "font-size", "0", ".5", "=", '"', "'", "x", "机"),
    *("</span>", "</a>", "bdo", "dir", "rtl", "</bdo>", "\u202e", "rt", "</rt>"),
)
STARTS = tokens("\n", " ", ">", "*", "_", "#", "-", "发电单位", "：", ":", "\t", "\u3000", "x", "\x0b", "\x85")


@given(LINE)
@settings(max_examples=1000)
def test_masking_is_the_original_expression(line: str) -> None:
    assert typography._masked(line) == ORIGINAL_MASK.sub(lambda m: " " * len(m.group()), line)
    for new, old in ((typography._PARENS, ORIGINAL_PARENS), (typography._QUOTES, ORIGINAL_QUOTES)):
        assert [m.span() for m in new.finditer(line)] == [m.span() for m in old.finditer(line)]


@given(LINE)
@settings(max_examples=1000)
def test_images_are_the_original_expression(line: str) -> None:
    found = leftmost(line, bracket_matches(line, "![", marks._IMAGE_TAIL), marks._IMG_TAG)
    assert found == [m.span() for m in ORIGINAL_IMAGE.finditer(line)]


@given(TAGS)
@settings(max_examples=1000)
def test_hidden_elements_and_overrides_are_the_original_expressions(text: str) -> None:
    assert [(m.span(), m.groups()) for m in marks._OVERRIDE.finditer(text)] == [
        (m.span(), m.groups()) for m in ORIGINAL_OVERRIDE.finditer(text)
    ]
    if not re.search(r"(?i)(hidden|none|0)[^<>]*\n", text):  # (see below: one tag over two lines)
        assert [(m.span(), m.groupdict()) for m in textfold._HIDDEN.finditer(text)] == [
            (m.span(), m.groupdict()) for m in ORIGINAL_HIDDEN.finditer(text)
        ]


def test_the_first_hiding_attribute_of_a_tag_decides() -> None:
    # The one difference from the original: a tag over two lines whose first hiding
    # attribute is on the first line and whose > is after a second one on the next.
    assert ORIGINAL_HIDDEN.search("<a hidden\nhidden>x</a>") and not textfold._HIDDEN.search("<a hidden\nhidden>x</a>")
    for same in ("<a hidden>x</a>", "<a\nhidden>x</a>", '<a title="t" style="display: none">x</a>', "<a hidden hidden"):
        assert bool(textfold._HIDDEN.search(same)) == bool(ORIGINAL_HIDDEN.search(same))


@given(STARTS)
@settings(max_examples=1000)
def test_telegram_senders_are_found_where_the_original_found_them(text: str) -> None:
    assert [m.end() for m in marks._SENDER.finditer(text)] == [m.end() for m in ORIGINAL_SENDER.finditer(text)]


class Counted:
    """A compiled pattern that counts how often it is run."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern, self.runs = pattern, 0

    def search(self, text: str, pos: int = 0) -> re.Match[str] | None:
        self.runs += 1
        return self.pattern.search(text, pos)

    def match(self, text: str, pos: int = 0) -> re.Match[str] | None:
        self.runs += 1
        return self.pattern.match(text, pos)


def test_self_descriptions_try_each_position_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every subject looks at a window after it; in a run of subjects without a sentence end
    the windows overlap, and each position is still tried for a predicate at most once."""
    text = "，本件内容" * 60_000 + "。本纪要为绝密材料。"
    counted = Counted(selfdesc._PREDICATE)
    monkeypatch.setattr(selfdesc, "_PREDICATE", counted)
    assert findings(text) == [("secrecy-marking", 1, text.index("本纪要") + 1)]
    assert counted.runs <= text.count("内") + 4  # 内 of 内容 (a possible start of 内部资料), then 为绝密


def test_bracket_matching_looks_at_each_closing_bracket_once() -> None:
    line = "[" * 100_000 + "]: x " + "[a]" * 1000
    tail = Counted(re.compile(r":\s*\S+"))
    spans = bracket_matches(line, "[", tail)  # type: ignore[arg-type]
    assert tail.runs == 1001 and len(spans) == 100_000 and spans[0] == (0, 100_004)
    other = Counted(typography._MASK)
    assert leftmost(line, spans, other) == [(0, 100_004)]  # type: ignore[arg-type]
    assert other.runs == 1


def test_merging_runs_the_other_pattern_once_per_match() -> None:
    line = "`a` [b]: c " * 20_000
    other = Counted(typography._MASK)
    found = leftmost(line, bracket_matches(line, "[", typography._REFERENCE_TAIL), other)  # type: ignore[arg-type]
    assert len(found) == 40_000 and other.runs <= 20_001
    assert typography._masked(line) == ORIGINAL_MASK.sub(lambda m: " " * len(m.group()), line)
