"""Review of the content-screening change (issue 5): failing tests that show bugs.

Each test states what should hold; each fails on the code under review.
"""

from __future__ import annotations

from pathlib import Path

import docx
from gitsite import MKDOCS, GitSite, article
from govreview.core.policy import Screening
from govreview.core.screen import screen
from govreview.policy_yaml import load_policy
from govreview.screen_content import text_content
from govreview.screen_files import lint_lines, screen_file
from test_screening_gate import BASE

FM = "---\ntitle: 标题\n---\n"
ID = "110105199003071239"  # a valid resident ID number (check digit correct)


def _site(root: Path, mkdocs: str = MKDOCS) -> GitSite:
    return GitSite(root, mkdocs=mkdocs)


# -- fail-open: build inputs whose text reaches the site unscreened ------------------------


def test_a_snippet_with_an_unusual_suffix_is_screened(tmp_path):
    """pymdownx.snippets includes any file; a marking in snippets/notice.inc reaches the page."""
    mk = MKDOCS + "markdown_extensions:\n  - pymdownx.snippets:\n      base_path: [snippets]\n"
    s = _site(tmp_path, mk)
    s.write("snippets/notice.inc", "秘密★1年\n")
    s.write("docs/news/a.md", article("动态", '--8<-- "notice.inc"\n'))
    s.commit("x")
    s.merge(["mkdocs.yml", "policies/site.yml", "snippets/notice.inc"], ["gui"], secrecy=None)
    s.approve_page("docs/index.md")
    s.approve_page("docs/news/a.md")
    s.build()
    assert "秘密★" not in (s.html("news/a/index.html") or "")


def test_yaml_unicode_escapes_in_mkdocs_yml_are_screened(tmp_path):
    r"""copyright: "\U000079D8\U00005BC6★" is shown as 秘密★ in every page's footer."""
    s = _site(tmp_path, MKDOCS + 'copyright: "\\U000079D8\\U00005BC6★"\n')
    s.commit("x")
    s.approve_inputs()
    s.approve_page("docs/index.md")
    s.build()
    assert "秘密★" not in (s.html("index.html") or "")


def test_text_files_of_other_kinds_in_docs_are_not_published_unscreened(tmp_path):
    """.xhtml (rendered by browsers), .rtf, files without a suffix ... in docs/ get no finding at all."""
    s = _site(tmp_path)
    paths = ["docs/news/n.xhtml", "docs/news/n.rtf", "docs/news/NOTICE", "docs/news/n.tsv"]
    for p in paths:
        s.write(p, "秘密★1年\n")
    s.commit("x")
    s.merge(paths, ["gui", "hana", "dong"])
    s.approve_inputs()
    s.approve_page("docs/index.md")
    s.build()
    published = [p for p in paths if s.html(p.removeprefix("docs/")) is not None]
    assert published == []


def test_files_under_policies_used_as_theme_or_snippets_are_screened(tmp_path):
    """Only the policy's own YAML names the words screening looks for; the whole folder is exempt."""
    mk = MKDOCS.replace("  font: false\n", "  font: false\n  custom_dir: policies/theme\n")
    s = _site(tmp_path, mk)
    s.write("policies/theme/main.html", '{% extends "base.html" %}\n{% block announce %}绝密★长期{% endblock %}\n')
    s.commit("x")
    s.merge(["mkdocs.yml", "policies/site.yml", "policies/theme/main.html"], ["gui"], secrecy=None)
    s.approve_page("docs/index.md")
    s.build()
    assert "绝密★长期" not in (s.html("index.html") or "")


# -- personal numbers printed in full ------------------------------------------------------


def test_hidden_text_and_document_properties_never_print_personal_numbers(tmp_path):
    d = docx.Document()
    p = d.add_paragraph("公开内容。")
    run = p.add_run(f"身份证{ID}")
    run.font.hidden = True
    d.core_properties.author = "张三 13812345678"
    path = tmp_path / "h.docx"
    d.save(path)
    out = "\n".join(lint_lines([screen_file(path, None)], "zh"))
    assert ID not in out and "13812345678" not in out, out


def test_number_format_findings_do_not_spell_out_a_masked_mobile_number():
    findings = screen(text_content("a.md", FM + "联系手机：１３８－１２３４－５６７８\n"), Screening())
    shown = "".join(str(f.params.get("new", "")) for f in findings if f.code == "number-format")
    assert "1234" not in shown, [(f.code, f.params) for f in findings]


# -- policy settings the guide documents ---------------------------------------------------


def test_accept_label_alone_keeps_the_default_role():
    """guide/screening.md: role defaults to the secrecy reviewer."""
    policy = load_policy({"policies/p.yml": BASE + "  accept: {label: 已核实}\n"})
    assert policy.screening.accept_label == "已核实" and policy.screening.accept_role is None


def test_accept_role_alone_keeps_the_default_label():
    policy = load_policy({"policies/p.yml": BASE + "  accept: {role: web}\n"})
    assert policy.screening.accept_label == "提示已核实" and policy.screening.accept_role == "web"


# -- evasions in the same class as those the engine handles --------------------------------


def test_bdo_right_to_left_is_read_as_shown():
    """<bdo dir="rtl"> reverses like U+202E, which the engine handles."""
    findings = screen(text_content("a.md", FM + '<bdo dir="rtl">年1★密秘</bdo>\n'), Screening())
    assert any(f.code == "secrecy-marking" for f in findings)


def test_javascript_code_point_escapes_are_decoded():
    r"""\u673a is decoded; ES2015's \u{673a} in a page's script is not."""
    findings = screen(text_content("a.md", FM + "<script>document.write('\\u{79d8}\\u{5bc6}\\u{2605}')</script>\n"), Screening())
    assert any(f.code == "secrecy-marking" for f in findings)


def test_template_and_noscript_do_not_split_a_marking():
    for body in ("本件 秘<template>x</template>密★1年\n", "本件 秘<noscript>x</noscript>密★1年\n"):
        findings = screen(text_content("a.md", FM + body), Screening())
        assert any(f.code == "secrecy-marking" for f in findings), body
