"""``govreview check-pr``: judge every file an open pull request touches, with the
policy of its BASE branch (a pull request cannot weaken its own rules), and tell
everyone what is still missing: a commit status, one sticky comment, the job
summary and file:line annotations.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from typing import Any
from urllib.parse import quote

from . import messages
from .calendar_data import calendar_for_policy
from .core.calendar import WorkCalendar
from .core.corrections import Published, notes_seen, removed_published
from .core.deadlines import applies, status_on
from .core.evidence import REMOVED, PullRecord
from .core.findings import Finding
from .core.gate import Screener, judge_pull, local_day, protected_change
from .core.includes import as_page
from .core.lifecycle import publication_day
from .core.page import SourceFile
from .core.policy import BY_APPLICATION, Policy, Screening
from .core.screen import screen
from .core.verdict import ATTACHMENT, BUILD_INPUT, PAGE, Reason, Verdict
from .explain import explain
from .forge import Forge, ForgeError, unreadable_team_text
from .frontmatter import read_front_matter
from .messages import msg, say
from .notify import KINDS, Channel, NotifyError, channel_from_env, send
from .policy_yaml import PolicyError, load_policy
from .published import AfterPublication, note_of
from .render_preview import Preview, PreviewUnavailable
from .review import kind_of
from .screen_content import file_content, is_policy_file, rendered_screenable, text_content, with_rendered
from .settings import Settings, SettingsError, default_settings, read_settings
from .snapshot.includes import IncludeMap

MARKER = "<!-- govreview:pr-check -->"
CONTEXT = "govreview"
#: A hidden line of the sticky comment: who has been asked for a review already (asked once).
ASKED = "<!-- govreview:asked "
TOLD = "<!-- govreview:told "


@dataclass
class PrCheck:
    number: int
    head: str
    verdicts: list[Verdict] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    due_lines: dict[str, list[str]] = field(default_factory=dict)  # path -> deadline lines
    #: Teams of the base policy the token could not read (team -> HTTP status): their members do not count.
    unreadable_teams: dict[str, int] = field(default_factory=dict)
    #: Things people should know that do not block by themselves (e.g. no include map yet).
    notices: list[str] = field(default_factory=list)
    #: The site's settings as the base branch's configuration gives them.
    settings: Settings = field(default_factory=default_settings)
    #: The pull request as the forge shows it: who opened it, whether it is a draft, where it is.
    author: str = ""
    draft: bool = False
    title: str = ""
    url: str = ""
    #: Where reviewers find the built preview of the pull request's pages (the pr-preview workflow's runs).
    preview_url: str = ""
    #: Accounts and teams asked to review (by this run or an earlier one), and what went wrong asking.
    asked: tuple[str, ...] = ()
    ask_notes: list[str] = field(default_factory=list)
    told_through: str = ""  # the kind of channel (wecom, dingtalk, json) the asked were told through

    @property
    def ok(self) -> bool:
        return not self.problems and all(v.approved for v in self.verdicts)

    @property
    def warnings(self) -> list[str]:
        """What does not block by itself but must be fixed: teams the token cannot read."""
        return [unreadable_team_text(team, status) for team, status in sorted(self.unreadable_teams.items())] + self.notices


class PublishError(ForgeError):
    """The status or the comment could not be written (each tried once); ``failures`` says why."""

    def __init__(self, failures: list[str]) -> None:
        super().__init__("\n".join(failures))
        self.failures = failures


def pull_from_event(event: dict[str, Any]) -> tuple[str, int] | None:
    """The repository and pull request a webhook event (GITHUB_EVENT_PATH) is about:
    pull_request and pull_request_review events; None for anything else."""
    pull = event.get("pull_request")
    repo = event.get("repository")
    if isinstance(pull, dict) and isinstance(pull.get("number"), int) and isinstance(repo, dict) and isinstance(repo.get("full_name"), str):
        return repo["full_name"], pull["number"]
    return None


def check_pull(
    forge: Forge,
    number: int,
    now: datetime | None = None,
    includes: IncludeMap | None = None,
    config: str = "mkdocs.yml",
    lang: str | None = None,
    after: AfterPublication | None = None,
) -> PrCheck:
    """Judge an open pull request as if it were merged now. Raises ForgeError.

    The site's settings (docs_dir, the policy folder, the archive) come from the
    configuration file ``config`` on the base commit, like the policy itself.
    ``includes`` (observed by the last published build) says which pages include
    which files: a changed included file needs the approvals of every page that
    includes it, and the comment names those pages. ``after``: what the archive says was
    published (R-44: an edit of a published page needs a 更正说明 or the office's minor label;
    deleting or renaming one is refused); None: nothing is known to be published.
    """
    now = now or datetime.now(UTC)
    pr = forge.pull(number)
    result = PrCheck(number, pr.head.sha)
    result.author, result.draft = (pr.user.login if pr.user else ""), bool(pr.draft)
    result.title, result.url = pr.title or "", pr.html_url or ""
    repo_url = pr.base.repo.html_url if pr.base is not None and pr.base.repo is not None else ""
    if repo_url and pr.head is not None and pr.head.ref:
        result.preview_url = f"{repo_url}/actions/workflows/pr-preview.yml?query=branch%3A{quote(pr.head.ref, safe='')}"
    try:
        settings = base_settings(forge, pr.base.sha, config, lang)
    except SettingsError as err:
        result.problems.append(say(msg("pr_config_invalid"), lang) + err.text(lang or messages.lang_of()))
        return result
    if settings is None:
        settings = default_settings()
        result.notices.append(say(msg("pr_no_config_on_base", config=config), lang))
    result.settings = settings
    forge.policies_dir = settings.policies
    fetched = forge.fetch(pr, as_of=now)
    record = replace(fetched.record, unreadable_teams=dict(fetched.unreadable_teams), unreadable_edits=dict(fetched.unreadable_edits))
    result.head = record.head
    result.draft = result.draft or record.ready_at is None  # the web editor's draft too: nobody is asked yet
    result.unreadable_teams = dict(fetched.unreadable_teams)
    if includes is not None and includes.problem:
        result.notices.append(say(msg("pr_includes_unknown", problem=includes.problem), lang))
    try:
        # The base's rules may predate a part the language requires since (the clearing role):
        # the pull request adding it is judged by them, so it can be merged.
        policy = load_policy(fetched.policy_files, archived=True)
    except PolicyError as err:
        result.problems.append(say(msg("pr_policy_invalid"), lang) + str(err))
        return result
    calendar = calendar_for_policy(policy)
    prefix = settings.docs_prefix
    protected = settings.written_by_publish
    preview = preview_for(settings, result.notices, lang)
    public = after.published_paths() if after is not None else set()
    for change in record.files:
        touched = protected_change((change.path, change.previous_path), protected)
        if touched is not None:
            result.verdicts.append(Verdict(change.path, BUILD_INPUT, (touched,), pull=record.number))
            continue
        source, screener = source_at_head(forge, change.path, change.status, change.blob or "", record, prefix, preview)
        published = published_of(forge, after, source, record) if after is not None and change.status != REMOVED else None
        verdict = judge_pull(source, record, policy, calendar, screener, published)
        removed = removed_published(change.path, change.previous_path, change.status == REMOVED, public)
        if removed is not None:
            verdict = replace(verdict, reasons=(removed, *verdict.reasons))
        if includes is not None and change.status != REMOVED:
            verdict = _for_including_pages(forge, verdict, source, record, policy, includes, prefix)
        result.verdicts.append(verdict)
        if verdict.kind == PAGE and change.status != REMOVED:
            result.due_lines[verdict.path] = _due_lines(policy, verdict, calendar, local_day(now), lang)
    if preview is not None and preview.skipped:
        result.notices.append(say(msg("pr_preview_skipped", paths="、".join(preview.skipped)), lang))
    return result


def published_of(forge: Forge, after: AfterPublication, source: SourceFile, record: PullRecord) -> Published | None:
    """What the public saw of a page the pull request changes; the published version's own
    更正说明 read from the base (the forge reads files by commit, not blobs by id)."""
    if source.kind != PAGE:
        return None
    published = after.prior(source.repo_path, record)
    if published is None or published.readable:
        return published
    try:
        own = note_of(forge.file_at(source.repo_path, record.base))
    except ForgeError as err:
        if err.status != 404:
            raise
        return published  # not on the base: nothing is proven new (fail closed)
    return replace(published, notes=notes_seen([*published.notes, own]), readable=True)


def base_settings(forge: Forge, base: str, config: str = "mkdocs.yml", lang: str | None = None) -> Settings | None:
    """The site's settings from the configuration on the base commit; None when it has none.
    Raises SettingsError (the configuration is wrong) or ForgeError (it cannot be read)."""

    def read(path: str) -> str | None:
        try:
            return forge.file_at(path, base).decode("utf-8-sig")
        except ForgeError as err:
            if err.status == 404:
                return None
            raise
        except UnicodeDecodeError:
            raise SettingsError(msg("pr_config_not_utf8", path=path)) from None

    if read(config) is None:
        return None
    return read_settings(config, read)


def preview_for(settings: Settings, notices: list[str], lang: str | None = None) -> Preview | None:
    """The renderer of the base configuration's Markdown; None (and a notice) when it cannot be set up."""
    try:
        return Preview(settings.markdown_extensions)
    except PreviewUnavailable as err:
        notices.append(say(msg("pr_preview_unavailable", config=settings.config, detail=str(err)), lang))
        return None


def source_at_head(
    forge: Forge, path: str, status: str, blob: str, record: PullRecord, prefix: str, preview: Preview | None = None
) -> tuple[SourceFile, Screener | None]:
    """The file ``path`` as the gate judges it, read from the forge at the pull request's head
    (``prefix``: the docs folder; a file outside it is a build input), and for a page the
    screener that adds what only its rendered text shows (None: the gate screens the source alone)."""
    if not path.startswith(prefix):
        if status == REMOVED or is_policy_file(path, forge.policies_dir):
            return SourceFile(path, path, blob, BUILD_INPUT), None  # the policy's word lists name the very words screening finds
        content = file_content(path, forge.file_at(path, record.head), attachment=False, published=False)
        return SourceFile(path, path, blob, BUILD_INPUT, content=content), None
    rel = path[len(prefix) :]
    kind = kind_of(rel)
    if status == REMOVED:
        # Withdrawing published information needs the same approvals as publishing it.
        return SourceFile(rel, path, blob, ATTACHMENT), None
    data = forge.file_at(path, record.head)
    if kind != PAGE:
        return SourceFile(rel, path, blob, kind, content=file_content(rel, data, kind == ATTACHMENT)), None
    fm = read_front_matter(data)
    content = text_content(rel, fm.text, fm.meta, fm.lines) if fm.text is not None else None
    source = SourceFile(rel, path, blob, kind, fm.meta, fm.lines, fm.problem, content)
    if preview is None or content is None or fm.text is None or fm.body is None or fm.meta is None:
        return source, None
    page = preview.render(fm.body, fm.meta)
    if page is None:
        preview.skipped.append(rel)
        return source, None
    own = content

    def screened(screening: Screening, fields: Mapping[str, object]) -> tuple[Finding, ...]:
        return screen(own, screening, fields)

    return source, with_rendered(screened, rendered_screenable(rel, page, None), fm.text, page)


def _including(includes: IncludeMap, path: str) -> list[str]:
    """Pages that include ``path``; for a file not seen yet in a folder that holds
    included files, every page including anything from that folder (fail closed)."""
    pages = includes.including(path)
    if pages:
        return pages
    folder = path.rpartition("/")[0]
    if folder in includes.folders():
        return sorted({p for p, files in includes.pages.items() if any(f.rpartition("/")[0] == folder for f in files)})
    return []


def _for_including_pages(
    forge: Forge, verdict: Verdict, source: SourceFile, record: PullRecord, policy: Policy, includes: IncludeMap, prefix: str
) -> Verdict:
    """Included text carries the including pages' approvals: judge the change under each page's chain."""
    reasons = list(verdict.reasons)
    changed = {f.path: f for f in record.files}
    for page_path in _including(includes, source.repo_path):
        if page_path == source.repo_path or not page_path.startswith(prefix):
            continue
        change = changed.get(page_path)
        if change is not None and change.status == REMOVED:
            continue
        try:
            data = forge.file_at(page_path, record.head if change is not None else record.base)
        except ForgeError:
            data = None
        rel = page_path[len(prefix) :]
        fm = read_front_matter(data) if data is not None else None
        if fm is None or fm.meta is None:
            reasons.append(Reason("included_by_unknown", "R-02", {"page": rel}))
            continue
        page = SourceFile(rel, page_path, "", PAGE, fm.meta, fm.lines, None)
        judged = judge_pull(as_page(page, source), record, policy)
        if not judged.approved:
            missing = [s for s in judged.steps if not s.satisfied and not s.pending]
            who = sorted({p for s in missing for p in s.can_supply})
            reasons.append(Reason("included_by", "R-02", {"page": rel, "missing": [s.name for s in missing], "who": who}))
    return replace(verdict, reasons=tuple(reasons)) if len(reasons) != len(verdict.reasons) else verdict


def _due_lines(policy: Policy, verdict: Verdict, calendar: WorkCalendar, today: date, lang: str | None) -> list[str]:
    """For each deadline: the last day to merge, or "already too late"."""
    category = policy.categories.get(verdict.category or "")
    lines: list[str] = []
    for deadline in category.deadlines if category else ():
        if deadline.met_by == BY_APPLICATION or not applies(deadline, verdict.fields):
            continue  # an application deadline is judged from when the pull request was marked ready
        # public only from its ``start`` when that is later (R-32 counts from the day it becomes public)
        status = status_on(deadline, verdict.fields, calendar, publication_day(today, verdict.fields), count_left=False)
        if status.unknown_year is not None:
            lines.append(messages.render(Reason("calendar_unknown_year", deadline.rule, {"year": status.unknown_year}), lang))
        elif status.due is None:
            continue
        elif status.on_time:
            lines.append(say(msg("pr_deadline_merge_by", last_day=status.due.last_day, rule=deadline.rule), lang))
        else:
            lines.append(say(msg("pr_deadline_too_late", last_day=status.due.last_day, rule=deadline.rule), lang))
    return lines


# -- what people read ------------------------------------------------------------------


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _code(text: str) -> str:
    """``text`` as a Markdown code span, fenced by more backticks than it holds in a row."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def wanted_reviewers(check: PrCheck) -> tuple[str, ...]:
    """Exactly the people (and teams) who can supply a missing step of a file not yet approved:
    each step's candidates, less whoever already filled a step of that file and the author.
    The publisher (judged at the merge) is nobody to ask for a review."""
    wanted: list[str] = []
    for v in check.verdicts:
        if v.approved:
            continue
        filled = {p.lower() for s in v.steps for p in s.filled_by}
        for s in v.steps:
            if s.satisfied or s.pending:
                continue
            for who in s.can_supply:
                if who.lower() not in filled and who.lower() != check.author.lower() and who not in wanted:
                    wanted.append(who)
    return tuple(wanted)


def _hidden(body: str, marker: str) -> list[str]:
    start = body.find(marker)
    if start < 0:
        return []
    end = body.find("-->", start)
    return body[start + len(marker) : end if end >= 0 else None].split()


def asked_before(body: str) -> tuple[tuple[str, ...], str]:
    """Who the sticky comment says was asked already, and the channel they were told through."""
    told = _hidden(body, TOLD)
    return tuple(_hidden(body, ASKED)), (told[0] if told and told[0] in KINDS else "")


def ask_reviewers(
    forge: Forge,
    check: PrCheck,
    before: tuple[str, ...],
    told: str,
    channel: Callable[[], Channel | None],
    lang: str | None = None,
) -> None:
    """Request reviews from the people a missing step needs who were not asked before, once,
    and tell them through the configured channel. Nothing is asked on a draft. What fails is
    said in the comment; it never changes the verdict."""
    check.asked, check.told_through = before, told
    if check.draft:
        return
    known = {a.lower() for a in before}
    new = [w for w in wanted_reviewers(check) if w.lower() not in known]
    if not new:
        return
    owner = forge.repo_name.split("/")[0].lower()
    users = [w for w in new if "/" not in w]
    teams = []
    for team in (w for w in new if "/" in w):
        org, slug = team.split("/", 1)
        if org.lower() == owner:
            teams.append(slug)
        else:
            check.ask_notes.append(say(msg("pr_ask_team_elsewhere", team=team), lang))
    asked = [w for w in new if "/" not in w or w.split("/", 1)[1] in teams]
    if not asked:
        return
    roster = check.verdicts[0].people if check.verdicts else None
    try:
        forge.request_reviewers(check.number, users, teams)
    except ForgeError as err:
        people = messages.render_people(asked, lang, roster)
        check.ask_notes.append(say(msg("pr_ask_failed", people=people, error=str(err)), lang))
        return
    check.asked = before + tuple(asked)
    try:
        where = channel()
    except NotifyError as err:
        check.ask_notes.append(say(msg("pr_notify_failed", channel="GOVREVIEW_NOTIFY_URL", error=err.text(messages.lang_of(lang))), lang))
        return
    if where is None:
        return
    channel_name = say(msg(f"notify_channel_{where.kind}"), lang)
    check.told_through = ""  # said again only if this message reaches them
    text = say(
        msg(
            "pr_notify_text",
            repo=forge.repo_name,
            number=check.number,
            title=check.title,
            people=messages.render_people(asked, lang, roster, with_login=False),
            url=check.url,
        ),
        lang,
    )
    try:
        send(where, text)
    except NotifyError as err:
        check.ask_notes.append(say(msg("pr_notify_failed", channel=channel_name, error=err.text(messages.lang_of(lang))), lang))
        return
    check.told_through = where.kind


def notify_channel() -> Channel | None:
    """The channel configured in the workflow's environment (secrets), or None."""
    return channel_from_env(os.environ)


def render_comment(check: PrCheck, lang: str | None = None) -> str:
    """The sticky comment: one table per file, then every reason."""
    blocked = [v for v in check.verdicts if not v.approved]
    if check.ok:
        head = say(msg("pr_comment_passed", files=len(check.verdicts)), lang)
    else:
        head = say(msg("pr_comment_outstanding", items=len(blocked) + len(check.problems)), lang)
    out = [MARKER, head, "", say(msg("pr_comment_commit", commit=check.head[:12]), lang), ""]
    if check.preview_url and any(v.kind in (PAGE, ATTACHMENT) for v in check.verdicts):
        out += [say(msg("pr_comment_preview", url=check.preview_url), lang), ""]
    out += [f"- ❌ {_cell(p)}" for p in check.problems]
    out += [f"- ⚠️ {_cell(w)}" for w in check.warnings + check.ask_notes]
    if check.draft and not check.asked and any(not v.approved for v in check.verdicts):
        out += ([""] if out[-1] else []) + [say(msg("pr_comment_draft"), lang)]
    if check.asked:
        roster = check.verdicts[0].people if check.verdicts else None
        line = say(msg("pr_comment_asked", people=messages.render_people(check.asked, lang, roster)), lang)
        told = ""
        if check.told_through:
            told = say(msg("pr_comment_notified", channel=say(msg(f"notify_channel_{check.told_through}"), lang)), lang)
        out += ([""] if out[-1] else []) + [_cell(line) + told, f"{ASKED}{' '.join(check.asked)} -->"]
        if check.told_through:
            out.append(f"{TOLD}{check.told_through} -->")
    for v in sorted(check.verdicts, key=lambda v: (v.approved, v.path)):
        told = explain(v, lang)
        mark = "✅" if told.approved else "❌"
        out += ["", f"### {mark} `{v.path}` — {v.category_name or v.category or '—'}", ""]
        if told.steps:
            out += [say(msg("pr_comment_table_head"), lang), "|---|---|---|"]
            for s in told.steps:
                if s.satisfied:
                    out.append(f"| {_cell(s.name)} | ✅ | {s.people} |")
                elif s.pending:  # the publisher: judged at the merge, from who merged
                    pending = say(msg("pr_comment_publish_pending"), lang)
                    out.append(f"| {_cell(s.name)} | ⏳ | {pending}{_cell(s.people)} |")
                else:
                    can_approve = say(msg("pr_comment_can_approve"), lang)
                    out.append(f"| {_cell(s.name)} | ❌ | {can_approve}{_cell(s.people)} |")
        for line in check.due_lines.get(v.path, []):
            out.append(f"- {line}")
        shown = told.reasons[:PER_FILE]
        for r in shown:
            if "clear_line" in r.reason.params:  # a false block can be cleared: the line to paste, as code
                bare = replace(r.reason, params={k: v for k, v in r.reason.params.items() if k not in ("clear_line", "clear_who")})
                out.append(f"- {_ICONS.get(r.code, '')}{_cell(messages.render(bare, lang, v.people))}{r.place}")
                line = _code(str(r.reason.params["clear_line"]))
                out.append(f"  - 🔓 {messages.clear_hint(r.reason, lang, line=line, roster=v.people)}")
            else:
                out.append(f"- {_ICONS.get(r.code, '')}{_cell(r.text)}{r.place}")
        if len(told.reasons) > len(shown):
            more = len(told.reasons) - len(shown)
            out.append(say(msg("pr_comment_more", more=more), lang))
        for n in [n for n in told.notes if n.code != "team_unreadable"][:PER_FILE]:  # said once, at the top
            out.append(f"- ℹ️ {_cell(n.text)}{n.place}")
    body = "\n".join(out) + "\n"
    if len(body) > COMMENT_LIMIT:  # GitHub refuses comments over 65,536 characters
        cut = body.rfind("\n", 0, COMMENT_LIMIT - 200)
        body = body[:cut] + "\n\n" + say(msg("pr_comment_truncated"), lang) + "\n"
    return body


#: Reasons listed per file in the comment; all of them go to the annotations.
PER_FILE = 60
COMMENT_LIMIT = 60000
_ICONS = {"screen_block": "🔴 ", "screen_warn": "🟡 "}


def workflow_command(kind: str, message: str, where: str = "") -> str:
    """``::error file=…::message`` with the message escaped as GitHub Actions requires."""
    escaped = message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return f"::{kind}{' ' + where if where else ''}::{escaped}"


def annotations(check: PrCheck, lang: str | None = None) -> list[str]:
    """GitHub Actions workflow commands: one ::warning per unreadable team, one ::error
    per reason, at its file and line."""
    lines = [workflow_command("warning", f"govreview: {w}") for w in check.warnings]
    for v in check.verdicts:
        path = v.path if v.kind == BUILD_INPUT and not v.column else check.settings.docs_prefix + v.path
        for r in v.reasons[:PER_FILE]:
            where = f"file={path},line={r.line}" if r.line else f"file={path}"
            if r.line and r.col:
                where += f",col={r.col}"
            lines.append(workflow_command("error", messages.render(r, lang, v.people), where))
        if len(v.reasons) > PER_FILE:
            more = len(v.reasons) - PER_FILE
            lines.append(f"::error file={path}::" + say(msg("pr_annotations_more", more=more), lang))
    return lines


def publish(forge: Forge, check: PrCheck, lang: str | None = None) -> None:
    """The commit status (the required check) and the one sticky comment, edited in place.

    Each write is sent once (never retried: a retried POST could post twice); both are
    tried, and PublishError lists what failed.
    """
    state = "success" if check.ok else "failure"
    description = say(msg("pr_status_success"), lang) if check.ok else say(msg("pr_status_failure"), lang)
    failures: list[str] = []
    try:
        forge.post_status(check.head, state, CONTEXT, description)
    except ForgeError as err:
        failures.append(str(err))
    try:
        # Find the comment by its marker first, so a rerun never posts a second one.
        found = forge.find_comment(check.number, MARKER)
    except ForgeError as err:
        failures.append(say(msg("pr_comments_unreadable"), lang) + str(err))
    else:
        # Who was asked before is in the comment: without it nobody is asked (never twice).
        ask_reviewers(forge, check, *asked_before(found[1] if found else ""), notify_channel, lang)
        body = render_comment(check, lang)
        try:
            if found is None:
                forge.create_comment(check.number, body)
            elif found[1] != body:
                forge.edit_comment(found[0], body)
        except ForgeError as err:
            failures.append(str(err))
    if failures:
        raise PublishError(failures)
