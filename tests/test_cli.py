"""The govreview command on real sites: exit codes, table, JSON and explanations."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from gitsite import GitSite, article, example_repo, run_govreview

ROOT = Path(__file__).resolve().parent.parent


run = run_govreview


@pytest.fixture(scope="module")
def example(tmp_path_factory):
    return example_repo(tmp_path_factory.mktemp("example"))


def test_check_lists_blocked_files_and_exits_1(example):
    proc = run(example, "check")
    assert proc.returncode == 1, proc.stderr
    assert "✗ news/2026-03-12-jingbao-shiming-zhunbei.md" in proc.stdout
    assert "主要领导" in proc.stdout and "@zhao-min" in proc.stdout
    assert "3 个拦截" in proc.stdout


def test_check_json_is_machine_readable(example):
    proc = run(example, "check", "--json")
    data = json.loads(proc.stdout)
    assert data["blocked"] == 3 and data["format"] == "govreview-report"
    assert {f["path"] for f in data["files"] if not f["approved"]} == {
        "news/2026-03-12-jingbao-shiming-zhunbei.md",
        "notices/2026-11-10-shenpi-banli-didian-tiaozheng.md",
        "replies/2026-08-14-renfang-churukou-duzhan.md",
    }


def test_explain_tells_the_whole_story(example):
    proc = run(example, "explain", "docs/replies/2026-08-14-renfang-churukou-duzhan.md")
    assert proc.returncode == 1
    out = proc.stdout
    assert "互动回复" in out and "#28" in out and "✓ 网站信息管理员：网站信息管理员 林娜" in out
    assert "✗ 保密审查" in out and "保密审查员 何静（@he-jing）" in out and "R-03" in out


def test_explain_in_english(example):
    proc = run(example, "explain", "news/2026-01-15-niandu-gongzuo-huiyi.md", lang="en")
    assert proc.returncode == 0
    assert "verdict: approved" in proc.stdout


def test_check_passes_on_a_fully_approved_site(tmp_path):
    site = GitSite(tmp_path)
    site.write("docs/news/a.md", article("动态"))
    site.commit("a")
    site.approve_inputs()
    site.approve_page("docs/index.md")
    site.approve_page("docs/news/a.md")
    proc = run(tmp_path, "check")
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_usage_errors_exit_2_without_traceback(tmp_path):
    proc = run(tmp_path, "check")
    assert proc.returncode == 2 and "mkdocs.yml" in proc.stderr and "Traceback" not in proc.stderr
    assert run(tmp_path, "explain").returncode == 2


def test_invalid_policy_is_reported_with_file_and_line(tmp_path):
    GitSite(tmp_path)
    text = (tmp_path / "policies" / "site.yml").read_text(encoding="utf-8")
    (tmp_path / "policies" / "site.yml").write_text(
        text.replace("steps: [{role: head}, {role: deputy}]", "steps: [{role: heda}]", 1), encoding="utf-8"
    )
    proc = run(tmp_path, "check")
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert "site.yml:" in proc.stderr and "heda" in proc.stderr


def test_deadlines_lists_unpublished_pages_by_their_last_day(example, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(example, site)
    (site / "docs/previews/2026-12-01-new.md").write_text(
        "---\ntitle: 新的活动预告\nauthor: 甲\ndate: 2026-11-25\nevent_date: 2026-12-04\n---\n正文\n", encoding="utf-8"
    )
    proc = run(site, "deadlines", "--today", "2026-11-25", "--json")
    items = {i["path"]: i for i in json.loads(proc.stdout)["items"]}
    preview = items["previews/2026-12-01-new.md"]
    assert (preview["last_day"], preview["working_days_left"], preview["overdue"], preview["rule"]) == ("2026-12-01", 4, False, "R-32")
    late = run(site, "deadlines", "--today", "2026-12-02", "--json")
    assert {i["path"]: i for i in json.loads(late.stdout)["items"]}["previews/2026-12-01-new.md"]["overdue"] is True
    assert late.returncode == 1


def test_deadlines_names_policies_still_waiting_for_their_interpretation(example, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(example, site)
    (site / "docs/interpretations/2026-02-27-weihu-guanli-banfa-jiedu.md").unlink()
    items = json.loads(run(site, "deadlines", "--today", "2026-11-25", "--json").stdout)["items"]
    missing = [i for i in items if i.get("missing") == "interpretation"]
    assert [(i["path"], i["rule"], i["last_day"], i["overdue"]) for i in missing] == [
        ("policies/2026-02-26-renfang-gongcheng-weihu-guanli-banfa.md", "R-33", "2026-03-04", True)  # Sat 28 Feb was a makeup working day
    ]


def test_check_inputs_only_ignores_withheld_pages(example):
    proc = run(example, "check", "--inputs")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "mkdocs.yml" in proc.stdout and "news/" not in proc.stdout


def test_screen_with_a_broken_policy_is_a_usage_error_naming_file_and_line(tmp_path):
    (tmp_path / "policies").mkdir()
    (tmp_path / "policies/site.yml").write_text("words:\n  - {term: 某词, severity: stop}\n", encoding="utf-8")
    (tmp_path / "a.md").write_text("---\ntitle: 甲\n---\n正文。\n", encoding="utf-8")
    result = run(tmp_path, "screen", "a.md")
    assert result.returncode == 2
    assert "policies/site.yml:2: “words[1].severity”应为 block 或 warn" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


def test_screen_reads_attachments_and_gbk_text(tmp_path):
    (tmp_path / "old.txt").write_bytes("内部资料\n".encode("gbk"))
    (tmp_path / "form.ofd").write_bytes(b"OFD")
    result = run(tmp_path, "screen", "old.txt", "form.ofd")
    assert result.returncode == 1, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert any(line.startswith("old.txt:") and " block R-03 " in line for line in lines), lines
    assert any(line.startswith("form.ofd:1:1: warn R-23 ") for line in lines), lines


def test_screen_speaks_english_when_asked(tmp_path):
    (tmp_path / "form.ofd").write_bytes(b"OFD")
    (tmp_path / "old.txt").write_bytes("内部资料\n".encode("gbk"))
    result = run(tmp_path, "screen", "--no-policies", "form.ofd", "old.txt", lang="en")
    lines = result.stdout.splitlines()
    assert "form.ofd:1:1: warn R-23 attachment needs manual review: OFD files cannot be checked automatically" in result.stdout, lines
    assert not any(ch in "".join(lines) for ch in "无法请检查"), lines


def test_commands_find_the_site_from_a_subfolder(example):
    inside = run(example / "docs" / "news", "check")
    top = run(example, "check")
    assert inside.returncode == top.returncode == 1
    assert inside.stdout == top.stdout, "the same site, judged the same way, from wherever it is run"
    explained = run(example / "docs" / "news", "explain", "2026-01-15-niandu-gongzuo-huiyi.md")
    assert explained.returncode == 0 and "工作动态" in explained.stdout


def test_outside_any_site_the_message_says_how_to_point_at_one(tmp_path):
    proc = run(tmp_path, "check")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert "找不到 mkdocs.yml" in proc.stderr and "-f" in proc.stderr


def test_dash_f_names_the_configuration_from_anywhere(example, tmp_path):
    proc = run(tmp_path, "check", "-f", str(example / "mkdocs.yml"))
    assert proc.returncode == 1 and "3 个拦截" in proc.stdout


def test_a_closed_pipe_ends_quietly(example):
    proc = subprocess.run(
        f"{sys.executable} -m govreview.cli check | head -c 0",
        shell=True,
        cwd=example,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert "Traceback" not in proc.stderr and "BrokenPipeError" not in proc.stderr, proc.stderr


def test_check_with_a_proposed_policy_previews_its_effect_on_every_verdict(example, tmp_path):
    proposed = tmp_path / "proposed"
    shutil.copytree(example / "policies", proposed)
    site = proposed / "site.yml"
    text = site.read_text(encoding="utf-8")
    stricter = text.replace(
        "      - role: unit_head\n      - role: deputy_leader\n    required_fields: [author]",
        "      - role: unit_head\n      - role: deputy_leader\n      - role: principal_leader\n    required_fields: [author]",
        1,
    )
    assert stricter != text
    site.write_text(stricter, encoding="utf-8")
    proc = run(example, "check", "--policies", str(proposed))
    assert proc.returncode == 1, proc.stdout + proc.stderr
    blocked = [line for line in proc.stdout.splitlines() if line.startswith("✓→✗")]
    assert blocked and all(" docs/news/" in line for line in blocked), proc.stdout
    assert "将由通过变为拦截" in proc.stdout and "主要领导" in proc.stdout
    unchanged = run(example, "check", "--policies", str(example / "policies"))
    assert unchanged.returncode == 0 and "0 个文件将由通过变为拦截" in unchanged.stdout
    assert run(example, "check").returncode == 1, "nothing was written: the site is judged as before"
