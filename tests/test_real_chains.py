"""Five real kinds of approval chain (issue 13, "Done when"), each a policy of its own in
tests/real_chains/<kind>/policies/, judged end to end: a real git site per policy, real
merges recorded in its archive, and the real ``govreview check --json`` in a fresh process.

    district    区人民政府办公室: units submit to the office, which re-reviews (a step pinned to
                a unit); important items go up to its director (an escalation); reprints come
                from fixed sources and name where they came from (choices, required_when);
                only the office's webmasters publish (published_by); shared columns (units:)
    bureau      局: four ordered steps with the secrecy review placed second (secrecy_review);
                previews applied for 5 working days ahead (met_by: application, R-35) and
                published 3 working days ahead (R-32)
    institute   研究所 with a 信息发布登记表: 是否涉密 / 是否上网 vetoes (never_publish), fixed
                information types (choices), a number required for 成果转化 (required_when), the
                相关职能部门 a page names countersigns (unit_from)
    university  高校: 单位负责人 → 保密委员会办公室 if 涉及保密事项 else 分管校领导 → 党政办公室负责人,
                in order (a conditional step); meeting reports within 2 calendar days, important
                meetings the same day (days: calendar, when); meeting dates in order (not_before)
    hospital    医院: notices with a display window (展示开始/展示结束, not_before) up no later than
                the window opens; relaying a health commission's public notice under a declared
                secrecy waiver (secrecy_waiver), shown in the verdict

Every page says whether it is published and, if not, the exact reasons (code, rule); no
reason is said twice."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from gitsite import GitSite, article, run_govreview
from govreview.core.policy import BY_APPLICATION, CALENDAR_DAYS, Policy
from govreview.core.verdict import BUILD_INPUT
from govreview.policy_yaml import load_policy_dir

HERE = Path(__file__).parent / "real_chains"
KINDS = ("district", "bureau", "institute", "university", "hospital")
CHINA = timedelta(hours=8)

Turns = list[tuple[str, str]]
Codes = list[tuple[str, str | None]]


def at_china(day: str, hour: int = 9) -> datetime:
    """``hour`` o'clock on ``day`` in Beijing, in UTC."""
    return datetime.fromisoformat(day).replace(hour=hour, tzinfo=UTC) - CHINA


@dataclass
class Page:
    """A page merged in one pull request: its front matter, its reviewers in turn
    (("approve" | "label" | "reject", login)), who merged it, when it was marked ready for
    review and on which day (Beijing) it merged; ``expect``: the reasons it is withheld
    for, none if it is published."""

    meta: dict[str, object]
    turns: Turns
    expect: Codes = field(default_factory=list)
    merged_by: str | None = None
    ready_on: str | None = None
    merged_on: str | None = None


@dataclass
class Kind:
    policy_approvers: list[str]
    merged_by: str | None  # who merges by default (the office that publishes), None: not recorded
    pages: dict[str, Page]


def ok(*logins: str, label: str | None = None, at: int | None = None) -> Turns:
    """Approvals by ``logins`` in turn, the secrecy label by ``label`` after the ``at``-th of them (default: last)."""
    turns: Turns = [("approve", login) for login in logins]
    if label is not None:
        turns.insert(len(turns) if at is None else at, ("label", label))
    return turns


# -- 1. 区人民政府办公室 ----------------------------------------------------------------------------

REPRINT = {"source": "新华网", "source_url": "https://www.example.cn/a/1.html"}

DISTRICT = Kind(
    policy_approvers=["qian-bo"],
    merged_by="xu-tao",
    pages={
        # a unit submits to the office: its own head, then the office re-reviews (a step pinned to qzfb)
        "dongtai/fgj.md": Page({"unit": "区发展和改革局"}, ok("fang-yuan", "tang-li", label="gu-min")),
        "dongtai/jyj-own-head-only.md": Page({"unit": "jyj"}, ok("jiang-ning", label="shen-yu"), [("step_missing", "R-13")]),
        # the office's own item: two different office heads fill the two steps
        "dongtai/office.md": Page({}, ok("he-jun", "tang-li", label="bao-lin")),
        "dongtai/office-one-person.md": Page({}, ok("he-jun", label="bao-lin"), [("step_missing", "R-13")]),
        # important items go up to the office director (escalation)
        "dongtai/important.md": Page({"important": "是"}, ok("he-jun", "tang-li", "zhou-hong", label="bao-lin")),
        "dongtai/important-chinese-name.md": Page({"重要信息": "是"}, ok("he-jun", "tang-li", label="bao-lin"), [("step_missing", "R-10")]),
        # true (YAML's boolean) is not one of 是 / 否: refused once, by the choices, never read as 否
        "dongtai/important-as-true.md": Page(
            {"important": "true"}, ok("he-jun", "tang-li", label="bao-lin"), [("field_not_a_choice", None)]
        ),
        "dongtai/important-unsigned.md": Page({"important": "是"}, ok("he-jun", "tang-li", label="bao-lin"), [("step_missing", "R-10")]),
        # an item marked as a reprint names its source and link (required_when), from the fixed list
        "dongtai/reprint-ok.md": Page({"origin": "转载", **REPRINT}, ok("he-jun", "tang-li", label="bao-lin")),
        "dongtai/reprint-unsourced.md": Page(
            {"origin": "转载"}, ok("he-jun", "tang-li", label="bao-lin"), [("field_required_when", "R-12")] * 2
        ),
        "dongtai/original-no-source.md": Page({"origin": "本单位原创"}, ok("he-jun", "tang-li", label="bao-lin")),
        # a notice column shared by several units (units:); another column fixes one unit
        "tongzhi/jyj.md": Page({"unit": "区教育局"}, ok("jiang-ning", "tang-li", label="shen-yu")),
        "jiaoyu/fgj.md": Page({"unit": "fgj"}, ok("fang-yuan", "tang-li", label="gu-min"), [("unit_not_in_column", None)]),
        # only the office's webmasters publish (published_by, judged from merged_by)
        "tongzhi/merged-by-head.md": Page(
            {}, ok("he-jun", "tang-li", label="bao-lin"), [("publisher_not_allowed", "R-04")], merged_by="he-jun"
        ),
        "tongzhi/merger-unknown.md": Page({}, ok("he-jun", "tang-li", label="bao-lin"), [("publisher_unknown", "R-04")], merged_by=""),
        # the reprint column: the office re-review only, sources from the fixed list
        "zhuanzai/xinhua.md": Page(REPRINT, ok("tang-li", label="bao-lin")),
        "zhuanzai/self-media.md": Page(
            {**REPRINT, "source": "某自媒体公众号"}, ok("tang-li", label="bao-lin"), [("field_not_a_choice", "R-12")]
        ),
        "zhuanzai/no-link.md": Page({"source": "人民网"}, ok("tang-li", label="bao-lin"), [("field_missing", "R-12")]),
    },
)

# -- 2. 局 ---------------------------------------------------------------------------------------

EVENT = "2026-05-22"  # a Friday: apply by Sunday the 17th (5 working days after it), publish by Tuesday the 19th (3)
FOUR = ["cao-lei", "song-jie", "xia-wen", "yuan-zhen"]  # 登记注册股: section head, business deputy, ideology deputy, director
ZHILIANG = ["yan-qiu", "luo-fei", "xia-wen", "yuan-zhen"]

BUREAU = Kind(
    policy_approvers=["tian-yu", "yuan-zhen"],
    merged_by=None,
    pages={
        "dongtai/in-order.md": Page({"unit": "登记注册股"}, ok(*FOUR, label="ding-ran", at=1)),
        "dongtai/label-last.md": Page({"unit": "dengji"}, ok(*FOUR, label="ding-ran"), [("order", "R-15")]),
        "dongtai/ideology-first.md": Page(
            {"unit": "dengji"}, ok("cao-lei", "xia-wen", "song-jie", "yuan-zhen", label="ding-ran", at=1), [("order", "R-15")]
        ),
        "dongtai/other-deputy.md": Page(
            {"unit": "dengji"}, ok("cao-lei", "luo-fei", "xia-wen", "yuan-zhen", label="ding-ran", at=1), [("step_missing", "R-15")]
        ),
        "dongtai/no-secrecy-review.md": Page({"unit": "dengji"}, ok(*FOUR), [("secrecy_missing", "R-03")]),
        # previews: applied for in time (the PR marked ready) though approved and merged days later
        "yugao/in-time.md": Page(
            {"unit": "zhiliang", "event_date": EVENT}, ok(*ZHILIANG, label="shi-lan", at=1), ready_on="2026-05-15", merged_on="2026-05-19"
        ),
        "yugao/applied-late.md": Page(
            {"unit": "zhiliang", "event_date": EVENT},
            ok(*ZHILIANG, label="shi-lan", at=1),
            [("application_before", "R-35")],
            ready_on="2026-05-18",
            merged_on="2026-05-19",
        ),
        "yugao/application-unknown.md": Page(
            {"unit": "zhiliang", "event_date": EVENT},
            ok(*ZHILIANG, label="shi-lan", at=1),
            [("application_unknown", "R-35")],
            merged_on="2026-05-19",
        ),
        "yugao/published-late.md": Page(
            {"unit": "zhiliang", "event_date": EVENT},
            ok(*ZHILIANG, label="shi-lan", at=1),
            [("deadline_before", "R-32")],
            ready_on="2026-05-14",
            merged_on="2026-05-20",
        ),
    },
)

# -- 3. 研究所（信息发布登记表）-------------------------------------------------------------------

FORM = {"classified": "否", "online": "是", "info_type": "科研动态", "related_dept": "科研处"}
LAB = ok("qiu-ming", "ye-fang", "bai-lu", label="zou-hai")  # 激光技术研究室, 科研处 countersigns, 所办公室

INSTITUTE = Kind(
    policy_approvers=["gao-peng"],
    merged_by="bai-lu",
    pages={
        "xinxi/lab-news.md": Page({"unit": "激光技术研究室", **FORM}, LAB),
        # the form under its Chinese names
        "xinxi/chinese-names.md": Page(
            {"unit": "jiguang", "是否涉密": "否", "是否上网": "是", "信息类型": "学术活动", "相关职能部门": "keyan"}, LAB
        ),
        "xinxi/transfer.md": Page(
            {"unit": "jiguang", **FORM, "info_type": "成果转化", "related_dept": "成果转化处", "achievement_no": "DLG-CG-2026-07"},
            ok("qiu-ming", "du-sheng", "bai-lu", label="zou-hai"),
        ),
        "xinxi/classified.md": Page({"unit": "jiguang", **FORM, "classified": "是"}, LAB, [("field_vetoed", "R-03")]),
        "xinxi/not-for-web.md": Page({"unit": "jiguang", **FORM, "online": "否"}, LAB, [("field_vetoed", "R-03")]),
        "xinxi/unknown-type.md": Page({"unit": "jiguang", **FORM, "info_type": "新闻"}, LAB, [("field_not_a_choice", None)]),
        "xinxi/transfer-no-number.md": Page(
            {"unit": "jiguang", **FORM, "info_type": "成果转化", "related_dept": "成果转化处"},
            ok("qiu-ming", "du-sheng", "bai-lu", label="zou-hai"),
            [("field_required_when", "R-02")],
        ),
        # the 相关职能部门 named on the form countersigns, no other department
        "xinxi/wrong-department.md": Page({"unit": "jiguang", **FORM, "related_dept": "人事教育处"}, LAB, [("step_missing", "R-02")]),
        "xinxi/no-department.md": Page(
            {"unit": "jiguang", **{k: v for k, v in FORM.items() if k != "related_dept"}},
            LAB,
            [("field_missing", "R-02"), ("step_unit_missing", None), ("step_missing", "R-02")],
        ),
        "xinxi/merged-by-lab.md": Page({"unit": "jiguang", **FORM}, LAB, [("publisher_not_allowed", "R-04")], merged_by="qiu-ming"),
    },
)

# -- 4. 高校 -------------------------------------------------------------------------------------

FRIDAY = "2026-05-15"

UNIVERSITY = Kind(
    policy_approvers=["cheng-yuan"],
    merged_by=None,
    pages={
        # 涉及保密事项 = 是: the secrecy office in the middle of the chain
        "tongzhi/exam-secret.md": Page(
            {"unit": "教务处", "touches_secrecy": "是"}, ok("meng-tao", "lei-zhen", "cheng-yuan", label="wen-jing")
        ),
        "tongzhi/exam-secret-via-deputy.md": Page(
            {"unit": "jiaowu", "touches_secrecy": "是"},
            ok("meng-tao", "hua-jian", "cheng-yuan", label="wen-jing"),
            [("step_missing", "R-03")],
        ),
        # otherwise the vice president in charge
        "tongzhi/holiday.md": Page({"unit": "jiaowu", "touches_secrecy": "否"}, ok("meng-tao", "hua-jian", "cheng-yuan", label="wen-jing")),
        "tongzhi/holiday-out-of-order.md": Page(
            {"unit": "jiaowu", "touches_secrecy": "否"}, ok("meng-tao", "cheng-yuan", "hua-jian", label="wen-jing"), [("order", "R-15")]
        ),
        "tongzhi/undeclared.md": Page(
            {"unit": "jiaowu"}, ok("meng-tao", "hua-jian", "cheng-yuan", label="wen-jing"), [("field_missing", "R-03")]
        ),
        # true (YAML's boolean) is not 是: refused, never read as the otherwise branch's 否
        "tongzhi/secrecy-as-true.md": Page(
            {"unit": "jiaowu", "touches_secrecy": "true"},
            ok("meng-tao", "lei-zhen", "cheng-yuan", label="wen-jing"),
            [("step_missing", "R-03"), ("field_not_a_choice", "R-03")],  # the choices say it, not a type check too
        ),
        # the form written under the field's declared Chinese name counts as the field
        "tongzhi/secret-chinese-name.md": Page(
            {"unit": "jiaowu", "涉及保密事项": "是"}, ok("meng-tao", "hua-jian", "cheng-yuan", label="wen-jing"), [("step_missing", "R-03")]
        ),
        # meetings ending on a Friday: the Sunday still counts in calendar days
        "huiyi/weekly.md": Page(
            {"unit": "xuegong", "meeting_start": FRIDAY, "meeting_end": FRIDAY},
            ok("fu-rong", "cheng-yuan", label="wen-jing"),
            merged_on="2026-05-17",
        ),
        "huiyi/weekly-monday.md": Page(
            {"unit": "xuegong", "meeting_end": FRIDAY},
            ok("fu-rong", "cheng-yuan", label="wen-jing"),
            [("deadline_within_calendar", "R-31")],
            merged_on="2026-05-18",
        ),
        # important meetings the same day
        "huiyi/congress.md": Page(
            {"important": "是", "meeting_end": "2026-05-19"}, ok("xiang-yi", "cheng-yuan", label="wen-jing"), merged_on="2026-05-19"
        ),
        "huiyi/congress-next-day.md": Page(
            {"important": "是", "meeting_end": "2026-05-19"},
            ok("xiang-yi", "cheng-yuan", label="wen-jing"),
            [("deadline_within_calendar", "R-31")],
            merged_on="2026-05-20",
        ),
        "huiyi/dates-reversed.md": Page(
            {"meeting_start": "2026-05-21", "meeting_end": "2026-05-20"},
            ok("xiang-yi", "cheng-yuan", label="wen-jing"),
            [("field_order", None)],
            merged_on="2026-05-21",
        ),
        "huiyi/important-as-true.md": Page(
            {"important": "true", "meeting_end": "2026-05-21"},
            ok("xiang-yi", "cheng-yuan", label="wen-jing"),
            [("field_not_a_choice", None)],
        ),
    },
)

# -- 5. 医院（展示期）-----------------------------------------------------------------------------

RELAY = {"source": "临江市卫生健康委员会", "source_url": "https://wjw.example.cn/tz/2026/15.html"}

HOSPITAL = Kind(
    policy_approvers=["ren-jie"],
    merged_by="wu-qian",
    pages={
        "gonggao/visiting-hours.md": Page({}, ok("guo-hui", "ren-jie", "yao-bin", label="jin-xiu")),
        "gonggao/no-leader.md": Page({"unit": "医务部"}, ok("zhan-peng", "ren-jie", label="jin-xiu"), [("step_missing", "R-10")]),
        "gonggao/labelled-by-head.md": Page(
            {}, ok("ren-jie", "yao-bin", label="guo-hui"), [("secrecy_wrong_actor", "R-03"), ("step_missing", "R-10")]
        ),
        # a display window: up no later than it opens, ends no earlier than it opens
        "gongshi/hiring.md": Page(
            {"unit": "人力资源部", "display_start": "2026-05-12", "display_end": "2026-05-18"},
            ok("lan-xin", "ren-jie", "yao-bin", label="jin-xiu"),
        ),
        "gongshi/window-reversed.md": Page(
            {"unit": "renshi", "display_start": "2026-05-18", "display_end": "2026-05-12"},
            ok("lan-xin", "ren-jie", "yao-bin", label="jin-xiu"),
            [("field_order", "R-31")],
        ),
        "gongshi/window-open-already.md": Page(
            {"unit": "caigou", "display_start": "2026-05-08", "display_end": "2026-05-14"},
            ok("mu-ye", "ren-jie", "chu-yun", label="jin-xiu"),
            [("deadline_within_calendar", "R-31")],
        ),
        "gongshi/no-end.md": Page(
            {"unit": "caigou", "display_start": "2026-05-12"},
            ok("mu-ye", "ren-jie", "chu-yun", label="jin-xiu"),
            [("field_missing", "R-31")],
        ),
        # relaying a health commission's public notice: the declared waiver, no secrecy label
        "zhuanfa/wjw-notice.md": Page(RELAY, ok("ren-jie"), merged_by="he-shan"),
        "zhuanfa/wjw-notice-unlinked.md": Page({"source": RELAY["source"]}, ok("ren-jie"), [("field_missing", "R-12")]),
        "zhuanfa/merged-by-director.md": Page(RELAY, ok("ren-jie"), [("publisher_not_allowed", "R-04")], merged_by="ren-jie"),
    },
)

ALL = {"district": DISTRICT, "bureau": BUREAU, "institute": INSTITUTE, "university": UNIVERSITY, "hospital": HOSPITAL}


def policy_of(kind: str) -> Policy:
    return load_policy_dir(HERE / kind / "policies")


def build_site(root: Path, kind: str) -> GitSite:
    """The kind's policies in a fresh git site, approved by their owners, then each page merged
    in its own pull request, in the order given (dates only move forward)."""
    folder = HERE / kind / "policies"
    spec = ALL[kind]
    site = GitSite(root, policy=(folder / "site.yml").read_text(encoding="utf-8"))
    for extra in sorted(folder.glob("*.yml")):
        shutil.copy(extra, root / "policies" / extra.name)
    (root / "docs" / "index.md").unlink()
    site.commit("policies")
    inputs = ["mkdocs.yml", *(f"policies/{p.name}" for p in sorted(folder.glob("*.yml")))]
    site.merge_in_turn(inputs, ok(*spec.policy_approvers))
    for rel, page in spec.pages.items():
        site.write(f"docs/{rel}", article(f"页面 {rel}", **page.meta))
        site.commit(rel)
        if page.merged_on is not None:
            site.clock = max(site.clock, at_china(page.merged_on))
        pull = site.merge_in_turn([f"docs/{rel}"], page.turns)
        if page.merged_on is not None:
            assert (pull.merged_at + CHINA).date().isoformat() == page.merged_on, rel
        merged_by = spec.merged_by if page.merged_by is None else (page.merged_by or None)
        ready_at = at_china(page.ready_on, 10) if page.ready_on else None
        site.pulls[-1] = replace(pull, merged_by=merged_by, ready_at=ready_at)
        site.save_archive()
    site.commit("archive")
    return site


@pytest.fixture(scope="module", params=KINDS)
def checked(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict[str, dict]]]:
    kind: str = request.param
    site = build_site(tmp_path_factory.mktemp(kind), kind)
    proc = run_govreview(site.root, "check", "--json")
    assert proc.returncode == 1, "some pages are withheld: check exits 1\n" + proc.stdout + proc.stderr
    report = json.loads(proc.stdout)
    yield kind, {f["path"]: f for f in report["files"]}


def codes(entry: dict) -> Codes:
    return [(r["code"], r["rule"]) for r in entry["reasons"]]


# -- the policies -------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_each_policy_loads_without_problems(kind: str) -> None:
    policy = policy_of(kind)
    assert "policy" in policy.categories and policy.screening.clear_role in policy.roles
    for category in policy.categories.values():
        if category.id != "policy":
            assert category.rules, (kind, category.id)
            assert category.secrecy_review or category.secrecy_waiver, (kind, category.id)
    logins = [m for role in policy.roles.values() for m in (*role.members, *(x for ms in role.unit_members.values() for x in ms))]
    assert all(login.isascii() and login == login.lower() for login in logins), logins


def test_together_the_policies_use_every_feature_of_issue_13() -> None:
    policies = {kind: policy_of(kind) for kind in KINDS}
    cats = {kind: list(p.categories.values()) for kind, p in policies.items()}
    steps = {kind: [s for c in cs for s in c.steps] for kind, cs in cats.items()}
    rules = {kind: list(p.field_rules.values()) for kind, p in policies.items()}
    deadlines = {kind: [d for c in cs for d in c.deadlines] for kind, cs in cats.items()}
    uses = {
        "conditional step with otherwise": [k for k in KINDS if any(s.when and s.when.otherwise for s in steps[k])],
        "secrecy_review as a step": [k for k in KINDS if any(s.secrecy for s in steps[k])],
        "secrecy_waiver": [k for k in KINDS if any(c.secrecy_waiver for c in cats[k])],
        "unit_from": [k for k in KINDS if any(s.unit_field for s in steps[k])],
        "step pinned to a unit": [k for k in KINDS if any(s.unit for c in cats[k] if c.id != "policy" for s in c.steps)],
        "escalation": [k for k in KINDS if any(c.escalations for c in cats[k])],
        "column units": [k for k in KINDS if any(c.units for c in policies[k].columns.values())],
        "choices": [k for k in KINDS if any(r.choices for r in rules[k])],
        "never_publish": [k for k in KINDS if any(r.never_publish for r in rules[k])],
        "required_when": [k for k in KINDS if any(r.required_when for r in rules[k])],
        "not_before": [k for k in KINDS if any(r.not_before for r in rules[k])],
        "days: calendar": [k for k in KINDS if any(d.days == CALENDAR_DAYS for d in deadlines[k])],
        "deadline when": [k for k in KINDS if any(d.when for d in deadlines[k])],
        "met_by: application": [k for k in KINDS if any(d.met_by == BY_APPLICATION for d in deadlines[k])],
        "published_by": [k for k in KINDS if any(c.published_by for c in cats[k])],
        "ordered": [k for k in KINDS if any(c.ordered for c in cats[k])],
    }
    assert uses == {
        "conditional step with otherwise": ["university"],
        "secrecy_review as a step": ["bureau"],
        "secrecy_waiver": ["hospital"],
        "unit_from": ["institute"],
        "step pinned to a unit": ["district"],
        "escalation": ["district"],
        "column units": list(KINDS),  # every kind has a column several units share
        "choices": ["district", "institute", "university"],
        "never_publish": ["institute"],
        "required_when": ["district", "institute"],
        "not_before": ["university", "hospital"],
        "days: calendar": ["university", "hospital"],
        "deadline when": ["university"],
        "met_by: application": ["bureau"],
        "published_by": ["district", "institute", "hospital"],
        "ordered": ["bureau", "university"],
    }


# -- end to end: govreview check --json on each site ---------------------------------------------


def test_every_page_is_published_or_withheld_for_exactly_its_reasons(checked: tuple[str, dict[str, dict]]) -> None:
    kind, files = checked
    pages = ALL[kind].pages
    assert {p for p in files if not p.startswith(("mkdocs.yml", "policies/"))} == set(pages), "one verdict per page, no other"
    got = {rel: (files[rel]["approved"], codes(files[rel])) for rel in pages}
    want = {rel: (not page.expect, page.expect) for rel, page in pages.items()}
    assert got == want
    assert sum(1 for p in pages.values() if not p.expect) >= 2 and sum(1 for p in pages.values() if p.expect) >= 2 * 2


def test_no_reason_is_said_twice(checked: tuple[str, dict[str, dict]]) -> None:
    _, files = checked
    for rel, entry in files.items():
        said = [(r["code"], r["message"]) for r in entry["reasons"]]
        assert len(said) == len(set(said)), (rel, said)


def test_the_build_inputs_are_approved_by_the_policy_owners(checked: tuple[str, dict[str, dict]]) -> None:
    kind, files = checked
    inputs = {p: f for p, f in files.items() if p == "mkdocs.yml" or p.startswith("policies/")}
    assert len(inputs) == 1 + len(list((HERE / kind / "policies").glob("*.yml")))
    assert all(f["approved"] and f["kind"] == BUILD_INPUT for f in inputs.values()), {p: codes(f) for p, f in inputs.items()}


# -- a condition's value must be one of its field's choices ---------------------------------------


@pytest.mark.parametrize(
    ("kind", "old", "new", "value"),
    [
        # a conditional step whose condition can never hold takes its otherwise branch for every page
        ("university", "- when: {touches_secrecy: 是}", "- when: {touches_secrecy: 昰}", "昰"),
        ("university", "- when: {touches_secrecy: 是}", "- when: {touches_secrecy: true}", "true"),
        # an escalation that can never fire sends no important item up to the director
        ("district", "- when: {important: 是}", "- when: {important: 重要}", "重要"),
    ],
)
def test_a_condition_on_a_field_with_choices_names_one_of_them(kind: str, old: str, new: str, value: str) -> None:
    from govreview.policy_yaml import PolicyError, load_policy

    text = (HERE / kind / "policies" / "site.yml").read_text(encoding="utf-8")
    assert old in text
    text = text.replace(old, new, 1)
    line = next(i for i, row in enumerate(text.splitlines(), 1) if new in row)
    with pytest.raises(PolicyError) as err:
        load_policy({"policies/site.yml": text})
    (problem,) = [p.text("zh") for p in err.value.problems]
    assert problem.startswith(f"policies/site.yml:{line}:") and f"“{value}”不在该字段的可选值 是、否 之中" in problem, problem


# -- what each chain says ----------------------------------------------------------------------


def _said(entry: dict, code: str) -> str:
    (text,) = [r["message"] for r in entry["reasons"] + entry["notes"] if r["code"] == code]
    return text


def _district(files: dict[str, dict]) -> None:
    ok = files["dongtai/fgj.md"]
    assert [(s["name"], s["filled_by"]) for s in ok["steps"]] == [
        ("报送单位负责人审核", ["fang-yuan"]),
        ("区政府办复审", ["tang-li"]),
        ("保密审查", ["gu-min"]),
        ("区政府办网站管理员", ["xu-tao"]),
    ]
    assert [s["filled_by"] for s in files["dongtai/important.md"]["steps"]][:3] == [["he-jun"], ["tang-li"], ["zhou-hong"]]
    merged = _said(files["tongzhi/merged-by-head.md"], "publisher_not_allowed")
    assert "he-jun" in merged and "@xu-tao" in merged and "@lin-na" in merged
    assert "某自媒体公众号" in _said(files["zhuanzai/self-media.md"], "field_not_a_choice")


def _bureau(files: dict[str, dict]) -> None:
    chain = "股室负责人初审 → 股室保密审查 → 业务分管领导审批 → 分管意识形态副局长复核 → 局长终审"
    assert [s["name"] for s in files["dongtai/in-order.md"]["steps"]] == chain.split(" → ")
    assert chain in _said(files["dongtai/label-last.md"], "order")
    assert files["dongtai/other-deputy.md"]["steps"][2]["can_supply"] == ["song-jie"]
    late = _said(files["yugao/applied-late.md"], "application_before")
    assert "最迟 2026-05-17" in late and "2026-05-18" in late


def _institute(files: dict[str, dict]) -> None:
    assert [s["filled_by"] for s in files["xinxi/transfer.md"]["steps"]] == [
        ["qiu-ming"],
        ["du-sheng"],
        ["bai-lu"],
        ["zou-hai"],
        ["bai-lu"],
    ]
    wrong = files["xinxi/wrong-department.md"]
    assert wrong["steps"][1]["name"] == "相关职能部门负责人会签" and wrong["steps"][1]["can_supply"] == ["hou-jing"]
    assert _said(files["xinxi/classified.md"], "field_vetoed") == "是否涉密（classified）为“是”的信息一律不得上网发布 [R-03]"
    assert "是否上网（online）为“否”" in _said(files["xinxi/not-for-web.md"], "field_vetoed")


def _university(files: dict[str, dict]) -> None:
    secret, plain = files["tongzhi/exam-secret.md"], files["tongzhi/holiday.md"]
    assert [s["name"] for s in secret["steps"]] == ["单位负责人审核", "保密委员会办公室审核", "党政办公室负责人签发", "保密审查"]
    assert [s["name"] for s in plain["steps"]] == ["单位负责人审核", "分管校领导审核", "党政办公室负责人签发", "保密审查"]
    assert "需要 保密委员会办公室审核；不需要 分管校领导审核" in _said(secret, "branch_met")
    assert "需要 分管校领导审核；不需要 保密委员会办公室审核" in _said(plain, "branch_unmet")
    assert "@lei-zhen" in _said(files["tongzhi/exam-secret-via-deputy.md"], "step_missing")


def _hospital(files: dict[str, dict]) -> None:
    relay = files["zhuanfa/wjw-notice.md"]
    assert [(s["name"], s["filled_by"]) for s in relay["steps"]] == [("院办主任审核", ["ren-jie"]), ("院办信息科", ["he-shan"])]
    waived = _said(relay, "secrecy_waived")
    assert "只登载卫生健康委已公开通知的标题和原文链接，内容已由原发机关审查公开" in waived
    reversed_window = files["gongshi/window-reversed.md"]["reasons"][0]
    assert "展示结束（display_end）" in reversed_window["message"] and reversed_window["line"] == 7
    assert "2026-05-08" in _said(files["gongshi/window-open-already.md"], "deadline_within_calendar")


SAYS = {"district": _district, "bureau": _bureau, "institute": _institute, "university": _university, "hospital": _hospital}


def test_what_each_chain_says(checked: tuple[str, dict[str, dict]]) -> None:
    kind, files = checked
    SAYS[kind](files)
