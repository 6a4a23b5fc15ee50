"""govreview check-pr through real PyGithub against the local fake GitHub."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from fakegithub import FakeGitHub
from github import Auth, Github
from gitsite import MKDOCS, POLICY, article
from govreview.checkpr import MARKER, annotations, check_pull, publish, render_comment
from govreview.forge import Forge, ForgeError

PAGE = "docs/news/a.md"
PREVIEW_POLICY = POLICY.replace(
    "columns:\n",
    "  preview:\n    name: 预告\n    steps: [{role: head}]\n    deadlines: [{rule: R-32, field: event_date, before: 3}]\ncolumns:\n  previews: {name: 预告, category: preview, unit: office}\n",
)


@pytest.fixture
def fake():
    with FakeGitHub() as server:
        yield server


def forge(fake: FakeGitHub) -> Forge:
    client = Github(base_url=fake.url, auth=Auth.Token("t"), seconds_between_requests=0, seconds_between_writes=0, retry=None, per_page=100)
    return Forge(client, "city/site")


def site(fake: FakeGitHub, policy: str = POLICY):
    repo = fake.repo("city/site")
    repo.push("main", {"mkdocs.yml": MKDOCS, "policies/site.yml": policy, "docs/index.md": article("首页")}, actor="admin")
    return repo


def test_fully_approved_pull_request_passes_and_posts_one_comment(fake):
    repo = site(fake)
    pr = repo.open_pull("ed", "news-a", files={PAGE: article("动态")})
    pr.review("hana")
    pr.review("dong")
    pr.label("保密审查通过", actor="bao")
    f = forge(fake)
    check = check_pull(f, pr.number)
    assert check.ok, render_comment(check)
    publish(f, check)
    publish(f, check_pull(f, pr.number))
    assert [s.state for s in repo.statuses] == ["success", "success"]
    assert {s.context for s in repo.statuses} == {"govreview"}
    comments = [c for c in repo.comments.values() if MARKER in c.body]
    assert len(comments) == 1, "the sticky comment is edited in place, never posted twice"


def test_missing_steps_say_who_can_supply_them(fake):
    repo = site(fake)
    pr = repo.open_pull("hana", "news-a", files={PAGE: article("动态")})
    pr.review("hana")  # the author's own approval
    f = forge(fake)
    check = check_pull(f, pr.number)
    publish(f, check)
    assert not check.ok and repo.statuses[-1].state == "failure"
    body = render_comment(check)
    assert "❌ `news/a.md`" in body and "分管领导 | ❌ | 可审批：@dong" in body and "保密审查" in body


def test_a_pull_request_cannot_weaken_its_own_rules(fake):
    repo = site(fake)
    weaker = POLICY.replace("steps: [{role: head}, {role: deputy}]", "steps: [{role: head}]", 1)
    pr = repo.open_pull("ed", "weaken", files={"policies/site.yml": weaker, PAGE: article("动态")})
    pr.review("hana")
    pr.label("保密审查通过", actor="bao")
    check = check_pull(forge(fake), pr.number)
    by_path = {v.path: v for v in check.verdicts}
    assert not by_path["news/a.md"].approved, "judged by the base branch's policy, which still needs the deputy"
    assert not by_path["policies/site.yml"].approved and by_path["policies/site.yml"].category == "policy"


def test_the_archive_cannot_be_changed_by_a_pull_request(fake):
    repo = site(fake)
    pr = repo.open_pull("ed", "forge-archive", files={"archive/approvals.jsonl": "{}\n"})
    pr.review("gui")
    check = check_pull(forge(fake), pr.number)
    assert not check.ok and any("archive/approvals.jsonl" in p for p in check.problems)


def test_front_matter_problems_are_annotated_at_their_line(fake):
    repo = site(fake)
    pr = repo.open_pull("ed", "bad", files={PAGE: "---\ntitle: 甲\nauthor: 乙\ntitle: 丙\n---\n正文\n"})
    check = check_pull(forge(fake), pr.number)
    assert any(a.startswith(f"::error file={PAGE},line=4::") for a in annotations(check))


def test_deadline_shows_the_last_day_to_merge(fake):
    repo = site(fake, PREVIEW_POLICY)
    text = article("开放日预告", event_date="2026-03-13")
    pr = repo.open_pull("ed", "preview", files={"docs/previews/a.md": text})
    early = check_pull(forge(fake), pr.number, now=datetime(2026, 3, 2, 2, 0, tzinfo=UTC))
    assert "最迟 2026-03-10 合并 [R-32]" in render_comment(early)
    late = check_pull(forge(fake), pr.number, now=datetime(2026, 3, 12, 2, 0, tzinfo=UTC))
    assert "已经太迟" in render_comment(late)


def test_forge_down_fails_closed(fake):
    repo = site(fake)
    pr = repo.open_pull("ed", "news-a", files={PAGE: article("动态")})
    fake.down()
    with pytest.raises(ForgeError):
        check_pull(forge(fake), pr.number)


def test_renamed_and_deleted_pages_need_approval_too(fake):
    repo = site(fake)
    repo.push("main", {"docs/news/old.md": article("旧动态"), "docs/news/gone.md": article("将撤下的动态")}, actor="admin")
    pr = repo.open_pull("ed", "tidy", files={"docs/news/old.md": None, "docs/news/new.md": article("旧动态"), "docs/news/gone.md": None})
    check = check_pull(forge(fake), pr.number)
    paths = {v.path: v for v in check.verdicts}
    assert {"news/new.md", "news/gone.md"} <= set(paths)
    assert not check.ok and not paths["news/gone.md"].approved
    pr.review("hana")
    pr.review("dong")
    pr.label("保密审查通过", actor="bao")
    assert check_pull(forge(fake), pr.number).ok


def test_screening_findings_are_in_the_comment_and_annotated_at_line_and_column(fake):
    repo = site(fake)
    pr = repo.open_pull("ed", "leak", files={PAGE: article("动态", "会议纪要\n本件 机**密**★ 请勿外传。\n联系手机 13812345678。")})
    pr.review("hana")
    pr.review("dong")
    pr.label("保密审查通过", actor="bao")
    f = forge(fake)
    check = check_pull(f, pr.number)
    assert not check.ok
    comment = render_comment(check)
    assert "🔴 密级标志" in comment and "（第 8 行第 4 列）" in comment
    assert "🟡 手机号码" in comment and "138******78" in comment and "13812345678" not in comment
    errors = annotations(check)
    assert any(a.startswith(f"::error file={PAGE},line=8,col=4::") and "[R-03]" in a for a in errors), errors
    # a warning is accepted by the role's label after the last push; the secrecy marking still blocks
    pr.label("提示已核实", actor="bao")
    again = check_pull(f, pr.number)
    reasons = [(r.code, r.params.get("check")) for v in again.verdicts for r in v.reasons]
    assert reasons == [("screen_block", "secrecy-marking"), ("screen_block", "internal-marking")], reasons


def test_large_attachments_are_read_through_the_blob_api_and_screened(fake):
    import io

    from PIL import Image

    repo = site(fake)
    picture = Image.effect_noise((1200, 1200), 64).convert("RGB")
    exif = Image.Exif()
    gps = {1: "N", 2: (30.0, 35.0, 0.0), 3: "E", 4: (114.0, 18.0, 0.0)}
    exif[0x8825] = gps
    out = io.BytesIO()
    picture.save(out, "PNG", exif=exif)
    data = out.getvalue()
    assert len(data) > 1024 * 1024  # the contents API leaves out files this large
    pr = repo.open_pull("ed", "photo", files={"docs/news/photo.png": data})
    pr.review("hana")
    pr.review("dong")
    pr.label("保密审查通过", actor="bao")
    check = check_pull(forge(fake), pr.number)
    reasons = [(r.code, r.params.get("check")) for v in check.verdicts for r in v.reasons]
    assert reasons == [("screen_block", "image-gps")], reasons
