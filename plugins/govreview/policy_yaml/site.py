"""Sections about the site as a whole: ``version``, ``site``, ``urgent`` and ``build``."""

from __future__ import annotations

from collections.abc import Mapping

import pathspec

from ..core.policy import BuildScope, Role, Site, Urgent
from ..messages import msg
from .people import role_ref
from .reading import TEXT, TEXTS, Key
from .sections import Sections

VERSION = 1


def read_version(s: Sections) -> None:
    if "version" not in s:
        return
    reader, value, line = s.section("version")
    if value != VERSION:
        reader.fail(line, msg("policy.bad_version", value=str(value), wanted=VERSION))


def read_site(s: Sections) -> Site | None:
    """``site``: the site's name and its publisher (shown with every page's disclosure details)."""
    if "site" not in s:
        s.missing(msg("policy.missing_site"))
        return None
    reader, value, line = s.section("site")
    f = reader.mapping(value, line, "site", {"name": Key(TEXT, required=True), "publisher": Key(TEXT, required=True)})
    if f is None or "name" not in f or "publisher" not in f:
        return None
    return Site(f["name"], f["publisher"])


def read_urgent(s: Sections, roles: Mapping[str, Role]) -> Urgent | None:
    """``urgent``: the label that exempts urgent information from advance-notice deadlines (R-35), and who may apply it."""
    if "urgent" not in s:
        return None
    reader, value, line = s.section("urgent")
    f = reader.mapping(value, line, "urgent", {"label": Key(TEXT, required=True), "role": Key(TEXT, required=True)})
    if f is None:
        return None
    role = role_ref(s, f, "urgent.role", roles)
    return Urgent(f["label"], role) if f["label"] and role else None


def read_build(s: Sections) -> BuildScope:
    """``build: {not_read: [patterns]}``: tracked files the build never reads."""
    if "build" not in s:
        return BuildScope()
    reader, value, line = s.section("build")
    f = reader.mapping(value, line, "build", {"not_read": Key(TEXTS, default=())})
    if f is None:
        return BuildScope()
    patterns: tuple[str, ...] = f["not_read"]
    for pattern in patterns:
        try:
            pathspec.GitIgnoreSpec.from_lines([pattern])
        except ValueError as err:
            f.fail("not_read", msg("policy.bad_pattern", pattern=pattern, original=str(err)))
            continue
        if pattern.strip("/*") == "" or pattern.startswith("!"):
            f.fail("not_read", msg("policy.pattern_too_broad", pattern=pattern))
    return BuildScope(patterns)
