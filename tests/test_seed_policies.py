"""The five seed regulations written as policies (tests/seed_policies/), judged by the gate.

Each seed policy gets approving and blocking scenarios for what is distinctive
about its regulation (RULES.md section 2). Blocking scenarios assert the reason
codes and rule ids, so a page is refused for the right reason, not any reason.
"""

from __future__ import annotations

import functools
from pathlib import Path

import pytest
from evidence import POLICY_ID, PR, index, page
from govreview.core.gate import judge
from govreview.core.page import SourceFile
from govreview.core.policy import POLICY_CATEGORY, Policy
from govreview.core.verdict import BUILD_INPUT, Verdict
from govreview.policy_yaml import load_policy

SEED_DIR = Path(__file__).parent / "seed_policies"
SEEDS = (
    "000_8bbf1cf5957ab11c",  # 厦门市人民防空办公室 2020
    "001_c63c39e4a13ec5ae",  # 武穴市 2023
    "002_36b7b2f9a78a6ca1",  # 四平市 2020
    "003_b811252df95408d4",  # 开平市民政局
    "004_a8961a653797d238",  # 国家安监总局 2016
)


def seed_text(name: str) -> str:
    return (SEED_DIR / f"{name}.yml").read_text(encoding="utf-8")


@functools.cache
def seed(name: str) -> Policy:
    return load_policy({f"policies/{name}.yml": seed_text(name)})


def meta(**fields: object) -> dict[str, object]:
    return {"title": "测试信息", "author": "经办人", **fields}


def run(
    policy: Policy | str,
    path: str,
    fields: dict[str, object],
    approvers: tuple[str, ...] | list[str],
    secrecy: str | None = None,
    *,
    label_at: float = 5,
    author: str = "editor",
) -> Verdict:
    """One page pushed at minute 0, approved by ``approvers`` in that order (minutes 10, 20, ...),
    the secrecy label applied by ``secrecy`` at ``label_at``, merged at minute 1000."""
    if isinstance(policy, str):
        policy = seed(policy)
    pr = PR(author=author).push(0, {f"docs/{path}": "b1"})
    for i, login in enumerate(approvers):
        pr.approve(login, 10 + 10 * i)
    if secrecy is not None:
        pr.label(policy.secrecy.label, secrecy, label_at)
    return judge(page(path, "b1", fields), index(pr.merged()), {POLICY_ID: policy})


def codes(verdict: Verdict) -> list[tuple[str, str | None]]:
    return [(r.code, r.rule) for r in verdict.reasons]


def check(verdict: Verdict, expected: list[tuple[str, str | None]]) -> None:
    assert codes(verdict) == expected
    assert verdict.approved is (not expected)


# -- the files themselves ------------------------------------------------------


def test_the_five_seed_policy_files_exist() -> None:
    assert sorted(p.stem for p in SEED_DIR.glob("*.yml")) == sorted(SEEDS)


@pytest.mark.parametrize("name", SEEDS)
def test_seed_policy_loads(name: str) -> None:
    policy = seed(name)
    assert POLICY_CATEGORY in policy.categories
    assert policy.secrecy.role in policy.roles
    assert policy.columns, "every seed policy maps docs/ folders to columns"
    for category in policy.categories.values():
        if category.id != POLICY_CATEGORY:
            assert category.rules, f"{name}: category {category.id} names no RULES.md id"
            assert category.secrecy_review, f"{name}: {category.id} skips the secrecy review (R-03)"
    for role in policy.roles.values():
        for login in role.members + tuple(m for ms in role.unit_members.values() for m in ms):
            assert login.isascii(), login


# Who approves a change to a build input (mkdocs.yml) under each seed policy.
POLICY_CHANGE_APPROVERS = {
    "000_8bbf1cf5957ab11c": ("ke-zhang", "chen-zhiyuan"),  # 指挥通信处负责人 + 办主要领导
    "001_c63c39e4a13ec5ae": ("shi-yan", "mao-jun"),  # 政务公开办 网站信息管理人员 + 主要负责人
    "002_36b7b2f9a78a6ca1": ("yang-fan", "bai-xue"),  # 市政数局 网站管理员 + 分管负责人
    "003_b811252df95408d4": ("chen-xiaoyu", "tan-mei", "liang-guoping"),  # 操作员 + 办公室负责人 + 局长
    "004_a8961a653797d238": ("ma-rui", "wang-kai"),  # 宣教办 + 通信信息中心
}


def judge_build_input(name: str, approvers: tuple[str, ...]) -> Verdict:
    pr = PR(author="editor").push(0, {"mkdocs.yml": "b1"})
    for i, login in enumerate(approvers):
        pr.approve(login, 10 + 10 * i)
    source = SourceFile("mkdocs.yml", "mkdocs.yml", "b1", BUILD_INPUT)
    return judge(source, index(pr.merged()), {POLICY_ID: seed(name)})


@pytest.mark.parametrize("name", SEEDS)
def test_build_input_needs_every_policy_step(name: str) -> None:
    approvers = POLICY_CHANGE_APPROVERS[name]
    check(judge_build_input(name, approvers), [])
    check(judge_build_input(name, approvers[:-1]), [("step_missing", "R-02")])


# -- 000 厦门市人民防空办公室, R-17 ---------------------------

S000 = "000_8bbf1cf5957ab11c"
REPRINT_000 = {"source": "中国政府网", "source_author": "新华社记者"}

CASES_000 = [
    # 工作动态 = 处（中心）负责人 + 办分管领导 + 保密委
    ("news", "gongzuo-dongtai/a.md", {}, ["huang-li", "lin-haibo"], "xu-wen", []),
    ("news of another unit, its own head and deputy", "fangguanfu/a.md", {}, ["zheng-kai", "lin-haibo"], "cai-hong", []),
    ("news, deputy leader of another unit", "fangguanfu/a.md", {}, ["zheng-kai", "wu-jianguo"], "xu-wen", [("step_missing", "R-10")]),
    ("news, unit head of another unit", "gongzuo-dongtai/a.md", {}, ["su-ming", "lin-haibo"], "xu-wen", [("step_missing", "R-10")]),
    ("news without the secrecy committee", "gongzuo-dongtai/a.md", {}, ["huang-li", "lin-haibo"], None, [("secrecy_missing", "R-03")]),
    # 重要通知公告 also needs 办主要领导
    ("major notice", "zhongyao-tongzhi/a.md", {}, ["huang-li", "lin-haibo", "chen-zhiyuan"], "xu-wen", []),
    (
        "major notice without the principal leader",
        "zhongyao-tongzhi/a.md",
        {},
        ["huang-li", "lin-haibo"],
        "xu-wen",
        [("step_missing", "R-10")],
    ),
    (
        "major notice by category name in an ordinary column",
        "tongzhi-gonggao/a.md",
        {"category": "重要通知公告"},
        ["huang-li", "lin-haibo"],
        "xu-wen",
        [("step_missing", "R-10")],
    ),
    # R-12 (000): a reprint needs the unit head only, and names its author and source
    ("reprint, unit head only", "zhuanzai/a.md", REPRINT_000, ["huang-li"], "xu-wen", []),
    ("reprint without source", "zhuanzai/a.md", {"source_author": "新华社记者"}, ["huang-li"], "xu-wen", [("field_missing", "R-12")]),
    ("reprint without author", "zhuanzai/a.md", {"source": "中国政府网"}, ["huang-li"], "xu-wen", [("field_missing", "R-12")]),
    ("reprint still needs the secrecy review", "zhuanzai/a.md", REPRINT_000, ["huang-li"], None, [("secrecy_missing", "R-03")]),
    ("reprint approved by the deputy leader alone", "zhuanzai/a.md", REPRINT_000, ["lin-haibo"], "xu-wen", [("step_missing", "R-12")]),
    # leader instructions need the deputy OR the principal leader
    (
        "reprint quoting a leader instruction, unit head only",
        "zhuanzai/a.md",
        {**REPRINT_000, "leader_instruction": True},
        ["huang-li"],
        "xu-wen",
        [("step_missing", "R-17")],
    ),
    (
        "reprint quoting a leader instruction, + deputy leader",
        "zhuanzai/a.md",
        {**REPRINT_000, "领导批示": True},
        ["huang-li", "lin-haibo"],
        "xu-wen",
        [],
    ),
    (
        "reprint quoting a leader instruction, + principal leader",
        "zhuanzai/a.md",
        {**REPRINT_000, "leader_instruction": True},
        ["huang-li", "chen-zhiyuan"],
        "xu-wen",
        [],
    ),
    (
        "news quoting a leader instruction: the deputy leader already approves",
        "gongzuo-dongtai/a.md",
        {"leader_instruction": True},
        ["huang-li", "lin-haibo"],
        "xu-wen",
        [],
    ),
    # a document the leaders already approved: no new chain, the earlier approval is cited and archived
    ("approved document", "wenjian/a.md", {"approval_ref": "办领导审批单 2020-031"}, ["hong-yu"], "xu-wen", []),
    ("approved document without its approval record", "wenjian/a.md", {}, ["hong-yu"], "xu-wen", [("field_missing", "R-11")]),
    (
        "approved document carrying a leader instruction",
        "wenjian/a.md",
        {"approval_ref": "办领导审批单 2020-032", "leader_instruction": True},
        ["hong-yu"],
        "xu-wen",
        [("step_missing", "R-17")],
    ),
]


@pytest.mark.parametrize(("case", "path", "fields", "approvers", "secrecy", "expected"), CASES_000, ids=[c[0] for c in CASES_000])
def test_000_xiamen_civil_air_defence(
    case: str, path: str, fields: dict[str, object], approvers: list[str], secrecy: str | None, expected: list
) -> None:
    check(run(S000, path, meta(**fields), approvers, secrecy), expected)


# -- 001 武穴市: R-12 (信息管理人员 + 分管领导), R-13 -------------------------

S001 = "001_c63c39e4a13ec5ae"

CASES_001 = [
    # original work news = office/section review + unit deputy leader
    ("town news", "dongtai/meichuan/a.md", {}, ["fang-tao", "ke-zhang"], "peng-li", []),
    (
        "town news approved by another unit's deputy",
        "dongtai/meichuan/a.md",
        {},
        ["fang-tao", "ding-wei"],
        "peng-li",
        [("step_missing", "R-13")],
    ),
    (
        "town news labelled by another unit's secrecy reviewer",
        "dongtai/meichuan/a.md",
        {},
        ["fang-tao", "ke-zhang"],
        "xia-yun",
        [("secrecy_wrong_actor", "R-03")],
    ),
    # 公示公告 / 政策文件 / 重点领域 need the unit's principal leader
    ("policy document", "zhengce/a.md", {"doc_no": "武政发〔2023〕5号"}, ["he-lan", "mao-jun"], "xia-yun", []),
    (
        "policy document with the deputy instead of the principal leader",
        "zhengce/a.md",
        {"doc_no": "武政发〔2023〕5号"},
        ["he-lan", "ding-wei"],
        "xia-yun",
        [("step_missing", "R-13")],
    ),
    ("policy document without a document number", "zhengce/a.md", {}, ["he-lan", "mao-jun"], "xia-yun", [("field_missing", "R-13")]),
    (
        "public notice of a bureau, unit given by its Chinese name",
        "gongshi/a.md",
        {"单位": "市教育局"},
        ["mei-xue", "yan-bin"],
        "zou-min",
        [],
    ),
    (
        "public notice of a bureau, principal leader of another unit",
        "gongshi/a.md",
        {"单位": "市教育局"},
        ["mei-xue", "mao-jun"],
        "zou-min",
        [("step_missing", "R-13")],
    ),
    (
        "key-area information without the principal leader",
        "zhongdian/a.md",
        {},
        ["he-lan", "ding-wei"],
        "xia-yun",
        [("step_missing", "R-13")],
    ),
    # R-12 (001): reprint = website information manager, then the deputy leader; source stated
    ("reprint", "zhuanzai/a.md", {"source": "湖北省人民政府网"}, ["shi-yan", "ding-wei"], "xia-yun", []),
    ("reprint for a town", "zhuanzai/a.md", {"source": "黄冈日报", "unit": "meichuan"}, ["chu-bo", "ke-zhang"], "peng-li", []),
    (
        "reprint for a town, information manager of another unit",
        "zhuanzai/a.md",
        {"source": "黄冈日报", "unit": "meichuan"},
        ["shi-yan", "ke-zhang"],
        "peng-li",
        [("step_missing", "R-12")],
    ),
    ("reprint without source", "zhuanzai/a.md", {}, ["shi-yan", "ding-wei"], "xia-yun", [("field_missing", "R-12")]),
    (
        "reprint reviewed by the section reviewer instead of the information manager",
        "zhuanzai/a.md",
        {"source": "湖北日报"},
        ["he-lan", "ding-wei"],
        "xia-yun",
        [("step_missing", "R-12")],
    ),
    # interactive information goes the same way as reprints
    ("interaction", "hudong/a.md", {"source": "市长信箱"}, ["shi-yan", "ding-wei"], "xia-yun", []),
    ("interaction without the deputy leader", "hudong/a.md", {"source": "市长信箱"}, ["shi-yan"], "xia-yun", [("step_missing", "R-13")]),
]


@pytest.mark.parametrize(("case", "path", "fields", "approvers", "secrecy", "expected"), CASES_001, ids=[c[0] for c in CASES_001])
def test_001_wuxue(case: str, path: str, fields: dict[str, object], approvers: list[str], secrecy: str | None, expected: list) -> None:
    check(run(S001, path, meta(**fields), approvers, secrecy), expected)


def test_001_reprint_deputy_before_information_manager_blocks() -> None:
    # The deputy leader reviews only after the information manager (R-12, 001): order is enforced.
    verdict = run(S001, "zhuanzai/a.md", meta(source="湖北日报"), ["ding-wei", "shi-yan"], "xia-yun")
    assert not verdict.approved
    assert [r.code for r in verdict.reasons] == ["order"]


def test_001_reprint_order_violation_names_the_reprint_rule() -> None:
    verdict = run(S001, "zhuanzai/a.md", meta(source="湖北日报"), ["ding-wei", "shi-yan"], "xia-yun")
    assert codes(verdict) == [("order", "R-12")]


# -- 002 四平市: R-14 (保密审核人 + 分管负责人, per unit) ------------------------

S002 = "002_36b7b2f9a78a6ca1"

CASES_002 = [
    ("news: secrecy reviewer + deputy leader", "dongtai/a.md", {}, ["gao-feng"], "song-jia", []),
    ("news: deputy leader alone, no secrecy label", "dongtai/a.md", {}, ["gao-feng"], None, [("secrecy_missing", "R-03")]),
    ("news: secrecy label alone, no deputy leader", "dongtai/a.md", {}, [], "song-jia", [("step_missing", "R-14")]),
    ("news: label applied by the website administrator", "dongtai/a.md", {}, ["gao-feng"], "yang-fan", [("secrecy_wrong_actor", "R-03")]),
    (
        "news: label applied by another unit's secrecy reviewer",
        "dongtai/a.md",
        {},
        ["gao-feng"],
        "duan-rui",
        [("secrecy_wrong_actor", "R-03")],
    ),
    ("news: label applied by the deputy leader himself", "dongtai/a.md", {}, ["gao-feng"], "gao-feng", [("secrecy_wrong_actor", "R-03")]),
    # 地方志办: 刘军 is both deputy leader and secrecy reviewer: he may fill either step, not both
    ("annals: deputy 刘军 + secrecy reviewer 沈玉", "shizhi/a.md", {}, ["liu-jun"], "shen-yu", []),
    ("annals: 刘军 approves and labels", "shizhi/a.md", {}, ["liu-jun"], "liu-jun", [("secrecy_same_person", "R-03")]),
    # data: the producing unit's deputy, not the government office's
    ("statistics", "shuju/a.md", {}, ["ke-zhang"], "xue-bing", []),
    ("statistics signed by another unit's deputy", "shuju/a.md", {}, ["gao-feng"], "xue-bing", [("step_missing", "R-14")]),
    # interpretation: the drafting unit re-checks; the policy it explains is named
    (
        "interpretation by the drafting bureau",
        "jiedu/a.md",
        {"unit": "jiaoyu", "policy_ref": "四政办发〔2020〕3号"},
        ["yin-hao"],
        "duan-rui",
        [],
    ),
    (
        "interpretation without the policy it explains",
        "jiedu/a.md",
        {"unit": "jiaoyu"},
        ["yin-hao"],
        "duan-rui",
        [("field_missing", "R-14")],
    ),
    # replies to citizens: reply reviewer + deputy leader
    ("reply", "liuyan/a.md", {"asked_on": "2020-05-06"}, ["pan-yue", "gao-feng"], "song-jia", []),
    # A step carries its category's first rule id (no per-step rule in the language), hence R-22 here.
    ("reply without the reply reviewer", "liuyan/a.md", {"asked_on": "2020-05-06"}, ["gao-feng"], "song-jia", [("step_missing", "R-22")]),
    ("reply without the date of the question", "liuyan/a.md", {}, ["pan-yue", "gao-feng"], "song-jia", [("field_missing", None)]),
    # information outside the site's normal scope: principal OR deputy, then the data bureau
    ("out of scope, principal leader", "teshu/a.md", {}, ["zhou-bin", "yang-fan"], "song-jia", []),
    ("out of scope, deputy leader", "teshu/a.md", {}, ["gao-feng", "hu-dan"], "song-jia", []),
    ("out of scope, data bureau did not accept", "teshu/a.md", {}, ["zhou-bin", "gao-feng"], "song-jia", [("step_missing", "R-35")]),
]


@pytest.mark.parametrize(("case", "path", "fields", "approvers", "secrecy", "expected"), CASES_002, ids=[c[0] for c in CASES_002])
def test_002_siping(case: str, path: str, fields: dict[str, object], approvers: list[str], secrecy: str | None, expected: list) -> None:
    check(run(S002, path, meta(**fields), approvers, secrecy), expected)


def test_002_one_person_both_steps_only_when_the_policy_allows_it() -> None:
    # R-14 wants two signatures, so the seed policy says same_person: false. Switching it
    # on (which R-14 does not permit) is the only way one person could fill both steps.
    text = seed_text(S002)
    assert text.count("    same_person: false\n") == 1
    relaxed = load_policy({"policies/relaxed.yml": text.replace("    same_person: false\n", "    same_person: true\n")})
    check(run(S002, "shizhi/a.md", meta(), ["liu-jun"], "liu-jun"), [("secrecy_same_person", "R-03")])
    check(run(relaxed, "shizhi/a.md", meta(), ["liu-jun"], "liu-jun"), [])


# -- 003 开平市民政局: R-15 strictly ordered four steps ---------------------------

S003 = "003_b811252df95408d4"
JIUZHU = "zwgk/shehui-jiuzhu/a.md"  # 社会救助股: 股长 ke-zhang, 业务分管 li-huimin
SECTION, BUSINESS, IDEOLOGY, DIRECTOR = "ke-zhang", "li-huimin", "huang-shaoqi", "liang-guoping"

CASES_003 = [
    ("four steps in order", [SECTION, BUSINESS, IDEOLOGY, DIRECTOR], "mai-jun", []),
    ("director before the section head", [DIRECTOR, BUSINESS, IDEOLOGY, SECTION], "mai-jun", [("order", "R-15")]),
    ("ideology re-check before the business deputy", [SECTION, IDEOLOGY, BUSINESS, DIRECTOR], "mai-jun", [("order", "R-15")]),
    ("director signs first, everyone else in order", [DIRECTOR, SECTION, BUSINESS, IDEOLOGY], "mai-jun", [("order", "R-15")]),
    ("three of four: no final review", [SECTION, BUSINESS, IDEOLOGY], "mai-jun", [("step_missing", "R-15")]),
    ("three of four: no ideology re-check", [SECTION, BUSINESS, DIRECTOR], "mai-jun", [("step_missing", "R-15")]),
    ("business deputy of other sections", [SECTION, "fung-kar", IDEOLOGY, DIRECTOR], "mai-jun", [("step_missing", "R-15")]),
    ("secrecy review by another section", [SECTION, BUSINESS, IDEOLOGY, DIRECTOR], "xie-ling", [("secrecy_wrong_actor", "R-03")]),
]


@pytest.mark.parametrize(("case", "approvers", "secrecy", "expected"), CASES_003, ids=[c[0] for c in CASES_003])
def test_003_kaiping_civil_affairs(case: str, approvers: list[str], secrecy: str, expected: list) -> None:
    check(run(S003, JIUZHU, meta(), approvers, secrecy), expected)


def test_003_secrecy_label_is_outside_the_order() -> None:
    # The drafting unit's secrecy review is no link of the chain: a label after the director is fine.
    check(run(S003, JIUZHU, meta(), [SECTION, BUSINESS, IDEOLOGY, DIRECTOR], "mai-jun", label_at=500), [])


def test_003_same_chain_for_every_category() -> None:
    for path, section, business, secrecy in (
        ("yaowen/a.md", "tan-mei", "wu-zhiqiang", "ou-ting"),
        ("zwgk/yanglao/a.md", "situ-hua", "fung-kar", "xie-ling"),
        ("hudong/a.md", "tan-mei", "wu-zhiqiang", "ou-ting"),
    ):
        check(run(S003, path, meta(), [section, business, IDEOLOGY, DIRECTOR], secrecy), [])
        check(run(S003, path, meta(), [business, section, IDEOLOGY, DIRECTOR], secrecy), [("order", "R-15")])


# -- 004 国家安监总局: R-16 producing unit + 宣教办 re-review; ministry leaders ----

S004 = "004_a8961a653797d238"

CASES_004 = [
    # news: producing unit head, then the publicity office (pinned unit xuanjiaoban)
    ("news from a department", "xinwen/a.md", {"unit": "fagui"}, ["qian-hong", "ma-rui"], "lu-xin", []),
    ("news, re-reviewed by the office's deputy head", "xinwen/a.md", {"unit": "fagui"}, ["qian-hong", "ke-zhang"], "lu-xin", []),
    (
        "news re-reviewed by another department's head",
        "xinwen/a.md",
        {"unit": "fagui"},
        ["qian-hong", "sun-peng"],
        "lu-xin",
        [("step_missing", "R-16")],
    ),
    ("news re-reviewed by the IT centre", "xinwen/a.md", {"unit": "fagui"}, ["qian-hong", "feng-bo"], "lu-xin", [("step_missing", "R-16")]),
    ("news without the producing unit", "xinwen/a.md", {"unit": "fagui"}, ["ma-rui"], "lu-xin", [("step_missing", "R-16")]),
    # a column fixes its units: the IT centre is not among the news column's units
    (
        "news naming a unit its column does not list",
        "xinwen/a.md",
        {"unit": "xinxi"},
        ["feng-bo", "ma-rui"],
        "lu-xin",
        [("unit_not_in_column", None)],
    ),
    ("news produced by the publicity office itself", "xinwen/a.md", {}, ["ke-zhang", "ma-rui"], "jia-yi", []),
    ("news of the publicity office, one head for both steps", "xinwen/a.md", {}, ["ma-rui"], "jia-yi", [("step_missing", "R-16")]),
    # the producing unit's secrecy reviewer, or the secrecy committee office when the unit cannot decide
    ("secrecy committee office labels", "xinwen/a.md", {"unit": "fagui"}, ["qian-hong", "ma-rui"], "bao-wei", []),
    (
        "another department's secrecy reviewer labels",
        "xinwen/a.md",
        {"unit": "fagui"},
        ["qian-hong", "ma-rui"],
        "xu-gang",
        [("secrecy_wrong_actor", "R-03")],
    ),
    # routine material: the publicity office OR the authorised IT centre re-reviews
    ("routine material, IT centre re-reviews", "zfxx/ziliao/a.md", {}, ["zhao-lei", "feng-bo"], "tian-jing", []),
    ("routine material, publicity office re-reviews", "zfxx/ziliao/a.md", {}, ["zhao-lei", "ma-rui"], "tian-jing", []),
    (
        "routine material, IT centre head is not an authorised re-reviewer",
        "zfxx/ziliao/a.md",
        {},
        ["zhao-lei", "wang-kai"],
        "tian-jing",
        [("step_missing", "R-16")],
    ),
    ("routine material, no re-review", "zfxx/ziliao/a.md", {}, ["zhao-lei"], "tian-jing", [("step_missing", "R-16")]),
    # government documents; leader-signed ones need the ministry leadership
    ("document", "zfxx/a.md", {"doc_no": "安监总厅〔2016〕8号"}, ["zhao-lei", "ma-rui"], "tian-jing", []),
    (
        "leader-signed document without a ministry leader",
        "zfxx/a.md",
        {"doc_no": "安监总〔2016〕9号", "leader_signed": True},
        ["zhao-lei", "ma-rui"],
        "tian-jing",
        [("step_missing", "R-16")],
    ),
    (
        "leader-signed document with a ministry leader",
        "zfxx/a.md",
        {"doc_no": "安监总〔2016〕9号", "leader_signed": True},
        ["zhao-lei", "ma-rui", "han-qing"],
        "tian-jing",
        [],
    ),
    (
        "interpretation of a leader-signed document without a ministry leader",
        "jiedu/a.md",
        {"leader_signed": True},
        ["qian-hong", "ma-rui"],
        "lu-xin",
        [("step_missing", "R-16")],
    ),
    # major items (press conferences, major enforcement, incident investigations, hot topics)
    ("major item", "zhongda/a.md", {"major_kind": "新闻发布会"}, ["zhao-lei", "ma-rui", "yang-zheng"], "tian-jing", []),
    (
        "major item without a ministry leader",
        "zhongda/a.md",
        {"major_kind": "重大安全执法"},
        ["zhao-lei", "ma-rui"],
        "tian-jing",
        [("step_missing", "R-16")],
    ),
    (
        "major item, IT centre instead of the publicity office",
        "zhongda/a.md",
        {"major_kind": "回应社会关注热点"},
        ["zhao-lei", "feng-bo", "yang-zheng"],
        "tian-jing",
        [("step_missing", "R-16")],
    ),
    (
        "major item not saying which kind",
        "zhongda/a.md",
        {},
        ["zhao-lei", "ma-rui", "yang-zheng"],
        "tian-jing",
        [("field_missing", "R-16")],
    ),
]


@pytest.mark.parametrize(("case", "path", "fields", "approvers", "secrecy", "expected"), CASES_004, ids=[c[0] for c in CASES_004])
def test_004_work_safety_administration(
    case: str, path: str, fields: dict[str, object], approvers: list[str], secrecy: str | None, expected: list
) -> None:
    check(run(S004, path, meta(**fields), approvers, secrecy), expected)


def test_004_pinned_step_names_the_publicity_office_whatever_the_page_unit() -> None:
    verdict = run(S004, "fuwu/a.md", meta(), ["sun-peng", "ma-rui"], "xu-gang")
    assert verdict.approved
    steps = {s.step: s for s in verdict.steps}
    assert steps["producer"].filled_by == ("sun-peng",)
    assert steps["xuanjiaoban"].filled_by == ("ma-rui",)
    assert set(steps["xuanjiaoban"].can_supply) == {"ma-rui", "ke-zhang"}
