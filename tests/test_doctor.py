"""govreview doctor: repository settings read through PyGithub from the fake GitHub."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import urllib.request
from pathlib import Path

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


def doctor_cli(fake: FakeGitHub, cwd: Path, *options: str) -> subprocess.CompletedProcess[str]:
    """``govreview [options] doctor`` for city/site on the fake, as a workflow runs it (Chinese unless told)."""
    env = {**os.environ, "GITHUB_TOKEN": "t"}
    env.pop("GOVREVIEW_LANG", None)
    command = [sys.executable, "-m", "govreview.cli", *options, "doctor", "--repo", "city/site", "--base-url", fake.url]
    return subprocess.run(command, capture_output=True, text=True, env=env, cwd=cwd)


def test_doctor_reads_the_settings_over_http_and_exits_1_on_weakness(tmp_path):
    with FakeGitHub() as fake:
        repo = fake.repo("city/site")
        repo.push("main", {"README.md": "x"}, actor="admin")
        client = Github(base_url=fake.url, auth=Auth.Token("t"), seconds_between_requests=0, retry=None)
        assert not all(f.ok for f in diagnose(Forge(client, "city/site"), "main")), "no protection at all"
        repo.protection["main"] = STRONG
        assert all(f.ok for f in diagnose(Forge(client, "city/site"), "main"))
        repo.protection["main"] = {**STRONG, "allow_deletions": {"enabled": True}}
        proc = doctor_cli(fake, tmp_path)
        assert proc.returncode == 1 and "✗ 禁止删除分支" in proc.stdout and "✓ 禁止强制推送" in proc.stdout


# -- the archive branch and its anchor tags ---------------------------------------------------------------------------

ARCHIVE_PROTECTED = {
    "allow_force_pushes": {"enabled": False},
    "allow_deletions": {"enabled": False},
    "restrictions": {"users": [{"login": "govreview-bot"}], "teams": [], "apps": []},
}
TAG_RULESET = {
    "name": "档案锚定标签",
    "target": "tag",
    "enforcement": "active",
    "conditions": {"ref_name": {"include": ["refs/tags/govreview-archive/*"], "exclude": []}},
    "rules": [{"type": "update"}, {"type": "deletion"}],
}


def test_a_protected_archive_and_immutable_anchor_tags_pass():
    from govreview.doctor import assess_archive

    assert all(f.ok for f in assess_archive(ARCHIVE_PROTECTED, [], [TAG_RULESET]))
    rules = [{"type": "deletion"}, {"type": "non_fast_forward"}, {"type": "update"}]
    assert all(f.ok for f in assess_archive(None, rules, [{**TAG_RULESET, "conditions": {"ref_name": {"include": ["~ALL"]}}}]))


@pytest.mark.parametrize(
    ("classic", "rulesets", "word"),
    [
        ({**ARCHIVE_PROTECTED, "allow_deletions": {"enabled": True}}, [TAG_RULESET], "禁止删除审批档案分支"),
        ({**ARCHIVE_PROTECTED, "allow_force_pushes": {"enabled": True}}, [TAG_RULESET], "改写历史"),
        ({k: v for k, v in ARCHIVE_PROTECTED.items() if k != "restrictions"}, [TAG_RULESET], "只有发布工作流能写"),
        (ARCHIVE_PROTECTED, [], "锚定标签"),
        (ARCHIVE_PROTECTED, [{**TAG_RULESET, "enforcement": "evaluate"}], "锚定标签"),  # only reported, not enforced
        (ARCHIVE_PROTECTED, [{**TAG_RULESET, "rules": [{"type": "deletion"}]}], "锚定标签"),  # a tag could be moved
        (ARCHIVE_PROTECTED, [{**TAG_RULESET, "conditions": {"ref_name": {"include": ["refs/tags/v*"]}}}], "锚定标签"),
        (
            ARCHIVE_PROTECTED,
            [{**TAG_RULESET, "conditions": {"ref_name": {"include": ["~ALL"], "exclude": ["refs/tags/govreview-*"]}}}],
            "锚定标签",
        ),
        (ARCHIVE_PROTECTED, None, "规则集"),
    ],
)
def test_each_archive_weakness_is_named(classic, rulesets, word, monkeypatch):
    from govreview.doctor import assess_archive

    monkeypatch.delenv("GOVREVIEW_LANG", raising=False)
    bad = [f for f in assess_archive(classic, [], rulesets) if not f.ok]
    assert len(bad) == 1 and word in bad[0].text(), [f.text() for f in bad]


def test_doctor_reads_the_archive_settings_over_http(tmp_path):
    import jsonschema
    from govreview.doctor import diagnose_archive
    from test_fakegithub import OPENAPI, _json_schema

    with FakeGitHub() as fake:
        repo = fake.repo("city/site")
        repo.push("main", {"README.md": "x"}, actor="admin")
        repo.protection["main"] = STRONG
        client = Github(base_url=fake.url, auth=Auth.Token("t"), seconds_between_requests=0, retry=None)
        forge = Forge(client, "city/site")
        assert [f.ok for f in diagnose_archive(forge)] == [False, False, False, False], "nothing protects the archive"
        repo.protection["govreview-archive"] = ARCHIVE_PROTECTED
        repo.rulesets += [{"name": "main", "target": "branch", "rules": [{"type": "deletion"}]}, TAG_RULESET]
        assert all(f.ok for f in diagnose_archive(forge))
        # The fake's rulesets have GitHub's shape.
        schemas = {"schemas": _json_schema(json.loads(OPENAPI.read_text())["components"]["schemas"])}
        for path in ("/repos/city/site/rulesets", "/repos/city/site/rulesets/2"):
            with urllib.request.urlopen(fake.url + path) as r:
                body = json.loads(r.read())
            schema = {"$ref": "#/components/schemas/repository-ruleset", "components": schemas}
            for item in body if isinstance(body, list) else [body]:
                assert not list(jsonschema.Draft202012Validator(schema).iter_errors(item)), path
        proc = doctor_cli(fake, tmp_path)
        assert proc.returncode == 0, proc.stdout + proc.stderr
        assert "city/site 的 govreview-archive 分支：" in proc.stdout and "✓ 锚定标签 govreview-archive/* 受规则集保护" in proc.stdout
        repo.rulesets.pop()
        proc = doctor_cli(fake, tmp_path, "--lang", "en")
        assert proc.returncode == 1 and "✗ the anchor tags govreview-archive/* are protected" in proc.stdout
