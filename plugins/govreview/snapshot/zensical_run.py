"""Run Zensical on an approved snapshot, observing which files each page includes.

Zensical ignores MkDocs plugins, so govreview's second line cannot run inside it;
the snapshot is what makes its output safe. Its Markdown is still converted by
Python-Markdown in this process (``zensical.markdown.render.render``), so the
same audit hook as in MkDocs builds attributes opened files to the page being
converted. Usage (by ``govreview build --generator zensical``):

    python -m govreview.snapshot.zensical_run SNAPSHOT_ROOT DOCS_DIR -- zensical-arguments…
"""

from __future__ import annotations

import atexit
import functools
import sys
from pathlib import Path
from typing import Any

from ..core.html_text import visible_text
from .includes import IncludeObserver
from .manifest import FOLDER, INCLUDES_OBSERVED, RENDERED_OBSERVED


def main(argv: list[str]) -> int:
    root, docs_dir, _, *rest = argv
    observer = IncludeObserver.install(Path(root))
    import zensical.markdown.render as render_module  # the generator is an optional extra
    from zensical.main import cli

    original = render_module.render
    rendered: dict[str, list[str]] = {}

    @functools.wraps(original)
    def render(content: str, path: str, *args: Any, **kwargs: Any) -> Any:
        page = f"{docs_dir}/{path}".replace("\\", "/")
        observer.start(page)
        try:
            result = original(content, path, *args, **kwargs)
        finally:
            observer.stop()
        rendered[page] = [visible_text(_title(result, args, kwargs)), visible_text(str(result.get("content") or ""))]
        return result

    render_module.render = render

    def save() -> None:
        import json

        folder = Path(root) / FOLDER
        (folder / INCLUDES_OBSERVED).write_text(json.dumps(observer.observed(), ensure_ascii=False), encoding="utf-8")
        (folder / RENDERED_OBSERVED).write_text(json.dumps(rendered, ensure_ascii=False), encoding="utf-8")

    atexit.register(save)
    sys.argv = ["zensical", *rest]
    try:
        cli()
    except SystemExit as done:
        return int(done.code or 0) if not isinstance(done.code, str) else 1
    return 0


def _title(result: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> str:
    """The page's title as Zensical shows it: the one the page set, else the one it was given
    (``render(content, path, url, metadata, title, navigation_title)``)."""
    given = kwargs.get("title", args[2] if len(args) > 2 else None)
    meta = result.get("meta") if isinstance(result, dict) else None
    for value in (result.get("title") if isinstance(result, dict) else None, (meta or {}).get("title"), given):
        if isinstance(value, str) and value.strip():
            return value
    return ""


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
