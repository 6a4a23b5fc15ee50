"""What mkdocs.yml makes part of the build, read without running anything.

MkDocs imports ``hooks:`` while it loads its configuration, before any plugin
runs, so a hook could switch the gate off. This module reads mkdocs.yml (and
every file it ``INHERIT``s) as plain YAML, never executing a tag or a hook, so
the inputs can be checked first: by the plugin, and by ``govreview check``
before it lets MkDocs load the configuration at all.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from . import messages
from .messages import msg, say
from .yaml_limits import Limited, YamlLimitError


class _Lenient(Limited, yaml.SafeLoader):
    """Reads MkDocs' custom tags (!ENV, !relative, !!python/name:…) as plain values;
    refuses alias bombs and deep nesting (:mod:`govreview.yaml_limits`)."""


class PythonName(str):
    """A ``!!python/name:module.attr`` value, read as the empty string it is written as; the
    name is kept (``.name``) for what may resolve it from an installed package (the
    rendered preview of :mod:`govreview.render_preview`), never from the repository."""

    name: str = ""


def _plain(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    if suffix.startswith("name:") and isinstance(node, yaml.ScalarNode):
        named = PythonName(loader.construct_scalar(node))
        named.name = suffix[len("name:") :]
        return named
    if isinstance(node, yaml.MappingNode):
        return loader.construct_mapping(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_scalar(node)  # type: ignore[arg-type]


_Lenient.add_multi_constructor("!", _plain)
_Lenient.add_multi_constructor("tag:yaml.org,2002:python/", _plain)


def yaml_values(text: str) -> Any:
    """A YAML text as plain data, MkDocs' custom tags read as plain values; None if it is no
    valid YAML, or YAML refused as too large when expanded or too deeply nested."""
    try:
        return yaml.load(text, Loader=_Lenient)  # a SafeLoader: no code runs
    except (yaml.YAMLError, YamlLimitError, RecursionError):
        return None


class ConfigError(messages.Problem, ValueError):
    """A configuration file cannot be read as plain data; names the file and the line."""

    def __str__(self) -> str:  # callers show str(err) in the process language
        return self.text(messages.lang_of())


@dataclass
class RawInputs:
    configs: list[Path] = field(default_factory=list)  # mkdocs.yml and its INHERIT chain
    folders: list[Path] = field(default_factory=list)  # hooks, custom_dir, snippet folders
    problems: list[str] = field(default_factory=list)  # in the process language
    options: dict[str, Any] = field(default_factory=dict)  # the govreview plugin's options


def config_values(name: str, source: str) -> dict[str, Any]:
    """A configuration file's text as plain data (see :func:`yaml_values`). Raises
    ConfigError (a ValueError) naming ``name`` and the line when it is no valid YAML, or YAML refused
    as an alias bomb or too deeply nested; a text that is no mapping reads as {}."""
    try:
        data = yaml.load(source, Loader=_Lenient)
    except YamlLimitError as err:
        where = f"{name}:{err.line}" if err.line is not None else name
        raise ConfigError(msg("config_unreadable", where=where, error=err.message())) from None
    except RecursionError:  # PyYAML's pure-Python composer recurses once per level
        raise ConfigError(msg("config_too_deep", where=name)) from None
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f"{name}:{mark.line + 1}" if mark is not None else name
        raise ConfigError(msg("config_unreadable", where=where, error=str(err))) from None
    return data if isinstance(data, dict) else {}


def _load(path: Path) -> dict[str, Any]:
    try:
        source = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as err:
        raise ConfigError(msg("config_unreadable", where=path, error=str(err))) from None
    return config_values(str(path), source)


def raw_inputs(config_file: Path) -> RawInputs:
    """Every file of configuration and code the build will use, from the YAML alone."""
    out = RawInputs()
    root = config_file.parent
    seen: set[Path] = set()
    path: Path | None = config_file
    docs_dir = root / "docs"
    while path is not None and path.resolve() not in seen:
        seen.add(path.resolve())
        out.configs.append(path)
        try:
            data = _load(path)
        except ValueError as err:
            out.problems.append(str(err))
            break
        here = path.parent
        if isinstance(data.get("docs_dir"), str) and path == config_file:
            docs_dir = here / data["docs_dir"]
        for hook in data.get("hooks") or []:
            if isinstance(hook, str):
                out.folders.append(here / hook)
        theme = data.get("theme")
        if isinstance(theme, dict) and isinstance(theme.get("custom_dir"), str):
            out.folders.append(here / theme["custom_dir"])
        out.folders += list(_snippet_folders(data.get("markdown_extensions"), root, docs_dir, out.problems))
        for key, value in plugin_options(data.get("plugins")).items():
            out.options.setdefault(key, value)  # the inheriting file wins
        parent = data.get("INHERIT")
        path = here / parent if isinstance(parent, str) else None
    return out


def _snippet_folders(extensions: Any, root: Path, docs_dir: Path, problems: list[str]) -> Iterator[Path]:
    """Folders pymdownx.snippets may include text from: build inputs, never docs/ or the whole repository."""
    entries = extensions if isinstance(extensions, list) else []
    for entry in entries:
        options: Any = None
        if entry == "pymdownx.snippets":
            options = {}
        elif isinstance(entry, dict) and "pymdownx.snippets" in entry:
            options = entry["pymdownx.snippets"] or {}
        if options is None:
            continue
        if not isinstance(options, dict):
            options = {}
        if options.get("url_download"):
            problems.append(say(msg("config_snippets_url_download"), messages.lang_of()))
        if options.get("restrict_base_path") is False:
            problems.append(say(msg("config_snippets_restrict_base_path"), messages.lang_of()))
        bases = options.get("base_path", ["."])
        for base in [bases] if isinstance(bases, str) else list(bases or []):
            folder = Path(os.path.abspath(root / str(base)))
            docs = Path(os.path.abspath(docs_dir))
            if folder == Path(os.path.abspath(root)) or docs.is_relative_to(folder) or folder.is_relative_to(docs):
                problems.append(say(msg("config_snippets_base_path", base=str(base)), messages.lang_of()))
            else:
                yield folder


def plugin_options(plugins: Any) -> dict[str, Any]:
    """The govreview entry of ``plugins:``, written as a list (``- govreview`` or
    ``- govreview: {…}``) or as a mapping."""
    if isinstance(plugins, dict):
        options = plugins.get("govreview")
        return dict(options) if isinstance(options, dict) else {}
    for entry in plugins if isinstance(plugins, list) else []:
        if isinstance(entry, dict) and isinstance(entry.get("govreview"), dict):
            return dict(entry["govreview"])
    return {}
