"""``govreview editor build``: the Decap CMS admin generated from the site's policy (issue 17).

Run as a person runs it (a fresh process in a real git repository of the example site): the
collections and fields come from policies/, a column added to the policy appears without any
hand-edited CMS configuration, the admin is refused inside site_dir or docs_dir (R-04: it is
never published), and without Decap's bundle nothing is written and the message says why."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from gitsite import example_repo, run_govreview

ROOT = Path(__file__).resolve().parent.parent
BUNDLE = ROOT / "node_modules" / "decap-cms" / "dist" / "decap-cms.js"
RELAY = "https://cms-auth.example.gov.cn"


def _build(site: Path, out: str, *extra: str) -> Any:
    return run_govreview(site, "editor", "build", out, "--repo", "jiangan/site", "--auth-url", RELAY, "--decap-js", str(BUNDLE), *extra)


def _config(out: Path) -> dict[str, Any]:
    text = (out / "config.yml").read_text(encoding="utf-8")
    assert text.startswith("# 由 govreview editor build")
    data = yaml.safe_load(text)
    assert isinstance(data, dict)
    return data


def _collection(config: dict[str, Any], name: str) -> dict[str, Any]:
    found = [c for c in config["collections"] if c["name"] == name]
    assert len(found) == 1, name
    return found[0]


def _fields(collection: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {f["name"]: f for f in collection["fields"]}


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    assert BUNDLE.is_file(), "run npm install (package.json pins decap-cms) to get Decap's bundle"
    site = example_repo(tmp_path_factory.mktemp("editor") / "site")
    proc = _build(site, "../admin")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "9 个栏目" in proc.stdout and "R-04" in proc.stdout
    return site.parent / "admin", _config(site.parent / "admin")


def test_backend_and_workflow(example):
    _, config = example
    assert config["backend"] == {
        "name": "github",
        "repo": "jiangan/site",
        "branch": "main",
        "api_root": "https://api.github.com",
        "base_url": RELAY,
        "auth_endpoint": "auth",
        "cms_label_prefix": "decap-cms/",  # the status labels the PR check reads the application time from
    }
    assert config["publish_mode"] == "editorial_workflow"  # every save is a pull request, never a commit on main
    assert config["locale"] == "zh_Hans"
    assert config["media_folder"] == "docs"


def test_one_collection_per_column(example):
    _, config = example
    folders = {c["name"]: (c["label"], c["folder"]) for c in config["collections"]}
    assert folders == {
        "home": ("首页", "docs"),
        "news": ("工作动态", "docs/news"),
        "notices": ("通知公告", "docs/notices"),
        "policies": ("政策文件", "docs/policies"),
        "interpretations": ("政策解读", "docs/interpretations"),
        "reprints": ("媒体转载", "docs/reprints"),
        "previews": ("活动预告", "docs/previews"),
        "replies": ("留言答复", "docs/replies"),
        "about": ("机构概况", "docs/about"),
    }
    for c in config["collections"]:
        assert c["create"] is True and c["format"] == "frontmatter" and c["extension"] == "md"
        assert c["slug"] == "{{year}}-{{month}}-{{day}}-{{slug}}"
        assert c["media_folder"] == ""  # attachments beside the page: the column's chain judges them
        assert [f["name"] for f in c["fields"]][:3] == ["title", "date", "author"]
        assert c["fields"][-1] == {"name": "body", "label": "正文", "widget": "markdown", "required": True}


def test_required_fields_are_required(example):
    _, config = example
    policies = _fields(_collection(config, "policies"))
    assert policies["doc_no"]["required"] is True and policies["doc_no"]["label"] == "文号"
    assert "R-13" in policies["doc_no"]["hint"]
    assert policies["no_interpretation_reason"]["required"] is False  # read by the R-33 rule, not required
    reprints = _fields(_collection(config, "reprints"))
    for name in ("author", "source", "source_url", "source_author"):
        assert reprints[name]["required"] is True, name
    previews = _fields(_collection(config, "previews"))
    assert previews["event_date"]["required"] is True
    assert previews["event_date"]["widget"] == "datetime" and previews["event_date"]["format"] == "YYYY-MM-DD"
    replies = _fields(_collection(config, "replies"))
    assert replies["asked_on"]["required"] is True
    assert replies["extension_reason"] == {"name": "extension_reason", "label": "延期理由", "required": False, "widget": "text"}
    news = _fields(_collection(config, "news"))
    assert news["leader_instruction"]["widget"] == "boolean"  # the R-17 escalation compares it with true
    assert news["leader_instruction"]["required"] is False
    assert "doc_no" not in news and "asked_on" not in news  # only what the column's category needs


def test_unit_is_the_columns_and_topic_is_a_select(example):
    _, config = example
    news = _fields(_collection(config, "news"))
    assert news["unit"] == {"name": "unit", "label": "单位", "widget": "hidden", "default": "office"}
    assert _fields(_collection(config, "previews"))["unit"]["default"] == "command"
    topic = news["topic"]
    assert topic["widget"] == "select" and topic["required"] is False
    assert {"label": "宣传教育", "value": "04"} in topic["options"]


def test_admin_files_load_nothing_from_outside(example):
    out, _ = example
    index = (out / "index.html").read_text(encoding="utf-8")
    assert '<script src="decap-cms.js"></script>' in index
    assert not re.search(r"(src|href)=\"(https?:)?//", index)  # no CDN
    assert '"立即发布"' in index and '"就绪"' in index and "MutationObserver" in index  # R-04 courtesy script
    bundle = (out / "decap-cms.js").read_text(encoding="utf-8")
    assert "githubstatus" not in bundle  # the status call abroad is patched out
    assert "githubstatus" in BUNDLE.read_text(encoding="utf-8")  # … and was there in the package
    chunks = sorted(p.name for p in out.glob("*.decap-cms.js"))
    assert chunks and chunks == sorted(p.name for p in BUNDLE.parent.glob("*.decap-cms.js"))


def test_a_column_and_fields_added_to_the_policy_show_up(tmp_path):
    site = example_repo(tmp_path / "site")
    policy = site / "policies" / "site.yml"
    text = policy.read_text(encoding="utf-8")
    text = text.replace("columns:\n", "columns:\n  bulletins: {name: 工作简报, category: news, unit: publicity, units: [office]}\n", 1)
    text += (
        "\nfields:\n"
        "  classified: {name: 是否涉密, choices: [是, 否], never_publish: [是], rule: R-03}\n"
        "  meeting_start: 会议开始日期\n"
        "  meeting_end: {name: 会议结束日期, not_before: meeting_start}\n"
    )
    policy.write_text(text, encoding="utf-8")
    proc = _build(site, "../admin")
    assert proc.returncode == 0, proc.stderr
    config = _config(tmp_path / "admin")
    bulletins = _collection(config, "bulletins")
    assert bulletins["label"] == "工作简报" and bulletins["folder"] == "docs/bulletins"
    fields = _fields(bulletins)
    assert fields["unit"]["widget"] == "select" and fields["unit"]["default"] == "publicity"
    assert fields["unit"]["options"] == [{"label": "宣传教育处", "value": "publicity"}, {"label": "办公室", "value": "office"}]
    assert fields["author"]["required"] is True
    for collection in config["collections"]:  # declared fields are every column's
        declared = _fields(collection)
        assert declared["classified"]["widget"] == "select" and declared["classified"]["options"] == ["是", "否"]
        assert declared["classified"]["label"] == "是否涉密" and declared["classified"]["required"] is False
        assert "R-03" in declared["classified"]["hint"] and "一律不发布" in declared["classified"]["hint"]
        assert declared["meeting_end"]["widget"] == "datetime" and declared["meeting_start"]["widget"] == "datetime"


@pytest.mark.parametrize("out", ["site/admin", "docs/admin", "docs"])
def test_out_inside_the_published_folders_is_refused(tmp_path, out):
    site = example_repo(tmp_path / "site")
    proc = _build(site, out)
    assert proc.returncode == 2
    assert "编辑后台不能写进" in proc.stderr and "Traceback" not in proc.stderr
    assert ("site_dir" if out.startswith("site") else "docs_dir") in proc.stderr
    assert not (site / "site").exists() and not (site / "docs" / "admin").exists()
    assert not (site / "docs" / "config.yml").exists() and not (site / "docs" / "decap-cms.js").exists()


def test_missing_bundle_is_refused_with_a_message(tmp_path):
    site = example_repo(tmp_path / "site")  # no node_modules in the site, none in its folder
    proc = run_govreview(site, "editor", "build", "../admin", "--repo", "jiangan/site", "--auth-url", RELAY)
    assert proc.returncode == 2
    assert "找不到 Decap CMS 的程序文件 decap-cms.js" in proc.stderr and "npm install" in proc.stderr
    assert str(site / "node_modules" / "decap-cms" / "dist" / "decap-cms.js") in proc.stderr
    assert "Traceback" not in proc.stderr
    assert not (tmp_path / "admin").exists()
    english = run_govreview(site, "editor", "build", "../admin", "--repo", "a/b", "--auth-url", RELAY, "--decap-js", "nope.js", lang="en")
    assert english.returncode == 2 and "decap-cms.js was not found" in english.stderr


def test_a_bundle_without_the_known_status_check_is_refused(tmp_path):
    site = example_repo(tmp_path / "site")
    other = tmp_path / "decap-cms.js"
    other.write_text('fetch("https://www.githubstatus.com/api/v2/components.json")', encoding="utf-8")
    proc = run_govreview(site, "editor", "build", "../admin", "--repo", "a/b", "--auth-url", RELAY, "--decap-js", str(other))
    assert proc.returncode == 2 and "githubstatus.com" in proc.stderr and "Traceback" not in proc.stderr
    assert not (tmp_path / "admin" / "decap-cms.js").exists()


def test_github_enterprise_server_api_root(tmp_path):
    site = example_repo(tmp_path / "site")
    proc = _build(site, "../admin", "--api-root", "https://git.example.gov.cn/api/v3/", "--branch", "publish")
    assert proc.returncode == 0, proc.stderr
    backend = _config(tmp_path / "admin")["backend"]
    assert backend["api_root"] == "https://git.example.gov.cn/api/v3" and backend["branch"] == "publish"


def test_a_policy_problem_names_the_file_and_line(tmp_path):
    site = example_repo(tmp_path / "site")
    policy = site / "policies" / "site.yml"
    policy.write_text(
        policy.read_text(encoding="utf-8").replace("category: news, unit: office}", "category: newz, unit: office}"), encoding="utf-8"
    )
    proc = _build(site, "../admin")
    assert proc.returncode == 1
    assert "policies/site.yml:" in proc.stderr and "Traceback" not in proc.stderr
    assert not (tmp_path / "admin").exists()


@pytest.mark.parametrize("url", ["https://cms-auth.example.gov.cn/oauth", "cms-auth.example.gov.cn", "ftp://relay"])
def test_the_auth_url_must_be_the_relays_origin(tmp_path, url):
    site = example_repo(tmp_path / "site")
    proc = run_govreview(site, "editor", "build", "../admin", "--repo", "a/b", "--auth-url", url, "--decap-js", str(BUNDLE))
    assert proc.returncode == 2 and "--auth-url" in proc.stderr and url in proc.stderr and "Traceback" not in proc.stderr
    assert not (tmp_path / "admin").exists()


def test_the_hidden_controls_are_labelled_as_the_pinned_decap_labels_them():
    # The R-04 script finds controls by their words: each must be one of Decap's own labels
    # (zh_Hans and English) in the pinned bundle, or an upgrade would leave a control visible.
    from govreview.editor.build import _PUBLISH_LABELS, _READY_COLUMN

    bundle = BUNDLE.read_text(encoding="utf-8")
    for label in (*_PUBLISH_LABELS, *_READY_COLUMN):
        assert re.search(r'[A-Za-z]+:"' + re.escape(label) + '"', bundle), label
