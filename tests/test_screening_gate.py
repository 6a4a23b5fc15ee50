"""Screening inside the gate: block findings withhold approved pages, warn findings
need a role holder's label after the last push, leader instructions escalate (R-17),
and the policy's screening settings are validated with file and line.
"""

from __future__ import annotations

from dataclasses import replace

import pytest
from evidence import POLICY_ID, PR, index, page
from govreview.core.findings import Content, Segment
from govreview.core.gate import judge
from govreview.core.screen import screen
from govreview.core.verdict import Verdict
from govreview.messages import render
from govreview.policy_yaml import PolicyError, load_policy
from govreview.screen_content import text_content

BASE = """
version: 1
site: {name: 测试站, publisher: 测试局}
units: {office: 办公室}
roles:
  head: {name: 科室负责人, members: [hana]}
  deputy: {name: 分管领导, members: [dong]}
  chief: {name: 主要领导, members: [zhu]}
  secrecy: {name: 保密审查员, members: [bao, bai]}
  web: {name: 网站管理员, members: [wang]}
  owners: {name: 规则负责人, members: [gui]}
  committee: {name: 保密委员会, members: [wei]}
secrecy: {label: 保密审查通过, role: secrecy}
categories:
  news:
    name: 工作动态
    steps: [{role: head}, {role: deputy}]
    escalations:
      - when: {leader_instruction: true}
        rule: R-17
        steps: [{role: chief}]
  plain:
    name: 其他
    steps: [{role: head}, {role: deputy}]
  policy:
    name: 规则
    secrecy_review: false
    steps: [{role: owners}]
columns:
  news: {name: 工作动态, category: news, unit: office}
  plain: {name: 其他, category: plain, unit: office}
"""
#: The clearing role every policy names (R-03); BASE ends with it, so a test may add keys of ``screening``.
CLEAR = "screening:\n  clear: {role: committee}\n"
BASE += CLEAR
SCREENING = """\
  accept: {label: 提示已核实, role: web}
  allow_numbers: ["139-0710-0000"]
words:
  - term: 不忘出心
    correct: 不忘初心
    note: 固定表述写错
  - terms: [台湾总统]
    correct: 台湾地区领导人
    severity: block
    rule: R-21
"""
LABEL = "保密审查通过"
ACCEPT = "提示已核实"
REPO = "docs/news/a.md"
CLEAN = "---\ntitle: 标题\nauthor: 经办人\n---\n本办召开冬季安全工作会议。\n"


@pytest.fixture(scope="module")
def policy():
    return load_policy({"policies/p.yml": BASE + SCREENING})


def source(body: str, path: str = "news/a.md"):
    text = f"---\ntitle: 标题\nauthor: 经办人\n---\n{body}\n"
    return replace(page(path, "b1"), content=text_content(path, text))


def approved_pr(repo: str = REPO) -> PR:
    return PR(author="ed").push(0, {repo: "b1"}).approve("hana", 10).approve("dong", 11).label(LABEL, "bao", 12)


def judged(policy, src, pr: PR) -> Verdict:
    return judge(src, index(pr.merged()), {POLICY_ID: policy})


def codes(v: Verdict) -> list[tuple[str, str | None]]:
    return [(r.code, r.rule) for r in v.reasons]


def test_a_clean_approved_page_passes(policy):
    v = judged(policy, source("本办召开冬季安全工作会议，部署人防工程检查。"), approved_pr())
    assert v.approved, codes(v)


def test_a_secrecy_marking_withholds_an_approved_page_with_its_line_and_column(policy):
    v = judged(policy, source("会议材料\n本件 机密★5年 请妥善保管。"), approved_pr())
    assert codes(v) == [("screen_block", "R-03")]
    reason = v.reasons[0]
    assert (reason.line, reason.col) == (6, 4)  # front matter is lines 1-4; the body starts on line 5
    text = render(reason, "zh")
    assert "密级标志" in text and "机密★5年" in text and text.endswith("[R-03]")


def test_a_warning_blocks_until_the_accepting_role_labels_after_the_last_push(policy):
    src = source("联系人手机：13812345678。")
    v = judged(policy, src, approved_pr())
    assert codes(v) == [("screen_warn", "R-21")]
    assert "@wang" in render(v.reasons[0], "zh") and ACCEPT in render(v.reasons[0], "zh")
    v = judged(policy, src, approved_pr().label(ACCEPT, "wang", 20))
    assert v.approved, codes(v)
    accepted = [n for n in v.notes if n.code == "screen_accepted"]
    assert accepted and accepted[0].params["login"] == "wang"


@pytest.mark.parametrize(
    ("pr", "code"),
    [
        (approved_pr().label(ACCEPT, "bao", 20), "accept_wrong_actor"),  # a secrecy reviewer, not the accepting role
        (
            PR(author="wang")
            .push(0, {REPO: "b1"})
            .approve("hana", 10)
            .approve("dong", 11)
            .label(LABEL, "bao", 12)
            .label(ACCEPT, "wang", 20),
            "accept_self",
        ),
        (approved_pr().label(ACCEPT, "wang", 5).push(8, {REPO: "b1"}), "accept_before_push"),
    ],
    ids=["wrong-role", "contributor", "before-push"],
)
def test_an_acceptance_that_cannot_count_says_why(policy, pr, code):
    src = source("联系人手机：13812345678。")
    if code == "accept_before_push":
        pr = PR(author="ed").push(0, {REPO: "b0"}).label(ACCEPT, "wang", 5).push(8, {REPO: "b1"})
        pr = pr.approve("hana", 10).approve("dong", 11).label(LABEL, "bao", 12)
    v = judged(policy, src, pr)
    assert code in [r.code for r in v.reasons]
    assert "screen_warn" in [r.code for r in v.reasons]


def test_a_block_finding_cannot_be_accepted_by_a_label(policy):
    v = judged(policy, source("身份证号：11010519491231002X"), approved_pr().label(ACCEPT, "wang", 20))
    assert codes(v) == [("screen_block", "R-21")]
    assert "11010519491231002X" not in render(v.reasons[0], "zh")  # personal data is masked in messages


def test_leader_instruction_content_escalates_to_the_principal_leader(policy):
    src = source("会议传达了市长批示精神。")
    v = judged(policy, src, approved_pr())
    assert [s.step for s in v.steps][-2:] == ["chief", "secrecy"] or "chief" in [s.roles[0] for s in v.steps]
    assert ("step_missing", "R-17") in codes(v)
    assert "screen_warn" not in [r.code for r in v.reasons]
    v = judged(policy, src, approved_pr().approve("zhu", 13))
    assert v.approved, codes(v)
    assert "screen_escalated" in [n.code for n in v.notes]


def test_leader_instruction_is_a_warning_where_the_category_has_no_escalation(policy):
    src = source("会议传达了市长批示精神。", "plain/a.md")
    v = judged(policy, src, approved_pr("docs/plain/a.md"))
    assert codes(v) == [("screen_warn", "R-17")]


def test_word_lists_from_the_policy_with_corrections_and_traditional_spelling(policy):
    v = judged(policy, source("我们要不忘出心。"), approved_pr())
    assert codes(v) == [("screen_warn", "R-21")]
    assert "不忘初心" in render(v.reasons[0], "zh")
    v = judged(policy, source("有媒體稱其為台灣總統。"), approved_pr())
    assert codes(v) == [("screen_block", "R-21")]


def test_official_numbers_in_the_allow_list_pass(policy):
    v = judged(policy, source("值班手机：13907100000。"), approved_pr())
    assert v.approved, codes(v)


def test_the_snapshot_policy_judges_a_merged_page_not_todays_word_list(policy):
    later = load_policy({"policies/p.yml": BASE + SCREENING + "  - {term: 冬季会议, severity: block}\n"})
    src = source("召开冬季会议。")
    v = judge(src, index(approved_pr().merged()), {POLICY_ID: policy}, current=later)
    assert v.approved, codes(v)


def test_build_inputs_in_docs_are_screened_too(policy):
    content = Content((Segment('<p title="内部资料">首页</p>'),))
    src = replace(page("news/x.html", "b1"), content=content)
    v = judged(policy, src, approved_pr("docs/news/x.html"))
    assert ("screen_block", "R-03") in codes(v)


@pytest.mark.parametrize(
    ("snippet", "message"),
    [
        ("  severity: {secrecy-marking: warn}\n", "secrecy-marking"),
        ("  severity: {no-such-check: warn}\n", "no-such-check"),
        ("  severity: {punctuation: maybe}\n", "punctuation"),
        ("  accept: {label: 核实, role: nobody}\n", "nobody"),
        ("words:\n  - {term: 某词, severity: stop}\n", "severity"),
        ("words:\n  - {term: 某词, rule: 21}\n", "rule"),
        ("words:\n  - {correct: 某词}\n", "term"),
    ],
)
def test_bad_screening_settings_name_the_file_and_line(snippet, message):
    files = {"policies/p.yml": BASE, "policies/screening.yml": snippet}
    if snippet.startswith("  "):  # a key of ``screening``: the section moves to screening.yml
        files = {"policies/p.yml": BASE.removesuffix(CLEAR), "policies/screening.yml": CLEAR + snippet}
    with pytest.raises(PolicyError) as err:
        load_policy(files)
    text = str(err.value)
    assert "policies/screening.yml" in text and message in text
    assert any(p.line in (2, 3) for p in err.value.problems), [(p.line, p.message) for p in err.value.problems]


def test_word_lists_in_several_files_are_joined():
    p = load_policy(
        {
            "policies/p.yml": BASE,
            "policies/w1.yml": "words:\n  - {term: 甲词}\n",
            "policies/w2.yml": "words:\n  - {term: 乙词, severity: block}\n",
        }
    )
    assert [w.terms for w in p.screening.words] == [("甲词",), ("乙词",)]


def test_severity_overrides_apply(policy):
    strict = load_policy({"policies/p.yml": BASE + "  severity: {mobile-number: block, punctuation: 'off'}\n"})
    v = judged(strict, source("手机 13812345678,请联系。"), approved_pr())
    assert codes(v) == [("screen_block", "R-21")]


def test_english_messages():
    v = judge(source("内部资料，注意保存。"), index(approved_pr().merged()), {POLICY_ID: load_policy({"p.yml": BASE})})
    assert "internal material" in render(v.reasons[0], "en")


def test_screening_without_content_changes_nothing(policy):
    v = judged(policy, page("news/a.md", "b1"), approved_pr())
    assert v.approved


def test_clean_page_text_is_really_screened(policy):
    # the same page with a marking added is withheld: the clean case above is not vacuous
    assert judged(policy, source(CLEAN + "绝密★"), approved_pr()).reasons


def test_a_word_added_to_the_list_later_is_reported_not_used_to_unpublish(policy):
    later = load_policy({"policies/p.yml": BASE + SCREENING + "  - {term: 冬季会议, severity: block}\n"})
    v = judge(source("召开冬季会议。"), index(approved_pr().merged()), {POLICY_ID: policy}, current=later)
    assert v.approved
    [note] = [n for n in v.notes if n.code == "screen_new_rules"]
    assert note.params["check"] == "word-list" and "冬季会议" in render(note, "zh")


def test_a_word_inside_an_exception_is_not_flagged():
    p = load_policy({"p.yml": BASE + "words:\n  - {term: 北朝鲜, except: [东北朝鲜族]}\n"})
    folded = text_content("news/a.md", "东北朝鲜族群众与北朝鲜边境")
    from govreview.core.screen import screen

    hits = [f for f in screen(folded, p.screening) if f.code == "word-list"]
    assert [(f.col, f.params["excerpt"]) for f in hits] == [(9, "北朝鲜")]


def test_a_failure_inside_screening_blocks_instead_of_publishing(policy, monkeypatch):
    import govreview.core.gate as gate

    def broken(*_args, **_kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(gate, "screen", broken)
    v = judged(policy, source("本办召开冬季安全工作会议。"), approved_pr())
    assert codes(v) == [("screen_block", "R-03")]
    assert "boom" in render(v.reasons[0], "zh")


def test_typography_is_opt_in():
    """GB/T 15834/15835 checks run only where the policy asks for them (or `screen --typography`)."""
    off = load_policy({"policies/p.yml": BASE})
    on = load_policy({"policies/p.yml": BASE + "  typography: true\n"})
    assert not off.screening.typography and on.screening.typography
    content = Content((Segment("---\ntitle: t\n---\n办理地点:市民中心三楼.\n", markdown=True),))
    assert "punctuation" not in {f.code for f in screen(content, off.screening)}
    assert "punctuation" in {f.code for f in screen(content, on.screening)}
    with pytest.raises(PolicyError) as err:
        load_policy({"policies/p.yml": BASE + "  typography: maybe\n"})
    assert "typography" in str(err.value)
