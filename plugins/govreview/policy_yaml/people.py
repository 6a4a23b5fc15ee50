"""Who: ``units`` (producing units), ``people`` (the roster: login -> name and title, R-18),
``roles`` (with their members, globally or per unit, each member always or in dated terms,
and acting or delegated holders with their period and who decided it) and ``secrecy`` (the
secrecy review's label and reviewer role, R-03)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from ruamel.yaml.comments import CommentedMap

from ..core.policy import ACTING, DELEGATED, Acting, Person, Role, Secrecy, Term, Unit, is_team
from ..messages import msg
from .problems import closest, names_of
from .reading import ANY, BAD, LABEL, LIST, MAPPING, TEXT, TEXTS, Fields, Key, Kind, Reader, line_of_key
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


PERSON_KEYS = {"name": Key(TEXT, required=True), "title": Key(TEXT, default="")}


def read_people(s: Sections) -> dict[str, Person]:
    """The roster: ``login: {name: 李强, title: 处室负责人}``, keyed by the login in lowercase."""
    out: dict[str, Person] = {}
    for reader, login, value, line in s.entries("people"):
        what = f"people.{login}"
        if is_team(str(login)):
            reader.fail(line, msg("policy.person_team", what=what))
            continue
        f = reader.mapping(value, line, what, PERSON_KEYS)
        if f is not None and f["name"]:
            out[str(login).lower()] = Person(str(login), f["name"], f["title"])
    return out


def _day(value: Any) -> Any:
    return value if isinstance(value, dt.date) and not isinstance(value, dt.datetime) else BAD


DAY = Kind("policy.need_day", _day)
ROLE_KEYS = {
    "name": Key(TEXT, required=True),
    "members": Key(ANY, default=[]),
    "units": Key(MAPPING),
    "acting": Key(LIST, default=[]),
    "appointed_by": Key(TEXTS, default=()),
}
TERM_KEYS = {"login": Key(TEXT, required=True), "from": Key(DAY), "until": Key(DAY)}
ACTING_KEYS = {
    "holder": Key(TEXT, required=True),
    "for": Key(TEXT, required=True),
    "kind": Key(TEXT, required=True),
    "from": Key(DAY, required=True),
    "until": Key(DAY, required=True),
    "by": Key(TEXT, required=True),
}
#: How an acting holding's kind may be written: 代理 (acting) or 授权 (delegated).
ACTING_KINDS = {"代理": ACTING, "acting": ACTING, "授权": DELEGATED, "delegated": DELEGATED}

_Terms = dict[tuple[str | None, str], list[Term]]


def _members(reader: Reader, value: Any, line: int | None, what: str, unit: str | None, terms: _Terms) -> tuple[str, ...]:
    """A list of members: logins or ``org/team`` (always), or ``{login, from, until}`` (in that term)."""
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        reader.fail(line, msg("policy.need_members", what=what))
        return ()
    out: list[str] = []
    plain: set[str] = set()
    for i, item, at in reader.items(value):
        here = at or line
        if isinstance(item, str) and item.strip():
            out.append(item.strip())
            plain.add(item.strip().lower())
            continue
        if not isinstance(item, CommentedMap):
            reader.fail(here, msg("policy.need_members", what=what))
            continue
        f = reader.mapping(item, here, f"{what}[{i + 1}]", TERM_KEYS)
        if f is None or not f["login"]:
            continue
        login = f["login"]
        if is_team(login):
            f.fail("login", msg("policy.term_team", what=f"{what}[{i + 1}]", team=login))
            continue
        if not f.written("from") and not f.written("until"):
            f.fail("login", msg("policy.term_no_dates", what=f"{what}[{i + 1}]", login=login))
            continue
        if f.bad & {"from", "until"}:
            continue  # said already
        if f["from"] and f["until"] and f["until"] < f["from"]:
            f.fail("until", msg("policy.term_backwards", what=f"{what}[{i + 1}]", since=f["from"], until=f["until"]))
            continue
        out.append(login)
        terms.setdefault((unit, login.lower()), []).append(Term(f["from"], f["until"]))
    for key in list(terms):  # a member also listed plainly holds the role always
        if key[0] == unit and key[1] in plain:
            terms[key].append(Term())
    return tuple(dict.fromkeys(out))


def read_roles(s: Sections, units: Mapping[str, Unit]) -> dict[str, Role]:
    out: dict[str, Role] = {}
    written: _Written = []
    for reader, rid, value, line in s.entries("roles"):
        what = f"roles.{rid}"
        f = reader.mapping(value, line, what, ROLE_KEYS)
        if f is None:
            continue
        terms: _Terms = {}
        members = _members(reader, f["members"], f.at("members"), f"{what}.members", None, terms) if "members" in f else ()
        per_unit: dict[str, tuple[str, ...]] = {}
        by_unit = f["units"]
        for uid, listed in (by_unit or {}).items():
            at = line_of_key(by_unit, uid)
            if uid not in units:
                if uid not in s.known("units"):  # a unit written with mistakes of its own is reported there
                    reader.fail(
                        at, msg("policy.role_unit_unknown", what=f"{what}.units", name=str(uid)), closest(uid, units, names_of(units))
                    )
                continue
            per_unit[str(uid)] = _members(reader, listed, at, f"{what}.units.{uid}", str(uid), terms)
        acting = tuple(_acting(reader, f, what, members, per_unit, written))
        if f["name"]:
            frozen = {k: tuple(v) for k, v in terms.items()}
            out[str(rid)] = Role(str(rid), f["name"], members, per_unit, frozen, acting, f["appointed_by"])
    _check_appointing(s, out, {id(a): (r, ln) for a, r, ln in written})
    return out


_Written = list[tuple[Acting, Reader, int | None]]


def _acting(
    reader: Reader, f: Fields, what: str, members: tuple[str, ...], per_unit: Mapping[str, tuple[str, ...]], written: _Written
) -> list[Acting]:
    """The role's acting and delegated holders. Refused with a problem: a principal who is not
    a member of the role (an acting holder stands in for a holder, never for nobody), a
    holder standing in for themself, a period that ends before it begins."""
    listed = {m.lower() for m in members} | {m.lower() for ms in per_unit.values() for m in ms}
    out: list[Acting] = []
    for i, item, at in f.items("acting"):
        where = f"{what}.acting[{i + 1}]"
        a = reader.mapping(item, at or f.at("acting"), where, ACTING_KEYS)
        if a is None or not all(a[k] for k in ACTING_KEYS):
            continue
        kind = ACTING_KINDS.get(a["kind"])
        if kind is None:
            a.fail("kind", msg("policy.acting_kind", what=where, value=a["kind"]))
            continue
        if any(is_team(a[k]) for k in ("holder", "for", "by")):
            a.fail("holder", msg("policy.acting_team", what=where))
            continue
        if a["for"].lower() not in listed:
            a.fail("for", msg("policy.acting_principal_unknown", what=where, login=a["for"]))
            continue
        if a["holder"].lower() == a["for"].lower():
            a.fail("holder", msg("policy.acting_self", what=where, login=a["holder"]))
            continue
        if a["until"] < a["from"]:
            a.fail("until", msg("policy.term_backwards", what=where, since=a["from"], until=a["until"]))
            continue
        acting = Acting(a["holder"], a["for"], kind, Term(a["from"], a["until"]), a["by"])
        out.append(acting)
        written.append((acting, reader, a.at("by")))
    return out


def _check_appointing(s: Sections, roles: Mapping[str, Role], where: Mapping[int, tuple[Reader, int | None]]) -> None:
    """``appointed_by`` names roles; an acting holding's ``by`` must be someone who can hold the
    role or a role appointing to it. A delegation by somebody else is refused here (and never
    counted by the gate, which judges ``by`` again at each approval's time)."""
    for role in roles.values():
        for other in role.appointed_by:
            if other not in roles and other not in s.known("roles"):
                reader, _, line = next(((r, v, ln) for r, rid, v, ln in s.entries("roles") if rid == role.id), (None, None, None))
                if reader is not None:
                    reader.fail(line, msg("policy.unknown_role", what=f"roles.{role.id}.appointed_by", name=other))
        deciders = [role.id, *role.appointed_by]
        # as written, so that a member written with a mistake of its own is not reported again here
        can = {w.lower() for r in deciders for w in _written(s.known("roles").get(r), ("members", "units"))}
        teams = any(is_team(m) for m in can)
        for acting in role.acting:
            if acting.by.lower() not in can and not teams:
                reader, line = where[id(acting)]
                reader.fail(
                    line,
                    msg("policy.acting_by_not_holder", what=f"roles.{role.id}.acting", by=acting.by, role=role.name),
                )


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


def _written(node: Any, keys: tuple[str, ...] | None = None) -> set[str]:
    """Every text written under ``keys`` of a role as written (members, per-unit members)."""
    if isinstance(node, str):
        return {node.strip()}
    if isinstance(node, list):
        return {w for item in node for w in _written(item)}
    if isinstance(node, CommentedMap):
        return {w for k, v in node.items() if keys is None or k in keys for w in _written(v)}
    return set()
