"""``govreview doctor``: do the repository's settings make the guarantees hold?

The gate refuses unapproved content at build time whatever the settings; these
settings make the forge agree with it, so that unapproved merges do not happen
in the first place. Reads classic branch protection and active rulesets; either
may provide each guarantee.
"""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass
from typing import Any

from github import GithubException

from . import messages
from .archive_verify import TAG_PREFIX
from .checkpr import CONTEXT
from .forge import Forge
from .messages import Message, msg, say


@dataclass(frozen=True)
class Finding:
    ok: bool
    message: Message

    @property
    def zh(self) -> str:
        return say(self.message, "zh")

    @property
    def en(self) -> str:
        return say(self.message, "en")

    def text(self, lang: str | None = None) -> str:
        """The finding as a line, in ``lang`` (no language: the process language)."""
        return ("✓ " if self.ok else "✗ ") + say(self.message, messages.lang_of(lang))


def assess(
    classic: dict[str, Any] | None, rules: list[dict[str, Any]], context: str = CONTEXT, publishers: tuple[str, ...] | None = None
) -> list[Finding]:
    """Pure: the findings for one branch, from its protection (GitHub's JSON) and rules;
    with ``publishers`` (the accounts and ``org/team`` teams of the roles the policy names in
    ``published_by``), also whether only they can merge (R-04)."""
    checks = (classic or {}).get("required_status_checks") or {}
    reviews = (classic or {}).get("required_pull_request_reviews") or {}
    by_type = {r.get("type"): r.get("parameters") or {} for r in rules}
    rule_checks = by_type.get("required_status_checks", {})
    rule_reviews = by_type.get("pull_request", {})
    contexts = set(checks.get("contexts") or []) | {c.get("context") for c in checks.get("checks") or []}
    contexts |= {c.get("context") for c in rule_checks.get("required_status_checks") or []}

    def enabled(value: Any) -> bool:
        return bool(value.get("enabled")) if isinstance(value, dict) else bool(value)

    found = [
        Finding(context in contexts, msg("doctor_status_check", context=context)),
        Finding(
            bool(checks.get("strict")) or bool(rule_checks.get("strict_required_status_checks_policy")),
            msg("doctor_up_to_date"),
        ),
        Finding(
            bool(reviews.get("dismiss_stale_reviews")) or bool(rule_reviews.get("dismiss_stale_reviews_on_push")),
            msg("doctor_dismiss_stale"),
        ),
        Finding(
            bool(reviews.get("require_last_push_approval")) or bool(rule_reviews.get("require_last_push_approval")),
            msg("doctor_last_push"),
        ),
        Finding(
            bool(reviews.get("require_code_owner_reviews")) or bool(rule_reviews.get("require_code_owner_review")),
            msg("doctor_code_owners"),
        ),
        Finding(
            (classic is not None and not enabled(classic.get("allow_force_pushes"))) or "non_fast_forward" in by_type,
            msg("doctor_no_force_push"),
        ),
        Finding(
            (classic is not None and not enabled(classic.get("allow_deletions"))) or "deletion" in by_type,
            msg("doctor_no_deletion"),
        ),
        Finding(
            classic is not None and enabled(classic.get("enforce_admins")),
            msg("doctor_enforce_admins"),
        ),
    ]
    return found + _only_publishers(classic, by_type, publishers)


def _only_publishers(classic: dict[str, Any] | None, by_type: dict[Any, Any], publishers: tuple[str, ...] | None) -> list[Finding]:
    """Only the website office merges (R-04): classic protection restricting pushes to people
    and teams who all hold a publishing role, or a ruleset restricting updates (its bypass
    list, which this API does not show, must name only them)."""
    if publishers is None:
        return []
    shown = list(publishers)
    restrictions = (classic or {}).get("restrictions")
    if isinstance(restrictions, dict):
        logins = {p.lower() for p in publishers if "/" not in p}
        teams = {p.rpartition("/")[2].lower() for p in publishers if "/" in p}
        users = [u.get("login", "") for u in restrictions.get("users") or []]
        slugs = [t.get("slug", "") for t in restrictions.get("teams") or []]
        apps = [a.get("slug", "") for a in restrictions.get("apps") or []]
        extra = [u for u in users if u.lower() not in logins] + [t for t in slugs if t.lower() not in teams] + apps
        if extra:
            return [Finding(False, msg("doctor_publisher_extra", who=shown, extra=extra))]
        return [Finding(bool(users or slugs), msg("doctor_publisher_only", who=shown))]
    if "update" in by_type:
        return [Finding(True, msg("doctor_publisher_ruleset", who=shown))]
    return [Finding(False, msg("doctor_publisher_only", who=shown))]


def diagnose(forge: Forge, branch: str, publishers: tuple[str, ...] | None = None) -> list[Finding]:
    """Read the settings (needs a token with Administration: read) and assess them."""
    requester: Any = forge.client.requester
    url = forge.repo.url
    classic: dict[str, Any] | None = None
    unreadable = False
    try:
        _, classic = requester.requestJsonAndCheck("GET", f"{url}/branches/{branch}/protection")
    except GithubException as err:
        unreadable = err.status in (401, 403)
    try:
        _, data = requester.requestJsonAndCheck("GET", f"{url}/rules/branches/{branch}")
        rules = data if isinstance(data, list) else []
    except GithubException:
        rules = []
    findings = assess(classic, rules, publishers=publishers)
    if unreadable:
        findings.insert(
            0,
            Finding(False, msg("doctor_protection_unreadable")),
        )
    return findings


#: Where the publish workflow keeps the approval archive, and the tags anchoring its chain heads.
ARCHIVE_BRANCH = "govreview-archive"
#: A tag the publish workflow would create; a ruleset protecting it protects them all.
_SAMPLE_ANCHOR = "refs/tags/" + TAG_PREFIX + "1"


def _ref_matches(patterns: list[Any], ref: str) -> bool:
    return any(p == "~ALL" or (isinstance(p, str) and fnmatch.fnmatchcase(ref, p)) for p in patterns)


def _protects_anchors(ruleset: dict[str, Any]) -> bool:
    """An active tag ruleset that covers the anchor tags and refuses updating and deleting them."""
    if ruleset.get("target") != "tag" or ruleset.get("enforcement") != "active":
        return False
    ref_name = (ruleset.get("conditions") or {}).get("ref_name") or {}
    if not _ref_matches(ref_name.get("include") or [], _SAMPLE_ANCHOR) or _ref_matches(ref_name.get("exclude") or [], _SAMPLE_ANCHOR):
        return False
    types = {r.get("type") for r in ruleset.get("rules") or []}
    return {"update", "deletion"} <= types


def assess_archive(
    classic: dict[str, Any] | None, rules: list[dict[str, Any]], rulesets: list[dict[str, Any]] | None, branch: str = ARCHIVE_BRANCH
) -> list[Finding]:
    """Pure: is the archive branch written only by the publish workflow, never rewritten or
    deleted, and are its anchor tags immutable (DESIGN.md: the archive lives where no pull
    request can edit it; ``archive verify`` compares the chain with the tags)? ``rulesets``
    None: they could not be read."""
    by_type = {r.get("type") for r in rules}

    def enabled(value: Any) -> bool:
        return bool(value.get("enabled")) if isinstance(value, dict) else bool(value)

    restricted = isinstance((classic or {}).get("restrictions"), dict) or "update" in by_type
    found = [
        Finding(
            (classic is not None and not enabled(classic.get("allow_deletions"))) or "deletion" in by_type,
            msg("doctor_archive_no_deletion", branch=branch),
        ),
        Finding(
            (classic is not None and not enabled(classic.get("allow_force_pushes"))) or "non_fast_forward" in by_type,
            msg("doctor_archive_no_force_push", branch=branch),
        ),
        Finding(restricted, msg("doctor_archive_writers", branch=branch)),
    ]
    if rulesets is None:
        found.append(Finding(False, msg("doctor_rulesets_unreadable")))
    else:
        found.append(Finding(any(_protects_anchors(r) for r in rulesets), msg("doctor_archive_tags", tags=TAG_PREFIX + "*")))
    return found


def diagnose_archive(forge: Forge, branch: str = ARCHIVE_BRANCH) -> list[Finding]:
    """Read the archive branch's protection and the repository's tag rulesets, and assess them."""
    requester: Any = forge.client.requester
    url = forge.repo.url
    classic: dict[str, Any] | None = None
    try:
        _, classic = requester.requestJsonAndCheck("GET", f"{url}/branches/{branch}/protection")
    except GithubException:
        classic = None
    try:
        _, data = requester.requestJsonAndCheck("GET", f"{url}/rules/branches/{branch}")
        rules = data if isinstance(data, list) else []
    except GithubException:
        rules = []
    rulesets: list[dict[str, Any]] | None
    try:
        _, listed = requester.requestJsonAndCheck("GET", f"{url}/rulesets", parameters={"targets": "tag", "per_page": 100})
        active = [s for s in listed if isinstance(s, dict) and s.get("target") == "tag" and s.get("enforcement") == "active"]
        rulesets = [requester.requestJsonAndCheck("GET", f"{url}/rulesets/{int(s['id'])}")[1] for s in active]
    except (GithubException, KeyError, TypeError, ValueError):
        rulesets = None  # unreadable: the tags are not shown protected
    return assess_archive(classic, rules, rulesets, branch)
