"""Markings and features a published document must not carry (pure).

Matched on folded text (see :mod:`.textfold`), so spacing, markup, Traditional
characters and full-width forms do not hide them. Secrecy levels match only in
the formats documents mark them with (``秘密★``, ``机密★10年``, ``密级：绝密``,
a level alone on a header line), never as bare words: 手机密码 is no marking and
"不得涉及国家秘密" is ordinary prose.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .hits import Hit
from .textfold import Folded, Lines

_LEVEL = "(?:绝密|机密|秘密)"
_TERM = r"(?:\d+(?:年|个月|月|天)|长期|启用前)"

#: R-03: a secrecy level in marking format.
SECRECY = re.compile(rf"{_LEVEL}★{_TERM}?|★{_LEVEL}|{_LEVEL}{_TERM}|(?<![绝机秘])密级{_LEVEL}")
#: A level written alone on a line is a document's marking too (header line).
_LEVEL_ANY = re.compile(_LEVEL)
_LEVEL_LINE = re.compile(rf"{_LEVEL}(?:级)?(?:文件)?")

#: R-03: markings of internal material.
INTERNAL = re.compile("内部资料(?!性)|不得外传|严禁外传|内部传阅|(?<![精严绵紧细])密件")
#: 注意保存 is a marking on a line of its own (``内部资料　注意保存``), ordinary advice elsewhere.
_KEEP_ANY = re.compile("注意保存")
_KEEP_LINE = re.compile("(?:内部资料)?注意保存")
#: Softer internal-use wording: a person decides.
INTERNAL_USE = re.compile("内部文件|内部使用|仅供内部|内部参考|内部掌握")

#: R-20: the traces a sealed or signed document leaves in its text.
SEAL = re.compile("签发人|此页无正文|手写签名|亲笔签名|签名盖章|签字盖章|签名章")
#: Seal and signature words count where they stand for a seal: a placeholder
#: （盖章）, or in an image's alt text, title or file name. "报名表加盖公章后报送"
#: is an instruction, not a seal.
SEAL_WORD = re.compile("(?<!电子)(?:公章|印章|签章)|盖章|骑缝章|钢印|签字|签名|seal|signature|gongzhang|yinzhang|qianming")
_IMAGE = re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)|<img\b[^>\n]*>", re.I)
_OPEN, _CLOSE, _MARKUP = ("（", "(", "〔", "["), ("）", ")", "〕", "]"), " \t*_~`　"
#: R-20: the header of a cipher or plain-code telegram.
TELEGRAM = re.compile(r"明传电报|密码电报|密电码|签批盖章|(?:特急|加急|平急|特提)(?:明电|密电)|(?:明电|密电)\d{4}\d{1,4}号")
#: R-20: a red header is the issuer's name followed by 文件, alone on its line.
_ISSUER = "(?:政府|办公室|办公厅|委员会|局|厅|部|委|办|党委|党组|人大常委会|政协|法院|检察院|中心|公司)"
_RED_HEADER_LINE = re.compile(rf"[^\x00]{{2,40}}{_ISSUER}文件")
_FILE_WORD = re.compile("文件")
#: The sender field of a telegram header starts its line (发电单位：…); elsewhere it is a power plant.
_SENDER_ANY = re.compile("发电单位")
_SENDER_LINE = re.compile("发电单位.+")
#: R-17, R-20: leader instructions; content quoting them needs a leader's approval.
LEADER = re.compile(
    "领导批示|重要批示|批示精神|作出批示|做出批示|批示要求|批示指示|圈阅"
    "|(?:同志|书记|市长|区长|县长|主任|局长|厅长|省长|部长|总理|主席)批示"
)

_PLAIN: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("secrecy-marking", SECRECY),
    ("internal-marking", INTERNAL),
    ("internal-use", INTERNAL_USE),
    ("seal-signature", SEAL),
    ("cipher-telegram", TELEGRAM),
    ("leader-instruction", LEADER),
)


def find_marks(folded: Folded, text: str, lines: Lines, fold_line: Callable[[str], Folded]) -> list[Hit]:
    """Markings and forbidden features in one segment's folded text."""
    hits = [Hit(code, m.start(), m.end(), {"match": m.group()}) for code, pattern in _PLAIN for m in pattern.finditer(folded.text)]
    hits += [h for h in _seal_words(folded, text, lines)]
    taken = {h.start for h in hits if h.code == "secrecy-marking"}
    seen: set[tuple[int, str]] = set()
    line_checks = (
        (_LEVEL_ANY, _LEVEL_LINE, "secrecy-marking"),
        (_KEEP_ANY, _KEEP_LINE, "internal-marking"),
        (_FILE_WORD, _RED_HEADER_LINE, "red-header"),
        (_SENDER_ANY, _SENDER_LINE, "cipher-telegram"),
    )
    for pattern, line_pattern, code in line_checks:
        for m in pattern.finditer(folded.text):
            if m.start() in taken:
                continue
            line, _ = lines.position(folded.origin(m.start()))
            if (line, code) in seen:
                continue
            seen.add((line, code))
            whole = fold_line(lines.line_text(text, line)).text
            if line_pattern.fullmatch(whole):
                hits.append(Hit(code, m.start(), m.end(), {"match": whole, "header_line": True}))
    return hits


def _seal_words(folded: Folded, text: str, lines: Lines) -> list[Hit]:
    hits = []
    for m in SEAL_WORD.finditer(folded.text):
        start, end = folded.origin(m.start()), folded.origin_end(m.end() - 1)
        line, col = lines.position(start)
        whole = lines.line_text(text, line)
        before = whole[: col - 1].rstrip(_MARKUP)
        after = whole[col - 1 + end - start :].lstrip(_MARKUP)
        placeholder = before.endswith(_OPEN) and after.startswith(_CLOSE)
        image = any(i.start() <= col - 1 < i.end() for i in _IMAGE.finditer(whole))
        if placeholder or image:
            hits.append(Hit("seal-signature", m.start(), m.end(), {"match": m.group()}))
    return hits
