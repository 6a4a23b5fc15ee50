"""Writing the admin app: ``index.html``, ``config.yml`` and Decap's own files, copied from the
npm package the site installs (package.json pins ``decap-cms``). Nothing comes from a CDN
and nothing is downloaded: without the package the build is refused.

Two changes to what Decap does by itself:

* its GitHub backend asks www.githubstatus.com whether GitHub is up, each time it checks
  the login (no setting turns this off in 3.x). Editors' browsers in China should reach
  only the forge: the call is replaced by "operational" in the copied bundle, and a bundle
  in which the call cannot be found is refused rather than copied unpatched;
* R-04 (only the website office publishes): Decap's publish action cannot be switched off
  by configuration. ``index.html`` carries a small script that removes the publish and
  unpublish controls and the workflow board's 就绪 (ready to publish) column. This is a
  courtesy: the enforcement is the branch ruleset ``govreview doctor`` checks, so an
  editor's merge fails on the server whatever the page shows.

And one addition: pasting from WPS/Word (``paste.js``, written as ``govreview-paste.js`` with
turndown and its GFM plugin from the same ``node_modules``): tables arrive as pipe tables and
pictures as attachments beside the page, through Decap's own media handling; a picture the
browser cannot read is named to the editor instead of leaving a broken link (R-20, R-21).
"""

from __future__ import annotations

import html
import json
import re
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..core.policy import Policy
from ..messages import Problem, msg, say
from .config import Backend, collection_name, decap_config

#: The version package.json pins; the patch below is checked against its bundle.
PINNED = "3.16.3"
BUNDLE = "decap-cms.js"
PACKAGE_DIST = Path("node_modules") / "decap-cms" / "dist"

#: The GitHub backend's status check: fetch githubstatus.com's components, all "operational"?
_STATUS_CALL = re.compile(
    r"await [\w$]+\([\w$]+\)\.then\(\w=>\w\.json\(\)\)"
    r'\.then\(\w=>\w\.components\.filter\(\w=>[\w$]+\.includes\(\w\.name\)\)\.every\(\w=>"operational"===\w\.status\)\)'
    r'\.catch\(\w=>\(console\.warn\("Failed getting GitHub status",\w\),!0\)\)'
)
_STATUS_HOST = "https://www.githubstatus.com"

#: Controls that merge into, or delete from, the published branch (zh_Hans and English labels).
_PUBLISH_LABELS = (
    "发布",
    "立即发布",
    "发布，然后新建内容",
    "发布，然后复制内容",
    "发布修改",
    "发布新内容",
    "撤销发布",
    "删除已发布的内容",
    "Publish",
    "Publish now",
    "Publish and create new",
    "Publish and duplicate",
    "Publish changes",
    "Publish new entry",
    "Unpublish",
    "Delete published entry",
)
#: The workflow board's last column, whose cards carry the publish button; and the same status
#: in the editor's status menu: "ready to publish" is the office's call, not the editor's.
_READY_COLUMN = ("就绪", "Ready")

NO_PUBLISH_SCRIPT = """(function () {
  "use strict";
  // R-04: only the website office publishes. Decap cannot switch its publish action off, so
  // this page removes the controls that merge or unpublish. The branch ruleset is what
  // enforces the rule: an editor's merge is refused by the server whatever this page shows.
  var LABELS = %(labels)s;
  var COLUMNS = %(columns)s;
  var MARK = "data-govreview-r04";
  function text(el) { return (el.textContent || "").replace(/\\s+/g, " ").trim(); }
  function hide(el) {
    el.style.setProperty("display", "none", "important");
    el.setAttribute("aria-hidden", "true");
    el.setAttribute(MARK, "hidden");
    if ("disabled" in el) { el.disabled = true; }
  }
  function sweep() {
    document.querySelectorAll("button, [role=button], [role=menuitem], a, li").forEach(function (el) {
      if (!el.hasAttribute(MARK) && LABELS.indexOf(text(el)) >= 0) { hide(el); }
    });
    document.querySelectorAll("h2").forEach(function (h) {
      var column = h.parentElement;
      if (column && !column.hasAttribute(MARK) && COLUMNS.indexOf(text(h)) >= 0) { hide(column); }
    });
  }
  var queued = false;
  new MutationObserver(function () {
    if (!queued) { queued = true; window.requestAnimationFrame(function () { queued = false; sweep(); }); }
  }).observe(document.documentElement, { childList: true, subtree: true, characterData: true });
  sweep();
})();
"""


#: The paste helper and the libraries it converts with: (file written in OUT, file in node_modules).
PASTE_SCRIPT = "govreview-paste.js"
PASTE_LIBRARIES = (
    ("turndown.js", Path("turndown") / "lib" / "turndown.browser.umd.js"),
    ("turndown-plugin-gfm.js", Path("@joplin") / "turndown-plugin-gfm" / "lib" / "turndown-plugin-gfm.cjs.js"),
)
#: What the paste helper says to editors (zh_Hans, like Decap's own interface): catalogue codes.
_PASTE_TEXT = {
    "heading": "editor_paste_heading",
    "unreadable": "editor_paste_unreadable",
    "unnamed": "editor_paste_unnamed",
    "failed": "editor_paste_failed",
}


class EditorError(Problem):
    """The admin app cannot be written; nothing was (or only part of OUT was) written."""


@dataclass(frozen=True)
class Written:
    out: Path
    collections: tuple[str, ...]
    files: int


def find_bundle(given: Path | None, places: Sequence[Path]) -> Path:
    """Decap's ``decap-cms.js``: ``--decap-js`` as given, else in ``node_modules`` of the
    first of ``places`` that has it. Refused (with the places looked at) when absent."""
    candidates = [given] if given is not None else [p / PACKAGE_DIST / BUNDLE for p in places]
    for path in candidates:
        if path.is_file():
            return path
    raise EditorError(msg("editor_no_bundle", paths="、".join(str(p) for p in candidates), pinned=PINNED))


def patch_status_check(code: str, path: Path) -> str:
    """The bundle with the GitHub backend's githubstatus.com call replaced by "operational"."""
    patched, count = _STATUS_CALL.subn("!0", code)
    if count != 1:
        raise EditorError(msg("editor_bundle_unknown", path=path, pinned=PINNED))
    return patched.replace(_STATUS_HOST, "")


def paste_files(bundle: Path) -> dict[str, str]:
    """The paste helper's files (name in OUT → text): turndown and its GFM plugin from the
    ``node_modules`` that holds Decap's bundle, and ``paste.js`` with the editors' messages."""
    modules = bundle.parent.parent.parent
    files: dict[str, str] = {}
    for name, relative in PASTE_LIBRARIES:
        path = modules / relative
        try:
            code = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            raise EditorError(msg("editor_no_paste_library", path=path)) from None
        if name == "turndown-plugin-gfm.js":  # a CommonJS module, no browser build: given its exports object
            code = "(function (exports) {\n" + code + "\n})(window.turndownPluginGfm = {});\n"
        files[name] = code
    texts = {key: say(msg(code, n="{n}", name="{name}"), "zh") for key, code in _PASTE_TEXT.items()}
    script = (Path(__file__).parent / "paste.js").read_text(encoding="utf-8")
    files[PASTE_SCRIPT] = script.replace("__TEXT__", json.dumps(texts, ensure_ascii=False))
    return files


def index_html(site_name: str) -> str:
    script = NO_PUBLISH_SCRIPT % {
        "labels": json.dumps(_PUBLISH_LABELS + _READY_COLUMN, ensure_ascii=False),
        "columns": json.dumps(_READY_COLUMN, ensure_ascii=False),
    }
    title = html.escape(f"{site_name} · 信息编辑（内部使用，不公开）")
    return (
        "<!doctype html>\n"
        '<html lang="zh-Hans">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="robots" content="noindex, nofollow">\n'
        '<meta name="referrer" content="no-referrer">\n'
        f"<title>{title}</title>\n"
        '<link href="config.yml" type="text/yaml" rel="cms-config-url">\n'
        "</head>\n<body>\n"
        f'<script src="{BUNDLE}"></script>\n'
        + "".join(f'<script src="{name}"></script>\n' for name, _ in PASTE_LIBRARIES)
        + f'<script src="{PASTE_SCRIPT}"></script>\n'
        f"<script>\n{script}</script>\n"
        "</body>\n</html>\n"
    )


def refuse_inside(out: Path, folders: Sequence[tuple[str, Path]]) -> None:
    """The admin is never published: OUT may not be in (or hold) site_dir or docs_dir."""
    for key, folder in folders:
        if out == folder or out.is_relative_to(folder) or folder.is_relative_to(out):
            raise EditorError(msg("editor_out_in_site", out=out, key=key, folder=folder))


def write_admin(out: Path, bundle: Path, policy: Policy, docs_dir: str, backend: Backend) -> Written:
    """Write the admin app into ``out`` (the caller has refused a published folder)."""
    try:
        code = bundle.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise EditorError(msg("editor_bundle_unreadable", path=bundle, error=err)) from None
    patched = patch_status_check(code, bundle)
    pasting = paste_files(bundle)
    config = decap_config(policy, docs_dir, backend)
    out.mkdir(parents=True, exist_ok=True)
    # Decap loads its parts (numbered chunks, WebAssembly) from beside decap-cms.js.
    parts = [p for p in sorted(bundle.parent.iterdir()) if p.is_file() and (p.name.endswith("." + BUNDLE) or p.suffix == ".wasm")]
    for part in parts:
        shutil.copyfile(part, out / part.name)
    licence = bundle.parent / (BUNDLE + ".LICENSE.txt")
    if licence.is_file():
        shutil.copyfile(licence, out / licence.name)
    (out / BUNDLE).write_text(patched, encoding="utf-8")
    header = "# 由 govreview editor build 根据 policies/ 生成，请勿手工修改：规则改了就重新生成。\n"
    (out / "config.yml").write_text(header + yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    for name, text in pasting.items():
        (out / name).write_text(text, encoding="utf-8")
    (out / "index.html").write_text(index_html(policy.site.name), encoding="utf-8")
    names = tuple(collection_name(c) for c in policy.columns.values())
    return Written(out, names, len(parts) + 3 + len(pasting))
