"""The policy's sections gathered from all its files, each value remembering its file and line.

Map sections (units, roles, fields, categories, columns) may be spread over several
files, one entry in one file only; list sections (words) are joined; every other
section is written once. A second definition names the first one's file and line.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from ..messages import msg
from .problems import Report
from .reading import Reader, key_hint, line_of_key
from .sources import folder_of, shown_path
from .syntax import read_text

SECTIONS = (
    "version",
    "site",
    "units",
    "people",
    "roles",
    "secrecy",
    "urgent",
    "calendar",
    "screening",
    "words",
    "fields",
    "categories",
    "columns",
    "build",
    "disclosure",
    "lifecycle",
    "freshness",
    "takedown",
)
MAP_SECTIONS = ("units", "people", "roles", "fields", "categories", "columns")
#: Sections that may be written in several files and are joined (word lists, 错敏词).
LIST_SECTIONS = ("words",)


@dataclass
class Sections:
    """Every section's value, and for each section (and each entry of a map section)
    the file and the mapping holding it."""

    report: Report
    folder: str = "policies/"  # the policy folder as shown, for problems that have no line
    values: dict[str, Any] = field(default_factory=dict)
    where: dict[str, tuple[str, Any]] = field(default_factory=dict)
    words: list[tuple[str, CommentedSeq]] = field(default_factory=list)

    def __contains__(self, section: str) -> bool:
        return section in self.values

    def known(self, section: str) -> Mapping[str, Any]:
        """The entries of a map section as written (before they are checked)."""
        entries: Mapping[str, Any] = self.values.get(section, {})
        return entries

    def reader(self, file: str) -> Reader:
        return Reader(self.report, file)

    def section(self, name: str) -> tuple[Reader, Any, int | None]:
        """A section written once: a reader for its file, its value and its line."""
        file, node = self.where.get(name, (self.folder, None))
        return Reader(self.report, file), self.values.get(name), line_of_key(node, name)

    def entries(self, name: str) -> Iterator[tuple[Reader, str, Any, int | None]]:
        """The entries of a map section: a reader for the file of each, its id, value and line."""
        for key, value in self.values.get(name, {}).items():
            file, node = self.where[f"{name}/{key}"]
            yield Reader(self.report, file), key, value, line_of_key(node, key)

    def missing(self, what: Any) -> None:
        """A required part no file has: reported against the policy folder, without a line."""
        self.report.add(self.folder, None, what)


def shown_names(files: Mapping[str, str], base: Path | None) -> tuple[dict[str, str], str]:
    """How each file and the folder are named in problems (see :mod:`.sources`)."""
    names = sorted(files)
    if base is None:
        sub = names[0].rpartition("/")[0] if names else "policies"
        return {n: n for n in names}, (sub or "policies") + "/"
    folder = folder_of(base, names)
    return {n: shown_path(folder, n.rpartition("/")[2]) for n in names}, shown_path(folder)


def gather(files: Mapping[str, str], base: Path | None) -> Sections:
    """Read every file and merge its sections. Problems so far are in ``report``."""
    report = Report()
    shown, folder = shown_names(files, base)
    out = Sections(report, folder)
    for name, source in sorted(files.items()):
        file = shown[name]
        doc, problem = read_text(file, source)
        if problem is not None:
            report.problems.append(problem)
            continue
        if doc is None:
            continue
        if not isinstance(doc, CommentedMap):
            report.add(file, 1, msg("policy.top_not_mapping"))
            continue
        for key in doc:
            _take(out, file, doc, key)
    return out


def _take(out: Sections, file: str, doc: CommentedMap, key: Any) -> None:
    line = line_of_key(doc, key)
    report = out.report
    if key not in SECTIONS:
        report.add(file, line, msg("policy.unknown_section", name=str(key), known=list(SECTIONS)), key_hint(key, SECTIONS))
        return
    node = doc[key]
    if key in MAP_SECTIONS:
        if node is None:
            return
        if not isinstance(node, CommentedMap):
            report.add(file, line, msg("policy.need_mapping", what=key))
            return
        section = out.values.setdefault(key, {})
        for item in node:
            if item in section:
                first_file, first_node = out.where[f"{key}/{item}"]
                first = f"{first_file}:{line_of_key(first_node, item)}"
                report.add(file, line_of_key(node, item), msg("policy.defined_twice", what=f"{key}.{item}", first=first))
                continue
            section[item] = node[item]
            out.where[f"{key}/{item}"] = (file, node)
    elif key in LIST_SECTIONS:
        if node is None:
            return
        if not isinstance(node, CommentedSeq):
            report.add(file, line, msg("policy.need_list", what=key))
            return
        out.words.append((file, node))
        out.values.setdefault(key, True)
    else:
        if key in out.values:
            first_file, first_node = out.where[key]
            report.add(file, line, msg("policy.defined_twice", what=key, first=f"{first_file}:{line_of_key(first_node, key)}"))
            return
        out.values[key] = node
        out.where[key] = (file, doc)
