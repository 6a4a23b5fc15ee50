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
    # -- hosting in China: the site as a release with a checksum manifest (README) ---------------
    "site_sums_link": ("{path}：是符号链接，发布的站点中不应有链接", "{path}: a symbolic link; a published site has none"),
    "site_sums_bad_name": (
        "{path}：文件名含反斜杠或换行，sha256sum 无法按原样核对",
        "{path}: the name holds a backslash or a line break, which sha256sum cannot check as written",
    ),
    "site_sums_unreadable": ("无法读取校验清单 {path}：{error}", "cannot read the checksum manifest {path}: {error}"),
    "site_sums_bad_line": (
        "{path}:{line}：不是“SHA256  路径”格式的一行（或路径重复、越出站点目录）",
        "{path}:{line}: not a 'SHA256  path' line (or a repeated path, or one leaving the site folder)",
    ),
    "site_sums_missing": ("{path}：校验清单中有，站点目录中没有", "{path}: listed in the checksum manifest but missing from the site"),
    "site_sums_unlisted": ("{path}：站点目录中有，校验清单中没有", "{path}: in the site but not in the checksum manifest"),
    "site_sums_wrong": ("{path}：内容与校验清单不符", "{path}: its content does not match the checksum manifest"),
    "site_sums_no_anchor": (
        "站点缺少可读的审批档案链头 {anchor}（govreview build 会写入），无法确认其出处",
        "the site has no readable approval-archive chain head {anchor} (govreview build writes it): its origin cannot be checked",
    ),
    "site_release_older": (
        "此版本的审批档案链头序号为 {seq}，早于服务器当前所用的 {served}：可能是旧版本重放，拒绝切换",
        "this release's archive chain head is seq {seq}, older than the {served} the server serves now: possibly a replayed release, refused",
    ),
    "site_release_head_differs": (
        "审批档案链头为 {found}，与预期的 {wanted} 不符",
        "the archive chain head is {found}, not the expected {wanted}",
    ),
    "site_verify_ok": (
        "核对通过：{files} 个文件与校验清单一致；审批档案链头 序号 {seq} {hash}",
        "verified: {files} files match the checksum manifest; archive chain head seq {seq} {hash}",
    ),
    "site_verify_failed": (
        "核对未通过（{count} 处问题），不要发布此版本：",
        "verification failed ({count} problems); do not publish this release:",
    ),
    "cmd_not_a_folder": ("{path} 不是一个目录", "{path} is not a folder"),
    "site_sums_written": ("校验清单已写入 {path}（{files} 个文件）", "checksum manifest written to {path} ({files} files)"),
    "cmd_site_url_missing": (
        "{config} 没有写 site_url：站点地图 sitemap.xml 将不含任何页面，订阅源中只有相对链接。请在 {config} 中写明本站的正式地址，例如 site_url: https://www.example.gov.cn/",
        "{config} sets no site_url: sitemap.xml will list no page and the feeds have relative links only. Write the site's address in {config}, e.g. site_url: https://www.example.gov.cn/",
    ),
    "cmd_snapshot_written": (
        "快照已写入 {folder}（{files} 个文件）",
        "snapshot written to {folder} ({files} files)",
    ),
    "cmd_bad_now": (
        "--now 的值“{value}”不是时间：请写作 2026-12-05T09:30+08:00（不带时区时按北京时间）",
        "--now '{value}' is not a time: write 2026-12-05T09:30+08:00 (without an offset it is China time)",
    ),
    # govreview lifecycle: what needs cleaning up, what is scheduled
    "lifecycle_state_deleted": ("已删除", "deleted"),
    "lifecycle_state_takedown_overdue": ("撤下待确认", "takedown unconfirmed"),
    "lifecycle_takedown_overdue": (
        "紧急撤下 {id}（{by}）未在期限内由拉取请求确认（最迟 {last}）：请由该页面的审批链以更正或撤稿的拉取请求确认（R-44）",
        "emergency takedown {id} ({by}) was not confirmed by a pull request in time (last day {last}): have the page's chain "
        "confirm it with a correcting or withdrawing pull request (R-44)",
    ),
    "lifecycle_state_expired": ("已过期", "expired"),
    "lifecycle_state_invalid": ("已失效", "no longer in force"),
    "lifecycle_state_repealed": ("已废止", "repealed"),
    "lifecycle_state_scheduled": ("定时发布", "scheduled"),
    "lifecycle_expired": (
        "展示期已于 {end} 结束：页面已标注“已过期”，不再列入栏目、搜索和站点地图；请按 R-43 及时清理",
        "display period ended {end}: the page is marked expired and out of listings, search and the sitemap; clean it up (R-43)",
    ),
    "lifecycle_invalid": (
        "有效期至 {date}，现已失效：请按 R-43 清理，或写明替代文件（repealed_by）",
        "in force until {date}, no longer in force: clean it up (R-43) or name what replaced it (repealed_by)",
    ),
    "lifecycle_repealed": (
        "已废止，替代文件 {target} 已发布：页面显示“已废止”并链接到它；请按 R-43 及时清理",
        "repealed; its replacement {target} is published and linked from the page's banner; clean it up (R-43)",
    ),
    "lifecycle_repealed_target": (
        "已废止，但替代文件“{target}”不是已公开的页面，横幅无法链接：请改正 repealed_by 或先发布替代文件（R-43）",
        "repealed, but the replacement '{target}' is not a public page and the banner cannot link to it: correct repealed_by or publish the replacement first (R-43)",
    ),
    "lifecycle_scheduled": (
        "已审批，定时发布：{start}（北京时间）之后的第一次发布运行公开",
        "approved, scheduled: public on the first publish run after {start} (China time)",
    ),
    "lifecycle_deleted": (
        "{published} 已公开，文件却被删除且没有撤稿记录（R-44）：请恢复文件，并通过撤稿拉取请求写明理由、经网站办公室批准",
        "public since {published}, but its file was deleted with no withdrawal record (R-44): restore the file and withdraw it by a pull request with a reason approved by the website office",
    ),
    "lifecycle_repeal_target_missing": (
        "{path}：替代文件“{target}”不是已公开的页面，“已废止”横幅不会链接到它（R-43）",
        "{path}: the replacement '{target}' is not a public page; the repealed banner will not link to it (R-43)",
    ),
    "lifecycle_nothing": (
        "没有需要清理的信息，也没有定时发布的信息",
        "nothing needs cleaning up and nothing is scheduled",
    ),
    "lifecycle_total": (
        "共 {action} 项需要处理，{scheduled} 项定时发布",
        "{action} items need action, {scheduled} scheduled",
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
    "adopt_not_git": (
        "{root} 不是 git 仓库的工作区（{error}）：请在站点仓库中运行",
        "{root} is not a git work tree ({error}): run it in the site's repository",
    ),
    "adopt_source_needed": (
        "--source（纸质审批的出处）和 --by（录入人账号）不能为空（R-11）",
        "--source (where the paper approvals are kept) and --by (who records them) must not be empty (R-11)",
    ),
    "adopt_uncommitted": (
        "{root} 中有未提交的改动（包括上一次 adopt 的改动）：请先提交或撤销，再运行 adopt；基线只记录已提交的文件",
        "{root} has uncommitted changes (an earlier adopt's included): commit or discard them first; the baseline records committed files only",
    ),
    "adopt_policy_invalid": (
        "policies/ 中的发布规则有误，无法确认谁能录入基线：\n{error}",
        "the policy in policies/ has problems, so who may record the baseline cannot be told:\n{error}",
    ),
    "adopt_recorder_not_owner": (
        "{by} 不担任发布规则类别审批链中的角色（{roles}，现任：{holders}）：基线同时批准了配置、模板和规则本身，"
        "须由其中一人以 --by 录入（不变式 3）",
        "{by} holds no role of the policy category's chain ({roles}; held now by {holders}): the baseline also approves "
        "the configuration, overrides and the policy itself, so one of them must record it with --by (invariant 3)",
    ),
    "adopt_recorder_in_team": (
        "注意：发布规则类别的审批链（{roles}）由团队 {teams} 担任，这里无法读取团队成员；请确认 {by} 是其成员，"
        "否则基线须改由其成员录入（不变式 3）",
        "Note: the policy category's chain ({roles}) is held by the teams {teams}, whose members cannot be read here; "
        "make sure {by} is one of them, or have a member record the baseline (invariant 3)",
    ),
    "adopt_no_deployed": (
        "找不到已部署站点的目录 {path}：请给出目前公开的站点（如从服务器或部署包取回的目录），仓库本身不能说明什么已经公开",
        "no deployed site at {path}: give the site as served today (fetched from the server or its artifact); the repository alone does not say what is public",
    ),
    "adopt_archive_exists": (
        "{path} 已存在：基线只在新建审批档案时录入一次，不会覆盖已有档案",
        "{path} exists: a baseline is recorded once, into a new archive; an existing archive is never overwritten",
    ),
    "adopt_no_config": (
        "无法读取站点配置 {path}：{error}",
        "cannot read the site configuration {path}: {error}",
    ),
    "adopt_not_utf8": (
        "不是 UTF-8 编码（可能是 WPS 保存的 GBK）：请转存为 UTF-8 后再采用，此文件暂不列入基线",
        "not UTF-8 (perhaps GBK saved by WPS): save it as UTF-8 and adopt again; it is not in the baseline",
    ),
    "adopt_col_path": ("文件", "file"),
    "adopt_col_status": ("结论", "result"),
    "adopt_col_note": ("说明", "note"),
    "adopt_status_baseline": ("已公开，列入基线", "public today: in the baseline"),
    "adopt_status_changed": (
        "与已公开的内容不同（或无法比对），不列入基线：须经审批后发布",
        "differs from what is public (or cannot be compared): not in the baseline, published once approved",
    ),
    "adopt_status_not_public": ("已部署的站点中没有，不列入基线", "not in the deployed site: not in the baseline"),
    "adopt_status_unreadable": ("无法读取，不列入基线", "unreadable: not in the baseline"),
    "adopt_status_input": ("构建输入，随采用一并列入基线", "build input: in the baseline with the adoption"),
    "adopt_status_not_read": ("构建不读取，不列入", "not read by the build: not listed"),
    "adopt_summary": (
        "已采用：{converted} 个页面补写了页首信息，移出 {moved} 个片段文件；基线 {baseline} 个文件（其中页面与附件 {pages} 个），"
        "{changed} 个与已公开内容不同、{not_public} 个未公开、{unreadable} 个无法读取，须经审批后发布。\n"
        "新审批档案：{archive}（请核对后作为 govreview-archive 分支的第一个提交）；逐个文件的结论：{report}",
        "adopted: {converted} pages given front matter, {moved} snippet files moved; baseline of {baseline} files ({pages} pages "
        "and attachments); {changed} differ from what is public, {not_public} are not public, {unreadable} unreadable: "
        "they publish once approved.\nNew archive: {archive} (check it, then make it the first commit of the govreview-archive "
        "branch); per-file table: {report}",
    ),
    "adopt_policy_written": (
        "已写出起步规则 policies/site.yml：每个角色暂时都是 --by 的账号，请换成真实的人员后再提交",
        "wrote a starting policy policies/site.yml: every role holds the --by account for now; name the real people before committing",
    ),
    "cmd_preview_written": (
        "预览已写入 {out}（拉取请求的 {pages} 个文件，页面带“未审批 · 不得发布”横幅）：只供审批人查看，不是公开站点",
        "preview written to {out} ({pages} files of the pull request, pages with the 'not approved' banner): for reviewers, never the public site",
    ),
    "cmd_preview_left_out": (
        "预览不含拉取请求对构建输入的改动（它们在审批前不运行）：{paths}",
        "the preview leaves out the pull request's changes to build inputs (they do not run before approval): {paths}",
    ),
    "preview_in_site": (
        "预览不能写进站点目录（{out}）：预览中有未审批的内容，决不能进入公开站点",
        "the preview cannot go into the site folder ({out}): it holds unapproved content, which never reaches the public site",
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
    # govreview editor build (the web editor, issue 17; R-04)
    "editor_no_bundle": (
        "找不到 Decap CMS 的程序文件 decap-cms.js（查找了：{paths}）。请在站点仓库中运行 npm install（package.json 固定了 decap-cms {pinned}），"
        "或用 --decap-js 指明文件；编辑后台不从网上加载任何文件，未写出任何内容",
        "Decap CMS's decap-cms.js was not found (looked at: {paths}). Run npm install in the site's repository (package.json pins decap-cms {pinned}), "
        "or name the file with --decap-js; the admin loads nothing from the internet, and nothing was written",
    ),
    "editor_bundle_unknown": (
        "{path} 中找不到 Decap 对 githubstatus.com 的状态查询，无法去掉它（本工具按 decap-cms {pinned} 核对）：请安装 package.json 固定的版本；未写出任何内容",
        "{path} has no githubstatus.com status check where Decap {pinned} has it, so it cannot be removed: install the version package.json pins; nothing was written",
    ),
    "editor_bundle_unreadable": ("无法读取 {path}：{error}", "cannot read {path}: {error}"),
    "editor_out_in_site": (
        "编辑后台不能写进 {key}（{folder}）：{out} 会随站点发布，而编辑后台只供内部使用，决不能公开；请换一个站点目录以外的目录",
        "the admin cannot go into {key} ({folder}): {out} would be published with the site, and the admin is for internal use only; choose a folder outside it",
    ),
    "editor_no_site": (
        "找不到站点配置 {config}：请在站点仓库中运行，或用 -f 指明 mkdocs.yml",
        "no site configuration {config}: run this in the site's repository, or name mkdocs.yml with -f",
    ),
    "editor_no_repo": (
        "请用 --repo OWNER/NAME 指明站点仓库（或设置 GITHUB_REPOSITORY）；现在是“{repo}”",
        "name the site's repository with --repo OWNER/NAME (or set GITHUB_REPOSITORY); it is '{repo}' now",
    ),
    "editor_auth_url": (
        "--auth-url 应是 OAuth 中转服务的源地址（如 https://cms-auth.example.gov.cn，不带路径），现在是“{url}”：Decap 只接受来自这一地址的登录结果；路径请写在 --auth-endpoint 中",
        "--auth-url must be the OAuth relay's origin (such as https://cms-auth.example.gov.cn, no path), not '{url}': Decap accepts the login only from exactly that origin; put a path in --auth-endpoint",
    ),
    "editor_no_paste_library": (
        "找不到 {path}（把 WPS/Word 粘贴的表格转换为 Markdown 所需，package.json 固定了 turndown 和 @joplin/turndown-plugin-gfm）。"
        "请在站点仓库中运行 npm install；编辑后台不从网上加载任何文件，未写出任何内容",
        "{path} was not found (it converts tables pasted from WPS/Word to Markdown; package.json pins turndown and @joplin/turndown-plugin-gfm). "
        "Run npm install in the site's repository; the admin loads nothing from the internet, and nothing was written",
    ),
    # shown in the web editor when a paste from WPS/Word carries pictures
    "editor_paste_heading": (
        "粘贴的内容已放入正文，但有图片没有粘贴进来（浏览器读不到编辑电脑上的图片文件）：",
        "The pasted content is in the body, but some pictures were not pasted (the browser cannot read picture files on the editor's computer):",
    ),
    "editor_paste_unreadable": (
        "第 {n} 张图片「{name}」：请用正文工具栏的图片按钮上传这张图片，再放到原来的位置",
        "picture {n} '{name}': upload it with the image button of the body's toolbar and put it back where it was",
    ),
    "editor_paste_unnamed": ("（无文件名）", "(no file name)"),
    "editor_paste_failed": (
        "粘贴的内容没能转换，正文未作改动。请改用“选择性粘贴—纯文本”，表格和图片用工具栏添加",
        "the pasted content could not be converted and the body was left as it was: paste as plain text and add tables and pictures with the toolbar",
    ),
    "editor_written": (
        "编辑后台已写入 {out}：{collections} 个栏目（{names}）。每次保存都是一个拉取请求，只有网站办公室能合并发布（R-04）；这个目录只供内部访问，不能放进公开站点",
        "admin written to {out}: {collections} columns ({names}). Every save is a pull request that only the website office can merge (R-04); serve this folder internally, never with the public site",
    ),
}
