"""``govreview screen --stats``: reviewer load as a number an office reports (issue 12).

A small folder with a known mix of findings: the table and the JSON give the same
findings per 1,000 files, by check, severity and rule, in Chinese or English.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from gitsite import run_govreview

ROOT = Path(__file__).resolve().parent.parent


run = run_govreview


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """Eight files: two block (a marking each), three hold a mobile number (one of
    them twice), one is a format nothing reads, three are clean."""
    (tmp_path / "notice.txt").write_text("秘密★\n联系人：13812345678\n", encoding="utf-8")
    (tmp_path / "brief.txt").write_text("机密★5年\n", encoding="utf-8")
    (tmp_path / "duty.txt").write_text("值班 13912345678，备用 13712345678\n", encoding="utf-8")
    (tmp_path / "contact.csv").write_text("姓名,电话\n张三,15012345678\n", encoding="utf-8")
    (tmp_path / "form.ofd").write_bytes(b"OFD")
    (tmp_path / "plain.txt").write_text("今天天气晴。\n", encoding="utf-8")
    (tmp_path / "map.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"><path d="M110105199003071239 0"/></svg>', encoding="utf-8")
    (tmp_path / "data.json").write_text('{"a": 1}\n', encoding="utf-8")
    return tmp_path


def test_stats_table_counts_findings_per_1000_files_by_check_and_severity(folder):
    result = run(folder, "screen", "--no-policies", "--stats", ".")
    assert result.returncode == 1, "a blocking finding still makes the exit code 1"
    assert "Traceback" not in result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "检查统计：共 8 个文件，5 个文件有发现（62%），共 7 处，每千个文件 875.0 处", lines
    assert lines[1].split() == ["检查项", "级别", "规则", "发现数", "涉及文件数", "每千个文件"]
    rows = [line.split() for line in lines[2:]]
    assert rows == [
        ["密级标志", "(secrecy-marking)", "block", "R-03", "2", "2", "250.0"],
        ["手机号码", "(mobile-number)", "warn", "R-21", "4", "3", "500.0"],
        ["附件需人工审查", "(attachment-unscreened)", "warn", "R-23", "1", "1", "125.0"],
    ], lines
    assert "13812345678" not in result.stdout and "notice.txt:" not in result.stdout, "counts only, no finding lines"


def test_stats_json_gives_the_same_numbers_in_english(folder):
    table = run(folder, "screen", "--no-policies", "--stats", ".", lang="en").stdout.splitlines()
    assert table[0] == "screening statistics: 8 files, 5 with findings (62 %), 7 findings, 875.0 per 1,000 files"
    assert "mobile number (mobile-number)" in table[3] and not any("\u4e00" <= c <= "\u9fff" for c in "".join(table))
    stats = json.loads(run(folder, "screen", "--no-policies", "--stats", "--json", ".", lang="en").stdout)["stats"]
    assert (stats["files"], stats["files_with_findings"], stats["findings"], stats["per_1000_files"]) == (8, 5, 7, 875.0)
    assert [(r["check"], r["severity"], r["rule"], r["findings"], r["files"], r["per_1000_files"]) for r in stats["rows"]] == [
        ("secrecy-marking", "block", "R-03", 2, 2, 250.0),
        ("mobile-number", "warn", "R-21", 4, 3, 500.0),
        ("attachment-unscreened", "warn", "R-23", 1, 1, 125.0),
    ]
    assert stats["rows"][1]["name"] == "mobile number"


def test_stats_count_word_list_findings_by_their_own_severity_and_a_file_nothing_reads(tmp_path):
    shutil.copytree(ROOT / "policies", tmp_path / "policies")  # the example's word list
    (tmp_path / "a.txt").write_text("香港政府发布通告。中华人民共合国\n", encoding="utf-8")
    (tmp_path / "font.woff2").write_bytes(b"\x00\x01binary")
    result = run(tmp_path, "screen", "--stats", "--json", "a.txt", "font.woff2")
    stats = json.loads(result.stdout)["stats"]
    assert result.returncode == 1, "the misspelt country name blocks"
    assert (stats["files"], stats["files_with_findings"], stats["findings"]) == (2, 2, 3), stats
    assert [(r["check"], r["severity"], r["rule"], r["findings"], r["per_1000_files"]) for r in stats["rows"]] == [
        ("word-list", "block", "R-21", 1, 500.0),
        ("attachment-unscreened", "warn", "R-23", 1, 500.0),
        ("word-list", "warn", "R-21", 1, 500.0),
    ]


def test_stats_of_nothing_found(tmp_path):
    (tmp_path / "a.txt").write_text("今天天气晴。\n", encoding="utf-8")
    result = run(tmp_path, "screen", "--no-policies", "--stats", "a.txt")
    assert result.returncode == 0
    assert result.stdout.splitlines() == ["检查统计：共 1 个文件，0 个文件有发现（0%），共 0 处，每千个文件 0.0 处"]
