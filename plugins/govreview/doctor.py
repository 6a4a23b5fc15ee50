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


@dataclass(frozen=True)
class Finding:
    ok: bool
    zh: str
    en: str

    def text(self) -> str:
        return ("✓ " if self.ok else "✗ ") + messages.text(self.zh, self.en)


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
        Finding(context in contexts, f"合并前必须通过“{context}”状态检查", f"merging requires the '{context}' status check"),
        Finding(
            bool(checks.get("strict")) or bool(rule_checks.get("strict_required_status_checks_policy")),
            "合并前分支必须与 main 同步（两个拉取请求叠加出无人审过的内容时，检查会重新运行）",
            "branches must be up to date before merging (so two merges cannot combine into unreviewed content)",
        ),
        Finding(
            bool(reviews.get("dismiss_stale_reviews")) or bool(rule_reviews.get("dismiss_stale_reviews_on_push")),
            "新的推送会撤销已有审批",
            "new pushes dismiss stale approvals",
        ),
        Finding(
            bool(reviews.get("require_last_push_approval")) or bool(rule_reviews.get("require_last_push_approval")),
            "最后一次推送必须由他人审批",
            "the most recent push must be approved by someone else",
        ),
        Finding(
            bool(reviews.get("require_code_owner_reviews")) or bool(rule_reviews.get("require_code_owner_review")),
            "规则、配置、工作流的修改须经 CODEOWNERS 审查",
            "changes to rules, configuration and workflows need a CODEOWNERS review",
        ),
        Finding(
            (classic is not None and not enabled(classic.get("allow_force_pushes"))) or "non_fast_forward" in by_type,
            "禁止强制推送",
            "force pushes are blocked",
        ),
        Finding(
            (classic is not None and not enabled(classic.get("allow_deletions"))) or "deletion" in by_type,
            "禁止删除分支",
            "deleting the branch is blocked",
        ),
        Finding(
            classic is not None and enabled(classic.get("enforce_admins")),
            "管理员也不能绕过以上规则",
            "administrators cannot bypass these rules",
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
            Finding(
                False,
                "无法读取分支保护：令牌需要仓库的 Administration（只读）权限",
                "cannot read branch protection: the token needs repository Administration: read",
            ),
        )
    return findings
