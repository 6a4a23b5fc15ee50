"""The ``takedown`` section: who may take a published page offline at once, and within how
many working days the page's own chain must confirm it (R-44)::

    takedown:
      role: web_office        # a role of this policy (the website office)
      confirm_within: 3       # working days, counted with the site's calendar
"""

from __future__ import annotations

from collections.abc import Mapping

from ..core.policy import Role, TakedownRule
from .people import role_ref
from .reading import POSITIVE, TEXT, Key
from .sections import Sections


def read_takedown(s: Sections, roles: Mapping[str, Role]) -> TakedownRule | None:
    """``takedown: {role, confirm_within}``; None when the policy has no such section (then
    nobody may take a page down: the command refuses, fail closed)."""
    if "takedown" not in s:
        return None
    reader, value, line = s.section("takedown")
    keys = {"role": Key(TEXT, required=True), "confirm_within": Key(POSITIVE, required=True)}
    f = reader.mapping(value, line, "takedown", keys)
    if f is None:
        return None
    role = role_ref(s, f, "takedown.role", roles)
    days = f["confirm_within"]
    return TakedownRule(role, days) if role and days else None
