"""Included text carries the including page's approvals. Pure.

A page that includes another file (a snippet, an inlined image, an included
Markdown file) publishes that file's text as its own. The included file's
current content must therefore have been approved with the page's chain:

* by the merged pull request that last changed the included file, judged as if
  that file were the page (the page's category, unit and steps, bound to the
  included file's blob at the reviewed commit); or
* by the page's own pull request, when it merged after the included file's last
  change and every approval that filled the page's steps came after that change
  (the reviewers approved the page while the included text was already what it is).

Which pages include which files is observed during trusted builds, never parsed
from extension syntax (see :mod:`govreview.snapshot.includes`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import datetime

from .calendar import WorkCalendar
from .evidence import APPROVED, DECISIVE_STATES, ArchiveIndex, PullRecord
from .gate import judge_pull
from .page import SourceFile
from .policy import Policy
from .verdict import Reason, Verdict

R_REVIEW_FIRST = "R-02"


def as_page(page: SourceFile, included: SourceFile) -> SourceFile:
    """The included file judged under the including page's front matter and column."""
    return replace(page, repo_path=included.repo_path, blob=included.blob, content=None, problem=None)


def include_reasons(
    page: SourceFile,
    verdict: Verdict,
    included: SourceFile,
    index: ArchiveIndex,
    policies: Mapping[str, Policy],
    calendars: Mapping[str, WorkCalendar] | None = None,
) -> tuple[Reason, ...]:
    """Why ``included``'s current content is not covered by ``page``'s approvals (empty: it is).

    ``verdict`` is the page's own (approved) verdict. ``included`` is assumed to be
    approved on its own; it is judged here only for the page's chain.
    """
    params: dict[str, object] = {"file": included.repo_path}
    base = index.baseline(included.repo_path)
    if base is not None and base.blob == included.blob:
        # Public with its page before adoption (both in the baseline), or approved with the
        # page by reviewers who saw it after the baseline was recorded.
        if verdict.baseline is not None:
            return ()
        page_pull = _pull(index, verdict.pull)
        if page_pull is not None and _approved_after(page_pull, verdict, base.at):
            return ()
        return (Reason("include_baseline_unapproved", R_REVIEW_FIRST, params),)
    entry = index.latest(included.repo_path)
    if entry is None or entry.change.blob != included.blob:
        return (Reason("include_unapproved_new", R_REVIEW_FIRST, params),)
    changed_by = entry.pull
    params["pull"] = changed_by.number
    policy = policies.get(changed_by.policy)
    if policy is not None:
        judged = judge_pull(as_page(page, included), changed_by, policy, None)
        if judged.approved:
            return ()
        params["missing"] = tuple(s.name for s in judged.steps if not s.satisfied and not s.pending)
    else:
        params["missing"] = ()
    page_pull = _pull(index, verdict.pull)
    if page_pull is not None and _approved_after(page_pull, verdict, changed_by.merged_at):
        return ()
    return (Reason("include_unapproved", R_REVIEW_FIRST, params),)


def _pull(index: ArchiveIndex, number: int | None) -> PullRecord | None:
    if number is None:
        return None
    return next((p for p in index.pulls if p.number == number), None)


def _approved_after(pull: PullRecord, verdict: Verdict, moment: datetime) -> bool:
    """Did the page's pull request merge after ``moment``, with every approval that
    filled the page's steps given after it?"""
    if pull.merged_at <= moment:
        return False
    latest: dict[str, tuple[datetime, str]] = {}
    for review in sorted(pull.reviews, key=lambda r: r.submitted_at):
        if review.state in DECISIVE_STATES and review.submitted_at <= pull.merged_at:
            latest[review.login.lower()] = (review.submitted_at, review.state)
    people = {login.lower() for step in verdict.steps if step.step != "secrecy" for login in step.filled_by}
    if not people:
        return False
    return all(login in latest and latest[login][1] == APPROVED and latest[login][0] > moment for login in people)
