"""``govreview adopt`` on a real MkDocs site in a real git repository: the site as deployed
(a plain ``mkdocs build`` of what was published) says what is public; with the baseline,
day one publishes exactly that, and any change is withheld until approved."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from gitsite import run_govreview
from govreview.archive_jsonl import read_archive
from govreview.core.adoption import converted, first_heading, is_deployed, shown_in
from govreview.policy_yaml import load_policy, policy_files
from PIL import Image

MKDOCS = """\
site_name: 示例县应急管理局
theme:
  name: material
  font: false
markdown_extensions:
  - admonition
  - pymdownx.snippets:
      base_path: [docs]
"""

PAGES = {
    # no front matter: the title comes from the first heading
    "docs/index.md": "# 首页\n\n欢迎访问示例县应急管理局网站。\n",
    # MultiMarkdown meta lines, refused by the gate as they are: turned into YAML
    "docs/news/drill.md": "Author: 宣传股\nDate: 2025-05-12\n\n# 全县开展防汛应急演练\n\n5 月 12 日，全县 12 个乡镇同步开展防汛演练。\n",
    # YAML without a title, a snippet from inside docs/ (published as a page if left there)
    "docs/news/safety.md": '---\nauthor: 办公室\n---\n\n## 安全生产月活动启动\n\n本月开展安全生产宣传。\n\n--8<-- "includes/contact.md"\n',
    "docs/news/later.md": "# 汛期值班安排\n\n值班电话见通知。\n",
    "docs/includes/contact.md": "联系电话：0000-1234567（值班室）\n",
    # a paragraph will be deleted after the deploy: what is left is not what the public sees
    "docs/news/cut.md": "# 防汛物资储备情况\n\n全县储备编织袋 5 万条。\n\n其中 2 万条存放于城关镇仓库。\n",
    # public before, but carries a secrecy marking: screening still withholds it
    "docs/news/leak.md": "# 内部通报\n\n机密★5年\n\n此件不得外传。\n",
}


def git(root: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=root, check=True, capture_output=True, text=True).stdout.strip()


def plain_build(root: Path, out: Path) -> None:
    """What the office deployed: a plain MkDocs build of the site as it was."""
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(out)],
        cwd=root,
        capture_output=True,
        text=True,
        env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"},
    )
    assert proc.returncode == 0, proc.stderr


@pytest.fixture
def adopted(tmp_path: Path):
    root = tmp_path / "site"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    git(root, "config", "user.email", "office@example.invalid")
    git(root, "config", "user.name", "office")
    (root / "mkdocs.yml").write_text(MKDOCS, encoding="utf-8")
    (root / "README.md").write_text("站点说明\n", encoding="utf-8")
    for rel, text in PAGES.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    image = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(image, "PNG")
    (root / "docs/news/map.png").write_bytes(image.getvalue())
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "site as published")
    deployed = tmp_path / "deployed"
    plain_build(root, deployed)
    # Changed in the repository after the last deploy, never published this way:
    (root / "docs/news/later.md").write_text("# 汛期值班安排\n\n值班电话改为 0000-7654321。\n", encoding="utf-8")
    (root / "docs/news/draft.md").write_text("# 未发布的草稿\n\n尚未公开。\n", encoding="utf-8")
    (root / "docs/news/cut.md").write_text("# 防汛物资储备情况\n\n全县储备编织袋 5 万条。\n", encoding="utf-8")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "edits after the deploy")
    proc = run_govreview(
        root,
        "adopt",
        "--deployed",
        str(deployed),
        "--source",
        "2025 年网站信息发布审批表（纸质），存办公室档案柜",
        "--by",
        "lin-na",
        "--archive-out",
        "archive/approvals.jsonl",
        "--report",
        str(tmp_path / "baseline.csv"),
    )
    assert proc.returncode == 0, proc.stderr
    return root, tmp_path / "baseline.csv", proc.stdout


def test_pages_get_front_matter_and_snippets_leave_docs(adopted):
    root, _, out = adopted
    drill = (root / "docs/news/drill.md").read_text(encoding="utf-8")
    assert drill.startswith('---\ntitle: "全县开展防汛应急演练"\nauthor: "宣传股"\ndate: "2025-05-12"\n---\n')
    assert "5 月 12 日，全县 12 个乡镇同步开展防汛演练。" in drill
    assert (root / "docs/index.md").read_text(encoding="utf-8").startswith('---\ntitle: "首页"\n---\n\n# 首页\n')
    safety = (root / "docs/news/safety.md").read_text(encoding="utf-8")
    # No level-1 heading: the title MkDocs published it with (from the file name); existing lines kept as they were.
    assert safety.startswith('---\ntitle: "Safety"\nauthor: 办公室\n---\n')
    assert not (root / "docs/includes/contact.md").exists() and (root / "snippets/includes/contact.md").is_file()
    assert '--8<-- "includes/contact.md"' in safety
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    assert config.startswith("site_name: 示例县应急管理局\ntheme:\n  name: material\n  font: false\nmarkdown_extensions:\n  - admonition\n")
    values = yaml.safe_load(config)
    assert values["markdown_extensions"][1] == {"pymdownx.snippets": {"base_path": ["snippets", "docs"]}}
    assert values["plugins"] == ["search", "govreview"], "MkDocs' default search stays, govreview is added"
    load_policy(policy_files(root / "policies"))  # the starting policy is a valid policy
    assert "已采用" in out and "archive/approvals.jsonl" in out


def test_the_baseline_is_what_the_deployed_site_shows(adopted):
    root, report, _ = adopted
    archive = read_archive(root / "archive/approvals.jsonl")
    assert archive.pulls == ()
    by_path = {b.path: b for b in archive.baselines}
    for path in ("docs/index.md", "docs/news/drill.md", "docs/news/safety.md", "docs/news/map.png"):
        assert by_path[path].blob == git(root, "hash-object", path), path
        assert by_path[path].source.startswith("2025 年网站信息发布审批表") and by_path[path].recorded_by == "lin-na"
    assert "docs/news/later.md" not in by_path, "changed since it was deployed"
    assert "docs/news/draft.md" not in by_path, "never deployed"
    assert "docs/news/cut.md" not in by_path, "text deleted since the deploy is a change too"
    assert {"mkdocs.yml", "snippets/includes/contact.md", "policies/site.yml"} <= set(by_path), "the adopted build inputs"
    assert "README.md" not in by_path, "not read by the build"
    assert by_path["docs/news/drill.md"].published_on is not None
    with open(report, encoding="utf-8-sig") as f:
        rows = {r[0]: r[1] for r in csv.reader(f)}
    assert rows["docs/news/later.md"].startswith("与已公开的内容不同") and rows["docs/news/draft.md"].startswith("已部署的站点中没有")
    assert rows["docs/news/drill.md"] == "已公开，列入基线"


def test_day_one_publishes_what_was_public_and_a_change_waits_for_approval(adopted, tmp_path):
    root, _, _ = adopted
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "adopt govreview")
    proc = run_govreview(root, "build")
    assert proc.returncode == 0, proc.stderr
    site = root / "site"
    assert "全县开展防汛应急演练" in (site / "news/drill/index.html").read_text(encoding="utf-8")
    safety = (site / "news/safety/index.html").read_text(encoding="utf-8")
    assert "0000-1234567" in safety, "the snippet, adopted as a build input, is in its page"
    assert (site / "news/map.png").is_file()
    assert not (site / "news/later").exists() and not (site / "news/draft").exists()
    assert not (site / "news/leak").exists(), "a secrecy marking found now is not published again, baseline or not"
    assert "0000-7654321" not in "".join(p.read_text(encoding="utf-8", errors="ignore") for p in site.rglob("*.html"))
    report = json.loads((root / ".govreview/report.json").read_text(encoding="utf-8"))
    drill = next(f for f in report["files"] if f["path"] == "news/drill.md")
    assert drill["approved"] and drill["baseline"].startswith("2025 年网站信息发布审批表")
    assert any(n["code"] == "baseline_origin" for n in drill["notes"])

    # A change to an adopted page is an ordinary change: withheld until a pull request approves it.
    path = root / "docs/news/drill.md"
    path.write_text(path.read_text(encoding="utf-8").replace("12 个乡镇", "13 个乡镇"), encoding="utf-8")
    git(root, "commit", "-qam", "edit an adopted page")
    shutil.rmtree(site)
    proc = run_govreview(root, "build")
    assert proc.returncode == 0, proc.stderr
    assert not (site / "news/drill").exists() and (site / "news/safety/index.html").is_file()


def test_a_second_adoption_never_overwrites_the_archive(adopted, tmp_path):
    root, _, _ = adopted
    before = (root / "archive/approvals.jsonl").read_bytes()
    proc = run_govreview(
        root, "adopt", "--deployed", str(tmp_path / "deployed"), "--source", "x", "--by", "y", "--archive-out", "archive/approvals.jsonl"
    )
    assert proc.returncode == 2 and "已存在" in proc.stderr and "Traceback" not in proc.stderr
    assert (root / "archive/approvals.jsonl").read_bytes() == before


def test_adopting_again_before_committing_the_first_run_is_refused(adopted, tmp_path):
    """The baseline records committed files: an earlier run's moves, not yet committed, would be left out."""
    root, _, _ = adopted
    before = _tree(root)
    args = ["--deployed", str(tmp_path / "deployed"), "--source", "纸质审批表", "--by", "lin-na", "--report", str(tmp_path / "2.csv")]
    proc = run_govreview(root, "adopt", *args, "--archive-out", "archive/second.jsonl")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert "未提交的改动" in proc.stderr and _tree(root) == before


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file() and ".git" not in p.parts}


def test_only_a_holder_of_the_policy_chain_records_a_baseline(adopted, tmp_path):
    """The baseline approves mkdocs.yml, overrides and the policy too: with a policy in place,
    --by must hold a role of the policy category's chain (invariant 3)."""
    root, _, _ = adopted
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "adopted")
    before = _tree(root)
    common = ["adopt", "--deployed", str(tmp_path / "deployed"), "--source", "纸质审批表", "--report", str(tmp_path / "again.csv")]
    proc = run_govreview(root, *common, "--by", "zhang-san", "--archive-out", "archive/again.jsonl")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert "zhang-san 不担任发布规则类别审批链中的角色" in proc.stderr and "lin-na" in proc.stderr and "发布规则负责人" in proc.stderr
    assert _tree(root) == before, "refused before anything was written"
    english = run_govreview(root, "--lang", "en", *common, "--by", "zhang-san", "--archive-out", "archive/again.jsonl")
    assert "holds no role of the policy category's chain" in english.stderr
    proc = run_govreview(root, *common, "--by", "LIN-NA", "--archive-out", "archive/again.jsonl")
    assert proc.returncode == 0, proc.stderr
    assert (root / "archive/again.jsonl").is_file()


@pytest.mark.parametrize(
    ("text", "title", "head"),
    [
        ("# 标题 {#id}\n\n正文\n", "标题", '---\ntitle: "标题"\n---\n\n'),
        ("说明文字\n\n标题二\n===\n", "标题二", '---\ntitle: "标题二"\n---\n\n'),
        ("```\n# 不是标题\n```\n\n# 真标题\n", "真标题", '---\ntitle: "真标题"\n---\n\n'),
        ("# **加粗**的[链接](a.md)\n", "加粗的链接", '---\ntitle: "加粗的链接"\n---\n\n'),
        ("没有标题的正文\n", "文件名", '---\ntitle: "文件名"\n---\n\n'),
        ("---\ntitle: 已有\n---\n# 别的\n", None, "---\ntitle: 已有\n---\n"),
        ("Title: 元数据标题\nSummary: 摘要\n    续行\n\n正文\n", None, '---\ntitle: "元数据标题"\nsummary: "摘要 续行"\n---\n\n'),
    ],
)
def test_conversion_table(text, title, head):
    done = converted(text, "文件名")
    assert done.title == title and done.text.startswith(head)
    assert done.text.endswith(text.split("\n\n", 1)[-1] if text.startswith("Title:") else text)


def test_the_deployed_article_must_show_exactly_the_page():
    page = "<html><nav>首页 新闻</nav><article class='md-content__inner'>{}</article><footer>版权</footer></html>"
    assert is_deployed("全县开展演练。", "演练", page.format("<h1>演练</h1><p>全县开展演练。</p>")), "the theme's title heading"
    assert is_deployed("演练\n全县开展演练。", "x", page.format("<h1>演练¶</h1><p>全县开展 演练。</p>"))
    assert not is_deployed("全县开展演练。", "演练", page.format("<p>全县开展演练。</p><p>另有一段。</p>")), "text cut since"
    assert not is_deployed("全县开展演练（修改）。", "演练", page.format("<p>全县开展演练。</p>"))
    assert is_deployed("", "Readme", page.format("<h1>Readme</h1>")), "an empty page shows its title only"
    assert is_deployed("全县开展演练。", "演练", "<body>导航 全县开展演练。 页脚</body>"), "no <article>: contained"


def test_headings_and_shown_text():
    assert first_heading("正文\n\n## 二级\n\n# 一级\n") == "一级"
    assert shown_in("全县 开展\n演练¶", "导航 首页 全县开展演练 页脚")
    assert not shown_in("全县开展演练（修改）", "导航 全县开展演练 页脚")
    assert not shown_in("", "anything"), "an empty page is never taken as shown"
