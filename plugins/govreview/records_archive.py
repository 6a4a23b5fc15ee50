"""The items of the paper records, read from the approval archive and the git repository
(the shell around :mod:`govreview.core.recordbook`).

Every file a merged pull request produced under ``docs_dir`` is an item; its content
is read from git by the blob the merge produced and judged by the gate against that
pull request alone (the policy it merged under), so a later edit of the page never
changes an earlier item's record.
"""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from .archive_jsonl import Archive
from .core.evidence import ArchiveIndex, PullRecord
from .core.gate import judge
from .core.policy import Person, Policy
from .core.recordbook import Item, People
from .core.records import first_publication
from .core.verdict import Reason, Verdict
from .findings_cache import open_cache
from .gittree import BlobReader, GitError
from .messages import person_name
from .policy_yaml import load_policy, policy_id
from .review import SiteReview, kind_of, review_from
from .settings import Settings, SettingsError, read_settings
from .snapshot.judge import StageError, _policy_texts, read_archive_from
from .snapshot.sources import CommitSource


@dataclass(frozen=True)
class Book:
    """What the records are made of: the items, how people are shown, where pull requests live."""

    items: tuple[Item, ...]
    people: People
    repo_url: str | None
    settings: Settings
    archive: Archive

    def pull_url(self, number: int) -> str:
        return f"{self.repo_url}/pull/{number}" if self.repo_url else f"#{number}"


def person_shown(archive: Archive, policies: Iterable[Policy] = ()) -> People:
    """How a person reads on every record: "title name" (:func:`govreview.messages.person_name`)
    from the roster the archive holds (the latest one resolved by the time they acted), else
    from the people of the policies (today's last), else their forge login."""
    rosters = sorted(archive.rosters, key=lambda r: r.resolved_at)
    known: dict[str, Person] = {}
    for policy in policies:
        known.update(policy.people)

    def shown(login: str, at: datetime) -> str:
        for roster in reversed([r for r in rosters if r.resolved_at <= at] or rosters):
            person = roster.person(login)
            if person is not None:
                return f"{person.title} {person.name}" if person.title else person.name
        return person_name(login, known, with_login=login.lower() not in known)

    return shown


def repo_url(root: Path, repo: str | None = None, server: str | None = None) -> str | None:
    """The repository's web address: ``repo`` (OWNER/NAME) or GITHUB_REPOSITORY on
    ``server`` (or GITHUB_SERVER_URL, else github.com); else the ``origin`` remote's."""
    repo = repo or os.environ.get("GITHUB_REPOSITORY")
    server = (server or os.environ.get("GITHUB_SERVER_URL") or "https://github.com").rstrip("/")
    if repo:
        return f"{server}/{repo}"
    try:
        url = subprocess.run(["git", "remote", "get-url", "origin"], cwd=root, capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None
    m = re.fullmatch(r"(?:https://|git@)([^/:]+)[/:]([^/]+/[^/]+?)(?:\.git)?/?", url)
    return f"https://{m.group(1)}/{m.group(2)}" if m else None


def open_book(
    root: Path,
    config: str = "mkdocs.yml",
    archive_ref: str | None = None,
    archive_file: str | None = None,
    repo: str | None = None,
    server: str | None = None,
) -> Book:
    """Read the settings and policy (from HEAD), the archive, and judge every item.
    Raises StageError, PolicyError or ArchiveError (nothing can be recorded then)."""
    source = CommitSource(root, "HEAD")
    try:
        settings = read_settings(config, source.text)
    except SettingsError as err:
        raise StageError(err.messages[0] if err.messages else str(err)) from None
    files = _policy_texts(source, settings.policies)
    policy = load_policy(files, root / settings.policies)
    archive, _ = read_archive_from(root, settings, archive_ref, archive_file)
    cache = open_cache(root, settings.cache, settings.site_dir, settings.docs_dir)  # screening findings by content id
    review = review_from(root, policy, archive, root / settings.archive, root / settings.policies, policy_id(files), cache)
    items: list[Item] = []
    with BlobReader(root) as blobs:
        for pull in review.index.pulls:
            items.extend(_items(pull, review, settings, archive, blobs))
    return Book(tuple(items), person_shown(archive, [*review.snapshots.values(), policy]), repo_url(root, repo, server), settings, archive)


def _items(pull: PullRecord, review: SiteReview, settings: Settings, archive: Archive, blobs: BlobReader) -> list[Item]:
    out = []
    only = ArchiveIndex([pull])
    for change in pull.files:
        if change.blob is None or not settings.in_docs(change.path):
            continue
        rel = change.path[len(settings.docs_prefix) :]
        kind = kind_of(rel)
        try:
            data = blobs.read(change.blob)
        except GitError as err:  # the merge's content is gone from the repository: not provable
            verdict = Verdict(rel, kind, (Reason("unreadable", "R-55", {"error": str(err)}),), pull=pull.number, merged_at=pull.merged_at)
        else:
            read = review.read_data(data, rel, kind, change.path, change.blob)
            screener = read.screenable.findings if read.screenable is not None else None
            verdict = judge(read.source, only, review.snapshots, review.policy, review.calendars, screener)
        first = first_publication(archive.publications, change.path, change.blob)
        out.append(
            Item(
                path=rel,
                repo_path=change.path,
                blob=change.blob,
                kind=kind,
                pull=pull,
                verdict=verdict,
                published_at=first.published_at if first else pull.merged_at,
                publication_recorded=first is not None,
                policy=review.snapshots.get(pull.policy),
                calendar=review.calendars.get(pull.policy),
            )
        )
    return out


def find_items(book: Book, wanted: str) -> list[Item]:
    """The items a form was asked for: ``PR`` (a number, ``#N``) gives every item that
    pull request produced; a path (docs-relative or repository-relative) gives the latest
    item at that path."""
    number = wanted.removeprefix("#")
    if number.isdigit():
        return [i for i in book.items if i.pull.number == int(number)]
    path = wanted.replace("\\", "/").removeprefix("./")
    matches: Sequence[Item] = [i for i in book.items if path in (i.path, i.repo_path)]
    return [max(matches, key=lambda i: (i.pull.merged_at, i.pull.number))] if matches else []
