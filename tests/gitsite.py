"""A real site in a real git repository in a temporary folder, with an archive made
from its real commits and blobs, and a real ``mkdocs build`` to run on it."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from govreview.archive_jsonl import write_archive
from govreview.core.evidence import Commit, FileChange, Head, LabelEvent, PullRecord, Review
from govreview.policy_yaml import policy_files, policy_id

POLICY = """\
version: 1
site: {name: 测试市测试局, publisher: 测试市测试局}
units:
  office: 办公室
roles:
  head: {name: 科室负责人, units: {office: [hana]}}
  deputy: {name: 分管领导, units: {office: [dong]}}
  chief: {name: 主要领导, members: [zhu]}
  secrecy: {name: 保密审查员, members: [bao]}
  owners: {name: 规则负责人, members: [gui]}
  committee: {name: 保密委员会, members: [wei]}
secrecy: {label: 保密审查通过, role: secrecy}
screening: {clear: {role: committee}}
categories:
  news:
    name: 工作动态
    rules: [R-10]
    steps: [{role: head}, {role: deputy}]
  major:
    name: 重要通知公告
    rules: [R-10]
    steps: [{role: head}, {role: deputy}, {role: chief}]
  policy:
    name: 规则与配置
    secrecy_review: false
    steps: [{role: owners}]
columns:
  .: {name: 首页, category: news, unit: office}
  news: {name: 工作动态, category: news, unit: office}
"""

MKDOCS = """\
site_name: 测试站
theme:
  name: material
  font: false
plugins:
  - search
  - govreview
"""

START = datetime(2026, 5, 11, 1, 0, tzinfo=UTC)


def article(title: str, body: str = "正文。", **extra: object) -> str:
    lines = ["---", f"title: {title}", "author: 经办人甲", "date: 2026-05-10"]
    lines += [f"{k}: {v}" for k, v in extra.items()]
    return "\n".join([*lines, "---", "", body, ""])


@dataclass
class Build:
    returncode: int
    log: str


class GitSite:
    def __init__(self, root: Path, mkdocs: str = MKDOCS, policy: str = POLICY) -> None:
        self.root = root
        self.pulls: list[PullRecord] = []
        self.clock = START
        self.git("init", "-q", "-b", "main")
        self.git("config", "user.email", "bot@example.invalid")
        self.git("config", "user.name", "bot")
        self.write("mkdocs.yml", mkdocs)
        self.write("policies/site.yml", policy)
        self.write("docs/index.md", article("首页"))
        self.commit("site")

    def git(self, *args: str) -> str:
        return subprocess.run(["git", *args], cwd=self.root, check=True, capture_output=True, text=True).stdout.strip()

    def write(self, rel: str, content: str | bytes) -> Path:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    def commit(self, message: str) -> str:
        self.git("add", "-A")
        self.git("commit", "-q", "--allow-empty", "-m", message)
        return self.git("rev-parse", "HEAD")

    def blob(self, rel: str, rev: str = "HEAD") -> str:
        return self.git("rev-parse", f"{rev}:{rel}")

    def tick(self, minutes: int = 10) -> datetime:
        self.clock += timedelta(minutes=minutes)
        return self.clock

    def merge(
        self,
        paths: list[str],
        approvers: list[str],
        secrecy: str | None = "bao",
        author: str = "ed",
        merged_at: datetime | None = None,
        labels: tuple[str, ...] = (),
    ) -> PullRecord:
        """Record the current commit as a merged pull request approving ``paths``;
        the secrecy reviewer also applies ``labels`` (e.g. accepting screening warnings)."""
        head = self.git("rev-parse", "HEAD")
        files = {p: self.blob(p) for p in paths}
        pushed = self.tick()
        reviews = tuple(Review(login, "APPROVED", head, self.tick()) for login in approvers)
        events = (LabelEvent("保密审查通过", "labeled", secrecy, self.tick()),) if secrecy else ()
        events += tuple(LabelEvent(name, "labeled", secrecy or "bao", self.tick()) for name in labels)
        return self._record(head, files, pushed, reviews, events, author, merged_at)

    def merge_in_turn(self, paths: list[str], turns: list[tuple[str, str]], author: str = "ed") -> PullRecord:
        """Record the current commit as a merged pull request whose reviewers act in turn:
        ``("approve", login)``, ``("label", login)`` (the secrecy label) or ``("reject", login)``
        (changes requested), ten minutes apart, in the order given."""
        head = self.git("rev-parse", "HEAD")
        files = {p: self.blob(p) for p in paths}
        pushed = self.tick()
        reviews: list[Review] = []
        events: list[LabelEvent] = []
        for action, login in turns:
            if action == "label":
                events.append(LabelEvent("保密审查通过", "labeled", login, self.tick()))
            else:
                reviews.append(Review(login, "APPROVED" if action == "approve" else "CHANGES_REQUESTED", head, self.tick()))
        return self._record(head, files, pushed, tuple(reviews), tuple(events), author, None)

    def _record(
        self,
        head: str,
        files: dict[str, str],
        pushed: datetime,
        reviews: tuple[Review, ...],
        events: tuple[LabelEvent, ...],
        author: str,
        merged_at: datetime | None,
    ) -> PullRecord:
        pull = PullRecord(
            number=len(self.pulls) + 1,
            title=f"变更 {len(self.pulls) + 1}",
            author=author,
            merged_at=merged_at or self.tick(),
            merge_commit=head,
            head=head,
            base=self.git("rev-parse", "HEAD~1") if len(self.git("rev-list", "HEAD").split()) > 1 else head,
            policy=policy_id(policy_files(self.root / "policies")),
            files=tuple(FileChange(p, "added", b) for p, b in files.items()),
            reviews=reviews,
            labels=events,
            heads=(Head(head, pushed, files),),
            commits=(Commit(head, author, author),),
        )
        self.pulls.append(pull)
        self.save_archive()
        return pull

    def approve_inputs(self) -> PullRecord:
        return self.merge(["mkdocs.yml", "policies/site.yml"], ["gui"], secrecy=None)

    def approve_page(self, rel: str, *extra: str) -> PullRecord:
        return self.merge([rel, *extra], ["hana", "dong"])

    def save_archive(self) -> None:
        files = policy_files(self.root / "policies")
        write_archive(self.root / "archive" / "approvals.jsonl", {policy_id(files): files}, self.pulls)

    def build(self, *args: str) -> Build:
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        env.pop("GOVREVIEW_LANG", None)
        proc = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", *args],
            cwd=self.root,
            capture_output=True,
            text=True,
            env=env,
        )
        return Build(proc.returncode, proc.stdout + proc.stderr)

    def html(self, rel: str) -> str | None:
        path = self.root / "site" / rel
        return path.read_text(encoding="utf-8") if path.is_file() else None


EXAMPLE = Path(__file__).resolve().parent.parent


def example_repo(dest: Path) -> Path:
    """The shipped example site copied into a fresh git repository with one commit,
    as a clone of it would look (its archive is a file of the repository)."""
    import shutil

    dest.mkdir(parents=True, exist_ok=True)
    for name in ("docs", "policies", "archive", "overrides"):
        shutil.copytree(EXAMPLE / name, dest / name)
    shutil.copy(EXAMPLE / "mkdocs.yml", dest / "mkdocs.yml")
    run = {"cwd": dest, "check": True, "capture_output": True}
    subprocess.run(["git", "init", "-q", "-b", "main"], **run)  # type: ignore[call-overload]
    subprocess.run(["git", "add", "-A"], **run)  # type: ignore[call-overload]
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-qm", "example"], **run)  # type: ignore[call-overload]
    return dest


def example_history(dest: Path) -> Path:
    """The shipped example site as a real git history built now: one branch and merge
    commit per pull request of the example, the archive written from those real commits
    (tools/make_example_archive.py --history), so every merge the archive names exists."""
    tool = EXAMPLE / "tools" / "make_example_archive.py"
    subprocess.run([sys.executable, str(tool), "--history", str(dest)], check=True, capture_output=True)
    return dest


def run_govreview(cwd: Path, *args: str, lang: str | None = None) -> subprocess.CompletedProcess[str]:
    """``govreview ARGS`` as a person runs it in ``cwd``: a fresh process, Chinese unless ``lang``."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("GOVREVIEW_LANG", None)
    if lang:
        env["GOVREVIEW_LANG"] = lang
    return subprocess.run([sys.executable, "-m", "govreview.cli", *args], cwd=cwd, capture_output=True, text=True, env=env)
