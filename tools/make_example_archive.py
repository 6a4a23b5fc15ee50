"""Regenerate archive/approvals.jsonl, the example site's approval archive.

In production the archive is filled from the forge by the publish workflow. The
example site has no forge, so this script writes the record of a plausible
history: one pull request for the site configuration and the policy, and one per
page (with its attachments), reviewed by the people the policy names. Three
pages are deliberately not approved, so the example shows the gate at work:

* news/2026-03-12-…: quotes a leader's instruction (R-17) but the principal
  leader never approved it;
* notices/2026-11-10-…: edited on main after its approval (the archive holds the
  blob of the approved version, kept in tools/example-approved/);
* replies/2026-08-14-…: the secrecy label was added before the last push
  that changed the page.

Every pull request is opened ready for review and merged by the website office (R-04).
The archive is written in format 2 (guide/archive-format.md), hash chain included.

Run it after changing mkdocs.yml, policies/ or docs/:  python tools/make_example_archive.py [OUT]
tests/test_example_site.py fails when the archive is out of date.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from pathlib import Path

from govreview.archive_jsonl import write_archive
from govreview.core.evidence import Commit, FileChange, Head, LabelEvent, PullRecord, Review
from govreview.frontmatter import blob_id, read_front_matter
from govreview.policy_yaml import load_policy, policy_files, policy_id
from govreview.review import kind_of
from govreview.timefmt import SHANGHAI

ROOT = Path(__file__).resolve().parent.parent
APPROVED_VERSIONS = Path(__file__).resolve().parent / "example-approved"
NO_PRINCIPAL = "docs/news/2026-03-12-jingbao-shiming-zhunbei.md"
EDITED_AFTER = "docs/notices/2026-11-10-shenpi-banli-didian-tiaozheng.md"
LABEL_TOO_EARLY = "docs/replies/2026-08-14-renfang-churukou-duzhan.md"
EDITORS = ("wang-xiaomei", "ma-lei")
#: Only the website office merges (R-04): its information manager in the example policy.
MERGER = "lin-na"
#: What the first push of LABEL_TOO_EARLY's pull request adds to the page (real history only).
DRAFT = "\n（草稿）\n".encode()


def sha(*parts: object) -> str:
    return hashlib.sha1("/".join(map(str, parts)).encode()).hexdigest()


def at(day: datetime, hours: float) -> datetime:
    return day + timedelta(hours=hours)


@dataclass
class Planned:
    """One pull request of the example's history, before it has commit ids."""

    number: int
    title: str
    author: str
    opened: datetime
    blobs: dict[str, str]  # path -> blob the pull request approves
    approvers: list[str]
    secrecy: str | None
    label_early: bool = False
    contents: dict[str, bytes] = field(default_factory=dict)  # path -> the approved bytes


def plan(root: Path = ROOT) -> tuple[str, dict[str, str], list[Planned]]:
    """The example's pull requests (policy id, policy files, pulls), from the site at ``root``."""
    files = policy_files(root / "policies")
    pid = policy_id(files)
    policy = load_policy(files)
    start = datetime(2026, 1, 4, 9, 0, tzinfo=SHANGHAI)

    # The portal template (theme.custom_dir) is a build input like the configuration.
    inputs = [
        root / "mkdocs.yml",
        *sorted((root / "policies").glob("*.yml")),
        *sorted(p for p in (root / "overrides").rglob("*") if p.is_file()),
    ]
    contents = {p.relative_to(root).as_posix(): p.read_bytes() for p in inputs}
    setup = Planned(
        1,
        "建立网站：站点配置与发布规则",
        "ma-lei",
        start,
        {path: blob_id(data) for path, data in contents.items()},
        ["guo-peng"],
        None,
        contents=contents,
    )
    pulls = [setup]

    docs = root / "docs"
    pages = sorted(p for p in docs.rglob("*") if p.is_file() and kind_of(p.name) == "page")
    attachments = {p for p in docs.rglob("*") if p.is_file() and kind_of(p.name) == "attachment"}
    number = 1
    for page in pages:
        number += 1
        rel = page.relative_to(root).as_posix()
        data = page.read_bytes()
        fm = read_front_matter(data)
        meta = fm.meta or {}
        docs_rel = page.relative_to(docs).as_posix()
        column = policy.column_of(docs_rel)
        assert column is not None, docs_rel
        category = policy.categories[str(meta.get("category") or column.category)]
        unit = column.unit
        # Attachments travel with the page of the same column that mentions them.
        text = fm.text or ""
        carried = {a for a in attachments if a.parent == page.parent and a.name in text}
        attachments -= carried
        written = meta.get("date")
        day = datetime.combine(written, time(9, 30), SHANGHAI) if written else at(start, 24 * number)
        contents = {rel: data}
        contents.update({a.relative_to(root).as_posix(): a.read_bytes() for a in carried})
        approvers = []
        for step in category.steps:
            for role_id in step.roles:
                members = [m for m in policy.roles[role_id].members_for(step.unit or unit) if m not in approvers]
                if members:
                    approvers.append(members[0])
                    break
        if rel != NO_PRINCIPAL:
            for esc in category.escalations:
                if meta.get(esc.field) == esc.equals:
                    approvers += [policy.roles[s.roles[0]].members_for(unit)[0] for s in esc.steps]
        if rel == EDITED_AFTER:
            contents[rel] = (APPROVED_VERSIONS / page.relative_to(docs)).read_bytes()
        title = str(meta.get("title", page.stem))
        pulls.append(
            Planned(
                number,
                f"发布：{title}",
                EDITORS[number % 2],
                day,
                {path: blob_id(data) for path, data in contents.items()},
                approvers,
                "feng-lan",
                label_early=rel == LABEL_TOO_EARLY,
                contents=contents,
            )
        )
    if attachments:
        raise SystemExit(f"attachments linked from no page: {sorted(str(a) for a in attachments)}")
    return pid, files, pulls


def main(argv: list[str] | None = None) -> int:
    args = argv if argv is not None else sys.argv[1:]
    if args[:1] == ["--history"]:
        count = history(Path(args[1]))
        print(f"built a git history of {count} merged pull requests in {args[1]}")
        return 0
    out = Path(args[0]) if args else ROOT / "archive" / "approvals.jsonl"
    pid, files, planned = plan()
    pulls = [
        make_pull(p.number, p.title, p.author, p.opened, pid, p.blobs, p.approvers, p.secrecy, label_early=p.label_early) for p in planned
    ]
    write_archive(out, {pid: files}, pulls)
    print(f"wrote {len(pulls)} pull requests to {out}")
    return 0


def history(dest: Path) -> int:
    """The example as a real git repository in ``dest``: every planned pull request is a
    branch whose commits hold its files (the approved versions), merged into main with a
    merge commit; then the example's later edit on main; the archive, written from those
    real commits, is committed last (archive/approvals.jsonl). Returns the pulls merged."""
    pid, files, planned = plan()
    dest.mkdir(parents=True, exist_ok=True)

    def git(*args: str, when: datetime | None = None) -> str:
        env = {**os.environ, "GIT_AUTHOR_NAME": "example", "GIT_AUTHOR_EMAIL": "example@example.invalid"}
        env.update({"GIT_COMMITTER_NAME": "example", "GIT_COMMITTER_EMAIL": "example@example.invalid"})
        if when is not None:
            env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = when.isoformat()
        proc = subprocess.run(["git", *args], cwd=dest, env=env, capture_output=True, text=True, check=True)
        return proc.stdout.strip()

    def put(contents: dict[str, bytes]) -> None:
        for path, data in contents.items():
            (dest / path).parent.mkdir(parents=True, exist_ok=True)
            (dest / path).write_bytes(data)
        git("add", "-A")

    git("init", "-q", "-b", "main")
    (dest / ".gitignore").write_text("site/\n.govreview/\n", encoding="utf-8")
    git("add", ".gitignore")
    git("commit", "-q", "-m", "空白仓库", when=planned[0].opened - timedelta(days=1))
    pulls = []
    for p in planned:
        base = git("rev-parse", "HEAD")
        git("checkout", "-q", "-b", f"pull-{p.number}")
        heads = []
        drafts = {path: data + DRAFT for path, data in p.contents.items()}
        if p.label_early:  # a first push with a draft, changed again after the label
            put(drafts)
            git("commit", "-q", "-m", f"{p.title}（草稿）", when=p.opened)
            heads.append(git("rev-parse", "HEAD"))
        put(p.contents)
        git("commit", "-q", "-m", p.title, when=at(p.opened, 3) if p.label_early else p.opened)
        heads.append(git("rev-parse", "HEAD"))
        git("checkout", "-q", "main")
        merged = at(p.opened, 8)
        git("merge", "-q", "--no-ff", "-m", f"Merge pull request #{p.number}", f"pull-{p.number}", when=merged)
        shas = (heads, git("rev-parse", "HEAD"), base, {path: blob_id(data) for path, data in drafts.items()})
        pulls.append(make_pull(p.number, p.title, p.author, p.opened, pid, p.blobs, p.approvers, p.secrecy, p.label_early, shas))
    # The notice edited on main after its approval (so the example withholds it).
    edited = ROOT / EDITED_AFTER
    put({EDITED_AFTER: edited.read_bytes()})
    git("commit", "-q", "-m", "直接修改已审批的通知", when=max(p.merged_at for p in pulls) + timedelta(hours=1))
    write_archive(dest / "archive" / "approvals.jsonl", {pid: files}, pulls)
    git("add", "archive")
    git("commit", "-q", "-m", "审批档案")
    return len(pulls)


def make_pull(
    number: int,
    title: str,
    author: str,
    opened: datetime,
    pid: str,
    blobs: dict[str, str],
    approvers: list[str],
    secrecy: str | None,
    label_early: bool = False,
    shas: tuple[list[str], str, str, dict[str, str]] | None = None,
) -> PullRecord:
    """A merged pull request: opened, (optionally) pushed again, reviewed, labelled, merged.
    ``shas``: the real (heads, merge commit, base, draft blobs) of :func:`history`; else made-up ids."""
    first = shas[0][0] if shas else sha(number, "head", 1)
    heads = [Head(first, opened, dict(blobs))]
    final = first
    label_time = at(opened, 2)
    if label_early:
        # Labelled after the first push, then the page was changed again.
        final = shas[0][1] if shas else sha(number, "head", 2)
        heads.append(Head(final, at(opened, 3), dict(blobs)))
        heads[0] = Head(first, opened, shas[3] if shas else {p: sha(number, "draft", p) for p in blobs})
    reviews = [Review(login, "APPROVED", final, at(opened, 4 + i)) for i, login in enumerate(approvers)]
    labels = [LabelEvent("保密审查通过", "labeled", secrecy, label_time)] if secrecy else []
    merged = at(opened, 8)
    return PullRecord(
        number=number,
        title=title,
        author=author,
        merged_at=merged,
        merge_commit=shas[1] if shas else sha(number, "merge"),
        head=final,
        base=shas[2] if shas else sha(number, "base"),
        policy=pid,
        files=tuple(FileChange(path, "added", blob) for path, blob in sorted(blobs.items())),
        reviews=tuple(reviews),
        labels=tuple(labels),
        heads=tuple(heads),
        commits=tuple(Commit(h.sha, author, author) for h in heads),
        merged_by=MERGER,
        ready_at=opened,
    )


if __name__ == "__main__":
    raise SystemExit(main())
