"""The life of a published document as its front matter states it (pure; the caller
passes ``now``, the build clock — the core never reads the time itself).

Only what the disclosure block needs is here: a document's 有效性 from ``valid_until``
(its last valid day, China time) and ``repealed_by`` (what replaced it).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from .page import CHINA, parse_date

VALID = "valid"
EXPIRED = "expired"  # past valid_until: 已失效
REPEALED = "repealed"  # repealed_by names what replaced it: 已废止


def validity(fields: Mapping[str, object], now: datetime) -> str | None:
    """``repealed`` when ``repealed_by`` names a replacement; ``expired`` after the day
    ``valid_until`` (China time); ``valid`` before; None when the page says neither."""
    repealed = fields.get("repealed_by")
    if isinstance(repealed, str) and repealed.strip():
        return REPEALED
    until = parse_date(fields.get("valid_until"))
    if until is None:
        return None
    return EXPIRED if now.astimezone(CHINA).date() > until else VALID
