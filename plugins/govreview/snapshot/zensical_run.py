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

from .includes import IncludeObserver
from .manifest import FOLDER


def main(argv: list[str]) -> int:
    root, docs_dir, _, *rest = argv
    observer = IncludeObserver.install(Path(root))
    import zensical.markdown.render as render_module  # the generator is an optional extra
    from zensical.main import cli

    original = render_module.render

    @functools.wraps(original)
    def render(content: str, path: str, *args: Any, **kwargs: Any) -> Any:
        observer.start(f"{docs_dir}/{path}".replace("\\", "/"))
        try:
            return original(content, path, *args, **kwargs)
        finally:
            observer.stop()

    render_module.render = render

    def save() -> None:
        import json

        out = Path(root) / FOLDER / "includes.observed.json"
        out.write_text(json.dumps(observer.observed(), ensure_ascii=False), encoding="utf-8")

    atexit.register(save)
    sys.argv = ["zensical", *rest]
    try:
        cli()
    except SystemExit as done:
        return int(done.code or 0) if not isinstance(done.code, str) else 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
