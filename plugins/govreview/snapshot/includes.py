"""Which pages include which files: observed during trusted builds, never parsed.

While a page is being converted (from the first ``on_page_markdown`` handler to
the last ``on_page_context`` one, or inside Zensical's Markdown renderer), an
audit hook on ``open`` attributes every file of the snapshot that is opened to
that page: snippets, inlined images, Markdown pulled in by macros — whatever
extension or plugin reads them. Python code (hooks being imported) is left out:
code is a build input approved by the policy owners, not text of a page.
"""

from __future__ import annotations

import json
import os
import sys
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..atomic import write_text_atomically
from ..messages import lang_of, msg, say

FORMAT = "govreview-includes"
VERSION = 1
_CODE = (".py", ".pyc")
#: Prefix of an inclusion fetched over the network rather than read from the snapshot.
NETWORK = "network:"
_EVENTS = frozenset({"open", "socket.connect", "urllib.Request"})


@dataclass
class IncludeMap:
    """Page (repository path) -> files its rendering opened (repository paths)."""

    pages: dict[str, tuple[str, ...]] = field(default_factory=dict)
    problem: str | None = None  # why a stored map could not be read (it then counts as empty)

    @classmethod
    def read(cls, path: Path) -> IncludeMap:
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            return cls()
        except OSError as err:
            return cls(problem=f"{path}: {err.strerror}")
        return cls.parse(raw, str(path))

    @classmethod
    def parse(cls, raw: bytes, shown: str) -> IncludeMap:
        try:
            data = json.loads(raw.decode("utf-8"))
            if data.get("format") != FORMAT or data.get("version") != VERSION:
                raise ValueError("format")
            pages = {
                str(page): tuple(sorted({str(p) for p in files}))
                for page, files in data["pages"].items()
                if isinstance(files, list) and all(isinstance(p, str) for p in files)
            }
        except (ValueError, KeyError, AttributeError, TypeError, UnicodeDecodeError):
            return cls(problem=say(msg("snapshot_not_include_map", path=shown, format=FORMAT), lang_of()))
        return cls(pages)

    def including(self, path: str) -> list[str]:
        """Pages whose rendering opened ``path``."""
        return sorted(page for page, files in self.pages.items() if path in files)

    def folders(self) -> set[str]:
        """Folders that hold at least one included file."""
        return {f.rpartition("/")[0] for files in self.pages.values() for f in files}

    def merged(self, observed: Mapping[str, Iterable[str]], present: set[str], staged: set[str] | None = None) -> IncludeMap:
        """This map updated with a build's observations; pages no longer present are dropped.
        A page that was not rendered this time (withheld) keeps what was known of it, and a
        rendered page keeps the files it included that were ``present`` but not ``staged``
        (withheld): it could not open them this time, and still includes them."""
        pages = {p: files for p, files in self.pages.items() if p in present}
        for page, files in observed.items():
            kept = {f for f in pages.get(page, ()) if staged is not None and f in present and f not in staged}
            pages[page] = tuple(sorted(set(files) | kept))
        return IncludeMap({p: f for p, f in sorted(pages.items()) if f})

    def to_json(self, commit: str | None = None) -> str:
        data: dict[str, Any] = {
            "format": FORMAT,
            "version": VERSION,
            "commit": commit,
            "pages": {p: list(f) for p, f in self.pages.items()},
        }
        return json.dumps(data, ensure_ascii=False, indent=1) + "\n"

    def write(self, path: Path, commit: str | None = None) -> None:
        write_text_atomically(path, self.to_json(commit))


class IncludeObserver:
    """Records files of ``root`` opened while a page is being converted.

    Audit hooks cannot be removed, so one observer serves the process; ``start``
    and ``stop`` bracket each page, per thread.
    """

    _instance: IncludeObserver | None = None

    def __init__(self, root: Path) -> None:
        self.root = os.path.realpath(root)
        self.seen: dict[str, set[str]] = {}
        self._local = threading.local()

    @classmethod
    def install(cls, root: Path) -> IncludeObserver:
        if cls._instance is None:
            cls._instance = cls(root)
            sys.addaudithook(cls._instance._hook)
        else:
            cls._instance.root = os.path.realpath(root)
            cls._instance.seen = {}
        return cls._instance

    def start(self, page: str) -> None:
        self._local.page = page
        self.seen.setdefault(page, set())

    def stop(self) -> None:
        self._local.page = None

    def _hook(self, event: str, args: tuple[Any, ...]) -> None:
        if event not in _EVENTS:
            return
        page = getattr(self._local, "page", None)
        if page is None or not args:
            return
        if event != "open":
            self._network(page, event, args)
            return
        try:
            target = args[0]
            if target is None or isinstance(target, int):
                return
            name = os.fsdecode(target)
            if name.endswith(_CODE):
                return
            full = os.path.realpath(os.path.join(os.getcwd(), name))
            if full.startswith(self.root + os.sep):
                rel = full[len(self.root) + 1 :].replace(os.sep, "/")
                if "__pycache__" not in rel and not rel.startswith(".govreview-snapshot/") and rel != page:
                    self.seen[page].add(rel)
        except Exception:  # an audit hook must never break the operation it watches
            return

    def _network(self, page: str, event: str, args: tuple[Any, ...]) -> None:
        """Text fetched over the network while a page is converted (a remote snippet, say)
        can change after anyone approved it: recorded as an inclusion that never counts."""
        try:
            where = args[0] if event == "urllib.Request" else args[1]
            if isinstance(where, tuple):
                where = ":".join(str(part) for part in where[:2])
            self.seen[page].add(NETWORK + str(where))
        except Exception:
            return

    def observed(self) -> dict[str, list[str]]:
        return {page: sorted(files) for page, files in sorted(self.seen.items())}
