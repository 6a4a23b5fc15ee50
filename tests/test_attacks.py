"""Ways an editor could try to get unapproved text onto the public site, each
tried for real with `mkdocs build` (or `govreview check`) on a temporary git site."""

from __future__ import annotations

import os
import subprocess
import sys

from gitsite import MKDOCS, GitSite, article


def site_with(tmp_path, mkdocs: str = MKDOCS) -> GitSite:
    s = GitSite(tmp_path, mkdocs=mkdocs)
    s.commit("config")
    s.approve_inputs()
    s.approve_page("docs/index.md")
    return s


def published_text(site: GitSite) -> str:
    return "".join(
        p.read_text(encoding="utf-8", errors="replace")
        for p in (site.root / "site").rglob("*")
        if p.is_file() and p.suffix in (".html", ".json", ".xml")
    )


def test_posts_another_plugin_excludes_and_renders_itself_are_still_gated(tmp_path):
    # mkdocs-material's blog plugin marks posts EXCLUDED and renders them itself.
    mkdocs = MKDOCS.replace("  - govreview\n", "  - blog:\n      blog_dir: news\n  - govreview\n")
    s = site_with(tmp_path, mkdocs)
    s.write("docs/news/index.md", article("动态"))
    s.write("docs/news/posts/ok.md", "---\ndate: 2026-05-01\ntitle: 已审批的博文\nauthor: 甲\n---\n\n已审批的博文正文。\n")
    s.write("docs/news/posts/bad.md", "---\ndate: 2026-05-02\ntitle: 未审批博文\nauthor: 甲\n---\n\n未审批博文的正文。\n")
    s.commit("posts")
    s.approve_page("docs/news/index.md", "docs/news/posts/ok.md")
    result = s.build()
    assert result.returncode == 0, result.log
    text = published_text(s)
    assert "已审批的博文" in text
    assert "未审批博文" not in text


def test_excluded_metadata_file_used_by_another_plugin_is_gated(tmp_path):
    s = site_with(tmp_path, MKDOCS.replace("  - govreview\n", "  - meta\n  - govreview\n"))
    s.write("docs/news/a.md", article("动态"))
    s.commit("a")
    s.approve_page("docs/news/a.md")
    s.write("docs/news/.meta.yml", "description: 未经审批的描述文字\n")
    assert s.build().returncode == 0
    assert "未经审批的描述文字" not in published_text(s)


def test_unapproved_hook_never_runs_under_govreview_check(tmp_path):
    s = site_with(tmp_path, MKDOCS + "hooks:\n  - hooks/h.py\n")
    s.write("hooks/h.py", "X = 1\n")
    s.commit("hook")
    s.approve_inputs()
    s.merge(["hooks/h.py"], ["gui"], secrecy=None)
    marker = tmp_path / "hook-ran"
    s.write("hooks/h.py", f"open({str(marker)!r}, 'w').write('x')\n")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    proc = subprocess.run([sys.executable, "-m", "govreview.cli", "check"], cwd=tmp_path, capture_output=True, text=True, env=env)
    assert proc.returncode == 1 and "hooks/h.py" in proc.stdout
    assert not marker.exists(), "the unapproved hook must not be imported"


def test_inherited_configuration_is_a_build_input(tmp_path):
    s = site_with(tmp_path, "INHERIT: base.yml\n" + MKDOCS)
    s.write("base.yml", "copyright: 已审批的版权声明\n")
    s.commit("base")
    s.merge(["base.yml"], ["gui"], secrecy=None)
    assert s.build().returncode == 0
    s.write("base.yml", "copyright: 未经审批的版权声明\n")
    result = s.build()
    assert result.returncode != 0 and "base.yml" in result.log
    assert "未经审批的版权声明" not in published_text(s)


def test_snippets_from_the_whole_repository_are_refused(tmp_path):
    s = site_with(tmp_path, MKDOCS + "markdown_extensions:\n  - pymdownx.snippets\n")
    result = s.build()
    assert result.returncode != 0 and "base_path" in result.log


def test_snippet_folder_is_a_build_input(tmp_path):
    cfg = MKDOCS + "markdown_extensions:\n  - pymdownx.snippets:\n      base_path: [snippets]\n"
    s = site_with(tmp_path, cfg)
    s.write("snippets/footer.md", "已审批的片段。\n")
    s.write("docs/news/a.md", article("动态", '--8<-- "footer.md"'))
    s.commit("snippet")
    s.merge(["snippets/footer.md"], ["gui"], secrecy=None)
    s.approve_page("docs/news/a.md")
    assert s.build().returncode == 0
    assert "已审批的片段" in s.html("news/a/index.html")
    s.write("snippets/footer.md", "未经审批的片段文字。\n")
    result = s.build()
    assert result.returncode != 0 and "snippets/footer.md" in result.log


def test_a_page_cannot_choose_the_policy_category(tmp_path):
    s = site_with(tmp_path)
    s.write("docs/news/sneaky.md", article("只经规则负责人审批的页面", category="policy"))
    s.commit("sneaky")
    s.merge(["docs/news/sneaky.md"], ["gui"], secrecy=None)
    result = s.build()
    assert s.html("news/sneaky/index.html") is None and "policy" in result.log


def test_active_content_in_a_column_needs_the_columns_approvals_too(tmp_path):
    s = site_with(tmp_path)
    s.write("docs/news/notice.html", "<p>只经规则负责人审批的网页</p>")
    s.commit("html")
    s.merge(["docs/news/notice.html"], ["gui"], secrecy=None)
    result = s.build()
    assert result.returncode != 0 and "notice.html" in result.log
    s.merge(["docs/news/notice.html"], ["gui", "hana", "dong"])
    assert s.build().returncode == 0
    assert (tmp_path / "site/news/notice.html").is_file()


def test_symlinked_build_input_is_not_approved_by_its_target(tmp_path):
    s = site_with(tmp_path, MKDOCS.replace("  font: false\n", "  font: false\n  custom_dir: overrides\n"))
    s.write("overrides/partials/copyright.html", "<p>已审批的页脚</p>")
    s.commit("overrides")
    s.approve_inputs()
    s.merge(["overrides/partials/copyright.html"], ["gui"], secrecy=None)
    assert s.build().returncode == 0
    (tmp_path / "overrides/partials/footer.html").symlink_to(tmp_path / "overrides/partials/copyright.html")
    result = s.build()
    assert result.returncode != 0 and "footer.html" in result.log and "符号链接" in result.log


def test_dangling_symlink_and_impossible_dates_give_messages_not_tracebacks(tmp_path):
    s = site_with(tmp_path)
    (tmp_path / "docs/news").mkdir(parents=True, exist_ok=True)
    (tmp_path / "docs/news/gone.md").symlink_to(tmp_path / "nowhere.md")
    s.write(
        "docs/news/feb30.md",
        article(
            "二月三十日",
        ).replace("2026-05-10", "2026-02-30"),
    )
    result = s.build()
    assert result.returncode == 0 and "Traceback" not in result.log
    assert "gone.md" in result.log and "feb30.md" in result.log


def test_per_page_must_be_positive(tmp_path):
    s = site_with(tmp_path, MKDOCS.replace("  - govreview\n", "  - govreview:\n      per_page: 0\n"))
    result = s.build()
    assert result.returncode != 0 and "per_page" in result.log and "Traceback" not in result.log
