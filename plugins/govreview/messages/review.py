"""The editors' and reviewers' catalogue for the pull-request check and verdict explanations: comment headings, deadline lines, verdict summaries.

Each entry is (Simplified Chinese, English); parameters in braces.
"""

from __future__ import annotations

from collections.abc import Mapping

MESSAGES: Mapping[str, tuple[str, str]] = {
    "pr_comment_passed": (
        "## ✅ 发布审批检查通过（{files} 个文件）",
        "## ✅ Publishing check passed ({files} files)",
    ),
    "pr_comment_outstanding": (
        "## ❌ 发布审批检查未通过：{items} 项待处理",
        "## ❌ Publishing check: {items} items outstanding",
    ),
    "pr_comment_commit": (
        "检查的提交：`{commit}`",
        "Checked commit: `{commit}`",
    ),
    "pr_status_success": (
        "全部审批齐备",
        "all approvals present",
    ),
    "pr_status_failure": (
        "审批不全，详见评论",
        "approvals missing, see the comment",
    ),
    "pr_archive_missing": (
        "找不到审批档案（{where}）：按尚无已发布页面检查；已发布页面的更正与撤稿在发布时仍按档案判定（R-44）",
        "no approval archive ({where}): checked as if nothing were published yet; at publication, corrections and "
        "withdrawals of published pages are still judged by the archive (R-44)",
    ),
    "pr_archive_unusable": (
        "审批档案无法使用，不能确认哪些页面已经发布（R-44）：{detail}",
        "the approval archive cannot be used, so which pages are published cannot be known (R-44): {detail}",
    ),
    "pr_no_config_on_base": (
        "基准分支上没有 {config}：按默认目录判定（docs、policies、archive）",
        "the base branch has no {config}: judged with the default folders (docs, policies, archive)",
    ),
    "pr_preview_unavailable": (
        "无法按 {config} 的 markdown_extensions 渲染页面（{detail}）：本次检查只筛查源文件，"
        "渲染后的文字由发布构建筛查，发现未解除的拦截项时不予发布",
        "the pages cannot be rendered with the markdown_extensions of {config} ({detail}): this check screens the "
        "source only; the published build screens the rendered text and withholds a page with an uncleared block",
    ),
    "pr_preview_skipped": (
        "以下页面太大、渲染太慢或渲染出错，本次只筛查源文件，渲染后的文字由发布构建筛查：{paths}",
        "these pages are too large, too slow or fail to render here; this check screens their source only, and the "
        "published build screens their rendered text: {paths}",
    ),
    "pr_includes_unknown": (
        "不知道哪些页面引用了哪些文件（{problem}）：被引用文件的改动在发布时仍按引用它的页面审批",
        "which pages include which files is unknown ({problem}): at publication, included files still need the approvals of the pages including them",
    ),
    "pr_comment_table_head": (
        "| 环节 | 状态 | 审批人 / 可审批 |",
        "| Step | State | Approved by / can approve |",
    ),
    "pr_comment_more": (
        "- ……另有 {more} 项，见检查日志的标注",
        "- … {more} more, see the annotations in the check log",
    ),
    "pr_comment_truncated": (
        "……评论过长已截断，完整结果见检查日志与任务摘要。",
        "… truncated; the full result is in the check log and job summary.",
    ),
    "pr_config_invalid": (
        "基准分支上的站点配置有误，无法判定：",
        "the base branch's site configuration is invalid: ",
    ),
    "pr_policy_invalid": (
        "基准分支上的发布规则有误，无法判定：",
        "the base branch's policy is invalid: ",
    ),
    "pr_config_not_utf8": (
        "{path}：不是 UTF-8 编码",
        "{path}: not UTF-8",
    ),
    "pr_annotations_more": (
        "另有 {more} 项问题未逐条标注",
        "{more} more problems not annotated one by one",
    ),
    "pr_comments_unreadable": (
        "无法读取已有评论，为免重复，未发表检查评论：",
        "cannot read the existing comments; to avoid a duplicate, no comment was posted: ",
    ),
    "pr_deadline_merge_by": (
        "最迟 {last_day} 合并 [{rule}]",
        "merge by {last_day} [{rule}]",
    ),
    "pr_deadline_too_late": (
        "🔴 已经太迟（最迟应在 {last_day} 合并）[{rule}]",
        "🔴 already too late (last day was {last_day}) [{rule}]",
    ),
    "pr_comment_publish_pending": (
        "合并时判定（合并即发布），须由以下人员合并：",
        "judged at the merge (merging publishes); to be merged by: ",
    ),
    "pr_comment_preview": (
        "👀 [页面预览]({url})：在 pr-preview 的最新运行中下载 govreview-preview 产物（带“未审批”横幅，不是公开站点）",
        "👀 [Preview]({url}): download the govreview-preview artifact of the latest pr-preview run (with the 'not approved' banner; not the public site)",
    ),
    "pr_comment_draft": (
        "📝 还是草稿，尚未提交审批：暂不请求任何人审批。写好后在平台上标为“可以审阅”（Ready for review），"
        "或在网页编辑器中把状态改为“审查中”；从那时起算提交申请的时间（R-35），并请求审批人",
        "📝 Still a draft, not submitted: nobody is asked to review yet. When it is ready, mark it Ready for review on the "
        "forge, or set its status to In review in the web editor; the application time counts from then (R-35), and "
        "reviewers are asked",
    ),
    "pr_comment_asked": (
        "📨 已请求以下人员审批：{people}",
        "📨 Reviews requested from: {people}",
    ),
    "pr_comment_notified": (
        "（已通过{channel}通知）",
        " (told through {channel})",
    ),
    "pr_ask_failed": (
        "未能请求 {people} 审批：{error}",
        "could not request reviews from {people}: {error}",
    ),
    "pr_ask_team_elsewhere": (
        "团队 {team} 不属于本仓库所在的组织，无法在平台上请求其审批，请另行通知",
        "team {team} belongs to another organisation: its review cannot be requested here; tell them another way",
    ),
    "pr_notify_failed": (
        "未能通过{channel}通知审批人：{error}",
        "could not tell the reviewers through {channel}: {error}",
    ),
    "pr_notify_text": (
        "【待审批】{repo} 拉取请求 #{number}「{title}」\n请 {people} 审批。\n{url}",
        '[Review needed] {repo} pull request #{number} "{title}"\nReview requested from {people}.\n{url}',
    ),
    "notify_bad_url": (
        "仓库机密 GOVREVIEW_NOTIFY_URL 不是 http(s) 地址，请写群机器人的 Webhook 地址",
        "the repository secret GOVREVIEW_NOTIFY_URL is not an http(s) address: give the group robot's webhook address",
    ),
    "notify_bad_kind": (
        "GOVREVIEW_NOTIFY_KIND 只能是 {kinds}，不能是“{kind}”",
        "GOVREVIEW_NOTIFY_KIND must be one of {kinds}, not '{kind}'",
    ),
    "notify_http": ("群机器人的地址回答 HTTP {status}", "the robot's address answered HTTP {status}"),
    "notify_unreachable": ("无法连接群机器人（{error}）", "cannot reach the robot ({error})"),
    "notify_not_json": ("群机器人的回答不是 JSON", "the robot's answer is not JSON"),
    # the robot's own code and words, as it gave them
    "notify_refused": (
        "errcode {errcode}: {detail}（群机器人拒绝了这条消息）",
        "errcode {errcode}: {detail} (the robot refused the message)",
    ),
    "notify_channel_wecom": (
        "企业微信",
        "WeCom",
    ),
    "notify_channel_dingtalk": (
        "钉钉",
        "DingTalk",
    ),
    "notify_channel_json": (
        "消息推送地址",
        "the message webhook",
    ),
    "pr_comment_can_approve": (
        "可审批：",
        "can approve: ",
    ),
    "verdict_approved": (
        "可以发布",
        "approved",
    ),
    "verdict_origin": (
        "拉取请求 #{pull}《{pull_title}》，合并于 {merged}",
        "pull request #{pull} '{pull_title}', merged {merged}",
    ),
    "verdict_origin_baseline": (
        "基线：采用本系统前已公开（{published}），纸质审批见 {source}",
        "baseline: public before the site adopted govreview ({published}); paper approval: {source}",
    ),
    "verdict_input_blocked": (
        "构建输入未审批",
        "build input not approved",
    ),
    "verdict_withheld": (
        "未审批，不予发布",
        "not approved, withheld",
    ),
    "verdict_needs": (
        "需要的审批：",
        "approvals needed: ",
    ),
    "at_line_column": (
        "（第 {line} 行第 {col} 列）",
        " (line {line}, column {col})",
    ),
    "at_line": (
        "（第 {line} 行）",
        " (line {line})",
    ),
}
