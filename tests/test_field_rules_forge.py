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


# -- doctor: only the publishing role can merge (R-04) --------------------------------------------


def test_doctor_checks_that_only_the_publishing_role_can_merge(monkeypatch):
    from govreview.doctor import assess
    from test_doctor import STRONG

    monkeypatch.delenv("GOVREVIEW_LANG", raising=False)
    office = ("lin", "city/web-office")

    def last(classic, rules=()):
        return assess(classic, list(rules), publishers=office)[-1]

    restricted = {**STRONG, "restrictions": {"users": [{"login": "lin"}], "teams": [{"slug": "web-office"}], "apps": []}}
    assert last(restricted).ok and "@lin" in last(restricted).text()
    loose = {**STRONG, "restrictions": {"users": [{"login": "lin"}, {"login": "dong"}], "teams": [], "apps": []}}
    assert not last(loose).ok and "dong" in last(loose).text()
    assert not last(STRONG).ok, "no restriction: anyone with write access merges"
    assert last(None, [{"type": "update"}]).ok and "绕过名单" in last(None, [{"type": "update"}]).text()
    assert len(assess(STRONG, [])) == len(assess(STRONG, [], publishers=office)) - 1, "without a publisher in the policy, no finding"


def test_doctor_reads_the_publishers_from_the_sites_policy(tmp_path):
    import os
    import subprocess
    import sys

    from test_doctor import STRONG

    (tmp_path / "policies").mkdir()
    (tmp_path / "policies" / "site.yml").write_text(RULES, encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(MKDOCS, encoding="utf-8")
    with FakeGitHub() as server:
        repo = server.repo("city/site")
        repo.push("main", {"README.md": "x"}, actor="admin")
        repo.protection["main"] = {**STRONG, "restrictions": {"users": [{"login": "dong"}], "teams": [], "apps": []}}
        env = {**os.environ, "GITHUB_TOKEN": "t"}
        env.pop("GOVREVIEW_LANG", None)
        proc = subprocess.run(
            [sys.executable, "-m", "govreview.cli", "doctor", "--repo", "city/site", "--base-url", server.url],
            capture_output=True, text=True, env=env, cwd=tmp_path,
        )  # fmt: skip
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "✗ 分支保护允许发布角色（@lin）以外的人合并：dong" in proc.stdout


def test_the_pull_request_check_names_a_refused_field_at_its_line(fake):
    from govreview.checkpr import annotations

    repo = site(fake)
    pr = repo.open_pull("ed", "minutes", files={"docs/news/m.md": article("内部纪要", classified="是")}, at=at_china("2026-05-06"))
    approve(pr, "2026-05-06")
    check = check_pull(forge(fake), pr.number, now=at_china("2026-05-06", 15))
    assert not check.ok
    assert "是否涉密（classified）为“是”的信息一律不得上网发布 [R-03]（第 5 行）" in render_comment(check)
    assert any(a.startswith("::error file=docs/news/m.md,line=5::是否涉密") for a in annotations(check))


def test_a_draft_cannot_be_merged_on_the_fake_as_on_github(fake):
    repo = site(fake)
    pr = repo.open_pull("ed", "draft", files={"docs/news/d.md": article("草稿")}, draft=True)
    with pytest.raises(ValueError, match="draft"):
        pr.merge("lin")
