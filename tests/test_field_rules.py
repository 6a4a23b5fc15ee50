"""Field rules, deadline terms and the publisher (issue 13, second half), judged on real git
sites: a value never published, fixed choices, a field required when another has a value,
dates in order, deadlines in calendar days / switched on by a field / met by the
application, and who merged (R-04). Each with its negative case."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from gitsite import POLICY, GitSite, article
from govreview import messages
from govreview.archive_jsonl import read_archive
from govreview.core.evidence import PullRecord
from govreview.core.verdict import Verdict
from govreview.snapshot.judge import judge_source
from govreview.snapshot.sources import WorkTreeSource

ROLES = "  committee: {name: 保密委员会, members: [wei]}\n"
RULES = POLICY.replace(ROLES, ROLES + "  webmaster: {name: 网站办公室, members: [lin]}\n").replace(
    "columns:\n",
    """\
  meeting:
    name: 会议报道
    rules: [R-31]
    steps: [{role: head}, {role: deputy}]
    deadlines:
      - {rule: R-31, field: meeting_end, within: 2, days: calendar}
      - {rule: R-31, field: meeting_end, within: 0, days: calendar, when: {important: 是}}
  preview:
    name: 活动预告
    rules: [R-35]
    steps: [{role: head}, {role: deputy}]
    deadlines:
      - {rule: R-35, field: event_date, before: 3, met_by: application}
  notice:
    name: 通知公告
    rules: [R-10]
    steps: [{role: head}, {role: deputy}]
    published_by: webmaster
columns:
  meetings: {name: 会议报道, category: meeting, unit: office}
  previews: {name: 活动预告, category: preview, unit: office}
  notices: {name: 通知公告, category: notice, unit: office}
""",
)
RULES += """\
fields:
  classified: {name: 是否涉密, choices: [是, 否], never_publish: [是], rule: R-03}
  origin: {name: 来源类型, choices: [本机关, 转载]}
  source: {required_when: {origin: 转载}, rule: R-12}
  important: {name: 重要会议, choices: [是, 否]}
  meeting_start: 会议开始日期
  meeting_end: {name: 会议结束日期, not_before: meeting_start}
"""

PAGE = "docs/news/a.md"
CHINA = timedelta(hours=8)


def at_china(day: str, hour: int = 10) -> datetime:
    """A moment on ``day`` in Beijing, in UTC."""
    return datetime.fromisoformat(day).replace(hour=hour, tzinfo=UTC) - CHINA


@pytest.fixture
def site(tmp_path):
    s = GitSite(tmp_path, policy=RULES)
    s.approve_inputs()
    s.approve_page("docs/index.md")
    return s


def verdicts(site: GitSite) -> dict[str, Verdict]:
    return {v.path: v for v in judge_source(WorkTreeSource(site.root)).verdicts()}


def publish_page(site: GitSite, path: str, text: str, merged_on: str | None = None, **change: object) -> Verdict:
    """Commit ``text`` at ``path``, merge it fully approved (on ``merged_on``, Beijing), and judge the site."""
    site.write(path, text)
    site.commit(f"write {path}")
    if merged_on is not None:
        site.clock = at_china(merged_on) - timedelta(hours=1)
    pull = site.approve_page(path)
    if change:
        site.pulls[-1] = replace(pull, **change)
        site.save_archive()
    return verdicts(site)[path.removeprefix("docs/")]


def codes(v: Verdict) -> list[str]:
    return [r.code for r in v.reasons]


# -- vetoes ------------------------------------------------------------------------------


def test_a_value_never_published_withholds_a_fully_approved_page(site):
    v = publish_page(site, PAGE, article("内部会议纪要", classified="是"))
    assert codes(v) == ["field_vetoed"] and v.reasons[0].rule == "R-03" and v.reasons[0].line == 5
    assert messages.render(v.reasons[0]) == "是否涉密（classified）为“是”的信息一律不得上网发布 [R-03]"


def test_the_other_value_publishes(site):
    assert publish_page(site, PAGE, article("公开会议", classified="否")).approved


def test_a_veto_written_under_the_chinese_name_withholds_too(site):
    v = publish_page(site, PAGE, article("内部会议纪要", **{"是否涉密": "是 "}))
    assert codes(v) == ["field_vetoed"] and v.reasons[0].line == 5


def test_a_spelling_outside_the_choices_cannot_dodge_the_veto(site):
    v = publish_page(site, PAGE, article("内部会议纪要", classified="true"))
    assert codes(v) == ["field_not_a_choice"]


# -- fixed choices and required-when -----------------------------------------------------------


def test_a_value_outside_the_fixed_choices_is_refused_at_its_line(site):
    v = publish_page(site, PAGE, article("动态", origin="自编"))
    assert codes(v) == ["field_not_a_choice"]
    reason = v.reasons[0]
    assert reason.line == 5 and reason.params["choices"] == ["本机关", "转载"]
    assert "来源类型（origin）只能填写以下之一：本机关、转载；页面写的是“自编”" in messages.render(reason)
    assert messages.place(reason) == "（第 5 行）"


def test_a_value_among_the_choices_passes(site):
    assert publish_page(site, PAGE, article("动态", origin="本机关")).approved


def test_a_field_required_when_another_has_a_value_is_refused_when_missing(site):
    v = publish_page(site, PAGE, article("转载的文章", origin="转载"))
    assert codes(v) == ["field_required_when"] and v.reasons[0].rule == "R-12"
    assert messages.render(v.reasons[0], "en") == "source is required when 来源类型（origin） is '转载' [R-12]"


def test_the_required_field_given_passes(site):
    assert publish_page(site, PAGE, article("转载的文章", origin="转载", 来源="新华社")).approved


# -- dates in order ------------------------------------------------------------------------------


def test_an_end_before_the_start_is_refused(site):
    v = publish_page(site, "docs/meetings/m.md", article("会议", meeting_start="2026-05-08", meeting_end="2026-05-07"), "2026-05-08")
    assert codes(v) == ["field_order"] and v.reasons[0].line == 6
    assert "会议结束日期（meeting_end）（2026-05-07）早于会议开始日期（meeting_start）（2026-05-08）" in messages.render(v.reasons[0])


def test_an_end_on_or_after_the_start_passes(site):
    v = publish_page(site, "docs/meetings/m.md", article("会议", meeting_start="2026-05-07", meeting_end="2026-05-08"), "2026-05-08")
    assert v.approved, v.reasons


def test_an_end_that_is_no_date_is_refused(site):
    v = publish_page(site, "docs/meetings/m.md", article("会议", meeting_start="2026-05-07", meeting_end="下周五"), "2026-05-08")
    assert "field_type" in codes(v)


# -- deadlines: calendar days, switched on by a field --------------------------------------------


MEETING = "docs/meetings/m.md"
FRIDAY = "2026-05-08"


def test_a_calendar_day_deadline_counts_the_weekend(site):
    # 会后 2 天内: a meeting ending on Friday is due by Sunday; Monday is late, though it is the
    # first working day after the meeting (a working-day deadline of 2 would pass).
    v = publish_page(site, MEETING, article("周五的会", meeting_end=FRIDAY), "2026-05-11")
    assert codes(v) == ["deadline_within_calendar"] and str(v.reasons[0].params["last"]) == "2026-05-10"
    assert "2 天（日历日，含周末）内发布（最迟 2026-05-10）" in messages.render(v.reasons[0])


def test_a_calendar_day_deadline_met_on_the_sunday_passes(site):
    assert publish_page(site, MEETING, article("周五的会", meeting_end=FRIDAY), "2026-05-10").approved


def test_a_deadline_switched_on_by_a_field_applies_only_where_the_page_sets_it(site):
    # 重要会议当天发布: the same Saturday publication is late for an important meeting only.
    assert publish_page(site, MEETING, article("一般会议", meeting_end=FRIDAY), "2026-05-09").approved
    v = publish_page(site, "docs/meetings/n.md", article("重要会议", meeting_end=FRIDAY, important="是"), "2026-05-09")
    assert codes(v) == ["deadline_within_calendar"] and str(v.reasons[0].params["last"]) == FRIDAY


def test_a_switch_in_another_type_is_refused_not_ignored(tmp_path):
    policy = RULES.replace("when: {important: 是}", "when: {important: true}").replace(
        "important: {name: 重要会议, choices: [是, 否]}", "important: 重要会议"
    )
    s = GitSite(tmp_path, policy=policy)
    s.approve_inputs()
    v = publish_page(s, MEETING, article("重要会议", meeting_end=FRIDAY, important="是"), "2026-05-09")
    assert codes(v) == ["field_type"] and v.reasons[0].params == {"field": "important", "expected": "boolean"}


# -- deadlines met by the application ----------------------------------------------------------


PREVIEW = "docs/previews/p.md"
EVENT = "2026-05-15"  # a Friday: three working days before it leave the application due by Tuesday the 12th


def test_an_application_in_time_passes_though_approved_and_merged_late(site):
    v = publish_page(site, PREVIEW, article("开放日预告", event_date=EVENT), "2026-05-14", ready_at=at_china("2026-05-11"))
    assert v.approved, v.reasons


def test_an_application_marked_ready_too_late_fails(site):
    v = publish_page(site, PREVIEW, article("开放日预告", event_date=EVENT), "2026-05-13", ready_at=at_china("2026-05-13", 8))
    assert codes(v) == ["application_before"]
    assert str(v.reasons[0].params["last"]) == "2026-05-12" and str(v.reasons[0].params["applied"]) == "2026-05-13"
    assert "至少 3 个工作日提交申请" in messages.render(v.reasons[0])


def test_an_unknown_application_time_fails_closed(site):
    v = publish_page(site, PREVIEW, article("开放日预告", event_date=EVENT), "2026-05-11")
    assert codes(v) == ["application_unknown"]


# -- the publisher ------------------------------------------------------------------------------


NOTICE = "docs/notices/n.md"


def test_a_page_merged_by_the_publisher_role_publishes(site):
    v = publish_page(site, NOTICE, article("停水通知"), merged_by="lin")
    assert v.approved and [(s.step, s.filled_by) for s in v.steps][-1] == ("publish", ("lin",))


def test_a_page_merged_by_someone_outside_the_publisher_role_is_withheld(site):
    v = publish_page(site, NOTICE, article("停水通知"), merged_by="dong")
    assert codes(v) == ["publisher_not_allowed"] and v.reasons[0].rule == "R-04"
    text = messages.render(v.reasons[0])
    assert "dong" in text and "网站办公室" in text and "@lin" in text


def test_a_page_whose_merger_is_unknown_is_withheld(site):
    v = publish_page(site, NOTICE, article("停水通知"))
    assert codes(v) == ["publisher_unknown"]


def test_other_categories_need_no_publisher(site):
    v = publish_page(site, PAGE, article("动态"), merged_by="dong")
    assert v.approved and "publish" not in [s.step for s in v.steps]


def test_the_archive_keeps_who_merged(site):
    publish_page(site, NOTICE, article("停水通知"), merged_by="lin")

    pulls: list[PullRecord] = list(read_archive(site.root / "archive" / "approvals.jsonl").pulls)
    assert pulls[-1].merged_by == "lin" and pulls[-1].merged is True


# -- the published site ------------------------------------------------------------------------


def test_the_build_withholds_vetoed_and_refused_pages_and_names_file_and_line(site):
    site.write("docs/news/secret.md", article("内部纪要", classified="是"))
    site.write("docs/news/odd.md", article("来源不明", origin="自编"))
    site.write("docs/news/ok.md", article("公开动态", classified="否", origin="本机关"))
    site.commit("three pages")
    site.approve_page("docs/news/secret.md", "docs/news/odd.md", "docs/news/ok.md")
    build = site.build()
    assert build.returncode == 0, build.log
    assert site.html("news/ok/index.html") is not None
    assert site.html("news/secret/index.html") is None and site.html("news/odd/index.html") is None
    assert "news/secret.md:5: 是否涉密（classified）为“是”的信息一律不得上网发布 [R-03]" in build.log
    assert "news/odd.md:5: 来源类型（origin）只能填写以下之一" in build.log


# -- the policy language: what loads, and every mistake at its file and line ---------------------


def _load(text: str):
    from govreview.policy_yaml import load_policy

    return load_policy({"policies/site.yml": text})


def _problems(text: str) -> list[str]:
    from govreview.policy_yaml import PolicyError, load_policy

    with pytest.raises(PolicyError) as info:
        load_policy({"policies/site.yml": text})
    return [f"{p.where}: {p.message_text()}" for p in info.value.problems]


def _line(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def test_the_rules_load_into_the_policy():
    policy = _load(RULES)
    rules = policy.field_rules
    assert rules["classified"].choices == ("是", "否") and rules["classified"].never_publish == ("是",)
    assert rules["source"].required_when == ("origin", ("转载",)) and rules["source"].name == "source"
    assert rules["meeting_end"].not_before == "meeting_start"
    assert policy.fields["classified"] == "是否涉密" and "meeting_start" not in rules
    meeting = policy.categories["meeting"].deadlines
    assert [(d.days, d.when) for d in meeting] == [("calendar", None), ("calendar", ("important", "是"))]
    assert policy.categories["preview"].deadlines[0].met_by == "application"
    assert policy.categories["notice"].published_by == "webmaster" and policy.categories["news"].published_by is None


def test_chinese_words_for_day_counting_and_met_by_are_understood():
    text = RULES.replace("days: calendar}\n", "days: 日历日}\n", 1).replace("met_by: application", "met_by: 申请")
    policy = _load(text)
    assert policy.categories["meeting"].deadlines[0].days == "calendar"
    assert policy.categories["preview"].deadlines[0].met_by == "application"


@pytest.mark.parametrize(
    ("old", "new", "needle", "words"),
    [
        ("never_publish: [是], rule", "never_publish: [涉密], rule", "never_publish: [涉密]", "“涉密”不在该字段的可选值"),
        ("choices: [是, 否], never_publish", "never_publish", "classified: {name: 是否涉密, never_publish", "必须用 choices 列出"),
        ("required_when: {origin: 转载}", "required_when: {orign: 转载}", "orign", "“orign”不是页面字段"),
        ("required_when: {origin: 转载}", "required_when: {origin: 转栽}", "source: {required_when", "“转栽”不在该字段的可选值"),
        ("not_before: meeting_start", "not_before: meeting_end", "not_before: meeting_end", "字段不能与自己比较先后"),
        ("choices: [本机关, 转载]}", "choices: []}", "origin: {name: 来源类型", "必须是一个值或值的列表"),
        ("days: calendar}\n", "days: weekdays}\n", "days: weekdays", "必须是 working（工作日）或 calendar（日历日）"),
        ("met_by: application", "met_by: merge", "met_by: merge", "必须是 publication（发布，即合并）或 application"),
        ("when: {important: 是}", "when: {importnt: 是}", "importnt", "“importnt”不是页面字段"),
        ("published_by: webmaster", "published_by: webmastr", "published_by: webmastr", "未知的角色“webmastr”"),
        ("  source: {required_when", "  source: {name: 来源, required_when", "source: {name: 来源", "是页面自带的字段"),
        ("  meeting_start: 会议开始日期", "  meeting_start: {not_before: meeting_end}", "meeting_start: {not_before", "缺少 name"),
    ],
)
def test_a_mistake_in_the_rules_is_refused_at_its_file_and_line(old, new, needle, words):
    assert RULES.count(old) == 1, old
    text = RULES.replace(old, new)
    found = _problems(text)
    assert len(found) == 1, found
    assert found[0].startswith(f"policies/site.yml:{_line(text, needle)}: ") and words in found[0], found


def test_the_guides_field_rule_error_example_is_what_the_loader_says():
    from pathlib import Path

    from test_policy_admin import one
    from test_policy_yaml import BASE

    text = BASE + "fields:\n  classified: {name: 是否涉密, choices: [是, 否], never_publish: [涉密]}\n"
    guide = (Path(__file__).resolve().parent.parent / "guide" / "policy-language.md").read_text(encoding="utf-8")
    assert str(one(text)) in guide, str(one(text))


def test_the_guides_field_rules_example_loads():
    import re
    from pathlib import Path

    guide = (Path(__file__).resolve().parent.parent / "guide" / "policy-language.md").read_text(encoding="utf-8")
    block = next(b for b in re.findall(r"```yaml\n(.*?)```", guide, re.S) if "never_publish" in b)
    rules = _load(POLICY + block).field_rules
    assert rules["online"].never_publish == ("否",) and rules["source"].required_when == ("origin", ("转载",))


def test_a_deadline_switch_outside_the_fields_choices_is_refused():
    text = RULES.replace("when: {important: 是}", "when: {important: 对}")
    found = _problems(text)
    assert found == [
        f"policies/site.yml:{_line(text, 'important: 对')}: “categories.meeting.deadlines[2].when.important”：“对”不在该字段的可选值 是、否 之中"
    ]


def test_explain_shows_the_publisher_of_a_page_not_merged_yet_as_to_come(site):
    from gitsite import run_govreview

    site.write(NOTICE, article("停水通知"))
    done = run_govreview(site.root, "explain", NOTICE)
    assert done.returncode == 1, done.stderr  # not merged: not approved
    assert "⏳ 网站办公室" in done.stdout and "合并时判定（合并即发布），须由以下人员合并：@lin" in done.stdout


@pytest.mark.parametrize(
    "shape",
    [
        "    escalations:\n      - when: {important: 重要}\n        steps: [{role: chief}]\n",
        "    steps:\n      - {role: head}\n      - when: {important: 重要}\n        steps: [{role: chief}]\n        otherwise: [{role: deputy}]\n",
    ],
)
def test_a_condition_on_a_field_with_choices_names_one_of_them(shape):
    """Every condition on a field with fixed choices (escalation, conditional step, deadline,
    required_when) is checked the same way: a value outside them would never hold, for any page."""
    text = RULES.replace(
        "    steps: [{role: head}, {role: deputy}]\n    published_by: webmaster\n", "    published_by: webmaster\n" + shape
    )
    if "escalations" in shape:
        text = text.replace("    published_by: webmaster\n", "    steps: [{role: head}, {role: deputy}]\n    published_by: webmaster\n", 1)
    found = _problems(text)
    assert len(found) == 1, found
    assert found[0].startswith(f"policies/site.yml:{_line(text, '{important: 重要}')}: ") and "“重要”不在该字段的可选值" in found[0], found
