"""The editors' and reviewers' catalogue: why a page or file is (not) published, and
what each screening check found. Shown in PR comments, build logs, banners and reports.

Each entry is (Simplified Chinese, English); parameters in braces are filled by
:func:`govreview.messages.say`.
"""

from __future__ import annotations

from collections.abc import Mapping

REASONS: Mapping[str, tuple[str, str]] = {
    # provenance (R-02: review first, publish after)
    "no_merge": (
        "没有任何已合并的拉取请求产生过此文件的当前内容：请通过拉取请求提交并完成审批",
        "no merged pull request produced this file's current content: submit it through a pull request and get it approved",
    ),
    "baseline_origin": (
        "采用本系统前已公开的内容（基线，由 {by} 录入）：按纸质审批发布，纸质审批见 {source}；此后任何修改都须经拉取请求审批",
        "content public before the site adopted govreview (baseline, recorded by {by}): published on its paper approval ({source}); any change needs a pull request",
    ),
    "removed_by_merge": (
        "此文件已被拉取请求 #{pull} 删除，却仍在站点目录中",
        "pull request #{pull} deleted this file, yet it is still in the site folder",
    ),
    "changed_after_merge": (
        "当前内容与拉取请求 #{pull} 审批合并的内容不一致（合并后被改动），审批作废：请就改动重新提交审批",
        "the content differs from what pull request #{pull} merged (changed after approval): submit the change for approval",
    ),
    "merge_not_reviewed": (
        "拉取请求 #{pull} 合并后的内容与审批人看到的内容不同（可能与其他合并叠加），无人审批过这一版本",
        "the content merged by pull request #{pull} differs from what its reviewers saw (combined with another merge): nobody approved this version",
    ),
    "policy_missing": (
        "审批档案缺少拉取请求 #{pull} 合并时所依据的发布规则（基准提交 {base}），无法判定",
        "the archive lacks the policy that judged pull request #{pull} (base commit {base}): cannot decide",
    ),
    "archive_touched": (
        "{path}：审批档案只能由发布工作流写入，拉取请求不得修改、移动或删除它",
        "{path}: the approval archive is written only by the publish workflow; a pull request may not change, move or delete it",
    ),
    # emergency takedown
    "taken_down": (
        "已由 {by} 于 {at} 紧急撤下（编号 {id}），在拉取请求确认之前不发布，也不以旧版本代替；"
        "确认方法：提交修改或撤稿本页面的拉取请求，经本页面的审批链批准并合并",
        "taken down in an emergency by {by} at {at} (id {id}): not published, nor replaced by an older version, until a pull "
        "request confirms it: a pull request that corrects or withdraws this page, approved by its chain and merged",
    ),
    "takedown_no_policy": (
        "发布规则没有 takedown 节，没有人可以紧急撤下页面：请由规则负责人写明 takedown.role 和 takedown.confirm_within",
        "the policy has no takedown section, so nobody may take a page down: the policy owners write takedown.role and takedown.confirm_within",
    ),
    "no_policy_category": (
        "发布规则没有定义 policy 类别（规则、配置与模板的修改必须由规则负责人审批）",
        "the policy defines no 'policy' category (changes to rules, configuration and templates need the policy owners)",
    ),
    # front matter and page model
    "encoding": (
        "文件不是 UTF-8 编码（常见于 WPS/记事本保存为 GBK）：请另存为 UTF-8 后重新提交",
        "the file is not UTF-8 (WPS or Notepad often save GBK): save it as UTF-8 and submit again",
    ),
    "front_matter_syntax": (
        "页首信息（YAML）格式错误：{detail}",
        "the front matter (YAML) is malformed: {detail}",
    ),
    "front_matter_not_mapping": (
        "页首信息必须是“键: 值”形式的列表",
        "the front matter must be a mapping of 'key: value' lines",
    ),
    "front_matter_missing": (
        "页面缺少页首信息（以 --- 开始和结束的 YAML 块）",
        "the page has no front matter (a YAML block between --- lines)",
    ),
    "front_matter_duplicate": (
        "页首信息中字段“{field}”写了两次（另一次在第 {first} 行）",
        "field '{field}' appears twice in the front matter (also on line {first})",
    ),
    "front_matter_mmd": (
        "页首信息没有用 --- 包围；请改为 YAML 格式",
        "the front matter is not enclosed in --- lines; use YAML front matter",
    ),
    "front_matter_aliases": (
        "页首信息中的 YAML 别名（*名称）展开后过大或引用了自身（别名最多可增加 {limit} 个值），不予读取：请直接写出内容，不要层层引用",
        "the front matter's YAML aliases (*name) expand too far or refer to themselves (aliases may add at most {limit} values): write the values out",
    ),
    "front_matter_depth": (
        "页首信息（YAML）嵌套超过 {limit} 层，不予读取：请减少嵌套",
        "the front matter (YAML) nests deeper than {limit} levels: nest less",
    ),
    "field_conflict": (
        "字段“{field}”写了两次（{first} 与 {second}）",
        "field '{field}' is given twice ({first} and {second})",
    ),
    "field_type": (
        "字段“{field}”的值类型不对（应为{expected_zh}）",
        "field '{field}' has the wrong type (expected {expected})",
    ),
    "field_missing": (
        "缺少必填字段“{field}”",
        "required field '{field}' is missing",
    ),
    # field rules (policies' ``fields`` section)
    "field_vetoed": (
        "{field}为“{value}”的信息一律不得上网发布",
        "information whose {field} is '{value}' is never published online",
    ),
    "field_not_a_choice": (
        "{field}只能填写以下之一：{choices}；页面写的是“{value}”",
        "{field} must be one of {choices}; the page says '{value}'",
    ),
    "field_required_when": (
        "{other}为“{value}”时必须填写{field}",
        "{field} is required when {other} is '{value}'",
    ),
    "field_order": (
        "{field}（{value}）早于{other}（{other_value}），日期先后颠倒",
        "{field} ({value}) is before {other} ({other_value}): the dates are the wrong way round",
    ),
    # who publishes
    "publisher_not_allowed": (
        "本页面由 {login} 合并（发布），但只有{role}可以发布：请由 {who} 重新发布",
        "{login} merged (published) this page, but only {role} may publish: {who} can publish it",
    ),
    "publisher_unknown": (
        "审批档案没有记录是谁合并（发布）了本页面，无法确认由{role}发布，按未审批处理；可发布：{who}",
        "the archive does not record who merged (published) this page, so publication by {role} cannot be shown: treated as not approved; can publish: {who}",
    ),
    "unknown_category": (
        "未知的信息类别“{value}”：请写类别名称或括号中的标识，可选 {known}",
        "unknown category '{value}': write a category's name or the id in brackets, one of {known}",
    ),
    "unknown_unit": (
        "未知的发布单位“{value}”：请写单位名称或括号中的标识，可选 {known}",
        "unknown unit '{value}': write a unit's name or the id in brackets, one of {known}",
    ),
    "category_not_allowed": (
        "页面和附件不能使用类别“{value}”（该类别只用于发布规则与站点配置）",
        "pages and attachments cannot use category '{value}' (it is for rules and site configuration)",
    ),
    "category_not_in_column": (
        "栏目“{column}”不允许类别“{value}”（允许：{allowed}）",
        "column '{column}' does not allow category '{value}' (allowed: {allowed})",
    ),
    "unit_not_in_column": (
        "栏目“{column}”的页面不能选单位“{value}”：栏目固定了单位，页面不能改用其他单位的审批链（允许：{allowed}）",
        "a page in column '{column}' cannot name unit '{value}': the column fixes its units, so a page cannot pick "
        "another unit's chain (allowed: {allowed})",
    ),
    "symlink": (
        "文件是符号链接（指向 {target}），不予发布：请提交文件本身",
        "the file is a symbolic link (to {target}): commit the file itself",
    ),
    "not_a_file": (
        "这一项不是普通文件（git 类型 {mode}，如子模块），不予发布：请提交文件本身",
        "this entry is not a regular file (git mode {mode}, e.g. a submodule): commit the file itself",
    ),
    "too_large": (
        "文件过大（{size_mb} MB，上限 {limit_mb} MB），无法判定，不予发布：请压缩或拆分，或由规则负责人调整 max_file_mb",
        "the file is too large to judge ({size_mb} MB, limit {limit_mb} MB): compress or split it, or have the policy owners raise max_file_mb",
    ),
    "lfs_refused": (
        "Git LFS 文件无法核实：{detail}",
        "the Git LFS file cannot be verified: {detail}",
    ),
    "included_by": (
        "页面 {page} 引用了此文件：被引用的文字按引用它的页面审批，还缺该页面的“{missing}”；可审批：{who}",
        "page {page} includes this file: included text needs the approvals of the pages including it; still missing for that page: {missing}; can approve: {who}",
    ),
    "included_by_unknown": (
        "页面 {page} 引用了此文件，但无法读取该页面的页首信息，无法确定它需要的审批",
        "page {page} includes this file, but its front matter cannot be read, so the approvals it needs are unknown",
    ),
    "include_remote": (
        "本页面在生成时从网络取得内容（{url}）：网络上的内容随时可变，无法审批，不予发布；请把内容写进页面或仓库中的文件",
        "this page fetched content over the network while being built ({url}): remote content can change at any time and cannot be approved; "
        "put the text into the page or a file of the repository",
    ),
    "include_unapproved_new": (
        "本页面引用了 {file}，但没有任何已合并的拉取请求产生过它的当前内容：被引用的文字须按本页面审批",
        "this page includes {file}, whose current content no merged pull request produced",
    ),
    "include_baseline_unapproved": (
        "本页面引用了 {file}（采用本系统时列入基线的内容），但本页面的审批早于基线录入：被引用的文字按引用它的页面审批，请由本页面的审批人重新审批",
        "this page includes {file} (content in the baseline recorded at adoption), but this page was approved before that: included "
        "text needs the approvals of the pages including it; have this page's approvers approve it again",
    ),
    "include_unapproved": (
        "本页面引用了 {file}，其当前内容（由拉取请求 #{pull} 改动）未经本页面所需的审批（缺：{missing}）；"
        "被引用的文字按引用它的页面审批：请由本页面的审批人审批该改动",
        "this page includes {file}, whose current content (changed by pull request #{pull}) lacks the approvals this page needs "
        "(missing: {missing}); included text needs the approvals of the pages including it: have this page's approvers approve the change",
    ),
    "unreadable": (
        "文件无法读取（{error}），不予发布",
        "the file cannot be read ({error})",
    ),
    "no_column": (
        "文件不在任何已登记的栏目中，且未写明类别和单位",
        "the file is in no registered column and names no category and unit",
    ),
    # approvals
    "unmapped_author": (
        "提交 {commit} 的作者没有对应的平台账号，无法排除其自审：请用已登记账号重新提交",
        "commit {commit} has an author with no forge account, so self-approval cannot be excluded: recommit with a registered account",
    ),
    "step_missing": (
        "缺少“{step}”审批（需要 {needed} 人，已有 {have} 人）；可审批：{who}",
        "missing approval '{step}' ({have} of {needed}); can approve: {who}",
    ),
    "order": (
        "审批未按规定顺序进行（{steps_zh}）",
        "approvals were not given in the required order ({steps_en})",
    ),
    "step_unit_missing": (
        "“{step}”环节由页面字段“{field}”指定的单位审批，但页面没有写这个字段：请写明单位名称",
        "step '{step}' is approved by the unit the page field '{field}' names, but the page does not write it: name the unit",
    ),
    "step_unit_unknown": (
        "“{step}”环节由页面字段“{field}”指定的单位审批，但“{value}”不是已登记的单位：请写单位名称或括号中的标识，可选 {known}",
        "step '{step}' is approved by the unit the page field '{field}' names, but '{value}' is no registered unit: "
        "write a unit's name or the id in brackets, one of {known}",
    ),
    "branch_met": (
        "条件环节：页面字段“{field}”为 {equals}，需要 {taken}；不需要 {skipped}",
        "conditional step: page field '{field}' is {equals}, so this page needs {taken}; not needed: {skipped}",
    ),
    "branch_unmet": (
        "条件环节：页面字段“{field}”不为 {equals}（本页：{value}），需要 {taken}；不需要 {skipped}",
        "conditional step: page field '{field}' is not {equals} (this page: {value}), so this page needs {taken}; not needed: {skipped}",
    ),
    "secrecy_waived": (
        "类别“{category}”按发布规则免于保密审查，理由：{reason}",
        "category '{category}' is exempt from the secrecy review by the policy, because: {reason}",
    ),
    "secrecy_waived_unstated": (
        "类别“{category}”按合并时的发布规则免于保密审查，该规则没有写明理由",
        "category '{category}' was exempt from the secrecy review under the policy it merged by, which gave no reason",
    ),
    "too_complex": (
        "审批人分配过于复杂，无法判定，按未审批处理",
        "too many possible approver assignments to decide: treated as not approved",
    ),
    # after publication: corrections and withdrawals
    "withdrawal_no_office": (
        "撤稿须经网站管理部门批准，但发布规则没有写明网站管理部门的角色（lifecycle.office），无人可以批准：请规则负责人补上",
        "a withdrawal needs the website office's approval, but the policy names no office role (lifecycle.office), "
        "so nobody can approve it: ask the policy owners to add it",
    ),
    "correction_noted": (
        "已发布页面的修改附有公开的更正说明：“{note}”",
        "the edit of this published page carries a public correction note: '{note}'",
    ),
    "correction_minor": (
        "已发布页面的修改经 {login} 添加标签“{label}”认定为轻微修改（{at}），不附更正说明",
        "{login} approved the edit of this published page as minor with the label '{label}' ({at}): no correction note",
    ),
    "correction_needed": (
        "本页已经发布，修改须在页首写明新的公开更正说明（{field}），"
        "或由网站管理部门人员在最后一次修改之后添加标签“{label}”认定为轻微修改；可认定：{who}",
        "this page is published: the edit needs a new public correction note in the front matter ({field}), "
        "or the website office's label '{label}', added after the last change, approving it as minor; can approve: {who}",
    ),
    "correction_needed_note": (
        "本页已经发布，修改须在页首写明新的公开更正说明（{field}）；发布规则没有设轻微修改标签（lifecycle.minor_label），无法免写",
        "this page is published: the edit needs a new public correction note in the front matter ({field}); "
        "the policy has no minor-correction label (lifecycle.minor_label), so it cannot be waived",
    ),
    "correction_note_old": (
        "更正说明“{note}”已经公开过，不是这次修改的说明：请写明这次改了什么",
        "the correction note '{note}' was published before and does not describe this edit: say what this edit changed",
    ),
    "correction_unknown": (
        "无法读取本页已发布的版本（{blob}），不能确认更正说明是新的；请网站管理员检查仓库的 git 历史是否完整",
        "the published version of this page ({blob}) cannot be read, so the correction note cannot be shown to be new; "
        "ask the website office to check the repository's git history is complete",
    ),
    "minor_wrong_actor": (
        "标签“{label}”由 {login} 添加，但其不是网站管理部门人员，不予认可；可认定：{who}",
        "label '{label}' was added by {login}, who is not in the website office; can approve: {who}",
    ),
    "minor_team_unreadable": (
        "标签“{label}”由 {login} 添加，但令牌无法读取团队 {teams} 的成员，无法确认其为网站管理部门人员，不予认可；可认定：{who}",
        "label '{label}' was added by {login}, but the token cannot read the membership of team {teams}, "
        "so it cannot be confirmed that {login} is in the website office; can approve: {who}",
    ),
    "minor_self": (
        "标签“{label}”由本次修改的提交人 {login} 添加，不能自己认定；可认定：{who}",
        "label '{label}' was added by {login}, who contributed to this change; can approve: {who}",
    ),
    "minor_before_push": (
        "标签“{label}”（{login}，{labeled}）早于最后一次修改本页的推送（{pushed}），须重新认定；可认定：{who}",
        "label '{label}' ({login}, {labeled}) predates the last push that changed this page ({pushed}): approve again; can approve: {who}",
    ),
    "minor_order_unknown": (
        "无法证明标签“{label}”是在最后一次推送之后添加的（缺少服务器推送时间），不予认可；可认定：{who}",
        "cannot prove label '{label}' was added after the last push (no server push time); can approve: {who}",
    ),
    "published_removed": (
        "{page} 已经发布，不能删除或改名（R-44）：请保留该文件，在页首写明公开的撤稿理由（{field}），经网站管理部门批准后撤稿",
        "{page} is published and may not be deleted or renamed (R-44): keep the file and withdraw it by writing a public "
        "reason in its front matter ({field}), approved by the website office",
    ),
    "secrecy_missing": (
        "缺少保密审查：需由保密审查员添加标签“{label}”；可审查：{who}",
        "missing secrecy review: a secrecy reviewer must add the label '{label}'; can review: {who}",
    ),
    "secrecy_wrong_actor": (
        "标签“{label}”由 {login} 添加，但其不是保密审查员，不予认可；可审查：{who}",
        "label '{label}' was added by {login}, who is not a secrecy reviewer; can review: {who}",
    ),
    "secrecy_team_unreadable": (
        "标签“{label}”由 {login} 添加，但令牌无法读取团队 {teams} 的成员（缺少组织权限 Members: read，"
        "或个人访问令牌的 read:org），无法确认其为保密审查员，不予认可；可审查：{who}",
        "label '{label}' was added by {login}, but the token cannot read the membership of team {teams} (it lacks the "
        "organisation permission Members: read, or read:org for a personal access token), so it cannot be confirmed "
        "that {login} is a secrecy reviewer; can review: {who}",
    ),
    "secrecy_self": (
        "标签“{label}”由本次修改的提交人 {login} 添加，不能自审；可审查：{who}",
        "label '{label}' was added by {login}, who contributed to this change; can review: {who}",
    ),
    "secrecy_before_push": (
        "标签“{label}”（{login}，{labeled}）早于最后一次修改本文件的推送（{pushed}），须重新审查；可审查：{who}",
        "label '{label}' ({login}, {labeled}) predates the last push that changed this file ({pushed}): review again; can review: {who}",
    ),
    "secrecy_order_unknown": (
        "无法证明标签“{label}”是在最后一次推送之后添加的（缺少服务器推送时间），不予认可；可审查：{who}",
        "cannot prove label '{label}' was added after the last push (no server push time); can review: {who}",
    ),
    "secrecy_same_person": (
        "保密审查员 {login} 已承担其他审批环节，保密审查须由另一人完成；可审查：{who}",
        "secrecy reviewer {login} already fills another step: the secrecy review needs someone else; can review: {who}",
    ),
    # display window, validity and repeal, scheduled publishing
    "lifecycle_bad_time": (
        "字段“{field}”的值“{value}”不是日期或时间：请写作 2026-12-05 或 2026-12-05 09:30（北京时间）",
        "field '{field}' value '{value}' is not a date or time: write 2026-12-05 or 2026-12-05 09:30 (China time)",
    ),
    "lifecycle_end_before_start": (
        "结束时间 {end} 不晚于开始时间 {start}：本页不会有任何展示时间，请改正",
        "the end {end} is not after the start {start}: the page would never be shown; correct it",
    ),
    "deadline_start_late": (
        "开始时间 {start} 使本页到 {public} 才公开，而须在{field} {date} 之前至少 {days} 个工作日公开（最迟 {latest}）：请提前开始时间",
        "the start {start} makes the page public only on {public}, but it must be public at least {days} working days before {field} ({date}), i.e. by {latest}: move the start earlier",
    ),
    # deadlines in working days
    "deadline_before": (
        "须在{field} {date} 之前至少 {days} 个工作日发布（最迟 {latest} 合并），实际合并于 {merged}，已经太迟",
        "must be published at least {days} working days before {field} ({date}); merged {merged}, too late (latest allowed: {latest})",
    ),
    "deadline_within": (
        "须在{field} {date} 之后 {days} 个工作日内发布（最迟 {due}，含当天），实际合并于 {merged}，已超期",
        "must be published within {days} working days after {field} ({date}), i.e. by {due}; merged {merged}, overdue",
    ),
    "calendar_unknown_year": (
        "没有 {year} 年的节假日安排，无法计算期限，按未审批处理：请在 policies/calendar.yml 中补入该年安排",
        "no holiday schedule for {year}, so the deadline cannot be checked (treated as not approved): add it to policies/calendar.yml",
    ),
    "deadline_before_calendar": (
        "须在{field} {date} 之前至少 {days} 天（日历日）发布（最迟 {last} 合并），实际合并于 {merged}，已经太迟",
        "must be published at least {days} calendar days before {field} ({date}), i.e. by {last}; merged {merged}, too late",
    ),
    "deadline_within_calendar": (
        "须在{field} {date} 之后 {days} 天（日历日，含周末）内发布（最迟 {last}），实际合并于 {merged}，已超期",
        "must be published within {days} calendar days (weekends count) after {field} ({date}), i.e. by {last}; merged {merged}, overdue",
    ),
    "application_before": (
        "须在{field} {date} 之前至少 {days} {days_word}提交申请（拉取请求最迟 {last} 标记为待审），实际于 {applied} 提交，已经太迟",
        "the application was due at least {days} {days_word} before {field} ({date}), i.e. the pull request marked ready by {last}; it was marked ready {applied}, too late",
    ),
    "application_within": (
        "须在{field} {date} 之后 {days} {days_word}内提交申请（拉取请求最迟 {last} 标记为待审），实际于 {applied} 提交，已超期",
        "the application was due within {days} {days_word} after {field} ({date}), i.e. the pull request marked ready by {last}; it was marked ready {applied}, overdue",
    ),
    "application_unknown": (
        "无法确定何时提交申请（拉取请求标记为待审的服务器时间不明，或仍是草稿），{field}的期限从提交申请起算，按未审批处理",
        "when the application was made is unknown (no server time for the pull request being marked ready, or it is still a draft); the deadline on {field} counts from the application, so it is treated as not approved",
    ),
    "urgent_waiver": (
        "紧急信息：期限要求由 {login} 于 {at} 以紧急标签豁免（已记录）",
        "urgent information: the deadline was waived by {login} at {at} with the urgent label (recorded)",
    ),
    "published_field_ignored": (
        "页面自填的发布日期 {typed} 与实际发布（合并）日期 {merged} 不同；页面显示的发布日期以合并时间为准",
        "the page says it was published on {typed}, but it was merged on {merged}; the page shows the merge date",
    ),
    # notes (not blocking by themselves)
    "self_approval": (
        "{login} 是本次修改的作者或提交人，其审批不计",
        "{login} authored or committed this change: their approval does not count",
    ),
    "review_commit_unknown": (
        "{login} 审批的提交 {commit} 不在档案中，不计",
        "{login} approved commit {commit}, which the archive does not hold",
    ),
    "stale_approval": (
        "{login} 审批的是本文件的旧版本（提交 {commit}），不计",
        "{login} approved an earlier version of this file (commit {commit})",
    ),
    "acting_counted": (
        "{login} 以{kind_word}“{role}”{principal}的身份审批（{since} 至 {until}，由 {by} 决定），计入",
        "{login} approved as {kind_word} '{role}' for {principal} ({since} to {until}, decided by {by}): counted",
    ),
    "acting_outside": (
        "{login} 的审批不计：其{kind_word}“{role}”{principal}的期限为 {since} 至 {until}，审批时间 {at} 不在期限内",
        "{login}'s approval does not count: their {kind_word} holding of '{role}' for {principal} runs {since} to {until}, "
        "and the approval at {at} is outside it",
    ),
    "acting_principal_gone": (
        "{login} 的审批不计：被代理的 {principal} 在 {at} 已不担任“{role}”，代理随之终止",
        "{login}'s approval does not count: {principal}, whom they stand in for, no longer held '{role}' at {at}",
    ),
    "acting_by_not_holder": (
        "{login} 的审批不计：决定{kind_word}的 {by} 在 {at} 不担任“{role}”或有权指定代理的角色",
        "{login}'s approval does not count: {by}, who decided the {kind_word} holding, did not hold '{role}' "
        "or a role that appoints to it at {at}",
    ),
    "acting_beside_principal": (
        "{login} 与其代理的 {principal} 都审批了“{step}”：两人是同一职权，只计 {principal} 本人的一次",
        "{login} and {principal}, for whom they stand in, both approved '{step}': one authority, counted once, as {principal}",
    ),
    "team_unresolved": (
        "团队 {team} 的成员在合并时未记录，其成员的审批不计",
        "membership of team {team} was not recorded at merge: its members' approvals do not count",
    ),
    "team_unreadable": (
        "无法读取团队 {team} 的成员（平台答复 HTTP {status}）：令牌缺少组织权限 Members: read"
        "（GitHub App 安装令牌，如 actions/create-github-app-token 生成的；或带 read:org 的个人访问令牌），"
        "工作流默认的 GITHUB_TOKEN 没有这项权限；若令牌已有此权限，请核对团队名称。在此之前，该团队成员的审批不计",
        "cannot read the membership of team {team} (the forge answered HTTP {status}): the token lacks the organisation "
        "permission Members: read (a GitHub App installation token, e.g. from actions/create-github-app-token, or a personal "
        "access token with read:org); the workflow's default GITHUB_TOKEN does not have it. If the token has it, check the "
        "team's name. Until then, approvals by its members do not count",
    ),
    # screening findings (the check's own text is in _CHECKS)
    "screen_block": ("{name}：{finding}", "{name}: {finding}"),
    "screen_warn": (
        "{name}：{finding}。请核实；确认无误的，由 {who} 添加标签“{label}”",
        "{name}: {finding}. Check it; if it is fine, {who} adds the label '{label}'",
    ),
    "screen_accepted": ("{name}：{finding}（{login} 已于 {at} 核实）", "{name}: {finding} (accepted by {login} at {at})"),
    "screen_escalated": (
        "{name}：{finding}；已按领导批示要求增加审批环节",
        "{name}: {finding}; the leader-instruction approval step was added",
    ),
    "screen_new_rules": (
        "{name}：{finding}。这是现行检查规则新发现的问题；页面按合并时的规则继续发布，如需撤下或修改，请提交拉取请求并写明理由",
        "{name}: {finding}. Today's screening rules find this; the page stays published under the rules it merged with. "
        "To withdraw or change it, open a pull request with a reason",
    ),
    "accept_wrong_actor": (
        "标签“{label}”由 {login} 添加，但其无权核实检查提示，不予认可；可核实：{who}",
        "label '{label}' was added by {login}, who may not accept screening warnings; can accept: {who}",
    ),
    "accept_team_unreadable": (
        "标签“{label}”由 {login} 添加，但令牌无法读取团队 {teams} 的成员（缺少组织权限 Members: read，"
        "或个人访问令牌的 read:org），无法确认其有权核实检查提示，不予认可；可核实：{who}",
        "label '{label}' was added by {login}, but the token cannot read the membership of team {teams} (it lacks the "
        "organisation permission Members: read, or read:org for a personal access token), so it cannot be confirmed "
        "that {login} may accept screening warnings; can accept: {who}",
    ),
    "accept_self": (
        "标签“{label}”由本次修改的提交人 {login} 添加，不能自行核实；可核实：{who}",
        "label '{label}' was added by {login}, who contributed to this change; can accept: {who}",
    ),
    "accept_before_push": (
        "标签“{label}”（{login}，{labeled}）早于最后一次修改本文件的推送（{pushed}），须重新核实；可核实：{who}",
        "label '{label}' ({login}, {labeled}) predates the last push that changed this file ({pushed}): accept again; can accept: {who}",
    ),
    "accept_order_unknown": (
        "无法证明标签“{label}”是在最后一次推送之后添加的（缺少服务器推送时间），不予认可；可核实：{who}",
        "cannot prove label '{label}' was added after the last push (no server push time); can accept: {who}",
    ),
    # build inputs
    "input_blocked": (
        "构建输入未经审批，停止发布",
        "a build input is not approved: publishing stopped",
    ),
    # clearing a false block (R-03: where a unit cannot decide, the secrecy committee decides)
    "screen_block_clear": (
        "如确属误拦：可由 {who} 在本拉取请求的最新提交上提交审查（批准或评论均可），正文单独一行写：{line}",
        "if this is a false block, {who} can clear it with a review (approve or comment) on the pull request's latest commit "
        "whose body has this line: {line}",
    ),
    "screen_cleared": (
        "{name}：{finding}（已由 {login} 于 {at} 以审查解除拦截）",
        "{name}: {finding} (cleared by {login} at {at} in a review)",
    ),
    "clear_state": (
        "{login} 于 {at} 的审查写了解除拦截，但该审查的状态是 {state}，不予认可：解除须以“批准”或“评论”提交",
        "{login} named this finding in a review at {at}, but the review's state is {state}: a clearance is an approval or a comment",
    ),
    "clear_edited": (
        "{login} 于 {at} 提交的解除拦截审查，其正文在提交后被修改过，不予认可：解除只认提交时的原文。如需解除，请重新提交一条审查，不要修改旧的",
        "{login}'s clearing review of {at} was edited after it was submitted: only a body as submitted counts. "
        "To clear the finding, submit a new review instead of editing the old one",
    ),
    "clear_edit_unreadable": (
        "无法从平台读出 {login} 于 {at} 的解除拦截审查提交后是否被修改过（{why}），不予认可：请稍后重新运行检查",
        "cannot read from the forge whether {login}'s clearing review of {at} was edited after it was submitted ({why}): "
        "it does not count; run the check again later",
    ),
    "clear_edit_unknown": (
        "没有记录 {login} 于 {at} 的解除拦截审查提交后是否被修改过，不予认可：请重新提交一条审查",
        "there is no record of whether {login}'s clearing review of {at} was edited after it was submitted: "
        "it does not count; submit a new review",
    ),
    "clear_wrong_head": (
        "{login} 于 {at} 解除拦截的审查是针对提交 {commit} 的，不是最终提交 {head}，不予认可：请在最新提交上重新提交",
        "{login} cleared this finding at {at} in a review of commit {commit}, not the final head {head}: clear it again on the latest commit",
    ),
    "clear_self": (
        "{login} 是本次修改的作者或提交人，其解除拦截不予认可",
        "{login} authored or committed this change: their clearance does not count",
    ),
    "clear_not_holder": (
        "{login} 于 {at} 写了解除拦截，但其不持有规则规定的解除角色，不予认可",
        "{login} named this finding at {at} but does not hold the policy's clearing role: the clearance does not count",
    ),
    "clear_order_unknown": (
        "无法证明 {login} 的解除拦截（{at}）晚于最后一次修改本文件的推送（缺少服务器推送时间），不予认可",
        "cannot prove {login}'s clearance ({at}) came after the last push that changed this file (no server push time): it does not count",
    ),
    "clear_before_push": (
        "{login} 的解除拦截（{at}）早于最后一次修改本文件的推送（{pushed}），不予认可：请重新提交",
        "{login}'s clearance ({at}) predates the last push that changed this file ({pushed}): clear it again",
    ),
    "clear_withdrawn": (
        "{login} 于 {at} 解除拦截后，又于 {withdrawn_at} 要求修改，解除不予认可",
        "{login} cleared this finding at {at}, then requested changes at {withdrawn_at}: the clearance does not count",
    ),
    "clear_not_block": (
        "{login} 对「{excerpt}」写了解除拦截，但它是“提示”而非“禁止”，解除审查对它无效：请由有权核实的人添加标签“{label}”",
        "{login} named '{excerpt}' in a clearance, but it is a warning, not a block: it is accepted with the label '{label}'",
    ),
    "clear_unmatched": (
        "{login} 于 {at} 的解除拦截（{check}「{text}」）对不上本文件现有的任何“禁止”问题（行、列或文字不符，或内容已改动），未解除任何问题",
        "{login}'s clearance at {at} ({check} '{text}') names no block finding of this file as it is now "
        "(line, column or text differ, or the content changed): nothing was cleared",
    ),
}


#: Screening checks: (Chinese name, English name, Chinese text, English text).
CHECKS: Mapping[str, tuple[str, str, str, str]] = {
    "secrecy-marking": (
        "密级标志",
        "secrecy marking",
        "「{excerpt}」是密级标志。涉密信息不得上网，请删除涉密内容",
        "'{excerpt}' marks classified material, which must never go online: remove it",
    ),
    "internal-marking": (
        "内部资料标志",
        "internal-material marking",
        "「{excerpt}」表明这是内部资料，不得公开发布",
        "'{excerpt}' marks internal material, which must not be published",
    ),
    "internal-use": (
        "内部使用字样",
        "internal-use wording",
        "「{excerpt}」表明内容可能只限内部使用，请确认可以公开",
        "'{excerpt}' suggests internal use only: make sure it may be published",
    ),
    "seal-signature": (
        "公章或签名",
        "seal or signature",
        "「{excerpt}」：公开的文件不得带有公章、印章或领导签名，请去掉印章图片和相关文字",
        "'{excerpt}': published documents must not carry seals or leaders' signatures",
    ),
    "red-header": (
        "红头版式",
        "red document header",
        "「{excerpt}」像是红头文件的版头，公开时应去掉红头版式",
        "'{excerpt}' looks like a red document header, which is removed before publication",
    ),
    "cipher-telegram": (
        "电报版式",
        "telegram header",
        "「{excerpt}」是电报的版头格式，电报不得按原格式公开",
        "'{excerpt}' is a telegram header; telegrams are never published in their original form",
    ),
    "leader-instruction": (
        "领导批示",
        "leader instruction",
        "「{excerpt}」引用了领导批示，须经分管领导或主要领导审批",
        "'{excerpt}' quotes a leader's instruction, which needs a leader's approval",
    ),
    "id-number": (
        "身份证号码",
        "resident ID number",
        "「{excerpt}」是有效的居民身份证号码。公民个人信息不得公开，请删除或隐去中间位数",
        "'{excerpt}' is a valid resident ID number: citizens' personal data must not be published",
    ),
    "mobile-number": (
        "手机号码",
        "mobile number",
        "「{excerpt}」是手机号码。个人号码请删除；单位公开的联系电话请由规则负责人写入 screening.allow_numbers",
        "'{excerpt}' is a mobile number: remove a private one; an office's public number belongs in screening.allow_numbers",
    ),
    "bank-card": (
        "银行卡号",
        "bank card number",
        "「{excerpt}」像是银行卡号（通过校验位检查），请确认不是个人账户",
        "'{excerpt}' looks like a bank card number (its check digit is valid): make sure it is no private account",
    ),
    "reprint-source": (
        "转载未注明出处",
        "reprint without source",
        "页面注明了转载（「{excerpt}」），但没有写明{missing}",
        "the page says it is reprinted ('{excerpt}') but does not state its {missing}",
    ),
    "word-list": ("错敏词", "listed word", "「{excerpt}」{note}{correct}", "'{excerpt}' {note}{correct}"),
    "punctuation": (
        "标点符号",
        "punctuation",
        "中文里应使用全角标点：「{old}」应为「{new}」（GB/T 15834）",
        "Chinese text takes full-width punctuation: '{old}' should be '{new}' (GB/T 15834)",
    ),
    "number-format": (
        "数字用法",
        "number format",
        "「{old}」应写作「{new}」（GB/T 15835）",
        "'{old}' should be written '{new}' (GB/T 15835)",
    ),
    "data-uri": (
        "正文内嵌文件数据",
        "file data inside the page",
        "「{excerpt}」把图片或文件的数据直接写进了正文（常见于从 WPS/Word 粘贴），这样的图片不经附件检查（印章等）就会公开。"
        "请删除它，用编辑器的图片按钮把图片作为附件上传",
        "'{excerpt}' carries a picture or file inside the page's text (often left by pasting from WPS/Word), "
        "which would be published without the attachment checks (seals and the like): delete it and upload the picture "
        "as an attachment with the editor's image button",
    ),
    "local-path": (
        "本机文件路径",
        "path on the editor's computer",
        "「{excerpt}」是编辑电脑上的文件位置（常见于从 WPS/Word 粘贴的图片）：访问者打不开，路径还可能带出个人用户名。"
        "请删除它，用编辑器的图片按钮上传该文件",
        "'{excerpt}' is a place on the editor's computer (often left by pasting pictures from WPS/Word): visitors cannot "
        "open it and it may show a personal user name. Delete it and upload the file with the editor's image button",
    ),
    "doc-author": (
        "文档属性含个人信息",
        "personal data in document properties",
        "{detail}。请在文档属性中删除个人信息后再上传",
        "{detail}. Remove personal data from the document properties",
    ),
    "doc-comments": (
        "文档批注",
        "document comments",
        "文档含批注（{detail}），批注会随附件公开，请删除全部批注",
        "the document has comments ({detail}), which are published with it: delete them",
    ),
    "doc-revisions": (
        "修订痕迹",
        "tracked changes",
        "文档含未处理的修订（{detail}），被删除的文字仍可看到，请接受或拒绝全部修订",
        "the document has tracked changes ({detail}); deleted text stays readable: accept or reject them all",
    ),
    "doc-hidden-text": (
        "隐藏文字",
        "hidden text",
        "文档含隐藏文字（{detail}），下载者可以显示出来，请删除",
        "the document has hidden text ({detail}), which anyone can reveal: delete it",
    ),
    "sheet-hidden": (
        "隐藏工作表",
        "hidden sheet",
        "表格含隐藏的工作表「{detail}」，下载者可以取消隐藏，请删除",
        "the workbook has a hidden sheet '{detail}', which anyone can unhide: delete it",
    ),
    "sheet-comments": (
        "表格批注",
        "cell comments",
        "表格含批注（{detail}），请删除",
        "the workbook has cell comments ({detail}): delete them",
    ),
    "pdf-metadata": (
        "PDF 文档属性",
        "PDF properties",
        "PDF 属性中有作者等信息（{detail}），请确认可以公开或删除",
        "the PDF's properties name a person ({detail}): remove it or confirm it may be published",
    ),
    "pdf-no-text": (
        "PDF 没有文字层",
        "PDF without text",
        "PDF 是扫描图像，没有可检查的文字，须人工审查（或先做文字识别）",
        "the PDF is a scanned image with no text to check: it needs a manual review (or OCR)",
    ),
    "image-exif": (
        "照片拍摄信息",
        "photo metadata",
        "照片带有拍摄信息（{detail}），建议去除后再上传",
        "the photo carries metadata ({detail}): strip it before upload",
    ),
    "image-gps": (
        "照片位置信息",
        "photo location",
        "照片带有拍摄地点坐标（{detail}），请去除位置信息后再上传",
        "the photo records where it was taken ({detail}): strip the location before upload",
    ),
    "attachment-unreadable": (
        "附件无法读取",
        "unreadable attachment",
        "{detail}。无法确认其中不含涉密或个人信息，不能发布",
        "{detail}. Its content cannot be checked, so it cannot be published",
    ),
    "screening-failed": (
        "内容检查出错",
        "screening failed",
        "检查本文件时出错（{detail}），无法确认内容可以公开，不能发布；请联系网站管理员",
        "screening this file failed ({detail}); its content cannot be confirmed, so it is not published",
    ),
    "attachment-unscreened": (
        "附件需人工审查",
        "attachment needs manual review",
        "{detail}",
        "{detail}",
    ),
}
