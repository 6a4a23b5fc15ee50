"""The website office's catalogue for the govreview command: its output, usage errors and hints.

Each entry is (Simplified Chinese, English); parameters in braces.
"""

from __future__ import annotations

from collections.abc import Mapping

MESSAGES: Mapping[str, tuple[str, str]] = {
    "cmd_policy_preview_total": (
        "规则改动的影响（{folder}）：{newly_blocked} 个文件将由通过变为拦截，{newly_approved} 个将由拦截变为通过。已发布的页面仍按其合并时的规则判定，此处仅为预览",
        "effect of the policy change ({folder}): {newly_blocked} files would become blocked, {newly_approved} approved. Published pages stay judged by the policy they merged under; this is a preview",
    ),
    "cmd_snapshot_written": (
        "快照已写入 {folder}（{files} 个文件）",
        "snapshot written to {folder} ({files} files)",
    ),
    "cmd_pr_needed": (
        "需要 --pr N（或在 pull_request 事件中运行）",
        "needs --pr N (or a pull_request event)",
    ),
    "cmd_doctor_heading": (
        "{repo} 的 {branch} 分支：",
        "{repo}, branch {branch}:",
    ),
    "cmd_config_not_found": (
        "在当前目录及其上级目录中找不到 {config}：请在站点目录中运行，或用 -f 指定配置文件",
        "no {config} in this folder or above it: run in the site's folder, or give the configuration with -f",
    ),
    "cmd_config_missing": (
        "找不到站点配置文件：{config_file}",
        "site configuration not found: {config_file}",
    ),
    "cmd_not_in_git": (
        "{folder} 不在 git 仓库中：govreview 按 git 中的内容判定，请先 git init 并提交",
        "{folder} is not in a git repository: govreview judges what git holds; run git init and commit first",
    ),
    "cmd_config_not_at_top": (
        "{config_file} 必须位于仓库的顶层目录（{root}）",
        "{config_file} must be at the top of its repository ({root})",
    ),
    "cmd_check_total": (
        "共 {files} 个文件：{approved} 个通过，{blocked} 个拦截",
        "{files} files: {approved} approved, {blocked} blocked",
    ),
    "cmd_policy_folder_missing": (
        "规则目录不存在：{folder}",
        "no policy folder: {folder}",
    ),
    "cmd_explain_no_file": (
        "站点中没有这个文件：{path}",
        "no such file in the site: {path}",
    ),
    "cmd_explain_verdict": (
        "  结论：",
        "  verdict: ",
    ),
    "cmd_explain_category": (
        "  类别：",
        "  category: ",
    ),
    "cmd_explain_steps": (
        "  审批环节：",
        "  approval steps:",
    ),
    "cmd_explain_reasons": (
        "  原因：",
        "  reasons:",
    ),
    "cmd_explain_notes": (
        "  说明：",
        "  notes:",
    ),
    "cmd_inputs_stop": (
        "以下构建输入未经审批（须发布规则负责人审批），什么也不发布，原站点保持不变：",
        "these build inputs are not approved (they need the policy owners); nothing is published and the site stays as it was:",
    ),
    "cmd_build_refused_options": (
        "不支持 --dirty；站点目录和配置文件用 govreview build 自己的 --site-dir、-f 指定",
        "--dirty is refused; give the site folder and configuration with govreview build's own --site-dir and -f",
    ),
    "cmd_generator_missing": (
        "没有安装 {generator}：请安装（Zensical：pip install 'govreview[zensical]'）",
        "{generator} is not installed (for Zensical: pip install 'govreview[zensical]')",
    ),
    "cmd_site_written": (
        "站点已写入 {site_dir}；判定报告（不公开）见 {report_path}",
        "site written to {site_dir}; verdict report (not public) at {report_path}",
    ),
    "cmd_deadlines_total": (
        "共 {items} 项，{overdue} 项已超期（{today}）",
        "{items} items, {overdue} overdue ({today})",
    ),
    "cmd_forge_needed": (
        "需要 --repo OWNER/NAME（或 GITHUB_REPOSITORY）和 GITHUB_TOKEN",
        "needs --repo OWNER/NAME (or GITHUB_REPOSITORY) and GITHUB_TOKEN",
    ),
    "cmd_sync_added": (
        "新增 {added} 个拉取请求：",
        "added {added} pull requests: ",
    ),
    "cmd_sync_failed": (
        "未能读取 #{number}（下次同步重试）：{reason}",
        "could not read #{number} (retried next time): {reason}",
    ),
    "cmd_screen_policy_folder_missing": (
        "规则目录不存在：{folder}",
        "no policy folder: {folder}",
    ),
    "cmd_cannot_decide": (
        "无法判定，全部按未审批处理：",
        "cannot decide; everything counts as not approved: ",
    ),
    "cmd_policy_preview_blocked": (
        "✓→✗ {path}：按新规则将被拦截",
        "✓→✗ {path}: blocked under the new policy",
    ),
    "cmd_explain_unit": (
        "  单位：",
        "  unit: ",
    ),
    "cmd_explain_origin": (
        "  来源：",
        "  from: ",
    ),
    "cmd_explain_nobody": (
        "（无）",
        "(none)",
    ),
    "cmd_explain_filled_by": (
        "：{who}",
        ": {who}",
    ),
    "cmd_note": (
        "提示：",
        "note: ",
    ),
    "cmd_bad_date": (
        "日期格式应为 2026-03-01：{value}",
        "dates are written 2026-03-01: {value}",
    ),
    "cmd_report_in_site": (
        "审批报告不得写入公开站点目录：{report}",
        "the verdict report must not go into the public site folder: {report}",
    ),
    "cmd_deadlines_note": (
        "提示：",
        "note: ",
    ),
    "cmd_deadline_overdue": (
        "已超期",
        "OVERDUE",
    ),
    "cmd_deadline_left": (
        "还剩 {working_days_left} 个工作日",
        "{working_days_left} working days left",
    ),
    "cmd_deadline_interpretation_missing": (
        "缺少政策解读，",
        "interpretation missing, ",
    ),
    "cmd_screen_not_found": (
        "找不到：",
        "not found: ",
    ),
    "cmd_unknown_arguments": (
        "无法识别的参数：",
        "unrecognized arguments: ",
    ),
    "cmd_policy_preview_approved": (
        "✗→✓ {path}：按新规则可以发布",
        "✗→✓ {path}: approved under the new policy",
    ),
    "cmd_policy_preview_changed": (
        "✗→✗ {path}：拦截原因有变化",
        "✗→✗ {path}: blocked for other reasons",
    ),
    "cmd_explain_can_approve": (
        "；可审批：",
        "; can approve: ",
    ),
    "cmd_deadline_no_date": (
        "日期缺失  {path}  缺少或无法识别 {field}，无法计算期限  [{rule}]",
        "NO DATE  {path}  {field} missing or unreadable  [{rule}]",
    ),
    "cmd_pr_not_a_number": (
        "拉取请求编号应为数字：{pr}",
        "a pull request number is a number: {pr}",
    ),
    "cmd_screen_not_screened": (
        "{path}：此类文件不做内容检查",
        "{path}: files of this kind are not screened",
    ),
    "cmd_build_failed_withheld": (
        "构建失败，原站点保持不变。以下文件未经审批、没有放进快照，构建可能需要它们：",
        "the build failed and the site stays as it was. These files were withheld from the snapshot; the build may need them:",
    ),
    "cmd_deadline_merge_by": (
        "最迟 {last_day} 合并",
        "merge by {last_day}",
    ),
    "cmd_screen_no_policies": (
        "提示：没有 policies/ 目录，只做内置检查（不含本单位词表）",
        "note: no policies/ folder; built-in checks only (no word lists)",
    ),
    "cmd_screen_stats_total": (
        "检查统计：共 {files} 个文件，{with_findings} 个文件有发现（{share}%），共 {findings} 处，每千个文件 {per_1000} 处",
        "screening statistics: {files} files, {with_findings} with findings ({share} %), {findings} findings, {per_1000} per 1,000 files",
    ),
    "cmd_screen_stats_check": ("检查项", "check"),
    "cmd_screen_stats_severity": ("级别", "severity"),
    "cmd_screen_stats_rule": ("规则", "rule"),
    "cmd_screen_stats_findings": ("发现数", "findings"),
    "cmd_screen_stats_files": ("涉及文件数", "files"),
    "cmd_screen_stats_per_1000": ("每千个文件", "per 1,000 files"),
    "records_template_split": (
        "表单模板 {file} 中的标记 {tag} 被 Word 或 WPS 拆成了几段文字，无法填写：请在模板中删掉这个标记，再一次性输入（或粘贴为纯文本）",
        "form template {file}: the tag {tag} was split by Word or WPS into several runs of text and cannot be filled: delete it and type it again in one go (or paste it as plain text)",
    ),
    "records_template_unclosed": (
        "表单模板 {file} 中的标记没有结束：{tag}",
        "form template {file}: a tag is not closed: {tag}",
    ),
    "records_template_unreadable": (
        "无法读取表单模板 {file}（不是有效的 .docx 文件）：{error}",
        "cannot read the form template {file} (not a valid .docx file): {error}",
    ),
    "records_no_item": (
        "审批档案中没有 {wanted} 的发布记录（请给出 docs 下的文件或拉取请求编号）",
        "the archive records nothing published for {wanted} (give a file under docs or a pull request number)",
    ),
    "records_form_written": (
        "审批表（R-50）：{docx}，{html}",
        "approval form (R-50): {docx}, {html}",
    ),
    "records_form_withheld": (
        "注意：{path} 未通过审批，表中写明了原因",
        "note: {path} is not approved; the form states why",
    ),
    "records_output_public": (
        "不能把记录写到 {path}：它在公开站点或内容目录 {folder} 之中；审批记录只供内部查阅",
        "will not write records to {path}: it is inside the public site or content folder {folder}; approval records are internal",
    ),
    "records_bad_month": (
        "月份格式应为 YYYY-MM，例如 2026-10：{value}",
        "a month is written YYYY-MM, e.g. 2026-10: {value}",
    ),
    "records_bad_quarter": (
        "季度格式应为 YYYYQN，例如 2026Q4：{value}",
        "a quarter is written YYYYQN, e.g. 2026Q4: {value}",
    ),
    "records_period_needed": (
        "请用 --quarter、--month 或 --from 与 --to 指定统计期间",
        "give the period with --quarter, --month, or --from and --to",
    ),
    "records_ledger_written": (
        "{month} 台账（R-51）：{file}，共 {items} 条",
        "ledger for {month} (R-51): {file}, {items} items",
    ),
    "records_month_pass": (
        "通过：{month} 的 {items} 条信息均有完整的审批证据（R-52）",
        "PASS: all {items} items of {month} have complete approval evidence (R-52)",
    ),
    "records_month_fail": (
        "不通过：{month} 有 {count} 条信息缺少审批证据（R-52）：{paths}",
        "FAIL: {count} items of {month} lack approval evidence (R-52): {paths}",
    ),
    "records_report_written": (
        "统计报告（R-53、R-54）：{xlsx}，{html}",
        "statistics report (R-53, R-54): {xlsx}, {html}",
    ),
    "records_report_title": (
        "{site}网站信息发布统计（{start} 至 {end}）",
        "{site}: website publishing statistics ({start} to {end})",
    ),
    # govreview takedown (emergency takedown, R-44)
    "takedown_not_in_docs": (
        "{path} 不在站点目录 {docs} 中：只能紧急撤下站点上的页面或附件；未写入任何记录",
        "{path} is not in the site folder {docs}: only a page or attachment of the site can be taken down; nothing was written",
    ),
    "takedown_id_used": (
        "编号 {id} 已用于另一次紧急撤下（同一次运行不能记录两次）；未写入任何记录",
        "id {id} is already used by a takedown (one run records one takedown); nothing was written",
    ),
    "takedown_already": (
        "{path} 已由 {by} 于 {at} 紧急撤下（编号 {id}），尚待确认；未写入新的记录",
        "{path} was already taken down by {by} at {at} (id {id}) and awaits confirmation; nothing new was written",
    ),
    "takedown_not_published": (
        "{path} 不是已发布的页面：审批档案中没有它的发布记录或基线记录，不能紧急撤下；未写入任何记录",
        "{path} is not a published page: the archive has no publication or baseline record of it, so it cannot be taken down; nothing was written",
    ),
    "takedown_forge_failed": (
        "无法从平台读取所需信息，不记录撤下（失败即关闭）：{error}",
        "cannot read what is needed from the forge, so no takedown is recorded (fail closed): {error}",
    ),
    "takedown_not_holder": (
        "{login} 在 {at} 不持有紧急撤下角色“{role}”，不能撤下页面（R-44）；未写入任何记录。可撤下：{who}",
        "{login} did not hold the takedown role '{role}' at {at}, so may not take a page down (R-44); nothing was written. Can take pages down: {who}",
    ),
    "takedown_archive_moved": (
        "核对期间审批档案 {archive} 被追加了新记录，为稳妥起见未写入：请重新运行",
        "the archive {archive} was appended to while this was being checked, so nothing was written: run it again",
    ),
    "takedown_reason_empty": (
        "撤下理由不能为空：请写明为什么紧急撤下",
        "the reason may not be empty: say why the page is taken down",
    ),
    "takedown_id_not_run": (
        "撤下编号 {id} 不是工作流运行编号（数字）：不带 --at 时，撤下时间取自该运行在平台上的开始时间",
        "takedown id {id} is no workflow run id (a number): without --at, the time is the run's start on the forge",
    ),
    "takedown_recorded": (
        "已记录紧急撤下 {id}：{path}（{by}，{at}）。下一次构建起该页面不再发布；最迟 {deadline}（含当天）须由修改或撤稿该页面的拉取请求确认",
        "takedown {id} recorded: {path} ({by}, {at}). From the next build on the page is not published; a pull request "
        "correcting or withdrawing it must confirm it by {deadline} (inclusive)",
    ),
    "takedown_unknown_id": (
        "审批档案 {archive} 中没有编号为 {id} 的紧急撤下",
        "the archive {archive} has no takedown with id {id}",
    ),
    "takedown_no_unit": (
        "（不在任何栏目中，单位不明）",
        "(in no column: unit unknown)",
    ),
    "takedown_issue_title": (
        "紧急撤下：{path}（{unit}）",
        "Emergency takedown: {path} ({unit})",
    ),
    "takedown_issue_body": (
        "网站管理部门已紧急撤下一个已发布的页面，下一次发布起它不再出现在网站上。\n\n"
        "- 页面：`{path}`\n- 栏目：{column}\n- 所属单位：{unit}\n- 撤下人：{by}\n- 撤下时间：{at}（北京时间）\n"
        "- 撤下理由（内部记录，不公开）：{reason}\n- 撤下编号：{id}\n\n"
        "请所属单位在 {days} 个工作日内，即最迟 **{deadline}（含当天）**，提交修改或撤稿该页面的拉取请求，"
        "经该页面的审批链批准后合并，以确认这次撤下（R-44）。逾期未确认的，会在 `govreview takedown list` 中列为逾期。",
        "The website office has taken a published page down in an emergency; from the next publish on it is not on the site.\n\n"
        "- Page: `{path}`\n- Column: {column}\n- Unit: {unit}\n- Taken down by: {by}\n- At: {at} (China time)\n"
        "- Reason (internal record, not public): {reason}\n- Takedown id: {id}\n\n"
        "Within {days} working days, i.e. **by {deadline} (inclusive)**, the unit opens a pull request that corrects or "
        "withdraws the page; approved by the page's chain and merged, it confirms the takedown (R-44). "
        "An unconfirmed takedown is then listed as overdue by `govreview takedown list`.",
    ),
    "takedown_issue_opened": (
        "已开设议题 #{number}（{url}），通知 {unit}",
        "opened issue #{number} ({url}) telling {unit}",
    ),
    "takedown_list_none": (
        "没有待确认的紧急撤下（{today}）",
        "no takedown awaits confirmation ({today})",
    ),
    "takedown_list_no_policy": (
        "有 {count} 次紧急撤下尚未确认，但发布规则没有 takedown 节，无法计算确认期限：按逾期处理",
        "{count} takedowns await confirmation, but the policy has no takedown section to count their deadline: treated as overdue",
    ),
    "takedown_overdue": ("已逾期", "overdue"),
    "takedown_left": ("还剩 {days} 个工作日", "{days} working days left"),
    "takedown_list_row": (
        "{state}  {path}  {by} 于 {at} 撤下，最迟 {last_day}（含当天）须经拉取请求确认  [编号 {id}，R-44]",
        "{state}  {path}  taken down by {by} at {at}, to be confirmed by a pull request by {last_day} (inclusive)  [id {id}, R-44]",
    ),
    "takedown_list_total": (
        "待确认的紧急撤下 {items} 次，其中逾期 {overdue} 次（{today}）",
        "{items} takedowns await confirmation, {overdue} overdue ({today})",
    ),
}
