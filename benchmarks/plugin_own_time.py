"""How much CPU time govreview's own event handlers take inside one ``mkdocs build``.

Whole-build ratios on a shared 2-core machine swing by ±15 % between identical
runs; this figure does not: it times (``time.process_time``) each govreview event
handler inside one in-process build, and compares the sum with the whole build.

    python benchmarks/plugin_own_time.py SITE_DIR [--runs 3]

SITE_DIR is a site with the plugin enabled, e.g. the "with" site that
``plugin_overhead.py --workdir DIR`` leaves in DIR/with.
"""

from __future__ import annotations

import argparse
import logging
import os
import statistics
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any


def one_build(site: Path) -> tuple[float, dict[str, float]]:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    spent: dict[str, float] = defaultdict(float)
    cwd = Path.cwd()
    os.chdir(site)
    try:
        with tempfile.TemporaryDirectory() as out:
            config = load_config(str(site / "mkdocs.yml"), site_dir=out)
            plugin = config.plugins["govreview"]
            for name in dir(type(plugin)):
                if name.startswith(("on_", "_on_")):
                    _wrap(config, plugin, name, spent)
            start = time.process_time()
            build(config)
            total = time.process_time() - start
    finally:
        os.chdir(cwd)
    return total, dict(spent)


def _wrap(config: Any, plugin: Any, name: str, spent: dict[str, float]) -> None:
    """Time a handler wherever MkDocs keeps it (its event lists hold bound methods)."""
    for event, methods in config.plugins.events.items():
        for i, method in enumerate(methods):
            if getattr(method, "__self__", None) is plugin and method.__name__ == getattr(getattr(type(plugin), name), "__name__", name):

                def timed(*args: Any, _m: Any = method, _e: str = event, **kwargs: Any) -> Any:
                    t0 = time.process_time()
                    try:
                        return _m(*args, **kwargs)
                    finally:
                        spent[_e] += time.process_time() - t0

                methods[i] = timed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("site", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    shares, totals, owns = [], [], []
    for run in range(args.runs):
        total, spent = one_build(args.site.resolve())
        own = sum(spent.values())
        shares.append(own / (total - own))
        totals.append(total)
        owns.append(own)
        detail = ", ".join(f"{k} {v:.2f}s" for k, v in sorted(spent.items(), key=lambda kv: -kv[1]))
        print(f"run {run + 1}: build {total:.2f}s cpu, govreview {own:.2f}s ({detail})")
    print(
        f"median: build {statistics.median(totals):.2f}s cpu, govreview {statistics.median(owns):.2f}s; "
        f"ratio with/without ≈ {1 + statistics.median(shares):.3f}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
