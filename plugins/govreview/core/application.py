"""When a pull request was submitted for review: the "application" that deadlines
``met_by: application`` count from (R-35: 提前 N 个工作日提交申请), and the moment the PR
check starts asking reviewers.

Two ways of saying "ready", both read from server-recorded times (DESIGN.md: never a commit
date):

- GitHub's own: a pull request opened ready for review, or marked ready later (its
  ``ready_for_review`` issue event); going back to draft (``convert_to_draft``) withdraws it.
- The web editor's (Decap CMS, editorial workflow): Decap opens the pull request when the
  editor first saves a draft and keeps the item's status in labels named
  ``decap-cms/draft``, ``decap-cms/pending_review`` (审查中) and ``decap-cms/pending_publish``
  (就绪). A pull request that ever carried one of these is the editor's item, and it is
  submitted only while a review or publish label is on it — from the ``labeled`` event that
  put it there; moving it back to draft withdraws it. Its first save is not the application
  (DESIGN.md, R-04 decision).

Where both apply, the later time counts; where either says "not ready", there is no
application time, and the gate fails closed (``application_unknown``).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from itertools import groupby

from .evidence import LabelEvent

#: The label prefix the generated editor configures (Decap's ``cms_label_prefix``).
WORKFLOW_LABEL_PREFIX = "decap-cms/"
#: Workflow statuses that mean "submitted": in review (审查中) or ready to publish (就绪).
SUBMITTED_STATUSES = ("pending_review", "pending_publish")


def is_workflow_label(name: str, prefix: str = WORKFLOW_LABEL_PREFIX) -> bool:
    """Whether ``name`` is one of the web editor's status labels."""
    return name.startswith(prefix)


def is_submitted_label(name: str, prefix: str = WORKFLOW_LABEL_PREFIX) -> bool:
    """Whether ``name`` is a status label that means the item was submitted for review."""
    return is_workflow_label(name, prefix) and name[len(prefix) :] in SUBMITTED_STATUSES


def github_ready_at(created_at: datetime | None, draft: bool, events: Iterable[tuple[str, datetime]]) -> datetime | None:
    """When GitHub last saw the pull request become ready for review: its latest
    ``ready_for_review`` event, else its opening if it never was a draft; None while it is a
    draft, or when it went back to draft and nothing later made it ready."""
    if draft:
        return None
    ready: datetime | None = created_at
    for event, at in sorted(events, key=lambda e: e[1]):
        if event == "ready_for_review":
            ready = at
        elif event == "convert_to_draft":
            ready = None
    return ready


def workflow_submitted_at(labels: Iterable[LabelEvent], prefix: str = WORKFLOW_LABEL_PREFIX) -> tuple[bool, datetime | None]:
    """Whether the web editor's workflow ran this pull request (any status label ever seen),
    and when its item was last submitted: the ``labeled`` event that put a review or publish
    status on it while none was there, None when none is on it at the end."""
    seen = False
    on: set[str] = set()
    since: datetime | None = None
    ordered = sorted((e for e in labels if is_workflow_label(e.label, prefix)), key=lambda e: e.at)
    # One status change is one request (Decap replaces the label list): its ``unlabeled`` and
    # ``labeled`` events carry the same server time and are read together, as one change.
    for at, group in groupby(ordered, key=lambda e: e.at):
        seen = True
        was_submitted = any(is_submitted_label(name, prefix) for name in on)
        for e in group:
            if e.action == "labeled":
                on.add(e.label)
            elif e.action == "unlabeled":
                on.discard(e.label)
        now_submitted = any(is_submitted_label(name, prefix) for name in on)
        if now_submitted and not was_submitted:
            since = at
        elif not now_submitted:
            since = None
    return seen, since


def application_at(
    created_at: datetime | None,
    draft: bool,
    events: Iterable[tuple[str, datetime]],
    labels: Iterable[LabelEvent],
    prefix: str = WORKFLOW_LABEL_PREFIX,
) -> datetime | None:
    """When the pull request was submitted for review (R-35), or None when it is not (or it
    cannot be told): GitHub's ready time, and for the web editor's items also the time the
    item was put in review; the later of the two."""
    ready = github_ready_at(created_at, draft, events)
    workflow, submitted = workflow_submitted_at(labels, prefix)
    if not workflow or ready is None:
        return ready
    if submitted is None:
        return None
    return max(ready, submitted)
