"""The approval archive on disk (JSON Lines, format 2): a faithful round trip, and fail closed on
anything odd. Malformed archives here are re-chained (tests/guide_archive.py), as a forger who
knows the hash chain would do, so that each check is seen on its own; tests/test_archive_v2.py
tests the chain itself."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from evidence import PR
from govreview.archive_jsonl import ArchiveError, read_archive, write_archive
from govreview.core.evidence import FileChange, Head, PullRecord
from govreview.policy_yaml import policy_id
from guide_archive import chained

SHANGHAI = ZoneInfo("Asia/Shanghai")
POLICY_FILES = {"policies/site.yml": "version: 1\nsite:\n  name: 测试市人民政府\n"}
POLICIES = {policy_id(POLICY_FILES): POLICY_FILES}


@pytest.fixture(autouse=True)
def chinese(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GOVREVIEW_LANG", raising=False)


def first_pull() -> PullRecord:
    return (
        PR(number=7, author="editor", title="关于开展防空警报试鸣的通告")
        .push(0, {"docs/notices/a.md": "blob-a1", "docs/news/b.md": "blob-b1"})
        .approve("li-qiang", 10)
        .push(20, {"docs/news/b.md": "blob-b2"}, committer="web-flow")
        .review("sun-hao", "COMMENTED", 25)
        .review("sun-hao", "CHANGES_REQUESTED", 26)
        .approve("sun-hao", 30)
        .label("保密审查通过", "feng-lan", 31)
        .label("保密审查通过", "feng-lan", 32, action="unlabeled")
        .label("保密审查通过", "he-jing", 33)
        .merged(100)
    )


def second_pull() -> PullRecord:
    pull = PR(number=8, author="lin-na").push(0, {"docs/about/c.md": "blob-c1"}).approve("guo-peng", 5).merged(200)
    return replace(
        pull,
        merged_at=datetime(2026, 3, 3, 9, 30, tzinfo=SHANGHAI),
        files=(
            FileChange("docs/about/c.md", "renamed", "blob-c1", "docs/about/old-c.md"),
            FileChange("docs/about/gone.md", "removed", None),
            FileChange("docs/about/d.md", "modified", "blob-d2"),
        ),
        heads=(*pull.heads, Head("c8x9", None, {"docs/about/c.md": "blob-c1", "docs/about/gone.md": None})),
        teams={"jiangan/leaders": frozenset({"zhao-min", "sun-hao"}), "jiangan/empty": frozenset()},
    )


def records(tmp_path: Path) -> list[dict[str, Any]]:
    """The valid archive as JSON objects: line 1 header, 2 policy, 3 pull #7, 4 pull #8."""
    path = tmp_path / "valid.jsonl"
    write_archive(path, POLICIES, [second_pull(), first_pull()])
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert [r["type"] for r in rows] == ["header", "policy", "pull", "pull"]
    assert [r["number"] for r in rows[2:]] == [7, 8]
    return rows


def write_rows(path: Path, rows: list[Any]) -> Path:
    path.write_bytes(chained(rows))
    return path


def archive_error(path: Path) -> ArchiveError:
    with pytest.raises(ArchiveError) as info:
        read_archive(path)
    return info.value


# -- round trip -----------------------------------------------------------------------


def test_round_trip(tmp_path: Path) -> None:
    pulls = [first_pull(), second_pull()]
    path = tmp_path / "archive" / "approvals.jsonl"  # the folder is created
    write_archive(path, POLICIES, pulls)
    archive = read_archive(path)
    assert sorted(archive.pulls, key=lambda p: p.number) == pulls
    assert archive.policies == POLICIES
    # and the read-back archive writes the same bytes again
    again = tmp_path / "again.jsonl"
    write_archive(again, archive.policies, archive.pulls)
    assert again.read_bytes() == path.read_bytes()


def test_round_trip_keeps_every_detail(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    write_archive(path, POLICIES, [second_pull()])
    (pull,) = read_archive(path).pulls
    renamed = pull.files[0]
    assert (renamed.status, renamed.previous_path) == ("renamed", "docs/about/old-c.md")
    assert pull.files[1].blob is None
    assert pull.heads[-1].pushed_at is None
    assert pull.heads[-1].files == {"docs/about/c.md": "blob-c1", "docs/about/gone.md": None}
    assert pull.teams == {"jiangan/leaders": frozenset({"zhao-min", "sun-hao"}), "jiangan/empty": frozenset()}
    assert pull.merged_at.utcoffset() == timedelta(hours=8)


def test_empty_archive_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    write_archive(path, {}, [])
    archive = read_archive(path)
    assert archive.pulls == () and dict(archive.policies) == {}


def test_identical_duplicate_records_are_fine(tmp_path: Path) -> None:
    rows = records(tmp_path)
    path = write_rows(tmp_path / "a.jsonl", [*rows, rows[2]])
    archive = read_archive(path)
    assert sorted(p.number for p in archive.pulls) == [7, 8]


@pytest.mark.parametrize("where", [2, 5])
def test_blank_lines_are_refused(tmp_path: Path, where: int) -> None:
    """Format 2 chains line to line: a blank line is not skipped, it is an error."""
    path = write_rows(tmp_path / "a.jsonl", records(tmp_path))
    lines = path.read_bytes().split(b"\n")
    lines.insert(where - 1, b"")
    path.write_bytes(b"\n".join(lines))
    err = archive_error(path)
    assert err.line == where and "空行" in err.message


@pytest.mark.parametrize(
    ("merged_at", "submitted_at"),
    [
        ("2026-03-02T01:40:00Z", "2026-03-02T09:40:00+08:00"),
        ("2026-03-02T09:40:00+08:00", "2026-03-02T01:40:00+00:00"),
        ("2026-03-02T01:40:00.250000Z", "2026-03-02T09:40:00.25+08:00"),
    ],
)
def test_times_with_z_and_offsets_parse_aware(tmp_path: Path, merged_at: str, submitted_at: str) -> None:
    rows = records(tmp_path)
    rows[2]["merged_at"] = merged_at
    rows[2]["reviews"][0]["submitted_at"] = submitted_at
    (pull,) = [p for p in read_archive(write_rows(tmp_path / "a.jsonl", rows)).pulls if p.number == 7]
    for moment in (pull.merged_at, pull.reviews[0].submitted_at):
        assert moment.tzinfo is not None and moment.utcoffset() is not None
    assert pull.merged_at == pull.reviews[0].submitted_at
    assert pull.merged_at.astimezone(UTC).replace(microsecond=0) == datetime(2026, 3, 2, 1, 40, tzinfo=UTC)


# -- writing ------------------------------------------------------------------------------


def test_write_is_utf8_with_chinese_unescaped_and_leaves_no_tmp(tmp_path: Path) -> None:
    path = tmp_path / "approvals.jsonl"
    write_archive(path, POLICIES, [first_pull()])
    raw = path.read_bytes()
    assert "关于开展防空警报试鸣的通告".encode() in raw
    assert "保密审查通过".encode() in raw
    assert b"\\u" not in raw
    assert raw.endswith(b"\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["approvals.jsonl"]


def test_rewrite_replaces_whole_file(tmp_path: Path) -> None:
    path = tmp_path / "approvals.jsonl"
    write_archive(path, POLICIES, [first_pull(), second_pull()])
    write_archive(path, {}, [second_pull()])
    archive = read_archive(path)
    assert [p.number for p in archive.pulls] == [8]
    assert dict(archive.policies) == {}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["approvals.jsonl"]


def test_failed_write_keeps_previous_archive(tmp_path: Path) -> None:
    path = tmp_path / "approvals.jsonl"
    write_archive(path, POLICIES, [first_pull()])
    before = path.read_bytes()
    broken = replace(second_pull(), title=object())  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        write_archive(path, POLICIES, [first_pull(), broken])
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["approvals.jsonl"]


# -- fail closed: every malformed archive names file and line ----------------------------

Rows = list[Any]


def drop(row: int, *keys: str | int) -> Callable[[Rows], None]:
    def mutate(rows: Rows) -> None:
        node = rows[row]
        for key in keys[:-1]:
            node = node[key]
        del node[keys[-1]]

    return mutate


def put(row: int, *keys: str | int, value: Any) -> Callable[[Rows], None]:
    def mutate(rows: Rows) -> None:
        node = rows[row]
        for key in keys[:-1]:
            node = node[key]
        node[keys[-1]] = value

    return mutate


def insert(row: int, value: Any) -> Callable[[Rows], None]:
    return lambda rows: rows.insert(row, value)


def duplicate_changed(rows: Rows) -> None:
    other = json.loads(json.dumps(rows[2]))
    other["reviews"] = other["reviews"][:-1]
    rows.append(other)


MALFORMED = [
    # header
    pytest.param(lambda rows: rows.pop(0), 1, "档案头", id="missing-header"),
    pytest.param(put(0, "format", value="govreview-archiv"), 1, "档案头", id="wrong-format"),
    pytest.param(drop(0, "format"), 1, "档案头", id="header-without-format"),
    pytest.param(put(0, "version", value=3), 1, "版本", id="version-3"),
    pytest.param(put(0, "version", value=0), 1, "版本", id="version-0"),
    pytest.param(put(0, "version", value="1"), 1, "版本", id="version-text"),
    pytest.param(drop(0, "version"), 1, "版本", id="version-missing"),
    # record types
    pytest.param(put(3, "type", value="pulls"), 4, "pulls", id="unknown-type"),
    pytest.param(drop(3, "type"), 4, "None", id="no-type"),
    pytest.param(insert(4, {"type": "header", "format": "govreview-archive", "version": 2}), 5, "header", id="second-header"),
    pytest.param(insert(2, ["type", "pull"]), 3, "JSON 对象", id="array-line"),
    # missing fields
    pytest.param(drop(2, "merged_at"), 3, "merged_at", id="missing-merged_at"),
    pytest.param(drop(3, "number"), 4, "number", id="missing-number"),
    pytest.param(drop(3, "files"), 4, "files", id="missing-files"),
    pytest.param(drop(2, "reviews", 0, "commit_id"), 3, "commit_id", id="missing-review-commit"),
    pytest.param(drop(2, "labels", 0, "actor"), 3, "actor", id="missing-label-actor"),
    pytest.param(drop(3, "files", 0, "status"), 4, "status", id="missing-file-status"),
    pytest.param(drop(2, "heads", 0, "files"), 3, "files", id="missing-head-files"),
    pytest.param(drop(2, "commits", 0, "sha"), 3, "sha", id="missing-commit-sha"),
    pytest.param(drop(1, "id"), 2, "id", id="missing-policy-id"),
    # wrong types
    pytest.param(put(2, "number", value="7"), 3, "number", id="number-text"),
    pytest.param(put(2, "number", value=True), 3, "number", id="number-bool"),
    pytest.param(put(2, "number", value=7.0), 3, "number", id="number-float"),
    pytest.param(put(2, "title", value=None), 3, "title", id="title-null"),
    pytest.param(put(2, "files", value={}), 3, "files", id="files-object"),
    pytest.param(put(2, "merged_at", value=1772415600), 3, "merged_at", id="time-number"),
    pytest.param(put(2, "reviews", 0, "login", value=["li-qiang"]), 3, "login", id="login-list"),
    pytest.param(put(2, "files", 0, "blob", value=123), 3, "blob", id="blob-number"),
    pytest.param(put(2, "commits", 0, "author", value=5), 3, "author", id="commit-author-number"),
    pytest.param(put(2, "heads", 0, "files", "docs/news/b.md", value=1), 3, "heads.files", id="head-blob-number"),
    pytest.param(put(1, "files", "policies/site.yml", value=1), 2, "policy.files", id="policy-text-number"),
    pytest.param(put(3, "teams", value=["zhao-min"]), 4, "teams", id="teams-list"),
    pytest.param(put(3, "teams", "jiangan/leaders", value="zhao-min"), 4, "teams", id="team-members-text"),
    pytest.param(put(3, "teams", "jiangan/leaders", value=["zhao-min", 5]), 4, "teams", id="team-member-number"),
    # times without offset
    pytest.param(put(2, "merged_at", value="2026-03-02T09:40:00"), 3, "merged_at", id="naive-merged_at"),
    pytest.param(put(2, "reviews", 0, "submitted_at", value="2026-03-02 09:10:00"), 3, "submitted_at", id="naive-review"),
    pytest.param(put(2, "labels", 0, "at", value="2026-03-02"), 3, "at", id="date-only-label"),
    pytest.param(put(2, "heads", 1, "pushed_at", value="2026-03-02T09:20:00"), 3, "pushed_at", id="naive-push"),
    pytest.param(put(2, "merged_at", value="昨天"), 3, "merged_at", id="not-a-time"),
    # unknown enumerations
    pytest.param(put(2, "reviews", 0, "state", value="approved"), 3, "approved", id="review-state-lowercase"),
    pytest.param(put(2, "reviews", 0, "state", value="APPROVE"), 3, "APPROVE", id="review-state-typo"),
    pytest.param(put(3, "files", 1, "status", value="deleted"), 4, "deleted", id="file-status"),
    pytest.param(put(2, "labels", 0, "action", value="added"), 3, "added", id="label-action"),
    # the same pull request twice, differently
    pytest.param(duplicate_changed, 5, "#7", id="different-duplicate"),
]


@pytest.mark.parametrize(("mutate", "line", "word"), MALFORMED)
def test_malformed_archive_fails_closed(tmp_path: Path, mutate: Callable[[Rows], None], line: int, word: str) -> None:
    rows = records(tmp_path)
    mutate(rows)
    path = write_rows(tmp_path / "approvals.jsonl", rows)
    err = archive_error(path)
    assert err.file == str(path)
    assert err.line == line, str(err)
    assert word in err.message
    assert str(err).startswith(f"{path}:{line}: ")


@pytest.mark.parametrize(
    ("text", "line"),
    [
        pytest.param(None, 3, id="truncated-line"),
        pytest.param('{"type": "pull", "number": 9,}', 5, id="trailing-comma"),
        pytest.param("{'type': 'pull'}", 5, id="single-quotes"),
        pytest.param("\ufeff" + '{"type": "pull"}', 5, id="bom-inside"),
    ],
)
def test_bad_json_names_its_line(tmp_path: Path, text: str | None, line: int) -> None:
    rows = records(tmp_path)
    lines = [json.dumps(r, ensure_ascii=False) for r in rows]
    if text is None:
        lines[2] = lines[2][: len(lines[2]) // 2]  # a write cut short
    else:
        lines.append(text)
    path = tmp_path / "approvals.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    err = archive_error(path)
    assert (err.file, err.line) == (str(path), line)
    assert "JSON" in err.message


@pytest.mark.parametrize("content", [b"", b"\n\n", b"   \n"])
def test_empty_archive_file_fails_closed(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "approvals.jsonl"
    path.write_bytes(content)
    err = archive_error(path)
    assert err.file == str(path)
    assert "档案头" in err.message


def test_missing_archive_fails_closed(tmp_path: Path) -> None:
    path = tmp_path / "approvals.jsonl"
    err = archive_error(path)
    assert err.file == str(path)
    assert err.line is None
    assert "无法读取" in err.message


def test_archive_that_is_a_folder_fails_closed(tmp_path: Path) -> None:
    err = archive_error(tmp_path)
    assert err.file == str(tmp_path)


def test_non_utf8_archive_fails_closed_at_its_line(tmp_path: Path) -> None:
    rows = records(tmp_path)
    lines = [json.dumps(r, ensure_ascii=False).encode("utf-8") for r in rows]
    assert b'"lin-na"' in lines[3]
    lines[3] = lines[3].replace(b'"lin-na"', b'"' + "林娜".encode("gbk") + b'"')  # one name typed in GBK
    path = tmp_path / "approvals.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    err = archive_error(path)
    assert err.file == str(path)
    assert "UTF-8" in err.message
    assert err.line == 4, str(err)


def test_messages_in_english_on_request(tmp_path: Path) -> None:
    rows = records(tmp_path)
    drop(2, "merged_at")(rows)
    path = write_rows(tmp_path / "approvals.jsonl", rows)
    err = archive_error(path)
    assert err.line == 3
    assert err.explain("en") == "missing field 'merged_at'"
    assert err.text("en") == f"{path}:3: missing field 'merged_at'"
    assert err.messages[0].code == "archive.missing_field"


def test_messages_in_chinese_whatever_the_environment_says(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GOVREVIEW_LANG", "en")  # the language is passed where the message is shown
    rows = records(tmp_path)
    drop(2, "merged_at")(rows)
    path = write_rows(tmp_path / "approvals.jsonl", rows)
    err = archive_error(path)
    assert err.message == "缺少字段“merged_at”"
    assert str(err) == f"{path}:3: 缺少字段“merged_at”"


def test_policy_snapshot_whose_id_does_not_match_its_content_fails_closed(tmp_path: Path) -> None:
    path = tmp_path / "approvals.jsonl"
    write_archive(path, POLICIES, [first_pull()])
    text = path.read_text(encoding="utf-8").replace("测试市人民政府", "被篡改的规则")
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ArchiveError) as err:
        read_archive(path)
    assert err.value.line == 2 and "id" in err.value.message
