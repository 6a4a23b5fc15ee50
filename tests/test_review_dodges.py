"""Ways an editor could dodge a rule by how a page is written, found in review: each one on a
real git site with a real ``mkdocs build`` — the page must not reach the site."""

from __future__ import annotations

import json

import pytest
from gitsite import GitSite, article

SPELLING = """\
version: 1
site: {name: 测试大学, publisher: 测试大学}
units:
  office: 党政办公室
roles:
  head: {name: 单位负责人, units: {office: [hana]}}
  secrecy_office: {name: 保密委员会办公室, members: [mi]}
  deputy: {name: 分管校领导, members: [dong]}
  chief: {name: 校长, members: [zhu]}
  secrecy: {name: 保密审查员, members: [bao]}
  owners: {name: 规则负责人, members: [gui]}
  committee: {name: 保密委员会, members: [wei]}
secrecy: {label: 保密审查通过, role: secrecy}
screening: {clear: {role: committee}}
fields:
  touches_secrecy: 涉及保密事项
  level: {name: 会议级别, choices: [重要, 一般]}
categories:
  notice:
    name: 通知
    rules: [R-15]
    steps:
      - role: head
      - when: {touches_secrecy: true}
        rule: R-03
        steps: [{role: secrecy_office}]
        otherwise: [{role: deputy}]
  meeting:
    name: 会议
    rules: [R-15]
    steps:
      - role: head
      - when: {level: 重要}
        steps: [{role: chief}]
  policy:
    name: 规则与配置
    secrecy_review: false
    steps: [{role: owners}]
columns:
  .: {name: 首页, category: notice, unit: office}
  notices: {name: 通知公告, category: notice, unit: office}
  meetings: {name: 会议, category: meeting, unit: office}
"""

#: page -> (front matter, approvers): each is approved for the branch NOT taken by its meaning.
DODGES: dict[str, tuple[dict[str, object], list[tuple[str, str]]]] = {
    # the condition's field written under its declared display name
    "notices/by-name.md": ({"涉及保密事项": "true"}, [("approve", "hana"), ("approve", "dong"), ("label", "bao")]),
    # the condition's value with a space the choices check forgives
    "meetings/spaced.md": ({"level": '"重要 "'}, [("approve", "hana"), ("label", "bao")]),
    # an invisible character, or a full-width form, inside the value (the field has no choices)
    "meetings/zero-width.md": ({"level": '"重\u200b要"'}, [("approve", "hana"), ("label", "bao")]),
    "meetings/full-width.md": ({"level": '"重要\u3000"'}, [("approve", "hana"), ("label", "bao")]),
    "meetings/by-name.md": ({"会议级别": "重要"}, [("approve", "hana"), ("label", "bao")]),
}
LAWFUL = {
    "notices/plain.md": ({"touches_secrecy": "false"}, [("approve", "hana"), ("approve", "dong"), ("label", "bao")]),
    "meetings/major.md": ({"会议级别": "重要"}, [("approve", "hana"), ("approve", "zhu"), ("label", "bao")]),
}


@pytest.fixture(scope="module")
def spelled(tmp_path_factory: pytest.TempPathFactory) -> tuple[GitSite, dict[str, dict]]:
    s = GitSite(tmp_path_factory.mktemp("spelling"), policy=SPELLING)
    s.approve_inputs()
    s.merge_in_turn(["docs/index.md"], [("approve", "hana"), ("approve", "dong")])
    for rel, (meta, turns) in {**DODGES, **LAWFUL}.items():
        s.write(f"docs/{rel}", article(f"页面 {rel}", **meta))
        s.commit(rel)
        s.merge_in_turn([f"docs/{rel}"], turns)
    result = s.build()
    assert result.returncode == 0, result.log
    report = json.loads((s.root / ".govreview" / "report.json").read_text(encoding="utf-8"))
    return s, {f["path"]: f for f in report["files"]}


@pytest.mark.parametrize("rel", sorted(DODGES))
def test_a_condition_cannot_be_dodged_by_how_the_field_is_spelled(spelled: tuple[GitSite, dict[str, dict]], rel: str) -> None:
    site, files = spelled
    assert site.html(rel.removesuffix(".md") + "/index.html") is None, files[rel]
    assert not files[rel]["approved"] and "step_missing" in [r["code"] for r in files[rel]["reasons"]], files[rel]["reasons"]


@pytest.mark.parametrize("rel", sorted(LAWFUL))
def test_a_field_written_by_its_display_name_takes_its_branch(spelled: tuple[GitSite, dict[str, dict]], rel: str) -> None:
    site, files = spelled
    assert files[rel]["approved"], files[rel]["reasons"]
    assert site.html(rel.removesuffix(".md") + "/index.html") is not None


# -- the rendered text: what a browser shows is what screening reads --------------------------

ID_NUMBER = "11010519491231002X"  # a valid check digit
#: Digits as character references: the source shows no number, a visitor does.
ENTITY_ID = "".join(f"&#{ord(c)};" for c in ID_NUMBER)
#: Raw HTML a browser shows the number in, and the old reader did not read.
HIDING = {
    "comment-abrupt": f"<!-->{ENTITY_ID}<!-- -->\n\n正文。",
    "comment-abrupt-dash": f"<p><!--->{ENTITY_ID}<!-- 注 --></p>",
    "cdata": f"段落<![CDATA[x>{ENTITY_ID}]]>",
    "quote-in-name": f'<div a"b>{ENTITY_ID}<span c"d>。</span></div>',
    "script-end": f"<script></script x>{ENTITY_ID}<script></script>",
    "noscript": f"<noscript>{ENTITY_ID}</noscript>",
    "input-value": f'<p><input type="button" value="{ENTITY_ID}"></p>',
    "textarea": f'<textarea><b data-x="{ENTITY_ID}"></textarea>',
}


@pytest.mark.parametrize("name", sorted(HIDING))
def test_the_rendered_text_reads_what_a_browser_shows(name: str) -> None:
    import markdown
    from govreview.core.html_text import visible_text

    html = markdown.markdown(HIDING[name], extensions=["toc", "tables", "fenced_code", "attr_list", "md_in_html"])
    assert ID_NUMBER in visible_text(html), html


def test_hidden_parts_stay_unread() -> None:
    from govreview.core.html_text import visible_text

    text = visible_text("<p>a<!-- 机密★ -->b<!---->c</p><script>x='绝密★'</script ><style>p{}</style><template>秘密★</template>d")
    assert text == "a b c\nd", text


def test_markup_a_browser_shows_cannot_carry_a_number_past_the_published_build(tmp_path) -> None:
    from test_snapshot_attacks import approved_site, govreview, published

    pages = {f"docs/news/{name}.md": article(f"隐藏页{name}", body) for name, body in HIDING.items()}
    site = approved_site(tmp_path, pages={"docs/news/ok.md": article("已审批的动态", "本周开展培训。"), **pages})
    result = govreview(site, "build")
    assert result.returncode == 0, result.stderr + result.stdout
    text = published(site)
    assert "已审批的动态" in text
    assert [name for name in HIDING if f"隐藏页{name}" in text] == [], "no page showing the number reaches the site"


# -- the preview imports nothing from the checkout ----------------------------------------------


def test_a_namespace_package_of_the_checkout_is_never_imported_by_the_check(tmp_path, monkeypatch) -> None:
    from fakegithub import FakeGitHub
    from gitsite import MKDOCS, POLICY
    from govreview.checkpr import check_pull
    from test_check_pr import forge

    marker = tmp_path / "imported"
    (tmp_path / "localns").mkdir()  # no __init__.py: a namespace package, which has no origin
    (tmp_path / "localns" / "ext.py").write_text(f"open({str(marker)!r}, 'w').write('x')\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.syspath_prepend(str(tmp_path))
    with FakeGitHub() as fake:
        repo = fake.repo("city/site")
        mkdocs = MKDOCS + "markdown_extensions:\n  - localns.ext\n"
        repo.push("main", {"mkdocs.yml": mkdocs, "policies/site.yml": POLICY, "docs/index.md": article("首页")}, actor="admin")
        pr = repo.open_pull("ed", "news", files={"docs/news/a.md": article("动态", "正文。")})
        check = check_pull(forge(fake), pr.number)
    assert not marker.exists(), "a module of the checkout is never imported"
    assert any("localns" in n and "markdown_extensions" in n for n in check.notices), check.notices


#: Python-Markdown recurses once per level of a nested list: this page exceeds Python's limit.
DEEP = "- " * 3000 + "x"


def test_a_page_the_preview_cannot_render_is_screened_from_its_source_not_a_traceback(tmp_path) -> None:
    from fakegithub import FakeGitHub
    from gitsite import MKDOCS, POLICY
    from govreview.checkpr import check_pull
    from test_check_pr import forge

    with FakeGitHub() as fake:
        repo = fake.repo("city/site")
        repo.push("main", {"mkdocs.yml": MKDOCS, "policies/site.yml": POLICY, "docs/index.md": article("首页")}, actor="admin")
        pr = repo.open_pull("ed", "news", files={"docs/news/deep.md": article("嵌套", f"{DEEP}\n\n身份证号 {ID_NUMBER}\n")})
        check = check_pull(forge(fake), pr.number)
    (verdict,) = check.verdicts
    assert any(r.params.get("check") == "id-number" for r in verdict.reasons), "the source is screened"
    assert any("news/deep.md" in n and "渲染" in n for n in check.notices), check.notices


def test_govreview_check_says_which_draft_it_could_not_render(tmp_path) -> None:
    from test_snapshot_attacks import approved_site, govreview

    site = approved_site(tmp_path)
    site.write("docs/news/deep.md", article("嵌套", DEEP))
    result = govreview(site, "check")
    assert "Traceback" not in result.stderr, result.stderr[-2000:]
    assert "news/deep.md" in result.stderr and "渲染" in result.stderr, result.stderr[-2000:]


# -- a cleared finding does not carry a second one the rendered text shows ------------------------

SAMPLE_ID = "440524198001010013"  # shown in the source: the committee clears it as a sample
#: A second number, split by a link: only the rendered text shows it, on the same line.
HIDDEN_ID = "1101051990[0307](#)1239"


def test_clearing_a_finding_does_not_publish_another_one_on_its_line(tmp_path) -> None:
    from dataclasses import replace
    from datetime import timedelta

    from govreview.core.clearing import clear_line
    from govreview.core.evidence import Review
    from govreview.core.findings import Finding
    from test_snapshot_attacks import approved_site, govreview, published

    body = f"示例号码：{SAMPLE_ID}，联系人：{HIDDEN_ID}"
    site = approved_site(tmp_path, pages={"docs/news/two.md": article("两个号码", body)})
    first = govreview(site, "build")
    assert first.returncode == 0, first.stderr + first.stdout
    report = json.loads((site.root / ".govreview" / "report.json").read_text(encoding="utf-8"))
    reasons = next(f for f in report["files"] if f["path"] == "news/two.md")["reasons"]
    shown = next(r for r in reasons if r["code"] == "screen_block" and "〔rendered〕" not in r["message"])
    finding = Finding("id-number", "block", "R-21", shown["line"], shown["col"], {"excerpt": "440*************13"})
    line = clear_line(finding, "docs/news/two.md")
    assert line in shown["message"]

    pull = site.pulls[-1]  # the committee clears the sample number only
    cleared = Review("wei", "COMMENTED", pull.head, pull.merged_at - timedelta(minutes=5), 77, line, edited=False)
    site.pulls[-1] = replace(pull, reviews=(*pull.reviews, cleared))
    site.save_archive()
    again = govreview(site, "build")
    assert again.returncode == 0, again.stderr + again.stdout
    assert "两个号码" not in published(site), "the hidden number was never shown to anyone, nor cleared"


# -- a decimal point does not hide a number on a page -------------------------------------------


def test_a_decimal_point_does_not_hide_a_number_on_a_page(tmp_path) -> None:
    from test_snapshot_attacks import approved_site, govreview, published

    pages = {
        "docs/news/point-id.md": article("证件页", f"证件号码：0.{ID_NUMBER}"),
        "docs/news/point-split.md": article("拆开页", f"证件号码：0.{SPLIT_ID}"),
    }
    site = approved_site(tmp_path, pages={"docs/news/ok.md": article("已审批的动态", "数值 0.5 与 2.75。"), **pages})
    result = govreview(site, "build")
    assert result.returncode == 0, result.stderr + result.stdout
    text = published(site)
    assert "已审批的动态" in text and "证件页" not in text and "拆开页" not in text


#: The same number split by a link: the source shows no number, the page shows one.
SPLIT_ID = "1101051949[1231](#)002X"


# -- a title written with character references ---------------------------------------------------


def test_a_title_written_with_character_references_is_read_as_a_visitor_reads_it(tmp_path) -> None:
    from test_snapshot_attacks import approved_site, govreview, published

    title = f'"联系人证件：{ENTITY_ID}"'  # the browser tab shows the number itself
    site = approved_site(tmp_path, pages={"docs/news/ok.md": article("已审批的动态"), "docs/news/t.md": article(title, "正文。")})
    result = govreview(site, "build")
    assert result.returncode == 0, result.stderr + result.stdout
    text = published(site)
    assert "已审批的动态" in text and "联系人证件" not in text, "the page is withheld, and no listing names it"


# -- an ID number written right after Chinese text ---------------------------------------------


def test_an_id_number_ending_in_x_right_after_chinese_text_is_found(tmp_path) -> None:
    from test_snapshot_attacks import approved_site, govreview, published

    site = approved_site(
        tmp_path,
        pages={"docs/news/ok.md": article("已审批的动态"), "docs/news/glued.md": article("人员信息", f"身份证号{ID_NUMBER}，联系人张三。")},
    )
    result = govreview(site, "build")
    assert result.returncode == 0, result.stderr + result.stdout
    text = published(site)
    assert "已审批的动态" in text and "人员信息" not in text and ID_NUMBER not in text
    report = json.loads((site.root / ".govreview" / "report.json").read_text(encoding="utf-8"))
    (reason,) = next(f for f in report["files"] if f["path"] == "news/glued.md")["reasons"]
    assert (reason["code"], reason["line"], reason["col"]) == ("screen_block", 7, 5), reason


# -- a condition's value the field can never take -------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("      - when: {level: 重要}\n", "      - when: {level: 重耍}\n"),  # a conditional step
        ("  policy:\n", "    escalations:\n      - when: {level: 重耍}\n        steps: [{role: chief}]\n  policy:\n"),  # an escalation
    ],
)
def test_a_condition_value_that_is_not_a_choice_is_a_policy_mistake(old: str, new: str) -> None:
    from pathlib import Path

    from govreview.policy_yaml import load_policy
    from govreview.policy_yaml.problems import PolicyError

    text = SPELLING.replace(old, new, 1)
    assert text != SPELLING
    with pytest.raises(PolicyError) as err:
        load_policy({"policies/site.yml": text}, base=Path("."))
    (problem,) = err.value.problems
    line = next(i for i, row in enumerate(text.splitlines(), 1) if "重耍" in row)
    assert problem.line == line and "重耍" in problem.text("zh") and "重要" in problem.text("zh"), problem.text("zh")
