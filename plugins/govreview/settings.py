"""The site's settings, read from mkdocs.yml as plain YAML (no tag runs, no hook is
imported) and read as the plugin's own typed schema reads its options (plain options without
importing MkDocs, anything else by the schema itself).

Used by every command that must not let MkDocs load a configuration it has not
judged: ``check``, ``stage``, ``build``. Paths are repository-relative (the
configuration file sits at the top of the repository).
"""

from __future__ import annotations

import functools
import posixpath
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from . import messages
from .defaults import CACHE_FOLDER
from .messages import Message, msg
from .site_config import ConfigError, config_values, plugin_options, yaml_values


class SettingsError(messages.Problem):
    """The site configuration cannot be read; nothing is judged (fail closed). ``str()``
    is the message in the process language; ``text(lang)`` in any."""

    def __init__(self, message: Message | str) -> None:
        super().__init__(*([message] if isinstance(message, Message) else []))
        self.plain = message if isinstance(message, str) else None  # text from a caller not using codes yet

    def text(self, lang: str) -> str:
        return self.plain if self.plain is not None else super().text(lang)

    def __str__(self) -> str:
        return self.text(messages.lang_of())


@dataclass(frozen=True)
class RawConfig:
    """mkdocs.yml and the files it INHERITs, as plain values; the inheriting file wins."""

    values: dict[str, Any]
    lines: dict[str, str]  # top-level key -> "file:line" where it is written
    plugin_options: dict[str, Any]
    files: tuple[str, ...]

    def where(self, key: str) -> str:
        return self.lines.get(key, self.files[0])


def _key_lines(name: str, source: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for number, line in enumerate(source.splitlines(), start=1):
        m = _TOP_KEY.match(line)
        if m and m.group(1) not in found:
            found[m.group(1)] = f"{name}:{number}"
    return found


_TOP_KEY = re.compile(r"^([A-Za-z_][\w-]*)\s*:")


def parse_config(config: str, read: Callable[[str], str | None]) -> RawConfig:
    """Read the configuration chain as plain YAML: no tag is resolved, no hook imported."""
    values: dict[str, Any] = {}
    lines: dict[str, str] = {}
    options: dict[str, Any] = {}
    files: list[str] = []
    name: str | None = config
    while name is not None:
        if name in files:
            raise SettingsError(msg("config_inherit_loop", where=name))
        source = read(name)
        if source is None:
            where = files[-1] if files else name
            raise SettingsError(msg("config_not_found", where=where, name=name))
        try:
            data: Any = config_values(name, source)
        except ConfigError as err:  # invalid YAML, an alias bomb, nesting too deep: file and line
            raise SettingsError(*err.messages) from None
        except ValueError as err:
            raise SettingsError(str(err)) from None
        if not data and yaml_values(source) not in (None, {}):  # a list or a scalar, not a mapping
            raise SettingsError(msg("config_not_mapping", where=name))
        files.append(name)
        for key, value in data.items():
            values.setdefault(str(key), value)
        for key, where in _key_lines(name, source).items():
            lines.setdefault(key, where)
        for key, value in plugin_options(data.get("plugins")).items():
            options.setdefault(key, value)
        parent = data.get("INHERIT")
        if parent is None:
            break
        tag = _inherit_tag(source)
        if tag == "!relative" and isinstance(parent, str) and parent.startswith("$config_dir/"):
            # MkDocs resolves $config_dir against the folder of the configuration file it loads.
            name = posixpath.normpath(posixpath.join(posixpath.dirname(config), parent[len("$config_dir/") :]))
            continue
        if tag is not None:
            parent = None  # !ENV NAME, !relative …: not a file name that can be read here
        if not isinstance(parent, str):
            # Every tracked file is judged whatever INHERIT names; only docs_dir must be known.
            if "docs_dir" not in values:
                raise SettingsError(msg("config_inherit_tagged", where=name, config=config))
            break
        name = posixpath.normpath(posixpath.join(posixpath.dirname(name), parent))
    return RawConfig(values, lines, options, tuple(files))


def _inherit_tag(source: str) -> str | None:
    """The tag written on the top-level ``INHERIT`` value (``!ENV``, ``!relative``), if any:
    the lenient reader turns tagged scalars into plain strings, which are not file names."""
    try:
        root = yaml.compose(source, Loader=yaml.SafeLoader)  # nodes only: nothing is constructed or expanded
    except yaml.YAMLError:
        return None
    if not isinstance(root, yaml.MappingNode):
        return None
    for key, value in root.value:
        if isinstance(key, yaml.ScalarNode) and key.value == "INHERIT":
            return value.tag if value.tag.startswith("!") else None
    return None


@dataclass(frozen=True)
class Settings:
    config: str  # the configuration file, repository-relative (mkdocs.yml)
    docs_dir: str  # repository-relative, no trailing slash
    site_dir: str
    archive: str
    policies: str
    report: str
    includes: str
    lang: str
    on_blocked: str
    column_index: bool
    per_page: int
    disclosure: bool
    max_file_mb: int
    cache: str = ""  # the findings cache folder (relative to the configuration's folder, or absolute); "": none
    has_nav: bool = False  # the configuration (or a file it inherits) writes its own nav
    home_items: int = 5  # the newest items of each column appended to an approved home page (0: none)
    #: ``markdown_extensions`` as written (plain values; tags unresolved): the rendered preview's.
    markdown_extensions: tuple[Any, ...] = field(default=(), compare=False)
    #: ``site_url`` (None: not set, so links in feeds are relative and the sitemap is empty)
    #: and ``use_directory_urls``, as the generator reads them: where each page is served.
    site_url: str | None = None
    directory_urls: bool = True
    #: Atom feeds of the whole site and of each column, written into the snapshot.
    feeds: bool = True

    @property
    def docs_prefix(self) -> str:
        return self.docs_dir + "/"

    @property
    def written_by_publish(self) -> tuple[str, ...]:
        """What only the publish workflow writes, never a pull request (R-55): the archive's
        folder (the file itself when it lies at the top of the repository), the include map
        and the verdict report (evidence the build reads or writes, never judged as content)."""
        folder = posixpath.dirname(self.archive)
        return (folder or self.archive, self.includes, self.report)

    def in_docs(self, path: str) -> bool:
        return path.startswith(self.docs_prefix)


@functools.cache
def default_settings(config: str = "mkdocs.yml") -> Settings:
    """The settings of a configuration that sets nothing: every default of the plugin's schema."""
    return read_settings(config, lambda name: "{}" if name == config else None)


def _plain_dir(value: Any, key: str, where: str, default: str) -> str:
    if value is None:
        return default
    if not isinstance(value, str) or not value.strip():
        raise SettingsError(msg("config_dir_not_plain", where=where, key=key))
    norm = posixpath.normpath(value.strip().replace("\\", "/"))
    if norm.startswith("../") or norm == ".." or posixpath.isabs(norm) or norm == ".":
        raise SettingsError(msg("config_dir_outside", where=where, key=key, value=value))
    return norm


def read_settings(config: str, read: Callable[[str], str | None]) -> Settings:
    """Settings from the configuration file named ``config`` (repository-relative);
    ``read(path)`` gives a repository file's text, or None if there is none.
    Raises SettingsError naming the file, the line and the key."""
    data = parse_config(config, read)
    where = config
    docs_dir = _plain_dir(data.values.get("docs_dir"), "docs_dir", data.where("docs_dir"), "docs")
    site_dir = _plain_dir(data.values.get("site_dir"), "site_dir", data.where("site_dir"), "site")
    options = data.plugin_options
    schema = plain_options(options)
    if schema is None:  # something to refuse: the plugin's own schema says what, in its words
        schema = _validated(options, data.where("plugins"))
    if schema.per_page < 1:
        raise SettingsError(msg("config_per_page_where", where=where))
    cache = _cache_dir(schema.cache, data.where("plugins"), {"site_dir": site_dir, "docs_dir": docs_dir})
    norm = posixpath.normpath
    return Settings(
        config=config,
        docs_dir=docs_dir,
        site_dir=site_dir,
        archive=norm(schema.archive),
        policies=norm(schema.policies),
        report=norm(schema.report),
        includes=norm(schema.includes),
        lang=schema.lang,
        on_blocked=schema.on_blocked,
        column_index=schema.column_index,
        per_page=schema.per_page,
        disclosure=schema.disclosure,
        max_file_mb=schema.max_file_mb,
        cache=cache,
        has_nav="nav" in data.values,
        home_items=max(schema.home_items, 0),
        markdown_extensions=tuple(extensions) if isinstance(extensions := data.values.get("markdown_extensions"), list) else (),
        site_url=url.strip() if isinstance(url := data.values.get("site_url"), str) and url.strip() else None,
        directory_urls=data.values.get("use_directory_urls") is not False,
        feeds=schema.feeds,
    )


#: The plugin's options (govreview.plugin.config.GovreviewConfig) with their defaults;
#: tests/test_settings_options.py checks that both agree.
_DEFAULTS: dict[str, Any] = {
    "archive": "archive/approvals.jsonl",
    "policies": "policies",
    "on_blocked": "withhold",
    "report": ".govreview/report.json",
    "lang": "zh",
    "column_index": True,
    "per_page": 20,
    "disclosure": True,
    "feeds": True,
    "inputs": [],
    "includes": ".govreview/includes.json",
    "max_file_mb": 200,
    "cache": CACHE_FOLDER,
    "home_items": 5,
}
_CHOICES = {"on_blocked": ("withhold", "fail"), "lang": ("zh", "en")}


@dataclass(frozen=True)
class _Options:
    archive: str
    policies: str
    on_blocked: str
    report: str
    lang: str
    column_index: bool
    per_page: int
    disclosure: bool
    feeds: bool
    inputs: list[str]
    includes: str
    max_file_mb: int
    cache: str
    home_items: int


def plain_options(options: Mapping[str, Any]) -> _Options | None:
    """The options as the plugin's schema reads them, when each is plainly what it must be
    (a text, a choice, a flag, a number, a list of texts) or left out; None when anything
    needs the schema's judgement. Reading MkDocs' configuration machinery costs more
    than judging a thousand files, and a site's options are nearly always plain."""
    values: dict[str, Any] = {}
    for name, default in _DEFAULTS.items():
        value = options.get(name)
        if name not in options:
            values[name] = list(default) if name == "inputs" else default
        elif value is None:
            if name == "inputs":
                return None
            values[name] = default
        elif name in _CHOICES:
            if not isinstance(value, str) or value not in _CHOICES[name]:
                return None
            values[name] = value
        elif name == "cache":
            if value is True:
                values[name] = default
            elif value is False:
                values[name] = ""
            elif isinstance(value, str):
                values[name] = value.strip()
            else:
                return None
        elif name == "inputs":
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                return None
            values[name] = list(value)
        elif not isinstance(value, type(default)):
            return None
        else:
            values[name] = value
    return _Options(**values)


def _validated(options: Mapping[str, Any], where: str) -> Any:
    """The options read by the plugin's own schema (raises SettingsError naming the first problem)."""
    from .plugin.config import GovreviewConfig

    schema = GovreviewConfig()
    schema.load_dict(dict(options))
    errors, _warnings = schema.validate()
    if errors:
        name, err = errors[0]
        raise SettingsError(msg("config_option_invalid", where=where, name=name, error=str(err)))
    return schema


def _cache_dir(value: str, where: str, forbidden: dict[str, str]) -> str:
    """The findings cache folder, normalised; never inside site_dir (published) or docs_dir (judged)."""
    if not value:
        return ""
    folder = posixpath.normpath(value.replace("\\", "/"))
    for key, other in forbidden.items():
        if folder == other or folder.startswith(other + "/"):
            raise SettingsError(msg("config_cache_inside", where=where, value=value, key=key, other=other))
    return folder


def settings_on_disk(config_file: Path) -> Settings:
    """Settings of the configuration file ``config_file`` in a work tree, other files it names
    read beside it (plain YAML, nothing imported). Raises SettingsError like :func:`read_settings`."""
    root = config_file.resolve().parent

    def read(name: str) -> str | None:
        try:
            return (root / name).read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError):
            return None

    return read_settings(config_file.name, read)
