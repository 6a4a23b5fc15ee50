"""Deadlines in Chinese working days, as the gate applies them to merged pages."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from evidence import POLICY_ID, PR, index, page
from govreview.calendar_data import package_calendar
from govreview.core.calendar import WorkCalendar
from govreview.core.evidence import PullRecord
from govreview.core.gate import judge
from govreview.policy_yaml import load_policy

POLICY = """
version: 1
site: {name: 测试站, publisher: 测试局}
units: {office: 办公室}
roles:
  head: {name: 科室负责人, members: [hana]}
  chief: {name: 主要领导, members: [zhu]}
  secrecy: {name: 保密审查员, members: [bao]}
  owners: {name: 规则负责人, members: [gui]}
  committee: {name: 保密委员会, members: [wei]}
secrecy: {label: 保密审查通过, role: secrecy}
screening: {clear: {role: committee}}
urgent: {label: 紧急信息, role: chief}
categories:
  preview:
    name: 预告
    secrecy_review: false
    secrecy_waiver: 测试用：只验证期限
    steps: [{role: head}]
    deadlines: [{rule: R-32, field: event_date, before: 3, urgent_exempt: true}]
  reply:
    name: 互动回复
    secrecy_review: false
    secrecy_waiver: 测试用：只验证期限
    steps: [{role: head}]
    deadlines: [{rule: R-34, field: asked_on, within: 5, extended_within: 15, extension_field: extension_reason}]
  policy:
    name: 规则
    secrecy_review: false
    steps: [{role: owners}]
columns:
  previews: {name: 预告, category: preview, unit: office}
  replies: {name: 答复, category: reply, unit: office}
"""

CAL = package_calendar()


def merged_on(when: datetime, path: str, labels: list[tuple[str, str]] = ()) -> PullRecord:
    pr = PR().push(0, {f"docs/{path}": "b1"}).approve("hana", 10)
    for label, actor in labels:
        pr.label(label, actor, 20)
    record = pr.merged()
    return PullRecord(**{**record.__dict__, "merged_at": when})


def verdict(meta: dict[str, object], path: str, when: datetime, labels=(), calendar: WorkCalendar = CAL):
    policy = load_policy({"p.yml": POLICY})
    return judge(
        page(path, "b1", {"title": "t", **meta}), index(merged_on(when, path, labels)), {POLICY_ID: policy}, None, {POLICY_ID: calendar}
    )


def codes(v):
    return [(r.code, r.rule) for r in v.reasons]


def noon(day: str) -> datetime:
    return datetime.fromisoformat(day + "T04:00:00+00:00")  # 12:00 in Shanghai


EVENT = {"event_date": date(2026, 3, 13)}  # a Friday


@pytest.mark.parametrize(
    ("merged", "ok"),
    [
        ("2026-03-10", True),  # Wed 11, Thu 12, Fri 13: three working days before the event
        ("2026-03-11", False),  # only two
        ("2026-03-13", False),
    ],
)
def test_preview_needs_three_working_days(merged, ok):
    v = verdict(EVENT, "previews/a.md", noon(merged))
    assert v.approved is ok
    if not ok:
        assert codes(v) == [("deadline_before", "R-32")]
        assert v.reasons[0].params["latest"] == date(2026, 3, 10)


def test_a_holiday_week_between_counts_no_working_days():
    event = {"event_date": date(2026, 10, 9)}  # Friday after National Day
    assert not verdict(event, "previews/a.md", noon("2026-09-30")).approved  # only Oct 8 and 9 are worked
    assert verdict(event, "previews/a.md", noon("2026-09-29")).approved  # Sep 30, Oct 8, Oct 9


def test_merge_late_in_the_evening_utc_is_the_next_day_in_china():
    # 2026-03-09 23:30 UTC is 2026-03-10 07:30 in Shanghai: still three working days before the 13th.
    assert verdict(EVENT, "previews/a.md", datetime(2026, 3, 9, 23, 30, tzinfo=UTC)).approved
    # 2026-03-10 17:00 UTC is already the 11th in Shanghai.
    assert not verdict(EVENT, "previews/a.md", datetime(2026, 3, 10, 17, 0, tzinfo=UTC)).approved


def test_urgent_waiver_counts_only_from_the_named_role():
    late = noon("2026-03-12")
    by_chief = verdict(EVENT, "previews/a.md", late, [("紧急信息", "zhu")])
    assert by_chief.approved and [n.code for n in by_chief.notes] == ["secrecy_waived", "urgent_waiver"]
    by_head = verdict(EVENT, "previews/a.md", late, [("紧急信息", "hana")])
    assert codes(by_head) == [("deadline_before", "R-32")]


@pytest.mark.parametrize(
    ("merged", "extra", "ok"),
    [
        ("2026-03-09", {}, True),  # asked Mon 2nd: Tue..Mon is five working days
        ("2026-03-10", {}, False),
        ("2026-03-10", {"extension_reason": "涉及多个部门，需要会商"}, True),
        ("2026-03-24", {"extension_reason": "涉及多个部门，需要会商"}, False),  # beyond 15
    ],
)
def test_replies_within_five_or_fifteen_with_a_reason(merged, extra, ok):
    v = verdict({"asked_on": date(2026, 3, 2), **extra}, "replies/a.md", noon(merged))
    assert v.approved is ok, codes(v)


def test_missing_date_field_blocks():
    assert codes(verdict({}, "previews/a.md", noon("2026-03-02"))) == [("field_missing", "R-32")]


def test_a_deadline_reaching_an_unknown_year_fails_closed():
    v = verdict({"event_date": date(2099, 1, 5)}, "previews/a.md", noon("2026-03-02"))
    assert codes(v) == [("calendar_unknown_year", "R-32")]


def test_interpretation_due_follows_links_and_explanations():
    from govreview.core.deadlines import Published, interpretation_due
    from govreview.core.policy import InterpretationRule

    rule = InterpretationRule("R-33", 5)
    policy_page = Published("policies/a.md", date(2026, 3, 2), {})
    on_time = Published("interpretations/x.md", date(2026, 3, 9), {"interprets": "../policies/a.md"})
    late = Published("interpretations/x.md", date(2026, 3, 10), {"interprets": "policies/a.md"})
    other = Published("interpretations/y.md", date(2026, 3, 3), {"interprets": "policies/b.md"})
    assert interpretation_due(policy_page, rule, [on_time], CAL) is None
    pending = interpretation_due(policy_page, rule, [late, other], CAL)
    assert pending is not None and pending.last_day == date(2026, 3, 9)
    explained = Published("policies/a.md", date(2026, 3, 2), {"no_interpretation_reason": "内部管理规定，无需解读"})
    assert interpretation_due(explained, rule, [], CAL) is None


def test_before_zero_means_by_the_event_day_itself():
    assert CAL.latest_before(date(2026, 3, 13), 0) == date(2026, 3, 13)


def test_within_is_late_on_the_weekend_after_the_last_day():
    # Asked Mon 23 Feb: the fifth working day is Sat 28 Feb (a makeup day); Sunday 1 March is already late.
    assert verdict({"asked_on": date(2026, 2, 23)}, "replies/a.md", noon("2026-03-01")).approved is False


def test_an_unreadable_date_is_reported_as_such():
    v = verdict({"event_date": "下周五"}, "previews/a.md", noon("2026-03-02"))
    assert codes(v) == [("field_type", "R-32")]


def test_a_moment_with_a_zone_is_dated_in_china():
    from govreview.core.page import parse_date

    assert parse_date(datetime(2026, 3, 12, 20, 0, tzinfo=UTC)) == date(2026, 3, 13)
