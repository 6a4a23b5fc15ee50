"""Markings and features a published document must not carry (pure).

Matched on folded text (see :mod:`.textfold`), so spacing, markup, Traditional
characters and full-width forms do not hide them. The general rule: a marking
stands on its own — a short line of its own (a *marking line*, at most
:data:`MARKING_LINE` folded characters, or a table cell), or a format nothing
else uses (``秘密★``, ``密级：绝密``). The same words inside running prose are a
mention, not a marking: "绝密30年、机密20年" explaining the secrecy law, "发出明传电报"
in flood-control news, "加盖公章后报送" telling applicants what to do. Mentions of
internal-material wording still get a warning, for a person to decide.
"""

from __future__ import annotations

import bisect
import re

from .brackets import bracket_matches, leftmost
from .hits import Hit
from .selfdesc import RANK, find_self_descriptions
from .textfold import SEPARATOR, Folded, Folder, Lines

#: A line of at most this many folded characters can be a marking of its own.
MARKING_LINE = 16

_LEVEL = "(?:绝密|机密|秘密)"
#: A period in digits or in Chinese numerals, ordinary or 大写 (机密 二十年, 秘密 壹拾年).
_NUMERALS = "〇零一二三四五六七八九十百两壹贰叁参肆伍陆柒捌玖拾佰"
_TERM = rf"(?:(?:\d+|[{_NUMERALS}]+)(?:年|个月|月|天)|长期|启用前)"

#: R-03: secrecy markings in a format nothing else uses.
SECRECY = re.compile(rf"{_LEVEL}★{_TERM}?|★{_LEVEL}|(?<![绝机秘])密级{_LEVEL}")
#: ... and ones that are markings on a marking line only ("机密10年", "绝密").
_LEVEL_ANY = re.compile(_LEVEL)
_LEVEL_LINE = re.compile(rf"(?:\d{{6}})?{_LEVEL}(?:级)?(?:{_TERM})?(?:文件)?(?:特急|加急|特提|平急)?")

#: R-03: markings of internal material (block on a marking line, warn in prose).
INTERNAL = re.compile("内部资料(?!性)|内部材料|不得外传|严禁外传|内部传阅|(?<![精严绵紧细涉要保秘])密件")
#: Wording that is a marking on a marking line and ordinary prose elsewhere ("请注意保存好凭证").
_LINE_ONLY = re.compile("注意保存|请勿外传|禁止外传|不得外泄|严禁外泄")
#: Softer internal-use wording: a person decides.
INTERNAL_USE = re.compile("内部文件|内部使用|仅供内部|内部参考|内部掌握")

#: R-20: the traces a sealed or signed document leaves in its text: on a marking line of their own
#: (签发人：张三, （此页无正文）) or as a placeholder (（签名盖章）); in a sentence they are prose about
#: signing (当事人应当签名、盖章; 电子签名与手写签名具有同等效力), and a document saying it is
#: sealed is found as a self-description (本件已加盖公章).
SEAL = re.compile("签发人|此页无正文|手写签名|亲笔签名|签名盖章|签字盖章|签名章")
#: Seal and signature words count where they stand for a seal: a placeholder
#: （盖章）, or in an image's alt text, title or file name.
SEAL_WORD = re.compile("(?<!电子)(?:公章|印章|签章)|盖章|骑缝章|钢印|签字|签名|seal|signature|gongzhang|yinzhang|qianming")
#: Images: ``!\[[^\]\n]*\]\([^)\n]*\)`` (matched by :mod:`.brackets`: as a regex it is
#: quadratic in a run of ``![``) or ``<img …>``.
_IMAGE_TAIL = re.compile(r"\([^)\n]*\)")
_IMG_TAG = re.compile(r"<img\b[^>\n]*>", re.I)
_OPEN, _CLOSE, _MARKUP = ("（", "(", "〔", "["), ("）", ")", "〕", "]"), " \t*_~`　"

#: R-20: telegram headers: these forms anywhere ...
TELEGRAM = re.compile(r"密电码|签批盖章|(?:特急|加急|平急|特提)(?:明电|密电)|(?:明电|密电)\d{4}\d{1,4}号")
#: ... the kind of telegram on a marking line ...
_TELEGRAM_LINE = re.compile("明传电报|密码电报")
#: ... and the sender field at the start of a line with its colon (a power plant elsewhere).
#: (Blanks only within the line: ``\s`` would run over every following blank line from
#: each line start, quadratic in a run of empty lines.)
_SENDER = re.compile(r"^(?:[^\S\n]|[>*_#-])*+发电单位[ \t　]*[:：]", re.M)

#: R-20: a red header is the issuer's name followed by 文件, alone on its line.
_ISSUER = "(?:政府|办公室|办公厅|委员会|局|厅|部|委|办|党委|党组|人大常委会|政协|法院|检察院|中心|公司)"
_RED_HEADER_LINE = re.compile(rf"[^\x00]{{2,40}}{_ISSUER}文件")
_FILE_WORD = re.compile("文件")

#: R-17, R-20: leader instructions; content quoting them needs a leader's approval.
LEADER = re.compile(
    "领导批示|重要批示|批示精神|作出批示|做出批示|作了批示|批示要求|批示指示|圈阅"
    "|(?:同志|书记|市长|区长|县长|主任|局长|厅长|省长|部长|总理|主席)[^\x00]{0,4}?批示(?!范)"
)

#: Right-to-left overrides make text display reversed: "‮★密机‬" shows 机密★.
#: (The ``dir`` attribute is found by a lookahead: ``[^<>]*dir…rtl[^<>]*>`` would try
#: every ``dir=rtl`` of an unclosed tag against the rest of it, quadratic.)
_OVERRIDE = re.compile("\u202e([^\u202c\u2069\n]*)|<bdo\\b(?=[^<>]*?dir\\s*=\\s*[\"']?rtl)[^<>]*>([^<\n]*)</bdo\\s*>", re.I)

#: Checks a document's description of itself can find besides those in :data:`.selfdesc.RANK`.
_SELF_CODES = frozenset({"red-header", "seal-signature"})

_ANYWHERE: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("secrecy-marking", SECRECY),
    ("internal-use", INTERNAL_USE),
    ("cipher-telegram", TELEGRAM),
    ("leader-instruction", LEADER),
)


class _LineView:
    """Each original line folded once, on demand."""

    def __init__(self, text: str, lines: Lines, folder: Folder) -> None:
        self.text, self.lines, self.fold_line = text, lines, folder
        self.cache: dict[int, str] = {}
        self.marking: dict[int, bool] = {}
        self.images: dict[int, tuple[list[int], list[int]]] = {}

    def line_of(self, folded: Folded, index: int) -> int:
        return self.lines.position(folded.origin(index))[0]

    def body(self, line: int) -> str:
        """The folded line without its attribute values, comments and link targets."""
        if line not in self.cache:
            self.cache[line] = self.fold_line(self.lines.line_text(self.text, line)).text.split(SEPARATOR)[0]
        return self.cache[line]

    def is_marking_line(self, line: int) -> bool:
        """Short enough to be a marking; Latin letters (a front-matter key, a tag) do not count."""
        if line not in self.marking:  # once per line, not once per match on it
            body = self.body(line)
            self.marking[line] = len(body) - sum(1 for c in body if "a" <= c <= "z") <= MARKING_LINE
        return self.marking[line]

    def span(self, line: int) -> tuple[int, int]:
        """Where ``line`` starts and ends (before its line break) in the text."""
        starts = self.lines.starts
        return starts[line - 1], starts[line] - 1 if line < len(starts) else len(self.text)

    def in_image(self, line: int, offset: int) -> bool:
        """Is ``offset`` inside an image (Markdown or ``<img>``) on ``line``? Images found once per line."""
        if line not in self.images:
            begin, end = self.span(line)
            whole = self.text[begin:end]
            found = leftmost(whole, bracket_matches(whole, "![", _IMAGE_TAIL), _IMG_TAG)
            self.images[line] = ([begin + start for start, _ in found], [begin + stop for _, stop in found])
        starts, ends = self.images[line]
        k = bisect.bisect_right(starts, offset) - 1
        return k >= 0 and offset < ends[k]

    def cells(self, line: int) -> list[str]:
        """The folded cells of a Markdown table row."""
        raw = self.lines.line_text(self.text, line).strip()
        if not raw.startswith("|"):
            return []
        return [self.fold_line(cell).text.split(SEPARATOR)[0] for cell in raw.strip("|").split("|")]


def find_marks(folded: Folded, text: str, lines: Lines, folder: Folder) -> list[Hit]:
    """Markings and forbidden features in one segment's folded text."""
    view = _LineView(text, lines, folder)
    hits = [Hit(code, m.start(), m.end(), {"match": m.group()}) for code, pattern in _ANYWHERE for m in pattern.finditer(folded.text)]
    hits += _seal_words(folded, view)
    for m in SEAL.finditer(folded.text):
        if view.is_marking_line(view.line_of(folded, m.start())) or _placeholder(folded, view, m.start(), m.end()):
            hits.append(Hit("seal-signature", m.start(), m.end(), {"match": m.group()}))
    for pattern in (INTERNAL, _LINE_ONLY):
        for m in pattern.finditer(folded.text):
            if view.is_marking_line(view.line_of(folded, m.start())):
                hits.append(Hit("internal-marking", m.start(), m.end(), {"match": m.group()}))
            elif pattern is INTERNAL:
                hits.append(Hit("internal-use", m.start(), m.end(), {"match": m.group()}))
    for m in _TELEGRAM_LINE.finditer(folded.text):
        if view.is_marking_line(view.line_of(folded, m.start())):
            hits.append(Hit("cipher-telegram", m.start(), m.end(), {"match": m.group()}))
    for m in _SENDER.finditer(text.translate(folder.table)):  # 發電單位 too: the table keeps offsets
        hits.append(Hit("cipher-telegram", m.end() - 1, m.end(), {"match": "发电单位"}, original=True))
    taken = {h.start for h in hits if h.code == "secrecy-marking"}
    hits += _line_markings(folded, view, taken)
    hits += _overrides(text, folder)
    return _with_self_descriptions(hits, find_self_descriptions(folded, text))


def _with_self_descriptions(hits: list[Hit], described: list[Hit]) -> list[Hit]:
    """Add the document's descriptions of itself. Where another finding lies on the same
    words (from the subject to the predicate), the stronger of the two is kept: 本件为密件
    stays one internal marking, 本材料为内部资料 becomes an internal marking instead of
    internal-use wording. (Per description a bisect over the other findings: linear.)"""
    if not described:
        return hits
    starts = sorted((h.start, i) for i, h in enumerate(hits) if h.code in RANK or h.code in _SELF_CODES)
    keys = [start for start, _ in starts]
    dropped: set[int] = set()
    added = []
    for d in described:
        inside = [i for _, i in starts[bisect.bisect_left(keys, d.start) : bisect.bisect_left(keys, d.end)]]
        if d.code in RANK:
            same = [i for i in inside if hits[i].code in RANK]
            if any(RANK[hits[i].code] >= RANK[d.code] for i in same):
                continue
            dropped.update(same)
        elif any(hits[i].code == d.code for i in inside):
            continue
        added.append(d)
    return [h for i, h in enumerate(hits) if i not in dropped] + added


def _line_markings(folded: Folded, view: _LineView, taken: set[int]) -> list[Hit]:
    """A secrecy level alone on its line or in a table cell; a red-header line."""
    hits = []
    seen: set[tuple[int, str]] = set()
    for pattern, code in ((_LEVEL_ANY, "secrecy-marking"), (_FILE_WORD, "red-header")):
        for m in pattern.finditer(folded.text):
            line = view.line_of(folded, m.start())
            if (line, code) in seen or m.start() in taken:
                continue
            seen.add((line, code))
            body = view.body(line)
            if code == "secrecy-marking":
                alone = bool(_LEVEL_LINE.fullmatch(body)) or any(_LEVEL_LINE.fullmatch(cell) for cell in view.cells(line))
            else:
                alone = bool(_RED_HEADER_LINE.fullmatch(body))
            if alone:
                hits.append(Hit(code, m.start(), m.end(), {"match": body, "header_line": True}))
    return hits


def _overrides(text: str, fold_line: Folder) -> list[Hit]:
    """Text shown reversed by a right-to-left override, read the way it is shown."""
    hits = []
    for m in _OVERRIDE.finditer(text):
        shown = fold_line((m.group(1) if m.group(1) is not None else m.group(2))[::-1]).text
        for code, pattern in (("secrecy-marking", SECRECY), ("internal-marking", INTERNAL), ("secrecy-marking", _LEVEL_LINE)):
            if (pattern.fullmatch(shown) if pattern is _LEVEL_LINE else pattern.search(shown)) is not None:
                hits.append(Hit(code, m.start(), m.end(), {"match": shown}, original=True))
                break
    return hits


def _seal_words(folded: Folded, view: _LineView) -> list[Hit]:
    """Seal words in a placeholder or an image. Work per match is bounded by the markup
    around it, never by the length of its line (a long line of them stays linear)."""
    hits = []
    for m in SEAL_WORD.finditer(folded.text):
        start = folded.origin(m.start())
        if _placeholder(folded, view, m.start(), m.end()) or view.in_image(view.lines.position(start)[0], start):
            hits.append(Hit("seal-signature", m.start(), m.end(), {"match": m.group()}))
    return hits


def _placeholder(folded: Folded, view: _LineView, start_f: int, end_f: int) -> bool:
    """Do the words stand alone in brackets on their line: （盖章）, [签名盖章]?"""
    text = view.text
    start, end = folded.origin(start_f), folded.origin_end(end_f - 1)
    begin, finish = view.span(view.lines.position(start)[0])
    before = start
    while before > begin and text[before - 1] in _MARKUP:
        before -= 1
    after = max(end, begin)
    while after < finish and text[after] in _MARKUP:
        after += 1
    return before > begin and text[before - 1] in _OPEN and after < finish and text[after] in _CLOSE
