"""Column freshness (R-40, R-41, R-42 and the inspections' thresholds): the policy section,
the pure core counted in each threshold's calendar, ``govreview freshness`` on a real git
site whose archive spans National Day 2026, and the one reminder issue kept on the fake
GitHub through PyGithub."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from fakegithub import FakeGitHub
from github import Auth, Github
from gitsite import POLICY, GitSite, article, run_govreview
from govreview.archive_jsonl import encode_archive, policy_to_json, publication_to_json, pull_to_json
from govreview.calendar_data import package_calendar
from govreview.core.calendar import UnknownYear
from govreview.core.freshness import (
    DUE_SOON,
    EXPIRED,
    FRESH,
    SCHEDULED,
    STALE,
    WITHDRAWN,
    Item,
    freshness_report,
    not_listed,
    window_moment,
)
from govreview.core.policy import DAYS, MONTHS, WEEKS, WORKING_DAYS, Freshness, Threshold
from govreview.core.records import Publication
from govreview.forge import Forge, ForgeError, connect
from govreview.freshness_cmd import LABEL, MARKER, keep_issue
from govreview.policy_yaml import PolicyError, load_policy, policy_files, policy_id
from hypothesis import example, given, settings
from hypothesis import strategies as st

CN = timezone(timedelta(hours=8))
CAL = package_calendar()


def at(day: str, hour: int = 10) -> datetime:
    return datetime.fromisoformat(day).replace(hour=hour, tzinfo=CN)


def item(path: str, day: str, column: str = "news", unit: str = "office") -> Item:
    return Item(path, column, unit, at(day), path)


# -- the calendar data the holiday tests rely on ------------------------------------------------


def test_national_day_2026_in_the_calendar_data() -> None:
    """1–7 October off; Sunday 20 September and Saturday 10 October worked (调休); 8 October a working day."""
    assert [CAL.is_workday(date(2026, 10, d)) for d in range(1, 9)] == [False] * 7 + [True]
    assert CAL.is_workday(date(2026, 9, 20)) and CAL.is_workday(date(2026, 10, 10))


# -- the core --------------------------------------------------------------------------------


def test_working_days_and_calendar_days_differ_across_national_day() -> None:
    policy = Freshness(
        columns={"news": (Threshold("R-42", 5, DAYS), Threshold("R-42", 5, WORKING_DAYS))},
    )
    items = [item("news/a.md", "2026-09-30")]
    days, working = freshness_report(policy, items, at("2026-10-09", 9), CAL)
    assert (days.idle, days.idle_unit, days.due, days.status) == (9, DAYS, date(2026, 10, 5), STALE)
    # 8 and 9 October are the only working days since: 10 October (a Saturday) is worked, so the 5th is 13 October.
    assert (working.idle, working.idle_unit, working.due, working.status) == (2, WORKING_DAYS, date(2026, 10, 13), FRESH)
    working_late = freshness_report(policy, items, at("2026-10-14", 9), CAL)[1]
    assert (working_late.idle, working_late.status) == (6, STALE)


def test_months_are_calendar_months_r40() -> None:
    """R-40: at least one item in every calendar month. A last item on 28 October leaves
    November as the last month allowed; from 1 December the unit is stale."""
    policy = Freshness(units={"office": (Threshold("R-40", 1, MONTHS, warn_before=1),)})
    items = [item("news/a.md", "2026-10-28")]
    october = freshness_report(policy, items, at("2026-10-31", 23), CAL)[0]
    november = freshness_report(policy, items, at("2026-11-30", 23), CAL)[0]
    december = freshness_report(policy, items, at("2026-12-01", 0), CAL)[0]
    assert (october.idle, october.status) == (0, FRESH)
    assert (november.idle, november.status, november.due) == (1, DUE_SOON, date(2026, 11, 30))
    assert (december.idle, december.status) == (2, STALE)
    three = Freshness(columns={"replies": (Threshold("R-42", 3, MONTHS),)})
    last_reply = [item("replies/a.md", "2026-08-14", column="replies")]
    assert freshness_report(three, last_reply, at("2026-11-30"), CAL)[0].status == FRESH
    assert freshness_report(three, last_reply, at("2026-12-01"), CAL)[0].status == STALE
    across_year = freshness_report(three, [item("replies/b.md", "2026-11-02", column="replies")], at("2027-02-28"), CAL)[0]
    assert (across_year.idle, across_year.due, across_year.status) == (3, date(2027, 2, 28), FRESH)


def test_weeks_warn_before_and_the_seventh_day_of_a_special_topic() -> None:
    policy = Freshness(
        columns={
            "news": (Threshold("R-42", 2, WEEKS, warn_before=1),),
            "topics": (Threshold("R-41", 7, DAYS, warn_before=2),),
        }
    )
    items = [item("news/a.md", "2026-11-02"), item("topics/t.md", "2026-11-02", column="topics")]
    rows = {(r.key, d): r.status for d in ("2026-11-08", "2026-11-09", "2026-11-10", "2026-11-16", "2026-11-17") for r in
            freshness_report(policy, items, at(d), CAL)}  # fmt: skip
    assert [rows["news", d] for d in ("2026-11-09", "2026-11-10", "2026-11-16", "2026-11-17")] == [FRESH, DUE_SOON, DUE_SOON, STALE]
    # 7 consecutive days without an update (3–9 November) end on the 9th: stale from the 10th.
    assert [rows["topics", d] for d in ("2026-11-08", "2026-11-09", "2026-11-10")] == [DUE_SOON, DUE_SOON, STALE]


@settings(max_examples=300, deadline=None)
@example(last=date(2026, 10, 26), amount=20, unit=WORKING_DAYS, warn=0)  # due in late November, counted to 31 December
@example(last=date(2026, 1, 1), amount=11, unit=MONTHS, warn=0)  # due on 31 December
@given(
    last=st.dates(date(2026, 1, 1), date(2026, 10, 31)),
    amount=st.integers(1, 20),
    unit=st.sampled_from([DAYS, WEEKS, MONTHS, WORKING_DAYS]),
    warn=st.integers(0, 20),
)
def test_the_due_day_is_the_last_fresh_day_in_every_calendar(last: date, amount: int, unit: str, warn: int) -> None:
    """Whatever the calendar: fresh (or due soon) up to and including ``due``, stale from the day after
    (for working days: the next working day; a weekend or holiday after ``due`` adds none), and stale
    stays stale while nothing new comes."""
    policy = Freshness(columns={"news": (Threshold("R-40", amount, unit, min(warn, amount)),)})
    items = [Item("news/a.md", "news", "office", datetime.combine(last, datetime.min.time(), CN) + timedelta(hours=10))]
    first = freshness_report(policy, items, datetime.combine(last, datetime.min.time(), CN) + timedelta(hours=11), CAL)[0]
    assert first.due is not None and first.due > last and first.status != STALE
    on_due = freshness_report(policy, items, datetime.combine(first.due, datetime.min.time(), CN) + timedelta(hours=23, minutes=59), CAL)
    next_day = CAL.add(first.due, 1) if unit == WORKING_DAYS else first.due + timedelta(days=1)
    after = freshness_report(policy, items, datetime.combine(next_day, datetime.min.time(), CN), CAL)
    later_day = first.due + timedelta(days=40)
    if unit == WORKING_DAYS:  # the calendar data ends with 2026: working days cannot be counted further
        later_day = max(next_day, min(later_day, date(2026, 12, 31)))
    later = freshness_report(policy, items, datetime.combine(later_day, datetime.min.time(), CN), CAL)
    assert on_due[0].status != STALE and on_due[0].due == first.due
    assert after[0].status == STALE and later[0].status == STALE
    if unit == WORKING_DAYS:
        assert CAL.is_workday(first.due) and CAL.count(last, first.due) == amount


def test_the_newest_item_counts_and_items_not_yet_public_do_not() -> None:
    policy = Freshness(columns={"news": (Threshold("R-42", 5, DAYS),)})
    items = [item("news/a.md", "2026-11-01"), item("news/b.md", "2026-11-20"), item("notices/n.md", "2026-11-25", column="notices")]
    row = freshness_report(policy, items, at("2026-11-10"), CAL)[0]
    assert row.last is not None and row.last.path == "news/a.md"  # b is later than now, n is another column
    assert row.status == STALE


def test_a_column_that_never_published_is_stale() -> None:
    row = freshness_report(Freshness(columns={"news": (Threshold("R-42", 2, WEEKS),)}), [], at("2026-11-10"), CAL)[0]
    assert (row.last, row.idle, row.due, row.status) == (None, None, None, STALE)


def test_working_days_in_an_unknown_year_fail_closed() -> None:
    policy = Freshness(columns={"news": (Threshold("R-42", 5, WORKING_DAYS),)})
    with pytest.raises(UnknownYear):
        freshness_report(policy, [item("news/a.md", "2099-03-02")], at("2099-03-20"), CAL)


def test_what_is_not_listed() -> None:
    now = at("2026-10-09", 9)
    assert not_listed({"title": "x"}, now) is None
    assert not_listed({"withdrawal_reason": "内容已过时"}, now) == (WITHDRAWN, "withdrawal_reason")
    assert not_listed({"withdrawal_reason": "  "}, now) is None
    assert not_listed({"end": date(2026, 10, 9)}, now) == (EXPIRED, "end")  # 00:00 that day, China time
    assert not_listed({"end": "2026-10-09 09:30"}, now) is None
    assert not_listed({"start": "2026-10-09 09:30"}, now) == (SCHEDULED, "start")
    assert not_listed({"start": datetime(2026, 10, 9, 0, 59, tzinfo=UTC)}, now) is None
    assert not_listed({"end": "十月九日"}, now) == ("bad_window", "end")
    assert window_moment("2026-12-05") == datetime(2026, 12, 5, tzinfo=CN)


def test_first_publication_comes_from_the_archive_before_any_merge_time() -> None:
    from govreview.archive_jsonl import Archive
    from govreview.core.evidence import FileChange, PullRecord
    from govreview.core.records import Baseline
    from govreview.freshness_cmd import first_published

    def pull(n: int, day: str, *paths: str) -> PullRecord:
        files = tuple(FileChange(p, "added", "b" * 40) for p in paths)
        return PullRecord(n, "t", "ed", at(day), "m" * 40, "h" * 40, "s" * 40, "p", files)

    archive = Archive(
        pulls=(pull(2, "2026-10-08", "docs/a.md", "docs/b.md", "docs/c.md"), pull(1, "2026-09-01", "docs/c.md")),
        policies={},
        publications=(
            Publication("docs/a.md", "1" * 40, at("2026-10-09", 8), "r"),  # an edit of a baseline page, published later
            Publication("docs/b.md", "2" * 40, at("2026-10-09", 8), "r"),
            Publication("docs/b.md", "3" * 40, at("2026-10-08", 12), "r"),
        ),
        baselines=(Baseline("docs/a.md", "0" * 40, "2025 年纸质审批表", "lin", at("2026-01-05"), published_on=date(2025, 6, 1)),),
    )
    assert first_published(archive) == {
        "docs/a.md": datetime(2025, 6, 1, tzinfo=CN),  # public since the baseline's day
        "docs/b.md": at("2026-10-08", 12),  # the earliest publication record
        "docs/c.md": at("2026-09-01"),  # no record: the first merge
    }


# -- the policy section ------------------------------------------------------------------------

FRESHNESS = """
freshness:
  columns:
    news:
      - {rule: R-42, amount: 5, unit: days}
      - {rule: R-42, amount: 5, unit: 工作日}
    topics: {rule: R-41, amount: 7, unit: days, warn_before: 2}
  every_unit: {rule: R-40, amount: 1, unit: months, warn_before: 1}
"""
#: With the website office (R-44: a withdrawal needs its approval) and a special-topic column.
SITE_POLICY = (
    POLICY.replace(
        "  committee: {name: 保密委员会, members: [wei]}\n",
        "  committee: {name: 保密委员会, members: [wei]}\n  office: {name: 网站管理员, members: [lin]}\n",
    )
    + "  topics: {name: 专题专栏, category: news, unit: office}\nlifecycle: {office: office}\n"
    + FRESHNESS
)


def test_the_policy_section_is_read() -> None:
    policy = load_policy({"policies/site.yml": SITE_POLICY})
    assert policy.freshness.columns == {
        "news": (Threshold("R-42", 5, DAYS), Threshold("R-42", 5, WORKING_DAYS)),
        "topics": (Threshold("R-41", 7, DAYS, 2),),
    }
    assert policy.freshness.units == {"office": (Threshold("R-40", 1, MONTHS, 1),)}
    assert not load_policy({"policies/site.yml": POLICY}).freshness


BAD = """
freshness:
  columns:
    newz: {rule: R-42, amount: 2, unit: weeks}
    news: [{rule: R42, amount: 0, unit: fortnights}, {rule: R-41, amount: 7, unit: days, warn_before: 8}]
  units:
    ofice: {rule: R-40, amount: 1, unit: months}
  every_unit: 3
"""
ROOT_COLUMN = """
freshness:
  columns:
    .: {rule: R-42, amount: 2, unit: weeks}
"""


def test_bad_policy_input_is_named_by_file_and_line() -> None:
    with pytest.raises(PolicyError) as err:
        load_policy({"policies/site.yml": POLICY + BAD})
    start = POLICY.count("\n") + 1  # the line of "freshness:"
    got = sorted((p.line, p.text("en").split(": ", 1)[1]) for p in err.value.problems)
    assert got == [
        (start + 3, "'freshness.columns.newz': no column 'newz' under columns. Hint: did you mean news?"),
        (start + 4, "'freshness.columns.news[0].amount' must be a positive integer"),
        (start + 4, "'freshness.columns.news[0].rule' should be a rule id such as R-21"),
        (start + 4, "'freshness.columns.news[0].unit' must be days, weeks, months (calendar months) or working_days"),
        (start + 4, "'freshness.columns.news[1].warn_before' is 8, more than the threshold 7: the column would always show as due soon; write at most 7"),
        (start + 6, "'freshness.units.ofice': unknown unit 'ofice'. Hint: did you mean office?"),
        (start + 7, "'freshness.every_unit' must be a mapping (key: value)"),
    ]  # fmt: skip
    assert all(p.file == "policies/site.yml" for p in err.value.problems)
    with pytest.raises(PolicyError) as root:
        load_policy({"policies/site.yml": POLICY + ROOT_COLUMN})
    assert [p.line for p in root.value.problems] == [start + 3]
    assert "the root of docs/ (the home page) lists no items" in root.value.text("en")
    assert "policies/site.yml:" + str(start + 3) + ": “freshness.columns.newz”：columns 中没有栏目“newz”" in err.value.text("zh")


# -- the command on a real site spanning National Day 2026 ---------------------------------------


def _pub(site: GitSite, rel: str, day: str, hour: int = 10) -> Publication:
    return Publication(rel, site.blob(rel), at(day, hour), "run-1", site.git("rev-parse", "HEAD"))


def _page(site: GitSite, rel: str, title: str, merged: str, **extra: object) -> None:
    site.write(rel, article(title, **extra))
    site.commit(rel)
    office = ["lin"] if "withdrawal_reason" in extra else []  # a withdrawal needs the website office
    site.merge([rel], ["hana", "dong", *office], merged_at=at(merged, 9))


@pytest.fixture
def holiday_site(tmp_path: Path) -> GitSite:
    """News and a special topic around National Day 2026, with pages that must not count:
    an old page edited after the holiday, a withdrawn, an expired, a scheduled, a taken-down
    and a withheld one."""
    site = GitSite(tmp_path, policy=SITE_POLICY)
    site.approve_inputs()
    pubs: list[Publication] = []
    _page(site, "docs/news/old.md", "八月动态", "2026-08-01")
    pubs.append(_pub(site, "docs/news/old.md", "2026-08-01"))
    _page(site, "docs/topics/t1.md", "专题第一期", "2026-09-28")  # no publication record: the merge time counts
    _page(site, "docs/news/a.md", "节前动态", "2026-09-30")
    pubs.append(_pub(site, "docs/news/a.md", "2026-09-30", 11))
    _page(site, "docs/news/withdrawn.md", "已撤稿的动态", "2026-10-06", withdrawal_reason="内容有误，已撤下")
    pubs.append(_pub(site, "docs/news/withdrawn.md", "2026-10-06"))
    _page(site, "docs/news/expired.md", "已过期的动态", "2026-10-07", end="2026-10-08")
    pubs.append(_pub(site, "docs/news/expired.md", "2026-10-07"))
    _page(site, "docs/news/taken.md", "被紧急撤下的动态", "2026-10-07")
    pubs.append(_pub(site, "docs/news/taken.md", "2026-10-07", 11))
    _page(site, "docs/news/scheduled.md", "预定发布的动态", "2026-10-08", start="2026-10-20")
    site.write("docs/news/old.md", article("八月动态", "更正后的正文。", correction_note="更正了一处日期"))  # an edit is no new item
    site.commit("edit")
    site.merge(["docs/news/old.md"], ["hana", "dong"], merged_at=at("2026-10-08", 9))
    pubs.append(_pub(site, "docs/news/old.md", "2026-10-08", 10))
    site.write("docs/topics/draft.md", article("未经审批的专题"))  # withheld
    site.commit("draft")
    files = policy_files(site.root / "policies")
    rows = [policy_to_json(policy_id(files), files)] + [pull_to_json(p) for p in sorted(site.pulls, key=lambda p: (p.merged_at, p.number))]
    rows += [publication_to_json(p) for p in sorted(pubs, key=lambda p: (p.published_at, p.path))]
    taken_blob = site.blob("docs/news/taken.md")
    rows.append({"type": "takedown", "id": "run-9", "path": "docs/news/taken.md", "blob": taken_blob, "by": "lin",
                 "at": "2026-10-08T08:00:00+08:00", "reason": "涉密信息"})  # fmt: skip
    (site.root / "archive" / "approvals.jsonl").write_bytes(encode_archive(rows))
    site.git("add", "-A")
    site.git("commit", "-qm", "archive")
    return site


PINNED_ZH = """\
栏目更新情况（2026-10-09，北京时间）

| 范围 | 栏目或单位 | 规则 | 期限 | 最近一条 | 未更新 | 最迟更新日 | 状态 |
|---|---|---|---|---|---|---|---|
| 栏目 | 工作动态（news） | R-42 | 5 天 | 2026-09-30 节前动态 | 9 天 | 2026-10-05 | ✗ 已超期 |
| 栏目 | 工作动态（news） | R-42 | 5 个工作日 | 2026-09-30 节前动态 | 2 个工作日 | 2026-10-13 | ✓ 正常 |
| 栏目 | 专题专栏（topics） | R-41 | 7 天，提前 2 天提醒 | 2026-09-28 专题第一期 | 11 天 | 2026-10-05 | ✗ 已超期 |
| 单位 | 办公室 | R-40 | 1 个自然月，提前 1 个自然月提醒 | 2026-09-30 节前动态 | 1 个自然月 | 2026-10-31 | ! 即将超期 |

共 4 项：已超期 2 项，即将超期 1 项
"""


def test_the_report_is_pinned_across_national_day(holiday_site: GitSite) -> None:
    done = run_govreview(holiday_site.root, "freshness", "--now", "2026-10-09T09:00:00+08:00")
    assert done.returncode == 1, done.stderr
    assert done.stdout == PINNED_ZH
    left = sorted(line for line in done.stderr.splitlines() if line.startswith("未计入"))
    assert left == [
        "未计入：news/expired.md（已过期）",
        "未计入：news/scheduled.md（尚未到发布时间）",
        "未计入：news/taken.md（已紧急撤下）",
        "未计入：news/withdrawn.md（已撤稿）",
    ]
    en = run_govreview(holiday_site.root, "freshness", "--now", "2026-10-09T09:00:00+08:00", "--lang", "en")
    assert en.returncode == 1
    assert (
        "| column | 工作动态（news） | R-42 | 5 working days | 2026-09-30 节前动态 | 2 working days | 2026-10-13 | ✓ fresh |" in en.stdout
    )
    assert en.stdout.rstrip().endswith("4 thresholds: 2 stale, 1 due soon")


def test_the_json_report_and_the_exit_code(holiday_site: GitSite) -> None:
    done = run_govreview(holiday_site.root, "freshness", "--json", "--now", "2026-10-09T09:00:00+08:00")
    assert done.returncode == 1, done.stderr
    data = json.loads(done.stdout)
    assert data["today"] == "2026-10-09"
    assert [(r["key"], r["unit"], r["idle"], r["due"], r["status"]) for r in data["rows"]] == [
        ("news", "days", 9, "2026-10-05", "stale"),
        ("news", "working_days", 2, "2026-10-13", "fresh"),
        ("topics", "days", 11, "2026-10-05", "stale"),
        ("office", "months", 1, "2026-10-31", "due_soon"),
    ]
    assert data["rows"][0]["last"] == {"path": "news/a.md", "title": "节前动态", "published_at": "2026-09-30T11:00:00+08:00"}
    assert data["rows"][2]["last"]["published_at"] == "2026-09-28T09:00:00+08:00"  # the merge time: no publication record
    assert sorted(n["path"] for n in data["not_counted"]) == ["news/expired.md", "news/scheduled.md", "news/taken.md", "news/withdrawn.md"]
    # From its start on, the scheduled page counts from its start (not its merge on 8 October).
    later = json.loads(run_govreview(holiday_site.root, "freshness", "--json", "--now", "2026-10-21T09:00:00+08:00").stdout)
    assert later["rows"][0]["last"] == {"path": "news/scheduled.md", "title": "预定发布的动态", "published_at": "2026-10-20T00:00:00+08:00"}
    assert (later["rows"][0]["idle"], later["rows"][0]["status"]) == (1, "fresh")
    # On 1 October nothing was stale yet (October still needs its item: due soon): exit 0.
    before = run_govreview(holiday_site.root, "freshness", "--json", "--now", "2026-10-01T09:00:00+08:00")
    assert before.returncode == 0, before.stdout
    assert [r["status"] for r in json.loads(before.stdout)["rows"]] == ["fresh", "fresh", "fresh", "due_soon"]


def test_usage_problems_are_messages_not_tracebacks(holiday_site: GitSite) -> None:
    bad = run_govreview(holiday_site.root, "freshness", "--now", "2026-10-09")
    assert bad.returncode == 2 and "--now" in bad.stderr and "Traceback" not in bad.stderr
    far = run_govreview(holiday_site.root, "freshness", "--now", "2099-10-09T09:00:00+08:00")
    # Working days from 2026 on reach 2027 first, whose schedule nobody knows yet: said, never guessed.
    assert far.returncode == 2 and "2027" in far.stderr and "calendar.yml" in far.stderr and "Traceback" not in far.stderr
    (holiday_site.root / "policies" / "site.yml").write_text(SITE_POLICY.replace("amount: 7", "amount: seven"), encoding="utf-8")
    holiday_site.commit("break the policy")
    broken = run_govreview(holiday_site.root, "freshness")
    assert broken.returncode == 2 and "policies/site.yml:" in broken.stderr and "Traceback" not in broken.stderr


# -- the reminder issue on the fake GitHub --------------------------------------------------------


def _rows(stale: bool, day: str = "2026-10-09"):  # type: ignore[no-untyped-def]
    policy = load_policy({"policies/site.yml": SITE_POLICY})
    last = "2026-09-30" if stale else "2026-10-08"
    items = [item("news/a.md", last), item("topics/t.md", "2026-10-08", column="topics")]
    return policy, freshness_report(policy.freshness, items, at(day, 9), CAL)


def test_one_issue_is_opened_updated_and_closed(tmp_path: Path) -> None:
    with FakeGitHub() as fake:
        repo = fake.repo("city/site")
        repo.push("main", {"README.md": "站点"}, actor="admin")
        other = repo.open_issue("ed", "别的议题", "正文", labels=(LABEL,))  # same label, no marker: never touched
        forge = Forge(connect("t", fake.url), "city/site")
        policy, rows = _rows(stale=True)
        opened = keep_issue(forge, rows, policy, date(2026, 10, 9), LABEL, "zh")
        assert opened.code == "fresh_issue_opened"
        number = opened.params["number"]
        issue = repo.issues[number]
        assert issue.state == "open" and issue.labels == [LABEL] and MARKER in issue.body
        assert issue.title == "栏目更新提醒：1 个栏目或单位已超期"
        assert "| 栏目 | 工作动态（news） | R-42 | 5 天 |" in issue.body and "已超期" in issue.body
        posts = len(fake.calls("/repos/city/site/issues", "POST"))
        # The same report again: nothing written.
        assert keep_issue(forge, rows, policy, date(2026, 10, 9), LABEL, "zh").code == "fresh_issue_unchanged"
        # A day later: the same issue updated in place.
        policy, later = _rows(stale=True, day="2026-10-10")
        assert keep_issue(forge, later, policy, date(2026, 10, 10), LABEL, "zh").code == "fresh_issue_updated"
        assert "2026-10-10" in repo.issues[number].body
        # All fresh: closed.
        policy, fresh = _rows(stale=False)
        assert keep_issue(forge, fresh, policy, date(2026, 10, 9), LABEL, "zh").code == "fresh_issue_closed"
        assert repo.issues[number].state == "closed" and repo.issues[number].state_reason == "completed"
        assert "全部栏目和单位均在期限内" in repo.issues[number].body
        assert keep_issue(forge, fresh, policy, date(2026, 10, 9), LABEL, "zh").code == "fresh_issue_none"
        # Stale again: the same issue reopened, never a second one.
        policy, rows = _rows(stale=True)
        assert keep_issue(forge, rows, policy, date(2026, 10, 9), LABEL, "zh").params["number"] == number
        assert repo.issues[number].state == "open"
        assert len(fake.calls("/repos/city/site/issues", "POST")) == posts == 1
        assert other.state == "open" and other.body == "正文"


def test_a_failed_issue_post_is_not_sent_again() -> None:
    with FakeGitHub() as fake:
        repo = fake.repo("city/site")
        repo.push("main", {"README.md": "站点"}, actor="admin")
        forge = Forge(connect("t", fake.url), "city/site")
        fake.fail("/repos/city/site/issues", times=3, status=500, method="POST")
        policy, rows = _rows(stale=True)
        with pytest.raises(ForgeError) as err:
            keep_issue(forge, rows, policy, date(2026, 10, 9), LABEL, "zh")
        assert len(fake.calls("/repos/city/site/issues", "POST")) == 1
        assert "issues: write" in err.value.text("en") or "500" in err.value.text("en")
        assert not repo.issues


def test_the_command_keeps_the_issue(holiday_site: GitSite, monkeypatch: pytest.MonkeyPatch) -> None:
    with FakeGitHub() as fake:
        repo = fake.repo("city/site")
        repo.push("main", {"README.md": "站点"}, actor="admin")
        monkeypatch.setenv("GITHUB_TOKEN", "t")
        args = ("freshness", "--issue", "--repo", "city/site", "--base-url", fake.url)
        stale = run_govreview(holiday_site.root, *args, "--now", "2026-10-09T09:00:00+08:00")
        assert stale.returncode == 1, stale.stderr
        (number,) = repo.issues
        assert f"已打开议题 #{number}" in stale.stderr and repo.issues[number].state == "open"
        fresh = run_govreview(holiday_site.root, *args, "--now", "2026-10-01T09:00:00+08:00")
        assert fresh.returncode == 0, fresh.stderr
        assert f"已关闭议题 #{number}" in fresh.stderr and repo.issues[number].state == "closed"
        monkeypatch.delenv("GITHUB_TOKEN")
        missing = run_govreview(holiday_site.root, *args)
        assert missing.returncode == 2 and "GITHUB_TOKEN" in missing.stderr


def test_issue_requests_are_github_shaped_for_pygithub() -> None:
    """PyGithub reads the fake's issues as GitHub's (a plain issue has no pull_request)."""
    with FakeGitHub() as fake:
        repo = fake.repo("city/site")
        repo.push("main", {"README.md": "站点"}, actor="admin")
        repo.open_issue("ed", "提醒", MARKER, labels=(LABEL,))
        gh = Github(base_url=fake.url, auth=Auth.Token("t"), seconds_between_requests=0)
        (issue,) = list(gh.get_repo("city/site").get_issues(state="all", labels=[LABEL]))
        assert issue.pull_request is None and issue.labels[0].name == LABEL and issue.state == "open"


# -- the scheduled workflow -------------------------------------------------------------------------

WORKFLOW = Path(__file__).resolve().parent.parent / ".github" / "workflows" / "freshness.yml"


def test_the_workflow_runs_daily_with_minimal_permissions() -> None:
    import yaml

    flow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    assert flow[True]["schedule"] == [{"cron": "30 0 * * *"}]  # 08:30 China time
    assert flow["permissions"] == {}
    assert flow["jobs"]["freshness"]["permissions"] == {"contents": "read", "issues": "write"}
    checkouts = [s for s in flow["jobs"]["freshness"]["steps"] if s.get("uses", "").startswith("actions/checkout@")]
    assert all(s["with"]["persist-credentials"] is False for s in checkouts)


def test_the_workflow_step_opens_the_issue_and_stays_green_but_fails_when_it_cannot_tell(holiday_site: GitSite, tmp_path: Path) -> None:
    """The step's own script, run with a ``govreview`` on PATH, against the fake GitHub."""
    import os
    import subprocess
    import sys

    import yaml

    step = next(
        s
        for s in yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))["jobs"]["freshness"]["steps"]
        if "govreview freshness" in s.get("run", "")
    )
    shim = tmp_path / "bin" / "govreview"
    shim.parent.mkdir()
    shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m govreview.cli "$@"\n', encoding="utf-8")
    shim.chmod(0o755)
    # The step counts at the real today: no working-day threshold, so no year's holidays are needed.
    calendar_days_only = SITE_POLICY.replace("      - {rule: R-42, amount: 5, unit: 工作日}\n", "")
    assert "工作日" not in calendar_days_only
    (holiday_site.root / "policies" / "site.yml").write_text(calendar_days_only, encoding="utf-8")
    holiday_site.commit("calendar days only")
    archive = holiday_site.root / ".archive" / "approvals.jsonl"
    archive.parent.mkdir()
    archive.write_bytes((holiday_site.root / "archive" / "approvals.jsonl").read_bytes())
    with FakeGitHub() as fake:
        repo = fake.repo("city/site")
        repo.push("main", {"README.md": "站点"}, actor="admin")
        env = {**os.environ, "PATH": f"{shim.parent}:{os.environ['PATH']}", "GITHUB_TOKEN": "t", "GITHUB_REPOSITORY": "city/site",
               "GITHUB_API_URL": fake.url, "GITHUB_STEP_SUMMARY": str(tmp_path / "summary.md"), "NO_MKDOCS_2_WARNING": "1"}  # fmt: skip
        env.pop("GOVREVIEW_LANG", None)
        done = subprocess.run(["bash", "-e", "-c", step["run"]], cwd=holiday_site.root, env=env, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr  # stale (today is long after the fixture's dates): green, the issue says it
        (issue,) = repo.issues.values()
        assert issue.state == "open" and MARKER in issue.body
        assert "已超期" in (tmp_path / "summary.md").read_text(encoding="utf-8")
        (holiday_site.root / "policies" / "site.yml").write_text(SITE_POLICY.replace("unit: days", "unit: fortnights"), encoding="utf-8")
        holiday_site.commit("break the policy")
        broken = subprocess.run(["bash", "-e", "-c", step["run"]], cwd=holiday_site.root, env=env, capture_output=True, text=True)
        assert broken.returncode == 2 and "policies/site.yml:" in broken.stderr
        assert issue.state == "open" and len(repo.issues) == 1


# -- the guide says what the loader does ----------------------------------------------------------

GUIDE = Path(__file__).resolve().parent.parent / "guide" / "policy-language.md"
GUIDE_COLUMNS = "".join(
    f"  {c}: {{name: {n}, category: news, unit: office}}\n"
    for c, n in (("notices", "通知公告"), ("replies", "留言答复"), ("zhuanti", "专题"))
)


def test_the_guides_freshness_example_loads() -> None:
    import re

    block = next(b for b in re.findall(r"```yaml\n(.*?)```", GUIDE.read_text(encoding="utf-8"), re.S) if "every_unit" in b)
    policy = load_policy({"policies/site.yml": POLICY + GUIDE_COLUMNS + block})
    assert policy.freshness.columns["zhuanti"] == (Threshold("R-41", 7, DAYS, 2), Threshold("R-42", 5, WORKING_DAYS))
    assert policy.freshness.columns["news"] == (Threshold("R-42", 2, WEEKS, 1),)
    assert policy.freshness.units == {"office": (Threshold("R-40", 1, MONTHS),)}


def test_the_guides_freshness_error_examples_are_what_the_loader_says() -> None:
    text = (
        POLICY
        + GUIDE_COLUMNS
        + "freshness:\n  columns:\n    news: {rule: R-42, amount: 2, unit: fortnights}\n    notice: {rule: R-42, amount: 6, unit: months}\n"
    )
    with pytest.raises(PolicyError) as err:
        load_policy({"policies/site.yml": text})
    guide = GUIDE.read_text(encoding="utf-8")
    shown = [p.text("zh").split(": ", 1)[1] for p in err.value.problems]
    assert len(shown) == 2
    for line in shown:
        assert line in guide, line


def test_labels_dropped_by_github_are_added_again_and_never_lead_to_a_second_issue() -> None:
    """GitHub drops a new issue's labels silently for a token without push access."""
    with FakeGitHub() as fake:
        repo = fake.repo("city/site")
        repo.push("main", {"README.md": "站点"}, actor="admin")
        forge = Forge(connect("t", fake.url), "city/site")
        policy, rows = _rows(stale=True)
        fake.issue_labels = "drop"
        number = keep_issue(forge, rows, policy, date(2026, 10, 9), LABEL, "zh").params["number"]
        assert repo.issues[number].labels == [LABEL]  # added on their own after the drop
        assert len(fake.calls(f"/repos/city/site/issues/{number}/labels", "POST")) == 1
        fake.issue_labels = "refuse"
        repo.issues[number].state = "closed"
        _, later = _rows(stale=True, day="2026-10-20")
        repo.issues.clear()
        with pytest.raises(ForgeError) as err:
            keep_issue(forge, later, policy, date(2026, 10, 20), LABEL, "zh")
        assert "issues: write" in err.value.text("zh") or "标签" in err.value.text("zh")
        (unlabelled,) = repo.issues.values()
        assert unlabelled.labels == [] and unlabelled.state == "open"
        # The next run finds the unlabelled issue by its marker: updated, not opened twice.
        assert keep_issue(forge, later, policy, date(2026, 10, 21), LABEL, "zh").code in ("fresh_issue_updated", "fresh_issue_unchanged")
        assert len(repo.issues) == 1
