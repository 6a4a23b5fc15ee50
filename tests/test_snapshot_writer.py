"""The snapshot's files are created by a second process (govreview.snapshot.filewriter):
the same files, bytes and modes as creating them in the judging process, never through a
link, and a child that fails, dies or reports anything but what it was sent fails the
staging, which then leaves nothing behind."""

from __future__ import annotations

import errno
import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from gitsite import GitSite, article
from govreview.snapshot import filewriter
from govreview.snapshot.filewriter import FileWriter

FILES = [
    ("mkdocs.yml", b"site_name: x\n"),
    ("docs/index.md", "# 首页\n".encode()),
    ("docs/news/2026/a.md", "---\ntitle: 甲\n---\n正文。\n".encode()),
    ("docs/news/empty.txt", b""),
    ("docs/files/big.pdf", bytes(range(256)) * (12 << 10)),  # 3 MiB: more than the pipe holds
    ("docs/news/index.md", "# 工作动态\n".encode()),
    ("docs/news/index.md", "# 工作动态\n\n- 列表\n".encode()),  # written again (a listing added): replaced whole
]


def tree(root: Path) -> dict[str, tuple[bytes, int]]:
    return {
        p.relative_to(root).as_posix(): (p.read_bytes(), stat.S_IMODE(p.stat().st_mode)) for p in sorted(root.rglob("*")) if p.is_file()
    }


def write_all(root: Path, child: bool) -> FileWriter:
    root.mkdir()
    w = FileWriter(str(root), child=child)
    for rel, data in FILES:
        w.write(rel, data)
    w.close()
    return w


def test_the_child_creates_exactly_what_this_process_would(tmp_path):
    there = write_all(tmp_path / "child", child=True)
    here = write_all(tmp_path / "here", child=False)
    assert there.count == here.count == len(FILES) and there.total == here.total
    got = tree(tmp_path / "child")
    assert got == tree(tmp_path / "here")
    assert got["docs/news/index.md"][0] == FILES[-1][1] and got["docs/files/big.pdf"][0] == FILES[4][1]
    assert set(there.written) == {"mkdocs.yml", "docs/index.md", "docs/news/index.md"}


def test_the_child_is_used_when_python_can_be_started(tmp_path):
    w = FileWriter(str(tmp_path), child=True)
    assert w.in_child
    w.close()


def test_without_a_python_to_start_the_files_are_created_here(tmp_path, monkeypatch):
    monkeypatch.setattr(sys, "executable", "")
    (tmp_path / "x").mkdir()
    w = FileWriter(str(tmp_path / "x"))
    assert not w.in_child
    w.write("docs/a.md", b"a\n")
    w.close()
    assert (tmp_path / "x" / "docs" / "a.md").read_bytes() == b"a\n"


@pytest.mark.parametrize("child", [True, False])
def test_a_link_where_a_file_goes_is_never_followed(tmp_path, child):
    outside = tmp_path / "outside.txt"
    outside.write_bytes(b"unchanged\n")
    root = tmp_path / "snap"
    root.mkdir()
    (root / "a.md").symlink_to(outside)
    w = FileWriter(str(root), child=child)
    with pytest.raises(OSError) as err:
        w.write("a.md", b"written through a link\n")
        w.close()
    assert err.value.errno == errno.ELOOP and err.value.filename.endswith("a.md")
    assert outside.read_bytes() == b"unchanged\n"


@pytest.mark.parametrize(
    "program",
    [
        "import sys\nsys.stdin.buffer.read()\nsys.stdout.write('ok 0 0\\n')\n",  # says it wrote nothing
        "import sys\nsys.stdin.buffer.read()\nsys.stdout.write('ok 7 1\\n')\n",  # the right count, the wrong bytes
        "import sys\nsys.stdin.buffer.read()\n",  # says nothing
        "import sys\nsys.exit(0)\n",  # reads nothing and goes away
        "import os\nos.kill(os.getpid(), 9)\n",  # killed
    ],
)
def test_a_child_that_does_not_report_every_file_and_byte_fails_the_writer(tmp_path, monkeypatch, program):
    monkeypatch.setattr(filewriter, "CHILD", program)
    with pytest.raises(OSError):
        write_all(tmp_path / "snap", child=True)


def test_a_child_that_cannot_create_a_file_says_which_and_why(tmp_path):
    root = tmp_path / "snap"
    root.mkdir()
    w = FileWriter(str(root))
    w.write("docs/a", b"a file\n")
    w.write("docs/a/b.md", b"under a file\n")
    with pytest.raises(OSError) as err:
        w.close()
    assert err.value.errno in (errno.EEXIST, errno.ENOTDIR) and "docs/a" in str(err.value.filename)


def test_aborting_stops_the_child(tmp_path):
    root = tmp_path / "snap"
    root.mkdir()
    w = FileWriter(str(root))
    w.write("docs/a.md", b"a\n")
    w.abort()
    assert not w.in_child
    w.close()  # nothing left to wait for


def test_a_failed_write_stops_stage_with_a_message_and_leaves_nothing(tmp_path):
    (tmp_path / "repo").mkdir()
    s = GitSite(tmp_path / "repo")
    (s.root / ".git" / "info" / "exclude").write_text("/site/\n/.govreview/\n/archive/\n", encoding="utf-8")
    s.write("docs/news/a.md", article("甲文", "正文甲。"))
    s.commit("pages")
    s.approve_inputs()
    s.approve_page("docs/index.md")
    s.approve_page("docs/news/a.md")
    out = tmp_path / "out"
    out.mkdir()
    # A child that refuses every file (run through sitecustomize-free -I -S like the real one).
    failing = tmp_path / "fail.py"
    failing.write_text(
        "import sys\nsys.stdin.buffer.read()\nsys.stdout.write('error 28 docs/news/a.md\\n')\nsys.exit(1)\n", encoding="utf-8"
    )
    code = (
        "import runpy, sys\n"
        "from govreview.snapshot import filewriter\n"
        f"filewriter.CHILD = open({str(failing)!r}, encoding='utf-8').read()\n"
        "sys.argv = ['govreview', 'stage', sys.argv[1]]\n"
        "runpy.run_module('govreview.cli', run_name='__main__')\n"
    )
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "GOVREVIEW_LANG": "en"}
    proc = subprocess.run([sys.executable, "-c", code, str(out / "snap")], cwd=s.root, capture_output=True, text=True, env=env)
    assert proc.returncode == 2, proc.stderr
    assert "could not all be written" in proc.stderr and "docs/news/a.md" in proc.stderr and "Traceback" not in proc.stderr
    assert list(out.iterdir()) == [], "neither the snapshot nor its unfinished folder is left"
    good = subprocess.run(
        [sys.executable, "-m", "govreview.cli", "stage", str(out / "snap")], cwd=s.root, capture_output=True, text=True, env=env
    )
    assert good.returncode == 0, good.stderr
    assert (out / "snap" / "docs" / "news" / "a.md").read_text(encoding="utf-8").startswith("---")


def test_a_stage_process_that_ends_quickly_still_leaves_its_findings_on_disk(tmp_path):
    """The CLI ends stage/build/check without tearing down its heap: the findings cache is
    still flushed (when the judgement is dropped, else by the exit handlers run first), and
    what the command printed is all there."""
    (tmp_path / "repo").mkdir()
    s = GitSite(tmp_path / "repo")
    (s.root / ".git" / "info" / "exclude").write_text("/site/\n/.govreview/\n/archive/\n", encoding="utf-8")
    s.write("docs/news/a.md", article("甲文", "正文甲。"))
    s.commit("pages")
    s.approve_inputs()
    s.approve_page("docs/index.md")
    s.approve_page("docs/news/a.md")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "GOVREVIEW_LANG": "en"}
    packs = s.root / ".govreview" / "cache" / "findings"
    assert not packs.exists()
    first = subprocess.run(
        [sys.executable, "-m", "govreview.cli", "stage", str(tmp_path / "one")], cwd=s.root, capture_output=True, text=True, env=env
    )
    assert first.returncode == 0, first.stderr
    assert first.stdout.rstrip().endswith(")"), "the last line (the snapshot written) is printed whole"
    written = sorted(packs.glob("*.json"))
    entries = {k for p in written for k in json.loads(p.read_bytes())["entries"]}
    assert entries, "the findings screened by the run were flushed before the process ended"
    second = subprocess.run(
        [sys.executable, "-m", "govreview.cli", "stage", str(tmp_path / "two")], cwd=s.root, capture_output=True, text=True, env=env
    )
    assert second.returncode == 0 and second.stdout == first.stdout.replace(str(tmp_path / "one"), str(tmp_path / "two"))
    assert sorted(packs.glob("*.json")) == written, "everything was found in the cache: nothing screened again"
