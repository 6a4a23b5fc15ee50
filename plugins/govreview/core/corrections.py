"""After publication: corrections and withdrawals of published pages (R-44). Pure.

A page is *published* when the archive holds a ``publication`` (or ``baseline``) record
for its path from before the pull request that changed it merged. Then:

* an edit carries a new public 更正说明 (``correction_note``, differing from every note the
  public has seen for the page), or a holder of the website office's role applies the
  policy's minor-correction label after the last push that changed the page;
* a withdrawal keeps the file and sets ``withdrawal_reason``: beyond the page's chain it
  needs an approval by a holder of the office's role (an extra step, filled by a distinct
  person as every step is);
* deleting or renaming the file of a published page is refused: it is withdrawn instead.

The shell says what was published (:class:`Published`); the gate's checks use it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime

from .policy import Policy, Step
from .verdict import Reason

R_AFTER_PUBLICATION = "R-44"
CORRECTION_NOTE = "correction_note"
WITHDRAWAL_REASON = "withdrawal_reason"
#: The id of the office's extra step in a withdrawal's chain.
WITHDRAWAL_STEP = "withdrawal"


@dataclass(frozen=True)
class Published:
    """What the public saw of a page when a pull request changing it merged.

    ``blob``: the content public then; ``since``: when the path first went public (None: not
    known, e.g. a baseline without its date); ``notes``: the public 更正说明 seen so far (the
    archive's correction notes and the published version's own); ``readable``: False when the
    published version could not be read, so its note is unknown (nothing is then a new note)."""

    blob: str
    since: datetime | None = None
    notes: tuple[str, ...] = ()
    readable: bool = True


def text_of(fields: Mapping[str, object], name: str) -> str | None:
    """A text field as written, without surrounding spaces; None when absent or empty."""
    value = fields.get(name)
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


def is_withdrawal(fields: Mapping[str, object]) -> bool:
    return text_of(fields, WITHDRAWAL_REASON) is not None


def withdrawal_steps(fields: Mapping[str, object], policy: Policy) -> tuple[Step, ...]:
    """The office's extra step a withdrawal needs (none for other pages, or when the policy
    names no office: :func:`office_missing` then blocks)."""
    if not is_withdrawal(fields) or policy.lifecycle is None:
        return ()
    role = policy.roles.get(policy.lifecycle.office)
    name = role.name if role is not None else policy.lifecycle.office
    return (Step(WITHDRAWAL_STEP, name, (policy.lifecycle.office,), rule=R_AFTER_PUBLICATION),)


def office_missing(fields: Mapping[str, object], policy: Policy) -> Reason | None:
    """A withdrawal under a policy without ``lifecycle.office``: nobody can approve it (fail closed)."""
    if is_withdrawal(fields) and policy.lifecycle is None:
        return Reason("withdrawal_no_office", R_AFTER_PUBLICATION)
    return None


def new_note(fields: Mapping[str, object], published: Published) -> str | None:
    """The page's 更正说明 when it is a new one (the public has not seen it for this page)."""
    note = text_of(fields, CORRECTION_NOTE)
    if note is None or not published.readable or note in published.notes:
        return None
    return note


def notes_seen(notes: Iterable[str | None]) -> tuple[str, ...]:
    """Distinct non-empty notes, in order."""
    out: list[str] = []
    for note in notes:
        if note and note.strip() and note.strip() not in out:
            out.append(note.strip())
    return tuple(out)


def removed_published(path: str, previous_path: str | None, removed: bool, published: Iterable[str]) -> Reason | None:
    """A pull request deleting (``removed``) or renaming (``previous_path``) the file of a
    published page: refused, with the way to withdraw it (R-44)."""
    public = set(published)
    gone = previous_path if previous_path and previous_path != path else path if removed else None
    if gone is None or gone not in public:
        return None
    return Reason("published_removed", R_AFTER_PUBLICATION, {"page": gone, "field": WITHDRAWAL_REASON})
