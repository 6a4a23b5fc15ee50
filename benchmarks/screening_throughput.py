#!/usr/bin/env python3
"""How fast is content screening, and what share of a plain ``mkdocs build`` does it cost?

Generates the synthetic site of ``plugin_overhead.py`` (10,000 Chinese pages of
1-2 KB with front matter, an approval archive approving every page) with a word
list (错敏词) of ``--words`` random terms plus a few real-looking entries in its
policy, then measures:

1. **Throughput, one core, in process.** Every page is read and its front matter
   parsed beforehand (not timed); then ``screen_content(text_content(path, text),
   policy, fields)`` runs over all pages, timed with ``time.process_time`` (CPU)
   and ``time.perf_counter`` (wall), after a warm-up that builds the folding
   table and the Aho–Corasick automaton. Reported: MB/s of UTF-8 source bytes
   (MB = 10^6 bytes) and pages/s, medians over ``--runs`` passes. The same pass
   runs with an empty word list, with the policy's list and with 20,000 random
   terms (interleaved), to show how the cost depends on the size of the list.
2. **Where the time goes.** On a sample of pages, the engine's stages called
   directly: folding, line table, markings, personal data, word lists,
   typography; "rest" is the full ``screen`` minus those (placing findings, the
   reprint rule, sorting).
3. **Share of a plain build.** The same pages built with plain ``mkdocs build -q``
   (``plugins: [search]``, pre-written column index pages and an explicit nav:
   plugin_overhead's "without" site) in a subprocess; screening's CPU time over
   the build's CPU time (medians). Unless ``--no-plugin-build``, the site is also
   built with the govreview plugin, which screens every page during the build,
   alternating with the plain build; the pull requests carry the label that
   accepts warnings (one entry of the list, 二十四小时, occurs in the filler
   text), so every page is published and both builds render the same pages.

Checks (exit status 1 if one fails): no synthetic page has a blocking finding; a
page with an injected 机密★ has exactly one; an injected random term and an
injected blocking term of the list are found; the filler's word-list warnings
are found; the plugin build publishes every page, the same page set as the
plain build, and accepts exactly the warnings the in-process pass found (so it
really screened). The JSON records a hash of govreview's source and the summary
warns if it changed during the run.

    python benchmarks/screening_throughput.py                   # 10,000 pages, ~7 min
    python benchmarks/screening_throughput.py --quick           # 1,000 pages
    python benchmarks/screening_throughput.py --no-plugin-build --profile

Results go to benchmarks/out/screening_throughput.json.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from functools import partial
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import govreview
import plugin_overhead as po  # the site generator and build helpers
from govreview.archive_jsonl import read_archive, write_archive
from govreview.core.evidence import LabelEvent
from govreview.core.findings import BLOCK, WARN, Finding
from govreview.core.marks import find_marks
from govreview.core.page import canonical_fields
from govreview.core.pii import digits_of, find_personal
from govreview.core.policy import Policy, Screening, WordEntry
from govreview.core.screen import screen
from govreview.core.textfold import Folded, Lines
from govreview.core.typography import find_typography
from govreview.core.wordmatch import find_words
from govreview.frontmatter import read_front_matter
from govreview.policy_yaml import load_policy, policy_files
from govreview.screen_content import folder, screen_content, text_content
from govreview.timefmt import SHANGHAI

OUT_FILE = po.REPO / "benchmarks" / "out" / "screening_throughput.json"
BIG_LIST = 20_000  # terms of the large word list in the scaling comparison
MARKING = "机密★"

#: Entries as a site would write them: wrong formulations and politically sensitive wording.
#: Only the first occurs in the synthetic text (“二十四小时值班制度”: 4,677 hits in 10,000
#: pages): its warnings exercise the hit path, and in the plugin build they must be
#: accepted by label. The others do not (the filler writes 截至目前, correctly).
REAL_WORDS: tuple[dict[str, Any], ...] = (
    {"term": "二十四小时", "correct": "24小时", "note": "计量、计时一般用阿拉伯数字（GB/T 15835）"},
    {"term": "截止目前", "correct": "截至目前", "note": "表示到某一时间为止用“截至”"},
    {"term": "做为", "correct": "作为"},
    {"term": "既使", "correct": "即使"},
    {"term": "按装", "correct": "安装"},
    {"term": "香港政府", "correct": "香港特区政府", "note": "涉港澳表述"},
    {"term": "澳门政府", "correct": "澳门特区政府", "note": "涉港澳表述"},
    {"term": "中国大陆", "correct": "中国内地", "note": "与香港、澳门并提时用“内地”"},
    {"terms": ["台湾政府", "台湾总统"], "severity": "block", "correct": "台湾地区有关部门、台湾地区领导人", "note": "涉台表述"},
)
BLOCK_TERM = "台湾政府"


# ---------------------------------------------------------------------------
# Word lists
# ---------------------------------------------------------------------------


def common_hanzi() -> list[str]:
    """The 3,755 characters of GB 2312 level 1 (the most common Chinese characters)."""
    out = []
    for hi in range(0xB0, 0xD8):
        for lo in range(0xA1, 0xFF):
            if hi == 0xD7 and lo > 0xF9:
                break
            out.append(bytes([hi, lo]).decode("gb2312"))
    return out


def word_items(n: int, seed: int) -> list[dict[str, Any]]:
    """REAL_WORDS and ``n`` random terms of 3-6 common characters (warn, with a
    suggested correction), as they would be written under ``words:`` in a policy.
    Three characters or more, so a random term essentially never occurs in the filler."""
    rng = random.Random(seed)
    chars = common_hanzi()
    seen = {t for item in REAL_WORDS for t in item.get("terms", [item.get("term")])}
    items: list[dict[str, Any]] = [dict(item) for item in REAL_WORDS]
    while len(items) < len(REAL_WORDS) + n:
        term = "".join(rng.choices(chars, k=rng.randint(3, 6)))
        if term not in seen:
            seen.add(term)
            items.append({"term": term, "correct": "".join(rng.choices(chars, k=len(term)))})
    return items


def word_entries(items: Sequence[dict[str, Any]]) -> tuple[WordEntry, ...]:
    """What policy_yaml makes of ``items`` (without line numbers)."""
    return tuple(
        WordEntry(
            tuple(item["terms"]) if "terms" in item else (item["term"],),
            item.get("severity", WARN),
            item.get("rule", "R-21"),
            item.get("note", ""),
            item.get("correct", ""),
        )
        for item in items
    )


def words_yaml(items: Sequence[dict[str, Any]]) -> str:
    def scalar(value: Any) -> str:
        return json.dumps(value, ensure_ascii=False)  # a JSON string or list is valid YAML flow

    lines = ["", "# 错敏词（性能测试用：少量示例词条，其余为随机生成）", "words:"]
    for item in items:
        keys = list(item)
        lines.append(f"  - {keys[0]}: {scalar(item[keys[0]])}")
        lines += [f"    {k}: {scalar(item[k])}" for k in keys[1:]]
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------
# The site
# ---------------------------------------------------------------------------


def generate_site(root: Path, n_pages: int, items: Sequence[dict[str, Any]], seed: int) -> dict[str, Any]:
    """plugin_overhead's site, with the word list appended to its policy, and every
    pull request labelled by the secrecy reviewer to accept screening warnings."""
    policy_with_words = root / "site-with-words.yml"
    policy_with_words.write_text(po.POLICY_SOURCE.read_text(encoding="utf-8") + words_yaml(items), encoding="utf-8")
    original = po.POLICY_SOURCE
    po.POLICY_SOURCE = policy_with_words  # generate() copies this file into the site and pins it in the archive
    try:
        desc = po.generate(root, n_pages, 0, seed)
    finally:
        po.POLICY_SOURCE = original
    site = root / "with"
    accept = load_policy(policy_files(site / "policies")).screening.accept_label
    archive_path = site / "archive" / "approvals.jsonl"
    archive = read_archive(archive_path)
    pulls = []
    for pull in archive.pulls:
        if pull.labels and pull.heads:  # the page pull requests (the secrecy reviewer labelled them)
            at = (pull.heads[-1].pushed_at or pull.merged_at) + timedelta(hours=3)
            pull = replace(pull, labels=(*pull.labels, LabelEvent(accept, "labeled", po.SECRECY_ACTOR, at)))
        pulls.append(pull)
    write_archive(archive_path, archive.policies, pulls)
    return desc


@dataclass(frozen=True)
class Source:
    path: str  # docs-relative, as the plugin names it
    text: str
    fields: dict[str, object]
    size: int  # UTF-8 bytes of the file


def read_sources(docs: Path) -> list[Source]:
    """Every page as the plugin reads it: decoded text and canonical front-matter fields."""
    out = []
    for path in sorted(docs.rglob("*.md")):
        data = path.read_bytes()
        fm = read_front_matter(data)
        assert fm.text is not None, path
        fields, _ = canonical_fields(fm.meta or {}, fm.lines)
        out.append(Source(path.relative_to(docs).as_posix(), fm.text, fields, len(data)))
    return out


def inject(source: Source, line: str) -> Source:
    """``line`` as a paragraph of its own right after the front matter."""
    head, sep, body = source.text.partition("\n---\n")
    return replace(source, text=f"{head}{sep}\n{line}\n{body}")


# ---------------------------------------------------------------------------
# Measuring
# ---------------------------------------------------------------------------


@contextmanager
def one_core() -> Iterator[int | None]:
    """Pin this process to one CPU (restored afterwards, so builds run as usual)."""
    if not hasattr(os, "sched_setaffinity"):
        yield None
        return
    before = os.sched_getaffinity(0)
    cpu = max(before)
    os.sched_setaffinity(0, {cpu})
    try:
        yield cpu
    finally:
        os.sched_setaffinity(0, before)


def timed(work: Callable[[], object]) -> tuple[float, float]:
    """(CPU seconds, wall seconds) of ``work()``."""
    cpu, wall = time.process_time(), time.perf_counter()
    work()
    return time.process_time() - cpu, time.perf_counter() - wall


def timed_pass(sources: Sequence[Source], policy: Policy) -> tuple[list[tuple[Finding, ...]], float, float]:
    """Findings of every page, and the (CPU, wall) seconds it took."""
    cpu, wall = time.process_time(), time.perf_counter()
    results = screen_all(sources, policy)
    return results, time.process_time() - cpu, time.perf_counter() - wall


def screen_all(sources: Sequence[Source], policy: Policy) -> list[tuple[Finding, ...]]:
    return [screen_content(text_content(s.path, s.text), policy, s.fields) for s in sources]


def counts(results: Sequence[tuple[Finding, ...]]) -> dict[str, int]:
    c = Counter(f"{f.code}:{f.severity}" for findings in results for f in findings)
    return dict(sorted(c.items()))


def throughput(sources: Sequence[Source], policies: dict[str, Policy], runs: int) -> dict[str, Any]:
    """Full passes over every page, word-list variants interleaved within each run."""
    total_bytes = sum(s.size for s in sources)
    raw: dict[str, list[dict[str, float]]] = {label: [] for label in policies}
    found: dict[str, dict[str, int]] = {}
    for run in range(runs):
        for label, policy in policies.items():
            results, cpu, wall = timed_pass(sources, policy)
            raw[label].append({"cpu_s": round(cpu, 3), "wall_s": round(wall, 3)})
            found[label] = counts(results)
            print(
                f"  run {run + 1} {label:>12}: {cpu:6.2f}s cpu {wall:6.2f}s wall  "
                f"{total_bytes / 1e6 / cpu:5.2f} MB/s  {len(sources) / cpu:6.0f} pages/s",
                flush=True,
            )
    out: dict[str, Any] = {}
    for label, rs in raw.items():
        cpu = statistics.median(r["cpu_s"] for r in rs)
        wall = statistics.median(r["wall_s"] for r in rs)
        out[label] = {
            "terms": sum(len(e.terms) for e in policies[label].screening.words),
            "runs": rs,
            "median_cpu_s": round(cpu, 3),
            "median_wall_s": round(wall, 3),
            "mb_per_s_cpu": round(total_bytes / 1e6 / cpu, 2),
            "mb_per_s_wall": round(total_bytes / 1e6 / wall, 2),
            "pages_per_s_cpu": round(len(sources) / cpu),
            "us_per_page_cpu": round(cpu / len(sources) * 1e6, 1),
            "findings": found[label],
        }
    return out


def stages(sample: Sequence[Source], screenings: dict[str, Screening], runs: int) -> dict[str, Any]:
    """CPU time of each stage of :func:`govreview.core.screen.screen` on ``sample``,
    called directly on precomputed inputs; medians over ``runs``, word lists
    interleaved within each run. Only the word stage and the whole ``screen``
    depend on the list; "rest" is ``screen`` minus the stages."""
    fold = folder()
    texts = [s.text for s in sample]
    folded: list[Folded] = [fold(t) for t in texts]
    lines = [Lines(t) for t in texts]
    contents = [text_content(s.path, s.text) for s in sample]
    allowed = {label: frozenset(digits_of(n) for n in sc.allow_numbers) for label, sc in screenings.items()}
    any_allowed = next(iter(allowed.values()))
    common: dict[str, Callable[[], object]] = {
        "fold": lambda: [fold(t) for t in texts],
        "lines": lambda: [Lines(t) for t in texts],
        "marks": lambda: [find_marks(f, t, ln, fold) for f, t, ln in zip(folded, texts, lines, strict=True)],
        "personal": lambda: [find_personal(f, t, any_allowed) for f, t in zip(folded, texts, strict=True)],
        "typography": lambda: [find_typography(t) for t in texts],
    }

    def words(sc: Screening) -> object:
        return [find_words(f, sc.words, fold) for f in folded]

    def whole(sc: Screening) -> object:
        return [screen(c, sc, s.fields) for c, s in zip(contents, sample, strict=True)]

    spent: dict[str, list[float]] = {k: [] for k in common}
    per_list: dict[str, dict[str, list[float]]] = {label: {"words": [], "screen": []} for label in screenings}
    for _ in range(runs):
        for name, fn in common.items():
            spent[name].append(timed(fn)[0])
        for label, sc in screenings.items():
            per_list[label]["words"].append(timed(partial(words, sc))[0])
            per_list[label]["screen"].append(timed(partial(whole, sc))[0])
    n = len(sample)
    shared = {k: statistics.median(v) for k, v in spent.items()}
    out: dict[str, Any] = {"pages": n}
    for label, times in per_list.items():
        total = statistics.median(times["screen"])
        med = {**shared, "words": statistics.median(times["words"])}
        med["rest"] = max(0.0, total - sum(med.values()))
        out[label] = {
            "screen_us_per_page": round(total / n * 1e6, 1),
            "us_per_page": {k: round(v / n * 1e6, 1) for k, v in med.items()},
            "share": {k: round(v / total, 3) for k, v in med.items()},
        }
    return out


def hotspots(sample: Sequence[Source], policy: Policy, top: int = 15) -> list[dict[str, Any]]:
    """The functions with the most own time (cProfile) when screening ``sample``."""
    profiler = cProfile.Profile()
    profiler.runcall(screen_all, sample, policy)
    stats = pstats.Stats(profiler)
    package = Path(govreview.__file__).resolve().parent.parent  # plugins/
    rows = []
    for (file, line, name), (_, calls, tottime, cumtime, _) in stats.stats.items():  # type: ignore[attr-defined]
        shown = Path(file).resolve().relative_to(package).as_posix() if file.startswith(str(package)) else file
        rows.append({"function": f"{shown}:{line}({name})", "calls": calls, "tottime_s": round(tottime, 4), "cumtime_s": round(cumtime, 4)})
    return sorted(rows, key=lambda r: -r["tottime_s"])[:top]


# ---------------------------------------------------------------------------
# Checks
# ---------------------------------------------------------------------------


def sanity(sources: Sequence[Source], policies: dict[str, Policy], results: dict[str, Any], random_terms: dict[str, str]) -> dict[str, Any]:
    checks: dict[str, Any] = {}
    for label, r in results.items():
        checks[f"block_findings_{label}"] = sum(n for key, n in r["findings"].items() if key.endswith(f":{BLOCK}"))
    checks["warnings_words"] = sum(n for key, n in results["words"]["findings"].items() if key.endswith(f":{WARN}"))
    page = sources[len(sources) // 2]
    for label, policy in policies.items():
        marked = screen_content(text_content(page.path, inject(page, MARKING).text), policy, page.fields)
        checks[f"injected_marking_blocks_{label}"] = [f.code for f in marked if f.severity == BLOCK]
        term = random_terms.get(label)
        if term:
            worded = screen_content(text_content(page.path, inject(page, f"本文提到{term}一词。").text), policy, page.fields)
            checks[f"injected_term_found_{label}"] = any(f.code == "word-list" and f.params.get("term") == term for f in worded)
    worded = screen_content(text_content(page.path, inject(page, f"会见{BLOCK_TERM}代表").text), policies["words"], page.fields)
    checks["injected_block_term"] = [f"{f.code}:{f.severity}" for f in worded if f.severity == BLOCK]
    return checks


def sanity_ok(checks: dict[str, Any]) -> bool:
    ok = all(v == 0 for k, v in checks.items() if k.startswith("block_findings_"))
    ok &= all(v == ["secrecy-marking"] for k, v in checks.items() if k.startswith("injected_marking_blocks_"))
    ok &= all(v is True for k, v in checks.items() if k.startswith("injected_term_found_"))
    ok &= checks["injected_block_term"] == ["word-list:block"]
    ok &= checks["parsed_words_match"]
    ok &= checks["warnings_words"] > 0  # the list's one real hit in the filler was found
    if "plugin_build" in checks:
        b = checks["plugin_build"]
        ok &= b["same_page_set"] and b["blocked"] == 0 and 0 < b["accepted_warnings"] == b["expected_warnings"]
    return bool(ok)


# ---------------------------------------------------------------------------
# Builds
# ---------------------------------------------------------------------------


def builds(root: Path, runs: int, plugin: bool) -> dict[str, list[dict[str, float]]]:
    """Plain (and with the plugin) ``mkdocs build -q`` in subprocesses, alternating."""
    labels = ("plain", "govreview") if plugin else ("plain",)
    projects = {"plain": root / "without", "govreview": root / "with"}
    out: dict[str, list[dict[str, float]]] = {label: [] for label in labels}
    for i in range(runs):
        for label in labels:
            r = po.build(projects[label], projects[label] / "site")
            out[label].append(r)
            print(f"  build {i + 1} {label:>9}: {r['wall_s']:.2f}s wall, {r['cpu_s']:.2f}s cpu", flush=True)
    return out


def plugin_build_checks(root: Path, desc: dict[str, Any]) -> dict[str, Any]:
    site_checks = po.check(root, desc)
    report = json.loads((root / "with" / ".govreview" / "report.json").read_text(encoding="utf-8"))
    accepted = sum(1 for f in report["files"] for n in f["notes"] if n["code"] == "screen_accepted")
    return {
        "same_page_set": site_checks["same_page_set"],
        "pages_with": site_checks["pages_with"],
        "pages_without": site_checks["pages_without"],
        "blocked": report["blocked"],
        "accepted_warnings": accepted,
    }


# ---------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", type=int, help="number of article pages (default 10000; 1000 with --quick)")
    ap.add_argument("--quick", action="store_true", help="1,000 pages")
    ap.add_argument("--words", type=int, default=2000, help="random terms in the policy's word list (default 2000)")
    ap.add_argument("--runs", type=int, default=3, help="in-process passes over all pages, per word list (default 3)")
    ap.add_argument("--build-runs", type=int, default=2, help="subprocess builds of each kind (default 2)")
    ap.add_argument("--no-plugin-build", action="store_true", help="skip the builds with the govreview plugin")
    ap.add_argument("--sample", type=int, default=1000, help="pages for the stage breakdown and the profile (default 1000)")
    ap.add_argument("--profile", action="store_true", help="also profile screening on the sample (cProfile, top functions)")
    ap.add_argument("--seed", type=int, default=2026)
    ap.add_argument("--workdir", type=Path, help="generate here instead of a fresh temp folder (kept)")
    ap.add_argument("--out", type=Path, default=OUT_FILE)
    args = ap.parse_args(argv)
    pages = args.pages or (1000 if args.quick else 10000)
    if pages < len(po.WEIGHTS) or args.runs < 1 or args.build_runs < 0 or args.words < 0 or args.sample < 1:
        ap.error("need --pages >= 8, --runs >= 1, --build-runs >= 0, --words >= 0, --sample >= 1")

    root = args.workdir.resolve() if args.workdir else Path(tempfile.mkdtemp(prefix="govreview-screen-"))
    root.mkdir(parents=True, exist_ok=True)
    try:
        fingerprint = po.plugin_fingerprint()
        items = word_items(args.words, args.seed)
        t0 = time.perf_counter()
        desc = generate_site(root, pages, items, args.seed)
        sources = read_sources(root / "with" / "docs")
        total_bytes = sum(s.size for s in sources)
        print(
            f"generated {desc['pages']} pages in {time.perf_counter() - t0:.1f}s at {root}; screening {len(sources)} "
            f"Markdown files, {total_bytes / 1e6:.1f} MB (avg {total_bytes / len(sources):.0f} B)",
            flush=True,
        )

        # -- policies: parsed from the site's YAML (with --words), and two variants ----
        cpu, _ = timed(lambda: load_policy(policy_files(root / "with" / "policies")))
        policy = load_policy(policy_files(root / "with" / "policies"))
        parsed_match = [(e.terms, e.severity, e.correct) for e in policy.screening.words] == [
            (e.terms, e.severity, e.correct) for e in word_entries(items)
        ]
        big_items = word_items(BIG_LIST, args.seed + 1)
        policies = {
            "empty": replace(policy, screening=replace(policy.screening, words=())),
            "words": policy,
            "words_20000": replace(policy, screening=replace(policy.screening, words=word_entries(big_items))),
        }
        random_terms = {"words_20000": big_items[-1]["term"]} | ({"words": items[-1]["term"]} if args.words else {})

        # -- warm-up: folding table, automata (one-off costs, timed) -----------------
        setup = {"policy_parse_cpu_s": round(cpu, 3)}
        setup["folder_table_cpu_s"] = round(timed(folder)[0], 3)
        for label, p in policies.items():
            setup[f"automaton_{label}_cpu_s"] = round(timed(partial(find_words, folder()("x"), p.screening.words, folder()))[0], 3)
        for p in policies.values():
            screen_all(sources[: min(200, len(sources))], p)
        print("  one-off: " + ", ".join(f"{k} {v:.3f}s" for k, v in setup.items()), flush=True)

        step = max(1, len(sources) // args.sample)
        sample = sources[::step][: args.sample]
        with one_core() as cpu_pinned:
            results = throughput(sources, policies, args.runs)
            breakdown = stages(sample, {label: p.screening for label, p in policies.items()}, args.runs)
            profile = hotspots(sample, policy) if args.profile else None

        checks = sanity(sources, policies, results, random_terms)
        checks["parsed_words_match"] = parsed_match

        # -- builds --------------------------------------------------------------------
        runs = builds(root, args.build_runs, plugin=not args.no_plugin_build) if args.build_runs else {}
        med = {label: {k: round(statistics.median(r[k] for r in rs), 3) for k in ("wall_s", "cpu_s")} for label, rs in runs.items()}
        share: dict[str, Any] = {}
        if "plain" in med:
            plain_cpu, plain_wall = med["plain"]["cpu_s"], med["plain"]["wall_s"]
            share = {f"screening_{label}_over_plain_build_cpu": round(results[label]["median_cpu_s"] / plain_cpu, 4) for label in results}
            share["screening_words_over_plain_build_wall"] = round(results["words"]["median_wall_s"] / plain_wall, 4)
        if "govreview" in runs:
            pairs = list(zip(runs["govreview"], runs["plain"], strict=True))
            for k in ("wall_s", "cpu_s"):
                share[f"govreview_build_over_plain_{k[:-2]}"] = round(statistics.median(g[k] / p[k] for g, p in pairs), 4)
            build_checks = plugin_build_checks(root, desc)
            build_checks["expected_warnings"] = checks["warnings_words"]
            checks["plugin_build"] = build_checks
        checks["plugin_source_unchanged"] = po.plugin_fingerprint() == fingerprint
        ok = sanity_ok(checks)

        result = {
            "when": datetime.now(SHANGHAI).isoformat(timespec="seconds"),
            "args": {
                "pages": pages,
                "words": args.words,
                "runs": args.runs,
                "build_runs": args.build_runs,
                "plugin_build": not args.no_plugin_build,
                "sample": len(sample),
                "seed": args.seed,
            },
            "machine": {"cpus": os.cpu_count(), "pinned_cpu": cpu_pinned, **po.versions()},
            "plugin_source_sha256": fingerprint,
            "govreview_path": str(Path(govreview.__file__).resolve().parent),
            "site": {k: v for k, v in desc.items() if k != "withheld"}
            | {"markdown_files_screened": len(sources), "source_bytes": total_bytes},
            "one_off": setup,
            "throughput": results,
            "stages": breakdown,
            "builds": {"runs": runs, "median": med},
            "share": share,
            "hotspots": profile,
            "checks": checks,
            "workdir": str(root) if args.workdir else None,
        }
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        summary(result, ok, args.out)
        return 0 if ok else 1
    finally:
        if not args.workdir:
            shutil.rmtree(root, ignore_errors=True)


def summary(result: dict[str, Any], ok: bool, out: Path) -> None:
    t, share = result["throughput"], result["share"]
    print()
    print(f"screening {result['site']['markdown_files_screened']} files, {result['site']['source_bytes'] / 1e6:.1f} MB, one core:")
    for label, r in t.items():
        print(
            f"  {label:>12} ({r['terms']:>5} terms): {r['mb_per_s_cpu']:5.2f} MB/s, {r['pages_per_s_cpu']:5d} pages/s "
            f"({r['us_per_page_cpu']:.0f} µs/page cpu; wall {r['mb_per_s_wall']:.2f} MB/s)"
        )
    flat = t["words_20000"]["median_cpu_s"] / t["empty"]["median_cpu_s"]
    print(f"  cost with 20,000 terms / with none: {flat:.2f}×" + ("  (NOT flat: see stages.words_20000)" if flat > 1.5 else ""))
    st = result["stages"]
    for label in t:
        line = ", ".join(f"{k} {v:.0f}" for k, v in st[label]["us_per_page"].items())
        print(f"  µs/page by stage, {label} ({st['pages']}-page sample, screen {st[label]['screen_us_per_page']:.0f}): {line}")
    med = result["builds"]["median"]
    if "plain" in med:
        print(f"plain mkdocs build: median {med['plain']['wall_s']:.1f}s wall, {med['plain']['cpu_s']:.1f}s cpu")
        print(
            f"  screening every page = {share['screening_words_over_plain_build_cpu']:.1%} of a plain build's cpu "
            f"(empty list {share['screening_empty_over_plain_build_cpu']:.1%}, "
            f"20,000 terms {share['screening_words_20000_over_plain_build_cpu']:.1%})"
        )
    if "govreview" in med:
        print(
            f"build with govreview: median {med['govreview']['wall_s']:.1f}s wall, {med['govreview']['cpu_s']:.1f}s cpu; "
            f"ratio to plain (median of pairs): wall {share['govreview_build_over_plain_wall']:.3f}, "
            f"cpu {share['govreview_build_over_plain_cpu']:.3f}"
        )
    if result["hotspots"]:
        print("hot spots (own time, profiled sample):")
        for row in result["hotspots"][:10]:
            print(f"  {row['tottime_s']:7.3f}s {row['calls']:>8} calls  {row['function']}")
    if not result["checks"]["plugin_source_unchanged"]:
        print("WARNING: govreview's source changed during the run; the timings mix versions")
    print(f"checks {'passed' if ok else 'FAILED'}: {json.dumps(result['checks'], ensure_ascii=False)}")
    print(f"results in {out}")


if __name__ == "__main__":
    raise SystemExit(main())
