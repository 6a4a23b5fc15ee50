"""Files that are data, not prose (issue 12: at most one warning per SVG or data file).

Test data (``.in`` / ``.out`` / ``.ans``) and drawings saved as JSON hold values, not
sentences: blanks and line breaks separate test data's values, the digits after a decimal
point are a fraction, and a value repeated in test data is judged once. Personal numbers written as a value are still found. Screened through the
shell as ``govreview screen`` reads files (real files in a temporary folder).
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from govreview.messages import finding_text
from govreview.screen_files import screen_file

MOBILE = "13812345678"
CARD = "4111111111111111"  # passes the Luhn check
LONG = "9223372036854775783"  # a 19-digit value near the 64-bit limit that passes the Luhn check too
ID = "420102198503121238"  # valid birth date and check character (tests/screening_corpus)
#: Values a program reads: small numbers whose digits, glued across blanks or lines, spell a
#: mobile number (13 81 23 45 678) and a card number (41111111 11111111).
GLUED = f"5 3\n13 81 23 45 678\n{CARD[:8]} {CARD[8:]}\n{MOBILE[:5]}\n{MOBILE[5:]}\n"


def findings(tmp_path: Path, name: str, text: str) -> list[tuple[str, int, str]]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return [(f.code, f.line, f.severity) for f in screen_file(path, None).findings]


@pytest.mark.parametrize("name", ["case.in", "case.out", "case.ans", "values.dat"])
def test_test_data_values_are_read_one_by_one(tmp_path, name):
    assert findings(tmp_path, name, GLUED) == []


def test_the_same_text_as_prose_is_read_as_a_reader_reads_numbers_written_in_groups(tmp_path):
    expected = [("mobile-number", 2, "warn"), ("bank-card", 3, "warn"), ("mobile-number", 4, "warn")]
    assert findings(tmp_path, "notice.md", GLUED) == expected
    assert findings(tmp_path, "notice.txt", GLUED) == expected


def test_a_personal_number_written_as_one_value_in_test_data_is_still_found(tmp_path):
    text = f"4\n{MOBILE}\n139-0710-1234\n{CARD} 7\n{ID}\n"
    assert findings(tmp_path, "case.in", text) == [
        ("mobile-number", 2, "warn"),
        ("mobile-number", 3, "warn"),
        ("bank-card", 4, "warn"),
        ("id-number", 5, "block"),
    ]


def test_the_digits_after_a_decimal_point_are_a_fraction_not_a_number(tmp_path):
    # a drawing saved as JSON: coordinates with 16 or 17 digits after the point, here one that passes the Luhn check
    text = f'{{"elements": [{{"focus": -0.{CARD}, "gap": 2.{CARD}7, "x": 0.6000000000000093}}]}}\n'
    assert findings(tmp_path, "dlx.excalidraw", text) == []
    assert findings(tmp_path, "dlx.json", text) == []
    assert findings(tmp_path, "dlx.txt", text.replace(".", " ")) != [], "the same digits as a whole number are read"
    # the whole part is still read: a spreadsheet writes a mobile number as a decimal
    assert findings(tmp_path, "export.csv", f"电话\n{MOBILE}.0\n") == [("mobile-number", 2, "warn")]


def test_a_value_repeated_in_data_is_one_warning_that_names_its_other_lines(tmp_path):
    text = f"3\n{LONG} 2\n7 5\n{LONG} 9\n{LONG}\n"
    path = tmp_path / "mul.in"
    path.write_text(text, encoding="utf-8")
    (finding,) = screen_file(path, None).findings
    assert (finding.code, finding.line, finding.params["again"]) == ("bank-card", 2, (4, 5))
    assert "同一数值另见第 4、5 行" in finding_text(finding.code, finding.params, "zh")
    assert "the same value again on line 4, 5" in finding_text(finding.code, finding.params, "en")
    assert LONG not in str(finding.params), "the number itself is never repeated in full"
    # prose keeps every place, and an ID number (a block, cleared by name) stays at each of its places in data too
    assert [c for c, _, _ in findings(tmp_path, "mul.md", text)] == ["bank-card"] * 3
    assert findings(tmp_path, "ids.in", f"{ID}\n{ID}\n") == [("id-number", 1, "block"), ("id-number", 2, "block")]


def test_test_data_of_the_kind_real_sites_publish_has_at_most_one_warning_per_file(tmp_path):
    """Random blank-separated values like a contest's input (a 200 x 200 matrix of small
    numbers, negative ones too): read as prose they would spell dozens of numbers."""
    rng = random.Random(12)
    rows = [" ".join(str(rng.randint(-100, 100)) for _ in range(200)) for _ in range(200)]
    graph = [f"{rng.randint(1, 50)} {rng.randint(1, 50)} {rng.randint(1, 10**9)}" for _ in range(2000)]
    for name, text in (("simplex.in", "200 200\n" + "\n".join(rows) + "\n"), ("graph.in", "\n".join(graph) + "\n")):
        as_prose = findings(tmp_path, name.replace(".in", ".txt"), text)
        assert len(as_prose) > 1, f"{name}: the case must be one that prose reading flags"
        assert len(findings(tmp_path, name, text)) <= 1
        assert len(findings(tmp_path, name.replace(".in", ".ans"), text)) <= 1
