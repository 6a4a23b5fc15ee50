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
import sys
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


def sha(*parts: object) -> str:
    return hashlib.sha1("/".join(map(str, parts)).encode()).hexdigest()


def at(day: datetime, hours: float) -> datetime:
    return day + timedelta(hours=hours)


def main(argv: list[str] | None = None) -> int:
    args = argv if argv is not None else sys.argv[1:]
    out = Path(args[0]) if args else ROOT / "archive" / "approvals.jsonl"
    files = policy_files(ROOT / "policies")
    pid = policy_id(files)
    policy = load_policy(files)
    start = datetime(2026, 1, 4, 9, 0, tzinfo=SHANGHAI)

    inputs = [ROOT / "mkdocs.yml", *sorted((ROOT / "policies").glob("*.yml"))]
    setup = make_pull(
        1,
        "建立网站：站点配置与发布规则",
        "ma-lei",
        start,
        pid,
        {p.relative_to(ROOT).as_posix(): blob_id(p.read_bytes()) for p in inputs},
        approvers=["guo-peng"],
        secrecy=None,
    )
    pulls = [setup]

    docs = ROOT / "docs"
    pages = sorted(p for p in docs.rglob("*") if p.is_file() and kind_of(p.name) == "page")
    attachments = {p for p in docs.rglob("*") if p.is_file() and kind_of(p.name) == "attachment"}
    number = 1
    for page in pages:
        number += 1
        rel = page.relative_to(ROOT).as_posix()
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
        blobs = {rel: blob_id(data)}
        blobs.update({a.relative_to(ROOT).as_posix(): blob_id(a.read_bytes()) for a in carried})
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
            blobs[rel] = blob_id((APPROVED_VERSIONS / page.relative_to(docs)).read_bytes())
        title = str(meta.get("title", page.stem))
        pulls.append(
            make_pull(
                number,
                f"发布：{title}",
                EDITORS[number % 2],
                day,
                pid,
                blobs,
                approvers,
                secrecy="feng-lan",
                label_early=rel == LABEL_TOO_EARLY,
            )
        )
    if attachments:
        print("attachments linked from no page:", sorted(str(a) for a in attachments), file=sys.stderr)
        return 1
    write_archive(out, {pid: files}, pulls)
    print(f"wrote {len(pulls)} pull requests to {out}")
    return 0


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
) -> PullRecord:
    """A merged pull request: opened, (optionally) pushed again, reviewed, labelled, merged."""
    first = sha(number, "head", 1)
    heads = [Head(first, opened, dict(blobs))]
    final = first
    label_time = at(opened, 2)
    if label_early:
        # Labelled after the first push, then the page was changed again.
        final = sha(number, "head", 2)
        heads.append(Head(final, at(opened, 3), dict(blobs)))
        heads[0] = Head(first, opened, {p: sha(number, "draft", p) for p in blobs})
    reviews = [Review(login, "APPROVED", final, at(opened, 4 + i)) for i, login in enumerate(approvers)]
    labels = [LabelEvent("保密审查通过", "labeled", secrecy, label_time)] if secrecy else []
    merged = at(opened, 8)
    return PullRecord(
        number=number,
        title=title,
        author=author,
        merged_at=merged,
        merge_commit=sha(number, "merge"),
        head=final,
        base=sha(number, "base"),
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
