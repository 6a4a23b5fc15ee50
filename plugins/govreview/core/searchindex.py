"""The site's search index: pages' text → sharded postings of characters and character pairs (pure).

Search recall is substring recall (DESIGN.md): a page is found for a query exactly when its
text contains the query. Chinese has no spaces to split words on, and a word list misses words
it does not know, so the index is of characters, not words:

* the text is folded (:func:`normalize`): NFKC (full-width letters, digits and punctuation,
  compatibility ideographs), lower case, invisible format characters dropped, Traditional
  characters read as Simplified (a table the shell makes with OpenCC, shipped with the index
  as ``fold.json`` so the client folds a query the same way), every run of
  white space one space — none at all next to a CJK character, so a line break inside a
  Chinese sentence splits nothing;
* every character pair (bigram) not containing a space is a key, with the pages it occurs in
  and where; every single character is a key too, with its pages (one-character queries);
* a query term of n ≥ 2 characters matches a page where the pairs covering it (offsets 0, 2,
  4 …, and n-2) occur at the same start — which is exactly an occurrence of the term: no
  candidate is checked again against text, and no page containing the term is missed;
* keys are spread over ``shards`` files by a hash (:func:`shard_of`, FNV-1a over code points),
  so a visitor downloads the shards of the query's pairs only, plus the document table's
  shards of the results shown. The client (``assets/govreview-search.js``) does the same
  folding, hashing and matching.

Postings are written as text in a 64-letter alphabet: each number a little-endian varint of
5-bit digits, letters 32–63 carrying "more follows". Pages are numbered newest first, so the
first results a visitor sees are in the first document shard.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

VERSION = 1
#: Letters of the postings' encoding: 0–31 end a number, 32–63 carry 5 bits and say more follows.
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_"
#: Rough size of one postings shard, in bytes: the number of shards follows from the total.
SHARD_BYTES = 24 * 1024
#: Pages per document-table shard.
DOCS_PER_SHARD = 128
#: Characters of a page's text shown under its title in the results (the text after the title).
SUMMARY_CHARS = 90
#: Characters of a page's text kept for the results' excerpts (``t/N.txt``): where the query
#: occurs only further on, the result shows the summary instead.
EXCERPT_TEXT_CHARS = 6000

#: White space as the client's regular expression lists it (after NFKC every other space is U+0020).
_SPACE = "\t\n\x0b\x0c\r \x85\u1680\u2028\u2029"
_WIDE = "\u2e80-\U0010ffff"  # CJK radicals onward: ideographs, kana, Hangul, CJK and full-width punctuation
_SPACE_BY_WIDE = re.compile(f"(?<=[{_WIDE}])[{_SPACE}]+|[{_SPACE}]+(?=[{_WIDE}])")
_SPACES = re.compile(f"[{_SPACE}]+")


#: Format characters (Unicode category Cf: soft hyphen, zero-width spaces and joiners, marks of
#: direction, tags …), dropped; the client lists the same (tests check this against unicodedata).
FORMAT_CHARS = (
    "\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f\u202a-\u202e"
    "\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U0001343f"
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f"
)
_FORMAT = re.compile(f"[{FORMAT_CHARS}]+")


def _visible(text: str) -> str:
    return _FORMAT.sub("", text)


def normalize(text: str, fold: Mapping[int, str] | None = None) -> str:
    """Text as the index and the query compare it (see the module's docstring); ``fold``:
    characters to replace after NFKC (Traditional → Simplified, :func:`fold_table`)."""
    folded = _visible(unicodedata.normalize("NFKC", text).lower())
    if fold:
        folded = folded.translate(fold)
    folded = _SPACE_BY_WIDE.sub("", folded)
    return _SPACES.sub(" ", folded).strip(" ")


def display(text: str) -> str:
    """Text as the results show it: as written, white space collapsed (as the page shows it)."""
    return _SPACES.sub(" ", _visible(text)).strip(" ")


def fold_table(pairs: str) -> dict[int, str]:
    """The folding table written as pairs of characters (``報报試试…``)."""
    return {ord(pairs[i]): pairs[i + 1] for i in range(0, len(pairs) - 1, 2)}


def query_terms(query: str, fold: Mapping[int, str] | None = None) -> list[str]:
    """The terms of a query: white space separates them; a page must contain every one."""
    terms: list[str] = []
    for part in _SPACES.split(query):
        for term in normalize(part, fold).split(" "):
            if term and term not in terms:
                terms.append(term)
    return terms


def fnv1a(key: str) -> int:
    """FNV-1a (32 bits) over the key's code points (the client computes the same)."""
    h = 0x811C9DC5
    for c in key:
        h ^= ord(c)
        h = (h * 0x01000193) & 0xFFFFFFFF
    return h


def shard_of(key: str, shards: int) -> int:
    return fnv1a(key) % shards


def term_keys(term: str) -> list[tuple[int, str]]:
    """(offset, key) of the keys a term is looked up by: the character for one character,
    else the pairs at offsets 0, 2, 4 … and n-2, which together cover every character."""
    if len(term) == 1:
        return [(0, term)]
    offsets = list(range(0, len(term) - 1, 2))
    if offsets[-1] != len(term) - 2:
        offsets.append(len(term) - 2)
    return [(k, term[k : k + 2]) for k in offsets]


def _one(n: int) -> str:
    out: list[str] = []
    while n >= 32:
        out.append(ALPHABET[32 + (n & 31)])
        n >>= 5
    out.append(ALPHABET[n])
    return "".join(out)


_SMALL = [_one(n) for n in range(4096)]


def encode(numbers: Iterable[int]) -> str:
    small = _SMALL
    return "".join(small[n] if 0 <= n < 4096 else _one(n) if n > 0 else _negative() for n in numbers)


def _negative() -> str:
    raise ValueError("negative number in postings")


_VALUE = {c: i for i, c in enumerate(ALPHABET)}


def decode(text: str) -> list[int]:
    numbers: list[int] = []
    value = shift = 0
    for c in text:
        digit = _VALUE[c]
        if digit >= 32:
            value |= (digit - 32) << shift
            shift += 5
        else:
            numbers.append(value | digit << shift)
            value = shift = 0
    return numbers


@dataclass(frozen=True)
class Page:
    """One page to index: its address (relative to the site's root), title, column name,
    date (YYYY-MM-DD, China time) and the text of its main content."""

    url: str
    title: str
    column: str
    date: str
    text: str


@dataclass
class Index:
    """The files of an index: path (relative to the index folder) → content."""

    files: dict[str, str] = field(default_factory=dict)
    pages: int = 0
    shards: int = 0
    keys: int = 0


def _order(pages: Iterable[Page]) -> list[Page]:
    """Newest first; pages of one day by address (deterministic)."""
    by_url = sorted(pages, key=lambda p: p.url)
    return sorted(by_url, key=lambda p: p.date, reverse=True)


def _body(page: Page) -> str:
    """The page's text as shown, without its title when the text starts with it."""
    text = display(page.text)
    title = display(page.title)
    if title and text.startswith(title):
        text = text[len(title) :].lstrip(" ")
    return text


def _summary(page: Page) -> str:
    text = _body(page)
    return text[:SUMMARY_CHARS] + ("…" if len(text) > SUMMARY_CHARS else "")


class _Postings:
    """Postings being written, page by page in page-number order: per key, its encoded text so
    far (pieces joined now and then, so memory stays near the encoded size) and its last page."""

    __slots__ = ("last", "pieces")

    def __init__(self) -> None:
        self.pieces: dict[str, list[str]] = {}
        self.last: dict[str, int] = {}

    def add(self, key: str, number: int, rest: str) -> None:
        """Page ``number`` has ``key``: its gap from the key's last page (one less than the
        difference), then ``rest`` (for a pair: the count and the positions as gaps)."""
        gap = number - self.last.get(key, -1) - 1
        self.last[key] = number
        piece = (_SMALL[gap] if gap < len(_SMALL) else _one(gap)) + rest
        pieces = self.pieces.get(key)
        if pieces is None:
            self.pieces[key] = [piece]
        else:
            pieces.append(piece)
            if len(pieces) >= 64:
                pieces[:] = ["".join(pieces)]

    def encoded(self) -> dict[str, str]:
        return {key: "".join(pieces) for key, pieces in self.pieces.items()}


def postings(pages: Sequence[Page], fold: Mapping[int, str] | None = None) -> dict[str, str]:
    """key → its encoded postings: page numbers as gaps, and for a pair, after each page the
    count of its occurrences there and their positions as gaps (nothing for a single character)."""
    out = _Postings()
    small = _SMALL
    for number, page in enumerate(pages):
        text = normalize(page.text, fold)
        pairs: dict[str, list[int]] = {}
        at = 0
        for part in text.split(" "):
            for i, key in enumerate(map(str.__add__, part, part[1:]), at):
                where = pairs.get(key)
                if where is None:
                    pairs[key] = [i]
                else:
                    where.append(i)
            at += len(part) + 1
        for key, where in pairs.items():
            if where[-1] < len(small):  # all numbers small (most pages): one lookup each
                if len(where) == 1:
                    rest = small[1] + small[where[0]]
                else:
                    rest = small[len(where)] + small[where[0]] + "".join([small[g] for g in map(int.__sub__, where[1:], where)])
            else:
                rest = encode([len(where), where[0], *map(int.__sub__, where[1:], where)])
            out.add(key, number, rest)
        for key in set(text) - {" "}:
            out.add(key, number, "")
    return out.encoded()


def build(pages: Iterable[Page], shard_bytes: int = SHARD_BYTES, docs_per_shard: int = DOCS_PER_SHARD, fold: str = "") -> Index:
    """The index files of ``pages``: ``meta.json``, ``k/N.json`` (postings shards: key →
    encoded postings), ``d/N.json`` (document table shards: [url, title, column, date,
    summary] per page, in page-number order), ``t/N.txt`` (page N's text as shown, for the
    excerpt around a match) and ``fold.json``. The same pages give the same bytes."""
    ordered = _order(pages)
    encoded = postings(ordered, fold_table(fold))
    total = sum(len(k.encode()) + len(v) + 6 for k, v in encoded.items())
    shards = max(1, math.ceil(total / shard_bytes))
    grouped: list[dict[str, str]] = [{} for _ in range(shards)]
    for key in sorted(encoded):
        grouped[shard_of(key, shards)][key] = encoded[key]
    index = Index(pages=len(ordered), shards=shards, keys=len(encoded))
    for number, group in enumerate(grouped):
        index.files[f"k/{number}.json"] = _json(group)
    for start in range(0, len(ordered), docs_per_shard):
        table = [[p.url, display(p.title), p.column, p.date, _summary(p)] for p in ordered[start : start + docs_per_shard]]
        index.files[f"d/{start // docs_per_shard}.json"] = _json(table)
    for number, page in enumerate(ordered):
        index.files[f"t/{number}.txt"] = _body(page)[:EXCERPT_TEXT_CHARS]
    if fold:
        index.files["fold.json"] = _json(fold)
    digest = hashlib.sha256()
    for path in sorted(index.files):
        digest.update(path.encode() + b"\0" + index.files[path].encode() + b"\0")
    meta = {
        "format": "govreview-search",
        "version": VERSION,
        "pages": len(ordered),
        "shards": shards,
        "docs_per_shard": docs_per_shard,
        "fold": bool(fold),
        "id": digest.hexdigest()[:16],
    }
    index.files["meta.json"] = _json(meta)
    return index


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=isinstance(value, dict)) + "\n"


def search(files: dict[str, str], query: str) -> list[int]:
    """Page numbers (ascending: newest first) of the pages containing every term of
    ``query``, read from an index's files as the client reads them (for tests and tools)."""
    meta = json.loads(files["meta.json"])
    fold = fold_table(json.loads(files["fold.json"])) if meta.get("fold") else None
    result: set[int] | None = None
    for term in query_terms(query, fold):
        found = _term_pages(files, int(meta["shards"]), term)
        result = found if result is None else result & found
        if not result:
            return []
    return sorted(result or ())


def _term_pages(files: dict[str, str], shards: int, term: str) -> set[int]:
    starts: dict[int, set[int]] | None = None
    for offset, key in term_keys(term):
        shard = json.loads(files[f"k/{shard_of(key, shards)}.json"])
        if key not in shard:
            return set()
        here = {page: {p - offset for p in where} for page, where in _decoded(key, shard[key])}
        if starts is None:
            starts = here
        else:
            starts = {page: s & here[page] for page, s in starts.items() if page in here}
            starts = {page: s for page, s in starts.items() if s}
        if not starts:
            return set()
    if len(term) <= 2:
        return set(starts or ())
    return {page for page, s in (starts or {}).items() if s}


def _decoded(key: str, text: str) -> list[tuple[int, list[int]]]:
    numbers = decode(text)
    out: list[tuple[int, list[int]]] = []
    page = -1
    i = 0
    while i < len(numbers):
        page += numbers[i] + 1
        i += 1
        where: list[int] = []
        if len(key) > 1:
            count = numbers[i]
            i += 1
            position = 0
            for gap in numbers[i : i + count]:
                position += gap
                where.append(position)
            i += count
        out.append((page, where))
    return out
