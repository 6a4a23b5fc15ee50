"""``govreview doctor``: do the repository's settings make the guarantees hold?

The gate refuses unapproved content at build time whatever the settings; these
settings make the forge agree with it, so that unapproved merges do not happen
in the first place. Reads classic branch protection and active rulesets; either
may provide each guarantee.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from github import GithubException

from . import messages
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


def assess(classic: dict[str, Any] | None, rules: list[dict[str, Any]], context: str = CONTEXT) -> list[Finding]:
    """Pure: the findings for one branch, from its protection (GitHub's JSON) and rules."""
    checks = (classic or {}).get("required_status_checks") or {}
    reviews = (classic or {}).get("required_pull_request_reviews") or {}
    by_type = {r.get("type"): r.get("parameters") or {} for r in rules}
    rule_checks = by_type.get("required_status_checks", {})
    rule_reviews = by_type.get("pull_request", {})
    contexts = set(checks.get("contexts") or []) | {c.get("context") for c in checks.get("checks") or []}
    contexts |= {c.get("context") for c in rule_checks.get("required_status_checks") or []}

    def enabled(value: Any) -> bool:
        return bool(value.get("enabled")) if isinstance(value, dict) else bool(value)

    return [
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


def diagnose(forge: Forge, branch: str) -> list[Finding]:
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
    findings = assess(classic, rules)
    if unreadable:
        findings.insert(
            0,
            Finding(False, msg("doctor_protection_unreadable")),
        )
    return findings
