"""``govreview editor build`` and pasting from WPS/Word (issue 17): the admin carries turndown,
its GFM plugin and the paste helper, copied from the site's ``node_modules`` (nothing from a
CDN), loaded after Decap's bundle; the helper's words for editors come from the catalogue; and
without turndown the build is refused with a message naming the missing file, writing nothing.
The helper itself is driven in a browser by tests/test_editor_paste_browser.py."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from gitsite import example_repo, run_govreview

ROOT = Path(__file__).resolve().parent.parent
MODULES = ROOT / "node_modules"
BUNDLE = MODULES / "decap-cms" / "dist" / "decap-cms.js"
RELAY = "https://cms-auth.example.gov.cn"


@pytest.fixture(scope="module")
def admin(tmp_path_factory: pytest.TempPathFactory) -> Path:
    assert BUNDLE.is_file() and (MODULES / "turndown").is_dir(), "run npm install (decap-cms, turndown)"
    site = example_repo(tmp_path_factory.mktemp("paste") / "site")
    proc = run_govreview(site, "editor", "build", "../admin", "--repo", "jiangan/site", "--auth-url", RELAY, "--decap-js", str(BUNDLE))
    assert proc.returncode == 0, proc.stderr
    return site.parent / "admin"


def test_the_libraries_are_copied_from_the_pinned_packages(admin):
    pins = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))["dependencies"]
    assert pins["turndown"] == "7.2.5" and pins["@joplin/turndown-plugin-gfm"] == "1.0.68"
    assert (admin / "turndown.js").read_bytes() == (MODULES / "turndown" / "lib" / "turndown.browser.umd.js").read_bytes()
    gfm = (admin / "turndown-plugin-gfm.js").read_text(encoding="utf-8")
    original = (MODULES / "@joplin" / "turndown-plugin-gfm" / "lib" / "turndown-plugin-gfm.cjs.js").read_text(encoding="utf-8")
    assert original in gfm and gfm.rstrip().endswith("})(window.turndownPluginGfm = {});")


def test_index_loads_them_after_decap_and_nothing_from_outside(admin):
    index = (admin / "index.html").read_text(encoding="utf-8")
    scripts = re.findall(r'<script src="([^"]+)"></script>', index)
    assert scripts == ["decap-cms.js", "turndown.js", "turndown-plugin-gfm.js", "govreview-paste.js"]
    assert index.index("govreview-paste.js") < index.index("MutationObserver")  # then the R-04 script
    assert not re.search(r"(src|href)=\"(https?:)?//", index)


def test_the_helper_speaks_chinese_from_the_catalogue(admin):
    script = (admin / "govreview-paste.js").read_text(encoding="utf-8")
    assert "__TEXT__" not in script
    texts = json.loads(re.search(r"var TEXT = (\{.*?\});\n", script).group(1))
    assert set(texts) == {"heading", "unreadable", "unnamed", "failed"}
    assert texts["unreadable"] == "第 {n} 张图片「{name}」：请用正文工具栏的图片按钮上传这张图片，再放到原来的位置"
    assert 'CMS.registerWidget("markdown", Control' in script  # wraps Decap's own markdown widget


def test_the_helper_parses_as_javascript(admin):
    node = shutil.which("node")
    assert node
    for name in ("turndown.js", "turndown-plugin-gfm.js", "govreview-paste.js"):
        proc = subprocess.run([node, "--check", str(admin / name)], capture_output=True, text=True)
        assert proc.returncode == 0, name + proc.stderr


def test_without_turndown_the_build_is_refused_and_nothing_written(tmp_path):
    site = example_repo(tmp_path / "site")
    lonely = tmp_path / "elsewhere" / "node_modules" / "decap-cms" / "dist"
    lonely.mkdir(parents=True)
    shutil.copyfile(BUNDLE, lonely / "decap-cms.js")
    args = ("--repo", "a/b", "--auth-url", RELAY, "--decap-js", str(lonely / "decap-cms.js"))
    proc = run_govreview(site, "editor", "build", "../admin", *args)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert "turndown.browser.umd.js" in proc.stderr and "npm install" in proc.stderr and "未写出任何内容" in proc.stderr
    assert not (tmp_path / "admin").exists()
    english = run_govreview(site, "editor", "build", "../admin", *args, lang="en")
    assert english.returncode == 2 and "converts tables pasted from WPS/Word" in english.stderr
