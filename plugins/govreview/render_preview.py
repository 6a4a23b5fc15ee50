"""Pages rendered before the merge, so reviewers see what only the rendered text shows.

The pull-request check has no build: it renders each changed page with Python-Markdown
and the Markdown extensions the BASE configuration lists (as MkDocs does: ``toc``,
``tables`` and ``fenced_code`` first), and screens the visible text and the title like
the published build does (:mod:`govreview.core.rendered`). A finding only the rendered
text shows is then in the table, with the line a clearing review writes, before anyone
approves.

Nothing from the repository runs here: an extension, or a ``!!python/name:`` value
(mkdocs-material's emoji index), is used only when it comes from an installed package;
extensions that read files (snippets, inlined images) are left out, since the check
reads the pull request through the forge, not from disk. Plugins and hooks (macros …)
do not run either: the published build screens the text they add, and withholds a page
whose rendered text shows an uncleared block.
"""

from __future__ import annotations

import contextlib
import importlib
import importlib.util
import os
import signal
import sys
import threading
import time
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import markdown

from .core.html_text import visible_text
from .core.rendered import RenderedPage
from .site_config import PythonName

#: Pages longer than this (characters) are not rendered here, nor any that takes longer than this (seconds).
MAX_CHARS = 200_000
MAX_SECONDS = 5.0
#: What rendering may take for one check in all (seconds): past it, pages are screened from their source only.
TOTAL_SECONDS = 120.0
#: What MkDocs puts before the configured extensions.
_MKDOCS_DEFAULTS = ("toc", "tables", "fenced_code")
#: Extensions that read files from disk or the network: the preview has neither.
_READS_FILES = ("pymdownx.snippets", "pymdownx.b64", "markdown_include", "mdx_include")


#: Where installed modules live: the environment and the Python it was made from.
_INSTALLED = tuple({Path(os.path.realpath(p)) for p in (sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix)})


def _is_installed(place: str) -> bool:
    origin = Path(os.path.realpath(place))
    return any(origin.is_relative_to(prefix) for prefix in _INSTALLED)


class PreviewUnavailable(Exception):
    """The base configuration's extensions cannot be set up here; ``args[0]`` says which and why."""


class Preview:
    """One Markdown converter for the pages of a pull request."""

    def __init__(self, extensions: tuple[Any, ...]) -> None:
        self.skipped: list[str] = []  # pages the caller could not have rendered (too large, too slow, or failed)
        self.spent = 0.0  # seconds spent rendering so far (bounded by TOTAL_SECONDS)
        names: list[str] = list(_MKDOCS_DEFAULTS)
        configs: dict[str, dict[str, Any]] = {}
        for entry in extensions:
            name, options = (entry, {}) if isinstance(entry, str) else _single(entry)
            if name.split(":")[0] in _READS_FILES:
                continue
            self._installed(name.split(":")[0])
            if name not in names:
                names.append(name)
            if options:
                configs[name] = {k: self._resolve(v) for k, v in options.items()}
        try:
            self.md = markdown.Markdown(extensions=names, extension_configs=configs)
        except Exception as err:  # any extension's own failure: say it, render nothing
            raise PreviewUnavailable(f"{type(err).__name__}: {err}"[:300]) from None

    def _installed(self, module: str) -> None:
        """Refuse a module that is not installed: it, or a package on its way, found outside the
        Python installation and the environment (a file or a folder of the checkout on the module
        path; a namespace package has no file, only folders, and each must be installed)."""
        parts = module.split(".")
        for depth in range(1, len(parts) + 1):
            name = ".".join(parts[:depth])
            try:
                spec = importlib.util.find_spec(name)
            except (ImportError, ValueError):
                spec = None
            if spec is None:
                # Python-Markdown's own short names (toc, tables …) are its modules
                if len(parts) == 1 and importlib.util.find_spec(f"markdown.extensions.{module}") is not None:
                    return
                raise PreviewUnavailable(module)
            places = [spec.origin] if spec.origin is not None else list(spec.submodule_search_locations or ())
            if not places or not all(_is_installed(place) for place in places):
                raise PreviewUnavailable(module)

    def _resolve(self, value: Any) -> Any:
        if isinstance(value, PythonName) and value.name:
            module, _, attr = value.name.rpartition(".")
            self._installed(module)
            try:
                return getattr(importlib.import_module(module), attr)
            except (ImportError, AttributeError) as err:
                raise PreviewUnavailable(value.name) from err
        if isinstance(value, dict):
            return {k: self._resolve(v) for k, v in value.items()}
        if isinstance(value, list):
            return [self._resolve(v) for v in value]
        return value

    def render(self, body: str, meta: Mapping[str, object]) -> RenderedPage | None:
        """The page as a visitor reads it: its title (front matter, else the first heading)
        and the visible text of its body; None when it is too large, too slow, or fails to render
        here (Python-Markdown takes minutes on some texts: the published build has its own
        time limit, and screens what it renders)."""
        left = TOTAL_SECONDS - self.spent
        if len(body) > MAX_CHARS or left <= 0:
            return None
        self.md.reset()
        started = time.monotonic()
        try:
            with _time_limit(min(MAX_SECONDS, left)):
                html = self.md.convert(body)
        except _TooSlow:
            return None
        except Exception:  # an extension's failure, or too deep a nesting (RecursionError): the source is still screened
            return None
        finally:
            self.spent += time.monotonic() - started
        title = meta.get("title")
        if not isinstance(title, str) or not title.strip():
            tokens = getattr(self.md, "toc_tokens", [])
            title = str(tokens[0].get("name", "")) if tokens and tokens[0].get("level") == 1 else ""
        return RenderedPage(visible_text(title), visible_text(html))  # a title's &#49; reads 1 in the browser tab


class _TooSlow(Exception):
    pass


@contextlib.contextmanager
def _time_limit(seconds: float) -> Iterator[None]:
    """Interrupt the block after ``seconds`` of real time (where a timer signal can be set:
    the main thread on a POSIX system; elsewhere only the size limit applies)."""
    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum: int, frame: Any) -> None:
        raise _TooSlow

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _single(entry: Any) -> tuple[str, dict[str, Any]]:
    if isinstance(entry, dict) and len(entry) == 1:
        name, options = next(iter(entry.items()))
        return str(name), dict(options) if isinstance(options, dict) else {}
    raise PreviewUnavailable(str(entry)[:100])
