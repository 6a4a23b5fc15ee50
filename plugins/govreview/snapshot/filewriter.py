"""Creating the snapshot's files: in a second process, so that the kernel's work of
creating ten thousand files runs beside the judging process's own work on the other core.

The parent hands over each file as one frame on a pipe (header: the path's and the data's
lengths; then the repository path and the bytes) and goes on computing the next file; the
child (``python -I -S``: no site, no environment, nothing imported from the tree being staged)
creates the files with the same flags as before (no link followed, 0644), counts them and
their bytes, and reports both at the end. The parent requires that count and those bytes to
be exactly what it sent: a child that fails, dies or reports anything else raises
``OSError`` and the staging folder is removed — never a partial snapshot. When no child can
be started the files are created in this process, as before.
"""

from __future__ import annotations

import contextlib
import errno
import os
import struct
import subprocess
import sys

#: Frame header: the path's length, the data's length (little-endian, fixed size).
_HEADER = struct.Struct("<IQ")
#: Bytes gathered before they are handed to the child (below the pipe's capacity, so the
#: parent rarely waits for the child while it keeps up).
_CHUNK = 256 << 10
#: The pipe's capacity asked for (Linux, ``F_SETPIPE_SZ``; 1 MiB is the unprivileged maximum).
_PIPE_SIZE = 1 << 20
#: Flags of every file created: written afresh, never through a symbolic link.
FLAGS = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0)

#: The child's whole program (standard library only; run with ``-I -S``).
CHILD = r"""
import os, struct, sys
root = os.fsencode(sys.argv[1])
flags = int(sys.argv[2])
header = struct.Struct("<IQ")
src = sys.stdin.buffer
made = set()
count = total = 0
path = b""
try:
    while True:
        head = src.read(header.size)
        if not head:
            break
        if len(head) != header.size:
            raise EOFError("frame header cut short")
        n, size = header.unpack(head)
        rel = src.read(n)
        data = src.read(size)
        if len(rel) != n or len(data) != size:
            raise EOFError("frame cut short")
        path = root + b"/" + rel
        folder = path.rpartition(b"/")[0]
        if folder not in made:
            os.makedirs(folder, exist_ok=True)
            made.add(folder)
        fd = os.open(path, flags, 0o644)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
        finally:
            os.close(fd)
        count += 1
        total += size
except OSError as err:
    sys.stdout.write("error %d %s\n" % (err.errno or 0, os.fsdecode(path)))
    sys.exit(1)
except Exception as err:
    sys.stdout.write("error 0 %s: %s\n" % (type(err).__name__, err))
    sys.exit(1)
sys.stdout.write("ok %d %d\n" % (count, total))
"""


class FileWriter:
    """Creates files under ``root`` (repository paths, ``/``-separated, as git gives them).

    ``written`` keeps the bytes of column index pages and YAML files, which a listing or the
    navigation is later added to. Call :meth:`close` (raises ``OSError`` unless every file was
    created whole) or :meth:`abort` (stops the child; nothing it may still do counts)."""

    def __init__(self, root: str, child: bool = True) -> None:
        self.root = root
        self.written: dict[str, bytes] = {}
        self.count = 0
        self.total = 0
        self._made: set[str] = set()
        self._pending: list[bytes] = []
        self._size = 0
        self._proc: subprocess.Popen[bytes] | None = self._start() if child else None

    def _start(self) -> subprocess.Popen[bytes] | None:
        if not sys.executable:
            return None
        try:
            proc = subprocess.Popen(
                [sys.executable, "-I", "-S", "-c", CHILD, self.root, str(FLAGS)],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
            )
        except OSError:
            return None  # files are created here instead
        if hasattr(os, "F_SETPIPE_SZ") and proc.stdin is not None:
            with contextlib.suppress(OSError):
                import fcntl

                fcntl.fcntl(proc.stdin.fileno(), os.F_SETPIPE_SZ, _PIPE_SIZE)
        return proc

    @property
    def in_child(self) -> bool:
        return self._proc is not None

    def write(self, rel: str, data: bytes) -> None:
        if rel.endswith(("index.md", ".yml", ".yaml")):
            self.written[rel] = data
        self.count += 1
        self.total += len(data)
        if self._proc is None:
            self._create(rel, data)
            return
        path = os.fsencode(rel)
        self._pending += (_HEADER.pack(len(path), len(data)), path, data)
        self._size += len(data) + len(path)
        if self._size >= _CHUNK:
            self._send()

    def _send(self) -> None:
        assert self._proc is not None and self._proc.stdin is not None
        chunk = b"".join(self._pending)
        self._pending, self._size = [], 0
        try:
            self._proc.stdin.write(chunk)
        except BrokenPipeError:
            raise self._failure() from None

    def close(self) -> None:
        """Wait until every file is created; raises ``OSError`` otherwise."""
        proc = self._proc
        if proc is None:
            return
        if self._pending:
            self._send()
        try:
            out, _ = proc.communicate()
        except BrokenPipeError:
            raise self._failure() from None
        self._proc = None
        if proc.returncode != 0 or out.decode("utf-8", "replace").split() != ["ok", str(self.count), str(self.total)]:
            raise _report(out, proc.returncode)

    def abort(self) -> None:
        """Stop the child, if any, and wait for it: after this nothing more is created."""
        proc, self._proc = self._proc, None
        if proc is not None:
            with contextlib.suppress(OSError):
                proc.kill()
            with contextlib.suppress(OSError, subprocess.SubprocessError):
                proc.communicate()

    def _failure(self) -> OSError:
        proc, self._proc = self._proc, None
        assert proc is not None
        try:
            out, _ = proc.communicate()
        except (OSError, ValueError):
            out = b""
        return _report(out, proc.returncode)

    def _create(self, rel: str, data: bytes) -> None:
        target = self.root + "/" + rel
        folder = target.rpartition("/")[0]
        if folder not in self._made:
            os.makedirs(folder, exist_ok=True)
            self._made.add(folder)
        fd = os.open(target, FLAGS, 0o644)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
        finally:
            os.close(fd)


def _report(out: bytes, code: int | None) -> OSError:
    """The child's failure as the ``OSError`` creating the file here would have raised."""
    words = out.decode("utf-8", "replace").strip().split(" ", 2)
    if len(words) == 3 and words[0] == "error" and words[1].isdigit() and int(words[1]):
        number = int(words[1])
        return OSError(number, os.strerror(number), words[2])
    detail = out.decode("utf-8", "replace").strip() or f"exit status {code}"
    return OSError(errno.EIO, f"{os.strerror(errno.EIO)}: the snapshot's files were not all created ({detail})")


__all__ = ["CHILD", "FLAGS", "FileWriter"]
