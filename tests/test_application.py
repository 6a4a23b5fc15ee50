"""When a pull request was submitted for review (R-35): GitHub's ready state, and the web
editor's (Decap CMS) status labels — pure rules (core/application.py), then through the real
shell: PyGithub over HTTP to the local fake GitHub, `check_pull` and `sync`."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from fakegithub import FakeGitHub
from gitsite import article
from govreview.archive_jsonl import read_archive
from govreview.checkpr import check_pull, render_comment
from govreview.core.application import application_at, workflow_submitted_at
from govreview.core.evidence import LabelEvent
from govreview.sync import sync
from test_check_pr import forge
from test_field_rules import at_china
from test_field_rules_forge import EVENT, PREVIEW, approve, site

T0 = datetime(2026, 5, 6, 1, 0, tzinfo=UTC)


def t(hours: int) -> datetime:
    return T0 + timedelta(hours=hours)


def lab(name: str, hours: int, action: str = "labeled") -> LabelEvent:
    return LabelEvent(name, action, "ed", t(hours))


DRAFT, REVIEW, READY = "decap-cms/draft", "decap-cms/pending_review", "decap-cms/pending_publish"


def test_a_plain_pull_request_opened_ready_applies_when_opened():
    assert application_at(t(0), False, [], [lab("保密审查通过", 3)]) == t(0)


def test_a_github_draft_has_no_application_until_marked_ready():
    assert application_at(t(0), True, [], []) is None
    assert application_at(t(0), False, [("ready_for_review", t(5))], []) == t(5)
    assert application_at(t(0), False, [("ready_for_review", t(5)), ("convert_to_draft", t(6))], []) is None


def test_the_editors_first_save_is_not_the_application():
    assert application_at(t(0), False, [], [lab(DRAFT, 0)]) is None


def test_the_editors_item_applies_when_put_in_review():
    labels = [lab(DRAFT, 0), lab(DRAFT, 20, "unlabeled"), lab(REVIEW, 20)]
    assert application_at(t(0), False, [], labels) == t(20)


def test_moving_from_review_to_ready_keeps_the_first_submission():
    labels = [lab(DRAFT, 0), lab(DRAFT, 20, "unlabeled"), lab(REVIEW, 20), lab(REVIEW, 30, "unlabeled"), lab(READY, 30)]
    assert application_at(t(0), False, [], labels) == t(20)


def test_back_to_draft_withdraws_and_a_new_submission_counts_from_its_own_time():
    labels = [lab(DRAFT, 0), lab(DRAFT, 1, "unlabeled"), lab(REVIEW, 1), lab(REVIEW, 2, "unlabeled"), lab(DRAFT, 2)]
    assert application_at(t(0), False, [], labels) is None
    labels += [lab(DRAFT, 9, "unlabeled"), lab(REVIEW, 9)]
    assert application_at(t(0), False, [], labels) == t(9)


def test_a_review_label_taken_off_leaves_no_application():
    assert application_at(t(0), False, [], [lab(REVIEW, 1), lab(REVIEW, 4, "unlabeled")]) is None


def test_one_status_change_is_read_as_one_even_when_its_events_come_unlabel_first():
    labels = [lab(REVIEW, 1), lab(REVIEW, 5, "unlabeled"), lab(READY, 5)]
    assert application_at(t(0), False, [], labels) == t(1)


def test_events_are_read_in_server_time_order_not_in_the_order_given():
    labels = [lab(REVIEW, 9), lab(DRAFT, 0), lab(DRAFT, 9, "unlabeled")]
    assert workflow_submitted_at(labels) == (True, t(9))


def test_where_both_say_ready_the_later_counts_and_either_not_ready_means_none():
    assert application_at(t(0), False, [("ready_for_review", t(12))], [lab(REVIEW, 5)]) == t(12)
    assert application_at(t(0), False, [("ready_for_review", t(3))], [lab(REVIEW, 5)]) == t(5)
    assert application_at(t(0), True, [], [lab(REVIEW, 5)]) is None


def test_another_label_prefix_is_not_the_editors():
    assert workflow_submitted_at([lab("cms/draft", 0)]) == (False, None)
    assert application_at(t(0), False, [], [lab("cms/draft", 0)]) == t(0)


# -- through the fake GitHub ------------------------------------------------------------------------------------------


@pytest.fixture
def fake():
    with FakeGitHub(start=datetime(2026, 5, 4, 1, 0, tzinfo=UTC), step=timedelta(minutes=1)) as server:
        yield server


def editor_item(fake: FakeGitHub, saved: str):
    """A pull request as the web editor opens it: on the first save, not a GitHub draft, labelled draft."""
    repo = site(fake)
    pr = repo.open_pull("ed", "cms/previews/open-day", files={PREVIEW: article("开放日预告", event_date=EVENT)}, at=at_china(saved))
    pr.label(DRAFT, actor="ed", at=at_china(saved, 10) + timedelta(minutes=1))
    return pr


def submit(pr, day: str) -> None:
    pr.unlabel(DRAFT, actor="ed", at=at_china(day, 9))
    pr.label(REVIEW, actor="ed", at=at_china(day, 9) + timedelta(minutes=1))


def test_an_item_saved_early_but_submitted_late_misses_the_application_deadline(fake):
    pr = editor_item(fake, "2026-05-06")
    submit(pr, "2026-05-13")
    approve(pr, "2026-05-13")
    check = check_pull(forge(fake), pr.number, now=at_china("2026-05-13", 15))
    body = render_comment(check)
    assert not check.ok and "实际于 2026-05-13 提交" in body and "[R-35]" in body


def test_an_item_submitted_in_time_passes(fake):
    pr = editor_item(fake, "2026-05-06")
    submit(pr, "2026-05-11")
    approve(pr, "2026-05-14")
    check = check_pull(forge(fake), pr.number, now=at_china("2026-05-14", 15))
    assert check.ok, render_comment(check)


def test_an_item_still_in_draft_is_not_applied_and_nobody_is_asked(fake):
    pr = editor_item(fake, "2026-05-06")
    approve(pr, "2026-05-07")
    check = check_pull(forge(fake), pr.number, now=at_china("2026-05-07", 15))
    assert not check.ok and "无法确定何时提交申请" in render_comment(check)
    assert check.draft, "the editor's draft asks nobody yet"
    assert "还是草稿，尚未提交审批" in render_comment(check)
    submit(pr, "2026-05-08")
    check = check_pull(forge(fake), pr.number, now=at_china("2026-05-08", 15))
    assert not check.draft and "还是草稿" not in render_comment(check)


def test_the_archive_keeps_the_submission_time_and_ignores_labels_changed_after_the_merge(fake, tmp_path):
    pr = editor_item(fake, "2026-05-06")
    submit(pr, "2026-05-11")
    submitted = at_china("2026-05-11", 9) + timedelta(minutes=1)
    approve(pr, "2026-05-12")
    pr.merge("lin", at=at_china("2026-05-12", 16))
    pr.unlabel(REVIEW, actor="ed", at=at_china("2026-05-13", 9))
    archive = tmp_path / "approvals.jsonl"
    sync(forge(fake), archive)
    assert read_archive(archive).pulls[0].ready_at == submitted
