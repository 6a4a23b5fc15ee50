"""From policy files to the typed policy: gather the sections, read each, check what they
refer to, and raise every problem at once."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path

from ..core.policy import POLICY_CATEGORY, Policy
from ..messages import msg
from .calendar import read_calendar
from .categories import read_categories
from .columns import read_columns
from .disclosure import read_disclosure
from .field_rules import read_field_rules
from .fields import FieldNames, read_fields
from .freshness import read_freshness
from .lifecycle import read_lifecycle
from .people import read_people, read_roles, read_secrecy, read_units
from .problems import PolicyError, PolicyProblem
from .screening import read_screening, read_words
from .sections import gather
from .site import read_build, read_site, read_urgent, read_version
from .sources import policy_files
from .takedown import read_takedown


def load_policy(files: Mapping[str, str], base: Path | None = None, *, archived: bool = False) -> Policy:
    """Parse and validate policy files given as {name: text}, names as :func:`policy_files`
    gives them. ``base`` is the folder they were read from (or its parent): problems then
    name files relative to the site. Raises PolicyError with every problem found.

    ``archived``: a policy in force before today's (an archived snapshot, a pull request's
    base): parts the language has required only since (the clearing role, a secrecy waiver's
    reason) may be absent, so pages keep the verdict of the policy they merged under (R-44);
    what they grant is then granted to nobody, and a verdict says no reason was given."""
    if not files:
        raise PolicyError([PolicyProblem("policies/", None, msg("policy.no_files"))])
    s = gather(files, base)
    if s.report:
        raise PolicyError(s.report.problems)
    read_version(s)
    site = read_site(s)
    units = read_units(s)
    people = read_people(s)
    roles = read_roles(s, units)
    secrecy = read_secrecy(s, roles)
    declared = read_fields(s)
    fields = FieldNames(declared, frozenset(str(k) for k in s.known("fields")) - set(declared))
    field_rules = read_field_rules(s, fields)
    fields = replace(fields, choices={fid: rule.choices for fid, rule in field_rules.items() if rule.choices})
    categories = read_categories(s, roles, units, fields, archived=archived)
    columns = read_columns(s, categories, units)
    if POLICY_CATEGORY not in s.known("categories"):
        s.missing(msg("policy.missing_policy_category"))
    urgent = read_urgent(s, roles)
    calendar = read_calendar(s)
    screening = read_screening(s, roles, read_words(s), fields, archived)
    build = read_build(s)
    disclosure = read_disclosure(s, categories, units)
    lifecycle = read_lifecycle(s, roles)
    freshness = read_freshness(s, units)
    takedown = read_takedown(s, roles)
    if s.report or site is None or secrecy is None:
        raise PolicyError(s.report.problems)
    return Policy(
        site,
        units,
        roles,
        categories,
        columns,
        secrecy,
        urgent,
        calendar,
        screening,
        build,
        declared,
        field_rules,
        people,
        disclosure=disclosure,
        lifecycle=lifecycle,
        freshness=freshness,
        takedown=takedown,
    )


def load_policy_dir(folder: Path) -> Policy:
    """The policy in ``folder`` (``policies/``), problems named relative to the site."""
    return load_policy(policy_files(folder), base=folder)
