"""``screening`` (how content checks are set up: who clears a false block, who accepts a warning, severities,
numbers that may be public) and ``words`` (the office's own word lists, R-21)."""

from __future__ import annotations

from collections.abc import Mapping

from ..core.findings import BLOCK, OFF, WARN
from ..core.policy import Role, Screening, WordEntry
from ..core.screen import CHECKS, FLOOR
from ..messages import msg
from .fields import FieldNames
from .people import role_ref
from .problems import closest
from .reading import ANY, FLAG, MAPPING, NUMBERS, RULE_ID, TEXT, TEXTS, Key, line_of_key
from .sections import Sections

SCREENING_KEYS = {
    "clear": Key(MAPPING, required=True),
    "accept": Key(MAPPING),
    "severity": Key(MAPPING),
    "allow_numbers": Key(NUMBERS, default=()),
    "leader_field": Key(TEXT),
    "typography": Key(FLAG, default=False),
}
#: An archived policy written before the clearing role was required: read, and nobody can clear.
ARCHIVED_KEYS = {**SCREENING_KEYS, "clear": Key(MAPPING)}
ACCEPT_KEYS = {"label": Key(TEXT), "role": Key(TEXT)}
CLEAR_KEYS = {"role": Key(TEXT, required=True)}
WORD_KEYS = {
    "term": Key(TEXTS),
    "terms": Key(TEXTS),
    "correct": Key(ANY, default=""),
    "severity": Key(ANY, default=WARN),
    "rule": Key(ANY, default="R-21"),
    "note": Key(ANY, default=""),
    "except": Key(TEXTS, default=()),
}


def read_screening(
    s: Sections, roles: Mapping[str, Role], words: tuple[WordEntry, ...], fields: FieldNames, archived: bool = False
) -> Screening:
    """``archived``: a snapshot from the approval archive, which may predate the required
    clearing role (a page is judged by the policy it merged under, R-44)."""
    if "screening" not in s:
        if not archived:
            s.missing(msg("policy.missing_clear"))
        return Screening(words=words)
    reader, value, line = s.section("screening")
    f = reader.mapping(value, line, "screening", ARCHIVED_KEYS if archived else SCREENING_KEYS)
    if f is None:
        return Screening(words=words)
    clear_role = None
    clear = f.mapping("clear", CLEAR_KEYS)
    if clear is not None:
        clear_role = role_ref(s, clear, "screening.clear.role", roles)
    label, role = Screening.accept_label, None
    accept = f.mapping("accept", ACCEPT_KEYS)
    if accept is not None:
        label = accept["label"] or label
        role = role_ref(s, accept, "screening.accept.role", roles)
    severity: list[tuple[str, str]] = []
    for code, level in (f["severity"] or {}).items():
        at = line_of_key(f["severity"], code)
        if code not in CHECKS:
            reader.fail(at, msg("policy.unknown_check", name=str(code), known=list(CHECKS)), closest(code, CHECKS))
        elif level not in (BLOCK, WARN, OFF):
            reader.fail(at, msg("policy.bad_severity", what=f"screening.severity.{code}"))
        elif code in FLOOR and level != BLOCK:
            reader.fail(at, msg("policy.check_always_blocks", check=str(code), name=CHECKS[code][1], level=str(level)))
        else:
            severity.append((str(code), str(level)))
    leader = Screening.leader_field
    if "leader_field" in f:
        leader = fields.check(reader, f.at("leader_field"), f["leader_field"], "screening.leader_field") or leader
    return Screening(label, role, tuple(severity), words, frozenset(f["allow_numbers"]), leader, clear_role, bool(f["typography"]))


def _has_letters(term: str) -> bool:
    """Screening matches letters and digits only (punctuation and markup are folded away)."""
    return any(ch.isalnum() for ch in term)


def read_words(s: Sections) -> tuple[WordEntry, ...]:
    out: list[WordEntry] = []
    for file, seq in s.words:
        reader = s.reader(file)
        for i, item, line in reader.items(seq):
            what = f"words[{i + 1}]"
            f = reader.mapping(item, line, what, WORD_KEYS)
            if f is None:
                continue
            if f.written("term") == f.written("terms"):
                reader.fail(line, msg("policy.term_or_terms", what=what))
                continue
            key = "term" if f.written("term") else "terms"
            terms: tuple[str, ...] = f[key] or ()
            level = f["severity"]
            if level not in (BLOCK, WARN):
                f.fail("severity", msg("policy.bad_word_severity", what=f"{what}.severity"))
                continue
            rule = reader.value(f["rule"], f.at("rule"), f"{what}.rule", RULE_ID)
            note, correct = f["note"], f["correct"]
            for k, v in (("note", note), ("correct", correct)):
                if not isinstance(v, str):
                    f.fail(k, msg("policy.need_string", what=f"{what}.{k}"))
            empty = [t for t in terms if not _has_letters(t)]
            if empty:
                f.fail(key, msg("policy.term_without_letters", what=f"{what}.{key}", term=empty[0]))
                continue
            if terms and rule and isinstance(note, str) and isinstance(correct, str):
                out.append(WordEntry(terms, str(level), rule, note.strip(), correct.strip(), line, f["except"]))
    return tuple(out)
