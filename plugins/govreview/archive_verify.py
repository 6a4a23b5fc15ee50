"""``govreview archive verify``: gather the facts the tamper audit
(:mod:`govreview.core.archive_audit`) needs — the archive's lines, the site's git
repository, the chain heads anchored in tags and deployed manifests, and, when asked,
the forge — and run it. Fail closed: anything that cannot be read is a finding.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .archive_jsonl import ArchiveError, ChainTip, line_hash, parse_archive
from .core.archive_audit import Anchor, Entry, Finding, ForgePull, check_anchors, check_forge, check_git
from .gittree import GitError, git
from .messages import msg

#: Tags that anchor the chain head: ``govreview-archive/<seq>``, pointing at the archive
#: branch's commit that held the archive with that head (guide/archive-format.md §2).
TAG_PREFIX = "govreview-archive/"
#: The file every deployed site carries at its root: the chain head the build read.
SITE_ANCHOR = "govreview-archive.json"
SITE_ANCHOR_FORMAT = "govreview-archive-head"
_SHA = re.compile(r"[0-9a-f]{40}|[0-9a-f]{64}")


def chain_head(raw: bytes) -> ChainTip:
    """The head of a verified archive's chain: its last line's seq and hash."""
    lines = raw.split(b"\n")[:-1]
    return ChainTip(len(lines) - 1, line_hash(lines[-1]))


def site_anchor_json(tip: ChainTip) -> str:
    """The deployed anchor: a sequence number and a hash, nothing private."""
    return json.dumps({"format": SITE_ANCHOR_FORMAT, "version": 1, "seq": tip.seq, "hash": tip.hash}) + "\n"


def entries_of(raw: bytes) -> list[Entry]:
    """The record lines of an archive that :func:`parse_archive` accepted."""
    out: list[Entry] = []
    for number, line in enumerate(raw.split(b"\n")[1:-1], start=2):
        obj = json.loads(line)
        kind = str(obj.get("type"))
        base = Entry(number, int(obj["seq"]), line_hash(line), kind)
        if kind == "pull":
            files = tuple((str(f["path"]), f.get("blob")) for f in obj.get("files", []))
            base = replace(
                base, pull=obj["number"], merge_commit=obj["merge_commit"], head=obj["head"], merged_by=obj.get("merged_by"), files=files
            )
        elif kind == "publication":
            base = replace(base, commit=obj.get("commit"))
        out.append(base)
    return out


class GitRepo:
    """The site's repository, asked once for everything (one ``cat-file`` batch, one ``rev-list``)."""

    def __init__(self, root: Path, main: str, entries: Sequence[Entry]) -> None:
        self.root = root
        self.main_commits = set(self._git("rev-list", f"{main}^{{commit}}", "--").split())
        queries: list[str] = []
        for e in entries:
            for sha in (e.merge_commit, e.commit):
                if sha and _SHA.fullmatch(sha):
                    queries.append(f"{sha}^{{commit}}")
                    if sha == e.merge_commit:
                        queries += [f"{sha}:{path}" for path, _ in e.files if "\n" not in path]
        self.answers = self._batch(queries)

    def _git(self, *args: str, stdin: str | None = None) -> str:
        try:
            return git(self.root, *args, data=stdin.encode("utf-8") if stdin is not None else None).decode("utf-8")
        except GitError as err:
            raise GitUnreadable(str(err)) from None

    def _batch(self, queries: list[str]) -> dict[str, tuple[str, str]]:
        if not queries:
            return {}
        lines = self._git("cat-file", "--batch-check=%(objectname) %(objecttype)", stdin="".join(q + "\n" for q in queries)).splitlines()
        answers: dict[str, tuple[str, str]] = {}
        for query, answer in zip(queries, lines, strict=False):
            oid, _, kind = answer.partition(" ")
            if kind in ("commit", "blob", "tree"):
                answers[query] = (oid, kind)
        return answers

    def exists(self, sha: str) -> bool:
        return _SHA.fullmatch(sha) is not None and self.answers.get(f"{sha}^{{commit}}", ("", ""))[0] == sha

    def on_main(self, sha: str) -> bool:
        return sha in self.main_commits

    def blob_at(self, sha: str, path: str) -> str | None:
        oid, kind = self.answers.get(f"{sha}:{path}", ("", ""))
        return oid if kind == "blob" else None


class GitUnreadable(Exception):
    pass


def tag_anchors(root: Path, path: str) -> tuple[list[Anchor], list[Finding]]:
    """The chain heads of the archive as each ``govreview-archive/*`` tag holds it."""
    try:
        listed = git(root, "for-each-ref", "--format=%(refname:short)", f"refs/tags/{TAG_PREFIX}").decode("utf-8")
    except GitError as err:
        return [], [Finding("archive.verify_git_unreadable", None, {"error": str(err)})]
    anchors, problems = [], []
    for tag in listed.split():
        try:
            shown = git(root, "show", f"{tag}:{path}")
        except GitError as err:
            problems.append(Finding("archive.verify_anchor_unreadable", None, {"source": tag, "error": str(err)}))
            continue
        try:
            tip = parse_archive(shown, f"{tag}:{path}").tip
        except ArchiveError as err:
            problems.append(Finding("archive.verify_anchor_unreadable", None, {"source": tag, "error": err.text("en")}))
            continue
        assert tip is not None
        if tag != f"{TAG_PREFIX}{tip.seq}":
            problems.append(Finding("archive.verify_tag_name", None, {"source": tag, "seq": tip.seq}))
        anchors.append(Anchor(tag, tip.seq, tip.hash))
    return anchors, problems


def manifest_anchor(file: Path) -> Anchor | Finding:
    """The chain head a deployed site's ``govreview-archive.json`` names."""
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
        if data.get("format") != SITE_ANCHOR_FORMAT or data.get("version") != 1:
            return Finding("archive.verify_anchor_not_head", None, {"source": str(file)})
        seq, head = data["seq"], data["hash"]
        if type(seq) is not int or seq < 0 or not isinstance(head, str) or not re.fullmatch(r"sha256:[0-9a-f]{64}", head):
            return Finding("archive.verify_anchor_not_head", None, {"source": str(file)})
    except (OSError, UnicodeDecodeError, ValueError, KeyError, AttributeError) as err:
        return Finding("archive.verify_anchor_unreadable", None, {"source": str(file), "error": str(err)})
    return Anchor(str(file), seq, head)


def forge_pulls(forge: Any, numbers: Iterable[int]) -> dict[int, ForgePull | None]:
    """The forge's view of each pull request number (None: the forge has no such pull).
    Raises ForgeError when the forge cannot answer (never read as "no such pull")."""
    from .forge import ForgeError

    out: dict[int, ForgePull | None] = {}
    for number in sorted(set(numbers)):
        try:
            pr = forge.pull(number)
        except ForgeError as err:
            if err.status == 404:
                out[number] = None
                continue
            raise
        base_repo = getattr(getattr(pr, "base", None), "repo", None)
        merged_by = getattr(pr, "merged_by", None)
        out[number] = ForgePull(
            merged=bool(pr.merged),
            merge_commit=pr.merge_commit_sha,
            head=pr.head.sha,
            merged_by=merged_by.login if merged_by is not None else None,
            repository=base_repo.full_name if base_repo is not None else None,
        )
    return out


@dataclass
class Verified:
    """The outcome: the findings (empty: the archive holds), and what was checked."""

    shown: str
    findings: list[Finding] = field(default_factory=list)
    problem: ArchiveError | None = None  # the archive itself did not read (chain broken …)
    tip: ChainTip | None = None
    records: int = 0
    anchors: int = 0
    forge_checked: bool = False

    @property
    def ok(self) -> bool:
        return self.problem is None and not self.findings


def verify(
    raw: bytes,
    shown: str,
    root: Path,
    main: str = "main",
    *,
    tags: bool = True,
    tag_path: str = "approvals.jsonl",
    manifests: Sequence[Path] = (),
    forge: Any = None,
    repository: str | None = None,
    forge_after: int = 0,
) -> Verified:
    """Check the archive ``raw`` (named ``shown``) against the repository at ``root``,
    its anchors and, given ``forge``, the forge (only records after seq ``forge_after``: older
    ones were checked when they were new, and anchors keep them). Raises ForgeError."""
    out = Verified(shown)
    try:
        archive = parse_archive(raw, shown)
    except ArchiveError as err:
        out.problem = err
        return out
    out.tip = archive.tip
    entries = entries_of(raw)
    out.records = len(entries)
    anchors: list[Anchor] = []
    if tags:
        found, problems = tag_anchors(root, tag_path)
        anchors += found
        out.findings += problems
    for file in manifests:
        got = manifest_anchor(file)
        (anchors.append if isinstance(got, Anchor) else out.findings.append)(got)  # type: ignore[arg-type]
    out.anchors = len(anchors)
    out.findings += check_anchors(entries, anchors)
    try:
        out.findings += check_git(entries, GitRepo(root, main, entries))
    except GitUnreadable as err:
        out.findings.append(Finding("archive.verify_git_unreadable", None, {"error": str(err)}))
    if forge is not None:
        fresh = [e for e in entries if e.seq > forge_after]
        numbers = [e.pull for e in fresh if e.kind == "pull" and e.pull is not None]
        out.findings += check_forge(fresh, forge_pulls(forge, numbers), repository or forge.repo_name)
        out.forge_checked = True
    return out


def describe(v: Verified, lang: str) -> tuple[list[str], bool]:
    """The lines to print and whether the archive holds."""
    from .messages import say

    if v.problem is not None:
        return [v.problem.text(lang), say(msg("archive.verify_chain_failed", file=v.shown), lang)], False
    lines = []
    for f in v.findings:
        where = f"{v.shown}:{f.line}: " if f.line else f"{v.shown}: "
        lines.append(where + say(msg(f.code, **f.params), lang))
    assert v.tip is not None
    if v.findings:
        lines.append(say(msg("archive.verify_failed", file=v.shown, count=len(v.findings)), lang))
    else:
        code = "archive.verify_ok_forge" if v.forge_checked else "archive.verify_ok"
        lines.append(say(msg(code, file=v.shown, records=v.records, anchors=v.anchors, seq=v.tip.seq, hash=v.tip.hash), lang))
    return lines, not v.findings
