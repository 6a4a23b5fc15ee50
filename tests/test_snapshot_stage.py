"""``govreview stage`` on real git repositories: what the snapshot holds, where it may
be written, Git LFS objects, the manifest, and the plugin's check against it."""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from gitsite import MKDOCS, GitSite, article
from govreview.gittree import BlobReader, lfs_pointer
from govreview.snapshot.manifest import FOLDER, Manifest

DATA = "序号,事项,地点\n1,人防工程开放日,市民广场\n".encode()  # an approved attachment kept in Git LFS


def cli(cwd: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    full = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    full.pop("GOVREVIEW_LANG", None)
    return subprocess.run([sys.executable, "-m", "govreview.cli", *args], cwd=cwd, capture_output=True, text=True, env=full)


def site(tmp_path: Path) -> GitSite:
    (tmp_path / "repo").mkdir()
    s = GitSite(tmp_path / "repo")
    (s.root / ".git" / "info" / "exclude").write_text("/site/\n/.govreview/\n/archive/\n", encoding="utf-8")
    s.write("docs/news/a.md", article("甲文", "正文甲。"))
    s.commit("pages")
    s.approve_inputs()
    s.approve_page("docs/index.md")
    s.approve_page("docs/news/a.md")
    return s


def lfs_pointer_text(data: bytes) -> bytes:
    oid = hashlib.sha256(data).hexdigest()
    return f"version https://git-lfs.github.com/spec/v1\noid sha256:{oid}\nsize {len(data)}\n".encode()


def put_lfs_object(s: GitSite, data: bytes) -> Path:
    oid = hashlib.sha256(data).hexdigest()
    path = s.root / ".git" / "lfs" / "objects" / oid[:2] / oid[2:4] / oid
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def test_the_snapshot_holds_approved_files_generated_files_and_evidence_only(tmp_path):
    s = site(tmp_path)
    s.write("docs/news/b.md", article("乙文（未审批）"))
    s.write("notes.txt", "构建不读取、但未列入 not_read 的文件\n")
    s.commit("more")
    proc = cli(s.root, "stage", str(tmp_path / "snap"))
    assert proc.returncode == 1, "an unapproved build input (notes.txt) stops everything"
    assert "notes.txt" in proc.stderr and not (tmp_path / "snap").exists()

    s.git("rm", "-q", "notes.txt")
    s.commit("no notes")
    s.write("untracked.md", "从未提交\n")
    proc = cli(s.root, "stage", str(tmp_path / "snap"))
    assert proc.returncode == 0, proc.stderr
    snap = tmp_path / "snap"
    files = sorted(p.relative_to(snap).as_posix() for p in snap.rglob("*") if p.is_file())
    assert "docs/news/b.md" not in files and "untracked.md" not in files and "archive/approvals.jsonl" not in files
    assert {"mkdocs.yml", "policies/site.yml", "docs/index.md", "docs/news/a.md", "docs/news/index.md"} <= set(files)
    manifest = Manifest.read(snap / FOLDER / "manifest.json")
    assert set(manifest.files) == {f for f in files if not f.startswith(FOLDER + "/")}
    for path, item in manifest.files.items():
        assert hashlib.sha256((snap / path).read_bytes()).hexdigest() == item.sha256
    assert manifest.files["docs/news/a.md"].blob == s.blob("docs/news/a.md")
    assert manifest.files["docs/news/a.md"].generated == "disclosure"
    assert manifest.files["docs/news/index.md"].generated == "column_index"
    assert manifest.files["mkdocs.yml"].blob == s.blob("mkdocs.yml") and manifest.files["mkdocs.yml"].generated == "nav"
    staged_config = (snap / "mkdocs.yml").read_text(encoding="utf-8")
    assert staged_config.startswith((s.root / "mkdocs.yml").read_text(encoding="utf-8").rstrip("\n"))
    assert 'nav:\n  - "首页": "index.md"\n  - "工作动态": "news/index.md"\n' in staged_config
    assert (snap / FOLDER / "approvals.jsonl").read_bytes() == (s.root / "archive" / "approvals.jsonl").read_bytes()
    assert "docs/news/b.md" in proc.stdout, "what was withheld is said"


def test_the_snapshot_is_never_written_inside_a_work_tree(tmp_path):
    s = site(tmp_path)
    for dest in (s.root / "snap", s.root / "docs" / "x"):
        proc = cli(s.root, "stage", str(dest))
        assert proc.returncode == 2 and "git" in proc.stderr and not dest.exists()
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "keep.txt").write_text("x", encoding="utf-8")
    proc = cli(s.root, "stage", str(tmp_path / "full"))
    assert proc.returncode == 2 and (tmp_path / "full" / "keep.txt").is_file()


def test_an_lfs_object_is_published_only_when_it_matches_the_approved_pointer(tmp_path):
    s = site(tmp_path)
    s.write("docs/news/a.csv", lfs_pointer_text(DATA))
    s.write("docs/news/a.md", article("甲文", "正文甲。[附件](a.csv)"))
    s.commit("attachment")
    s.approve_page("docs/news/a.md", "docs/news/a.csv")
    obj = put_lfs_object(s, DATA)
    proc = cli(s.root, "stage", str(tmp_path / "ok"))
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "ok" / "docs/news/a.csv").read_bytes() == DATA  # the object, not the pointer

    obj.write_bytes(DATA.replace("市民广场".encode(), "市政广场".encode()))  # same size, other bytes
    proc = cli(s.root, "stage", str(tmp_path / "tampered"))
    assert proc.returncode == 0, proc.stderr
    assert not (tmp_path / "tampered" / "docs/news/a.csv").exists()
    assert "docs/news/a.csv" in proc.stdout and "sha256" in proc.stdout

    obj.unlink()
    proc = cli(s.root, "stage", str(tmp_path / "missing"))
    assert not (tmp_path / "missing" / "docs/news/a.csv").exists()
    assert "lfs: true" in proc.stdout


def test_lfs_pointers_are_recognised_only_in_their_exact_form():
    text = lfs_pointer_text(DATA)
    pointer = lfs_pointer(text)
    assert pointer is not None and pointer.size == len(DATA) and pointer.oid == hashlib.sha256(DATA).hexdigest()
    assert lfs_pointer(b"version https://git-lfs.github.com/spec/v1\noid sha256:abc\nsize 3\n") is None
    assert lfs_pointer(b"# version https://git-lfs.github.com/spec/v1\n") is None
    assert lfs_pointer(text + b"x" * 2000) is None


def test_batched_blob_reads_return_every_blob(tmp_path):
    s = site(tmp_path)
    for i in range(300):
        s.write(f"docs/news/p{i}.md", article(f"第{i}篇", "字" * (i * 37 % 5000)))
    s.commit("many")
    oids = {s.blob(f"docs/news/p{i}.md"): f"docs/news/p{i}.md" for i in range(300)}
    with BlobReader(s.root) as reader:
        got = reader.read_many(oids)
    assert {oid: (s.root / path).read_bytes() for oid, path in oids.items()} == got


def _snapshot_build(snap: Path, out: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "GOVREVIEW_SNAPSHOT": str(snap / FOLDER / "manifest.json")}
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "-d", str(out)], cwd=snap, capture_output=True, text=True, env=env)


@pytest.mark.parametrize("change", ["edited page", "extra page", "edited input"])
def test_a_file_changed_inside_the_snapshot_stops_the_build(tmp_path, change):
    s = site(tmp_path)
    assert cli(s.root, "stage", str(tmp_path / "snap")).returncode == 0
    snap = tmp_path / "snap"
    assert _snapshot_build(snap, tmp_path / "ok").returncode == 0
    target = {"edited page": "docs/news/a.md", "extra page": "docs/news/extra.md", "edited input": "policies/site.yml"}[change]
    path = snap / target
    before = path.read_text(encoding="utf-8") if path.exists() else article("清单之外")
    path.write_text(before + "\n# 快照写出后被改动的文字\n", encoding="utf-8")
    proc = _snapshot_build(snap, tmp_path / "out")
    assert proc.returncode != 0
    assert target.removeprefix("docs/") in proc.stderr


def test_a_manifest_of_another_folder_is_refused(tmp_path):
    s = site(tmp_path)
    assert cli(s.root, "stage", str(tmp_path / "snap")).returncode == 0
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "GOVREVIEW_SNAPSHOT": str(tmp_path / "snap" / FOLDER / "manifest.json")}
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build"], cwd=s.root, capture_output=True, text=True, env=env)
    assert proc.returncode != 0 and "不属于这个站点" in proc.stderr


def test_check_lists_each_build_input_once(tmp_path):
    s = site(tmp_path)
    s.write("snippets/contact.md", "电话\n")
    s.write("mkdocs.yml", MKDOCS + "markdown_extensions:\n  - pymdownx.snippets:\n      base_path: [snippets, snippets/]\n")
    s.commit("snippets")
    proc = cli(s.root, "check", "--inputs", "--json")
    paths = [f["path"] for f in json.loads(proc.stdout)["files"]]
    assert sorted(paths) == sorted(set(paths)) == ["mkdocs.yml", "policies/site.yml", "snippets/contact.md"]
    assert proc.returncode == 1


@pytest.mark.parametrize("generator", ["mkdocs", "zensical"])
def test_the_generated_column_index_and_disclosure_need_no_plugin(tmp_path, generator):
    """Zensical ignores the plugin: what the site shows beside approved pages is in the snapshot's files."""
    s = site(tmp_path)
    proc = cli(s.root, "build", "--generator", generator)
    assert proc.returncode == 0, proc.stderr
    index = (s.root / "site" / "news" / "index.html").read_text(encoding="utf-8")
    assert "甲文" in index and "govreview-date" in index
    page = (s.root / "site" / "news" / "a" / "index.html").read_text(encoding="utf-8")
    assert "govreview-disclosure" in page and "发布机构" in page
    # the column's name from the policy in the navigation, not the folder's ("News")
    home = (s.root / "site" / "index.html").read_text(encoding="utf-8")
    assert re.search(r">\s*工作动态\s*<", home) and not re.search(r">\s*News\s*<", home)
    assert page.index("甲文") < page.index("govreview-disclosure") < page.index("正文甲")


def test_a_blob_git_does_not_have_stops_the_batch(tmp_path):
    from govreview.gittree import BlobBatch, GitError

    s = site(tmp_path)
    present = s.blob("docs/news/a.md")
    assert BlobBatch(s.root, [present]).collect() == {present: (s.root / "docs/news/a.md").read_bytes()}
    with pytest.raises(GitError):
        BlobBatch(s.root, [present, "0" * 40]).collect()


def test_the_build_stages_in_memory_when_there_is_room_else_where_tmpdir_says(tmp_path, monkeypatch):
    from govreview.snapshot import build
    from govreview.snapshot.judge import judge_source
    from govreview.snapshot.sources import CommitSource

    s = site(tmp_path)
    source = CommitSource(s.root)
    try:
        judgement = judge_source(source)
    finally:
        source.close()
    memory = tmp_path / "memory"
    memory.mkdir()
    monkeypatch.setattr(build, "MEMORY", str(memory))
    monkeypatch.delenv("TMPDIR", raising=False)
    assert build.scratch_folder(judgement) == str(memory)
    with build._scratch(judgement) as scratch:
        assert Path(scratch).parent == memory
    monkeypatch.setattr(build, "_MEMORY_SPARE", 1 << 62)  # no room: the usual temporary folder
    assert build.scratch_folder(judgement) is None
    monkeypatch.setattr(build, "_MEMORY_SPARE", 0)
    monkeypatch.setenv("TMPDIR", str(tmp_path))  # the person running the build chose the place
    assert build.scratch_folder(judgement) is None
    monkeypatch.setattr(build, "MEMORY", str(tmp_path / "none"))
    monkeypatch.delenv("TMPDIR")
    assert build.scratch_folder(judgement) is None
