"""Judging the files of a large commit on two processors.

Judging is per file and depends only on the file and on what was loaded before it (the
policy, the archive, the findings cache): the second half of the files is judged in a
child forked after that loading, which shares all of it, while this process judges the
first half. The child hands back, in one pickle through a pipe, each file's verdict, what
was read of it and its bytes, and what its findings cache learnt; this process takes them
in the files' order, as if it had judged them itself (``review.verdicts`` gets the same
entries in the same order). The verdicts are those one process gives, object for object
equal: the same functions run on the same inputs, only in another process.

Anything wrong with the child (it cannot be forked, fails, dies, or hands back something
other than one result per file) and this process judges the second half itself: the
result is never partial. Used by ``govreview stage`` and ``build`` (on a commit), never
for a site below :data:`SPLIT_AT`, where forking would cost more than it saves.
"""

from __future__ import annotations

import contextlib
import gc
import os
import pickle
import sys
from collections.abc import Callable, Sequence

from ..core.page import SourceFile
from ..core.verdict import BUILD_INPUT, Verdict
from ..findings_cache import Handover
from ..gittree import TreeEntry
from ..review import ReadFile, SiteReview
from .judge import JudgedFile
from .sources import Source

#: Files below which one process judges them all.
SPLIT_AT = 2000
#: The share of the files the child judges: a little under half, since it also spells its
#: results and this process reads them.
CHILD_SHARE = 0.47

#: One file to judge: its tree entry, path (docs-relative in docs_dir), kind, whether it is in docs_dir.
Task = tuple[TreeEntry, str, str, bool]
#: One judged file as handed back: verdict, read (source, text, body or where body starts in text), bytes.
_Result = tuple[Verdict, tuple[SourceFile, str | None, str | int | None] | None, bytes | None]


def judge_files(
    tasks: Sequence[Task],
    judge_one: Callable[[Task], JudgedFile],
    review: SiteReview,
    source: Source,
    split_at: int = SPLIT_AT,
) -> list[JudgedFile]:
    """``[judge_one(t) for t in tasks]``, the last part judged in a forked child when
    there are at least ``split_at`` tasks and two processors."""
    if len(tasks) < split_at or not hasattr(os, "fork") or (os.cpu_count() or 1) < 2:
        return [judge_one(t) for t in tasks]
    mid = len(tasks) - int(len(tasks) * CHILD_SHARE)
    source.before_fork()
    handed = _in_child(lambda: [judge_one(t) for t in tasks[mid:]], review, source)
    if handed is None:
        return [judge_one(t) for t in tasks]
    pid, read_end = handed
    try:
        first = [judge_one(t) for t in tasks[:mid]]
    except BaseException:
        _stop(pid, read_end)
        raise
    rest = _collect(pid, read_end, tasks[mid:], review)
    if rest is None:  # the child failed: judged here, as if there had been no child
        rest = [judge_one(t) for t in tasks[mid:]]
    else:
        for f in rest:
            # what SiteReview.judge / refuse record, in the files' order (rel is the docs path)
            review.verdicts[f.entry.path if f.kind == BUILD_INPUT else f.rel] = f.verdict
    return first + rest


def _in_child(judge_rest: Callable[[], list[JudgedFile]], review: SiteReview, source: Source) -> tuple[int, int] | None:
    """Fork a child that judges the rest and writes the pickle; (its pid, the pipe's read end)."""
    sys.stdout.flush()
    sys.stderr.flush()
    read_end, write_end = os.pipe()
    gc.freeze()  # the collector never walks the shared heap: its pages stay shared
    try:
        pid = os.fork()
    except OSError:
        gc.unfreeze()
        os.close(read_end)
        os.close(write_end)
        return None
    if pid == 0:  # pragma: no cover - the child (its work is checked through the parent's result)
        code = 1
        try:
            os.close(read_end)
            source.in_child()
            if review.cache is not None:
                review.cache.hold()
            judged = judge_rest()
            results: list[_Result] = [(f.verdict, _read_of(f.read), f.data) for f in judged]
            cache = review.cache.handover() if review.cache is not None else None
            payload = pickle.dumps((len(results), results, cache), protocol=pickle.HIGHEST_PROTOCOL)
            with os.fdopen(write_end, "wb") as out:
                out.write(payload)
            code = 0
        except BaseException:
            code = 1
        finally:
            with contextlib.suppress(BaseException):
                source.close()
            os._exit(code)
    gc.unfreeze()
    os.close(write_end)
    return pid, read_end


def _collect(pid: int, read_end: int, tasks: Sequence[Task], review: SiteReview) -> list[JudgedFile] | None:
    """The child's results as JudgedFile (None: it failed, nothing of it is used)."""
    try:
        with os.fdopen(read_end, "rb") as pipe:
            payload = pipe.read()
    finally:
        _, status = os.waitpid(pid, 0)
    if not os.WIFEXITED(status) or os.WEXITSTATUS(status) != 0:
        return None
    try:
        count, results, cache = pickle.loads(payload)
    except Exception:
        return None
    if count != len(tasks) or len(results) != len(tasks) or (cache is not None and not isinstance(cache, Handover)):
        return None
    if cache is not None and review.cache is not None:
        review.cache.take(cache)
    out = []
    for task, (verdict, read, data) in zip(tasks, results, strict=True):
        entry, rel, kind, in_docs = task
        out.append(JudgedFile(entry, rel, kind, in_docs, verdict, _read_from(read), data))
    return out


def _stop(pid: int, read_end: int) -> None:
    with contextlib.suppress(OSError):
        os.kill(pid, 9)
    with contextlib.suppress(OSError):
        os.close(read_end)
    with contextlib.suppress(OSError):
        os.waitpid(pid, 0)


def _read_of(read: ReadFile | None) -> tuple[SourceFile, str | None, str | int | None] | None:
    """What was read of a file, compactly: a page's body is the end of its text (where it starts)."""
    if read is None:
        return None
    text, body = read.text, read.body
    if text is not None and body is not None and text.endswith(body):
        return read.source, text, len(text) - len(body)
    return read.source, text, body


def _read_from(read: tuple[SourceFile, str | None, str | int | None] | None) -> ReadFile | None:
    if read is None:
        return None
    source, text, body = read
    if isinstance(body, int):
        assert text is not None
        body = text[body:]
    return ReadFile(source, text, body)


__all__ = ["SPLIT_AT", "judge_files"]
