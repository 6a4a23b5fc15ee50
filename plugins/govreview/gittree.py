"""Reading a commit's files from the git object database, never from a work tree.

The approved snapshot is written from here: each file's bytes come from its blob
id, so nothing in the work tree (an uncommitted edit, an untracked file, a
``.gitattributes`` smudge filter, a symbolic link) can reach the published site.
Git runs without hooks, filters or pagers; reading a blob never executes anything.
"""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from . import messages
from .messages import msg

#: Tree entry modes: a regular file, an executable file, a symbolic link, a submodule.
FILE_MODES = frozenset({"100644", "100755"})
SYMLINK = "120000"
SUBMODULE = "160000"

_LFS_POINTER = re.compile(rb"\Aversion https://git-lfs\.github\.com/spec/v1\n(?:.*\n)*?oid sha256:([0-9a-f]{64})\nsize (\d+)\n", re.M)
#: Git LFS pointer files are small text files; anything larger is ordinary content.
LFS_POINTER_MAX = 1024


class GitError(messages.Problem):
    """Git could not answer; nothing is concluded from it."""

    def __str__(self) -> str:  # callers show str(err) in the process language
        return self.text(messages.lang_of())


@dataclass(frozen=True)
class TreeEntry:
    path: str  # repository-relative, with forward slashes
    mode: str
    blob: str  # object id (a commit id for a submodule)
    size: int  # -1 for a submodule

    @property
    def is_file(self) -> bool:
        return self.mode in FILE_MODES


def _env() -> dict[str, str]:
    """Git with no user or system configuration that could run programs, and no prompts."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update({"GIT_CONFIG_NOSYSTEM": "1", "GIT_TERMINAL_PROMPT": "0", "GIT_PAGER": "cat", "LC_ALL": "C"})
    return env


def git(root: Path, *args: str, data: bytes | None = None) -> bytes:
    try:
        proc = subprocess.run(["git", "-C", str(root), *args], input=data, capture_output=True, env=_env(), check=False)
    except OSError as err:
        raise GitError(msg("git_cannot_run", error=str(err))) from None
    if proc.returncode != 0:
        detail = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        said = detail[-1] if detail else proc.returncode
        raise GitError(msg("git_failed", command=" ".join(args[:2]), said=said))
    return proc.stdout


def top_level(folder: Path) -> Path | None:
    """The work tree that holds ``folder``, or None when it is in none."""
    try:
        out = git(folder, "rev-parse", "--show-toplevel")
    except GitError:
        return None
    return Path(out.decode("utf-8").strip())


def resolve(root: Path, rev: str) -> str:
    """The commit id ``rev`` names."""
    return git(root, "rev-parse", "--verify", "--end-of-options", f"{rev}^{{commit}}").decode().strip()


def list_tree(root: Path, commit: str) -> list[TreeEntry]:
    """Every entry of the commit's tree, recursively, with blob ids and sizes."""
    out = git(root, "ls-tree", "-r", "-z", "-l", "--full-tree", commit)
    entries = []
    for record in out.split(b"\0"):
        if not record:
            continue
        meta, _, name = record.partition(b"\t")
        mode, _kind, oid, size = meta.split()
        path = name.decode("utf-8", "surrogateescape")
        entries.append(TreeEntry(path, mode.decode(), oid.decode(), int(size) if size != b"-" else -1))
    return entries


def working_files(root: Path) -> tuple[list[str], set[str]]:
    """Files of the work tree: tracked ones, and the set of untracked ones not ignored."""

    def listed(*args: str) -> set[str]:
        out = git(root, "ls-files", "-z", *args)
        return {p.decode("utf-8", "surrogateescape") for p in out.split(b"\0") if p}

    tracked = listed("--cached")
    untracked = listed("--others", "--exclude-standard") - tracked
    return sorted(tracked | untracked), untracked


class BlobReader:
    """Blobs by id from one ``git cat-file --batch`` process (thousands a second)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._proc: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> BlobReader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._proc is not None:
            assert self._proc.stdin is not None
            self._proc.stdin.close()
            self._proc.wait()
            self._proc = None

    def read(self, oid: str) -> bytes:
        if self._proc is None:
            self._proc = subprocess.Popen(
                ["git", "-C", str(self.root), "cat-file", "--batch"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                env=_env(),
            )
        assert self._proc.stdin is not None and self._proc.stdout is not None
        self._proc.stdin.write(oid.encode() + b"\n")
        self._proc.stdin.flush()
        header = self._proc.stdout.readline().split()
        if len(header) != 3 or header[1] != b"blob":
            raise GitError(msg("git_no_blob", oid=oid))
        size = int(header[2])
        data = self._proc.stdout.read(size)
        self._proc.stdout.read(1)  # the newline after the object
        if len(data) != size:
            raise GitError(msg("git_blob_incomplete", oid=oid))
        return data

    def read_many(self, oids: Iterable[str]) -> dict[str, bytes]:
        """Many blobs at once (see :class:`BlobBatch`)."""
        return BlobBatch(self.root, oids).collect()


def _memory_file() -> BinaryIO:
    """An anonymous file in memory where the system has them, else a temporary file."""
    if hasattr(os, "memfd_create"):
        try:
            return open(os.memfd_create("govreview-blobs", getattr(os, "MFD_CLOEXEC", 0)), "w+b")
        except OSError:
            pass
    return tempfile.TemporaryFile()


class BlobBatch:
    """Many blobs read by one ``git cat-file --batch`` that runs on its own: the requests
    come from a file and the answers go to another (in memory), so git inflates objects on
    another processor while the caller goes on; :meth:`collect` waits and hands them out.
    The round trip per object (about a millisecond through a pipe) is never paid."""

    def __init__(self, root: Path, oids: Iterable[str]) -> None:
        self.wanted = list(dict.fromkeys(oids))
        self._proc: subprocess.Popen[bytes] | None = None
        self._out: BinaryIO | None = None
        if not self.wanted:
            return
        with _memory_file() as requests:
            requests.write("".join(f"{oid}\n" for oid in self.wanted).encode())
            requests.seek(0)
            self._out = _memory_file()
            try:
                self._proc = subprocess.Popen(
                    ["git", "-C", str(root), "cat-file", "--batch", "--buffer"], stdin=requests, stdout=self._out, env=_env()
                )
            except OSError as err:
                self._out.close()
                raise GitError(msg("git_cannot_run", error=str(err))) from None

    def collect(self) -> dict[str, bytes]:
        """Every blob asked for, by id. Raises GitError when one is missing or cut short."""
        if self._proc is None or self._out is None:
            return {}
        try:
            self._proc.wait()
            self._out.seek(0)
            raw = self._out.read()
        finally:
            self._out.close()
            self._proc, self._out = None, None
        out: dict[str, bytes] = {}
        pos = 0
        for oid in self.wanted:
            eol = raw.find(b"\n", pos)
            header = raw[pos:eol].split() if eol >= 0 else []
            if len(header) != 3 or header[1] != b"blob":
                raise GitError(msg("git_no_blob", oid=oid))
            start = eol + 1
            end = start + int(header[2])
            if end >= len(raw) or raw[end : end + 1] != b"\n":
                raise GitError(msg("git_blob_incomplete", oid=oid))
            out[oid] = raw[start:end]
            pos = end + 1
        return out

    def close(self) -> None:
        """Stop without collecting (nothing is handed out)."""
        if self._proc is not None:
            self._proc.kill()
            self._proc.wait()
        if self._out is not None:
            self._out.close()
        self._proc, self._out = None, None


@dataclass(frozen=True)
class LfsPointer:
    oid: str  # sha256 of the content
    size: int


def lfs_pointer(data: bytes) -> LfsPointer | None:
    """The Git LFS pointer ``data`` is, if it is one."""
    if len(data) > LFS_POINTER_MAX or not data.startswith(b"version https://git-lfs"):
        return None
    m = _LFS_POINTER.match(data)
    return LfsPointer(m.group(1).decode(), int(m.group(2))) if m else None


class LfsError(messages.Problem):
    def __str__(self) -> str:  # callers show str(err) in the process language
        return self.text(messages.lang_of())


def lfs_content(root: Path, pointer: LfsPointer) -> bytes:
    """The object an approved LFS pointer names, after checking its sha256 and size.

    The pointer is what reviewers approved; the content counts only when it is
    exactly the object the pointer names.
    """
    common = git(root, "rev-parse", "--git-common-dir").decode().strip()
    git_dir = Path(common) if os.path.isabs(common) else root / common
    path = git_dir / "lfs" / "objects" / pointer.oid[:2] / pointer.oid[2:4] / pointer.oid
    try:
        data = path.read_bytes()
    except OSError:
        raise LfsError(msg("git_lfs_missing", oid=pointer.oid[:12])) from None
    if len(data) != pointer.size or hashlib.sha256(data).hexdigest() != pointer.oid:
        raise LfsError(msg("git_lfs_mismatch", oid=pointer.oid[:12]))
    return data
