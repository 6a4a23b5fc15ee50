"""Findings of screening, remembered on disk and shared by ``check``, ``stage``, ``build``
and the plugin (shell); ``check-pr`` can pass a :class:`Screenable`'s findings to
``judge_pull`` the same way (see :mod:`govreview.screen_content`).

Findings are a pure function of their inputs, so each is kept under a key made of:

* the content id: the file's blob id and how it is read (its docs path, read as a
  page, an attachment or text, published or as a build input);
* a fingerprint of the screening settings (computed once per :class:`Screening`
  object: word lists can hold thousands of entries);
* the front matter fields screening reads (``core.screen.SCREENED_FIELDS``);
* the engine: :data:`govreview.core.screen.ENGINE_VERSION`, govreview's version and
  the versions of the libraries that read files into text.

Entries live in a few JSON files ("packs") under the cache folder
(``.govreview/cache/`` by default, relative to mkdocs.yml; never inside site_dir or
docs_dir): each run that screened something adds one, and many are merged into one.
Packs are written atomically (a temporary file renamed into place) and never changed
after. An entry or a pack that cannot be read, or that is not exactly what this module
writes, is a miss, and what is screened again is written again — never an error,
never a pass. A failure of screening is never remembered. The folder ignores itself
in git (like ``.pytest_cache``), so ``git add -A`` never makes it a build input.
Deleting it at any time is safe.

Whoever can write the folder can make findings disappear: restore it in CI only
from runs of the same branch (actions/cache scopes caches that way).

:class:`Screenable` is one file's side of it: the gate's screener for the file,
which reads the file's content (attachments are the expensive part) only on a miss.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import logging
import math
import os
import secrets
import tempfile
import time
import weakref
from collections.abc import Callable, Mapping
from datetime import date, datetime
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

from .core.findings import Content, Finding, Place
from .core.memo import IdentityMemo
from .core.policy import Screening
from .core.screen import ENGINE_VERSION, SCREENING_FAILED, screen, screened_fields
from .defaults import CACHE_FOLDER

log = logging.getLogger("mkdocs.plugins.govreview")

#: Default folder, relative to mkdocs.yml.
DEFAULT_FOLDER = CACHE_FOLDER
#: Format of one entry; part of the key, so a new format never reads an old entry.
_FORMAT = 2
#: Distributions whose code turns a file into findings: a new version of any is a new engine.
_LIBRARIES = ("govreview", "opencc", "ahocorasick-rs", "pypdf", "python-docx", "openpyxl", "lxml", "Pillow", "PyYAML", "mkdocs")


class _Unkeyable(Exception):
    """A value with no exact, stable spelling: such findings are not remembered."""


@cache
def engine() -> str:
    """The screening engine, as part of every key."""
    versions = []
    for name in _LIBRARIES:
        try:
            versions.append(f"{name}={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{name}=-")
    return f"engine={ENGINE_VERSION};format={_FORMAT};" + ";".join(versions)


def content_id(blob: str, path: str, how: str) -> str:
    """A file's content as screening reads it: its blob id, its docs path (repository
    path for build inputs outside docs/) and how it is read (e.g. ``page``,
    ``attachment published``, ``text input``)."""
    return json.dumps([blob, path, how])


class FindingsCache:
    """Findings on disk under ``folder``, in packs of entries.

    Every pack is read (lazily, once) into memory; findings screened during the run
    are written as one new pack when the cache is flushed: by :meth:`flush`, every
    :data:`_FLUSH_EVERY` new entries, when the object is collected and at exit. Making
    one file per entry costs more than screening on some file systems.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._fingerprints: IdentityMemo[str] = IdentityMemo(64)
        self._last: tuple[Screening, str] | None = None
        self._store = _Store(folder)
        weakref.finalize(self, self._store.flush)  # the store holds no reference to this object

    # -- keys --------------------------------------------------------------
    def fingerprint(self, screening: Screening) -> str:
        """The screening settings' digest, computed once per object (compared by identity)."""
        last = self._last
        if last is not None and last[0] is screening:  # nearly every file of a run: one policy's settings
            return last[1]
        found = self._fingerprints.get((screening,), lambda: hashlib.sha256(_spell(screening).encode()).hexdigest())
        self._last = (screening, found)  # holds the object: its id stays its own
        return found

    def key(self, content: str, screening: Screening, fields: Mapping[str, object]) -> str | None:
        """The entry's key; None when something has no exact spelling (nothing is remembered)."""
        try:
            # NUL never occurs in the engine, a content id, a digest or JSON text: the join is unambiguous.
            parts = (engine(), content, self.fingerprint(screening), _spell(screened_fields(fields)))
            return hashlib.sha256("\0".join(parts).encode()).hexdigest()
        except Exception:  # e.g. a front matter value of a type YAML gives but JSON cannot spell
            return None

    # -- entries -----------------------------------------------------------
    def get(self, key: str) -> tuple[Finding, ...] | None:
        """The remembered findings, or None: absent, unreadable or not what :meth:`put` writes."""
        return self._store.get(key)

    def put(self, key: str, findings: tuple[Finding, ...]) -> None:
        """Remember ``findings`` (written at the next flush)."""
        try:
            raw = [_entry(f) for f in findings]
            json.dumps(raw, allow_nan=False)
        except Exception:  # a value JSON cannot spell exactly: screened again next time
            return
        self._store.put(key, raw)

    def flush(self) -> None:
        """Write what was screened since the last flush; a failure to write is only logged."""
        self._store.flush()

    # -- front matter (a pure function of the bytes, like findings) ----------------
    def front_matter(self, blob: str) -> tuple[dict[str, Any], dict[str, int]] | None:
        """A page's (meta, lines) as read from the blob ``blob`` before, or None."""
        raw = self._store.get_raw(self._front_matter_key(blob))
        try:
            value = _decode(raw) if raw is not None else None
            if isinstance(value, tuple) and len(value) == 2 and isinstance(value[0], dict) and isinstance(value[1], dict):
                meta, lines = value
                # Types compared as sets (one pass in C): keys are text, line numbers whole numbers.
                if set(map(type, meta)) <= _TEXT and set(map(type, lines)) <= _TEXT and set(map(type, lines.values())) <= _WHOLE:
                    return meta, lines
        except Exception:
            pass
        return None

    def remember_front_matter(self, blob: str, meta: Mapping[str, object], lines: Mapping[str, int]) -> None:
        try:
            raw = _encode((dict(meta), dict(lines)))
            json.dumps(raw, allow_nan=False)
        except Exception:  # a value with no exact spelling: read again next time
            return
        self._store.put(self._front_matter_key(blob), raw)

    @staticmethod
    def _front_matter_key(blob: str) -> str:
        return hashlib.sha256(f"front-matter\0{engine()}\0{blob}".encode()).hexdigest()


#: New entries that make a pack of their own before the run ends.
_FLUSH_EVERY = 5000
#: Packs read at once before they are merged into one.
_MAX_PACKS = 8
#: Entries kept when packs are merged: beyond it, only those used by this run.
_MAX_ENTRIES = 200_000


class _Store:
    """The packs of one cache folder: ``findings/*.json``, each ``{"format", "entries": {key: findings}}``."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.packs = folder / "findings"
        self.entries: dict[str, object] | None = None  # key -> findings as written, read lazily
        self.read: list[Path] = []  # packs read into ``entries``
        self.damaged = False  # a pack or an entry could not be read: merge the packs at the next flush
        self.pending: dict[str, object] = {}
        self.used: set[str] = set()

    def _load(self) -> dict[str, object]:
        if self.entries is None:
            self.entries = {}
            try:
                names = sorted(p for p in self.packs.iterdir() if p.suffix == ".json" and not p.name.startswith("."))
            except OSError:
                names = []
            for path in names:  # oldest first: a newer pack's entry wins
                self.read.append(path)
                try:
                    pack = json.loads(path.read_bytes())
                    if not isinstance(pack, dict) or pack.get("format") != _FORMAT or not isinstance(pack.get("entries"), dict):
                        raise ValueError("not a pack")
                    self.entries.update(pack["entries"])
                except Exception:  # whatever is wrong with a pack, its entries are misses
                    self.damaged = True
        return self.entries

    def get_raw(self, key: str) -> object | None:
        raw = self._load().get(key)
        if raw is not None:
            self.used.add(key)
        return raw

    def get(self, key: str) -> tuple[Finding, ...] | None:
        entries = self._load()
        raw = entries.get(key)
        if raw is None:
            return None
        try:
            if not isinstance(raw, list):
                raise ValueError("not a list of findings")
            found = tuple(_finding(item) for item in raw)
        except Exception:  # a damaged entry is a miss, and is left out when the packs are merged
            del entries[key]
            self.damaged = True
            return None
        self.used.add(key)
        return found

    def put(self, key: str, raw: object) -> None:
        self._load()[key] = raw
        self.pending[key] = raw
        self.used.add(key)
        if len(self.pending) >= _FLUSH_EVERY:
            self.flush()

    def flush(self) -> None:
        if not self.pending and not self.damaged:
            return
        entries = self._load()
        merge = self.damaged or len(self.read) + 1 > _MAX_PACKS
        if merge and len(entries) > _MAX_ENTRIES:
            entries = {k: v for k, v in entries.items() if k in self.used}
        written = self._write(entries if merge else self.pending)
        self.pending = {}
        if written is None:
            return
        if merge:
            for old in self.read:
                with contextlib.suppress(OSError):
                    old.unlink()
            self.read, self.damaged = [], False
        self.read.append(written)

    def _write(self, entries: Mapping[str, object]) -> Path | None:
        """One new pack, written atomically: a temporary file renamed into place."""
        tmp = None
        try:
            text = json.dumps({"format": _FORMAT, "entries": entries}, separators=(",", ":"), allow_nan=False)
            self.folder.mkdir(parents=True, exist_ok=True)
            ignore = self.folder / ".gitignore"
            if not ignore.is_file():  # the folder ignores itself: never a build input
                ignore.write_text("# created by govreview: findings of screening, safe to delete\n*\n", encoding="utf-8")
            self.packs.mkdir(exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=self.packs)
            with os.fdopen(fd, "w", encoding="ascii") as out:
                out.write(text)
            path = self.packs / f"{time.time_ns():020d}-{os.getpid()}-{secrets.token_hex(4)}.json"
            os.replace(tmp, path)
            tmp = None
            return path
        except Exception as err:  # never an error: the findings were returned all the same
            log.debug("govreview: findings not cached in %s: %s", self.packs, err)
            return None
        finally:
            if tmp is not None:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)


def open_cache(root: Path, folder: str, site_dir: str | Path, docs_dir: str | Path) -> FindingsCache | None:
    """The findings cache in ``folder`` (relative to ``root``, the folder of mkdocs.yml);
    None when it is turned off (``""``), or — with a warning — when it would lie inside
    ``site_dir`` or ``docs_dir`` (relative to ``root`` too, or absolute)."""
    if not folder:
        return None
    where = Path(os.path.abspath(root / folder))
    for name, other in (("site_dir", site_dir), ("docs_dir", docs_dir)):
        inside = Path(os.path.abspath(root / other))
        if where == inside or where.is_relative_to(inside) or where.resolve().is_relative_to(inside.resolve()):
            log.warning("govreview: cache folder %s is inside %s (%s); findings are not cached", where, name, inside)
            return None
    return FindingsCache(where)


class Screenable:
    """One file's content, read only when screening needs it, and the gate's screener for it.

    ``read`` gives the content (None: nothing to screen). Findings are remembered per
    settings object and fields object for the life of this object, and in ``cache``.
    """

    def __init__(self, content: str, read: Callable[[], Content | None], cache: FindingsCache | None = None) -> None:
        self.content_id = content
        self._read: Callable[[], Content | None] | None = read
        self._content: Content | None = None
        self.cache = cache
        self._known: list[tuple[Screening, Mapping[str, object], tuple[Finding, ...]]] = []

    def content(self) -> Content | None:
        """The content, read once."""
        if self._read is not None:
            self._content = self._read()
            self._read = None  # drops the file's bytes
        return self._content

    def findings(self, screening: Screening, fields: Mapping[str, object]) -> tuple[Finding, ...]:
        """What ``screen(content, screening, fields)`` returns; raises where it raises."""
        for known_screening, known_fields, found in self._known:
            if known_screening is screening and known_fields is fields:
                return found
        key = self.cache.key(self.content_id, screening, fields) if self.cache is not None else None  # never raises
        remembered = self.cache.get(key) if self.cache is not None and key is not None else None
        if remembered is not None:
            found = remembered
        else:
            content = self.content()
            found = () if content is None else screen(content, screening, fields)
            if self.cache is not None and key is not None and not any(f.code == SCREENING_FAILED for f in found):
                self.cache.put(key, found)
        self._known.append((screening, fields, found))
        return found


# -- exact spellings -----------------------------------------------------------
#: One encoder for every spelling: ``json.dumps`` with options builds a new one per call.
_SPELLER = json.JSONEncoder(separators=(",", ":"), allow_nan=False)


def _spell(value: object) -> str:
    return _SPELLER.encode(_encode(value))


#: Tags mark what JSON cannot tell apart by itself; a tag is a one-key object whose key
#: starts with NUL, which no plain mapping is written with (such mappings are tagged too).
_TAG = "\x00"


def _encode(value: object) -> object:
    """``value`` as JSON that :func:`_decode` turns back into an equal value of the same
    types: JSON's own types as themselves (1.0 stays a float, 1 an int), everything else
    tagged (a tuple, a set, a date, a mapping with keys that are not text). Mappings keep
    their order (front matter keeps the file's); sets are sorted. Anything else: :class:`_Unkeyable`."""
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, str):
        return str(value)
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise _Unkeyable(value)
        return float(value)
    if isinstance(value, datetime):
        return {_TAG + "dt": value.isoformat()}
    if isinstance(value, date):
        return {_TAG + "d": value.isoformat()}
    if isinstance(value, list):
        return [_encode(v) for v in value]
    if isinstance(value, tuple):
        return {_TAG + "t": [_encode(v) for v in value]}
    if isinstance(value, set | frozenset):
        return {_TAG + "s": sorted((_encode(v) for v in value), key=lambda v: json.dumps(v, sort_keys=True))}
    if isinstance(value, Mapping):
        if all(type(k) is str and not k.startswith(_TAG) for k in value):
            return {k: _encode(v) for k, v in value.items()}
        return {_TAG + "m": [[_encode(k), _encode(v)] for k, v in value.items()]}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = [[f.name, _encode(getattr(value, f.name))] for f in dataclasses.fields(value)]
        return {_TAG + "c": [f"{type(value).__module__}.{type(value).__qualname__}", fields]}
    raise _Unkeyable(type(value).__name__)


#: What JSON gives as itself (exact types: a parsed entry holds no subclass).
_PLAIN = frozenset({str, int, float, bool, type(None)})


#: Exact key and line-number types of a front matter entry (bool is JSON's, and an int, as before).
_TEXT = frozenset({str})
_WHOLE = frozenset({int, bool})


def _decode(value: object) -> object:
    kind = type(value)
    if kind in _PLAIN:
        return value
    if kind is list:  # what json.loads gives: exact types first (front matter of every page is read this way)
        return [v if type(v) in _PLAIN else _decode(v) for v in value]  # type: ignore[attr-defined]
    if kind is dict:
        return _decode_mapping(value)  # type: ignore[arg-type]
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, list):
        return [v if type(v) in _PLAIN else _decode(v) for v in value]
    if isinstance(value, dict):
        return _decode_mapping(value)
    raise ValueError("not an entry this module wrote")


def _decode_mapping(value: dict[str, object]) -> object:
    if len(value) == 1:
        for tag in value:
            if tag.startswith(_TAG):
                return _untag(tag[1:], value[tag])
    for key in value:
        if key.startswith(_TAG):
            raise ValueError("not an entry this module wrote")
    return {k: v if type(v) in _PLAIN else _decode(v) for k, v in value.items()}


def _untag(tag: str, inner: object) -> object:
    if tag == "dt" and isinstance(inner, str):
        return datetime.fromisoformat(inner)
    if tag == "d" and isinstance(inner, str):
        return date.fromisoformat(inner)
    if tag in ("t", "s") and isinstance(inner, list):
        items = [_decode(v) for v in inner]
        return tuple(items) if tag == "t" else frozenset(items)
    if tag == "m" and isinstance(inner, list):
        return {_decode(k): _decode(v) for k, v in inner}
    raise ValueError("not an entry this module wrote")


def _entry(f: Finding) -> list[object]:
    return [
        f.code,
        f.severity,
        f.rule,
        f.line,
        f.col,
        _encode(dict(f.params)),
        _encode(tuple((code, dict(params)) for code, params in f.where)),
    ]


def _finding(item: object) -> Finding:
    if not isinstance(item, list) or len(item) != 7:
        raise ValueError("not a finding")
    code, severity, rule, line, col, params, where = item
    texts, numbers = (code, severity, rule), (line, col)
    if not all(isinstance(t, str) for t in texts) or not all(isinstance(n, int) and not isinstance(n, bool) for n in numbers):
        raise ValueError("not a finding")
    decoded = _decode(params)
    if not isinstance(decoded, dict) or not all(isinstance(k, str) for k in decoded):
        raise ValueError("not a finding")
    return Finding(code, severity, rule, line, col, decoded, _place(_decode(where)))


def _place(value: object) -> Place:
    """A finding's place as :func:`_entry` wrote it: a tuple of (code, {name: value}) steps."""
    if not isinstance(value, tuple):
        raise ValueError("not a place")
    for step in value:
        if not (isinstance(step, tuple) and len(step) == 2 and isinstance(step[0], str) and isinstance(step[1], dict)):
            raise ValueError("not a place")
        if not all(isinstance(k, str) for k in step[1]):
            raise ValueError("not a place")
    return value


__all__ = ["DEFAULT_FOLDER", "FindingsCache", "Screenable", "content_id", "engine", "open_cache"]
