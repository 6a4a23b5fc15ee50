"""Contract test: every request govreview's forge code makes is valid for GitHub's real
REST API. The requests are recorded against the local fake (where behaviour is tested)
and replayed to Prism serving GitHub's own OpenAPI description, which reports any
request that breaks it (method, path, query parameters, body). Prism's example
responses are not used: behaviour is tested against the fake (see DESIGN.md)."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from fakegithub import FakeGitHub
from github import Auth, Github
from gitsite import MKDOCS, POLICY, article
from govreview.checkpr import check_pull, publish
from govreview.doctor import diagnose, diagnose_archive
from govreview.forge import Forge
from govreview.sync import sync

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "node_modules" / "@octokit" / "openapi" / "generated" / "api.github.com.json"
PRISM = ROOT / "node_modules" / ".bin" / "prism"
TEAM_POLICY = POLICY.replace("head: {name: 科室负责人, units: {office: [hana]}}", "head: {name: 科室负责人, units: {office: [city/heads]}}")


@pytest.fixture(scope="session")
def prism():
    assert PRISM.exists() and SPEC.exists(), "run npm ci (as .ci/run does) to install Prism and GitHub's OpenAPI description"
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    proc = subprocess.Popen(
        [str(PRISM), "mock", str(SPEC), "--errors", "-h", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={**os.environ}, start_new_session=True,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 180  # loading GitHub's description takes a while
    try:
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(url + "/meta", timeout=5).close()
                break
            except urllib.error.HTTPError:
                break  # it answers: up
            except OSError:
                assert proc.poll() is None, "prism exited"
                time.sleep(1)
        else:
            pytest.fail("Prism did not start within 180 s")
        yield url
    finally:
        # Prism runs its server in a child process: stop the whole group, or it outlives the tests
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)


def request_violations(base: str, method: str, path: str, query: dict[str, str], body: object) -> list[dict[str, object]]:
    url = base + urllib.parse.quote(path, safe="/") + ("?" + urllib.parse.urlencode(query) if query else "")
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(
        url,
        data=data,
        method=method,
        headers={"Authorization": "token t", "Accept": "application/vnd.github+json", "Content-Type": "application/json"},
    )
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:
            header = resp.headers.get("sl-violations")
            return [v for v in json.loads(header or "[]") if _about_request(v)]
    except urllib.error.HTTPError as err:
        payload = err.read()
        header = err.headers.get("sl-violations")
        found = json.loads(header) if header else (json.loads(payload or b"{}").get("validation") or [])
        return [v for v in found if _about_request(v)]


def _about_request(violation: dict[str, object]) -> bool:
    """Prism reports request problems at request/query/path/body/header, its own
    generated responses' problems at response (those are not ours)."""
    location = violation.get("location") or [""]
    return isinstance(location, list) and location[0] != "response"


def test_every_request_the_forge_code_makes_is_valid_for_github(prism, tmp_path):
    with FakeGitHub() as fake:
        repo = fake.repo("city/site")
        repo.push("main", {"mkdocs.yml": MKDOCS, "policies/site.yml": TEAM_POLICY, "docs/index.md": article("首页")}, actor="admin")
        fake.team("city", "heads", {"hana": "active"})
        merged = repo.open_pull("ed", "a", files={"docs/news/a.md": article("动态")})
        merged.review("hana")
        merged.review("dong")
        merged.label("保密审查通过", actor="bao")
        merged.merge("lin")
        open_pr = repo.open_pull("ed", "b", files={"docs/news/b.md": article("动态二")})
        open_pr.review("dong")
        client = Github(base_url=fake.url, auth=Auth.Token("t"), seconds_between_requests=0, seconds_between_writes=0, retry=None)
        forge = Forge(client, "city/site")
        sync(forge, tmp_path / "approvals.jsonl")
        publish(forge, check_pull(forge, open_pr.number))
        diagnose(forge, "main")
        repo.rulesets.append({"name": "tags", "target": "tag", "rules": [{"type": "update"}, {"type": "deletion"}]})
        diagnose_archive(forge)
        # The emergency takedown's calls (govreview takedown record / notify): the run's server
        # time, a team's membership, the issue telling the page's unit.
        forge.run_started_at(repo.start_run("hana"))
        forge.team_members(("city/heads",), {"hana"})
        forge.open_issue("紧急撤下：docs/news/a.md（办公室）", "页面已紧急撤下，请在 3 个工作日内确认。")
        recorded = list(fake.requests)
    seen: set[tuple[str, str, str]] = set()
    problems = []
    for r in recorded:
        key = (r.method, r.path, json.dumps(sorted(r.query.items())))
        if key in seen:
            continue
        seen.add(key)
        for v in request_violations(prism, r.method, r.path, dict(r.query), r.body):
            problems.append(f"{r.method} {r.path} {r.query}: {v.get('message')}")
    assert len(seen) > 15, "the scenario exercises the forge code"
    assert {("POST", "/repos/city/site/issues"), ("GET", "/orgs/city/teams/heads/memberships/hana")} <= {
        (r.method, r.path) for r in recorded
    }
    assert any(r.method == "GET" and r.path.startswith("/repos/city/site/actions/runs/") for r in recorded)
    assert problems == []
    # ... and the check itself can fail: a request GitHub would refuse is reported.
    assert request_violations(prism, "GET", "/repos/city/site/pulls", {"state": "merged"}, None)
    assert request_violations(prism, "POST", "/repos/city/site/statuses/abc", {}, {"state": "approved"})


def test_the_freshness_issue_requests_are_valid_for_github(prism):
    """The reminder issue's requests (list by label, open, update, close, reopen) against GitHub's description."""
    from datetime import date, datetime, timedelta, timezone

    from govreview.calendar_data import package_calendar
    from govreview.core.freshness import Item, freshness_report
    from govreview.core.policy import DAYS, Freshness, Threshold
    from govreview.freshness_cmd import LABEL, keep_issue
    from govreview.policy_yaml import load_policy

    policy = load_policy({"policies/site.yml": POLICY})
    thresholds = Freshness(columns={"news": (Threshold("R-42", 5, DAYS),)})
    cn = timezone(timedelta(hours=8))

    def rows(day: int):
        items = [Item("news/a.md", "news", "office", datetime(2026, 11, 2, 10, tzinfo=cn))]
        return freshness_report(thresholds, items, datetime(2026, 11, day, 9, tzinfo=cn), package_calendar())

    with FakeGitHub() as fake:
        repo = fake.repo("city/site")
        repo.push("main", {"mkdocs.yml": MKDOCS}, actor="admin")
        client = Github(base_url=fake.url, auth=Auth.Token("t"), seconds_between_requests=0, seconds_between_writes=0, retry=None)
        forge = Forge(client, "city/site")
        fake.issue_labels = "drop"  # the new issue's labels dropped (no push access): added on their own
        for day in (10, 11, 3, 12):  # opened, updated, closed, reopened
            keep_issue(forge, rows(day), policy, date(2026, 11, day), LABEL, "zh")
            fake.issue_labels = None
        recorded = list(fake.requests)
    assert {(r.method, r.path) for r in recorded} >= {
        ("GET", "/repos/city/site/issues"),
        ("POST", "/repos/city/site/issues"),
        ("PATCH", f"/repos/city/site/issues/{next(iter(repo.issues))}"),
    }
    problems = []
    for r in recorded:
        for v in request_violations(prism, r.method, r.path, dict(r.query), r.body):
            problems.append(f"{r.method} {r.path} {r.query}: {v.get('message')}")
    assert problems == []
    assert request_violations(prism, "GET", "/repos/city/site/issues", {"state": "stale"}, None)
    # Prism lets any body through on these two endpoints (tried: no title, state "finished"), so the
    # bodies are checked here against the description's own request schemas.
    import jsonschema

    spec = json.loads(SPEC.read_text(encoding="utf-8"))

    def schema(method: str, path: str) -> dict[str, object]:
        template = "/repos/{owner}/{repo}/issues" + ("" if path.endswith("/issues") else "/{issue_number}")
        template += "/labels" if path.endswith("/labels") else ""
        return spec["paths"][template][method.lower()]["requestBody"]["content"]["application/json"]["schema"]

    writes = [r for r in recorded if r.method in ("POST", "PATCH")]
    assert len(writes) == 5 and writes[1].path.endswith("/labels")
    for r in writes:
        jsonschema.validate(r.body, schema(r.method, r.path))
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"state": "finished"}, schema("PATCH", "/repos/city/site/issues/1"))
