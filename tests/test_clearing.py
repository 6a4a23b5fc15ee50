"""Clearing a false block (R-03: where a unit cannot decide, the secrecy committee decides):
the gate with plain data, the line format, and the policy's clearing role."""

from __future__ import annotations

from dataclasses import replace

import pytest
from evidence import POLICY_ID, PR, START, index
from govreview.core.clearing import clear_line, clearable, names, parse, place_token, records
from govreview.core.findings import BLOCK, WARN, Finding, place
from govreview.core.gate import judge
from govreview.messages import render
from govreview.policy_yaml import PolicyError, load_policy
from test_screening_gate import ACCEPT, BASE, CLEAR, LABEL, REPO, SCREENING, approved_pr, codes, judged, source

#: A training page on document formats: it shows how a marking is written, and so carries one.
FALSE_BLOCK = "公文格式培训\n密级标志的规范写法示例：秘密★1年。"
TWO_BLOCKS = FALSE_BLOCK + "\n另附示例：机密★5年。"
COMMITTEE = "wei"


@pytest.fixture(scope="module")
def policy():
    return load_policy({"policies/p.yml": BASE + SCREENING})


def line_for(policy, body: str = FALSE_BLOCK, pr: PR | None = None, k: int = 0) -> str:
    """The clearance line the gate asks for, as the blocked reason carries it."""
    v = judged(policy, source(body), pr or approved_pr())
    blocks = [r for r in v.reasons if r.code == "screen_block"]
    return str(blocks[k].params["clear_line"])


def test_the_blocked_reason_says_who_can_clear_it_and_the_exact_line(policy):
    v = judged(policy, source(FALSE_BLOCK), approved_pr())
    assert codes(v) == [("screen_block", "R-03")]
    (reason,) = v.reasons
    assert reason.params["clear_line"] == f"解除拦截：R-03 secrecy-marking {REPO}:6:13 「秘密★1年」"
    zh, en = render(reason, "zh"), render(reason, "en")
    assert "@wei" in zh and str(reason.params["clear_line"]) in zh and zh.endswith("[R-03]")
    assert "@wei" in en and "false block" in en and str(reason.params["clear_line"]) in en


def test_a_valid_clearance_clears_exactly_that_finding_and_says_who(policy):
    line = line_for(policy, TWO_BLOCKS)
    pr = approved_pr().clear(COMMITTEE, 20, f"经保密委研究，以下为格式示例，不是密级标志：\n{line}\n")
    v = judged(policy, source(TWO_BLOCKS), pr)
    assert codes(v) == [("screen_block", "R-03")], "the other marking stays blocked"
    assert v.reasons[0].line == 7
    (cleared,) = [n for n in v.notes if n.code == "screen_cleared"]
    assert (cleared.line, cleared.params["login"], cleared.params["at"]) == (6, COMMITTEE, pr.reviews[-1].submitted_at)
    assert "wei" in render(cleared, "zh") and "解除拦截" in render(cleared, "zh") and "cleared by wei" in render(cleared, "en")


def test_both_findings_named_both_cleared_and_the_page_publishes(policy):
    lines = [line_for(policy, TWO_BLOCKS, k=k) for k in (0, 1)]
    v = judged(policy, source(TWO_BLOCKS), approved_pr().clear(COMMITTEE, 20, "\n".join(lines), state="APPROVED"))
    assert v.approved, codes(v)
    assert [n.line for n in v.notes if n.code == "screen_cleared"] == [6, 7]


def test_a_line_copied_from_a_code_span_counts(policy):
    v = judged(policy, source(FALSE_BLOCK), approved_pr().clear(COMMITTEE, 20, f"- `{line_for(policy)}`"))
    assert not v.approved  # a list marker is not part of the format
    v = judged(policy, source(FALSE_BLOCK), approved_pr().clear(COMMITTEE, 20, f"  `{line_for(policy)}`  "))
    assert v.approved, codes(v)


@pytest.mark.parametrize(
    ("who", "author", "note"),
    [
        pytest.param("bao", "ed", "clear_not_holder", id="secrecy-reviewer-not-committee"),
        pytest.param("hana", "ed", "clear_not_holder", id="unit-head"),
        pytest.param("gui", "ed", "clear_not_holder", id="policy-owner"),
        pytest.param(COMMITTEE, COMMITTEE, "clear_self", id="committee-member-is-the-author"),
    ],
)
def test_nobody_but_a_committee_member_who_did_not_write_it_clears(policy, who, author, note):
    pr = PR(author=author).push(0, {REPO: "b1"}).approve("hana", 10).approve("dong", 11).label(LABEL, "bao", 12)
    v = judged(policy, source(FALSE_BLOCK), pr.clear(who, 20, line_for(policy)))
    assert codes(v) == [("screen_block", "R-03")]
    assert note in [n.code for n in v.notes]


def test_a_committer_cannot_clear(policy):
    pr = approved_pr().push(15, {"docs/news/b.md": "b9"}, committer=COMMITTEE)
    v = judged(policy, source(FALSE_BLOCK), pr.clear(COMMITTEE, 20, line_for(policy)))
    assert not v.approved and "clear_self" in [n.code for n in v.notes]


def test_a_clearance_on_an_earlier_head_does_not_count(policy):
    pr = approved_pr().clear(COMMITTEE, 13, line_for(policy))
    pr.push(14, {"docs/news/b.md": "b9"})  # the page is untouched, but the review is not on the final head
    v = judged(policy, source(FALSE_BLOCK), pr)
    assert ("screen_block", "R-03") in codes(v)
    (refused,) = [n for n in v.notes if n.code == "clear_wrong_head"]
    assert refused.params["head"] == pr.head and "最新提交" in render(refused, "zh")


def test_a_clearance_before_the_last_push_that_changed_the_file_does_not_count(policy):
    pr = PR(author="ed").push(0, {REPO: "b0"}).push(30, {REPO: "b1"})
    pr.approve("hana", 40).approve("dong", 41).label(LABEL, "bao", 42)
    pr.clear(COMMITTEE, 25, line_for(policy), commit=pr.head)  # on the final head by id, but before its push (server times)
    v = judged(policy, source(FALSE_BLOCK), pr)
    assert ("screen_block", "R-03") in codes(v) and "clear_before_push" in [n.code for n in v.notes]


def test_without_push_times_the_order_cannot_be_proven(policy):
    pr = approved_pr().clear(COMMITTEE, 20, line_for(policy))
    pr.heads[-1] = type(pr.heads[-1])(pr.heads[-1].sha, None, pr.heads[-1].files)
    v = judged(policy, source(FALSE_BLOCK), pr)
    assert not v.approved and "clear_order_unknown" in [n.code for n in v.notes]


def test_a_new_push_changing_the_file_voids_the_clearance(policy):
    pr = PR(author="ed").push(0, {REPO: "b0"}).clear(COMMITTEE, 5, line_for(policy))
    pr.push(30, {REPO: "b1"}).approve("hana", 40).approve("dong", 41).label(LABEL, "bao", 42)
    v = judged(policy, source(FALSE_BLOCK), pr)
    assert codes(v) == [("screen_block", "R-03")]
    assert "clear_wrong_head" in [n.code for n in v.notes]


@pytest.mark.parametrize(
    "edit",
    [
        pytest.param(lambda line: line.replace(":6:13", ":7:13"), id="wrong-line"),
        pytest.param(lambda line: line.replace(":6:13", ":6:14"), id="wrong-column"),
        pytest.param(lambda line: line.replace("「秘密★1年」", "「秘密★」"), id="wrong-text"),
        pytest.param(lambda line: line.replace("secrecy-marking", "internal-marking"), id="wrong-check"),
        pytest.param(lambda line: line.replace("R-03", "R-21"), id="wrong-rule"),
        pytest.param(lambda line: line.replace("docs/news/a.md", "docs/news/b.md"), id="wrong-file"),
    ],
)
def test_a_line_that_does_not_name_the_finding_exactly_clears_nothing(policy, edit):
    v = judged(policy, source(FALSE_BLOCK), approved_pr().clear(COMMITTEE, 20, edit(line_for(policy))))
    assert codes(v) == [("screen_block", "R-03")]
    assert not [n for n in v.notes if n.code == "screen_cleared"]


def test_an_unmatched_line_about_this_file_says_it_cleared_nothing(policy):
    wrong = line_for(policy).replace(":6:13", ":7:13")
    v = judged(policy, source(FALSE_BLOCK), approved_pr().clear(COMMITTEE, 20, wrong))
    (note,) = [n for n in v.notes if n.code == "clear_unmatched"]
    assert note.line == 7 and "未解除任何问题" in render(note, "zh")


def test_a_warning_is_never_cleared_by_a_review(policy):
    src = source("联系人手机：13812345678。")
    v = judged(policy, src, approved_pr())
    (warn,) = v.reasons
    assert warn.code == "screen_warn" and "clear_line" not in warn.params
    f = Finding("mobile-number", WARN, warn.rule or "", warn.line or 0, warn.col or 0, {"excerpt": warn.params["excerpt"]})
    line = clear_line(f, REPO)
    v = judged(policy, src, approved_pr().clear(COMMITTEE, 20, line, state="APPROVED"))
    assert codes(v) == [("screen_warn", "R-21")]
    (note,) = [n for n in v.notes if n.code == "clear_not_block"]
    assert ACCEPT in render(note, "zh")


def test_a_clearance_never_fills_a_missing_approval(policy):
    pr = PR(author="ed").push(0, {REPO: "b1"}).approve("hana", 10).label(LABEL, "bao", 12)
    v = judged(policy, source(FALSE_BLOCK), pr.clear(COMMITTEE, 20, line_for(policy), state="APPROVED"))
    assert [r.code for r in v.reasons] == ["step_missing"], "the finding is cleared; the deputy's approval is still missing"
    assert "screen_cleared" in [n.code for n in v.notes]
    assert "wei" not in [who for s in v.steps for who in s.filled_by], "a clearing review fills no step"


def test_a_label_clears_nothing(policy):
    pr = approved_pr().label("解除拦截", COMMITTEE, 20).label(ACCEPT, "wang", 21)
    v = judged(policy, source(FALSE_BLOCK), pr)
    assert codes(v) == [("screen_block", "R-03")]


def test_a_clearance_in_a_review_requesting_changes_or_withdrawn_later_does_not_count(policy):
    v = judged(policy, source(FALSE_BLOCK), approved_pr().clear(COMMITTEE, 20, line_for(policy), state="CHANGES_REQUESTED"))
    assert not v.approved and "clear_state" in [n.code for n in v.notes]
    pr = approved_pr().clear(COMMITTEE, 20, line_for(policy)).review(COMMITTEE, "CHANGES_REQUESTED", 30)
    v = judged(policy, source(FALSE_BLOCK), pr)
    assert not v.approved and "clear_withdrawn" in [n.code for n in v.notes]


def test_a_clearance_after_the_merge_is_no_evidence(policy):
    pr = approved_pr().clear(COMMITTEE, 2000, line_for(policy))
    v = judged(policy, source(FALSE_BLOCK), pr)
    assert codes(v) == [("screen_block", "R-03")] and not [n for n in v.notes if n.code.startswith("clear")]


def test_a_policy_from_before_the_clearing_role_lets_nobody_clear(policy):
    old = load_policy(
        {"policies/p.yml": BASE.removesuffix(CLEAR) + SCREENING.replace("  accept:", "screening:\n  accept:", 1)}, archived=True
    )
    assert old.screening.clear_role is None
    v = judged(old, source(FALSE_BLOCK), approved_pr().clear(COMMITTEE, 20, line_for(policy)))
    assert codes(v) == [("screen_block", "R-03")] and "clear_not_holder" in [n.code for n in v.notes]
    assert "（无人）" in render(v.reasons[0], "zh")


# -- the line format -----------------------------------------------------------------------


def test_a_line_names_its_finding_and_nothing_else():
    f = Finding("id-number", BLOCK, "R-21", 3, 7, {"excerpt": "110*************34"})
    line = clear_line(f, "docs/a.md")
    assert line == "解除拦截：R-21 id-number docs/a.md:3:7 「110*************34」"
    (named,) = parse(f"说明文字\n{line}\n其他")
    assert names(named, f, "docs/a.md") and not names(named, f, "docs/b.md")
    (half_width,) = parse(line.replace("解除拦截：", "解除拦截:"))
    assert names(half_width, f, "docs/a.md")
    # without its column a line could name two identical findings on one line: it names none
    assert not parse(line.replace(":3:7", ":3"))
    (other_column,) = parse(line.replace(":3:7", ":3:8"))
    assert not names(other_column, f, "docs/a.md")


def test_a_place_inside_an_attachment_is_part_of_the_name():
    where = place("place.cell", sheet="名单", cell="B3")
    f = Finding("id-number", BLOCK, "R-21", 3, 2, {"excerpt": "110*************34"}, where)
    line = clear_line(f, "docs/files/a.xlsx")
    assert "〔cell(cell=B3,sheet=名单)〕" in line and place_token(where) == "cell(cell=B3,sheet=名单)"
    (named,) = parse(line)
    assert names(named, f, "docs/files/a.xlsx")
    elsewhere = Finding("id-number", BLOCK, "R-21", 3, 2, {"excerpt": "110*************34"}, place("place.cell", sheet="其他", cell="B3"))
    assert not names(named, elsewhere, "docs/files/a.xlsx")


def test_what_was_never_read_cannot_be_cleared():
    assert not clearable(Finding("screening-failed", BLOCK, "R-03", 1, 1, {"detail": "x"}))
    assert not clearable(Finding("attachment-unreadable", BLOCK, "R-03", 1, 1, {"detail": "x"}))
    assert not clearable(Finding("doc-comments", BLOCK, "R-03", 1, 1, {"detail": "2"}))
    assert not clearable(Finding("mobile-number", WARN, "R-21", 1, 1, {"excerpt": "138******78"}))
    assert clearable(Finding("secrecy-marking", BLOCK, "R-03", 1, 1, {"excerpt": "秘密★"}))


def test_records_for_the_archive_hold_only_clearances_that_count(policy):
    line = line_for(policy)
    pr = approved_pr().clear(COMMITTEE, 20, line).clear("bao", 21, line)
    (record,) = records(pr.merged(), [(REPO, "b1", judged(policy, source(FALSE_BLOCK), pr))])
    assert (record.by, record.path, record.blob, record.check, record.line, record.column, record.text, record.rule) == (
        COMMITTEE,
        REPO,
        "b1",
        "secrecy-marking",
        6,
        13,
        "秘密★1年",
        "R-03",
    )
    assert record.head == pr.head and record.review == pr.reviews[-2].id and record.at > START


# -- the policy ----------------------------------------------------------------------------


def test_a_policy_without_a_screening_section_must_name_the_clearing_role():
    with pytest.raises(PolicyError) as err:
        load_policy({"policies/p.yml": BASE.removesuffix(CLEAR)})
    (problem,) = err.value.problems
    assert problem.what.code == "policy.missing_clear" and "secrecy_committee" in str(err.value)


def test_a_screening_section_without_clear_is_reported_at_its_file_and_line():
    text = BASE.removesuffix(CLEAR) + "screening:\n  accept: {label: 提示已核实, role: web}\n"
    with pytest.raises(PolicyError) as err:
        load_policy({"policies/p.yml": text})
    (problem,) = err.value.problems
    line = text.splitlines().index("screening:") + 1
    assert (problem.file, problem.line, problem.what.code) == ("policies/p.yml", line, "policy.missing_key")
    assert "screening.clear" in str(err.value)


def test_an_unknown_clearing_role_names_the_closest_role():
    with pytest.raises(PolicyError) as err:
        load_policy({"policies/p.yml": BASE.replace("clear: {role: committee}", "clear: {role: comittee}")})
    (problem,) = err.value.problems
    line = BASE.splitlines().index("  clear: {role: committee}") + 1
    assert (problem.file, problem.line) == ("policies/p.yml", line)
    assert "comittee" in str(err.value) and problem.hint is not None and "committee" in str(problem.hint)


def test_records_come_from_the_gate_alone(policy):
    """A line naming no finding of the content, or a clearance the gate refuses, is never recorded."""
    line = line_for(policy)
    wrong = line.replace(":6:13", ":6:14")
    pr = approved_pr().clear(COMMITTEE, 20, wrong)
    assert records(pr.merged(), [(REPO, "b1", judged(policy, source(FALSE_BLOCK), pr))]) == ()
    edited = approved_pr().clear(COMMITTEE, 20, line, edited=True)
    assert records(edited.merged(), [(REPO, "b1", judged(policy, source(FALSE_BLOCK), edited))]) == ()


# -- a body edited after submission ---------------------------------------------------------


def test_a_clearing_review_edited_after_submission_clears_nothing(policy):
    v = judged(policy, source(FALSE_BLOCK), approved_pr().clear(COMMITTEE, 20, line_for(policy), edited=True))
    assert codes(v) == [("screen_block", "R-03")]
    (refused,) = [n for n in v.notes if n.code == "clear_edited"]
    assert refused.params["login"] == COMMITTEE
    zh, en = render(refused, "zh"), render(refused, "en")
    assert "提交后被修改过" in zh and "重新提交一条审查" in zh and "submit a new review" in en


def test_a_clearing_review_whose_edit_state_is_unknown_clears_nothing(policy):
    pr = approved_pr().clear(COMMITTEE, 20, line_for(policy), edited=None)
    v = judged(policy, source(FALSE_BLOCK), pr)
    assert codes(v) == [("screen_block", "R-03")] and "clear_edit_unknown" in [n.code for n in v.notes]
    # on an open pull request the forge's answer says why it is unknown
    merged = pr.merged()
    why = "读取平台数据失败（HTTP 502）：Server Error"
    merged = replace(merged, unreadable_edits={pr.reviews[-1].id: why})
    v = judge(source(FALSE_BLOCK), index(merged), {POLICY_ID: policy})
    (refused,) = [n for n in v.notes if n.code == "clear_edit_unreadable"]
    assert why in render(refused, "zh") and not v.approved


UNITS = BASE.replace("units: {office: 办公室}", "units: {office: 办公室, press: 宣传科}").replace(
    "committee: {name: 保密委员会, members: [wei]}", "committee: {name: 保密委员会, units: {office: [wei], press: [wu]}}"
)


def test_the_clearing_role_counts_for_the_pages_unit_only():
    policy = load_policy({"policies/p.yml": UNITS})
    line = line_for(policy)
    other = approved_pr().clear("wu", 20, line)  # holds the clearing role for the press office only
    v = judged(policy, source(FALSE_BLOCK), other)
    assert codes(v) == [("screen_block", "R-03")] and "clear_not_holder" in [n.code for n in v.notes]
    assert records(other.merged(), [(REPO, "b1", v)]) == ()
    own = approved_pr().clear("wei", 20, line)
    v = judged(policy, source(FALSE_BLOCK), own)
    assert v.approved, codes(v)
    assert [r.by for r in records(own.merged(), [(REPO, "b1", v)])] == ["wei"]
