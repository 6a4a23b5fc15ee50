"""Emergency takedown (issue 15, R-44): the policy section, the pure rules, and the
command on real git sites with real archives, built from the approved snapshot.

The forge side (the run's server time, a team-held role, the issue to the unit, the
confirmation by a merged pull request) is in tests/test_publish_flow.py against the fake GitHub.
"""

from __future__ import annotations

import json
import subprocess
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from gitsite import POLICY, GitSite, article, run_govreview
from govreview.archive_jsonl import open_for_append, read_archive, record_publications, takedown_to_json
from govreview.calendar_data import package_calendar
from govreview.core.calendar import UnknownYear
from govreview.core.evidence import FileChange, PullRecord
from govreview.core.policy import TakedownRule
from govreview.core.records import Takedown
from govreview.core.takedown import confirmable, due_dates, may_take_down, open_takedowns, overdue, published_blob, withhold
from govreview.core.verdict import Verdict
from govreview.messages import render
from govreview.policy_yaml import PolicyError, load_policy

OFFICE = "  web_office: {name: 网站管理员, members: [wang]}\n"
TAKEDOWN = "takedown: {role: web_office, confirm_within: 3}\n"
TD_POLICY = POLICY.replace("roles:\n", "roles:\n" + OFFICE, 1) + TAKEDOWN
ARCHIVE = "archive/approvals.jsonl"
PAGE = "docs/news/leak.md"
OTHER = "docs/news/other.md"


def pull_changing(path: str, merged_at: datetime, deleted: bool = False) -> PullRecord:
    blob = None if deleted else "b2"
    return PullRecord(12, "更正", "ed", merged_at, "m", "h", "b", "p", (FileChange(path, "removed" if deleted else "modified", blob),))


# -- the policy section ---------------------------------------------------------------------


def policy_of(text: str):
    return load_policy({"policies/site.yml": text})


def problem_of(text: str):
    with pytest.raises(PolicyError) as info:
        policy_of(text)
    assert len(info.value.problems) == 1, [str(p) for p in info.value.problems]
    return info.value.problems[0]


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), start=1) if needle in line)


def test_the_takedown_section_names_a_role_and_working_days():
    assert policy_of(TD_POLICY).takedown == TakedownRule("web_office", 3)
    assert policy_of(POLICY).takedown is None, "without the section nobody may take a page down"


@pytest.mark.parametrize(
    ("section", "words"),
    [
        ("takedown: {role: webmaster, confirm_within: 3}\n", ["takedown.role", "webmaster"]),
        ("takedown: {role: web_office, confirm_within: 0}\n", ["takedown.confirm_within"]),
        ("takedown: {role: web_office, confirm_within: 三天}\n", ["takedown.confirm_within"]),
        ("takedown: {role: web_office}\n", ["confirm_within"]),
        ("takedown: {role: web_office, confirm_within: 3, notify: yes}\n", ["notify"]),
        ("takedown: web_office\n", ["takedown"]),
    ],
)
def test_a_wrong_takedown_section_is_named_with_file_and_line(section, words):
    text = POLICY.replace("roles:\n", "roles:\n" + OFFICE, 1) + section
    problem = problem_of(text)
    assert problem.file == "policies/site.yml" and problem.line == line_of(text, "takedown:"), str(problem)
    for word in words:
        assert word in str(problem)


# -- the pure rules -----------------------------------------------------------------------------

T0 = datetime(2026, 9, 30, 2, 0, tzinfo=UTC)  # 10:00 on 30 September, China time


def takedown(id: str = "501", path: str = PAGE, at: datetime = T0, confirmed_by: int | None = None) -> Takedown:
    return Takedown(id, path, "wang", at, "泄露了内部电话", "b1", confirmed_by)


def test_only_a_holder_of_the_role_may_take_a_page_down():
    policy = policy_of(TD_POLICY)
    assert may_take_down("wang", policy, T0).allowed
    assert may_take_down("WANG", policy, T0).allowed, "logins compare as GitHub compares them"
    refused = may_take_down("hana", policy, T0)
    assert not refused.allowed
    nobody = may_take_down("wang", policy_of(POLICY), T0)
    assert not nobody.allowed and "没有 takedown 节" in render(nobody.notes[0], "zh")


def test_a_team_role_counts_only_when_the_forge_showed_the_team():
    policy = policy_of(TD_POLICY.replace("members: [wang]", "members: [city/web-office]"))
    assert may_take_down("wang", policy, T0, {"city/web-office": frozenset({"wang"})}).allowed
    assert not may_take_down("li", policy, T0, {"city/web-office": frozenset({"wang"})}).allowed
    hidden = may_take_down("wang", policy, T0, {}, {"city/web-office": 404})
    assert not hidden.allowed, "a 404 is never read as membership"
    said = render(hidden.notes[0], "zh")
    assert "city/web-office" in said and "Members: read" in said and "HTTP 404" in said


def test_an_unconfirmed_takedown_withholds_the_page_and_a_confirmed_one_does_not():
    t = takedown()
    assert open_takedowns([t]) == {PAGE: t}
    assert open_takedowns([takedown(confirmed_by=7)]) == {}
    approved = Verdict("news/leak.md", "page", ())
    assert approved.approved
    withheld = withhold(approved, t)
    assert not withheld.approved and withheld.reasons[0].code == "taken_down" and withheld.reasons[0].rule == "R-44"
    assert "wang" in render(withheld.reasons[0], "zh") and "501" in render(withheld.reasons[0], "en")


def test_the_deadline_counts_working_days_across_national_day():
    calendar = package_calendar()
    # 30 September + 3 working days: the National Day holiday is skipped, Saturday 10 October is a makeup working day.
    (row,) = due_dates([takedown()], 3, calendar, date(2026, 10, 8))
    assert row.last_day == date(2026, 10, 10)
    assert not row.overdue and row.working_days_left == calendar.count(date(2026, 10, 8), date(2026, 10, 10))
    assert overdue([takedown()], 3, calendar, date(2026, 10, 8)) == [], "eight calendar days later, still in time"
    assert overdue([takedown()], 3, calendar, date(2026, 10, 10)) == []
    (late,) = overdue([takedown()], 3, calendar, date(2026, 10, 11))
    assert late.overdue and late.working_days_left == 0
    assert overdue([takedown(confirmed_by=9)], 3, calendar, date(2026, 12, 1)) == [], "confirmed: never overdue"
    with pytest.raises(UnknownYear):
        due_dates([takedown(at=datetime(2099, 3, 2, tzinfo=UTC))], 3, calendar, date(2099, 3, 9))


def test_a_later_pull_request_changing_the_page_may_confirm_it():
    t = takedown()
    assert confirmable([t], pull_changing(PAGE, T0 + timedelta(hours=5))) == [t]
    assert confirmable([t], pull_changing(PAGE, T0 - timedelta(hours=5))) == [], "merged before the takedown"
    assert confirmable([t], pull_changing(OTHER, T0 + timedelta(hours=5))) == []
    assert confirmable([t], pull_changing(PAGE, T0 + timedelta(hours=5), deleted=True)) == [], "a deletion is no confirmation"
    assert confirmable([takedown(confirmed_by=3)], pull_changing(PAGE, T0 + timedelta(hours=5))) == []


def test_what_was_public_is_the_latest_publication():
    from govreview.core.records import Baseline, Publication

    pubs = [Publication(PAGE, "b1", T0, "1"), Publication(PAGE, "b2", T0 + timedelta(days=1), "2")]
    assert published_blob(PAGE, pubs) == "b2"
    assert published_blob(OTHER, pubs) is None
    assert published_blob(OTHER, pubs, [Baseline(OTHER, "b0", "纸质审批", "wang", T0)]) == "b0"


# -- the command on a real site -------------------------------------------------------------------


@pytest.fixture
def site(tmp_path: Path) -> GitSite:
    """A site whose two news pages were approved, merged and published (publication records)."""
    (tmp_path / "site").mkdir()
    s = GitSite(tmp_path / "site", policy=TD_POLICY)
    s.write(PAGE, article("值班安排", "值班电话见内部通讯录。"))
    s.write(OTHER, article("另一条动态", "这一条不撤下。"))
    s.commit("pages")
    s.approve_inputs()
    s.approve_page("docs/index.md")
    s.approve_page(PAGE)
    s.approve_page(OTHER)
    main = s.commit("archive")
    blobs = {p: s.blob(p) for p in ("docs/index.md", PAGE, OTHER)}
    record_publications(s.root / ARCHIVE, blobs, s.tick(), "9001", main)
    return s


def take_down(site: GitSite, by: str = "wang", id: str = "7001", path: str = PAGE, lang: str | None = None):
    at = site.tick().isoformat()
    args = ("takedown", "record", "--path", path, "--reason", "页面含内部电话", "--by", by, "--id", id, "--at", at)
    return run_govreview(site.root, *args, lang=lang)


def build(site: GitSite) -> subprocess.CompletedProcess[str]:
    return run_govreview(site.root, "build", "--quiet-generator")


def page_html(site: GitSite, rel: str) -> str | None:
    return site.html(rel)


def test_a_takedown_removes_the_page_in_one_build_and_is_recorded(site):
    first = build(site)
    assert first.returncode == 0, first.stderr
    assert "值班电话" in page_html(site, "news/leak/index.html")

    recorded = take_down(site)
    assert recorded.returncode == 0, recorded.stderr
    assert "已记录紧急撤下 7001" in recorded.stdout and "2026-05-1" in recorded.stdout

    archive = read_archive(site.root / ARCHIVE)  # read back: the chain holds, the record is there
    (t,) = archive.takedowns
    assert (t.id, t.path, t.by, t.reason, t.confirmed_by) == ("7001", PAGE, "wang", "页面含内部电话", None)
    assert t.blob == site.blob(PAGE), "what was public when it was taken down"
    last = json.loads((site.root / ARCHIVE).read_bytes().split(b"\n")[-2])
    assert last["type"] == "takedown" and last["confirmed_by"] is None and last["seq"] == archive.tip.seq
    verified = run_govreview(site.root, "archive", "verify", "--archive", ARCHIVE, "--main", "HEAD")
    assert verified.returncode == 0, verified.stderr + verified.stdout

    second = build(site)  # one build: the page is gone, the rest stays
    assert second.returncode == 0, second.stderr
    assert page_html(site, "news/leak/index.html") is None
    assert not (site.root / "site" / "news" / "leak").exists(), "no older version is put back"
    assert "这一条不撤下" in page_html(site, "news/other/index.html")
    assert "值班电话" not in page_html(site, "news/index.html") and "值班安排" not in page_html(site, "news/index.html")
    search = (site.root / "site" / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "值班安排" not in search and "leak" not in (site.root / "site" / "sitemap.xml").read_text(encoding="utf-8")
    assert "news/leak.md" in second.stdout and "紧急撤下" in second.stdout and "7001" in second.stdout  # the build summary
    report = json.loads((site.root / ".govreview" / "report.json").read_text(encoding="utf-8"))
    (leak,) = [f for f in report["files"] if f["path"] == "news/leak.md"]
    assert leak["approved"] is False and leak["reasons"][0]["code"] == "taken_down" and leak["reasons"][0]["rule"] == "R-44"


def test_a_takedown_leaves_even_a_site_that_stops_on_any_withheld_page(site):
    (site.root / "mkdocs.yml").write_text(
        (site.root / "mkdocs.yml").read_text(encoding="utf-8").replace("  - govreview\n", "  - govreview:\n      on_blocked: fail\n"),
        encoding="utf-8",
    )
    site.commit("fail mode")
    site.approve_inputs()
    site.commit("archive")
    record_publications(site.root / ARCHIVE, {PAGE: site.blob(PAGE)}, site.tick(), "9002")
    assert take_down(site).returncode == 0
    built = build(site)
    assert built.returncode == 0, "stopping the publish would keep the page on the deployed site"
    assert page_html(site, "news/leak/index.html") is None and page_html(site, "news/other/index.html")


@pytest.mark.parametrize("lang", [None, "en"])
def test_someone_without_the_role_cannot_take_a_page_down(site, lang):
    before = (site.root / ARCHIVE).read_bytes()
    refused = take_down(site, by="hana", lang=lang)
    assert refused.returncode == 1
    if lang == "en":
        assert "hana did not hold the takedown role '网站管理员'" in refused.stderr and "nothing was written" in refused.stderr
    else:
        assert "hana" in refused.stderr and "不持有紧急撤下角色“网站管理员”" in refused.stderr and "未写入任何记录" in refused.stderr
        assert "@wang" in refused.stderr, "says who can"
    assert "Traceback" not in refused.stderr
    assert (site.root / ARCHIVE).read_bytes() == before, "nothing written"
    assert build(site).returncode == 0 and "值班电话" in page_html(site, "news/leak/index.html")


def test_only_a_published_page_in_the_site_can_be_taken_down_once(site):
    before = (site.root / ARCHIVE).read_bytes()
    site.write("docs/news/draft.md", article("草稿"))
    never = take_down(site, path="docs/news/draft.md")
    assert never.returncode == 1 and "不是已发布的页面" in never.stderr
    outside = take_down(site, path="../mkdocs.yml")
    assert outside.returncode == 1 and "Traceback" not in outside.stderr
    assert (site.root / ARCHIVE).read_bytes() == before
    assert take_down(site, path="news/leak.md", id="1").returncode == 0, "a docs-relative path is taken as the page"
    twice = take_down(site, id="2")
    assert twice.returncode == 1 and "已由 wang" in twice.stderr and "编号 1" in twice.stderr
    again = take_down(site, path=OTHER, id="1")
    assert again.returncode == 1 and "编号 1 已用于" in again.stderr


def test_a_policy_without_the_section_lets_nobody_take_a_page_down(tmp_path):
    (tmp_path / "plain").mkdir()
    s = GitSite(tmp_path / "plain")
    s.write(PAGE, article("值班安排"))
    s.commit("page")
    s.approve_page(PAGE)
    record_publications(s.root / ARCHIVE, {PAGE: s.blob(PAGE)}, s.tick(), "1")
    before = (s.root / ARCHIVE).read_bytes()
    refused = take_down(s)
    assert refused.returncode == 1 and "takedown" in refused.stderr and "没有人可以紧急撤下" in refused.stderr
    assert (s.root / ARCHIVE).read_bytes() == before


def test_the_list_shows_what_awaits_confirmation_and_fails_when_overdue(site):
    path = site.root / ARCHIVE
    _, appender = open_for_append(path)
    at = datetime(2026, 9, 30, 2, 0, tzinfo=UTC)
    appender.append([takedown_to_json(Takedown("88", PAGE, "wang", at, "内部电话", site.blob(PAGE)))])
    in_time = run_govreview(site.root, "takedown", "list", "--today", "2026-10-08")
    assert in_time.returncode == 0, in_time.stderr
    assert "news/leak.md" in in_time.stdout and "2026-10-10" in in_time.stdout and "还剩" in in_time.stdout
    assert "逾期 0 次" in in_time.stdout
    late = run_govreview(site.root, "takedown", "list", "--today", "2026-10-12", "--json")
    assert late.returncode == 1
    data = json.loads(late.stdout)
    assert data["confirm_within"] == 3 and data["today"] == "2026-10-12"
    (item,) = data["items"]
    assert item == {
        "id": "88",
        "path": PAGE,
        "by": "wang",
        "at": "2026-09-30T10:00:00+08:00",
        "last_day": "2026-10-10",
        "overdue": True,
        "working_days_left": 0,
    }
    english = run_govreview(site.root, "takedown", "list", "--today", "2026-10-12", lang="en")
    assert english.returncode == 1 and "overdue" in english.stdout and "1 overdue" in english.stdout


def test_lifecycle_lists_a_takedown_left_unconfirmed_past_its_deadline(site):
    _, appender = open_for_append(site.root / ARCHIVE)
    at = datetime(2026, 9, 30, 2, 0, tzinfo=UTC)
    appender.append([takedown_to_json(Takedown("88", PAGE, "wang", at, "内部电话", site.blob(PAGE)))])
    site.commit("takedown recorded")
    in_time = run_govreview(site.root, "lifecycle", "--json", "--now", "2026-10-10T23:59+08:00")
    assert all(i["state"] != "takedown_overdue" for i in json.loads(in_time.stdout)["items"]), in_time.stdout
    late = run_govreview(site.root, "lifecycle", "--json", "--now", "2026-10-11T00:00+08:00")
    assert late.returncode == 1, late.stderr
    (item,) = [i for i in json.loads(late.stdout)["items"] if i["state"] == "takedown_overdue"]
    assert item["path"] == PAGE and item["when"] == "2026-10-10" and item["action"] is True
    assert "88" in item["message"] and "R-44" in item["message"]


def test_a_missing_archive_or_an_empty_reason_writes_nothing(site):
    (site.root / ARCHIVE).unlink()
    missing = take_down(site)
    assert missing.returncode == 1 and "Traceback" not in missing.stderr
    assert not (site.root / ARCHIVE).exists(), "no archive is made up to hold a takedown"
    empty = run_govreview(
        site.root, "takedown", "record", "--path", PAGE, "--reason", " ", "--by", "wang", "--id", "5", "--at", T0.isoformat()
    )
    assert empty.returncode == 2 and "撤下理由不能为空" in empty.stderr


def test_a_year_the_calendar_does_not_know_never_holds_a_takedown_up(site):
    args = ("takedown", "record", "--path", PAGE, "--reason", "内部电话", "--by", "wang", "--id", "9", "--at", "2099-03-02T10:00:00+08:00")
    recorded = run_govreview(site.root, *args)
    assert recorded.returncode == 0, recorded.stderr
    assert "已记录紧急撤下 9" in recorded.stdout and "2099" in recorded.stdout and "calendar.yml" in recorded.stdout
    assert [t.id for t in read_archive(site.root / ARCHIVE).takedowns] == ["9"]
    listed = run_govreview(site.root, "takedown", "list", "--today", "2099-03-03")
    assert listed.returncode == 2 and "2099" in listed.stderr and "Traceback" not in listed.stderr
