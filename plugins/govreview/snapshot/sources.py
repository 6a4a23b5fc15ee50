"""Where the files to judge come from: a commit (git objects, for stage and build)
or the work tree (what a commit would hold now, for ``govreview check``)."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Protocol

from ..gittree import FILE_MODES, SYMLINK, BlobBatch, BlobReader, GitError, TreeEntry, list_tree, resolve, working_files


class Source(Protocol):
    root: Path
    commit: str | None  # None: the work tree
    untracked: frozenset[str] | set[str]  # work tree files git does not track yet

    def entries(self) -> list[TreeEntry]: ...

    def read(self, entry: TreeEntry) -> bytes: ...

    def text(self, path: str) -> str | None: ...

    def prefetch(self, entries: list[TreeEntry]) -> None: ...

    def close(self) -> None: ...


class CommitSource:
    """The files of one commit, read by blob id from the object database."""

    untracked: frozenset[str] = frozenset()

    def __init__(self, root: Path, rev: str = "HEAD") -> None:
        self.root = root
        self.commit: str | None = resolve(root, rev)
        self._entries = list_tree(root, self.commit)
        self._by_path = {e.path: e for e in self._entries}
        self._reader = BlobReader(root)
        self._fetched: dict[str, bytes] = {}
        self._batches: list[BlobBatch] = []  # started, not collected yet
        self._pending: set[str] = set()  # blob ids they will bring

    def entries(self) -> list[TreeEntry]:
        return self._entries

    def prefetch(self, entries: list[TreeEntry]) -> None:
        """Start reading these blobs in one batch, in the background (each is then handed
        out once by ``read``, which waits for the batch when it needs one of them)."""
        oids = [e.blob for e in entries if e.mode in FILE_MODES and e.blob not in self._pending and e.blob not in self._fetched]
        if oids:
            self._batches.append(BlobBatch(self.root, oids))
            self._pending.update(oids)

    def read(self, entry: TreeEntry) -> bytes:
        if entry.blob in self._pending:
            for batch in self._batches:
                self._fetched.update(batch.collect())
            self._batches, self._pending = [], set()
        data = self._fetched.pop(entry.blob, None)
        return data if data is not None else self._reader.read(entry.blob)

    def text(self, path: str) -> str | None:
        entry = self._by_path.get(path)
        if entry is None or entry.mode not in FILE_MODES:
            return None
        return self.read(entry).decode("utf-8-sig", "replace")

    def close(self) -> None:
        for batch in self._batches:
            batch.close()
        self._batches, self._pending = [], set()
        self._reader.close()


class WorkTreeSource:
    """The files a commit made now would hold: tracked and untracked-but-not-ignored,
    with the bytes on disk. Symbolic links keep their link mode (never approved)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.commit: str | None = None
        entries = []
        paths, self.untracked = working_files(root)
        for path in paths:
            try:
                st = os.lstat(root / path)
            except OSError:
                continue  # deleted in the work tree
            if stat.S_ISLNK(st.st_mode):
                mode = SYMLINK
            elif stat.S_ISREG(st.st_mode):
                mode = "100755" if st.st_mode & 0o111 else "100644"
            else:
                continue
            entries.append(TreeEntry(path, mode, "", st.st_size))
        self._entries = entries

    def entries(self) -> list[TreeEntry]:
        return self._entries

    def prefetch(self, entries: list[TreeEntry]) -> None:
        pass

    def read(self, entry: TreeEntry) -> bytes:
        return (self.root / entry.path).read_bytes()

    def text(self, path: str) -> str | None:
        full = self.root / path
        if full.is_symlink() or not full.is_file():
            return None
        return full.read_bytes().decode("utf-8-sig", "replace")

    def close(self) -> None:
        pass


__all__ = ["CommitSource", "GitError", "Source", "WorkTreeSource"]
