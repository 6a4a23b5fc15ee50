"""The screening corpus: realistic pages (Simplified and Traditional) with the findings
a careful secrecy reviewer expects, checked against the engine and the CLI.

``tests/screening_corpus/``:

* ``flagged/*.md`` — pages that each exercise some checks or evasions;
* ``flagged/with-policy/*.md`` — screened with ``policies/`` (word list, allowed
  numbers, changed severities); every other page is screened without a policy;
* ``clean/*.md`` — pages that must produce no finding at all, screened both without
  and with the corpus policy;
* ``expected.yml`` — per page, the multiset of ``{check, line}`` expected (with the
  severity where it matters, and the digits of each personal number found).
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import os
import re
import subprocess
import sys
import unicodedata
from collections import Counter
from pathlib import Path

import pytest
import yaml
from govreview.core.findings import Finding
from govreview.core.policy import Policy
from govreview.core.screen import CHECKS
from govreview.policy_yaml import load_policy_dir
from govreview.screen_files import screen_file

CORPUS = Path(__file__).resolve().parent / "screening_corpus"
POLICIES = CORPUS / "policies"
WITH_POLICY = "flagged/with-policy/"
EXPECTED: dict[str, list[dict[str, object]]] = yaml.safe_load((CORPUS / "expected.yml").read_text(encoding="utf-8"))
PAGES = sorted(p.relative_to(CORPUS).as_posix() for p in CORPUS.rglob("*.md"))
CLEAN = [name for name in PAGES if name.startswith("clean/")]
#: Checks that read an attachment's structure, not text: no page can show them.
ATTACHMENT_ONLY = ("doc-", "sheet-", "pdf-", "image-", "attachment-", "screening-failed")
#: Every check a page's text can trigger: the built-in text checks and the policy word lists.
TEXT_CHECKS = frozenset(code for code in CHECKS if not code.startswith(ATTACHMENT_ONLY)) | {"word-list"}
#: Severities that hold whatever the policy says (the first two are floors).
KEY_SEVERITIES = {"secrecy-marking": "block", "id-number": "block", "mobile-number": "warn"}
LINT_LINE = r"^{path}:\d+:\d+: (block|warn) R-\d\d .+$"


# ---------------------------------------------------------------- independent validators


_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def id_check_char(first17: str) -> str:
    """ISO 7064 MOD 11-2 check character of a resident ID number (GB 11643)."""
    return "10X98765432"[sum(int(d) * w for d, w in zip(first17, _ID_WEIGHTS, strict=True)) % 11]


def is_id_number(number: str) -> bool:
    """18 characters, a real birth date and the right check character."""
    number = number.upper()
    if not re.fullmatch(r"[1-8]\d{16}[\dX]", number):
        return False
    try:
        dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return False
    return id_check_char(number[:17]) == number[17]


def luhn_ok(number: str) -> bool:
    digits = [int(d) for d in reversed(number)]
    return sum(d if i % 2 == 0 else (d * 2 - 9 if d > 4 else d * 2) for i, d in enumerate(digits)) % 10 == 0


_USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def is_social_credit_code(code: str) -> bool:
    """A unified social credit code with a correct GB 32100 check character."""
    if not re.fullmatch(f"[{_USCC_CHARS}]{{18}}", code):
        return False
    total = sum(_USCC_CHARS.index(c) * w for c, w in zip(code[:17], _USCC_WEIGHTS, strict=True))
    return _USCC_CHARS[(31 - total % 31) % 31] == code[17]


def digits(text: str) -> str:
    """Digits (and the ID check letter) of ``text`` after NFKC: what a number "repeats"."""
    return re.sub("[^0-9x]", "", unicodedata.normalize("NFKC", text).lower())


# ---------------------------------------------------------------- screening the corpus


@functools.cache
def corpus_policy() -> Policy:
    return load_policy_dir(POLICIES)


def uses_policy(name: str) -> bool:
    return name.startswith(WITH_POLICY)


@functools.cache
def findings_of(name: str, with_policy: bool | None = None) -> tuple[Finding, ...]:
    policy = corpus_policy() if (uses_policy(name) if with_policy is None else with_policy) else None
    return screen_file(CORPUS / name, policy, typography=True).findings  # the corpus covers the opt-in typography checks too


def expected_of(name: str) -> list[dict[str, object]]:
    return EXPECTED.get(name) or []


def numbers_of(name: str) -> list[str]:
    return [str(e["number"]).lower() for e in expected_of(name) if "number" in e]


def shown(findings: tuple[Finding, ...]) -> str:
    return "\n".join(f"  {f.line}:{f.col} {f.code} {f.severity} {dict(f.params)}" for f in findings) or "  (none)"


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("GOVREVIEW_LANG", None)
    return subprocess.run([sys.executable, "-m", "govreview.cli", *args], cwd=CORPUS, capture_output=True, text=True, env=env)


# ---------------------------------------------------------------- the corpus itself


def test_every_page_has_expectations_and_every_expectation_a_page():
    assert set(PAGES) == set(EXPECTED), (
        f"pages without expectations: {sorted(set(PAGES) - set(EXPECTED))}; "
        f"expectations without a page: {sorted(set(EXPECTED) - set(PAGES))}"
    )
    assert len(CLEAN) >= 8
    for name, entries in EXPECTED.items():
        for entry in entries or []:
            assert set(entry) <= {"check", "line", "severity", "number"}, (name, entry)
            assert entry["check"] in TEXT_CHECKS, (name, entry)
            assert isinstance(entry["line"], int) and entry["line"] >= 1, (name, entry)
            assert entry.get("severity", "warn") in ("block", "warn"), (name, entry)


def test_expectations_cover_every_text_check():
    """A guard: a new text check in CHECKS needs a page that shows it."""
    seen = {entry["check"] for entries in EXPECTED.values() for entry in entries or []}
    missing = sorted(TEXT_CHECKS - seen)
    assert not missing, f"no corpus page exercises: {missing}"


def test_corpus_policy_is_complete_and_valid():
    policy = corpus_policy()
    assert "policy" in policy.categories
    assert policy.screening.words and any(w.severity == "block" for w in policy.screening.words)
    assert policy.screening.allow_numbers
    assert dict(policy.screening.severity) == {"internal-use": "block", "number-format": "off"}


def test_corpus_numbers_are_what_they_claim():
    """The personal numbers are valid, and the near misses really are not."""
    for name, entries in EXPECTED.items():
        text = digits((CORPUS / name).read_text(encoding="utf-8"))
        for entry in entries or []:
            if "number" not in entry:
                continue
            number = str(entry["number"])
            assert number.lower() in text, (name, number)
            if entry["check"] == "id-number":
                assert is_id_number(number), number
            elif entry["check"] == "mobile-number":
                assert re.fullmatch(r"1[3-9]\d{9}", number), number
            else:
                assert entry["check"] == "bank-card" and luhn_ok(number), number
    # pii-id-numbers.md: a wrong check digit; a right check digit but birth month 13
    assert id_check_char("42010219850312123") != "9" and not is_id_number("420102198503121239")
    assert id_check_char("42010219851332123") == "3" and not is_id_number("420102198513321233")
    assert not luhn_ok("420102198503121239") and not luhn_ok("420102198513321233")  # nor card numbers
    # pii-bank-card.md: the card number with a wrong last digit
    assert not luhn_ok("6222021234567890127")
    # clean/procurement-result.md: a real-looking credit code that happens to pass Luhn
    assert is_social_credit_code("914201007717380897") and luhn_ok("914201007717380897")
    assert is_social_credit_code("11420100MB12345671")


# ---------------------------------------------------------------- findings per page


@pytest.mark.parametrize("name", PAGES)
def test_page_findings(name):
    """Exactly the expected (check, line) multiset, with the expected severities."""
    found = findings_of(name)
    want = expected_of(name)
    got = Counter((f.code, f.line) for f in found)
    assert got == Counter((str(e["check"]), int(e["line"])) for e in want), (
        f"{name}{' (with policy)' if uses_policy(name) else ''}:\n{shown(found)}"
    )
    with_severity = Counter((str(e["check"]), int(e["line"]), str(e["severity"])) for e in want if "severity" in e)
    assert not with_severity - Counter((f.code, f.line, f.severity) for f in found), f"{name}: severities differ:\n{shown(found)}"
    if name in CLEAN:  # the policy's word list and settings add nothing to a clean page
        under_policy = findings_of(name, with_policy=True)
        assert not under_policy, f"{name} (with policy):\n{shown(under_policy)}"


@pytest.mark.parametrize("name", PAGES)
def test_findings_never_repeat_a_personal_number(name):
    """ID, mobile and card numbers are masked in every finding, whatever its check."""
    numbers = numbers_of(name)
    for f in findings_of(name):
        for key, value in f.params.items():
            leaked = [n for n in numbers if n in digits(str(value))]
            assert not leaked, f"{name}:{f.line}:{f.col} {f.code} repeats {leaked} in {key}={value!r}"


def test_key_checks_have_their_severity_and_rule():
    for name in PAGES:
        for f in findings_of(name):
            if f.code in KEY_SEVERITIES:
                assert f.severity == KEY_SEVERITIES[f.code], (name, f)
            if f.code in CHECKS:
                assert f.rule == CHECKS[f.code][1], (name, f)
            else:
                assert f.code == "word-list" and re.fullmatch(r"R-\d\d", f.rule), (name, f)


# ---------------------------------------------------------------- the command line


def test_cli_clean_folder_exits_0_and_prints_nothing():
    proc = run_cli("screen", "clean", "--policies", "policies")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.splitlines() == []


def test_cli_flagged_page_exits_1_with_one_lint_line_per_finding():
    name = "flagged/secrecy-formats.md"
    proc = run_cli("screen", name, "--no-policies")
    assert proc.returncode == 1, proc.stderr
    lines = proc.stdout.splitlines()
    pattern = re.compile(LINT_LINE.format(path=re.escape(name)))
    assert lines and all(pattern.match(line) for line in lines), lines
    assert sorted(int(line.split(":")[1]) for line in lines) == sorted(int(e["line"]) for e in expected_of(name))
    assert all(" block R-03 " in line for line in lines)


def test_cli_warnings_only_exit_0():
    name = "flagged/seal-signature.md"
    proc = run_cli("screen", name, "--no-policies")
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert len(lines) == len(expected_of(name))
    assert all(re.match(LINT_LINE.format(path=re.escape(name)), line) and " warn R-20 " in line for line in lines), lines


def test_cli_uses_the_policy_folder():
    name = "flagged/with-policy/word-list.md"
    proc = run_cli("screen", name, "--policies", "policies")
    assert proc.returncode == 1, proc.stderr
    assert len(proc.stdout.splitlines()) == len(expected_of(name))
    without = run_cli("screen", name, "--no-policies")
    assert without.returncode == 0 and without.stdout == ""


def test_cli_json_has_the_findings():
    names = ["flagged/pii-id-numbers.md", "flagged/pii-mobile.md"]
    proc = run_cli("screen", *names, "--json", "--no-policies")
    assert proc.returncode == 1, proc.stderr
    data = json.loads(proc.stdout)
    assert data["not_screened"] == []
    got = Counter((row["path"], row["check"], row["line"]) for row in data["findings"])
    assert got == Counter((name, e["check"], e["line"]) for name in names for e in expected_of(name))
    for row in data["findings"]:
        assert row["severity"] == KEY_SEVERITIES[row["check"]] and row["rule"] == "R-21"
        assert row["excerpt"] and "*" in row["excerpt"]


def test_cli_output_never_repeats_a_personal_number():
    proc = run_cli("screen", "flagged", "--no-policies")
    assert proc.returncode == 1, proc.stderr
    numbers = {n for name in PAGES if not uses_policy(name) for n in numbers_of(name)}
    for line in proc.stdout.splitlines():
        leaked = [n for n in numbers if n in digits(line)]
        assert not leaked, f"{line!r} repeats {leaked}"


def test_cli_missing_path_is_a_usage_error():
    proc = run_cli("screen", "flagged/no-such-page.md", "--policies", "policies")
    assert proc.returncode == 2
    assert "no-such-page.md" in proc.stderr and proc.stdout == ""


def test_cli_typography_runs_only_when_asked():
    name = "flagged/typography.md"
    plain = run_cli("screen", name, "--no-policies")
    asked = run_cli("screen", name, "--no-policies", "--typography")
    assert plain.returncode == asked.returncode == 0, plain.stderr + asked.stderr
    assert plain.stdout.splitlines() == []
    assert len(asked.stdout.splitlines()) == len(expected_of(name))
    assert all(" warn R-21 " in line for line in asked.stdout.splitlines())
