"""Screening: a file's content → findings, each placed at its original line and column (pure).

Built-in checks (code → default severity, RULES.md id) are listed in
:data:`CHECKS`; a policy may change a severity (``screening.severity``), but a
check that blocks by default can never be lowered (:data:`FLOOR`): those are the
things that must never reach a public site. Word lists come from the policy
with their own severity and rule. Facts about an attachment's structure (from
the shell) become findings of their own code.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import replace

from .findings import BLOCK, OFF, WARN, Content, Fact, Finding, Segment, place_key
from .hits import Hit
from .marks import find_marks
from .pii import digits_of, find_personal
from .policy import Screening
from .textfold import Folded, Lines
from .typography import find_typography
from .wordmatch import find_words

#: Every built-in check: code → (default severity, RULES.md id).
CHECKS: Mapping[str, tuple[str, str]] = {
    # text
    "secrecy-marking": (BLOCK, "R-03"),
    "internal-marking": (BLOCK, "R-03"),
    "internal-use": (WARN, "R-03"),
    "seal-signature": (WARN, "R-20"),
    "red-header": (WARN, "R-20"),
    "cipher-telegram": (BLOCK, "R-20"),
    "leader-instruction": (WARN, "R-17"),
    "id-number": (BLOCK, "R-21"),
    "mobile-number": (WARN, "R-21"),
    "bank-card": (WARN, "R-21"),
    "reprint-source": (BLOCK, "R-12"),
    "punctuation": (WARN, "R-21"),
    # what a paste from WPS/Word leaves in a page: a picture carried inside the text bypasses the
    # attachment checks (seals, R-20); a path on the editor's computer is broken for visitors and
    # names the editor's user folder
    "data-uri": (BLOCK, "R-20"),
    "local-path": (BLOCK, "R-21"),
    "number-format": (WARN, "R-21"),
    # attachments
    "doc-author": (WARN, "R-21"),
    "doc-comments": (BLOCK, "R-03"),
    "doc-revisions": (BLOCK, "R-03"),
    "doc-hidden-text": (BLOCK, "R-03"),
    "sheet-hidden": (BLOCK, "R-03"),
    "sheet-comments": (BLOCK, "R-03"),
    "pdf-metadata": (WARN, "R-21"),
    "pdf-no-text": (WARN, "R-23"),
    "image-exif": (WARN, "R-21"),
    "image-gps": (BLOCK, "R-03"),
    "attachment-unreadable": (BLOCK, "R-03"),
    "attachment-unscreened": (WARN, "R-23"),
    "screening-failed": (BLOCK, "R-03"),
}
#: Version of the screening engine, part of every findings-cache key (govreview.findings_cache).
#: Bump it with ANY change that can change a finding: this module and the core modules it
#: calls (marks, pii, wordmatch, typography, textfold, hits, findings), and the shell code
#: that reads a file into Content (screen_content, attachments, frontmatter). A stale value
#: makes findings remembered by an older engine count as current — possibly a pass.
#: 3: SVG read as text nodes; 4: reprint words in their clause role, numbers as a reader reads them;
#: 5: look-alikes, self-description; 6: seal words on marking lines only; 7: star emoji shortcodes; 8: fences at any indent;
#: 9: reprint notices as a reader says them, numbers beside a letter read again, clearing needs the column;
#: 10: data files read as values (a line break, and in test data a blank, ends a number; a repeated value
#: warned once), the digits after a decimal point never read as a number; 11: rendered text and titles
#: (core.rendered, core.html_text); 12: a fraction's digits are skipped in data files only, never in a page;
#: 13: ASCII letters lower-cased in a word with Chinese (号…002X is an ID number);
#: 14: data: URIs and local paths in a page (pasted from WPS/Word).
ENGINE_VERSION = 14
#: Checks whose severity a policy cannot lower.
FLOOR = frozenset(code for code, (severity, _) in CHECKS.items() if severity == BLOCK)
#: The check whose finding adds the leader-instruction escalation (R-17) instead of a warning.
LEADER_INSTRUCTION = "leader-instruction"
WORD_LIST = "word-list"
SCREENING_FAILED = "screening-failed"

#: Seven digits or more, maybe grouped: masked in an attachment fact's detail.
_LONG_NUMBER = re.compile(r"[0-9０-９](?:[ \-－]?[0-9０-９]){6,}[xX]?")
#: Checks that find personal data: never repeated in full in messages and reports.
_PERSONAL = frozenset({"id-number", "mobile-number", "bank-card"})
#: A page saying it is reprinted (R-12). 转载自/摘编自 say so wherever they stand, except in a few
#: compounds; 原载 says so except in compounds (草原载畜量, 原载人员); 转载于, 转自 and 摘自 only where
#: a clause starts or after what names the text (本文转载于, 以上信息摘自), never inside other words
#: (将登记情况转载于登记簿, 旋转自如, 代码摘自原文). See :func:`_claims`.
_REPRINT = re.compile("转载自|转载于|转自|原载于|原载|摘自|摘编自")
#: What names the text right before 转自/摘自: 本文转自, 以上信息摘自, 稿件转自, 现转自 …
_SELF = (
    "本文",
    "文章",
    "此文",
    "全文",
    "该文",
    "以上",
    "下文",
    "内容",
    "信息",
    "稿件",
    "本篇",
    "本站",
    "本报",
    "原文",
    "材料",
    "资料",
    "系",
    "现",
)
#: Compounds that only look like a reprint notice (folded text, the marker inside).
_NOT_REPRINT = ("登记转载", "草原载", "原载人员", "原载员", "原载客", "原载货", "原载重", "原载量", "原载畜", "原载荷")
#: 摘自《统计公报》 cites a document by name: a quotation with its source, not a reprint.
_CITED = ("摘自", "摘编自")
#: What follows 摘自 when it cites a document by name: 《 after blanks or emphasis.
_TITLE_AFTER = re.compile(r"[ \t*_]*+《")
_STATED = re.compile(r"(来源|作者|记者|原作者|原文作者)[ \t*_]*[:：][ \t*_]*[^\s*_]")
#: A file carried inside the page as a data: URI (``![](data:image/png;base64,…)``, ``<img src="data:…">``):
#: the media type is what tells it from the word "data:" in a sentence.
_DATA_URI = re.compile(r"(?<![\w.+-])data:[a-z0-9.+-]+/[a-z0-9.+-]+(?:;[a-z0-9.+=-]+)*,", re.IGNORECASE)
#: A path on the editor's computer: a file: URL anywhere, a drive path (C:\…, D:/…) or UNC path
#: (\\server\…) as a link, image or attribute target. Matched up to the end of the target.
_LOCAL_PATH = re.compile(
    r"(?<![\w.+-])(?P<path>file:/[^\s)\"'<>]*)"
    r"|(?:\]\(\s*<?|\b(?:src|href)\s*=\s*[\"']?)(?P<drive>(?:[a-z]:[\\/]|\\\\[\w.-])[^\s)\"'<>]*)",
    re.IGNORECASE,
)


def severity_of(code: str, screening: Screening) -> str:
    """A built-in check's severity under ``screening`` (never below its floor)."""
    default = CHECKS[code][0]
    chosen = screening.severity_of(code, default)
    return default if code in FLOOR else chosen


#: The front-matter fields screening reads (the reprint check, R-12): findings depend on
#: the content, the settings and these alone, so remembered findings are keyed by them.
SCREENED_FIELDS = ("source", "source_author")


def screened_fields(fields: Mapping[str, object] | None) -> dict[str, object]:
    return {k: fields[k] for k in SCREENED_FIELDS if k in fields} if fields else {}


def screen(content: Content, screening: Screening, fields: Mapping[str, object] | None = None) -> tuple[Finding, ...]:
    """Every finding in ``content``, ordered by place. ``fields`` are a page's
    front matter (canonical keys); only :data:`SCREENED_FIELDS` are read."""
    fields = screened_fields(fields)
    folder = content.folder
    allowed = frozenset(digits_of(n) for n in screening.allow_numbers)
    findings: dict[tuple[object, ...], Finding] = {}
    placed: set[tuple[str, int]] = set()  # (code, line) of every finding kept so far

    def keep(finding: Finding) -> None:
        _keep(findings, finding)
        placed.add((finding.code, finding.line))

    for segment in content.segments:
        folded = folder(segment.text)
        lines = Lines(segment.text)
        personal = find_personal(folded, segment.text, allowed, segment.separators, segment.fractions)
        if segment.separators:
            personal = _once_in_data(personal, folded, segment, lines, screening)
        hits = find_marks(folded, segment.text, lines, folder) + personal + find_words(folded, screening.words, folder)
        for hit in hits:
            finding = _place(hit, folded, segment, lines, screening)
            if segment.reread and (finding.code, finding.line) in placed:
                continue
            keep(finding)
        if segment.markdown:
            if screening.typography:
                numbers = _Spans((folded.origin(h.start), folded.origin_end(h.end - 1)) for h in personal)
                for hit in find_typography(segment.text):
                    # a number-format note on the digits of a personal number would spell out what is masked
                    if not numbers.overlaps(hit.start, hit.end):
                        keep(_place(hit, None, segment, lines, screening))
            for hit in _pasted(segment.text):
                keep(_place(hit, None, segment, lines, screening))
            reprint = _reprint(folded, segment, folder.table, fields)
            if reprint is not None:
                keep(_place(reprint, folded, segment, lines, screening))
    for fact in content.facts:
        severity = severity_of(fact.code, screening)
        if severity != OFF:
            finding = Finding(fact.code, severity, CHECKS[fact.code][1], fact.line, 1, _fact_params(fact), fact.where)
            keep(finding)
    return tuple(sorted((f for f in findings.values() if f.severity != OFF), key=lambda f: (f.line, f.col, f.code)))


def _once_in_data(hits: list[Hit], folded: Folded, segment: Segment, lines: Lines, screening: Screening) -> list[Hit]:
    """In data, a value that repeats is one warning: the number at its first place, with the
    lines it appears on again (``again``) — a test file lists one value many times, a person
    judges it once. A block (an ID number) stays at every place: each is cleared by name."""
    out: list[Hit] = []
    first: dict[tuple[str, str], int] = {}
    again: dict[int, list[int]] = {}
    for hit in sorted(hits, key=lambda h: h.start):
        if severity_of(hit.code, screening) != WARN:
            out.append(hit)
            continue
        key = (hit.code, "".join(c for c in folded.text[hit.start : hit.end] if c.isdigit()))
        if key in first:
            line, _ = lines.position(folded.origin(hit.start))
            again[first[key]].append(segment.line + line - 1)
            continue
        first[key] = len(out)
        again[len(out)] = []
        out.append(hit)
    return [replace(h, params={**h.params, "again": tuple(again[k])}) if again.get(k) else h for k, h in enumerate(out)]


def _keep(findings: dict[tuple[object, ...], Finding], finding: Finding) -> None:
    findings.setdefault((finding.code, finding.line, finding.col, place_key(finding.where)), finding)


def _fact_params(fact: Fact) -> dict[str, object]:
    """A fact's detail as a finding's parameters, long numbers masked (a hidden ID number,
    an author's phone): ``detail``, and for a sentence its ``detail_code`` and parameters."""
    params: dict[str, object] = {"detail": fact.detail}
    if fact.detail_code:
        params.update(fact.params)
        params["detail_code"] = fact.detail_code
    return {key: _masked(value) for key, value in params.items()}


def _masked(value: object) -> object:
    if isinstance(value, str):
        return _LONG_NUMBER.sub(lambda m: _mask(m.group()), value)
    if isinstance(value, tuple | list):
        return type(value)(_masked(v) for v in value)
    if isinstance(value, Mapping):
        return {k: _masked(v) for k, v in value.items()}
    return value


class _Spans:
    """Half-open spans ``[start, end)``, asked whether any overlaps a range in O(log n)
    (a typography note checked against every personal number would be quadratic)."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self.starts = [start for start, _ in ordered]
        self.reach: list[int] = []  # the furthest end among the spans up to each one
        for _, end in ordered:
            self.reach.append(max(end, self.reach[-1]) if self.reach else end)

    def overlaps(self, start: int, end: int) -> bool:
        """Is there a span with ``span.start < end`` and ``start < span.end``?"""
        k = bisect.bisect_left(self.starts, end)  # spans [0, k) start before ``end``
        return k > 0 and self.reach[k - 1] > start


def _place(hit: Hit, folded: Folded | None, segment: Segment, lines: Lines, screening: Screening) -> Finding:
    """A hit in folded (or, for typography, original) offsets → a finding at line:col of the file."""
    if folded is None or hit.original:
        start, end = hit.start, hit.end
    else:
        start = folded.origin(hit.start)
        end = folded.origin_end(hit.end - 1) if hit.end > hit.start else start
    line, col = lines.position(start)
    excerpt = " ".join(segment.text[start:end].split())
    if len(excerpt) > 40:
        excerpt = excerpt[:39] + "…"
    params = {"excerpt": excerpt, **hit.params}
    if hit.code in _PERSONAL or (hit.code == "number-format" and sum(c.isalnum() for c in excerpt) >= 7):
        # personal data, or full-width digits that may be a phone or ID number: never repeated in full
        params = {k: _mask(v) if k in ("excerpt", "old", "new") and isinstance(v, str) else v for k, v in params.items()}
    if hit.code == WORD_LIST:
        severity, rule = hit.severity or WARN, hit.rule or "R-21"
    else:
        severity, rule = severity_of(hit.code, screening), CHECKS[hit.code][1]
    return Finding(
        hit.code,
        severity,
        rule,
        segment.line + line - 1,
        col + (segment.col - 1 if line == 1 else 0),
        params,
        segment.where,
    )


def _pasted(text: str) -> Iterable[Hit]:
    """data: URIs and local paths in a page's source (original offsets): what pasting from
    WPS/Word leaves when a picture is not uploaded as an attachment."""
    for m in _DATA_URI.finditer(text):
        yield Hit("data-uri", m.start(), m.end())
    for m in _LOCAL_PATH.finditer(text):
        group = "path" if m.group("path") else "drive"
        yield Hit("local-path", m.start(group), m.end(group))


def _reprint(folded: Folded, segment: Segment, table: Mapping[int, str], fields: Mapping[str, object]) -> Hit | None:
    """R-12: a page that says it is reprinted must name its source and its author."""
    m = next((m for m in _REPRINT.finditer(folded.text) if _claims(m, folded, segment.text) and not _cites(m, folded, segment.text)), None)
    if m is None:
        return None
    # on the text with Traditional characters converted one by one (來源 → 来源), offsets kept
    stated = set(_STATED.findall(segment.text.translate(table)))
    has_source = bool(fields.get("source")) or "来源" in stated
    has_author = bool(fields.get("source_author")) or bool(stated & {"作者", "记者", "原作者", "原文作者"})
    if has_source and has_author:
        return None
    missing = [name for name, ok in (("source", has_source), ("source_author", has_author)) if not ok]
    return Hit("reprint-source", m.start(), m.end(), {"match": m.group(), "missing": missing})


def _claims(m: re.Match[str], folded: Folded, text: str) -> bool:
    """Do the reprint words say where the text comes from (see :data:`_REPRINT`)?"""
    word, start, end = m.group(), m.start(), m.end()
    around = folded.text[max(0, start - 2) : end + 2]
    if any(c in around for c in _NOT_REPRINT):
        return False
    if word in ("转载自", "摘编自", "原载于", "原载"):
        return True
    if folded.text[max(0, start - 2) : start].endswith(_SELF):
        return True
    at = folded.origin(start)
    return at == 0 or unicodedata.category(text[at - 1])[0] in "PZSC"


def _cites(m: re.Match[str], folded: Folded, text: str) -> bool:
    # matched where it stands, not on a copy of the rest of the text (one per match: quadratic)
    return m.group() in _CITED and _TITLE_AFTER.match(text, folded.origin_end(m.end() - 1)) is not None


def _mask(number: str) -> str:
    """``110105199003071234`` → ``110*************34``: enough to find it, not to use it."""
    digits = [i for i, ch in enumerate(number) if ch.isalnum()]
    hidden = set(digits[3:-2])
    return "".join("*" if i in hidden else ch for i, ch in enumerate(number))
