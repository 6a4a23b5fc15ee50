"""``govreview archive verify``: tamper evidence for the approval archive (R-55), run as
a person runs it on a real git repository whose merges exist.

Two kinds of attack: a careless edit leaves the hash chain broken; a careful one
recomputes every hash after the change, and only the anchors kept outside the
archive branch (a tag per publish, the deployed site's head file) reveal it."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from gitsite import GitSite, article, example_history, run_govreview
from govreview.archive_jsonl import encode_archive, line_hash

ARCHIVE = "archive/approvals.jsonl"


def site_with_history(root: Path, name: str = "") -> GitSite:
    """A site whose merges exist in its history. Two sites built in the same second with the
    same content would share every commit id: ``name`` makes another repository's differ."""
    root.mkdir()
    site = GitSite(root)
    site.approve_inputs()
    for n in range(1, 4):
        site.write(f"docs/news/p{n}.md", article(f"{name}第{n}篇"))
        site.commit(f"page {n}")
        site.approve_page(f"docs/news/p{n}.md")
    site.commit("archive")  # main's tip holds everything
    return site


@pytest.fixture
def site(tmp_path: Path) -> GitSite:
    return site_with_history(tmp_path / "site")


def verify(site: GitSite, *args: str, lang: str | None = None) -> subprocess.CompletedProcess[str]:
    return run_govreview(site.root, "archive", "verify", "--archive", ARCHIVE, *args, lang=lang)


def lines(site: GitSite) -> list[bytes]:
    return (site.root / ARCHIVE).read_bytes().split(b"\n")[:-1]


def save(site: GitSite, new: list[bytes]) -> None:
    (site.root / ARCHIVE).write_bytes(b"".join(line + b"\n" for line in new))


def rechain(site: GitSite, records: list[bytes]) -> None:
    """Write ``records`` as a well-formed archive: every seq and prev recomputed, as an
    attacker who can write the archive branch would."""
    (site.root / ARCHIVE).write_bytes(encode_archive(json.loads(r) for r in records))


def anchor_tag(site: GitSite) -> str:
    """What the publish workflow does after a sync: tag the archive branch's commit as
    govreview-archive/<seq> (tags are protected against update and deletion)."""
    blob = site.git("hash-object", "-w", ARCHIVE)
    tree = subprocess.run(
        ["git", "mktree"], cwd=site.root, input=f"100644 blob {blob}\tapprovals.jsonl\n", capture_output=True, text=True, check=True
    ).stdout.strip()
    commit = site.git("commit-tree", tree, "-m", "archive: sync")
    seq = run_govreview(site.root, "archive", "head", "--archive", ARCHIVE).stdout.split()[0]
    site.git("tag", f"govreview-archive/{seq}", commit)
    return f"govreview-archive/{seq}"


def test_a_true_archive_passes_with_its_anchor(site):
    tag = anchor_tag(site)
    proc = verify(site)
    assert proc.returncode == 0, proc.stderr
    assert "5 条记录" in proc.stdout and "哈希链完整" in proc.stdout and "1 个锚点相符" in proc.stdout
    assert tag == "govreview-archive/5"  # the policy and four pull requests
    english = verify(site, lang="en")
    assert english.returncode == 0 and "the hash chain holds, 1 anchors agree" in english.stdout


def edit(records: list[bytes]) -> list[bytes]:
    changed = records[3].replace("变更 2".encode(), "变更 9".encode())
    assert changed != records[3]
    return [*records[:3], changed, *records[4:]]


def delete(records: list[bytes]) -> list[bytes]:
    return [r for i, r in enumerate(records) if i != 2]


def insert(records: list[bytes]) -> list[bytes]:
    extra = json.loads(records[3])
    extra["number"], extra["title"] = 99, "补记的拉取请求"
    return [*records[:2], json.dumps(extra, ensure_ascii=False).encode(), *records[2:]]


def reorder(records: list[bytes]) -> list[bytes]:
    return [records[0], records[1], records[3], records[2], *records[4:]]


ATTACKS = {"edited": edit, "deleted": delete, "inserted": insert, "reordered": reorder}


@pytest.mark.parametrize("attack", sorted(ATTACKS))
def test_a_careless_change_breaks_the_chain(site, attack):
    whole = lines(site)
    changed = ATTACKS[attack](whole)
    assert changed != whole
    save(site, changed)
    proc = verify(site)
    assert proc.returncode == 1, proc.stdout
    assert "approvals.jsonl:" in proc.stderr and ("哈希链断裂" in proc.stderr or "序号 seq" in proc.stderr)
    assert "不予采用" in proc.stderr


@pytest.mark.parametrize("attack", sorted(ATTACKS))
def test_a_recomputed_chain_is_caught_by_the_tag_anchor(site, attack):
    anchor_tag(site)
    whole = lines(site)
    rechain(site, ATTACKS[attack](whole)[1:])
    assert lines(site)[1:] != whole[1:]
    assert run_govreview(site.root, "archive", "head", "--archive", ARCHIVE).returncode == 0  # the chain itself holds
    proc = verify(site)
    assert proc.returncode == 1, proc.stdout
    assert "govreview-archive/5" in proc.stderr and ("被改动、删除、插入或调换过" in proc.stderr or "被删除了" in proc.stderr)
    assert "档案不可信，停止发布" in proc.stderr


def test_records_removed_from_the_end_are_caught_by_the_anchor(site):
    anchor_tag(site)
    save(site, lines(site)[:-1])  # the chain of what is left still holds
    proc = verify(site, lang="en")
    assert proc.returncode == 1
    assert "anchors record 5, but the archive ends at record 4" in proc.stderr


def test_a_force_pushed_main_is_caught(site):
    anchor_tag(site)
    archive = (site.root / ARCHIVE).read_bytes()
    site.git("reset", "-q", "--hard", "HEAD~2")  # drop the last page's merge and what followed
    site.write("docs/news/p3.md", article("第3篇（改写）"))
    site.commit("rewritten")
    (site.root / ARCHIVE).write_bytes(archive)
    proc = verify(site)
    assert proc.returncode == 1
    assert "拉取请求 #4 的合并提交" in proc.stderr and "主分支在发布之后被改写（强制推送）" in proc.stderr
    assert "#3 " not in proc.stderr  # earlier merges are still on main


def test_a_record_for_another_repository_is_caught(site, tmp_path):
    other = site_with_history(tmp_path / "other", name="另一网站")
    foreign = json.loads(lines(other)[-1])
    foreign["number"] = 7
    records = lines(site)[1:]
    rechain(site, [*records, json.dumps(foreign, ensure_ascii=False).encode()])
    proc = verify(site)
    assert proc.returncode == 1
    assert "拉取请求 #7 的合并提交" in proc.stderr and "不在本仓库中" in proc.stderr
    assert "approvals.jsonl:7:" in proc.stderr


def test_a_record_vouching_for_other_content_is_caught(site):
    records = [json.loads(r) for r in lines(site)[1:]]
    records[2]["files"][0]["blob"] = "0" * 40
    rechain(site, [json.dumps(r, ensure_ascii=False).encode() for r in records])
    proc = verify(site, lang="en")
    assert proc.returncode == 1
    assert "pull request #2 records docs/news/p1.md as 0000000000000000000000000000000000000000" in proc.stderr


def test_a_site_anchor_is_checked_and_an_unreadable_one_fails_closed(site, tmp_path):
    head = run_govreview(site.root, "archive", "head", "--archive", ARCHIVE).stdout.split()
    anchor = tmp_path / "govreview-archive.json"
    anchor.write_text(json.dumps({"format": "govreview-archive-head", "version": 1, "seq": int(head[0]), "hash": head[1]}))
    assert verify(site, "--site-anchor", str(anchor)).returncode == 0
    anchor.write_text(json.dumps({"format": "govreview-archive-head", "version": 1, "seq": 2, "hash": line_hash(b"x")}))
    proc = verify(site, "--site-anchor", str(anchor))
    assert proc.returncode == 1 and "第 2 条记录的哈希与" in proc.stderr
    anchor.write_text("{}")
    proc = verify(site, "--site-anchor", str(anchor))
    assert proc.returncode == 1 and "无法读取链头锚点" in proc.stderr


def test_a_shallow_clone_fails_closed(site, tmp_path):
    shallow = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{site.root}", str(shallow)], check=True)
    proc = run_govreview(shallow, "archive", "verify", "--archive", ARCHIVE)
    assert proc.returncode == 1
    assert "不在本仓库中" in proc.stderr or "无法读取网站的 git 仓库" in proc.stderr


WITHHELD = {
    "news/2026-03-12-jingbao-shiming-zhunbei.md",
    "notices/2026-11-10-shenpi-banli-didian-tiaozheng.md",
    "replies/2026-08-14-renfang-churukou-duzhan.md",
}


def test_the_example_history_builds_and_its_archive_verifies_against_the_deployed_head(tmp_path):
    repo = example_history(tmp_path / "example")
    merges = subprocess.run(["git", "rev-list", "--merges", "main"], cwd=repo, capture_output=True, text=True, check=True)
    assert len(merges.stdout.split()) == 31  # one real merge per pull request of the example
    built = run_govreview(repo, "build", "--quiet-generator")
    assert built.returncode == 0, built.stderr + built.stdout
    report = json.loads((repo / ".govreview" / "report.json").read_text(encoding="utf-8"))
    assert {f["path"] for f in report["files"] if not f["approved"]} == WITHHELD

    deployed = repo / "site" / "govreview-archive.json"
    head = json.loads(deployed.read_text(encoding="utf-8"))
    assert set(head) == {"format", "version", "seq", "hash"} and head["seq"] == 32  # nothing private
    proc = run_govreview(repo, "archive", "verify", "--archive", ARCHIVE, "--site-anchor", str(deployed))
    assert proc.returncode == 0, proc.stderr
    assert "32 条记录" in proc.stdout and "1 个锚点相符" in proc.stdout

    # Someone rewrites the archive after the deploy, chain recomputed: the deployed head disagrees.
    records = (repo / ARCHIVE).read_bytes().split(b"\n")[1:-1]
    pulls = [json.loads(r) for r in records]
    pulls[5]["reviews"] = pulls[5]["reviews"][:1]
    (repo / ARCHIVE).write_bytes(encode_archive(pulls))
    proc = run_govreview(repo, "archive", "verify", "--archive", ARCHIVE, "--site-anchor", str(deployed), lang="en")
    assert proc.returncode == 1
    assert "record 32 no longer hashes to what" in proc.stderr and "govreview-archive.json" in proc.stderr
