"""The website office's catalogue for configuration (mkdocs.yml, plugin options), commands, git,
the snapshot and the forge.

Each entry is (Simplified Chinese, English); parameters in braces.
"""

from __future__ import annotations

from collections.abc import Mapping

MESSAGES: Mapping[str, tuple[str, str]] = {
    # the forge: reads
    "forge_read_failed": (
        "读取平台数据失败（HTTP {status}）：{data}",
        "reading the forge failed (HTTP {status}): {data}",
    ),
    "forge_review_edit_missing": (
        "平台没有给出审查 {review} 的修改记录",
        "the forge gave no edit record for review {review}",
    ),
    "forge_unreachable": (
        "无法连接代码托管平台：{error}",
        "cannot reach the forge: {error}",
    ),
    "forge_pull_not_merged": (
        "拉取请求 #{pull} 尚未合并",
        "pull request #{pull} is not merged",
    ),
    "forge_file_list_incomplete": (
        "拉取请求 #{pull} 的文件列表不完整（列出 {listed}，共 {total}）",
        "the file list of pull request #{pull} is incomplete ({listed} of {total})",
    ),
    # the forge: writes (never retried); forge_write_failed holds one of each kind below
    "forge_write_failed": (
        "无法{what}（{cause}）。{hint}",
        "could not {what} ({cause}). {hint}",
    ),
    "forge_write_status": (
        "写入提交状态 {context}",
        "post the commit status {context}",
    ),
    "forge_write_review_request": (
        "请求审批人审批",
        "request reviews",
    ),
    "forge_write_comment": (
        "发表或更新检查评论",
        "post or update the check's comment",
    ),
    "forge_write_issue": (
        "开设议题（通知页面所属单位）",
        "open an issue (telling the page's unit)",
    ),
    "forge_run_time_missing": (
        "平台没有给出工作流运行 {run} 的开始时间，无法记录撤下时间",
        "the forge gave no start time for workflow run {run}: the takedown's time cannot be recorded",
    ),
    "forge_cause_connection": (
        "连接中断：{detail}",
        "the connection failed: {detail}",
    ),
    "forge_cause_http": (
        "平台答复 HTTP {status}：{detail}",
        "the forge answered HTTP {status}: {detail}",
    ),
    "forge_hint_rate_limit": (
        "触发了平台的访问频率限制，请稍后重新运行此检查",
        "The forge's rate limit was hit: re-run this check later",
    ),
    "forge_hint_permission": (
        "令牌没有这项写入权限：工作流须授予 permissions: {permission}，然后重新运行此检查",
        "The token may not do this: the workflow needs permissions: {permission}; then re-run this check",
    ),
    "forge_hint_not_retried": (
        "写操作不自动重试（平台可能已经执行，重试可能重复）；请重新运行此检查",
        "Writes are not retried automatically (the forge may have done it; a retry could duplicate it): re-run this check",
    ),
    # doctor: the repository's branch protection
    "doctor_status_check": (
        "合并前必须通过“{context}”状态检查",
        "merging requires the '{context}' status check",
    ),
    "doctor_up_to_date": (
        "合并前分支必须与 main 同步（两个拉取请求叠加出无人审过的内容时，检查会重新运行）",
        "branches must be up to date before merging (so two merges cannot combine into unreviewed content)",
    ),
    "doctor_dismiss_stale": (
        "新的推送会撤销已有审批",
        "new pushes dismiss stale approvals",
    ),
    "doctor_last_push": (
        "最后一次推送必须由他人审批",
        "the most recent push must be approved by someone else",
    ),
    "doctor_code_owners": (
        "规则、配置、工作流的修改须经 CODEOWNERS 审查",
        "changes to rules, configuration and workflows need a CODEOWNERS review",
    ),
    "doctor_no_force_push": (
        "禁止强制推送",
        "force pushes are blocked",
    ),
    "doctor_no_deletion": (
        "禁止删除分支",
        "deleting the branch is blocked",
    ),
    "doctor_publisher_only": (
        "只有发布角色（{who}）可以合并（分支保护的“限制推送者”只列他们，R-04）",
        "only the publishing role ({who}) can merge (branch protection restricts pushes to them, R-04)",
    ),
    "doctor_publisher_extra": (
        "分支保护允许发布角色（{who}）以外的人合并：{extra}（R-04：只有网站办公室发布）",
        "branch protection lets others than the publishing role ({who}) merge: {extra} (R-04: only the website office publishes)",
    ),
    "doctor_publisher_ruleset": (
        "规则集限制了更新分支（请确认其绕过名单只有发布角色 {who}，R-04）",
        "a ruleset restricts updates (make sure its bypass list names only the publishing role {who}, R-04)",
    ),
    "doctor_enforce_admins": (
        "管理员也不能绕过以上规则",
        "administrators cannot bypass these rules",
    ),
    "doctor_archive_no_deletion": (
        "禁止删除审批档案分支 {branch}",
        "deleting the archive branch {branch} is blocked",
    ),
    "doctor_archive_no_force_push": (
        "禁止强制推送审批档案分支 {branch}（改写历史即改写审批记录）",
        "force pushes to the archive branch {branch} are blocked (rewriting it would rewrite the approval record)",
    ),
    "doctor_archive_writers": (
        "只有发布工作流能写审批档案分支 {branch}（分支保护限制推送者，或规则集限制更新并只让发布用的机器人账号绕过）",
        "only the publish workflow can write the archive branch {branch} (restricted pushers, or a ruleset restricting "
        "updates that only the publishing bot bypasses)",
    ),
    "doctor_archive_tags": (
        "锚定标签 {tags} 受规则集保护：不能修改、不能删除（archive verify 用它们核对档案没有被改写）",
        "the anchor tags {tags} are protected by a ruleset against update and deletion (archive verify checks the archive against them)",
    ),
    "doctor_rulesets_unreadable": (
        "无法读取仓库的规则集：令牌需要仓库的 Administration（只读）权限",
        "cannot read the repository's rulesets: the token needs repository Administration: read",
    ),
    "doctor_protection_unreadable": (
        "无法读取分支保护：令牌需要仓库的 Administration（只读）权限",
        "cannot read branch protection: the token needs repository Administration: read",
    ),
    # git
    "git_cannot_run": (
        "无法运行 git：{error}",
        "cannot run git: {error}",
    ),
    "git_failed": (
        "git {command} 失败：{said}",
        "git {command} failed: {said}",
    ),
    "git_no_blob": (
        "git 对象库中没有 blob {oid}",
        "blob {oid} is not in the git object database",
    ),
    "git_blob_incomplete": (
        "读取 blob {oid} 不完整",
        "blob {oid} was read incompletely",
    ),
    "git_lfs_missing": (
        "Git LFS 对象 {oid}… 不在本地（请在检出时取回 LFS 文件，如 actions/checkout 的 lfs: true）",
        "Git LFS object {oid}… is not present locally (fetch LFS files at checkout, e.g. actions/checkout lfs: true)",
    ),
    "git_lfs_mismatch": (
        "Git LFS 对象 {oid}… 的内容与审批的指针不符（sha256 或大小不同），拒绝使用",
        "Git LFS object {oid}… does not match the approved pointer (sha256 or size differ); refused",
    ),
    # the site configuration (mkdocs.yml and what it INHERITs)
    "config_unreadable": (
        "{where}：无法读取站点配置（{error}），构建输入无法判定",
        "{where}: cannot read the site configuration ({error}); build inputs cannot be judged",
    ),
    "config_too_deep": (
        "{where}：无法读取站点配置（YAML 嵌套过深），构建输入无法判定",
        "{where}: cannot read the site configuration (the YAML nests too deeply); build inputs cannot be judged",
    ),
    "config_snippets_url_download": (
        "pymdownx.snippets 不得开启 url_download（从网络取内容无法审批）",
        "pymdownx.snippets must not set url_download (remote text cannot be approved)",
    ),
    "config_snippets_restrict_base_path": (
        "pymdownx.snippets 不得关闭 restrict_base_path",
        "pymdownx.snippets must not turn off restrict_base_path",
    ),
    "config_snippets_base_path": (
        "pymdownx.snippets 的 base_path“{base}”包含或位于 docs/ 中：请为片段单独设一个 docs/ 以外的目录（如 snippets/），"
        "否则未审批的文字可经由片段进入页面",
        "pymdownx.snippets base_path '{base}' contains or is inside docs/: give snippets their own folder outside docs/ "
        "(e.g. snippets/), or unapproved text can reach pages through inclusion",
    ),
    "config_inherit_loop": (
        "{where}：INHERIT 循环引用",
        "{where}: INHERIT refers back to itself",
    ),
    "config_not_found": (
        "{where}：找不到站点配置文件 {name}",
        "{where}: site configuration file {name} not found",
    ),
    "config_not_mapping": (
        "{where}：站点配置不是合法的 YAML 映射，无法判定",
        "{where}: the site configuration is not a valid YAML mapping",
    ),
    "config_inherit_tagged": (
        "{where}：INHERIT 不是直接写出的文件名（使用了 !ENV 等标签）：请在 {config} 中直接写出 docs_dir",
        "{where}: INHERIT is not a plain file name (uses !ENV or another tag): write docs_dir in {config} itself",
    ),
    "config_dir_not_plain": (
        "{where}：“{key}”必须直接写成目录名（不得使用 !ENV 等标签），govreview 才能确定哪些文件属于它",
        "{where}: '{key}' must be written as a plain folder name (no !ENV or other tags) so govreview can tell which files are in it",
    ),
    "config_dir_outside": (
        "{where}：“{key}: {value}”必须是仓库内的子目录",
        "{where}: '{key}: {value}' must be a folder inside the repository",
    ),
    "config_option_invalid": (
        "{where}：govreview 插件的选项“{name}”有误：{error}",
        "{where}: govreview plugin option '{name}' is invalid: {error}",
    ),
    "config_per_page_where": (
        "{where}：per_page 必须是正整数",
        "{where}: per_page must be a positive integer",
    ),
    "config_cache_inside": (
        "{where}：govreview 插件的选项“cache: {value}”不得位于 {key}（{other}）之内",
        "{where}: govreview plugin option 'cache: {value}' must not be inside {key} ({other})",
    ),
    # the plugin (inside mkdocs build and serve)
    "plugin_dirty_refused": (
        "不得使用 --dirty 构建：旧的输出可能留下已撤下或未审批的页面。请完整构建。",
        "--dirty builds are refused: old output could keep withdrawn or unapproved pages. Build in full.",
    ),
    "plugin_per_page": (
        "per_page 必须是正整数",
        "per_page must be a positive integer",
    ),
    "plugin_manifest_foreign": (
        "快照清单 {manifest} 不属于这个站点",
        "snapshot manifest {manifest} does not belong to this site",
    ),
    "plugin_snapshot_unusable": (
        "快照不可用，停止构建：{detail}",
        "the snapshot is unusable; the build stops: {detail}",
    ),
    "plugin_snapshot_files_wrong": (
        "快照中有清单之外或被改动的文件，停止构建：{paths}",
        "files outside the manifest or changed in the snapshot; the build stops: {paths}",
    ),
    "plugin_policy_invalid": (
        "发布规则有误，无法构建：\n{detail}",
        "the policy is invalid; cannot build:\n{detail}",
    ),
    "plugin_archive_unusable": (
        "审批档案不可用，任何内容都不发布（失败即关闭）：{detail}",
        "the approval archive is unusable; nothing is published (fail closed): {detail}",
    ),
    "plugin_inputs_blocked": (
        "以下构建输入未经审批（类别 policy，须规则负责人审批），停止发布：",
        "these build inputs are not approved (category policy, needs the policy owners); publishing stopped:",
    ),
    "plugin_unapproved_stop": (
        "存在未经审批的内容，构建停止：",
        "unapproved content; the build stops:",
    ),
    "plugin_not_approved_mark": (
        " 【未审批】",
        " [NOT APPROVED]",
    ),
    "plugin_snapshot_page_wrong": (
        "快照中的 {uri} 与清单不符，停止构建",
        "{uri} in the snapshot does not match the manifest; the build stops",
    ),
    "plugin_build_failed_withheld": (
        "构建失败；以下文件未经审批、已被拦下，其他插件可能需要它们：\n{listed}",
        "the build failed; these files were withheld as unapproved, and another plugin may need them:\n{listed}",
    ),
    "plugin_report_in_site": (
        "审批报告不得写入公开站点目录：{report}",
        "the verdict report must not go into the public site folder: {report}",
    ),
    "plugin_done": (
        "govreview：{published} 个文件已发布，{withheld} 个被拦截；报告见 {report}",
        "govreview: {published} files published, {withheld} withheld; report at {report}",
    ),
    # what the site shows: banner, disclosure block, navigation
    "site_banner_title": (
        "未审批 · 不得发布",
        "NOT APPROVED · MUST NOT BE PUBLISHED",
    ),
    "site_label_publisher": ("发布机构", "Publisher"),
    "site_label_doc_no": ("文号", "Document no."),
    "site_label_date_written": ("成文日期", "Date written"),
    "site_label_date_published": ("发布日期", "Date published"),
    "site_label_column": ("栏目", "Column"),
    "site_label_index_no": ("索引号", "Index no."),
    "site_label_topic": ("主题分类", "Topic"),
    "site_label_validity": ("有效性", "Validity"),
    "site_label_interpretation": ("政策解读", "Interpretation"),
    "site_label_related_policy": ("相关政策", "Related policy"),
    "site_validity_valid": ("有效", "In force"),
    "site_validity_expired": ("已失效", "Expired"),
    "site_validity_repealed": ("已废止", "Repealed"),
    "site_nav_home": ("首页", "Home"),
    # banners of items past their time; metadata, left out of search
    "site_banner_expired": ("已过期", "Expired"),
    "site_banner_expired_text": (
        "本信息的展示期已于 {end} 结束，现仅供查阅。",
        "This item's display period ended on {end}; it is kept for reference only.",
    ),
    "site_banner_invalid": ("已失效", "No longer in force"),
    "site_banner_invalid_text": (
        "本文件有效期至 {date}，现已失效。",
        "This document was in force until {date} and is no longer in force.",
    ),
    "site_banner_repealed": ("已废止", "Repealed"),
    "site_banner_repealed_text": (
        "本文件已废止，现行文件见：",
        "This document has been repealed; the document in force is: ",
    ),
    "site_banner_repealed_nolink": (
        "本文件已废止。",
        "This document has been repealed.",
    ),
    "site_withdrawn_head": ("此信息已撤稿", "This item has been withdrawn"),
    "site_label_date_withdrawn": ("撤稿日期", "Date withdrawn"),
    "site_label_withdrawal_reason": ("撤稿理由", "Reason"),
    "site_corrections_head": ("更正说明", "Corrections"),
    # the site's search page (govreview.search_index): what a visitor reads there
    "site_search_title": ("站内搜索", "Search this site"),
    "site_search_label": ("搜索内容", "Search for"),
    "site_search_button": ("搜索", "Search"),
    "site_search_loading": ("正在搜索……", "Searching…"),
    "site_search_count": ("找到 {count} 个包含“{query}”的页面，按发布日期由新到旧排列", "{count} pages contain “{query}”, newest first"),
    "site_search_none": ("没有找到包含“{query}”的页面", "No page contains “{query}”"),
    "site_search_more": ("显示更多结果（还有 {count} 个）", "Show more results ({count} more)"),
    "site_search_error": ("搜索索引读取失败，请稍后再试", "The search index could not be read: please try again later"),
    "site_search_noscript": ("站内搜索需要启用浏览器的 JavaScript。", "Searching this site needs JavaScript enabled in the browser."),
    # the approved snapshot: judging, staging, building
    "snapshot_scheduled": (
        "{path}：已审批，定时发布，{start}（北京时间）之后的第一次构建才会公开",
        "{path}: approved, scheduled: public from the first build after {start} (China time)",
    ),
    "snapshot_expired": (
        "{path}：展示期已于 {end} 结束（R-43），页面保留并标注“已过期”，不再列入栏目、搜索和站点地图",
        "{path}: display period ended {end} (R-43): the page stays, marked expired, out of listings, search and the sitemap",
    ),
    "snapshot_policy_not_utf8": (
        "{path}：文件不是 UTF-8 编码，请另存为 UTF-8",
        "{path}: the file is not UTF-8: save it as UTF-8",
    ),
    "snapshot_no_policy_files": (
        "{folder}/：找不到发布规则（.yml 文件）",
        "{folder}/: no policy files (.yml) found",
    ),
    "snapshot_archive_git_unreadable": (
        "无法从 git 读取审批档案：{error}",
        "cannot read the approval archive from git: {error}",
    ),
    "snapshot_archive_unreadable": (
        "无法读取审批档案：{error}",
        "cannot read the approval archive: {error}",
    ),
    "snapshot_policy_invalid": (
        "发布规则有误：\n{detail}",
        "the policy is invalid:\n{detail}",
    ),
    "snapshot_reserved_name": (
        "{path}：“{reserved}”是快照保留的名称，仓库中不得使用",
        "{path}: '{reserved}' is reserved for the snapshot",
    ),
    "snapshot_not_read_refused": (
        "{path}：构建必然读取站点配置和发布规则，不能列入 build.not_read",
        "{path}: the build always reads the site configuration and the policy; it cannot be listed in build.not_read",
    ),
    "snapshot_dest_not_empty": (
        "{dest}：快照目录必须不存在或为空",
        "{dest}: the snapshot folder must not exist or be empty",
    ),
    "snapshot_write_failed": (
        "{dest}：快照文件未能全部写入（{error}），已删除未完成的快照，未发布任何内容",
        "{dest}: the snapshot's files could not all be written ({error}); the unfinished snapshot was removed and nothing was published",
    ),
    "snapshot_dest_in_work_tree": (
        "{dest}：快照目录位于 git 工作区 {tree} 之内；请放在任何仓库之外（如临时目录）",
        "{dest}: the snapshot folder is inside the git work tree {tree}; put it outside any repository (e.g. a temporary folder)",
    ),
    "snapshot_inputs_unapproved": (
        "存在未审批的构建输入，未写出快照",
        "unapproved build inputs: no snapshot written",
    ),
    "snapshot_manifest_unreadable": (
        "{path}：无法读取快照清单（{error}）",
        "{path}: cannot read the snapshot manifest ({error})",
    ),
    "snapshot_not_manifest": (
        "{path}：不是快照清单（{format}）",
        "{path}: not a {format} manifest",
    ),
    "snapshot_not_include_map": (
        "{path}：不是引用关系文件（{format}）",
        "{path}: not a {format} file",
    ),
    "snapshot_generator_timeout": (
        "生成器运行超过 {minutes} 分钟（--timeout），已停止，原站点保持不变：某个页面可能让 Markdown 转换极慢",
        "the generator ran longer than {minutes} minutes (--timeout) and was stopped; the site stays as it was: "
        "a page may make the Markdown conversion extremely slow",
    ),
    "snapshot_no_site_written": (
        "{built}：生成器没有写出站点",
        "{built}: the generator wrote no site",
    ),
    "snapshot_no_inclusions": (
        "生成器没有记录各页面引用的文件和渲染后的文字（govreview 插件是否在 mkdocs.yml 的 plugins 中？），"
        "无法确认引用的文字经过审批、发布的文字经过筛查",
        "the generator recorded neither the files each page includes nor the rendered text (is the govreview plugin listed "
        "in mkdocs.yml?); included text cannot be confirmed as approved, nor published text as screened",
    ),
    "snapshot_nothing_rendered": (
        "生成器没有记录任何已审批页面渲染后的文字，无法确认发布的文字经过筛查，停止发布，原站点保持不变"
        "（生成器的版本是否与 .github/publish-requirements.txt 固定的一致？）",
        "the generator recorded the rendered text of no approved page, so published text cannot be confirmed as "
        "screened; publishing stopped and the site stays as it was (is the generator the version "
        ".github/publish-requirements.txt pins?)",
    ),
    "snapshot_needs_not_read": (
        "构建失败，原站点保持不变。生成器需要的以下文件不在快照中：发布规则的 build.not_read 写明构建不读取它们。"
        "构建确实需要的，请从 build.not_read 中删去，并由规则负责人审批该文件：{paths}",
        "the build failed and the site stays as it was. The generator needed these files, which are not in the snapshot because "
        "the policy's build.not_read says the build does not read them; if it does, remove them from build.not_read and have "
        "the policy owners approve them: {paths}",
    ),
    "snapshot_includes_unsettled": (
        "经过 {passes} 次构建仍有页面因引用了未审批的文字或渲染后的文字有拦截项而须撤下，停止发布：{paths}",
        "after {passes} builds pages were still being withheld for including unapproved text or for findings in "
        "their rendered text; publishing stopped: {paths}",
    ),
    "hant_conversion_unknown": (
        "构建失败，原站点保持不变。mkdocs.yml 的 extra.portal.hant 写的是“{value}”，不是可用的简繁转换："
        "请写 true（即 s2t）或 s2t、s2tw、s2twp、s2hk 之一，不需要繁体版时删去该项",
        'the build failed and the site stays as it was. mkdocs.yml extra.portal.hant says "{value}", which names no '
        "Traditional Chinese conversion: write true (meaning s2t) or one of s2t, s2tw, s2twp, s2hk, or remove it for no "
        "Traditional rendering",
    ),
    "hant_prefix_taken": (
        "构建失败，原站点保持不变。繁体版要写在站点的 {prefix}/ 目录下，但构建出的站点已有该目录（来自 docs/ 或主题）。"
        "请把这些文件改放到别处，或在 mkdocs.yml 中删去 extra.portal.hant",
        "the build failed and the site stays as it was. The Traditional rendering goes under {prefix}/ in the site, but the "
        "built site already has that folder (from docs/ or the theme); move those files elsewhere, or remove "
        "extra.portal.hant from mkdocs.yml",
    ),
    "snapshot_summary": (
        "govreview：{published} 个文件发布，{withheld} 个不予发布",
        "govreview: {published} files published, {withheld} withheld",
    ),
}
