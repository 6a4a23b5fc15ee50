"""The website office's loop: write policies/, read the problem, fix it.

Each common mistake is made once on the valid BASE policy of test_policy_yaml.py and
the problem is checked for what the office reads: the file relative to the site, the
line where the mistake is, the Chinese message, and the hint that says how to fix it.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from govreview.core.page import SourceFile, resolve_page
from govreview.core.verdict import PAGE
from govreview.messages import render, say
from govreview.messages.policy import MESSAGES
from govreview.policy_yaml import PolicyError, PolicyProblem, load_calendar_file, load_policy, load_policy_dir
from govreview.review import open_review
from test_policy_yaml import BASE, NAME, edit

CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(autouse=True)
def chinese(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GOVREVIEW_LANG", raising=False)


def problems_of(text: str, name: str = NAME) -> list[PolicyProblem]:
    with pytest.raises(PolicyError) as info:
        load_policy({name: text})
    return info.value.problems


def one(text: str) -> PolicyProblem:
    found = problems_of(text)
    assert len(found) == 1, [str(p) for p in found]
    return found[0]


def hint_zh(problem: PolicyProblem) -> str:
    assert problem.hint is not None, f"no hint: {problem}"
    return say(problem.hint, "zh")


# -- the file is named as it is in the repository ---------------------------------------


def make_site(root: Path, folder: str, text: str) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "mkdocs.yml").write_text("site_name: 测试\n", encoding="utf-8")
    policies = root / folder
    policies.mkdir(parents=True)
    (policies / "site.yml").write_text(text, encoding="utf-8")
    return policies


@pytest.mark.parametrize("folder", ["policies", "config/rules"])
def test_problem_names_the_file_relative_to_the_site_from_any_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, folder: str
) -> None:
    site = tmp_path / "site"
    policies = make_site(site, folder, edit("      - role: leader\n", "      - role: leadr\n"))
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    for cwd in (elsewhere, site / folder, site):
        monkeypatch.chdir(cwd)
        with pytest.raises(PolicyError) as info:
            load_policy_dir(policies)
        (problem,) = info.value.problems
        assert (problem.file, problem.line) == (f"{folder}/site.yml", 31)
        assert str(info.value).startswith(f"{folder}/site.yml:31: ")


def test_the_plugins_review_names_policies_site_yml_not_policies_policies(tmp_path: Path) -> None:
    # open_review is given the policy folder itself; it used to show …/policies/policies/site.yml
    policies = make_site(tmp_path, "policies", edit("        count: 1", "        count: 0"))
    with pytest.raises(PolicyError) as info:
        open_review(tmp_path, policies, tmp_path / "archive" / "approvals.jsonl")
    (problem,) = info.value.problems
    assert (problem.file, problem.line) == ("policies/site.yml", 32)
    assert "policies/policies" not in str(info.value)


def test_files_given_with_their_folders_parent_are_named_the_same(tmp_path: Path) -> None:
    policies = make_site(tmp_path, "rules", edit("        count: 1", "        count: 0"))
    text = (policies / "site.yml").read_text(encoding="utf-8")
    for base in (policies, tmp_path):
        with pytest.raises(PolicyError) as info:
            load_policy({"rules/site.yml": text}, base)
        assert [p.file for p in info.value.problems] == ["rules/site.yml"]


def test_calendar_file_is_named_relative_to_the_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    policies = make_site(tmp_path, "policies", BASE)
    (policies / "calendar.yml").write_text("calendar:\n  holidays: [2027-01-02]\n", encoding="utf-8")
    monkeypatch.chdir(policies)
    with pytest.raises(PolicyError) as info:
        load_calendar_file(policies / "calendar.yml")
    (problem,) = info.value.problems
    assert (problem.file, problem.line) == ("policies/calendar.yml", 2)
    assert "周末" in problem.message


def test_a_missing_section_names_the_policy_folder(tmp_path: Path) -> None:
    policies = make_site(tmp_path, "config/rules", edit("secrecy:\n  label: 保密审查通过\n  role: secrecy_reviewer\n", ""))
    with pytest.raises(PolicyError) as info:
        load_policy_dir(policies)
    (problem,) = info.value.problems
    assert (problem.file, problem.line) == ("config/rules/", None)
    assert "secrecy" in problem.message


# -- YAML the parser cannot read: Chinese, the line of the mistake, a hint -----------------

SYNTAX = [
    pytest.param("    name: 工作动态\n", "\tname: 工作动态\n", 28, "制表符", "换成空格", id="tab"),
    pytest.param("    name: 工作动态\n    steps:", "    name: 工作动态\n   steps:", 29, "缩进与上文不一致", "空格数", id="indent-less"),
    pytest.param(
        "      office: [li-qiang]\n", "      office: [li-qiang]\n     - extra\n", 13, "缩进与上文不一致", "空格数", id="indent-list"
    ),
    pytest.param("  name: 测试市人民政府\n", "  name: 测试: 市人民政府\n", 3, "冒号", "加上引号", id="colon-in-value"),
    pytest.param("  name: 测试市人民政府\n", "  name：测试市人民政府\n", 3, "中文冒号", "英文冒号", id="chinese-colon"),
    pytest.param(
        "  name: 测试市人民政府\n", "  name:测试市人民政府\n", 3, "冒号后面缺少空格", "英文冒号加一个空格", id="colon-without-space"
    ),
    pytest.param("  name: 测试市人民政府\n", "  name 测试市人民政府\n", 3, "缺少键和值之间的冒号", "英文冒号", id="missing-colon"),
    pytest.param("  label: 保密审查通过", '  label: "保密审查通过', 24, "引号没有闭合", "补上同样的引号", id="unclosed-quote"),
    pytest.param("      office: [li-qiang]", "      office: [li-qiang", 12, "没有闭合", "成对", id="unclosed-bracket"),
    pytest.param("  label: 保密审查通过", '  label: "保密\\审查通过"', 24, "反斜杠", "单引号", id="bad-escape"),
    pytest.param("  label: 保密审查通过", "  label: @保密审查通过", 24, "不能以“@”开头", "加上引号", id="reserved-character"),
    pytest.param("columns:", "---\ncolumns:", 39, "第二个文档", "删去 ---", id="two-documents"),
]


@pytest.mark.parametrize(("old", "new", "line", "zh", "hint"), SYNTAX)
def test_yaml_mistake_is_explained_in_chinese_at_its_line_with_a_hint(old: str, new: str, line: int, zh: str, hint: str) -> None:
    problem = one(edit(old, new))
    assert (problem.file, problem.line) == (NAME, line), str(problem)
    assert zh in problem.message
    assert hint in hint_zh(problem)
    for english in ("expected", "found", "token", "while"):
        assert english not in problem.message  # nothing of the parser's English
    assert str(problem).startswith(f"{NAME}:{line}: ")


def test_an_unusual_yaml_error_keeps_the_parsers_words_in_parentheses() -> None:
    problem = one(edit("  label: 保密审查通过", "  label: |x"))
    assert problem.line == 24
    assert problem.message.startswith("YAML 语法错误，无法读取（")
    assert "block scalar" in problem.message  # the original, for whoever has to look further
    assert problem.hint is not None


def test_syntax_messages_in_english_on_request() -> None:
    problem = one(edit("    name: 工作动态\n", "\tname: 工作动态\n"))
    assert problem.text("en") == f"{NAME}:28: YAML syntax error: this line has a tab character. Hint: {say(problem.hint, 'en')}"  # type: ignore[arg-type]
    assert not CJK.search(problem.text("en"))


# -- a key written twice: both lines -----------------------------------------------------


def test_duplicate_key_points_at_the_first_and_the_repeated_line() -> None:
    problem = one(edit("    members: [zhao-min]\n", "    members: [zhao-min]\n    name: 又一个名称\n"))
    assert (problem.file, problem.line) == (NAME, 17)
    assert "“name”" in problem.message and "第 15 行" in problem.message and "第 17 行" in problem.message
    assert "删去其中一处" in hint_zh(problem)


def test_an_entry_defined_in_two_files_names_the_first_file_and_line() -> None:
    with pytest.raises(PolicyError) as info:
        load_policy({"policies/a.yml": BASE, "policies/b.yml": "\nunits:\n  office: 另一个办公室\n"})
    (problem,) = info.value.problems
    assert (problem.file, problem.line) == ("policies/b.yml", 3)
    assert "policies/a.yml:6" in problem.message


# -- a required key left out says so ------------------------------------------------------

MISSING = [
    pytest.param(
        "      - role: leader\n        count: 1\n", "      - count: 1\n", 31, "role", "categories.news.steps[2].role", id="step-role"
    ),
    pytest.param("  publisher: 测试市人民政府办公室\n", "", 2, "publisher", "site.publisher", id="site-publisher"),
    pytest.param("  label: 保密审查通过\n", "", 23, "label", "secrecy.label", id="secrecy-label"),
    pytest.param("    name: 工作动态\n    steps:", "    steps:", 27, "name", "categories.news.name", id="category-name"),
    pytest.param("    unit: planning\n", "", 41, "unit", "columns.plans.unit", id="column-unit"),
    pytest.param("    name: 分管领导\n", "", 14, "name", "roles.leader.name", id="role-name"),
    pytest.param("  planning: 规划处", "  planning: {}", 7, "name", "units.planning.name", id="unit-name"),
]


@pytest.mark.parametrize(("old", "new", "line", "key", "path"), MISSING)
def test_a_missing_required_key_is_named_as_missing(old: str, new: str, line: int, key: str, path: str) -> None:
    problem = one(edit(old, new))  # said once, as missing (not also as "必须是文本")
    assert (problem.file, problem.line) == (NAME, line)
    assert problem.what.code == "policy.missing_key"
    assert problem.message == f"缺少 {key}（{path}）"


def test_deadline_and_escalation_keys_are_required_too() -> None:
    text = edit(
        "    ordered: true\n",
        "    ordered: true\n    deadlines:\n      - {field: date, within: 20}\n    escalations:\n      - when: {leader_instruction: true}\n",
    )
    found = problems_of(text)
    assert sorted((p.line, p.message) for p in found) == [
        (35, "缺少 rule（categories.news.deadlines[1].rule）"),
        (37, "缺少 steps（categories.news.escalations[1].steps）"),
    ]


# -- field names: the page model's, or declared ------------------------------------------


def test_a_misspelt_required_field_is_refused_with_the_closest_name() -> None:
    problem = one(edit("    ordered: true\n", "    ordered: true\n    required_fields: [auther]\n"))
    assert (problem.file, problem.line) == (NAME, 34)
    assert "auther" in problem.message and "不是页面字段" in problem.message
    assert hint_zh(problem).startswith("您是否想写 author？")


@pytest.mark.parametrize(
    ("added", "line", "name", "meant"),
    [
        pytest.param(
            "    escalations:\n      - when: {leader_instuction: true}\n        steps: [{role: leader}]\n",
            35,
            "leader_instuction",
            "leader_instruction",
            id="escalation",
        ),
        pytest.param("    deadlines:\n      - {rule: R-30, field: dat, within: 20}\n", 35, "dat", "date", id="deadline-field"),
        pytest.param(
            "    deadlines:\n      - {rule: R-34, field: asked_on, within: 5, extended_within: 15, extension_field: extension_reasn}\n",
            35,
            "extension_reasn",
            "extension_reason",
            id="extension-field",
        ),
    ],
)
def test_every_field_reference_is_checked(added: str, line: int, name: str, meant: str) -> None:
    problem = one(edit("    ordered: true\n", "    ordered: true\n" + added))
    assert (problem.file, problem.line) == (NAME, line)
    assert name in problem.message
    assert f"您是否想写 {meant}？" in hint_zh(problem)


def test_an_undeclared_custom_field_is_refused_and_the_hint_says_declare_it() -> None:
    problem = one(edit("    ordered: true\n", "    ordered: true\n    required_fields: {approval_ref: R-11}\n"))
    assert "approval_ref" in problem.message
    assert "fields" in hint_zh(problem)


def test_a_declared_custom_field_and_a_chinese_spelling_are_accepted() -> None:
    text = edit("    ordered: true\n", "    ordered: true\n    required_fields: {approval_ref: R-11, 经办人: null}\n")
    policy = load_policy({NAME: text + "fields:\n  approval_ref: 领导审批记录\n"})
    assert policy.categories["news"].required_fields == {"approval_ref": "R-11", "author": None}
    assert policy.fields == {"approval_ref": "领导审批记录"}


def test_declaring_a_built_in_field_is_refused() -> None:
    problem = one(BASE + "fields:\n  author: 经办人\n")
    assert (problem.line, problem.what.code) == (48, "policy.field_built_in")


# -- every unknown name offers the closest known one ---------------------------------------

UNKNOWN = [
    pytest.param("columns:", "colunms:", 39, "columns", id="section"),
    pytest.param("    members: [guo-peng]", "    member: [guo-peng]", 22, "members", id="key"),
    pytest.param("      - role: leader\n", "      - role: leadr\n", 31, "leader", id="role"),
    pytest.param("  role: secrecy_reviewer", "  role: secrecy_reviewr", 25, "secrecy_reviewer", id="secrecy-role"),
    pytest.param("      planning: [chen-hui]", "      plannin: [chen-hui]", 13, "planning", id="unit-in-role"),
    pytest.param("    unit: planning", "    unit: plannning", 44, "planning", id="column-unit"),
    pytest.param("    category: news\n", "    category: newz\n", 43, "news", id="column-category"),
    pytest.param("    unit: planning\n", "    unit: planning\n    categories: [nwes]\n", 45, "news", id="column-categories"),
]


@pytest.mark.parametrize(("old", "new", "line", "meant"), UNKNOWN)
def test_an_unknown_name_offers_the_closest_known_one(old: str, new: str, line: int, meant: str) -> None:
    problem = one(edit(old, new))
    assert problem.line == line
    assert "未知" in problem.message
    assert hint_zh(problem) == f"您是否想写 {meant}？"


def test_a_display_name_where_an_id_belongs_names_the_id() -> None:
    problem = one(edit("      - role: leader\n", "      - role: 分管领导\n"))
    assert hint_zh(problem) == "“分管领导”是显示名称，这里要写它的标识 leader"


def test_an_unknown_check_offers_the_closest_check() -> None:
    problem = one(BASE + "  severity: {red-headr: off}\n")
    assert problem.line == 47 and "red-headr" in problem.message
    assert hint_zh(problem) == "您是否想写 red-header？"


def test_a_column_cannot_offer_the_policy_category() -> None:
    problem = one(edit("    unit: planning\n", "    unit: planning\n    categories: [policy]\n"))
    assert problem.line == 45 and problem.what.code == "policy.column_policy_category"


def test_a_full_width_space_in_a_key_is_pointed_out() -> None:
    found = problems_of(edit("    members: [guo-peng]", "　　members: [guo-peng]"))
    assert any(p.hint is not None and "全角空格" in say(p.hint, "zh") for p in found), [str(p) for p in found]


# -- what a page is told about categories and units ----------------------------------------


def page_reasons(meta: dict[str, object], path: str = "news/a.md") -> list[str]:
    policy = load_policy(
        {
            NAME: BASE.replace(
                "  news: {name: 工作动态, category: news, unit: office}",
                "  news: {name: 工作动态, category: news, unit: office, categories: [news]}",
            )
        }
    )
    source = SourceFile(path, f"docs/{path}", "b1", PAGE, meta, {k: 2 for k in meta})
    info, reasons = resolve_page(source, policy)
    assert info is None
    return [render(r, "zh") for r in reasons]


def test_an_unknown_category_lists_the_choosable_categories_by_chinese_name() -> None:
    (text,) = page_reasons({"title": "t", "category": "动态"}, "plans/a.md")
    assert "工作动态（news）" in text
    assert "policy" not in text and "发布规则与站点配置" not in text


def test_an_unknown_unit_lists_units_by_chinese_name() -> None:
    (text,) = page_reasons({"title": "t", "unit": "规划科"})
    assert "办公室（office）、规划处（planning）" in text


# -- messages are codes -------------------------------------------------------------------


def test_a_policy_problem_carries_a_catalogue_code_rendered_in_either_language() -> None:
    problem = one(edit("      - role: leader\n", "      - role: leadr\n"))
    assert problem.what.code in MESSAGES and problem.hint is not None and problem.hint.code in MESSAGES
    assert str(problem) == problem.text("zh")
    assert CJK.search(problem.text("zh")) and not CJK.search(problem.text("en"))
    assert "unknown role 'leadr'" in problem.text("en") and "did you mean leader?" in problem.text("en")


# -- the guide shows what the loader really says --------------------------------------------

GUIDE = Path(__file__).resolve().parent.parent / "guide" / "policy-language.md"


@pytest.mark.parametrize(
    ("old", "new"),
    [
        pytest.param("    name: 工作动态\n    steps:", "    name: 工作动态\n   steps:", id="indent"),
        pytest.param("    name: 工作动态\n", "\tname: 工作动态\n", id="tab"),
        pytest.param("    members: [zhao-min]\n", "    members: [zhao-min]\n    name: 又一个名称\n", id="duplicate"),
        pytest.param("      - role: leader\n        count: 1\n", "      - count: 1\n", id="missing-role"),
        pytest.param("      - role: leader\n", "      - role: leadr\n", id="unknown-role"),
        pytest.param("    ordered: true\n", "    ordered: true\n    required_fields: [auther]\n", id="unknown-field"),
    ],
)
def test_the_guides_error_examples_are_what_the_loader_says(old: str, new: str) -> None:
    assert str(one(edit(old, new))) in GUIDE.read_text(encoding="utf-8")
