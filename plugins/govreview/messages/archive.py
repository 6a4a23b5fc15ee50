"""The website office's catalogue for the approval archive: reading, verifying, syncing.

Each entry is (Simplified Chinese, English); parameters in braces. The file and line
are not part of these texts: :class:`govreview.archive_jsonl.ArchiveError` puts
``FILE:LINE:`` in front of them.
"""

from __future__ import annotations

from collections.abc import Mapping

MESSAGES: Mapping[str, tuple[str, str]] = {
    # the file as a whole
    "archive.unreadable": ("无法读取审批档案：{reason}", "cannot read the approval archive: {reason}"),
    "archive.unwritable": ("无法写入审批档案：{reason}", "cannot write the approval archive: {reason}"),
    "archive.not_utf8": ("审批档案不是 UTF-8 编码", "the approval archive is not UTF-8"),
    "archive.empty": ("审批档案为空（缺少档案头）", "the approval archive is empty (no header)"),
    "archive.first_line_header": (
        '第一行必须是档案头 {{"type": "header", "format": "govreview-archive", "version": 2}}',
        'the first line must be the archive header {{"type": "header", "format": "govreview-archive", "version": 2}}',
    ),
    "archive.version_unsupported": (
        "不支持的档案版本 {version}（本程序读取版本 {supported}）",
        "unsupported archive version {version} (this program reads version {supported})",
    ),
    "archive.version_1": (
        "这是版本 1 的审批档案，本程序只读取版本 2：请运行一次 govreview archive migrate {file} 新文件名，"
        "把它迁移为版本 2 并检查后替换原文件（迁移只需一次）",
        "this is a version 1 approval archive and this program reads version 2 only: run "
        "govreview archive migrate {file} NEW-FILE once, check the result and put it in place of the old file",
    ),
    # lines and the hash chain
    "archive.blank_line": (
        "第 {line} 行是空行：版本 2 的档案不允许空行（每条记录一行，行与行之间由哈希链相连）",
        "line {line} is blank: a version 2 archive has no blank lines (one record a line, linked by the hash chain)",
    ),
    "archive.crlf": (
        "第 {line} 行以回车符结尾（CRLF）：档案只用 LF 换行，文件可能被编辑器或 git 转换过",
        "line {line} ends with a carriage return (CRLF): the archive uses LF only; an editor or git may have converted it",
    ),
    "archive.no_final_newline": (
        "第 {line} 行没有以换行符结束：写入可能中断，这一行不算数",
        "line {line} does not end with a newline: the write may have been cut short, so the line does not count",
    ),
    "archive.chain_broken": (
        "第 {line} 行：哈希链断裂（prev 与第 {previous} 行内容的哈希不符），档案可能被改动或删除了行；整个档案不予采用",
        "line {line}: the hash chain is broken (prev does not match the hash of line {previous}); "
        "the archive may have been edited or had lines deleted, so none of it is used",
    ),
    "archive.seq_wrong": (
        "第 {line} 行：序号 seq 应为 {wanted}，实为 {found}，档案可能被删除或插入了行",
        "line {line}: seq should be {wanted} but is {found}; lines may have been deleted or inserted",
    ),
    # JSON and fields
    "archive.not_json": ("不是合法的 JSON：{detail}", "not valid JSON: {detail}"),
    "archive.not_object": ("每行必须是一个 JSON 对象", "each line must be a JSON object"),
    "archive.duplicate_key": ("字段“{field}”在同一行出现了两次", "field '{field}' appears twice on one line"),
    "archive.malformed": ("记录结构错误", "malformed record"),
    "archive.unknown_type": ("未知的记录类型“{kind}”", "unknown record type '{kind}'"),
    "archive.missing_field": ("缺少字段“{field}”", "missing field '{field}'"),
    "archive.wrong_type": ("字段“{field}”类型错误", "field '{field}' has the wrong type"),
    "archive.empty_text": ("字段“{field}”不能为空", "field '{field}' must not be empty"),
    "archive.not_positive": ("字段“{field}”必须是正整数", "field '{field}' must be a positive integer"),
    "archive.bad_time": (
        "字段“{field}”不是带时区的 ISO 8601 时间：{value}",
        "field '{field}' is not an ISO 8601 time with offset: {value}",
    ),
    "archive.bad_date": ("字段“{field}”不是 YYYY-MM-DD 格式的日期：{value}", "field '{field}' is not a date in YYYY-MM-DD form: {value}"),
    "archive.bad_hash": (
        "字段“{field}”必须是 sha256: 加 64 位小写十六进制数",
        "field '{field}' must be sha256: followed by 64 lowercase hex digits",
    ),
    # pull and policy records
    "archive.file_status": ("未知的文件状态“{status}”", "unknown file status '{status}'"),
    "archive.review_state": ("未知的审批状态“{state}”", "unknown review state '{state}'"),
    "archive.label_action": ("未知的标签动作“{action}”", "unknown label action '{action}'"),
    "archive.head_files": ("heads.files 的值必须是 blob 或 null", "heads.files values must be blob ids or null"),
    "archive.teams_shape": ("teams 必须是 {{团队: [账号]}} 映射", "teams must map each team to a list of logins"),
    "archive.policy_files_shape": ("policy.files 必须是 {{文件名: 文本}}", "policy.files must map file names to text"),
    "archive.policy_id_mismatch": ("规则快照的 id 与其内容不符", "the policy snapshot's id does not match its content"),
    "archive.pull_twice": ("拉取请求 #{pull} 出现了两条不同的记录", "pull request #{pull} has two different records"),
    # references between records
    "archive.unknown_pull": (
        "引用的拉取请求 #{pull} 不在档案中此行之前",
        "pull request #{pull} referred to here is not in the archive before this line",
    ),
    "archive.unknown_review": (
        "拉取请求 #{pull} 中没有编号为 {review}、由 {who} 在 {head} 上提交的审批",
        "pull request #{pull} has no review {review} by {who} on {head}",
    ),
    "archive.correction_note": (
        "更正记录必须有公开的更正说明（note），或经网站管理部门认定为轻微修改（minor: true 并写明 approved_by），二者取其一",
        "a correction needs either a public note, or minor: true with approved_by (the website office), not both",
    ),
    "archive.baseline_after_pull": (
        "基线记录（采用本系统之前已公开的内容）必须位于所有拉取请求记录之前",
        "baseline records (what was public before adoption) must come before every pull request record",
    ),
    "archive.takedown_conflict": (
        "紧急撤下记录“{id}”与此前同编号的记录不一致（只能补写 confirmed_by）",
        "takedown '{id}' disagrees with an earlier record of the same id (only confirmed_by may be added)",
    ),
    "archive.interval": (
        "{who} 的职务“{role}”：valid_to 必须晚于 valid_from",
        "{who}'s assignment '{role}': valid_to must be later than valid_from",
    ),
    # sync, migrate, publication
    "archive.sync_unreadable_edits": (
        "无法读出解除拦截审查提交后是否被修改过：{reviews}；本拉取请求暂不写入档案，下次同步时重试",
        "cannot read whether clearing reviews were edited after submission: {reviews}; "
        "this pull request is not archived yet and will be tried again on the next sync",
    ),
    "archive.sync_unreadable_teams": ("团队成员无法读取：{teams}", "team members cannot be read: {teams}"),
    "archive.migrate_not_v1": (
        "{file} 已是版本 {version} 的档案，不需要迁移（迁移只把版本 1 转为版本 2，且只做一次）",
        "{file} is already a version {version} archive: nothing to migrate (migration turns version 1 into version 2, once)",
    ),
    "archive.migrate_out_exists": (
        "{file} 已存在：迁移不覆盖任何文件，请指定一个新文件名",
        "{file} exists: migration overwrites nothing; name a new file",
    ),
    "archive.migrated": (
        "已把 {source} 迁移为版本 2：{records} 条记录写入 {file}（原文件的哈希记在档案头的 migrated_from 中）",
        "migrated {source} to version 2: {records} records written to {file} (the old file's hash is in the header's migrated_from)",
    ),
    # verify (tamper evidence)
    "archive.verify_chain_failed": (
        "{file} 的哈希链或内容不成立（见上）：档案可能被改动、删除、插入或调换了行，不予采用",
        "the hash chain or content of {file} does not hold (see above): lines may have been edited, deleted, "
        "inserted or reordered, so the archive is not used",
    ),
    "archive.verify_anchor_beyond": (
        "{source} 记下的链头是第 {seq} 条记录，而档案只到第 {last} 条：档案末尾的记录被删除了",
        "{source} anchors record {seq}, but the archive ends at record {last}: records were removed from its end",
    ),
    "archive.verify_anchor_differs": (
        "第 {seq} 条记录的哈希与 {source} 记下的不同：这一条或它之前的记录在发布之后被改动、删除、插入或调换过（哈希链被重新计算）",
        "record {seq} no longer hashes to what {source} anchored: it or an earlier record was edited, deleted, "
        "inserted or reordered after publication (the hash chain was recomputed)",
    ),
    "archive.verify_anchor_not_head": (
        "无法读取链头锚点 {source}：它不是 govreview 写的链头文件（格式、版本、序号或哈希不对），无法证明的按未通过处理",
        "cannot read the chain-head anchor {source}: it is not one govreview wrote (wrong format, version, sequence number "
        "or hash); what cannot be proven does not pass",
    ),
    "archive.verify_anchor_unreadable": (
        "无法读取链头锚点 {source}：{error}（无法证明的按未通过处理）",
        "cannot read the chain-head anchor {source}: {error} (what cannot be proven does not pass)",
    ),
    "archive.verify_tag_name": (
        "标签 {source} 指向的档案链头是第 {seq} 条，与标签名不符",
        "tag {source} holds an archive whose head is record {seq}, which its name does not say",
    ),
    "archive.verify_git_unreadable": (
        "无法读取网站的 git 仓库：{error}（需要完整历史，如 actions/checkout 的 fetch-depth: 0）",
        "cannot read the site's git repository: {error} (the full history is needed, e.g. actions/checkout fetch-depth: 0)",
    ),
    "archive.verify_commit_unknown": (
        "拉取请求 #{pull} 的合并提交 {commit} 不在本仓库中：记录可能来自另一个仓库，或历史被改写",
        "pull request #{pull}'s merge commit {commit} is not in this repository: the record may belong to another "
        "repository, or history was rewritten",
    ),
    "archive.verify_commit_off_main": (
        "拉取请求 #{pull} 的合并提交 {commit} 不在主分支的历史上：主分支在发布之后被改写（强制推送）",
        "pull request #{pull}'s merge commit {commit} is not in main's history: main was rewritten (force-pushed) after publication",
    ),
    "archive.verify_blob_differs": (
        "拉取请求 #{pull} 记录 {path} 的内容为 {recorded}，而合并提交 {commit} 中为 {found}",
        "pull request #{pull} records {path} as {recorded}, but merge commit {commit} has {found}",
    ),
    "archive.verify_published_unknown": (
        "发布记录所构建的提交 {commit} 不在本仓库中",
        "the commit {commit} a publication record was built from is not in this repository",
    ),
    "archive.verify_published_off_main": (
        "发布记录所构建的提交 {commit} 不在主分支的历史上：主分支在发布之后被改写",
        "the commit {commit} a publication record was built from is not in main's history: main was rewritten after publication",
    ),
    "archive.verify_forge_no_pull": (
        "平台上 {repo} 没有已合并的拉取请求 #{pull}：这条记录不属于本仓库",
        "{repo} has no merged pull request #{pull} on the forge: this record does not belong to this repository",
    ),
    "archive.verify_forge_other_repo": (
        "拉取请求 #{pull} 在平台上属于 {found}，不是 {repo}",
        "pull request #{pull} belongs to {found} on the forge, not {repo}",
    ),
    "archive.verify_forge_differs": (
        "拉取请求 #{pull} 的 {field} 记录为 {recorded}，平台上为 {found}",
        "pull request #{pull} records {field} as {recorded}, but the forge says {found}",
    ),
    "archive.verify_forge_unreachable": (
        "无法向平台核对档案：{error}；未核对的按未通过处理",
        "cannot check the archive against the forge: {error}; what is not checked does not pass",
    ),
    "archive.verify_failed": (
        "{file}：发现 {count} 处问题，档案不可信，停止发布",
        "{file}: {count} problems found; the archive cannot be trusted and publishing stops",
    ),
    "archive.verify_ok": (
        "{file}：{records} 条记录，哈希链完整，{anchors} 个锚点相符，合并提交都在主分支上；链头为第 {seq} 条 {hash}",
        "{file}: {records} records, the hash chain holds, {anchors} anchors agree, every merge commit is on main; "
        "the head is record {seq} {hash}",
    ),
    "archive.verify_ok_forge": (
        "{file}：{records} 条记录，哈希链完整，{anchors} 个锚点相符，合并提交都在主分支上，且与平台一致；链头为第 {seq} 条 {hash}",
        "{file}: {records} records, the hash chain holds, {anchors} anchors agree, every merge commit is on main "
        "and agrees with the forge; the head is record {seq} {hash}",
    ),
    "archive.published_recorded": (
        "已记录 {count} 个文件的第一次发布（{at}）",
        "recorded the first publication of {count} files ({at})",
    ),
    "archive.published_no_report": (
        "无法读取构建报告 {file}：{error}；本次发布未能记录",
        "cannot read the build report {file}: {error}; this publication is not recorded",
    ),
}
