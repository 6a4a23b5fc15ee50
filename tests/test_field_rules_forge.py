"""Field rules, application deadlines and the publisher through the real shell: PyGithub over
HTTP to the local fake GitHub, `govreview check-pr`, then sync and `govreview build`."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from fakegithub import FakeGitHub
from gitsite import MKDOCS, article
from govreview.checkpr import check_pull, render_comment
from test_check_pr import forge
from test_field_rules import RULES, at_china
from test_publish_flow import publish, published


@pytest.fixture
def fake():
    with FakeGitHub(start=datetime(2026, 5, 4, 1, 0, tzinfo=UTC), step=timedelta(minutes=1)) as server:
        yield server


def site(fake: FakeGitHub):
    repo = fake.repo("city/site")
    files = {".gitignore": "site/\n.govreview/\n", "mkdocs.yml": MKDOCS, "policies/site.yml": RULES, "docs/index.md": article("首页")}
    repo.push("main", files, actor="admin", at=at_china("2026-05-04", 9))
    return repo


PREVIEW = "docs/previews/p.md"
EVENT = "2026-05-15"  # Friday: an application three working days ahead is due by Tuesday the 12th


def approve(pr, day: str) -> None:
    pr.review("hana", at=at_china(day, 11))
    pr.review("dong", at=at_china(day, 12))
    pr.label("保密审查通过", actor="bao", at=at_china(day, 13))


def test_a_draft_marked_ready_in_time_passes_though_approved_late(fake):
    repo = site(fake)
    pr = repo.open_pull("ed", "open-day", files={PREVIEW: article("开放日预告", event_date=EVENT)}, at=at_china("2026-05-06"), draft=True)
    pr.mark_ready(at=at_china("2026-05-11"))
    approve(pr, "2026-05-14")
    check = check_pull(forge(fake), pr.number, now=at_china("2026-05-14", 15))
    assert check.ok, render_comment(check)


def test_a_draft_marked_ready_too_late_fails_though_opened_early(fake):
    repo = site(fake)
    pr = repo.open_pull("ed", "open-day", files={PREVIEW: article("开放日预告", event_date=EVENT)}, at=at_china("2026-05-06"), draft=True)
    pr.mark_ready(at=at_china("2026-05-13"))
    approve(pr, "2026-05-13")
    check = check_pull(forge(fake), pr.number, now=at_china("2026-05-13", 15))
    assert not check.ok
    body = render_comment(check)
    assert "至少 3 个工作日提交申请" in body and "实际于 2026-05-13 提交" in body and "[R-35]" in body


def test_a_pull_request_still_in_draft_has_no_application_time(fake):
    repo = site(fake)
    pr = repo.open_pull("ed", "open-day", files={PREVIEW: article("开放日预告", event_date=EVENT)}, at=at_china("2026-05-06"), draft=True)
    approve(pr, "2026-05-07")
    check = check_pull(forge(fake), pr.number, now=at_china("2026-05-07", 15))
    assert not check.ok and "无法确定何时提交申请" in render_comment(check)


NOTICE = "docs/notices/n.md"


def test_the_publisher_is_a_pending_step_before_the_merge(fake):
    repo = site(fake)
    pr = repo.open_pull("ed", "notice", files={NOTICE: article("停水通知")}, at=at_china("2026-05-06"))
    approve(pr, "2026-05-06")
    check = check_pull(forge(fake), pr.number, now=at_china("2026-05-06", 15))
    body = render_comment(check)
    assert check.ok, body
    assert "| 网站办公室 | ⏳ | 合并时判定（合并即发布），须由以下人员合并：@lin |" in body


def test_a_page_merged_outside_the_publisher_role_is_withheld_at_publish(fake, tmp_path):
    repo = fake.repo("city/site")
    repo.push("main", {"policies/site.yml": "# 草稿\n" + RULES}, actor="admin", at=at_china("2026-05-04", 9))  # the first policy
    files = {".gitignore": "site/\n.govreview/\n", "mkdocs.yml": MKDOCS, "policies/site.yml": RULES, "docs/index.md": article("首页")}
    setup = repo.open_pull("ed", "setup", files={**files, "docs/notices/a.md": article("停水通知")}, at=at_china("2026-05-06"))
    setup.review("gui", at=at_china("2026-05-06", 10))
    approve(setup, "2026-05-06")
    setup.merge("lin", at=at_china("2026-05-06", 14))
    other = repo.open_pull("ed", "other", files={"docs/notices/b.md": article("停电通知")}, at=at_china("2026-05-07"))
    approve(other, "2026-05-07")
    other.merge("dong", at=at_china("2026-05-07", 14))  # the deputy merges it himself
    done = publish(repo, fake, tmp_path)
    assert done.returncode == 0, done.stderr + done.stdout
    text = published(tmp_path / "site-repo" / "site")
    assert "停水通知" in text and "停电通知" not in text
    assert "notices/b.md" in done.stdout and "dong" in done.stdout and "@lin" in done.stdout and "R-04" in done.stdout
