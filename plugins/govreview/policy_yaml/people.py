"""Who: ``units`` (producing units), ``roles`` (with their members, globally or per unit)
and ``secrecy`` (the secrecy review's label and reviewer role, R-03)."""

from __future__ import annotations

from collections.abc import Mapping

from ruamel.yaml.comments import CommentedMap

from ..core.policy import Role, Secrecy, Unit
from ..messages import msg
from .problems import closest, names_of
from .reading import LABEL, MAPPING, TEXT, TEXTS, Fields, Key, Reader, line_of_key
from .sections import Sections


def read_named(reader: Reader, value: object, line: int | None, what: str) -> str | None:
    """An entry written ``id: 名称`` or ``id: {name: 名称}`` (units, declared fields)."""
    if isinstance(value, CommentedMap):
        f = reader.mapping(value, line, what, {"name": Key(TEXT, required=True)})
        return f["name"] if f is not None else None
    name: str | None = reader.value(value, line, what, TEXT)
    return name


def read_units(s: Sections) -> dict[str, Unit]:
    out: dict[str, Unit] = {}
    for reader, uid, value, line in s.entries("units"):
        name = read_named(reader, value, line, f"units.{uid}")
        if name:
            out[str(uid)] = Unit(str(uid), name)
    return out


ROLE_KEYS = {"name": Key(TEXT, required=True), "members": Key(TEXTS, default=()), "units": Key(MAPPING)}


def read_roles(s: Sections, units: Mapping[str, Unit]) -> dict[str, Role]:
    out: dict[str, Role] = {}
    for reader, rid, value, line in s.entries("roles"):
        what = f"roles.{rid}"
        f = reader.mapping(value, line, what, ROLE_KEYS)
        if f is None:
            continue
        per_unit: dict[str, tuple[str, ...]] = {}
        by_unit = f["units"]
        for uid, people in (by_unit or {}).items():
            at = line_of_key(by_unit, uid)
            if uid not in units:
                if uid not in s.known("units"):  # a unit written with mistakes of its own is reported there
                    reader.fail(
                        at, msg("policy.role_unit_unknown", what=f"{what}.units", name=str(uid)), closest(uid, units, names_of(units))
                    )
                continue
            per_unit[str(uid)] = reader.value(people, at, f"{what}.units.{uid}", TEXTS) or ()
        if f["name"]:
            out[str(rid)] = Role(str(rid), f["name"], f["members"], per_unit)
    return out


SECRECY_KEYS = {"label": Key(TEXT, required=True), "role": Key(TEXT, required=True), "name": Key(LABEL, default="保密审查")}


def read_secrecy(s: Sections, roles: Mapping[str, Role]) -> Secrecy | None:
    if "secrecy" not in s:
        s.missing(msg("policy.missing_secrecy"))
        return None
    reader, value, line = s.section("secrecy")
    f = reader.mapping(value, line, "secrecy", SECRECY_KEYS)
    if f is None:
        return None
    role = role_ref(s, f, "secrecy.role", roles)
    return Secrecy(f["label"], role, f["name"]) if f["label"] and role else None


def role_ref(s: Sections, f: Fields, what: str, roles: Mapping[str, Role]) -> str | None:
    """The role a section names under ``role``, or None when it names none or one that does
    not exist (said once: a role that failed to load has its own problem already)."""
    role = f["role"]
    if role and role not in roles:
        if role not in s.known("roles"):
            f.fail("role", msg("policy.unknown_role", what=what, name=role), closest(role, roles, names_of(roles)))
        return None
    return role or None
