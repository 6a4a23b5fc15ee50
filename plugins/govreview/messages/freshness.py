"""The website office's catalogue for column freshness (R-40, R-41, R-42): the policy's
``freshness`` section, the ``govreview freshness`` report and its issue.

Each entry is (Simplified Chinese, English); parameters in braces.
"""

from __future__ import annotations

from collections.abc import Mapping

MESSAGES: Mapping[str, tuple[str, str]] = {
    # -- the policy's freshness section ---------------------------------------------------------
    "policy.freshness_bad_unit": (
        "“{what}”必须是 days（天）、weeks（周）、months（自然月）或 working_days（工作日）",
        "'{what}' must be days, weeks, months (calendar months) or working_days",
    ),
    "policy.freshness_need_warn": (
        "“{what}”必须是非负整数（与 unit 同一计时单位）",
        "'{what}' must be a non-negative whole number (in the threshold's unit)",
    ),
    "policy.freshness_need_threshold": (
        "“{what}”必须是一条期限（含 rule、amount、unit 的映射）或由这样的期限组成的非空列表",
        "'{what}' must be a threshold (a mapping with rule, amount and unit) or a non-empty list of them",
    ),
    "policy.freshness_unknown_column": (
        "“{what}”：columns 中没有栏目“{name}”",
        "'{what}': no column '{name}' under columns",
    ),
    "policy.freshness_root_column": (
        "“{what}”：docs/ 根目录（首页）不是列出信息的栏目，不能设更新期限；请写在具体栏目上",
        "'{what}': the root of docs/ (the home page) lists no items and can have no threshold; set it on a column",
    ),
    "policy.freshness_warn_too_large": (
        "“{what}”为 {warn}，大于期限 {amount}：栏目会一直显示为“即将超期”，请写不大于 {amount} 的数",
        "'{what}' is {warn}, more than the threshold {amount}: the column would always show as due soon; write at most {amount}",
    ),
    # -- the report ---------------------------------------------------------------------------
    "fresh_heading": (
        "栏目更新情况（{today}，北京时间）",
        "Column freshness ({today}, China time)",
    ),
    "fresh_col_scope": ("范围", "Scope"),
    "fresh_col_name": ("栏目或单位", "Column or unit"),
    "fresh_col_rule": ("规则", "Rule"),
    "fresh_col_limit": ("期限", "Threshold"),
    "fresh_col_last": ("最近一条", "Last item"),
    "fresh_col_idle": ("未更新", "Idle"),
    "fresh_col_due": ("最迟更新日", "Update by"),
    "fresh_col_status": ("状态", "Status"),
    "fresh_scope_column": ("栏目", "column"),
    "fresh_scope_unit": ("单位", "unit"),
    "fresh_status_fresh": ("正常", "fresh"),
    "fresh_status_due_soon": ("即将超期", "due soon"),
    "fresh_status_stale": ("已超期", "stale"),
    "fresh_unit_days": ("{n} 天", "{n} days"),
    "fresh_unit_weeks": ("{n} 周", "{n} weeks"),
    "fresh_unit_months": ("{n} 个自然月", "{n} calendar months"),
    "fresh_unit_working_days": ("{n} 个工作日", "{n} working days"),
    "fresh_warn_before": ("，提前 {amount}提醒", ", warned {amount} before"),
    "fresh_never": ("从未发布", "never published"),
    "fresh_total": (
        "共 {rows} 项：已超期 {stale} 项，即将超期 {due_soon} 项",
        "{rows} thresholds: {stale} stale, {due_soon} due soon",
    ),
    "fresh_none": (
        "规则中没有 freshness 节：没有栏目更新期限可查（写法见 guide/policy-language.md）",
        "the policy has no freshness section: no column thresholds to check (see guide/policy-language.md)",
    ),
    "fresh_bad_now": (
        "--now 的值“{value}”不是带时区的时间，如 2026-10-09T09:00:00+08:00",
        "--now '{value}' is not a time with its offset, such as 2026-10-09T09:00:00+08:00",
    ),
    "fresh_not_counted": (
        "未计入：{path}（{why}）",
        "not counted: {path} ({why})",
    ),
    "fresh_why_withdrawn": ("已撤稿", "withdrawn"),
    "fresh_why_expired": ("已过期", "expired"),
    "fresh_why_scheduled": ("尚未到发布时间", "scheduled for later"),
    "fresh_why_taken_down": ("已紧急撤下", "taken down"),
    "fresh_why_bad_window": ("展示时间 {field} 无法识别", "display window {field} cannot be read"),
    # -- the issue ----------------------------------------------------------------------------
    "fresh_issue_title": (
        "栏目更新提醒：{stale} 个栏目或单位已超期",
        "Column freshness: {stale} columns or units stale",
    ),
    "fresh_issue_title_fresh": (
        "栏目更新提醒：全部正常",
        "Column freshness: all fresh",
    ),
    "fresh_issue_intro": (
        "本议题由定时工作流 govreview freshness 自动维护：有栏目或单位超期时打开，情况变化时更新本文，全部恢复正常后自动关闭。请勿手工编辑正文。",
        "This issue is kept by the scheduled govreview freshness workflow: opened when a column or unit is stale, updated in place, closed when all are fresh. Do not edit its text by hand.",
    ),
    "fresh_issue_all_fresh": (
        "{today}：全部栏目和单位均在期限内，本议题关闭。",
        "{today}: every column and unit is within its threshold; this issue is closed.",
    ),
    "fresh_issue_opened": ("已打开议题 #{number}", "opened issue #{number}"),
    "fresh_issue_updated": ("已更新议题 #{number}", "updated issue #{number}"),
    "fresh_issue_closed": ("已关闭议题 #{number}", "closed issue #{number}"),
    "fresh_issue_unchanged": ("议题 #{number} 无需改动", "issue #{number} needs no change"),
    "fresh_issue_none": ("没有超期项，也没有打开的提醒议题", "nothing stale and no open reminder issue"),
    "fresh_issue_needs_repo": (
        "需要 --repo OWNER/NAME（或 GITHUB_REPOSITORY）和 GITHUB_TOKEN",
        "needs --repo OWNER/NAME (or GITHUB_REPOSITORY) and GITHUB_TOKEN",
    ),
    "forge_issue_label_missing": (
        "议题 #{number} 已打开，但平台没有加上标签 {labels}（令牌可能没有写入权限）：请在仓库中建好该标签，并给工作流 issues: write 权限",
        "issue #{number} was opened but the forge did not add the label {labels} (the token may lack write access): create the label in the repository and give the workflow issues: write",
    ),
    "forge_write_issue": ("写入栏目更新提醒议题", "writing the column freshness issue"),
}
