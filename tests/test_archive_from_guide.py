"""guide/archive-format.md is enough to write an archive that govreview accepts.

The archive here is written by tests/guide_archive.py, which follows the guide with
json and hashlib only (this module imports nothing from govreview either): the
hash chain, the policy snapshot id and the records as the guide's tables give them.
``govreview build`` then runs as a separate process on a small git site and
publishes the approved page — and publishes nothing once one byte of the archive
is changed.
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import guide_archive
import pytest

POLICY = """\
version: 1
site: {name: 示例县文化和旅游局, publisher: 示例县文化和旅游局}
units:
  office: 办公室
roles:
  head: {name: 科室负责人, units: {office: [he-ping]}}
  deputy: {name: 分管领导, units: {office: [du-jun]}}
  secrecy: {name: 保密审查员, members: [bao-min]}
  owners: {name: 规则负责人, members: [gu-li]}
  committee: {name: 保密委员会, members: [wei-lan]}
secrecy: {label: 保密审查通过, role: secrecy}
screening: {clear: {role: committee}}
categories:
  news:
    name: 工作动态
    rules: [R-10]
    steps: [{role: head}, {role: deputy}]
  policy:
    name: 规则与配置
    secrecy_review: false
    steps: [{role: owners}]
columns:
  .: {name: 首页, category: news, unit: office}
  news: {name: 工作动态, category: news, unit: office}
"""

MKDOCS = """\
site_name: 档案格式测试站
theme:
  name: material
  font: false
plugins:
  - search
  - govreview
"""

APPROVED = "docs/news/guide-approved.md"
UNAPPROVED = "docs/news/guide-unapproved.md"
#: A training page that shows how a secrecy marking is written: screening blocks it (a false block).
CLEARED = "docs/news/guide-cleared.md"
MARKING_PAGE = "---\ntitle: 公文格式培训\nauthor: 经办人乙\ndate: 2027-04-06\n---\n\n密级标志写法示例：秘密★1年。\n"
#: The clearing line of guide section 5.5 for that finding: rule, check, path:line:column, matched text.
CLEAR_LINE = f"解除拦截：R-03 secrecy-marking {CLEARED}:7:10 「秘密★1年」"


def page(title: str) -> str:
    return f"---\ntitle: {title}\nauthor: 经办人乙\ndate: 2027-04-06\n---\n\n{title}的正文。\n"


def git(root: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=root, check=True, capture_output=True, text=True).stdout.strip()


def make_site(root: Path) -> dict[str, str]:
    """A git repository with one commit; returns the blob of every file."""
    files = {
        "mkdocs.yml": MKDOCS,
        "policies/site.yml": POLICY,
        "docs/index.md": page("首页"),
        APPROVED: page("已审批的动态"),
        UNAPPROVED: page("未审批的动态"),
        CLEARED: MARKING_PAGE,
    }
    root.mkdir(parents=True, exist_ok=True)
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-qm", "site")
    return {rel: git(root, "rev-parse", f"HEAD:{rel}") for rel in files}


def pull(
    number: int, head: str, blobs: dict[str, str], policy: str, approvers: list[str], secrecy: str | None, day: int
) -> dict[str, object]:
    """A ``pull`` record as the guide's table 5.3 gives it: opened at 09:00 on 2027-04-<day>,
    pushed once, approved, labelled, merged by the website office at 17:00."""
    at = f"2027-04-{day:02d}T{{}}:00+08:00".format
    return {
        "type": "pull",
        "number": number,
        "title": f"变更 {number}",
        "author": "bian-ji",
        "merged_at": at("17:00"),
        "merged_by": "wang-ban",
        "ready_at": at("09:00"),
        "merge_commit": head,
        "head": head,
        "base": head,
        "policy": policy,
        "files": [{"path": path, "status": "added", "blob": blob} for path, blob in blobs.items()],
        "heads": [{"sha": head, "pushed_at": at("09:00"), "files": blobs}],
        "reviews": [
            {"id": 100 * number + i, "login": login, "state": "APPROVED", "commit_id": head, "submitted_at": at(f"1{i}:00")}
            for i, login in enumerate(approvers)
        ],
        "labels": [{"label": "保密审查通过", "action": "labeled", "actor": secrecy, "at": at("15:00")}] if secrecy else [],
        "commits": [{"sha": head, "author": "bian-ji", "committer": "bian-ji"}],
        "teams": {},
    }


def write_archive(path: Path, root: Path, blobs: dict[str, str], edited: bool | None = False) -> None:
    """Pull requests #1 (the site's rules) and #2 (two pages, one of them cleared by the
    secrecy committee's review; ``edited``: that review's field, None leaves it out)."""
    files = {"policies/site.yml": POLICY}
    pid = guide_archive.policy_id(files)
    head = git(root, "rev-parse", "HEAD")
    inputs = {p: blobs[p] for p in ("mkdocs.yml", "policies/site.yml")}
    pages = {p: blobs[p] for p in ("docs/index.md", APPROVED, CLEARED)}
    second = pull(2, head, pages, pid, ["he-ping", "du-jun"], "bao-min", 7)
    clearing = {"id": 299, "login": "wei-lan", "state": "COMMENTED", "commit_id": head, "submitted_at": "2027-04-07T16:00:00+08:00"}
    clearing["body"] = f"经保密委研究，这是格式示例。\n{CLEAR_LINE}"
    if edited is not None:
        clearing["edited"] = edited
    second["reviews"].append(clearing)  # type: ignore[attr-defined]
    records = [
        {"type": "policy", "id": pid, "files": files},
        pull(1, head, inputs, pid, ["gu-li"], None, 6),
        second,
        {  # guide 5.6: the roster pull request #2 was judged by, as sync writes it
            "type": "roster",
            "resolved_at": "2027-04-07T17:05:00+08:00",
            "pull": 2,
            "policy": pid,
            "people": [
                {
                    "login": "he-ping",
                    "name": "何平",
                    "title": "办公室主任",
                    "assignments": [{"role": "head", "unit": "office", "valid_from": None, "valid_to": None}],
                },
                {
                    "login": "xu-ming",
                    "name": "徐明",
                    "title": "办公室副主任",
                    "assignments": [
                        {
                            "role": "head",
                            "valid_from": "2027-04-01T00:00:00+08:00",
                            "valid_to": "2027-04-11T00:00:00+08:00",
                            "acting": True,
                            "delegated_by": "du-jun",
                            "for": "he-ping",
                        }
                    ],
                },
            ],
            "teams": [],
        },
        {
            "type": "publication",
            "path": "docs/index.md",
            "blob": blobs["docs/index.md"],
            "published_at": "2027-04-07T17:20:00+08:00",
            "run": "1",
        },
    ]
    path.write_bytes(guide_archive.archive(records))


def build(root: Path, archive: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("GOVREVIEW_LANG", None)
    return subprocess.run(
        [sys.executable, "-m", "govreview.cli", "build", "--archive", str(archive), "--quiet-generator"],
        cwd=root,
        capture_output=True,
        text=True,
        env=env,
    )


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    return names | {n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}


def test_the_archive_is_written_with_json_and_hashlib_only() -> None:
    assert _imports(Path(guide_archive.__file__)) == {"__future__", "hashlib", "json"}
    assert not any(name.startswith("govreview") for name in _imports(Path(__file__)))


def test_an_archive_written_from_the_guide_publishes_the_approved_page(tmp_path: Path) -> None:
    root = tmp_path / "site"
    blobs = make_site(root)
    archive = tmp_path / "approvals.jsonl"  # outside the work tree, as the archive branch's checkout is
    write_archive(archive, root, blobs)
    result = build(root, archive)
    log = result.stdout + result.stderr
    assert result.returncode == 0, log
    html = root / "site" / "news" / "guide-approved" / "index.html"
    assert html.is_file(), log
    assert "已审批的动态" in html.read_text(encoding="utf-8")
    assert not (root / "site" / "news" / "guide-unapproved" / "index.html").exists(), "a page without approval is withheld"
    assert UNAPPROVED.removeprefix("docs/") in log
    assert "秘密★1年" in (root / "site" / "news" / "guide-cleared" / "index.html").read_text(encoding="utf-8"), "cleared"
    # the roster record written from the guide is read as the guide says
    check = (
        "from govreview.archive_jsonl import read_archive; import sys, pathlib; r = read_archive(pathlib.Path(sys.argv[1])).rosters[0]; "
    )
    check += "a = r.person('xu-ming').assignments[0]; print(r.pull, a.acting, a.delegated_by, a.principal, r.person('he-ping').assignments[0].valid_from)"
    read = subprocess.run([sys.executable, "-c", check, str(archive)], capture_output=True, text=True)
    assert read.stdout.split() == ["2", "True", "du-jun", "he-ping", "None"], read.stderr


@pytest.mark.parametrize("edited", [True, None], ids=["edited-after-submission", "edit-state-not-recorded"])
def test_a_clearing_review_edited_after_submission_or_not_known_clears_nothing(tmp_path: Path, edited: bool | None) -> None:
    root = tmp_path / "site"
    blobs = make_site(root)
    archive = tmp_path / "approvals.jsonl"
    write_archive(archive, root, blobs, edited=edited)
    result = build(root, archive)
    log = result.stdout + result.stderr
    assert (root / "site" / "news" / "guide-approved" / "index.html").is_file(), log
    assert not (root / "site" / "news" / "guide-cleared" / "index.html").exists(), log
    assert CLEARED.removeprefix("docs/") in log


def test_one_changed_byte_in_that_archive_publishes_nothing(tmp_path: Path) -> None:
    root = tmp_path / "site"
    blobs = make_site(root)
    archive = tmp_path / "approvals.jsonl"
    write_archive(archive, root, blobs)
    lines = archive.read_bytes().split(b"\n")
    assert b'"merged_by":"wang-ban"' in lines[2]
    lines[2] = lines[2].replace(b'"merged_by":"wang-ban"', b'"merged_by":"wang-bam"')  # pull #1, line 3
    archive.write_bytes(b"\n".join(lines))
    result = build(root, archive)
    log = result.stdout + result.stderr
    assert result.returncode == 1, log
    assert "第 4 行：哈希链断裂" in log and f"{archive}:4" in log and "Traceback" not in log
    assert not (root / "site").exists(), "nothing is built from an archive that cannot be trusted"
