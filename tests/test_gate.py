"""The gate, rule by rule (pure: plain data in, verdict out).

Every rule of core/gate.py has a case here that fails if the rule is removed.
Timeline: minutes after a fixed start (tests/evidence.py); merge at minute 1000.
"""

from __future__ import annotations

import pytest
from evidence import POLICY_ID, PR, index, page
from govreview.core.evidence import ArchiveIndex, FileChange, PullRecord
from govreview.core.gate import judge
from govreview.core.page import SourceFile
from govreview.core.verdict import BUILD_INPUT, Verdict
from govreview.messages import render
from govreview.policy_yaml import load_policy

POLICY = """
version: 1
site: {name: 测试站, publisher: 测试局}
units:
  office: 办公室
  law: 法规科
roles:
  head:
    name: 科室负责人
    units: {office: [hana], law: [lu]}
  deputy:
    name: 分管领导
    units: {office: [dong], law: [dong]}
  chief:
    name: 主要领导
    members: [zhu]
  secrecy:
    name: 保密审查员
    members: [bao, bai]
  owners:
    name: 规则负责人
    members: [gui]
  teamrole:
    name: 团队角色
    members: [acme/reviewers]
  committee:
    name: 保密委员会
    members: [wei, acme/committee]
secrecy: {label: 保密审查通过, role: secrecy}
screening: {clear: {role: committee}}
categories:
  news:
    name: 工作动态
    rules: [R-10]
    steps: [{role: head}, {role: deputy}]
    escalations:
      - when: {leader_instruction: true}
        rule: R-17
        steps: [{role: chief}]
  relaxed:
    name: 可兼任
    steps: [{role: head}, {role: deputy}]
    same_person: true
  chain:
    name: 顺序审批
    rules: [R-15]
    ordered: true
    secrecy_review: false
    secrecy_waiver: 测试用：只验证审批顺序
    steps: [{role: head}, {role: deputy}, {role: chief}]
  pair:
    name: 双人
    secrecy_review: false
    secrecy_waiver: 测试用：两名保密审查员本身即审批人
    steps: [{role: secrecy, count: 2}]
  team:
    name: 团队
    secrecy_review: false
    secrecy_waiver: 测试用：只验证团队成员
    steps: [{role: teamrole}]
  reprint:
    name: 转载
    rules: [R-12]
    steps: [{role: head}]
    required_fields: {source: R-12, source_url: R-12}
  policy:
    name: 规则
    secrecy_review: false
    steps: [{role: owners}]
columns:
  news: {name: 工作动态, category: news, unit: office}
  law: {name: 法规, category: news, unit: law}
"""

LABEL = "保密审查通过"
PATH = "news/a.md"
REPO = "docs/news/a.md"


@pytest.fixture(scope="module")
def policy():
    return load_policy({"policies/p.yml": POLICY})


def verdict(policy, *pulls: PullRecord, source: SourceFile | None = None, blob: str = "b1") -> Verdict:
    return judge(source or page(PATH, blob), index(*pulls), {POLICY_ID: policy})


def codes(v: Verdict) -> list[tuple[str, str | None]]:
    return [(r.code, r.rule) for r in v.reasons]


def good(author: str = "ed", files: dict[str, str | None] | None = None) -> PR:
    """A pull request that satisfies category news for docs/news/a.md (blob b1)."""
    return PR(author=author).push(0, files or {REPO: "b1"}).approve("hana", 10).approve("dong", 11).label(LABEL, "bao", 12)


# -- the baseline ------------------------------------------------------------


def test_fully_approved_page_passes(policy):
    v = verdict(policy, good().merged())
    assert v.approved, codes(v)
    assert [s.filled_by for s in v.steps] == [("hana",), ("dong",), ("bao",)]
    assert (v.category, v.unit, v.pull) == ("news", "office", 1)


# -- provenance: the content on disk must be the approved, merged content (R-02, invariant 2)


def test_page_no_merge_produced_is_blocked(policy):
    assert codes(verdict(policy)) == [("no_merge", "R-02")]


def test_page_edited_after_merge_is_blocked(policy):
    v = verdict(policy, good().merged(), blob="b2")
    assert codes(v) == [("changed_after_merge", "R-02")]


def test_page_deleted_by_the_last_merge_is_blocked(policy):
    gone = PR(number=2).push(0, {REPO: None}).merged(2000)
    assert codes(verdict(policy, good().merged(), gone)) == [("removed_by_merge", "R-02")]


def test_renamed_page_old_path_is_blocked(policy):
    first = good().merged()
    rename = PR(number=2).push(0, {"docs/news/b.md": "b1"}).merged(2000)
    rename = PullRecord(**{**rename.__dict__, "files": (FileChange("docs/news/b.md", "renamed", "b1", REPO),)})
    assert codes(verdict(policy, first, rename)) == [("removed_by_merge", "R-02")]


def test_merged_content_nobody_reviewed_is_blocked(policy):
    # Two PRs edit different parts of the page; the merge result is a third text.
    pr = good().merged(merged_files={REPO: "b-combined"})
    v = verdict(policy, pr, blob="b-combined")
    assert codes(v) == [("merge_not_reviewed", "R-02")]


def test_the_latest_merge_of_the_path_is_the_one_that_counts(policy):
    approved = good().merged(1000)
    unapproved_revert = PR(number=2).push(0, {REPO: "b1"}).merged(2000)
    v = verdict(policy, approved, unapproved_revert)
    assert v.pull == 2 and not v.approved


def test_policy_snapshot_missing_fails_closed(policy):
    pr = good().merged(policy="sha256:unknown")
    assert codes(verdict(policy, pr)) == [("policy_missing", "R-02")]


# -- reviews bind to the content of this page --------------------------------


def test_approval_of_an_earlier_version_of_the_page_does_not_count(policy):
    pr = PR().push(0, {REPO: "b0"}).approve("hana", 10).push(20, {REPO: "b1"}).approve("dong", 21).label(LABEL, "bao", 22)
    v = verdict(policy, pr.merged())
    assert codes(v) == [("step_missing", "R-10")]
    assert [n.code for n in v.notes] == ["stale_approval"]


def test_approval_survives_a_push_that_leaves_the_page_alone(policy):
    pr = PR().push(0, {REPO: "b1", "docs/news/other.md": "o1"}).approve("hana", 10)
    pr.push(20, {"docs/news/other.md": "o2"}).approve("dong", 21).label(LABEL, "bao", 22)
    assert verdict(policy, pr.merged()).approved


def test_review_of_a_commit_the_archive_does_not_hold_does_not_count(policy):
    pr = PR().push(0, {REPO: "b1"}).approve("hana", 10, commit="deadbeef").approve("dong", 11).label(LABEL, "bao", 12)
    v = verdict(policy, pr.merged())
    assert not v.approved and "review_commit_unknown" in [n.code for n in v.notes]


@pytest.mark.parametrize(
    ("later_state", "approved"),
    [("CHANGES_REQUESTED", False), ("DISMISSED", False), ("COMMENTED", True), ("APPROVED", True)],
)
def test_only_the_reviewers_latest_decisive_state_counts(policy, later_state, approved):
    pr = good().review("hana", later_state, 30)
    assert verdict(policy, pr.merged()).approved is approved


def test_review_after_the_merge_does_not_count(policy):
    pr = PR().push(0, {REPO: "b1"}).approve("hana", 10).approve("dong", 1500).label(LABEL, "bao", 12)
    assert codes(verdict(policy, pr.merged(1000))) == [("step_missing", "R-10")]


# -- two people at least (invariant 4) ------------------------------------------


def test_the_authors_own_approval_never_counts(policy):
    pr = good(author="hana")
    v = verdict(policy, pr.merged())
    assert codes(v) == [("step_missing", "R-10")]
    assert "self_approval" in [n.code for n in v.notes]
    head_step = v.steps[0]
    assert "hana" not in head_step.can_supply


def test_a_committer_who_is_not_the_author_cannot_approve(policy):
    pr = PR(author="ed").push(0, {REPO: "b1"}, committer="dong").approve("hana", 10).approve("dong", 11).label(LABEL, "bao", 12)
    assert codes(verdict(policy, pr.merged())) == [("step_missing", "R-10")]


def test_a_commit_with_no_account_blocks(policy):
    pr = good()
    pr.push(5, {}, author=None)
    pr.approve("hana", 10).approve("dong", 11)
    v = verdict(policy, pr.merged())
    assert ("unmapped_author", "R-02") in codes(v)


def test_logins_compare_without_case(policy):
    pr = PR().push(0, {REPO: "b1"}).approve("HANA", 10).approve("Dong", 11).label(LABEL, "BAO", 12)
    assert verdict(policy, pr.merged()).approved


def test_one_person_fills_one_step_unless_the_policy_allows(policy):
    two_hats = load_policy({"p.yml": POLICY.replace("units: {office: [dong], law: [dong]}", "units: {office: [dong, hana], law: [dong]}")})
    pr = PR().push(0, {REPO: "b1"}).approve("hana", 10).label(LABEL, "bao", 12).merged()
    v = judge(page(PATH, "b1"), index(pr), {POLICY_ID: two_hats})
    assert codes(v) == [("step_missing", "R-10")]
    relaxed = judge(page(PATH, "b1", {"title": "t", "category": "relaxed"}), index(pr), {POLICY_ID: two_hats})
    assert relaxed.approved, codes(relaxed)


def test_people_are_matched_to_steps_not_taken_greedily(policy):
    # hana holds head and deputy; dong only deputy... swapped: make hana the only
    # person who can be deputy's alternative and check a greedy first-fit would fail.
    both = load_policy({"p.yml": POLICY.replace("units: {office: [hana], law: [lu]}", "units: {office: [hana, dong], law: [lu]}")})
    # dong holds head+deputy, hana holds head only. Greedy "head := dong" leaves deputy empty.
    pr = PR().push(0, {REPO: "b1"}).approve("dong", 10).approve("hana", 11).label(LABEL, "bao", 12).merged()
    v = judge(page(PATH, "b1"), index(pr), {POLICY_ID: both})
    assert v.approved, codes(v)
    assert [s.filled_by for s in v.steps][:2] == [("hana",), ("dong",)]


def test_count_needs_distinct_people(policy):
    src = page(PATH, "b1", {"title": "t", "category": "pair"})
    one = PR().push(0, {REPO: "b1"}).approve("bao", 10).merged()
    two = PR().push(0, {REPO: "b1"}).approve("bao", 10).approve("bai", 11).merged()
    assert codes(verdict(policy, one, source=src)) == [("step_missing", "R-02")]
    assert verdict(policy, two, source=src).approved


def test_secrecy_reviewer_cannot_also_fill_a_review_step(policy):
    both = load_policy({"p.yml": POLICY.replace("units: {office: [dong], law: [dong]}", "units: {office: [bao], law: [dong]}")})
    pr = PR().push(0, {REPO: "b1"}).approve("hana", 10).approve("bao", 11).label(LABEL, "bao", 12).merged()
    v = judge(page(PATH, "b1"), index(pr), {POLICY_ID: both})
    assert not v.approved
    assert {c for c, _ in codes(v)} & {"step_missing", "secrecy_same_person"}


# -- order (R-15) -------------------------------------------------------------------


def chain_pr(times: dict[str, float]) -> PullRecord:
    pr = PR().push(0, {REPO: "b1"})
    for login, at in times.items():
        pr.approve(login, at)
    return pr.merged()


def test_ordered_chain_in_order_passes(policy):
    src = page(PATH, "b1", {"title": "t", "category": "chain"})
    assert verdict(policy, chain_pr({"hana": 10, "dong": 20, "zhu": 30}), source=src).approved


def test_ordered_chain_out_of_order_is_blocked(policy):
    src = page(PATH, "b1", {"title": "t", "category": "chain"})
    v = verdict(policy, chain_pr({"zhu": 10, "dong": 20, "hana": 30}), source=src)
    assert codes(v) == [("order", "R-15")]


# -- secrecy label (R-03, invariant 5) ---------------------------------------------------


def base_pr() -> PR:
    return PR().push(0, {REPO: "b0"}).push(20, {REPO: "b1"}).approve("hana", 30).approve("dong", 31)


@pytest.mark.parametrize(
    ("events", "expected"),
    [
        ([("labeled", "bao", 40)], []),
        ([], [("secrecy_missing", "R-03")]),
        ([("labeled", "hana", 40)], [("secrecy_wrong_actor", "R-03")]),
        ([("labeled", "bao", 10)], [("secrecy_before_push", "R-03")]),
        ([("labeled", "bao", 40), ("unlabeled", "hana", 41)], [("secrecy_missing", "R-03")]),
        ([("labeled", "bao", 40), ("unlabeled", "x", 41), ("labeled", "hana", 42)], [("secrecy_wrong_actor", "R-03")]),
        ([("labeled", "bao", 1500)], [("secrecy_missing", "R-03")]),
    ],
    ids=["by-reviewer-after-push", "missing", "wrong-actor", "before-last-push", "removed", "reapplied-by-other", "after-merge"],
)
def test_secrecy_label_who_and_when(policy, events, expected):
    pr = base_pr()
    for action, actor, at in events:
        pr.label(LABEL, actor, at, action)
    assert codes(verdict(policy, pr.merged())) == expected


def test_secrecy_label_survives_a_push_that_did_not_change_the_page(policy):
    pr = base_pr().label(LABEL, "bao", 40).push(50, {"docs/news/other.md": "o"})
    assert verdict(policy, pr.merged()).approved


def test_secrecy_label_applied_by_a_contributor_does_not_count(policy):
    pr = base_pr().label(LABEL, "bao", 40)
    pr.push(45, {}, committer="bao")
    v = verdict(policy, pr.merged())
    assert ("secrecy_self", "R-03") in codes(v)


def test_secrecy_label_with_unprovable_order_does_not_count(policy):
    pr = base_pr().label(LABEL, "bao", 40)
    last = pr.heads[-1]
    pr.heads[-1] = type(last)(last.sha, None, last.files)
    assert codes(verdict(policy, pr.merged())) == [("secrecy_order_unknown", "R-03")]


# -- roles: teams, escalations, fields ----------------------------------------------------


def test_team_member_counts_only_with_membership_recorded(policy):
    src = page(PATH, "b1", {"title": "t", "category": "team"})
    pr = PR().push(0, {REPO: "b1"}).approve("tina", 10)
    unknown = verdict(policy, pr.merged(), source=src)
    assert codes(unknown) == [("step_missing", "R-02")]
    assert "team_unresolved" in [n.code for n in unknown.notes]
    pr.teams["acme/reviewers"] = frozenset({"Tina"})
    assert verdict(policy, pr.merged(), source=src).approved


def test_leader_instruction_escalates_to_the_principal_leader(policy):
    src = page(PATH, "b1", {"title": "t", "leader_instruction": True})
    assert codes(verdict(policy, good().merged(), source=src)) == [("step_missing", "R-17")]
    assert verdict(policy, good().approve("zhu", 13).merged(), source=src).approved


def test_reprint_without_source_is_blocked(policy):
    src = page(PATH, "b1", {"title": "t", "category": "reprint", "source": "某报"})
    pr = PR().push(0, {REPO: "b1"}).approve("hana", 10).label(LABEL, "bao", 12).merged()
    v = verdict(policy, pr, source=src)
    assert codes(v) == [("field_missing", "R-12")]
    assert v.reasons[0].params["field"] == "source_url"


@pytest.mark.parametrize(
    ("meta", "code"),
    [
        ({"title": "t", "category": "没有这个类别"}, "unknown_category"),
        ({"title": "t", "unit": "nowhere"}, "unknown_unit"),
        ({"author": "x"}, "field_missing"),
        ({"title": 5}, "field_type"),
        ({"title": "t", "标题": "u"}, "field_conflict"),
        ({"title": "t", "date": "明天"}, "field_type"),
    ],
)
def test_front_matter_problems_block(policy, meta, code):
    v = verdict(policy, good().merged(), source=page(PATH, "b1", meta))
    assert code in [c for c, _ in codes(v)]
    assert not v.approved


def test_unreadable_front_matter_never_falls_back_to_the_column_default(policy):
    from govreview.core.verdict import Reason

    src = SourceFile(PATH, REPO, "b1", "page", None, {}, Reason("front_matter_syntax", None, {"detail": "x"}, line=3))
    v = verdict(policy, good().merged(), source=src)
    assert codes(v) == [("front_matter_syntax", None)] and v.category is None


def test_page_outside_any_column_without_category_is_blocked(policy):
    src = SourceFile("elsewhere/a.md", "docs/elsewhere/a.md", "b1", "page", {"title": "t"})
    pr = good(files={"docs/elsewhere/a.md": "b1"}).merged()
    assert ("no_column", None) in codes(judge(src, ArchiveIndex([pr]), {POLICY_ID: policy}))


def test_page_unit_decides_who_approves(policy):
    src = page("law/a.md", "b1")
    pr = PR().push(0, {"docs/law/a.md": "b1"}).approve("hana", 10).approve("dong", 11).label(LABEL, "bao", 12).merged()
    v = judge(src, index(pr), {POLICY_ID: policy})
    assert codes(v) == [("step_missing", "R-10")]
    assert v.steps[0].can_supply == ("lu",)


# -- build inputs (invariant 3) -----------------------------------------------------------


def test_build_input_needs_the_policy_owners(policy):
    src = SourceFile("mkdocs.yml", "mkdocs.yml", "y1", BUILD_INPUT)
    by_head = PR().push(0, {"mkdocs.yml": "y1"}).approve("hana", 10).merged()
    by_owner = PR().push(0, {"mkdocs.yml": "y1"}).approve("gui", 10).merged()
    assert codes(judge(src, index(by_head), {POLICY_ID: policy})) == [("step_missing", "R-02")]
    assert judge(src, index(by_owner), {POLICY_ID: policy}).approved


# -- every "no" explains itself (invariant 6) ----------------------------------------------


def test_messages_name_what_is_missing_and_who_can_supply_it(policy, monkeypatch):
    monkeypatch.delenv("GOVREVIEW_LANG", raising=False)
    pr = PR().push(0, {REPO: "b1"}).approve("hana", 10).merged()
    v = verdict(policy, pr)
    texts = [render(r) for r in v.reasons]
    assert any("分管领导" in t and "@dong" in t and "[R-10]" in t for t in texts), texts
    assert any("保密审查" in t and "@bao" in t and "[R-03]" in t for t in texts), texts
    monkeypatch.setenv("GOVREVIEW_LANG", "en")
    assert any("missing approval" in render(r) for r in v.reasons)


@pytest.mark.parametrize("value", ["是", "true", "yes", 1])
def test_escalation_trigger_of_the_wrong_type_blocks_instead_of_skipping(policy, value):
    src = page(PATH, "b1", {"title": "t", "leader_instruction": value})
    v = verdict(policy, good().merged(), source=src)
    assert ("field_type", "R-17") in codes(v)


def test_a_step_can_name_its_own_rule():
    text = POLICY.replace(
        "steps: [{role: head}, {role: deputy}]\n    escalations", "steps: [{role: head}, {role: deputy, rule: R-14}]\n    escalations", 1
    )
    own = load_policy({"p.yml": text})
    pr = PR().push(0, {REPO: "b1"}).approve("hana", 10).label(LABEL, "bao", 12).merged()
    assert codes(judge(page(PATH, "b1"), index(pr), {POLICY_ID: own})) == [("step_missing", "R-14")]


def test_order_violation_names_the_categorys_rule():
    text = POLICY.replace("rules: [R-15]", "rules: [R-12]")
    own = load_policy({"p.yml": text})
    src = page(PATH, "b1", {"title": "t", "category": "chain"})
    v = judge(src, index(chain_pr({"zhu": 10, "dong": 20, "hana": 30})), {POLICY_ID: own})
    assert codes(v) == [("order", "R-12")]


def test_a_column_can_limit_the_categories_its_pages_choose():
    limited = load_policy(
        {
            "p.yml": POLICY.replace(
                "news: {name: 工作动态, category: news, unit: office}",
                "news: {name: 工作动态, category: news, unit: office, categories: [news]}",
            )
        }
    )
    src = page(PATH, "b1", {"title": "t", "category": "reprint", "source": "s", "source_url": "u"})
    pr = PR().push(0, {REPO: "b1"}).approve("hana", 10).label(LABEL, "bao", 12).merged()
    assert codes(judge(src, index(pr), {POLICY_ID: limited})) == [("category_not_in_column", None)]
    assert judge(src, index(pr), {POLICY_ID: policy_unlimited()}).approved


def policy_unlimited():
    return load_policy({"p.yml": POLICY})


def test_pages_cannot_choose_the_policy_category(policy):
    src = page(PATH, "b1", {"title": "t", "category": "policy"})
    pr = PR().push(0, {REPO: "b1"}).approve("gui", 10).merged()
    assert codes(verdict(policy, pr, source=src)) == [("category_not_allowed", "R-02")]


def test_order_counts_from_the_earliest_approval_that_still_binds(policy):
    src = page(PATH, "b1", {"title": "t", "category": "chain"})
    # hana approved the first version (minute 5) and, after the push, the final one (minute 30):
    # only the second binds, so the deputy's approval at minute 25 came before hers.
    pushed = PR().push(0, {REPO: "b0"}).approve("hana", 5).push(20, {REPO: "b1"}).approve("dong", 25).approve("hana", 30)
    assert codes(verdict(policy, pushed.approve("zhu", 40).merged(), source=src)) == [("order", "R-15")]
    # approving the unchanged page again after the last step changes nothing
    again = PR().push(0, {REPO: "b1"}).approve("hana", 10).approve("dong", 20).approve("zhu", 30).approve("hana", 40).approve("dong", 50)
    assert verdict(policy, again.merged(), source=src).approved
