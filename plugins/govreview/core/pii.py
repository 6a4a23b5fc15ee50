"""Personal information of citizens in published text (R-21) (pure).

Numbers are found in folded text, so ``1381 234 5678`` and full-width digits
count, but only when the digits sit in one run of the original: separated by
spaces, hyphens, dots or markup, never by a line break, a table cell border or
Chinese text. Each kind is validated, so ordinary numbers do not fire:

* resident ID (GB 11643): 18 characters, a real birth date and the ISO 7064
  MOD 11-2 check character;
* mobile: 11 digits starting 13–19 (``+86`` allowed), unless the policy lists
  it as an official contact number;
* bank card: 16–19 digits passing the Luhn check, starting as card numbers do.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Set

from .hits import Hit
from .textfold import Folded

_RUN = re.compile(r"(?<![0-9])[0-9]{11,19}x?(?![0-9a-z])")
_BREAKS = re.compile(r"[\n|\u3400-\u9fff]")
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10x98765432"
_MOBILE = re.compile(r"(?:86)?(1[3-9][0-9]{9})")
_CARD_PREFIX = ("3", "4", "5", "6", "9")


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
    """The digits of a phone number as written in a policy (``0710-1234567`` → ``07101234567``)."""
    return "".join(ch for ch in value if ch.isdigit())


def find_personal(folded: Folded, text: str, allowed: Set[str]) -> list[Hit]:
    """Resident ID, mobile and bank card numbers in one segment's folded text."""
    hits: list[Hit] = []
    for m in _RUN.finditer(folded.text):
        start, end = folded.origin(m.start()), folded.origin(m.end() - 1) + 1
        if _BREAKS.search(text, start, end):
            continue
        number = m.group()
        if len(number) == 18 and id_number_valid(number):
            hits.append(Hit("id-number", m.start(), m.end(), {"kind": "id"}))
            continue
        mobile = _MOBILE.fullmatch(number)
        if mobile and len(number) in (11, 13):
            if mobile.group(1) not in allowed and number not in allowed:
                hits.append(Hit("mobile-number", m.start(), m.end(), {"kind": "mobile"}))
            continue
        card = "x" not in number and 16 <= len(number) <= 19 and number.startswith(_CARD_PREFIX)
        if card and luhn_valid(number) and number not in allowed:
            hits.append(Hit("bank-card", m.start(), m.end(), {"kind": "card"}))
    return hits
