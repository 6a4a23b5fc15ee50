#!/usr/bin/env python3
"""What screening each page's rendered text and title adds to a published build.

The site is plugin_overhead.py's generated one (Chinese pages under the eight columns
of policies/site.yml, an archive approving every page), made a git repository. Timed
as whole processes, alternating:

* A: ``govreview build`` with this tree's govreview (the plugin keeps each page's title
     and visible text; after the build every page's rendered text is screened — from
     the findings cache once seen — and compared with its source's findings);
* B: ``govreview build`` with a baseline govreview that does not (``--baseline``: the
     ``plugins`` folder of a checkout of the commit before, e.g. made with
     ``git worktree add --detach /tmp/base b1e83c7``).

Both findings caches are warmed before the timed pairs (``--cold`` clears them before
every run). Also measured in this process: the text extraction per page, on the HTML
the build wrote.

    python benchmarks/rendered_screening.py --baseline /tmp/base/plugins            # 2,000 pages, 9 pairs
    python benchmarks/rendered_screening.py --baseline /tmp/base/plugins --pages 300 --runs 1

Results go to benchmarks/out/rendered_screening.json (gitignored).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from govreview.core.html_text import visible_text
from govreview.timefmt import SHANGHAI
from plugin_overhead import generate, versions
from snapshot_build import git_repo, settle

HERE = Path(__file__).resolve().parent
OUT_FILE = HERE / "out" / "rendered_screening.json"


def build(site: Path, plugins: Path, cold: bool) -> dict[str, float]:
    if cold:
        shutil.rmtree(site / ".govreview" / "cache", ignore_errors=True)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(plugins)}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "govreview.cli", "build", "--quiet-generator", "-q"], cwd=site, capture_output=True, env=env
    )
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        sys.stderr.write(proc.stdout.decode()[-3000:] + proc.stderr.decode()[-3000:])
        raise SystemExit(f"govreview build failed with {plugins}")
    return {"wall_s": round(wall, 3), "cpu_s": round((after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), 3)}


def extraction_ms(site_dir: Path) -> float:
    """CPU milliseconds per page of :func:`visible_text` on each page's article (what the plugin reads)."""
    articles = []
    for path in site_dir.rglob("*.html"):
        m = re.search(r"<article[^>]*>(.*)</article>", path.read_text(encoding="utf-8"), re.S)
        if m:
            articles.append(m.group(1))
    t0 = time.process_time()
    for html in articles:
        visible_text(html)
    return round(1000 * (time.process_time() - t0) / max(1, len(articles)), 4)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--baseline", type=Path, required=True, help="the plugins folder of the govreview to compare with")
    ap.add_argument("--pages", type=int, default=2000)
    ap.add_argument("--runs", type=int, default=9, help="timed A/B pairs (default 9)")
    ap.add_argument("--cold", action="store_true")
    ap.add_argument("--seed", type=int, default=2026)
    ap.add_argument("--out", type=Path, default=OUT_FILE)
    args = ap.parse_args(argv)
    here = Path(__file__).resolve().parent.parent / "plugins"
    root = Path(tempfile.mkdtemp(prefix="govreview-renderbench-"))
    try:
        generate(root / "build", args.pages, 0, args.seed)
        site = root / "build" / "with"
        git_repo(site)
        for plugins in (here, args.baseline):  # warm-up: both findings caches
            build(site, plugins, cold=False)
        a_runs, b_runs = [], []
        for i in range(args.runs):
            settle()
            a = build(site, here, args.cold)
            settle()
            b = build(site, args.baseline, args.cold)
            a_runs.append(a)
            b_runs.append(b)
            print(
                f"  pair {i + 1}: with {a['cpu_s']:.2f}s cpu {a['wall_s']:.2f}s wall | baseline {b['cpu_s']:.2f}s cpu {b['wall_s']:.2f}s wall",
                flush=True,
            )
        build(site, here, cold=False)
        ratio = {k: round(statistics.median(a[k] / b[k] for a, b in zip(a_runs, b_runs, strict=True)), 4) for k in ("cpu_s", "wall_s")}
        result = {
            "when": datetime.now(SHANGHAI).isoformat(timespec="seconds"),
            "args": {"pages": args.pages, "runs": args.runs, "cold": args.cold, "baseline": str(args.baseline)},
            "machine": {"cpus": os.cpu_count(), **versions()},
            "with_rendered": a_runs,
            "baseline": b_runs,
            "ratio_with_over_baseline": ratio,
            "extraction_ms_per_page": extraction_ms(site / "site"),
        }
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        print(f"\n{args.pages} pages, {args.runs} pairs ({'cold' if args.cold else 'warm'} findings cache):")
        print(f"  with rendered screening / baseline (median of pairs): cpu {ratio['cpu_s']:.3f}, wall {ratio['wall_s']:.3f}")
        print(f"  text extraction: {result['extraction_ms_per_page']} ms per page; results in {args.out}")
        return 0
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
