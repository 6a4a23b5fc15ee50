"""The policy loader: policies/*.yml (ruamel.yaml) into the typed policy model.

Every invalid fixture is the small valid BASE policy below with one edit, so the
expected line numbers can be read off BASE's numbered lines.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from govreview.core.policy import POLICY_CATEGORY, Column, Policy, Role
from govreview.policy_yaml import PolicyError, PolicyProblem, load_policy, load_policy_dir, policy_id

SHIPPED = Path(__file__).resolve().parent.parent / "policies"
NAME = "policies/site.yml"
CJK = re.compile(r"[\u4e00-\u9fff]")

# Line numbers (1-based) are given on the right; tests refer to them.
BASE = """\
version: 1
site:
  name: 测试市人民政府
  publisher: 测试市人民政府办公室
units:
  office: 办公室
  planning: 规划处
roles:
  unit_head:
    name: 处室负责人
    units:
      office: [li-qiang]
      planning: [chen-hui]
  leader:
    name: 分管领导
    members: [zhao-min]
  secrecy_reviewer:
    name: 保密审查员
    members: [feng-lan]
  policy_owner:
    name: 发布规则负责人
    members: [guo-peng]
secrecy:
  label: 保密审查通过
  role: secrecy_reviewer
categories:
  news:
    name: 工作动态
    steps:
      - role: unit_head
      - role: leader
        count: 1
    ordered: true
  policy:
    name: 发布规则与站点配置
    steps:
      - role: policy_owner
    secrecy_review: false
columns:
  news: {name: 工作动态, category: news, unit: office}
  plans:
    name: 规划
    category: news
    unit: planning
screening:
  clear: {role: secrecy_reviewer}
"""
#  1 version: 1                    23 secrecy:
#  2 site:                          24   label: 保密审查通过
#  3   name: 测试市人民政府           25   role: secrecy_reviewer
#  4   publisher: ...               26 categories:
#  5 units:                         27   news:
#  6   office: 办公室                28     name: 工作动态
#  7   planning: 规划处              29     steps:
#  8 roles:                         30       - role: unit_head
#  9   unit_head:                   31       - role: leader
# 10     name: 处室负责人             32         count: 1
# 11     units:                     33     ordered: true
# 12       office: [li-qiang]       34   policy:
# 13       planning: [chen-hui]     35     name: 发布规则与站点配置
# 14   leader:                      36     steps:
# 15     name: 分管领导               37       - role: policy_owner
# 16     members: [zhao-min]        38     secrecy_review: false
# 17   secrecy_reviewer:            39 columns:
# 18     name: 保密审查员             40   news: {name: 工作动态, category: news, unit: office}
# 19     members: [feng-lan]        41   plans:
# 20   policy_owner:                42     name: 规划
# 21     name: 发布规则负责人         43     category: news
# 22     members: [guo-peng]        44     unit: planning
#                                   45 screening:
#                                   46   clear: {role: secrecy_reviewer}


@pytest.fixture(autouse=True)
def chinese(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GOVREVIEW_LANG", raising=False)


def edit(old: str, new: str, text: str = BASE) -> str:
    """``text`` with the one occurrence of ``old`` replaced (the edit must be unambiguous)."""
    assert text.count(old) == 1, f"fixture edit is ambiguous or missing: {old!r}"
    return text.replace(old, new)


def problems(files: dict[str, str]) -> list[PolicyProblem]:
    with pytest.raises(PolicyError) as info:
        load_policy(files)
    assert info.value.problems, "a PolicyError must carry at least one problem"
    return info.value.problems


def only_problem(text: str) -> PolicyProblem:
    found = problems({NAME: text})
    assert len(found) == 1, [str(p) for p in found]
    return found[0]


# -- the valid base and the shipped policy ----------------------------------


def test_base_fixture_line_numbers_are_as_annotated() -> None:
    lines = BASE.splitlines()
    assert len(lines) == 46
    assert lines[30] == "      - role: leader"  # line 31
    assert lines[39].startswith("  news: {name: 工作动态")  # line 40
    assert lines[43] == "    unit: planning"  # line 44
    assert lines[45] == "  clear: {role: secrecy_reviewer}"  # line 46


def test_base_policy_loads() -> None:
    policy = load_policy({NAME: BASE})
    assert isinstance(policy, Policy)
    assert set(policy.units) == {"office", "planning"}
    assert policy.units["planning"].name == "规划处"
    assert policy.roles["unit_head"] == Role("unit_head", "处室负责人", (), {"office": ("li-qiang",), "planning": ("chen-hui",)})
    assert policy.roles["leader"].members == ("zhao-min",)
    news = policy.categories["news"]
    assert [s.roles for s in news.steps] == [("unit_head",), ("leader",)]
    assert news.ordered is True
    assert policy.categories[POLICY_CATEGORY].secrecy_review is False
    assert policy.columns["news"] == Column("news", "工作动态", "news", "office")
    assert policy.columns["plans"] == Column("plans", "规划", "news", "planning")
    assert (policy.secrecy.label, policy.secrecy.role) == ("保密审查通过", "secrecy_reviewer")
    assert (policy.site.name, policy.site.publisher) == ("测试市人民政府", "测试市人民政府办公室")


def test_shipped_policy_folder_loads() -> None:
    policy = load_policy_dir(SHIPPED)
    assert set(policy.units) == {"office", "planning", "engineering", "command", "publicity"}
    assert policy.units["publicity"].name == "宣传教育处"
    assert policy.site.name == "江岸市人民防空办公室"
    # per-unit roles hold someone for every unit; global roles list members directly
    for rid in ("unit_head", "deputy_leader"):
        role = policy.roles[rid]
        assert role.per_unit and not role.members
        assert set(role.unit_members) == set(policy.units)
    assert policy.roles["unit_head"].members_for("engineering") == ("zhou-jie",)
    assert policy.roles["deputy_leader"].members_for("publicity") == ("sun-hao",)
    assert policy.roles["principal_leader"].members == ("zhao-min",)
    assert policy.roles["secrecy_reviewer"].members == ("feng-lan", "he-jing")
    assert set(policy.categories) == {
        "news",
        "notice",
        "major_notice",
        "policy_doc",
        "interpretation",
        "reprint",
        "preview",
        "reply",
        "about",
        POLICY_CATEGORY,
    }
    assert [s.roles for s in policy.categories["policy_doc"].steps] == [("unit_head",), ("deputy_leader",), ("principal_leader",)]
    assert policy.categories["policy_doc"].required_fields == {"author": None, "doc_no": "R-13"}
    assert policy.categories[POLICY_CATEGORY].secrecy_review is False
    assert [s.roles for s in policy.categories[POLICY_CATEGORY].steps] == [("policy_owner",)]
    (escalation,) = policy.categories["news"].escalations
    assert (escalation.field, escalation.equals, escalation.rule) == ("leader_instruction", True, "R-17")
    assert set(policy.columns) == {".", "news", "notices", "policies", "interpretations", "reprints", "previews", "replies", "about"}
    assert policy.columns["."] == Column(".", "首页", "notice", "office")
    assert policy.columns["policies"] == Column("policies", "政策文件", "policy_doc", "planning")
    for column in policy.columns.values():
        assert column.category in policy.categories
        assert column.unit in policy.units
    assert policy.secrecy.label == "保密审查通过"
    assert policy.secrecy.role == "secrecy_reviewer"


# -- one problem per edit: file, exact line, offending name, Chinese text ------

INVALID = [
    pytest.param("      - role: leader\n", "      - role: leadr\n", 31, "leadr", "未知", id="unknown-role-in-step"),
    pytest.param("  role: secrecy_reviewer", "  role: secrecy_reviewr", 25, "secrecy_reviewr", "未知", id="unknown-secrecy-role"),
    pytest.param("      planning: [chen-hui]", "      plannin: [chen-hui]", 13, "plannin", "单位", id="unknown-unit-in-role-units"),
    pytest.param("category: news, unit: office", "category: news, unit: offic", 40, "offic", "未知", id="unknown-unit-in-flow-column"),
    pytest.param("    unit: planning", "    unit: plannning", 44, "plannning", "未知", id="unknown-unit-in-block-column"),
    pytest.param("    category: news\n", "    category: newz\n", 43, "newz", "未知", id="unknown-category-in-column"),
    pytest.param(
        "name: 工作动态, category: news", "name: 工作动态, category: nwes", 40, "nwes", "未知", id="unknown-category-in-flow-column"
    ),
    pytest.param("        count: 1\n", "        count: 1\n        unit: nowhere\n", 33, "nowhere", "未知", id="unknown-unit-in-step"),
    pytest.param("        count: 1", "        count: two", 32, "count", "正整数", id="count-not-integer"),
    pytest.param("        count: 1", "        count: 0", 32, "count", "正整数", id="count-zero"),
    pytest.param("    ordered: true", '    ordered: "yes"', 33, "ordered", "true 或 false", id="ordered-string"),
    pytest.param("    secrecy_review: false", "    secrecy_review: 否", 38, "secrecy_review", "true 或 false", id="secrecy-review-text"),
    pytest.param("    members: [zhao-min]", "    members: 5", 16, "members", "文本", id="members-number"),
    pytest.param("  label: 保密审查通过", "  label: [a, b]", 24, "secrecy.label", "文本", id="label-list"),
    pytest.param("    members: [guo-peng]", "    member: [guo-peng]", 22, "member", "未知的键", id="unknown-key-in-role"),
    pytest.param("columns:", "colunms:", 39, "colunms", "未知的节", id="unknown-section"),
    pytest.param(
        "      office: [li-qiang]\n", "      office: [li-qiang]\n      office: [wang-wu]\n", 13, "office", "重复", id="dup-key-units"
    ),
    pytest.param(
        "  publisher: 测试市人民政府办公室\n", "  publisher: 测试市人民政府办公室\n  name: 重名\n", 5, "name", "重复", id="dup-key-site"
    ),
    pytest.param("  name: 测试市人民政府\n", "  name: 测试: 市人民政府\n", 3, "YAML", "语法错误", id="yaml-mapping-in-scalar"),
    pytest.param("    name: 工作动态\n    steps:", "    name: 工作动态\n   steps:", 29, "YAML", "语法错误", id="yaml-bad-indent"),
    # an unterminated quote is only noticed at the end of the file; the bad line is where it opens
    pytest.param("  label: 保密审查通过", '  label: "保密审查通过', 24, "YAML", "语法错误", id="yaml-unterminated-quote"),
]


@pytest.mark.parametrize(("old", "new", "line", "name", "zh"), INVALID)
def test_invalid_policy_names_file_line_and_problem(old: str, new: str, line: int, name: str, zh: str) -> None:
    problem = only_problem(edit(old, new))
    assert problem.file == NAME
    assert problem.line == line, str(problem)
    assert name in problem.message
    assert zh in problem.message
    assert str(problem).startswith(f"{NAME}:{line}: ")


def test_misspelt_steps_key_is_reported_at_its_line() -> None:
    found = problems({NAME: edit("    name: 工作动态\n    steps:", "    name: 工作动态\n    stpes:")})
    typo = [p for p in found if "stpes" in p.message]
    assert len(typo) == 1
    assert typo[0].file == NAME and typo[0].line == 29
    assert "未知的键" in typo[0].message
    assert "您是否想写 steps？" in typo[0].message
    # the category is then left without steps, which is reported as a missing key
    assert any("缺少 steps" in p.message and "categories.news.steps" in p.message for p in found)


def test_policy_category_step_with_per_unit_role_needs_unit() -> None:
    # unit_head is per-unit only: a build input belongs to no unit, so nobody would hold the role
    problem = only_problem(edit("      - role: policy_owner", "      - role: unit_head"))
    assert problem.file == NAME
    assert problem.line == 37, str(problem)
    assert "unit_head" in problem.message
    assert "unit" in problem.message and "policy" in problem.message


def test_policy_category_step_with_per_unit_role_and_unit_loads() -> None:
    policy = load_policy({NAME: edit("      - role: policy_owner\n", "      - role: unit_head\n        unit: office\n")})
    (step,) = policy.categories[POLICY_CATEGORY].steps
    assert (step.roles, step.unit) == (("unit_head",), "office")
    assert policy.roles["unit_head"].members_for(step.unit) == ("li-qiang",)


MISSING = [
    pytest.param(
        "  policy:\n    name: 发布规则与站点配置\n    steps:\n      - role: policy_owner\n    secrecy_review: false\n",
        "policy",
        id="policy-category",
    ),
    pytest.param("secrecy:\n  label: 保密审查通过\n  role: secrecy_reviewer\n", "secrecy", id="secrecy"),
    pytest.param("site:\n  name: 测试市人民政府\n  publisher: 测试市人民政府办公室\n", "site", id="site"),
]


@pytest.mark.parametrize(("section", "name"), MISSING)
def test_missing_required_part_is_reported(section: str, name: str) -> None:
    problem = only_problem(edit(section, ""))
    assert name in problem.message
    assert problem.file.startswith("policies/")
    assert problem.line is None  # nothing in any file to point at
    assert CJK.search(problem.message)


def test_missing_site_field_points_at_site() -> None:
    problem = only_problem(edit("  publisher: 测试市人民政府办公室\n", ""))
    assert (problem.file, problem.line) == (NAME, 2)
    assert "site.publisher" in problem.message


def test_several_problems_are_reported_at_once() -> None:
    text = edit("      planning: [chen-hui]", "      plannin: [chen-hui]")
    text = edit("      - role: leader\n        count: 1", "      - role: leadr\n        count: two", text)
    text = edit("    category: news\n", "    category: newz\n", text)
    text = edit("    ordered: true", '    ordered: "yes"', text)
    found = problems({NAME: text})
    assert {(p.file, p.line) for p in found} == {(NAME, 13), (NAME, 31), (NAME, 32), (NAME, 33), (NAME, 43)}
    joined = "\n".join(p.message for p in found)
    for name in ("plannin", "leadr", "count", "newz", "ordered"):
        assert name in joined


def test_yaml_errors_in_two_files_are_both_reported() -> None:
    bad = "units:\n  extra: [\n"
    found = problems({"policies/a.yml": edit("  name: 测试市人民政府\n", "  name: 测试: 市人民政府\n"), "policies/b.yml": bad})
    assert {p.file for p in found} == {"policies/a.yml", "policies/b.yml"}
    assert next(p for p in found if p.file == "policies/a.yml").line == 3


def test_messages_in_english_on_request(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GOVREVIEW_LANG", "en")
    found = problems({NAME: edit("      - role: leader\n", "      - role: leadr\n")})
    (problem,) = found
    assert problem.line == 31
    assert "unknown role 'leadr'" in problem.message
    assert not CJK.search(problem.message)
    dup = only_problem(edit("      office: [li-qiang]\n", "      office: [li-qiang]\n      office: [wang-wu]\n"))
    assert "duplicate key" in dup.message
    assert not CJK.search(dup.message)


def test_messages_in_chinese_by_default() -> None:
    problem = only_problem(edit("      - role: leader\n", "      - role: leadr\n"))
    assert "未知的角色" in problem.message
    assert "unknown" not in problem.message


# -- policies split over several files ------------------------------------------

UNITS_PART = "units:\n  office: 办公室\n  planning: 规划处\n"
COLUMNS_PART = BASE[BASE.index("columns:") :]


def split_base() -> dict[str, str]:
    rest = edit(UNITS_PART, "").replace(COLUMNS_PART, "")
    return {"policies/a.yml": rest, "policies/b.yml": UNITS_PART + COLUMNS_PART}


def test_policy_split_over_files_merges() -> None:
    files = split_base()
    assert not re.search(r"^(units|columns):", files["policies/a.yml"], re.M)
    assert load_policy(files) == load_policy({NAME: BASE})


def test_map_section_split_over_files_merges() -> None:
    files = {
        "policies/a.yml": edit("  planning: 规划处\n", ""),
        "policies/b.yml": "units:\n  planning: 规划处\n  publicity: 宣传处\n",
    }
    policy = load_policy(files)
    assert set(policy.units) == {"office", "planning", "publicity"}
    assert policy.units["publicity"].name == "宣传处"


def test_same_unit_in_two_files_names_both() -> None:
    files = {"policies/a.yml": BASE, "policies/b.yml": "units:\n  extra: 额外处\n  office: 另一个办公室\n"}
    problem = only_problem_of(files)
    assert problem.file == "policies/b.yml"
    assert problem.line == 3
    assert "office" in problem.message
    assert "policies/a.yml" in problem.message


def test_same_section_in_two_files_names_both() -> None:
    files = {"policies/a.yml": BASE, "policies/b.yml": "# 重复的站点信息\nsite:\n  name: 另一个网站\n  publisher: 另一个机构\n"}
    problem = only_problem_of(files)
    assert (problem.file, problem.line) == ("policies/b.yml", 2)
    assert "site" in problem.message
    assert "policies/a.yml" in problem.message


def only_problem_of(files: dict[str, str]) -> PolicyProblem:
    found = problems(files)
    assert len(found) == 1, [str(p) for p in found]
    return found[0]


# -- the policy folder on disk -------------------------------------------------


def test_load_policy_dir_reads_every_yml(tmp_path: Path) -> None:
    folder = tmp_path / "policies"
    folder.mkdir()
    files = split_base()
    (folder / "a.yml").write_text(files["policies/a.yml"], encoding="utf-8")
    (folder / "b.yaml").write_text(files["policies/b.yml"], encoding="utf-8")
    (folder / "README.md").write_text("不是规则文件: [\n", encoding="utf-8")
    assert load_policy_dir(folder) == load_policy({NAME: BASE})


def test_load_policy_dir_reports_full_path(tmp_path: Path) -> None:
    folder = tmp_path / "policies"
    folder.mkdir()
    (folder / "site.yml").write_text(edit("      - role: leader\n", "      - role: leadr\n"), encoding="utf-8")
    with pytest.raises(PolicyError) as info:
        load_policy_dir(folder)
    (problem,) = info.value.problems
    assert problem.file == str(folder / "site.yml")
    assert problem.line == 31


def test_gbk_policy_file_is_refused_clearly(tmp_path: Path) -> None:
    folder = tmp_path / "policies"
    folder.mkdir()
    (folder / "site.yml").write_bytes(BASE.encode("gbk"))
    with pytest.raises(PolicyError) as info:
        load_policy_dir(folder)
    (problem,) = info.value.problems
    assert problem.file == str(folder / "site.yml")
    assert "UTF-8" in problem.message
    assert CJK.search(problem.message)


def test_bom_policy_file_loads(tmp_path: Path) -> None:
    folder = tmp_path / "policies"
    folder.mkdir()
    (folder / "site.yml").write_bytes(b"\xef\xbb\xbf" + BASE.encode("utf-8"))
    assert load_policy_dir(folder) == load_policy({NAME: BASE})


def test_missing_policy_folder_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(PolicyError) as info:
        load_policy_dir(tmp_path / "nowhere")
    (problem,) = info.value.problems
    assert problem.file == str(tmp_path / "nowhere")


def test_no_policy_files_is_an_error() -> None:
    with pytest.raises(PolicyError):
        load_policy({})


# -- policy_id ---------------------------------------------------------------


def test_policy_id_is_stable() -> None:
    files = split_base()
    assert policy_id(files) == policy_id(dict(files))
    assert policy_id(files) == policy_id(dict(reversed(list(files.items()))))
    assert re.fullmatch(r"sha256:[0-9a-f]{64}", policy_id(files))


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda f: {**f, "policies/a.yml": f["policies/a.yml"] + "\n"}, id="whitespace-in-a"),
        pytest.param(lambda f: {**f, "policies/b.yml": f["policies/b.yml"].replace("规划处", "规划科")}, id="text-in-b"),
        pytest.param(lambda f: {**f, "policies/c.yml": "# 空\n"}, id="file-added"),
        pytest.param(lambda f: {"policies/a.yml": f["policies/a.yml"]}, id="file-removed"),
        pytest.param(lambda f: {"policies/a.yml": f["policies/a.yml"], "policies/z.yml": f["policies/b.yml"]}, id="file-renamed"),
        # the length prefix keeps name and text apart
        pytest.param(lambda f: {"policies/a.yml": f["policies/a.yml"] + "policies/b.yml" + f["policies/b.yml"]}, id="files-joined"),
    ],
)
def test_policy_id_changes_when_any_file_changes(change) -> None:  # type: ignore[no-untyped-def]
    files = split_base()
    assert policy_id(change(files)) != policy_id(files)
