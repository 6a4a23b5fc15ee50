"""API calls and time for the forge side, against the local fake GitHub (tests/fakegithub.py):
``check-pr`` on a pull request touching 1 and 200 pages, and a sync of N merged pull requests.

    python benchmarks/forge_calls.py [--pulls 1000]

Times are whole operations on this machine, client and fake server in one process:
they measure our code and PyGithub, not GitHub's latency (multiply calls by GitHub's
~0.1–0.3 s per request for a real estimate).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from fakegithub import FakeGitHub  # noqa: E402
from github import Auth, Github  # noqa: E402
from gitsite import MKDOCS, POLICY, article  # noqa: E402
from govreview.checkpr import check_pull  # noqa: E402
from govreview.forge import Forge  # noqa: E402
from govreview.sync import sync  # noqa: E402


def client(fake: FakeGitHub) -> Forge:
    return Forge(Github(base_url=fake.url, auth=Auth.Token("t"), seconds_between_requests=0, retry=None, per_page=100), "city/site")


def base(fake: FakeGitHub):
    repo = fake.repo("city/site")
    repo.push("main", {"mkdocs.yml": MKDOCS, "policies/site.yml": POLICY, "docs/index.md": article("首页")}, actor="admin")
    return repo


def check_pr(pages: int) -> tuple[int, float, bool]:
    with FakeGitHub() as fake:
        repo = base(fake)
        pr = repo.open_pull("ed", "many", files={f"docs/news/p{i}.md": article(f"动态{i}") for i in range(pages)})
        pr.review("hana")
        pr.review("dong")
        pr.label("保密审查通过", actor="bao")
        fake.requests.clear()
        start = time.perf_counter()
        result = check_pull(client(fake), pr.number)
        return len(fake.requests), time.perf_counter() - start, result.ok


def sync_pulls(n: int) -> tuple[int, float, int, int, float]:
    with FakeGitHub() as fake:
        repo = base(fake)
        for i in range(n):
            pr = repo.open_pull("ed", f"b{i}", files={f"docs/news/p{i}.md": article(f"动态{i}")})
            pr.review("hana")
            pr.review("dong")
            pr.label("保密审查通过", actor="bao")
            pr.merge("lin")
        with tempfile.TemporaryDirectory() as tmp:
            archive = Path(tmp) / "approvals.jsonl"
            fake.requests.clear()
            start = time.perf_counter()
            added = len(sync(client(fake), archive).added)
            first = (len(fake.requests), time.perf_counter() - start)
            fake.requests.clear()
            start = time.perf_counter()
            sync(client(fake), archive)
            return first[0], first[1], added, len(fake.requests), time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pulls", type=int, default=1000)
    args = parser.parse_args()
    for pages in (1, 200):
        calls, seconds, ok = check_pr(pages)
        print(f"check-pr, {pages:>3} pages: {calls} API calls, {seconds:.2f} s (approved: {ok})")
    calls, seconds, added, again_calls, again_seconds = sync_pulls(args.pulls)
    print(
        f"sync of {args.pulls} merged pull requests: {calls} API calls ({calls / max(added, 1):.1f} per PR), {seconds:.1f} s, {added} added"
    )
    print(f"second sync (nothing new): {again_calls} API calls, {again_seconds:.2f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
