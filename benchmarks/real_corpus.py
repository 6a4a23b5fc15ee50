#!/usr/bin/env python3
"""Screening on real material nobody here wrote: findings per 1,000 files, by check and severity.

The material is never committed. Each corpus is a public git repository at a fixed commit
(see CORPORA and benchmarks/README.md for the recipe); the files are taken with
``git archive`` into a temporary folder and screened with ``govreview screen --json`` under the
example site's policy, as a new office would. Results (counts, and where each block finding is:
path, line, check — never the matched text) go to benchmarks/out/real_corpus.json.

    python benchmarks/real_corpus.py --corpus laws=/path/to/Laws.git
    python benchmarks/real_corpus.py --corpus laws=REPO --corpus hello-algo=REPO2 --source /other/checkout/plugins
        (--source: screen with another govreview, e.g. a worktree of an older commit, for before/after)

Repositories can be any git directory (a bare mirror is fine); the commit must be present.
"""

from __future__ import annotations

import argparse
import fnmatch
import json
import os
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
OUT_FILE = Path(__file__).resolve().parent / "out" / "real_corpus.json"

#: name -> (commit, pathspecs): the public repositories measured, at fixed commits.
CORPORA: dict[str, tuple[str, tuple[str, ...]]] = {
    # LawRefBook/Laws: 3,504 published Chinese laws, regulations and judicial interpretations (Markdown).
    "laws": ("2f4c5c23716267af9dbebbbbd6cbbf732b101981", ("*.md",)),
    # krahets/hello-algo: a Chinese MkDocs Material site (Markdown, images, SVG) and its code.
    "hello-algo": ("28c1e74c1d3594fca7cc41b78a6bd18b700c5ce9", ("docs", "codes")),
    # OI-wiki/OI-wiki: a large Chinese MkDocs site with SVG diagrams, C++ code and test data (.in/.ans).
    "oi-wiki": ("76fa67c1ef16613519ec6c1a4c58857eba8b2a96", ("docs",)),
}


def extract(repo: str, commit: str, specs: tuple[str, ...], dest: Path) -> int:
    """The files at ``commit`` matching ``specs`` into ``dest``; mirrors may lack their largest
    blobs, which are left out (and counted)."""
    git = ["git", "--git-dir", repo]
    listing = subprocess.run([*git, "ls-tree", "-r", "-z", commit], capture_output=True, check=True).stdout
    entries = [line.split(b"\t", 1) for line in listing.split(b"\0") if line]

    def wanted(name: str) -> bool:  # a folder name, or a file pattern such as *.md
        return any(fnmatch.fnmatch(name, spec) if "*" in spec else name == spec or name.startswith(spec + "/") for spec in specs)

    blobs = [(meta.split()[2], name) for meta, name in entries if meta.split()[1] == b"blob" and wanted(name.decode("utf-8", "replace"))]
    check = subprocess.run(
        [*git, "cat-file", "--batch-check"], input=b"\n".join(b for b, _ in blobs) + b"\n", capture_output=True, check=True
    )
    present = [name for (_, name), answer in zip(blobs, check.stdout.splitlines(), strict=True) if not answer.endswith(b"missing")]
    paths = [b":(literal)" + name for name in present]
    archive = subprocess.run([*git, "archive", "--format=tar", commit, "--", *(p.decode() for p in paths)], capture_output=True, check=True)
    subprocess.run(["tar", "-x", "-C", str(dest)], input=archive.stdout, check=True)
    return len(blobs) - len(present)


def screen(folder: Path, policies: Path, source: str | None) -> dict[str, Any]:
    env = {**os.environ, "GOVREVIEW_LANG": "zh"}
    if source:
        env["PYTHONPATH"] = source
    proc = subprocess.run(
        [sys.executable, "-m", "govreview.cli", "screen", "--json", "--policies", str(policies), str(folder)],
        capture_output=True,
        text=True,
        env=env,
    )
    if proc.returncode not in (0, 1):
        raise SystemExit(f"govreview screen failed ({proc.returncode}): {proc.stderr[-2000:]}")
    data: dict[str, Any] = json.loads(proc.stdout)
    return data


def summary(name: str, folder: Path, data: dict[str, Any]) -> dict[str, Any]:
    files = [p for p in folder.rglob("*") if p.is_file()]
    per_kind = Counter(p.suffix.lower() or "(none)" for p in files)
    rows = data["findings"]
    by_check = Counter((r["check"], r["severity"]) for r in rows)
    scale = 1000 / max(1, len(files))
    flagged_files = {r["path"] for r in rows}
    blocks = sorted(
        {(str(Path(r["path"]).relative_to(folder)), r["line"], r["check"]) for r in rows if r["severity"] == "block"},
    )
    warn_kinds = Counter(Path(r["path"]).suffix.lower() for r in rows if r["severity"] == "warn")
    per_file = Counter(r["path"] for r in rows if r["severity"] == "warn")
    return {
        "corpus": name,
        "files": len(files),
        "files_by_suffix": dict(per_kind.most_common()),
        "not_screened": len(data.get("not_screened", [])),
        "findings": len(rows),
        "files_with_findings": len(flagged_files),
        "per_1000_files": {f"{c}:{s}": round(n * scale, 1) for (c, s), n in sorted(by_check.items(), key=lambda kv: -kv[1])},
        "warn_per_1000_files": round(sum(n for (c, s), n in by_check.items() if s == "warn") * scale, 1),
        "block_per_1000_files": round(sum(n for (c, s), n in by_check.items() if s == "block") * scale, 1),
        "warnings_by_file_kind": dict(warn_kinds.most_common()),
        "warnings_per_data_file": per_data_file(folder, files, per_file),
        "files_over_1_warning": dict(Counter(Path(p).suffix.lower() for p, n in per_file.items() if n > 1).most_common()),
        "blocks": [{"path": p, "line": line, "check": c} for p, line, c in blocks],
    }


#: Files that are data or pictures, not prose: issue 12's target is at most 1 warning for each.
DATA_SUFFIXES = (".svg", ".in", ".out", ".ans", ".txt", ".csv", ".tsv", ".json", ".excalidraw", ".xml", ".yml", ".yaml", ".dat")


def per_data_file(folder: Path, files: list[Path], per_file: Counter[str]) -> dict[str, dict[str, object]]:
    """For each data suffix present: files, warnings, the most in one file, and the files over 1
    (paths relative to the corpus, never the text)."""
    out: dict[str, dict[str, object]] = {}
    for suffix in DATA_SUFFIXES:
        mine = [p for p in files if p.suffix.lower() == suffix]
        if not mine:
            continue
        counts = {str(p.relative_to(folder)): per_file.get(str(p), 0) for p in mine}
        over = sorted((n, path) for path, n in counts.items() if n > 1)
        out[suffix] = {
            "files": len(mine),
            "warnings": sum(counts.values()),
            "per_file": round(sum(counts.values()) / len(mine), 3),
            "max_in_one_file": max(counts.values()),
            "files_over_1": len(over),
            "over_1": [{"path": path, "warnings": n} for n, path in reversed(over[-20:])],
        }
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", action="append", required=True, metavar="NAME=GITDIR", help=f"one of {', '.join(CORPORA)}")
    ap.add_argument("--policies", type=Path, default=ROOT / "policies", help="policy folder (default: the example site's)")
    ap.add_argument("--source", help="PYTHONPATH of the govreview to measure (default: the installed one)")
    ap.add_argument("--out", type=Path, default=OUT_FILE)
    args = ap.parse_args(argv)
    results = []
    for item in args.corpus:
        name, _, repo = item.partition("=")
        if name not in CORPORA or not repo:
            raise SystemExit(f"--corpus NAME=GITDIR with NAME one of {', '.join(CORPORA)}")
        commit, specs = CORPORA[name]
        with tempfile.TemporaryDirectory(prefix=f"govreview-corpus-{name}-") as tmp:
            folder = Path(tmp)
            absent = extract(repo, commit, specs, folder)
            result = summary(name, folder, screen(folder, args.policies, args.source))
            result["absent_from_mirror"] = absent
        result["commit"] = commit
        results.append(result)
        print(
            f"{name} @ {commit[:12]}: {result['files']} files, {result['findings']} findings; "
            f"per 1,000 files: {result['block_per_1000_files']} block, {result['warn_per_1000_files']} warn",
            flush=True,
        )
        for key, value in list(result["per_1000_files"].items())[:12]:
            print(f"    {key:<28} {value}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"results in {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
