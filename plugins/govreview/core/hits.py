"""A match in folded text, before it is placed in the file (pure)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Hit:
    """Check ``code`` matched folded text ``start:end`` (or the original, when
    ``original``); ``params`` add facts
    (the correction, the number kind ...). ``severity``/``rule`` override the
    check's own, for word-list entries."""

    code: str
    start: int
    end: int
    params: Mapping[str, object] = field(default_factory=dict)
    severity: str | None = None
    rule: str | None = None
    original: bool = False  # start/end are offsets in the original text, not in folded text
