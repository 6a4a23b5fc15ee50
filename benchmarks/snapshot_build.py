#!/usr/bin/env python3
"""What publishing from the approved snapshot costs, against a plain ``mkdocs build``.

Uses plugin_overhead.py's generated site (Chinese pages under the eight columns of
policies/site.yml, an archive approving every page), made a real git repository, and
times, each as a whole process and alternating:

* A: ``govreview build`` — judge the commit from git objects, write the snapshot,
     run ``mkdocs build`` inside it with the plugin as second line (manifest check,
     inclusion recording), replace site/;
* B: plain ``mkdocs build`` of the same pages without govreview (column index pages
     written beforehand, explicit nav: the same HTML pages).

The findings cache is warmed once before the timed pairs (``--cold`` clears it before
every A run instead). Also timed: ``govreview stage`` alone at ``--stage-files`` files.

    python benchmarks/snapshot_build.py                        # 5,000 pages, 9 pairs, staging at 10,000 files
    python benchmarks/snapshot_build.py --pages 300 --runs 1 --stage-files 0   # quick check
    python benchmarks/snapshot_build.py --stage-only --stage-runs 9 --stage-baseline /tmp/old/plugins   # staging, A/B pairs

Results go to benchmarks/out/snapshot_build.json (gitignored). Figures are ratios of
CPU and wall time against B measured in the same run; the machine is noisy.
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
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from govreview.timefmt import SHANGHAI
from plugin_overhead import build as plain_build
from plugin_overhead import generate, versions

OUT_FILE = Path(__file__).resolve().parent / "out" / "snapshot_build.json"
#: Bytecode is written and read (a sandbox may set PYTHONDONTWRITEBYTECODE: every run would
#: then compile ~90 modules again, ~0.6 s, which an installed govreview never does).
ENV = {k: v for k, v in {**os.environ, "NO_MKDOCS_2_WARNING": "1"}.items() if k != "PYTHONDONTWRITEBYTECODE"}


def git_repo(folder: Path) -> None:
    """The generated site as a git repository; packed, as a clone is (loose objects cost a file each)."""
    (folder / ".gitignore").write_text("site/\n.govreview/\n", encoding="utf-8")
    commit = ["-c", "user.name=b", "-c", "user.email=b@example.invalid", "commit", "-qm", "site"]
    for args in (["init", "-q", "-b", "main"], ["add", "-A"], commit, ["gc", "-q"]):
        subprocess.run(["git", *args], cwd=folder, check=True, capture_output=True)


def settle() -> None:
    """Let the kernel write back what the last run wrote or deleted, so one run's disk
    work is not billed to the next."""
    os.sync()
    time.sleep(2)


def timed(cmd: list[str], cwd: Path, env: dict[str, str] | None = None) -> dict[str, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, env=env or ENV)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        sys.stderr.write(proc.stdout[-3000:] + proc.stderr[-3000:])
        raise SystemExit(f"{' '.join(cmd[:4])} failed in {cwd} (exit {proc.returncode})")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"wall_s": round(wall, 3), "cpu_s": round(cpu, 3)}


def govreview_build(site: Path, cold: bool) -> dict[str, float]:
    if cold:
        shutil.rmtree(site / ".govreview" / "cache", ignore_errors=True)
    return timed([sys.executable, "-m", "govreview.cli", "build", "--quiet-generator", "-q"], site)


def stage(site: Path, dest: Path, plugins: Path | None = None) -> dict[str, float]:
    """``govreview stage`` as a whole process; ``plugins``: another govreview tree to import instead."""
    shutil.rmtree(dest, ignore_errors=True)
    settle()
    env = {**ENV, "PYTHONPATH": os.pathsep.join([str(plugins), ENV.get("PYTHONPATH", "")])} if plugins else None
    return timed([sys.executable, "-m", "govreview.cli", "stage", str(dest)], site, env)


def median(rows: list[dict[str, float]], key: str) -> float:
    return round(statistics.median(r[key] for r in rows), 3)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pages", type=int, default=5000)
    ap.add_argument("--runs", type=int, default=9, help="timed A/B pairs (default 9)")
    ap.add_argument("--cold", action="store_true", help="clear the findings cache before every govreview build")
    ap.add_argument("--stage-files", type=int, default=10000, help="also time `govreview stage` on a site of this many pages (0: skip)")
    ap.add_argument("--stage-runs", type=int, default=5)
    ap.add_argument("--stage-only", action="store_true", help="time only `govreview stage` (no build pairs)")
    ap.add_argument(
        "--stage-baseline",
        type=Path,
        help="plugins folder of another govreview (e.g. a `git archive` of an older commit): staging alternates with it, A/B per pair",
    )
    ap.add_argument(
        "--stage-into",
        type=Path,
        default=Path("/dev/shm") if Path("/dev/shm").is_dir() else None,
        help="folder (a tmpfs) that `govreview stage` writes into; default /dev/shm where there is one, else the work folder",
    )
    ap.add_argument("--seed", type=int, default=2026)
    ap.add_argument("--workdir", type=Path)
    ap.add_argument("--out", type=Path, default=OUT_FILE)
    args = ap.parse_args(argv)
    root = args.workdir.resolve() if args.workdir else Path(tempfile.mkdtemp(prefix="govreview-snapbench-"))
    root.mkdir(parents=True, exist_ok=True)
    try:
        a_runs: list[dict[str, float]] = []
        b_runs: list[dict[str, float]] = []
        site = base = root / "build"
        if not args.stage_only:
            desc = generate(root / "build", args.pages, 0, args.seed)
            site, base = root / "build" / "with", root / "build" / "without"
            git_repo(site)
            print(f"generated {desc['pages']} pages at {root}", flush=True)
            govreview_build(site, cold=False)  # warm-up (and the findings cache)
            plain_build(base, base / "site")
        for i in range(0 if args.stage_only else args.runs):
            settle()
            a = govreview_build(site, args.cold)
            settle()
            b = plain_build(base, base / "site")
            a_runs.append(a)
            b_runs.append({"wall_s": b["wall_s"], "cpu_s": b["cpu_s"]})
            print(
                f"  pair {i + 1}: govreview build {a['wall_s']:.2f}s wall {a['cpu_s']:.2f}s cpu | mkdocs build {b['wall_s']:.2f}s wall {b['cpu_s']:.2f}s cpu",
                flush=True,
            )
        ratio = (
            {k: round(statistics.median(a[k] / b[k] for a, b in zip(a_runs, b_runs, strict=True)), 4) for k in ("wall_s", "cpu_s")}
            if a_runs
            else {}
        )
        own_ms = round(1000 * (median(a_runs, "cpu_s") - median(b_runs, "cpu_s")) / args.pages, 3) if a_runs else None
        same = args.stage_only or sorted(p.relative_to(site / "site").as_posix() for p in (site / "site").rglob("*.html")) == sorted(
            p.relative_to(base / "site").as_posix() for p in (base / "site").rglob("*.html")
        )
        staging: dict[str, Any] = {}
        if args.stage_files:
            big = root / "stage"
            generate(big, args.stage_files, 0, args.seed)
            git_repo(big / "with")
            into = Path(tempfile.mkdtemp(prefix="govreview-staged-", dir=args.stage_into)) if args.stage_into else root
            baseline_rows: list[dict[str, float]] = []
            try:
                stage(big / "with", into / "staged")  # warm-up (findings cache, bytecode)
                if args.stage_baseline:
                    stage(big / "with", into / "staged", args.stage_baseline)  # the baseline's bytecode
                rows = []
                for _ in range(args.stage_runs):
                    rows.append(stage(big / "with", into / "staged"))
                    if args.stage_baseline:  # alternating: A B A B …, so drift falls on both
                        baseline_rows.append(stage(big / "with", into / "staged", args.stage_baseline))
                files = sum(1 for p in (into / "staged").rglob("*") if p.is_file())
            finally:
                if into != root:
                    shutil.rmtree(into, ignore_errors=True)
            staging = {
                "pages": args.stage_files,
                "into": str(args.stage_into or root),
                "files_written": files,
                "runs": rows,
                "median_wall_s": median(rows, "wall_s"),
                "median_cpu_s": median(rows, "cpu_s"),
            }
            if baseline_rows:
                staging["baseline"] = {
                    "plugins": str(args.stage_baseline),
                    "runs": baseline_rows,
                    "median_wall_s": median(baseline_rows, "wall_s"),
                    "median_cpu_s": median(baseline_rows, "cpu_s"),
                    "ratio_a_over_b": {
                        k: round(statistics.median(a[k] / b[k] for a, b in zip(rows, baseline_rows, strict=True)), 4)
                        for k in ("wall_s", "cpu_s")
                    },
                }
            print(
                f"  govreview stage, {files} files: median {staging['median_wall_s']:.2f}s wall, {staging['median_cpu_s']:.2f}s cpu",
                flush=True,
            )
            if baseline_rows:
                b = staging["baseline"]
                print(
                    f"  baseline {args.stage_baseline}: median {b['median_wall_s']:.2f}s wall, {b['median_cpu_s']:.2f}s cpu;"
                    f" A/B per pair (median): wall {b['ratio_a_over_b']['wall_s']:.3f}, cpu {b['ratio_a_over_b']['cpu_s']:.3f}",
                    flush=True,
                )
        result = {
            "when": datetime.now(SHANGHAI).isoformat(timespec="seconds"),
            "args": {"pages": args.pages, "runs": args.runs, "cold": args.cold, "seed": args.seed},
            "machine": {"cpus": os.cpu_count(), **versions()},
            "govreview_build": a_runs,
            "plain_mkdocs_build": b_runs,
            "median": {
                "govreview_build": {k: median(a_runs, k) for k in ("wall_s", "cpu_s")},
                "plain": {k: median(b_runs, k) for k in ("wall_s", "cpu_s")},
            }
            if a_runs
            else {},
            "ratio_govreview_over_plain": ratio,
            "govreview_cpu_ms_per_page": own_ms,
            "same_html_page_set": same,
            "staging": staging,
        }
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        if a_runs:
            print(f"\n{args.pages} pages, {args.runs} pairs ({'cold' if args.cold else 'warm'} findings cache):")
            print(f"  ratio govreview build / plain mkdocs build (median of pairs): cpu {ratio['cpu_s']:.3f}, wall {ratio['wall_s']:.3f}")
            print(f"  govreview's own CPU: {own_ms:.2f} ms per page; same HTML pages: {same}")
        print(f"  results in {args.out}")
        return 0 if same else 1
    finally:
        if not args.workdir:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
