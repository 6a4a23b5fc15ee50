"""The publish flow end to end, as the workflows run it: pull requests on the fake
GitHub (real PyGithub over HTTP), `govreview check-pr`, `govreview archive sync`,
then `govreview build` from the approved snapshot of a real git clone of main.

The case: a page includes a snippet; a later pull request changes only the
snippet and is approved by the policy owner alone."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from fakegithub import FakeGitHub, Repo
from gitsite import MKDOCS, POLICY, article

MK = MKDOCS + "markdown_extensions:\n  - pymdownx.snippets:\n      base_path: [snippets]\n"
PAGE = "docs/news/contact.md"
SNIPPET = "snippets/contact.md"
OLD, NEW, FIXED = "值班电话：0571-8000 0001", "值班电话：0571-8000 0099（未经审批）", "值班电话：0571-8000 0002"


@pytest.fixture
def fake():
    with FakeGitHub() as server:
        yield server


def cli(cwd: Path, fake: FakeGitHub, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "GITHUB_TOKEN": "t", "GITHUB_API_URL": fake.url, "GITHUB_REPOSITORY": "city/site"}
    env.pop("GOVREVIEW_LANG", None)
    return subprocess.run([sys.executable, "-m", "govreview.cli", *args], cwd=cwd, capture_output=True, text=True, env=env)


def clone_main(repo: Repo, dest: Path) -> None:
    """A real git checkout of main's files, as actions/checkout would give (fresh each time)."""
    files = repo.commits[repo.branches["main"]].files
    if not (dest / ".git").is_dir():
        dest.mkdir(parents=True)
        subprocess.run(["git", "init", "-q", "-b", "main"], cwd=dest, check=True)
    for path in subprocess.run(["git", "ls-files"], cwd=dest, capture_output=True, text=True, check=True).stdout.split():
        (dest / path).unlink()
    for path, blob in files.items():
        (dest / path).parent.mkdir(parents=True, exist_ok=True)
        (dest / path).write_bytes(repo.blobs[blob])
    subprocess.run(["git", "add", "-A"], cwd=dest, check=True)
    subprocess.run(["git", "-c", "user.name=bot", "-c", "user.email=b@example.invalid", "commit", "-qm", "main"], cwd=dest, check=True)


def published(site: Path) -> str:
    return "".join(p.read_text(encoding="utf-8", errors="replace") for p in site.rglob("*") if p.suffix in (".html", ".json", ".xml"))


def publish(repo: Repo, fake: FakeGitHub, work: Path) -> subprocess.CompletedProcess[str]:
    """What the publish workflow does after a merge: sync, then build from the snapshot."""
    clone_main(repo, work / "site-repo")
    archive = work / "archive" / "approvals.jsonl"
    sync = cli(work / "site-repo", fake, "archive", "sync", "--archive", str(archive), "--base", "main")
    assert sync.returncode == 0, sync.stderr
    includes = work / "archive" / "includes.json"
    return cli(work / "site-repo", fake, "build", "--archive", str(archive), "--includes", str(includes), "--quiet-generator")


def test_a_snippet_only_pull_request_approved_by_the_policy_owner_does_not_publish(fake, tmp_path):
    repo = fake.repo("city/site")
    repo.push("main", {"policies/site.yml": "# 草稿\n" + POLICY}, actor="admin")  # the first policy, before any review
    files = {
        ".gitignore": "site/\n.govreview/\n",
        "policies/site.yml": POLICY,
        "mkdocs.yml": MK,
        "docs/index.md": article("首页"),
        PAGE: article("联系我们", '--8<-- "contact.md"'),
    }
    setup = repo.open_pull("ed", "setup", title="建立网站", files={**files, SNIPPET: OLD + "\n"})
    for who in ("gui", "hana", "dong"):
        setup.review(who, "APPROVED")
    setup.label("保密审查通过", actor="bao")
    setup.merge("lin")

    first = publish(repo, fake, tmp_path)
    assert first.returncode == 0, first.stderr + first.stdout
    site = tmp_path / "site-repo" / "site"
    assert OLD in published(site)
    assert (tmp_path / "archive" / "includes.json").read_text(encoding="utf-8").count(SNIPPET) == 1

    # Only the snippet changes; the policy owner approves it as a build input.
    change = repo.open_pull("ed", "phone", title="更新值班电话", files={SNIPPET: NEW + "\n"})
    change.review("gui", "APPROVED")
    check = cli(
        tmp_path / "site-repo",
        fake,
        "check-pr",
        "--pr",
        str(change.number),
        "--no-post",
        "--includes",
        str(tmp_path / "archive" / "includes.json"),
    )
    assert check.returncode == 1, check.stdout
    assert "news/contact.md" in check.stdout and "科室负责人" in check.stdout and "@hana" in check.stdout

    change.merge("lin")  # merged anyway (an administrator overriding the required check)
    second = publish(repo, fake, tmp_path)
    assert second.returncode == 0, second.stderr + second.stdout
    text = published(site)
    assert NEW not in text and OLD not in text, "the page is withheld, not re-published with old or new text"
    assert "docs/news/contact.md" in second.stdout and SNIPPET in second.stdout
    assert (site / "index.html").is_file()

    # The page's own approvers approve the next snippet change: it publishes.
    fix = repo.open_pull("ed", "phone-2", title="更正值班电话", files={SNIPPET: FIXED + "\n"})
    for who in ("hana", "dong", "gui"):
        fix.review(who, "APPROVED")
    fix.label("保密审查通过", actor="bao")
    fix.merge("lin")
    third = publish(repo, fake, tmp_path)
    assert third.returncode == 0, third.stderr + third.stdout
    assert FIXED in published(site) and NEW not in published(site)
