"""Judging a commit's files on two processors (``govreview.snapshot.twocore``): the second
half judged in a forked child gives exactly what one process gives — verdicts, what was
read, the bytes, the order of ``review.verdicts``, the findings cache — and the snapshot
written from it is byte for byte the same. A child that fails or dies changes nothing: its
half is judged again here."""

from __future__ import annotations

import json
import os
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest
from gitsite import GitSite, article
from govreview.snapshot import judge as judge_module
from govreview.snapshot import twocore
from govreview.snapshot.judge import Judgement, judge_source
from govreview.snapshot.sources import CommitSource
from govreview.snapshot.stage import write_snapshot

NOW = datetime(2026, 12, 4, 4, 0, tzinfo=UTC)


def site(tmp_path: Path) -> GitSite:
    """Pages of every sort the gate tells apart: approved, approved with a screening block
    (withheld), with a warning, changed after approval, never approved, an attachment, a
    link, a page whose front matter cannot be read, and build inputs."""
    (tmp_path / "repo").mkdir()
    s = GitSite(tmp_path / "repo")
    (s.root / ".git" / "info" / "exclude").write_text("/site/\n/.govreview/\n/archive/\n", encoding="utf-8")
    pages = {f"docs/news/p{i:02d}.md": article(f"第{i}号通知", f"正文{i}。") for i in range(12)}
    pages["docs/news/secret.md"] = article("含标志", "机密★1年 不应发布。")
    pages["docs/news/phone.md"] = article("含电话", "咨询电话 13812345678。")
    pages["docs/news/later.md"] = article("后改", "原文。")
    pages["docs/news/broken.md"] = "---\ntitle: [未闭合\n---\n正文。\n"
    for rel, text in pages.items():
        s.write(rel, text)
    s.write("docs/news/table.csv", "序号,事项\n1,开放日\n")
    s.commit("pages")
    s.approve_inputs()
    s.approve_page("docs/index.md")
    s.approve_page("docs/news/table.csv")
    for rel in pages:
        s.approve_page(rel)
    s.write("docs/news/later.md", article("后改", "审批后改过。"))
    s.write("docs/news/new.md", article("未审批", "从未审批。"))
    os.symlink("p01.md", s.root / "docs/news/link.md")
    s.commit("after approval")
    return s


def judged(root: Path, monkeypatch: pytest.MonkeyPatch, split: bool, log: Path | None = None) -> Judgement:
    """Judge HEAD in this process (``split``: the second half in a forked child, whatever the
    number of files); ``log`` gets one line per file judged: the judging process and the path."""
    monkeypatch.setattr(twocore, "SPLIT_AT", 1 if split else 10**9)
    if log is not None:
        real = judge_module._judge_entry

        def logged(source, review, entry, *rest):  # type: ignore[no-untyped-def]
            fd = os.open(log, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
            try:
                os.write(fd, f"{os.getpid()} {entry.path}\n".encode())
            finally:
                os.close(fd)
            return real(source, review, entry, *rest)

        monkeypatch.setattr(judge_module, "_judge_entry", logged)
    source = CommitSource(root, "HEAD")
    try:
        judgement = judge_source(source, two_processes=True)
    finally:
        source.close()
    monkeypatch.undo()
    return judgement


def shape(j: Judgement) -> list[tuple[object, ...]]:
    return [(f.entry, f.rel, f.kind, f.in_docs, f.verdict, f.read, f.data) for f in j.files]


def cache_entries(root: Path) -> dict[str, object]:
    entries: dict[str, object] = {}
    for pack in sorted((root / ".govreview" / "cache" / "findings").glob("*.json")):
        entries.update(json.loads(pack.read_bytes())["entries"])
    return entries


def test_the_child_judges_half_and_the_verdicts_are_those_of_one_process(tmp_path, monkeypatch):
    s = site(tmp_path)
    log = tmp_path / "judged.log"
    two = judged(s.root, monkeypatch, split=True, log=log)
    two.review.cache.flush()
    cached_two = cache_entries(s.root)
    shutil.rmtree(s.root / ".govreview")
    one = judged(s.root, monkeypatch, split=False)
    one.review.cache.flush()

    by_pid: dict[str, list[str]] = {}
    for line in log.read_text(encoding="utf-8").splitlines():
        pid, path = line.split(" ", 1)
        by_pid.setdefault(pid, []).append(path)
    assert str(os.getpid()) in by_pid and len(by_pid) == 2
    child = next(paths for pid, paths in by_pid.items() if pid != str(os.getpid()))
    assert child and len(child) < len(two.files), "the child judged a part, this process the rest"
    assert sorted(p for paths in by_pid.values() for p in paths) == sorted(f.entry.path for f in two.files), "each file judged once"

    assert shape(two) == shape(one)
    assert list(two.review.verdicts.items()) == list(one.review.verdicts.items())
    verdicts = {f.entry.path: f.verdict for f in two.files}
    assert verdicts["docs/news/p00.md"].approved and not verdicts["docs/news/secret.md"].approved
    assert {r.code for r in verdicts["docs/news/later.md"].reasons} == {"changed_after_merge"}
    assert not verdicts["docs/news/link.md"].approved and not verdicts["docs/news/new.md"].approved
    assert any(r.code.startswith("front_matter") for r in verdicts["docs/news/broken.md"].reasons)
    # what the child screened is in the cache as if one process had screened it
    assert cached_two and cached_two == cache_entries(s.root)


def test_the_snapshot_from_two_processes_is_byte_for_byte_the_same(tmp_path, monkeypatch):
    s = site(tmp_path)
    trees = []
    for split in (True, False):
        dest = tmp_path / f"snap-{split}"
        write_snapshot(judged(s.root, monkeypatch, split=split), dest, NOW)
        trees.append({p.relative_to(dest).as_posix(): p.read_bytes() for p in sorted(dest.rglob("*")) if p.is_file()})
    assert trees[0] == trees[1] and "docs/news/p11.md" in trees[0] and "docs/news/secret.md" not in trees[0]


@pytest.mark.parametrize("how", ["raises", "killed"])
def test_a_child_that_fails_or_dies_is_judged_again_here(tmp_path, monkeypatch, how):
    s = site(tmp_path)
    one = judged(s.root, monkeypatch, split=False)
    log = tmp_path / "judged.log"

    def broken(read):  # type: ignore[no-untyped-def]
        if how == "killed":
            os.kill(os.getpid(), 9)
        raise RuntimeError("the child fails while handing its results back")

    monkeypatch.setattr(twocore, "_read_of", broken)
    two = judged(s.root, monkeypatch, split=True, log=log)
    lines = log.read_text(encoding="utf-8").splitlines()
    mine = [line.split(" ", 1)[1] for line in lines if line.split(" ", 1)[0] == str(os.getpid())]
    assert len(lines) > len(mine) == len(two.files), "the child's half was judged again here"
    assert shape(two) == shape(one)
    assert list(two.review.verdicts.items()) == list(one.review.verdicts.items())


def test_the_damaged_cache_entries_a_child_meets_are_replaced_as_one_process_would(tmp_path, monkeypatch):
    s = site(tmp_path)
    judged(s.root, monkeypatch, split=False).review.cache.flush()
    packs = s.root / ".govreview" / "cache" / "findings"
    for pack in packs.glob("*.json"):
        data = json.loads(pack.read_bytes())
        data["entries"] = {k: (v if isinstance(v, dict) else "damaged") for k, v in data["entries"].items()}
        pack.write_text(json.dumps(data), encoding="utf-8")
    damaged = tmp_path / "damaged"
    shutil.copytree(s.root / ".govreview", damaged)
    assert "damaged" in cache_entries(s.root).values()

    two = judged(s.root, monkeypatch, split=True)
    two.review.cache.flush()
    after_two = cache_entries(s.root)
    shutil.rmtree(s.root / ".govreview")
    shutil.copytree(damaged, s.root / ".govreview")
    one = judged(s.root, monkeypatch, split=False)
    one.review.cache.flush()
    assert "damaged" not in after_two.values() and after_two == cache_entries(s.root)
    assert shape(two) == shape(one)


def test_few_files_are_judged_in_one_process(tmp_path, monkeypatch):
    s = site(tmp_path)
    log = tmp_path / "judged.log"
    monkeypatch.setattr(twocore, "SPLIT_AT", 10**9)
    real = judge_module._judge_entry
    monkeypatch.setattr(judge_module, "_judge_entry", lambda *a: (log.open("a").write(f"{os.getpid()}\n"), real(*a))[1])
    source = CommitSource(s.root, "HEAD")
    judge_source(source, two_processes=True)
    source.close()
    assert set(log.read_text().split()) == {str(os.getpid())}
