"""The policy's files on disk, their content id, and how a file is named to a person.

A problem names its file as the website office sees it in the repository: relative to
the site (the folder holding ``mkdocs.yml``), e.g. ``policies/site.yml`` — whatever
folder the policy lives in and whatever the current directory is. Without a site
around it, the path is given relative to the current directory (absolute when the
file is elsewhere).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Mapping
from pathlib import Path

from ..messages import msg
from .problems import PolicyError, PolicyProblem

SITE_CONFIGS = ("mkdocs.yml", "mkdocs.yaml")


def site_root(folder: Path) -> Path | None:
    """The nearest folder at or above ``folder`` holding the site configuration."""
    here = Path(os.path.abspath(folder))
    for candidate in (here, *here.parents):
        if any((candidate / name).is_file() for name in SITE_CONFIGS):
            return candidate
    return None


def shown_path(folder: Path, name: str = "") -> str:
    """``folder/name`` as a person should read it (see the module docstring); a
    folder alone (``name`` empty) ends with ``/``."""
    path = Path(os.path.abspath(folder))
    full = path / name if name else path
    suffix = "" if name else "/"
    root = site_root(path)
    if root is not None:
        return full.relative_to(root).as_posix() + suffix
    try:
        return full.relative_to(Path.cwd()).as_posix() + suffix
    except ValueError:
        return str(full) + (os.sep if suffix else "")


def folder_of(base: Path, names: list[str]) -> Path:
    """The folder on disk that holds files named ``policies/site.yml`` …: ``base`` is
    that folder itself, or (as :func:`load_policy_dir` passes it) its parent."""
    first = names[0] if names else ""
    sub, _, file = first.rpartition("/")
    if not sub or (base / first).is_file():
        return base / sub if sub else base
    if (base / file).is_file() or base.name == sub:
        return base
    return base / sub


def policy_files(folder: Path) -> dict[str, str]:
    """The policy's source files: every *.yml / *.yaml directly in ``folder``, by name
    (``policies/site.yml``: the folder's own name and the file's; :func:`policy_id` hashes these)."""
    if not folder.is_dir():
        raise PolicyError([PolicyProblem(shown_path(folder.parent, folder.name), None, msg("policy.no_folder"))])
    out: dict[str, str] = {}
    for path in sorted(folder.iterdir()):
        if path.suffix in (".yml", ".yaml") and path.is_file():
            try:
                out[f"{folder.name}/{path.name}"] = path.read_bytes().decode("utf-8-sig")
            except UnicodeDecodeError:
                raise PolicyError([PolicyProblem(shown_path(folder, path.name), None, msg("policy.not_utf8"))]) from None
    return out


def policy_id(files: Mapping[str, str]) -> str:
    """A content id for a set of policy files (the archive stores snapshots by it)."""
    digest = hashlib.sha256()
    for name in sorted(files):
        for part in (name, files[name]):
            data = part.encode("utf-8")
            digest.update(len(data).to_bytes(8, "big") + data)
    return "sha256:" + digest.hexdigest()
