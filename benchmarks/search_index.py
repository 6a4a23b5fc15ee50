#!/usr/bin/env python3
"""govreview's site search at 10,000 pages, against mkdocs-material's plain search index.

Generates ``--pages`` Chinese pages from the example site's own approved pages used as
templates: each generated page takes a template's title pattern and a mix of sentences from
all example pages, with numbers, dates, places and names varied and a few phrases swapped
between sentences, so the text is as varied as a real office's (no text from elsewhere).
Builds them once with plain ``mkdocs build`` (mkdocs-material with its ``search`` plugin,
``lang: zh``), then, from that very ``site/``:

* the govreview index (:func:`govreview.search_index.write_index`, every page listed), timed;
* index bytes per page, govreview's and mkdocs-material's ``search/search_index.json``
  (raw and gzip: what a server sends with compression on);
* the bytes a visitor downloads for a query: ``meta.json``, ``fold.json`` (Traditional input), the
  postings shards of the query's pairs, the document-table shards of the first 20 results (the
  results page shows 20) and those 20 pages' text for the excerpts;
  checked against the pages' text (every page containing the term is found, no other).

    python benchmarks/search_index.py                   # 10,000 pages
    python benchmarks/search_index.py --pages 500       # quick check

Results go to benchmarks/out/search_index.json (gitignored); the figures are in README.md.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "plugins"))

from govreview.core import searchindex  # noqa: E402
from govreview.frontmatter import YAML_RE  # noqa: E402
from govreview.search_index import FOLDER, INDEX, page_text, write_index  # noqa: E402
from govreview.snapshot.manifest import Item, Manifest  # noqa: E402

OUT_FILE = REPO / "benchmarks" / "out" / "search_index.json"
#: The example's pages the example's history leaves unapproved are not used as templates.
WITHHELD = {
    "news/2026-03-12-jingbao-shiming-zhunbei.md",
    "notices/2026-11-10-shenpi-banli-didian-tiaozheng.md",
    "replies/2026-08-14-renfang-churukou-duzhan.md",
}
QUERIES = ("人防", "警报", "人防工程", "防空警报", "防", "地下室改造")
SHOWN = 20  # results on the first screen
PLACES = ["滨江区", "青石区", "江北区", "城南区", "高新区", "临湖县", "东岭镇", "西山街道", "南湖社区", "北岸新区", "桃源乡", "金沙街道"]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘"
GIVEN = "晓峰婷立新悦静明远海燕建国丽华志强秀英文杰雪梅国栋红霞永刚春梅俊杰亚楠"
_SENTENCE = re.compile(r"[^。！？；\n]+[。！？；]")
_MARKUP = re.compile(r"[#>*`|\[\]()<>_-]|\{[^}]*\}|https?://\S+")


def example_pages() -> list[tuple[str, str, list[str]]]:
    """(column, title, sentences) of each approved example page."""
    out = []
    for path in sorted((REPO / "docs").rglob("*.md")):
        rel = path.relative_to(REPO / "docs").as_posix()
        if rel in WITHHELD or "/" not in rel:
            continue
        text = path.read_text(encoding="utf-8")
        head = YAML_RE.match(text)
        title = re.search(r"^title:\s*[\"']?(.+?)[\"']?\s*$", text, re.M)
        body = _MARKUP.sub("", text[head.end() :] if head else text)
        sentences = [s.strip() for s in _SENTENCE.findall(body) if len(s.strip()) > 8]
        if title and sentences:
            out.append((rel.split("/")[0], title.group(1), sentences))
    return out


def varied(sentence: str, rng: random.Random, phrases: list[str]) -> str:
    """The sentence with its numbers, places and names changed, and perhaps a phrase swapped in."""
    sentence = re.sub(r"\d+", lambda m: str(rng.randint(1, 10 ** len(m.group()) - 1)), sentence)
    for place in PLACES:
        if place in sentence:
            sentence = sentence.replace(place, rng.choice(PLACES))
    if rng.random() < 0.5 and len(sentence) > 12:
        at = rng.randrange(2, len(sentence) - 6)
        sentence = sentence[:at] + rng.choice(phrases) + sentence[at + 4 :]
    if rng.random() < 0.3:
        name = rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN)
        sentence = f"{rng.choice(PLACES)}{name}说：{sentence}"
    return sentence


def generate(root: Path, n: int, seed: int) -> list[str]:
    """Write an MkDocs project of ``n`` pages into ``root``; returns the docs-relative page paths."""
    rng = random.Random(seed)
    templates = example_pages()
    pool = [s for _, _, sentences in templates for s in sentences]
    phrases = sorted({s[i : i + rng.randint(2, 6)] for s in pool for i in range(0, max(1, len(s) - 6), 5)})
    docs = root / "docs"
    pages = []
    for i in range(n):
        column, title, sentences = templates[i % len(templates)]
        day = f"20{rng.randint(18, 26)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        chosen = sentences + rng.sample(pool, rng.randint(4, 24))
        rng.shuffle(chosen)
        paragraphs = ["".join(varied(s, rng, phrases) for s in chosen[k : k + 3]) for k in range(0, len(chosen), 3)]
        rel = f"{column}/{day}-{i:05d}.md"
        path = docs / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        heading = varied(title, rng, phrases) if rng.random() < 0.7 else title
        path.write_text(f"# {heading}\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
        pages.append(rel)
    (docs / "index.md").write_text("# 江岸市人民防空办公室\n\n欢迎访问。\n", encoding="utf-8")
    (root / "mkdocs.yml").write_text(
        "site_name: 江岸市人民防空办公室\ntheme:\n  name: material\n  language: zh\n  font: false\n"
        "plugins:\n  - search:\n      lang: zh\nnav:\n  - index.md\n",
        encoding="utf-8",
    )
    return pages


def gz(data: bytes) -> int:
    return len(gzip.compress(data, 6, mtime=0))


def query_download(index: Path, query: str) -> dict[str, Any]:
    meta = json.loads((index / "meta.json").read_text(encoding="utf-8"))
    terms = searchindex.query_terms(query)
    keys = {key for t in terms for _, key in searchindex.term_keys(t)}
    paths = [
        "meta.json",
        *(["fold.json"] if meta.get("fold") else []),
        *sorted({f"k/{searchindex.shard_of(key, meta['shards'])}.json" for key in keys}),
    ]
    files = {p: (index / p).read_text(encoding="utf-8") for p in paths}
    found = searchindex.search(files, query)
    paths += sorted({f"d/{n // meta['docs_per_shard']}.json" for n in found[:SHOWN]})
    paths += [f"t/{n}.txt" for n in found[:SHOWN]]  # the text the results' excerpts are cut from
    data = [(index / p).read_bytes() for p in paths]
    return {
        "query": query,
        "results": len(found),
        "files": len(paths),
        "bytes": sum(len(d) for d in data),
        "gzip_bytes": sum(gz(d) for d in data),
        "found": found,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument(
        "--keep", type=Path, help="build here and keep it; a site built there before is indexed again (default: a temporary folder)"
    )
    args = parser.parse_args(argv)
    root = args.keep or Path(tempfile.mkdtemp(prefix="govreview-search-bench-"))
    try:
        t0 = time.perf_counter()
        if args.keep is not None and (root / "site" / "index.html").is_file():  # built before: index it again
            pages = sorted(p.relative_to(root / "docs").as_posix() for p in (root / "docs").rglob("*.md") if p.name != "index.md")
        else:
            pages = generate(root, args.pages, args.seed)
            env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
            subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q"], cwd=root, check=True, env=env, capture_output=True)
        built = time.perf_counter() - t0
        site = root / "site"
        manifest = Manifest(None, "mkdocs.yml", "docs", {f"docs/{rel}": Item("-", "page") for rel in pages})
        t1, c1 = time.perf_counter(), time.process_time()
        index_info = write_index(site, manifest)
        index_s, index_cpu = time.perf_counter() - t1, time.process_time() - c1
        index = site / FOLDER / INDEX
        files = [p for p in index.rglob("*") if p.is_file()]
        ours = sum(p.stat().st_size for p in files)
        ours_gz = sum(gz(p.read_bytes()) for p in files)
        material = (site / "search" / "search_index.json").read_bytes()
        texts = {}
        for rel in pages:
            read = page_text((site / rel[:-3] / "index.html").read_bytes())
            assert read is not None
            texts[rel[:-3] + "/"] = searchindex.normalize(read[1])
        tables: dict[int, list[Any]] = {}
        queries = []
        for q in QUERIES:
            result = query_download(index, q)
            urls = set()
            for n in result.pop("found"):
                per = json.loads((index / "meta.json").read_text(encoding="utf-8"))["docs_per_shard"]
                table = tables.setdefault(n // per, json.loads((index / "d" / f"{n // per}.json").read_text(encoding="utf-8")))
                urls.add(table[n % per][0])
            expected = {url for url, text in texts.items() if all(t in text for t in searchindex.query_terms(q))}
            result["all_found_none_else"] = urls == expected
            queries.append(result)
        figures = {
            "pages": len(pages),
            "text_chars_per_page": round(sum(len(t) for t in texts.values()) / len(texts)),
            "generate_and_mkdocs_build_s": round(built, 1),
            "govreview_index": {
                "build_wall_s": round(index_s, 2),
                "build_cpu_s": round(index_cpu, 2),
                "files": len(files),
                "shards": index_info.shards,
                "keys": index_info.keys,
                "bytes": ours,
                "gzip_bytes": ours_gz,
                "bytes_per_page": round(ours / len(pages)),
                "gzip_bytes_per_page": round(ours_gz / len(pages)),
            },
            "mkdocs_material_search_index_json": {
                "bytes": len(material),
                "gzip_bytes": gz(material),
                "bytes_per_page": round(len(material) / len(pages)),
                "note": "one file: every searching visitor downloads all of it",
            },
            "queries": queries,
        }
        OUT_FILE.parent.mkdir(parents=True, exist_ok=True)
        OUT_FILE.write_text(json.dumps(figures, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        print(json.dumps(figures, ensure_ascii=False, indent=2))
        return 0 if all(q["all_found_none_else"] for q in queries) else 1
    finally:
        if args.keep is None:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
