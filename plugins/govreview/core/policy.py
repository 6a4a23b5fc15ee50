"""The publishing policy as typed, immutable data (pure: no I/O).

A policy says who may approve what: producing units, roles (global or per unit)
whose members are forge accounts or forge teams, content categories with their
approval steps, and columns (folders under docs/) with their default category
and unit. It is loaded from ``policies/*.yml`` by :mod:`govreview.policy_yaml`.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from functools import lru_cache
from typing import TYPE_CHECKING

import pathspec

from .calendar import WorkCalendar

if TYPE_CHECKING:
    from .field_rules import FieldRule

#: Category every build input falls under (policies/, mkdocs.yml, theme
#: overrides, hooks, CSS/JS in docs/): invariant 3 of the design.
POLICY_CATEGORY = "policy"

#: Folder key of the column that holds the pages directly under docs/.
ROOT_COLUMN = "."


def is_team(member: str) -> bool:
    """A member written ``org/team`` is a forge team; anything else is a login."""
    return "/" in member


#: Dates of the roster are days in China (UTC+8 all year).
_CHINA = timezone(timedelta(hours=8))


def day_of(moment: datetime) -> date:
    """The calendar day in China of a server time."""
    return moment.astimezone(_CHINA).date()


@dataclass(frozen=True)
class Person:
    """Someone of the roster (R-18): their forge login, real name and title (处室负责人 李强)."""

    login: str
    name: str
    title: str = ""


@dataclass(frozen=True)
class Term:
    """A dated holding of a role: from day ``since`` to day ``until``, both inclusive, in China
    time (None: open on that side)."""

    since: date | None = None
    until: date | None = None

    def covers(self, moment: datetime) -> bool:
        day = day_of(moment)
        return (self.since is None or self.since <= day) and (self.until is None or day <= self.until)


#: Kinds of an acting holding: 代理 (acting in a post, usually appointed by a superior) and
#: 授权 (delegated by the holder). Both are judged the same way; the kind is shown.
ACTING = "acting"
DELEGATED = "delegated"


@dataclass(frozen=True)
class Acting:
    """``holder`` holds the role in place of ``principal`` from day ``since`` to day ``until``
    (inclusive, China time), by the decision of ``by``; counted only while ``principal``
    holds the role (for the unit judged) and ``by`` holds it or a role that appoints to it."""

    holder: str
    principal: str
    kind: str
    term: Term
    by: str


@dataclass(frozen=True)
class Unit:
    id: str
    name: str


@dataclass(frozen=True)
class Role:
    """A role. Global roles list members directly; per-unit roles list them per unit."""

    id: str
    name: str
    members: tuple[str, ...] = ()
    unit_members: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    #: Dated members: (unit or None for a global member, member as written, lowercase) -> the
    #: terms in which the member holds the role. A member with no entry holds it always.
    terms: Mapping[tuple[str | None, str], tuple[Term, ...]] = field(default_factory=dict)
    #: Acting and delegated holders (代理、授权), each with its period and who decided it.
    acting: tuple[Acting, ...] = ()
    #: Roles whose holders may appoint an acting holder of this one (besides its own holders).
    appointed_by: tuple[str, ...] = ()

    @property
    def per_unit(self) -> bool:
        return bool(self.unit_members)

    def members_for(self, unit: str | None) -> tuple[str, ...]:
        """Accounts and teams holding this role for ``unit`` (global members always)."""
        if unit is not None and unit in self.unit_members:
            return self.members + self.unit_members[unit]
        return self.members

    def members_at(self, unit: str | None, moment: datetime) -> tuple[str, ...]:
        """Members holding this role for ``unit`` at ``moment`` (dated members inside a term)."""
        out = [m for m in self.members if self._in_term(None, m, moment)]
        if unit is not None and unit in self.unit_members:
            out += [m for m in self.unit_members[unit] if self._in_term(unit, m, moment)]
        return tuple(out)

    def _in_term(self, unit: str | None, member: str, moment: datetime) -> bool:
        terms = self.terms.get((unit, member.lower()))
        return terms is None or any(t.covers(moment) for t in terms)


@dataclass(frozen=True)
class Step:
    """One approval step: ``count`` distinct people holding any of ``roles``.

    ``unit`` pins a per-unit role to one unit (e.g. the publicity office's head
    re-reviews every unit's items, R-16); otherwise the page's unit is used.
    """

    id: str
    name: str
    roles: tuple[str, ...]
    count: int = 1
    unit: str | None = None
    rule: str | None = None  # RULES.md id of this step, when it differs from the category's
    when: StepCondition | None = None  # a conditional step (条件环节): needed only when this holds
    unit_field: str | None = None  # the per-unit role is resolved for the unit a page field names
    secrecy: bool = False  # the secrecy review's place in the chain (evidence: the label, R-03)

    def applies(self, meta: Mapping[str, object]) -> bool:
        return self.when is None or self.when.holds(meta)


def same_value(written: object, declared: object) -> bool:
    """Equal and of the same type (``true`` is not ``"true"``); text compared as a reader sees
    it — without surrounding spaces, invisible characters (zero-width, joiners) or full-width
    forms (NFKC), so ``"是 "`` and ``是\u200b`` are ``是`` — for a condition as for a fixed
    choice, so a value the choices accept never quietly fails a condition."""
    if isinstance(written, str) and isinstance(declared, str):
        return _as_read(written) == _as_read(declared)
    return type(written) is type(declared) and written == declared


def _as_read(text: str) -> str:
    folded = unicodedata.normalize("NFKC", text)
    return "".join(ch for ch in folded if unicodedata.category(ch) != "Cf").strip()


@dataclass(frozen=True)
class StepCondition:
    """When a conditional step is needed: page field ``field`` equals ``equals`` (its
    ``steps`` branch) or does not (``otherwise``). ``branch``: the branch's place in the chain."""

    field: str
    equals: object
    otherwise: bool = False
    branch: int = 0

    def met(self, meta: Mapping[str, object]) -> bool:
        """The field equals the value, in the same type (``是`` is not ``true``, ``1`` is not ``true``)."""
        return same_value(meta.get(self.field), self.equals)

    def holds(self, meta: Mapping[str, object]) -> bool:
        return self.met(meta) != self.otherwise


@dataclass(frozen=True)
class Escalation:
    """Extra steps required when a front-matter field has a given value (R-17)."""

    field: str
    equals: object
    steps: tuple[Step, ...]
    rule: str | None = None


#: How a deadline counts days (``Deadline.days``) and what must happen in time (``Deadline.met_by``).
WORKING_DAYS = "working"
CALENDAR_DAYS = "calendar"
BY_PUBLICATION = "publication"  # the merge
BY_APPLICATION = "application"  # the pull request marked ready for review (R-35: 提前提交申请)


@dataclass(frozen=True)
class Deadline:
    """A publication deadline in working days (or calendar days), counted from a front-matter date.

    ``before``: publish (merge) at least that many working days before the date (R-32);
    ``within``: publish at most that many working days after it (R-30, R-31, R-34),
    ``extended_within`` when ``extension_field`` records a reason (R-34: 15 days).
    ``urgent_exempt``: urgent information is exempt when the urgent label is on (R-35).
    """

    rule: str
    field: str
    before: int | None = None
    within: int | None = None
    extended_within: int | None = None
    extension_field: str | None = None
    urgent_exempt: bool = False
    #: ``calendar``: count calendar days (会后 2 天内), not working days.
    days: str = WORKING_DAYS
    #: Applies only to pages whose field ``[0]`` has the value ``[1]`` (重要会议当天发布).
    when: tuple[str, object] | None = None
    #: ``application``: met by the time the pull request was marked ready for review, not the merge.
    met_by: str = BY_PUBLICATION


@dataclass(frozen=True)
class InterpretationRule:
    """Pages of this category need an interpretation published with them (R-33):
    a page whose ``interprets`` field names this page, merged within ``within``
    working days, unless ``explanation_field`` records why there is none."""

    rule: str
    within: int
    explanation_field: str = "no_interpretation_reason"


@dataclass(frozen=True)
class Urgent:
    """The urgent-information waiver: a label, counted only when a holder of ``role`` applied it."""

    label: str
    role: str


@dataclass(frozen=True)
class TakedownRule:
    """Who may take a published page offline at once (R-44: the website office), and within
    how many working days the page's own chain must confirm it by a merged pull request."""

    role: str
    confirm_within: int


@dataclass(frozen=True)
class CalendarOverride:
    """Corrections to the package's holiday data; a year in ``years`` is defined wholly here."""

    years: tuple[int, ...] = ()
    holidays: tuple[date, ...] = ()
    workdays: tuple[date, ...] = ()

    def apply(self, base: WorkCalendar) -> WorkCalendar:
        return base.with_override(self.years, self.holidays, self.workdays)


@dataclass(frozen=True)
class Category:
    id: str
    name: str
    steps: tuple[Step, ...]
    ordered: bool = False
    same_person: bool = False
    secrecy_review: bool = True
    required_fields: Mapping[str, str | None] = field(default_factory=dict)
    escalations: tuple[Escalation, ...] = ()
    rules: tuple[str, ...] = ()
    deadlines: tuple[Deadline, ...] = ()
    needs_interpretation: InterpretationRule | None = None
    #: The role whose holder merges (publishes) pages of this category (R-04: 网站办公室发布);
    #: None: the policy does not say who publishes.
    published_by: str | None = None
    #: Why this category has no secrecy review (R-03 makes it universal: leaving it out is
    #: declared, with a reason, and every verdict shows it). "": an archived policy written
    #: before a waiver was required.
    secrecy_waiver: str | None = None

    def steps_for(self, meta: Mapping[str, object]) -> tuple[tuple[Step, ...], tuple[Escalation, ...]]:
        """The steps a page with front matter ``meta`` needs (conditional steps whose condition
        holds, in their place; then those of the escalations it triggered) and the escalations."""
        fired = tuple(e for e in self.escalations if same_value(meta.get(e.field), e.equals))
        steps = tuple(s for s in self.steps if s.applies(meta)) + tuple(s for e in fired for s in e.steps)
        return steps, fired


@dataclass(frozen=True)
class Column:
    """A folder under docs/ (``.`` for docs/ itself) with its defaults."""

    path: str
    name: str
    category: str
    unit: str
    categories: tuple[str, ...] = ()  # categories a page here may choose; empty: any (never policy)
    units: tuple[str, ...] = ()  # further units a page here may name besides ``unit``; none else

    def allows_unit(self, unit: str) -> bool:
        """A column fixes its unit(s): a page cannot pick another unit's chain."""
        return unit == self.unit or unit in self.units


@dataclass(frozen=True)
class Secrecy:
    """The secrecy review (R-03): a label applied by a holder of ``role``."""

    label: str
    role: str
    name: str = "保密审查"


@dataclass(frozen=True)
class WordEntry:
    """An entry of a wrong-formulation or sensitive-word list (错敏词), with the
    correction to suggest and the explanation shown to the editor."""

    terms: tuple[str, ...]
    severity: str
    rule: str
    note: str = ""
    correct: str = ""
    line: int | None = None  # where the entry is written in policies/, for messages
    exceptions: tuple[str, ...] = ()  # longer words that contain a term and are fine (东北朝鲜族 for 北朝鲜)


@dataclass(frozen=True)
class Screening:
    """Screening settings: built-in checks' severities, word lists, allowed official
    numbers, and the label by which a role holder accepts ``warn`` findings."""

    accept_label: str = "提示已核实"
    accept_role: str | None = None  # None: the secrecy reviewer's role
    severity: tuple[tuple[str, str], ...] = ()  # overrides of built-in checks: (code, block|warn|off)
    words: tuple[WordEntry, ...] = ()
    allow_numbers: frozenset[str] = frozenset()
    leader_field: str = "leader_instruction"
    #: The role whose holders clear a false ``block`` finding by a review naming it (R-03:
    #: the secrecy committee decides). Required by the policy language; None (an archived
    #: policy written before it was) means nobody can clear anything.
    clear_role: str | None = None
    #: The typography checks (GB/T 15834 punctuation, GB/T 15835 numbers): opt-in, since legal and
    #: narrative prose is full of forms an office may not want flagged on every page.
    typography: bool = False

    def severity_of(self, code: str, default: str) -> str:
        return dict(self.severity).get(code, default)


@dataclass(frozen=True)
class Site:
    name: str
    publisher: str


@dataclass(frozen=True)
class DisclosureRules:
    """``disclosure``: what the public disclosure block (政府信息公开) needs beyond the pages:
    the prefix of every 索引号 (the body's organisation code), the 主题分类 a page may name
    (code -> name) with each category's default, and units' full names as 发布机构."""

    index_prefix: str | None = None
    topics: Mapping[str, str] = field(default_factory=dict)  # code -> name
    category_topics: Mapping[str, str] = field(default_factory=dict)  # category id -> topic code
    unit_names: Mapping[str, str] = field(default_factory=dict)  # unit id -> full name shown as 发布机构


@dataclass(frozen=True)
class BuildScope:
    """Which tracked files outside docs_dir the build reads (invariant 7).

    Deny by default: every tracked file outside docs_dir is a build input, needing
    the policy owners' approval, unless it matches one of ``not_read`` (gitignore
    patterns, e.g. ``README.md``, ``tests/``, ``.github/``): such files are never
    staged, so the generator cannot read them even if it tried.
    """

    not_read: tuple[str, ...] = ()

    def reads(self, path: str) -> bool:
        return not _matcher(self.not_read)(path)


@lru_cache(maxsize=16)
def _matcher(patterns: tuple[str, ...]) -> Callable[[str], bool]:
    spec = pathspec.GitIgnoreSpec.from_lines(patterns)
    return spec.match_file


#: Units of a freshness threshold (:mod:`.freshness` says how each counts).
DAYS = "days"
WEEKS = "weeks"
MONTHS = "months"  # calendar months (R-40: at least one item per calendar month)
WORKING_DAYS = "working_days"
UNITS = (DAYS, WEEKS, MONTHS, WORKING_DAYS)


@dataclass(frozen=True)
class Threshold:
    """At most ``amount`` ``unit`` without a new item (RULES.md id ``rule``); ``warn_before``
    (in the same unit) says from when it is about to be stale (0: never said)."""

    rule: str
    amount: int
    unit: str
    warn_before: int = 0


@dataclass(frozen=True)
class Freshness:
    """The ``freshness`` section: thresholds per column (docs folder) and per unit id."""

    columns: Mapping[str, tuple[Threshold, ...]] = field(default_factory=dict)
    units: Mapping[str, tuple[Threshold, ...]] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.columns or self.units)


@dataclass(frozen=True)
class Lifecycle:
    """After publication (R-44): ``office`` is the role of the website office, whose holder
    approves every withdrawal and may approve an edit of a published page as minor by
    applying ``minor_label`` (None: no edit is minor, each needs a public 更正说明)."""

    office: str
    minor_label: str | None = None


@dataclass(frozen=True)
class Policy:
    site: Site
    units: Mapping[str, Unit]
    roles: Mapping[str, Role]
    categories: Mapping[str, Category]
    columns: Mapping[str, Column]
    secrecy: Secrecy
    urgent: Urgent | None = None
    calendar: CalendarOverride | None = None
    screening: Screening = Screening()
    build: BuildScope = BuildScope()
    #: Front-matter fields the policy declares beyond the page model's own: id -> display name.
    fields: Mapping[str, str] = field(default_factory=dict)
    #: Rules on front-matter fields (choices, vetoes, required-when, date order): field id -> rule.
    field_rules: Mapping[str, FieldRule] = field(default_factory=dict)
    #: The roster (R-18): login (lowercase) -> name and title. A login outside it is shown as the login.
    people: Mapping[str, Person] = field(default_factory=dict)
    #: The disclosure block's identifiers and names (索引号, 主题分类, 发布机构).
    disclosure: DisclosureRules = DisclosureRules()
    #: The ``lifecycle`` section (R-44); None: nobody can approve withdrawals or minor corrections.
    lifecycle: Lifecycle | None = None
    #: Column and unit freshness thresholds (R-40, R-41, R-42, inspections); empty: none.
    freshness: Freshness = Freshness()
    #: Emergency takedown (``takedown:``): None when the policy lets nobody take a page down.
    takedown: TakedownRule | None = None

    def has_choices(self, field_id: str) -> bool:
        """Whether the field has fixed ``choices``: a page's value outside them is refused by the
        choices check, so a condition on it needs no type check of its own (said once)."""
        rule = self.field_rules.get(field_id)
        return rule is not None and bool(rule.choices)

    def column_of(self, path: str) -> Column | None:
        """The column of a docs-relative path: the deepest column folder containing it.

        The root column (``.``) holds only files directly in docs/, so a page in
        a folder nobody declared belongs to no column.
        """
        folder = path.rsplit("/", 1)[0] if "/" in path else ROOT_COLUMN
        while True:
            column = self.columns.get(folder)
            if column is not None:
                return column
            if folder == ROOT_COLUMN or "/" not in folder:
                return None
            folder = folder.rsplit("/", 1)[0]

    def find_category(self, value: str) -> Category | None:
        """A category by id or by display name."""
        if value in self.categories:
            return self.categories[value]
        named = [c for c in self.categories.values() if c.name == value]
        return named[0] if len(named) == 1 else None

    def find_unit(self, value: str) -> Unit | None:
        """A unit by id or by display name."""
        if value in self.units:
            return self.units[value]
        named = [u for u in self.units.values() if u.name == value]
        return named[0] if len(named) == 1 else None
