"""``govreview preview``: a pull request's pages built on the base's approved build inputs,
with the unapproved banner, outside the public site; the pull request's own hooks never run."""

from __future__ import annotations

from pathlib import Path

from gitsite import article
from test_snapshot_attacks import approved_site, govreview, marker_hook

MKDOCS_WITH_HOOK = """\
site_name: 测试站
theme:
  name: material
  font: false
plugins:
  - search
  - govreview
hooks:
  - hooks/approved.py
"""


def test_a_pull_requests_pages_preview_on_the_base_inputs_and_its_hook_never_runs(tmp_path: Path) -> None:
    good = tmp_path / "marks" / "approved-hook-ran"
    evil = tmp_path / "marks" / "pull-request-hook-ran"
    site = approved_site(
        tmp_path,
        mkdocs=MKDOCS_WITH_HOOK,
        inputs={"hooks/approved.py": marker_hook(good)},
        pages={"docs/news/old.md": article("旧闻", "已经发布的正文。"), "docs/news/gone.md": article("将删除", "要删除的正文。")},
    )
    site.save_archive()
    base = site.git("rev-parse", "HEAD")
    site.git("switch", "-q", "-c", "pr")
    # The pull request: an edited page, a new page, a deleted page, and a hook of its own.
    site.write("docs/news/old.md", article("旧闻", "修改后的正文，尚未审批。"))
    site.write("docs/news/new.md", article("新闻", "新写的正文，尚未审批。"))
    site.git("rm", "-q", "docs/news/gone.md")
    site.write("hooks/evil.py", marker_hook(evil, "钩子加入的文字"))
    site.write("mkdocs.yml", MKDOCS_WITH_HOOK + "  - hooks/evil.py\n")
    head = site.commit("pull request")
    out = tmp_path / "preview"

    proc = govreview(site, "preview", "--base", base, "--head", head, "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    assert not evil.exists(), "the pull request's hook must never run"
    assert good.exists(), "the base's approved hook runs, as in the published build"
    new = (out / "news/new/index.html").read_text(encoding="utf-8")
    old = (out / "news/old/index.html").read_text(encoding="utf-8")
    assert "新写的正文，尚未审批。" in new and "修改后的正文，尚未审批。" in old
    for page in (new, old):
        assert "未审批 · 不得发布" in page and "govreview-unapproved" in page
    assert "钩子加入的文字" not in new
    assert not (out / "news/gone").exists(), "a page the pull request deletes is not shown"
    assert "hooks/evil.py" in proc.stdout and "mkdocs.yml" in proc.stdout, "the left-out input changes are named"
    assert not (site.root / "site").exists(), "the public site folder is never written"


def test_a_preview_is_never_written_into_the_site_folder(tmp_path: Path) -> None:
    site = approved_site(tmp_path, pages={"docs/news/old.md": article("旧闻")})
    site.save_archive()
    base = site.git("rev-parse", "HEAD")
    site.write("docs/news/old.md", article("旧闻", "改动"))
    head = site.commit("edit")
    proc = govreview(site, "preview", "--base", base, "--head", head, "-o", str(site.root / "site" / "preview"))
    assert proc.returncode == 1 and "不能写进站点目录" in proc.stderr
    assert not (site.root / "site").exists()
