#!/usr/bin/env python3
"""``govreview check`` with a cold and a warm findings cache.

Uses plugin_overhead.py's generated site (Chinese pages under the eight columns of
policies/site.yml, an archive approving every page), made a real git repository,
and times ``govreview check`` as a whole process, alternating:

* cold: the findings cache (``.govreview/cache``) removed before the run, so every
  file is read and screened and its findings written;
* warm: the cache left by the run before, so no file is read for screening.

Both must print the same verdicts. The generated site has pages only (no PDF or
Office attachments, whose reading a warm cache also skips).

    python benchmarks/findings_cache.py                      # 2,000 pages, 5 pairs
    python benchmarks/findings_cache.py --pages 300 --runs 1 # quick check
    python benchmarks/findings_cache.py --workdir /tmp/fc    # keep the site (e.g. to time it otherwise)

Results go to benchmarks/out/findings_cache.json (gitignored).
"""

from __future__ import annotations

import argparse
import json
import os
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
from govreview.timefmt import SHANGHAI
from plugin_overhead import generate, versions

OUT_FILE = Path(__file__).resolve().parent / "out" / "findings_cache.json"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "GOVREVIEW_LANG": "en"}


def git_repo(folder: Path) -> None:
    (folder / ".gitignore").write_text("site/\n.govreview/\n", encoding="utf-8")
    for args in (
        ["init", "-q", "-b", "main"],
        ["add", "-A"],
        ["-c", "user.name=b", "-c", "user.email=b@example.invalid", "commit", "-qm", "site"],
    ):
        subprocess.run(["git", *args], cwd=folder, check=True, capture_output=True)


def check(site: Path, cold: bool) -> tuple[dict[str, float], str]:
    if cold:
        shutil.rmtree(site / ".govreview" / "cache", ignore_errors=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "govreview.cli", "check"], cwd=site, capture_output=True, text=True, env=ENV)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode not in (0, 1):
        sys.stderr.write(proc.stdout[-3000:] + proc.stderr[-3000:])
        raise SystemExit(f"govreview check failed (exit {proc.returncode})")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"wall_s": round(wall, 3), "cpu_s": round(cpu, 3)}, proc.stdout


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", type=int, default=2000, help="number of article pages (default 2000)")
    ap.add_argument("--runs", type=int, default=5, help="timed pairs, cold and warm alternating (default 5)")
    ap.add_argument("--seed", type=int, default=2026)
    ap.add_argument("--workdir", type=Path, help="generate here instead of a fresh temp folder (kept)")
    ap.add_argument("--out", type=Path, default=OUT_FILE)
    args = ap.parse_args(argv)
    root = args.workdir.resolve() if args.workdir else Path(tempfile.mkdtemp(prefix="govreview-cache-bench-"))
    root.mkdir(parents=True, exist_ok=True)
    try:
        desc = generate(root, args.pages, 0, args.seed)
        site = root / "with"
        git_repo(site)
        files = sum(1 for p in (site / "docs").rglob("*") if p.is_file())
        _, reference = check(site, cold=True)  # warm-up; fills the cache
        runs: dict[str, list[dict[str, float]]] = {"cold": [], "warm": []}
        same = True
        for i in range(args.runs):
            for label in ("cold", "warm"):
                r, out = check(site, cold=label == "cold")
                same = same and out == reference
                runs[label].append(r)
                print(f"  run {i + 1} {label}: {r['wall_s']:.2f}s wall, {r['cpu_s']:.2f}s cpu", flush=True)
        med = {label: {k: round(statistics.median(r[k] for r in rs), 3) for k in ("wall_s", "cpu_s")} for label, rs in runs.items()}
        per_page = {label: round(1000 * m["cpu_s"] / files, 3) for label, m in med.items()}
        result = {
            "when": datetime.now(SHANGHAI).isoformat(timespec="seconds"),
            "args": {"pages": args.pages, "runs": args.runs, "seed": args.seed},
            "machine": {"cpus": os.cpu_count(), **versions()},
            "site": {"docs_files": files, "pages": desc["pages"]},
            "runs": runs,
            "median": med,
            "cpu_ms_per_docs_file": per_page,
            "same_output": same,
        }
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        print(f"\n{args.pages} pages ({files} files in docs/), {args.runs} pairs, medians:")
        for label, m in med.items():
            print(f"  {label}: {m['wall_s']:.2f}s wall, {m['cpu_s']:.2f}s cpu ({per_page[label]:.2f} ms cpu per file)")
        print(f"  same verdicts cold and warm: {same}")
        return 0 if same else 1
    finally:
        if args.workdir is None:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
