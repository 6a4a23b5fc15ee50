"""``govreview check-pr``: judge every file an open pull request touches, with the
policy of its BASE branch (a pull request cannot weaken its own rules), and tell
everyone what is still missing: a commit status, one sticky comment, the job
summary and file:line annotations.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from typing import Any

from . import messages
from .calendar_data import calendar_for_policy
from .core.calendar import UnknownYear, WorkCalendar
from .core.deadlines import due
from .core.evidence import REMOVED, PullRecord
from .core.gate import judge_pull, local_day
from .core.page import SourceFile
from .core.policy import Policy
from .core.verdict import ATTACHMENT, BUILD_INPUT, PAGE, Reason, Verdict
from .forge import Forge
from .frontmatter import read_front_matter
from .policy_yaml import PolicyError, load_policy
from .review import kind_of
from .screen_content import file_content, is_policy_file, text_content

MARKER = "<!-- govreview:pr-check -->"
CONTEXT = "govreview"
#: The approval archive is written only by the publish workflow: a pull request may not touch it.
ARCHIVE_DIR = "archive/"


@dataclass
class PrCheck:
    number: int
    head: str
    verdicts: list[Verdict] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    due_lines: dict[str, list[str]] = field(default_factory=dict)  # path -> deadline lines

    @property
    def ok(self) -> bool:
        return not self.problems and all(v.approved for v in self.verdicts)


def pull_from_event(event: dict[str, Any]) -> tuple[str, int] | None:
    """The repository and pull request a webhook event (GITHUB_EVENT_PATH) is about:
    pull_request and pull_request_review events; None for anything else."""
    pull = event.get("pull_request")
    repo = event.get("repository")
    if isinstance(pull, dict) and isinstance(pull.get("number"), int) and isinstance(repo, dict) and isinstance(repo.get("full_name"), str):
        return repo["full_name"], pull["number"]
    return None


def check_pull(forge: Forge, number: int, docs_dir: str = "docs", now: datetime | None = None) -> PrCheck:
    """Judge an open pull request as if it were merged now. Raises ForgeError."""
    now = now or datetime.now(UTC)
    pr = forge.pull(number)
    fetched = forge.fetch(pr, as_of=now)
    record = fetched.record
    result = PrCheck(number, record.head)
    try:
        policy = load_policy(fetched.policy_files)
    except PolicyError as err:
        result.problems.append(messages.text("基准分支上的发布规则有误，无法判定：", "the base branch's policy is invalid: ") + str(err))
        return result
    calendar = calendar_for_policy(policy)
    prefix = docs_dir.rstrip("/") + "/"
    for change in record.files:
        if change.path.startswith(ARCHIVE_DIR) or (change.previous_path or "").startswith(ARCHIVE_DIR):
            result.problems.append(
                messages.text(
                    f"{change.path}：审批档案只能由发布工作流写入，拉取请求不得修改",
                    f"{change.path}: the approval archive is written only by the publish workflow; a pull request may not change it",
                )
            )
            continue
        source = _source(forge, change.path, change.status, change.blob or "", record, prefix)
        verdict = _judge(source, record, policy, calendar)
        result.verdicts.append(verdict)
        if verdict.kind == PAGE and change.status != REMOVED:
            result.due_lines[verdict.path] = _due_lines(policy, verdict, calendar, local_day(now))
    return result


def _source(forge: Forge, path: str, status: str, blob: str, record: PullRecord, prefix: str) -> SourceFile:
    if not path.startswith(prefix):
        if status == REMOVED or is_policy_file(path, forge.policies_dir):
            return SourceFile(path, path, blob, BUILD_INPUT)  # the policy's word lists name the very words screening finds
        content = file_content(path, forge.file_at(path, record.head), attachment=False, published=False)
        return SourceFile(path, path, blob, BUILD_INPUT, content=content)
    rel = path[len(prefix) :]
    kind = kind_of(rel)
    if status == REMOVED:
        # Withdrawing published information needs the same approvals as publishing it.
        return SourceFile(rel, path, blob, ATTACHMENT)
    data = forge.file_at(path, record.head)
    if kind != PAGE:
        return SourceFile(rel, path, blob, kind, content=file_content(rel, data, kind == ATTACHMENT))
    fm = read_front_matter(data)
    content = text_content(rel, fm.text, fm.meta, fm.lines) if fm.text is not None else None
    return SourceFile(rel, path, blob, kind, fm.meta, fm.lines, fm.problem, content)


def _judge(source: SourceFile, record: PullRecord, policy: Policy, calendar: WorkCalendar) -> Verdict:
    if source.kind == BUILD_INPUT and source.path != source.repo_path:
        # Active content in docs/ needs its column's approvals as well as the policy owners'.
        as_input = judge_pull(replace(source, content=None), record, policy, calendar)
        as_content = judge_pull(replace(source, kind=ATTACHMENT), record, policy, calendar)
        return replace(as_content, kind=BUILD_INPUT, reasons=as_input.reasons + as_content.reasons)
    return judge_pull(source, record, policy, calendar)


def _due_lines(policy: Policy, verdict: Verdict, calendar: WorkCalendar, today: date) -> list[str]:
    """For each deadline: the last day to merge, or "already too late"."""
    category = policy.categories.get(verdict.category or "")
    lines: list[str] = []
    for deadline in category.deadlines if category else ():
        try:
            when = due(deadline, verdict.fields, calendar)
        except UnknownYear as err:
            lines.append(messages.render(Reason("calendar_unknown_year", deadline.rule, {"year": err.year})))
            continue
        if when is None:
            continue
        if when.met_by(today, calendar):
            lines.append(messages.text(f"最迟 {when.last_day} 合并 [{deadline.rule}]", f"merge by {when.last_day} [{deadline.rule}]"))
        else:
            lines.append(
                messages.text(
                    f"🔴 已经太迟（最迟应在 {when.last_day} 合并）[{deadline.rule}]",
                    f"🔴 already too late (last day was {when.last_day}) [{deadline.rule}]",
                )
            )
    return lines


# -- what people read ------------------------------------------------------------------


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_comment(check: PrCheck) -> str:
    """The sticky comment: one table per file, then every reason."""
    t = messages.text
    blocked = [v for v in check.verdicts if not v.approved]
    if check.ok:
        head = t(f"## ✅ 发布审批检查通过（{len(check.verdicts)} 个文件）", f"## ✅ Publishing check passed ({len(check.verdicts)} files)")
    else:
        head = t(
            f"## ❌ 发布审批检查未通过：{len(blocked) + len(check.problems)} 项待处理",
            f"## ❌ Publishing check: {len(blocked) + len(check.problems)} items outstanding",
        )
    out = [MARKER, head, "", t(f"检查的提交：`{check.head[:12]}`", f"Checked commit: `{check.head[:12]}`"), ""]
    out += [f"- ❌ {_cell(p)}" for p in check.problems]
    for v in sorted(check.verdicts, key=lambda v: (v.approved, v.path)):
        mark = "✅" if v.approved else "❌"
        out += ["", f"### {mark} `{v.path}` — {v.category_name or v.category or '—'}", ""]
        if v.steps:
            out += [t("| 环节 | 状态 | 审批人 / 可审批 |", "| Step | State | Approved by / can approve |"), "|---|---|---|"]
            for s in v.steps:
                if s.satisfied:
                    who = "、".join(f"@{p}" for p in s.filled_by)
                    out.append(f"| {_cell(s.name)} | ✅ | {who} |")
                else:
                    can = messages.render_people(s.can_supply)
                    out.append(f"| {_cell(s.name)} | ❌ | {t('可审批：', 'can approve: ')}{_cell(can)} |")
        for line in check.due_lines.get(v.path, []):
            out.append(f"- {line}")
        shown = v.reasons[:PER_FILE]
        for r in shown:
            icon = _ICONS.get(r.code, "")
            out.append(f"- {icon}{_cell(messages.render(r))}{messages.place(r)}")
        if len(v.reasons) > len(shown):
            more = len(v.reasons) - len(shown)
            out.append(t(f"- ……另有 {more} 项，见检查日志的标注", f"- … {more} more, see the annotations in the check log"))
        for n in v.notes[:PER_FILE]:
            out.append(f"- ℹ️ {_cell(messages.render(n))}{messages.place(n)}")
    body = "\n".join(out) + "\n"
    if len(body) > COMMENT_LIMIT:  # GitHub refuses comments over 65,536 characters
        cut = body.rfind("\n", 0, COMMENT_LIMIT - 200)
        body = (
            body[:cut]
            + "\n\n"
            + t("……评论过长已截断，完整结果见检查日志与任务摘要。", "… truncated; the full result is in the check log and job summary.")
            + "\n"
        )
    return body


#: Reasons listed per file in the comment; all of them go to the annotations.
PER_FILE = 60
COMMENT_LIMIT = 60000
_ICONS = {"screen_block": "🔴 ", "screen_warn": "🟡 "}


def annotations(check: PrCheck, docs_dir: str = "docs") -> list[str]:
    """GitHub Actions workflow commands: one ::error per reason, at its file and line."""
    lines = []
    for v in check.verdicts:
        path = v.path if v.kind == BUILD_INPUT and not v.column else f"{docs_dir}/{v.path}"
        for r in v.reasons[:PER_FILE]:
            where = f"file={path},line={r.line}" if r.line else f"file={path}"
            if r.line and r.col:
                where += f",col={r.col}"
            text = messages.render(r).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
            lines.append(f"::error {where}::{text}")
        if len(v.reasons) > PER_FILE:
            more = len(v.reasons) - PER_FILE
            lines.append(
                f"::error file={path}::" + messages.text(f"另有 {more} 项问题未逐条标注", f"{more} more problems not annotated one by one")
            )
    return lines


def publish(forge: Forge, check: PrCheck) -> None:
    """The commit status (the required check) and the one sticky comment, edited in place."""
    requester: Any = forge.client.requester
    url = forge.repo.url
    state = "success" if check.ok else "failure"
    description = (
        messages.text("全部审批齐备", "all approvals present")
        if check.ok
        else messages.text("审批不全，详见评论", "approvals missing, see the comment")
    )
    requester.requestJsonAndCheck(
        "POST", f"{url}/statuses/{check.head}", input={"state": state, "context": CONTEXT, "description": description}
    )
    body = render_comment(check)
    # Find the comment by its marker first, so a retried run never posts a second one.
    for comment in forge.repo.get_issue(check.number).get_comments():
        if MARKER in (comment.body or ""):
            if comment.body != body:
                comment.edit(body)
            return
    forge.repo.get_issue(check.number).create_comment(body)
