"""Real approval chains (issue 13, first half) on real git sites: conditional steps with an
otherwise branch, the secrecy review's place in an ordered chain, a step whose unit a page
field names, the units a column fixes, declared secrecy waivers, approving again, and no
reason said twice. Each feature: a page that passes, a page that is refused for the right
reason, and what the build, ``check --json``, ``explain`` and the PR comment say."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fakegithub import FakeGitHub
from github import Auth, Github
from gitsite import MKDOCS, GitSite, article, run_govreview
from govreview.checkpr import check_pull, render_comment
from govreview.forge import Forge
from govreview.policy_yaml import load_policy
from govreview.policy_yaml.problems import PolicyError

CHAINS = """\
version: 1
site: {name: 测试大学, publisher: 测试大学}
units:
  office: 党政办公室
  jiaowu: 教务处
  renshi: 人事处
roles:
  head: {name: 单位负责人, units: {office: [hana], jiaowu: [jia], renshi: [ren]}}
  secrecy_office: {name: 保密委员会办公室, members: [mi]}
  office_head: {name: 党政办公室负责人, members: [dang]}
  deputy: {name: 分管校领导, members: [dong]}
  chief: {name: 校长, members: [zhu]}
  secrecy: {name: 保密审查员, members: [bao]}
  owners: {name: 规则负责人, members: [gui]}
  committee: {name: 保密委员会, members: [wei]}
secrecy: {label: 保密审查通过, role: secrecy}
screening: {clear: {role: committee}}
fields:
  touches_secrecy: 涉及保密事项
  host_unit: 相关职能部门
categories:
  notice:
    name: 通知
    rules: [R-15]
    ordered: true
    steps:
      - role: head
      - when: {touches_secrecy: true}
        rule: R-03
        steps: [{role: secrecy_office}]
        otherwise: [{role: deputy}]
      - role: office_head
  important:
    name: 重要信息
    rules: [R-15]
    ordered: true
    steps: [{role: head}, {role: deputy}, secrecy_review, {role: chief}]
  joint:
    name: 联合通知
    rules: [R-16]
    steps:
      - role: head
      - {role: head, id: host, name: 相关职能部门负责人, unit_from: host_unit}
  digest:
    name: 上级文件转发
    rules: [R-10]
    secrecy_review: false
    secrecy_waiver: 只转发上级机关已公开文件的标题和链接
    steps: [{role: head}]
  preview:
    name: 活动预告
    rules: [R-32]
    required_fields: {event_date: R-32}
    deadlines: [{rule: R-32, field: event_date, before: 1}]
    steps: [{role: head}]
    escalations:
      - when: {leader_instruction: true}
        rule: R-17
        steps: [{role: deputy}]
      - when: {leader_instruction: true}
        rule: R-17
        steps: [{role: chief}]
  policy:
    name: 规则与配置
    secrecy_review: false
    steps: [{role: owners}]
columns:
  .: {name: 首页, category: digest, unit: office}
  notices: {name: 通知公告, category: notice, unit: office}
  important: {name: 重要信息, category: important, unit: office}
  joint: {name: 联合通知, category: joint, unit: office, units: [jiaowu]}
  digest: {name: 上级文件, category: digest, unit: office}
  previews: {name: 活动预告, category: preview, unit: office}
"""

#: page -> (front matter, reviewers in turn) — ("approve" | "label" | "reject", login)
PAGES: dict[str, tuple[dict[str, object], list[tuple[str, str]]]] = {
    # 1. conditional step with an otherwise branch
    "notices/secret.md": ({"touches_secrecy": "true"}, [("approve", "hana"), ("approve", "mi"), ("approve", "dang"), ("label", "bao")]),
    "notices/secret-wrong-branch.md": (
        {"touches_secrecy": "true"},
        [("approve", "hana"), ("approve", "dong"), ("approve", "dang"), ("label", "bao")],
    ),
    "notices/plain.md": ({}, [("approve", "hana"), ("approve", "dong"), ("approve", "dang"), ("label", "bao")]),
    "notices/plain-wrong-branch.md": ({}, [("approve", "hana"), ("approve", "mi"), ("approve", "dang"), ("label", "bao")]),
    "notices/secret-as-text.md": (
        {"touches_secrecy": "是"},
        [("approve", "hana"), ("approve", "mi"), ("approve", "dang"), ("label", "bao")],
    ),
    # 2. the secrecy review's place in an ordered chain
    "important/in-place.md": ({}, [("approve", "hana"), ("approve", "dong"), ("label", "bao"), ("approve", "zhu")]),
    "important/label-last.md": ({}, [("approve", "hana"), ("approve", "dong"), ("approve", "zhu"), ("label", "bao")]),
    # approving again on the unchanged page changes nothing (order from the earliest binding approval)
    "important/approved-again.md": (
        {},
        [("approve", "hana"), ("approve", "dong"), ("label", "bao"), ("approve", "zhu"), ("approve", "hana"), ("approve", "dong")],
    ),
    # ... but an approval withdrawn by changes requested starts again from the new approval
    "important/withdrawn.md": (
        {},
        [("approve", "hana"), ("reject", "hana"), ("approve", "dong"), ("label", "bao"), ("approve", "zhu"), ("approve", "hana")],
    ),
    # 3. a step's unit from a page field
    "joint/host-jiaowu.md": ({"host_unit": "教务处"}, [("approve", "hana"), ("approve", "jia"), ("label", "bao")]),
    "joint/host-renshi.md": ({"host_unit": "renshi"}, [("approve", "hana"), ("approve", "jia"), ("label", "bao")]),
    "joint/host-missing.md": ({}, [("approve", "hana"), ("approve", "jia"), ("label", "bao")]),
    "joint/host-unknown.md": ({"host_unit": "后勤处"}, [("approve", "hana"), ("approve", "jia"), ("label", "bao")]),
    # 7. a column fixes its unit(s)
    "joint/listed-unit.md": ({"unit": "教务处", "host_unit": "人事处"}, [("approve", "jia"), ("approve", "ren"), ("label", "bao")]),
    "notices/other-unit.md": ({"unit": "人事处"}, [("approve", "ren"), ("approve", "dong"), ("approve", "dang"), ("label", "bao")]),
    # the secrecy waiver
    "digest/a.md": ({}, [("approve", "hana")]),
    # no reason twice
    "previews/twice.md": ({"leader_instruction": "是"}, [("approve", "hana"), ("label", "bao")]),
}

PUBLISHED = {
    "notices/secret.md",
    "notices/plain.md",
    "important/in-place.md",
    "important/approved-again.md",
    "joint/host-jiaowu.md",
    "joint/listed-unit.md",
    "digest/a.md",
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> GitSite:
    s = GitSite(tmp_path_factory.mktemp("chains"), policy=CHAINS)
    s.approve_inputs()
    s.merge_in_turn(["docs/index.md"], [("approve", "hana")])
    for rel, (meta, turns) in PAGES.items():
        s.write(f"docs/{rel}", article(f"页面 {rel}", **meta))
        s.commit(rel)
        s.merge_in_turn([f"docs/{rel}"], turns)
    return s


@pytest.fixture(scope="module")
def built(site: GitSite) -> tuple[str, dict[str, dict]]:
    result = site.build()
    assert result.returncode == 0, result.log
    report = json.loads((site.root / ".govreview" / "report.json").read_text(encoding="utf-8"))
    return result.log, {f["path"]: f for f in report["files"]}


def codes(entry: dict) -> list[tuple[str, str | None]]:
    return [(r["code"], r["rule"]) for r in entry["reasons"]]


def test_exactly_the_lawful_pages_are_published(site: GitSite, built: tuple[str, dict[str, dict]]) -> None:
    _, files = built
    for rel in PAGES:
        html = site.html(rel.removesuffix(".md") + "/index.html")
        assert (html is not None) is (rel in PUBLISHED), (rel, codes(files[rel]))
        assert files[rel]["approved"] is (rel in PUBLISHED), (rel, codes(files[rel]))


# -- 1. conditional steps with an otherwise branch ------------------------------------------


def test_a_page_that_touches_secrecy_needs_the_secrecy_office_step(built: tuple[str, dict[str, dict]]) -> None:
    _, files = built
    ok, wrong = files["notices/secret.md"], files["notices/secret-wrong-branch.md"]
    assert [s["name"] for s in ok["steps"]] == ["单位负责人", "保密委员会办公室", "党政办公室负责人", "保密审查"]
    assert codes(wrong) == [("step_missing", "R-03")]
    assert "保密委员会办公室" in wrong["reasons"][0]["message"] and "@mi" in wrong["reasons"][0]["message"]
    (note,) = [n["message"] for n in ok["notes"] if n["code"] == "branch_met"]
    assert note == "条件环节：页面字段“涉及保密事项（touches_secrecy）”为 true，需要 保密委员会办公室；不需要 分管校领导 [R-03]"


def test_a_page_that_does_not_touch_secrecy_goes_down_the_otherwise_branch(built: tuple[str, dict[str, dict]]) -> None:
    _, files = built
    ok, wrong = files["notices/plain.md"], files["notices/plain-wrong-branch.md"]
    assert [s["name"] for s in ok["steps"]] == ["单位负责人", "分管校领导", "党政办公室负责人", "保密审查"]
    assert codes(wrong) == [("step_missing", "R-03")] and "@dong" in wrong["reasons"][0]["message"]
    (note,) = [n["message"] for n in ok["notes"] if n["code"] == "branch_unmet"]
    assert "不为 true" in note and "需要 分管校领导" in note and "不需要 保密委员会办公室" in note


def test_a_condition_written_as_text_blocks_instead_of_choosing_a_branch(built: tuple[str, dict[str, dict]]) -> None:
    _, files = built
    entry = files["notices/secret-as-text.md"]
    assert ("field_type", "R-03") in codes(entry)
    (reason,) = [r for r in entry["reasons"] if r["code"] == "field_type"]
    assert reason["line"] == 5, "the line of touches_secrecy in the page"


# -- 2. the secrecy review in its place ------------------------------------------------------


def test_the_secrecy_review_counts_in_its_place_in_an_ordered_chain(built: tuple[str, dict[str, dict]]) -> None:
    _, files = built
    ok, late = files["important/in-place.md"], files["important/label-last.md"]
    assert [s["name"] for s in ok["steps"]] == ["单位负责人", "分管校领导", "保密审查", "校长"]
    assert codes(late) == [("order", "R-15")]
    assert "单位负责人 → 分管校领导 → 保密审查 → 校长" in late["reasons"][0]["message"]


def test_approving_again_keeps_an_ordered_chain_valid(built: tuple[str, dict[str, dict]]) -> None:
    _, files = built
    again = files["important/approved-again.md"]
    assert again["approved"] and [s["filled_by"] for s in again["steps"]] == [["hana"], ["dong"], ["bao"], ["zhu"]]
    withdrawn = files["important/withdrawn.md"]
    assert codes(withdrawn) == [("order", "R-15")], "an approval withdrawn by changes requested no longer sets the order"


# -- 3. a step's unit from a page field ------------------------------------------------------


def test_a_step_is_filled_by_the_unit_the_page_names(built: tuple[str, dict[str, dict]]) -> None:
    _, files = built
    ok = files["joint/host-jiaowu.md"]
    assert [s["filled_by"] for s in ok["steps"]] == [["hana"], ["jia"], ["bao"]]
    wrong = files["joint/host-renshi.md"]
    assert codes(wrong) == [("step_missing", "R-16")] and wrong["steps"][1]["can_supply"] == ["ren"]


def test_a_step_unit_left_out_or_unknown_blocks(built: tuple[str, dict[str, dict]]) -> None:
    _, files = built
    missing, unknown = files["joint/host-missing.md"], files["joint/host-unknown.md"]
    assert ("step_unit_missing", None) in codes(missing)
    assert missing["steps"][1]["can_supply"] == [], "nobody can fill a step whose unit is not known"
    (reason,) = [r for r in unknown["reasons"] if r["code"] == "step_unit_unknown"]
    assert reason["line"] == 5 and "后勤处" in reason["message"] and "教务处（jiaowu）" in reason["message"]


# -- 7. a column fixes its unit(s) -----------------------------------------------------------


def test_a_page_may_name_a_unit_its_column_lists(built: tuple[str, dict[str, dict]]) -> None:
    _, files = built
    entry = files["joint/listed-unit.md"]
    assert entry["unit"] == "jiaowu" and [s["filled_by"] for s in entry["steps"]] == [["jia"], ["ren"], ["bao"]]


def test_a_page_cannot_pick_another_units_chain(built: tuple[str, dict[str, dict]]) -> None:
    log, files = built
    entry = files["notices/other-unit.md"]
    assert codes(entry) == [("unit_not_in_column", None)]
    assert entry["reasons"][0]["line"] == 5 and "党政办公室（office）" in entry["reasons"][0]["message"]
    assert "notices/other-unit.md:5: 栏目“通知公告”的页面不能选单位“人事处（renshi）”" in log


# -- the secrecy waiver ----------------------------------------------------------------------


def test_a_declared_waiver_shows_in_the_verdict_and_the_build_log(built: tuple[str, dict[str, dict]]) -> None:
    log, files = built
    entry = files["digest/a.md"]
    assert entry["approved"] and [s["name"] for s in entry["steps"]] == ["单位负责人"]
    (note,) = [n for n in entry["notes"] if n["code"] == "secrecy_waived"]
    assert "只转发上级机关已公开文件的标题和链接" in note["message"] and note["rule"] == "R-03"
    assert "digest/a.md: 类别“上级文件转发”按发布规则免于保密审查" in log


def test_explain_shows_the_branch_and_the_waiver(site: GitSite, built: tuple[str, dict[str, dict]]) -> None:
    branch = run_govreview(site.root, "explain", "docs/notices/plain.md")
    assert branch.returncode == 0, branch.stdout + branch.stderr
    assert "不需要 保密委员会办公室" in branch.stdout
    waiver = run_govreview(site.root, "explain", "docs/digest/a.md", lang="en")
    assert "exempt from the secrecy review" in waiver.stdout and "只转发上级机关已公开文件的标题和链接" in waiver.stdout


# -- no reason twice -------------------------------------------------------------------------


def test_no_reason_is_said_twice(site: GitSite, built: tuple[str, dict[str, dict]]) -> None:
    log, files = built
    entry = files["previews/twice.md"]
    assert codes(entry).count(("field_missing", "R-32")) == 1, "required and a deadline's date: missing once"
    assert codes(entry).count(("field_type", "R-17")) == 1, "read by two escalations: the wrong type once"
    assert log.count("缺少必填字段“活动日期（event_date）”") == 1
    assert log.count("字段“领导批示（leader_instruction）”的值类型不对") == 1
    checked = json.loads(run_govreview(site.root, "check", "--json").stdout)
    (twice,) = [f for f in checked["files"] if f["path"] == "previews/twice.md"]
    assert [r["code"] for r in twice["reasons"]] == [r["code"] for r in entry["reasons"]]
    assert len({(r["code"], r["message"]) for r in twice["reasons"]}) == len(twice["reasons"])


# -- the pull-request comment ----------------------------------------------------------------


@pytest.fixture
def fake():
    with FakeGitHub() as server:
        yield server


def test_the_pr_comment_shows_the_branch_the_waiver_and_each_reason_once(fake: FakeGitHub) -> None:
    repo = fake.repo("city/site")
    repo.push("main", {"mkdocs.yml": MKDOCS, "policies/site.yml": CHAINS, "docs/index.md": article("首页")}, actor="admin")
    pr = repo.open_pull(
        "ed",
        "three",
        files={
            "docs/notices/s.md": article("涉密通知", touches_secrecy="true"),
            "docs/digest/d.md": article("转发"),
            "docs/previews/p.md": article("预告", leader_instruction="是"),
        },
    )
    for login in ("hana", "dong", "dang"):
        pr.review(login)
    pr.label("保密审查通过", actor="bao")
    client = Github(base_url=fake.url, auth=Auth.Token("t"), seconds_between_requests=0, seconds_between_writes=0, retry=None)
    body = render_comment(check_pull(Forge(client, "city/site"), pr.number))
    assert "保密委员会办公室 | ❌ | 可审批：@mi" in body
    assert "需要 保密委员会办公室；不需要 分管校领导" in body
    assert "只转发上级机关已公开文件的标题和链接" in body
    assert body.count("缺少必填字段“活动日期（event_date）”") == 1
    assert body.count("“领导批示（leader_instruction）”的值类型不对") == 1


# -- the policy language ---------------------------------------------------------------------


def problems(text: str) -> list[str]:
    with pytest.raises(PolicyError) as err:
        load_policy({"policies/site.yml": text}, base=Path("."))
    return [p.text("zh") for p in err.value.problems]


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def test_leaving_out_the_secrecy_review_needs_a_reason() -> None:
    text = CHAINS.replace("    secrecy_waiver: 只转发上级机关已公开文件的标题和链接\n", "")
    (problem,) = problems(text)
    line = line_of(text, "secrecy_review: false")
    assert problem.startswith(f"policies/site.yml:{line}: “categories.digest”写了 secrecy_review: false，但没有写免于保密审查的理由")
    assert "secrecy_waiver" in problem
    archived = load_policy({"policies/site.yml": text}, archived=True)
    assert archived.categories["digest"].secrecy_waiver == "", "an archived policy is read as it was"


@pytest.mark.parametrize(
    ("old", "new", "needle", "says"),
    [
        pytest.param(
            "  important:\n", "  important:\n    secrecy_waiver: 无\n", "secrecy_waiver: 无", "免审理由不适用", id="waiver-unused"
        ),
        pytest.param(
            "secrecy_review, {role: chief}]",
            "secrecy_review, {role: chief}, secrecy_review]",
            "secrecy_review, {role: chief}, secrecy_review]",
            "不止一次",
            id="placed-twice",
        ),
        pytest.param(
            "    steps: [{role: head}]\n  preview",
            "    steps: [{role: head}, secrecy_review]\n  preview",
            "secrecy_review: false",
            "请删去其中之一",
            id="placed-but-off",
        ),
        pytest.param("secrecy_review, {role: chief}]", "secrecy_reveiw, {role: chief}]", "secrecy_reveiw", "secrecy_review", id="typo"),
        pytest.param(
            "        steps: [{role: chief}]\n  policy",
            "        steps: [secrecy_review]\n  policy",
            "        steps: [secrecy_review]",
            "只能写在类别自己的 steps 中",
            id="secrecy-in-escalation",
        ),
        pytest.param(
            "        steps: [{role: secrecy_office}]\n",
            "        steps: [{when: {host_unit: x}, steps: [{role: chief}]}]\n",
            "steps: [{when: {host_unit: x}",
            "不能嵌套",
            id="nested-branch",
        ),
        pytest.param(
            "      - when: {touches_secrecy: true}",
            "      - when: {touches_secret: true}",
            "touches_secret:",
            "touches_secrecy",
            id="branch-field",
        ),
        pytest.param("unit_from: host_unit}", "unit_from: host_unti}", "host_unti", "host_unit", id="unit-from-field"),
        pytest.param(
            "name: 相关职能部门负责人, unit_from",
            "name: 相关职能部门负责人, unit: jiaowu, unit_from",
            "unit: jiaowu",
            "只能写一个",
            id="unit-and-unit-from",
        ),
        pytest.param("units: [jiaowu]}", "units: [jiaowy]}", "jiaowy", "jiaowu", id="column-units"),
    ],
)
def test_chain_mistakes_are_named_with_file_and_line(old: str, new: str, needle: str, says: str) -> None:
    assert old in CHAINS
    text = CHAINS.replace(old, new, 1)
    found = problems(text)
    line = line_of(text, needle)
    assert any(p.startswith(f"policies/site.yml:{line}:") and says in p for p in found), found


def test_the_policy_category_takes_nothing_from_a_page() -> None:
    text = CHAINS.replace(
        "    steps: [{role: owners}]", "    steps: [{role: owners}, {when: {touches_secrecy: true}, steps: [{role: chief}]}]"
    )
    (problem,) = problems(text)
    assert problem.startswith(f"policies/site.yml:{line_of(text, '{role: owners}, {when')}:") and "构建输入没有页首字段" in problem


def test_unit_from_needs_a_per_unit_role() -> None:
    text = CHAINS.replace("{role: head, id: host,", "{role: chief, id: host,")
    (problem,) = problems(text)
    assert "unit_from 只对按单位设置的角色" in problem and problem.startswith(f"policies/site.yml:{line_of(text, 'id: host')}:")


# -- a declared field written under its declared name ----------------------------------------


def _judge_notice(meta: dict[str, object], middle: str) -> list[tuple[str, str | None, int | None]]:
    """A notice approved by the unit head, ``middle`` and the office head in turn, labelled."""
    from evidence import POLICY_ID, PR, index
    from govreview.core.gate import judge
    from govreview.core.page import SourceFile

    pr = PR(author="ed").push(0, {"docs/notices/n.md": "b1"})
    for i, login in enumerate(("hana", middle, "dang")):
        pr.approve(login, 10 + 10 * i)
    pr.label("保密审查通过", "bao", 40)
    lines = {key: 2 + i for i, key in enumerate(meta)}
    source = SourceFile("notices/n.md", "docs/notices/n.md", "b1", "page", {"title": "通知", **meta}, lines)
    verdict = judge(source, index(pr.merged()), {POLICY_ID: load_policy({"policies/site.yml": CHAINS})})
    return [(r.code, r.rule, r.line) for r in verdict.reasons]


def test_a_condition_written_under_the_fields_declared_name_chooses_the_branch() -> None:
    # 涉及保密事项 is touches_secrecy's declared name: the field rules always read it so; the chain
    # used not to, sending a page that touches secrecy down the otherwise branch (fail open).
    assert _judge_notice({"涉及保密事项": True}, "dong") == [("step_missing", "R-03", None)]
    assert _judge_notice({"涉及保密事项": True}, "mi") == []
    assert _judge_notice({"涉及保密事项": "是"}, "mi") == [("field_type", "R-03", 2), ("step_missing", "R-03", None)]


def test_a_declared_field_written_under_both_its_names_is_ambiguous() -> None:
    found = _judge_notice({"touches_secrecy": False, "涉及保密事项": True}, "mi")
    assert ("field_conflict", None, 3) in found
