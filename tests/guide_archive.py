"""An approval archive written from guide/archive-format.md alone.

This helper imports nothing from govreview — only json and hashlib — so that a test
can prove that the guide is enough to write an archive the product accepts (and
tests/test_archive_from_guide.py checks that it stays that way). Its JSON style
differs from the product's own writer on purpose (``seq``/``prev`` last, compact
separators): readers hash the bytes as written, never a re-serialisation.
"""

from __future__ import annotations

import hashlib
import json

HEADER = {"type": "header", "format": "govreview-archive", "version": 2}


def line_hash(line: bytes) -> str:
    """Guide, "哈希链": sha256: and the lowercase hex SHA-256 of the line's bytes, newline excluded."""
    return "sha256:" + hashlib.sha256(line).hexdigest()


def policy_id(files: dict[str, str]) -> str:
    """Guide, "规则快照 id": for each file name in code point order, the name and then the
    text, each as its UTF-8 length in 8 bytes big-endian followed by its UTF-8 bytes."""
    digest = hashlib.sha256()
    for name in sorted(files):
        for part in (name, files[name]):
            data = part.encode("utf-8")
            digest.update(len(data).to_bytes(8, "big") + data)
    return "sha256:" + digest.hexdigest()


def dumps(row: object) -> bytes:
    return json.dumps(row, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def chained(rows: list[object]) -> bytes:
    """The file's bytes: ``rows[0]`` (normally the header) as it is, then every later
    object with ``seq`` (its line number minus one) and ``prev`` (the previous line's
    hash) set; each line ends with one LF. Rows that are not objects are written as they are."""
    lines: list[bytes] = []
    for number, row in enumerate(rows, start=1):
        if number > 1 and isinstance(row, dict):
            row = {k: v for k, v in row.items() if k not in ("seq", "prev")} | {"seq": number - 1, "prev": line_hash(lines[-1])}
        lines.append(dumps(row))
    return b"".join(line + b"\n" for line in lines)


def archive(records: list[dict[str, object]]) -> bytes:
    """A whole archive: the header, then ``records`` chained."""
    return chained([HEADER, *records])
