"""Corrections and withdrawals of published pages (R-44) on real git sites with real
archives: the gate in a real ``mkdocs build`` (the plugin) and in ``govreview build`` from the
approved snapshot, the ``lifecycle`` section of the policy, and the records the site reads."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from evidence import PR, page
from gitsite import POLICY, GitSite, article
from govreview.archive_jsonl import (
    correction_to_json,
    encode_archive,
    policy_to_json,
    publication_to_json,
    pull_to_json,
    read_archive,
    withdrawal_to_json,
)
from govreview.core.corrections import Published, removed_published
from govreview.core.evidence import LabelEvent, PullRecord, Review
from govreview.core.gate import judge_pull
from govreview.core.records import Correction, Publication, Withdrawal
from govreview.messages import render
from govreview.policy_yaml import PolicyError, load_policy, policy_files, policy_id
from govreview.snapshot.manifest import FOLDER, Manifest

LIFE_POLICY = (
    POLICY.replace(
        "  committee: {name: 保密委员会, members: [wei]}\n",
        "  committee: {name: 保密委员会, members: [wei]}\n  office: {name: 网站管理员, members: [lin]}\n",
    )
    + "lifecycle: {office: office, minor_label: 轻微修改}\n"
)
PAGE = "docs/news/a.md"
BODY = "人防警报试鸣安排：五月十五日上午十点。"


class LifeSite(GitSite):
    """A GitSite whose archive also holds publication, correction and withdrawal records, in time order."""

    def __init__(self, root: Path) -> None:
        self.extra: list[tuple[datetime, int, dict[str, Any]]] = []
        root.mkdir(parents=True, exist_ok=True)
        super().__init__(root, policy=LIFE_POLICY)
        (root / ".git" / "info" / "exclude").write_text("/site/\n/.govreview/\n/archive/\n", encoding="utf-8")

    def save_archive(self) -> None:
        files = policy_files(self.root / "policies")
        rows = [(p.merged_at, 0, pull_to_json(p)) for p in self.pulls] + self.extra
        ordered = [policy_to_json(policy_id(files), files)] + [r for _, _, r in sorted(rows, key=lambda r: (r[0], r[1]))]
        path = self.root / "archive" / "approvals.jsonl"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(encode_archive(ordered))

    def published(self, rel: str) -> Publication:
        """The publish workflow deployed ``rel`` at its current blob (``archive published``)."""
        p = Publication(rel, self.blob(rel), self.tick(), "run-1")
        self.extra.append((p.published_at, 1, publication_to_json(p)))
        self.save_archive()
        return p

    def record(self, row: Correction | Withdrawal) -> None:
        """A record as ``archive sync`` writes it after the pull request's own."""
        self.extra.append((row.at, 1, correction_to_json(row) if isinstance(row, Correction) else withdrawal_to_json(row)))
        self.save_archive()

    def merge_with(self, paths: list[str], approvers: list[str], labels: list[tuple[str, str]] = ()) -> PullRecord:  # type: ignore[assignment]
        """Merge the current commit approved by ``approvers``, the secrecy label by bao and
        ``labels`` (name, who) applied after the push."""
        head = self.git("rev-parse", "HEAD")
        files = {p: self.blob(p) for p in paths}
        pushed = self.tick()
        reviews = tuple(Review(login, "APPROVED", head, self.tick()) for login in approvers)
        events = (LabelEvent("保密审查通过", "labeled", "bao", self.tick()),)
        events += tuple(LabelEvent(name, "labeled", who, self.tick()) for name, who in labels)
        return self._record(head, files, pushed, reviews, events, "ed", None)


def cli(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("GOVREVIEW_LANG", None)
    return subprocess.run([sys.executable, "-m", "govreview.cli", *args], cwd=cwd, capture_output=True, text=True, env=env)


def site_text(root: Path) -> str:
    site = root / "site"
    return "".join(p.read_text(encoding="utf-8", errors="replace") for p in site.rglob("*") if p.suffix in (".html", ".json", ".xml"))


@pytest.fixture
def life(tmp_path: Path) -> LifeSite:
    s = LifeSite(tmp_path / "repo")
    s.write(PAGE, article("警报试鸣通知", BODY))
    s.commit("page")
    s.approve_inputs()
    s.approve_page("docs/index.md")
    s.approve_page(PAGE)
    s.published("docs/index.md")
    s.published(PAGE)
    return s


# -- the policy --------------------------------------------------------------------------------


def test_the_lifecycle_section_is_read_and_checked_like_every_section():
    policy = load_policy({"policies/site.yml": LIFE_POLICY})
    assert policy.lifecycle is not None and policy.lifecycle.office == "office" and policy.lifecycle.minor_label == "轻微修改"
    assert load_policy({"policies/site.yml": POLICY}).lifecycle is None
    wrong = LIFE_POLICY.replace("lifecycle: {office: office,", "lifecycle: {office: offise,")
    with pytest.raises(PolicyError) as err:
        load_policy({"policies/site.yml": wrong})
    line = wrong.splitlines().index(next(x for x in wrong.splitlines() if x.startswith("lifecycle:"))) + 1
    text = str(err.value)
    assert f"policies/site.yml:{line}" in text and "lifecycle.office" in text and "offise" in text and "office" in text
    empty = LIFE_POLICY.replace("minor_label: 轻微修改", "minor_label: ' '")
    with pytest.raises(PolicyError) as err:
        load_policy({"policies/site.yml": empty})
    assert "lifecycle.minor_label" in str(err.value)
    unknown = LIFE_POLICY.replace("minor_label: 轻微修改}", "minor_label: 轻微修改, office_role: x}")
    with pytest.raises(PolicyError) as err:
        load_policy({"policies/site.yml": unknown})
    assert "office_role" in str(err.value)


def test_the_example_policy_names_the_website_office():
    policy = load_policy(policy_files(Path(__file__).resolve().parent.parent / "policies"))
    assert policy.lifecycle is not None and policy.lifecycle.office == "web_office" and policy.lifecycle.minor_label


# -- corrections ---------------------------------------------------------------------------------


def test_an_edit_of_a_published_page_without_a_note_is_withheld_not_republished_old(life):
    life.write(PAGE, article("警报试鸣通知", "人防警报试鸣安排：五月十六日上午十点。"))
    life.commit("edit")
    life.merge_with([PAGE], ["hana", "dong"])
    built = life.build()
    assert built.returncode == 0, built.log
    assert life.html("news/a/index.html") is None, "withheld: neither the new nor the old version is published"
    assert "五月十五日" not in site_text(life.root) and "五月十六日" not in site_text(life.root)
    assert "news/a.md" in built.log and "更正说明" in built.log and "轻微修改" in built.log and "R-44" in built.log
    assert "lin" in built.log, "the message names who can approve the edit as minor"


def test_an_edit_with_a_new_note_publishes_and_the_page_lists_every_note_newest_first(life):
    life.write(PAGE, article("警报试鸣通知", "人防警报试鸣安排：五月十六日上午十点。", correction_note="试鸣日期由十五日改为十六日。"))
    life.commit("edit 1")
    first = life.merge_with([PAGE], ["hana", "dong"])
    life.record(Correction(PAGE, life.blob(PAGE, "HEAD~1"), life.blob(PAGE), first.number, first.merged_at, "试鸣日期由十五日改为十六日。"))
    life.published(PAGE)
    life.write(PAGE, article("警报试鸣通知", "人防警报试鸣安排：五月十六日上午九点。", correction_note="试鸣时间由十点改为九点。"))
    life.commit("edit 2")
    second = life.merge_with([PAGE], ["hana", "dong"])
    life.record(Correction(PAGE, life.blob(PAGE, "HEAD~1"), life.blob(PAGE), second.number, second.merged_at, "试鸣时间由十点改为九点。"))
    built = life.build()
    assert built.returncode == 0, built.log
    page = life.html("news/a/index.html")
    assert page is not None and "五月十六日上午九点" in page and "govreview-corrections" in page
    assert page.index("试鸣时间由十点改为九点。") < page.index("试鸣日期由十五日改为十六日。"), "newest first"
    assert f"<time>{(first.merged_at + timedelta(hours=8)):%Y-%m-%d}</time>" in page, "each note with its date (China time)"

    # The same note again is not a new note: the third edit is withheld.
    life.write(PAGE, article("警报试鸣通知", "人防警报试鸣安排：五月十六日上午八点。", correction_note="试鸣时间由十点改为九点。"))
    life.commit("edit 3")
    life.merge_with([PAGE], ["hana", "dong"])
    again = life.build()
    assert life.html("news/a/index.html") is None and "已经公开过" in again.log


def test_minor_by_the_office_label_works_and_by_anyone_else_does_not(life):
    life.write(PAGE, article("警报试鸣通知", "人防警报试鸣安排：五月十五日上午十点整。"))
    life.commit("typo")
    life.merge_with([PAGE], ["hana", "dong"], labels=[("轻微修改", "bao")])
    refused = life.build()
    assert life.html("news/a/index.html") is None
    assert "轻微修改" in refused.log and "bao" in refused.log and "不是网站管理部门人员" in refused.log

    life.write(PAGE, article("警报试鸣通知", "人防警报试鸣安排：五月十五日上午十点正。"))
    life.commit("typo 2")
    life.merge_with([PAGE], ["hana", "dong"], labels=[("轻微修改", "lin")])
    built = life.build()
    assert built.returncode == 0, built.log
    page = life.html("news/a/index.html")
    assert page is not None and "上午十点正" in page and "govreview-corrections" not in page


# -- withdrawals -----------------------------------------------------------------------------------


def withdraw(life: LifeSite, approvers: list[str]) -> PullRecord:
    life.write(PAGE, article("警报试鸣通知", BODY, withdrawal_reason="试鸣活动取消，本通知撤回。"))
    life.commit("withdraw")
    return life.merge_with([PAGE], approvers)


def test_a_withdrawal_without_the_office_is_withheld_and_says_who_can_approve_it(life):
    assert life.build().returncode == 0 and '<a href="a/">警报试鸣通知</a>' in (life.html("news/index.html") or "")
    withdraw(life, ["hana", "dong"])
    built = life.build()
    assert life.html("news/a/index.html") is None
    assert "网站管理员" in built.log and "lin" in built.log and "R-44" in built.log


def test_the_office_may_not_fill_a_chain_step_and_the_withdrawal_step_at_once(tmp_path):
    both = LIFE_POLICY.replace(
        "deputy: {name: 分管领导, units: {office: [dong]}}", "deputy: {name: 分管领导, units: {office: [dong, lin]}}"
    )
    s = LifeSite(tmp_path / "repo")
    s.write("policies/site.yml", both)
    s.write(PAGE, article("警报试鸣通知", BODY, withdrawal_reason="试鸣活动取消。"))
    s.commit("page")
    s.approve_inputs()
    s.approve_page("docs/index.md")
    s.merge_with([PAGE], ["hana", "lin"])
    built = s.build()
    assert s.html("news/a/index.html") is None, "lin cannot be both the deputy and the office"
    assert "缺少“网站管理员”审批（需要 1 人，已有 0 人）" in built.log
    s.write(PAGE, article("警报试鸣通知", BODY, withdrawal_reason="试鸣活动取消，通知撤回。"))
    s.commit("again")
    s.merge_with([PAGE], ["hana", "lin", "dong"])
    assert s.build().returncode == 0 and "试鸣活动取消，通知撤回。" in (s.html("news/a/index.html") or "")


def test_a_withdrawal_approved_by_the_office_publishes_the_notice_and_nothing_of_the_body(life, tmp_path):
    pull = withdraw(life, ["hana", "dong", "lin"])
    life.record(Withdrawal(PAGE, life.blob(PAGE, "HEAD~1"), "试鸣活动取消，本通知撤回。", "lin", pull.number, pull.merged_at))
    first = read_archive(life.root / "archive" / "approvals.jsonl").publications[1].published_at

    built = life.build()  # the plugin, in memory
    assert built.returncode == 0, built.log
    notice = life.html("news/a/index.html")
    assert notice is not None and "此信息已撤稿" in notice and "试鸣活动取消，本通知撤回。" in notice and "警报试鸣通知" in notice
    assert (first + timedelta(hours=8)).strftime("%Y-%m-%d") in notice
    assert BODY not in site_text(life.root), "nothing of the body anywhere in site/"
    listing = life.html("news/index.html")
    assert listing is not None and "工作动态" in listing and '<a href="a/">' not in listing and "警报试鸣通知" not in listing

    staged = cli(life.root, "stage", str(tmp_path / "snap"))  # the approved snapshot
    assert staged.returncode == 0, staged.stderr
    manifest = Manifest.read(tmp_path / "snap" / FOLDER / "manifest.json")
    item = manifest.files[PAGE]
    assert item.unlisted == "withdrawn" and item.generated == "withdrawal_notice" and item.blob == life.blob(PAGE)
    assert BODY not in (tmp_path / "snap" / PAGE).read_text(encoding="utf-8")
    assert "a.md" not in (tmp_path / "snap" / "docs/news/index.md").read_text(encoding="utf-8"), "the listing leaves it out"
    assert json.loads((tmp_path / "snap" / FOLDER / "manifest.json").read_text(encoding="utf-8"))["files"][PAGE]["unlisted"] == "withdrawn"

    rebuilt = cli(life.root, "build", "--quiet-generator")  # the generator inside the snapshot
    assert rebuilt.returncode == 0, rebuilt.stderr + rebuilt.stdout
    notice = life.html("news/a/index.html")
    assert notice is not None and "此信息已撤稿" in notice and "试鸣活动取消" in notice
    assert BODY not in site_text(life.root)
    # Gone from search and the sitemap (snapshot/finish.py reads the manifest's unlisted), still at its address.
    index = (life.root / "site/search/search_index.json").read_text(encoding="utf-8")
    assert "警报试鸣通知" not in json.dumps(json.loads(index), ensure_ascii=False) and '"news/a/' not in index
    assert '"news/' in index, "the rest of the column is still searchable"
    sitemap = (life.root / "site/sitemap.xml").read_text(encoding="utf-8")
    assert "news/a/" not in sitemap and "<urlset" in sitemap


def test_a_withdrawal_under_a_policy_without_an_office_is_withheld(tmp_path):
    (tmp_path / "repo").mkdir()
    s = GitSite(tmp_path / "repo")
    s.write(PAGE, article("通知", BODY, withdrawal_reason="撤回。"))
    s.commit("page")
    s.approve_inputs()
    s.approve_page("docs/index.md")
    s.approve_page(PAGE)
    built = s.build()
    assert s.html("news/a/index.html") is None and "lifecycle.office" in built.log


# -- the core, with plain data ----------------------------------------------------------------


def _edit(meta: dict[str, object], published: Published | None, labels: list[tuple[str, str, float]] = ()) -> list[str]:  # type: ignore[assignment]
    pr = PR(author="ed").push(0, {PAGE: "b2"}).approve("hana", 10).approve("dong", 20).label("保密审查通过", "bao", 30)
    for name, who, at in labels:
        pr.label(name, who, at)
    policy = load_policy({"policies/site.yml": LIFE_POLICY})
    verdict = judge_pull(page("news/a.md", "b2", {"title": "标题", "author": "经办人", **meta}), pr.merged(), policy, published=published)
    return [r.code for r in verdict.reasons] + [f"note:{n.code}" for n in verdict.notes]


def test_the_correction_check_on_plain_data():
    before = Published("b1", None, ("上次的说明。",))
    assert _edit({}, None) == [], "a page never published needs no note"
    assert _edit({}, Published("b2")) == [], "the published content itself needs nothing"
    assert _edit({"correction_note": "这次的说明。"}, before) == ["note:correction_noted"]
    assert _edit({"更正说明": " 上次的说明。 "}, before) == ["correction_note_old", "correction_needed"], "the Chinese key, spaces trimmed"
    assert _edit({}, before, [("轻微修改", "lin", 40)]) == ["note:correction_minor"]
    assert _edit({}, before, [("轻微修改", "lin", -5)]) == ["minor_before_push", "correction_needed"], "before the last push"
    assert _edit({}, before, [("轻微修改", "ed", 40)]) == ["minor_wrong_actor", "correction_needed"]
    unknown = Published("b1", None, (), readable=False)
    assert _edit({"correction_note": "这次的说明。"}, unknown) == ["correction_unknown", "correction_needed"], "fail closed"
    assert _edit({"correction_note": 3}, before)[0] == "field_type"


def test_the_messages_say_both_ways_out_and_who_can_give_them():
    pr = PR(author="ed").push(0, {PAGE: "b2"}).approve("hana", 10).approve("dong", 20).label("保密审查通过", "bao", 30)
    policy = load_policy({"policies/site.yml": LIFE_POLICY})
    verdict = judge_pull(page("news/a.md", "b2"), pr.merged(), policy, published=Published("b1"))
    (reason,) = verdict.reasons
    zh, en = render(reason, "zh"), render(reason, "en")
    assert "correction_note" in zh and "轻微修改" in zh and "@lin" in zh and reason.rule == "R-44"
    assert "correction note" in en and "minor" in en and "@lin" in en


def test_deleting_or_renaming_is_refused_only_for_published_pages():
    public = {PAGE}
    assert removed_published(PAGE, None, True, public) is not None
    assert removed_published("docs/news/b.md", PAGE, False, public) is not None, "a rename leaves the old address"
    assert removed_published("docs/news/b.md", None, True, public) is None
    assert removed_published(PAGE, None, False, public) is None, "an edit is judged by the correction check"
