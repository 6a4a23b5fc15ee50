"""Findings of screening remembered on disk (govreview.findings_cache): a hit gives what a
cold run gives and reads nothing; any change of an input is a miss; a damaged pack or
entry is a miss and is written again; a failure of screening is never remembered; a
second ``govreview check`` on a real site prints the same and extracts nothing again;
the plugin and ``govreview stage`` use what ``check`` remembered. No timing here: see
benchmarks/findings_cache.py.
"""

from __future__ import annotations

import io
import json
from datetime import UTC, date, datetime
from pathlib import Path

import docx
import pytest
from evidence import POLICY_ID, index
from gitsite import MKDOCS, GitSite, article
from govreview import cli, findings_cache, screen_content
from govreview.core.findings import Content
from govreview.core.gate import judge
from govreview.core.policy import Screening, WordEntry
from govreview.core.screen import screen
from govreview.findings_cache import FindingsCache, Screenable, content_id, open_cache
from govreview.plugin.config import GovreviewConfig
from govreview.policy_yaml import load_policy, load_policy_dir
from govreview.screen_content import text_content
from govreview.settings import SettingsError, read_settings
from test_screening_gate import BASE, SCREENING, approved_pr, source

CORPUS = Path(__file__).resolve().parent / "screening_corpus"
ID = "110105199003071239"
PAGE = "---\ntitle: 标题\n---\n转载自新华网。本文秘密★1年，联系身份证 " + ID + "，手机 13812345678，不忘出心。\n"
WORDS = Screening(words=(WordEntry(("不忘出心",), "warn", "R-21", correct="不忘初心"),))


class Reads:
    """A content reader that counts how often it is asked."""

    def __init__(self, text: str = PAGE, path: str = "news/a.md") -> None:
        self.text, self.path, self.calls = text, path, 0

    def __call__(self) -> Content:
        self.calls += 1
        return text_content(self.path, self.text)


def screened(folder: Path, reads: Reads, screening: Screening = WORDS, fields: dict[str, object] | None = None, cid: str = ""):
    """Findings through a fresh cache object (nothing remembered in memory), then flushed."""
    cid = cid or content_id("blob1", reads.path, "page")
    cache = FindingsCache(folder)
    found = Screenable(cid, reads, cache).findings(screening, fields if fields is not None else {})
    cache.flush()
    return found


def packs(folder: Path) -> list[Path]:
    return sorted((folder / "findings").glob("*.json")) if (folder / "findings").is_dir() else []


def keys(folder: Path) -> set[str]:
    return {key for pack in packs(folder) for key in json.loads(pack.read_bytes())["entries"]}


@pytest.fixture
def engine_reset():
    findings_cache.engine.cache_clear()
    yield
    findings_cache.engine.cache_clear()


# -- hits ------------------------------------------------------------------------------------


def test_a_hit_returns_the_cold_findings_and_reads_nothing(tmp_path):
    cold = screen(text_content("news/a.md", PAGE), WORDS, {})
    assert {f.code for f in cold} >= {"secrecy-marking", "id-number", "mobile-number", "word-list", "reprint-source"}
    first, second = Reads(), Reads()
    assert screened(tmp_path, first) == cold and first.calls == 1
    assert screened(tmp_path, second) == cold and second.calls == 0
    assert repr(screened(tmp_path, Reads())) == repr(cold)  # same types too: lists stay lists, order kept
    assert len(packs(tmp_path)) == 1


@pytest.mark.parametrize("page", sorted(p.relative_to(CORPUS).as_posix() for p in CORPUS.rglob("*.md")))
def test_every_corpus_page_comes_back_exactly(tmp_path, page):
    policy = load_policy_dir(CORPUS / "policies")
    text = (CORPUS / page).read_text(encoding="utf-8")
    fields = {"source": "新华网", "date": date(2026, 5, 10), "tags": ["a", 1, 2.5, None, True]}
    for screening in (Screening(), policy.screening):
        cold = screen(text_content(page, text), screening, fields)
        assert screened(tmp_path, Reads(text, page), screening, fields) == cold
        again = Reads(text, page)
        assert repr(screened(tmp_path, again, screening, fields)) == repr(cold) and again.calls == 0


def test_findings_are_remembered_in_memory_per_settings_and_fields(tmp_path):
    reads = Reads()
    screenable = Screenable(content_id("b", "news/a.md", "page"), reads, None)  # no cache on disk
    fields: dict[str, object] = {}
    assert screenable.findings(WORDS, fields) == screenable.findings(WORDS, fields)
    assert reads.calls == 1


# -- misses ----------------------------------------------------------------------------------


def test_a_changed_word_list_is_a_miss(tmp_path):
    screened(tmp_path, Reads())
    more = Screening(words=(*WORDS.words, WordEntry(("新华网",), "block", "R-21")))
    reads = Reads()
    found = screened(tmp_path, reads, more)
    assert reads.calls == 1 and [f.params["term"] for f in found if f.code == "word-list"] == ["新华网", "不忘出心"]
    fewer = Reads()
    assert not [f for f in screened(tmp_path, fewer, Screening()) if f.code == "word-list"] and fewer.calls == 1


def test_an_equal_word_list_in_another_object_is_a_hit(tmp_path):
    screened(tmp_path, Reads())
    same = Screening(words=(WordEntry(("不忘出心",), "warn", "R-21", correct="不忘初心"),))
    assert same is not WORDS
    reads = Reads()
    screened(tmp_path, reads, same)
    assert reads.calls == 0


def test_the_fingerprint_is_computed_once_per_screening_object(tmp_path, monkeypatch):
    calls = []
    spell = findings_cache._spell
    monkeypatch.setattr(findings_cache, "_spell", lambda value: calls.append(type(value).__name__) or spell(value))
    cache = FindingsCache(tmp_path)
    for n in range(5):
        Screenable(content_id(f"b{n}", "news/a.md", "page"), Reads(), cache).findings(WORDS, {})
    assert calls.count("Screening") == 1


def test_a_changed_front_matter_field_is_a_miss_when_screening_reads_it(tmp_path):
    screened(tmp_path, Reads(), fields={"source": "新华网"})
    reads = Reads()
    found = screened(tmp_path, reads, fields={"source": "新华网", "source_author": "记者甲"})
    assert reads.calls == 1 and "reprint-source" not in {f.code for f in found}
    reads = Reads()
    screened(tmp_path, reads, fields={"source": date(2026, 5, 10), "source_author": "记者甲"})  # a date is not its text
    assert reads.calls == 1
    # Fields screening never reads (SCREENED_FIELDS) cannot change findings: remembered.
    reads = Reads()
    again = screened(tmp_path, reads, fields={"source": "新华网", "source_author": "记者甲", "date": date(2026, 5, 10), "title": "别的"})
    assert reads.calls == 0 and again == found


def test_changed_content_is_a_miss(tmp_path):
    screened(tmp_path, Reads())
    for cid in (
        content_id("blob2", "news/a.md", "page"),  # other bytes
        content_id("blob1", "news/b.md", "page"),  # other path
        content_id("blob1", "news/a.md", "text published"),  # read another way
    ):
        reads = Reads()
        screened(tmp_path, reads, cid=cid)
        assert reads.calls == 1, cid


def test_a_bumped_engine_version_is_a_miss(tmp_path, monkeypatch, engine_reset):
    screened(tmp_path, Reads())
    monkeypatch.setattr(findings_cache, "ENGINE_VERSION", findings_cache.ENGINE_VERSION + 1)
    findings_cache.engine.cache_clear()
    reads = Reads()
    screened(tmp_path, reads)
    assert reads.calls == 1 and len(packs(tmp_path)) == 2


def test_another_library_version_is_a_miss(tmp_path, monkeypatch, engine_reset):
    screened(tmp_path, Reads())
    real = findings_cache.metadata.version
    monkeypatch.setattr(findings_cache.metadata, "version", lambda name: "99" if name == "pypdf" else real(name))
    findings_cache.engine.cache_clear()
    reads = Reads()
    screened(tmp_path, reads)
    assert reads.calls == 1


# -- bad entries -----------------------------------------------------------------------------


def _bad_packs(key: str) -> list[bytes]:
    def pack(entry: object) -> bytes:
        return json.dumps({"format": 2, "entries": {key: entry}}).encode()

    return [
        b"",
        b"{",
        b"\xff\xfe\x00",
        b"[]",
        b"[" * 100_000,
        json.dumps({"format": 1, "entries": {}}).encode(),  # an older format is never read
        json.dumps({"format": 2, "entries": []}).encode(),
        pack("x"),
        pack([["secrecy-marking", "block"]]),
        pack([["c", "block", "R-03", "1", 1, {}, ""]]),
        pack([["c", "block", "R-03", 1, 1, {"\x00x": 1}, ""]]),  # a tag this module never writes
        pack([["c", "block", "R-03", 1, 1, {"\x00m": [[1, "a"]]}, ""]]),  # parameters named by a number
    ]


@pytest.mark.parametrize("n", range(len(_bad_packs(""))))
def test_a_corrupt_entry_is_a_miss_and_is_written_again(tmp_path, n):
    cold = screened(tmp_path, Reads())
    [key] = keys(tmp_path)
    [pack] = packs(tmp_path)
    pack.write_bytes(_bad_packs(key)[n])
    reads = Reads()
    assert screened(tmp_path, reads) == cold and reads.calls == 1
    [rewritten] = packs(tmp_path)  # the damaged pack is gone, the entry written again
    assert rewritten != pack and json.loads(rewritten.read_bytes())["entries"][key]
    again = Reads()
    assert screened(tmp_path, again) == cold and again.calls == 0


def test_a_damaged_entry_costs_only_itself(tmp_path):
    cache = FindingsCache(tmp_path)
    for n in range(3):
        Screenable(content_id(f"b{n}", "news/a.md", "page"), Reads(), cache).findings(WORDS, {})
    cache.flush()
    [pack] = packs(tmp_path)
    data = json.loads(pack.read_bytes())
    damaged = sorted(data["entries"])[1]
    data["entries"][damaged] = [["secrecy-marking"]]
    pack.write_text(json.dumps(data))
    cache = FindingsCache(tmp_path)
    counts = []
    for n in range(3):
        reads = Reads()
        screenable = Screenable(content_id(f"b{n}", "news/a.md", "page"), reads, cache)
        assert screenable.findings(WORDS, {}) == screen(text_content("news/a.md", PAGE), WORDS, {})
        counts.append(reads.calls)
    assert sorted(counts) == [0, 0, 1]
    cache.flush()
    [merged] = packs(tmp_path)
    assert len(json.loads(merged.read_bytes())["entries"]) == 3 and damaged in keys(tmp_path)


def test_many_runs_make_few_packs(tmp_path):
    for n in range(20):
        screened(tmp_path, Reads(), cid=content_id(f"b{n}", "news/a.md", "page"))
    assert len(packs(tmp_path)) <= 8 and len(keys(tmp_path)) == 20
    for n in range(20):
        reads = Reads()
        screened(tmp_path, reads, cid=content_id(f"b{n}", "news/a.md", "page"))
        assert reads.calls == 0


def test_findings_are_written_when_the_cache_is_dropped(tmp_path):
    reads = Reads()
    Screenable(content_id("b", "news/a.md", "page"), reads, FindingsCache(tmp_path)).findings(WORDS, {})
    assert len(keys(tmp_path)) == 1  # no flush called: written as the cache object went away


def test_a_pack_that_cannot_be_read_or_removed_is_no_error(tmp_path):
    cold = screened(tmp_path, Reads())
    [pack] = packs(tmp_path)
    pack.unlink()
    pack.mkdir()  # neither readable as a file nor removable as one
    reads = Reads()
    assert screened(tmp_path, reads) == cold and reads.calls == 1
    assert not [p for p in (tmp_path / "findings").iterdir() if p.name.endswith(".tmp")]
    again = Reads()
    assert screened(tmp_path, again) == cold and again.calls == 0


def test_a_cache_folder_that_cannot_be_made_is_no_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    reads = Reads()
    assert screened(blocker / "cache", reads) == screen(text_content("news/a.md", PAGE), WORDS, {}) and reads.calls == 1


# -- the gate --------------------------------------------------------------------------------


def test_screening_since_uses_a_second_key_and_gives_the_same_notes(tmp_path):
    policy = load_policy({"policies/p.yml": BASE + SCREENING})
    later = load_policy({"policies/p.yml": BASE + SCREENING + "  - {term: 冬季会议, severity: block}\n"})
    page = source("召开冬季会议。")
    text = "---\ntitle: 标题\nauthor: 经办人\n---\n召开冬季会议。\n"

    def judged(reads: Reads):
        screenable = Screenable(content_id("b1", "news/a.md", "page"), reads, FindingsCache(tmp_path))
        return judge(page, index(approved_pr().merged()), {POLICY_ID: policy}, current=later, screener=screenable.findings)

    cold, warm = Reads(text), Reads(text)
    first = judged(cold)
    assert first.approved and [n.params["check"] for n in first.notes if n.code == "screen_new_rules"] == ["word-list"]
    assert first == judge(page, index(approved_pr().merged()), {POLICY_ID: policy}, current=later)  # as without a cache
    assert cold.calls == 1 and len(keys(tmp_path)) == 2  # then's settings and today's
    assert judged(warm) == first and warm.calls == 0


def test_a_failure_inside_screening_still_blocks_and_is_never_remembered(tmp_path, monkeypatch):
    policy = load_policy({"policies/p.yml": BASE + SCREENING})
    page = source("本办召开冬季安全工作会议。")
    pr = index(approved_pr().merged())

    def broken(*_args: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(findings_cache, "screen", broken)
    screenable = Screenable(content_id("b1", "news/a.md", "page"), Reads(), FindingsCache(tmp_path))
    v = judge(page, pr, {POLICY_ID: policy}, screener=screenable.findings)
    assert not v.approved and [r.params["check"] for r in v.reasons] == ["screening-failed"]
    screenable.cache.flush()  # type: ignore[union-attr]
    assert packs(tmp_path) == []
    monkeypatch.undo()
    reads = Reads("---\ntitle: 标题\n---\n本办召开冬季安全工作会议。\n")
    screenable = Screenable(content_id("b1", "news/a.md", "page"), reads, FindingsCache(tmp_path))
    assert judge(page, pr, {POLICY_ID: policy}, screener=screenable.findings).approved and reads.calls == 1


# -- settings --------------------------------------------------------------------------------


def _settings(options: str) -> object:
    files = {"mkdocs.yml": f"site_name: x\nplugins:\n  - govreview:\n{options}"}
    return read_settings("mkdocs.yml", files.get)


@pytest.mark.parametrize(
    ("options", "folder"),
    [
        ("      lang: zh\n", ".govreview/cache"),
        ("      cache: true\n", ".govreview/cache"),
        ("      cache: ci/findings/\n", "ci/findings"),
        ("      cache: false\n", ""),
        ('      cache: ""\n', ""),
    ],
)
def test_the_cache_option(options, folder):
    assert _settings(options).cache == folder  # type: ignore[attr-defined]


@pytest.mark.parametrize("options", ["      cache: site/cache\n", "      cache: site\n", "      cache: docs/.cache\n", "      cache: 3\n"])
def test_a_cache_inside_site_dir_or_docs_dir_is_refused(options):
    with pytest.raises(SettingsError, match="cache"):
        _settings(options)


def test_the_plugin_option_is_typed():
    schema = GovreviewConfig()
    schema.load_dict({"cache": ["x"]})
    errors, _ = schema.validate()
    assert [name for name, _ in errors] == ["cache"]


def test_open_cache_never_inside_site_dir(tmp_path):
    assert open_cache(tmp_path, "", "site", "docs") is None
    assert open_cache(tmp_path, str(tmp_path / "site" / "c"), "site", "docs") is None
    assert open_cache(tmp_path, "site/../site/c", "site", "docs") is None
    assert open_cache(tmp_path, "c", str(tmp_path / "out"), "docs").folder == tmp_path / "c"  # type: ignore[union-attr]


# -- a real site -----------------------------------------------------------------------------


def _docx(text: str) -> bytes:
    document = docx.Document()
    document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _site(root: Path, mkdocs: str = MKDOCS) -> GitSite:
    site = GitSite(root, mkdocs=mkdocs)
    site.write("docs/news/a.md", article("动态", "本办召开冬季安全工作会议。"))
    site.write("docs/news/b.md", article("动态二", f"联系人身份证 {ID}。"))
    site.write("docs/news/notice.docx", _docx("附件：本办召开会议。"))
    site.commit("pages")
    site.write("docs/news/new.md", article("新稿", "秘密★1年"))  # not committed: judged as not yet merged, screened
    site.approve_inputs()
    site.merge(["docs/index.md", "docs/news/a.md", "docs/news/b.md", "docs/news/notice.docx"], ["hana", "dong"])
    return site


def _check(root: Path, capsys, counts: dict[str, int]) -> tuple[int, str]:
    """``govreview check`` in this process, counting extractions: every file's content
    (``read``) and, of those, attachments read by format (``attachment``)."""
    with pytest.MonkeyPatch.context() as mp:
        content, attachment = Screenable.content, screen_content.attachment_content

        def read(self: Screenable) -> Content | None:
            counts["read"] += self._read is not None  # read once per file, then kept
            return content(self)

        def by_format(*args: object) -> Content:
            counts["attachment"] += 1
            return attachment(*args)  # type: ignore[arg-type]

        mp.setattr(Screenable, "content", read)
        mp.setattr(screen_content, "attachment_content", by_format)
        code = cli.main(["check", "-f", str(root / "mkdocs.yml")])
    return code, capsys.readouterr().out


def _mtimes(folder: Path) -> dict[Path, int]:
    return {p: p.stat().st_mtime_ns for p in folder.rglob("*") if p.is_file()}


def _counts() -> dict[str, int]:
    return {"read": 0, "attachment": 0}


def test_a_second_check_prints_the_same_and_extracts_nothing(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("GOVREVIEW_LANG", raising=False)
    site = _site(tmp_path)
    cold = _counts()
    code, first = _check(tmp_path, capsys, cold)
    assert code == 1 and "✗ news/b.md" in first and "✗ news/new.md" in first and "news/notice.docx" in first, first
    # four pages, the attachment and mkdocs.yml (the policy's own YAML is never screened), and the
    # rendered text of the one page no merge produced yet (what it will show, rendered for the editor)
    assert cold == {"read": 7, "attachment": 1}, cold
    cache = tmp_path / ".govreview" / "cache"
    before = _mtimes(cache)
    # seven findings entries, and the front matter of the four pages (read once, kept by blob id)
    assert len(keys(cache)) == 7 + 4 and len(packs(cache)) == 1
    assert site.git("status", "--porcelain", "--untracked-files=all", "--", ".govreview") == ""  # ignores itself: never a build input

    warm = _counts()
    code2, second = _check(tmp_path, capsys, warm)
    assert (code2, second) == (code, first)
    assert warm == {"read": 0, "attachment": 0}
    assert _mtimes(cache) == before  # read, not written again


def test_a_page_edited_after_a_check_is_screened_again(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("GOVREVIEW_LANG", raising=False)
    site = _site(tmp_path)
    _check(tmp_path, capsys, _counts())
    site.write("docs/news/a.md", article("动态", "本办召开冬季安全工作会议。绝密★长期"))
    counts = _counts()
    _, out = _check(tmp_path, capsys, counts)
    assert counts == {"read": 2, "attachment": 0}  # its source, and its rendered text (not merged as it is)
    assert "✗ news/a.md" in out and "绝密" in out


def test_cache_false_writes_nothing(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("GOVREVIEW_LANG", raising=False)
    _site(tmp_path, MKDOCS.replace("  - govreview\n", "  - govreview:\n      cache: false\n"))
    counts = _counts()
    _check(tmp_path, capsys, counts)
    _check(tmp_path, capsys, counts)
    assert not (tmp_path / ".govreview" / "cache").exists()
    # twice: six files, and the rendered text of the two pages no merge produced as they are
    assert counts == {"read": 16, "attachment": 2}


def test_the_plugin_and_stage_use_what_check_remembered(tmp_path, capsys, monkeypatch):
    """Proof by a planted entry: every remembered finding is made a secrecy marking; the
    plugin's build and ``govreview stage`` then refuse the clean mkdocs.yml for it."""
    monkeypatch.delenv("GOVREVIEW_LANG", raising=False)
    site = _site(tmp_path)
    (tmp_path / "docs/news/new.md").unlink()  # stage judges the commit: the same files as check then
    _check(tmp_path, capsys, _counts())
    cache = tmp_path / ".govreview" / "cache"
    planted = [["secrecy-marking", "block", "R-03", 1, 1, {"excerpt": "秘密★", "match": "秘密★"}, {"\x00t": []}]]
    [pack] = packs(cache)
    entries = json.loads(pack.read_text(encoding="utf-8"))["entries"]
    # findings entries are lists; the pages' front matter (kept beside them) stays as it is
    planted_entries = {k: planted if isinstance(v, list) else v for k, v in entries.items()}
    pack.write_text(json.dumps({"format": 2, "entries": planted_entries}))
    before = _mtimes(cache)
    build = site.build()
    assert build.returncode == 1 and "mkdocs.yml:1:1" in build.log and "「秘密★」" in build.log, build.log
    assert cli.main(["stage", str(tmp_path.parent / "snapshot"), "-f", str(tmp_path / "mkdocs.yml")]) == 1
    out = capsys.readouterr()
    assert "mkdocs.yml" in out.out + out.err and "秘密★" in out.out + out.err, out
    assert _mtimes(cache) == before  # nothing screened again, nothing written


def test_content_without_a_blob_id_is_never_remembered(tmp_path):
    from govreview.frontmatter import read_front_matter

    cache = FindingsCache(tmp_path)
    fm = read_front_matter(PAGE.encode())
    for screenable in (
        screen_content.page_screenable("news/a.md", "", fm, cache),
        screen_content.file_screenable("news/a.txt", "", PAGE.encode(), True, True, cache),
    ):
        assert screenable is not None and screenable.cache is None


def test_front_matter_is_read_once_per_blob_and_a_damaged_entry_is_read_again(tmp_path):
    from govreview.frontmatter import read_front_matter

    data = ("---\ntitle: 冬季安全\ndate: 2026-11-02\ntags: [安全, 工程]\nextra:\n  n: 1.5\n---\n\n# 冬季安全\n\n正文。\n").encode()
    fresh = read_front_matter(data)
    cache = FindingsCache(tmp_path)
    assert cache.front_matter("b1") is None
    cache.remember_front_matter("b1", fresh.meta, fresh.lines)
    cache.flush()
    again = FindingsCache(tmp_path).front_matter("b1")
    assert again is not None
    assert read_front_matter(data, again) == fresh  # the same meta (types included), lines and body
    [pack] = packs(tmp_path)
    entries = json.loads(pack.read_text(encoding="utf-8"))["entries"]
    pack.write_text(json.dumps({"format": 2, "entries": {key: {"\x00t": ["not", "front matter"]} for key in entries}}))
    assert FindingsCache(tmp_path).front_matter("b1") is None


@pytest.mark.parametrize(
    "value",
    [
        {"title": "甲", "n": 1, "x": 1.0, "ok": True, "none": None},
        {"when": date(2026, 3, 1), "at": datetime(2026, 3, 1, 9, 30, tzinfo=UTC), "tags": ["a", ["b"]]},
        {1: "a number as key", "2": "text as key"},
        {"\x00d": "2026-03-01"},  # looks like a tag: must come back as the mapping it is
        {"nested": {"\x00t": [1, 2]}, "pair": (1, "a"), "set": frozenset({"b", "a"})},
        [{"a": [1, 2.5, "3"]}, (), []],
    ],
)
def test_cached_values_come_back_equal_and_of_the_same_types(value):
    from govreview.findings_cache import _decode, _encode

    back = _decode(json.loads(json.dumps(_encode(value))))

    def shape(v):
        if isinstance(v, dict):
            return ("dict", [(shape(k), shape(x)) for k, x in v.items()])
        if isinstance(v, list | tuple):
            return (type(v).__name__, [shape(x) for x in v])
        if isinstance(v, frozenset):
            return ("frozenset", sorted(map(repr, v)))
        return (type(v).__name__, v)

    assert shape(back) == shape(value)


@pytest.mark.parametrize(
    "entry",
    [
        None,
        "front matter",
        [],
        {"\x00t": [{"title": "甲"}]},  # one part, not (meta, lines)
        {"\x00t": [{"title": "甲"}, {"title": 2}, {}]},  # three parts
        {"\x00t": [{"title": "甲"}, {"title": "2"}]},  # a line number written as text
        {"\x00t": [{"title": "甲"}, {"title": 2.0}]},  # a line number with a fraction
        {"\x00t": [{"title": "甲"}, [["title", 2]]]},  # lines not a mapping
        {"\x00t": [["title", "甲"], {"title": 2}]},  # meta not a mapping
        {"\x00t": [{"\x00m": [[1, "甲"]]}, {"1": 2}]},  # a key that is not text
        {"\x00t": [{"\x00x": "甲"}, {}]},  # a tag this module never writes
        {"\x00t": [{"title": "甲", "\x00d": "2026-01-01"}, {"title": 2}]},  # a tag among plain keys
        {"\x00t": [{"date": {"\x00d": "2026-13-01"}}, {"date": 2}]},  # not a date
        {"\x00l": [{"title": "甲"}, {"title": 2}]},  # not the pair tag
    ],
)
def test_a_damaged_front_matter_entry_is_a_miss(tmp_path, entry):
    """Front matter entries are decoded on fast paths (exact JSON types first): an entry of any
    other shape is still a miss, read again from the page, never a wrong field."""
    from govreview.frontmatter import read_front_matter

    data = "---\ntitle: 甲\ndate: 2026-01-01\n---\n\n正文。\n".encode()
    fresh = read_front_matter(data)
    cache = FindingsCache(tmp_path)
    cache.remember_front_matter("b1", fresh.meta, fresh.lines)
    cache.flush()
    [pack] = packs(tmp_path)
    [key] = json.loads(pack.read_text(encoding="utf-8"))["entries"]
    assert FindingsCache(tmp_path).front_matter("b1") == (fresh.meta, fresh.lines)  # the entry as written is a hit
    pack.write_text(json.dumps({"format": 2, "entries": {key: entry}}), encoding="utf-8")
    assert FindingsCache(tmp_path).front_matter("b1") is None
