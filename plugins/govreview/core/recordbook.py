"""The paper records the regulations ask for, as data (pure): the approval form of one
published item (审批表, R-50), the month's ledger (台账, R-51, archived monthly: R-52)
and the statistics of a period per unit, column and category with every deadline
rule's on-time rate (R-53 quarterly, R-54 at any time).

Everything is computed from the approval archive as judged by the gate: an
:class:`Item` is one file a merged pull request produced, with the gate's verdict
on it. The shell (:mod:`govreview.recordfiles`) collects items and writes files;
nothing here reads files or formats prose beyond the form's fixed field values.

People are shown by a function the shell passes in (login, moment -> shown name), so
one place decides how a person reads on every record.
"""

from __future__ import annotations

import posixpath
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime

from .calendar import WorkCalendar
from .deadlines import applies, status_on
from .evidence import APPROVED, PullRecord, Review
from .evidence_rules import urgent_waiver
from .gate import CHINA, local_day
from .page import parse_date
from .policy import BY_APPLICATION, Deadline, Policy
from .verdict import PAGE, Reason, StepOutcome, Verdict

#: How a person is shown on a record: (login, when they acted) -> "处室负责人 李强".
People = Callable[[str, datetime], str]

R_FORM = "R-50"
R_LEDGER = "R-51"
R_MONTHLY = "R-52"
R_QUARTERLY = "R-53"
R_UNIT_STATS = "R-54"

#: Values the form and ledger write (Simplified Chinese: they are the office's records).
AGREED = "同意"
MERGED = "合并发布"
SECRECY_PASSED = "保密审查通过"
NOT_SIGNED = "未签署"

#: What kind of information a file is (R-51's 类型): by file suffix; pages are text.
_TYPES: Mapping[str, str] = {
    **dict.fromkeys((".png", ".jpg", ".jpeg", ".gif", ".webp", ".bmp", ".tif", ".tiff", ".svg"), "图片"),
    **dict.fromkeys((".xls", ".xlsx", ".et", ".csv", ".ods"), "表格"),
    **dict.fromkeys((".mp3", ".mp4", ".wav", ".avi", ".mov"), "音视频"),
}
TEXT = "文字"


def info_type(path: str, kind: str) -> str:
    """R-51's type of information: 文字, 图片, 表格 or 音视频."""
    if kind == PAGE:
        return TEXT
    return _TYPES.get(posixpath.splitext(path)[1].lower(), TEXT)


@dataclass(frozen=True)
class Item:
    """One file (docs-relative ``path``) at ``blob``, produced by the merged ``pull``, with the
    gate's ``verdict``. ``published_at``: its first successful publish when the archive records
    one (``publication_recorded``), else the merge time (DESIGN "Dates"). ``policy`` and
    ``calendar``: the policy it merged under (None: that snapshot is unusable)."""

    path: str
    repo_path: str
    blob: str
    kind: str
    pull: PullRecord
    verdict: Verdict
    published_at: datetime
    publication_recorded: bool
    policy: Policy | None = None
    calendar: WorkCalendar | None = None

    @property
    def fields(self) -> Mapping[str, object]:
        return self.verdict.fields

    @property
    def title(self) -> str:
        value = self.fields.get("title")
        return str(value).strip() if isinstance(value, str) and value.strip() else posixpath.basename(self.path)

    @property
    def unit(self) -> str:
        return self.verdict.unit_name or self.verdict.unit or "—"

    @property
    def column(self) -> str:
        return self.verdict.column_name or self.verdict.column or "—"

    @property
    def category(self) -> str:
        return self.verdict.category_name or self.verdict.category or "—"

    @property
    def approved(self) -> bool:
        return self.verdict.approved

    @property
    def published_day(self) -> date:
        return local_day(self.published_at)

    @property
    def submitted_at(self) -> datetime | None:
        """When the item was submitted for review: marked ready, else its first push."""
        if self.pull.ready_at is not None:
            return self.pull.ready_at
        pushes = [h.pushed_at for h in self.pull.heads if h.pushed_at is not None]
        return min(pushes) if pushes else None


@dataclass(frozen=True)
class Signature:
    """One person's act on a step: who (login, and as shown), their opinion (the review's
    text), the decision and when (None: not known from the archive)."""

    login: str
    shown: str
    decision: str
    opinion: str
    at: datetime | None


@dataclass(frozen=True)
class FormStep:
    step: str
    name: str  # the step's role name, e.g. 分管领导
    rule: str | None
    needed: int
    signatures: tuple[Signature, ...]

    @property
    def satisfied(self) -> bool:
        return len(self.signatures) >= self.needed


@dataclass(frozen=True)
class Form:
    """The approval form of one item (R-50): one per item, even when a pull request
    carries several."""

    item: Item
    unit: str
    handler: str  # 经办人: the page's author field, else the pull request's author as shown
    title: str
    column: str
    category: str
    steps: tuple[FormStep, ...]  # approval steps in the chain's order, the secrecy review excluded
    secrecy: FormStep | None  # who applied the secrecy label, and when
    platforms: tuple[str, ...]  # other platforms it is published on (同步发布)
    wechat: bool  # one of them is the WeChat official account
    published_at: datetime
    publication_recorded: bool
    pull_url: str
    content_id: str
    reasons: tuple[Reason, ...]  # why it is withheld (empty: approved)


def _blob_at(pull: PullRecord, commit: str, path: str) -> str | None:
    head = pull.head_named(commit)
    return None if head is None else head.files.get(path)


def _binding_review(pull: PullRecord, login: str, path: str, blob: str) -> Review | None:
    """The approval of ``login`` that counts for ``path`` at ``blob``: the earliest approval
    on that content (order counts from it), else their latest approval of any content."""
    mine = sorted((r for r in pull.reviews if r.login.lower() == login.lower() and r.state == APPROVED), key=lambda r: r.submitted_at)
    on_content = [r for r in mine if _blob_at(pull, r.commit_id, path) == blob]
    return on_content[0] if on_content else (mine[-1] if mine else None)


def _signature(item: Item, step: StepOutcome, login: str, people: People) -> Signature:
    pull = item.pull
    if step.step == "secrecy":
        label = item.policy.secrecy.label if item.policy is not None else None
        events = [
            e for e in pull.labels if e.actor.lower() == login.lower() and e.action == "labeled" and (label is None or e.label == label)
        ]
        at = events[-1].at if events else None
        return Signature(login, people(login, at or pull.merged_at), SECRECY_PASSED, "", at)
    review = _binding_review(pull, login, item.repo_path, item.blob)
    if review is None and pull.merged_by is not None and login.lower() == pull.merged_by.lower():
        return Signature(login, people(login, pull.merged_at), MERGED, "", pull.merged_at)
    if review is None:
        return Signature(login, people(login, pull.merged_at), AGREED, "", None)
    return Signature(login, people(login, review.submitted_at), AGREED, review.body.strip(), review.submitted_at)


def _form_step(item: Item, step: StepOutcome, people: People) -> FormStep:
    return FormStep(step.step, step.name, step.rule, step.needed, tuple(_signature(item, step, login, people) for login in step.filled_by))


#: How the paper form names the platforms a page's ``channels`` (同步发布) lists by their usual ids;
#: anything else is shown as written.
PLATFORM_NAMES = {"wechat": "微信公众号", "weixin": "微信公众号", "weibo": "政务微博", "toutiao": "今日头条号", "douyin": "抖音号"}


def _platforms(fields: Mapping[str, object]) -> tuple[str, ...]:
    """The platforms a page is also published on, by the names a reader of the form knows."""
    value = fields.get("channels")
    if isinstance(value, str):
        parts = [p.strip() for p in value.replace("、", ",").replace("，", ",").split(",")]
    elif isinstance(value, list | tuple):
        parts = [str(p).strip() for p in value]
    else:
        parts = []
    return tuple(PLATFORM_NAMES.get(p.lower(), p) for p in parts if p)


def is_wechat(platform: str) -> bool:
    lowered = platform.lower()
    return "微信" in platform or "公众号" in platform or "wechat" in lowered


def form_of(item: Item, people: People, pull_url: str) -> Form:
    """The approval form of ``item`` (R-50), from the gate's verdict and the archive."""
    steps = tuple(_form_step(item, s, people) for s in item.verdict.steps if s.step != "secrecy")
    secrecy = next((_form_step(item, s, people) for s in item.verdict.steps if s.step == "secrecy"), None)
    author = item.fields.get("author")
    handler = str(author).strip() if isinstance(author, str) and author.strip() else people(item.pull.author, item.pull.merged_at)
    platforms = _platforms(item.fields)
    return Form(
        item=item,
        unit=item.unit,
        handler=handler,
        title=item.title,
        column=item.column,
        category=item.category,
        steps=steps,
        secrecy=secrecy,
        platforms=platforms,
        wechat=any(is_wechat(p) for p in platforms),
        published_at=item.published_at,
        publication_recorded=item.publication_recorded,
        pull_url=pull_url,
        content_id=item.blob,
        reasons=item.verdict.reasons,
    )


# -- the ledger (R-51, R-52) ------------------------------------------------------------------


def month_bounds(year: int, month: int) -> tuple[datetime, datetime]:
    """The month in China time, as [start, end)."""
    start = datetime(year, month, 1, tzinfo=CHINA)
    end = datetime(year + (month == 12), month % 12 + 1, 1, tzinfo=CHINA)
    return start, end


def in_period(items: Iterable[Item], start: datetime, end: datetime) -> list[Item]:
    """Items that went public in [start, end), by publication time, then path."""
    return sorted((i for i in items if start <= i.published_at < end), key=lambda i: (i.published_at, i.path))


@dataclass(frozen=True)
class LedgerRow:
    """One row of the ledger (R-51), one per item; times are timezone-aware."""

    number: int
    unit: str
    column: str
    title: str
    category: str
    info_type: str
    source: str  # 来源（作者）
    handler: str
    written: date | None  # 成文日期, as the document says
    submitted_at: datetime | None
    secrecy: str
    deputy: str  # 分管领导 who approved
    approvers: str  # every step: name：person
    published_at: datetime
    publication_recorded: bool
    pull: int
    pull_url: str
    content_id: str
    item: Item


def _shown(step: FormStep | None) -> str:
    return "、".join(s.shown for s in step.signatures) if step is not None else ""


#: Steps whose role name contains this are the deputy leader's (R-51's 分管领导 column).
DEPUTY = "分管领导"


def ledger_rows(forms: Iterable[Form]) -> list[LedgerRow]:
    rows = []
    for number, form in enumerate(forms, start=1):
        item = form.item
        fields = item.fields
        source = next(
            (str(fields[k]).strip() for k in ("source_author", "source") if isinstance(fields.get(k), str) and str(fields[k]).strip()), ""
        )
        rows.append(
            LedgerRow(
                number=number,
                unit=form.unit,
                column=form.column,
                title=form.title,
                category=form.category,
                info_type=info_type(item.path, item.kind),
                source=source or form.handler,
                handler=form.handler,
                written=parse_date(fields.get("date")),
                submitted_at=item.submitted_at,
                secrecy=_shown(form.secrecy),
                deputy="、".join(_shown(s) for s in form.steps if DEPUTY in s.name and s.signatures),
                approvers="；".join(f"{s.name}：{_shown(s) or NOT_SIGNED}" for s in form.steps),
                published_at=form.published_at,
                publication_recorded=form.publication_recorded,
                pull=item.pull.number,
                pull_url=form.pull_url,
                content_id=form.content_id,
                item=item,
            )
        )
    return rows


def lacking_evidence(items: Iterable[Item]) -> list[Item]:
    """Items of a period whose approval the archive does not prove (fail closed: R-55)."""
    return [i for i in items if not i.approved]


# -- statistics (R-53, R-54) ------------------------------------------------------------------


@dataclass(frozen=True)
class Lateness:
    """One deadline an item did not meet (or whose date it lacks)."""

    item: Item
    rule: str
    field: str
    last_day: date | None  # None: the date field is missing or not a date


@dataclass
class RuleRate:
    """How items of a period fared against one deadline rule."""

    rule: str
    category: str
    field: str
    total: int = 0
    on_time: int = 0
    late: int = 0
    no_date: int = 0
    exempt: int = 0

    @property
    def rate(self) -> float | None:
        """On time among those judged (late and undated count against it); None: none judged."""
        judged = self.on_time + self.late + self.no_date
        return self.on_time / judged if judged else None


@dataclass
class Statistics:
    start: datetime
    end: datetime
    items: list[Item]
    published: int = 0
    withheld: list[Item] = field(default_factory=list)
    by_unit: Counter[str] = field(default_factory=Counter)
    by_column: Counter[str] = field(default_factory=Counter)
    by_category: Counter[str] = field(default_factory=Counter)
    by_unit_withheld: Counter[str] = field(default_factory=Counter)
    rates: list[RuleRate] = field(default_factory=list)
    late: list[Lateness] = field(default_factory=list)
    unknown_years: set[int] = field(default_factory=set)


def _urgent(item: Item) -> bool:
    """The urgent label exempts the item, as the gate judges it (R-35)."""
    return item.policy is not None and urgent_waiver(item.pull, item.policy, item.verdict.unit) is not None


def _day_judged(item: Item, deadline: Deadline) -> date:
    if deadline.met_by == BY_APPLICATION and item.pull.ready_at is not None:
        return local_day(item.pull.ready_at)
    return item.published_day


def statistics(items: Iterable[Item], start: datetime, end: datetime) -> Statistics:
    """Counts per unit, column and category of the items public in [start, end) (withheld
    ones counted apart, with their reasons), and every deadline rule's on-time rate over all
    of them, withheld ones included (a late item is withheld by the gate, and still late):
    counted on the publication day in China (the merge day until a publication is
    recorded) in Chinese working days (R-53, R-54)."""
    chosen = in_period(items, start, end)
    stats = Statistics(start, end, chosen)
    rates: dict[tuple[str, str, str], RuleRate] = {}
    for item in chosen:
        if item.approved:
            stats.published += 1
            stats.by_unit[item.unit] += 1
            stats.by_column[item.column] += 1
            stats.by_category[item.category] += 1
        else:
            stats.withheld.append(item)
            stats.by_unit_withheld[item.unit] += 1
        if item.kind != PAGE:
            continue
        category = item.policy.categories.get(item.verdict.category or "") if item.policy is not None else None
        if category is None or item.calendar is None:
            continue
        for deadline in category.deadlines:
            if not applies(deadline, item.fields):
                continue
            rate = rates.setdefault((deadline.rule, category.name, deadline.field), RuleRate(deadline.rule, category.name, deadline.field))
            rate.total += 1
            if deadline.urgent_exempt and _urgent(item):
                rate.exempt += 1
                continue
            status = status_on(deadline, item.fields, item.calendar, _day_judged(item, deadline), count_left=False)
            if status.unknown_year is not None:
                stats.unknown_years.add(status.unknown_year)
                rate.no_date += 1
                stats.late.append(Lateness(item, deadline.rule, deadline.field, None))
            elif status.due is None:
                rate.no_date += 1
                stats.late.append(Lateness(item, deadline.rule, deadline.field, None))
            elif status.on_time:
                rate.on_time += 1
            else:
                rate.late += 1
                stats.late.append(Lateness(item, deadline.rule, deadline.field, status.due.last_day))
    stats.rates = sorted(rates.values(), key=lambda r: (r.rule, r.category, r.field))
    return stats


def quarter_bounds(year: int, quarter: int) -> tuple[datetime, datetime]:
    start, _ = month_bounds(year, 3 * quarter - 2)
    _, end = month_bounds(year, 3 * quarter)
    return start, end
