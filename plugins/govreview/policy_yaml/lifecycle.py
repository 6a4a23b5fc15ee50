"""The ``lifecycle`` section: who approves withdrawals and minor corrections of published pages (R-44)."""

from __future__ import annotations

from collections.abc import Mapping

from ..core.policy import Lifecycle, Role
from ..messages import msg
from .problems import closest, names_of
from .reading import TEXT, Fields, Key
from .sections import Sections


def read_lifecycle(s: Sections, roles: Mapping[str, Role]) -> Lifecycle | None:
    """``lifecycle: {office: ROLE, minor_label: LABEL}``: the website office's role (its holder
    approves every withdrawal) and the label by which it approves an edit as minor (optional)."""
    if "lifecycle" not in s:
        return None
    reader, value, line = s.section("lifecycle")
    f = reader.mapping(value, line, "lifecycle", {"office": Key(TEXT, required=True), "minor_label": Key(TEXT, default=None)})
    if f is None or "office" not in f:
        return None
    office = _office(s, f, roles)
    label = f["minor_label"]
    if label is not None and not label.strip():
        f.fail("minor_label", msg("policy.lifecycle_label_empty"))
        return None
    return Lifecycle(office, label.strip() if label else None) if office else None


def _office(s: Sections, f: Fields, roles: Mapping[str, Role]) -> str | None:
    """The office's role; one the policy does not define is named with its file and line."""
    role = f["office"]
    if role and role not in roles:
        if role not in s.known("roles"):  # a role that failed to load has its own problem already
            f.fail("office", msg("policy.unknown_role", what="lifecycle.office", name=role), closest(role, roles, names_of(roles)))
        return None
    return role or None
