"""The snapshot's manifest: every file the snapshot holds, with its sha256, the blob
id it was written from (approved files) or what generated it (column indexes,
disclosure blocks). Inside a snapshot build the plugin checks files against it
instead of judging them again."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import messages
from ..messages import msg

FORMAT = "govreview-snapshot"
VERSION = 1
FOLDER = ".govreview-snapshot"
#: What the build observed, written inside FOLDER by the plugin (or the Zensical runner):
#: the files each page opened, and each page's title and rendered text.
INCLUDES_OBSERVED = "includes.observed.json"
RENDERED_OBSERVED = "rendered.observed.json"
NAME = "manifest.json"
#: Set by ``govreview build`` for the generator's process: the manifest of the snapshot being built.
ENV = "GOVREVIEW_SNAPSHOT"


class ManifestError(messages.Problem, ValueError):
    """A file that is not a usable snapshot manifest."""

    def __str__(self) -> str:  # callers show str(err) in the process language
        return self.text(messages.lang_of())


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class Item:
    sha256: str
    kind: str  # page | attachment | input | generated
    blob: str | None = None  # the approved blob it was written from (None: generated)
    generated: str | None = None  # what was added: disclosure, column_index, column_list
    column: str | None = None  # the column whose index lists this page
    unlisted: str | None = None  # None = listed; otherwise why ("withdrawn", "expired"): built, but in no listing, feed or search index


@dataclass
class Manifest:
    commit: str | None
    config: str
    docs_dir: str
    files: dict[str, Item] = field(default_factory=dict)  # repository path -> item

    def to_json(self) -> str:
        data: dict[str, Any] = {
            "format": FORMAT,
            "version": VERSION,
            "commit": self.commit,
            "config": self.config,
            "docs_dir": self.docs_dir,
            "files": {path: {k: v for k, v in vars(item).items() if v is not None} for path, item in sorted(self.files.items())},
        }
        return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"  # no indent: C encoder, 10x faster

    @classmethod
    def read(cls, path: Path) -> Manifest:
        """Raises ManifestError (a ValueError) when the file is not a manifest."""
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
            raise ManifestError(msg("snapshot_manifest_unreadable", path=path, error=str(err))) from None
        if not isinstance(data, dict) or data.get("format") != FORMAT or data.get("version") != VERSION:
            raise ManifestError(msg("snapshot_not_manifest", path=path, format=FORMAT))
        files = {str(p): Item(**{k: v for k, v in i.items() if k in Item.__dataclass_fields__}) for p, i in data["files"].items()}
        return cls(data.get("commit"), str(data["config"]), str(data["docs_dir"]), files)


def manifest_path(snapshot: Path) -> Path:
    return snapshot / FOLDER / NAME
