"""govreview doctor: repository settings read through PyGithub from the fake GitHub."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from fakegithub import FakeGitHub
from github import Auth, Github
from govreview.doctor import assess, diagnose
from govreview.forge import Forge

STRONG = {
    "required_status_checks": {"strict": True, "contexts": ["govreview"], "checks": [{"context": "govreview", "app_id": None}]},
    "required_pull_request_reviews": {
        "dismiss_stale_reviews": True,
        "require_code_owner_reviews": True,
        "require_last_push_approval": True,
        "required_approving_review_count": 1,
    },
    "enforce_admins": {"enabled": True},
    "allow_force_pushes": {"enabled": False},
    "allow_deletions": {"enabled": False},
}


def test_strong_classic_protection_passes():
    assert all(f.ok for f in assess(STRONG, []))


@pytest.mark.parametrize(
    ("change", "word"),
    [
        ({"required_status_checks": {"strict": True, "contexts": ["ci"]}}, "govreview"),
        ({"required_pull_request_reviews": {**STRONG["required_pull_request_reviews"], "dismiss_stale_reviews": False}}, "撤销"),
        ({"allow_force_pushes": {"enabled": True}}, "强制推送"),
        ({"enforce_admins": {"enabled": False}}, "管理员"),
    ],
)
def test_each_weakness_is_named(change, word, monkeypatch):
    monkeypatch.delenv("GOVREVIEW_LANG", raising=False)
    bad = [f for f in assess({**STRONG, **change}, []) if not f.ok]
    assert len(bad) == 1 and word in bad[0].text()


def test_rulesets_count_too():
    rules = [
        {
            "type": "required_status_checks",
            "parameters": {"strict_required_status_checks_policy": True, "required_status_checks": [{"context": "govreview"}]},
        },
        {
            "type": "pull_request",
            "parameters": {"dismiss_stale_reviews_on_push": True, "require_code_owner_review": True, "require_last_push_approval": True},
        },
        {"type": "non_fast_forward"},
        {"type": "deletion"},
    ]
    failing = [f for f in assess(None, rules) if not f.ok]
    assert [f.en for f in failing] == ["administrators cannot bypass these rules"]


def test_doctor_reads_the_settings_over_http_and_exits_1_on_weakness(tmp_path):
    with FakeGitHub() as fake:
        repo = fake.repo("city/site")
        repo.push("main", {"README.md": "x"}, actor="admin")
        client = Github(base_url=fake.url, auth=Auth.Token("t"), seconds_between_requests=0, retry=None)
        assert not all(f.ok for f in diagnose(Forge(client, "city/site"), "main")), "no protection at all"
        repo.protection["main"] = STRONG
        assert all(f.ok for f in diagnose(Forge(client, "city/site"), "main"))
        repo.protection["main"] = {**STRONG, "allow_deletions": {"enabled": True}}
        env = {**os.environ, "GITHUB_TOKEN": "t"}
        env.pop("GOVREVIEW_LANG", None)
        proc = subprocess.run(
            [sys.executable, "-m", "govreview.cli", "doctor", "--repo", "city/site", "--base-url", fake.url],
            capture_output=True, text=True, env=env, cwd=tmp_path,
        )  # fmt: skip
        assert proc.returncode == 1 and "✗ 禁止删除分支" in proc.stdout and "✓ 禁止强制推送" in proc.stdout
