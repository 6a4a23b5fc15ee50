"""The review's attacks, tried again against ``govreview build``: real git sites with
real approval archives, the real CLI in a subprocess, the generator run inside the
approved snapshot.

Each case shows two things: nothing unapproved reaches ``site/`` (every HTML file,
the search index and the sitemap, read by :func:`published`), and no unapproved
code is imported (hooks write a marker file outside the repository the moment
they are imported). Each starts from a build of the approved site, so the test
also shows that the setup really would publish the text or run the hook.
"""

from __future__ import annotations

import base64
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from gitsite import MKDOCS, POLICY, GitSite, article
from PIL import Image

SECRET = "绝密★10年"
ID_NUMBER = "11010519491231002X"  # a valid check digit: screening recognises it
BLOG = MKDOCS.replace("  - govreview\n", "  - blog:\n      blog_dir: news\n  - govreview\n")


# -- helpers -------------------------------------------------------------------------


def make_site(tmp_path: Path, mkdocs: str = MKDOCS, policy: str = POLICY) -> GitSite:
    """A git site in ``tmp_path/repo``; markers go to ``tmp_path/marks``, outside it.
    Build output, records and the archive file are never committed (as in a real clone)."""
    (tmp_path / "marks").mkdir()
    (tmp_path / "repo").mkdir()
    site = GitSite(tmp_path / "repo", mkdocs=mkdocs, policy=policy)
    (site.root / ".git" / "info" / "exclude").write_text("/site/\n/.govreview/\n/archive/\n", encoding="utf-8")
    return site


def approved_site(
    tmp_path: Path,
    mkdocs: str = MKDOCS,
    inputs: dict[str, str] | None = None,
    pages: dict[str, str | bytes] | None = None,
    policy: str = POLICY,
) -> GitSite:
    """Everything approved: configuration and ``inputs`` by the policy owner, the home
    page and each of ``pages`` by the column's chain, in that order."""
    site = make_site(tmp_path, mkdocs, policy)
    for rel, content in {**(inputs or {}), **(pages or {})}.items():
        site.write(rel, content)
    site.commit("site")
    site.merge(["mkdocs.yml", "policies/site.yml", *(inputs or {})], ["gui"], secrecy=None)
    site.approve_page("docs/index.md")
    for rel in pages or {}:
        site.approve_page(rel)
    return site


def govreview(site: GitSite, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    full = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    full.pop("GOVREVIEW_LANG", None)
    return subprocess.run(
        [sys.executable, "-m", "govreview.cli", *args], cwd=site.root, capture_output=True, text=True, env=full, timeout=600
    )


def published(site: GitSite) -> str:
    """Everything a visitor can read: every HTML page, the search index (MkDocs' and
    Zensical's, JSON unescaped) and the sitemap, as one text."""
    out = site.root / "site"
    indexes = [p for p in (out / "search" / "search_index.json", out / "search.json") if p.is_file()]
    assert indexes and (out / "sitemap.xml").is_file(), f"no site at {out}"
    parts = [p.read_text(encoding="utf-8") for p in sorted(out.rglob("*.html"))]
    parts += [json.dumps(json.loads(p.read_text(encoding="utf-8")), ensure_ascii=False) for p in indexes]
    parts.append((out / "sitemap.xml").read_text(encoding="utf-8"))
    return "\n".join(parts)


def site_files(site: GitSite) -> dict[str, bytes]:
    out = site.root / "site"
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def marker_hook(marker: Path, leak: str = "") -> str:
    """A hook that marks its import, and would publish ``leak`` on every page if it ran."""
    code = f"open({str(marker)!r}, 'w').write('imported')\n"
    if leak:
        code += f"\n\ndef on_page_markdown(markdown, **kwargs):\n    return markdown + '\\n\\n' + {leak!r}\n"
    return code


def ends_with_a_govreview_message(stderr: str, *names: str) -> None:
    """The last thing printed is govreview's own message naming ``names``, not a traceback."""
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert lines, "nothing was said"
    assert not re.match(r"(Traceback|\s+File \"|\s*\^|[A-Za-z.]*(Error|Exception)\b)", lines[-1]), stderr
    tail = "\n".join(lines[-3:])
    for name in names:
        assert name in tail, stderr


def png(color: str) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (3, 3), color).save(out, "PNG")
    return out.getvalue()


# -- 1. hooks through !ENV -------------------------------------------------------------


@pytest.mark.parametrize("generator", ["mkdocs", "zensical"])
def test_env_hook_changed_after_approval_never_runs(tmp_path, generator):
    good, evil = tmp_path / "marks" / "good", tmp_path / "marks" / "evil"
    site = approved_site(
        tmp_path,
        MKDOCS + "hooks:\n  - !ENV [VAR, hooks/h.py]\n",
        inputs={"hooks/h.py": marker_hook(good)},
        pages={"docs/news/a.md": article("已审批的动态")},
    )
    env = {"VAR": "hooks/h.py"}
    first = govreview(site, "build", "--generator", generator, env=env)
    assert first.returncode == 0, first.stderr
    assert "已审批的动态" in published(site)
    assert good.exists() == (generator == "mkdocs"), "MkDocs imports the approved hook (Zensical runs no hooks)"
    before = site_files(site)

    # After approval: the hook is changed on main, and a page carrying a secrecy marking
    # and an ID number is merged with its chain's approvals (screening alone withholds it).
    site.write("hooks/h.py", marker_hook(evil, f"泄露：{SECRET} {ID_NUMBER}"))
    site.write("docs/news/secret.md", article("内部通报", f"{SECRET} 身份证号 {ID_NUMBER}"))
    site.commit("hook changed after approval")
    site.approve_page("docs/news/secret.md")

    result = govreview(site, "build", "--generator", generator, env=env)
    assert result.returncode == 1
    assert "hooks/h.py" in result.stderr and "Traceback" not in result.stderr
    assert not evil.exists(), "the changed hook must never be imported"
    assert site_files(site) == before, "the last good site stays as it was"
    assert SECRET not in published(site) and "110105" not in published(site) and "内部通报" not in published(site)

    check = govreview(site, "check", env=env)
    assert check.returncode == 1 and "✗ hooks/h.py" in check.stdout
    assert not evil.exists(), "govreview check must not import the hook either"


def test_env_paths_into_the_work_tree_lead_into_the_snapshot(tmp_path):
    """An approved configuration may take paths from the environment: PWD (set by the shell
    that runs govreview), a variable naming a hook. Pointing into the work tree, they must
    not let the generator read the work tree's unapproved files."""
    good, evil = tmp_path / "marks" / "good", tmp_path / "marks" / "evil"
    site = approved_site(
        tmp_path,
        MKDOCS + "hooks:\n  - !ENV [VAR, hooks/h.py]\nmarkdown_extensions:\n  - pymdownx.snippets:\n      base_path: [!ENV [PWD, .]]\n",
        inputs={"hooks/h.py": marker_hook(good)},
        pages={"docs/news/note.txt": "已审批的说明文字\n", "docs/news/a.md": article("引用说明的页面", '--8<-- "docs/news/note.txt"')},
    )
    env = {"PWD": str(site.root), "VAR": str(site.root / "hooks" / "h.py")}
    assert govreview(site, "build", env=env).returncode == 0
    assert "已审批的说明文字" in published(site) and good.exists()
    good.unlink()
    # Withheld on main (changed after approval), and edited in the work tree beyond that.
    site.write("docs/news/note.txt", "合并后改动、未经审批的说明文字\n")
    site.commit("note changed without approval")
    site.write("docs/news/note.txt", "工作区里未提交的说明文字\n")
    site.write("hooks/h.py", marker_hook(evil, "未提交钩子的文字"))
    result = govreview(site, "build", env=env)
    assert result.returncode == 0, result.stderr
    text = published(site)
    assert "引用说明的页面" in text
    assert "说明文字" not in text, "neither the withheld nor the uncommitted text"
    assert good.exists() and not evil.exists(), "the approved hook ran, from the snapshot"
    assert "未提交钩子的文字" not in text


# -- 2. INHERIT through !ENV ------------------------------------------------------------


def test_env_inherit_changed_after_approval_stops_everything(tmp_path):
    good, evil = tmp_path / "marks" / "good", tmp_path / "marks" / "evil"
    site = approved_site(
        tmp_path,
        "INHERIT: !ENV [VAR, base.yml]\ndocs_dir: docs\n" + MKDOCS,
        inputs={"base.yml": "copyright: 已审批的版权声明\nhooks:\n  - hooks/b.py\n", "hooks/b.py": marker_hook(good)},
    )
    env = {"VAR": "base.yml"}
    first = govreview(site, "build", env=env)
    assert first.returncode == 0, first.stderr
    assert "已审批的版权声明" in published(site) and good.exists()
    before = site_files(site)

    site.write("base.yml", "copyright: 未经审批的版权声明\nhooks:\n  - hooks/b.py\n  - hooks/evil.py\n")
    site.write("hooks/evil.py", marker_hook(evil))
    site.commit("base changed after approval")
    result = govreview(site, "build", env=env)
    assert result.returncode == 1
    assert "base.yml" in result.stderr and "hooks/evil.py" in result.stderr
    assert not evil.exists()
    assert site_files(site) == before
    assert "未经审批的版权声明" not in published(site)

    check = govreview(site, "check", env=env)
    assert check.returncode == 1 and "✗ base.yml" in check.stdout
    assert not evil.exists(), "govreview check imports no hook listed in the inherited file"


# -- 3. a plugin reading .authors.yml in on_config --------------------------------------


def test_blog_authors_file_changed_after_approval(tmp_path):
    authors = "authors:\n  zhang:\n    name: {}\n    description: 办公室\n    avatar: https://example.invalid/a.png\n"
    post = "---\ndate: 2026-05-01\ntitle: 博文\nauthor: 甲\nauthors: [zhang]\n---\n\n博文正文。\n"
    site = make_site(tmp_path, BLOG)
    site.write("docs/news/index.md", article("动态"))
    site.write("docs/news/.authors.yml", authors.format("张已审批"))
    site.write("docs/news/posts/p.md", post)
    site.commit("blog")
    site.approve_inputs()
    site.approve_page("docs/index.md")
    # .authors.yml shapes pages: the policy owner and the column's chain approve it.
    site.merge(["docs/news/index.md", "docs/news/.authors.yml", "docs/news/posts/p.md"], ["gui", "hana", "dong"])
    first = govreview(site, "build")
    assert first.returncode == 0, first.stderr
    assert "张已审批" in published(site) and "博文正文" in published(site)
    before = site_files(site)

    site.write("docs/news/.authors.yml", authors.format("李未审批"))
    site.commit("author renamed after approval")
    result = govreview(site, "build")
    # The blog plugin finds no authors file in the snapshot and stops; govreview says which file.
    assert result.returncode == 1
    ends_with_a_govreview_message(result.stderr, "docs/news/.authors.yml")
    assert site_files(site) == before
    assert "李未审批" not in published(site)


# -- 4. snippet folders, however they are spelled ----------------------------------------

SNIPPET_SPELLINGS = {
    "relative": ("base_path: [!relative $config_dir/snippets]", "snippets/contact.md", "contact.md", {}),
    "env": ("base_path: [!ENV [X, snippets]]", "snippets/contact.md", "contact.md", {"X": "snippets"}),
    "class-key": ("base_path: snippets", "snippets/contact.md", "contact.md", {}),
    "class-key-docs": ("base_path: docs", "docs/news/contact.txt", "news/contact.txt", {}),
}


def snippet_site(tmp_path: Path, spelling: str) -> tuple[GitSite, str, dict[str, str]]:
    option, path, name, env = SNIPPET_SPELLINGS[spelling]
    key = "pymdownx.snippets:SnippetExtension" if spelling.startswith("class-key") else "pymdownx.snippets"
    site = make_site(tmp_path, MKDOCS + f"markdown_extensions:\n  - {key}:\n      {option}\n")
    site.write(path, "联系人：已审批的联系人\n")
    site.write("docs/news/a.md", article("联系方式页面", f'--8<-- "{name}"'))
    site.commit("snippet")
    site.approve_inputs()
    site.approve_page("docs/index.md")
    site.merge([path, "docs/news/a.md"], ["gui", "hana", "dong"])
    return site, path, env


@pytest.mark.parametrize("spelling", list(SNIPPET_SPELLINGS))
def test_snippet_changed_after_approval_is_not_published(tmp_path, spelling):
    site, path, env = snippet_site(tmp_path, spelling)
    first = govreview(site, "build", env=env)
    assert first.returncode == 0, first.stderr
    assert "已审批的联系人" in published(site)
    before = site_files(site)

    site.write(path, "联系人：未经审批的联系人\n")
    site.commit("snippet changed after approval")
    result = govreview(site, "build", env=env)
    assert path in result.stdout + result.stderr
    if path.startswith("docs/"):
        # Inside docs_dir it is content: withheld, the page published without it.
        assert result.returncode == 0, result.stderr
        assert "联系方式页面" in published(site)
    else:
        assert result.returncode == 1, "a changed build input stops everything"
        assert site_files(site) == before
    assert "未经审批的联系人" not in published(site)
    if path.startswith("docs/"):
        assert "已审批的联系人" not in published(site), "an older version is never published again"


def test_snippet_changed_after_approval_with_zensical(tmp_path):
    site, path, env = snippet_site(tmp_path, "env")
    assert govreview(site, "build", "--generator", "zensical", env=env).returncode == 0
    assert "已审批的联系人" in published(site)
    before = site_files(site)
    site.write(path, "联系人：未经审批的联系人\n")
    site.commit("snippet changed after approval")
    result = govreview(site, "build", "--generator", "zensical", env=env)
    assert result.returncode == 1 and path in result.stderr
    assert site_files(site) == before


# -- 5. an image inlined by pymdownx.b64 --------------------------------------------------


def test_inlined_image_replaced_after_approval(tmp_path):
    # Pages live at news/a/index.html, so the image's relative URL is resolved from news/a.
    b64 = "markdown_extensions:\n  - pymdownx.b64:\n      base_path: docs/news/a\n      root_path: docs\n"
    site = approved_site(
        tmp_path,
        MKDOCS + b64,
        pages={"docs/news/chart.png": png("red"), "docs/news/a.md": article("图表说明", "![图表](chart.png)")},
    )
    approved, replaced = base64.b64encode(png("red")).decode(), base64.b64encode(png("blue")).decode()
    assert govreview(site, "build").returncode == 0
    assert approved in published(site), "the approved image is inlined"

    site.write("docs/news/chart.png", png("blue"))
    site.commit("image replaced after approval")
    result = govreview(site, "build")
    assert result.returncode == 0, result.stderr
    assert "docs/news/chart.png" in result.stdout
    text = published(site)
    assert "图表说明" in text
    assert replaced not in text, "the new bytes never appear, inlined or otherwise"
    assert approved not in text, "nor the old ones: the change may be a redaction"
    assert not (site.root / "site" / "news" / "chart.png").exists()
    # The page could not open the withheld image this time, yet it still includes it:
    # the include map keeps that, so a pull request fixing the image is asked for the page's approvals.
    includes = json.loads((site.root / ".govreview" / "includes.json").read_text(encoding="utf-8"))
    assert includes["pages"] == {"docs/news/a.md": ["docs/news/chart.png"]}


# -- 6. a pull request that changes only a snippet ----------------------------------------

SNIPPETS = MKDOCS + "markdown_extensions:\n  - pymdownx.snippets:\n      base_path: [snippets]\n"


@pytest.mark.parametrize("generator", ["mkdocs", "zensical"])
def test_snippet_only_pull_request_needs_the_including_pages_approvals(tmp_path, generator):
    site = approved_site(
        tmp_path,
        SNIPPETS,
        inputs={"snippets/contact.md": "值班电话：已审批的号码\n"},
        pages={"docs/news/a.md": article("引用片段的页面", '--8<-- "contact.md"'), "docs/news/b.md": article("另一篇动态")},
    )
    assert govreview(site, "build", "--generator", generator).returncode == 0
    assert "已审批的号码" in published(site)
    includes = json.loads((site.root / ".govreview" / "includes.json").read_text(encoding="utf-8"))
    assert includes["pages"] == {"docs/news/a.md": ["snippets/contact.md"]}, "observed during the trusted build"

    site.write("snippets/contact.md", "值班电话：只经规则负责人审批的号码\n")
    site.commit("snippet only")
    site.merge(["snippets/contact.md"], ["gui"], secrecy=None)
    for known in (True, False):  # with the include map of the last build, and without any
        if not known:
            (site.root / ".govreview" / "includes.json").unlink()
        result = govreview(site, "build", "--generator", generator)
        assert result.returncode == 0, result.stderr
        text = published(site)
        assert "只经规则负责人审批的号码" not in text and "引用片段的页面" not in text
        assert "另一篇动态" in text
        assert "docs/news/a.md" in result.stdout and "snippets/contact.md" in result.stdout
        report = {f["path"]: f for f in json.loads((site.root / ".govreview" / "report.json").read_text(encoding="utf-8"))["files"]}
        assert report["news/a.md"]["approved"] is False
        assert [r["code"] for r in report["news/a.md"]["reasons"]] == ["include_unapproved"]
        assert "snippets/contact.md" in report["news/a.md"]["reasons"][0]["message"]

    # The page's own approvers (and the policy owner) approve the snippet change: it publishes.
    site.merge(["snippets/contact.md"], ["gui", "hana", "dong"])
    result = govreview(site, "build", "--generator", generator)
    assert result.returncode == 0, result.stderr
    text = published(site)
    assert "只经规则负责人审批的号码" in text and "引用片段的页面" in text


def test_included_markdown_that_includes_another_file(tmp_path):
    site = approved_site(
        tmp_path,
        SNIPPETS,
        inputs={"snippets/guide.md": '## 办事指南\n\n--8<-- "place.md"\n', "snippets/place.md": "办理地点：已审批的地点\n"},
        pages={"docs/news/a.md": article("办事页面", '--8<-- "guide.md"')},
    )
    site.write("snippets/place.md", "办理地点：只经规则负责人审批的地点\n")
    site.commit("inner snippet only")
    site.merge(["snippets/place.md"], ["gui"], secrecy=None)
    result = govreview(site, "build")  # no include map yet: observed, then built again
    assert result.returncode == 0, result.stderr
    text = published(site)
    assert "只经规则负责人审批的地点" not in text and "办事指南" not in text
    assert "snippets/place.md" in result.stdout
    includes = json.loads((site.root / ".govreview" / "includes.json").read_text(encoding="utf-8"))
    assert includes["pages"]["docs/news/a.md"] == ["snippets/guide.md", "snippets/place.md"]

    site.merge(["snippets/place.md"], ["gui", "hana", "dong"])  # now with the page's approvals
    assert govreview(site, "build").returncode == 0
    text = published(site)
    assert "只经规则负责人审批的地点" in text and "办事指南" in text


def test_the_snapshots_evidence_is_not_text_a_page_can_include(tmp_path):
    """The approval archive travels with the snapshot, but it is not public (reviewers,
    titles of pull requests, withheld pages) and changes with every merge: an approved page
    including it must not publish it. pymdownx.snippets reads from the snapshot's root by default."""
    site = approved_site(
        tmp_path,
        MKDOCS + "markdown_extensions:\n  - pymdownx.snippets\n",
        pages={"docs/news/a.md": article("审批记录页面", '```\n--8<-- ".govreview-snapshot/approvals.jsonl"\n```')},
    )
    site.write("docs/news/b.md", article("尚未审批的页面"))
    site.commit("another page")
    site.merge(["docs/news/b.md"], ["hana"])  # a later pull request, not enough to publish b.md
    result = govreview(site, "build")
    assert result.returncode == 0, result.stderr
    text = published(site)
    assert "审批记录页面" in text
    assert site.pulls[-1].title not in text and site.blob("docs/news/b.md") not in text and "hana" not in text


# -- 7. YAML alias bombs and quadratic scans ------------------------------------------------


def alias_bomb() -> str:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"{n}: &{n} [" + ",".join([f"*{p}"] * 9) + "]" for p, n in zip("abcdefgh", "bcdefghi", strict=True)]
    return "---\n" + "\n".join(lines) + "\n---"


def test_alias_bomb_and_bracket_runs_are_judged_without_hanging(tmp_path):
    bomb = alias_bomb()
    assert len(bomb.encode()) == 349  # nine levels: 9**9 values when expanded
    site = approved_site(tmp_path, pages={"docs/news/bomb.md": bomb + "\n\n别名炸弹页面的正文\n"})
    # 300 KB of "[a](" (quadratic for a naive link scanner) with an ID number at its end:
    # the finding proves the whole text was screened. Unapproved, so MkDocs never renders
    # it (Python-Markdown's own link pattern takes minutes on it).
    site.write("docs/news/brackets.md", article("方括号页面", "[a](" * 75_000 + f"\n\n身份证号 {ID_NUMBER}\n"))
    site.commit("brackets")
    result = govreview(site, "build")
    assert result.returncode == 0, result.stderr
    assert "docs/news/bomb.md" in result.stdout and "别名" in result.stdout
    assert "docs/news/brackets.md:9:" in result.stdout and "身份证号码" in result.stdout
    text = published(site)
    assert "别名炸弹页面的正文" not in text and "lol" not in text and "方括号页面" not in text

    check = govreview(site, "check")
    assert check.returncode == 1
    assert "✗ news/bomb.md" in check.stdout and "✗ news/brackets.md" in check.stdout


# -- 8. a withheld file another plugin needs ----------------------------------------------


@pytest.mark.parametrize("column_index", [False, True])
def test_withheld_blog_index(tmp_path, column_index):
    """Without generated column indexes nothing takes the withheld index's place: the blog
    plugin makes its own, outside the snapshot, and the build stops with govreview naming
    the withheld file. With them (the default), the column's generated index takes its place."""
    option = "  - govreview\n" if column_index else "  - govreview:\n      column_index: false\n"
    site = make_site(tmp_path, BLOG.replace("  - govreview\n", option))
    site.write("docs/news/index.md", article("动态首页"))
    site.write("docs/news/posts/p.md", "---\ndate: 2026-05-01\ntitle: 博文\nauthor: 甲\n---\n\n已审批的博文正文。\n")
    site.commit("blog")
    site.approve_inputs()
    site.approve_page("docs/index.md")
    site.approve_page("docs/news/index.md", "docs/news/posts/p.md")
    assert govreview(site, "build").returncode == 0
    assert "已审批的博文正文" in published(site)
    before = site_files(site)

    site.write("docs/news/index.md", article("动态首页", "未经审批的首页文字"))
    site.commit("index changed after approval")
    result = govreview(site, "build")
    assert "Traceback" not in result.stderr
    if column_index:
        assert result.returncode == 0, result.stderr
        assert "docs/news/index.md" in result.stdout
        assert "已审批的博文正文" in published(site)
    else:
        assert result.returncode == 1
        ends_with_a_govreview_message(result.stderr, "docs/news/index.md")
        assert site_files(site) == before
    assert "未经审批的首页文字" not in published(site)


# -- beyond the review: !relative, a plugin of our own, untracked files, filters -------------


def test_relative_inherit_theme_and_snippet_paths(tmp_path):
    """``!relative $config_dir/…`` for INHERIT (whose file lists a hook), the theme's
    custom_dir and the snippet folder."""
    good, evil = tmp_path / "marks" / "good", tmp_path / "marks" / "evil"
    mkdocs = "INHERIT: !relative $config_dir/config/base.yml\n" + MKDOCS.replace(
        "  font: false\n", "  font: false\n  custom_dir: !relative $config_dir/overrides\n"
    )
    mkdocs += "markdown_extensions:\n  - pymdownx.snippets:\n      base_path: [!relative $config_dir/snippets]\n"
    site = approved_site(
        tmp_path,
        mkdocs,
        inputs={
            "config/base.yml": "copyright: 已审批的版权声明\nhooks:\n  - hooks/h.py\n",
            "hooks/h.py": marker_hook(good),
            "overrides/partials/footer.html": "<footer>已审批的页脚 {{ config.copyright }}</footer>",
            "snippets/contact.md": "已审批的片段文字\n",
        },
        pages={"docs/news/a.md": article("动态", '--8<-- "contact.md"')},
    )
    first = govreview(site, "build")
    assert first.returncode == 0, first.stderr
    text = published(site)
    assert "已审批的版权声明" in text and "已审批的页脚" in text and "已审批的片段文字" in text and good.exists()
    before = site_files(site)

    changed = {
        "config/base.yml": "copyright: 未经审批的版权声明\nhooks:\n  - hooks/h.py\n",
        "hooks/h.py": marker_hook(evil, "钩子加入的文字"),
        "overrides/partials/footer.html": "<footer>未经审批的页脚</footer>",
        "snippets/contact.md": "未经审批的片段文字\n",
    }
    for path, content in changed.items():
        site.write(path, content)
    site.commit("all changed after approval")
    result = govreview(site, "build")
    assert result.returncode == 1
    for path in changed:
        assert f"{path}: " in result.stderr, f"{path} is judged whatever the spelling"
    assert not evil.exists() and site_files(site) == before
    check = govreview(site, "check")
    assert check.returncode == 1 and not evil.exists()


def test_hook_path_written_with_relative_is_judged_like_any_file(tmp_path):
    """(MkDocs 1.6 itself refuses ``!relative`` in ``hooks``; the file is judged all the same.)"""
    evil = tmp_path / "marks" / "evil"
    site = approved_site(tmp_path, MKDOCS + "hooks:\n  - !relative $config_dir/hooks/h.py\n", inputs={"hooks/h.py": "X = 1\n"})
    site.write("hooks/h.py", marker_hook(evil, "钩子加入的文字"))
    site.commit("hook changed after approval")
    result = govreview(site, "build")
    assert result.returncode == 1 and "hooks/h.py: " in result.stderr
    check = govreview(site, "check")
    assert check.returncode == 1 and "✗ hooks/h.py" in check.stdout
    assert not evil.exists() and not (site.root / "site").exists()


NOTICE_HOOK = """\
import os


def on_config(config):
    # A plugin reading any repository file it likes, before any other plugin runs.
    path = os.path.join(os.path.dirname(config.config_file_path), "data", "notice.txt")
    with open(path, encoding="utf-8") as f:
        config.copyright = f.read().strip()
    return config
"""


def test_own_plugin_reading_a_repository_file_in_on_config(tmp_path):
    site = approved_site(
        tmp_path,
        MKDOCS + "hooks:\n  - hooks/notice.py\n",
        inputs={"hooks/notice.py": NOTICE_HOOK, "data/notice.txt": "已审批的通知文字\n"},
    )
    assert govreview(site, "build").returncode == 0
    assert "已审批的通知文字" in published(site)
    before = site_files(site)

    site.write("data/notice.txt", "未经审批的通知文字\n")
    site.commit("data changed after approval")
    result = govreview(site, "build")
    assert result.returncode == 1 and "data/notice.txt" in result.stderr
    assert site_files(site) == before and "未经审批的通知文字" not in published(site)


def test_file_the_policy_says_the_build_does_not_read_is_not_in_the_snapshot(tmp_path):
    policy = POLICY + "build:\n  not_read:\n    - data/\n"
    site = approved_site(tmp_path, MKDOCS + "hooks:\n  - hooks/notice.py\n", inputs={"hooks/notice.py": NOTICE_HOOK}, policy=policy)
    site.write("data/notice.txt", "未审批也不进入快照的文字\n")
    site.commit("data nobody approved")
    staged = govreview(site, "stage", str(tmp_path / "snapshot"))
    assert staged.returncode == 0, staged.stderr
    assert (tmp_path / "snapshot" / "hooks" / "notice.py").is_file()
    assert not (tmp_path / "snapshot" / "data").exists()

    result = govreview(site, "build")
    assert result.returncode == 1
    ends_with_a_govreview_message(result.stderr, "data/notice.txt", "build.not_read")
    assert not (site.root / "site").exists()


@pytest.mark.parametrize("generator", ["mkdocs", "zensical"])
def test_untracked_files_never_reach_the_site(tmp_path, generator):
    mkdocs = MKDOCS.replace("  font: false\n", "  font: false\n  custom_dir: overrides\n")
    site = approved_site(
        tmp_path,
        mkdocs,
        inputs={"overrides/partials/copyright.html": "<p>已审批的页脚</p>"},
        pages={"docs/news/a.md": article("已审批的动态")},
    )
    site.write("docs/news/untracked.md", article("未跟踪的页面", "未跟踪页面的正文"))
    site.write("docs/news/untracked.css", "body { display: none }")
    site.write("overrides/main.html", '{% extends "base.html" %}{% block content %}未跟踪的模板文字{{ super() }}{% endblock %}')
    site.write("overrides/partials/footer.html", "<footer>未跟踪的页脚</footer>")
    assert "?? overrides/main.html" in site.git("status", "--short", "--untracked-files=all")
    result = govreview(site, "build", "--generator", generator)
    assert result.returncode == 0, result.stderr
    text = published(site)
    assert "已审批的动态" in text and "已审批的页脚" in text
    assert "未跟踪" not in text
    assert not list((site.root / "site").rglob("untracked*"))


def test_untracked_hook_named_by_the_environment_is_not_imported(tmp_path):
    evil = tmp_path / "marks" / "evil"
    site = approved_site(tmp_path, MKDOCS + "hooks:\n  - !ENV [VAR, hooks/h.py]\n", inputs={"hooks/h.py": "X = 1\n"})
    assert govreview(site, "build").returncode == 0
    before = site_files(site)
    site.write("hooks/local.py", marker_hook(evil, "未跟踪钩子的文字"))
    result = govreview(site, "build", env={"VAR": "hooks/local.py"})
    assert result.returncode == 1 and "hooks/local.py" in result.stderr
    assert not evil.exists() and site_files(site) == before


def test_smudge_filter_never_changes_what_is_published(tmp_path):
    site = approved_site(
        tmp_path,
        inputs={".gitattributes": "*.md filter=evil\n"},
        pages={"docs/news/a.md": article("动态", "这是good的正文")},
    )
    site.git("config", "filter.evil.smudge", "sed s/good/EVIL/")
    (site.root / "docs/news/a.md").unlink()
    site.git("checkout", "--", "docs/news/a.md")
    assert "这是EVIL的正文" in (site.root / "docs/news/a.md").read_text(encoding="utf-8"), "the work tree now differs"
    result = govreview(site, "build")
    assert result.returncode == 0, result.stderr
    text = published(site)
    assert "这是good的正文" in text and "EVIL" not in text


def test_withheld_home_page_leaves_no_nav_entry_and_strict_passes(tmp_path):
    site = approved_site(
        tmp_path,
        MKDOCS + "nav:\n  - 首页标题: index.md\n  - 甲: news/a.md\n",
        pages={"docs/news/a.md": article("已审批的动态")},
    )
    site.write("docs/index.md", article("首页", "未经审批的首页文字"))
    site.commit("home changed after approval")
    result = govreview(site, "build", "--strict")
    assert result.returncode == 0, result.stderr
    assert "docs/index.md" in result.stdout
    text = published(site)
    assert "已审批的动态" in text
    assert "首页标题" not in text and "未经审批的首页文字" not in text


def test_previous_output_of_a_page_withheld_now_is_gone(tmp_path):
    site = approved_site(tmp_path, pages={"docs/news/a.md": article("已审批的动态"), "docs/news/b.md": article("乙")})
    assert govreview(site, "build").returncode == 0
    assert (site.root / "site/news/a/index.html").is_file()
    (site.root / "site/stale.html").write_text("<p>上次构建残留的文字</p>", encoding="utf-8")
    site.write("docs/news/a.md", article("已审批的动态", "合并后改动的正文"))
    site.commit("edited after approval")
    result = govreview(site, "build")
    assert result.returncode == 0, result.stderr
    assert not (site.root / "site/news/a").exists() and not (site.root / "site/stale.html").exists()
    text = published(site)
    assert "已审批的动态" not in text and "合并后改动的正文" not in text and "残留" not in text
    assert govreview(site, "build", "--dirty").returncode == 2


def test_uncommitted_edit_of_an_approved_page_is_not_published(tmp_path):
    site = approved_site(tmp_path, pages={"docs/news/a.md": article("动态", "已审批的正文")})
    site.write("docs/news/a.md", article("动态", "工作区里未提交的正文"))
    result = govreview(site, "build")
    assert result.returncode == 0, result.stderr
    text = published(site)
    assert "已审批的正文" in text and "未提交的正文" not in text


# -- remote text -------------------------------------------------------------------------


@pytest.mark.parametrize("generator", ["mkdocs", "zensical"])
def test_text_fetched_over_the_network_while_a_page_is_built_is_never_published(tmp_path, generator):
    import http.server
    import threading

    served = {"body": "远程片段：已审批时的文字"}

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            data = served["body"].encode("utf-8")
            self.send_response(200)
            self.send_header("Content-Type", "text/markdown; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/notice.md"
        mkdocs = MKDOCS + "markdown_extensions:\n  - pymdownx.snippets:\n      url_download: true\n"
        site = approved_site(
            tmp_path, mkdocs, pages={"docs/news/remote.md": article("远程片段", f'--8<-- "{url}"'), "docs/news/ok.md": article("本地页面")}
        )
        served["body"] = "远程片段：审批之后换上的文字"
        proc = govreview(site, "build", "--generator", generator)
        assert proc.returncode == 0, proc.stderr
        text = published(site)
        assert "审批之后换上的文字" not in text and "已审批时的文字" not in text
        assert "本地页面" in text
        assert "docs/news/remote.md" in proc.stdout and url in proc.stdout
        report = json.loads((site.root / ".govreview" / "report.json").read_text(encoding="utf-8"))
        reasons = next(f["reasons"] for f in report["files"] if f["path"] == "news/remote.md")
        assert [r["code"] for r in reasons] == ["include_remote"]
    finally:
        server.shutdown()
