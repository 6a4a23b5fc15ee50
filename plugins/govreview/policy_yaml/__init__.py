"""Loading ``policies/*.yml`` (ruamel.yaml) into the typed policy model.

Every problem is collected and reported with the file (relative to the site), the
line, and a hint how to fix it; messages are catalogue codes
(:mod:`govreview.messages.policy`), Chinese by default. The language is documented in
guide/policy-language.md.

Layout, one module per part of the language, all read with the one pattern of
:mod:`.reading`:

* :mod:`.sources` — the files on disk, their content id, how a file is named;
* :mod:`.syntax` — one YAML text: limits, keys written twice, YAML mistakes explained;
* :mod:`.sections` — sections gathered from all files, with file and line;
* :mod:`.site` (version, site, urgent, build), :mod:`.people` (units, roles, secrecy),
  :mod:`.fields` (declared fields, field names checked), :mod:`.categories` (steps —
  conditional ones, the secrecy review's place, a unit from a page field —, escalations,
  required fields, deadlines, interpretations, secrecy waivers), :mod:`.columns`,
  :mod:`.screening` (screening, words), :mod:`.calendar`;
* :mod:`.load` — all of it into a :class:`~govreview.core.policy.Policy`.
"""

from __future__ import annotations

from .calendar import find_calendar_file, load_calendar_file, parse_calendar
from .load import load_policy, load_policy_dir
from .problems import PolicyError, PolicyProblem
from .sections import LIST_SECTIONS, MAP_SECTIONS, SECTIONS
from .site import VERSION
from .sources import policy_files, policy_id, shown_path, site_root

__all__ = [
    "LIST_SECTIONS",
    "MAP_SECTIONS",
    "SECTIONS",
    "VERSION",
    "PolicyError",
    "PolicyProblem",
    "find_calendar_file",
    "load_calendar_file",
    "load_policy",
    "load_policy_dir",
    "parse_calendar",
    "policy_files",
    "policy_id",
    "shown_path",
    "site_root",
]
