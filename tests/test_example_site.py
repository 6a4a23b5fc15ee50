"""The shipped example site: its archive is current, and a real build withholds
exactly the three pages that the example's history leaves unapproved."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from gitsite import example_repo

ROOT = Path(__file__).resolve().parent.parent
WITHHELD = {
    "news/2026-03-12-jingbao-shiming-zhunbei.md": "R-17",
    "notices/2026-11-10-shenpi-banli-didian-tiaozheng.md": "R-02",
    "replies/2026-08-14-renfang-churukou-duzhan.md": "R-03",
}


def test_the_shipped_archive_is_what_the_generator_makes(tmp_path):
    out = tmp_path / "approvals.jsonl"
    subprocess.run([sys.executable, str(ROOT / "tools" / "make_example_archive.py"), str(out)], check=True, capture_output=True)
    shipped = (ROOT / "archive" / "approvals.jsonl").read_text(encoding="utf-8")
    assert out.read_text(encoding="utf-8") == shipped, "run: python tools/make_example_archive.py"


def test_example_build_withholds_exactly_the_unapproved_pages(tmp_path):
    for name in ("docs", "policies", "archive", "overrides"):
        shutil.copytree(ROOT / name, tmp_path / name)
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("GOVREVIEW_LANG", None)
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build"], cwd=tmp_path, capture_output=True, text=True, env=env)
    log = proc.stdout + proc.stderr
    assert proc.returncode == 0, log

    pages = {p.relative_to(tmp_path / "docs").as_posix() for p in (tmp_path / "docs").rglob("*.md")}
    for page in pages:
        out = tmp_path / "site" / (page[: -len(".md")] + "/index.html" if not page.endswith("index.md") else page[:-3] + ".html")
        assert out.is_file() == (page not in WITHHELD), page
    for page, rule in WITHHELD.items():
        assert page in log and f"[{rule}]" in log
    assert "未审批，不予发布" in log

    report = json.loads((tmp_path / ".govreview" / "report.json").read_text(encoding="utf-8"))
    blocked = {f["path"]: f for f in report["files"] if not f["approved"]}
    assert set(blocked) == set(WITHHELD)
    for page, rule in WITHHELD.items():
        assert rule in {r["rule"] for r in blocked[page]["reasons"]}
        assert all(r["message"] for r in blocked[page]["reasons"])
    # Attachments of approved pages are published.
    for attachment in ("policies/jiang-renfang-gui-2026-1.pdf", "news/jingbao-shiming.png", "about/contact.csv"):
        assert (tmp_path / "site" / attachment).is_file()
    # The disclosure block is on approved articles; the site loads no foreign fonts.
    article = (tmp_path / "site" / "policies" / "2026-02-26-renfang-gongcheng-weihu-guanli-banfa" / "index.html").read_text(
        encoding="utf-8"
    )
    assert "govreview-disclosure" in article and "江人防规〔2026〕1号" in article
    assert "fonts.googleapis.com" not in article


def _pages(tmp_path: Path) -> set[str]:
    return {p.relative_to(tmp_path / "docs").as_posix() for p in (tmp_path / "docs").rglob("*.md")}


def _out(site: Path, page: str) -> Path:
    return site / (page[: -len(".md")] + "/index.html" if not page.endswith("index.md") else page[:-3] + ".html")


@pytest.mark.parametrize("generator", ["mkdocs", "zensical"])
def test_example_builds_from_the_snapshot_with_either_generator(tmp_path, generator):
    example_repo(tmp_path)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("GOVREVIEW_LANG", None)
    cmd = [sys.executable, "-m", "govreview.cli", "build", "--generator", generator]
    proc = subprocess.run(cmd, cwd=tmp_path, capture_output=True, text=True, env=env)
    log = proc.stdout + proc.stderr
    assert proc.returncode == 0, log
    site = tmp_path / "site"
    for page in _pages(tmp_path):
        assert _out(site, page).is_file() == (page not in WITHHELD), page
    for page, rule in WITHHELD.items():
        assert f"docs/{page}" in log and f"[{rule}]" in log
    everything = "".join(p.read_text(encoding="utf-8", errors="replace") for p in site.rglob("*") if p.suffix in (".html", ".json", ".xml"))
    for page in WITHHELD:
        assert Path(page).stem not in everything, page  # no link, no search entry, no sitemap line
    article = _out(site, "policies/2026-02-26-renfang-gongcheng-weihu-guanli-banfa.md").read_text(encoding="utf-8")
    assert "govreview-disclosure" in article and "江人防规〔2026〕1号" in article
    index = (site / "news" / "index.html").read_text(encoding="utf-8")
    assert "2026-09-19-jingbao-shiming-shunli-wancheng" in index  # the generated column index lists approved articles
    # the feeds are files of the snapshot: either generator publishes them (tests/test_disclosure_feeds.py)
    assert "2026-09-19-jingbao-shiming-shunli-wancheng" in (site / "news" / "atom.xml").read_text(encoding="utf-8")
    assert "<th>政策解读</th>" in article and (site / "atom.xml").is_file()
    assert not (tmp_path / "site" / ".govreview-snapshot").exists()
    report = json.loads((tmp_path / ".govreview" / "report.json").read_text(encoding="utf-8"))
    assert {f["path"] for f in report["files"] if not f["approved"]} == set(WITHHELD)
