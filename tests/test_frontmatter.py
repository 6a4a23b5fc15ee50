"""Front matter is read exactly as MkDocs reads it, and every case MkDocs lets slide blocks.

"What MkDocs reads" is taken from MkDocs itself: the bytes are written to a file and
read by ``mkdocs.structure.pages.Page.read_source`` (``File.content_string`` then
``mkdocs.utils.meta.get_data``), never re-implemented here.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from govreview.frontmatter import blob_id, read_front_matter
from hypothesis import given, settings
from hypothesis import strategies as st
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File
from mkdocs.structure.pages import Page
from mkdocs.utils.meta import get_data

BOM = b"\xef\xbb\xbf"


def mkdocs_reads(data: bytes) -> tuple[str, str, dict[str, Any]]:
    """(text, markdown body, meta) as MkDocs 1.6 reads a page file holding ``data``."""
    with tempfile.TemporaryDirectory() as tmp:
        docs = Path(tmp, "docs")
        docs.mkdir()
        (docs / "page.md").write_bytes(data)
        config = MkDocsConfig()
        config.load_dict({"site_name": "测试", "docs_dir": str(docs), "site_dir": str(Path(tmp, "site"))})
        errors, _ = config.validate()
        assert not errors
        file = File("page.md", str(docs), str(Path(tmp, "site")), True)
        page = Page(None, file, config)
        page.read_source(config)
        return file.content_string, page.markdown or "", dict(page.meta)


def git_blob_id(data: bytes, cwd: Path) -> str:
    done = subprocess.run(["git", "hash-object", "--stdin"], input=data, capture_output=True, check=True, cwd=cwd)
    return done.stdout.decode("ascii").strip()


# -- blob ids ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(b"", id="empty"),
        pytest.param("---\ntitle: 关于开展防空警报试鸣的通告\n---\n正文\n".encode(), id="utf8-chinese"),
        pytest.param(b"---\r\ntitle: x\r\n---\r\nbody\r\n", id="crlf"),
        pytest.param(BOM + "标题".encode(), id="bom"),
        pytest.param(bytes(range(256)) * 3, id="binary"),
        pytest.param(b"no newline at end", id="no-final-newline"),
        pytest.param("通知".encode("gbk"), id="gbk"),
    ],
)
def test_blob_id_equals_git(data: bytes, tmp_path: Path) -> None:
    assert blob_id(data) == git_blob_id(data, tmp_path)


def test_blob_id_changes_with_one_byte() -> None:
    assert blob_id(b"a\n") != blob_id(b"a\r\n")
    assert blob_id(b"") == "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391"  # git's well-known empty blob


# -- valid pages: the same meta and text as MkDocs -----------------------------------

VALID = [
    pytest.param(b"---\ntitle: x\n---\nbody\n", {"title": "x"}, id="plain"),
    pytest.param(BOM + b"---\ntitle: x\n---\nbody\n", {"title": "x"}, id="bom"),
    pytest.param(b"---\r\ntitle: x\r\nauthor: y\r\n---\r\nbody\r\n", {"title": "x", "author": "y"}, id="crlf"),
    pytest.param(b"---\rtitle: x\r---\rbody\r", {"title": "x"}, id="old-mac-cr"),
    pytest.param(BOM + b"---\r\ntitle: x\r\n...\r\nbody\r\n", {"title": "x"}, id="bom-crlf-dots"),
    pytest.param(b"---\ntitle: x\n...\nbody\n", {"title": "x"}, id="dots-terminator"),
    pytest.param(b"--- \ntitle: x\n---\t\nbody\n", {"title": "x"}, id="trailing-blanks-on-fences"),
    pytest.param(
        "---\n标题: 关于做好汛期防空工作的通知\n作者: 张三\n成文日期: 2026-03-01\n---\n正文\n".encode(),
        {"标题": "关于做好汛期防空工作的通知", "作者": "张三", "成文日期": dt.date(2026, 3, 1)},
        id="chinese-keys-date",
    ),
    pytest.param(
        b"---\ndate: 2026-03-01\nupdated: 2026-03-02 08:30:00\ncount: 3\ndraft: false\ntags: [a, b]\n---\n",
        {"date": dt.date(2026, 3, 1), "updated": dt.datetime(2026, 3, 2, 8, 30), "count": 3, "draft": False, "tags": ["a", "b"]},
        id="typed-values",
    ),
    pytest.param(b"---\ntitle: x\n---\n", {"title": "x"}, id="no-body"),
    pytest.param(b"---\ntitle: x\n---\n\n\n# H\n---\nnot: front matter\n", {"title": "x"}, id="later-rule-is-body"),
    pytest.param(b"---\n\"quoted key\": 1\n'single': 2\n---\n", {"quoted key": 1, "single": 2}, id="quoted-keys"),
]


@pytest.mark.parametrize(("data", "meta"), VALID)
def test_valid_front_matter_matches_mkdocs(data: bytes, meta: dict[str, Any]) -> None:
    text, _, mkdocs_meta = mkdocs_reads(data)
    fm = read_front_matter(data)
    assert fm.problem is None
    assert fm.meta == mkdocs_meta == meta
    assert fm.text == text
    assert get_data(text)[1] == meta
    if meta.get("成文日期") is not None:
        assert type(fm.meta["成文日期"]) is dt.date


def test_body_text_is_what_mkdocs_reads() -> None:
    data = BOM + "---\r\ntitle: 标题\r\n---\r\n\r\n第一段\r\n第二段\r旧式换行\r\n".encode()
    text, markdown, _ = mkdocs_reads(data)
    fm = read_front_matter(data)
    assert fm.text == text == "---\ntitle: 标题\n---\n\n第一段\n第二段\n旧式换行\n"
    assert "\r" not in fm.text and "\ufeff" not in fm.text
    assert markdown == "第一段\n第二段\n旧式换行\n"


KEY = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1, max_size=12)
VALUE = st.one_of(
    # control characters and line separators are left out: PyYAML itself does not round-trip some (U+0085)
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp")), max_size=20),
    st.sampled_from(["关于开展防空警报试鸣的通告", "2026-03-01", "yes", "null", "~", "---", "..."]),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.booleans(),
)


@settings(max_examples=150, deadline=None)
@given(
    mapping=st.dictionaries(KEY, VALUE, max_size=6),
    bom=st.booleans(),
    crlf=st.booleans(),
    dots=st.booleans(),
    body=st.sampled_from(["", "正文\n", "\n# 标题\n\n---\n\nkey: value\n"]),
)
def test_generated_front_matter_matches_mkdocs(mapping: dict[str, Any], bom: bool, crlf: bool, dots: bool, body: str) -> None:
    rendered = yaml.safe_dump(mapping, allow_unicode=True)
    page = "---\n" + rendered + ("...\n" if dots else "---\n") + body
    data = page.encode("utf-8")
    if crlf:
        data = data.replace(b"\n", b"\r\n")
    if bom:
        data = BOM + data
    text, _, mkdocs_meta = mkdocs_reads(data)
    assert mkdocs_meta == mapping  # the generator renders what it means to render
    fm = read_front_matter(data)
    assert fm.problem is None
    assert fm.meta == mkdocs_meta
    assert fm.text == text


# -- what blocks ----------------------------------------------------------------------

SYNTAX = [
    pytest.param(b"---\ntitle: x\nauthor: a: b\n---\nbody\n", 3, id="colon-in-plain-scalar"),
    pytest.param(BOM + b"---\r\ntitle: x\r\nauthor: a: b\r\n---\r\nbody\r\n", 3, id="bom-crlf"),
    pytest.param("---\ntitle: 标题\nauthor: 张三\ntags:\n  - a\n - b\n---\n".encode(), 6, id="bad-indent"),
    pytest.param(b"---\ntitle: x\n\tauthor: y\n---\n", 3, id="tab-indent"),
    # the quote is only found unclosed at the closing fence; the bad line is where it opens
    pytest.param(b'---\ntitle: "abc\nauthor: x\n---\nbody\n', 2, id="unterminated-quote"),
]


@pytest.mark.parametrize(("data", "line"), SYNTAX)
def test_yaml_syntax_error_blocks_with_file_line(data: bytes, line: int) -> None:
    _, _, mkdocs_meta = mkdocs_reads(data)
    assert mkdocs_meta == {}  # MkDocs would silently publish without metadata
    fm = read_front_matter(data)
    assert fm.meta is None
    assert fm.problem is not None
    assert fm.problem.code == "front_matter_syntax"
    assert fm.problem.line == line
    assert fm.problem.params["detail"]


NOT_MAPPING = [
    pytest.param(b"---\n- a\n- b\n---\nbody\n", id="list"),
    pytest.param(b"---\njust a sentence\n---\nbody\n", id="scalar"),
    pytest.param("---\n标题：关于防空演练的通知\n---\n正文\n".encode(), id="full-width-colon"),
    pytest.param(b"---\n42\n---\n", id="number"),
    pytest.param(b"---\n\n---\nbody\n", id="empty"),
    pytest.param(b"---\n# only a comment\n---\nbody\n", id="comment-only"),
]


@pytest.mark.parametrize("data", NOT_MAPPING)
def test_front_matter_that_is_not_a_mapping_blocks(data: bytes) -> None:
    _, _, mkdocs_meta = mkdocs_reads(data)
    assert mkdocs_meta == {}  # MkDocs ignores it silently: we must not
    fm = read_front_matter(data)
    assert fm.meta is None
    assert fm.problem is not None
    assert fm.problem.code == "front_matter_not_mapping"
    assert fm.problem.line == 2


MISSING = [
    pytest.param(b"", id="empty-file"),
    pytest.param("# 关于防空演练的通知\n\n正文\n".encode(), id="heading-only"),
    pytest.param(b"\n---\ntitle: x\n---\n", id="blank-line-before-fence"),
    pytest.param(b"---\ntitle: x\n\nbody\n", id="lone-opening-fence"),
    pytest.param(b"---\ntitle: x\n---", id="closing-fence-without-newline"),
    pytest.param(b"---\n", id="only-a-fence"),
]


@pytest.mark.parametrize("data", MISSING)
def test_no_front_matter_blocks(data: bytes) -> None:
    _, _, mkdocs_meta = mkdocs_reads(data)
    assert mkdocs_meta == {}
    fm = read_front_matter(data)
    assert fm.meta is None
    assert fm.problem is not None
    assert fm.problem.code == "front_matter_missing"
    assert fm.problem.line == 1
    assert fm.text == mkdocs_reads(data)[0]


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(b"Title: x\nAuthor: y\n\n# body\n", id="two-keys"),
        pytest.param("title: 关于防空演练的通知\n\n正文\n".encode(), id="chinese-value"),
        pytest.param(b"Title: x\n    continued\n\nbody\n", id="continuation"),
    ],
)
def test_multimarkdown_meta_without_fences_blocks(data: bytes) -> None:
    _, _, mkdocs_meta = mkdocs_reads(data)
    assert mkdocs_meta  # MkDocs accepts MultiMarkdown meta: we do not
    fm = read_front_matter(data)
    assert fm.meta is None
    assert fm.problem is not None
    assert fm.problem.code == "front_matter_mmd"
    assert fm.problem.line == 1


def test_some_gbk_bytes_happen_to_be_utf8() -> None:
    # "通知" in GBK is valid UTF-8 (mojibake, not an error): only undecodable bytes can be caught
    assert "通知".encode("gbk").decode("utf-8") != "通知"
    assert read_front_matter(b"---\ntitle: " + "通知".encode("gbk") + b"\n---\n").problem is None


ENCODING = [
    pytest.param("---\ntitle: 关于防空演练的通知\n---\n".encode("gbk"), 2, id="gbk-title"),
    pytest.param("---\ntitle: x\n---\n\n正文\n".encode("gbk"), 5, id="gbk-body"),
    pytest.param("标题".encode("gbk"), 1, id="gbk-first-line"),
    pytest.param(b"---\r\ntitle: x\r\n---\r\n" + "正文".encode("gbk"), 4, id="gbk-crlf"),
    pytest.param(BOM + "---\ntitle: 关于防空演练的通知\n---\n".encode("gbk"), 2, id="bom-then-gbk"),
    pytest.param(b"---\ntitle: x\n---\n\xff\n", 4, id="stray-byte"),
    # the BOM is not part of the text, but it is part of the file: lines still count from its start
    pytest.param(BOM + b"---\ntitle: x\n---\n" + "正文".encode("gbk"), 4, id="bom-then-gbk-at-line-start"),
]


@pytest.mark.parametrize(("data", "line"), ENCODING)
def test_non_utf8_blocks_with_line_of_first_bad_byte(data: bytes, line: int) -> None:
    with pytest.raises(UnicodeDecodeError):
        mkdocs_reads(data)  # MkDocs itself would stop the build with a traceback
    fm = read_front_matter(data)
    assert fm.text is None and fm.meta is None
    assert fm.problem is not None
    assert fm.problem.code == "encoding"
    assert fm.problem.line == line


# -- key lines ---------------------------------------------------------------------------


def test_lines_map_keys_to_file_lines() -> None:
    data = (
        BOM
        + (
            "---\r\n"  # 1
            "# 注释\r\n"  # 2
            "标题: 关于防空演练的通知\r\n"  # 3
            "author: 张三\r\n"  # 4
            "tags:\r\n"  # 5
            "  - a\r\n"  # 6
            "  - nested: no\r\n"  # 7
            "\r\n"  # 8
            '"成文日期": 2026-03-01\r\n'  # 9
            "summary: |\r\n"  # 10
            "  fake: line\r\n"  # 11
            "---\r\n"  # 12
            "draft: body\r\n"  # 13
        ).encode()
    )
    fm = read_front_matter(data)
    assert fm.problem is None
    assert set(fm.meta or {}) == {"标题", "author", "tags", "成文日期", "summary"}
    assert fm.lines == {"标题": 3, "author": 4, "tags": 5, "成文日期": 9, "summary": 10}


def test_a_field_written_twice_blocks_instead_of_keeping_the_last_value() -> None:
    fm = read_front_matter("---\ntitle: 甲\ncategory: 转载\ncategory: 工作动态\n---\n正文\n".encode())
    assert fm.meta is None and fm.problem is not None
    assert (fm.problem.code, fm.problem.line, fm.problem.params["field"]) == ("front_matter_duplicate", 4, "category")


def test_keys_that_collide_as_text_block() -> None:
    fm = read_front_matter('---\ntitle: 甲\n1: a\n"1": b\n---\n'.encode())
    assert fm.meta is None and fm.problem is not None


def test_the_front_matter_pattern_and_markdown_suffixes_are_mkdocs_own():
    # Spelled in govreview so that judging does not import MkDocs; they must stay MkDocs'.
    import mkdocs.utils
    import mkdocs.utils.meta
    from govreview.frontmatter import MARKDOWN_SUFFIXES, YAML_RE

    assert YAML_RE.pattern == mkdocs.utils.meta.YAML_RE.pattern
    assert YAML_RE.flags == mkdocs.utils.meta.YAML_RE.flags
    assert set(MARKDOWN_SUFFIXES) == set(mkdocs.utils.markdown_extensions)
