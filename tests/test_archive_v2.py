"""Archive format 2: the hash chain, every record type, appending, the one migration
from format 1, and the guide's worked examples checked against the code."""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from evidence import PR
from govreview.archive_jsonl import (
    ArchiveError,
    migrate,
    open_for_append,
    parse_archive,
    read_archive,
    record_publications,
    write_archive,
)
from govreview.core.records import Assignment, Baseline, Clearance, Correction, Takedown, Withdrawal, first_publication
from govreview.policy_yaml import policy_id
from guide_archive import chained, line_hash

ROOT = Path(__file__).resolve().parent.parent
GUIDE = ROOT / "guide" / "archive-format.md"
POLICY_FILES = {"policies/site.yml": "version: 1\nsite:\n  name: 测试县人民政府\n"}
POLICIES = {policy_id(POLICY_FILES): POLICY_FILES}
T0 = datetime(2027, 3, 1, 1, 0, tzinfo=UTC)


def iso(minutes: float) -> str:
    return (T0 + timedelta(minutes=minutes)).isoformat()


def pull7() -> Any:
    return (
        PR(number=7, author="editor", title="关于调整办事地点的通告")
        .push(0, {"docs/notices/a.md": "blob-a1"})
        .approve("li-qiang", 10)
        .label("保密审查通过", "feng-lan", 11)
        .merged(100)
    )


def valid_rows(tmp_path: Path) -> list[dict[str, Any]]:
    """Line 1 header, 2 policy, 3 pull #7 (its review has id 501)."""
    path = tmp_path / "base.jsonl"
    write_archive(path, POLICIES, [pull7()])
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    rows[2]["reviews"][0]["id"] = 501
    return rows


def written(tmp_path: Path, rows: list[Any], name: str = "approvals.jsonl") -> Path:
    path = tmp_path / name
    path.write_bytes(chained(rows))
    return path


def error_of(path: Path) -> ArchiveError:
    with pytest.raises(ArchiveError) as info:
        read_archive(path)
    return info.value


@pytest.fixture(autouse=True)
def chinese(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GOVREVIEW_LANG", raising=False)


# -- the hash chain ---------------------------------------------------------------------------


def test_written_archive_carries_seq_and_prev_from_the_header_on(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    write_archive(path, POLICIES, [pull7()])
    lines = path.read_bytes().split(b"\n")
    assert lines[-1] == b"" and len(lines) == 4
    assert json.loads(lines[0]) == {"type": "header", "format": "govreview-archive", "version": 2}
    for number in (2, 3):
        row = json.loads(lines[number - 1])
        assert row["seq"] == number - 1
        assert row["prev"] == "sha256:" + hashlib.sha256(lines[number - 2]).hexdigest()
    archive = read_archive(path)
    assert archive.tip is not None and archive.tip.seq == 2 and archive.tip.hash == line_hash(lines[2])


def _edit_byte(data: bytes) -> bytes:
    lines = data.split(b"\n")
    lines[1] = lines[1].replace(b"\xe6\xb5\x8b\xe8\xaf\x95", "试测".encode())  # 测试 -> 试测 inside the policy text
    return b"\n".join(lines)


def _policy_fixed(data: bytes) -> bytes:
    """Line 2 edited and its policy id recomputed: the record itself is valid again."""
    lines = data.split(b"\n")
    row = json.loads(lines[1])
    row["files"]["policies/site.yml"] = row["files"]["policies/site.yml"].replace("测试", "试测")
    row["id"] = policy_id(row["files"])
    lines[1] = json.dumps(row, ensure_ascii=False).encode()
    return b"\n".join(lines)


def _delete(number: int) -> Callable[[bytes], bytes]:
    def edit(data: bytes) -> bytes:
        lines = data.split(b"\n")
        del lines[number - 1]
        return b"\n".join(lines)

    return edit


def _swap(data: bytes) -> bytes:
    lines = data.split(b"\n")
    lines[1], lines[2] = lines[2], lines[1]
    return b"\n".join(lines)


def _header_edit(data: bytes) -> bytes:
    return data.replace(b'"version": 2}', b'"version": 2, "note": "x"}', 1)


def _whitespace(data: bytes) -> bytes:
    lines = data.split(b"\n")
    lines[2] = lines[2].replace(b'"number": 7', b'"number":  7')  # same JSON, other bytes
    return b"\n".join(lines)


def _seq_only(data: bytes) -> bytes:
    """A forger who re-hashes every line but leaves out a record: prev holds, seq does not."""
    lines = data.split(b"\n")[:-1]
    del lines[1]
    out = [lines[0]]
    for line in lines[1:]:
        row = json.loads(line)
        row["prev"] = line_hash(out[-1])
        out.append(json.dumps(row, ensure_ascii=False).encode())
    return b"\n".join(out) + b"\n"


@pytest.mark.parametrize(
    ("edit", "line", "word"),
    [
        pytest.param(_whitespace, 4, "哈希链断裂", id="whitespace-in-a-record"),
        pytest.param(_policy_fixed, 3, "哈希链断裂", id="edited-record-valid-on-its-own"),
        pytest.param(_header_edit, 2, "哈希链断裂", id="edited-header"),
        pytest.param(_delete(3), 3, "哈希链断裂", id="deleted-line"),
        pytest.param(_swap, 2, "哈希链断裂", id="swapped-lines"),
        pytest.param(_seq_only, 2, "序号", id="rehashed-after-a-deletion"),
        pytest.param(_edit_byte, 2, "id", id="edited-policy-text"),
    ],
)
def test_any_edit_breaks_the_archive_at_the_line_it_shows(tmp_path: Path, edit: Callable[[bytes], bytes], line: int, word: str) -> None:
    path = tmp_path / "approvals.jsonl"
    write_archive(path, POLICIES, [pull7(), PR(number=8).push(0, {"docs/b.md": "b1"}).merged(200)])
    path.write_bytes(edit(path.read_bytes()))
    err = error_of(path)
    assert (err.file, err.line) == (str(path), line), str(err)
    assert word in err.message
    if word == "哈希链断裂":
        assert err.message.startswith(f"第 {line} 行：哈希链断裂") and "档案可能被改动或删除了行" in err.message
        assert "hash chain is broken" in err.text("en")


@pytest.mark.parametrize(
    ("edit", "line", "word"),
    [
        pytest.param(lambda d: d.replace(b"\n", b"\r\n"), 1, "CRLF", id="crlf"),
        pytest.param(lambda d: d[:-1], 3, "换行符", id="no-final-newline"),
        pytest.param(lambda d: d + b"\n", 4, "空行", id="blank-last-line"),
        pytest.param(lambda d: b"\xef\xbb\xbf" + d, 1, "JSON", id="bom"),
    ],
)
def test_byte_rules(tmp_path: Path, edit: Callable[[bytes], bytes], line: int, word: str) -> None:
    path = tmp_path / "approvals.jsonl"
    write_archive(path, POLICIES, [pull7()])
    path.write_bytes(edit(path.read_bytes()))
    err = error_of(path)
    assert err.line == line and word in err.message, str(err)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        pytest.param('{"type": "publication", "seq": 3, "prev": "P", "seq": 3}', "两次", id="duplicate-key"),
        pytest.param('{"type": "publication", "seq": 3, "prev": "P", "n": NaN}', "NaN", id="nan"),
    ],
)
def test_ambiguous_json_is_refused(tmp_path: Path, text: str, word: str) -> None:
    path = tmp_path / "approvals.jsonl"
    write_archive(path, POLICIES, [pull7()])
    data = path.read_bytes()
    last = data.split(b"\n")[-2]
    path.write_bytes(data + text.replace("P", line_hash(last)).encode() + b"\n")
    err = error_of(path)
    assert err.line == 4 and word in err.message


def test_the_archive_error_names_file_and_line_in_chinese_and_renders_in_english(tmp_path: Path) -> None:
    path = tmp_path / "approvals.jsonl"
    write_archive(path, POLICIES, [pull7()])
    path.write_bytes(_delete(2)(path.read_bytes()))
    err = error_of(path)
    assert str(err) == f"{path}:2: 第 2 行：哈希链断裂（prev 与第 1 行内容的哈希不符），档案可能被改动或删除了行；整个档案不予采用"
    assert err.text("en").startswith(f"{path}:2: line 2: the hash chain is broken")
    assert err.messages[0].code == "archive.chain_broken"


# -- version 1: refused, except by the migration ----------------------------------------------


def v1_bytes(tmp_path: Path, pulls: list[Any]) -> bytes:
    """A version 1 archive, as version 1 wrote it: no chain, no merged_by, no ready_at."""
    path = tmp_path / "tmp-v2.jsonl"
    write_archive(path, POLICIES, pulls)
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        for key in ("seq", "prev", "merged_by", "ready_at"):
            row.pop(key, None)
        if row["type"] == "header":
            row["version"] = 1
        out.append(json.dumps(row, ensure_ascii=False))
    path.unlink()
    return ("\n".join(out) + "\n").encode()


def test_a_version_1_archive_is_refused_with_the_migration_advice(tmp_path: Path) -> None:
    path = tmp_path / "approvals.jsonl"
    path.write_bytes(v1_bytes(tmp_path, [pull7()]))
    err = error_of(path)
    assert err.line == 1 and "版本 1" in err.message and f"govreview archive migrate {path}" in err.message


def test_migration_converts_version_1_once(tmp_path: Path) -> None:
    second = PR(number=8, author="lin-na").push(0, {"docs/about/c.md": "blob-c1"}).approve("guo-peng", 5).merged(200)
    old = tmp_path / "v1.jsonl"
    old.write_bytes(v1_bytes(tmp_path, [pull7(), second]).replace(b"\n", b"\n\n", 1))  # version 1 allowed blank lines
    new = tmp_path / "v2.jsonl"
    assert migrate(old, new) == 3
    archive = read_archive(new)
    assert sorted(archive.pulls, key=lambda p: p.number) == [pull7(), second]
    assert all(p.merged_by is None and p.ready_at is None for p in archive.pulls)
    assert dict(archive.policies) == POLICIES
    header = json.loads(new.read_bytes().split(b"\n")[0])
    assert header["version"] == 2
    assert header["migrated_from"] == {"version": 1, "sha256": "sha256:" + hashlib.sha256(old.read_bytes()).hexdigest()}
    # once: the result is not migrated again, and nothing is overwritten
    with pytest.raises(ArchiveError) as again:
        migrate(new, tmp_path / "v3.jsonl")
    assert "不需要迁移" in again.value.message and not (tmp_path / "v3.jsonl").exists()
    before = new.read_bytes()
    with pytest.raises(ArchiveError) as exists:
        migrate(old, new)
    assert "已存在" in exists.value.message and new.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["v1.jsonl", "v2.jsonl"]


def test_an_invalid_version_1_archive_is_not_migrated(tmp_path: Path) -> None:
    old = tmp_path / "v1.jsonl"
    data = v1_bytes(tmp_path, [pull7()]).replace(b'"merged_at": ', b'"merged_at_": ')
    old.write_bytes(data)
    with pytest.raises(ArchiveError) as err:
        migrate(old, tmp_path / "v2.jsonl")
    assert err.value.line == 3 and "merged_at" in err.value.message
    assert not (tmp_path / "v2.jsonl").exists()


def test_the_migrated_example_archive_keeps_every_pull_request(tmp_path: Path) -> None:
    example = read_archive(ROOT / "archive" / "approvals.jsonl")
    old = tmp_path / "v1.jsonl"
    old.write_bytes(v1_bytes(tmp_path, list(example.pulls)))
    migrate(old, tmp_path / "v2.jsonl")
    migrated = read_archive(tmp_path / "v2.jsonl")
    assert sorted(migrated.pulls, key=lambda p: p.number) == sorted(
        (replace(p, merged_by=None, ready_at=None) for p in example.pulls), key=lambda p: p.number
    )


def cli(cwd: Path, *args: str, lang: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("GOVREVIEW_LANG", None)
    return subprocess.run(
        [sys.executable, "-m", "govreview.cli", *(["--lang", lang] if lang else []), *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=env,
    )


def test_the_migrate_command(tmp_path: Path) -> None:
    (tmp_path / "v1.jsonl").write_bytes(v1_bytes(tmp_path, [pull7()]))
    done = cli(tmp_path, "archive", "migrate", "v1.jsonl", "v2.jsonl")
    assert done.returncode == 0, done.stderr
    assert "2 条记录" in done.stdout and "v2.jsonl" in done.stdout
    assert [p.number for p in read_archive(tmp_path / "v2.jsonl").pulls] == [7]
    again = cli(tmp_path, "archive", "migrate", "v2.jsonl", "v3.jsonl", lang="en")
    assert again.returncode == 1 and "already a version 2 archive" in again.stderr and "Traceback" not in again.stderr


# -- the records beyond pull requests ---------------------------------------------------------

PUBLICATION = {
    "type": "publication",
    "path": "docs/notices/a.md",
    "blob": "blob-a1",
    "published_at": iso(130),
    "run": "991",
    "commit": "m7",
}
CLEARANCE = {
    "type": "clearance",
    "pull": 7,
    "head": "c7x1",
    "path": "docs/notices/a.md",
    "blob": "blob-a1",
    "check": "word-list",
    "rule": "R-21",
    "line": 12,
    "column": 5,
    "text": "北朝鲜",
    "by": "li-qiang",
    "at": iso(10),
    "review": 501,
}
ROSTER = {
    "type": "roster",
    "resolved_at": iso(99),
    "pull": 7,
    "policy": policy_id(POLICY_FILES),
    "people": [
        {
            "login": "li-qiang",
            "name": "李强",
            "title": "办公室主任",
            "assignments": [
                {"role": "unit_head", "unit": "office", "valid_from": "2027-01-01T00:00:00+08:00", "valid_to": "2027-07-01T00:00:00+08:00"},
                {"role": "deputy_leader", "valid_from": "2027-02-01T00:00:00+08:00", "acting": True, "delegated_by": "sun-hao"},
            ],
        },
        {"login": "feng-lan", "name": "冯兰"},
    ],
    "teams": [{"team": "city/leaders", "members": ["sun-hao"], "resolved_at": iso(98)}],
}
WITHDRAWAL = {
    "type": "withdrawal",
    "path": "docs/notices/a.md",
    "blob": "blob-a1",
    "reason": "办事地点调整已停止执行，原通告撤下。",
    "approved_by": "lin-na",
    "pull": 7,
    "at": iso(300),
}
CORRECTION = {
    "type": "correction",
    "path": "docs/notices/a.md",
    "old_blob": "blob-a1",
    "new_blob": "blob-a2",
    "pull": 7,
    "at": iso(200),
    "note": "更正了办公时间。",
}
TAKEDOWN = {
    "type": "takedown",
    "id": "run-77",
    "path": "docs/notices/a.md",
    "blob": "blob-a1",
    "by": "lin-na",
    "at": iso(150),
    "reason": "误发",
}
BASELINE = {
    "type": "baseline",
    "path": "docs/about/jianjie.md",
    "blob": "blob-j1",
    "source": "2025 年第 3 号发布审批表（纸质）",
    "approved_on": "2025-03-02",
    "published_on": "2025-03-04",
    "recorded_by": "lin-na",
    "at": iso(-60),
}


def with_records(tmp_path: Path, *records: dict[str, Any], baselines: tuple[dict[str, Any], ...] = ()) -> Path:
    rows = valid_rows(tmp_path)
    return written(tmp_path, [rows[0], *baselines, *rows[1:], *records])


def test_every_record_type_is_read_into_plain_data(tmp_path: Path) -> None:
    confirmed = {**TAKEDOWN, "confirmed_by": 7}
    path = with_records(tmp_path, PUBLICATION, CLEARANCE, ROSTER, WITHDRAWAL, CORRECTION, TAKEDOWN, confirmed, baselines=(BASELINE,))
    archive = read_archive(path)
    (pub,) = archive.publications
    assert (pub.path, pub.blob, pub.run, pub.commit) == ("docs/notices/a.md", "blob-a1", "991", "m7")
    assert first_publication(archive.publications, "docs/notices/a.md") == pub
    assert first_publication(archive.publications, "docs/notices/a.md", "blob-a2") is None
    assert archive.clearances == (
        Clearance(
            7, "c7x1", "docs/notices/a.md", "blob-a1", "word-list", 12, "北朝鲜", "li-qiang", T0 + timedelta(minutes=10), 501, "R-21", 5
        ),
    )
    (roster,) = archive.rosters
    li = roster.person("li-qiang")
    assert li is not None and (li.name, li.title) == ("李强", "办公室主任")
    head, deputy = li.assignments
    assert head == Assignment(
        "unit_head",
        datetime.fromisoformat("2027-01-01T00:00:00+08:00"),
        datetime.fromisoformat("2027-07-01T00:00:00+08:00"),
        "office",
    )
    assert deputy.acting and deputy.delegated_by == "sun-hao" and deputy.valid_to is None
    assert li.roles_at(datetime.fromisoformat("2027-01-15T09:00:00+08:00")) == (head,)
    assert not head.holds_at(datetime.fromisoformat("2027-07-01T00:00:00+08:00"))
    assert roster.person("feng-lan") is not None and roster.person("nobody") is None
    assert roster.teams[0].members == frozenset({"sun-hao"}) and roster.pull == 7
    assert archive.withdrawals == (
        Withdrawal("docs/notices/a.md", "blob-a1", WITHDRAWAL["reason"], "lin-na", 7, T0 + timedelta(minutes=300)),
    )
    assert archive.corrections == (
        Correction("docs/notices/a.md", "blob-a1", "blob-a2", 7, T0 + timedelta(minutes=200), "更正了办公时间。"),
    )
    assert archive.takedowns == (Takedown("run-77", "docs/notices/a.md", "lin-na", T0 + timedelta(minutes=150), "误发", "blob-a1", 7),)
    assert archive.baselines == (
        Baseline(
            "docs/about/jianjie.md", "blob-j1", BASELINE["source"], "lin-na", T0 - timedelta(hours=1), date(2025, 3, 2), date(2025, 3, 4)
        ),
    )


def test_a_minor_correction_needs_the_office(tmp_path: Path) -> None:
    minor = {k: v for k, v in CORRECTION.items() if k != "note"} | {"minor": True, "approved_by": "lin-na"}
    (c,) = read_archive(with_records(tmp_path, minor)).corrections
    assert c.minor and c.note is None and c.approved_by == "lin-na"


def _without(record: dict[str, Any], key: str) -> dict[str, Any]:
    return {k: v for k, v in record.items() if k != key}


BAD_RECORDS = [
    pytest.param([_without(PUBLICATION, "published_at")], "published_at", id="publication-no-time"),
    pytest.param([PUBLICATION | {"published_at": "2027-03-01 09:00"}], "published_at", id="publication-naive-time"),
    pytest.param([PUBLICATION | {"run": 991}], "run", id="publication-run-number"),
    pytest.param([PUBLICATION | {"path": " "}], "不能为空", id="publication-empty-path"),
    pytest.param([CLEARANCE | {"pull": 9}], "#9", id="clearance-unknown-pull"),
    pytest.param([CLEARANCE | {"review": 502}], "502", id="clearance-unknown-review"),
    pytest.param([CLEARANCE | {"by": "feng-lan"}], "feng-lan", id="clearance-someone-else"),
    pytest.param([CLEARANCE | {"head": "c7x0"}], "c7x0", id="clearance-other-head"),
    pytest.param([CLEARANCE | {"line": 0}], "正整数", id="clearance-line-0"),
    pytest.param([_without(CLEARANCE, "text")], "text", id="clearance-no-text"),
    pytest.param([ROSTER | {"pull": 8}], "#8", id="roster-unknown-pull"),
    pytest.param([_without(ROSTER, "people")], "people", id="roster-no-people"),
    pytest.param(
        [ROSTER | {"people": [{"login": "x", "name": "某", "assignments": [{"role": "r", "valid_from": iso(5), "valid_to": iso(5)}]}]}],
        "valid_to",
        id="roster-empty-interval",
    ),
    pytest.param(
        [ROSTER | {"teams": [{"team": "city/leaders", "members": "sun-hao", "resolved_at": iso(1)}]}], "members", id="roster-members-text"
    ),
    pytest.param(
        [ROSTER | {"people": [{"login": "x", "name": "某", "assignments": [{"role": "r", "valid_from": iso(5), "acting": "yes"}]}]}],
        "acting",
        id="roster-acting-text",
    ),
    pytest.param([WITHDRAWAL | {"reason": ""}], "reason", id="withdrawal-no-reason"),
    pytest.param([_without(WITHDRAWAL, "approved_by")], "approved_by", id="withdrawal-no-approver"),
    pytest.param([WITHDRAWAL | {"pull": 70}], "#70", id="withdrawal-unknown-pull"),
    pytest.param([CORRECTION | {"minor": True, "approved_by": "lin-na"}], "二者取其一", id="correction-note-and-minor"),
    pytest.param([_without(CORRECTION, "note")], "二者取其一", id="correction-neither"),
    pytest.param([_without(CORRECTION, "note") | {"minor": True}], "approved_by", id="correction-minor-unapproved"),
    pytest.param([TAKEDOWN, TAKEDOWN | {"reason": "另一个理由"}], "run-77", id="takedown-rewritten"),
    pytest.param([TAKEDOWN | {"confirmed_by": 7}, TAKEDOWN | {"confirmed_by": None}], "run-77", id="takedown-unconfirmed-again"),
    pytest.param([TAKEDOWN | {"confirmed_by": 12}], "#12", id="takedown-unknown-pull"),
    pytest.param([BASELINE], "之前", id="baseline-after-pull"),
    pytest.param([{"type": "comment", "text": "备注"}], "comment", id="unknown-type"),
]


@pytest.mark.parametrize(("records", "word"), BAD_RECORDS)
def test_malformed_records_fail_closed_at_their_line(tmp_path: Path, records: list[dict[str, Any]], word: str) -> None:
    path = with_records(tmp_path, *records)
    err = error_of(path)
    assert err.line == 3 + len(records), str(err)
    assert word in err.message, err.message


def test_a_baseline_with_a_bad_date_fails_closed(tmp_path: Path) -> None:
    err = error_of(with_records(tmp_path, baselines=(BASELINE | {"approved_on": "2025-3-2"},)))
    assert err.line == 2 and "approved_on" in err.message and "YYYY-MM-DD" in err.message


# -- appending -----------------------------------------------------------------------------------


def test_publications_continue_the_chain_and_keep_the_first_date(tmp_path: Path) -> None:
    path = tmp_path / "approvals.jsonl"
    write_archive(path, POLICIES, [pull7()])
    first = datetime(2027, 3, 2, 9, 0, tzinfo=UTC)
    added = record_publications(path, {"docs/notices/a.md": "blob-a1", "docs/index.md": "blob-i1"}, first, "101", "m7")
    assert [p.path for p in added] == ["docs/index.md", "docs/notices/a.md"]
    later = first + timedelta(days=1)
    again = record_publications(path, {"docs/notices/a.md": "blob-a2", "docs/index.md": "blob-i1"}, later, "102")
    assert [(p.path, p.blob) for p in again] == [("docs/notices/a.md", "blob-a2")]
    archive = read_archive(path)  # the chain holds
    assert archive.tip is not None and archive.tip.seq == 5
    assert len(archive.publications) == 3
    page = first_publication(archive.publications, "docs/notices/a.md")
    assert page is not None and page.published_at == first and page.run == "101"
    assert record_publications(path, {"docs/index.md": "blob-i1"}, later, "103") == []


def test_appending_refuses_an_archive_whose_chain_is_broken(tmp_path: Path) -> None:
    path = tmp_path / "approvals.jsonl"
    write_archive(path, POLICIES, [pull7(), PR(number=8).push(0, {"docs/b.md": "b1"}).merged(200)])
    path.write_bytes(_delete(3)(path.read_bytes()))
    before = path.read_bytes()
    with pytest.raises(ArchiveError):
        record_publications(path, {"docs/b.md": "b1"}, T0, "1")
    assert path.read_bytes() == before


def test_a_half_written_last_line_is_dropped_before_appending(tmp_path: Path) -> None:
    path = tmp_path / "approvals.jsonl"
    write_archive(path, POLICIES, [pull7()])
    whole = path.read_bytes()
    path.write_bytes(whole + b'{"type": "publication", "seq": 3, "pr')
    assert error_of(path).line == 4  # a reader refuses it
    archive, appender = open_for_append(path)
    assert path.read_bytes() == whole and appender.tip == archive.tip


def test_a_new_archive_is_started_with_its_header(tmp_path: Path) -> None:
    path = tmp_path / "new" / "approvals.jsonl"
    archive, appender = open_for_append(path)
    assert archive.pulls == () and appender.tip.seq == 0
    assert path.read_bytes() == b'{"type": "header", "format": "govreview-archive", "version": 2}\n'


# -- the guide's worked examples ----------------------------------------------------------------


def _block(marker: str) -> str:
    text = GUIDE.read_text(encoding="utf-8")
    found = re.search(rf"<!-- {re.escape(marker)} -->\n```\w*\n(.*?)```", text, re.S)
    assert found, marker
    return found.group(1)


def test_the_guide_policy_id_example_is_what_policy_id_computes() -> None:
    files = json.loads(_block("policy-id-example:files"))
    stated = re.search(r"<!-- policy-id-example:id -->\n`(sha256:[0-9a-f]{64})`", GUIDE.read_text(encoding="utf-8"))
    assert stated
    hashed = bytes.fromhex(_block("policy-id-example:bytes").replace("|", " ").replace("\n", " "))
    expected = b""
    for name in sorted(files):
        for part in (name, files[name]):
            data = part.encode("utf-8")
            expected += len(data).to_bytes(8, "big") + data
    assert hashed == expected and len(hashed) == 94
    assert "sha256:" + hashlib.sha256(hashed).hexdigest() == stated.group(1) == policy_id(files)


def test_the_guide_chain_example_is_an_archive_the_reader_accepts() -> None:
    data = _block("chain-example").encode("utf-8")
    archive = parse_archive(data, "guide")
    lines = data.split(b"\n")
    assert len(lines[0]) == 63
    assert archive.tip is not None and archive.tip.seq == 2
    assert archive.tip.hash in GUIDE.read_text(encoding="utf-8")
    assert list(archive.policies) == [policy_id(json.loads(_block("policy-id-example:files")))]
    assert archive.publications[0].path == "docs/news/a.md"


@pytest.mark.parametrize(("lang", "words"), [(None, "这是版本 1 的审批档案"), ("en", "this is a version 1 approval archive")])
def test_check_on_a_version_1_archive_says_to_migrate(tmp_path: Path, lang: str | None, words: str) -> None:
    from gitsite import GitSite

    (tmp_path / "site").mkdir()
    site = GitSite(tmp_path / "site")
    site.approve_inputs()
    site.approve_page("docs/index.md")
    assert cli(site.root, "check").returncode == 0
    archive = site.root / "archive" / "approvals.jsonl"
    archive.write_bytes(v1_bytes(tmp_path, site.pulls))
    done = cli(site.root, "check", lang=lang)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert words in done.stderr and "govreview archive migrate" in done.stderr and f"{archive}:1" in done.stderr
