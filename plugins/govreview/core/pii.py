"""Personal information of citizens in published text (R-21) (pure).

Numbers are found in folded text, so ``1381 234 5678`` and full-width digits
count, but only what a reader reads as one number: digit groups separated by
spaces, hyphens or markup — never by a line break, a table cell border, Chinese
text, a decimal point (``96.81425``, ``10.2.33.4``; in data the digits after it are a
fraction, never read), a minus sign after a blank
(``73 -96``, coordinates), blanks between single digits (a table of digits), and
never digits inside a hexadecimal string (``a3f1381234…``, a hash or a dump) or
that the text writes as other symbols (①②③). In a file that is data, not prose, the
values are read one by one: in test data, whose values are separated by blanks and line
breaks (``13 1 89 72 3 16``), each value is a number of its own. Keycap
digits (1️⃣) and 大写 numerals (壹贰叁) are numbers too. Each kind is validated, so ordinary numbers do not fire:

* resident ID (GB 11643): 18 characters, a real birth date and the ISO 7064
  MOD 11-2 check character;
* mobile: 11 digits starting 13–19 (``+86`` allowed), unless the policy lists
  it as an official contact number;
* bank card: 16–19 digits passing the Luhn check, starting as card numbers do.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Set

from .hits import Hit
from .textfold import Folded

_DIGITS = re.compile(r"[0-9]+x?")
#: What may stand between the digit groups of one number: spaces, dashes, dots,
#: Markdown markup, invisible characters, tags and entities — never a line break,
#: a table border, Chinese text or other punctuation.
_GAP = re.compile(
    r"(?:[ \t\u00a0\u00ad\u2000-\u200f\u2028\u2029\u202f\u205f\u2060-\u2064\u3000\ufeff\ufe0f\u20e3"  # spaces, invisible characters, keycaps
    r"\-\u2010-\u2015\ufe63\uff0d*_~`+]"  # dashes (an IME's full-width one too), markup; never a decimal point or a minus sign
    r"|<[^<>\n]*>|&#?\w+;?)*"  # tags, entities
    r"(?:\n(?![ \t]*(?:\n|[|>#*+-]|\d+[.)、]))[ \t]*)?"  # one soft line break inside a paragraph (not a new row, item or paragraph)
)
#: A label before a number that says it is no personal data (project, serial, order numbers).
_CODE_LABEL = re.compile(r"(?:编号|编码|单号|流水号|订单号|合同号|项目号|批号|序列号|代码)[ \t|*_]*[:：]?[ \t|*_]*$")
#: Units after a number: an amount or a count, not a phone number.
_AMOUNT = re.compile(r"[ \t]*(?:元|万|亿|千|百|%|‰|吨|平方米|立方米|人次|户|件)")
_CN_DIGITS = re.compile("[〇零一二三四五六七八九幺壹贰叁肆伍陆柒捌玖貳參陸]{11,}")
_CN_VALUE = (
    {c: str(i) for i, c in enumerate("〇一二三四五六七八九")}
    | {c: str(i) for i, c in enumerate("零壹贰叁肆伍陆柒捌玖")}
    | {"幺": "1", "貳": "2", "參": "3", "陸": "6"}
)
#: Between two digit groups, a blank then a minus sign starts a negative number (``73 -96``).
_NEGATIVE = re.compile(r"\s[\-\u2212\ufe63\uff0d]$")
#: Characters a digit of a number may be written as in the original: ASCII and full-width digits
#: (and the x of an ID number); anything else folding turned into a digit (①, ⑴, ¹) is a symbol.
_WRITTEN_DIGITS = frozenset("0123456789０１２３４５６７８９xXｘＸ")
#: A run of hex digits with a letter in it: a hash, a colour, a dump — not a number a reader reads.
_HEX_TOKEN = re.compile(r"(?=[0-9A-Fa-f]*[A-Fa-f])[0-9A-Fa-f]+")
#: ... unless the only letter is the X an ID number may end with.
_ID_TAIL = re.compile(r"[0-9]+[xX]")
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10x98765432"
_MOBILE = re.compile(r"(?:0086|86)?(1[3-9][0-9]{9})")
_CARD_PREFIX = ("3", "4", "5", "6", "9")
_CREDIT_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_CREDIT_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
#: A number is at most this many groups (an ID number written digit by digit is 18).
_MAX_GROUPS = 20


def id_number_valid(number: str) -> bool:
    """An 18-character resident ID number with a real birth date and a correct check character."""
    number = number.lower()
    if not re.fullmatch(r"[1-8][0-9]{16}[0-9x]", number):
        return False
    try:
        born = dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return False
    if not 1900 <= born.year <= 2100:
        return False
    total = sum(int(d) * w for d, w in zip(number[:17], _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11] == number[17]


def credit_code_valid(code: str) -> bool:
    """An 18-character unified social credit code (GB 32100) with a correct check character:
    an organisation's public identifier, never a card number."""
    code = code.upper()
    if len(code) != 18 or any(c not in _CREDIT_CHARS for c in code):
        return False
    total = sum(_CREDIT_CHARS.index(c) * w for c, w in zip(code[:17], _CREDIT_WEIGHTS, strict=True))
    return _CREDIT_CHARS[(31 - total % 31) % 31] == code[17]


def luhn_valid(number: str) -> bool:
    """The Luhn (mod 10) check used by payment card numbers."""
    total = 0
    for i, ch in enumerate(reversed(number)):
        d = int(ch)
        if i % 2 == 1:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def digits_of(value: str) -> str:
    """The number a policy lists as allowed, as compared: digits only, and a mobile
    number without its country code (``+86 139-0000-6123`` → ``13900006123``)."""
    digits = "".join(ch for ch in value if ch.isdigit())
    mobile = _MOBILE.fullmatch(digits)
    return mobile.group(1) if mobile else digits


def _kind(number: str) -> str | None:
    if len(number) == 18 and id_number_valid(number):
        return "id-number"
    if _MOBILE.fullmatch(number) and len(number) in (11, 13, 15):
        return "mobile-number"
    card = "x" not in number and 16 <= len(number) <= 19 and number.startswith(_CARD_PREFIX)
    if card and luhn_valid(number) and not credit_code_valid(number):
        return "bank-card"
    return None


def find_personal(folded: Folded, text: str, allowed: Set[str], separators: str = "", fractions: bool = False) -> list[Hit]:
    """Resident ID, mobile and bank card numbers in one segment's folded text. ``separators``:
    characters that always end a number there (a data file's, :attr:`Segment.separators`);
    ``fractions``: digits after a decimal point are a fraction, not read (:attr:`Segment.fractions`).

    Digit groups that sit together in the original (see :data:`_GAP`) form a run;
    every window of whole groups in a run is a candidate, so ``1. 13607101234``
    (a list number) and ``0086 13812345678`` are found, and a number is never cut
    out of the middle of a longer one. Longer findings win over those inside them.
    """
    hits: list[Hit] = []
    for run in _runs(folded, text, separators, fractions):
        # every window of whole groups whose length a number can have, found by prefix sums
        ends = [0]
        for group in run:
            ends.append(ends[-1] + len(group[2]))
        digits = "".join(g[2] for g in run)
        candidates: list[tuple[int, int, int, str, str]] = []
        for i in range(len(run)):
            lead = digits[ends[i] : ends[i] + 4]
            for size in _SIZES:
                if not _may_be(lead, size):
                    continue
                k = bisect.bisect_left(ends, ends[i] + size, i + 1, min(len(ends), i + _MAX_GROUPS + 1))
                if k >= len(ends) or ends[k] - ends[i] != size:
                    continue
                number = digits[ends[i] : ends[k]]
                kind = None if "x" in number[:-1] else _kind(number)
                if kind is not None and not _labelled(folded, text, run[i][0], run[k - 1][1], kind):
                    candidates.append((-len(number), i, k - 1, kind, number))
        hits += _choose(candidates, run, allowed)
    for m in _CN_DIGITS.finditer(folded.text):  # 一三八一二三四五六七八 … written in Chinese numerals
        number = "".join(_CN_VALUE[c] for c in m.group())
        kind = _kind(number)
        if kind is not None and (kind == "id-number" or digits_of(number) not in allowed):
            hits.append(Hit(kind, m.start(), m.end(), {"kind": kind}))
    return hits


_SIZES = (11, 13, 15, 16, 17, 18, 19)


def _may_be(lead: str, size: int) -> bool:
    """A cheap test of the first digits before the full check of a window."""
    if size == 11:
        return lead[0] == "1" and lead[1:2] in "3456789"
    if size == 13:
        return lead.startswith("861")
    if size == 15:
        return lead.startswith("0086")
    if size == 18:
        return lead[0] in "123456789"
    return lead[0] in "34569"


def _choose(candidates: list[tuple[int, int, int, str, str]], run: list[tuple[int, int, str]], allowed: Set[str]) -> list[Hit]:
    """Longer numbers win over those inside them; allowed official numbers are dropped."""
    hits = []
    taken: set[int] = set()
    for _, i, j, kind, number in sorted(candidates):
        if taken & set(range(i, j + 1)):
            continue
        taken |= set(range(i, j + 1))
        if kind != "id-number" and digits_of(number) in allowed:
            continue
        hits.append(Hit(kind, run[i][0], run[j][1], {"kind": kind}))
    return hits


def _labelled(folded: Folded, text: str, start: int, end: int, kind: str) -> bool:
    """Is the number labelled as something else: a project number, or an amount?"""
    begin, finish = folded.origin(start), folded.origin_end(end - 1)
    # the label is looked for in the 12 characters before, on the same line; the line break
    # is looked for there only (back to the line's start, a long line of numbers is quadratic)
    window = max(0, begin - 12)
    newline = text.rfind("\n", window, begin)
    if _CODE_LABEL.search(text[newline + 1 if newline != -1 else window : begin]):
        return True
    return kind == "mobile-number" and _AMOUNT.match(text, finish) is not None


def _runs(folded: Folded, text: str, separators: str = "", fractions: bool = False) -> list[list[tuple[int, int, str]]]:
    """Runs of digit groups (folded start, folded end, digits) that belong together.

    Folding joins every digit sequence; here it is cut again where the original
    had something between two digits: a group boundary when that is an allowed
    gap, a new run when it is anything else (see the module's docstring).
    """
    runs: list[list[tuple[int, int, str]]] = []
    for m in _DIGITS.finditer(folded.text):
        if m.end() - m.start() < 11 or _in_word(folded, text, m.start(), m.end()):
            continue
        groups: list[tuple[int, int, str]] = []
        first = m.start()
        fraction = fractions and _fraction(text, folded.origin(first))
        for i in range(m.start(), m.end() - 1):
            after, following = folded.origin_end(i), folded.origin(i + 1)
            written = text[folded.origin(i)] in _WRITTEN_DIGITS and text[following] in _WRITTEN_DIGITS
            if following <= after and written:
                continue
            groups.append((first, i + 1, folded.text[first : i + 1]))
            first = i + 1
            if not written or not _joins(text, after, following, len(groups[-1][2]), _group_after(folded, i + 1, m.end()), separators):
                if not fraction:
                    runs.append(groups)
                groups = []
                fraction = fractions and _fraction(text, following)
        groups.append((first, m.end(), folded.text[first : m.end()]))
        if not fraction:
            runs.append(groups)
    return [r for r in runs if sum(len(g[2]) for g in r) >= 11]


def _fraction(text: str, begin: int) -> bool:
    """Do the digits at ``begin`` follow a decimal point (``-0.41126947071190073``)? They are
    the fraction of a number, never a number a person is known by. (The whole part is still
    read: a spreadsheet writes a mobile number as ``13812345678.0``.)"""
    return begin >= 2 and text[begin - 1] == "." and text[begin - 2] in _WRITTEN_DIGITS


def _joins(text: str, after: int, following: int, before_size: int, after_size: int, separators: str = "") -> bool:
    """Do two digit groups with ``text[after:following]`` between them read as one number?"""
    if not _GAP.fullmatch(text, after, following):
        return False
    gap = text[after:following]
    if separators and any(c in separators for c in gap):
        return False  # data: two values
    if _NEGATIVE.search(gap):
        return False
    # single digits with blanks between them are a table of digits, not a number written out
    return not (before_size == 1 and after_size == 1 and gap.strip(" \t\u00a0\u3000") == "")


def _group_after(folded: Folded, start: int, end: int) -> int:
    """The length of the group starting at ``start`` (up to the next break in the original)."""
    i = start
    while i < end - 1 and folded.origin(i + 1) <= folded.origin_end(i):
        i += 1
    return i + 1 - start


def _in_word(folded: Folded, text: str, start: int, end: int) -> bool:
    """Digits inside a hexadecimal string (``a3f1381234567890bc``, a hash, a colour, a dump)
    are not a number a reader reads; digits after a word that is not hex (``ID4201…``,
    ``Tel138…``) still are. The token is looked at up to 64 characters each way (linear)."""
    begin, finish = folded.origin(start), folded.origin_end(end - 1)
    left = begin
    while left > 0 and begin - left < 64 and text[left - 1].isascii() and text[left - 1].isalnum():
        left -= 1
    right = finish
    while right < len(text) and right - finish < 64 and text[right].isascii() and text[right].isalnum():
        right += 1
    token = text[left:right]
    if _HEX_TOKEN.fullmatch(token) is None or _ID_TAIL.fullmatch(token):
        return False
    # hex letters on both sides of the digits (a3f…5678bc), or a long string of hex: not a word or label
    # glued to one side of a number (13812345678E-mail, 420102…1238B型血)
    return (left < begin and right > finish) or len(token) >= 24
